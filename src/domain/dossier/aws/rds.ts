/**
 * Dossier rows (see ../types.ts) of RDS (instances, parameter and option groups, subnet groups, automated-backup
 * replication), the database's master credential secret and its replica-lag alarm. Kept by whoever changes
 * src/components/aws/ReplicatedDatabase.ts. `tags` and `region` are the shared AWS row's.
 */
import type { DossierRow } from "../types";

const API = "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference";
const GUIDE = "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide";
const PROVIDER = "https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service";

const INSTANCE = "aws:rds/instance:Instance";
const PARAMETER_GROUP = "aws:rds/parameterGroup:ParameterGroup";
const SUBNET_GROUP = "aws:rds/subnetGroup:SubnetGroup";
const OPTION_GROUP = "aws:rds/optionGroup:OptionGroup";
const BACKUPS_REPLICATION = "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const SECRET = "aws:secretsmanager/secret:Secret";
const SECRET_VERSION = "aws:secretsmanager/secretVersion:SecretVersion";

export const RDS_ROWS: readonly DossierRow[] = [
  // ----- aws:rds/instance:Instance: the primary (cenm-db-primary) and the cross-Region read replica (cenm-db-dr-replica)
  {
    type: INSTANCE,
    properties: ["engine", "engineVersion"],
    update: { engine: "replaces", engineVersion: "in-place" },
    sets:
      "Primary only: the RDS engine name of the configured engine and edition (postgres, sqlserver-ee or -se, oracle-ee or -se2, from src/domain/engines) and a version inside CENM's support matrix; the shipped stacks give PostgreSQL's major version only (\"16\"), so RDS picks the minor and automatic minor upgrades cause no drift. The replica names neither: the provider refuses them beside replicateSourceDb and RDS gives the replica its source's engine and version.",
    lifecycle:
      "engine forces a replacement in the provider (a new, empty database; a protected stack refuses it). engineVersion updates in place through ModifyDBInstance: an upgrade with an outage, held until the next maintenance window because the package does not set applyImmediately; a major upgrade also needs allowMajorVersionUpgrade and a parameter group of the new family. A replica's version must stay at or above its source's.",
    sources: [`${PROVIDER}/rds/instance.go`, `${API}/API_ModifyDBInstance.html`, `${API}/API_CreateDBInstanceReadReplica.html`],
  },
  {
    type: INSTANCE,
    properties: ["instanceClass"],
    update: "in-place",
    sets: "The configured class (database.instanceClass), on the primary and, explicitly, on the replica, so that a promoted replica carries the primary's load.",
    lifecycle:
      "Required at creation (a replica would otherwise take its source's class). A change updates in place with an outage while the class changes, held until the next maintenance window (no applyImmediately).",
    sources: [`${API}/API_ModifyDBInstance.html`, `${API}/API_CreateDBInstanceReadReplica.html`],
  },
  {
    type: INSTANCE,
    properties: ["allocatedStorage", "storageType", "iops"],
    update: "in-place",
    sets:
      "Primary: the configured size, type (gp3, io1, io2) and provisioned IOPS, checked by the platform limit aws-rds-storage-and-iops before anything is declared. Replica: the same storageType and iops, sent at its creation; no allocatedStorage, which a replica takes from its source.",
    lifecycle:
      "In place: a storage increase must be at least 10% (RDS rounds up), a type change migrates while the instance stays usable (nightly backups suspended meanwhile), IOPS changes wait for the maintenance window without applyImmediately. RDS refuses io1, io2 and gp3 above their baseline without IOPS, and storage changes of a replica during its first hours (the provider ignores allocatedStorage on a replica's creation for that reason).",
    sources: [`${API}/API_ModifyDBInstance.html`, `${GUIDE}/CHAP_Storage.html`, `${PROVIDER}/rds/instance.go`],
  },
  {
    type: INSTANCE,
    properties: ["multiAz", "availabilityZone"],
    update: { multiAz: "in-place", availabilityZone: "replaces" },
    sets:
      "Primary: multiAz true for a Multi-AZ DB instance (a synchronous standby in another zone), false for dev's single-zone instance, which alone names its zone (the first configured one). Replica: multiAz database.replicaMultiAz (AWS prod preset true, elsewhere false): a Multi-AZ read replica, whose synchronous standby sits in another zone of the DR subnet group and stays with the instance once promoted, so that a region failover still leaves a synchronous copy in a second zone (R3's first recommendation); a single-zone replica gets its standby from the runbook after the promotion. The replica never names a zone.",
    lifecycle:
      "CreateDBInstance refuses availabilityZone on a Multi-AZ instance (limit aws-rds-multi-az-no-availability-zone); CreateDBInstanceReadReplica takes both parameters and states no such ban, so for a replica the refusal is this package's assumption (limit aws-rds-multi-az-replica-no-availability-zone), and the replica never names a zone. A replica created Multi-AZ is created with its standby, whatever its source's deployment, and costs a second instance and its storage. availabilityZone forces a replacement in the provider; multiAz changes in place without an outage (RDS builds the standby from a snapshot, with a write-latency cost during and after the change, which is why AWS advises making a replica Multi-AZ before promoting it rather than after), at the next maintenance window without applyImmediately. The provider passes multiAz to CreateDBInstanceReadReplica for a replica.",
    sources: [`${API}/API_CreateDBInstance.html`, `${API}/API_CreateDBInstanceReadReplica.html`, `${API}/API_ModifyDBInstance.html`, `${GUIDE}/Concepts.MultiAZSingleStandby.html`, `${PROVIDER}/rds/instance.go`],
  },
  {
    type: INSTANCE,
    properties: ["dbSubnetGroupName", "vpcSecurityGroupIds"],
    update: "in-place",
    sets:
      "Primary: the component's subnet group (one private subnet per zone) and its security group admitting the CENM CIDRs on the engine port only. Replica: a subnet group and a security group of its own in the DR region (platform limit aws-rds-cross-region-replica-subnet-group), admitting the DR CENM CIDRs.",
    lifecycle:
      "A replica without a subnet group of its Region lands outside the intended VPC. Changing the subnet group moves the instance with an outage (next maintenance window without applyImmediately); security groups change as soon as possible. A subnet group cannot be deleted while an instance uses it.",
    sources: [`${API}/API_CreateDBInstanceReadReplica.html`, `${API}/API_ModifyDBInstance.html`, `${API}/API_DeleteDBSubnetGroup.html`],
  },
  {
    type: INSTANCE,
    properties: ["publiclyAccessible"],
    update: "in-place",
    sets: "false on both (database.publiclyAccessible, refused in prod without a waiver); the subnets have no route to the Internet anyway.",
    lifecycle:
      "With a DB subnet group named, RDS defaults to not publicly accessible; the provider sends its own default false on a replica's creation. Changes apply in place; a public instance needs a public subnet and an Internet gateway, or RDS returns an error.",
    sources: [`${API}/API_CreateDBInstance.html`, `${API}/API_ModifyDBInstance.html`],
  },
  {
    type: INSTANCE,
    properties: ["port"],
    update: "in-place",
    sets: "The engine's default port (5432, 1433; 1521 for Oracle, whose clients use the TLS listener of the option group on 2484), on the primary and the replica.",
    lifecycle: "A replica takes its source's port by default. Changing the port restarts the database whatever applyImmediately says.",
    sources: [`${API}/API_ModifyDBInstance.html`, `${API}/API_CreateDBInstanceReadReplica.html`],
  },
  {
    type: INSTANCE,
    properties: ["parameterGroupName"],
    update: "in-place",
    sets:
      "The component's parameter group (rds.force_ssl = 1 for PostgreSQL and SQL Server; engine defaults for Oracle). The replica gets a group of its own in the DR region with the same rule, so that a promoted replica still refuses plain connections: parameter groups are regional, and a cross-Region replica created without one gets the engine's default group. For PostgreSQL 15 and later the default groups already set rds.force_ssl to 1 (0 before 15), so the shipped PostgreSQL 16 replica forces TLS from its creation, under the default group and under its own; SQL Server's default is 0, so a SQL Server replica (not in any shipped stack) would take plain connections until its own group applies.",
    lifecycle:
      "CreateDBInstanceReadReplica takes a parameter group for a cross-Region replica only for MySQL, Oracle and Db2 (and uses the engine's default group otherwise); since 5.58.0 the provider creates a PostgreSQL replica without it and associates the group afterwards with ModifyDBInstance. The name changes at once; the group's values apply at the next reboot without failover, so the replica shows the DR group pending-reboot until then (a promotion reboots it). For TLS that changes nothing on PostgreSQL 15 and later: the default group the replica runs with meanwhile forces TLS too. Changing the group later is immediate for the name, at the next reboot for its values.",
    sources: [`${API}/API_CreateDBInstanceReadReplica.html`, "https://github.com/hashicorp/terraform-provider-aws/pull/38227", `${API}/API_ModifyDBInstance.html`, `${GUIDE}/ssl-certificate-rotation-postgresql.html`],
  },
  {
    type: INSTANCE,
    properties: ["optionGroupName"],
    update: "in-place",
    when: "engine is oracle",
    sets:
      "Primary only: the component's option group with the SSL option (TLS 1.2 listener on 2484). The replica names none: the package declares no option group in the DR region, so a promoted Oracle replica has no TLS listener until one is added (a known gap of the Oracle path).",
    lifecycle:
      "A replica created without an option group gets its source's, which cannot serve another Region; SQL Server replicas must keep their source's. Changing it applies at the next maintenance window without applyImmediately; permanent options cannot be removed.",
    sources: [`${API}/API_CreateDBInstanceReadReplica.html`, `${API}/API_ModifyDBInstance.html`],
  },
  {
    type: INSTANCE,
    properties: ["licenseModel"],
    update: "in-place",
    when: "engine is sqlserver or oracle",
    sets: "license-included for SQL Server and Oracle SE2, bring-your-own-license for Oracle EE (the only model RDS offers for it); PostgreSQL names none.",
    lifecycle: "Sent at creation; a change goes through ModifyDBInstance. RDS refuses a model it does not offer for the engine.",
    sources: [`${API}/API_CreateDBInstance.html`, `${API}/API_ModifyDBInstance.html`],
  },
  {
    type: INSTANCE,
    properties: ["username"],
    update: "replaces",
    sets: "Primary only: cenmdba, distinct from every CENM service user. The replica carries its source's master user through replication.",
    lifecycle: "Forces a replacement in the provider, which also refuses it beside replicateSourceDb. RDS refuses reserved words and more than 16 characters.",
    sources: [`${PROVIDER}/rds/instance.go`, `${API}/API_CreateDBInstance.html`],
  },
  {
    type: INSTANCE,
    properties: ["manageMasterUserPassword", "masterUserSecretKmsKeyId"],
    update: { manageMasterUserPassword: "in-place", masterUserSecretKmsKeyId: "provider-decided" },
    sets:
      "Where database.masterPassword is rds-managed (the default without a cross-region replica: dev): RDS generates the master password, keeps it in a secret of its own encrypted with the database's key, and rotates it; masterUserSecretArn exports that secret's ARN. Never on a source of read replicas (PostgreSQL, Oracle), never on a replica.",
    lifecycle:
      "RDS creates no read replica of a source whose password it manages, SQL Server apart (platform limit aws-rds-no-replica-of-managed-password-source). Turning it off on an existing instance needs a new password, and RDS deletes its secret; turning it on needs none. The secret's key is fixed once RDS manages it. RDS deletes its secret with the instance. The provider refuses it beside password.",
    sources: [`${GUIDE}/rds-secrets-manager.html`, `${API}/API_ModifyDBInstance.html`],
  },
  {
    type: INSTANCE,
    properties: ["password"],
    update: "in-place",
    sets:
      "Where database.masterPassword is generated (the default with a cross-region replica: staging, prod): the component's 30-character random password, a Pulumi secret (shown as [secret] in plans, encrypted in the state), also kept in the component's Secrets Manager secret. Never on the replica.",
    lifecycle:
      "A change (the password resource replaced) updates in place: RDS applies a new master password without an outage, as soon as possible. RDS never returns the password, so a change made outside Pulumi goes unseen. A replica takes its source's master user and password: CreateDBInstanceReadReplica has no MasterUserPassword parameter, so the package sets none on the replica.",
    sources: [`${API}/API_ModifyDBInstance.html`, `${API}/API_CreateDBInstanceReadReplica.html`],
  },
  {
    type: INSTANCE,
    properties: ["iamDatabaseAuthenticationEnabled"],
    update: "in-place",
    sets:
      "true for PostgreSQL, false for SQL Server and Oracle (RDS offers IAM database authentication for MariaDB, MySQL and PostgreSQL). The replica sets the same value as its source (platform limit aws-rds-replica-iam-auth).",
    lifecycle:
      "A replica created without it has it off, and a promoted replica keeps its own setting: without it, IAM-authenticated clients are refused after a failover. Changes apply in place. IAM policies granting rds-db:connect name an instance's resource id, so the replica's must be granted too.",
    sources: [`${API}/API_CreateDBInstanceReadReplica.html`, `${GUIDE}/UsingWithRDS.IAMDBAuth.html`],
  },
  {
    type: INSTANCE,
    properties: ["storageEncrypted", "kmsKeyId"],
    update: "replaces",
    sets: "Encrypted with the component's customer-managed key of the primary region; the replica with the DR-region key (platform limit aws-rds-cross-region-key).",
    lifecycle:
      "Both force a replacement in the provider (RDS cannot change an instance's encryption). A cross-Region replica of an encrypted source must name a key of its own Region; RDS creates no encrypted replica of an unencrypted source. With the key disabled or pending deletion the instance and its snapshots become unusable.",
    sources: [`${PROVIDER}/rds/instance.go`, `${API}/API_CreateDBInstanceReadReplica.html`, "https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys.html"],
  },
  {
    type: INSTANCE,
    properties: ["deletionProtection"],
    update: "in-place",
    sets: "protection.enabled, on the primary and on the replica (true in staging and prod, false in dev).",
    lifecycle:
      "RDS refuses to delete the instance while it is on; changes apply in place. For a replica, the provider's own acceptance test is skipped because CreateDBInstanceReadReplica ignored the setting at creation (AWS confirmed this in 2018): the first deploy may leave it off, and the next pulumi up, comparing with the state read back, turns it on through ModifyDBInstance (not verified without an account).",
    sources: [`${API}/API_ModifyDBInstance.html`, "https://github.com/hashicorp/terraform-provider-aws/pull/6011"],
  },
  {
    type: INSTANCE,
    properties: ["skipFinalSnapshot", "finalSnapshotIdentifier"],
    update: "in-place",
    sets:
      "Primary: a final snapshot only with protection on (staging, prod), named <identifier>-final-<random hex drawn with each creation>; with protection off (dev) skipFinalSnapshot is true, because the snapshot would be encrypted with the database's key, which the same destroy schedules for deletion. Replica: skipFinalSnapshot true and no identifier.",
    lifecycle:
      "Read by the provider only when it deletes the instance: changing them updates the state, not the cloud. RDS needs an identifier when the snapshot is not skipped, refuses one already taken (DBSnapshotAlreadyExists), and refuses a final snapshot of a read replica. Final snapshots stay after the deletion, usable only while their key is (platform limits aws-rds-final-snapshot-unique, aws-rds-no-final-snapshot-of-replica, aws-rds-final-snapshot-key-retained).",
    sources: [`${API}/API_DeleteDBInstance.html`, "https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys.html"],
  },
  {
    type: INSTANCE,
    properties: ["deleteAutomatedBackups"],
    update: "in-place",
    sets: "false on the primary: its automated backups outlive a deletion, as retained automated backups.",
    lifecycle:
      "Read at deletion only. RDS's default, and the provider's (true), remove the automated backups with the instance; false keeps them for the retention period the instance had, restorable to a new instance. They are encrypted with the database's key: in dev, whose key the destroy schedules for deletion, they can be restored only after that deletion is cancelled.",
    sources: [`${API}/API_DeleteDBInstance.html`, `${GUIDE}/USER_WorkingWithAutomatedBackups.Retaining.html`],
  },
  {
    type: INSTANCE,
    properties: ["backupRetentionPeriod", "backupWindow"],
    update: "in-place",
    sets:
      "Primary only: retention snapshots.pointInTimeDays (1 to 35) and the daily window 02:00-03:00 UTC (src/domain/windows). Ignored after creation when AWS Backup continuous backup manages them (ignoreChanges), since AWS Backup then sets both (CloudFormation's coverage roadmap, issue 2167, reports both as drift once AWS Backup manages an instance's point-in-time backups). AWS documents no window AWS Backup sets: the package assumes it follows the continuous rule's daily start and start window, and starts that rule at 02:00 with a 60-minute start window, so both readings give 02:00-03:00 (limit aws-backup-continuous-rule-window-clear). The replica sets neither.",
    lifecycle:
      "A source of replicas must keep a retention above 0 (platform limit aws-rds-replication-needs-backups). A change between two non-zero retentions, and a window change, apply as soon as possible; the window lasts at least 30 minutes and must not overlap the maintenance window (aws-rds-backup-window). RDS creates replicas with backups off; the runbook sets a retention when it promotes one.",
    sources: [`${API}/API_ModifyDBInstance.html`, `${API}/API_CreateDBInstanceReadReplica.html`, `${GUIDE}/USER_ManagingAutomatedBackups.html`, "https://github.com/aws-cloudformation/cloudformation-coverage-roadmap/issues/2167"],
  },
  {
    type: INSTANCE,
    properties: ["maintenanceWindow"],
    update: "in-place",
    sets: "sun:04:00-sun:05:00 UTC on both, clear of the backup window.",
    lifecycle:
      "Changes apply as soon as possible; pending changes (this package sets no applyImmediately) wait for this window. CreateDBInstanceReadReplica takes no window, so the provider sets the replica's with a ModifyDBInstance right after creating it.",
    sources: [`${API}/API_ModifyDBInstance.html`, `${PROVIDER}/rds/instance.go`],
  },
  {
    type: INSTANCE,
    properties: ["autoMinorVersionUpgrade", "copyTagsToSnapshot"],
    update: "in-place",
    sets: "true on both: minor engine upgrades in the maintenance window (the shipped version is a major prefix, so an upgrade is no drift), and the instance's tags on its snapshots.",
    lifecycle:
      "In place. A replica would take autoMinorVersionUpgrade from its source but not copyTagsToSnapshot (off by default), so both are set on it. An automatic minor upgrade causes an outage in the maintenance window.",
    sources: [`${API}/API_CreateDBInstanceReadReplica.html`, `${API}/API_ModifyDBInstance.html`],
  },
  {
    type: INSTANCE,
    properties: ["enabledCloudwatchLogsExports"],
    update: "in-place",
    sets: "The engine's logs: postgresql and upgrade; agent and error for SQL Server; alert, audit, listener and trace for Oracle. The same on the replica.",
    lifecycle: "A change to the exported logs always applies at once, whatever applyImmediately says. RDS refuses a log type the engine does not have.",
    sources: [`${API}/API_CreateDBInstance.html`, `${API}/API_ModifyDBInstance.html`],
  },
  {
    type: INSTANCE,
    properties: ["performanceInsightsEnabled", "performanceInsightsKmsKeyId", "performanceInsightsRetentionPeriod"],
    update: "in-place",
    sets: "On, encrypted with the database's key (the DR key on the replica), kept 7 days (the retention without extra charge).",
    lifecycle:
      "Without a key RDS uses the account's default key of the Region. The retention takes 7, a multiple of 31 up to 23 months, or 731 days; RDS refuses any other value. Changes apply in place.",
    sources: [`${API}/API_CreateDBInstance.html`, `${API}/API_CreateDBInstanceReadReplica.html`],
  },
  {
    type: INSTANCE,
    properties: ["replicateSourceDb"],
    update: "in-place",
    sets: "Replica only: the primary's ARN (a cross-Region replica names its source by ARN).",
    lifecycle:
      "RDS copies the source's engine, version, master user and data, with backups off; the source must have automated backups. In the provider, removing it promotes the replica to a standalone instance; after a promotion done by hand (the runbook), refresh the state before the next update.",
    sources: [`${API}/API_CreateDBInstanceReadReplica.html`, `${API}/API_PromoteReadReplica.html`, `${PROVIDER}/rds/instance.go`],
  },

  // ----- aws:rds/parameterGroup:ParameterGroup (cenm-db-params, cenm-db-dr-params)
  {
    type: PARAMETER_GROUP,
    properties: ["family"],
    update: "replaces",
    sets: "The engine family of the configured version (postgres16, sqlserver-se-16.0, oracle-ee-19...), from src/domain/engines.",
    lifecycle:
      "Forces a replacement in the provider: a major version upgrade brings a group of the new family. A group can only serve instances of its family, and cannot be deleted while an instance uses it (the provider retries the deletion for three minutes).",
    sources: [`${PROVIDER}/rds/parameter_group.go`, `${API}/API_CreateDBParameterGroup.html`, `${API}/API_DeleteDBParameterGroup.html`],
  },
  {
    type: PARAMETER_GROUP,
    properties: ["parameters"],
    update: "in-place",
    sets: "rds.force_ssl = 1 for PostgreSQL (apply immediate) and SQL Server (apply pending-reboot: a static parameter there); none for Oracle, whose TLS is an option.",
    lifecycle:
      "In place: changed parameters are modified in chunks, removed ones reset to the engine default. Pending-reboot values take effect at the instance's next reboot; the instance shows the group pending-reboot until then.",
    sources: [`${PROVIDER}/rds/parameter_group.go`, `${GUIDE}/PostgreSQL.Concepts.General.SSL.html`, `${GUIDE}/SQLServer.Concepts.General.SSL.Using.html`],
  },
  {
    type: PARAMETER_GROUP,
    properties: ["description"],
    update: "replaces",
    sets: "What the group does, e.g. \"CENM database cenm-db: TLS forced\".",
    lifecycle:
      "Forces a replacement in the provider: a new description creates a new group (autonamed), moves the instance to it (its values apply at the next reboot) and deletes the old one.",
    sources: [`${PROVIDER}/rds/parameter_group.go`],
  },

  // ----- aws:rds/subnetGroup:SubnetGroup (cenm-db-subnets, cenm-db-dr-subnets)
  {
    type: SUBNET_GROUP,
    properties: ["subnetIds", "description"],
    update: "in-place",
    sets: "One private subnet per configured zone (primary), or per DR zone (the replica's group in the DR region), and what the group is for.",
    lifecycle:
      "RDS needs subnets in at least two zones of the Region, takes new subnets and a new description in place, and refuses to delete a group an instance still uses.",
    sources: [`${API}/API_CreateDBSubnetGroup.html`, `${API}/API_ModifyDBSubnetGroup.html`, `${API}/API_DeleteDBSubnetGroup.html`],
  },

  // ----- Paths no shipped AWS stack takes
  {
    type: OPTION_GROUP,
    properties: ["engineName", "majorEngineVersion", "optionGroupDescription", "options"],
    update: { engineName: "replaces", majorEngineVersion: "replaces", optionGroupDescription: "replaces", options: "in-place" },
    when: "engine is oracle",
    sets:
      "For Oracle: a group of the engine and major version with the SSL option on port 2484, TLS 1.2 (SQLNET.SSL_VERSION), open to the database's security group only; the security group admits 2484 alone, so the plain 1521 listener is unreachable.",
    lifecycle:
      "Option changes apply at the instance's next maintenance window unless applied immediately; the SSL option's security groups belong to the primary's VPC, which is why the cross-Region replica gets no copy of it. Engine, version and description are fixed at creation in the provider (a change replaces the group, which cannot be deleted while an instance uses it).",
    sources: [`${GUIDE}/Appendix.Oracle.Options.SSL.html`, `${API}/API_CreateOptionGroup.html`, `${API}/API_ModifyDBInstance.html`],
  },
  {
    type: BACKUPS_REPLICATION,
    properties: ["sourceDbInstanceArn", "kmsKeyId", "retentionPeriod"],
    update: "replaces",
    when: "database.drBackupReplication is on (no shipped AWS stack)",
    sets: "The primary's automated backups replicated to the DR region, encrypted with the DR key, kept as long as the primary's (snapshots.pointInTimeDays).",
    lifecycle:
      "DB instances only (platform limit aws-rds-no-backup-replication-of-multi-az-cluster); not declared beside AWS Backup continuous backup of the same instance (aws-rds-backup-replication-not-with-continuous-backup); the key must be of the DR region (aws-rds-cross-region-key). Destroying it stops the replication.",
    sources: [`${API}/API_StartDBInstanceAutomatedBackupsReplication.html`, `${API}/API_StopDBInstanceAutomatedBackupsReplication.html`, `${GUIDE}/USER_ReplicateBackups.html`],
  },

  // ----- aws:secretsmanager: the generated master credential (database.masterPassword generated: staging, prod)
  {
    type: SECRET,
    properties: ["kmsKeyId", "description"],
    update: "in-place",
    sets: "Encrypted with the database's customer-managed key (protected and its deletion denied outside dev); described as the master user's credential.",
    lifecycle:
      "Without a key Secrets Manager uses aws/secretsmanager. Both change in place (UpdateSecret re-encrypts the current versions with a new key). The secret is protected and retained on delete with the rest of the stateful resources.",
    sources: ["https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html", "https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_UpdateSecret.html"],
  },
  {
    type: SECRET,
    properties: ["replicas"],
    update: "in-place",
    sets: "One replica in the DR region, encrypted with the DR key, when the database has DR copies: after a region loss the password of the promoted replica (the same master user) is read there. None otherwise.",
    lifecycle:
      "Adding or removing a region updates in place. The caller needs kms:Decrypt on the primary key and kms:Encrypt and GenerateDataKey on the DR key. A replica can be read in its Region and promoted to a standalone secret there (StopReplicationToReplica). Before deleting the secret the provider removes its replicas, which Secrets Manager deletes at once.",
    sources: [
      "https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_ReplicateSecretToRegions.html",
      "https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_StopReplicationToReplica.html",
      `${PROVIDER}/secretsmanager/secret.go`,
    ],
  },
  {
    type: SECRET,
    properties: ["recoveryWindowInDays"],
    update: "in-place",
    sets: "30 days, the longest Secrets Manager allows (src/domain/limits: SECRETS_MANAGER_RECOVERY_WINDOW_DAYS).",
    lifecycle:
      "Read only when the provider deletes the secret: it stays restorable for 30 days (RestoreSecret) and its name stays taken meanwhile; the autonamed name of a rebuilt stack differs, so no clash.",
    sources: ["https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_DeleteSecret.html"],
  },
  {
    type: SECRET_VERSION,
    properties: ["secretId", "secretString"],
    update: "replaces",
    sets:
      "The secret's value in RDS's own shape, {\"username\": \"cenmdba\", \"password\": ...}, as a Pulumi secret, written after the database has taken the password (dependsOn), so that a failed change of the database leaves the secret on the password it still has. Not protected.",
    lifecycle:
      "Both force a replacement in the provider: a new password puts a new version that takes the AWSCURRENT label (the old one AWSPREVIOUS), then the old resource's labels are removed. The provider reads the value back, so a change made outside Pulumi shows on refresh.",
    sources: [`${PROVIDER}/secretsmanager/secret_version.go`, "https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_PutSecretValue.html"],
  },

  // ----- aws:cloudwatch/metricAlarm:MetricAlarm (cenm-db-dr-replica-lag, in the DR region)
  {
    type: ALARM,
    properties: ["namespace", "metricName", "dimensions", "statistic"],
    update: "in-place",
    sets: "AWS/RDS ReplicaLag of the cross-Region replica, by DBInstanceIdentifier (its identifier), Maximum per period.",
    lifecycle:
      "RDS publishes ReplicaLag per read replica, in the replica's Region, under DBInstanceIdentifier; a primary or a Multi-AZ standby publishes none (platform limit aws-cloudwatch-replica-lag-dimension). PutMetricAlarm creates or entirely rewrites the alarm in place.",
    sources: [`${GUIDE}/rds-metrics.html`, "https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html"],
  },
  {
    type: ALARM,
    properties: ["period", "evaluationPeriods", "datapointsToAlarm", "threshold", "comparisonOperator"],
    update: "in-place",
    sets: "Alarm when 3 of the last 5 one-minute maxima exceed database.replicaLagAlarmSeconds (greater than the threshold).",
    lifecycle:
      "A period is 10, 20, 30 seconds or a multiple of 60; datapointsToAlarm is the M of an M-out-of-N alarm. A new alarm starts in INSUFFICIENT_DATA; an update keeps the current state.",
    sources: ["https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html"],
  },
  {
    type: ALARM,
    properties: ["treatMissingData"],
    update: "in-place",
    sets: "breaching: a replica that stops reporting its lag has stopped replicating, and that alarms too.",
    lifecycle:
      "Missing points count as above the threshold. It therefore alarms while the replica is still being created and stays in ALARM after a promotion (a standalone instance reports no ReplicaLag) until the alarm is removed or the replica replaced.",
    sources: ["https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html#alarms-and-missing-data", "https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html"],
  },
  {
    type: ALARM,
    properties: ["alarmActions", "okActions", "alarmDescription"],
    update: "in-place",
    sets: "The DR-region alert topic for both the ALARM and the OK transitions, and a description naming the database and the threshold.",
    lifecycle:
      "CloudWatch publishes to the topic with the alarm's ARN as source, which the topic policy must admit (aws-sns-service-publisher-conditions). Actions run on a transition into the state, once. Changes rewrite the alarm in place.",
    sources: ["https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html", "https://repost.aws/knowledge-center/cloudwatch-receive-sns-for-alarm-trigger"],
  },
];
