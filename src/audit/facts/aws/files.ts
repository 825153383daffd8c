/**
 * File system facts from EFS: regional or One Zone storage, the zones its mount targets serve, its encryption,
 * its replication to other regions and whether a backup selection covers it.
 */
import type { AuditResource, FileSystemFact } from "../../types";
import type { ResourceGraph } from "../../../domain/resources/graph";
import { isTrue, rec, str, unique } from "../../../domain/resources/values";
import { programKey } from "./kms";
import { T } from "../../../domain/resources/awsTokens";

/** Zone of a subnet (declared, or recorded in its outputs). */
export function subnetZone(subnet: AuditResource): string | undefined {
  return str(subnet.inputs.availabilityZone) ?? str(subnet.outputs?.availabilityZone);
}

/**
 * Zones a mount target may serve: its own record, else the zone of the subnet it is placed in. A preview may leave
 * the subnet ambiguous (unknown id, several subnets referenced): then every candidate zone is returned.
 */
function mountTargetZones(g: ResourceGraph, mt: AuditResource): string[] {
  const own = str(mt.inputs.availabilityZoneName) ?? str(mt.outputs?.availabilityZoneName);
  if (own) return [own];
  const subnets = g.refs(mt, "subnetId", [T.subnet], mt.inputs.subnetId);
  return unique(subnets.map(subnetZone).filter((z): z is string => !!z));
}

/**
 * Zones the mount targets of one file system serve. EFS allows one mount target per zone, so when the file
 * system has as many mount targets as there are candidate zones, each candidate zone has one; otherwise only the
 * zones of mount targets that resolve to a single zone are counted.
 */
function servedZones(candidates: string[][]): string[] {
  const all = unique(candidates.flat());
  if (all.length === candidates.length) return all.sort();
  return unique(candidates.filter((c) => c.length === 1).map((c) => c[0])).sort();
}

/** Region a replication configuration copies to (its destination's region, or the region of its destination zone). */
function destinationRegion(g: ResourceGraph, replication: AuditResource): string {
  const dest = rec(replication.inputs.destination) ?? rec(replication.inputs.destinations);
  const region = str(dest?.region);
  if (region) return region;
  const zone = str(dest?.availabilityZoneName);
  return zone ? zone.replace(/[a-z]$/, "") : g.regionOf(replication);
}

export function readFileSystems(g: ResourceGraph, protectedUrns: ReadonlySet<string>): FileSystemFact[] {
  const zones = new Map<string, string[][]>();
  for (const mt of g.ofType(T.efsMountTarget)) {
    const fs = g.ref(mt, "fileSystemId", [T.efsFileSystem], mt.inputs.fileSystemId);
    if (!fs) continue;
    const list = zones.get(fs.urn) ?? [];
    list.push(mountTargetZones(g, mt));
    zones.set(fs.urn, list);
  }
  const replication = new Map<string, string[]>();
  for (const rep of g.ofType(T.efsReplication)) {
    const fs = g.ref(rep, "sourceFileSystemId", [T.efsFileSystem], rep.inputs.sourceFileSystemId);
    if (fs) replication.set(fs.urn, [...(replication.get(fs.urn) ?? []), destinationRegion(g, rep)]);
  }
  return g.ofType(T.efsFileSystem).map((fs) => ({
    urn: fs.urn,
    name: fs.name,
    region: g.regionOf(fs),
    oneZone: fs.inputs.availabilityZoneName !== undefined && fs.inputs.availabilityZoneName !== null && fs.inputs.availabilityZoneName !== "",
    mountTargetZones: servedZones(zones.get(fs.urn) ?? []),
    encrypted: isTrue(fs.inputs.encrypted),
    customerManagedKey: programKey(g, fs, "kmsKeyId", fs.inputs.kmsKeyId) !== undefined,
    replicationRegions: unique(replication.get(fs.urn) ?? []),
    inBackupPlan: protectedUrns.has(fs.urn),
    protect: fs.protect,
    retainOnDelete: fs.retainOnDelete,
  }));
}
