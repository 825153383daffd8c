/**
 * AWS recovery steps: for each kind of copy the audit can count on, the AWS CLI commands that bring it into service,
 * naming the stack's declared resources. Commands and flags are the AWS CLI v2's (rds, backup, efs, s3api,
 * cloudhsmv2); each step says what to look for before the next, and a command whose subcommand or flags came after
 * AWS CLI 2.0.0 (February 2020) names the first release that has them (AWS_CLI_MINIMUMS).
 */
import type { RecoveryChoice } from "../audit/scenarios";
import type { KeyCopyFact, Scenario } from "../audit/types";
import { BUCKET_TYPES, T } from "../domain/resources/awsTokens";
import { arr, isTrue, num, parseJson, rec, str, strings } from "../domain/resources/values";
import type { ResourceView } from "../domain/resources/view";
import { DATABASE_SERVICES } from "../domain/vocabulary";
import { isArchivedStorageClass } from "../domain/keyCopies";
import { FIGURES } from "../domain/figures";
import { formatDuration } from "../domain/durations";
import type { Part, Step } from "./model";
import type { CliMinimum, Command } from "./model";
import { aws, flag, inRegion, param, resource, shell, step, type StepContext } from "./steps";

const ACCESS_POINT = T.efsAccessPoint;
const PARAMETER_GROUP = "aws:rds/parameterGroup:ParameterGroup";
const CLUSTER_PARAMETER_GROUP = "aws:rds/clusterParameterGroup:ClusterParameterGroup";
const ROLE = "aws:iam/role:Role";

type ScenarioId = Scenario["id"];

/** AWS CLI v2's changelog: the release that first carries each API change. */
const AWS_CLI_CHANGELOG = "https://github.com/aws/aws-cli/blob/v2/CHANGELOG.rst";

/**
 * The first AWS CLI v2 release whose bundled API models have what a command uses, for the commands that came after
 * 2.0.0. Each was found as the first v2 release whose models (awscli/botocore, or the botocore 2.0.0dev build a
 * release pinned before 2.3.0) declare the parameter, and matches its changelog entry: EFS replication (January
 * 2022), --deletion-mode (botocore 1.35.65, November 2024: "new parameters in EFS replication APIs"), Multi-AZ DB
 * clusters (November 2021), replicated automated backups named by ARN (botocore 1.19.30, December 2020).
 */
export const AWS_CLI_MINIMUMS = {
  efsReplication: { cli: "AWS CLI v2", version: "2.4.14", what: "efs describe-replication-configurations", source: AWS_CLI_CHANGELOG },
  efsDeletionMode: { cli: "AWS CLI v2", version: "2.22.1", what: "efs delete-replication-configuration --deletion-mode", source: AWS_CLI_CHANGELOG },
  rdsClusterInstanceClass: { cli: "AWS CLI v2", version: "2.4.1", what: "rds restore-db-cluster-to-point-in-time --db-cluster-instance-class", source: AWS_CLI_CHANGELOG },
  rdsDescribeBackupsByArn: { cli: "AWS CLI v2", version: "2.1.8", what: "rds describe-db-instance-automated-backups --db-instance-automated-backups-arn", source: AWS_CLI_CHANGELOG },
  rdsRestoreFromBackupsArn: { cli: "AWS CLI v2", version: "2.1.8", what: "rds restore-db-instance-to-point-in-time --source-db-instance-automated-backups-arn", source: AWS_CLI_CHANGELOG },
} as const satisfies Record<string, CliMinimum>;

/** `command`, marked with the first CLI release that has what it uses. */
function needs(command: Command, minimum: CliMinimum): Command {
  return { ...command, minimum };
}

const RESTORE_TIME = param("restore time, UTC ISO 8601, just before the damage (for a destructive statement: before it ran)");
const CENM_DATABASES = `the CENM services with a database (${DATABASE_SERVICES.join(", ")})`;

function regionPart(region: string | undefined): Part {
  return region ?? param("the region");
}

/** Restore steps for one component, from the copy `choice` names. */
export function awsRestoreSteps(ctx: StepContext, scenario: ScenarioId, choice: RecoveryChoice): Step[] {
  const s = choice.source;
  switch (s.kind) {
    case "standby":
      return withResource(ctx, s.databaseUrn, (db) => standby(ctx, db));
    case "point-in-time":
      return withResource(ctx, s.databaseUrn, (db) => pointInTime(ctx, db, scenario));
    case "cross-region-replica":
      return withResource(ctx, s.databaseUrn, (db) => promoteReplica(ctx, db, s.copyUrn, s.region));
    case "dr-backups":
      return withResource(ctx, s.databaseUrn, (db) => restoreReplicatedBackups(ctx, db, s.copyUrn, s.region, scenario));
    case "vault":
      return vaultRestore(ctx, s.subjectUrn, s.planUrn, s.rule, s.pointInTime, s.vaultUrn, s.region, s.copy);
    case "regional-files":
      return withResource(ctx, s.fileSystemUrn, (fs) => efsSurvivingZones(ctx, fs));
    case "files-replica":
      return withResource(ctx, s.fileSystemUrn, (fs) => efsFailover(ctx, fs, s.region));
    case "key-copy":
      return [];
  }
}

function withResource(ctx: StepContext, urn: string, f: (r: ResourceView) => Step[]): Step[] {
  const r = resource(ctx, urn);
  return r ? f(r) : [step("restore", `The resource ${urn} is not in the input: restore it as its cloud's documentation says.`)];
}

function isCluster(db: ResourceView): boolean {
  return db.type === T.rdsCluster;
}

function describeDb(db: ResourceView, id: Part, region: Part, query: string): ReturnType<typeof aws> {
  return isCluster(db)
    ? aws("rds describe-db-clusters --region ", region, " --db-cluster-identifier ", id, ` --query "${query}"`)
    : aws("rds describe-db-instances --region ", region, " --db-instance-identifier ", id, ` --query "${query}"`);
}

