/**
 * The record of who touched the key escrow: a CloudTrail trail that logs every read and write of the escrow
 * buckets' objects (S3 data events), delivered to a locked, versioned, KMS-encrypted log bucket with log file
 * validation on.
 *
 * Why CloudTrail and not S3 server access logging: access logs cannot be delivered to a bucket with Object Lock
 * (nor to one encrypted with SSE-KMS), are best effort, and so could not be kept immutable like the escrow itself
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html).
 *
 * A trail is made and kept in its home region: its log bucket and key must share a region
 * (`aws-cloudtrail-key-region`), and a single-region trail records only the events of that region
 * (`aws-cloudtrail-single-region-scope`). To record reads of an escrow copy while another region is lost, declare
 * one in the copy's own region (OfflineKeyVault does, for its DR replica).
 */
import * as pulumi from "@pulumi/pulumi";
import * as cloudtrail from "@pulumi/aws/cloudtrail";
import * as s3 from "@pulumi/aws/s3";
import { S3_OBJECT_LOCK_RETENTION_DAYS as LOCK_DAYS } from "../../domain/limits/aws";
import type { LockMode } from "../../domain/vocabulary";
import type { ProtectionArgs } from "../types";
import { AccountContext, accountOf, customerManagedKey, elementTags, forceDestroyOf, PolicyStatement, statefulOptions, refuseForeignBreakGlass } from "./common";

export interface EscrowAccessLogArgs {
  /** Home region of the trail and region of its log bucket and key. */
  region: string;
  /** ARNs of the buckets whose object reads and writes are logged (the escrow and its replicas, in any region). */
  bucketArns: pulumi.Input<string>[];
  /** Days each log file is kept under Object Lock (1-36500). */
  retentionDays: number;
  /** Object Lock mode of the log bucket: compliance (nobody can delete a log early) or governance. */
  lockMode: LockMode;
  /** Deletion protection of the log bucket and its key. */
  protection: ProtectionArgs;
  /**
   * Whether the trail records events in every region (true) or only in `region` (false). A single-region trail
   * records only the buckets of `region` in `bucketArns`, and keeps working while another region is lost.
   * @default true
   */
  multiRegionTrail?: boolean;
  /**
   * Tags of every taggable child.
   * @default {}
   */
  tags?: Record<string, string>;
  /**
   * Account id and partition (key and bucket policies name them).
   * @default the component looks them up itself
   */
  account?: pulumi.Input<AccountContext>;
}

/**
 * A CloudTrail trail name from a logical name and the stack: CreateTrail takes 3 to 128 ASCII letters, digits,
 * periods, underscores and hyphens, starting and ending with a letter or digit, with no two of `._-` side by side
 * (https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_CreateTrail.html). Other characters become
 * hyphens, runs of separators one hyphen, separators at either end are dropped, and a name under 3 characters is
 * padded with zeros.
 */
export function trailName(logicalName: string, stack: string): string {
  const cleaned = `${logicalName}-${stack}`
    .replace(/[^A-Za-z0-9._-]/g, "-")
    .replace(/[._-]{2,}/g, "-")
    .slice(0, 128)
    .replace(/^[._-]+|[._-]+$/g, "");
  return cleaned.padEnd(3, "0");
}

function validate(args: EscrowAccessLogArgs): void {
  const fail = (arg: string, value: unknown, expected: string): never => {
    throw new Error(`EscrowAccessLog: ${arg} is ${JSON.stringify(value)}; expected ${expected}`);
  };
  if (!args.region) fail("region", args.region, "an AWS region name such as eu-west-1");
  if (!Array.isArray(args.bucketArns) || args.bucketArns.length === 0) fail("bucketArns", args.bucketArns, "at least one escrow bucket ARN");
  if (!Number.isInteger(args.retentionDays) || args.retentionDays < LOCK_DAYS.min || args.retentionDays > LOCK_DAYS.max) {
    fail("retentionDays", args.retentionDays, `a whole number of days from ${LOCK_DAYS.min} to ${LOCK_DAYS.max}`);
  }
  if (args.lockMode !== "compliance" && args.lockMode !== "governance") fail("lockMode", args.lockMode, '"compliance" or "governance"');
  if (args.multiRegionTrail !== undefined && typeof args.multiRegionTrail !== "boolean") fail("multiRegionTrail", args.multiRegionTrail, "true or false");
}

/** Key statements CloudTrail needs to encrypt this trail's log files (and describe the key), scoped to the trail. */
function trailKeyStatements(a: AccountContext, trailArn: string): PolicyStatement[] {
  return [
    {
      Sid: "CloudTrailEncryptsThisTrailsLogs",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "kms:GenerateDataKey*",
      Resource: "*",
      Condition: {
        StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": `arn:${a.partition}:cloudtrail:*:${a.accountId}:trail/*` },
        StringEquals: { "aws:SourceArn": trailArn },
      },
    },
    { Sid: "CloudTrailDescribesKey", Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "kms:DescribeKey", Resource: "*" },
  ];
}

/**
 * A CloudTrail trail recording every object-level read and write (S3 data events) of the key escrow buckets, in
 * every region (or only its own, with `multiRegionTrail: false`), into a log bucket of its own: Object Lock for `retentionDays` in `lockMode`, versioning, SSE-KMS
 * with a customer-managed key, public access blocked, TLS only, and a policy that admits this trail only
 * (`aws:SourceArn`). Log file validation lets an auditor prove the files were not altered.
 *
 * Management events are not recorded here (the account's own trail does that); data events are charged per event,
 * and the escrow sees a handful per key ceremony.
 */
