/**
 * AWS platform limits: what AWS refuses, or silently does otherwise than a declaration suggests, for the services
 * this package declares. One entry per rule, each with the page it is read from; see ./types.ts for how they are
 * used. The pure predicates the checks rest on are exported for config validation and the components.
 */
import type { ResourceGraph } from "../resources/graph";
import type { ResourceView } from "../resources/view";
import { matchedJobEvents, planCoverage, planRules, unmatchableJobEvents, type Lifecycle } from "../resources/awsBackup";
import { AWS_NAMED_INPUTS, isAutoName, nameCarriesStack, nameSyntaxProblem, stackOfUrn } from "../resources/awsNames";
import { KMS_KEY_TYPES, RDS_TYPES, T, BUCKET_LOGGING_TYPES, BUCKET_TYPES, BUCKET_SSE_TYPES } from "../resources/awsTokens";
import { intervalHours, startMinutesOfDay } from "../resources/schedule";
import { arnRegion, arr, isMarker, isTrue, num, parseJson, rec, str, strings } from "../resources/values";
import { dailyWindow, overlaps, weeklyWindow } from "../windows";
import { crossAccountExemptions, keyArnAccount, KMS_CREATE_KEY_PAGE, KMS_EXTERNAL_ACCOUNTS_PAGE, keyPolicyLockoutProblem, policyStatements, principalAccount } from "./kmsKeyPolicy";
import { RDS_STORAGE_TYPES, rdsStorageProblems } from "./rdsStorage";
import { violation, type LimitViolation, type PlatformLimit } from "./types";

/** Documentation pages the AWS limits are read from. */
export const AWS_DOCS = {
  multiAzClusterLimits: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/multi-az-db-clusters-concepts.Limitations.html",
  backupCopy: "https://docs.aws.amazon.com/aws-backup/latest/devguide/recov-point-create-a-copy.html",
  replicateBackups: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReplicateBackups.html",
  replicateBackupsEnable: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/AutomatedBackups.Replicating.Enable.html",
  deleteDbInstance: "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DeleteDBInstance.html",
  rdsStorage: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_Storage.html",
  createDbCluster: "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBCluster.html",
  rdsBackupWindow: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ManagingAutomatedBackups.html",
  backupRds: "https://docs.aws.amazon.com/aws-backup/latest/devguide/rds-backup.html",
  backupRule: "https://docs.aws.amazon.com/aws-backup/latest/devguide/API_BackupRule.html",
  vaultLockApi: "https://docs.aws.amazon.com/aws-backup/latest/devguide/API_PutBackupVaultLockConfiguration.html",
  backupFrequency: "https://docs.aws.amazon.com/aws-backup/latest/devguide/plan-options-and-configuration.html",
  vaultLock: "https://docs.aws.amazon.com/aws-backup/latest/devguide/vault-lock.html",
  continuousRetention: "https://docs.aws.amazon.com/aws-backup/latest/devguide/point-in-time-recovery-retention-period.html",
  continuous: "https://docs.aws.amazon.com/aws-backup/latest/devguide/point-in-time-recovery.html",
  lifecycle: "https://docs.aws.amazon.com/aws-backup/latest/devguide/API_Lifecycle.html",
  crossRegionReplica: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.XRgn.html",
  createReadReplica: "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstanceReadReplica.html",
  /** CreateDBInstance: the AvailabilityZone parameter cannot be given for a Multi-AZ deployment. */
  createDbInstance: "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html",
  readReplicaCreate: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.Create.html",
  /** Limitations of RDS-managed master passwords: no read replica of such a source, SQL Server apart. */
  rdsSecretsManagerLimits: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-secrets-manager.html#rds-secrets-manager-limitations",
  /** A KMS key pending deletion cannot be used; once deleted, what it encrypted cannot be decrypted. */
  kmsDeletingKeys: "https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys.html",
  /** DeleteSecret: a recovery window of 7 to 30 days; the replicas of a secret go first and at once. */
  secretsManagerDeleteSecret: "https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_DeleteSecret.html",
  rdsMetrics: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-metrics.html",
  rdsDimensions: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/dimensions.html",
  backupNotifications: "https://docs.aws.amazon.com/aws-backup/latest/devguide/backup-notifications.html",
  eventBridgeResourcePolicies: "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html",
  /** EventBridge rule targets: aws:SourceArn is the rule's ARN; aws:SourceArn and aws:SourceAccount are recommended. */
  eventBridgeConfusedDeputy: "https://docs.aws.amazon.com/eventbridge/latest/userguide/cross-service-confused-deputy-prevention.html",
  cloudWatchAlarmSns: "https://repost.aws/knowledge-center/cloudwatch-receive-sns-for-alarm-trigger",
  snsKeyManagement: "https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services",
  cloudHsmGettingStarted: "https://docs.aws.amazon.com/cloudhsm/latest/userguide/getting-started.html",
  s3AccessLogging: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html",
  cloudTrailKms: "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-encryption-cli.html",
  /** CloudTrail quotas: 5 trails per Region, a quota that cannot be increased. */
  cloudTrailQuotas: "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/WhatIsCloudTrail-Limits.html",
  /** Multi-Region and single-Region trails: a single-Region trail records the events of its Region only. */
  cloudTrailTrails: "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-trails.html",
  objectLockDefaultRetention: "https://docs.aws.amazon.com/AmazonS3/latest/API/API_DefaultRetention.html",
  restoreTestingSelection: "https://docs.aws.amazon.com/aws-backup/latest/devguide/API_RestoreTestingSelectionForCreate.html",
  /**
   * A file system's replication overwrite protection: ENABLED (the default) keeps it writable and refuses it as a
   * replication destination; DISABLED makes it a candidate destination and read-only; REPLICATING while it is one.
   */
  efsProtection: "https://docs.aws.amazon.com/efs/latest/ug/API_FileSystemProtectionDescription.html",
  /** An existing file system named as a replication destination must have its overwrite protection disabled. */
  efsDestinationToCreate: "https://docs.aws.amazon.com/efs/latest/ug/API_DestinationToCreate.html",
  restoreTestingPlan: "https://docs.aws.amazon.com/aws-backup/latest/devguide/API_RestoreTestingPlanForCreate.html",
  rdsQuotas: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_Limits.html",
  backupEventBridge: "https://docs.aws.amazon.com/aws-backup/latest/devguide/eventbridge.html",
  /** The provider replaces a vault lock configuration on any change of its bounds or grace time (all ForceNew, no update). */
  vaultLockProvider: "https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service/backup/vault_lock_configuration.go",
  // Pages the components' comments cite for what they declare without a check of its own:
  /** The bucket policy CloudTrail needs to deliver a trail's log files, scoped to the trail by aws:SourceArn. */
  cloudTrailBucketPolicy: "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html",
  /** autoAccept accepts a peering only when both VPCs are in the same account and region. */
  vpcPeeringAutoAccept: "https://www.pulumi.com/registry/packages/aws/api-docs/ec2/vpcpeeringconnection/",
  // Pages the audit's network readers cite for what they believe a route, gateway or policy does (issue 12):
  /**
   * A subnet follows the one route table it is explicitly associated with, else the VPC's main route table; a route
   * to 0.0.0.0/0 through an Internet gateway is the path to the Internet, and ::/0 is routed apart from 0.0.0.0/0.
   */
  subnetRouteTables: "https://docs.aws.amazon.com/vpc/latest/userguide/subnet-route-tables.html",
  /** An Internet gateway connects the VPC's resources that have public addresses to the Internet, both ways. */
  internetGateway: "https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Internet_Gateway.html",
  /** An egress-only Internet gateway lets IPv6 traffic out to the Internet (and the replies back in). */
  egressOnlyInternetGateway: "https://docs.aws.amazon.com/vpc/latest/userguide/egress-only-internet-gateway.html",
  /** A public NAT gateway (the default connectivity type) takes private subnets to the Internet; a private one cannot. */
  natGateway: "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html",
  /** A peered VPC's Internet gateway, NAT gateway or VPN cannot carry this VPC's traffic (no edge-to-edge routing). */
  vpcPeeringLimits: "https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html#vpc-peering-limitations",
  /** A default route (0.0.0.0/0) to a transit gateway is how a VPC reaches the Internet through an outbound (egress) VPC. */
  transitGatewayCentralEgress: "https://docs.aws.amazon.com/prescriptive-guidance/latest/robust-network-design-control-tower/transit-gateway.html",
  /** aws:SourceVpce / aws:SourceVpc in a bucket policy admit requests that come through that endpoint or VPC. */
  s3VpcEndpointPolicy: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies-vpc-endpoint.html",
} as const;

/** AWS Backup keeps a continuous (point-in-time) recovery point 1 to 35 days. */
export const CONTINUOUS_BACKUP_MAX_DAYS = 35;
/** A recovery point moved to cold storage stays there at least this many days. */
export const COLD_STORAGE_MIN_DAYS = 90;
/** The shortest start window of a backup rule, in minutes. */
export const BACKUP_MIN_START_WINDOW_MINUTES = 60;
/** Start window AWS Backup applies when a rule sets none (8 hours). */
export const BACKUP_DEFAULT_START_WINDOW_MINUTES = 480;
/** A compliance-mode vault lock's grace time, in days: at least 3, at most 36,500. */
export const VAULT_LOCK_CHANGEABLE_DAYS = { min: 3, max: 36500 } as const;
/** Largest retention a vault lock may bound. */
export const VAULT_LOCK_MAX_RETENTION_DAYS = 36500;
/** Days RDS keeps automated backups for point-in-time restore: 1 to 35 (0 turns them off; the package never does). */
export const RDS_BACKUP_RETENTION_DAYS = { min: 1, max: 35, source: AWS_DOCS.rdsBackupWindow } as const;
/**
 * Days of S3 Object Lock default retention the package declares: a positive whole number (the DefaultRetention API
 * takes days as an integer and names no maximum); capped, like a vault lock's retention, at 100 years.
 */