function standby(ctx: StepContext, db: ResourceView): Step[] {
  const id = ctx.names.ref(db);
  const region = regionPart(ctx.names.regionOf(db));
  if (isCluster(db)) {
    return [
      step("restore", `Confirm that the Multi-AZ DB cluster ${db.name} has a writer in a surviving zone (RDS fails over on its own).`, [
        describeDb(db, id, region, "DBClusters[0].[Status,DBClusterMembers[].[DBInstanceIdentifier,IsClusterWriter]]"),
      ]),
      step("restore", "Only if no writer took over: fail over by hand to a reader in a surviving zone.", [aws("rds failover-db-cluster --region ", region, " --db-cluster-identifier ", id)]),
    ];
  }
  return [
    step("restore", `Confirm that the Multi-AZ DB instance ${db.name} failed over to its standby in another zone (RDS does it on its own).`, [
      describeDb(db, id, region, "DBInstances[0].[DBInstanceStatus,AvailabilityZone,SecondaryAvailabilityZone]"),
      aws("rds describe-events --region ", region, " --source-type db-instance --source-identifier ", id, " --duration 120"),
    ], "The endpoint keeps its name: CENM reconnects without a configuration change."),
    step("restore", "Only if it has not failed over: force the failover.", [aws("rds reboot-db-instance --region ", region, " --db-instance-identifier ", id, " --force-failover")]),
  ];
}

/** The network and parameter settings a restored database must take from the original (RDS defaults them otherwise). */
function networkFlags(ctx: StepContext, db: ResourceView, region: string | undefined): Part[] {
  const sameRegion = region === undefined || region === ctx.names.regionOf(db);
  if (!sameRegion) return drNetworkFlags(ctx, region);
  const subnet = ctx.names.inputRefs(db, "dbSubnetGroupName", "DB subnet group", [T.rdsSubnetGroup]);
  const groups = ctx.names.inputRefs(db, "vpcSecurityGroupIds", "security group", [T.securityGroup]);
  const params = isCluster(db)
    ? ctx.names.inputRefs(db, "dbClusterParameterGroupName", "DB cluster parameter group", [CLUSTER_PARAMETER_GROUP])
    : ctx.names.inputRefs(db, "parameterGroupName", "DB parameter group", [PARAMETER_GROUP]);
  return [
    ...flag("--db-subnet-group-name", subnet),
    ...flag("--vpc-security-group-ids", groups),
    ...flag(isCluster(db) ? "--db-cluster-parameter-group-name" : "--db-parameter-group-name", params),
  ];
}

/** In the DR region: the DR subnet group, security group and parameter group the stack declares there, else the operator's. */
function drNetworkFlags(ctx: StepContext, region: string | undefined): Part[] {
  const subnets = inRegion(ctx, region, T.rdsSubnetGroup);
  const groups = inRegion(ctx, region, T.securityGroup).filter((sg) => ctx.g.referrers(sg, [T.rdsInstance, T.rdsCluster]).length > 0);
  return [
    ...flag("--db-subnet-group-name", subnets.length === 1 ? [ctx.names.ref(subnets[0])] : [param(`a DB subnet group in ${region ?? "the DR region"}`)]),
    ...flag("--vpc-security-group-ids", groups.length > 0 ? groups.map((g) => ctx.names.ref(g)) : [param(`a security group in ${region ?? "the DR region"} admitting the CENM hosts`)]),
    ...flag("--db-parameter-group-name", drParameterGroups(ctx, region)),
  ];
}

/** The parameter group the stack gives an instance in `region` (the read replica's, TLS forced like the primary's). */
function drParameterGroups(ctx: StepContext, region: string | undefined): Part[] {
  const groups = inRegion(ctx, region, PARAMETER_GROUP).filter((pg) => ctx.g.referrers(pg, [T.rdsInstance]).length > 0);
  return groups.length === 1 ? [ctx.names.ref(groups[0])] : [param(`a DB parameter group in ${region ?? "the DR region"} with the primary's settings (rds.force_ssl 1)`)];
}

/**
 * What a restored instance takes from the original only when the restore names it: RestoreDBInstanceToPointInTime
 * and RestoreDBInstanceFromDBSnapshot leave IAM database authentication off, export no log, copy no tags to
 * snapshots, create a single-AZ instance without deletion protection and default the storage to gp3 (io1 with IOPS)
 * (RDS API reference). Storage gp3 without IOPS is that default, and RDS asks IOPS with a gp3 it is told.
 */
function likeOriginalFlags(db: ResourceView): Part[] {
  const i = db.inputs;
  const type = str(i.storageType);
  const iops = num(i.iops);
  const logs = strings(i.enabledCloudwatchLogsExports);
  return [
    ...(type !== undefined && !(type === "gp3" && iops === undefined) ? [` --storage-type ${type}`] : []),
    ...(iops !== undefined && type !== undefined && ["io1", "io2", "gp3"].includes(type) ? [` --iops ${iops}`] : []),
    ...(isTrue(i.iamDatabaseAuthenticationEnabled) ? [" --enable-iam-database-authentication"] : []),
    ...(logs.length > 0 ? [` --enable-cloudwatch-logs-exports ${logs.join(" ")}`] : []),
    ...(isTrue(i.copyTagsToSnapshot) ? [" --copy-tags-to-snapshot"] : []),
    ...(isTrue(i.multiAz) ? [" --multi-az"] : []),
    isTrue(i.deletionProtection) ? " --deletion-protection" : " --no-deletion-protection",
  ];
}

/**
 * The key the original's Performance Insights data is encrypted with, for an instance restored in `region`: the
 * original's own key in its region; in another, the key the stack gives the database's copy there (the read replica's
 * Performance Insights key, else the replicated backups' key).
 */
function performanceInsightsKey(ctx: StepContext, db: ResourceView, region: string | undefined): Part {
  if (region === undefined || region === ctx.names.regionOf(db)) {
    const [own] = ctx.names.inputRefs(db, "performanceInsightsKmsKeyId", "KMS key ARN", [T.kmsKey]);
    if (own) return own;
  } else {
    const replica = ctx.g.referrers(db, [T.rdsInstance], "replicateSourceDb").find((r) => ctx.names.regionOf(r) === region);
    const [fromReplica] = replica ? ctx.names.inputRefs(replica, "performanceInsightsKmsKeyId", "KMS key ARN", [T.kmsKey]) : [];
    if (fromReplica) return fromReplica;
    const replication = ctx.g.referrers(db, [T.rdsBackupsReplication], "sourceDbInstanceArn").find((r) => ctx.names.regionOf(r) === region);
    const [fromBackups] = replication ? ctx.names.inputRefs(replication, "kmsKeyId", "KMS key ARN", [T.kmsKey]) : [];
    if (fromBackups) return fromBackups;
  }
  return param(`a KMS key in ${region ?? "this region"} for the Performance Insights data`);
}

