/**
 * Offline-style storage for CENM's signing keys: a locked, versioned, KMS-encrypted escrow bucket reachable only
 * through a gateway endpoint of an isolated VPC, its locked replica in the DR region, an optional CloudHSM
 * cluster, and the record of the copies operators keep outside the cloud.
 */
import { AWS_VPC_PREFIX } from "../../domain/cidr";
import { KMS_DELETION_WINDOW_DAYS } from "../../domain/keyRetention";
import * as pulumi from "@pulumi/pulumi";
import * as cloudhsmv2 from "@pulumi/aws/cloudhsmv2";
import * as ec2 from "@pulumi/aws/ec2";
import * as iam from "@pulumi/aws/iam";
import * as kms from "@pulumi/aws/kms";
import * as s3 from "@pulumi/aws/s3";
import { accountOf, customerManagedKey, elementTags, forceDestroyOf, keyPolicy, lockoutBypass, PolicyStatement, statefulOptions, refuseForeignBreakGlass } from "./common";
import type { OfflineKeyVaultArgs } from "./contracts";
import { ENVIRONMENTS, LOCK_MODES } from "../../domain/vocabulary";
import type { OfflineCopy, LockMode } from "../../domain/vocabulary";
import { MINUTE } from "../../domain/durations";
import { FIGURES } from "../../domain/figures";
import type { CopyDescriptor } from "../types";
import { countKeyCopies, describeKeyCopies, KeyCopyCount, KeyCopyKind, MIN_KEY_COPIES } from "../../domain/keyCopies";
import { HSM_INITIALIZED_TAG, S3_OBJECT_LOCK_RETENTION_DAYS as LOCK_DAYS } from "../../domain/limits/aws";
import { EscrowAccessLog } from "./EscrowAccessLog";
import { AUDIT_LOG_RETENTION_DAYS } from "../../domain/windows";

const ELEMENT = "keys";
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;
const PRINCIPAL_ARN = /^arn:aws[a-z-]*:iam::\d{12}:(role|user)\/.+$/;
/** AWS limits: a VPC is /16 to /28, and so is a subnet. */
const MIN_PREFIX = AWS_VPC_PREFIX.min;
const MAX_PREFIX = AWS_VPC_PREFIX.max;
/** Days after which an interrupted multipart upload is cleaned up. */
const ABORT_MULTIPART_DAYS = 7;
/** Days the escrow's access log is kept when the args give none (R3's CA practice keeps audit logs 7 years). */
export const DEFAULT_ACCESS_LOG_RETENTION_DAYS = AUDIT_LOG_RETENTION_DAYS;
/** S3 Replication Time Control: its documented threshold, in minutes. */
const RTC_MINUTES = FIGURES.s3RtcRpo.seconds / MINUTE;

/**
 * Storage class S3 writes the DR replica's objects in: S3 Glacier Instant Retrieval. Its objects are read like
 * Standard ones, in milliseconds and without a restore (GetObject refuses the archived classes, GLACIER and DEEP_ARCHIVE,
 * until RestoreObject has run, which takes hours: AWS's GetObject and RestoreObject API reference), so
 * the replica is as quick to read as the escrow when the primary region is lost. It bills at least 90 days and
 * 128 KB per object version (the S3 storage-class comparison): the escrow's versions are kept for years under
 * Object Lock and never deleted early, so only the 128 KB floor applies to a few kilobytes of wrapped key material,
 * and reads, which happen only at a recovery, pay a per-GB retrieval charge. The class is a valid replication
 * destination (the S3 API's StorageClass enum of a replication Destination). Replicas keep their source's Object
 * Lock retention (S3's replication page); no page read ties Object Lock to a storage class.
 */
export const ESCROW_REPLICA_STORAGE_CLASS = "GLACIER_IR";

/**
 * Object and listing actions on the escrow (and its replica): reading, writing, deleting, restoring and
 * replicating key material, listing versions and uploads, and bypassing a governance lock.
 *
 * `s3:ListBucket` is deliberately absent. The AWS provider checks that a bucket exists with HeadBucket, which S3
 * authorises with `s3:ListBucket`; denying it outside the endpoint would make every later `pulumi up` or refresh
 * of the bucket fail for the deploying principal. What it exposes is object names and sizes, never content;
 * the version listing (`s3:ListBucketVersions`) and every object read stay denied.
 */
export const ESCROW_DATA_ACTIONS = [
  "s3:GetObject*",
  "s3:PutObject*",
  "s3:DeleteObject*",
  "s3:RestoreObject",
  "s3:ListBucketVersions",
  "s3:ListBucketMultipartUploads",
  "s3:ListMultipartUploadParts",
  "s3:AbortMultipartUpload",
  "s3:BypassGovernanceRetention",
  "s3:Replicate*",
] as const;

/** What the component checked and derived from its args before declaring anything. */
interface VaultPlan {
  zones: string[];
  subnetCidrs: string[];
  drReplica: boolean;
  cloudHsm: boolean;
  offlineCopies: OfflineCopy[];
  count: KeyCopyCount;
}