export const S3_OBJECT_LOCK_RETENTION_DAYS = { min: 1, max: VAULT_LOCK_MAX_RETENTION_DAYS, source: AWS_DOCS.objectLockDefaultRetention } as const;
/** Hours AWS Backup keeps a restore test's restored resource for validation before deleting it: 1 to 168. */
export const RESTORE_VALIDATION_WINDOW_HOURS = { min: 1, max: 168, source: AWS_DOCS.restoreTestingSelection } as const;
/** Days Secrets Manager keeps a deleted secret recoverable: 7 to 30 (the package asks for the longest). */
export const SECRETS_MANAGER_RECOVERY_WINDOW_DAYS = { min: 7, max: 30, source: AWS_DOCS.secretsManagerDeleteSecret } as const;
/** The RDS automated backup window lasts at least 30 minutes. */
export const RDS_BACKUP_WINDOW_MIN_MINUTES = 30;

/**
 * Condition keys each AWS service is documented to supply when it publishes to an SNS topic: a topic-policy
 * statement for the service may test them with any operator. Any other key may be tested only with an `...IfExists`
 * operator, which passes when the request lacks the key (so it cannot drop an alert the service sends without it)
 * and still refuses a request that carries the key with another value (another account's rule, vault or alarm).
 */
export const SNS_PUBLISHER_CONDITION_KEYS: Readonly<Record<string, readonly string[]>> = {
  // The AWS Backup notifications page gives the statement without any condition.
  "backup.amazonaws.com": [],
  // EventBridge's pages disagree: its confused-deputy page says a rule's target sees aws:SourceArn (the rule) and
  // aws:SourceAccount, and its condition-keys page lists both; the SNS section of its resource-policy page, in every
  // version this package could read, says Condition blocks cannot be used in topic policies for EventBridge. Neither
  // key is sure to reach the SNS path, so both are IfExists-only here.
  "events.amazonaws.com": [],
  // CloudWatch's alarm guide restricts the statement with the alarm ARN (aws:SourceArn).
  "cloudwatch.amazonaws.com": ["aws:sourcearn"],
};

/** Condition keys SNS documents as unsupported in a KMS key policy for EventBridge's delivery to an encrypted topic. */
export const EVENTBRIDGE_UNSUPPORTED_KEY_CONDITIONS = ["aws:sourceaccount", "aws:sourcearn", "aws:sourceorgid"];

/** Where a file system stands in the plan's EFS replications, and whether CENM writes to it. */
export interface EfsRole {
  /** It is the `sourceFileSystemId` of a replication configuration. */
  source: boolean;
  /** A replication configuration names it as its existing destination (`destination.fileSystemId`). */
  destination: boolean;
  /** CENM mounts it to write: the package gives it access points for the service directories. */
  written: boolean;
}

/**
 * What is wrong with declaring `value` as the `protection.replicationOverwrite` of a file system in `role`, or
 * undefined when nothing is. No value means AWS's default, ENABLED. EFS makes a DISABLED file system read-only (only
 * replication may change it) and refuses anything but a DISABLED one as an existing replication destination.
 */
export function efsReplicationOverwriteProblem(value: string | undefined, role: EfsRole): string | undefined {
  const declared = value ?? "ENABLED (AWS's default)";
  if (role.destination && value !== "DISABLED") return `it is an existing replication destination, which EFS accepts only with replicationOverwrite DISABLED; got ${declared}`;
  if (value !== "DISABLED") return undefined;
  if (role.source) return "it is a replication source, and DISABLED makes it read-only: nothing new would reach it to replicate (leave it ENABLED, the default)";
  if (role.written && !role.destination) return "CENM writes its service directories to it through access points, and DISABLED makes it read-only (leave it ENABLED, the default)";
  return undefined;
}

/** Tag the package sets on a CloudHSM cluster once its operator has initialized and activated it. */
export const HSM_INITIALIZED_TAG = "cenm-backup:initialized";

/**
 * Whether RDS refuses to create a read replica of a source whose master password it manages in Secrets Manager
 * (`manageMasterUserPassword`): it does for every engine but SQL Server. Takes an RDS engine name (postgres,
 * sqlserver-ee, oracle-ee) or this package's (sqlserver, oracle).
 */
export function managedPasswordBlocksReplicas(engine: string): boolean {
  return !engine.toLowerCase().startsWith("sqlserver");
}

/** Whether an `aws:rds/cluster:Cluster` declares a Multi-AZ DB cluster (an instance class of its own), not Aurora. */
export function isMultiAzDbCluster(r: ResourceView): boolean {
  return r.type === T.rdsCluster && r.inputs.dbClusterInstanceClass !== undefined && r.inputs.dbClusterInstanceClass !== null;
}

/** Whether AWS Backup can copy recovery points of this kind of resource to another vault (region or account). */
export function awsBackupCanCopy(kind: "rds-instance" | "rds-multi-az-cluster" | "aurora-cluster" | "efs"): boolean {
  return kind !== "rds-multi-az-cluster";
}

/**
 * Whether a snapshot rule's start windows (a job may start any time within `startWindowMinutes` of a scheduled
 * time) meet an RDS daily backup window `hh:mm-hh:mm`. Unreadable schedules or windows answer false.
 */
export function startWindowMeetsBackupWindow(schedule: string, startWindowMinutes: number, rdsBackupWindow: string): boolean {
  const starts = startMinutesOfDay(schedule);
  const window = dailyWindow(rdsBackupWindow);
  if (!starts || !window) return false;
  for (const m of starts) {
    for (let day = 0; day < 7; day++) {
      const start = day * 1440 + m;
      if (window.ranges.some((w) => overlaps({ start, end: start + startWindowMinutes }, w))) return true;
    }
  }
  return false;
}

