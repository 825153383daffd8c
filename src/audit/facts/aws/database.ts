/**
 * Database facts from RDS resources: each cluster or primary instance with the copies its declaration implies
 * (synchronous or semi-synchronous standbys in its region, cross-region read replicas, replicated automated
 * backups), each copy with the recovery point and recovery time it can offer and the figure behind them.
 */
import type { AuditResource, DatabaseCopyFact, DatabaseFact } from "../../types";
import type { ResourceGraph } from "../../../domain/resources/graph";
import { isMarker, isTrue, num, str, strings, unique } from "../../../domain/resources/values";
import { programKey } from "./kms";
import { FIGURES, figureBasis as basis } from "../../../domain/figures";
import { isMultiAzDbCluster } from "../../../domain/limits/aws";
import { RDS_TYPES, T } from "../../../domain/resources/awsTokens";

/** Zones of the subnets of the DB subnet group a database names. */
function subnetGroupZones(g: ResourceGraph, db: AuditResource): string[] {
  const group = g.ref(db, "dbSubnetGroupName", [T.rdsSubnetGroup], db.inputs.dbSubnetGroupName);
  if (!group) return [];
  const subnets = g.refs(group, "subnetIds", [T.subnet]);
  return unique(subnets.map((s) => str(s.inputs.availabilityZone) ?? str(s.outputs?.availabilityZone)).filter((z): z is string => !!z)).sort();
}

/** The ReplicaLag alarm threshold (seconds) watching a database, when an alarm watches it. */
function replicaLagThreshold(g: ResourceGraph, db: AuditResource): number | undefined {
  for (const alarm of g.referrers(db, [T.metricAlarm], "dimensions")) {
    if (str(alarm.inputs.metricName) !== "ReplicaLag") continue;
    const threshold = num(alarm.inputs.threshold);
    if (threshold !== undefined) return threshold;
  }
  return undefined;
}

function primaryCopy(db: AuditResource, region: string, zones: string[]): DatabaseCopyFact {
  return {
    urn: db.urn,
    name: db.name,
    role: "primary",
    region,
    availabilityZones: zones,
    mode: "synchronous",
    rpoSeconds: 0,
    rpoSource: "the primary itself",
    rtoSeconds: 0,
    rtoSource: "the primary itself",
  };
}

/**
 * A cross-region read replica, as a copy of its source. Its RPO is the figures table's replica lag; a ReplicaLag
 * alarm says when someone is told, not how far the replica may fall behind, so it is reported beside it.
 */
function replicaCopy(g: ResourceGraph, replica: AuditResource): DatabaseCopyFact {
  const threshold = replicaLagThreshold(g, replica);
  const zone = str(replica.inputs.availabilityZone);
  return {
    urn: replica.urn,
    name: replica.name,
    role: "cross-region-replica",
    region: g.regionOf(replica),
    availabilityZones: zone ? [zone] : subnetGroupZones(g, replica),
    mode: "asynchronous",
    rpoSeconds: FIGURES.rdsCrossRegionReplicaRpo.seconds,
    rpoSource: `${basis(FIGURES.rdsCrossRegionReplicaRpo)}${threshold !== undefined ? `; a ReplicaLag alarm fires above ${threshold} s` : "; no ReplicaLag alarm watches it"}`,
    rtoSeconds: FIGURES.rdsReplicaPromotionRto.seconds,
    rtoSource: basis(FIGURES.rdsReplicaPromotionRto),
    // RDS creates a standby in another zone for a read replica created as a Multi-AZ DB instance, whatever its source:
    // https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PostgreSQL.Replication.ReadReplicas.html
    zoneStandby: isTrue(replica.inputs.multiAz),
  };
}

function backupsCopy(g: ResourceGraph, replication: AuditResource): DatabaseCopyFact {
  return {
    urn: replication.urn,
    name: replication.name,
    role: "dr-automated-backups",
    region: g.regionOf(replication),
    availabilityZones: [],
    mode: "point-in-time",
    rpoSeconds: FIGURES.rdsDrAutomatedBackupsRpo.seconds,
    rpoSource: basis(FIGURES.rdsDrAutomatedBackupsRpo),
    rtoSeconds: FIGURES.rdsRestoreRto.seconds,
    rtoSource: basis(FIGURES.rdsRestoreRto),
  };
}

/** Topology and in-region copies of a cluster. */
function clusterCopies(g: ResourceGraph, db: AuditResource, region: string): { topology: DatabaseFact["topology"]; copies: DatabaseCopyFact[] } {
  const declared = strings(db.inputs.availabilityZones);
  const zones = declared.length > 0 ? unique(declared) : subnetGroupZones(g, db);
  if (db.inputs.dbClusterInstanceClass !== undefined) {
    // A Multi-AZ DB cluster: a writer and two readable standbys, each in a zone of its own.
    const standby = (i: number): DatabaseCopyFact => ({
      urn: db.urn,
      name: `${db.name} readable standby ${i}`,
      role: "readable-standby",
      region,
      availabilityZones: zones,
      mode: "semi-synchronous",
      rpoSeconds: 0,
      rpoSource: `semi-synchronous: ${basis(FIGURES.synchronousRpo)}`,
      rtoSeconds: FIGURES.rdsClusterFailover.seconds,
      rtoSource: basis(FIGURES.rdsClusterFailover),
    });
    return { topology: "multi-az-cluster", copies: [primaryCopy(db, region, zones), standby(1), standby(2)] };
  }
  // An Aurora cluster: its instances are separate resources; every one beyond the writer is a replica.
  const instances = g.referrers(db, [T.rdsClusterInstance], "clusterIdentifier");
  const instanceZones = unique(instances.map((i) => str(i.inputs.availabilityZone)).filter((z): z is string => !!z));
  const copies = [primaryCopy(db, region, zones.length > 0 ? zones : instanceZones)];
  for (const replica of instances.slice(1)) {
    const zone = str(replica.inputs.availabilityZone);
    copies.push({
      urn: replica.urn,
      name: replica.name,
      role: "readable-standby",
      region,
      availabilityZones: zone ? [zone] : zones,
      mode: "synchronous",
      rpoSeconds: 0,
      rpoSource: "Aurora replicas read the cluster volume, which stores every commit in three zones before it returns",
      rtoSeconds: FIGURES.rdsInstanceFailover.seconds,
      rtoSource: `Aurora replica promotion: no figure in the figures table, so the Multi-AZ instance bound is used: ${basis(FIGURES.rdsInstanceFailover)}`,
    });
  }
  return { topology: copies.length > 1 ? "multi-az-instance" : "single-az-instance", copies };
}

