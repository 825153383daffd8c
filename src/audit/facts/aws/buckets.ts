/**
 * What the program declares about each S3 bucket, gathered once from the bucket's satellite resources (Object
 * Lock, public access block, policy, encryption, replication): the keys, exposure and encryption readers share it.
 */
import type { AuditResource } from "../../types";
import type { ResourceGraph } from "../../../domain/resources/graph";
import { arr, isTrue, num, parseJson, rec, str, strings } from "../../../domain/resources/values";
import { programKey } from "./kms";
import type { GatewaysByVpc } from "./network";
import { BUCKET_LOCK_TYPES, BUCKET_SSE_TYPES, BUCKET_TYPES, T } from "../../../domain/resources/awsTokens";

export interface BucketInfo {
  bucket: AuditResource;
  region: string;
  objectLockEnabled: boolean;
  lock?: { mode?: "COMPLIANCE" | "GOVERNANCE"; days?: number };
  /** All four public access block flags are set, on the bucket or for the whole account. */
  publicAccessBlocked: boolean;
  /** How the bucket policy confines data access, if it does. */
  policyConfines?: "vpc-endpoint" | "named-principals";
  /** The VPC endpoints the policy admits. */
  endpoints: AuditResource[];
  /** Internet or NAT gateways in the VPCs of those endpoints. */
  gateways: AuditResource[];
  sse?: { algorithm: string; customerManagedKey: boolean };
  /** Buckets replicating into this one. */
  replicaOf: AuditResource[];
  /** Tag `cenm-backup:element`. */
  element?: string;
}

const FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"];
const DATA_ACTIONS = /^(\*|s3:\*|s3:GetObject\*?|s3:Get\*|s3:\*Object\*?)$/i;
const VPCE_KEYS = ["aws:sourcevpce", "aws:sourcevpc"];

function fullBlock(r: AuditResource): boolean {
  return FLAGS.every((f) => isTrue(r.inputs[f]));
}

function everyone(principal: unknown): boolean {
  if (principal === "*") return true;
  const p = rec(principal);
  return p !== undefined && strings(p.AWS).includes("*");
}

/** Reads a bucket policy: does a Deny confine data access to a VPC endpoint or to named principals? */
function readPolicy(g: ResourceGraph, policy: AuditResource): { confines?: BucketInfo["policyConfines"]; endpoints: AuditResource[] } {
  const doc = rec(parseJson(policy.inputs.policy));
  let confines: BucketInfo["policyConfines"];
  const endpoints: AuditResource[] = [];
  for (const raw of arr(doc?.Statement)) {
    const st = rec(raw);
    if (!st || str(st.Effect) !== "Deny" || !everyone(st.Principal)) continue;
    if (!strings(st.Action).some((a) => DATA_ACTIONS.test(a))) continue;
    for (const [operator, body] of Object.entries(rec(st.Condition) ?? {})) {
      const op = operator.replace(/IfExists$/, "");
      for (const [key, value] of Object.entries(rec(body) ?? {})) {
        const k = key.toLowerCase();
        if ((op === "StringNotEquals" || op === "StringNotLike") && VPCE_KEYS.includes(k)) {
          confines = "vpc-endpoint";
          const found = g.refs(policy, "policy", [T.vpcEndpoint, T.vpc], value);
          for (const e of found) if (!endpoints.includes(e)) endpoints.push(e);
        } else if (/^(ArnNotEquals|ArnNotLike|StringNotEquals|StringNotLike)$/.test(op) && k === "aws:principalarn") {
          confines = confines ?? "named-principals";
        }
      }
    }
  }
  return { confines, endpoints };
}