/** `hh:mm` of a minute of the day. */
function hhmm(minuteOfDay: number): string {
  const m = ((minuteOfDay % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
}

/**
 * The daily window (`hh:mm-hh:mm`, UTC) in which a continuous rule's daily run may start: its one start time and the
 * next `startWindowMinutes` (at most a day); undefined unless the schedule starts once a day at one time. This package
 * assumes that AWS Backup, once its continuous backup manages an RDS instance's automated backups, holds the instance's
 * backup window there (see the limit aws-backup-continuous-rule-window-clear).
 */
export function continuousRuleWindow(schedule: unknown, startWindowMinutes: number): string | undefined {
  const starts = startMinutesOfDay(schedule);
  if (!starts || starts.length !== 1 || !(startWindowMinutes > 0)) return undefined;
  return `${hhmm(starts[0])}-${hhmm(starts[0] + Math.min(startWindowMinutes, 1439))}`;
}

/** What is wrong with an RDS final snapshot identifier (1-255 letters, digits, hyphens; a letter first; no `--`, no trailing hyphen). */
export function finalSnapshotIdentifierProblem(id: string): string | undefined {
  if (!/^[A-Za-z][A-Za-z0-9-]{0,254}$/.test(id)) return "1 to 255 letters, digits or hyphens, starting with a letter";
  if (id.includes("--") || id.endsWith("-")) return "no two hyphens in a row and no hyphen at the end";
  return undefined;
}

/** Inputs whose RDS windows an instance or cluster declares. */
function windowsOf(db: ResourceView): { backup?: string; maintenance?: string; backupKey: string; maintenanceKey: string } {
  const cluster = db.type === T.rdsCluster;
  const backupKey = cluster ? "preferredBackupWindow" : "backupWindow";
  const maintenanceKey = cluster ? "preferredMaintenanceWindow" : "maintenanceWindow";
  const backup = str(db.inputs[backupKey]);
  const maintenance = str(db.inputs[maintenanceKey]);
  return { ...(backup ? { backup } : {}), ...(maintenance ? { maintenance } : {}), backupKey, maintenanceKey };
}

/** A read replica: an instance that replicates from another one. */
function isReplica(r: ResourceView): boolean {
  return r.type === T.rdsInstance && r.inputs.replicateSourceDb !== undefined && r.inputs.replicateSourceDb !== null;
}

/** The source database of a replica or of an automated-backups replication, when the plan declares it. */
function sourceOf(g: ResourceGraph, r: ResourceView, property: string): ResourceView | undefined {
  return g.ref(r, property, RDS_TYPES, r.inputs[property]);
}

/** Region of the source a replication names: the declared source's, else the region in the ARN. */
function sourceRegion(g: ResourceGraph, r: ResourceView, property: string): string | undefined {
  const source = sourceOf(g, r, property);
  return source ? g.regionOf(source) : arnRegion(r.inputs[property]);
}

/** The statements of a policy document held in an input. */
function statements(policy: unknown): Record<string, unknown>[] {
  const doc = rec(parseJson(policy));
  return arr(doc?.Statement).map(rec).filter((s): s is Record<string, unknown> => s !== undefined);
}

function servicePrincipals(statement: Record<string, unknown>): string[] {
  return strings(rec(statement.Principal)?.Service).map((s) => s.toLowerCase());
}

function conditionKeys(statement: Record<string, unknown>): string[] {
  const cond = rec(statement.Condition) ?? {};
  return Object.values(cond).flatMap((block) => Object.keys(rec(block) ?? {}).map((k) => k.toLowerCase()));
}

/** The keys a statement tests, each with its condition operator (`StringEquals`, `ArnLikeIfExists`...). */
function conditionTests(statement: Record<string, unknown>): { operator: string; key: string }[] {
  const cond = rec(statement.Condition) ?? {};
  return Object.entries(cond).flatMap(([operator, block]) => Object.keys(rec(block) ?? {}).map((k) => ({ operator, key: k.toLowerCase() })));
}

/**
 * Whether a condition operator passes when the request lacks the key: the `...IfExists` operators do, every other
 * operator (a `Null` test of presence included) fails, and the statement then does not apply.
 */
export function passesWithoutKey(operator: string): boolean {
  return operator.endsWith("IfExists");
}

function grants(statement: Record<string, unknown>, action: string): boolean {
  if (str(statement.Effect) !== "Allow") return false;
  return strings(statement.Action).some((a) => {
    const l = a.toLowerCase();
    return l === "*" || l === action || (l.endsWith("*") && action.startsWith(l.slice(0, -1)));
  });
}

/** Retention bounds of a vault's lock, when the plan declares one. */
function lockOf(g: ResourceGraph, vault: ResourceView): { lock: ResourceView; min?: number; max?: number } | undefined {
  if (vault.type === T.backupAirGappedVault) return { lock: vault, min: num(vault.inputs.minRetentionDays), max: num(vault.inputs.maxRetentionDays) };
  const lock = g.referrers(vault, [T.backupVaultLock], "backupVaultName")[0];
  return lock ? { lock, min: num(lock.inputs.minRetentionDays), max: num(lock.inputs.maxRetentionDays) } : undefined;
}

/**
 * What is wrong with a retention of `days` (undefined: kept until deleted by hand) in a vault locked with the bounds
 * `lock`, or undefined when the lock admits it. Config validation, the component and the limit call it.
 */
export function lockRetentionProblem(days: number | undefined, lock: { min?: number; max?: number }): string | undefined {
  if (lock.min !== undefined && days !== undefined && days < lock.min) return `below the lock's minimum retention of ${lock.min} days`;
  if (lock.max !== undefined && (days === undefined || days > lock.max)) return `beyond the lock's maximum retention of ${lock.max} days`;
  return undefined;
}

function retentionText(l: Lifecycle): string {
  return l.deleteAfterDays === undefined ? "kept until deleted by hand (no deleteAfter)" : `kept ${l.deleteAfterDays} days`;
}

const multiAzClusterCopy: PlatformLimit = {
  id: "aws-backup-no-copy-of-multi-az-cluster",
  cloud: "aws",
  rule: "AWS Backup cannot copy recovery points of an RDS Multi-AZ DB cluster to another Region or account: RDS does not copy Multi-AZ DB cluster snapshots, so every copy job of such a cluster fails and no copy exists.",
  source: AWS_DOCS.backupCopy,
  basis: "documented",
  resourceTypes: [T.backupPlan, T.backupSelection, T.rdsCluster],
  check(g) {
    const out: LimitViolation[] = [];
    for (const plan of g.ofType(T.backupPlan)) {
      const clusters = planCoverage(g, plan).filter(isMultiAzDbCluster);
      if (clusters.length === 0) continue;
      for (const rule of planRules(g, plan)) {
        for (const copy of rule.copies) {
          out.push(
            violation(
              this,
              plan,
              `rules[${rule.index}].copyActions[${copy.index}]`,
              `rule ${rule.name} copies the recovery points of Multi-AZ DB cluster ${clusters.map((c) => c.name).join(", ")}${copy.region ? ` to ${copy.region}` : ""}; AWS Backup cannot copy them, so that copy would never exist`,
            ),
          );
        }
      }
    }
    return out;
  },
};

const multiAzClusterBackupReplication: PlatformLimit = {
  id: "aws-rds-no-backup-replication-of-multi-az-cluster",
  cloud: "aws",
  rule: "Cross-Region automated backups (automated-backup replication) exist for DB instances only; a Multi-AZ DB cluster cannot replicate its automated backups to another Region.",
  source: AWS_DOCS.multiAzClusterLimits,
  basis: "documented",
  resourceTypes: [T.rdsBackupsReplication],
  check(g) {
    const out: LimitViolation[] = [];
    for (const rep of g.ofType(T.rdsBackupsReplication)) {
      const source = g.ref(rep, "sourceDbInstanceArn", [T.rdsCluster], rep.inputs.sourceDbInstanceArn);
      const arn = str(rep.inputs.sourceDbInstanceArn);
      if (source || (arn && /^arn:[^:]+:rds:[^:]*:[^:]*:cluster:/.test(arn))) {
        out.push(violation(this, rep, "sourceDbInstanceArn", `replicates the automated backups of DB cluster ${source?.name ?? arn}; RDS offers this for DB instances only`));
      }
    }
    return out;
  },
};

const finalSnapshotPerCreation: PlatformLimit = {
  id: "aws-rds-final-snapshot-unique",
  cloud: "aws",
  rule: "A final snapshot identifier must be free in the account and Region when the database is deleted (else DeleteDBInstance fails with DBSnapshotAlreadyExists, DeleteDBCluster with DBClusterSnapshotAlreadyExistsFault), and the provider needs one whenever the final snapshot is not skipped. A fixed identifier is taken by the first deletion, so the database of a rebuilt stack could never be deleted: the identifier must carry a part generated with each creation.",
  source: AWS_DOCS.deleteDbInstance,
  basis: "documented",
  resourceTypes: [T.rdsInstance, T.rdsCluster, T.randomId],
  check(g) {
    const out: LimitViolation[] = [];
    for (const db of g.ofType(...RDS_TYPES)) {
      if (isReplica(db)) continue;
      if (isTrue(db.inputs.skipFinalSnapshot) || isMarker(db.inputs.skipFinalSnapshot)) continue;
      const id = db.inputs.finalSnapshotIdentifier;
      if (id === undefined || id === null || id === "") {
        out.push(violation(this, db, "finalSnapshotIdentifier", "the final snapshot is not skipped but no identifier is given; the deletion would be refused"));
        continue;
      }
      const text = str(id);
      const problem = text ? finalSnapshotIdentifierProblem(text) : undefined;
      if (problem) out.push(violation(this, db, "finalSnapshotIdentifier", `"${text}" is not an RDS snapshot identifier: ${problem}`));
      const perCreation = (db.propertyDependencies.finalSnapshotIdentifier ?? []).some((urn) => g.get(urn)?.type.startsWith("random:"));
      if (!perCreation) {
        out.push(violation(this, db, "finalSnapshotIdentifier", `${text ? `"${text}"` : "the identifier"} takes no per-creation value (a random id): after a destroy and a rebuild, the second deletion would find the first one's snapshot under the same name`));
      }
    }
    return out;
  },
};

const replicaFinalSnapshot: PlatformLimit = {
  id: "aws-rds-no-final-snapshot-of-replica",
  cloud: "aws",
  rule: "RDS refuses a final snapshot when a read replica is deleted (InvalidParameterCombination): a replica must skip it and name no final snapshot identifier, or it cannot be deleted.",
  source: AWS_DOCS.deleteDbInstance,
  basis: "documented",
  resourceTypes: [T.rdsInstance],
  check(g) {
    const out: LimitViolation[] = [];
    for (const db of g.ofType(T.rdsInstance).filter(isReplica)) {
      const skip = db.inputs.skipFinalSnapshot;
      if (!isTrue(skip) && !isMarker(skip)) out.push(violation(this, db, "skipFinalSnapshot", `is ${JSON.stringify(skip ?? null)} on a read replica; it must be true`));
      if (str(db.inputs.finalSnapshotIdentifier)) out.push(violation(this, db, "finalSnapshotIdentifier", "is set on a read replica; RDS refuses it"));
    }
    return out;
  },
};

const replicaOfManagedPassword: PlatformLimit = {
  id: "aws-rds-no-replica-of-managed-password-source",
  cloud: "aws",
  rule: "RDS creates no read replica, in the source's Region or another, of a DB instance or cluster whose master password RDS manages in Secrets Manager (manageMasterUserPassword), for every engine but SQL Server. Such a source needs a password of its own (for instance one the program generates and keeps in a secret it declares).",
  source: AWS_DOCS.rdsSecretsManagerLimits,
  basis: "documented",
  resourceTypes: [T.rdsInstance, T.rdsCluster],
  check(g) {
    const out: LimitViolation[] = [];
    for (const replica of g.ofType(T.rdsInstance).filter(isReplica)) {
      const source = sourceOf(g, replica, "replicateSourceDb");
      if (!source || !isTrue(source.inputs.manageMasterUserPassword)) continue;
      const engine = str(source.inputs.engine);
      if (!engine || isMarker(source.inputs.engine) || !managedPasswordBlocksReplicas(engine)) continue;
      out.push(violation(this, source, "manageMasterUserPassword", `true on ${engine} database ${source.name}, the source of read replica ${replica.name}; RDS refuses a replica of a source whose master password it manages (SQL Server apart)`));
    }
    return out;
  },
};

const replicaIamAuth: PlatformLimit = {
  id: "aws-rds-replica-iam-auth",
  cloud: "aws",
  rule: "A read replica does not take IAM database authentication from its source: RDS leaves it off unless the replica's creation turns it on, and a promoted replica keeps its own setting. A replica of a source that accepts IAM authentication must turn it on too, or the promoted copy refuses the IAM-authenticated clients.",
  source: AWS_DOCS.createReadReplica,
  basis: "documented",
  resourceTypes: [T.rdsInstance, T.rdsCluster],
  check(g) {
    const out: LimitViolation[] = [];
    for (const replica of g.ofType(T.rdsInstance).filter(isReplica)) {
      const source = sourceOf(g, replica, "replicateSourceDb");
      if (!source || !isTrue(source.inputs.iamDatabaseAuthenticationEnabled)) continue;
      const own = replica.inputs.iamDatabaseAuthenticationEnabled;
      if (isTrue(own) || isMarker(own)) continue;
      out.push(violation(this, replica, "iamDatabaseAuthenticationEnabled", `${JSON.stringify(own ?? null)} on read replica ${replica.name}, while its source ${source.name} accepts IAM database authentication; promoted, the replica would refuse IAM-authenticated clients`));
    }
    return out;
  },
};

/**
 * An instance that is a Multi-AZ deployment and names an Availability Zone. CreateDBInstance refuses the pair (its
 * AvailabilityZone and MultiAZ parameters say so); CreateDBInstanceReadReplica takes both parameters and states no
 * such ban, so for a replica the refusal is this package's assumption (two limits below, one per basis).
 */
export function multiAzZoneConflict(multiAz: unknown, availabilityZone: unknown): boolean {
  return isTrue(multiAz) && typeof availabilityZone === "string" && availabilityZone !== "";
}

function multiAzZoneViolations(limit: PlatformLimit, g: ResourceGraph, replicas: boolean): LimitViolation[] {
  const out: LimitViolation[] = [];
  for (const db of g.ofType(T.rdsInstance)) {
    if (isReplica(db) !== replicas) continue;
    if (isMarker(db.inputs.multiAz) || isMarker(db.inputs.availabilityZone)) continue;
    if (!multiAzZoneConflict(db.inputs.multiAz, db.inputs.availabilityZone)) continue;
    out.push(violation(limit, db, "availabilityZone", `${str(db.inputs.availabilityZone)} on ${replicas ? "read replica" : "DB instance"} ${db.name}, a Multi-AZ deployment; ${replicas ? "RDS is assumed to refuse" : "RDS refuses"} a zone for it`));
  }
  return out;
}

const multiAzNoZone: PlatformLimit = {
  id: "aws-rds-multi-az-no-availability-zone",
  cloud: "aws",
  rule: "A DB instance created as a Multi-AZ deployment (CreateDBInstance) cannot be given an Availability Zone: RDS picks the zones of the primary and its standby. Read replicas are the next limit's, an assumption.",
  source: AWS_DOCS.createDbInstance,
  basis: "documented",
  resourceTypes: [T.rdsInstance],
  check(g) {
    return multiAzZoneViolations(this, g, false);
  },
};

const multiAzReplicaNoZone: PlatformLimit = {
  id: "aws-rds-multi-az-replica-no-availability-zone",
  cloud: "aws",
  rule: "Assumed: a read replica created as a Multi-AZ deployment cannot be given an Availability Zone either. CreateDBInstanceReadReplica takes both MultiAZ and AvailabilityZone and says nothing of the pair; the ban is written for CreateDBInstance only. The package assumes the same holds, since RDS places the standby of a Multi-AZ instance itself and ModifyDBInstance, which can make any instance Multi-AZ, takes no zone at all; it never names a zone for a replica.",
  source: AWS_DOCS.createReadReplica,
  basis: "assumption",
  resourceTypes: [T.rdsInstance],
  check(g) {
    return multiAzZoneViolations(this, g, true);
  },
};

const finalSnapshotKey: PlatformLimit = {
  id: "aws-rds-final-snapshot-key-retained",
  cloud: "aws",
  rule: "A database's final snapshot is encrypted with the database's KMS key and can be restored only while that key is usable: a key pending deletion refuses every use, and once it is deleted the snapshot cannot be decrypted. A database that keeps a final snapshot must use a key that deleting the stack does not schedule for deletion (a key of the program that is protected or retained on delete, or one the program does not manage).",
  source: AWS_DOCS.kmsDeletingKeys,
  basis: "documented",
  resourceTypes: [T.rdsInstance, T.rdsCluster, T.kmsKey, T.kmsReplicaKey],
  check(g) {
    const out: LimitViolation[] = [];
    for (const db of g.ofType(...RDS_TYPES)) {
      if (isReplica(db)) continue;
      const skip = db.inputs.skipFinalSnapshot;
      if (isTrue(skip) || isMarker(skip)) continue;
      const key = g.ref(db, "kmsKeyId", KMS_KEY_TYPES, db.inputs.kmsKeyId);
      // A policy pack sees `protect` but not `retainOnDelete`; the package sets both together.
      if (!key || key.protect || key.retainOnDelete) continue;
      out.push(violation(this, db, "kmsKeyId", `names key ${key.name}, which deleting the stack schedules for deletion (neither protected nor retained on delete), while ${db.name} keeps a final snapshot: the snapshot would be unusable from that moment and lost with the key`));
    }
    return out;
  },
};

const rdsStorage: PlatformLimit = {
  id: "aws-rds-storage-and-iops",
  cloud: "aws",
  rule: "RDS accepts provisioned IOPS only within ranges that depend on the storage type, the allocated size and the engine: gp3 takes no IOPS below 400 GiB (200 GiB for Oracle) and 12,000-64,000 above; io1 and io2 need IOPS within per-size ranges and IOPS-per-GiB ratios; a Multi-AZ DB cluster needs io1, io2 or gp3 with 0.5-50 IOPS per GiB.",
  source: AWS_DOCS.rdsStorage,
  basis: "documented",
  resourceTypes: [T.rdsInstance, T.rdsCluster],
  check(g) {
    const out: LimitViolation[] = [];
    for (const db of g.ofType(...RDS_TYPES)) {
      const cluster = db.type === T.rdsCluster;
      if (cluster && !isMultiAzDbCluster(db)) continue;
      if (["engine", "storageType", "allocatedStorage", "iops"].some((k) => isMarker(db.inputs[k]))) continue;
      const source = isReplica(db) ? sourceOf(g, db, "replicateSourceDb") : undefined;
      const engine = str(db.inputs.engine) ?? (source ? str(source.inputs.engine) : undefined);
      const storageType = str(db.inputs.storageType) ?? (source ? str(source.inputs.storageType) : undefined);
      const size = num(db.inputs.allocatedStorage) ?? (source ? num(source.inputs.allocatedStorage) : undefined);
      // gp2 and magnetic storage are outside this table (RDS still takes them; the package declares neither).
      if (!engine || !storageType || size === undefined || (!cluster && !(RDS_STORAGE_TYPES as readonly string[]).includes(storageType))) continue;
      // A replica that names no storage settings takes its source's.
      const iops = num(db.inputs.iops) ?? (source && db.inputs.storageType === undefined ? num(source.inputs.iops) : undefined);
      for (const p of rdsStorageProblems({ engine, deployment: cluster ? "multi-az-cluster" : "instance", storageType, allocatedStorageGb: size, ...(iops !== undefined ? { iops } : {}) })) {
        const declared = p.property === "iops" ? iops : p.property === "storageType" ? storageType : size;
        out.push(violation(this, db, p.property, `${JSON.stringify(declared ?? null)} (${storageType}, ${size} GiB, ${engine}); RDS accepts ${p.expected}`));
      }
    }
    return out;
  },
};

const rdsBackupWindow: PlatformLimit = {
  id: "aws-rds-backup-window",
  cloud: "aws",
  rule: "The RDS automated backup window lasts at least 30 minutes and must not overlap the weekly maintenance window.",
  source: AWS_DOCS.rdsBackupWindow,
  basis: "documented",
  resourceTypes: [T.rdsInstance, T.rdsCluster],
  check(g) {
    const out: LimitViolation[] = [];
    for (const db of g.ofType(...RDS_TYPES)) {
      const w = windowsOf(db);
      if (!w.backup) continue;
      const daily = dailyWindow(w.backup);
      if (!daily) {
        out.push(violation(this, db, w.backupKey, `"${w.backup}" is not a window hh:mm-hh:mm (UTC)`));
        continue;
      }
      if (daily.minutes < RDS_BACKUP_WINDOW_MIN_MINUTES) out.push(violation(this, db, w.backupKey, `"${w.backup}" lasts ${daily.minutes} minutes; at least ${RDS_BACKUP_WINDOW_MIN_MINUTES} are needed`));
      const weekly = w.maintenance ? weeklyWindow(w.maintenance) : undefined;
      if (weekly && daily.ranges.some((r) => overlaps(r, weekly))) {
        out.push(violation(this, db, w.backupKey, `"${w.backup}" overlaps the maintenance window "${w.maintenance}"`));
      }
    }
    return out;
  },
};

const backupWindowOverlap: PlatformLimit = {
  id: "aws-backup-start-window-outside-rds-backup-window",
  cloud: "aws",
  rule: "An AWS Backup snapshot rule whose start window meets the RDS automated backup window of a database it backs up can branch the backup lineage into conflicting backups; AWS asks that the two windows never coincide.",
  source: AWS_DOCS.backupRds,
  basis: "documented",
  resourceTypes: [T.backupPlan, T.backupSelection, T.rdsInstance, T.rdsCluster],
  check(g) {
    const out: LimitViolation[] = [];
    for (const plan of g.ofType(T.backupPlan)) {
      const dbs = planCoverage(g, plan).filter((r) => (RDS_TYPES as readonly string[]).includes(r.type));
      if (dbs.length === 0) continue;
      arr(plan.inputs.rules).forEach((raw, i) => {
        const rule = rec(raw);
        if (!rule || isTrue(rule.enableContinuousBackup)) return;
        const schedule = str(rule.schedule);
        const tz = str(rule.scheduleExpressionTimezone);
        if (!schedule || (tz && !/^(Etc\/)?UTC$/i.test(tz)) || isMarker(rule.startWindow) || isMarker(rule.scheduleExpressionTimezone)) return;
        const startWindow = num(rule.startWindow) ?? BACKUP_DEFAULT_START_WINDOW_MINUTES;
        for (const db of dbs) {
          const w = windowsOf(db).backup;
          if (w && startWindowMeetsBackupWindow(schedule, startWindow, w)) {
            out.push(violation(this, plan, `rules[${i}].schedule`, `rule ${str(rule.ruleName) ?? i} (${schedule}, start window ${startWindow} min) can start inside the RDS backup window ${w} of ${db.name}`));
          }
        }
      });
    }
    return out;
  },
};

const continuousRuleWindowClear: PlatformLimit = {
  id: "aws-backup-continuous-rule-window-clear",
  cloud: "aws",
  rule: "Once an AWS Backup continuous rule backs up an RDS instance, AWS Backup manages the instance's automated backups and its backup window (RDS's own setting no longer holds; CloudFormation reports both as drift), and AWS documents no window it sets. Assumed: the window follows the continuous rule's daily start and start window. A snapshot rule backing up the same database must then stay clear of that window too, or it may start inside the real backup window (the lineage conflict of aws-backup-start-window-outside-rds-backup-window).",
  source: AWS_DOCS.continuous,
  basis: "assumption",
  resourceTypes: [T.backupPlan, T.backupSelection, T.rdsInstance, T.rdsCluster],
  check(g) {
    const out: LimitViolation[] = [];
    const plans = g.ofType(T.backupPlan);
    const rdsOf = (plan: ResourceView) => planCoverage(g, plan).filter((r) => (RDS_TYPES as readonly string[]).includes(r.type));
    for (const plan of plans) {
      const covered = rdsOf(plan);
      if (covered.length === 0) continue;
      for (const raw of arr(plan.inputs.rules).map(rec)) {
        if (!raw || !isTrue(raw.enableContinuousBackup) || isMarker(raw.startWindow) || isMarker(raw.schedule)) continue;
        const tz = str(raw.scheduleExpressionTimezone);
        if (tz && !/^(Etc\/)?UTC$/i.test(tz)) continue;
        const window = continuousRuleWindow(raw.schedule, num(raw.startWindow) ?? BACKUP_DEFAULT_START_WINDOW_MINUTES);
        if (!window) continue;
        // Every snapshot rule of a plan that backs up one of these databases.
        for (const other of plans.filter((p) => rdsOf(p).some((db) => covered.includes(db)))) {
          arr(other.inputs.rules).forEach((r2, i) => {
            const rule = rec(r2);
            if (!rule || isTrue(rule.enableContinuousBackup)) return;
            const schedule = str(rule.schedule);
            const tz2 = str(rule.scheduleExpressionTimezone);
            if (!schedule || (tz2 && !/^(Etc\/)?UTC$/i.test(tz2)) || isMarker(rule.startWindow)) return;
            const startWindow = num(rule.startWindow) ?? BACKUP_DEFAULT_START_WINDOW_MINUTES;
            if (startWindowMeetsBackupWindow(schedule, startWindow, window)) {
              out.push(violation(this, other, `rules[${i}].schedule`, `rule ${str(rule.ruleName) ?? i} (${schedule}, start window ${startWindow} min) can start inside ${window}, where continuous rule ${str(raw.ruleName) ?? "?"} of ${plan.name} starts and AWS Backup is assumed to hold the RDS backup window`));
            }
          });
        }
      }
    }
    return out;
  },
};

const backupStartWindow: PlatformLimit = {
  id: "aws-backup-start-window-minimum",
  cloud: "aws",
  rule: "A backup rule's start window, when set, is at least 60 minutes.",
  source: AWS_DOCS.backupRule,
  basis: "documented",
  resourceTypes: [T.backupPlan],
  check(g) {
    const out: LimitViolation[] = [];
    for (const plan of g.ofType(T.backupPlan)) {
      arr(plan.inputs.rules).forEach((raw, i) => {
        const w = num(rec(raw)?.startWindow);
        if (w !== undefined && w < BACKUP_MIN_START_WINDOW_MINUTES) out.push(violation(this, plan, `rules[${i}].startWindow`, `${w} minutes; AWS Backup takes at least ${BACKUP_MIN_START_WINDOW_MINUTES}`));
      });
    }
    return out;
  },
};

/** Shortest gap between two scheduled AWS Backup snapshots, hours (the figures table's awsBackupShortestInterval). */
export const BACKUP_SHORTEST_INTERVAL_HOURS = 1;

/** A backup rule's schedule runs more often than AWS Backup schedules snapshots: the hours between runs, else undefined. */
export function backupScheduleTooFrequent(schedule: unknown): number | undefined {
  if (typeof schedule !== "string" || isMarker(schedule)) return undefined;
  const hours = intervalHours(schedule);
  return Number.isFinite(hours) && hours < BACKUP_SHORTEST_INTERVAL_HOURS ? hours : undefined;
}

const backupAtMostHourly: PlatformLimit = {
  id: "aws-backup-schedule-at-most-hourly",
  cloud: "aws",
  rule: "AWS Backup takes scheduled snapshot backups at most once an hour: a rule whose schedule expression runs more often gets no more recovery points than an hourly one (the recovery-objective floors rest on that hour).",
  source: AWS_DOCS.backupFrequency,
  basis: "documented",
  resourceTypes: [T.backupPlan],
  check(g) {
    const out: LimitViolation[] = [];
    for (const plan of g.ofType(T.backupPlan)) {
      arr(plan.inputs.rules).forEach((raw, i) => {
        const schedule = rec(raw)?.schedule;
        const hours = backupScheduleTooFrequent(schedule);
        if (hours !== undefined) {
          out.push(violation(this, plan, `rules[${i}].schedule`, `${String(schedule)} runs every ${Math.round(hours * 60)} minutes at times; AWS Backup schedules snapshots at most every ${BACKUP_SHORTEST_INTERVAL_HOURS} h`));
        }
      });
    }
    return out;
  },
};

const vaultLockRetention: PlatformLimit = {
  id: "aws-backup-vault-lock-covers-retention",
  cloud: "aws",
  rule: "A vault lock's minimum and maximum retention apply to every backup and copy job into the vault: a job whose lifecycle keeps recovery points shorter than the minimum or longer than the maximum (or forever) fails.",
  source: AWS_DOCS.vaultLockApi,
  basis: "documented",
  resourceTypes: [T.backupPlan, T.backupVault, T.backupVaultLock, T.backupAirGappedVault],
  check(g) {
    const out: LimitViolation[] = [];
    const judge = (plan: ResourceView, property: string, what: string, vault: ResourceView | undefined, l: Lifecycle) => {
      if (!vault) return;
      const lock = lockOf(g, vault);
      if (!lock || l.unknown) return;
      const problem = lockRetentionProblem(l.deleteAfterDays, lock);
      if (problem) out.push(violation(this, plan, property, `${what} is ${retentionText(l)}, ${problem} on vault ${vault.name}`));
    };
    for (const plan of g.ofType(T.backupPlan)) {
      for (const rule of planRules(g, plan)) {
        judge(plan, `rules[${rule.index}].lifecycle`, `rule ${rule.name}`, rule.vault, rule.lifecycle);
        for (const copy of rule.copies) judge(plan, `rules[${rule.index}].copyActions[${copy.index}].lifecycle`, `the copy of rule ${rule.name}`, copy.vault, copy.lifecycle);
      }
    }
    return out;
  },
};

const vaultLockSettings: PlatformLimit = {
  id: "aws-backup-vault-lock-settings",
  cloud: "aws",
  rule: "A compliance-mode vault lock's grace time (changeableForDays) is 3 to 36,500 days; retention bounds are at most 36,500 days, and the minimum may not exceed the maximum.",
  source: AWS_DOCS.vaultLock,
  basis: "documented",
  resourceTypes: [T.backupVaultLock, T.backupAirGappedVault],
  check(g) {
    const out: LimitViolation[] = [];
    for (const lock of g.ofType(T.backupVaultLock, T.backupAirGappedVault)) {
      const changeable = num(lock.inputs.changeableForDays);
      if (changeable !== undefined && (changeable < VAULT_LOCK_CHANGEABLE_DAYS.min || changeable > VAULT_LOCK_CHANGEABLE_DAYS.max)) {
        out.push(violation(this, lock, "changeableForDays", `${changeable} days; AWS Backup takes ${VAULT_LOCK_CHANGEABLE_DAYS.min}-${VAULT_LOCK_CHANGEABLE_DAYS.max}`));
      }
      const min = num(lock.inputs.minRetentionDays);
      const max = num(lock.inputs.maxRetentionDays);
      if (max !== undefined && max > VAULT_LOCK_MAX_RETENTION_DAYS) out.push(violation(this, lock, "maxRetentionDays", `${max} days; at most ${VAULT_LOCK_MAX_RETENTION_DAYS}`));
      if (min !== undefined && max !== undefined && min > max) out.push(violation(this, lock, "minRetentionDays", `${min} days is above the maximum retention ${max} days`));
    }
    return out;
  },
};

const continuousRetention: PlatformLimit = {
  id: "aws-backup-continuous-retention",
  cloud: "aws",
  rule: "A continuous (point-in-time) backup rule keeps its recovery point 1 to 35 days.",
  source: AWS_DOCS.continuousRetention,
  basis: "documented",
  resourceTypes: [T.backupPlan],
  check(g) {
    const out: LimitViolation[] = [];
    for (const plan of g.ofType(T.backupPlan)) {
      for (const rule of planRules(g, plan)) {
        const days = rule.lifecycle.deleteAfterDays;
        if (rule.continuous && days !== undefined && (days < 1 || days > CONTINUOUS_BACKUP_MAX_DAYS)) {
          out.push(violation(this, plan, `rules[${rule.index}].lifecycle.deleteAfter`, `continuous rule ${rule.name} keeps ${days} days; AWS Backup takes 1-${CONTINUOUS_BACKUP_MAX_DAYS}`));
        }
      }
    }
    return out;
  },
};

const coldStorage: PlatformLimit = {
  id: "aws-backup-cold-storage-transition",
  cloud: "aws",
  rule: "A recovery point moved to cold storage stays there at least 90 days, so deleteAfter must be at least coldStorageAfter + 90; continuous backups never move to cold storage.",
  source: AWS_DOCS.lifecycle,
  basis: "documented",
  resourceTypes: [T.backupPlan],
  check(g) {
    const out: LimitViolation[] = [];
    const judge = (plan: ResourceView, property: string, what: string, l: Lifecycle, continuous: boolean) => {
      const cold = l.coldStorageAfterDays;
      if (cold === undefined) return;
      if (continuous) out.push(violation(this, plan, `${property}.coldStorageAfter`, `${what} is continuous; its recovery points cannot move to cold storage`));
      else if (l.deleteAfterDays !== undefined && l.deleteAfterDays < cold + COLD_STORAGE_MIN_DAYS) {
        out.push(violation(this, plan, `${property}.deleteAfter`, `${what} deletes after ${l.deleteAfterDays} days but moves to cold storage after ${cold}; at least ${cold + COLD_STORAGE_MIN_DAYS} days are needed`));
      }
    };
    for (const plan of g.ofType(T.backupPlan)) {
      for (const rule of planRules(g, plan)) {
        judge(plan, `rules[${rule.index}].lifecycle`, `rule ${rule.name}`, rule.lifecycle, rule.continuous);
        for (const copy of rule.copies) judge(plan, `rules[${rule.index}].copyActions[${copy.index}].lifecycle`, `the copy of rule ${rule.name}`, copy.lifecycle, false);
      }
    }
    return out;
  },
};

const replicaNetwork: PlatformLimit = {
  id: "aws-rds-cross-region-replica-subnet-group",
  cloud: "aws",
  rule: "A cross-Region read replica is placed by the DB subnet group named in its own Region; without one, RDS uses the destination Region's default subnet group (the default VPC), and the creation fails where that VPC does not exist.",
  source: AWS_DOCS.createReadReplica,
  basis: "documented",
  resourceTypes: [T.rdsInstance, T.rdsSubnetGroup],
  check(g) {
    const out: LimitViolation[] = [];
    for (const replica of g.ofType(T.rdsInstance).filter(isReplica)) {
      const from = sourceRegion(g, replica, "replicateSourceDb");
      const here = g.regionOf(replica);
      if (!from || from === here) continue;
      const name = replica.inputs.dbSubnetGroupName;
      if (name === undefined || name === null || name === "") {
        out.push(violation(this, replica, "dbSubnetGroupName", `a replica in ${here} of a database in ${from} names no DB subnet group, so it would land in the default VPC of ${here}`));
        continue;
      }
      const group = g.ref(replica, "dbSubnetGroupName", [T.rdsSubnetGroup], name);
      if (group && g.regionOf(group) !== here) {
        out.push(violation(this, replica, "dbSubnetGroupName", `names subnet group ${group.name} of ${g.regionOf(group)}; a replica in ${here} needs one of its own Region`));
      }
    }
    return out;
  },
};

const crossRegionKey: PlatformLimit = {
  id: "aws-rds-cross-region-key",
  cloud: "aws",
  rule: "An encrypted database's cross-Region read replica, or its automated backups replicated to another Region, must name a KMS key of the destination Region (KMS keys are regional).",
  source: AWS_DOCS.crossRegionReplica,
  basis: "documented",
  resourceTypes: [T.rdsInstance, T.rdsBackupsReplication, T.kmsKey, T.kmsReplicaKey],
  check(g) {
    const out: LimitViolation[] = [];
    const judge = (r: ResourceView, sourceProperty: string) => {
      const source = sourceOf(g, r, sourceProperty);
      const from = sourceRegion(g, r, sourceProperty);
      const here = g.regionOf(r);
      if (!from || from === here) return;
      if (source && !isTrue(source.inputs.storageEncrypted) && !isMarker(source.inputs.storageEncrypted)) return;
      if (isMarker(r.inputs.kmsKeyId)) return;
      const keyId = r.inputs.kmsKeyId;
      if (keyId === undefined || keyId === null || keyId === "") {
        out.push(violation(this, r, "kmsKeyId", `copies an encrypted database of ${from} into ${here} without a key of ${here}`));
        return;
      }
      const key = g.ref(r, "kmsKeyId", KMS_KEY_TYPES, keyId);
      const keyRegion = key ? g.regionOf(key) : arnRegion(keyId);
      if (keyRegion && keyRegion !== here) out.push(violation(this, r, "kmsKeyId", `names a key of ${keyRegion}; the copy in ${here} needs a key of ${here}`));
    };
    for (const replica of g.ofType(T.rdsInstance).filter(isReplica)) judge(replica, "replicateSourceDb");
    for (const rep of g.ofType(T.rdsBackupsReplication)) judge(rep, "sourceDbInstanceArn");
    return out;
  },
};

const replicationNeedsBackups: PlatformLimit = {
  id: "aws-rds-replication-needs-backups",
  cloud: "aws",
  rule: "A database replicates to a read replica, or replicates its automated backups, only while its automated backups are on (backup retention above 0 days).",
  source: AWS_DOCS.readReplicaCreate,
  basis: "documented",
  resourceTypes: [T.rdsInstance, T.rdsBackupsReplication],
  check(g) {
    const out: LimitViolation[] = [];
    const judge = (r: ResourceView, property: string) => {
      const source = sourceOf(g, r, property);
      if (source && num(source.inputs.backupRetentionPeriod) === 0) {
        out.push(violation(this, source, "backupRetentionPeriod", `0 days, but ${r.name} replicates from it; automated backups must be on`));
      }
    };
    for (const replica of g.ofType(T.rdsInstance).filter(isReplica)) judge(replica, "replicateSourceDb");
    for (const rep of g.ofType(T.rdsBackupsReplication)) judge(rep, "sourceDbInstanceArn");
    return out;
  },
};

const backupReplicationUnderAwsBackup: PlatformLimit = {
  id: "aws-rds-backup-replication-not-with-continuous-backup",
  cloud: "aws",
  rule: "Not declared together: replication of an instance's automated backups to another Region, and AWS Backup continuous backup of the same instance. Continuous backup takes over the instance's automated backups (RDS then refuses to manage them itself), and AWS documents neither support nor refusal of replicating them; this package does not rely on an undocumented combination.",
  source: AWS_DOCS.continuous,
  basis: "assumption",
  resourceTypes: [T.rdsBackupsReplication, T.backupPlan, T.backupSelection],
  check(g) {
    const out: LimitViolation[] = [];
    const continuousCovered = new Set<string>();
    for (const plan of g.ofType(T.backupPlan)) {
      if (!planRules(g, plan).some((r) => r.continuous)) continue;
      for (const r of planCoverage(g, plan)) continuousCovered.add(r.urn);
    }
    for (const rep of g.ofType(T.rdsBackupsReplication)) {
      const source = sourceOf(g, rep, "sourceDbInstanceArn");
      if (source && continuousCovered.has(source.urn)) {
        out.push(violation(this, rep, "sourceDbInstanceArn", `replicates the automated backups of ${source.name}, which an AWS Backup continuous rule also manages`));
      }
    }
    return out;
  },
};

const replicaLagMetric: PlatformLimit = {
  id: "aws-cloudwatch-replica-lag-dimension",
  cloud: "aws",
  rule: "RDS publishes ReplicaLag per DB instance (dimension DBInstanceIdentifier) for read replicas and for the member instances of a Multi-AZ DB cluster; there is no ReplicaLag under DBClusterIdentifier for RDS, and a primary or a Multi-AZ standby publishes none. An alarm on a metric RDS never publishes has no data.",
  source: AWS_DOCS.rdsMetrics,
  basis: "documented",
  resourceTypes: [T.metricAlarm, T.rdsInstance, T.rdsCluster],
  check(g) {
    const out: LimitViolation[] = [];
    for (const alarm of g.ofType(T.metricAlarm)) {
      if (str(alarm.inputs.namespace) !== "AWS/RDS" || str(alarm.inputs.metricName) !== "ReplicaLag" || isMarker(alarm.inputs.dimensions)) continue;
      const dims = rec(alarm.inputs.dimensions) ?? {};
      const keys = Object.keys(dims);
      if (keys.length !== 1 || keys[0] !== "DBInstanceIdentifier") {
        out.push(violation(this, alarm, "dimensions", `ReplicaLag by ${keys.length ? keys.join(", ") : "no dimension"}; RDS publishes it by DBInstanceIdentifier only`));
        continue;
      }
      const target = g.ref(alarm, "dimensions", [T.rdsInstance], dims.DBInstanceIdentifier);
      if (target && !isReplica(target)) {
        out.push(violation(this, alarm, "dimensions.DBInstanceIdentifier", `names ${target.name}, which is not a read replica, so it publishes no ReplicaLag`));
      }
    }
    return out;
  },
};

const efsReplicationOverwrite: PlatformLimit = {
  id: "aws-efs-replication-overwrite",
  cloud: "aws",
  rule: "An EFS file system whose replication overwrite protection is DISABLED is read-only (only EFS replication may change it); ENABLED, the default, keeps it writable and refuses it as a replication destination. A replication source, or a file system CENM mounts through access points to write, must not be declared DISABLED; a file system named as an existing replication destination must be.",
  source: AWS_DOCS.efsProtection,
  basis: "documented",
  resourceTypes: [T.efsFileSystem, T.efsReplication, T.efsAccessPoint],
  check(g) {
    const out: LimitViolation[] = [];
    const sources = new Set<string>();
    const destinations = new Set<string>();
    for (const rep of g.ofType(T.efsReplication)) {
      for (const fs of g.refs(rep, "sourceFileSystemId", [T.efsFileSystem], rep.inputs.sourceFileSystemId)) sources.add(fs.urn);
      const named = rec(rep.inputs.destination)?.fileSystemId;
      // An unknown id (a preview) still resolves through the declared dependency.
      const destination = named === undefined || named === null ? [] : g.refs(rep, "destination", [T.efsFileSystem], named);
      for (const fs of destination) destinations.add(fs.urn);
    }
    for (const fs of g.ofType(T.efsFileSystem)) {
      const protection = fs.inputs.protection;
      const value = rec(protection)?.replicationOverwrite;
      if (isMarker(protection) || isMarker(value)) continue;
      const role: EfsRole = { source: sources.has(fs.urn), destination: destinations.has(fs.urn), written: g.referrers(fs, [T.efsAccessPoint], "fileSystemId").length > 0 };
      const problem = efsReplicationOverwriteProblem(str(value), role);
      if (problem) out.push(violation(this, fs, "protection.replicationOverwrite", problem));
    }
    return out;
  },
};

const snsPublisherConditions: PlatformLimit = {
  id: "aws-sns-service-publisher-conditions",
  cloud: "aws",
  rule: "A topic-policy statement that lets an AWS service publish may test, with a plain operator, only the condition keys that service is documented to send to SNS: none for AWS Backup notifications, the alarm ARN (aws:SourceArn) for CloudWatch alarms, and none for EventBridge rules, whose pages disagree (its confused-deputy page gives rule targets aws:SourceArn and aws:SourceAccount; its resource-policy page says condition blocks cannot be used in topic policies for it). Any other key must be tested with an ...IfExists operator, which lets through a message that lacks the key and still refuses one that carries another value (another account's rule, vault or alarm). A plain test of a key the service does not send never matches, and the alert is dropped.",
  source: AWS_DOCS.eventBridgeResourcePolicies,
  basis: "documented",
  resourceTypes: [T.snsTopicPolicy, T.snsTopic],
  check(g) {
    const out: LimitViolation[] = [];
    for (const r of g.ofType(T.snsTopicPolicy, T.snsTopic)) {
      statements(r.inputs.policy).forEach((s, i) => {
        if (!grants(s, "sns:publish")) return;
        for (const service of servicePrincipals(s)) {
          const allowed = SNS_PUBLISHER_CONDITION_KEYS[service];
          if (!allowed) continue;
          const plain = conditionTests(s).filter((t) => !allowed.includes(t.key) && !passesWithoutKey(t.operator));
          if (plain.length > 0) {
            const tests = plain.map((t) => `${t.operator} ${t.key}`).join(", ");
            out.push(violation(this, r, `policy.Statement[${i}].Condition`, `lets ${service} publish only on ${tests}, a key it is not documented to send to SNS${allowed.length ? ` (documented: ${allowed.join(", ")})` : " (documented: none)"}; test it with an IfExists operator`));
          }
        }
      });
    }
    return out;
  },
};

const eventBridgeKeyConditions: PlatformLimit = {
  id: "aws-kms-eventbridge-key-conditions",
  cloud: "aws",
  rule: "For EventBridge delivering to an encrypted SNS topic, the key policy statement for events.amazonaws.com cannot test aws:SourceAccount, aws:SourceArn or aws:SourceOrgID (unsupported there); with one, EventBridge cannot encrypt and the alert is lost.",
  source: AWS_DOCS.snsKeyManagement,
  basis: "documented",
  resourceTypes: [T.kmsKey],
  check(g) {
    const out: LimitViolation[] = [];
    for (const key of g.ofType(T.kmsKey)) {
      statements(key.inputs.policy).forEach((s, i) => {
        if (str(s.Effect) !== "Allow" || !servicePrincipals(s).includes("events.amazonaws.com")) return;
        const bad = conditionKeys(s).filter((k) => EVENTBRIDGE_UNSUPPORTED_KEY_CONDITIONS.includes(k));
        if (bad.length > 0) out.push(violation(this, key, `policy.Statement[${i}].Condition`, `tests ${bad.join(", ")} for events.amazonaws.com`));
      });
    }
    return out;
  },
};

const cloudHsmFirstHsm: PlatformLimit = {
  id: "aws-cloudhsm-one-hsm-until-initialized",
  cloud: "aws",
  rule: "A CloudHSM cluster is initialized from the CSR of its first HSM and activated before more HSMs join it (each new HSM is cloned from a backup of an existing one): declare one HSM until the operator has initialized and activated the cluster (the package marks this with the tag cenm-backup:initialized=true).",
  source: AWS_DOCS.cloudHsmGettingStarted,
  basis: "documented",
  resourceTypes: [T.hsmCluster, T.hsm],
  check(g) {
    const out: LimitViolation[] = [];
    for (const cluster of g.ofType(T.hsmCluster)) {
      const hsms = g.referrers(cluster, [T.hsm], "clusterId");
      const tag = rec(cluster.inputs.tags)?.[HSM_INITIALIZED_TAG];
      const initialized = str(tag) === "true" || isMarker(tag) || isMarker(cluster.inputs.tags);
      if (hsms.length > 1 && !initialized) {
        for (const hsm of hsms.slice(1)) out.push(violation(this, hsm, "clusterId", `a second HSM of ${cluster.name}, which is not marked initialized`));
      }
    }
    return out;
  },
};

const accessLogTarget: PlatformLimit = {
  id: "aws-s3-access-log-target",
  cloud: "aws",
  rule: "S3 server access logs go only to a bucket in the logged bucket's Region (PutBucketLogging), and S3 takes as their destination no bucket with Object Lock enabled (it must have no default retention) and none whose default encryption is SSE-KMS: with such a target the access is not logged.",
  source: AWS_DOCS.s3AccessLogging,
  basis: "documented",
  resourceTypes: [...BUCKET_LOGGING_TYPES, ...BUCKET_TYPES, ...BUCKET_SSE_TYPES],
  check(g) {
    const out: LimitViolation[] = [];
    for (const logging of g.ofType(...BUCKET_LOGGING_TYPES)) {
      const target = g.ref(logging, "targetBucket", BUCKET_TYPES, logging.inputs.targetBucket);
      if (!target) continue;
      const source = g.ref(logging, "bucket", BUCKET_TYPES, logging.inputs.bucket);
      if (source && g.regionOf(source) !== g.regionOf(target)) {
        out.push(violation(this, logging, "targetBucket", `${target.name} is in ${g.regionOf(target)}, the logged bucket ${source.name} in ${g.regionOf(source)}`));
      }
      if (isTrue(target.inputs.objectLockEnabled)) out.push(violation(this, logging, "targetBucket", `${target.name} has Object Lock enabled`));
      const kms = g.referrers(target, BUCKET_SSE_TYPES, "bucket").some((sse) =>
        arr(sse.inputs.rules).some((rule) => str(rec(rec(rule)?.applyServerSideEncryptionByDefault)?.sseAlgorithm)?.startsWith("aws:kms")),
      );
      if (kms) out.push(violation(this, logging, "targetBucket", `${target.name} encrypts by default with SSE-KMS`));
    }
    return out;
  },
};

const cloudTrailKeyRegion: PlatformLimit = {
  id: "aws-cloudtrail-key-region",
  cloud: "aws",
  rule: "The KMS key that encrypts a trail's log files must be in the Region of the bucket that receives them.",
  source: AWS_DOCS.cloudTrailKms,
  basis: "documented",
  resourceTypes: [T.cloudTrail, T.kmsKey, ...BUCKET_TYPES],
  check(g) {
    const out: LimitViolation[] = [];
    for (const trail of g.ofType(T.cloudTrail)) {
      if (!str(trail.inputs.kmsKeyId)) continue;
      const key = g.ref(trail, "kmsKeyId", KMS_KEY_TYPES, trail.inputs.kmsKeyId);
      const bucket = g.ref(trail, "s3BucketName", BUCKET_TYPES, trail.inputs.s3BucketName);
      const keyRegion = key ? g.regionOf(key) : arnRegion(trail.inputs.kmsKeyId);
      if (keyRegion && bucket && keyRegion !== g.regionOf(bucket)) {
        out.push(violation(this, trail, "kmsKeyId", `a key of ${keyRegion} for log bucket ${bucket.name} in ${g.regionOf(bucket)}`));
      }
    }
    return out;
  },
};

const kmsKeyPolicyLockout: PlatformLimit = {
  id: "aws-kms-key-policy-lockout",
  cloud: "aws",
  rule: "A KMS key policy must let the principal that sends it (CreateKey, ReplicateKey, PutKeyPolicy) call PutKeyPolicy afterwards, unless the request sets BypassPolicyLockoutSafetyCheck; so a policy that denies kms:PutKeyPolicy to everyone but named principals needs the bypass (or a deployer among them), and one that denies it to everyone without exception leaves nobody able to change the policy again.",
  source: KMS_CREATE_KEY_PAGE,
  basis: "documented",
  resourceTypes: KMS_KEY_TYPES,
  check(g) {
    const out: LimitViolation[] = [];
    for (const key of g.ofType(...KMS_KEY_TYPES)) {
      if (isMarker(key.inputs.policy)) continue;
      const problem = keyPolicyLockoutProblem(policyStatements(key.inputs.policy), isTrue(key.inputs.bypassPolicyLockoutSafetyCheck));
      if (problem) out.push(violation(this, key, "policy", problem));
    }
    return out;
  },
};

/**
 * The account a KMS key belongs to, as far as its declaration tells: its ARN where the source has it (a state), else
 * the one account whose root its policy allows (how a key policy hands the key to its own account's IAM), else
 * undefined (not judged).
 */
function keyAccountOf(key: ResourceView, statements: readonly Record<string, unknown>[]): string | undefined {
  const fromArn = keyArnAccount(key.outputs.arn);
  if (fromArn) return fromArn;
  const roots = new Set(
    statements
      .filter((s) => str(s.Effect) === "Allow")
      .flatMap((s) => strings(rec(s.Principal)?.AWS))
      .filter((p) => /:root$/.test(p))
      .map(principalAccount)
      .filter((a): a is string => a !== undefined),
  );
  return roots.size === 1 ? [...roots][0] : undefined;
}

const kmsKeyPolicyExemptionAccount: PlatformLimit = {
  id: "aws-kms-key-policy-exemption-same-account",
  cloud: "aws",
  rule: "KMS never lets a principal of another account manage a key (PutKeyPolicy, ScheduleKeyDeletion, DisableKey), whatever the key policy says: cross-account use covers cryptographic operations and a few grant and describe operations only. A key policy that denies such an operation to everyone but a principal of another account leaves it to nobody, and a denied PutKeyPolicy can then never be lifted: the exempted principal must belong to the key's account.",
  source: KMS_EXTERNAL_ACCOUNTS_PAGE,
  basis: "documented",
  resourceTypes: KMS_KEY_TYPES,
  check(g) {
    const out: LimitViolation[] = [];
    for (const key of g.ofType(...KMS_KEY_TYPES)) {
      if (isMarker(key.inputs.policy)) continue;
      const statements = policyStatements(key.inputs.policy);
      const account = keyAccountOf(key, statements);
      if (!account) continue;
      for (const e of crossAccountExemptions(statements, account)) {
        out.push(violation(this, key, "policy", `denies ${e.action} to all but ${e.principal}, a principal of account ${e.account}, while the key belongs to account ${account}: KMS refuses that operation across accounts, so nobody could ever perform it`));
      }
    }
    return out;
  },
};

/** The object-ARN prefixes an S3 data-event selector names (`arn:aws:s3:::bucket/...`), as bucket identifiers. */
function selectedBuckets(values: unknown): string[] {
  return strings(values).map((v) => v.replace(/\/.*$/, ""));
}

const cloudTrailSingleRegionScope: PlatformLimit = {
  id: "aws-cloudtrail-single-region-scope",
  cloud: "aws",
  rule: "A single-Region trail (isMultiRegionTrail false, CreateTrail's default) records the events of its home Region only; S3 object reads and writes are events of the bucket's Region, so its data-event selectors record nothing of a bucket in another Region.",
  source: AWS_DOCS.cloudTrailTrails,
  basis: "assumption",
  resourceTypes: [T.cloudTrail, ...BUCKET_TYPES],
  check(g) {
    const out: LimitViolation[] = [];
    for (const trail of g.ofType(T.cloudTrail)) {
      if (isTrue(trail.inputs.isMultiRegionTrail) || isMarker(trail.inputs.isMultiRegionTrail)) continue;
      const home = g.regionOf(trail);
      for (const property of ["advancedEventSelectors", "eventSelectors"]) {
        const values = arr(trail.inputs[property]).flatMap((sel) => [
          ...arr(rec(sel)?.fieldSelectors).flatMap((f) => (str(rec(f)?.field) === "resources.ARN" ? [...selectedBuckets(rec(f)?.startsWiths), ...selectedBuckets(rec(f)?.equals)] : [])),
          ...arr(rec(sel)?.dataResources).flatMap((d) => selectedBuckets(rec(d)?.values)),
        ]);
        for (const b of g.refs(trail, property, BUCKET_TYPES, values)) {
          if (g.regionOf(b) !== home) out.push(violation(this, trail, property, `the single-region trail of ${home} selects bucket ${b.name} of ${g.regionOf(b)}, whose object events it never sees`));
        }
      }
    }
    return out;
  },
};

/** CloudTrail keeps at most this many trails in a Region, and does not raise the quota. */
export const CLOUDTRAIL_TRAILS_PER_REGION = 5;

/**
 * The trails a plan places in each Region: a single-Region trail in its home Region, a multi-Region trail in every
 * Region (the Regions the plan names stand for all of them). Trails whose scope a preview leaves unknown count as
 * multi-Region (the upper bound).
 */
export function trailsPerRegion(g: ResourceGraph): Map<string, ResourceView[]> {
  const trails = g.ofType(T.cloudTrail);
  const everywhere = trails.filter((t) => isTrue(t.inputs.isMultiRegionTrail) || isMarker(t.inputs.isMultiRegionTrail));
  const regions = new Set(g.resources.filter((r) => r.type.startsWith("aws:")).map((r) => g.regionOf(r)).filter((r) => r !== "unknown"));
  const out = new Map<string, ResourceView[]>();
  for (const region of [...regions].sort()) {
    const here = [...everywhere, ...trails.filter((t) => !everywhere.includes(t) && g.regionOf(t) === region)];
    if (here.length > 0) out.set(region, here);
  }
  return out;
}

const cloudTrailTrailsPerRegion: PlatformLimit = {
  id: "aws-cloudtrail-trails-per-region",
  cloud: "aws",
  rule: "CloudTrail keeps at most 5 trails per account and Region, a quota it does not raise; a multi-Region trail is a trail of every Region, a single-Region trail of its own. A plan placing more than 5 in a Region fails to create the sixth, and the account's other trails (an organization or account-wide trail, another stack's) take places too, which a plan cannot see: it is judged on its own trails only. Basis: the quota is documented; that a multi-Region trail takes a place in every Region is read from how CloudTrail creates such a trail in each enabled Region, which the current quotas page no longer spells out.",
  source: AWS_DOCS.cloudTrailQuotas,
  basis: "assumption",
  resourceTypes: [T.cloudTrail],
  check(g) {
    const out: LimitViolation[] = [];
    for (const [region, trails] of trailsPerRegion(g)) {
      if (trails.length <= CLOUDTRAIL_TRAILS_PER_REGION) continue;
      const last = trails[trails.length - 1];
      out.push(violation(this, last, "isMultiRegionTrail", `${trails.length} trails in ${region} (${trails.map((t) => t.name).join(", ")}); CloudTrail keeps at most ${CLOUDTRAIL_TRAILS_PER_REGION} per account and Region, before counting the account's other trails`));
    }
    return out;
  },
};

const backupJobEventField: PlatformLimit = {
  id: "aws-backup-job-event-field",
  cloud: "aws",
  rule: "AWS Backup's EventBridge events carry a job's state in the field the API names it by: backup and copy jobs in detail.state, restore jobs in detail.status. A rule that names a job event type but tests only a field that type does not carry matches none of its events, so the alert it stands for is never sent.",
  source: AWS_DOCS.backupEventBridge,
  basis: "documented",
  resourceTypes: [T.eventRule],
  check(g) {
    const out: LimitViolation[] = [];
    for (const rule of g.ofType(T.eventRule)) {
      for (const m of unmatchableJobEvents(rule.inputs.eventPattern)) {
        out.push(violation(this, rule, "eventPattern", `names "${m.detailType}" but tests detail.${m.tested.join("/detail.")}; those events carry detail.${m.field}, so the rule matches none of them`));
      }
    }
    return out;
  },
};

/** Whether an EventBridge pattern lets through the failures of a job detail type (FAILED in the field it carries). */
export function patternAlertsFailures(pattern: unknown, detailType: string): boolean {
  return matchedJobEvents(pattern).some((m) => m.detailType === detailType && (m.values.length === 0 || m.values.includes("FAILED")));
}

const nameCarriesStackLimit: PlatformLimit = {
  id: "aws-name-carries-stack",
  cloud: "aws",
  rule: "AWS keeps the name of a restore testing plan, backup vault or plan, EventBridge rule, CloudTrail trail, RDS identifier or final snapshot, SNS topic or KMS alias unique per account and Region, an IAM role's per account and an S3 bucket's per partition: a second stack fixing the same name in the same account fails to create it (or, for EventBridge rules and SNS topics, takes the first stack's over). Every name a plan fixes in such a scope carries the stack's name (or the package's shortened form of it), or a part drawn with each creation (a random id, or Pulumi's own auto-name).",
  source: AWS_DOCS.restoreTestingPlan,
  basis: "documented",
  resourceTypes: AWS_NAMED_INPUTS.filter((n) => n.scope !== "parent").map((n) => n.type),
  check(g) {
    const out: LimitViolation[] = [];
    for (const row of AWS_NAMED_INPUTS) {
      if (row.scope === "parent") continue;
      for (const r of g.ofType(row.type)) {
        const name = str(r.inputs[row.property]);
        const stack = stackOfUrn(r.urn);
        if (!name || !stack) continue;
        if (nameCarriesStack(name, stack) || isAutoName(name, r.name)) continue;
        if ((r.propertyDependencies[row.property] ?? []).some((urn) => g.get(urn)?.type.startsWith("random:"))) continue;
        out.push(violation(this, r, row.property, `"${name}" is unique per ${row.scope === "account" ? "account" : row.scope === "partition" ? "partition (every AWS account)" : "account and Region"} but does not carry the stack ${stack}: another stack of the same account would collide with it`));
      }
    }
    return out;
  },
};

const nameSyntax: PlatformLimit = {
  id: "aws-resource-name-syntax",
  cloud: "aws",
  rule: "AWS Backup names take letters, digits and underscores only for restore testing plans and selections (1 to 50), letters, digits, hyphens and underscores for vaults (2 to 50), and also periods for plans and selections (1 to 50); EventBridge rule names take 1 to 64 of letters, digits, periods, hyphens and underscores, IAM role names 1 to 64 of letters, digits and _+=,.@-. Another name is refused on creation.",
  source: AWS_DOCS.restoreTestingPlan,
  basis: "documented",
  resourceTypes: AWS_NAMED_INPUTS.filter((n) => n.syntax).map((n) => n.type),
  check(g) {
    const out: LimitViolation[] = [];
    for (const row of AWS_NAMED_INPUTS) {
      for (const r of g.ofType(row.type)) {
        const name = str(r.inputs[row.property]);
        if (!name) continue;
        const problem = nameSyntaxProblem(row, name);
        if (problem) out.push(violation(this, r, row.property, `"${name}" (${name.length} characters); AWS takes ${problem}`));
      }
    }
    return out;
  },
};

/** Operations of a preview step that replace a resource. */
const REPLACEMENTS = new Set(["replace", "create-replacement"]);

const complianceLockReplacement: PlatformLimit = {
  id: "aws-backup-compliance-lock-replaced",
  cloud: "aws",
  rule: "The provider replaces a vault lock configuration on any change of its minimum or maximum retention or its grace time (changeableForDays), and AWS refuses to remove or change a compliance-mode lock once its grace time has passed: such a replacement fails and the deployment stops. Judged where the source tells a replacement (a preview); a lock that the preview shows moving from compliance to governance mode is the same replacement, which the preview alone cannot tell.",
  source: AWS_DOCS.vaultLockProvider,
  basis: "documented",
  resourceTypes: [T.backupVaultLock],
  check(g) {
    const out: LimitViolation[] = [];
    for (const lock of g.ofType(T.backupVaultLock)) {
      if (!lock.operation || !REPLACEMENTS.has(lock.operation)) continue;
      if (lock.inputs.changeableForDays === undefined || lock.inputs.changeableForDays === null) continue;
      out.push(violation(this, lock, "changeableForDays", `a compliance-mode lock is replaced (${lock.operation}); once its grace time has passed AWS refuses to remove it, so the deployment would fail: keep its bounds and grace time, or follow the procedure in the README (Vault lock bounds)`));
    }
    return out;
  },
};

/** Every AWS limit, in a stable order. */
export const AWS_LIMITS: readonly PlatformLimit[] = [
  multiAzClusterCopy,
  multiAzClusterBackupReplication,
  backupReplicationUnderAwsBackup,
  finalSnapshotPerCreation,
  finalSnapshotKey,
  replicaFinalSnapshot,
  replicaOfManagedPassword,
  replicaIamAuth,
  multiAzNoZone,
  multiAzReplicaNoZone,
  rdsStorage,
  rdsBackupWindow,
  backupWindowOverlap,
  continuousRuleWindowClear,
  backupStartWindow,
  backupAtMostHourly,
  vaultLockRetention,
  vaultLockSettings,
  continuousRetention,
  coldStorage,
  replicaNetwork,
  crossRegionKey,
  replicationNeedsBackups,
  replicaLagMetric,
  efsReplicationOverwrite,
  snsPublisherConditions,
  eventBridgeKeyConditions,
  cloudHsmFirstHsm,
  accessLogTarget,
  cloudTrailKeyRegion,
  kmsKeyPolicyLockout,
  kmsKeyPolicyExemptionAccount,
  cloudTrailSingleRegionScope,
  cloudTrailTrailsPerRegion,
  backupJobEventField,
  nameCarriesStackLimit,
  nameSyntax,
  complianceLockReplacement,
];