/** Performance Insights as on the original, with its key and retention: no restore operation takes them. */
function performanceInsightsStep(ctx: StepContext, db: ResourceView, region: Part, regionName: string | undefined, target: Part): Step[] {
  if (!isTrue(db.inputs.performanceInsightsEnabled)) return [];
  const retention = num(db.inputs.performanceInsightsRetentionPeriod);
  return [
    step("restore", `Turn Performance Insights on as ${db.name} has it, with its key (the restore operations take neither).`, [
      aws(
        "rds modify-db-instance --region ", region, " --db-instance-identifier ", target, " --enable-performance-insights --performance-insights-kms-key-id ", performanceInsightsKey(ctx, db, regionName),
        retention !== undefined ? ` --performance-insights-retention-period ${retention}` : "", " --apply-immediately",
      ),
    ]),
  ];
}

/** Why the restored instance needs no key flag: it takes the key of what it is restored from. */
const RESTORED_KEY_NOTE =
  "The restored instance is encrypted with the key of what it is restored from (the database's key; in the DR region the key of the copy there): the restore takes no key of its own. IAM-authenticated CENM clients need rds-db:connect on the new instance's resource id.";

function repoint(db: ResourceView, id: Part, region: Part): Step {
  return step(
    "repoint",
    `Point the JDBC URL of ${CENM_DATABASES} at the restored database's endpoint.`,
    [isCluster(db) ? describeDb(db, id, region, "DBClusters[0].Endpoint") : describeDb(db, id, region, "DBInstances[0].Endpoint.Address")],
    "Each service keeps its own database and user; only the host changes.",
  );
}

function pointInTime(ctx: StepContext, db: ResourceView, scenario: ScenarioId): Step[] {
  const id = ctx.names.ref(db);
  const regionName = ctx.names.regionOf(db);
  const region = regionPart(regionName);
  const target = param(`a new identifier for the restored ${isCluster(db) ? "cluster" : "instance"} (RDS restores beside ${db.name}, never over it)`);
  const latest = scenario !== "destructive-statement";
  const when: Part[] = latest ? [" --use-latest-restorable-time"] : [isCluster(db) ? " --restore-to-time " : " --restore-time ", RESTORE_TIME];
  const steps: Step[] = [];
  if (isCluster(db)) {
    steps.push(
      step("restore", `Find the restorable window of ${db.name}.`, [describeDb(db, id, region, "DBClusters[0].[EarliestRestorableTime,LatestRestorableTime]")]),
      step("restore", `Restore ${db.name} to a new Multi-AZ DB cluster${latest ? " at its latest restorable time" : " at the chosen time"}, in the original's network.`, [
        clusterRestore(
          aws(
            "rds restore-db-cluster-to-point-in-time --region ", region, " --source-db-cluster-identifier ", id, " --db-cluster-identifier ", target, ...when,
            ...flag("--db-cluster-instance-class", [str(db.inputs.dbClusterInstanceClass)].filter((c): c is string => c !== undefined)),
            ...networkFlags(ctx, db, regionName),
            ...clusterLikeOriginalFlags(db),
          ),
        ),
      ], isTrue(db.inputs.performanceInsightsEnabled) ? `${RESTORED_KEY_NOTE} Turn Performance Insights on as on ${db.name} once the cluster is available (modify-db-cluster).` : RESTORED_KEY_NOTE),
      step("restore", "Wait until the restored cluster is available.", [aws("rds describe-db-clusters --region ", region, " --db-cluster-identifier ", target, ' --query "DBClusters[0].Status"')]),
    );
  } else {
    steps.push(
      step("restore", `Find the latest restorable time of ${db.name}.`, [describeDb(db, id, region, "DBInstances[0].LatestRestorableTime")]),
      step("restore", `Restore ${db.name} to a new instance${latest ? " at its latest restorable time" : " at the chosen time"}, in the original's network.`, [
        aws(
          "rds restore-db-instance-to-point-in-time --region ", region, " --source-db-instance-identifier ", id, " --target-db-instance-identifier ", target, ...when,
          ...networkFlags(ctx, db, regionName),
          ...likeOriginalFlags(db),
          " --no-publicly-accessible",
        ),
      ], `${latest ? "" : "RDS restores to any second of the backup retention window up to the latest restorable time. "}${RESTORED_KEY_NOTE}`),
      step("restore", "Wait until the restored instance is available.", [aws("rds wait db-instance-available --region ", region, " --db-instance-identifier ", target)]),
      ...performanceInsightsStep(ctx, db, region, regionName, target),
    );
  }
  steps.push(repoint(db, target, region));
  return steps;
}

/** What a restored Multi-AZ DB cluster takes from the original only when the restore names it (RestoreDBClusterToPointInTime). */
function clusterLikeOriginalFlags(db: ResourceView): Part[] {
  const i = db.inputs;
  const logs = strings(i.enabledCloudwatchLogsExports);
  return [
    ...(str(i.storageType) !== undefined ? [` --storage-type ${str(i.storageType)}`] : []),
    ...(num(i.iops) !== undefined ? [` --iops ${num(i.iops)}`] : []),
    ...(isTrue(i.iamDatabaseAuthenticationEnabled) ? [" --enable-iam-database-authentication"] : []),
    ...(logs.length > 0 ? [` --enable-cloudwatch-logs-exports ${logs.join(" ")}`] : []),
    ...(isTrue(i.copyTagsToSnapshot) ? [" --copy-tags-to-snapshot"] : []),
    isTrue(i.deletionProtection) ? " --deletion-protection" : " --no-deletion-protection",
  ];
}

/** A cluster restore that names an instance class (a Multi-AZ DB cluster) needs a release that has the flag. */
function clusterRestore(command: Command): Command {
  return command.parts.some((p) => p === " --db-cluster-instance-class") ? needs(command, AWS_CLI_MINIMUMS.rdsClusterInstanceClass) : command;
}