/** One key copy, with the properties R3 cares about spelt out: is it immutable, can the Internet reach it. */
export interface KeyCopyDetail {
  kind: KeyCopyKind;
  /** Logical resource name, or the operator's identifier for an offline copy. */
  id: string;
  /** AWS region, or "offline". */
  region: string;
  /** True only when nobody, the account root included, can delete or overwrite it before its retention ends. */
  immutable: boolean;
  /** How deletion and overwriting are prevented (or not). */
  immutability: string;
  /** Always false: that is the point of this component. */
  internetReachable: false;
  /** Who or what can reach the copy. */
  access: string;
}

function ipv4ToNumber(ip: string): number | undefined {
  const parts = ip.split(".");
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    n = n * 256 + Number(p);
  }
  return n;
}

function numberToIpv4(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join(".");
}

/**
 * Splits `cidr` into `count` equal subnets, the smallest power of two that holds them (at least two halves, so
 * that the VPC keeps room for a second zone). Throws when the CIDR is malformed or too small.
 */
export function carveSubnets(cidr: string, count: number): string[] {
  const m = /^(\d+\.\d+\.\d+\.\d+)\/(\d{1,2})$/.exec(cidr ?? "");
  const base = m ? ipv4ToNumber(m[1]) : undefined;
  const prefix = m ? Number(m[2]) : NaN;
  if (!m || base === undefined || prefix < MIN_PREFIX || prefix > MAX_PREFIX) {
    throw new Error(`OfflineKeyVault: vaultVpcCidr must be an IPv4 CIDR between /${MIN_PREFIX} and /${MAX_PREFIX} (e.g. 10.90.0.0/24), received ${JSON.stringify(cidr)}`);
  }
  const hostSize = 2 ** (32 - prefix);
  if (base % hostSize !== 0) {
    throw new Error(`OfflineKeyVault: vaultVpcCidr ${cidr} has host bits set; expected the network address (${numberToIpv4(base - (base % hostSize))}/${prefix})`);
  }
  const extraBits = Math.max(1, Math.ceil(Math.log2(count)));
  const subnetPrefix = prefix + extraBits;
  if (subnetPrefix > MAX_PREFIX) {
    throw new Error(`OfflineKeyVault: vaultVpcCidr ${cidr} is too small for ${count} subnets (each would be /${subnetPrefix}, AWS allows at most /${MAX_PREFIX}); use /${MAX_PREFIX - extraBits} or larger`);
  }
  const size = 2 ** (32 - subnetPrefix);
  return Array.from({ length: count }, (_, i) => `${numberToIpv4(base + i * size)}/${subnetPrefix}`);
}

