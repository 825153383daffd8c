/**
 * Separate copies of the signing keys held in AWS: Object-Lock escrow buckets and their cross-region replicas, and
 * CloudHSM clusters with HSMs in two zones or more. (Offline copies come from the stack outputs, see ../outputs.ts.)
 */
import type { AuditResource, KeyCopyFact } from "../../types";
import type { ResourceGraph } from "../../../domain/resources/graph";
import { str, unique } from "../../../domain/resources/values";
import { type BucketInfo, internetReachable } from "./buckets";
import { subnetZone } from "./files";
import { type GatewaysByVpc, subnetVpc } from "./network";
import { T } from "../../../domain/resources/awsTokens";

/**
 * A bucket holds key escrow: Object Lock on with a default retention declared, or tagged as the keys element;
 * never a bucket a trail or S3 access logging writes into (it holds records, not keys).
 */
export function isKeyEscrow(info: BucketInfo): boolean {
  if (info.logDestinationOf.length > 0) return false;
  return (info.objectLockEnabled && info.lock !== undefined) || info.element === "keys";
}

function escrowCopy(info: BucketInfo, buckets: Map<string, BucketInfo>): KeyCopyFact {
  const accessLog = info.accessRecordedBy.map((r) => {
    const dest = r.destination ? buckets.get(r.destination.urn) : undefined;
    return { by: `${r.by}${r.destination ? ` into ${r.destination.name}` : ""}`, lockedDestination: dest !== undefined && dest.objectLockEnabled && dest.lock !== undefined };
  });
  return {
    id: info.bucket.urn,
    kind: info.replicaOf.length > 0 ? "cloud-escrow-dr-replica" : "cloud-escrow",
    region: info.region,
    immutable: info.lock?.mode === "COMPLIANCE",
    ...(info.lock?.mode ? { lockMode: info.lock.mode } : {}),
    ...(info.lock?.days !== undefined ? { lockDays: info.lock.days } : {}),
    internetReachable: internetReachable(info),
    // Public access blocked and no gateway, but the policy that would confine data access is not known yet.
    ...(info.policyUnknown && info.publicAccessBlocked && info.policyConfines === undefined && info.gateways.length === 0
      ? { reachabilityUnknown: "the bucket policy is computed at deployment (a preview shows it unknown)" }
      : {}),
    customerManagedKey: info.sse?.customerManagedKey ?? false,
    ...(accessLog.length > 0 ? { accessLog } : {}),
  };
}

/** One copy per CloudHSM cluster whose HSMs sit in two zones or more. */
function hsmCopies(g: ResourceGraph, gateways: GatewaysByVpc): KeyCopyFact[] {
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
    const vpcs = unique(g.refs(cluster, "subnetIds", [T.subnet], cluster.inputs.subnetIds).map((s) => subnetVpc(g, s)).filter((v): v is AuditResource => !!v));
    copies.push({
      id: cluster.urn,
      kind: "cloud-hsm",
      region: g.regionOf(cluster),
      immutable: false,
      internetReachable: vpcs.some((v) => (gateways.get(v.urn) ?? []).length > 0),
      // Key material lives inside the HSMs, not under a KMS key.
      customerManagedKey: false,
      detail: `HSMs in ${distinct.sort().join(", ")}`,
    });
  }
  return copies;
}

export function readKeyCopies(g: ResourceGraph, buckets: Map<string, BucketInfo>, gateways: GatewaysByVpc): KeyCopyFact[] {
  const escrow = [...buckets.values()].filter(isKeyEscrow).map((info) => escrowCopy(info, buckets));
  return [...escrow, ...hsmCopies(g, gateways)];
}
