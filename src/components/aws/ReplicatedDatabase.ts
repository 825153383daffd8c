/**
 * The CENM database on AWS RDS: a synchronously replicated primary in one region, optionally an asynchronous
 * read replica and a point-in-time backup copy in the DR region, with TLS forced, customer-managed encryption
 * and deletion protection.
 */
import * as pulumi from "@pulumi/pulumi";
import * as cloudwatch from "@pulumi/aws/cloudwatch";
import * as ec2 from "@pulumi/aws/ec2";
import * as kms from "@pulumi/aws/kms";
import * as rds from "@pulumi/aws/rds";
import * as secretsmanager from "@pulumi/aws/secretsmanager";
import * as vpc from "@pulumi/aws/vpc";
import * as random from "@pulumi/random";
import { describeFigure, FIGURES } from "../../domain/figures";
import { AWS_DOCS, managedPasswordBlocksReplicas, RDS_BACKUP_RETENTION_DAYS, SECRETS_MANAGER_RECOVERY_WINDOW_DAYS } from "../../domain/limits/aws";
import { rdsStorageProblems } from "../../domain/limits/rdsStorage";
import { RDS_BACKUP_WINDOW, RDS_MAINTENANCE_WINDOW } from "../../domain/windows";
import { EDITIONS, RdsEngine, SUPPORTED_VERSIONS, engineVersionProblem, majorVersion, rdsEngine, topologySupported } from "../../domain/engines";
import { MASTER_PASSWORDS, MasterPassword } from "../../domain/vocabulary";
import type { CopyDescriptor, ServiceDatabase } from "../types";
import { accountOf, customerManagedKey, elementTags, statefulOptions, refuseForeignBreakGlass } from "./common";
import type { ReplicatedDatabaseArgs } from "./contracts";

/**
 * The contract's args plus the DR-region network of the cross-region replica.
 *
 * A cross-region replica lives in a DB subnet group of the DR region: without one RDS would put it in the DR
 * region's default VPC (or fail where there is none), so the replica needs a network of its own there.
 */
export interface ReplicatedDatabaseInputs extends ReplicatedDatabaseArgs {
  /**
   * Private subnets of the DR region (at least two zones) for the cross-region replica's DB subnet group. Required
   * when `crossRegionReplica` is on; refused otherwise. Default: none.
   */
  drSubnetIds?: pulumi.Input<string>[];
  /** VPC of `drSubnetIds`, where the replica's security group is declared. Required with `drSubnetIds`. */
  drVpcId?: pulumi.Input<string>;
  /**
   * Sources admitted to the replica's port in the DR region (the CENM hosts that take over after a promotion).
   * Default: none, so the replica admits no client until they are given.
   */
  drClientCidrs?: pulumi.Input<string>[];
}

/** One CENM service's database and user, exported for the DBA bootstrap and the CENM configs. */
export type { ServiceDatabase } from "../types";

/**
 * Administrative login of the database, distinct from every CENM service user so that no CENM service runs with
 * administrative rights. Its password lives in a Secrets Manager secret: RDS's own, or the component's (see
 * `masterPasswordOf`).
 */
export const MASTER_USERNAME = "cenmdba";

/**
 * Length of a generated master password: 30 characters, the most RDS takes for Oracle (PostgreSQL and SQL Server
 * take up to 128). Letters and digits only, at least one upper-case letter, one lower-case letter and one digit:
 * RDS refuses "/", the double quote and "@" (Oracle also "&" and the single quote), and SQL Server wants three of
 * the four character classes (API_CreateDBInstance, MasterUserPassword). About 178 bits of randomness.
 */
export const GENERATED_PASSWORD_LENGTH = 30;

/**
 * Who keeps the master password: as the args say, else the component's secret when there is a cross-region
 * replica (RDS refuses replicas of a source whose password it manages, SQL Server apart, and the component's
 * secret is replicated to the DR region with the database), else RDS.
 */
export function masterPasswordOf(args: Pick<ReplicatedDatabaseArgs, "masterPassword" | "crossRegionReplica">): MasterPassword {
  return args.masterPassword ?? (args.crossRegionReplica ? MasterPassword.Generated : MasterPassword.RdsManaged);
}

/** Daily backup window and weekly maintenance window (UTC), from src/domain/windows. They do not overlap. */
export const BACKUP_WINDOW = RDS_BACKUP_WINDOW;
export const MAINTENANCE_WINDOW = RDS_MAINTENANCE_WINDOW;

/** Performance Insights retention in days (the free tier). */
const PERFORMANCE_INSIGHTS_DAYS = 7;

const RDS_IDENTIFIER = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/**
 * Checks every arg that decides which resources exist, before anything is registered.
 * Throws an Error naming the arg, the value received and what is expected.
 */