/** Checks the args and works out the plan; throws before anything is registered. */
function validateOfflineKeyVaultArgs(args: OfflineKeyVaultArgs): VaultPlan {
  const fail = (msg: string): never => {
    throw new Error(`OfflineKeyVault: ${msg}`);
  };
  if (!ENVIRONMENTS.includes(args.environment)) fail(`environment must be one of ${ENVIRONMENTS.join(", ")}, received ${JSON.stringify(args.environment)}`);
  if (!REGION.test(args.region ?? "")) fail(`region must be an AWS region name such as eu-west-1, received ${JSON.stringify(args.region)}`);
  const drReplica = args.drReplica ?? true;
  const cloudHsm = args.cloudHsm ?? false;
  if (drReplica) {
    if (!REGION.test(args.drRegion ?? "")) fail(`drRegion must be an AWS region name such as eu-central-1, received ${JSON.stringify(args.drRegion)}`);
    if (args.drRegion === args.region) fail(`drRegion must differ from region when drReplica is on (both are "${args.region}"): the replica is the copy that survives the loss of the primary region`);
  }
  const breakGlass = args.protection?.breakGlassPrincipalArn;
  if (breakGlass !== undefined && !PRINCIPAL_ARN.test(breakGlass)) {
    fail(`protection.breakGlassPrincipalArn must be an IAM role or user ARN (arn:aws:iam::<account>:role/<name>), received ${JSON.stringify(breakGlass)}`);
  }
  if (!LOCK_MODES.includes(args.lockMode)) fail(`lockMode must be "compliance" or "governance", received ${JSON.stringify(args.lockMode)}`);
  if (!Number.isInteger(args.escrowRetentionDays) || args.escrowRetentionDays < LOCK_DAYS.min || args.escrowRetentionDays > LOCK_DAYS.max) {
    fail(`escrowRetentionDays must be a whole number of days from ${LOCK_DAYS.min} to ${LOCK_DAYS.max}, received ${JSON.stringify(args.escrowRetentionDays)}`);
  }

  const azs = args.availabilityZones ?? [];
  if (azs.length < 1) fail(`availabilityZones must name at least one zone of ${args.region}, received ${JSON.stringify(args.availabilityZones)}`);
  for (const az of azs) {
    if (typeof az !== "string" || !az.startsWith(args.region) || az.length <= args.region.length) {
      fail(`availabilityZones contains ${JSON.stringify(az)}, which is not a zone of ${args.region} (expected e.g. ${args.region}a)`);
    }
  }
  const repeated = azs.filter((z, i) => azs.indexOf(z) !== i);
  if (repeated.length > 0) fail(`availabilityZones lists ${repeated.join(", ")} more than once; the vault subnets must be in different zones`);
  // A gateway endpoint has no zone and a CloudHSM cluster needs two: the first two zones are all the vault uses.
  const zones = azs.slice(0, 2);
  if (args.cloudHsmInitialized && !cloudHsm) fail("cloudHsmInitialized is true without cloudHsm; there is no cluster to initialize");
  const logDays = args.accessLogRetentionDays;
  if (logDays !== undefined && (!Number.isInteger(logDays) || logDays < LOCK_DAYS.min || logDays > LOCK_DAYS.max)) {
    fail(`accessLogRetentionDays must be a whole number of days from ${LOCK_DAYS.min} to ${LOCK_DAYS.max}, received ${JSON.stringify(logDays)}`);
  }
  if (cloudHsm && zones.length < 2) {
    fail(`cloudHsm needs two HSMs in different zones, so availabilityZones must name at least two zones of ${args.region}, received ${JSON.stringify(azs)}`);
  }
  const subnetCidrs = carveSubnets(args.vaultVpcCidr, zones.length);

  const offlineCopies = args.offlineCopies ?? [];
  if (!Array.isArray(offlineCopies)) fail(`offlineCopies must be a list of recorded copies, received ${JSON.stringify(args.offlineCopies)}`);
  for (const copy of offlineCopies) {
    if (!copy || typeof copy.id !== "string" || copy.id === "") fail(`offlineCopies contains an entry without an id: ${JSON.stringify(copy)}`);
    if (typeof copy.lastVerified !== "string" || copy.lastVerified === "") {
      fail(`offlineCopies entry "${copy.id}" has lastVerified ${JSON.stringify(copy.lastVerified)}; expected the date the copy was last checked readable`);
    }
    if (!Array.isArray(copy.custodians) || copy.custodians.length < 2) {
      fail(`offlineCopies entry "${copy.id}" has custodians ${JSON.stringify(copy.custodians)}; expected at least two people (two-person control)`);
    }
  }
  const ids = offlineCopies.map((c) => c.id);
  const dupIds = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (dupIds.length > 0) fail(`offlineCopies lists the id ${dupIds.join(", ")} more than once; one entry per physical copy, or the count would be inflated`);

  const count = countKeyCopies({ drReplica, cloudHsm, offlineCopies });
  if (args.environment === "prod" && count.total < MIN_KEY_COPIES && !args.keyCopiesWaiver) {
    fail(
      `a prod stack needs at least ${MIN_KEY_COPIES} separate copies of the signing keys, this plan has ${describeKeyCopies(count)} ` +
        `(drReplica ${drReplica}, cloudHsm ${cloudHsm}, offlineCopies ${offlineCopies.length}); turn on drReplica or cloudHsm, or record the offline copies`,
    );
  }
  return { zones, subnetCidrs, drReplica, cloudHsm, offlineCopies, count };
}

const RESOURCES = (bucketArn: string): string[] => [bucketArn, `${bucketArn}/*`];

function denyWithoutTls(bucketArn: string): PolicyStatement {
  return {
    Sid: "DenyWithoutTls",
    Effect: "Deny",
    Principal: "*",
    Action: "s3:*",
    Resource: RESOURCES(bucketArn),
    Condition: { Bool: { "aws:SecureTransport": "false" } },
  };
}

/** The principals exempt from the data-action denies: S3 replication and the break-glass principal. */
function exemptCondition(exempt: string[]): Record<string, Record<string, unknown>> {
  return exempt.length > 0 ? { ArnNotEquals: { "aws:PrincipalArn": exempt } } : {};
}

/**
 * Escrow bucket policy. The denies cover object and listing actions only, never the bucket's own configuration
 * (policy, lock, encryption, replication, tags): the deploying principal runs outside the vault VPC and must
 * still be able to read and update those settings, and Object Lock keeps the key material safe whatever it
 * does to them.
 */
