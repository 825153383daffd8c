/**
 * The platform limits, limit by limit: for each one a small compliant plan and a violating plan that differs from
 * it in one declaration, written as the resource views an offline plan records (type tokens, logical names,
 * inputs, and references as propertyDependencies by URN). Then: a meta-test that keeps this table in step with
 * PLATFORM_LIMITS, preview plans whose "[unknown]" markers must never read as violations, and the pure
 * predicates the limits rest on (RDS storage, RDS and AWS Backup windows, snapshot identifiers).
 */
import fc from "fast-check";
import { checkPlatformLimits, formatViolation, PLATFORM_LIMITS, type LimitViolation, type PlatformLimit } from "../../src/domain/limits";
import { continuousRuleWindow, finalSnapshotIdentifierProblem, startWindowMeetsBackupWindow, trailsPerRegion } from "../../src/domain/limits/aws";
import { isAutoName, nameCarriesStack, stackToken } from "../../src/domain/resources/awsNames";
import { rdsStorageProblems, type RdsStorage } from "../../src/domain/limits/rdsStorage";
import { ResourceGraph } from "../../src/domain/resources/graph";
import type { ResourceView } from "../../src/domain/resources/view";
import { dailyWindow, overlaps, weeklyWindow, type MinuteRange } from "../../src/domain/windows";

// ---------------------------------------------------------------------------------------------------------------
// Fixture helpers
// ---------------------------------------------------------------------------------------------------------------

/** Type tokens as @pulumi/aws v7 (and @pulumi/random) write them, spelled out here rather than imported. */
const TYPE = {
  rdsInstance: "aws:rds/instance:Instance",
  rdsCluster: "aws:rds/cluster:Cluster",
  rdsSubnetGroup: "aws:rds/subnetGroup:SubnetGroup",
  rdsBackupsReplication: "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication",
  backupVault: "aws:backup/vault:Vault",
  backupVaultLock: "aws:backup/vaultLockConfiguration:VaultLockConfiguration",
  backupPlan: "aws:backup/plan:Plan",
  backupSelection: "aws:backup/selection:Selection",
  kmsKey: "aws:kms/key:Key",
  metricAlarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
  snsTopic: "aws:sns/topic:Topic",
  snsTopicPolicy: "aws:sns/topicPolicy:TopicPolicy",
  efsFileSystem: "aws:efs/fileSystem:FileSystem",
  efsAccessPoint: "aws:efs/accessPoint:AccessPoint",
  efsReplication: "aws:efs/replicationConfiguration:ReplicationConfiguration",
  hsmCluster: "aws:cloudhsmv2/cluster:Cluster",
  hsm: "aws:cloudhsmv2/hsm:Hsm",
  bucket: "aws:s3/bucket:Bucket",
  bucketLogging: "aws:s3/bucketLogging:BucketLogging",
  bucketSse: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  cloudTrail: "aws:cloudtrail/trail:Trail",
  eventRule: "aws:cloudwatch/eventRule:EventRule",
  restoreTestingPlan: "aws:backup/restoreTestingPlan:RestoreTestingPlan",
  iamRole: "aws:iam/role:Role",
  randomId: "random:index/randomId:RandomId",
} as const;

const UNKNOWN = "[unknown]";
const ACCOUNT = "123456789012";
const PRIMARY = "eu-west-1";
const DR = "eu-central-1";

const ARN = {
  db: `arn:aws:rds:${PRIMARY}:${ACCOUNT}:db:cenm-db`,
  cluster: `arn:aws:rds:${PRIMARY}:${ACCOUNT}:cluster:cenm-db-cluster`,
  vault: `arn:aws:backup:${PRIMARY}:${ACCOUNT}:backup-vault:cenm-vault`,
  drVault: `arn:aws:backup:${DR}:${ACCOUNT}:backup-vault:cenm-dr-vault`,
  key: `arn:aws:kms:${PRIMARY}:${ACCOUNT}:key/0b1d2c3e-1111-4a5b-8c9d-0e1f2a3b4c5d`,
  drKey: `arn:aws:kms:${DR}:${ACCOUNT}:key/7f6e5d4c-2222-4b3a-9c8d-1e2f3a4b5c6d`,
  topic: `arn:aws:sns:${PRIMARY}:${ACCOUNT}:cenm-alerts`,
  alarm: `arn:aws:cloudwatch:${PRIMARY}:${ACCOUNT}:alarm:cenm-db-replica-lag`,
  backupRole: `arn:aws:iam::${ACCOUNT}:role/cenm-backup`,
};

/**
 * The fixture world's stack is named "cenm": the names its resources fix ("cenm-vault", "cenm-escrow"...) carry the
 * stack, as aws-name-carries-stack asks of every name AWS keeps unique per account, region or partition.
 */
const FIXTURE_STACK = "cenm";
const urnOf = (type: string, name: string, stack = FIXTURE_STACK): string => `urn:pulumi:${stack}::cenm-backup::${type}::${name}`;

/** A declared resource: `deps` maps an input name to the URNs of the resources its value comes from. */
function res(type: string, name: string, inputs: Record<string, unknown>, deps: Record<string, string[]> = {}): ResourceView {
  return { urn: urnOf(type, name), type, name, custom: true, inputs, outputs: {}, propertyDependencies: deps, protect: false, retainOnDelete: false };
}

/**
 * `r` with some inputs (and references) changed: the one declaration a violating plan differs in. An `undefined`
 * value removes the input (or the reference).
 */
function patch(r: ResourceView, inputs: Record<string, unknown>, deps: Record<string, string[] | undefined> = {}): ResourceView {
  const drop = <V>(o: Record<string, V | undefined>): Record<string, V> =>
    Object.fromEntries(Object.entries(o).filter((e): e is [string, V] => e[1] !== undefined));
  return { ...r, inputs: drop({ ...r.inputs, ...inputs }), propertyDependencies: drop({ ...r.propertyDependencies, ...deps }) };
}

// ---------------------------------------------------------------------------------------------------------------
// The fixture world: a primary database in eu-west-1, its cross-region replica in eu-central-1, AWS Backup, alerts
// ---------------------------------------------------------------------------------------------------------------

/** The per-creation part of the final snapshot identifier. */
const finalSuffix = res(TYPE.randomId, "db-final-suffix", { byteLength: 4 });

/** An encrypted Multi-AZ PostgreSQL instance, final snapshot named per creation, windows clear of each other. */
const db = res(
  TYPE.rdsInstance,
  "db",
  {
    region: PRIMARY,
    identifier: "cenm-db",
    engine: "postgres",
    engineVersion: "16.4",
    instanceClass: "db.m6g.large",
    multiAz: true,
    storageType: "gp3",
    allocatedStorage: 400,
    iops: 12000,
    storageEncrypted: true,
    kmsKeyId: ARN.key,
    backupRetentionPeriod: 7,
    backupWindow: "02:00-03:00",
    maintenanceWindow: "sun:04:00-sun:05:00",
    skipFinalSnapshot: false,
    finalSnapshotIdentifier: "cenm-db-final-1a2b3c4d",
  },
  { finalSnapshotIdentifier: [finalSuffix.urn] },
);

/** An RDS Multi-AZ DB cluster (an instance class of its own, not Aurora). */
const mazCluster = res(TYPE.rdsCluster, "db-cluster", {
  region: PRIMARY,
  clusterIdentifier: "cenm-db-cluster",
  engine: "postgres",
  dbClusterInstanceClass: "db.m6gd.large",
  storageType: "io1",
  allocatedStorage: 400,
  iops: 3000,
  storageEncrypted: true,
  backupRetentionPeriod: 7,
  preferredBackupWindow: "02:00-03:00",
  preferredMaintenanceWindow: "sun:04:00-sun:05:00",
  skipFinalSnapshot: true,
});

const key = res(TYPE.kmsKey, "key", { region: PRIMARY, description: "cenm database", enableKeyRotation: true });
const drKey = res(TYPE.kmsKey, "dr-key", { region: DR, description: "cenm database (DR)", enableKeyRotation: true });
const dbSubnets = res(TYPE.rdsSubnetGroup, "db-subnets", { region: PRIMARY, name: "cenm-db", subnetIds: ["subnet-0a1", "subnet-0a2"] });
const drSubnets = res(TYPE.rdsSubnetGroup, "dr-subnets", { region: DR, name: "cenm-db-dr", subnetIds: ["subnet-0b1", "subnet-0b2"] });

/** A cross-region read replica of `db` in the DR region, in a DR subnet group, encrypted with a DR key. */
const replica = res(
  TYPE.rdsInstance,
  "db-replica",
  {
    region: DR,
    identifier: "cenm-db-replica",
    instanceClass: "db.m6g.large",
    replicateSourceDb: ARN.db,
    dbSubnetGroupName: "cenm-db-dr",
    kmsKeyId: ARN.drKey,
    storageEncrypted: true,
    skipFinalSnapshot: true,
  },
  { replicateSourceDb: [db.urn], dbSubnetGroupName: [drSubnets.urn], kmsKeyId: [drKey.urn] },
);

/** `db` encrypted with the program's key `key` (a reference, as a plan records it), and that key kept when the stack goes. */
const keyedDb = patch(db, {}, { kmsKeyId: [key.urn] });
const retainedKey: ResourceView = { ...key, retainOnDelete: true };

/** Replication of `db`'s automated backups into the DR region. */
const backupsReplication = res(
  TYPE.rdsBackupsReplication,
  "db-backups-dr",
  { region: DR, sourceDbInstanceArn: ARN.db, kmsKeyId: ARN.drKey, retentionPeriod: 7 },
  { sourceDbInstanceArn: [db.urn], kmsKeyId: [drKey.urn] },
);

const vault = res(TYPE.backupVault, "vault", { region: PRIMARY, name: "cenm-vault", kmsKeyArn: ARN.key });
const drVault = res(TYPE.backupVault, "dr-vault", { region: DR, name: "cenm-dr-vault", kmsKeyArn: ARN.drKey });

/** A vault lock on `vault` keeping recovery points 7 to 35 days, in compliance mode after 3 days. */
const vaultLock = res(
  TYPE.backupVaultLock,
  "vault-lock",
  { region: PRIMARY, backupVaultName: "cenm-vault", minRetentionDays: 7, maxRetentionDays: 35, changeableForDays: 3 },
  { backupVaultName: [vault.urn] },
);

/** A daily snapshot rule at 05:00 UTC (clear of the 02:00-03:00 RDS backup window) into `vault`. */
function rule(over: Record<string, unknown> = {}): Record<string, unknown> {
  return { ruleName: "daily", targetVaultName: "cenm-vault", schedule: "cron(0 5 ? * * *)", startWindow: 60, completionWindow: 180, lifecycle: { deleteAfter: 35 }, ...over };
}

/** A copy of a rule's recovery points into the DR vault. */
const copyToDr = (deleteAfter = 35) => ({ destinationVaultArn: ARN.drVault, lifecycle: { deleteAfter } });

/** A backup plan in the primary region; its rules name `vault` (and `drVault` in copy actions). */
function backupPlan(...rules: Record<string, unknown>[]): ResourceView {
  return res(TYPE.backupPlan, "plan", { region: PRIMARY, name: "cenm-backup", rules }, { rules: [vault.urn, drVault.urn] });
}

/** The selection that puts `covered` (listed by ARN) under the plan. */
function selection(covered: ResourceView, arn: string): ResourceView {
  return res(
    TYPE.backupSelection,
    "selection",
    { region: PRIMARY, name: "cenm-db", planId: UNKNOWN, iamRoleArn: ARN.backupRole, resources: [arn] },
    { planId: [urnOf(TYPE.backupPlan, "plan")], resources: [covered.urn] },
  );
}

/** An alarm on RDS ReplicaLag of the instance `target`, named by its identifier. */
function replicaLagAlarm(dimensions: Record<string, string>, target: ResourceView): ResourceView {
  return res(
    TYPE.metricAlarm,
    "replica-lag",
    { region: DR, namespace: "AWS/RDS", metricName: "ReplicaLag", statistic: "Maximum", period: 60, evaluationPeriods: 5, threshold: 300, comparisonOperator: "GreaterThanThreshold", dimensions },
    { dimensions: [target.urn] },
  );
}

const policy = (...statements: Record<string, unknown>[]): string => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const publishBy = (service: string, condition?: Record<string, unknown>) => ({
  Sid: `${service.split(".")[0]}-publish`,
  Effect: "Allow",
  Principal: { Service: service },
  Action: "sns:Publish",
  Resource: ARN.topic,
  ...(condition ? { Condition: condition } : {}),
});

const topic = res(TYPE.snsTopic, "alerts", { region: PRIMARY, name: "cenm-alerts", kmsMasterKeyId: ARN.key });
/** Scoped to this account where the publish names one; a publish without the key still passes. */
const ifThisAccount = { StringEqualsIfExists: { "aws:SourceAccount": ACCOUNT } };
/** The alert topic's policy: AWS Backup and EventBridge by account with IfExists, CloudWatch by alarm ARN. */
const topicPolicy = res(
  TYPE.snsTopicPolicy,
  "alerts-policy",
  {
    region: PRIMARY,
    arn: ARN.topic,
    policy: policy(
      publishBy("backup.amazonaws.com", ifThisAccount),
      publishBy("events.amazonaws.com", ifThisAccount),
      publishBy("cloudwatch.amazonaws.com", { ArnLike: { "aws:SourceArn": ARN.alarm } }),
    ),
  },
  { arn: [topic.urn] },
);

const keyAdmin = { Sid: "account-admin", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" };
const eventBridgeUse = (condition?: Record<string, unknown>) => ({
  Sid: "eventbridge-encrypt",
  Effect: "Allow",
  Principal: { Service: "events.amazonaws.com" },
  Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
  Resource: "*",
  ...(condition ? { Condition: condition } : {}),
});
/** The key of the encrypted alert topic, usable by EventBridge. */
const alertKey = res(TYPE.kmsKey, "alerts-key", { region: PRIMARY, description: "cenm alerts", policy: policy(keyAdmin, eventBridgeUse()) });

/** A file system CENM writes through an access point, replicated to a replica EFS creates in the DR region. */
const efsSource = res(TYPE.efsFileSystem, "files", { region: PRIMARY, encrypted: true, protection: { replicationOverwrite: "ENABLED" } });
const efsAccessPoint = res(TYPE.efsAccessPoint, "files-ap", { region: PRIMARY, fileSystemId: UNKNOWN, rootDirectory: { path: "/cenm/signer" } }, { fileSystemId: [efsSource.urn] });
const efsReplication = res(TYPE.efsReplication, "files-replication", { region: PRIMARY, sourceFileSystemId: UNKNOWN, destination: { region: DR } }, { sourceFileSystemId: [efsSource.urn] });
/** A file system declared in the DR region as the replication's existing destination. */
const efsDestination = res(TYPE.efsFileSystem, "files-dr", { region: DR, encrypted: true, protection: { replicationOverwrite: "DISABLED" } });
const efsReplicationToExisting = patch(efsReplication, { destination: { region: DR, fileSystemId: UNKNOWN } }, { destination: [efsDestination.urn] });
const BREAK_GLASS = `arn:aws:iam::${ACCOUNT}:role/cenm-break-glass`;
/** A break-glass role of another account than the keys'. */
const OTHER_BREAK_GLASS = "arn:aws:iam::111122223333:role/cenm-break-glass";
/** A Deny on every principal of `actions`, exempting `exempt` (by aws:PrincipalArn) when given. */
const denyAll = (sid: string, actions: string | string[], exempt?: string, condition?: Record<string, unknown>) => ({
  Sid: sid,
  Effect: "Deny",
  Principal: { AWS: "*" },
  Action: actions,
  Resource: "*",
  ...(exempt ? { Condition: { ArnNotEquals: { "aws:PrincipalArn": exempt } } } : condition ? { Condition: condition } : {}),
});
/** A protected key: deletion and policy changes denied to all but the break-glass role, with the lockout bypass. */
const guardedKey = res(TYPE.kmsKey, "guarded-key", {
  region: PRIMARY,
  description: "cenm escrow",
  bypassPolicyLockoutSafetyCheck: true,
  policy: policy(keyAdmin, denyAll("deny-deletion", ["kms:ScheduleKeyDeletion", "kms:DisableKey"], BREAK_GLASS), denyAll("deny-policy-change", "kms:PutKeyPolicy", BREAK_GLASS)),
});

const hsmCluster = res(TYPE.hsmCluster, "hsm-cluster", { region: PRIMARY, hsmType: "hsm2m.medium", subnetIds: ["subnet-0a1", "subnet-0a2"], tags: { project: "cenm" } });
const hsm = (name: string, az: string) => res(TYPE.hsm, name, { region: PRIMARY, clusterId: UNKNOWN, availabilityZone: az }, { clusterId: [hsmCluster.urn] });

const escrow = res(TYPE.bucket, "escrow", { region: PRIMARY, bucket: "cenm-escrow", objectLockEnabled: true });
const accessLogs = res(TYPE.bucket, "access-logs", { region: PRIMARY, bucket: "cenm-access-logs" });
const sse = (bucket: ResourceView, sseAlgorithm: string, kmsMasterKeyId?: string) =>
  res(
    TYPE.bucketSse,
    `${bucket.name}-sse`,
    { region: PRIMARY, bucket: bucket.inputs.bucket, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm, ...(kmsMasterKeyId ? { kmsMasterKeyId } : {}) } }] },
    { bucket: [bucket.urn] },
  );
/** Server access logging of the escrow bucket into the access-log bucket. */
const escrowLogging = res(
  TYPE.bucketLogging,
  "escrow-logging",
  { region: PRIMARY, bucket: "cenm-escrow", targetBucket: "cenm-access-logs", targetPrefix: "escrow/" },
  { bucket: [escrow.urn], targetBucket: [accessLogs.urn] },
);

