/** Dossier rows (see ../types.ts) of AWS Backup (vaults, locks, plans, selections, notifications, restore testing), its EventBridge rules and IAM roles. */
import type { DossierRow } from "../types";

const BACKUP = (page: string) => `https://docs.aws.amazon.com/aws-backup/latest/devguide/${page}.html`;
const PROVIDER = (file: string) => `https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service/${file}`;
const IAM_API = (operation: string) => `https://docs.aws.amazon.com/IAM/latest/APIReference/API_${operation}.html`;
const EVENTS_API = (operation: string) => `https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_${operation}.html`;

export const BACKUP_ROWS: readonly DossierRow[] = [
  // Vaults: the primary vault (primary.region) and, with DR copies, the DR vault (dr.region), each with its own key.
  {
    type: "aws:backup/vault:Vault",
    properties: ["kmsKeyArn"],
    update: "replaces",
    sets:
      "Each vault's own customer-managed key in the vault's region (SnapshotSchedule's -vault-key and -dr-vault-key), whose policy denies ScheduleKeyDeletion and DisableKey to every principal but the break-glass role: a vault lock does not stop the deletion of the key that encrypts the recovery points.",
    lifecycle:
      "CreateBackupVault takes the key once; the provider forces a new vault when it changes, and DeleteBackupVault is refused while the vault holds any recovery point, so a new key means a new vault next to the old one, not an edit. A second deploy makes no call. Destroy deletes the vault only once it is empty (see forceDestroy).",
    sources: [BACKUP("API_CreateBackupVault"), BACKUP("API_DeleteBackupVault"), PROVIDER("backup/vault.go")],
  },
  {
    type: "aws:backup/vault:Vault",
    properties: ["forceDestroy"],
    update: "in-place",
    sets:
      "true only where protection is off and the lock is in governance mode (dev, the sandbox), so that pulumi destroy can empty the vault; false wherever protection is on or the lock is in compliance mode.",
    lifecycle:
      "A provider-only setting, no AWS call and no replacement when it changes. On destroy with true, the provider deletes every recovery point of the vault, then the vault; AWS refuses to delete a recovery point before its retention ends while a lock applies, so this works only once the governance lock is gone (the lock configuration depends on the vault and is deleted first). With false, DeleteBackupVault is refused while recovery points remain.",
    sources: [PROVIDER("backup/vault.go"), BACKUP("API_DeleteBackupVault")],
  },
  // Vault locks.
  {
    type: "aws:backup/vaultLockConfiguration:VaultLockConfiguration",
    properties: ["backupVaultName"],
    update: "replaces",
    sets: "The name Pulumi gives the vault it locks (the primary or the DR vault), taken from the vault resource. The lock is deleted before it is replaced (deleteBeforeReplace).",
    lifecycle:
      "PutBackupVaultLockConfiguration on that vault; the provider keeps the vault's name as the lock's id, forces a new lock when it changes and has no update. Because the old and the new lock share that id, creating the new one first and deleting the old one afterwards would delete the new one: the package deletes first. A second deploy makes no call.",
    sources: [BACKUP("API_PutBackupVaultLockConfiguration"), PROVIDER("backup/vault_lock_configuration.go")],
  },
  {
    type: "aws:backup/vaultLockConfiguration:VaultLockConfiguration",
    properties: ["minRetentionDays", "maxRetentionDays"],
    update: "replaces",
    sets:
      "Fixed bounds, the same on both vaults: snapshots.lock.minRetentionDays and maxRetentionDays, by default 1 day (AWS's shortest, so the hourly rule kept a day fits) and 2557 days (seven years, the longest the package keeps anything), not the rules' own retentions. Config validation and the component refuse a rule or copy kept outside them (the limit aws-backup-vault-lock-covers-retention).",
    lifecycle:
      "They apply to backup and copy jobs into the vault from then on: a job kept shorter than the minimum or longer than the maximum fails; recovery points already in the vault are not affected. The provider forces a new lock on any change (no update), so bounds that followed the rules would make a retention change replace the lock, which AWS refuses for a compliance lock past its grace time; fixed bounds make retention changes plain plan updates. A second deploy makes no call.",
    sources: [BACKUP("API_PutBackupVaultLockConfiguration"), PROVIDER("backup/vault_lock_configuration.go")],
  },
  {
    type: "aws:backup/vaultLockConfiguration:VaultLockConfiguration",
    properties: ["changeableForDays"],
    update: "replaces",
    sets:
      "snapshots.lock.changeableForDays in compliance mode (prod: 3, AWS's minimum), absent in governance mode (dev, staging); the dev preset refuses compliance. Setting it is what makes the lock compliance mode.",
    lifecycle:
      "Sets the lock date that many days after the call. Until then the lock can be changed or deleted; from then on it is immutable, and DeleteBackupVaultLockConfiguration answers InvalidRequestException. Without it the lock can be changed or deleted at any time by a principal allowed to. The provider forces a new lock on any change and does not read it back, so a second deploy makes no call; a preview that replaces a compliance lock is refused by the limit aws-backup-compliance-lock-replaced. Destroy of a compliance lock past its lock date fails (and the lock is protected outside dev).",
    sources: [BACKUP("API_PutBackupVaultLockConfiguration"), BACKUP("API_DeleteBackupVaultLockConfiguration"), PROVIDER("backup/vault_lock_configuration.go")],
  },
  // Vault notifications.
  {
    type: "aws:backup/vaultNotifications:VaultNotifications",
    properties: ["backupVaultName", "snsTopicArn"],
    update: "replaces",
    sets: "The primary vault, and the primary region's alert topic (AlertTopic), a standard topic of the same account whose policy lets backup.amazonaws.com publish without conditions.",
    lifecycle:
      "PutBackupVaultNotifications; AWS Backup does not notify topics of another account or FIFO topics. The provider forces a new resource on any change (no update) and keeps the vault's name as its id, so the package deletes the old notifications before putting the new ones (deleteBeforeReplace), or the deletion of the old would remove the new. A second deploy makes no call; destroy calls DeleteBackupVaultNotifications.",
    sources: [BACKUP("API_PutBackupVaultNotifications"), BACKUP("backup-notifications"), PROVIDER("backup/vault_notifications.go")],
  },
  {
    type: "aws:backup/vaultNotifications:VaultNotifications",
    properties: ["backupVaultEvents"],
    update: "replaces",
    sets:
      "COPY_JOB_FAILED and S3_BACKUP_OBJECT_FAILED, the supported events sent for failures alone (BACKUP_JOB_FAILED and RESTORE_JOB_FAILED are accepted but deprecated and never sent); S3_BACKUP_OBJECT_FAILED concerns S3 backups, which the package does not make, and never fires here. Not BACKUP_JOB_COMPLETED nor RESTORE_JOB_COMPLETED: AWS Backup sends them for every finished job, completed, failed or expired alike (the job's state in the message attribute State), which with hourly snapshots would mail the on-call list every hour. Failed, aborted and expired backup and copy jobs and failed or aborted restores reach the same topic through the EventBridge rules; AWS's other way, an SNS filter policy on State, would also drop the alarms and EventBridge messages the topic carries, which have no such attribute.",
    lifecycle: "Part of PutBackupVaultNotifications; a changed list replaces the notifications (deleted first, as above). A second deploy makes no call.",
    sources: [BACKUP("API_PutBackupVaultNotifications"), BACKUP("backup-notifications"), "https://repost.aws/knowledge-center/aws-backup-failed-job-notification"],
  },
  // Backup plans.
  {
    type: "aws:backup/plan:Plan",
    properties: ["rules"],
    update: "in-place",
    sets:
      "Two plans: <name>-plan for the database (or <name>-local-plan, without copy actions, for an RDS Multi-AZ DB cluster, which AWS Backup cannot copy) and <name>-files-plan for the EFS file system, since a plan's rules apply to every resource its selections name. The database's plan has up to four rules, all into the primary vault, in UTC (scheduleExpressionTimezone Etc/UTC), start window 60 minutes: continuous-pitr (enableContinuousBackup, kept pointInTimeDays) starting daily at the start of the RDS backup window (02:00; the hour before daily.hourUtc when no window is known), hourly-every-N h (the slots whose start window would meet the RDS backup window or the continuous rule's start window left out), daily at daily.hourUtc and monthly on the 1st at that hour, each kept its retentionDays; completion windows 480, 120, 480 and 1440 minutes; recovery point tags of the stack plus cenm-backup:rule. The file system's plan has the same hourly, daily and monthly rules with no slot left out and no continuous rule: no RDS backup window concerns it, and AWS Backup keeps continuous recovery points of RDS, Aurora, S3 and SAP HANA only, so a continuous rule would only add a daily snapshot; its hourly jobs are thus scheduled an hour apart in prod, where in the shared plan the skipped 02:00 slot made two. Each job may start anywhere within its 60-minute start window and AWS Backup runs one backup of a resource at a time, so two recovery points can be up to the interval plus the start window apart (2 hours in prod): the RPO the audit gives these snapshots (scheduledGapSeconds in the figures table), above aws-prod's 1 h malicious-deletion target. With DR copies each snapshot rule copies to the DR vault, kept as long as its source but at most drCopy.retentionDays; the continuous rule copies only when no daily copy of the same day is kept as long (not in any shipped stack), since a second DR snapshot of that day would add storage and nothing else.",
    lifecycle:
      "CreateBackupPlan, then UpdateBackupPlan in place for any rule change (a new plan version). The continuous rule's recovery point is the database's automated backups, kept 1 to 35 days; its copy actions take a snapshot at each run of its schedule and copy it, leaving a periodic snapshot in the destination (no point-in-time restore there) and deleting the temporary source snapshot. Copies keep the source's creation date, so their retention counts from it. A job starts within the start window and is cancelled past the completion window. A continuous rule's schedule sets when AWS Backup maintains and syncs its recovery point (AWS's retention page); once it manages an RDS instance's automated backups, AWS Backup also manages the instance's backup window, where AWS documents nothing: the package assumes the window follows that rule's start window and keeps every snapshot rule clear of it (limit aws-backup-continuous-rule-window-clear), as of the declared window (aws-backup-start-window-outside-rds-backup-window). RDS counts AWS Backup's snapshots as manual DB snapshots but not against its manual snapshot quota, so the rules' snapshots and copies take none of it. A second deploy makes no call; DeleteBackupPlan is refused until its selections are deleted (the provider retries while they go).",
    sources: [BACKUP("API_BackupRuleInput"), "https://docs.aws.amazon.com/efs/latest/ug/awsbackup.html", BACKUP("point-in-time-recovery-retention-period"), BACKUP("point-in-time-recovery-copying"), BACKUP("recov-point-create-a-copy"), "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_Limits.html", PROVIDER("backup/plan.go")],
  },
  // Selections.
  {
    type: "aws:backup/selection:Selection",
    properties: ["planId", "iamRoleArn", "resources"],
    update: "replaces",
    sets:
      "One selection per plan naming its resources by ARN: the database in <name>-selection (a Multi-AZ DB cluster in <name>-local-selection), the EFS file system in <name>-files-selection, all assumed by the SnapshotSchedule role, which carries AWS's two AWS Backup service-role policies.",
    lifecycle:
      "CreateBackupSelection; a listed ARN is selected (any of them). The provider forces a new selection on any change (there is no update): the new selection is created, then the old one deleted, under a new id, and AWS Backup keeps backing up through the change. It retries while IAM has not yet propagated the new role. A second deploy makes no call; destroy deletes the selection before its plan.",
    sources: [BACKUP("API_BackupSelection"), BACKUP("API_CreateBackupSelection"), PROVIDER("backup/selection.go")],
  },
  // Restore testing.
  {
    type: "aws:backup/restoreTestingPlan:RestoreTestingPlan",
    properties: ["name"],
    update: "replaces",
    sets:
      "<component>_<stack>_restore_tests in letters, digits and underscores (cenm_snapshots_aws_prod_restore_tests), a long stack name shortened with a digest of itself so that the name stays within 50 characters. AWS keeps the name unique per account and region, so it carries the stack: staging and prod in one account would otherwise collide (limits aws-name-carries-stack and aws-resource-name-syntax).",
    lifecycle:
      "Given to CreateRestoreTestingPlan and never changeable: the provider replaces the plan when it changes (the new one created first), and with it every restore testing selection, which names its plan. Restore tests hold no data, so a rename loses nothing. A second deploy makes no call; DeleteRestoreTestingPlan is refused until its selections are gone.",
    sources: [BACKUP("API_RestoreTestingPlanForCreate"), BACKUP("API_UpdateRestoreTestingPlan"), PROVIDER("backup/restore_testing_plan.go")],
  },
  {
    type: "aws:backup/restoreTestingPlan:RestoreTestingPlan",
    properties: ["scheduleExpression", "scheduleExpressionTimezone"],
    update: "in-place",
    sets: "snapshots.restoreTesting.scheduleExpression (every preset: cron(0 6 ? * SUN *), Sundays 06:00), in Etc/UTC; config validation checks the cron expression.",
    lifecycle: "UpdateRestoreTestingPlan changes both in place. AWS starts the tests at the scheduled time; a second deploy makes no call.",
    sources: [BACKUP("API_RestoreTestingPlanForCreate"), PROVIDER("backup/restore_testing_plan.go")],
  },
  {
    type: "aws:backup/restoreTestingPlan:RestoreTestingPlan",
    properties: ["recoveryPointSelection"],
    update: "in-place",
    sets:
      "LATEST_WITHIN_WINDOW among the recovery points of the primary vault only (includeVaults), created within the last 7 days (selectionWindowDays; AWS's default would be 30), of type SNAPSHOT, plus CONTINUOUS when continuous backup is on: each test restores the newest recovery point of each selected resource, so it proves the primary vault's latest backup, not the DR copies.",
    lifecycle: "Updated in place by UpdateRestoreTestingPlan (all five fields may change). A second deploy makes no call.",
    sources: [BACKUP("API_RestoreTestingRecoveryPointSelection"), BACKUP("API_UpdateRestoreTestingPlan")],
  },
  {
    type: "aws:backup/restoreTestingSelection:RestoreTestingSelection",
    properties: ["name", "restoreTestingPlanName"],
    update: "replaces",
    sets:
      "One selection per resource, named <component>_rds_<i> or <component>_efs_<i> (letters, digits, underscores), in the stack's restore testing plan. A selection's name need only be unique within its plan, which carries the stack.",
    lifecycle: "Both fixed at creation: the provider replaces the selection when either changes (a new plan name follows a renamed plan). A second deploy makes no call; destroy deletes the selections before the plan.",
    sources: [BACKUP("API_RestoreTestingSelectionForCreate"), PROVIDER("backup/restore_testing_selection.go")],
  },
  {
    type: "aws:backup/restoreTestingSelection:RestoreTestingSelection",
    properties: ["protectedResourceType", "protectedResourceArns"],
    update: "replaces",
    sets:
      "RDS with the database's ARN, or EFS with the file system's ARN (one ARN each, no conditions: AWS takes ARNs or conditions, not both). A change of ARN (a replaced database) replaces the selection, the old one deleted first since the name stays (replaceOnChanges, deleteBeforeReplace).",
    lifecycle:
      "The type is fixed at creation (the provider replaces the selection). The provider's update sends the role, conditions, metadata overrides and validation window but never protectedResourceArns, so without the replacement a new ARN would reach the state but not AWS and the tests would keep restoring the old resource. A second deploy makes no call.",
    sources: [BACKUP("API_RestoreTestingSelectionForCreate"), BACKUP("API_UpdateRestoreTestingSelection"), PROVIDER("backup/restore_testing_selection.go")],
  },
  {
    type: "aws:backup/restoreTestingSelection:RestoreTestingSelection",
    properties: ["iamRoleArn"],
    update: "in-place",
    sets: "The SnapshotSchedule role, which AWS Backup assumes to create the restored resource; it carries AWSBackupServiceRolePolicyForRestores.",
    lifecycle: "Updated in place by UpdateRestoreTestingSelection. A second deploy makes no call.",
    sources: [BACKUP("API_RestoreTestingSelectionForCreate"), PROVIDER("backup/restore_testing_selection.go")],
  },
  {
    type: "aws:backup/restoreTestingSelection:RestoreTestingSelection",
    properties: ["restoreMetadataOverrides"],
    update: "in-place",
    sets:
      "For the database: dbSubnetGroupName and vpcSecurityGroupIds (a JSON list) of the package's own DB subnet group and security group, so that the restored instance lands in the data VPC. For EFS: none, so AWS's inferred metadata applies (a new file system, encrypted with the AWS managed EFS key, not the package's).",
    lifecycle:
      "Without overrides AWS Backup infers metadata, placing an RDS restore in the default VPC, and the restore fails where that VPC has been deleted. Updated in place by UpdateRestoreTestingSelection; keys are not case sensitive. The attribute is optional and computed: after CreateRestoreTestingSelection the provider reads the selection back (GetRestoreTestingSelection) and stores what AWS returns, so keys returned in another case would show as a lasting diff (each deploy an update). The keys are given in the camelCase AWS's inferred-metadata page uses, as the provider's own acceptance test does (instanceType), whose apply and refresh Terraform would fail on an inconsistent result: evidence that AWS returns keys as sent, not verified here without an account; the sandbox proof's refreshed no-change preview would show such a diff. A second deploy makes no call.",
    sources: [BACKUP("restore-testing-inferred-metadata"), BACKUP("API_RestoreTestingSelectionForCreate"), PROVIDER("backup/restore_testing_selection.go"), PROVIDER("backup/restore_testing_selection_test.go")],
  },
  {
    type: "aws:backup/restoreTestingSelection:RestoreTestingSelection",
    properties: ["validationWindowHours"],
    update: "in-place",
    sets: "snapshots.restoreTesting.validationWindowHours: 4 hours in dev and staging, 8 in prod (the sandbox 1); the package takes 1 to 168, as the provider validates (AWS's API text says 0 to 168).",
    lifecycle: "The hours the restored resource is kept for a validation script before AWS Backup deletes it (earlier if validation completes). Updated in place. A second deploy makes no call.",
    sources: [BACKUP("API_RestoreTestingSelectionForCreate"), PROVIDER("backup/restore_testing_selection.go")],
  },
  // EventBridge: failed jobs.
  {
    type: "aws:cloudwatch/eventRule:EventRule",
    properties: ["eventPattern"],
    update: "in-place",
    sets:
      "Two rules on source aws.backup in the primary region: -failures takes Backup Job State Change and Copy Job State Change with detail.state FAILED, ABORTED or EXPIRED; -restore-failures takes Restore Job State Change (restore tests included) with detail.status FAILED or ABORTED. Backup and copy job events carry the job's state in state, restore job events in status, as the AWS Backup API names them; a rule testing state for restore jobs would match none (limit aws-backup-job-event-field).",
    lifecycle:
      "PutRule creates or updates the rule of that name on the default bus; a changed pattern is an in-place update. AWS Backup sends these events best effort, every 5 minutes. A second deploy makes no call; destroy deletes the targets, then the rule.",
    sources: [BACKUP("eventbridge"), EVENTS_API("PutRule"), PROVIDER("events/rule.go")],
  },
  {
    type: "aws:cloudwatch/eventRule:EventRule",
    properties: ["description"],
    update: "in-place",
    sets: "What each rule forwards: failed, aborted or expired backup and copy jobs; failed or aborted restore jobs, restore tests included.",
    lifecycle: "Part of PutRule (at most 512 characters in the provider); changed in place. A second deploy makes no call.",
    sources: [EVENTS_API("PutRule"), PROVIDER("events/rule.go")],
  },
  {
    type: "aws:cloudwatch/eventTarget:EventTarget",
    properties: ["rule", "arn"],
    update: { rule: "replaces", arn: "in-place" },
    sets:
      "Each failure rule's one target: the primary region's alert topic, whose policy lets events.amazonaws.com publish without conditions and whose key lets EventBridge encrypt (AlertTopic), the conditions EventBridge cannot satisfy being refused by the limits on topic and key policies.",
    lifecycle:
      "PutTargets; the provider forces a new target when the rule changes (and draws the target id itself, also fixed), and changes the ARN in place. A second deploy makes no call; destroy calls RemoveTargets before the rule is deleted.",
    sources: [EVENTS_API("PutTargets"), PROVIDER("events/target.go"), "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html"],
  },
  // IAM: the AWS Backup role (SnapshotSchedule) and the S3 replication role of the key escrow (OfflineKeyVault).
  {
    type: "aws:iam/role:Role",
    properties: ["assumeRolePolicy"],
    update: "in-place",
    sets:
      "Trust for one service principal and nothing else: backup.amazonaws.com for the SnapshotSchedule role (no aws:SourceAccount condition: AWS does not document that AWS Backup supplies it when assuming a role, and a condition on a missing key would stop every job), s3.amazonaws.com for the key escrow's replication role.",
    lifecycle:
      "CreateRole takes the trust policy; a change is UpdateAssumeRolePolicy in place (the provider retries while a new principal propagates and ignores equivalent JSON). The role's name is Pulumi's auto-name (unique per account, where IAM roles live; IAM is global, so no region). A second deploy makes no call; on destroy the attachments and inline policies, resources of their own that depend on the role, go first, then DeleteRole.",
    sources: [IAM_API("CreateRole"), IAM_API("UpdateAssumeRolePolicy"), PROVIDER("iam/role.go")],
  },
  {
    type: "aws:iam/role:Role",
    properties: ["description"],
    update: "in-place",
    sets: "What the role is for: AWS Backup's backups, copies and restores of the CENM database and file system, or S3 replication of the key escrow into the DR region.",
    lifecycle: "UpdateRoleDescription in place (at most 1000 characters). A second deploy makes no call.",
    sources: [IAM_API("UpdateRoleDescription"), PROVIDER("iam/role.go")],
  },
  {
    type: "aws:iam/rolePolicy:RolePolicy",
    properties: ["role", "policy"],
    update: { role: "replaces", policy: "in-place" },
    sets:
      "The key escrow's replication role only: read the escrow bucket's replication configuration and object versions, replicate into the DR replica bucket, decrypt with the escrow key and encrypt with the DR key only through S3 of each region (kms:ViaService) and for the two buckets (the S3 encryption context): the permissions S3 documents for a replication role, for objects encrypted with KMS keys.",
    lifecycle:
      "PutRolePolicy creates and updates the inline policy in place (same call); the provider forces a new policy when the role changes, and its name is Pulumi's auto-name. A second deploy makes no call (equivalent JSON is ignored); destroy calls DeleteRolePolicy.",
    sources: [IAM_API("PutRolePolicy"), PROVIDER("iam/role_policy.go"), "https://docs.aws.amazon.com/AmazonS3/latest/userguide/setting-repl-config-perm-overview.html"],
  },
  {
    type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    properties: ["role", "policyArn"],
    update: "replaces",
    sets:
      "The SnapshotSchedule role gets AWS's managed AWSBackupServiceRolePolicyForBackup and AWSBackupServiceRolePolicyForRestores, their ARNs built with the deploying account's partition (arn:<partition>:iam::aws:policy/service-role/...).",
    lifecycle:
      "AttachRolePolicy; the provider forces a new attachment when either changes (no update) and DetachRolePolicy removes it on destroy. AWS maintains the managed policies' content, so what the role may do can change without a deploy. A second deploy makes no call.",
    sources: [IAM_API("AttachRolePolicy"), PROVIDER("iam/role_policy_attachment.go"), BACKUP("security-iam-awsmanpol")],
  },
];