function escrowPolicy(bucketArn: string, endpointId: string, exempt: string[]): string {
  const statements: PolicyStatement[] = [
    denyWithoutTls(bucketArn),
    {
      Sid: "DenyDataAccessOutsideVaultEndpoint",
      Effect: "Deny",
      Principal: "*",
      Action: [...ESCROW_DATA_ACTIONS],
      Resource: RESOURCES(bucketArn),
      Condition: { StringNotEquals: { "aws:SourceVpce": endpointId }, ...exemptCondition(exempt) },
    },
    {
      Sid: "DenyPutWithoutSseKms",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:PutObject",
      Resource: `${bucketArn}/*`,
      Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption": "aws:kms" } },
    },
  ];
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

/** Replica bucket policy: TLS only, and nobody but replication and the break-glass principal touches objects. */
function replicaPolicy(bucketArn: string, exempt: string[]): string {
  const statements: PolicyStatement[] = [
    denyWithoutTls(bucketArn),
    {
      Sid: "DenyDataAccessExceptReplicationAndBreakGlass",
      Effect: "Deny",
      Principal: "*",
      Action: [...ESCROW_DATA_ACTIONS],
      Resource: RESOURCES(bucketArn),
      Condition: exemptCondition(exempt),
    },
  ];
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

/** The settings both locked buckets share, declared as separate v7 resources. */
interface LockedBucketParts {
  bucket: s3.Bucket;
  versioning: s3.BucketVersioning;
  lock: s3.BucketObjectLockConfiguration;
  publicAccess: s3.BucketPublicAccessBlock;
}

/**
 * Offline-style storage for the keys that sign CSRs, CRLs, network maps and network parameters (root CA,
 * subordinate CA, Identity Manager CA, Network Map key, TLS CRL signer), kept as at least two separate copies,
 * none reachable from the Internet, as R3 recommends.
 *
 * The escrow holds wrapped (encrypted) key material and HSM backup blobs, never plain keys:
 * - an isolated VPC (no Internet or NAT gateway, no route out, default security group emptied) whose S3
 *   gateway endpoint is the only path to the escrow; the endpoint policy admits that bucket only;
 * - the escrow bucket: Object Lock (COMPLIANCE or GOVERNANCE, `escrowRetentionDays`), versioning, SSE-KMS with
 *   a multi-region customer-managed key, public access blocked, ACLs disabled, a policy that refuses non-TLS
 *   requests, object access from anywhere but the vault endpoint, and uploads without SSE-KMS;
 * - when `drReplica` (default true): a second locked bucket in `drRegion`, fed by S3 replication with
 *   Replication Time Control into S3 Glacier Instant Retrieval (read without a restore), encrypted with a replica of
 *   the multi-region key;
 * - when `cloudHsm` (default false, since CENM documents an old CloudHSM client): a FIPS-mode CloudHSM cluster
 *   with one HSM in the first zone, and a second in the next zone once `cloudHsmInitialized` says the operator has
 *   initialized and activated the cluster (CloudHSM initializes a cluster from its first HSM);
 * - an {@link EscrowAccessLog}: a multi-region CloudTrail trail recording every read and write of the escrow's
 *   objects (and the replica's) into a locked log bucket of the primary region kept `accessLogRetentionDays`; with
 *   `drReplica`, a second, single-region one in the DR region records the replica's into a locked bucket there, so
 *   that reads of the replica while the primary region is lost are still recorded;
 * - `offlineCopies`: recorded and exported exactly as given; the package never creates or invents them.
 *
 * The copies are counted with {@link countKeyCopies}; a prod stack with fewer than {@link MIN_KEY_COPIES} is
 * refused before anything is declared, other environments get a warning.
 *
 * Stateful children (buckets, KMS keys, HSM cluster and HSMs) are protected when `protection.enabled`. The
 * buckets have `forceDestroy` only without protection and with a governance lock (dev), so that `pulumi destroy`
 * completes there. The IAM replication role is global and so carries no `region`.
 */
export class OfflineKeyVault extends pulumi.ComponentResource {
  public readonly escrowBucketName: pulumi.Output<string>;
  public readonly escrowBucketArn: pulumi.Output<string>;
  /** Undefined without `drReplica`. */
  public readonly replicaBucketName: pulumi.Output<string | undefined>;
  /** Undefined without `drReplica`. */
  public readonly replicaBucketArn: pulumi.Output<string | undefined>;
  /** The multi-region primary key of the escrow. */
  public readonly kmsKeyArn: pulumi.Output<string>;
  /** Its replica in the DR region; undefined without `drReplica`. */
  public readonly replicaKmsKeyArn: pulumi.Output<string | undefined>;
  public readonly vpcId: pulumi.Output<string>;
  /** The S3 gateway endpoint: the only way to the escrow's objects. */
  public readonly vpcEndpointId: pulumi.Output<string>;
  /** Undefined without `cloudHsm`. */
  public readonly cloudHsmClusterId: pulumi.Output<string | undefined>;
  /** The CloudTrail trail recording every read and write of the escrow's objects. */
  public readonly accessTrailArn: pulumi.Output<string>;
  /** Its locked log bucket. */
  public readonly accessLogBucketArn: pulumi.Output<string>;
  /** The single-region trail of the DR region recording the replica's reads and writes; undefined without `drReplica`. */
  public readonly drAccessTrailArn: pulumi.Output<string | undefined>;
  /** Its locked log bucket in the DR region; undefined without `drReplica`. */
  public readonly drAccessLogBucketArn: pulumi.Output<string | undefined>;
  /** The operator's offline copies, verbatim. */
  public readonly offlineCopies: pulumi.Output<OfflineCopy[]>;
  public readonly keyCopies: pulumi.Output<KeyCopyCount>;
  public readonly lockMode: pulumi.Output<LockMode>;
  public readonly region: pulumi.Output<string>;
  public readonly drRegion: pulumi.Output<string>;
  public readonly copies: pulumi.Output<CopyDescriptor[]>;
  /** Immutability and Internet exposure of each copy. */
  public readonly keyCopyDetails: pulumi.Output<KeyCopyDetail[]>;

  constructor(name: string, args: OfflineKeyVaultArgs, opts?: pulumi.ComponentResourceOptions) {
    const plan = validateOfflineKeyVaultArgs(args);
    refuseForeignBreakGlass("OfflineKeyVault", args.protection, args.account);
    super("cenm-backup:aws:OfflineKeyVault", name, {}, opts);

    const region = args.region;
    const drRegion = args.drRegion;
    const tags = elementTags(args.tags, ELEMENT);
    const breakGlass = args.protection.breakGlassPrincipalArn;
    const lockModeS3 = args.lockMode === "compliance" ? "COMPLIANCE" : "GOVERNANCE";
    const account = accountOf(this, args.account);

    if (plan.count.total < MIN_KEY_COPIES) {
      void pulumi.log.warn(
        `OfflineKeyVault ${name}: only ${describeKeyCopies(plan.count)} separate key copies; R3 recommends at least ${MIN_KEY_COPIES}. ` +
          (args.keyCopiesWaiver
            ? `Accepted by the written waiver keys-two-copies: ${args.keyCopiesWaiver}`
            : `Accepted because environment is ${args.environment}; a prod stack would be refused.`),
        this,
      );
    }

    // Isolated network: no Internet gateway, no NAT gateway, no route out of the VPC.
    const vpc = new ec2.Vpc(`${name}-vpc`, { cidrBlock: args.vaultVpcCidr, enableDnsSupport: true, enableDnsHostnames: true, region, tags }, { parent: this });
    const subnets = plan.zones.map(
      (az, i) =>
        new ec2.Subnet(
          `${name}-subnet-${az}`,
          { vpcId: vpc.id, cidrBlock: plan.subnetCidrs[i], availabilityZone: az, mapPublicIpOnLaunch: false, region, tags },
          { parent: this },
        ),
    );
    // `routes: []` makes the provider remove any route added outside Pulumi; the endpoint's own route is
    // managed by the endpoint and left alone.
    const routeTable = new ec2.RouteTable(`${name}-rt`, { vpcId: vpc.id, routes: [], region, tags }, { parent: this });
    subnets.forEach(
      (subnet, i) => new ec2.RouteTableAssociation(`${name}-rta-${plan.zones[i]}`, { subnetId: subnet.id, routeTableId: routeTable.id, region }, { parent: this }),
    );
    new ec2.DefaultSecurityGroup(`${name}-default-sg`, { vpcId: vpc.id, ingress: [], egress: [], region, tags }, { parent: this });

    // Keys: a multi-region primary and, for the DR replica, its replica in the DR region.
    const key = customerManagedKey(
      `${name}-key`,
      { description: `CENM key escrow (${name}): encrypts wrapped key material`, region, account, protection: args.protection, tags, multiRegion: true },
      this,
    );
    const replicaKey = plan.drReplica
      ? new kms.ReplicaKey(
          `${name}-dr-key`,
          {
            primaryKeyArn: key.arn,
            region: drRegion,
            description: `CENM key escrow DR replica (${name})`,
            deletionWindowInDays: KMS_DELETION_WINDOW_DAYS,
            bypassPolicyLockoutSafetyCheck: lockoutBypass(args.protection),
            policy: keyPolicy(account, args.protection),
            tags,
          },
          statefulOptions(this, args.protection),
        )
      : undefined;

    const lockedBucket = (role: string, bucketRegion: string, kmsKeyArn: pulumi.Output<string>): LockedBucketParts => {
      const forceDestroy = forceDestroyOf(args.protection, args.lockMode);
      const bucket = new s3.Bucket(`${name}-${role}`, { region: bucketRegion, objectLockEnabled: true, forceDestroy, tags }, statefulOptions(this, args.protection));
      const child = { parent: this };
      const versioning = new s3.BucketVersioning(
        `${name}-${role}-versioning`,
        { bucket: bucket.bucket, region: bucketRegion, versioningConfiguration: { status: "Enabled" } },
        child,
      );
      const lock = new s3.BucketObjectLockConfiguration(
        `${name}-${role}-lock`,
        {
          bucket: bucket.bucket,
          region: bucketRegion,
          objectLockEnabled: "Enabled",
          rule: { defaultRetention: { mode: lockModeS3, days: args.escrowRetentionDays } },
        },
        { ...child, dependsOn: [versioning] },
      );
      new s3.BucketServerSideEncryptionConfiguration(
        `${name}-${role}-sse`,
        { bucket: bucket.bucket, region: bucketRegion, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: kmsKeyArn }, bucketKeyEnabled: true }] },
        child,
      );
      const publicAccess = new s3.BucketPublicAccessBlock(
        `${name}-${role}-public-access`,
        { bucket: bucket.bucket, region: bucketRegion, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
        child,
      );
      new s3.BucketOwnershipControls(`${name}-${role}-ownership`, { bucket: bucket.bucket, region: bucketRegion, rule: { objectOwnership: "BucketOwnerEnforced" } }, child);
      return { bucket, versioning, lock, publicAccess };
    };

    const escrow = lockedBucket("escrow", region, key.arn);
    const replica = plan.drReplica && replicaKey ? lockedBucket("replica", drRegion, replicaKey.arn) : undefined;

    // Lifecycle: noncurrent versions are kept for good. A wrapped key is a few kilobytes, an older version is
    // the only copy of a key that was since rotated (still needed to investigate or re-sign), and Object Lock
    // already forbids early deletion; dropping key history must be a deliberate act, not a timer. The one rule
    // cleans up interrupted uploads, which hold no usable key material.
    new s3.BucketLifecycleConfiguration(
      `${name}-escrow-lifecycle`,
      {
        bucket: escrow.bucket.bucket,
        region,
        rules: [{ id: "abort-incomplete-uploads", status: "Enabled", filter: {}, abortIncompleteMultipartUpload: { daysAfterInitiation: ABORT_MULTIPART_DAYS } }],
      },
      { parent: this, dependsOn: [escrow.versioning] },
    );

    // The only path in: an S3 gateway endpoint on the vault route table, admitting the escrow bucket only.
    const endpoint = new ec2.VpcEndpoint(
      `${name}-s3-endpoint`,
      {
        vpcId: vpc.id,
        region,
        serviceName: `com.amazonaws.${region}.s3`,
        vpcEndpointType: "Gateway",
        routeTableIds: [routeTable.id],
        policy: escrow.bucket.arn.apply((arn) =>
          JSON.stringify({
            Version: "2012-10-17",
            Statement: [{ Sid: "EscrowBucketOnly", Effect: "Allow", Principal: "*", Action: "s3:*", Resource: RESOURCES(arn) }],
          }),
        ),
        tags,
      },
      { parent: this },
    );

    // Replication into the DR region, with Replication Time Control.
    let replicationRole: iam.Role | undefined;
    if (replica && replicaKey) {
      replicationRole = new iam.Role(
        `${name}-replication-role`,
        {
          description: `S3 replication of the CENM key escrow (${name}) into ${drRegion}`,
          assumeRolePolicy: JSON.stringify({
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "sts:AssumeRole" }],
          }),
          tags,
        },
        { parent: this },
      );
      const rolePolicy = new iam.RolePolicy(
        `${name}-replication-policy`,
        {
          role: replicationRole.name,
          policy: pulumi
            .all([escrow.bucket.arn, replica.bucket.arn, key.arn, replicaKey.arn])
            .apply(([src, dst, srcKey, dstKey]) => replicationPolicy(src, dst, srcKey, dstKey, region, drRegion)),
        },
        { parent: this },
      );
      new s3.BucketReplicationConfig(
        `${name}-replication`,
        {
          bucket: escrow.bucket.bucket,
          region,
          role: replicationRole.arn,
          rules: [
            {
              id: "escrow-to-dr",
              status: "Enabled",
              filter: {},
              deleteMarkerReplication: { status: "Disabled" },
              sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" } },
              destination: {
                bucket: replica.bucket.arn,
                storageClass: ESCROW_REPLICA_STORAGE_CLASS,
                encryptionConfiguration: { replicaKmsKeyId: replicaKey.arn },
                replicationTime: { status: "Enabled", time: { minutes: RTC_MINUTES } },
                metrics: { status: "Enabled", eventThreshold: { minutes: RTC_MINUTES } },
              },
            },
          ],
        },
        { parent: this, dependsOn: [escrow.versioning, replica.versioning, rolePolicy] },
      );
    }

    const exempt = (roleArn: string | undefined): string[] => [roleArn, breakGlass].filter((a): a is string => typeof a === "string" && a !== "");
    const roleArn: pulumi.Output<string | undefined> = replicationRole ? replicationRole.arn : pulumi.output(undefined);
    new s3.BucketPolicy(
      `${name}-escrow-policy`,
      {
        bucket: escrow.bucket.bucket,
        region,
        policy: pulumi.all([escrow.bucket.arn, endpoint.id, roleArn]).apply(([arn, vpce, r]) => escrowPolicy(arn, vpce, exempt(r))),
      },
      { parent: this, dependsOn: [escrow.publicAccess] },
    );
    if (replica) {
      new s3.BucketPolicy(
        `${name}-replica-policy`,
        { bucket: replica.bucket.bucket, region: drRegion, policy: pulumi.all([replica.bucket.arn, roleArn]).apply(([arn, r]) => replicaPolicy(arn, exempt(r))) },
        { parent: this, dependsOn: [replica.publicAccess] },
      );
    }

    // Who read or wrote the escrow (and its replica): CloudTrail data events into a locked log bucket.
    const logArgs = {
      retentionDays: args.accessLogRetentionDays ?? DEFAULT_ACCESS_LOG_RETENTION_DAYS,
      lockMode: args.lockMode,
      protection: args.protection,
      tags: args.tags,
      account,
    };
    const accessLog = new EscrowAccessLog(
      `${name}-access-log`,
      { ...logArgs, region, bucketArns: [escrow.bucket.arn, ...(replica ? [replica.bucket.arn] : [])] },
      { parent: this },
    );
    // The replica is what gets read when the primary region is lost, and a trail is made and kept in its home
    // region: a second, single-region trail in the DR region records the replica's reads and writes into a locked
    // bucket there, which keeps recording while the primary region is down.
    const drAccessLog = replica
      ? new EscrowAccessLog(
          `${name}-dr-access-log`,
          { ...logArgs, region: drRegion, bucketArns: [replica.bucket.arn], multiRegionTrail: false },
          { parent: this },
        )
      : undefined;

    // CloudHSM: one cluster over the vault subnets. A cluster is initialized from the CSR of its first HSM and
    // activated before others join, so the first `pulumi up` declares one HSM; once the operator has initialized
    // and activated it (`cloudHsmInitialized`), the second HSM joins in the second zone.
    let cluster: cloudhsmv2.Cluster | undefined;
    if (plan.cloudHsm) {
      cluster = new cloudhsmv2.Cluster(
        `${name}-hsm-cluster`,
        { hsmType: "hsm2m.medium", mode: "FIPS", subnetIds: subnets.map((s) => s.id), region, tags: { ...tags, ...(args.cloudHsmInitialized ? { [HSM_INITIALIZED_TAG]: "true" } : {}) } },
        statefulOptions(this, args.protection),
      );
      plan.zones.slice(0, args.cloudHsmInitialized ? 2 : 1).forEach(
        (az, i) => new cloudhsmv2.Hsm(`${name}-hsm-${az}`, { clusterId: cluster!.id, subnetId: subnets[i].id, region }, statefulOptions(this, args.protection)),
      );
    }

    const described = describeCopies(name, args, plan, lockModeS3);
    this.escrowBucketName = escrow.bucket.bucket;
    this.escrowBucketArn = escrow.bucket.arn;
    this.replicaBucketName = replica ? replica.bucket.bucket : pulumi.output(undefined);
    this.replicaBucketArn = replica ? replica.bucket.arn : pulumi.output(undefined);
    this.kmsKeyArn = key.arn;
    this.replicaKmsKeyArn = replicaKey ? replicaKey.arn : pulumi.output(undefined);
    this.vpcId = vpc.id;
    this.vpcEndpointId = endpoint.id;
    this.cloudHsmClusterId = cluster ? cluster.id : pulumi.output(undefined);
    this.accessTrailArn = accessLog.trailArn;
    this.accessLogBucketArn = accessLog.logBucketArn;
    this.drAccessTrailArn = drAccessLog ? drAccessLog.trailArn : pulumi.output(undefined);
    this.drAccessLogBucketArn = drAccessLog ? drAccessLog.logBucketArn : pulumi.output(undefined);
    this.offlineCopies = pulumi.output(plan.offlineCopies);
    this.keyCopies = pulumi.output(plan.count);
    this.lockMode = pulumi.output(args.lockMode);
    this.region = pulumi.output(region);
    this.drRegion = pulumi.output(drRegion);
    this.copies = pulumi.output(described.copies);
    this.keyCopyDetails = pulumi.output(described.details);

    this.registerOutputs({
      escrowBucketName: this.escrowBucketName,
      escrowBucketArn: this.escrowBucketArn,
      replicaBucketName: this.replicaBucketName,
      replicaBucketArn: this.replicaBucketArn,
      kmsKeyArn: this.kmsKeyArn,
      replicaKmsKeyArn: this.replicaKmsKeyArn,
      vpcId: this.vpcId,
      vpcEndpointId: this.vpcEndpointId,
      cloudHsmClusterId: this.cloudHsmClusterId,
      accessTrailArn: this.accessTrailArn,
      accessLogBucketArn: this.accessLogBucketArn,
      drAccessTrailArn: this.drAccessTrailArn,
      drAccessLogBucketArn: this.drAccessLogBucketArn,
      offlineCopies: this.offlineCopies,
      keyCopies: this.keyCopies,
      lockMode: this.lockMode,
      region: this.region,
      drRegion: this.drRegion,
      copies: this.copies,
      keyCopyDetails: this.keyCopyDetails,
    });
  }
}