const trailBucket = res(TYPE.bucket, "trail-logs", { region: PRIMARY, bucket: "cenm-trail-logs", objectLockEnabled: true });
/** A trail recording escrow access into a bucket of the primary region, encrypted with a key of that region. */
const trail = res(
  TYPE.cloudTrail,
  "escrow-trail",
  { region: PRIMARY, name: "cenm-escrow", s3BucketName: "cenm-trail-logs", kmsKeyId: ARN.key, enableLogFileValidation: true },
  { s3BucketName: [trailBucket.urn], kmsKeyId: [key.urn] },
);

const drEscrow = res(TYPE.bucket, "dr-escrow", { region: DR, bucket: "cenm-dr-escrow", objectLockEnabled: true });
/** A single-region trail of the DR region recording the object events of the DR escrow bucket. */
const drTrail = res(
  TYPE.cloudTrail,
  "dr-escrow-trail",
  {
    region: DR,
    name: "cenm-dr-escrow",
    isMultiRegionTrail: false,
    s3BucketName: "cenm-dr-trail-logs",
    advancedEventSelectors: [
      {
        fieldSelectors: [
          { field: "eventCategory", equals: ["Data"] },
          { field: "resources.type", equals: ["AWS::S3::Object"] },
          { field: "resources.ARN", startsWiths: ["arn:aws:s3:::cenm-dr-escrow/"] },
        ],
      },
    ],
  },
  { advancedEventSelectors: [drEscrow.urn] },
);
/** The same trail pointed at the primary region's escrow bucket. */
const drTrailOnPrimary = patch(
  drTrail,
  { advancedEventSelectors: [{ fieldSelectors: [{ field: "eventCategory", equals: ["Data"] }, { field: "resources.ARN", startsWiths: ["arn:aws:s3:::cenm-escrow/"] }] }] },
  { advancedEventSelectors: [escrow.urn] },
);
/** What one stack with a DR escrow declares: a multi-region trail (a place in every region) and a DR single-region one. */
const stackTrails = (stack: number): ResourceView[] => [
  res(TYPE.cloudTrail, `escrow-trail-${stack}`, { region: PRIMARY, name: `cenm-escrow-${stack}`, isMultiRegionTrail: true, s3BucketName: "cenm-trail-logs" }),
  res(TYPE.cloudTrail, `dr-escrow-trail-${stack}`, { region: DR, name: `cenm-dr-escrow-${stack}`, isMultiRegionTrail: false, s3BucketName: "cenm-dr-trail-logs" }),
];

/** An EventBridge rule on AWS Backup restore-job events, with the given `detail` filter, sending to the topic. */
function restoreFailures(detail: Record<string, unknown>, detailTypes: string[] = ["Restore Job State Change"]): ResourceView {
  return res(TYPE.eventRule, "restore-failures", { region: PRIMARY, eventPattern: JSON.stringify({ source: ["aws.backup"], "detail-type": detailTypes, detail }) });
}

/** A restore testing plan named `name`, testing the latest snapshot of `vault`. */
function restoreTestingPlan(name: string): ResourceView {
  return res(TYPE.restoreTestingPlan, "restore-testing", {
    region: PRIMARY,
    name,
    scheduleExpression: "cron(0 6 ? * SUN *)",
    recoveryPointSelection: { algorithm: "LATEST_WITHIN_WINDOW", includeVaults: [ARN.vault], recoveryPointTypes: ["SNAPSHOT"] },
  });
}

/** `r` declared by another stack than the fixture world's. */
function inStack(stack: string, r: ResourceView): ResourceView {
  return { ...r, urn: urnOf(r.type, r.name, stack) };
}

// ---------------------------------------------------------------------------------------------------------------
// One case per limit
// ---------------------------------------------------------------------------------------------------------------

interface LimitCase {
  id: string;
  /** A plan the limit accepts. */
  compliant: ResourceView[];
  /** The same plan with one declaration changed so that the limit refuses it. */
  violating: ResourceView[];
  /** Logical name of the resource blamed and the input path named. */
  resource: string;
  property: string;
}

const CASES: LimitCase[] = [
  {
    id: "aws-backup-no-copy-of-multi-az-cluster",
    // A plan over a Multi-AZ DB cluster may keep its snapshots in the region; a copy action to DR would never exist.
    compliant: [mazCluster, vault, drVault, backupPlan(rule()), selection(mazCluster, ARN.cluster)],
    violating: [mazCluster, vault, drVault, backupPlan(rule({ copyActions: [copyToDr()] })), selection(mazCluster, ARN.cluster)],
    resource: "plan",
    property: "rules[0].copyActions[0]",
  },
  {
    id: "aws-rds-no-backup-replication-of-multi-az-cluster",
    // Automated-backup replication of a DB instance, versus the same replication pointed at a Multi-AZ DB cluster.
    compliant: [finalSuffix, db, drKey, backupsReplication],
    violating: [mazCluster, drKey, patch(backupsReplication, { sourceDbInstanceArn: ARN.cluster }, { sourceDbInstanceArn: [mazCluster.urn] })],
    resource: "db-backups-dr",
    property: "sourceDbInstanceArn",
  },
  {
    id: "aws-rds-backup-replication-not-with-continuous-backup",
    // The instance's automated backups are replicated; AWS Backup takes snapshots of it (fine) or runs continuous backup of it (not).
    compliant: [finalSuffix, db, drKey, backupsReplication, vault, drVault, backupPlan(rule()), selection(db, ARN.db)],
    violating: [finalSuffix, db, drKey, backupsReplication, vault, drVault, backupPlan(rule({ enableContinuousBackup: true })), selection(db, ARN.db)],
    resource: "db-backups-dr",
    property: "sourceDbInstanceArn",
  },
  {
    id: "aws-rds-final-snapshot-unique",
    // The identifier takes a random id per creation; the violating one is a fixed name with no random part.
    compliant: [finalSuffix, db],
    violating: [finalSuffix, patch(db, { finalSnapshotIdentifier: "cenm-db-final" }, { finalSnapshotIdentifier: undefined })],
    resource: "db",
    property: "finalSnapshotIdentifier",
  },
  {
    id: "aws-rds-final-snapshot-key-retained",
    // The final snapshot outlives the database only if its key does: the program's key retained on delete, or not.
    compliant: [finalSuffix, retainedKey, keyedDb],
    violating: [finalSuffix, key, keyedDb],
    resource: "db",
    property: "kmsKeyId",
  },
  {
    id: "aws-rds-no-replica-of-managed-password-source",
    // A replica of a PostgreSQL source with a password of its own, versus one whose password RDS manages. The source is blamed.
    compliant: [finalSuffix, patch(db, { password: "[secret]" }), drSubnets, drKey, replica],
    violating: [finalSuffix, patch(db, { manageMasterUserPassword: true }), drSubnets, drKey, replica],
    resource: "db",
    property: "manageMasterUserPassword",
  },
  {
    id: "aws-rds-replica-iam-auth",
    // The source accepts IAM authentication; its replica must turn it on too, or the promoted copy refuses those clients.
    compliant: [finalSuffix, patch(db, { iamDatabaseAuthenticationEnabled: true }), drSubnets, drKey, patch(replica, { iamDatabaseAuthenticationEnabled: true })],
    violating: [finalSuffix, patch(db, { iamDatabaseAuthenticationEnabled: true }), drSubnets, drKey, replica],
    resource: "db-replica",
    property: "iamDatabaseAuthenticationEnabled",
  },
  {
    id: "aws-rds-multi-az-no-availability-zone",
    // CreateDBInstance: a Multi-AZ instance lets RDS place it and its standby; naming a zone for it is refused.
    compliant: [finalSuffix, db],
    violating: [finalSuffix, patch(db, { availabilityZone: "eu-west-1a" })],
    resource: "db",
    property: "availabilityZone",
  },
  {
    id: "aws-rds-multi-az-replica-no-availability-zone",
    // Assumed for CreateDBInstanceReadReplica, which states no ban: a replica made Multi-AZ names no zone.
    compliant: [finalSuffix, db, drSubnets, drKey, patch(replica, { multiAz: true })],
    violating: [finalSuffix, db, drSubnets, drKey, patch(replica, { multiAz: true, availabilityZone: "eu-central-1a" })],
    resource: "db-replica",
    property: "availabilityZone",
  },
  {
    id: "aws-rds-no-final-snapshot-of-replica",
    compliant: [finalSuffix, db, drSubnets, drKey, replica],
    violating: [finalSuffix, db, drSubnets, drKey, patch(replica, { skipFinalSnapshot: false })],
    resource: "db-replica",
    property: "skipFinalSnapshot",
  },
  {
    id: "aws-rds-storage-and-iops",
    // gp3 PostgreSQL at 400 GiB takes 12,000 IOPS; at 300 GiB it runs at the 3,000 baseline and takes no IOPS setting.
    compliant: [finalSuffix, db],
    violating: [finalSuffix, patch(db, { allocatedStorage: 300 })],
    resource: "db",
    property: "iops",
  },
  {
    id: "aws-rds-backup-window",
    // Backup window 02:00-03:00 every day; a Sunday maintenance window at 02:30 overlaps it.
    compliant: [finalSuffix, db],
    violating: [finalSuffix, patch(db, { maintenanceWindow: "sun:02:30-sun:03:30" })],
    resource: "db",
    property: "backupWindow",
  },
  {
    id: "aws-backup-start-window-outside-rds-backup-window",
    // Snapshots at 05:00 with a 60-minute start window stay clear of 02:00-03:00; at 01:30 they can start at 02:00.
    compliant: [finalSuffix, db, vault, drVault, backupPlan(rule()), selection(db, ARN.db)],
    violating: [finalSuffix, db, vault, drVault, backupPlan(rule({ schedule: "cron(30 1 ? * * *)" })), selection(db, ARN.db)],
    resource: "plan",
    property: "rules[0].schedule",
  },
  {
    id: "aws-backup-continuous-rule-window-clear",
    // The package's placement: the continuous rule starts at the RDS window (02:00, AWS Backup assumed to hold the
    // window there), snapshots at 05:00; the continuous rule placed at 05:00 would put the window over them.
    compliant: [finalSuffix, db, vault, backupPlan(rule({ ruleName: "pitr", enableContinuousBackup: true, schedule: "cron(0 2 ? * * *)" }), rule()), selection(db, ARN.db)],
    violating: [finalSuffix, db, vault, backupPlan(rule({ ruleName: "pitr", enableContinuousBackup: true, schedule: "cron(0 5 ? * * *)" }), rule()), selection(db, ARN.db)],
    resource: "plan",
    property: "rules[1].schedule",
  },
  {
    id: "aws-backup-start-window-minimum",
    compliant: [vault, backupPlan(rule({ startWindow: 60 }))],
    violating: [vault, backupPlan(rule({ startWindow: 59 }))],
    resource: "plan",
    property: "rules[0].startWindow",
  },
  {
    id: "aws-backup-schedule-at-most-hourly",
    // Hourly snapshots, versus a schedule firing at minutes 0 and 30 of every hour.
    compliant: [vault, backupPlan(rule({ schedule: "cron(0 * ? * * *)" }))],
    violating: [vault, backupPlan(rule({ schedule: "cron(0,30 * ? * * *)" }))],
    resource: "plan",
    property: "rules[0].schedule",
  },
  {
    id: "aws-backup-vault-lock-covers-retention",
    // The lock allows 7-35 days; a rule keeping 36 days into the locked vault fails.
    compliant: [vault, vaultLock, backupPlan(rule({ lifecycle: { deleteAfter: 35 } }))],
    violating: [vault, vaultLock, backupPlan(rule({ lifecycle: { deleteAfter: 36 } }))],
    resource: "plan",
    property: "rules[0].lifecycle",
  },
  {
    id: "aws-backup-vault-lock-settings",
    // Compliance mode after a grace time of at least 3 days.
    compliant: [vault, vaultLock],
    violating: [vault, patch(vaultLock, { changeableForDays: 2 })],
    resource: "vault-lock",
    property: "changeableForDays",
  },
  {
    id: "aws-backup-continuous-retention",
    compliant: [vault, backupPlan(rule({ ruleName: "continuous", enableContinuousBackup: true, lifecycle: { deleteAfter: 35 } }))],
    violating: [vault, backupPlan(rule({ ruleName: "continuous", enableContinuousBackup: true, lifecycle: { deleteAfter: 36 } }))],
    resource: "plan",
    property: "rules[0].lifecycle.deleteAfter",
  },
  {
    id: "aws-backup-cold-storage-transition",
    // Cold after 30 days needs deletion no sooner than day 120.
    compliant: [vault, backupPlan(rule({ ruleName: "monthly", schedule: "cron(0 5 1 * ? *)", lifecycle: { coldStorageAfter: 30, deleteAfter: 120 } }))],
    violating: [vault, backupPlan(rule({ ruleName: "monthly", schedule: "cron(0 5 1 * ? *)", lifecycle: { coldStorageAfter: 30, deleteAfter: 119 } }))],
    resource: "plan",
    property: "rules[0].lifecycle.deleteAfter",
  },
  {
    id: "aws-rds-cross-region-replica-subnet-group",
    // The DR replica must be placed by a subnet group of the DR region, not the primary region's.
    compliant: [finalSuffix, db, dbSubnets, drSubnets, drKey, replica],
    violating: [finalSuffix, db, dbSubnets, drSubnets, drKey, patch(replica, { dbSubnetGroupName: "cenm-db" }, { dbSubnetGroupName: [dbSubnets.urn] })],
    resource: "db-replica",
    property: "dbSubnetGroupName",
  },
  {
    id: "aws-rds-cross-region-key",
    // The DR replica of an encrypted database must name a key of the DR region, not the primary region's.
    compliant: [finalSuffix, db, key, drKey, drSubnets, replica],
    violating: [finalSuffix, db, key, drKey, drSubnets, patch(replica, { kmsKeyId: ARN.key }, { kmsKeyId: [key.urn] })],
    resource: "db-replica",
    property: "kmsKeyId",
  },
  {
    id: "aws-rds-replication-needs-backups",
    // The source of a replica keeps automated backups; with retention 0 it cannot replicate. The source is blamed.
    compliant: [finalSuffix, db, drSubnets, drKey, replica],
    violating: [finalSuffix, patch(db, { backupRetentionPeriod: 0 }), drSubnets, drKey, replica],
    resource: "db",
    property: "backupRetentionPeriod",
  },
  {
    id: "aws-cloudwatch-replica-lag-dimension",
    // ReplicaLag exists for the replica; the primary instance publishes none.
    compliant: [finalSuffix, db, drSubnets, drKey, replica, replicaLagAlarm({ DBInstanceIdentifier: "cenm-db-replica" }, replica)],
    violating: [finalSuffix, db, drSubnets, drKey, replica, replicaLagAlarm({ DBInstanceIdentifier: "cenm-db" }, db)],
    resource: "replica-lag",
    property: "dimensions.DBInstanceIdentifier",
  },
  {
    id: "aws-efs-replication-overwrite",
    // DISABLED makes a file system read-only: the source CENM writes to must keep the default, ENABLED.
    compliant: [efsSource, efsAccessPoint, efsReplication],
    violating: [patch(efsSource, { protection: { replicationOverwrite: "DISABLED" } }), efsAccessPoint, efsReplication],
    resource: "files",
    property: "protection.replicationOverwrite",
  },
  {
    id: "aws-sns-service-publisher-conditions",
    // AWS Backup is documented to send no condition key: a plain test of aws:SourceAccount may never match.
    compliant: [topic, topicPolicy],
    violating: [
      topic,
      patch(topicPolicy, {
        policy: policy(
          publishBy("backup.amazonaws.com", { StringEquals: { "aws:SourceAccount": ACCOUNT } }),
          publishBy("events.amazonaws.com", ifThisAccount),
          publishBy("cloudwatch.amazonaws.com", { ArnLike: { "aws:SourceArn": ARN.alarm } }),
        ),
      }),
    ],
    resource: "alerts-policy",
    property: "policy.Statement[0].Condition",
  },
  {
    id: "aws-kms-eventbridge-key-conditions",
    // EventBridge's use of the topic key cannot be conditioned on aws:SourceArn.
    compliant: [alertKey],
    violating: [patch(alertKey, { policy: policy(keyAdmin, eventBridgeUse({ ArnEquals: { "aws:SourceArn": `arn:aws:events:${PRIMARY}:${ACCOUNT}:rule/cenm-backup-failed` } })) })],
    resource: "alerts-key",
    property: "policy.Statement[1].Condition",
  },
  {
    id: "aws-kms-key-policy-lockout",
    // Policy changes denied to all but the break-glass role: with the bypass KMS takes it from the deployer; without
    // it, KMS refuses it from anyone but that role (its lockout safety check).
    compliant: [guardedKey],
    violating: [patch(guardedKey, { bypassPolicyLockoutSafetyCheck: false })],
    resource: "guarded-key",
    property: "policy",
  },
  {
    id: "aws-kms-key-policy-exemption-same-account",
    // The break-glass role exempted from the key management denies: of the key's account, or of another one, whom
    // KMS never lets manage the key (the shipped stacks once named 111122223333 while planned in 123456789012).
    compliant: [guardedKey],
    violating: [patch(guardedKey, { policy: policy(keyAdmin, denyAll("deny-deletion", ["kms:ScheduleKeyDeletion", "kms:DisableKey"], OTHER_BREAK_GLASS), denyAll("deny-policy-change", "kms:PutKeyPolicy", OTHER_BREAK_GLASS)) })],
    resource: "guarded-key",
    property: "policy",
  },
  {
    id: "aws-cloudhsm-one-hsm-until-initialized",
    // One HSM until the operator initializes the cluster; the second one is blamed.
    compliant: [hsmCluster, hsm("hsm-a", "eu-west-1a")],
    violating: [hsmCluster, hsm("hsm-a", "eu-west-1a"), hsm("hsm-b", "eu-west-1b")],
    resource: "hsm-b",
    property: "clusterId",
  },
  {
    id: "aws-s3-access-log-target",
    // The access-log bucket encrypts with SSE-S3; with SSE-KMS by default, S3 delivers no access logs.
    compliant: [escrow, accessLogs, sse(accessLogs, "AES256"), escrowLogging],
    violating: [escrow, accessLogs, sse(accessLogs, "aws:kms", ARN.key), escrowLogging],
    resource: "escrow-logging",
    property: "targetBucket",
  },
  {
    id: "aws-cloudtrail-single-region-scope",
    // A single-region trail of eu-central-1 sees the object events of a bucket there, never of one in eu-west-1.
    compliant: [escrow, drEscrow, drTrail],
    violating: [escrow, drEscrow, drTrailOnPrimary],
    resource: "dr-escrow-trail",
    property: "advancedEventSelectors",
  },
  {
    id: "aws-cloudtrail-trails-per-region",
    // Two stacks with a DR escrow in one program hold 4 trails in the DR region; three hold 6, one past CloudTrail's 5.
    compliant: [...stackTrails(1), ...stackTrails(2)],
    violating: [...stackTrails(1), ...stackTrails(2), ...stackTrails(3)],
    resource: "dr-escrow-trail-3",
    property: "isMultiRegionTrail",
  },
  {
    id: "aws-cloudtrail-key-region",
    // Log bucket and key in eu-west-1; a key of eu-central-1 cannot encrypt the trail's logs.
    compliant: [trailBucket, key, drKey, trail],
    violating: [trailBucket, key, drKey, patch(trail, { kmsKeyId: ARN.drKey }, { kmsKeyId: [drKey.urn] })],
    resource: "escrow-trail",
    property: "kmsKeyId",
  },
  {
    id: "aws-backup-job-event-field",
    // Restore job events carry detail.status: a rule testing detail.state for them matches none.
    compliant: [restoreFailures({ status: ["FAILED", "ABORTED"] })],
    violating: [restoreFailures({ state: ["FAILED", "ABORTED"] })],
    resource: "restore-failures",
    property: "eventPattern",
  },
  {
    id: "aws-name-carries-stack",
    // A restore testing plan of stack aws-prod named with the stack; the same name without it collides with staging's.
    compliant: [inStack("aws-prod", restoreTestingPlan("cenm_snapshots_aws_prod_restore_tests"))],
    violating: [inStack("aws-prod", restoreTestingPlan("cenm_snapshots_restore_tests"))],
    resource: "restore-testing",
    property: "name",
  },
  {
    id: "aws-resource-name-syntax",
    // Restore testing names take letters, digits and underscores only.
    compliant: [restoreTestingPlan("cenm_restore_tests")],
    violating: [restoreTestingPlan("cenm-restore-tests")],
    resource: "restore-testing",
    property: "name",
  },
  {
    id: "aws-backup-compliance-lock-replaced",
    // A preview that updates nothing in the compliance lock, versus one that replaces it.
    compliant: [vault, { ...vaultLock, operation: "same" }],
    violating: [vault, { ...vaultLock, operation: "replace" }],
    resource: "vault-lock",
    property: "changeableForDays",
  },
];