function promoteReplica(ctx: StepContext, db: ResourceView, replicaUrn: string, drRegion: string): Step[] {
  const replica = resource(ctx, replicaUrn);
  if (!replica) return [step("restore", `The replica ${replicaUrn} is not in the input.`)];
  const id = ctx.names.ref(replica);
  const region = regionPart(ctx.names.regionOf(replica) ?? drRegion);
  const retention = ctx.facts.databases.find((d) => d.urn === db.urn)?.backupRetentionDays;
  const alarms = ctx.g.referrers(replica, [T.metricAlarm]);
  const steps: Step[] = [
    step("restore", `Check the cross-region read replica ${replica.name} before promoting it: its state, and how far it lagged when the primary was lost.`, [
      aws("rds describe-db-instances --region ", region, " --db-instance-identifier ", id, ' --query "DBInstances[0].[DBInstanceStatus,ReadReplicaSourceDBInstanceIdentifier]"'),
      ...alarms.map((a) => aws("cloudwatch describe-alarm-history --region ", region, " --alarm-name ", ctx.names.ref(a), " --history-item-type StateUpdate --max-items 5")),
    ], "Whatever the replica had not received when the region went down is lost: that is the scenario's RPO."),
    step("restore", `Promote ${replica.name} to a standalone, writable instance.`, [
      aws("rds promote-read-replica --region ", region, " --db-instance-identifier ", id, ...(retention !== undefined && retention >= 1 && retention <= 35 ? [` --backup-retention-period ${retention}`] : [])),
    ], "Promotion reboots the instance; it cannot be undone: the old primary never becomes its source again."),
    step(
      "restore",
      "Wait until the promoted instance is available.",
      [aws("rds wait db-instance-available --region ", region, " --db-instance-identifier ", id)],
      isTrue(replica.inputs.multiAz) ? "The replica is a Multi-AZ DB instance: promoted, it keeps its synchronous standby in another zone of the DR region, so there is no standby to add." : undefined,
    ),
  ];
  // A replica keeps its source's master user and password; the package's secret for them is replicated to the DR
  // region, where it stays readable while the primary region is down (Secrets Manager replica secrets).
  const replicaRegion = ctx.names.regionOf(replica) ?? drRegion;
  for (const secret of masterSecretsIn(ctx, db, replicaRegion)) {
    steps.push(
      step(
        "restore",
        `Read the master user's credentials (${secret.name}) from its replica in ${replicaRegion} into a file only you can read, for the DBA: the promoted instance keeps the primary's master user and password.`,
        [shell("(umask 077; aws secretsmanager get-secret-value --region ", region, " --secret-id ", ctx.names.ref(secret), " --query SecretString --output text > master-credentials.json)")],
        `Before the password is changed there, make the copy a standalone secret (aws secretsmanager stop-replication-to-replica --region ${replicaRegion} --secret-id with the same name), since a replica secret follows its primary; delete master-credentials.json once the DBA is done.`,
      ),
    );
  }
  if (isTrue(db.inputs.multiAz) && !isTrue(replica.inputs.multiAz)) {
    steps.push(step("restore", "Give the promoted instance a synchronous standby in another zone of the DR region, as the primary had.", [
      aws("rds modify-db-instance --region ", region, " --db-instance-identifier ", id, " --multi-az --apply-immediately"),
    ]));
  }
  steps.push(repoint(replica, id, region));
  return steps;
}

/** The Secrets Manager secrets declared beside `db` (same parent) that hold its master credentials and replicate to `region`. */
function masterSecretsIn(ctx: StepContext, db: ResourceView, region: string): ResourceView[] {
  if (db.parentUrn === undefined) return [];
  return ctx.g
    .ofType(T.secret)
    .filter((s) => s.parentUrn === db.parentUrn && arr(s.inputs.replicas).some((r) => str(rec(r)?.region) === region));
}

function restoreReplicatedBackups(ctx: StepContext, db: ResourceView, copyUrn: string, drRegion: string, scenario: ScenarioId): Step[] {
  const replication = resource(ctx, copyUrn);
  if (!replication) return [step("restore", `The replicated backups ${copyUrn} are not in the input.`)];
  const arn = ctx.names.ref(replication);
  const region = regionPart(ctx.names.regionOf(replication) ?? drRegion);
  const target = param(`a new identifier for the instance restored in ${drRegion}`);
  const when: Part[] = scenario === "destructive-statement" ? [" --restore-time ", RESTORE_TIME] : [" --use-latest-restorable-time"];
  return [
    step("restore", `Find the restorable window of the automated backups of ${db.name} replicated to ${drRegion}.`, [
      needs(
        aws("rds describe-db-instance-automated-backups --region ", region, " --db-instance-automated-backups-arn ", arn, ' --query "DBInstanceAutomatedBackups[0].RestoreWindow"'),
        AWS_CLI_MINIMUMS.rdsDescribeBackupsByArn,
      ),
    ]),
    step("restore", `Restore a new instance in ${drRegion} from them.`, [
      needs(
        aws("rds restore-db-instance-to-point-in-time --region ", region, " --source-db-instance-automated-backups-arn ", arn, " --target-db-instance-identifier ", target, ...when, ...drNetworkFlags(ctx, drRegion), ...likeOriginalFlags(db), " --no-publicly-accessible"),
        AWS_CLI_MINIMUMS.rdsRestoreFromBackupsArn,
      ),
    ], RESTORED_KEY_NOTE),
    step("restore", "Wait until the restored instance is available.", [aws("rds wait db-instance-available --region ", region, " --db-instance-identifier ", target)]),
    ...performanceInsightsStep(ctx, db, region, ctx.names.regionOf(replication) ?? drRegion, target),
    repoint(db, target, region),
  ];
}

/** The IAM role AWS Backup restores with: the one the plan's selections back up with. */
function backupRole(ctx: StepContext, planUrn: string): Part {
  for (const selection of ctx.g.ofType(T.backupSelection)) {
    if (!(selection.propertyDependencies?.planId ?? []).includes(planUrn)) continue;
    const [role] = ctx.names.inputRefs(selection, "iamRoleArn", "IAM role ARN", [ROLE]);
    if (role) return role;
  }
  return param("the ARN of an IAM role AWS Backup may restore with");
}

