/**
 * What the program declares about each S3 bucket, gathered once from the bucket's satellite resources (Object
 * Lock, public access block, policy, encryption, replication): the keys, exposure and encryption readers share it.
 */
import type { AuditResource } from "../../types";
import type { ResourceGraph } from "../../../domain/resources/graph";
import { arr, isTrue, num, parseJson, rec, str, strings, isMarker } from "../../../domain/resources/values";
import { programKey } from "./kms";
import { BUCKET_LOCK_TYPES, BUCKET_LOGGING_TYPES, BUCKET_SSE_TYPES, BUCKET_TYPES, T } from "../../../domain/resources/awsTokens";

export interface BucketInfo {
  bucket: AuditResource;
  region: string;
  objectLockEnabled: boolean;
  lock?: { mode?: "COMPLIANCE" | "GOVERNANCE"; days?: number | "unknown" };
  /** All four public access block flags are set, on the bucket or for the whole account. */
  publicAccessBlocked: boolean;
  /** How the bucket policy confines data access, if it does. */
  policyConfines?: "vpc-endpoint" | "named-principals";
  /** The VPC endpoints (or VPCs) of the program the policy admits. */
  endpoints: AuditResource[];
  /**
   * Endpoints or VPCs the policy admits that the program does not declare (`vpce-...` written into the policy):
   * the network behind them is not the program's, so nothing says it is closed to the Internet.
   */
  foreignEndpoints: string[];
  /** A bucket policy whose document only the deployment computes (a preview's unknown). */
  policyUnknown?: boolean;
  /** The policy names an endpoint by a value only the deployment computes. */
  endpointUnknown?: boolean;
  sse?: { algorithm: string; customerManagedKey: boolean };
  /** Buckets replicating into this one. */
  replicaOf: AuditResource[];
  /**
   * Storage classes those replications write into this one (a rule's destination.storageClass; a rule that names
   * none keeps each source object's class and adds nothing here).
   */
  replicaStorageClasses: string[];
  /** Tag `cenm-backup:element`. */
  element?: string;
  /** What writes logs into this bucket (a trail, S3 access logging): it holds records, not data. */
  logDestinationOf: string[];
  /**
   * What records the reads and writes of this bucket's objects, the region that makes the record (a trail's home
   * region, the logged bucket's for S3 access logging) and the bucket the record lands in.
   */
  accessRecordedBy: { by: string; madeIn: string; destination?: AuditResource }[];
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

/** An endpoint or VPC id as AWS writes it: `vpce-` or `vpc-` and 8 or 17 hexadecimal digits. */
const AWS_NETWORK_ID = /^(vpce|vpc)-[0-9a-f]{8,17}$/;

/**
 * What one value of an aws:SourceVpce / aws:SourceVpc condition names (AWS_DOCS.s3VpcEndpointPolicy): an endpoint or
 * VPC of the program (by the identifier a deployed one carries, else by a reference whose name the value holds),
 * one the program does not declare (a literal `vpce-...`, or any value naming nothing declared), or a value only the
 * deployment computes.
 */
function endpointOf(g: ResourceGraph, policy: AuditResource, value: string): AuditResource | "foreign" | "unknown" {
  if (isMarker(value) || value.includes("[unknown]")) return "unknown";
  const types = [T.vpcEndpoint, T.vpc];
  const deployed = g.identifiedBy(value, types);
  if (deployed.length > 0) return deployed[0];
  if (AWS_NETWORK_ID.test(value)) return "foreign";
  const referenced = g.refs(policy, "policy", types).filter((r) => r.name !== "" && value.includes(r.name));
  if (referenced.length > 0) return referenced.sort((a, b) => b.name.length - a.name.length)[0];
  return "foreign";
}

/** Reads a bucket policy: does a Deny confine data access to a VPC endpoint or to named principals? */
function readPolicy(g: ResourceGraph, policy: AuditResource): { confines?: BucketInfo["policyConfines"]; endpoints: AuditResource[]; foreign: string[]; unknown: boolean } {
  const doc = rec(parseJson(policy.inputs.policy));
  let confines: BucketInfo["policyConfines"];
  const endpoints: AuditResource[] = [];
  const foreign: string[] = [];
  let unknown = false;
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
          for (const v of arr(value)) {
            const found = typeof v === "string" ? endpointOf(g, policy, v) : "unknown";
            if (found === "unknown") unknown = true;
            else if (found === "foreign") foreign.push(String(v));
            else if (!endpoints.includes(found)) endpoints.push(found);
          }
        } else if (/^(ArnNotEquals|ArnNotLike|StringNotEquals|StringNotLike)$/.test(op) && k === "aws:principalarn") {
          confines = confines ?? "named-principals";
        }
      }
    }
  }
  return { confines, endpoints, foreign, unknown };
}