// ---------------------------------------------------------------------------------------------------------------
// Azure
// ---------------------------------------------------------------------------------------------------------------

const AZ = {
  storageAccount: "azure-native:storage:StorageAccount",
  backupVault: "azure-native:dataprotection:BackupVault",
  recoveryVault: "azure-native:recoveryservices:Vault",
  protectedItem: "azure-native:recoveryservices:ProtectedItem",
  postgres: "azure-native:dbforpostgresql:Server",
  postgresAdmin: "azure-native:dbforpostgresql:AdministratorsMicrosoftEntra",
  keyVault: "azure-native:keyvault:Vault",
  key: "azure-native:keyvault:Key",
  privateEndpoint: "azure-native:network:PrivateEndpoint",
  protectionPolicy: "azure-native:recoveryservices:ProtectionPolicy",
};

/** An escrow account whose version-level immutability policy is in `state`; `operation` as a preview records it. */
const escrowAccount = (state: string, operation?: string): ResourceView => ({
  ...res(AZ.storageAccount, "escrow-account", { location: "westeurope", immutableStorageWithVersioning: { enabled: true, immutabilityPolicy: { state, immutabilityPeriodSinceCreationInDays: 3650 } } }),
  ...(operation ? { operation } : {}),
});
/** The blob service of the escrow account, with its change feed and container soft delete on or off. */
const escrowBlobService = (changeFeed: boolean, containerSoftDelete: boolean): ResourceView =>
  res(
    "azure-native:storage:BlobServiceProperties",
    "escrow-blob-service",
    { accountName: "escrow", blobServicesName: "default", isVersioningEnabled: true, changeFeed: { enabled: changeFeed }, containerDeleteRetentionPolicy: containerSoftDelete ? { enabled: true, days: 30 } : { enabled: false } },
    { accountName: [urnOf(AZ.storageAccount, "escrow-account")] },
  );
const backupVaultIn = (state: string, operation?: string): ResourceView => ({
  ...res(AZ.backupVault, "backup-vault", { location: "westeurope", properties: { securitySettings: { immutabilitySettings: { state }, softDeleteSettings: { state: "AlwaysOn" } } } }),
  ...(operation ? { operation } : {}),
});
const shareItem = (protectedItemName: string): ResourceView =>
  res(AZ.protectedItem, "share-backup", { vaultName: "rsv", containerName: "StorageContainer;storage;rg;files", fabricName: "Azure", protectedItemName, properties: { protectedItemType: "AzureFileShareProtectedItem", policyId: "p", sourceResourceId: "/x/storageAccounts/files" } });
const flexibleServer = (over: Record<string, unknown> = {}): ResourceView =>
  res(AZ.postgres, "pg", {
    location: "westeurope",
    createMode: "Create",
    sku: { name: "Standard_E4ds_v5", tier: "MemoryOptimized" },
    storage: { storageSizeGB: 512 },
    availabilityZone: "1",
    highAvailability: { mode: "ZoneRedundant", standbyAvailabilityZone: "2" },
    authConfig: { activeDirectoryAuth: "Enabled", passwordAuth: "Disabled" },
    ...over,
  });
/** A server `r` whose plan records these ignoreChanges (an offline plan does; states and previews do not). */
const ignoring = (r: ResourceView, ignoreChanges: string[]): ResourceView => ({ ...r, ignoreChanges });
const growingServer = flexibleServer({ storage: { storageSizeGB: 512, autoGrow: "Enabled" } });
const pgAdmin = res(AZ.postgresAdmin, "pg-admin", { serverName: "pg", objectId: "6f1c2a9e-0d3b-4c55-9a61-1d2e3f4a5b62", principalName: "cenm-dba", principalType: "group" }, { serverName: [urnOf(AZ.postgres, "pg")] });

/** A key vault closed to public networks; `bypass` as its firewall lets trusted services through or not. */
const cmkVault = (bypass = "AzureServices", publicNetworkAccess = "Disabled"): ResourceView =>
  res(
    AZ.keyVault,
    "cmk-kv",
    { location: "westeurope", vaultName: "cenm-kv", properties: { publicNetworkAccess, networkAcls: { defaultAction: publicNetworkAccess === "Disabled" ? "Deny" : "Allow", bypass } } },
    // Its name carries a random part of the deployment (azure-key-vault-name-held-after-delete).
    { vaultName: [urnOf("random:index/randomId:RandomId", "cmk-kv-name")] },
  );
const cmkKey = res(AZ.key, "cmk-key", { vaultName: "cenm-kv", keyName: "cenm-cmk" }, { vaultName: [urnOf(AZ.keyVault, "cmk-kv")] });
const KEY_URI = "https://cenm-kv.vault.azure.net/keys/cenm-cmk";
const KEY_DEP = { properties: [urnOf(AZ.key, "cmk-key")] };
/** A Data Protection backup vault encrypting with the program's key, unwrapped by `identityType`. */
const encryptedBackupVault = (identityType: string, operation?: string): ResourceView => ({
  ...res(
    AZ.backupVault,
    "backup-vault",
    {
      location: "westeurope",
      identity: { type: identityType },
      properties: {
        securitySettings: {
          immutabilitySettings: { state: "Unlocked" },
          encryptionSettings: { state: "Enabled", keyVaultProperties: { keyUri: KEY_URI }, kekIdentity: identityType === "UserAssigned" ? { identityType, identityId: "/x/uai" } : { identityType } },
        },
      },
    },
    KEY_DEP,
  ),
  ...(operation ? { operation } : {}),
});
/** A Recovery Services vault encrypting with the program's key through a user-assigned identity. */
const encryptedRecoveryVault = res(
  AZ.recoveryVault,
  "recovery-vault",
  { location: "westeurope", properties: { encryption: { keyVaultProperties: { keyUri: KEY_URI }, kekIdentity: { userAssignedIdentity: "/x/uai", useSystemAssignedIdentity: false } } } },
  KEY_DEP,
);
/** A geo-redundant Recovery Services vault encrypting with the program's key through its own identity. */
const keyedGeoVault = (crossRegionRestore: string, withKey = true): ResourceView =>
  res(
    AZ.recoveryVault,
    "geo-vault",
    {
      location: "westeurope",
      properties: {
        redundancySettings: { standardTierStorageRedundancy: "GeoRedundant", crossRegionRestore },
        ...(withKey ? { encryption: { keyVaultProperties: { keyUri: KEY_URI }, kekIdentity: { useSystemAssignedIdentity: true } } } : {}),
      },
    },
    withKey ? KEY_DEP : {},
  );
const cmkServer = (over: Record<string, unknown> = {}): ResourceView =>
  patch(flexibleServer({ dataEncryption: { type: "AzureKeyVault", primaryKeyURI: KEY_URI, primaryUserAssignedIdentityId: "/x/uai" }, ...over }), {}, { dataEncryption: [urnOf(AZ.key, "cmk-key")] });
const kvEndpoint = res(AZ.privateEndpoint, "kv-endpoint", { location: "westeurope", privateLinkServiceConnections: [{ privateLinkServiceId: "/x/vaults/cenm-kv", groupIds: ["vault"] }] }, { privateLinkServiceConnections: [urnOf(AZ.keyVault, "cmk-kv")] });
const filesAccount = (allowSharedKeyAccess: boolean): ResourceView => res(AZ.storageAccount, "files", { location: "westeurope", kind: "StorageV2", allowSharedKeyAccess });
const sharePolicy = (vaulted: boolean): ResourceView =>
  res(AZ.protectionPolicy, "share-policy", {
    vaultName: "rsv",
    properties: { backupManagementType: "AzureStorage", workLoadType: "AzureFileShare", ...(vaulted ? { vaultRetentionPolicy: { vaultRetention: { retentionPolicyType: "LongTermRetentionPolicy" }, snapshotRetentionInDays: 5 } } : {}) },
  });
const shareItemOf = patch(shareItem("cenm-signer"), {}, { properties: [urnOf(AZ.protectionPolicy, "share-policy"), urnOf(AZ.storageAccount, "files")] });

/** A share backup policy keeping its daily recovery points `days` days, in the vault (`snapshotDays` given) or as snapshots. */
const retentionPolicy = (days: number, snapshotDays?: number): ResourceView => {
  const daily = { retentionPolicyType: "LongTermRetentionPolicy", dailySchedule: { retentionDuration: { count: days, durationType: "Days" } } };
  return res(AZ.protectionPolicy, "share-policy", {
    vaultName: "rsv",
    properties: {
      backupManagementType: "AzureStorage",
      workLoadType: "AzureFileShare",
      ...(snapshotDays === undefined ? { retentionPolicy: daily } : { vaultRetentionPolicy: { snapshotRetentionInDays: snapshotDays, vaultRetention: daily } }),
    },
  });
};

/** A resource group, a CanNotDelete lock on it, and a policy in it that a preview replaces (or creates). */
const lockedGroup = res("azure-native:resources:ResourceGroup", "rg", { location: "westeurope" });
const groupLock = res("azure-native:authorization:ManagementLockAtResourceGroupLevel", "rg-lock", { resourceGroupName: "rg", level: "CanNotDelete" }, { resourceGroupName: [urnOf("azure-native:resources:ResourceGroup", "rg")] });
const policyIn = (operation: string, retainOnDelete = false): ResourceView => ({
  ...res(AZ.protectionPolicy, "share-policy", { resourceGroupName: "rg", vaultName: "rsv", properties: { workLoadType: "AzureFileShare" } }, { resourceGroupName: [urnOf("azure-native:resources:ResourceGroup", "rg")] }),
  operation,
  retainOnDelete,
});

/** A Recovery Services vault under its own CanNotDelete lock, the lock the package declares on a stateful resource. */
const lockedVault = res(AZ.recoveryVault, "rsv", { location: "westeurope", resourceGroupName: "rg" }, { resourceGroupName: [urnOf("azure-native:resources:ResourceGroup", "rg")] });
const rsvLock = res("azure-native:authorization:ManagementLockByScope", "rsv-lock", { scope: "/x/vaults/rsv", level: "CanNotDelete" }, { scope: [urnOf(AZ.recoveryVault, "rsv")] });
/** The vault's share policy, a child resource the vault's lock covers, replaced (or created) by a preview. */
const vaultPolicyIn = (operation: string, retainOnDelete = false): ResourceView => ({
  ...res(AZ.protectionPolicy, "share-policy", { resourceGroupName: "rg", vaultName: "rsv", properties: { workLoadType: "AzureFileShare" } }, { resourceGroupName: [urnOf("azure-native:resources:ResourceGroup", "rg")], vaultName: [urnOf(AZ.recoveryVault, "rsv")] }),
  operation,
  retainOnDelete,
});

// The PostgreSQL private DNS zone, its group, and the locks that may sit at or above it.
const ZONE = "azure-native:privatedns:PrivateZone";
const ZONE_LINK = "azure-native:privatedns:VirtualNetworkLink";
const RECORD_SET = "azure-native:privatedns:PrivateRecordSet";
const LOCK_BY_SCOPE = "azure-native:authorization:ManagementLockByScope";
const dnsGroup = res("azure-native:resources:ResourceGroup", "dns-rg", { location: "northeurope" });
const DNS_GROUP_DEP = { resourceGroupName: [urnOf("azure-native:resources:ResourceGroup", "dns-rg")] };
const pgZone = res(ZONE, "pg-zone", { location: "global", resourceGroupName: "dns-rg", privateZoneName: "cenm.private.postgres.database.azure.com" }, DNS_GROUP_DEP);
const dnsGroupLock = (level = "CanNotDelete"): ResourceView =>
  res("azure-native:authorization:ManagementLockAtResourceGroupLevel", "dns-rg-lock", { resourceGroupName: "dns-rg", level }, DNS_GROUP_DEP);
/** The flexible server of the fixtures in that zone, with high availability unless `ha` says otherwise. */
const zonedServer = (ha: Record<string, unknown> = { mode: "ZoneRedundant", standbyAvailabilityZone: "2" }): ResourceView =>
  patch(
    flexibleServer({ highAvailability: ha, network: { delegatedSubnetResourceId: "/x/subnets/postgres", privateDnsZoneArmResourceId: "/x/privateDnsZones/cenm.private.postgres.database.azure.com", publicNetworkAccess: "Disabled" } }),
    {},
    { network: [urnOf(ZONE, "pg-zone")] },
  );
/** The administrator of a locked server: retained on delete, so that a new objectId can replace it (azure-lock-blocks-replacement). */
const lockedAdmin: ResourceView = { ...pgAdmin, retainOnDelete: true };
const serverLock = res(LOCK_BY_SCOPE, "pg-lock", { scope: "/x/flexibleServers/pg", level: "CanNotDelete" }, { scope: [urnOf(AZ.postgres, "pg")] });

// Zones of one name, and the links that join them to a network.
const VNET_DEP = { virtualNetwork: [urnOf("azure-native:network:VirtualNetwork", "vnet")] };
const vnet = res("azure-native:network:VirtualNetwork", "vnet", { location: "westeurope", addressSpace: { addressPrefixes: ["10.60.0.0/22"] } });
const blobZoneIn = (name: string, group: string): ResourceView => res(ZONE, name, { location: "global", resourceGroupName: group, privateZoneName: "privatelink.blob.core.windows.net" });
const linkTo = (name: string, zone: string): ResourceView =>
  res(ZONE_LINK, name, { location: "global", privateZoneName: "privatelink.blob.core.windows.net", virtualNetwork: { id: "/x/virtualNetworks/vnet" }, registrationEnabled: false }, { ...VNET_DEP, privateZoneName: [urnOf(ZONE, zone)] });

const ACCOUNT_DEP = { accountName: [urnOf(AZ.storageAccount, "files")] };
const filesShare = res("azure-native:storage:FileShare", "share", { accountName: "files", shareName: "cenm-signer" }, ACCOUNT_DEP);
const smbService = (authenticationMethods: string): ResourceView =>
  res("azure-native:storage:FileServiceProperties", "file-service", { accountName: "files", protocolSettings: { smb: { versions: "SMB3.1.1", authenticationMethods } } }, ACCOUNT_DEP);
const kerberosAccount = patch(filesAccount(false), { azureFilesIdentityBasedAuthentication: { directoryServiceOptions: "AD", defaultSharePermission: "None" } });

const vaultSuffix = res("random:index/randomId:RandomId", "kv-name", { byteLength: 2 });
const namedVault = (random: boolean): ResourceView =>
  res(AZ.keyVault, "kv", { location: "westeurope", vaultName: random ? "cenmkeys0a1b2c3d4e5f6a7b1c2d" : "cenm-keys", properties: { enablePurgeProtection: true } }, random ? { vaultName: [vaultSuffix.urn] } : {});