function vaultRestore(ctx: StepContext, subjectUrn: string, planUrn: string, rule: string, pointInTime: boolean, vaultUrn: string | undefined, region: string | undefined, copy: boolean): Step[] {
  const subject = resource(ctx, subjectUrn);
  const vault = resource(ctx, vaultUrn);
  const plan = resource(ctx, planUrn);
  const rds = subject !== undefined && (subject.type === T.rdsInstance || subject.type === T.rdsCluster);
  const type = rds ? "RDS" : "EFS";
  const whereName = region ?? (vault ? ctx.names.regionOf(vault) : undefined) ?? (subject ? ctx.names.regionOf(subject) : undefined);
  const where = regionPart(whereName);
  const vaultName: Part = vault ? ctx.names.ref(vault) : param(`the vault backup plan ${plan?.name ?? planUrn} writes to`);
  const point = param("the recovery point ARN chosen in the previous step");
  const subjectName = subject?.name ?? subjectUrn;
  const list = step("restore", `List the ${type} recovery points in ${vault ? `vault ${vault.name}` : "the vault"}${copy ? " (the copies made in this region)" : ""} and choose the newest one from before the damage.`, [
    aws("backup list-recovery-points-by-backup-vault --region ", where, " --backup-vault-name ", vaultName, ` --by-resource-type ${type}`, ' --query "RecoveryPoints[].[RecoveryPointArn,ResourceArn,CreationDate,Status]"'),
  ], pointInTime ? `Rule ${rule} keeps a continuous recovery point: it restores to any second of its window.` : `Rule ${rule} keeps one recovery point per run.`);
  if (subject?.type === T.efsFileSystem) {
    return [list, ...efsVaultRestore(ctx, subject, { region: whereName, where, vaultName, point, role: backupRole(ctx, planUrn) })];
  }
  const steps: Step[] = [
    list,
    step("restore", "Read the restore metadata of that recovery point into metadata.json, then edit it: give the restored resource a new name (AWS Backup never overwrites the existing one)" + (copy ? ", and network settings of this region (subnet group, security groups)." : "."), [
      aws("backup get-recovery-point-restore-metadata --region ", where, " --backup-vault-name ", vaultName, " --recovery-point-arn ", point, " --query RestoreMetadata > metadata.json"),
    ]),
    step("restore", `Start the restore of ${subjectName}.`, [
      aws("backup start-restore-job --region ", where, " --recovery-point-arn ", point, " --iam-role-arn ", backupRole(ctx, planUrn), " --metadata file://metadata.json", ` --resource-type ${type}`),
    ]),
    step("restore", "Follow the restore job until it completes; it names the resource it created.", [
      aws("backup describe-restore-job --region ", where, " --restore-job-id ", param("the RestoreJobId the previous command printed"), ' --query "[Status,CreatedResourceArn]"'),
    ]),
  ];
  if (rds && subject && subject.type === T.rdsInstance) {
    const restored = param("the restored instance's identifier (the end of CreatedResourceArn)");
    const here = whereName === undefined || whereName === ctx.names.regionOf(subject);
    const params = here ? ctx.names.inputRefs(subject, "parameterGroupName", "DB parameter group", [PARAMETER_GROUP]) : drParameterGroups(ctx, whereName);
    const logs = strings(subject.inputs.enabledCloudwatchLogsExports);
    steps.push(
      step("restore", `Make the restored instance like ${subject.name}: what a restore leaves at its defaults (IAM database authentication, log exports, tags copied to snapshots, Multi-AZ, deletion protection, the storage, the parameter group).`, [
        aws(
          "rds modify-db-instance --region ", where, " --db-instance-identifier ", restored,
          ...likeOriginalFlags(subject).map((p) => (p === " --enable-cloudwatch-logs-exports " + logs.join(" ") ? ` --cloudwatch-logs-export-configuration '${JSON.stringify({ EnableLogTypes: logs })}'` : p)),
          ...flag("--db-parameter-group-name", params),
          " --apply-immediately",
        ),
        aws("rds wait db-instance-available --region ", where, " --db-instance-identifier ", restored),
      ], `${RESTORED_KEY_NOTE} A storage change, if the recovery point's differs, runs for hours while the instance stays usable.`),
      ...performanceInsightsStep(ctx, subject, where, whereName, restored),
      step("restore", "Reboot it once, so that the parameter group's values apply (a newly associated group takes effect at the next reboot), and wait until it is available.", [
        aws("rds reboot-db-instance --region ", where, " --db-instance-identifier ", restored),
        aws("rds wait db-instance-available --region ", where, " --db-instance-identifier ", restored),
      ]),
    );
  }
  if (rds && subject) {
    steps.push(step("repoint", `Point the JDBC URL of ${CENM_DATABASES} at the restored database's endpoint (the CreatedResourceArn names it).`));
  }
  return steps;
}

/** Where an AWS Backup restore runs: its region, the vault, the recovery point and the role it restores with. */
interface VaultPoint {
  region: string | undefined;
  where: Part;
  vaultName: Part;
  point: Part;
  role: Part;
}

/** Where the recovery host mounts the restored file system's root. */
const RESTORE_MOUNT = "/mnt/cenm-restore";

/**
 * An EFS recovery point restored to a new file system, then copied back into the stack's file system through its
 * access points (or, when that file system is gone or in another region, served from directly).
 *
 * AWS Backup never restores over live files: a full restore, in place or to a new file system, lands in a directory
 * `aws-backup-restore_<datetime>` at the file system's root (AWS Backup, "Restore an Amazon EFS file system"). In
 * place, that directory sits outside every access point, and the stack's file system policy refuses mounts that do
 * not go through one; a new file system has no policy, so its root can be mounted to copy from. AWS Backup creates
 * no mount target for it (as EFS creates none for a replica): the steps create one per zone.
 */