/**
 * The replication role's permissions, nothing more: read what replication needs from the escrow, write replicas
 * into the DR bucket, decrypt with the escrow key and encrypt with its replica (both only through S3, and only
 * for these buckets; with S3 Bucket Keys the encryption context is the bucket ARN, otherwise the object ARN).
 */
function replicationPolicy(src: string, dst: string, srcKey: string, dstKey: string, region: string, drRegion: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      { Sid: "ReadReplicationConfiguration", Effect: "Allow", Action: ["s3:GetReplicationConfiguration", "s3:ListBucket"], Resource: src },
      {
        Sid: "ReadSourceVersions",
        Effect: "Allow",
        Action: [
          "s3:GetObjectVersionForReplication",
          "s3:GetObjectVersionAcl",
          "s3:GetObjectVersionTagging",
          "s3:GetObjectRetention",
          "s3:GetObjectLegalHold",
        ],
        Resource: `${src}/*`,
      },
      {
        Sid: "WriteReplicas",
        Effect: "Allow",
        Action: ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags", "s3:ObjectOwnerOverrideToBucketOwner"],
        Resource: `${dst}/*`,
      },
      {
        Sid: "DecryptWithEscrowKey",
        Effect: "Allow",
        Action: "kms:Decrypt",
        Resource: srcKey,
        Condition: {
          StringEquals: { "kms:ViaService": `s3.${region}.amazonaws.com` },
          StringLike: { "kms:EncryptionContext:aws:s3:arn": RESOURCES(src) },
        },
      },
      {
        Sid: "EncryptWithReplicaKey",
        Effect: "Allow",
        Action: ["kms:Encrypt", "kms:GenerateDataKey"],
        Resource: dstKey,
        Condition: {
          StringEquals: { "kms:ViaService": `s3.${drRegion}.amazonaws.com` },
          StringLike: { "kms:EncryptionContext:aws:s3:arn": RESOURCES(dst) },
        },
      },
    ],
  });
}