export function validateReplicatedDatabaseArgs(name: string, args: ReplicatedDatabaseInputs): void {
  const fail = (arg: string, value: unknown, expected: string): never => {
    throw new Error(`ReplicatedDatabase "${name}": ${arg} is ${JSON.stringify(value)}; expected ${expected}`);
  };
  if (!RDS_IDENTIFIER.test(name) || name.length > 40) {
    fail("name", name, "lower-case letters, digits and single hyphens, starting with a letter, at most 40 characters (it prefixes RDS identifiers and final snapshot names)");
  }
  if (args.region === args.drRegion) fail("drRegion", args.drRegion, `a region other than the primary region ${args.region}`);

  const rule = SUPPORTED_VERSIONS[args.engine];
  if (!rule) fail("engine", args.engine, "one of postgres, sqlserver, oracle");
  const versionProblem = engineVersionProblem("aws", args.engine, args.engineVersion, args.engineVersionWaiver !== undefined);
  if (versionProblem) fail("engineVersion", args.engineVersion, versionProblem);
  // PostgreSQL has no editions: an edition given with it is ignored, as the config schema documents.
  const editions = EDITIONS[args.engine];
  if (args.edition !== undefined && editions.length > 0 && !editions.includes(args.edition)) {
    fail("edition", args.edition, `one of ${editions.join(", ")} for ${args.engine}`);
  }
  const unsupported = topologySupported(args.engine, args.engineVersion, args.topology);
  if (unsupported) fail("topology", args.topology, `a topology ${args.engine} ${args.engineVersion} supports: ${unsupported}`);

  const zones = args.availabilityZones;
  if (new Set(zones).size !== zones.length) fail("availabilityZones", zones, "distinct zones");
  if (args.topology === "multi-az-cluster" && zones.length < 3) {
    fail("availabilityZones", zones, "at least 3 zones for a Multi-AZ DB cluster (a writer and two readable standbys, each in its own zone)");
  }
  if (zones.length < 2) fail("availabilityZones", zones, "at least 2 zones (an RDS subnet group spans two zones or more)");
  if (args.subnetIds.length !== zones.length) {
    fail("subnetIds", `${args.subnetIds.length} subnet(s)`, `one subnet per availability zone (${zones.length})`);
  }
  if (args.clientCidrs.length === 0) fail("clientCidrs", args.clientCidrs, "at least one CENM subnet CIDR");
  for (const cidr of args.clientCidrs) {
    if (cidr === "0.0.0.0/0") fail("clientCidrs", cidr, "the CENM subnets, never the whole Internet");
  }

  {
    const engine = rdsEngine(args.engine, args.engineVersion, args.edition).engine;
    for (const p of rdsStorageProblems({
      engine,
      deployment: args.topology === "multi-az-cluster" ? "multi-az-cluster" : "instance",
      storageType: args.storageType,
      allocatedStorageGb: args.allocatedStorageGb,
      ...(args.iops !== undefined ? { iops: args.iops } : {}),
    })) {
      const arg = p.property === "allocatedStorage" ? "allocatedStorageGb" : p.property;
      fail(arg, (args as unknown as Record<string, unknown>)[arg], `${p.expected} (${AWS_DOCS.rdsStorage})`);
    }
  }
  if (!Number.isInteger(args.pointInTimeDays) || args.pointInTimeDays < RDS_BACKUP_RETENTION_DAYS.min || args.pointInTimeDays > RDS_BACKUP_RETENTION_DAYS.max) {
    fail("pointInTimeDays", args.pointInTimeDays, `a whole number of days from ${RDS_BACKUP_RETENTION_DAYS.min} to ${RDS_BACKUP_RETENTION_DAYS.max}`);
  }
  if (!(args.replicaLagAlarmSeconds > 0)) fail("replicaLagAlarmSeconds", args.replicaLagAlarmSeconds, "a positive number of seconds");

  if (args.crossRegionReplica && args.topology === "multi-az-cluster") {
    fail("crossRegionReplica", true, "false for a Multi-AZ DB cluster: a cross-region read replica replicates from a DB instance");
  }
  if (args.drBackupReplication && args.topology === "multi-az-cluster") {
    fail("drBackupReplication", true, `false for a Multi-AZ DB cluster: automated-backup replication exists for DB instances only (${AWS_DOCS.multiAzClusterLimits})`);
  }
  if (args.drBackupReplication && args.retentionManagedByAwsBackup) {
    fail("drBackupReplication", true, "false while AWS Backup continuous backup manages the automated backups (platform limit aws-rds-backup-replication-not-with-continuous-backup)");
  }
  if (args.masterPassword !== undefined && !(MASTER_PASSWORDS as readonly string[]).includes(args.masterPassword)) {
    fail("masterPassword", args.masterPassword, `one of ${MASTER_PASSWORDS.join(", ")}`);
  }
  if (args.crossRegionReplica && masterPasswordOf(args) === MasterPassword.RdsManaged && managedPasswordBlocksReplicas(args.engine)) {
    fail("masterPassword", args.masterPassword, `"${MasterPassword.Generated}" with crossRegionReplica on ${args.engine}: RDS creates no read replica of a source whose master password it manages, SQL Server apart (platform limit aws-rds-no-replica-of-managed-password-source, ${AWS_DOCS.rdsSecretsManagerLimits})`);
  }
  if (args.crossRegionReplica && args.drAlarmTopicArn === undefined) {
    fail("drAlarmTopicArn", undefined, "an SNS topic in the DR region for the replica-lag alarm of the cross-region replica");
  }
  if (args.drSubnetIds !== undefined) {
    if (!args.crossRegionReplica) fail("drSubnetIds", `${args.drSubnetIds.length} subnet(s)`, "no DR subnets unless crossRegionReplica is on");
    if (args.drSubnetIds.length < 2) fail("drSubnetIds", `${args.drSubnetIds.length} subnet(s)`, "at least 2 subnets in different zones of the DR region");
  } else if (args.crossRegionReplica) {
    fail("drSubnetIds", undefined, `the DR region's private subnets (at least 2 zones): without a DB subnet group RDS puts the replica in the DR region's default VPC (${AWS_DOCS.createReadReplica})`);
  }
  if (args.crossRegionReplica && args.drVpcId === undefined) fail("drVpcId", undefined, "the VPC of drSubnetIds, for the replica's security group");
  if (args.replicaMultiAz && !args.crossRegionReplica) fail("replicaMultiAz", true, "false unless crossRegionReplica is on (it makes the cross-region replica a Multi-AZ DB instance)");
  if (!args.crossRegionReplica && (args.drVpcId !== undefined || args.drClientCidrs !== undefined)) {
    fail(args.drVpcId !== undefined ? "drVpcId" : "drClientCidrs", "set", "nothing unless crossRegionReplica is on");
  }
  for (const cidr of args.drClientCidrs ?? []) {
    if (cidr === "0.0.0.0/0") fail("drClientCidrs", cidr, "the DR CENM subnets, never the whole Internet");
  }

  if (args.databases.length === 0) fail("databases", args.databases, "at least one CENM service database");
  const seen = new Set<string>();
  for (const db of args.databases) {
    if (db.user.toLowerCase() === MASTER_USERNAME) fail(`databases[${db.service}].user`, db.user, `a user other than the administrative login ${MASTER_USERNAME}`);
    if (seen.has(db.user)) fail(`databases[${db.service}].user`, db.user, "a user of its own (each CENM service needs its own user)");
    seen.add(db.user);
  }
}