function efsVaultRestore(ctx: StepContext, fs: ResourceView, v: VaultPoint): Step[] {
  const fsRegion = ctx.names.regionOf(fs);
  const here = v.region === undefined || v.region === fsRegion;
  const regionName = v.region ?? fsRegion;
  const restored = param("the restored file system's id (the end of CreatedResourceArn)");
  const recoveryDir = param("the aws-backup-restore_<datetime> directory the listing shows");
  const dirs = serviceDirectories(ctx, fs);
  const [key] = here ? ctx.names.inputRefs(fs, "kmsKeyId", "KMS key ARN", [T.kmsKey]) : replicaKeys(ctx, fs, regionName);
  const keyPart: Part = key ?? param(`the ARN of a KMS key in ${regionName ?? "this region"} to encrypt the restored file system`);
  const steps: Step[] = [
    step("restore", "Read the restore metadata of that recovery point into metadata.json.", [
      aws("backup get-recovery-point-restore-metadata --region ", v.where, " --backup-vault-name ", v.vaultName, " --recovery-point-arn ", v.point, " --query RestoreMetadata > metadata.json"),
    ]),
    step("restore", `Make it a restore into a new file system, encrypted with ${key ? `key ${key.name}` : "a key of this region"} (jq, or edit the file by hand: newFileSystem true, Encrypted true, KmsKeyId, a new CreationToken).`, [
      shell(`jq '.newFileSystem = "true" | .Encrypted = "true" | .KmsKeyId = "`, keyPart, `" | .CreationToken = "`, param("a new, unique creation token"), `"' metadata.json > restore.json`),
    ], here
      ? `Restored in place, the files would land beside the live ones in a directory at the root that the file system policy of ${fs.name} lets no one mount (mounts go through the service access points); a new file system can be mounted at its root to copy from.`
      : `${fs.name} lives in ${fsRegion ?? "another region"}: the copy is restored to a new file system in ${regionName ?? "this region"}.`),
    step("restore", `Start the restore of ${fs.name}.`, [
      aws("backup start-restore-job --region ", v.where, " --recovery-point-arn ", v.point, " --iam-role-arn ", v.role, " --metadata file://restore.json --resource-type EFS"),
    ]),
    step("restore", "Follow the restore job until it completes; its CreatedResourceArn ends with the new file system's id. Then wait until the file system is available.", [
      aws("backup describe-restore-job --region ", v.where, " --restore-job-id ", param("the RestoreJobId the previous command printed"), ' --query "[Status,CreatedResourceArn]"'),
      aws("efs describe-file-systems --region ", v.where, " --file-system-id ", restored, ' --query "FileSystems[0].LifeCycleState"'),
    ]),
    step("restore", `Give the restored file system a mount target in each zone the hosts use (AWS Backup creates none; EFS takes one per zone), and wait until they are available.`, [
      ...restoredMountTargets(ctx, fs, here, regionName, v.where, restored),
      aws("efs describe-mount-targets --region ", v.where, " --file-system-id ", restored, ' --query "MountTargets[].[AvailabilityZoneName,LifeCycleState]"'),
    ], "The restored file system has no file system policy, access point, replication or backup of its own: only its security group keeps others from mounting it."),
    step("restore", `On a recovery host that reaches those mount targets, mount the restored file system's root and find the directory AWS Backup restored into (aws-backup-restore_<datetime>, at the root); the file system's own tree is below it (${dirs[0]?.path ?? "/cenm/<service>"}).`, [
      shell(`sudo mkdir -p ${RESTORE_MOUNT} && sudo mount -t efs -o tls `, restored, ` ${RESTORE_MOUNT}`),
      shell(`ls -d ${RESTORE_MOUNT}/aws-backup-restore_*`),
    ]),
  ];
  const dirPath = (d: { service: string; path?: string }): Part => d.path ?? param(`the ${d.service} directory on the file system`);
  if (here) {
    const id = ctx.names.ref(fs);
    steps.push(
      step("repoint", `If ${fs.name} still exists: stop the CENM services, then copy each service directory back into it through its access point. The hosts keep their mounts, and the stack's file system policy, access points, replication and backups stay as declared.`, [
        aws("efs describe-file-systems --region ", v.where, " --file-system-id ", id, ' --query "FileSystems[0].LifeCycleState"'),
        ...(dirs.length > 0
          ? dirs.flatMap((d) => [
              shell(`sudo mkdir -p /mnt/cenm-${d.service} && sudo mount -t efs -o tls,accesspoint=`, ctx.names.ref(d.ap), " ", id, ` /mnt/cenm-${d.service}`),
              shell(`sudo rsync -a --delete ${RESTORE_MOUNT}/`, recoveryDir, dirPath(d), "/ ", `/mnt/cenm-${d.service}/`),
            ])
          : [shell(`sudo rsync -a --delete ${RESTORE_MOUNT}/`, recoveryDir, param("the service's directory, e.g. /cenm/identity-manager"), "/ ", param("that directory, mounted through its access point"), "/")]),
      ], "--delete removes what was written after the recovery point; leave it out to keep those files."),
      step("reconcile", "Once the services check out, unmount the restored file system and delete it: its mount targets first (EFS refuses to delete a file system that has any).", [
        shell(`sudo umount ${RESTORE_MOUNT}`),
        aws("efs describe-mount-targets --region ", v.where, " --file-system-id ", restored, ' --query "MountTargets[].MountTargetId"'),
        aws("efs delete-mount-target --region ", v.where, " --mount-target-id ", param("each MountTargetId listed")),
        aws("efs delete-file-system --region ", v.where, " --file-system-id ", restored),
      ]),
    );
  }
  steps.push(
    step("repoint", `${here ? `If ${fs.name} is gone` : `To serve from ${regionName ?? "this region"}`}: mount each CENM service directory from the restored file system on the CENM hosts.`, dirs.length > 0
      ? dirs.map((d) => shell("sudo mount -t efs -o tls ", restored, ":/", recoveryDir, dirPath(d), " ", param(`the ${d.service} directory on the host`)))
      : [shell("sudo mount -t efs -o tls ", restored, ":/", recoveryDir, param("the service's directory, e.g. /cenm/identity-manager"), " ", param("the service's directory on the host"))],
      "That file system is outside the stack (no file system policy, access points, replication or backup selection): rebuild the stack's file system and copy back into it as above, or import it into the stack."),
  );
  return steps;
}

/** NFS (TCP 2049), the port EFS mount targets serve. */
const NFS_PORT = 2049;

/**
 * The security groups the stack declares in `region` that admit NFS (an inline TCP rule covering 2049): in the DR
 * region, the file store's group for its replica's mount targets. Their names, else the operator's group.
 */
function nfsGroups(ctx: StepContext, region: string | undefined): Part[] {
  const groups = inRegion(ctx, region, T.securityGroup).filter((sg) =>
    arr(sg.inputs.ingress).some((raw) => {
      const rule = rec(raw);
      const from = num(rule?.fromPort);
      const to = num(rule?.toPort);
      return rule !== undefined && ["tcp", "6"].includes(String(rule.protocol).toLowerCase()) && from !== undefined && to !== undefined && from <= NFS_PORT && NFS_PORT <= to;
    }),
  );
  return groups.length > 0 ? groups.map((g) => ctx.names.ref(g)) : [param(`a security group in ${region ?? "this region"} admitting NFS (TCP 2049) from the CENM hosts`)];
}

/** Mount targets for a file system restored from `fs`'s recovery point: `fs`'s own subnets and groups in its region, else the region's subnets. */
function restoredMountTargets(ctx: StepContext, fs: ResourceView, here: boolean, region: string | undefined, where: Part, restored: Part): Command[] {
  const create = (subnet: Part, groups: Part[]) => aws("efs create-mount-target --region ", where, " --file-system-id ", restored, " --subnet-id ", subnet, ...flag("--security-groups", groups));
  const anyGroup = param(`a security group in ${region ?? "this region"} admitting NFS (TCP 2049) from the CENM hosts`);
  const regionGroups = nfsGroups(ctx, region);
  if (here) {
    const targets = ctx.g.referrers(fs, [T.efsMountTarget], "fileSystemId");
    const commands = targets.map((mt) => {
      // A subnet list passed whole makes every subnet a dependency of each mount target: the value picks the one.
      const declared = ctx.g.ref(mt, "subnetId", [T.subnet], mt.inputs.subnetId);
      const named = declared ? [ctx.names.ref(declared)] : ctx.names.inputRefs(mt, "subnetId", "subnet id", [T.subnet]);
      const groups = ctx.names.inputRefs(mt, "securityGroups", "security group id", [T.securityGroup]);
      return create(named.length === 1 ? named[0] : param(`the subnet of mount target ${mt.name}`), groups.length > 0 ? groups : [anyGroup]);
    });
    if (commands.length > 0) return commands;
  }
  const subnets = region === undefined ? [] : mountTargetSubnets(ctx, region);
  return subnets.length > 0 ? subnets.map((s) => create(ctx.names.ref(s), regionGroups)) : [create(param(`a subnet in ${region ?? "this region"} the CENM hosts reach`), regionGroups)];
}