function instanceCopies(g: ResourceGraph, db: AuditResource, region: string): { topology: DatabaseFact["topology"]; copies: DatabaseCopyFact[] } {
  const zone = str(db.inputs.availabilityZone);
  if (isTrue(db.inputs.multiAz)) {
    const zones = subnetGroupZones(g, db);
    const standby: DatabaseCopyFact = {
      urn: db.urn,
      name: `${db.name} standby`,
      role: "standby",
      region,
      availabilityZones: zones,
      mode: "synchronous",
      rpoSeconds: 0,
      rpoSource: basis(FIGURES.synchronousRpo),
      rtoSeconds: FIGURES.rdsInstanceFailover.seconds,
      rtoSource: basis(FIGURES.rdsInstanceFailover),
    };
    return { topology: "multi-az-instance", copies: [primaryCopy(db, region, zones), standby] };
  }
  return { topology: "single-az-instance", copies: [primaryCopy(db, region, zone ? [zone] : [])] };
}

/** Automated backup retention in days: the declared period, the RDS default (1) when absent, 0 when unknown. */
function retentionDays(value: unknown): number {
  if (value === undefined || value === null) return 1;
  return num(value) ?? 0;
}

/** A final snapshot is taken on deletion: not skipped, and an identifier to take it under. */
function takesFinalSnapshot(db: AuditResource): boolean {
  const id = db.inputs.finalSnapshotIdentifier;
  const named = typeof id === "string" && id !== "";
  return !isTrue(db.inputs.skipFinalSnapshot) && !isMarker(db.inputs.skipFinalSnapshot) && named;
}

/** Every RDS cluster and primary instance, with its copies; read replicas are copies of their source. */
export function readDatabases(g: ResourceGraph): DatabaseFact[] {
  const replicasOf = new Map<string, AuditResource[]>();
  const attached = new Set<AuditResource>();
  for (const inst of g.ofType(T.rdsInstance)) {
    if (inst.inputs.replicateSourceDb === undefined) continue;
    const source = g.ref(inst, "replicateSourceDb", RDS_TYPES, inst.inputs.replicateSourceDb);
    if (!source) continue;
    const list = replicasOf.get(source.urn) ?? [];
    list.push(inst);
    replicasOf.set(source.urn, list);
    attached.add(inst);
  }
  const backupsOf = new Map<string, AuditResource[]>();
  for (const rep of g.ofType(T.rdsBackupsReplication)) {
    const source = g.ref(rep, "sourceDbInstanceArn", RDS_TYPES, rep.inputs.sourceDbInstanceArn);
    // RDS replicates the automated backups of DB instances only (platform limit): a cluster's is no copy.
    if (!source || source.type !== T.rdsInstance) continue;
    const list = backupsOf.get(source.urn) ?? [];
    list.push(rep);
    backupsOf.set(source.urn, list);
  }

  const facts: DatabaseFact[] = [];
  for (const db of g.ofType(T.rdsCluster, T.rdsInstance)) {
    if (attached.has(db)) continue;
    const region = g.regionOf(db);
    const { topology, copies } = db.type === T.rdsCluster ? clusterCopies(g, db, region) : instanceCopies(g, db, region);
    for (const replica of replicasOf.get(db.urn) ?? []) copies.push(replicaCopy(g, replica));
    for (const rep of backupsOf.get(db.urn) ?? []) copies.push(backupsCopy(g, rep));
    facts.push({
      urn: db.urn,
      name: db.name,
      type: db.type,
      engine: str(db.inputs.engine) ?? "unknown",
      region,
      topology,
      copies,
      deletionProtection: isTrue(db.inputs.deletionProtection),
      finalSnapshot: takesFinalSnapshot(db),
      backupRetentionDays: retentionDays(db.inputs.backupRetentionPeriod),
      storageEncrypted: isTrue(db.inputs.storageEncrypted),
      customerManagedKey: programKey(g, db, "kmsKeyId", db.inputs.kmsKeyId) !== undefined,
      publiclyAccessible: isTrue(db.inputs.publiclyAccessible),
      protect: db.protect,
      retainOnDelete: db.retainOnDelete,
      ...(isMultiAzDbCluster(db) ? { backupCopyUnsupported: "aws-backup-no-copy-of-multi-az-cluster" } : {}),
    });
  }
  return facts;
}