/** Log types each engine exports to CloudWatch Logs. */
function logExports(engine: ReplicatedDatabaseArgs["engine"], cluster: boolean): string[] {
  switch (engine) {
    case "postgres":
      return cluster ? ["postgresql"] : ["postgresql", "upgrade"];
    case "sqlserver":
      return ["agent", "error"];
    case "oracle":
      return ["alert", "audit", "listener", "trace"];
  }
}

/** License model RDS accepts for the engine and edition (Oracle EE is bring-your-own-license only). */
function licenseModel(info: RdsEngine): string | undefined {
  if (info.engine.startsWith("sqlserver-")) return "license-included";
  if (info.engine === "oracle-ee") return "bring-your-own-license";
  if (info.engine === "oracle-se2") return "license-included";
  return undefined;
}

/**
 * The CENM database on RDS, replicated synchronously inside the primary region and, optionally, asynchronously
 * to the DR region.
 *
 * Topologies:
 * - `multi-az-cluster` (PostgreSQL 13+): a Multi-AZ DB cluster, a writer and two readable standbys in three zones.
 *   A commit returns once one standby has it (semi-synchronous); failover typically takes under 35 s. AWS can make
 *   no copy of it in another region (no snapshot copy, no replicated automated backups): the AWS Backup copies of
 *   SnapshotSchedule leave it out, and a prod stack needs a written waiver to use it.
 * - `multi-az-instance`: a primary with one synchronous standby in another zone; failover typically 60-120 s.
 * - `single-az-instance`: one instance in the first zone, no standby (dev).
 *
 * Instance topologies may add a cross-region read replica (asynchronous) and automated-backup replication to the
 * DR region (point-in-time restore there). Both are encrypted with a customer-managed key of the DR region.
 *
 * Replica-lag alarm: on the cross-region replica's `ReplicaLag` (dimension DBInstanceIdentifier) in the DR region,
 * the one place RDS publishes it for these topologies. A Multi-AZ DB instance's standby is not readable and
 * publishes no lag; a Multi-AZ DB cluster publishes it per member instance under identifiers RDS assigns, so
 * neither gets a lag alarm.
 *
 * TLS: PostgreSQL and SQL Server get `rds.force_ssl` = 1. Oracle gets the SSL option (TLS 1.2 on port 2484) and
 * the security group admits only that port, so the plain listener is unreachable.
 *
 * Master password (`masterPassword`): RDS-managed (RDS generates it, keeps it in a Secrets Manager secret and
 * rotates it) unless the database has a cross-region replica, which RDS refuses for a source whose password it
 * manages (PostgreSQL, Oracle). The component then generates it as a Pulumi secret, keeps it in a Secrets Manager
 * secret of its own under the database's key, replicated to the DR region under the DR key, and hands it to RDS.
 * The replica takes the source's master user and password through replication (RDS refuses to set a password on
 * a PostgreSQL replica), so the DR copy of the secret also opens the promoted replica. Either way
 * `masterUserSecretArn` names the secret, whose value is `{"username", "password"}`; no password is written in
 * config, outputs or logs.
 *
 * Final snapshot: taken on deletion only when protection is on, because it is encrypted with the database's key
 * and only then does that key outlive the database (protected, retained, its deletion denied). With protection off
 * (dev) the key is scheduled for deletion with the stack; a key pending deletion decrypts nothing and a deleted one
 * leaves the snapshot unrecoverable, so the database skips a final snapshot it could never restore (platform limit
 * aws-rds-final-snapshot-key-retained). Its retained automated backups expire within their retention window; they
 * can be restored only after the key's deletion is cancelled.
 *
 * CENM service databases: RDS creates none of them, because that needs a database session. The `databases` output
 * lists each service's database and user; the DBA bootstrap, logged in with the master user (`masterUserSecretArn`),
 * creates them and gives each user its own password (from the team's secret store). The services' passwords never
 * pass through this component.
 */