export class EscrowAccessLog extends pulumi.ComponentResource {
  public readonly trailArn: pulumi.Output<string>;
  public readonly logBucketName: pulumi.Output<string>;
  public readonly logBucketArn: pulumi.Output<string>;
  public readonly kmsKeyArn: pulumi.Output<string>;

  constructor(name: string, args: EscrowAccessLogArgs, opts?: pulumi.ComponentResourceOptions) {
    validate(args);
    refuseForeignBreakGlass("EscrowAccessLog", args.protection, args.account);
    super("cenm-backup:aws:EscrowAccessLog", name, {}, opts);

    const tags = elementTags(args.tags, "keys");
    const account = accountOf(this, args.account);
    const trailNameValue = trailName(`${name}-trail`, pulumi.getStack());
    const trailArn = account.apply((a) => `arn:${a.partition}:cloudtrail:${args.region}:${a.accountId}:trail/${trailNameValue}`);
    const child = { parent: this };
    const forceDestroy = forceDestroyOf(args.protection, args.lockMode);
    const multiRegion = args.multiRegionTrail ?? true;

    const key = customerManagedKey(
      `${name}-key`,
      {
        description: `Encrypts the access log of the CENM key escrow (${name})`,
        region: args.region,
        account,
        protection: args.protection,
        tags,
        extraStatements: (a) => trailKeyStatements(a, `arn:${a.partition}:cloudtrail:${args.region}:${a.accountId}:trail/${trailNameValue}`),
      },
      this,
    );

    const bucket = new s3.Bucket(`${name}-bucket`, { region: args.region, objectLockEnabled: true, forceDestroy, tags }, statefulOptions(this, args.protection));
    const versioning = new s3.BucketVersioning(`${name}-versioning`, { bucket: bucket.bucket, region: args.region, versioningConfiguration: { status: "Enabled" } }, child);
    new s3.BucketObjectLockConfiguration(
      `${name}-lock`,
      {
        bucket: bucket.bucket,
        region: args.region,
        objectLockEnabled: "Enabled",
        rule: { defaultRetention: { mode: args.lockMode === "compliance" ? "COMPLIANCE" : "GOVERNANCE", days: args.retentionDays } },
      },
      { ...child, dependsOn: [versioning] },
    );
    new s3.BucketServerSideEncryptionConfiguration(
      `${name}-sse`,
      { bucket: bucket.bucket, region: args.region, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn }, bucketKeyEnabled: true }] },
      child,
    );
    const publicAccess = new s3.BucketPublicAccessBlock(
      `${name}-public-access`,
      { bucket: bucket.bucket, region: args.region, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
      child,
    );
    new s3.BucketOwnershipControls(`${name}-ownership`, { bucket: bucket.bucket, region: args.region, rule: { objectOwnership: "BucketOwnerEnforced" } }, child);
    // Once a log's retention has passed it may go; the lock keeps it until then.
    new s3.BucketLifecycleConfiguration(
      `${name}-lifecycle`,
      {
        bucket: bucket.bucket,
        region: args.region,
        rules: [{ id: "expire-after-retention", status: "Enabled", filter: {}, expiration: { days: args.retentionDays + 1 }, noncurrentVersionExpiration: { noncurrentDays: 1 } }],
      },
      { ...child, dependsOn: [versioning] },
    );

    const policy = new s3.BucketPolicy(
      `${name}-policy`,
      {
        // CloudTrail's delivery statements, scoped to this trail (AWS_DOCS.cloudTrailBucketPolicy).
        bucket: bucket.bucket,
        region: args.region,
        policy: pulumi.all([bucket.arn, trailArn, account]).apply(([arn, trail, a]) =>
          JSON.stringify({
            Version: "2012-10-17",
            Statement: [
              { Sid: "CloudTrailChecksAcl", Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "s3:GetBucketAcl", Resource: arn, Condition: { StringEquals: { "aws:SourceArn": trail } } },
              {
                Sid: "CloudTrailWritesLogs",
                Effect: "Allow",
                Principal: { Service: "cloudtrail.amazonaws.com" },
                Action: "s3:PutObject",
                Resource: `${arn}/AWSLogs/${a.accountId}/*`,
                Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceArn": trail } },
              },
              { Sid: "DenyWithoutTls", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [arn, `${arn}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } },
            ],
          }),
        ),
      },
      { ...child, dependsOn: [publicAccess] },
    );

    const trail = new cloudtrail.Trail(
      `${name}-trail`,
      {
        name: trailNameValue,
        region: args.region,
        s3BucketName: bucket.bucket,
        kmsKeyId: key.arn,
        isMultiRegionTrail: multiRegion,
        // Global service events are management events, which the selectors leave out anyway; a multi-region
        // trail keeps the API default (true), a single-region one records nothing but its region's events.
        includeGlobalServiceEvents: multiRegion,
        enableLogFileValidation: true,
        advancedEventSelectors: [
          {
            name: "Reads and writes of the key escrow's objects",
            fieldSelectors: [
              { field: "eventCategory", equals: ["Data"] },
              { field: "resources.type", equals: ["AWS::S3::Object"] },
              { field: "resources.ARN", startsWiths: args.bucketArns.map((arn) => pulumi.interpolate`${arn}/`) },
            ],
          },
        ],
        tags,
      },
      { ...child, dependsOn: [policy] },
    );

    this.trailArn = trail.arn;
    this.logBucketName = bucket.bucket;
    this.logBucketArn = bucket.arn;
    this.kmsKeyArn = key.arn;
    this.registerOutputs({ trailArn: this.trailArn, logBucketName: this.logBucketName, logBucketArn: this.logBucketArn, kmsKeyArn: this.kmsKeyArn });
  }
}