// PostgreSQL databases, replicas and virtual endpoints, and the Data Protection backup of a server.
const PG_DEP = { serverName: [urnOf(AZ.postgres, "pg")] };
const armDatabase = res("azure-native:dbforpostgresql:Database", "pg-db-auth", { serverName: "pg", databaseName: "auth", charset: "UTF8" }, PG_DEP);
const pgReplica = res(
  AZ.postgres,
  "pg-replica",
  { location: "northeurope", createMode: "Replica", sourceServerResourceId: "/x/flexibleServers/pg", sku: { name: "Standard_E4ds_v5", tier: "MemoryOptimized" }, authConfig: { activeDirectoryAuth: "Enabled", passwordAuth: "Disabled" } },
  { sourceServerResourceId: [urnOf(AZ.postgres, "pg")] },
);
const virtualEndpoint = (member: "pg" | "pg-replica"): ResourceView =>
  res("azure-native:dbforpostgresql:VirtualEndpoint", "pg-endpoint", { serverName: "pg", endpointType: "ReadWrite", members: [member] }, { ...PG_DEP, members: [urnOf(AZ.postgres, member)] });
const pgBackupInstance = res(
  "azure-native:dataprotection:BackupInstance",
  "pg-backup",
  { vaultName: "bv", properties: { objectType: "BackupInstance", dataSourceInfo: { resourceID: "/x/flexibleServers/pg", datasourceType: "Microsoft.DBforPostgreSQL/flexibleServers" } } },
  { properties: [urnOf(AZ.postgres, "pg")] },
);
const pgPolicy = (interval: string, datasourceTypes = ["Microsoft.DBforPostgreSQL/flexibleServers"]): ResourceView =>
  res("azure-native:dataprotection:BackupPolicy", "pg-policy", {
    vaultName: "bv",
    properties: {
      objectType: "BackupPolicy",
      datasourceTypes,
      policyRules: [
        { objectType: "AzureBackupRule", name: "BackupDaily", trigger: { objectType: "ScheduleBasedTriggerContext", schedule: { repeatingTimeIntervals: [interval], timeZone: "UTC" } } },
        { objectType: "AzureRetentionRule", name: "Default", isDefault: true },
      ],
    },
  });

const shareSoftDelete = (days: number): ResourceView =>
  res("azure-native:storage:FileServiceProperties", "soft-delete-service", { accountName: "files", shareDeleteRetentionPolicy: { enabled: true, days } }, ACCOUNT_DEP);

const ROLE_ASSIGNMENT = "azure-native:authorization:RoleAssignment";
const CRYPTO_USER = "/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.Authorization/roleDefinitions/e147488a-f6f5-4113-8e2d-b22465e65bf6";
const KV_ID = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/cenm-kv";
const grant = (name: string, over: Record<string, unknown> = {}): ResourceView =>
  res(ROLE_ASSIGNMENT, name, { scope: KV_ID, principalId: "11111111-2222-3333-4444-555555555555", principalType: "ServicePrincipal", roleDefinitionId: CRYPTO_USER, ...over });

CASES.push(
  {
    id: "azure-role-assignment-once-per-principal-role-scope",
    // The same role for two principals is two assignments; the same role for the same principal twice is refused.
    compliant: [grant("crypto-user"), grant("other-crypto-user", { principalId: "99999999-2222-3333-4444-555555555555" })],
    violating: [grant("crypto-user"), grant("crypto-user-again", { description: "a second grant of the same role" })],
    resource: "crypto-user-again",
    property: "roleDefinitionId",
  },
  {
    id: "azure-share-soft-delete-days",
    // 14 days is within Azure's 1-365; 400 is refused.
    compliant: [filesAccount(true), shareSoftDelete(14)],
    violating: [filesAccount(true), shareSoftDelete(400)],
    resource: "soft-delete-service",
    property: "shareDeleteRetentionPolicy.days",
  },
  {
    id: "azure-key-vault-name-held-after-delete",
    // A name with a random part of the deployment; a fixed one is still taken after a destroy.
    compliant: [vaultSuffix, namedVault(true)],
    violating: [namedVault(false)],
    resource: "kv",
    property: "vaultName",
  },
  {
    id: "azure-files-smb-access-usable",
    // Keys on and NTLMv2 allowed; keys on but Kerberos-only SMB leaves the key unusable and no identity source.
    compliant: [filesAccount(true), filesShare, smbService("NTLMv2")],
    violating: [filesAccount(true), filesShare, smbService("Kerberos")],
    resource: "file-service",
    property: "protocolSettings.smb.authenticationMethods",
  },
  {
    id: "azure-backup-cmk-user-identity-restricted-key-vault",
    // The vault's own identity may unwrap a key in a closed key vault; a user-assigned one may not.
    compliant: [cmkVault(), cmkKey, encryptedBackupVault("SystemAssigned")],
    violating: [cmkVault(), cmkKey, encryptedBackupVault("UserAssigned")],
    resource: "backup-vault",
    property: "properties.securitySettings.encryptionSettings",
  },
  {
    id: "azure-backup-cmk-system-identity-after-creation",
    // The key is set on an existing vault (update); a vault created with it is refused.
    compliant: [cmkVault(), cmkKey, encryptedBackupVault("SystemAssigned", "update")],
    violating: [cmkVault(), cmkKey, encryptedBackupVault("SystemAssigned", "create")],
    resource: "backup-vault",
    property: "properties.securitySettings.encryptionSettings",
  },
  {
    id: "azure-recovery-vault-cmk-cross-region-restore",
    // A geo-redundant vault with a customer-managed key: cross-region restore off, or on and not restorable.
    compliant: [cmkVault(), cmkKey, keyedGeoVault("Disabled")],
    violating: [cmkVault(), cmkKey, keyedGeoVault("Enabled")],
    resource: "geo-vault",
    property: "properties.redundancySettings.crossRegionRestore",
  },
  {
    id: "azure-immutable-account-deleted-empty",
    // An escrow destroy deletes (not retained): its blob service keeps no container of its own.
    compliant: [escrowAccount("Unlocked"), escrowBlobService(false, false)],
    violating: [escrowAccount("Unlocked"), escrowBlobService(true, false)],
    resource: "escrow-blob-service",
    property: "changeFeed.enabled",
  },
  {
    id: "azure-postgres-database-owner",
    // On a server with password sign-in off, the CENM databases come from the DBA bootstrap, not from ARM.
    compliant: [flexibleServer(), pgAdmin],
    violating: [flexibleServer(), pgAdmin, armDatabase],
    resource: "pg-db-auth",
    property: "databaseName",
  },
  {
    id: "azure-postgres-virtual-endpoint-member",
    // The read-only endpoint must point at the replica a promotion makes primary.
    compliant: [flexibleServer(), pgAdmin, pgReplica, virtualEndpoint("pg-replica")],
    violating: [flexibleServer(), pgAdmin, pgReplica, virtualEndpoint("pg")],
    resource: "pg-endpoint",
    property: "members",
  },
  {
    id: "azure-postgres-vaulted-backup-size",
    // 1 TB is the largest server Azure Backup supports for vaulted backups.
    compliant: [flexibleServer({ storage: { storageSizeGB: 1024 } }), pgAdmin, pgBackupInstance],
    violating: [flexibleServer({ storage: { storageSizeGB: 2048 } }), pgAdmin, pgBackupInstance],
    resource: "pg",
    property: "storage.storageSizeGB",
  },
  {
    id: "azure-postgres-vault-backup-cadence",
    // A backup a day at most: daily or weekly, never hourly.
    compliant: [pgPolicy("R/2025-01-05T03:00:00+00:00/P1D")],
    violating: [pgPolicy("R/2025-01-05T03:00:00+00:00/PT4H")],
    resource: "pg-policy",
    property: "properties.policyRules[0].trigger.schedule.repeatingTimeIntervals",
  },
  {
    id: "azure-postgres-cmk-key-vault-reachable",
    // A closed key vault must let trusted Microsoft services through its firewall.
    compliant: [cmkVault("AzureServices"), cmkKey, cmkServer(), pgAdmin],
    violating: [cmkVault("None"), cmkKey, cmkServer(), pgAdmin],
    resource: "pg",
    property: "dataEncryption",
  },
  {
    id: "azure-postgres-replica-tier",
    compliant: [flexibleServer({ createMode: "Replica", highAvailability: undefined })],
    violating: [flexibleServer({ createMode: "Replica", highAvailability: undefined, sku: { name: "Standard_B2ms", tier: "Burstable" } })],
    resource: "pg",
    property: "sku.tier",
  },
  {
    id: "azure-postgres-replica-no-high-availability",
    // A read replica has no high availability; the runbook enables it on the promoted server.
    compliant: [flexibleServer({ createMode: "Replica", highAvailability: { mode: "Disabled" } })],
    violating: [flexibleServer({ createMode: "Replica", highAvailability: { mode: "ZoneRedundant", standbyAvailabilityZone: "2" } })],
    resource: "pg",
    property: "highAvailability.mode",
  },
  {
    id: "azure-postgres-replica-keeps-source-sign-in",
    // A replica of an Entra-only server declares Entra sign-in and no password: promotion would not change it.
    compliant: [flexibleServer(), pgAdmin, pgReplica],
    violating: [flexibleServer(), pgAdmin, patch(pgReplica, { authConfig: { activeDirectoryAuth: "Disabled", passwordAuth: "Enabled" } })],
    resource: "pg-replica",
    property: "authConfig",
  },
  {
    id: "azure-files-vaulted-backup-shared-key",
    // Shared keys off: snapshot backups only; a vaulted policy needs the account's keys.
    compliant: [filesAccount(false), sharePolicy(false), shareItemOf],
    violating: [filesAccount(false), sharePolicy(true), shareItemOf],
    resource: "share-backup",
    property: "properties.policyId",
  },
  {
    id: "azure-immutability-locked-later",
    // Created Unlocked (step 1), locked by the next deployment; Locked on creation is refused.
    compliant: [escrowAccount("Unlocked", "create"), escrowAccount("Locked", "update"), backupVaultIn("Unlocked", "create")],
    violating: [escrowAccount("Locked", "create")],
    resource: "escrow-account",
    property: "immutableStorageWithVersioning.immutabilityPolicy.state",
  },
  {
    id: "azure-files-backup-retention",
    // 300 days is beyond the snapshot tier's 200 but within the vault-standard tier's 9999.
    compliant: [retentionPolicy(300, 7)],
    violating: [retentionPolicy(300)],
    resource: "share-policy",
    property: "properties.retentionPolicy",
  },
  {
    id: "azure-lock-blocks-replacement",
    // A policy replaced under its vault's CanNotDelete lock (a child takes its parent's lock): the old one must be
    // retained, not deleted.
    compliant: [lockedGroup, lockedVault, rsvLock, vaultPolicyIn("replace", true)],
    violating: [lockedGroup, lockedVault, rsvLock, vaultPolicyIn("replace")],
    resource: "share-policy",
    property: "retainOnDelete",
  },
  {
    id: "azure-postgres-dns-zone-unlocked-with-ha",
    // The server carries its own lock and its zone's group none; a lock on the zone's group reaches the zone.
    compliant: [dnsGroup, pgZone, zonedServer(), lockedAdmin, serverLock],
    violating: [dnsGroup, pgZone, zonedServer(), lockedAdmin, serverLock, dnsGroupLock()],
    resource: "dns-rg-lock",
    property: "resourceGroupName",
  },
  {
    id: "azure-private-dns-zone-name-once-per-network",
    // One blob zone linked to the network; a second zone of the same name in another group cannot be linked to it too.
    compliant: [vnet, blobZoneIn("blob-zone", "dns-rg"), linkTo("blob-link", "blob-zone")],
    violating: [vnet, blobZoneIn("blob-zone", "dns-rg"), linkTo("blob-link", "blob-zone"), blobZoneIn("blob-zone-moved", "rg"), linkTo("blob-link-moved", "blob-zone-moved")],
    resource: "blob-link-moved",
    property: "virtualNetwork",
  },
  {
    id: "azure-fileshare-protected-item-name",
    compliant: [shareItem("cenm-signer")],
    violating: [shareItem("azurefileshare;cenm-signer")],
    resource: "share-backup",
    property: "protectedItemName",
  },
  {
    id: "azure-postgres-storage-size",
    compliant: [flexibleServer(), pgAdmin],
    violating: [flexibleServer({ storage: { storageSizeGB: 500 } }), pgAdmin],
    resource: "pg",
    property: "storage.storageSizeGB",
  },
  {
    id: "azure-postgres-live-inputs-not-resent",
    // Autogrow on and a zone-redundant pair: the disk size and both zones are left to Azure after creation.
    compliant: [ignoring(growingServer, ["availabilityZone", "highAvailability.standbyAvailabilityZone", "storage.storageSizeGB"]), pgAdmin],
    violating: [ignoring(growingServer, ["availabilityZone", "highAvailability.standbyAvailabilityZone"]), pgAdmin],
    resource: "pg",
    property: "storage.storageSizeGB",
  },
  {
    id: "azure-postgres-high-availability",
    compliant: [flexibleServer(), pgAdmin],
    violating: [flexibleServer({ sku: { name: "Standard_B2ms", tier: "Burstable" } }), pgAdmin],
    resource: "pg",
    property: "sku.tier",
  },
  {
    id: "azure-postgres-entra-administrator",
    compliant: [flexibleServer(), pgAdmin],
    violating: [flexibleServer()],
    resource: "pg",
    property: "authConfig.passwordAuth",
  },
);