export class ReplicatedDatabase extends pulumi.ComponentResource {
  /** RDS engine name, e.g. postgres, sqlserver-ee, oracle-ee. */
  public readonly engine: pulumi.Output<string>;
  /** Host name of the writer. */
  public readonly endpoint: pulumi.Output<string>;
  /** Host name of the readable standbys (cluster); the writer's host name for an instance. */
  public readonly readerEndpoint: pulumi.Output<string>;
  /** Port clients connect to (for Oracle, the TLS listener). */
  public readonly port: pulumi.Output<number>;
  /** ARN of the cluster or of the primary instance: the AWS Backup target. */
  public readonly arn: pulumi.Output<string>;
  /** Whether `arn` names a cluster or an instance. */
  public readonly resourceType: pulumi.Output<"cluster" | "instance">;
  /** ARN of the cross-region replica; undefined when there is none. */
  public readonly replicaArn: pulumi.Output<string | undefined>;
  /** Host name of the cross-region replica; undefined when there is none. */
  public readonly replicaEndpoint: pulumi.Output<string | undefined>;
  public readonly region: pulumi.Output<string>;
  /** Zones the primary and its synchronous standbys may occupy. */
  public readonly availabilityZones: pulumi.Output<string[]>;
  /** Administrative login (its password lives in the secret `masterUserSecretArn` names). */
  public readonly masterUsername: pulumi.Output<string>;
  /**
   * ARN of the Secrets Manager secret of the master user (`{"username", "password"}`): RDS's own, or the
   * component's (replicated under the same name to the DR region when there are DR copies).
   */
  public readonly masterUserSecretArn: pulumi.Output<string>;
  /** Customer-managed key of the storage, the master user secret and Performance Insights. */
  public readonly kmsKeyArn: pulumi.Output<string>;
  /** Customer-managed key of the DR-region copies; undefined when there are none. */
  public readonly drKmsKeyArn: pulumi.Output<string | undefined>;
  public readonly subnetGroupName: pulumi.Output<string>;
  public readonly securityGroupId: pulumi.Output<string>;
  /** The CENM service databases and users the DBA bootstrap creates. */
  public readonly databases: pulumi.Output<ServiceDatabase[]>;
  /** Every copy of the database this component declared. */
  public readonly copies: pulumi.Output<CopyDescriptor[]>;