/** Reads every bucket's satellites once. */
export function analyzeBuckets(g: ResourceGraph): Map<string, BucketInfo> {
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
      foreignEndpoints: [],
      replicaOf: [],
      replicaStorageClasses: [],
      logDestinationOf: [],
      accessRecordedBy: [],
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
    const rule = lc.inputs.rule;
    const unknown = isMarker(rule) || isMarker(rec(rule)?.defaultRetention) || isMarker(retention?.days) || isMarker(retention?.years);
    const days = unknown ? "unknown" : (num(retention?.days) ?? (num(retention?.years) !== undefined ? (num(retention?.years) as number) * 365 : undefined));
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
    if (isMarker(policy.inputs.policy)) info.policyUnknown = true;
    const read = readPolicy(g, policy);
    if (read.confines && info.policyConfines !== "vpc-endpoint") info.policyConfines = read.confines;
    for (const e of read.endpoints) if (!info.endpoints.includes(e)) info.endpoints.push(e);
    info.foreignEndpoints.push(...read.foreign.filter((f) => !info.foreignEndpoints.includes(f)));
    if (read.unknown) info.endpointUnknown = true;
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
      if (!info || dest === source) continue;
      if (!info.replicaOf.includes(source)) info.replicaOf.push(source);
      const storageClass = str(rec(rule.destination)?.storageClass);
      if (storageClass && !info.replicaStorageClasses.includes(storageClass)) info.replicaStorageClasses.push(storageClass);
    }
  }
  readAccessRecords(g, infos);
  return infos;
}

/** The object-ARN prefixes an S3 data-event selector names (`arn:aws:s3:::bucket/...`), as bucket identifiers. */
function selectedBucketValues(values: unknown): string[] {
  return strings(values).map((v) => v.replace(/\/.*$/, "").replace(/\/$/, ""));
}

/**
 * Who records each bucket's object reads and writes: CloudTrail trails whose data-event selectors name the bucket
 * (advanced selectors on AWS::S3::Object, or classic data resources), and S3 server access logging.
 */
function readAccessRecords(g: ResourceGraph, infos: Map<string, BucketInfo>): void {
  for (const trail of g.ofType(T.cloudTrail)) {
    const dest = g.ref(trail, "s3BucketName", BUCKET_TYPES, trail.inputs.s3BucketName);
    if (dest) infos.get(dest.urn)?.logDestinationOf.push(`CloudTrail ${trail.name}`);
    const covered = new Set<AuditResource>();
    for (const raw of arr(trail.inputs.advancedEventSelectors)) {
      const fields = arr(rec(raw)?.fieldSelectors).map(rec).filter((f): f is Record<string, unknown> => f !== undefined);
      const field = (name: string) => fields.find((f) => str(f.field) === name);
      if (!strings(field("eventCategory")?.equals).includes("Data")) continue;
      if (!strings(field("resources.type")?.equals).includes("AWS::S3::Object")) continue;
      const arnField = field("resources.ARN");
      if (!arnField) {
        for (const b of g.ofType(...BUCKET_TYPES)) covered.add(b); // every bucket's objects
        continue;
      }
      const values = [...selectedBucketValues(arnField.startsWiths), ...selectedBucketValues(arnField.equals)];
      for (const b of g.refs(trail, "advancedEventSelectors", BUCKET_TYPES, values)) covered.add(b);
    }
    for (const raw of arr(trail.inputs.eventSelectors)) {
      for (const dr of arr(rec(raw)?.dataResources)) {
        const d = rec(dr);
        if (str(d?.type) !== "AWS::S3::Object") continue;
        for (const b of g.refs(trail, "eventSelectors", BUCKET_TYPES, selectedBucketValues(d?.values))) covered.add(b);
      }
    }
    // A single-region trail records its home region's events only (aws-cloudtrail-single-region-scope).
    const home = g.regionOf(trail);
    const singleRegion = !isTrue(trail.inputs.isMultiRegionTrail) && !isMarker(trail.inputs.isMultiRegionTrail);
    for (const b of covered) {
      if (singleRegion && g.regionOf(b) !== home) continue;
      infos.get(b.urn)?.accessRecordedBy.push({ by: `CloudTrail ${trail.name} (data events)`, madeIn: home, ...(dest ? { destination: dest } : {}) });
    }
  }
  for (const logging of g.ofType(...BUCKET_LOGGING_TYPES)) {
    const source = g.ref(logging, "bucket", BUCKET_TYPES, logging.inputs.bucket);
    const dest = g.ref(logging, "targetBucket", BUCKET_TYPES, logging.inputs.targetBucket);
    if (dest) infos.get(dest.urn)?.logDestinationOf.push(`S3 access logging ${logging.name}`);
    if (source) infos.get(source.urn)?.accessRecordedBy.push({ by: `S3 access logging ${logging.name}`, madeIn: g.regionOf(source), ...(dest ? { destination: dest } : {}) });
  }
}

/**
 * Why the bucket can be reached from the Internet on its own account (its network's paths are the network reader's):
 * public access not blocked, no policy confining data access, or a policy admitting an endpoint outside the program.
 */
export function bucketReachableBecause(info: BucketInfo): string[] {
  const out: string[] = [];
  if (!info.publicAccessBlocked) out.push("no public access block with all four flags set covers the bucket");
  else if (info.policyConfines === undefined && !info.policyUnknown) out.push("no bucket policy confines data access to a VPC endpoint or to named principals");
  for (const f of info.foreignEndpoints) {
    out.push(`the bucket policy admits requests through ${f}, which the program does not declare: the network behind it cannot be judged closed to the Internet`);
  }
  return out;
}

/** Reachable from the Internet on the bucket's own account (see bucketReachableBecause). */
export function internetReachable(info: BucketInfo): boolean {
  return !(info.publicAccessBlocked && info.policyConfines !== undefined) || info.foreignEndpoints.length > 0;
}