describe("Azure limits, further cases", () => {
  it("azure-immutable-account-deleted-empty: container soft delete counts too; a retained or mutable account is not judged", () => {
    expect(check("azure-immutable-account-deleted-empty", [escrowAccount("Unlocked"), escrowBlobService(true, true)]).map((v) => v.property)).toEqual(["changeFeed.enabled", "containerDeleteRetentionPolicy.enabled"]);
    // Retained on delete (protection on): destroy forgets the account instead of deleting it.
    expect(check("azure-immutable-account-deleted-empty", [{ ...escrowAccount("Locked"), retainOnDelete: true }, escrowBlobService(true, true)])).toEqual([]);
    // Not enabled for version-level immutability (dev): Azure deletes it with its containers.
    expect(check("azure-immutable-account-deleted-empty", [patch(escrowAccount("Unlocked"), { immutableStorageWithVersioning: { enabled: false } }), escrowBlobService(true, true)])).toEqual([]);
  });

  it("azure-recovery-vault-cmk-cross-region-restore: a vault on platform keys may restore across regions; not judged through an unknown setting", () => {
    expect(check("azure-recovery-vault-cmk-cross-region-restore", [keyedGeoVault("Enabled", false)])).toEqual([]);
    expect(check("azure-recovery-vault-cmk-cross-region-restore", [patch(keyedGeoVault("Enabled"), { properties: { redundancySettings: { crossRegionRestore: UNKNOWN }, encryption: { keyVaultProperties: { keyUri: KEY_URI } } } })])).toEqual([]);
  });

  it("azure-postgres-live-inputs-not-resent: both zones of a zone-redundant pair; nothing without autogrow or high availability; not judged without recorded options", () => {
    const check1 = (r: ResourceView) => check("azure-postgres-live-inputs-not-resent", [r, pgAdmin]).map((v) => v.property);
    expect(check1(ignoring(growingServer, ["storage.storageSizeGB"]))).toEqual(["availabilityZone", "highAvailability.standbyAvailabilityZone"]);
    // A server without autogrow or high availability: Azure changes none of its inputs.
    expect(check1(ignoring(flexibleServer({ highAvailability: { mode: "Disabled" } }), []))).toEqual([]);
    // An exported state or a preview keeps no resource options: nothing is judged.
    expect(check1(growingServer)).toEqual([]);
  });

  it("azure-files-backup-retention: vaulted snapshots at most 30 days in the account; policies of other workloads are not judged", () => {
    expect(check("azure-files-backup-retention", [retentionPolicy(35, 31)]).map((v) => v.property)).toEqual(["properties.vaultRetentionPolicy"]);
    expect(check("azure-files-backup-retention", [retentionPolicy(10_000, 7)]).map((v) => v.message)).toEqual([expect.stringContaining("1 to 9999 days")]);
    expect(check("azure-files-backup-retention", [retentionPolicy(200)])).toEqual([]);
    expect(check("azure-files-backup-retention", [patch(retentionPolicy(500), { properties: { workLoadType: "AzureVM", retentionPolicy: {} } })])).toEqual([]);
  });

  it("azure-lock-blocks-replacement: a group's lock covers its resources, a key vault's lock its role assignments, a locked resource its whole group; a sibling's lock covers nothing", () => {
    // A group-level lock (the package no longer declares one) covers every resource of the group.
    expect(check("azure-lock-blocks-replacement", [lockedGroup, groupLock, policyIn("replace")]).map((v) => v.message)).toEqual([expect.stringContaining("rg-lock")]);
    // The package's per-resource locks: a lock on the vault leaves a private endpoint beside it in the group free to be replaced.
    const endpoint = { ...res(AZ.privateEndpoint, "files-endpoint", { resourceGroupName: "rg", location: "westeurope" }, { resourceGroupName: [urnOf("azure-native:resources:ResourceGroup", "rg")] }), operation: "replace" };
    expect(check("azure-lock-blocks-replacement", [lockedGroup, lockedVault, rsvLock, endpoint])).toEqual([]);
    // A role assignment is an extension resource of its scope: a lock on the key vault covers it.
    const kv = res(AZ.keyVault, "cmk-kv", { location: "westeurope", vaultName: "cenm-kv" });
    const kvLock = res(LOCK_BY_SCOPE, "cmk-kv-lock", { scope: KV_ID, level: "CanNotDelete" }, { scope: [urnOf(AZ.keyVault, "cmk-kv")] });
    const replacedGrant = { ...patch(grant("crypto-user"), {}, { scope: [urnOf(AZ.keyVault, "cmk-kv")] }), operation: "replace" };
    expect(check("azure-lock-blocks-replacement", [kv, kvLock, replacedGrant]).map((v) => [v.resource, v.message])).toEqual([["crypto-user", expect.stringContaining("cmk-kv-lock")]]);
    // A group holding a locked resource cannot be deleted, so it cannot be replaced either.
    expect(check("azure-lock-blocks-replacement", [{ ...lockedGroup, operation: "replace" }, lockedVault, rsvLock]).map((v) => [v.resource, v.message])).toEqual([["rg", expect.stringContaining("rsv-lock")]]);
    // A lock is never covered by another: lifting a lock is deleting it.
    expect(check("azure-lock-blocks-replacement", [lockedGroup, groupLock, { ...rsvLock, operation: "replace" }])).toEqual([]);
  });

  it("azure-lock-blocks-replacement: an Entra administrator under its server's lock is judged in every plan, since a new objectId replaces it", () => {
    const server = zonedServer();
    expect(check("azure-lock-blocks-replacement", [server, pgAdmin, serverLock]).map((v) => [v.resource, v.property, v.message])).toEqual([["pg-admin", "retainOnDelete", expect.stringContaining("pg-lock")]]);
    expect(check("azure-lock-blocks-replacement", [server, lockedAdmin, serverLock])).toEqual([]);
    // Without a lock (dev) the old administrator is simply deleted.
    expect(check("azure-lock-blocks-replacement", [server, pgAdmin])).toEqual([]);
  });

  it("azure-lock-blocks-replacement: not applicable to creations, to plans without operations, or without a lock; a vault's lock covers its policy", () => {
    expect(check("azure-lock-blocks-replacement", [lockedGroup, groupLock, policyIn("create")])).toEqual([]);
    expect(check("azure-lock-blocks-replacement", [lockedGroup, groupLock, { ...policyIn("replace"), operation: undefined }])).toEqual([]);
    expect(check("azure-lock-blocks-replacement", [lockedGroup, policyIn("create-replacement")])).toEqual([]);
    const vault = res(AZ.recoveryVault, "rsv", { location: "westeurope" });
    const vaultLock = res("azure-native:authorization:ManagementLockByScope", "rsv-lock", { scope: "/x/vaults/rsv", level: "CanNotDelete" }, { scope: [urnOf(AZ.recoveryVault, "rsv")] });
    const policy = { ...res(AZ.protectionPolicy, "share-policy", { vaultName: "rsv", properties: {} }, { vaultName: [urnOf(AZ.recoveryVault, "rsv")] }), operation: "create-replacement" };
    expect(check("azure-lock-blocks-replacement", [vault, vaultLock, policy]).map((v) => v.message)).toEqual([expect.stringContaining("rsv-lock")]);
    // A CanNotDelete lock elsewhere covers nothing here.
    const other = res("azure-native:authorization:ManagementLockByScope", "other-lock", { scope: "/x/other", level: "CanNotDelete" });
    expect(check("azure-lock-blocks-replacement", [vault, other, policy])).toEqual([]);
  });

  it("azure-postgres-dns-zone-unlocked-with-ha: locks of either level on the zone, its record sets, its group or subscription; not applicable without high availability or without the zone", () => {
    const limit = "azure-postgres-dns-zone-unlocked-with-ha";
    const base = [dnsGroup, pgZone, zonedServer(), pgAdmin];
    const zoneLock = res(LOCK_BY_SCOPE, "zone-lock", { scope: "/x/privateDnsZones/cenm", level: "ReadOnly" }, { scope: [urnOf(ZONE, "pg-zone")] });
    expect(check(limit, [...base, zoneLock]).map((v) => [v.resource, v.property])).toEqual([["zone-lock", "scope"]]);
    const record = res(RECORD_SET, "pg-record", { resourceGroupName: "dns-rg", privateZoneName: "cenm.private.postgres.database.azure.com", recordType: "A", relativeRecordSetName: "pg" }, { privateZoneName: [urnOf(ZONE, "pg-zone")] });
    const recordLock = res(LOCK_BY_SCOPE, "record-lock", { scope: "/x/A/pg", level: "CanNotDelete" }, { scope: [urnOf(RECORD_SET, "pg-record")] });
    expect(check(limit, [...base, record, recordLock]).map((v) => v.resource)).toEqual(["record-lock"]);
    const subscriptionLock = res("azure-native:authorization:ManagementLockAtSubscriptionLevel", "sub-lock", { level: "CanNotDelete" });
    expect(check(limit, [...base, subscriptionLock]).map((v) => [v.resource, v.property])).toEqual([["sub-lock", "level"]]);
    // The group lock named by value, as in a state file without references.
    const byName = res("azure-native:authorization:ManagementLockAtResourceGroupLevel", "named-lock", { resourceGroupName: "dns-rg", level: "CanNotDelete" });
    expect(check(limit, [...base, byName]).map((v) => v.resource)).toEqual(["named-lock"]);
    // Not applicable: the same lock with high availability off (dev), with an unknown mode, or a zone the plan does not declare.
    expect(check(limit, [dnsGroup, pgZone, zonedServer({ mode: "Disabled" }), pgAdmin, dnsGroupLock()])).toEqual([]);
    expect(check(limit, [dnsGroup, pgZone, zonedServer({ mode: "[unknown]" }), pgAdmin, dnsGroupLock()])).toEqual([]);
    expect(check(limit, [dnsGroup, patch(zonedServer(), {}, { network: undefined }), pgAdmin, dnsGroupLock()])).toEqual([]);
    // A lock on the server itself (or on another zone) is no lock on this zone.
    expect(check(limit, [...base, serverLock, blobZoneIn("blob-zone", "dns-rg")])).toEqual([]);
  });

  it("azure-private-dns-zone-name-once-per-network: zones of different names, or one name in two networks, are fine", () => {
    const limit = "azure-private-dns-zone-name-once-per-network";
    const fileZone = res(ZONE, "file-zone", { location: "global", resourceGroupName: "dns-rg", privateZoneName: "privatelink.file.core.windows.net" });
    const fileLink = res(ZONE_LINK, "file-link", { location: "global", privateZoneName: "privatelink.file.core.windows.net", virtualNetwork: { id: "/x/virtualNetworks/vnet" } }, { ...VNET_DEP, privateZoneName: [urnOf(ZONE, "file-zone")] });
    expect(check(limit, [vnet, blobZoneIn("blob-zone", "dns-rg"), linkTo("blob-link", "blob-zone"), fileZone, fileLink])).toEqual([]);
    const drVnet = res("azure-native:network:VirtualNetwork", "dr-vnet", { location: "northeurope" });
    const drLink = patch(linkTo("blob-link-dr", "blob-zone"), { virtualNetwork: { id: "/x/virtualNetworks/dr-vnet" } }, { virtualNetwork: [drVnet.urn] });
    expect(check(limit, [vnet, drVnet, blobZoneIn("blob-zone", "dns-rg"), linkTo("blob-link", "blob-zone"), drLink])).toEqual([]);
    // Two links of the same zone to the same network are refused as well.
    expect(check(limit, [vnet, blobZoneIn("blob-zone", "dns-rg"), linkTo("blob-link", "blob-zone"), linkTo("blob-link-again", "blob-zone")]).map((v) => v.resource)).toEqual(["blob-link-again"]);
  });

  it("azure-immutability-locked-later: judged only where the source tells a creation; the vaults are held to it too", () => {
    expect(check("azure-immutability-locked-later", [escrowAccount("Locked")])).toEqual([]);
    expect(check("azure-immutability-locked-later", [backupVaultIn("Locked", "create")]).map((v) => v.property)).toEqual(["properties.securitySettings.immutabilitySettings.state"]);
  });

  it("azure-postgres-high-availability: a standby in the primary's own zone", () => {
    expect(check("azure-postgres-high-availability", [flexibleServer({ highAvailability: { mode: "ZoneRedundant", standbyAvailabilityZone: "1" } })]).map((v) => v.property)).toEqual([
      "highAvailability.standbyAvailabilityZone",
    ]);
  });

  it("azure-backup-cmk-user-identity-restricted-key-vault: a Recovery Services vault too; a key vault open to all networks is allowed", () => {
    expect(check("azure-backup-cmk-user-identity-restricted-key-vault", [cmkVault(), cmkKey, encryptedRecoveryVault]).map((v) => v.property)).toEqual(["properties.encryption"]);
    expect(check("azure-backup-cmk-user-identity-restricted-key-vault", [cmkVault("AzureServices", "Enabled"), cmkKey, encryptedRecoveryVault])).toEqual([]);
    // A key outside the program is not judged.
    expect(check("azure-backup-cmk-user-identity-restricted-key-vault", [encryptedRecoveryVault])).toEqual([]);
  });

  it("azure-backup-cmk-system-identity-after-creation: not judged without an operation; a vault created without a key passes", () => {
    expect(check("azure-backup-cmk-system-identity-after-creation", [encryptedBackupVault("SystemAssigned")])).toEqual([]);
    expect(check("azure-backup-cmk-system-identity-after-creation", [backupVaultIn("Unlocked", "create")])).toEqual([]);
  });

  it("azure-postgres-cmk-key-vault-reachable: a private endpoint is no substitute for the bypass; an unknown or undeclared bypass lets services through", () => {
    // Microsoft's data-encryption page names the trusted-services bypass, not a private endpoint, as the way in.
    expect(check("azure-postgres-cmk-key-vault-reachable", [cmkVault("None"), cmkKey, kvEndpoint, cmkServer()]).map((v) => v.property)).toEqual(["dataEncryption"]);
    expect(check("azure-postgres-cmk-key-vault-reachable", [cmkVault("[unknown]"), cmkKey, cmkServer()])).toEqual([]);
    // Key Vault's API defaults bypass to AzureServices.
    expect(check("azure-postgres-cmk-key-vault-reachable", [patch(cmkVault(), { properties: { publicNetworkAccess: "Disabled", networkAcls: { defaultAction: "Deny" } } }), cmkKey, cmkServer()])).toEqual([]);
    // A key vault open to all networks is not judged.
    expect(check("azure-postgres-cmk-key-vault-reachable", [cmkVault("None", "Enabled"), cmkKey, cmkServer()])).toEqual([]);
  });

  it("azure-postgres-database-owner: not applicable with password sign-in on, or without ARM databases", () => {
    expect(check("azure-postgres-database-owner", [flexibleServer({ authConfig: { activeDirectoryAuth: "Enabled", passwordAuth: "Enabled" } }), armDatabase])).toEqual([]);
    expect(check("azure-postgres-database-owner", [flexibleServer()])).toEqual([]);
  });

  it("azure-postgres-virtual-endpoint-member: a server without replicas may point its endpoints at itself", () => {
    expect(check("azure-postgres-virtual-endpoint-member", [flexibleServer(), virtualEndpoint("pg")])).toEqual([]);
    expect(check("azure-postgres-virtual-endpoint-member", [flexibleServer(), pgReplica, patch(virtualEndpoint("pg-replica"), { members: "[unknown]" }, { members: undefined })])).toEqual([]);
  });

  it("azure-postgres-vaulted-backup-size: a large server without vaulted backups is not judged", () => {
    expect(check("azure-postgres-vaulted-backup-size", [flexibleServer({ storage: { storageSizeGB: 4096 } })])).toEqual([]);
  });

  it("azure-postgres-vault-backup-cadence: weekly is taken too; policies of other datasources are not judged", () => {
    expect(check("azure-postgres-vault-backup-cadence", [pgPolicy("R/2025-01-05T03:00:00+00:00/P1W")])).toEqual([]);
    expect(check("azure-postgres-vault-backup-cadence", [pgPolicy("R/2025-01-05T03:00:00+00:00/PT4H", ["Microsoft.Compute/disks"])])).toEqual([]);
  });

  it("azure-files-smb-access-usable: shared keys off with no identity source; Kerberos with AD DS is fine", () => {
    expect(check("azure-files-smb-access-usable", [filesAccount(false), filesShare]).map((v) => v.property)).toEqual(["allowSharedKeyAccess"]);
    expect(check("azure-files-smb-access-usable", [kerberosAccount, filesShare, smbService("Kerberos")])).toEqual([]);
    expect(check("azure-files-smb-access-usable", [kerberosAccount, filesShare, smbService("NTLMv2")]).map((v) => v.property)).toEqual(["protocolSettings.smb.authenticationMethods"]);
    // An account without shares is not judged.
    expect(check("azure-files-smb-access-usable", [filesAccount(false)])).toEqual([]);
  });

  it("azure-postgres-entra-administrator: a replica takes its primary's sign-in; a server with passwords needs none", () => {
    expect(check("azure-postgres-entra-administrator", [flexibleServer({ createMode: "Replica" })])).toEqual([]);
    expect(check("azure-postgres-entra-administrator", [flexibleServer({ authConfig: { passwordAuth: "Enabled" } })])).toEqual([]);
  });
});

const limitById = (id: string): PlatformLimit => {
  const l = PLATFORM_LIMITS.find((x) => x.id === id);
  if (!l) throw new Error(`no platform limit ${id}`);
  return l;
};
const check = (id: string, resources: readonly ResourceView[]): LimitViolation[] => limitById(id).check(new ResourceGraph(resources));
const describeViolations = (vs: readonly LimitViolation[]): string[] => vs.map((v) => `${v.limit} ${v.resource}.${v.property}: ${v.message}`);