  constructor(name: string, args: ReplicatedDatabaseInputs, opts?: pulumi.ComponentResourceOptions) {
    validateReplicatedDatabaseArgs(name, args);
    refuseForeignBreakGlass("ReplicatedDatabase", args.protection, args.account);
    super("cenm-backup:aws:ReplicatedDatabase", name, {}, opts);
    if (args.engineVersionWaiver !== undefined && !SUPPORTED_VERSIONS[args.engine].pattern.test(args.engineVersion)) {
      pulumi.log.warn(`ReplicatedDatabase "${name}": ${args.engine} ${args.engineVersion} is outside CENM's support matrix; accepted by the written waiver db-engine-version: ${args.engineVersionWaiver}`, this);
    }

    const isCluster = args.topology === "multi-az-cluster";
    const info = rdsEngine(args.engine, args.engineVersion, args.edition);
    const tags = elementTags(args.tags, "database");
    const account = accountOf(this, args.account);
    const wantsDr = args.crossRegionReplica === true || args.drBackupReplication === true;
    const zones = isCluster
      ? args.availabilityZones.slice(0, 3)
      : args.topology === "single-az-instance"
        ? [args.availabilityZones[0]]
        : [...args.availabilityZones];

    const key = customerManagedKey(
      `${name}-key`,
      { description: `CENM database ${name}: storage, master user secret, Performance Insights`, region: args.region, account, protection: args.protection, tags },
      this,
    );

    let drKey: kms.Key | undefined;
    if (wantsDr) {
      drKey = customerManagedKey(
        `${name}-dr-key`,
        { description: `CENM database ${name}: DR-region replica, replicated backups and master user secret`, region: args.drRegion, account, protection: args.protection, tags },
        this,
      );
    }

    // The master user's password: RDS's, or one generated here (a Pulumi secret) and kept in a secret of the
    // component's, replicated to the DR region. The secret's value has RDS's shape, {"username", "password"}.
    const passwordMode = masterPasswordOf(args);
    let generated: { password: pulumi.Output<string>; secret: secretsmanager.Secret } | undefined;
    if (passwordMode === MasterPassword.Generated) {
      const password = new random.RandomPassword(
        `${name}-master-password`,
        { length: GENERATED_PASSWORD_LENGTH, special: false, upper: true, lower: true, numeric: true, minUpper: 1, minLower: 1, minNumeric: 1 },
        { parent: this, additionalSecretOutputs: ["result"] },
      );
      const secret = new secretsmanager.Secret(
        `${name}-master-secret`,
        {
          region: args.region,
          description: `CENM database ${name}: master user ${MASTER_USERNAME} and its password, generated by cenm-backup`,
          kmsKeyId: key.arn,
          recoveryWindowInDays: SECRETS_MANAGER_RECOVERY_WINDOW_DAYS.max,
          replicas: drKey ? [{ region: args.drRegion, kmsKeyId: drKey.arn }] : [],
          tags,
        },
        statefulOptions(this, args.protection),
      );
      generated = { password: pulumi.secret(password.result), secret };
    }

    const subnetGroup = new rds.SubnetGroup(
      `${name}-subnets`,
      { region: args.region, description: `CENM database ${name}: one private subnet per zone`, subnetIds: args.subnetIds, tags },
      { parent: this },
    );

    // No egress rule: the database starts no connections, and replies to admitted clients are allowed statefully.
    const securityGroup = new ec2.SecurityGroup(
      `${name}-sg`,
      { region: args.region, vpcId: args.vpcId, description: `CENM database ${name}: engine port from the CENM subnets only`, revokeRulesOnDelete: true, tags },
      { parent: this },
    );
    args.clientCidrs.forEach((cidr, i) => {
      new vpc.SecurityGroupIngressRule(
        `${name}-ingress-${i}`,
        {
          region: args.region,
          securityGroupId: securityGroup.id,
          description: `CENM clients to ${info.engine} on ${info.port}`,
          ipProtocol: "tcp",
          fromPort: info.port,
          toPort: info.port,
          cidrIpv4: cidr,
          tags,
        },
        { parent: this },
      );
    });

    const forceTls = info.forceTlsParameter
      ? [{ name: info.forceTlsParameter, value: "1", applyMethod: args.engine === "sqlserver" ? "pending-reboot" : "immediate" }]
      : [];

    // Oracle has no TLS parameter: the SSL option opens a TLS listener on its own port, and the security group
    // admits that port only. The instance keeps its plain listener on 1521, which no client can reach.
    const optionGroup =
      args.engine === "oracle"
        ? new rds.OptionGroup(
            `${name}-options`,
            {
              region: args.region,
              engineName: info.engine,
              majorEngineVersion: majorVersion(args.engine, args.engineVersion),
              optionGroupDescription: `CENM database ${name}: TLS 1.2 listener on ${info.port}`,
              options: [
                {
                  optionName: "SSL",
                  port: info.port,
                  vpcSecurityGroupMemberships: [securityGroup.id],
                  optionSettings: [{ name: "SQLNET.SSL_VERSION", value: "1.2" }],
                },
              ],
              tags,
            },
            { parent: this },
          )
        : undefined;

    // When AWS Backup continuous backup covers the database, AWS Backup sets the automated-backup retention and
    // backup window itself; without ignoring those fields every update would fight AWS Backup over them.
    const retentionOptions = (windowField: string): pulumi.CustomResourceOptions =>
      args.retentionManagedByAwsBackup ? { ignoreChanges: ["backupRetentionPeriod", windowField] } : {};

    // A final snapshot only where its key outlives the database: with protection on, the key is protected,
    // retained and its deletion denied; with protection off the stack's deletion schedules the key's, and the
    // snapshot could never be restored (AWS_DOCS.kmsDeletingKeys).
    // Its name must be free when the database is deleted, and RDS keeps final snapshots: a fixed name would make the
    // next deletion of a rebuilt database fail (DBSnapshotAlreadyExists). A random part, drawn again whenever the
    // database is created anew (the keepers are the inputs that replace it), gives every creation its own name.
    const finalSnapshotId = args.protection.enabled
      ? new random.RandomId(
          `${name}-final-snapshot-id`,
          {
            byteLength: 4,
            keepers: {
              engine: info.engine,
              topology: args.topology,
              zone: args.topology === "single-az-instance" ? args.availabilityZones[0] : "",
              zones: isCluster ? zones.join(",") : "",
              masterUsername: MASTER_USERNAME,
            },
          },
          { parent: this },
        )
      : undefined;
    const logs = logExports(args.engine, isCluster);
    const iamAuth = args.engine === "postgres"; // RDS offers IAM database authentication for PostgreSQL only here.

    // What the cluster and the instance share: encryption, deletion protection, the final snapshot (or none), the
    // retained automated backups, the point-in-time window, logs and Performance Insights, all under the
    // customer-managed key. The master password is RDS's (managed, its secret under the same key) or the generated
    // one, under each type's own property name.
    const passwordInputs = (passwordKey: "password" | "masterPassword") =>
      generated ? { [passwordKey]: generated.password } : { manageMasterUserPassword: true, masterUserSecretKmsKeyId: key.arn };
    const protective = (identifier: string) => ({
      storageEncrypted: true,
      kmsKeyId: key.arn,
      iamDatabaseAuthenticationEnabled: iamAuth,
      deletionProtection: args.protection.enabled,
      ...(finalSnapshotId
        ? { skipFinalSnapshot: false, finalSnapshotIdentifier: pulumi.interpolate`${identifier}-final-${finalSnapshotId.hex}` }
        : { skipFinalSnapshot: true }),
      // RDS's default removes the automated backups with the instance; false keeps them for their retention period.
      deleteAutomatedBackups: false,
      copyTagsToSnapshot: true,
      backupRetentionPeriod: args.pointInTimeDays,
      autoMinorVersionUpgrade: true,
      enabledCloudwatchLogsExports: logs,
      performanceInsightsEnabled: true,
      performanceInsightsKmsKeyId: key.arn,
      performanceInsightsRetentionPeriod: PERFORMANCE_INSIGHTS_DAYS,
      tags,
    });

    // An alarm on the ReplicaLag metric. A standby or replica that stops reporting has stopped replicating, so
    // missing data counts as breaching.
    const replicaLagAlarm = (alarmName: string, region: string, lags: string, dimensions: Record<string, pulumi.Input<string>>, topicArn: pulumi.Input<string>) =>
      new cloudwatch.MetricAlarm(
        alarmName,
        {
          region,
          alarmDescription: `CENM database ${name}: ${lags}`,
          namespace: "AWS/RDS",
          metricName: "ReplicaLag",
          dimensions,
          statistic: "Maximum",
          period: 60,
          evaluationPeriods: 5,
          datapointsToAlarm: 3,
          threshold: args.replicaLagAlarmSeconds,
          comparisonOperator: "GreaterThanThreshold",
          treatMissingData: "breaching",
          alarmActions: [topicArn],
          okActions: [topicArn],
          tags,
        },
        { parent: this },
      );

    let arn: pulumi.Output<string>;
    let endpoint: pulumi.Output<string>;
    let readerEndpoint: pulumi.Output<string>;
    let port: pulumi.Output<number>;
    let masterUserSecretArn: pulumi.Output<string>;
    let primaryName: string;
    let primaryInstance: rds.Instance | undefined;
    let primaryResource: rds.Cluster | undefined;

    if (isCluster) {
      const clusterParams = new rds.ClusterParameterGroup(
        `${name}-cluster-params`,
        { region: args.region, family: info.family, description: `CENM database ${name}: TLS forced`, parameters: forceTls, tags },
        { parent: this },
      );
      primaryName = `${name}-cluster`;
      const cluster = new rds.Cluster(
        primaryName,
        {
          region: args.region,
          engine: info.engine,
          engineVersion: args.engineVersion,
          dbClusterInstanceClass: args.instanceClass,
          storageType: args.storageType,
          allocatedStorage: args.allocatedStorageGb,
          iops: args.iops,
          availabilityZones: zones,
          dbSubnetGroupName: subnetGroup.name,
          vpcSecurityGroupIds: [securityGroup.id],
          dbClusterParameterGroupName: clusterParams.name,
          port: info.port,
          masterUsername: MASTER_USERNAME,
          ...passwordInputs("masterPassword"),
          preferredBackupWindow: BACKUP_WINDOW,
          preferredMaintenanceWindow: MAINTENANCE_WINDOW,
          ...protective(primaryName),
        },
        statefulOptions(this, args.protection, retentionOptions("preferredBackupWindow")),
      );
      primaryResource = cluster;
      arn = cluster.arn;
      endpoint = cluster.endpoint;
      readerEndpoint = cluster.readerEndpoint;
      port = pulumi.output(info.port);
      masterUserSecretArn = generated ? generated.secret.arn : cluster.masterUserSecrets.apply((s) => s?.[0]?.secretArn as string);

      // No replica-lag alarm: RDS publishes ReplicaLag per member instance of the cluster, under instance
      // identifiers RDS assigns, and none under the cluster identifier (platform limit aws-cloudwatch-replica-lag-dimension).
    } else {
      const params = new rds.ParameterGroup(
        `${name}-params`,
        { region: args.region, family: info.family, description: `CENM database ${name}: ${forceTls.length ? "TLS forced" : "engine defaults, TLS through the option group"}`, parameters: forceTls, tags },
        { parent: this },
      );
      primaryName = `${name}-primary`;
      primaryInstance = new rds.Instance(
        primaryName,
        {
          region: args.region,
          engine: info.engine,
          engineVersion: args.engineVersion,
          licenseModel: licenseModel(info),
          instanceClass: args.instanceClass,
          storageType: args.storageType,
          allocatedStorage: args.allocatedStorageGb,
          iops: args.iops,
          multiAz: args.topology === "multi-az-instance",
          availabilityZone: args.topology === "single-az-instance" ? args.availabilityZones[0] : undefined,
          dbSubnetGroupName: subnetGroup.name,
          vpcSecurityGroupIds: [securityGroup.id],
          parameterGroupName: params.name,
          optionGroupName: optionGroup?.name,
          port: args.engine === "oracle" ? 1521 : info.port,
          publiclyAccessible: args.publiclyAccessible ?? false,
          username: MASTER_USERNAME,
          ...passwordInputs("password"),
          backupWindow: BACKUP_WINDOW,
          maintenanceWindow: MAINTENANCE_WINDOW,
          ...protective(primaryName),
        },
        statefulOptions(this, args.protection, retentionOptions("backupWindow")),
      );
      arn = primaryInstance.arn;
      endpoint = primaryInstance.address;
      readerEndpoint = primaryInstance.address;
      port = pulumi.output(info.port);
      masterUserSecretArn = generated ? generated.secret.arn : primaryInstance.masterUserSecrets.apply((s) => s?.[0]?.secretArn as string);
    }

    // The generated password's value in its secret, written once RDS has taken it: a failed change of the
    // database leaves the secret on the password the database still has. Not protected: a new password (the
    // password resource replaced) replaces this version.
    if (generated) {
      const primary: pulumi.Resource = primaryInstance ?? primaryResource!;
      new secretsmanager.SecretVersion(
        `${name}-master-secret-value`,
        { region: args.region, secretId: generated.secret.id, secretString: pulumi.secret(pulumi.jsonStringify({ username: MASTER_USERNAME, password: generated.password })) },
        { parent: this, dependsOn: [primary] },
      );
    }

    let replica: rds.Instance | undefined;
    if (args.crossRegionReplica && primaryInstance && drKey) {
      const drSubnetGroup = new rds.SubnetGroup(
        `${name}-dr-subnets`,
        { region: args.drRegion, description: `CENM database ${name}: DR-region subnets of the read replica`, subnetIds: args.drSubnetIds!, tags },
        { parent: this },
      );
      // Like the primary's: the engine port from the given sources only, no egress.
      const drSecurityGroup = new ec2.SecurityGroup(
        `${name}-dr-sg`,
        { region: args.drRegion, vpcId: args.drVpcId!, description: `CENM database ${name} DR replica: engine port from the DR CENM subnets only`, revokeRulesOnDelete: true, tags },
        { parent: this },
      );
      (args.drClientCidrs ?? []).forEach((cidr, i) => {
        new vpc.SecurityGroupIngressRule(
          `${name}-dr-ingress-${i}`,
          { region: args.drRegion, securityGroupId: drSecurityGroup.id, description: `DR CENM clients to ${info.engine} on ${info.port}`, ipProtocol: "tcp", fromPort: info.port, toPort: info.port, cidrIpv4: cidr, tags },
          { parent: this },
        );
      });
      // Parameter groups are regional: the replica gets its own, with the same TLS rule, so that a promoted replica
      // still refuses plain connections. (Oracle's TLS listener is an option group tied to security groups of the
      // primary's VPC; the DR region has none of the package's, so a promoted Oracle replica needs one added.)
      const drParams = new rds.ParameterGroup(
        `${name}-dr-params`,
        { region: args.drRegion, family: info.family, description: `CENM database ${name} DR replica: ${forceTls.length ? "TLS forced" : "engine defaults"}`, parameters: forceTls, tags },
        { parent: this },
      );
      const replicaName = `${name}-dr-replica`;
      replica = new rds.Instance(
        replicaName,
        {
          region: args.drRegion,
          replicateSourceDb: primaryInstance.arn,
          instanceClass: args.instanceClass,
          storageType: args.storageType,
          iops: args.iops,
          dbSubnetGroupName: drSubnetGroup.name,
          vpcSecurityGroupIds: [drSecurityGroup.id],
          // replicaMultiAz: RDS keeps a synchronous standby of the replica in another zone of the DR subnet group,
          // whatever the source's deployment (API_CreateDBInstanceReadReplica, MultiAZ). Promoted, the instance stays
          // Multi-AZ: AWS's Multi-AZ page advises exactly this order (a replica made Multi-AZ, then promoted) to spare a
          // serving database the conversion, which builds the standby from a snapshot with a write-latency cost during
          // and after it (Concepts.MultiAZSingleStandby). No availabilityZone: CreateDBInstance refuses one on a
          // Multi-AZ instance; CreateDBInstanceReadReplica states no such ban, and the package assumes it holds for a
          // replica too (platform limits aws-rds-multi-az-no-availability-zone, aws-rds-multi-az-replica-no-availability-zone).
          multiAz: args.replicaMultiAz === true,
          parameterGroupName: drParams.name,
          port: args.engine === "oracle" ? 1521 : info.port,
          publiclyAccessible: false,
          storageEncrypted: true,
          kmsKeyId: drKey.arn,
          // RDS leaves IAM database authentication off on a replica unless asked, and a promoted replica keeps its
          // own setting (API_CreateDBInstanceReadReplica, EnableIAMDatabaseAuthentication).
          iamDatabaseAuthenticationEnabled: iamAuth,
          deletionProtection: args.protection.enabled,
          // RDS refuses a final snapshot when a read replica is deleted (InvalidParameterCombination), so asking for
          // one would make the replica undeletable. Its data is the primary's, whose final snapshot is taken wherever
          // its key outlives it.
          skipFinalSnapshot: true,
          copyTagsToSnapshot: true,
          autoMinorVersionUpgrade: true,
          maintenanceWindow: MAINTENANCE_WINDOW,
          enabledCloudwatchLogsExports: logs,
          performanceInsightsEnabled: true,
          performanceInsightsKmsKeyId: drKey.arn,
          performanceInsightsRetentionPeriod: PERFORMANCE_INSIGHTS_DAYS,
          tags,
        },
        statefulOptions(this, args.protection),
      );
      replicaLagAlarm(`${name}-dr-replica-lag`, args.drRegion, `the DR-region replica lags more than ${args.replicaLagAlarmSeconds} s behind the primary`, { DBInstanceIdentifier: replica.identifier }, args.drAlarmTopicArn!);
    }

    if (args.drBackupReplication && primaryInstance && drKey) {
      new rds.InstanceAutomatedBackupsReplication(
        `${name}-dr-backups`,
        { region: args.drRegion, sourceDbInstanceArn: primaryInstance.arn, kmsKeyId: drKey.arn, retentionPeriod: args.pointInTimeDays },
        statefulOptions(this, args.protection),
      );
    }

    const copies: CopyDescriptor[] = this.describeCopies(name, args, primaryName, zones);

    this.engine = pulumi.output(info.engine);
    this.endpoint = endpoint;
    this.readerEndpoint = readerEndpoint;
    this.port = port;
    this.arn = arn;
    this.resourceType = pulumi.output<"cluster" | "instance">(isCluster ? "cluster" : "instance");
    this.replicaArn = replica ? replica.arn : pulumi.output<string | undefined>(undefined);
    this.replicaEndpoint = replica ? replica.address : pulumi.output<string | undefined>(undefined);
    this.region = pulumi.output(args.region);
    this.availabilityZones = pulumi.output(zones);
    this.masterUsername = pulumi.output(MASTER_USERNAME);
    this.masterUserSecretArn = masterUserSecretArn;
    this.kmsKeyArn = key.arn;
    this.drKmsKeyArn = drKey ? drKey.arn : pulumi.output<string | undefined>(undefined);
    this.subnetGroupName = subnetGroup.name;
    this.securityGroupId = securityGroup.id;
    this.databases = pulumi.output(args.databases.map((d) => ({ service: d.service, name: d.name, user: d.user })));
    this.copies = pulumi.output(copies);

    this.registerOutputs({
      engine: this.engine,
      endpoint: this.endpoint,
      readerEndpoint: this.readerEndpoint,
      port: this.port,
      arn: this.arn,
      resourceType: this.resourceType,
      replicaArn: this.replicaArn,
      replicaEndpoint: this.replicaEndpoint,
      region: this.region,
      availabilityZones: this.availabilityZones,
      masterUsername: this.masterUsername,
      masterUserSecretArn: this.masterUserSecretArn,
      kmsKeyArn: this.kmsKeyArn,
      drKmsKeyArn: this.drKmsKeyArn,
      subnetGroupName: this.subnetGroupName,
      securityGroupId: this.securityGroupId,
      databases: this.databases,
      copies: this.copies,
    });
  }