/** The key `fs`'s replication encrypts its replica with, when that replica is in `region`. */
function replicaKeys(ctx: StepContext, fs: ResourceView, region: string | undefined): ReturnType<StepContext["names"]["inputRefs"]> {
  return ctx.g
    .referrers(fs, [T.efsReplication], "sourceFileSystemId")
    .filter((rep) => str(rec(rep.inputs.destination)?.region) === region)
    .flatMap((rep) => ctx.names.inputRefs(rep, "destination", "KMS key ARN", [T.kmsKey]));
}

/** The service directories on a file system: its access points, with the CENM service and root path each declares. */
function serviceDirectories(ctx: StepContext, fs: ResourceView): { ap: ResourceView; service: string; path?: string }[] {
  return ctx.g.referrers(fs, [ACCESS_POINT], "fileSystemId").map((ap) => ({
    ap,
    service: str(rec(ap.inputs.tags)?.["cenm-backup:service"]) ?? ap.name,
    ...(str(rec(ap.inputs.rootDirectory)?.path) !== undefined ? { path: str(rec(ap.inputs.rootDirectory)?.path) } : {}),
  }));
}

function efsSurvivingZones(ctx: StepContext, fs: ResourceView): Step[] {
  const id = ctx.names.ref(fs);
  const region = regionPart(ctx.names.regionOf(fs));
  const dirs = serviceDirectories(ctx, fs);
  return [
    step("restore", `Check that file system ${fs.name} still has a mount target available in every surviving zone.`, [
      aws("efs describe-mount-targets --region ", region, " --file-system-id ", id, ' --query "MountTargets[].[AvailabilityZoneName,LifeCycleState]"'),
    ], "A regional EFS file system stores every write in several zones: hosts in surviving zones keep their mounts and lose nothing written with fsync or close."),
    step("repoint", "Move the CENM services of the lost zone to hosts in surviving zones and mount their directories there, through the same access points.", dirs.length > 0
      ? dirs.map((d) => shell("sudo mount -t efs -o tls,accesspoint=", ctx.names.ref(d.ap), " ", id, " ", param(`the ${d.service} directory on the host`)))
      : [shell("sudo mount -t efs -o tls ", id, " ", param("the service's directory on the host"))]),
  ];
}

/**
 * Subnets to give an EFS replica its mount targets: EFS takes one mount target per zone, so one subnet per zone,
 * preferring those of the region's database subnet groups (the DR data network the CENM hosts reach), else any
 * subnet of the region.
 */
const mountSubnets = new WeakMap<object, Map<string, ResourceView[]>>();

function mountTargetSubnets(ctx: StepContext, region: string): ResourceView[] {
  const known = mountSubnets.get(ctx.g) ?? new Map<string, ResourceView[]>();
  mountSubnets.set(ctx.g, known);
  const cached = known.get(region);
  if (cached) return cached;
  const all = inRegion(ctx, region, T.subnet);
  const data = new Set(inRegion(ctx, region, T.rdsSubnetGroup).flatMap((g) => ctx.g.refs(g, "subnetIds", [T.subnet], g.inputs.subnetIds)).map((s) => s.urn));
  const preferred = all.filter((s) => data.has(s.urn));
  const byZone = new Map<string, ResourceView>();
  for (const s of [...(preferred.length > 0 ? preferred : all)].sort((a, b) => a.name.localeCompare(b.name))) {
    const zone = str(s.inputs.availabilityZone) ?? str(s.outputs.availabilityZone) ?? `(zone of ${s.name} unknown)`;
    if (!byZone.has(zone)) byZone.set(zone, s);
  }
  known.set(region, [...byZone.values()]);
  return known.get(region)!;
}

function efsFailover(ctx: StepContext, fs: ResourceView, drRegion: string): Step[] {
  const source = ctx.names.ref(fs);
  const region = regionPart(drRegion);
  const replica = param(`the replica's file system id (previous step)`);
  const subnets = mountTargetSubnets(ctx, drRegion);
  const groups = nfsGroups(ctx, drRegion);
  const dirs = serviceDirectories(ctx, fs);
  return [
    step("restore", `Find the replica of ${fs.name} in ${drRegion}.`, [
      needs(
        aws("efs describe-replication-configurations --region ", region, ' --query "Replications[?SourceFileSystemId==\'', source, '\'].Destinations[].[FileSystemId,Status,LastReplicatedTimestamp]"'),
        AWS_CLI_MINIMUMS.efsReplication,
      ),
    ], "LastReplicatedTimestamp bounds what the replica lacks: files written after it are lost."),
    step("restore", "Fail over: delete the replication from the DR side, which makes the replica writable. The primary region cannot answer, so delete only the local side of the configuration.", [
      needs(aws("efs delete-replication-configuration --region ", region, " --source-file-system-id ", source, " --deletion-mode LOCAL_CONFIGURATION_ONLY"), AWS_CLI_MINIMUMS.efsDeletionMode),
    ], `EFS may put files it could not reconcile in a lost+found directory at the replica's root. This deletes the DR side only (EFS's API reference keeps LOCAL_CONFIGURATION_ONLY for when the other side cannot answer): once ${fs.name}'s region is back, delete the configuration there too.`),
    step("restore", `Give the replica mount targets in ${drRegion}, one per zone the CENM hosts use${groups.some((g) => typeof g !== "string" && g.ref !== "param") ? ", in the security group the stack declares there for them (NFS from the DR CENM hosts only)" : ""}.`, subnets.length > 0
      ? subnets.map((s) => aws("efs create-mount-target --region ", region, " --file-system-id ", replica, " --subnet-id ", ctx.names.ref(s), ...flag("--security-groups", groups)))
      : [aws("efs create-mount-target --region ", region, " --file-system-id ", replica, " --subnet-id ", param(`a subnet in ${drRegion} the CENM hosts reach`), ...flag("--security-groups", groups))]),
    step("repoint", "Mount each CENM service directory from the replica on the DR hosts (the access points belong to the source file system; the directories keep their paths and owners).", dirs.length > 0
      ? dirs.map((d) => shell("sudo mount -t efs -o tls ", replica, ":", d.path ?? param(`the ${d.service} directory on the file system`), " ", param(`the ${d.service} directory on the host`)))
      : [shell("sudo mount -t efs -o tls ", replica, " ", param("the service's directory on the host"))]),
  ];
}