/** Reads every bucket's satellites once. */
export function analyzeBuckets(g: ResourceGraph, gateways: GatewaysByVpc): Map<string, BucketInfo> {
  const accountBlocked = g.ofType(T.accountPublicAccessBlock).some(fullBlock);
  const infos = new Map<string, BucketInfo>();
  for (const bucket of g.ofType(...BUCKET_TYPES)) {
    const legacyLock = rec(bucket.inputs.objectLockConfiguration);
    const tags = rec(bucket.inputs.tags);
    infos.set(bucket.urn, {
      bucket,
      region: g.regionOf(bucket),
      objectLockEnabled: isTrue(bucket.inputs.objectLockEnabled) || str(legacyLock?.objectLockEnabled) === "Enabled",
      publicAccessBlocked: accountBlocked,
      endpoints: [],
      gateways: [],
      replicaOf: [],
      ...(str(tags?.["cenm-backup:element"]) ? { element: str(tags?.["cenm-backup:element"]) } : {}),
    });
  }
  const target = (r: AuditResource): BucketInfo | undefined => {
    const b = g.ref(r, "bucket", BUCKET_TYPES, r.inputs.bucket);
    return b ? infos.get(b.urn) : undefined;
  };

  for (const lc of g.ofType(...BUCKET_LOCK_TYPES)) {
    const info = target(lc);
    if (!info) continue;
    if (str(lc.inputs.objectLockEnabled) === "Enabled") info.objectLockEnabled = true;
    const retention = rec(rec(lc.inputs.rule)?.defaultRetention);
    const mode = str(retention?.mode)?.toUpperCase();
    const days = num(retention?.days) ?? (num(retention?.years) !== undefined ? (num(retention?.years) as number) * 365 : undefined);
    info.lock = {
      ...(mode === "COMPLIANCE" || mode === "GOVERNANCE" ? { mode } : {}),
      ...(days !== undefined ? { days } : {}),
    };
  }
  for (const pab of g.ofType(T.bucketPublicAccessBlock)) {
    const info = target(pab);
    if (info && fullBlock(pab)) info.publicAccessBlocked = true;
  }
  for (const policy of g.ofType(T.bucketPolicy)) {
    const info = target(policy);
    if (!info) continue;
    const read = readPolicy(g, policy);
    if (read.confines && info.policyConfines !== "vpc-endpoint") info.policyConfines = read.confines;
    for (const e of read.endpoints) {
      info.endpoints.push(e);
      const vpc = e.type === T.vpc ? e : g.ref(e, "vpcId", [T.vpc], e.inputs.vpcId);
      for (const gw of vpc ? (gateways.get(vpc.urn) ?? []) : []) if (!info.gateways.includes(gw)) info.gateways.push(gw);
    }
  }
  for (const sse of g.ofType(...BUCKET_SSE_TYPES)) {
    const info = target(sse);
    if (!info) continue;
    for (const raw of arr(sse.inputs.rules ?? sse.inputs.rule)) {
      const byDefault = rec(rec(raw)?.applyServerSideEncryptionByDefault);
      const algorithm = str(byDefault?.sseAlgorithm) ?? "unknown";
      const cmk = algorithm.startsWith("aws:kms") && programKey(g, sse, "rules", byDefault?.kmsMasterKeyId) !== undefined;
      info.sse = { algorithm, customerManagedKey: cmk || (info.sse?.customerManagedKey ?? false) };
    }
  }
  for (const rc of g.ofType(T.bucketReplication)) {
    const source = g.ref(rc, "bucket", BUCKET_TYPES, rc.inputs.bucket);
    if (!source) continue;
    for (const raw of arr(rc.inputs.rules ?? rc.inputs.rule)) {
      const rule = rec(raw);
      if (!rule || str(rule.status) === "Disabled") continue;
      const dest = g.ref(rc, "rules", BUCKET_TYPES, rec(rule.destination)?.bucket);
      const info = dest ? infos.get(dest.urn) : undefined;
      if (info && dest !== source && !info.replicaOf.includes(source)) info.replicaOf.push(source);
    }
  }
  return infos;
}

/** Reachable from the Internet unless public access is blocked, the policy confines data access, and no gateway opens the endpoint's VPC. */
export function internetReachable(info: BucketInfo): boolean {
  return !(info.publicAccessBlocked && info.policyConfines !== undefined) || info.gateways.length > 0;
}