  /** The copies of the database, each RPO read from the figures table (src/domain/figures). */
  private describeCopies(name: string, args: ReplicatedDatabaseInputs, primaryName: string, zones: string[]): CopyDescriptor[] {
    const copies: CopyDescriptor[] = [];
    const retention = args.retentionManagedByAwsBackup
      ? "the window AWS Backup continuous backup keeps"
      : `${args.pointInTimeDays} day(s)`;
    const sync = FIGURES.synchronousRpo;
    const copy = (c: Omit<CopyDescriptor, "element">): void => {
      copies.push({ element: "database", ...c });
    };
    switch (args.topology) {
      case "multi-az-cluster":
        copy({ role: "primary", resource: primaryName, region: args.region, availabilityZones: zones, mode: "synchronous", rpo: "0: the writer of the Multi-AZ DB cluster", rpoSeconds: 0, mechanism: "RDS Multi-AZ DB cluster writer instance" });
        for (const n of [1, 2]) {
          copy({
            role: `readable-standby-${n}`,
            resource: primaryName,
            region: args.region,
            availabilityZones: zones,
            mode: "semi-synchronous",
            rpo: `${describeFigure(sync)}; failover ${describeFigure(FIGURES.rdsClusterFailover)}`,
            rpoSeconds: sync.seconds,
            mechanism: "RDS Multi-AZ DB cluster readable standby, in a zone of its own",
          });
        }
        break;
      case "multi-az-instance":
        copy({ role: "primary", resource: primaryName, region: args.region, availabilityZones: zones, mode: "synchronous", rpo: "0: the primary DB instance", rpoSeconds: 0, mechanism: "RDS Multi-AZ DB instance primary" });
        copy({
          role: "standby",
          resource: primaryName,
          region: args.region,
          availabilityZones: zones,
          mode: "synchronous",
          rpo: `${describeFigure(sync)}; failover ${describeFigure(FIGURES.rdsInstanceFailover)}`,
          rpoSeconds: sync.seconds,
          mechanism: "RDS Multi-AZ DB instance standby in another zone (not readable)",
        });
        break;
      case "single-az-instance":
        copy({
          role: "primary",
          resource: primaryName,
          region: args.region,
          availabilityZones: zones,
          mode: "synchronous",
          rpo: "0 while its zone lasts; no standby: losing the zone means restoring from backups",
          rpoSeconds: 0,
          mechanism: "RDS single-AZ DB instance",
        });
        break;
    }
    copy({
      role: "automated-backups",
      resource: primaryName,
      region: args.region,
      availabilityZones: [],
      mode: "point-in-time",
      rpo: `${describeFigure(FIGURES.rdsPointInTimeRpo)}; restorable to any second within ${retention}`,
      rpoSeconds: FIGURES.rdsPointInTimeRpo.seconds,
      mechanism: "RDS automated backups: daily snapshot plus transaction logs, encrypted with the customer-managed key",
    });
    if (args.crossRegionReplica) {
      copy({
        role: "cross-region-replica",
        resource: `${name}-dr-replica`,
        region: args.drRegion,
        availabilityZones: [],
        mode: "asynchronous",
        rpo: `${describeFigure(FIGURES.rdsCrossRegionReplicaRpo)}; lag alarmed above ${args.replicaLagAlarmSeconds} s`,
        rpoSeconds: FIGURES.rdsCrossRegionReplicaRpo.seconds,
        mechanism: args.replicaMultiAz
          ? "RDS cross-region read replica, a Multi-AZ DB instance (synchronous standby in another zone of the DR region, kept when promoted), promotable in the DR region"
          : "RDS cross-region read replica, promotable in the DR region",
      });
    }
    if (args.drBackupReplication) {
      copy({
        role: "dr-point-in-time",
        resource: `${name}-dr-backups`,
        region: args.drRegion,
        availabilityZones: [],
        mode: "point-in-time",
        rpo: `${describeFigure(FIGURES.rdsDrAutomatedBackupsRpo)}; window ${args.pointInTimeDays} day(s)`,
        rpoSeconds: FIGURES.rdsDrAutomatedBackupsRpo.seconds,
        mechanism: "RDS automated backups replication to the DR region, encrypted with the DR-region key",
      });
    }
    return copies;
  }
}