/** Retrieval steps for one copy of the signing keys. */
export function awsKeySteps(ctx: StepContext, copy: KeyCopyFact): Step[] {
  const r = resource(ctx, copy.id);
  if (!r) return [];
  const region = regionPart(ctx.names.regionOf(r) ?? copy.region);
  if (copy.kind === "cloud-hsm") {
    const id = ctx.names.ref(r);
    return [
      step("restore", `Check the CloudHSM cluster ${r.name}: an HSM left in a surviving zone keeps signing with the cluster's keys.`, [
        aws("cloudhsmv2 describe-clusters --region ", region, " --filters clusterIds=", id, ' --query "Clusters[0].[State,Hsms[].[AvailabilityZone,State]]"'),
      ]),
      step("restore", "Add an HSM in another zone to restore the cluster's redundancy; it is cloned from the cluster's keys.", [
        aws("cloudhsmv2 create-hsm --region ", region, " --cluster-id ", id, " --availability-zone ", param("a zone of the cluster other than the surviving HSM's")),
      ]),
    ];
  }
  const bucket = ctx.names.ref(r);
  const key = param("the object key of the wrapped key material");
  const version = param("its VersionId from the listing");
  const file = param("a local file on the recovery host");
  const archived = archiveClass(ctx, r);
  const steps: Step[] = [
    step("restore", `List the versions of the wrapped key material in ${r.name} and pick the one written by the last key ceremony.`, [
      aws("s3api list-object-versions --region ", region, " --bucket ", bucket, ' --query "Versions[].[Key,VersionId,LastModified,StorageClass]"'),
    ], `${accessNote(ctx, r)} ${recordNote(copy)} Work under the two-person rule.`),
  ];
  if (archived) {
    steps.push(
      step("restore", `Ask S3 to restore the archived version (storage class ${archived}); a standard retrieval takes hours (from Deep Archive, within 12 hours).`, [
        aws("s3api restore-object --region ", region, " --bucket ", bucket, " --key ", key, " --version-id ", version, ` --restore-request '{"Days":7,"GlacierJobParameters":{"Tier":"Standard"}}'`),
      ]),
      step("restore", 'Wait until the restore is done (ongoing-request="false").', [aws("s3api head-object --region ", region, " --bucket ", bucket, " --key ", key, " --version-id ", version, " --query Restore")]),
    );
  }
  steps.push(
    step("restore", "Download that version.", [aws("s3api get-object --region ", region, " --bucket ", bucket, " --key ", key, " --version-id ", version, " ", file)]),
    step("restore", "Import the wrapped keys into the Signing Service's HSM under two-person control, following the HSM vendor's key-import procedure; then delete the local file."),
  );
  return steps;
}

/**
 * Where the reads about to be made are recorded (the audit's access-log facts): the records made and kept in the
 * copy's own region go on while another region is lost; the others wait for theirs. With CloudTrail's delivery time.
 */
function recordNote(copy: KeyCopyFact): string {
  const logs = (copy.accessLog ?? []).filter((l) => l.lockedDestination);
  if (logs.length === 0) return "Nothing records reads of this copy in a locked log: note who read what, and when, by hand.";
  const here = logs.filter((l) => l.inCopyRegion === true);
  const elsewhere = logs.filter((l) => l.inCopyRegion !== true);
  const list = (ls: typeof logs) => ls.map((l) => `${l.by}${l.region ? ` (${l.region})` : ""}`).join("; ");
  const delivery = `CloudTrail delivers each record about ${formatDuration(FIGURES.cloudTrailDelivery.seconds)} after the call on average, without a guarantee`;
  if (here.length === 0) return `Every read is recorded by ${list(elsewhere)}; ${delivery}. While that region is down, these reads may go unrecorded.`;
  return `Every read is recorded by ${list(here)}, in the copy's own region${elsewhere.length > 0 ? `, and by ${list(elsewhere)}, which cannot be counted on while that region is down` : ""}; ${delivery}.`;
}

/** Who the bucket's policy lets read the key material, in words (from its Deny conditions). */
function accessNote(ctx: StepContext, bucket: ResourceView): string {
  const ways: string[] = [];
  for (const p of ctx.g.referrers(bucket, [T.bucketPolicy], "bucket")) {
    const doc = rec(parseJson(p.inputs.policy));
    for (const st of arr(doc?.Statement)) {
      const c = rec(rec(st)?.Condition);
      if (str(rec(st)?.Effect) !== "Deny" || !c) continue;
      if (rec(c.StringNotEquals)?.["aws:SourceVpce"] !== undefined) {
        const endpoint = ctx.g.refs(p, "policy", [T.vpcEndpoint])[0];
        ways.push(`through the VPC endpoint${endpoint ? ` ${endpoint.name}` : ""} (from a host in its VPC)`);
      }
      if (rec(c.ArnNotEquals)?.["aws:PrincipalArn"] !== undefined) ways.push("by the principals the policy exempts (its replication role and break-glass role): assume the break-glass role");
    }
  }
  return ways.length > 0 ? `The bucket policy denies reads except ${[...new Set(ways)].join(", or ")}.` : "Read it with credentials the bucket policy admits.";
}

/**
 * Archived storage class (one a read must restore first: src/domain/keyCopies) the escrow's replication writes into
 * each destination bucket, by URN, read once per resource graph. GLACIER_IR is read directly and is not one.
 */
const archiveClasses = new WeakMap<object, Map<string, string>>();

function archiveClass(ctx: StepContext, bucket: ResourceView): string | undefined {
  let classes = archiveClasses.get(ctx.g);
  if (!classes) {
    classes = new Map();
    for (const config of ctx.g.ofType(T.bucketReplication)) {
      const rules = arr(config.inputs.rules);
      const cls = rules.map((rule) => str(rec(rec(rule)?.destination)?.storageClass)).find((c) => isArchivedStorageClass(c));
      if (!cls) continue;
      for (const target of ctx.g.refs(config, "rules", BUCKET_TYPES, rules.map((rule) => rec(rec(rule)?.destination)?.bucket))) {
        if (!classes.has(target.urn)) classes.set(target.urn, cls);
      }
    }
    archiveClasses.set(ctx.g, classes);
  }
  return classes.get(bucket.urn);
}

