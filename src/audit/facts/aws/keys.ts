/**
 * Separate copies of the signing keys held in AWS: Object-Lock escrow buckets and their cross-region replicas, and
 * CloudHSM clusters with HSMs in two zones or more. (Offline copies come from the stack outputs, see ../outputs.ts.)
 */
import type { KeyCopyFact, NetworkFact } from "../../types";
import type { ResourceGraph } from "../../../domain/resources/graph";
import { str, unique } from "../../../domain/resources/values";
import { type BucketInfo, bucketReachableBecause, internetReachable } from "./buckets";
import { subnetZone } from "./files";
import { T } from "../../../domain/resources/awsTokens";
import { isArchivedStorageClass } from "../../../domain/keyCopies";

/**
 * A bucket holds key escrow: Object Lock on with a default retention declared, or tagged as the keys element;
 * never a bucket a trail or S3 access logging writes into (it holds records, not keys).
 */
export function isKeyEscrow(info: BucketInfo): boolean {
  if (info.logDestinationOf.length > 0) return false;
  return (info.objectLockEnabled && info.lock !== undefined) || info.element === "keys";
}

/**
 * How a key copy's networks reach the Internet: the certain paths (each makes the copy reachable) and, failing
 * those, why the paths could not be judged (a preview's unknowns).
 */
export function networkReach(id: string, networks: readonly NetworkFact[]): { because: string[]; unknown?: string } {
  const mine = networks.filter((n) => n.keyCopies.includes(id));
  const because = mine.flatMap((n) => n.paths.filter((p) => !p.unknown).map((p) => `its network ${n.name} has a path to the Internet: ${p.name}: ${p.reason}`));
  const unknown = mine.flatMap((n) => n.paths.filter((p) => p.unknown).map((p) => `a route of its network ${n.name} (${p.name}): ${p.unknown}`))[0];
  return { because, ...(unknown ? { unknown } : {}) };
}

/** The reachability fields of a key copy: reachable for `because`, else unknown for `unknown`, else not reachable. */
export function reachability(because: string[], unknown: string | undefined): Pick<KeyCopyFact, "internetReachable" | "reachabilityUnknown" | "reachableBecause"> {
  if (because.length > 0) return { internetReachable: true, reachableBecause: because };
  return { internetReachable: false, ...(unknown ? { reachabilityUnknown: unknown } : {}) };
}

function escrowCopy(info: BucketInfo, buckets: Map<string, BucketInfo>, networks: readonly NetworkFact[]): KeyCopyFact {
  const accessLog = info.accessRecordedBy.map((r) => {
    const dest = r.destination ? buckets.get(r.destination.urn) : undefined;
    return {
      by: `${r.by}${r.destination ? ` into ${r.destination.name}` : ""}`,
      lockedDestination: dest !== undefined && dest.objectLockEnabled && dest.lock !== undefined,
      ...(dest ? { region: dest.region } : {}),
      // Made and kept where the copy is: recorded for as long as the copy can be read at all.
      inCopyRegion: r.madeIn === info.region && dest !== undefined && dest.region === info.region,
    };
  });
  const net = networkReach(info.bucket.urn, networks);
  const because = [...bucketReachableBecause(info), ...net.because];
  const reachable = internetReachable(info) || net.because.length > 0;
  // Public access blocked and no path, but the policy that would confine data access (or the endpoint it names) is
  // not known yet: the copy is not judged (internetReachable is then moot).
  const unknown =
    because.length > 0
      ? undefined
      : info.policyUnknown && info.publicAccessBlocked && info.policyConfines === undefined
        ? "the bucket policy is computed at deployment (a preview shows it unknown)"
        : reachable
          ? undefined
          : info.endpointUnknown
            ? "the VPC endpoint the bucket policy names is computed at deployment (a preview shows it unknown)"
            : net.unknown;
  const reach = { internetReachable: reachable, ...(because.length > 0 ? { reachableBecause: because } : {}), ...(unknown ? { reachabilityUnknown: unknown } : {}) };
  return {
    id: info.bucket.urn,
    kind: info.replicaOf.length > 0 ? "cloud-escrow-dr-replica" : "cloud-escrow",
    region: info.region,
    immutable: info.lock?.mode === "COMPLIANCE",
    ...(info.replicaStorageClasses.some(isArchivedStorageClass) ? { archived: true as const } : {}),
    ...(info.lock?.mode ? { lockMode: info.lock.mode } : {}),
    ...(info.lock?.days !== undefined ? { lockDays: info.lock.days } : {}),
    ...reach,
    customerManagedKey: info.sse?.customerManagedKey ?? false,
    ...(accessLog.length > 0 ? { accessLog } : {}),
  };
}

/** One copy per CloudHSM cluster whose HSMs sit in two zones or more. */
function hsmCopies(g: ResourceGraph, networks: readonly NetworkFact[]): KeyCopyFact[] {
  const zones = new Map<string, string[]>();
  for (const hsm of g.ofType(T.hsm)) {
    const cluster = g.ref(hsm, "clusterId", [T.hsmCluster], hsm.inputs.clusterId);
    if (!cluster) continue;
    const subnet = g.ref(hsm, "subnetId", [T.subnet], hsm.inputs.subnetId);
    const zone = str(hsm.inputs.availabilityZone) ?? (subnet ? subnetZone(subnet) : undefined);
    if (zone) zones.set(cluster.urn, [...(zones.get(cluster.urn) ?? []), zone]);
  }
  const copies: KeyCopyFact[] = [];
  for (const cluster of g.ofType(T.hsmCluster)) {
    const distinct = unique(zones.get(cluster.urn) ?? []);
    if (distinct.length < 2) continue;
    const net = networkReach(cluster.urn, networks);
    copies.push({
      id: cluster.urn,
      kind: "cloud-hsm",
      region: g.regionOf(cluster),
      immutable: false,
      ...reachability(net.because, net.unknown),
      // Key material lives inside the HSMs, not under a KMS key.
      customerManagedKey: false,
      detail: `HSMs in ${distinct.sort().join(", ")}`,
    });
  }
  return copies;
}

export function readKeyCopies(g: ResourceGraph, buckets: Map<string, BucketInfo>, networks: readonly NetworkFact[]): KeyCopyFact[] {
  const escrow = [...buckets.values()].filter(isKeyEscrow).map((info) => escrowCopy(info, buckets, networks));
  return [...escrow, ...hsmCopies(g, networks)];
}