describe("the limits table and its cases", () => {
  it("has exactly one case for every limit in PLATFORM_LIMITS, and no case for a limit that does not exist", () => {
    const caseIds = CASES.map((c) => c.id);
    expect(new Set(caseIds).size).toBe(caseIds.length);
    const limitIds = PLATFORM_LIMITS.map((l) => l.id);
    expect(limitIds.filter((id) => !caseIds.includes(id))).toEqual([]);
    expect(caseIds.filter((id) => !limitIds.includes(id))).toEqual([]);
  });

  it("has unique limit ids", () => {
    const ids = PLATFORM_LIMITS.map((l) => l.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it.each(PLATFORM_LIMITS.map((l) => [l.id, l] as const))("%s names an https source, a basis and a rule", (_id, l) => {
    expect(l.source).toMatch(/^https:\/\/\S+$/);
    expect(() => new URL(l.source)).not.toThrow();
    expect(["documented", "assumption"]).toContain(l.basis);
    expect(l.rule.trim()).not.toBe("");
    expect(l.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(l.resourceTypes.length).toBeGreaterThan(0);
  });
});

describe.each(CASES.map((c) => [c.id, c] as const))("%s", (id, c) => {
  it("accepts the compliant plan", () => {
    expect(describeViolations(check(id, c.compliant))).toEqual([]);
  });

  it(`refuses the violating plan, on ${c.resource} at ${c.property}`, () => {
    const found = check(id, c.violating);
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((v) => v.limit === id)).toBe(true);
    expect(found.map((v) => [v.resource, v.property])).toContainEqual([c.resource, c.property]);
    const blamed = found.find((v) => v.resource === c.resource && v.property === c.property)!;
    expect(blamed.urn).toBe(c.violating.find((r) => r.name === c.resource)?.urn);
    expect(blamed.message.length).toBeGreaterThan(0);
  });

  it("formats each violation with the limit's documentation link", () => {
    for (const v of check(id, c.violating)) {
      const text = formatViolation(v);
      expect(text).toContain(limitById(id).source);
      expect(text).toContain(v.property);
    }
  });

  it("breaks no other limit: the compliant plan passes every limit, the violating plan only this one", () => {
    expect(describeViolations(checkPlatformLimits(c.compliant))).toEqual([]);
    expect([...new Set(checkPlatformLimits(c.violating).map((v) => v.limit))]).toEqual([id]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Further cases of some limits: other inputs and other ways of breaking them
// ---------------------------------------------------------------------------------------------------------------

describe("further cases", () => {
  const properties = (id: string, resources: readonly ResourceView[]) => check(id, resources).map((v) => `${v.resource}.${v.property}`);

  it("azure-role-assignment-once-per-principal-role-scope: ids compare without case, a role by its GUID; unknown values and plans without assignments are not judged", () => {
    const id = "azure-role-assignment-once-per-principal-role-scope";
    const upper = grant("upper", { scope: `${KV_ID.toUpperCase()}/`, roleDefinitionId: "e147488a-f6f5-4113-8e2d-b22465e65bf6" });
    expect(properties(id, [grant("crypto-user"), upper])).toEqual(["upper.roleDefinitionId"]);
    expect(properties(id, [grant("crypto-user"), grant("reader", { roleDefinitionId: CRYPTO_USER.replace("e147488a-f6f5-4113-8e2d-b22465e65bf6", "acdd72a7-3385-48ef-bd42-f606fba81ae7") })])).toEqual([]);
    // Not applicable: no role assignment, or values a preview does not know yet (even inside an interpolated id).
    expect(properties(id, [namedVault(true), vaultSuffix])).toEqual([]);
    expect(properties(id, [grant("a", { principalId: "[unknown]" }), grant("b", { principalId: "[unknown]" })])).toEqual([]);
    expect(properties(id, [grant("a", { scope: "/subscriptions/[unknown]/x" }), grant("b", { scope: "/subscriptions/[unknown]/x" })])).toEqual([]);
  });

  it("aws-backup-no-copy-of-multi-az-cluster: a plan over a DB instance may copy to DR", () => {
    expect(properties("aws-backup-no-copy-of-multi-az-cluster", [db, vault, drVault, backupPlan(rule({ copyActions: [copyToDr()] })), selection(db, ARN.db)])).toEqual([]);
  });

  it("aws-rds-no-backup-replication-of-multi-az-cluster: a cluster named only by its ARN is recognised", () => {
    const byArn = patch(backupsReplication, { sourceDbInstanceArn: ARN.cluster }, { sourceDbInstanceArn: undefined });
    expect(properties("aws-rds-no-backup-replication-of-multi-az-cluster", [byArn])).toEqual(["db-backups-dr.sourceDbInstanceArn"]);
  });

  it("aws-rds-final-snapshot-unique: a final snapshot not skipped needs an identifier, and a valid one", () => {
    expect(properties("aws-rds-final-snapshot-unique", [finalSuffix, patch(db, { finalSnapshotIdentifier: undefined }, { finalSnapshotIdentifier: undefined })])).toEqual(["db.finalSnapshotIdentifier"]);
    expect(properties("aws-rds-final-snapshot-unique", [finalSuffix, patch(db, { finalSnapshotIdentifier: "cenm--db-final-1a2b" })])).toEqual(["db.finalSnapshotIdentifier"]);
    expect(properties("aws-rds-final-snapshot-unique", [patch(db, { skipFinalSnapshot: true, finalSnapshotIdentifier: undefined }, { finalSnapshotIdentifier: undefined })])).toEqual([]);
  });

  it("aws-rds-final-snapshot-key-retained: not applicable without a final snapshot, to a replica, or to a key the program does not declare", () => {
    expect(properties("aws-rds-final-snapshot-key-retained", [key, patch(keyedDb, { skipFinalSnapshot: true, finalSnapshotIdentifier: undefined }, { finalSnapshotIdentifier: undefined })])).toEqual([]);
    expect(properties("aws-rds-final-snapshot-key-retained", [finalSuffix, db])).toEqual([]);
    expect(properties("aws-rds-final-snapshot-key-retained", [finalSuffix, retainedKey, keyedDb, drSubnets, drKey, replica])).toEqual([]);
    // A policy pack sees protect only: a protected key counts as kept too.
    expect(properties("aws-rds-final-snapshot-key-retained", [finalSuffix, { ...key, protect: true }, keyedDb])).toEqual([]);
  });

  it("aws-rds-no-replica-of-managed-password-source: not applicable without a replica or to SQL Server; a cluster source counts", () => {
    const managed = patch(db, { manageMasterUserPassword: true });
    expect(properties("aws-rds-no-replica-of-managed-password-source", [finalSuffix, managed])).toEqual([]);
    expect(properties("aws-rds-no-replica-of-managed-password-source", [finalSuffix, patch(managed, { engine: "sqlserver-ee" }), drSubnets, drKey, replica])).toEqual([]);
    expect(properties("aws-rds-no-replica-of-managed-password-source", [finalSuffix, patch(managed, { engine: "oracle-ee" }), drSubnets, drKey, replica])).toEqual(["db.manageMasterUserPassword"]);
    const clusterReplica = patch(replica, { replicateSourceDb: ARN.cluster }, { replicateSourceDb: [mazCluster.urn] });
    expect(properties("aws-rds-no-replica-of-managed-password-source", [patch(mazCluster, { manageMasterUserPassword: true }), drSubnets, drKey, clusterReplica])).toEqual(["db-cluster.manageMasterUserPassword"]);
  });

  it("aws-rds-multi-az-no-availability-zone: a Multi-AZ primary naming a zone, and not applicable to a single-zone instance", () => {
    expect(properties("aws-rds-multi-az-no-availability-zone", [finalSuffix, patch(db, { availabilityZone: "eu-west-1a" })])).toEqual(["db.availabilityZone"]);
    expect(properties("aws-rds-multi-az-no-availability-zone", [finalSuffix, patch(db, { multiAz: false, availabilityZone: "eu-west-1a" })])).toEqual([]);
    expect(properties("aws-rds-multi-az-no-availability-zone", [finalSuffix, patch(db, { multiAz: "[unknown]", availabilityZone: "eu-west-1a" })])).toEqual([]);
    // A replica is the assumption's, not the documented limit's.
    expect(properties("aws-rds-multi-az-no-availability-zone", [finalSuffix, db, drSubnets, drKey, patch(replica, { multiAz: true, availabilityZone: "eu-central-1a" })])).toEqual([]);
  });

  it("aws-rds-multi-az-replica-no-availability-zone: an assumption on replicas only; not applicable to a single-zone replica or a primary", () => {
    const id = "aws-rds-multi-az-replica-no-availability-zone";
    expect(PLATFORM_LIMITS.find((l) => l.id === id)!.basis).toBe("assumption");
    expect(PLATFORM_LIMITS.find((l) => l.id === "aws-rds-multi-az-no-availability-zone")!.basis).toBe("documented");
    expect(properties(id, [finalSuffix, db, drSubnets, drKey, patch(replica, { multiAz: false, availabilityZone: "eu-central-1a" })])).toEqual([]);
    expect(properties(id, [finalSuffix, patch(db, { availabilityZone: "eu-west-1a" })])).toEqual([]);
    expect(properties(id, [finalSuffix, db, drSubnets, drKey, patch(replica, { multiAz: true, availabilityZone: UNKNOWN })])).toEqual([]);
  });

  it("azure-postgres-replica-no-high-availability: not applicable to a primary with zone-redundant HA, or a replica declaring none", () => {
    expect(properties("azure-postgres-replica-no-high-availability", [flexibleServer({})])).toEqual([]);
    expect(properties("azure-postgres-replica-no-high-availability", [flexibleServer({ createMode: "Replica", highAvailability: undefined })])).toEqual([]);
    expect(properties("azure-postgres-replica-no-high-availability", [flexibleServer({ createMode: "Replica", highAvailability: { mode: "SameZone" } })])).toEqual(["pg.highAvailability.mode"]);
  });

  it("azure-postgres-replica-no-high-availability: geo-redundant backup on a replica too, and not on a primary", () => {
    expect(properties("azure-postgres-replica-no-high-availability", [flexibleServer({ backup: { backupRetentionDays: 35, geoRedundantBackup: "Enabled" } })])).toEqual([]);
    expect(properties("azure-postgres-replica-no-high-availability", [flexibleServer({ createMode: "Replica", highAvailability: undefined, backup: { geoRedundantBackup: "Disabled" } })])).toEqual([]);
    expect(properties("azure-postgres-replica-no-high-availability", [flexibleServer({ createMode: "Replica", highAvailability: undefined, backup: { geoRedundantBackup: "Enabled" } })])).toEqual(["pg.backup.geoRedundantBackup"]);
  });

  it("azure-postgres-replica-keeps-source-sign-in: a replica without declared sign-in or keeping a password; not applicable to a password source, an unresolved source or an unknown value", () => {
    const id = "azure-postgres-replica-keeps-source-sign-in";
    expect(properties(id, [flexibleServer(), patch(pgReplica, { authConfig: undefined })])).toEqual(["pg-replica.authConfig"]);
    expect(properties(id, [flexibleServer(), patch(pgReplica, { authConfig: { activeDirectoryAuth: "Enabled", passwordAuth: "Enabled" } })])).toEqual(["pg-replica.authConfig"]);
    // A source that signs in with passwords only loses nothing at promotion.
    expect(properties(id, [flexibleServer({ authConfig: { activeDirectoryAuth: "Disabled", passwordAuth: "Enabled" } }), patch(pgReplica, { authConfig: undefined })])).toEqual([]);
    expect(properties(id, [patch(pgReplica, { authConfig: undefined }, { sourceServerResourceId: undefined })])).toEqual([]);
    expect(properties(id, [flexibleServer(), patch(pgReplica, { authConfig: "[unknown]" })])).toEqual([]);
    expect(properties(id, [flexibleServer({ authConfig: { activeDirectoryAuth: "[unknown]", passwordAuth: "Disabled" } }), patch(pgReplica, { authConfig: undefined })])).toEqual([]);
  });

  it("aws-backup-schedule-at-most-hourly: not applicable to a plan without rules, a schedule it cannot read or one only a deployment computes; rate() counts", () => {
    expect(properties("aws-backup-schedule-at-most-hourly", [vault, backupPlan()])).toEqual([]);
    expect(properties("aws-backup-schedule-at-most-hourly", [vault, backupPlan(rule({ schedule: UNKNOWN }))])).toEqual([]);
    expect(properties("aws-backup-schedule-at-most-hourly", [vault, backupPlan(rule({ schedule: "not a schedule" }))])).toEqual([]);
    expect(properties("aws-backup-schedule-at-most-hourly", [vault, backupPlan(rule({ schedule: "rate(30 minutes)" }))])).toEqual(["plan.rules[0].schedule"]);
    expect(properties("aws-backup-schedule-at-most-hourly", [vault, backupPlan(rule({ schedule: "rate(1 hour)" }))])).toEqual([]);
  });

  it("aws-rds-replica-iam-auth: not applicable when the source takes no IAM authentication", () => {
    expect(properties("aws-rds-replica-iam-auth", [finalSuffix, db, drSubnets, drKey, replica])).toEqual([]);
    expect(properties("aws-rds-replica-iam-auth", [finalSuffix, patch(db, { iamDatabaseAuthenticationEnabled: false }), drSubnets, drKey, replica])).toEqual([]);
  });

  it("aws-rds-no-final-snapshot-of-replica: a replica naming a final snapshot identifier", () => {
    expect(properties("aws-rds-no-final-snapshot-of-replica", [db, patch(replica, { finalSnapshotIdentifier: "cenm-db-replica-final" })])).toEqual(["db-replica.finalSnapshotIdentifier"]);
  });

  it("aws-rds-storage-and-iops: a Multi-AZ DB cluster needs 0.5-50 IOPS per GiB", () => {
    expect(properties("aws-rds-storage-and-iops", [mazCluster])).toEqual([]);
    expect(properties("aws-rds-storage-and-iops", [patch(mazCluster, { iops: 25000 })])).toEqual(["db-cluster.iops"]);
    expect(properties("aws-rds-storage-and-iops", [patch(mazCluster, { iops: undefined })])).toEqual(["db-cluster.iops"]);
  });

  it("aws-rds-storage-and-iops: a replica naming no storage settings is judged by its source's", () => {
    expect(properties("aws-rds-storage-and-iops", [db, replica])).toEqual([]);
    expect(properties("aws-rds-storage-and-iops", [patch(db, { storageType: "io1", allocatedStorage: 100, iops: 6000 }), replica])).toEqual(["db.iops", "db-replica.iops"]);
  });

  it("aws-rds-storage-and-iops: an Aurora cluster (no instance class of its own) is not judged", () => {
    expect(properties("aws-rds-storage-and-iops", [patch(mazCluster, { engine: "aurora-postgresql", dbClusterInstanceClass: undefined, storageType: "aurora", iops: undefined })])).toEqual([]);
  });

  it("aws-rds-backup-window: too short, malformed, and on a cluster (preferredBackupWindow)", () => {
    expect(properties("aws-rds-backup-window", [patch(db, { backupWindow: "02:00-02:29" })])).toEqual(["db.backupWindow"]);
    expect(properties("aws-rds-backup-window", [patch(db, { backupWindow: "2:00-3:00" })])).toEqual(["db.backupWindow"]);
    expect(properties("aws-rds-backup-window", [mazCluster])).toEqual([]);
    expect(properties("aws-rds-backup-window", [patch(mazCluster, { preferredMaintenanceWindow: "mon:02:45-mon:03:15" })])).toEqual(["db-cluster.preferredBackupWindow"]);
  });

  it("aws-rds-backup-window: a window across midnight meets a maintenance window across Saturday-Sunday", () => {
    const wrapped = patch(db, { backupWindow: "23:30-00:15", maintenanceWindow: "sat:23:00-sun:01:00" });
    expect(properties("aws-rds-backup-window", [wrapped])).toEqual(["db.backupWindow"]);
    expect(properties("aws-rds-backup-window", [patch(wrapped, { maintenanceWindow: "sun:01:00-sun:02:00" })])).toEqual([]);
  });

  it("aws-backup-start-window-outside-rds-backup-window: the default 8-hour start window, and time zones", () => {
    const evening = (over: Record<string, unknown>) => [db, vault, backupPlan(rule({ schedule: "cron(0 20 ? * * *)", ...over })), selection(db, ARN.db)];
    expect(properties("aws-backup-start-window-outside-rds-backup-window", evening({ startWindow: 60 }))).toEqual([]);
    // No start window: AWS Backup allows 8 hours, 20:00-04:00, which spans 02:00-03:00.
    expect(properties("aws-backup-start-window-outside-rds-backup-window", evening({ startWindow: undefined }))).toEqual(["plan.rules[0].schedule"]);
    // A schedule in another time zone is not read (the check cannot place it on UTC).
    expect(properties("aws-backup-start-window-outside-rds-backup-window", evening({ startWindow: undefined, scheduleExpressionTimezone: "Europe/London" }))).toEqual([]);
    expect(properties("aws-backup-start-window-outside-rds-backup-window", evening({ startWindow: undefined, enableContinuousBackup: true }))).toEqual([]);
  });

  it("aws-backup-vault-lock-covers-retention: shorter than the minimum, kept forever, and copies into a locked vault", () => {
    const drLock = res(TYPE.backupVaultLock, "dr-vault-lock", { region: DR, backupVaultName: "cenm-dr-vault", minRetentionDays: 30, maxRetentionDays: 400 }, { backupVaultName: [drVault.urn] });
    const id = "aws-backup-vault-lock-covers-retention";
    expect(properties(id, [vault, vaultLock, backupPlan(rule({ lifecycle: { deleteAfter: 6 } }))])).toEqual(["plan.rules[0].lifecycle"]);
    expect(properties(id, [vault, vaultLock, backupPlan(rule({ lifecycle: {} }))])).toEqual(["plan.rules[0].lifecycle"]);
    expect(properties(id, [vault, drVault, drLock, backupPlan(rule({ copyActions: [copyToDr(35)] }))])).toEqual([]);
    expect(properties(id, [vault, drVault, drLock, backupPlan(rule({ copyActions: [copyToDr(14)] }))])).toEqual(["plan.rules[0].copyActions[0].lifecycle"]);
  });

  it("aws-backup-vault-lock-settings: retention bounds", () => {
    expect(properties("aws-backup-vault-lock-settings", [patch(vaultLock, { maxRetentionDays: 36501 })])).toEqual(["vault-lock.maxRetentionDays"]);
    expect(properties("aws-backup-vault-lock-settings", [patch(vaultLock, { minRetentionDays: 36 })])).toEqual(["vault-lock.minRetentionDays"]);
    expect(properties("aws-backup-vault-lock-settings", [patch(vaultLock, { changeableForDays: 36500, maxRetentionDays: 36500 })])).toEqual([]);
  });

  it("aws-backup-continuous-retention: at least one day", () => {
    expect(properties("aws-backup-continuous-retention", [backupPlan(rule({ enableContinuousBackup: true, lifecycle: { deleteAfter: 1 } }))])).toEqual([]);
    expect(properties("aws-backup-continuous-retention", [backupPlan(rule({ enableContinuousBackup: true, lifecycle: { deleteAfter: 0 } }))])).toEqual(["plan.rules[0].lifecycle.deleteAfter"]);
    // A snapshot rule may keep longer than 35 days.
    expect(properties("aws-backup-continuous-retention", [backupPlan(rule({ lifecycle: { deleteAfter: 365 } }))])).toEqual([]);
  });

  it("aws-backup-cold-storage-transition: continuous rules never go cold; copies are judged too", () => {
    expect(properties("aws-backup-cold-storage-transition", [backupPlan(rule({ enableContinuousBackup: true, lifecycle: { coldStorageAfter: 7, deleteAfter: 35 } }))])).toEqual([
      "plan.rules[0].lifecycle.coldStorageAfter",
    ]);
    const copyCold = { destinationVaultArn: ARN.drVault, lifecycle: { coldStorageAfter: 30, deleteAfter: 60 } };
    expect(properties("aws-backup-cold-storage-transition", [vault, drVault, backupPlan(rule({ copyActions: [copyCold] }))])).toEqual(["plan.rules[0].copyActions[0].lifecycle.deleteAfter"]);
  });

  it("aws-rds-cross-region-replica-subnet-group: a cross-region replica naming no subnet group; a same-region one needs none", () => {
    const id = "aws-rds-cross-region-replica-subnet-group";
    expect(properties(id, [db, drKey, patch(replica, { dbSubnetGroupName: undefined }, { dbSubnetGroupName: undefined })])).toEqual(["db-replica.dbSubnetGroupName"]);
    expect(properties(id, [db, patch(replica, { region: PRIMARY, dbSubnetGroupName: undefined, kmsKeyId: ARN.key }, { dbSubnetGroupName: undefined, kmsKeyId: [key.urn] }), key])).toEqual([]);
  });

  it("aws-rds-cross-region-key: no key at all, a key named only by ARN, and an unencrypted source", () => {
    const id = "aws-rds-cross-region-key";
    expect(properties(id, [db, drSubnets, patch(replica, { kmsKeyId: undefined }, { kmsKeyId: undefined })])).toEqual(["db-replica.kmsKeyId"]);
    expect(properties(id, [db, drSubnets, patch(replica, { kmsKeyId: ARN.key }, { kmsKeyId: undefined })])).toEqual(["db-replica.kmsKeyId"]);
    expect(properties(id, [patch(db, { storageEncrypted: false, kmsKeyId: undefined }), drSubnets, patch(replica, { kmsKeyId: undefined, storageEncrypted: false }, { kmsKeyId: undefined })])).toEqual([]);
    // Replicated automated backups follow the same rule.
    expect(properties(id, [db, drKey, backupsReplication])).toEqual([]);
    expect(properties(id, [db, key, patch(backupsReplication, { kmsKeyId: ARN.key }, { kmsKeyId: [key.urn] })])).toEqual(["db-backups-dr.kmsKeyId"]);
  });

  it("aws-rds-replication-needs-backups: replicated automated backups need them too", () => {
    expect(properties("aws-rds-replication-needs-backups", [patch(db, { backupRetentionPeriod: 0 }), backupsReplication])).toEqual(["db.backupRetentionPeriod"]);
  });

  it("aws-cloudwatch-replica-lag-dimension: ReplicaLag by DBClusterIdentifier", () => {
    expect(properties("aws-cloudwatch-replica-lag-dimension", [mazCluster, replicaLagAlarm({ DBClusterIdentifier: "cenm-db-cluster" }, mazCluster)])).toEqual(["replica-lag.dimensions"]);
  });

  it("aws-sns-service-publisher-conditions: CloudWatch sends aws:SourceArn, not aws:SourceAccount", () => {
    const onAccount = patch(topicPolicy, { policy: policy(publishBy("cloudwatch.amazonaws.com", { StringEquals: { "aws:SourceAccount": ACCOUNT } })) });
    expect(properties("aws-sns-service-publisher-conditions", [topic, onAccount])).toEqual(["alerts-policy.policy.Statement[0].Condition"]);
  });

  it("aws-sns-service-publisher-conditions: EventBridge's rule keys only with IfExists; no condition at all is fine; other principals are not judged", () => {
    const id = "aws-sns-service-publisher-conditions";
    const eventsOn = (condition?: Record<string, unknown>) => [topic, patch(topicPolicy, { policy: policy(publishBy("events.amazonaws.com", condition)) })];
    const rule = `arn:aws:events:${PRIMARY}:${ACCOUNT}:rule/*`;
    expect(properties(id, eventsOn({ StringEquals: { "aws:SourceAccount": ACCOUNT } }))).toEqual(["alerts-policy.policy.Statement[0].Condition"]);
    expect(properties(id, eventsOn({ ArnLike: { "aws:SourceArn": rule } }))).toEqual(["alerts-policy.policy.Statement[0].Condition"]);
    // A Null test demands the key, which is no better than a plain test.
    expect(properties(id, eventsOn({ Null: { "aws:SourceAccount": "false" } }))).toEqual(["alerts-policy.policy.Statement[0].Condition"]);
    expect(properties(id, eventsOn({ ArnLikeIfExists: { "aws:SourceArn": rule }, StringEqualsIfExists: { "aws:SourceAccount": ACCOUNT } }))).toEqual([]);
    expect(properties(id, eventsOn())).toEqual([]);
    // CloudWatch may test the alarm ARN plainly, or the account with IfExists.
    expect(properties(id, [topic, patch(topicPolicy, { policy: policy(publishBy("cloudwatch.amazonaws.com", { ArnLike: { "aws:SourceArn": ARN.alarm }, ...ifThisAccount })) })])).toEqual([]);
    // Not applicable: a Deny, or a principal the table does not know (S3 notifications send aws:SourceArn).
    const deny = { ...publishBy("events.amazonaws.com", { StringEquals: { "aws:SourceAccount": ACCOUNT } }), Effect: "Deny" };
    expect(properties(id, [topic, patch(topicPolicy, { policy: policy(deny, publishBy("s3.amazonaws.com", { ArnLike: { "aws:SourceArn": "arn:aws:s3:::cenm-escrow" } })) })])).toEqual([]);
  });

  it("aws-efs-replication-overwrite: a source or a written file system stays writable; an existing destination must be DISABLED", () => {
    const id = "aws-efs-replication-overwrite";
    const disabled = patch(efsSource, { protection: { replicationOverwrite: "DISABLED" } });
    // No protection declared is AWS's default, ENABLED.
    expect(properties(id, [patch(efsSource, { protection: undefined }), efsAccessPoint, efsReplication])).toEqual([]);
    // A replication source alone, or a file system CENM writes to alone, is refused DISABLED.
    expect(properties(id, [disabled, efsReplication])).toEqual(["files.protection.replicationOverwrite"]);
    expect(properties(id, [disabled, efsAccessPoint])).toEqual(["files.protection.replicationOverwrite"]);
    // An existing destination: DISABLED is what EFS asks for; ENABLED or no value is refused.
    expect(properties(id, [efsSource, efsAccessPoint, efsReplicationToExisting, efsDestination])).toEqual([]);
    expect(properties(id, [efsSource, efsReplicationToExisting, patch(efsDestination, { protection: { replicationOverwrite: "ENABLED" } })])).toEqual(["files-dr.protection.replicationOverwrite"]);
    expect(properties(id, [efsSource, efsReplicationToExisting, patch(efsDestination, { protection: undefined })])).toEqual(["files-dr.protection.replicationOverwrite"]);
    // Not applicable: a DISABLED file system nothing replicates from or writes to (a candidate destination), no EFS at all.
    expect(properties(id, [efsDestination])).toEqual([]);
    expect(properties(id, [topic, topicPolicy])).toEqual([]);
  });

  it("aws-cloudhsm-one-hsm-until-initialized: more HSMs once the cluster is marked initialized", () => {
    const initialized = patch(hsmCluster, { tags: { project: "cenm", "cenm-backup:initialized": "true" } });
    expect(properties("aws-cloudhsm-one-hsm-until-initialized", [initialized, hsm("hsm-a", "eu-west-1a"), hsm("hsm-b", "eu-west-1b")])).toEqual([]);
  });

  it("aws-kms-key-policy-lockout: a deny of policy changes on everyone without exception, bypass or not", () => {
    const frozen = policy(keyAdmin, denyAll("deny-policy-change", ["kms:PutKeyPolicy"]));
    expect(properties("aws-kms-key-policy-lockout", [patch(guardedKey, { policy: frozen })])).toEqual(["guarded-key.policy"]);
    expect(properties("aws-kms-key-policy-lockout", [patch(guardedKey, { policy: frozen, bypassPolicyLockoutSafetyCheck: false })])).toEqual(["guarded-key.policy"]);
    // kms:* and kms:Put* deny PutKeyPolicy too; a replica key is held to the same rule.
    const wildcard = res("aws:kms/replicaKey:ReplicaKey", "guarded-dr-key", { region: DR, primaryKeyArn: ARN.key, policy: policy(keyAdmin, denyAll("deny-all", "kms:Put*", BREAK_GLASS)) });
    expect(properties("aws-kms-key-policy-lockout", [wildcard])).toEqual(["guarded-dr-key.policy"]);
  });

  it("aws-kms-key-policy-lockout: not applicable to a key whose policy leaves PutKeyPolicy open (dev, or no break-glass principal)", () => {
    expect(properties("aws-kms-key-policy-lockout", [alertKey, key])).toEqual([]);
    const deletionOnly = patch(guardedKey, { bypassPolicyLockoutSafetyCheck: false, policy: policy(keyAdmin, denyAll("deny-deletion", "kms:ScheduleKeyDeletion")) });
    expect(properties("aws-kms-key-policy-lockout", [deletionOnly])).toEqual([]);
    // A Deny that tests something other than the caller's ARN may not apply to the caller at all: not judged.
    const onTls = patch(guardedKey, { bypassPolicyLockoutSafetyCheck: false, policy: policy(keyAdmin, denyAll("deny-plain", "kms:PutKeyPolicy", undefined, { Bool: { "aws:SecureTransport": "false" } })) });
    expect(properties("aws-kms-key-policy-lockout", [onTls])).toEqual([]);
  });

  it("aws-kms-key-policy-exemption-same-account: each key management deny is judged; the key's account comes from its ARN, else its policy's root", () => {
    const id = "aws-kms-key-policy-exemption-same-account";
    const crossed = patch(guardedKey, { policy: policy(keyAdmin, denyAll("deny-deletion", ["kms:ScheduleKeyDeletion", "kms:DisableKey"], OTHER_BREAK_GLASS), denyAll("deny-policy-change", "kms:PutKeyPolicy", OTHER_BREAK_GLASS)) });
    expect(check(id, [crossed]).map((v) => v.message)).toEqual([
      `denies kms:PutKeyPolicy to all but ${OTHER_BREAK_GLASS}, a principal of account 111122223333, while the key belongs to account ${ACCOUNT}: KMS refuses that operation across accounts, so nobody could ever perform it`,
      `denies kms:ScheduleKeyDeletion to all but ${OTHER_BREAK_GLASS}, a principal of account 111122223333, while the key belongs to account ${ACCOUNT}: KMS refuses that operation across accounts, so nobody could ever perform it`,
      `denies kms:DisableKey to all but ${OTHER_BREAK_GLASS}, a principal of account 111122223333, while the key belongs to account ${ACCOUNT}: KMS refuses that operation across accounts, so nobody could ever perform it`,
    ]);
    // A deployed key's ARN names its account, which wins over the policy's root principal.
    const deployed = { ...crossed, outputs: { arn: `arn:aws:kms:${PRIMARY}:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab` } };
    expect(properties(id, [deployed])).toEqual([]);
    // Not applicable: no deny of key management (an unprotected key), or no way to tell the key's account.
    expect(properties(id, [alertKey, key])).toEqual([]);
    const noRoot = patch(crossed, { policy: policy(denyAll("deny-policy-change", "kms:PutKeyPolicy", OTHER_BREAK_GLASS)) });
    expect(properties(id, [noRoot])).toEqual([]);
    expect(properties(id, [patch(crossed, { policy: UNKNOWN })])).toEqual([]);
  });

  it("aws-backup-continuous-rule-window-clear: judged for RDS only, on the continuous rule's one daily start and its start window", () => {
    const id = "aws-backup-continuous-rule-window-clear";
    const pitr = (over: Record<string, unknown>) => rule({ ruleName: "pitr", enableContinuousBackup: true, schedule: "cron(0 5 ? * * *)", ...over });
    // Not applicable: a plan backing up no RDS database (an EFS-only plan), or a preview's unknown start window.
    expect(properties(id, [vault, backupPlan(pitr({}), rule())])).toEqual([]);
    expect(properties(id, [finalSuffix, db, vault, backupPlan(pitr({ startWindow: UNKNOWN }), rule()), selection(db, ARN.db)])).toEqual([]);
    // Without a start window, AWS Backup's default 8 hours: a continuous rule at 22:00 reaches 05:00.
    const late = check(id, [finalSuffix, db, vault, backupPlan(pitr({ schedule: "cron(0 22 ? * * *)", startWindow: undefined }), rule()), selection(db, ARN.db)]);
    expect(late.map((v) => v.message)).toEqual([
      "rule daily (cron(0 5 ? * * *), start window 60 min) can start inside 22:00-06:00, where continuous rule pitr of plan starts and AWS Backup is assumed to hold the RDS backup window",
    ]);
    expect(continuousRuleWindow("cron(30 23 ? * * *)", 60)).toBe("23:30-00:30");
    expect(continuousRuleWindow("cron(0 0/4 ? * * *)", 60)).toBeUndefined();
  });

  it("aws-cloudtrail-trails-per-region: a multi-region trail takes a place in every region, a single-region one in its own", () => {
    const id = "aws-cloudtrail-trails-per-region";
    const world = [...stackTrails(1), ...stackTrails(2), ...stackTrails(3)];
    expect(check(id, world).map((v) => v.message)).toEqual([
      `6 trails in ${DR} (escrow-trail-1, escrow-trail-2, escrow-trail-3, dr-escrow-trail-1, dr-escrow-trail-2, dr-escrow-trail-3); CloudTrail keeps at most 5 per account and Region, before counting the account's other trails`,
    ]);
    // The primary region holds the three multi-region trails only; a preview's unknown scope counts as multi-region.
    expect(trailsPerRegion(new ResourceGraph(world)).get(PRIMARY)?.map((t) => t.name)).toEqual(["escrow-trail-1", "escrow-trail-2", "escrow-trail-3"]);
    const unknownScope = world.map((t) => (t.name === "dr-escrow-trail-3" ? patch(t, { isMultiRegionTrail: UNKNOWN }) : t));
    expect(trailsPerRegion(new ResourceGraph(unknownScope)).get(PRIMARY)).toHaveLength(4);
    // Not applicable without trails.
    expect(properties(id, [escrow, drEscrow])).toEqual([]);
  });

  it("aws-cloudtrail-single-region-scope: not applicable to a multi-region trail, which sees every region's events", () => {
    expect(properties("aws-cloudtrail-single-region-scope", [escrow, drEscrow, patch(drTrailOnPrimary, { isMultiRegionTrail: true })])).toEqual([]);
    // Classic event selectors name buckets by their data resources.
    const classic = patch(drTrail, { advancedEventSelectors: undefined, eventSelectors: [{ dataResources: [{ type: "AWS::S3::Object", values: ["arn:aws:s3:::cenm-escrow/"] }] }] }, { advancedEventSelectors: undefined, eventSelectors: [escrow.urn] });
    expect(properties("aws-cloudtrail-single-region-scope", [escrow, classic])).toEqual(["dr-escrow-trail.eventSelectors"]);
  });

  it("aws-s3-access-log-target: a log bucket in another region than the logged one", () => {
    const elsewhere = patch(accessLogs, { region: DR });
    expect(properties("aws-s3-access-log-target", [escrow, elsewhere, escrowLogging])).toEqual(["escrow-logging.targetBucket"]);
  });

  it("aws-s3-access-log-target: not applicable without server access logging", () => {
    expect(properties("aws-s3-access-log-target", [escrow, accessLogs, sse(accessLogs, "aws:kms", ARN.key)])).toEqual([]);
  });

  it("aws-s3-access-log-target: a log bucket with Object Lock enabled", () => {
    expect(properties("aws-s3-access-log-target", [escrow, patch(accessLogs, { objectLockEnabled: true }), escrowLogging])).toEqual(["escrow-logging.targetBucket"]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Preview plans: "[unknown]" is never read as a violation
// ---------------------------------------------------------------------------------------------------------------

describe("preview plans: an [unknown] input never reads as a violation", () => {
  /** Each plan is a case's violating plan with the offending input unknown, as `pulumi preview` records it. */
  const PREVIEWS: [id: string, unknownInput: string, resources: ResourceView[]][] = [
    ["aws-rds-storage-and-iops", "iops", [finalSuffix, patch(db, { allocatedStorage: 300, iops: UNKNOWN })]],
    ["aws-rds-storage-and-iops", "allocatedStorage", [finalSuffix, patch(db, { allocatedStorage: UNKNOWN })]],
    ["aws-rds-final-snapshot-unique", "skipFinalSnapshot", [patch(db, { skipFinalSnapshot: UNKNOWN, finalSnapshotIdentifier: undefined }, { finalSnapshotIdentifier: undefined })]],
    ["aws-rds-no-final-snapshot-of-replica", "skipFinalSnapshot", [db, drSubnets, drKey, patch(replica, { skipFinalSnapshot: UNKNOWN })]],
    ["aws-rds-final-snapshot-key-retained", "skipFinalSnapshot", [key, patch(keyedDb, { skipFinalSnapshot: UNKNOWN })]],
    ["aws-rds-no-replica-of-managed-password-source", "manageMasterUserPassword", [patch(db, { manageMasterUserPassword: UNKNOWN }), drSubnets, drKey, replica]],
    ["aws-rds-no-replica-of-managed-password-source", "engine", [patch(db, { manageMasterUserPassword: true, engine: UNKNOWN }), drSubnets, drKey, replica]],
    ["aws-rds-replica-iam-auth", "iamDatabaseAuthenticationEnabled", [patch(db, { iamDatabaseAuthenticationEnabled: true }), drSubnets, drKey, patch(replica, { iamDatabaseAuthenticationEnabled: UNKNOWN })]],
    ["aws-rds-backup-window", "backupWindow", [finalSuffix, patch(db, { backupWindow: UNKNOWN, maintenanceWindow: "sun:02:30-sun:03:30" })]],
    ["aws-rds-backup-window", "maintenanceWindow", [finalSuffix, patch(db, { maintenanceWindow: UNKNOWN })]],
    ["aws-backup-start-window-minimum", "startWindow", [vault, backupPlan(rule({ startWindow: UNKNOWN }))]],
    ["aws-backup-start-window-outside-rds-backup-window", "schedule", [db, vault, backupPlan(rule({ schedule: UNKNOWN })), selection(db, ARN.db)]],
    ["aws-backup-vault-lock-settings", "changeableForDays", [vault, patch(vaultLock, { changeableForDays: UNKNOWN })]],
    ["aws-backup-continuous-retention", "lifecycle.deleteAfter", [vault, backupPlan(rule({ enableContinuousBackup: true, lifecycle: { deleteAfter: UNKNOWN } }))]],
    ["aws-rds-cross-region-key", "kmsKeyId", [db, drSubnets, patch(replica, { kmsKeyId: UNKNOWN }, { kmsKeyId: undefined })]],
    ["aws-rds-replication-needs-backups", "backupRetentionPeriod", [patch(db, { backupRetentionPeriod: UNKNOWN }), drSubnets, drKey, replica]],
    ["aws-sns-service-publisher-conditions", "policy", [topic, patch(topicPolicy, { policy: UNKNOWN })]],
    ["aws-kms-eventbridge-key-conditions", "policy", [patch(alertKey, { policy: UNKNOWN })]],
    ["aws-efs-replication-overwrite", "protection", [patch(efsSource, { protection: UNKNOWN }), efsAccessPoint, efsReplication]],
    ["aws-efs-replication-overwrite", "protection.replicationOverwrite", [efsSource, efsReplicationToExisting, patch(efsDestination, { protection: { replicationOverwrite: UNKNOWN } })]],
    ["aws-kms-key-policy-lockout", "policy", [patch(guardedKey, { policy: UNKNOWN, bypassPolicyLockoutSafetyCheck: false })]],
    ["aws-s3-access-log-target", "objectLockEnabled", [escrow, patch(accessLogs, { objectLockEnabled: UNKNOWN }), escrowLogging]],
    ["aws-cloudtrail-key-region", "kmsKeyId", [trailBucket, drKey, patch(trail, { kmsKeyId: UNKNOWN }, { kmsKeyId: undefined })]],
    ["aws-cloudtrail-single-region-scope", "isMultiRegionTrail", [escrow, drEscrow, patch(drTrailOnPrimary, { isMultiRegionTrail: UNKNOWN })]],
    // Regressions: markers once read as "kept forever", "8-hour start window", "no dimension", "one copy", "not set".
    ["aws-backup-vault-lock-covers-retention", "lifecycle.deleteAfter", [vault, vaultLock, backupPlan(rule({ lifecycle: { deleteAfter: UNKNOWN } }))]],
    ["aws-backup-vault-lock-covers-retention", "lifecycle", [vault, vaultLock, backupPlan(rule({ lifecycle: UNKNOWN }))]],
    ["aws-backup-start-window-outside-rds-backup-window", "startWindow", [db, vault, backupPlan(rule({ schedule: "cron(0 20 ? * * *)", startWindow: UNKNOWN })), selection(db, ARN.db)]],
    ["aws-cloudwatch-replica-lag-dimension", "dimensions", [db, drSubnets, drKey, replica, patch(replicaLagAlarm({ DBInstanceIdentifier: "x" }, replica), { dimensions: UNKNOWN })]],
    ["aws-backup-no-copy-of-multi-az-cluster", "copyActions", [mazCluster, vault, drVault, backupPlan(rule({ copyActions: UNKNOWN })), selection(mazCluster, ARN.cluster)]],
    ["aws-rds-storage-and-iops", "a replica's storageType", [db, drSubnets, drKey, patch(replica, { storageType: UNKNOWN, allocatedStorage: 100, iops: 1000 })]],
  ];

  it.each(PREVIEWS)("%s with %s unknown", (id, _input, resources) => {
    expect(describeViolations(check(id, resources))).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// RDS storage
// ---------------------------------------------------------------------------------------------------------------

describe("rdsStorageProblems", () => {
  const storage = (deployment: RdsStorage["deployment"], engine: string, storageType: string, allocatedStorageGb: number, iops?: number): RdsStorage => ({
    engine,
    deployment,
    storageType,
    allocatedStorageGb,
    ...(iops !== undefined ? { iops } : {}),
  });

  it.each([
    ["gp3 postgres 100 GiB with 3,000 IOPS (no IOPS setting below 400 GiB)", storage("instance", "postgres", "gp3", 100, 3000), ["iops"]],
    ["gp3 postgres 100 GiB without IOPS", storage("instance", "postgres", "gp3", 100), []],
    ["gp3 postgres 400 GiB with 12,000 IOPS", storage("instance", "postgres", "gp3", 400, 12000), []],
    ["gp3 postgres 400 GiB with 11,000 IOPS (below 12,000)", storage("instance", "postgres", "gp3", 400, 11000), ["iops"]],
    ["gp3 oracle 200 GiB with 12,000 IOPS", storage("instance", "oracle-ee", "gp3", 200, 12000), []],
    ["gp3 oracle 199 GiB with 12,000 IOPS", storage("instance", "oracle-ee", "gp3", 199, 12000), ["iops"]],
    ["gp3 sqlserver 20 GiB with 3,000 IOPS", storage("instance", "sqlserver-se", "gp3", 20, 3000), []],
    ["gp3 postgres 19 GiB", storage("instance", "postgres", "gp3", 19), ["allocatedStorage"]],
    ["io2 postgres 100 GiB with 1,000 IOPS", storage("instance", "postgres", "io2", 100, 1000), []],
    ["io2 postgres 50 GiB with 1,000 IOPS (io2 starts at 100 GiB)", storage("instance", "postgres", "io2", 50, 1000), ["allocatedStorage"]],
    ["io1 postgres 100 GiB with 5,000 IOPS (50 per GiB)", storage("instance", "postgres", "io1", 100, 5000), []],
    ["io1 postgres 100 GiB with 6,000 IOPS (over 50 per GiB)", storage("instance", "postgres", "io1", 100, 6000), ["iops"]],
    ["io1 postgres 100 GiB without IOPS", storage("instance", "postgres", "io1", 100), ["iops"]],
    ["io1 sqlserver-ee 20 GiB with 1,000 IOPS", storage("instance", "sqlserver-ee", "io1", 20, 1000), []],
    ["magnetic storage", storage("instance", "postgres", "standard", 100), ["storageType"]],
    ["multi-az-cluster io1 100 GiB with 10,000 IOPS (over 50 per GiB)", storage("multi-az-cluster", "postgres", "io1", 100, 10000), ["iops"]],
    ["multi-az-cluster io1 100 GiB with 5,000 IOPS", storage("multi-az-cluster", "postgres", "io1", 100, 5000), []],
    ["multi-az-cluster io2 400 GiB without IOPS", storage("multi-az-cluster", "postgres", "io2", 400), ["iops"]],
    ["multi-az-cluster gp2 400 GiB with 3,000 IOPS", storage("multi-az-cluster", "mysql", "gp2", 400, 3000), ["storageType"]],
  ] as const)("%s", (_label, s, expected) => {
    const problems = rdsStorageProblems(s);
    expect(problems.map((p) => p.property)).toEqual(expected);
    for (const p of problems) expect(p.expected.length).toBeGreaterThan(0);
  });

  it("states the accepted range for an IOPS ratio problem", () => {
    expect(rdsStorageProblems(storage("instance", "postgres", "io1", 100, 6000))[0].expected).toContain("50 IOPS per GiB");
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Windows, start windows and snapshot identifiers
// ---------------------------------------------------------------------------------------------------------------

const DAY = 1440;
const WEEK = 7 * DAY;

describe("dailyWindow", () => {
  it("reads hh:mm-hh:mm as its length and one range per day of the week", () => {
    const w = dailyWindow("02:00-03:00")!;
    expect(w.minutes).toBe(60);
    expect(w.ranges).toHaveLength(7);
    expect(w.ranges[0]).toEqual({ start: 120, end: 180 });
    expect(w.ranges[6]).toEqual({ start: 6 * DAY + 120, end: 6 * DAY + 180 });
  });

  it("reads a window wrapping midnight (23:30-00:15)", () => {
    const w = dailyWindow("23:30-00:15")!;
    expect(w.minutes).toBe(45);
    expect(w.ranges[0]).toEqual({ start: 1410, end: 1455 });
    // Saturday's range runs into Sunday, past the end of the week.
    expect(w.ranges[6].end).toBeGreaterThan(WEEK);
    expect(w.ranges.some((r) => overlaps(r, { start: 0, end: 10 }))).toBe(true);
  });

  it.each(["2:00-03:00", "02:00", "02:00-03:00-04:00", "24:00-01:00", "02:60-03:00", "02:00-02:00", ""])("refuses %j", (text) => {
    expect(dailyWindow(text)).toBeUndefined();
  });
});

describe("weeklyWindow", () => {
  it("reads ddd:hh:mm-ddd:hh:mm on the weekly clock (Sunday 00:00 is minute 0)", () => {
    expect(weeklyWindow("sun:04:00-sun:05:00")).toEqual({ start: 240, end: 300 });
    expect(weeklyWindow("Mon:01:00-mon:02:30")).toEqual({ start: DAY + 60, end: DAY + 150 });
  });

  it("reads a window wrapping Sunday (sat:23:00-sun:01:00)", () => {
    const w = weeklyWindow("sat:23:00-sun:01:00")!;
    expect(w).toEqual({ start: 6 * DAY + 1380, end: 6 * DAY + 1380 + 120 });
    expect(overlaps(w, { start: 30, end: 45 })).toBe(true); // Sunday 00:30-00:45
    expect(overlaps(w, { start: 60, end: 120 })).toBe(false); // Sunday 01:00-02:00
    expect(dailyWindow("00:30-00:45")!.ranges.some((r) => overlaps(r, w))).toBe(true);
    expect(dailyWindow("01:00-01:30")!.ranges.some((r) => overlaps(r, w))).toBe(false);
  });

  it.each(["sun:04:00", "sun:4:00-sun:05:00", "xyz:04:00-sun:05:00", "sun:04:00-sun:04:00", "sun:24:00-mon:01:00"])("refuses %j", (text) => {
    expect(weeklyWindow(text)).toBeUndefined();
  });
});

describe("overlaps", () => {
  it("treats ranges as half-open", () => {
    expect(overlaps({ start: 0, end: 60 }, { start: 60, end: 120 })).toBe(false);
    expect(overlaps({ start: 0, end: 61 }, { start: 60, end: 120 })).toBe(true);
  });

  it("meets across the end of the week", () => {
    expect(overlaps({ start: WEEK - 30, end: WEEK + 30 }, { start: 0, end: 10 })).toBe(true);
    expect(overlaps({ start: 0, end: 10 }, { start: WEEK - 30, end: WEEK })).toBe(false);
  });

  it("is symmetric (property)", () => {
    const range = fc.record({ start: fc.integer({ min: 0, max: 2 * WEEK }), length: fc.integer({ min: 1, max: WEEK - 1 }) }).map(({ start, length }): MinuteRange => ({ start, end: start + length }));
    fc.assert(
      fc.property(range, range, (a, b) => overlaps(a, b) === overlaps(b, a)),
      { numRuns: 1000 },
    );
  });
});

describe("startWindowMeetsBackupWindow", () => {
  it.each<[schedule: string, startWindowMinutes: number, rdsBackupWindow: string, meets: boolean, why: string]>([
    ["cron(0 2 ? * * *)", 60, "02:00-03:00", true, "starts inside the window"],
    ["cron(0 1 ? * * *)", 60, "02:00-03:00", false, "ends as the window opens"],
    ["cron(0 1 ? * * *)", 61, "02:00-03:00", true, "one minute into the window"],
    ["cron(0 3 ? * * *)", 60, "02:00-03:00", false, "starts as the window closes"],
    ["cron(0 22 ? * * *)", 480, "02:00-03:00", true, "an 8-hour start window across midnight"],
    ["cron(0 5 ? * * *)", 60, "02:00-03:00", false, "well after the window"],
    ["cron(0 2 ? * SUN *)", 60, "02:00-03:00", true, "a weekly schedule on a day of the daily window"],
    ["cron(0 0/6 ? * * *)", 60, "02:00-03:00", false, "every 6 hours from midnight"],
    ["cron(0 0/6 ? * * *)", 60, "06:30-07:00", true, "every 6 hours, one start at 06:00"],
    ["cron(0 0 ? * * *)", 60, "23:30-00:15", true, "a window wrapping midnight, start at 00:00"],
    ["cron(0 23 ? * * *)", 30, "23:30-00:15", false, "ends as a midnight-wrapping window opens"],
    ["cron(0 20 ? * * *)", 180, "23:30-00:15", false, "ends at 23:00"],
    ["rate(12 hours)", 60, "02:00-03:00", false, "a rate expression is not read"],
    ["cron(0 2 ? * * *)", 60, "2-3", false, "a malformed window is not read"],
  ])("%s, %i min, window %s -> %s (%s)", (schedule, startWindow, window, expected, _why) => {
    expect(startWindowMeetsBackupWindow(schedule, startWindow, window)).toBe(expected);
  });
});

describe("finalSnapshotIdentifierProblem", () => {
  it.each([
    ["cenm-db-final-1a2b3c4d", undefined],
    ["A", undefined],
    ["a".repeat(255), undefined],
    ["a".repeat(256), /1 to 255/],
    ["", /1 to 255/],
    ["1-cenm-db-final", /starting with a letter/],
    ["-cenm-db-final", /starting with a letter/],
    ["cenm_db_final", /letters, digits or hyphens/],
    ["cenm.db.final", /letters, digits or hyphens/],
    ["cenm--db-final", /two hyphens in a row/],
    ["cenm-db-final-", /hyphen at the end/],
  ] as const)("%j -> %s", (id, expected) => {
    const problem = finalSnapshotIdentifierProblem(id);
    if (expected === undefined) expect(problem).toBeUndefined();
    else expect(problem).toMatch(expected);
  });
});

describe("regressions found by review", () => {
  it("a copy into a vault of another program takes its region from the ARN, not from the plan's only vault", () => {
    const plan = res(TYPE.backupPlan, "plan", { region: PRIMARY, rules: [rule({ copyActions: [{ destinationVaultArn: ARN.drVault, lifecycle: { deleteAfter: 365 } }] })] }, { rules: [vault.urn] });
    expect(describeViolations(check("aws-backup-vault-lock-covers-retention", [vault, vaultLock, plan]))).toEqual([]);
  });

  it("gp2 and magnetic storage are outside the storage table: RDS takes them, so no violation is invented", () => {
    expect(describeViolations(check("aws-rds-storage-and-iops", [finalSuffix, patch(db, { storageType: "gp2", allocatedStorage: 100, iops: undefined })]))).toEqual([]);
  });
});


describe("AWS Backup alerts, names and lock replacement (issue 18)", () => {
  const properties = (id: string, resources: readonly ResourceView[]) => check(id, resources).map((v) => `${v.resource}.${v.property}`);

  it("aws-backup-job-event-field: each job event type is judged by the field its events carry", () => {
    const id = "aws-backup-job-event-field";
    // Backup and copy jobs carry state; one rule for both is fine.
    expect(properties(id, [restoreFailures({ state: ["FAILED"] }, ["Backup Job State Change", "Copy Job State Change"])])).toEqual([]);
    // The rule the package used to declare: state for all three; restore jobs can never match.
    expect(check(id, [restoreFailures({ state: ["FAILED"] }, ["Backup Job State Change", "Copy Job State Change", "Restore Job State Change"])]).map((v) => v.message)).toEqual([
      'names "Restore Job State Change" but tests detail.state; those events carry detail.status, so the rule matches none of them',
    ]);
    // $or of both fields reaches every type; no filter on the state matches every event of the named types.
    expect(properties(id, [restoreFailures({ $or: [{ state: ["FAILED"] }, { status: ["FAILED"] }] }, ["Backup Job State Change", "Restore Job State Change"])])).toEqual([]);
    expect(properties(id, [restoreFailures({}, ["Restore Job State Change"])])).toEqual([]);
    // Not an AWS Backup pattern: not judged.
    const other = res(TYPE.eventRule, "other", { region: PRIMARY, eventPattern: JSON.stringify({ source: ["aws.rds"], "detail-type": ["Restore Job State Change"], detail: { state: ["x"] } }) });
    expect(properties(id, [other])).toEqual([]);
  });

  it("aws-name-carries-stack: Pulumi's auto-names and per-creation random parts are unique too; every scope is judged", () => {
    const id = "aws-name-carries-stack";
    // A vault auto-named by Pulumi in a preview or state: its logical name and seven random characters.
    expect(properties(id, [inStack("aws-prod", patch(vault, { name: "vault-1a2b3c4" }))])).toEqual([]);
    expect(properties(id, [inStack("aws-prod", vault)])).toEqual(["vault.name"]);
    // The final snapshot identifier takes a random id per creation.
    const suffix = inStack("aws-prod", finalSuffix);
    expect(properties(id, [suffix, inStack("aws-prod", patch(db, { identifier: "cenm-db-aws-prod" }, { finalSnapshotIdentifier: [suffix.urn] }))])).toEqual([]);
    // IAM role names are unique per account, S3 bucket names per partition.
    const role = res(TYPE.iamRole, "backup-role", { name: "cenm-backup-role", assumeRolePolicy: "{}" });
    expect(check(id, [inStack("aws-staging", role)]).map((v) => v.message)).toEqual([
      '"cenm-backup-role" is unique per account but does not carry the stack aws-staging: another stack of the same account would collide with it',
    ]);
    expect(properties(id, [inStack("aws-staging", escrow)])).toEqual(["escrow.bucket"]);
    // The stack's words must come in a row: "aws-prod" is not carried by "cenm-aws-vault-prod".
    expect(properties(id, [inStack("aws-prod", patch(vault, { name: "cenm-aws-vault-prod" }))])).toEqual(["vault.name"]);
    // A long stack name is carried in the package's shortened form.
    const long = "cenm-network-services-production-eu";
    expect(properties(id, [inStack(long, restoreTestingPlan(`cenm_${stackToken(long, "_")}_restore_tests`))])).toEqual([]);
    // A name a preview shows unknown is not judged.
    expect(properties(id, [inStack("aws-prod", restoreTestingPlan(UNKNOWN))])).toEqual([]);
  });

  it("aws-resource-name-syntax: vault, plan and EventBridge rule names", () => {
    const id = "aws-resource-name-syntax";
    expect(properties(id, [patch(vault, { name: "c" })])).toEqual(["vault.name"]);
    expect(properties(id, [patch(vault, { name: "cenm.vault" })])).toEqual(["vault.name"]);
    expect(properties(id, [res(TYPE.backupPlan, "plan", { region: PRIMARY, name: "cenm.backup_plan-1", rules: [] })])).toEqual([]);
    expect(properties(id, [patch(restoreFailures({ status: ["FAILED"] }), { name: "x".repeat(65) })])).toEqual(["restore-failures.name"]);
    expect(properties(id, [restoreTestingPlan("c".repeat(51))])).toEqual(["restore-testing.name"]);
  });

  it("aws-backup-compliance-lock-replaced: a governance lock may be replaced; a plan without operations is not judged", () => {
    const id = "aws-backup-compliance-lock-replaced";
    const governance = patch(vaultLock, { changeableForDays: undefined });
    expect(properties(id, [vault, { ...governance, operation: "replace" }])).toEqual([]);
    expect(properties(id, [vault, vaultLock])).toEqual([]);
    expect(properties(id, [vault, { ...vaultLock, operation: "create-replacement" }])).toEqual(["vault-lock.changeableForDays"]);
  });
});

describe("what the issue-18 limits rest on: stack tokens, auto-names", () => {
  it("stackToken keeps short stack names whole and shortens long ones with a digest; nameCarriesStack wants the words in a row", () => {
    expect(stackToken("aws-prod", "_")).toBe("aws_prod");
    const long = stackToken("cenm-network-services-production-eu-west", "-");
    expect(long).toMatch(/^cenm-network-se-[0-9a-f]{8}$/);
    expect(long.length).toBeLessThanOrEqual(24);
    expect(stackToken("cenm-network-services-production-eu-west")).not.toBe(stackToken("cenm-network-services-production-eu-east"));
    expect(nameCarriesStack("cenm_snapshots_aws_prod_restore_tests", "aws-prod")).toBe(true);
    expect(nameCarriesStack("cenm-keys-access-log-trail-aws-prod", "aws-prod")).toBe(true);
    expect(nameCarriesStack("cenm_snapshots_aws_production_tests", "aws-prod")).toBe(false);
    expect(nameCarriesStack("cenm-devices", "dev")).toBe(false);
  });

  it("isAutoName recognises Pulumi's logical name and seven random characters, in any case", () => {
    expect(isAutoName("cenm-snapshots-vault-1a2b3c4", "cenm-snapshots-vault")).toBe(true);
    expect(isAutoName("CENM-DB-PRIMARY-1A2B3C4", "cenm-db-primary")).toBe(true);
    expect(isAutoName("cenm-snapshots-vault", "cenm-snapshots-vault")).toBe(false);
    expect(isAutoName("cenm-snapshots-vault-prod", "cenm-snapshots-vault")).toBe(false);
    // A seven-letter word is no random suffix.
    expect(isAutoName("cenm-backup-staging", "cenm-backup")).toBe(false);
  });
});