/** The `copies` and `keyCopyDetails` outputs: one entry per separate copy, in the order of the count. */
function describeCopies(name: string, args: OfflineKeyVaultArgs, plan: VaultPlan, lockModeS3: string): { copies: CopyDescriptor[]; details: KeyCopyDetail[] } {
  const days = args.escrowRetentionDays;
  const compliance = args.lockMode === "compliance";
  const lockText = compliance
    ? `Object Lock COMPLIANCE ${days} days: no principal, the account root included, can delete or overwrite a version before then`
    : `Object Lock GOVERNANCE ${days} days: a principal allowed s3:BypassGovernanceRetention (through the vault endpoint) can delete a version early`;
  const copies: CopyDescriptor[] = [];
  const details: KeyCopyDetail[] = [];

  copies.push({
    element: "keys",
    role: "escrow",
    resource: `${name}-escrow`,
    region: args.region,
    availabilityZones: [],
    mode: "point-in-time",
    rpo: "as of the last upload of wrapped key material (escrow uploads follow the key ceremony; nothing is copied automatically)",
    mechanism: `S3 bucket, ${lockModeS3} lock ${days} days, versioned, SSE-KMS (multi-region key), objects reachable only through the isolated vault VPC's S3 gateway endpoint; not reachable from the Internet`,
  });
  details.push({
    kind: "cloud-escrow",
    id: `${name}-escrow`,
    region: args.region,
    immutable: compliance,
    immutability: lockText,
    internetReachable: false,
    access: "object actions only through the vault VPC gateway endpoint (plus the replication role and the break-glass principal, when set)",
  });

  if (plan.drReplica) {
    copies.push({
      element: "keys",
      role: "escrow-dr-replica",
      resource: `${name}-replica`,
      region: args.drRegion,
      availabilityZones: [],
      mode: "asynchronous",
      rpo: `99.99% of objects within ${RTC_MINUTES} minutes of their upload to the escrow (S3 Replication Time Control)`,
      mechanism: `S3 cross-region replication with RTC into a ${lockModeS3}-locked (${days} days) bucket, storage class ${ESCROW_REPLICA_STORAGE_CLASS} (read in milliseconds, no restore), SSE-KMS replica key; not reachable from the Internet`,
    });
    details.push({
      kind: "cloud-escrow-dr-replica",
      id: `${name}-replica`,
      region: args.drRegion,
      immutable: compliance,
      immutability: `${lockText}; replicated versions keep their source retention`,
      internetReachable: false,
      access: "object actions denied to everyone but the replication role and the break-glass principal, when set",
    });
  }

  if (plan.cloudHsm) {
    copies.push({
      element: "keys",
      role: "hsm-cluster",
      resource: `${name}-hsm-cluster`,
      region: args.region,
      availabilityZones: args.cloudHsmInitialized ? [...plan.zones] : plan.zones.slice(0, 1),
      mode: "synchronous",
      rpo: args.cloudHsmInitialized
        ? "0 between the two HSMs for every key the cluster reports synchronised (the cluster synchronises keys among its HSMs); no documented figure"
        : "one HSM until the cluster is initialized and activated; its keys then live in that HSM and the cluster's backups",
      mechanism: args.cloudHsmInitialized
        ? "AWS CloudHSM cluster, FIPS mode, two HSMs in different zones of the isolated vault VPC; not reachable from the Internet"
        : "AWS CloudHSM cluster, FIPS mode, its first HSM (the second joins once keyVault.cloudHsmInitialized is set) in the isolated vault VPC; not reachable from the Internet",
    });
    details.push({
      kind: "cloud-hsm",
      id: `${name}-hsm-cluster`,
      region: args.region,
      immutable: false,
      immutability: "none: a crypto officer can delete keys; the cluster's own backups are the way back",
      internetReachable: false,
      access: "HSM network interfaces in the vault subnets, which have no route out of the VPC",
    });
  }

  for (const copy of plan.offlineCopies) {
    copies.push({
      element: "keys",
      role: "offline",
      resource: copy.id,
      region: "offline",
      availabilityZones: [],
      mode: "asynchronous",
      rpo: `as of lastVerified ${copy.lastVerified}`,
      mechanism: `${copy.medium} at ${copy.location}, custodians ${copy.custodians.join(", ")}; recorded by the operator, not managed by this package; not connected to the Internet`,
    });
    details.push({
      kind: "offline",
      id: copy.id,
      region: "offline",
      immutable: false,
      immutability: "outside the cloud: guarded by its custodians' procedure, not by this package",
      internetReachable: false,
      access: `custodians ${copy.custodians.join(", ")}`,
    });
  }
  return { copies, details };
}
