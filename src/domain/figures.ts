/**
 * The recovery figures: every RPO, RTO, failover time and copy delay the package states, each once, with where it
 * comes from. A documented figure carries the link of the cloud documentation page it is read from; every other
 * figure is this package's assumption and says why. Components (the `copies` they describe), the plan summary,
 * the audit's facts and its scenarios all read these entries, so one copy has one figure everywhere.
 */
import { DAY, formatDuration, HOUR, MINUTE as MIN } from "./durations";

/** One figure, in seconds, and where it comes from. */
export interface Figure {
  seconds: number;
  /** True when the cloud's documentation gives the figure; false when it is this package's assumption. */
  documented: boolean;
  /** What the figure rests on, in words. */
  source: string;
  /** The documentation page a documented figure is read from (or, for an assumption, the page it leans on). */
  url?: string;
}

/**
 * Every figure the package states. Documented figures come from the clouds' documentation (`url`); the others are
 * this package's assumptions and say so.
 */
export const FIGURES = {
  synchronousRpo: {
    seconds: 0,
    documented: true,
    source: "AWS: a synchronous (or semi-synchronous) standby acknowledges every commit before the writer returns, so a failover loses no committed transaction",
    url: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZSingleStandby.html",
  },
  rdsClusterFailover: {
    seconds: 35,
    documented: true,
    source: "AWS: a Multi-AZ DB cluster typically fails over in under 35 seconds",
    url: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/multi-az-db-clusters-concepts-failover.html",
  },
  rdsInstanceFailover: {
    seconds: 120,
    documented: true,
    source: "AWS: a Multi-AZ DB instance fails over in 60 to 120 seconds (the upper bound is used)",
    url: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZ.Failover.html",
  },
  rdsPointInTimeRpo: {
    seconds: 5 * MIN,
    documented: true,
    source: "AWS: RDS uploads transaction logs every five minutes, so the latest restorable time trails the present by up to 5 minutes",
    url: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PIT.html",
  },
  rdsRestoreRto: {
    seconds: HOUR,
    documented: false,
    source: "assumption of this package: restoring an RDS database (point in time or snapshot, in either region) to a new instance or cluster and repointing CENM takes 1 hour; AWS documents no figure and it grows with the database size",
  },
  backupCopyTime: {
    seconds: HOUR,
    documented: false,
    source: "assumption of this package: an AWS Backup copy to the DR vault completes within 1 hour of its recovery point; AWS documents no figure",
  },
  awsBackupShortestInterval: {
    seconds: HOUR,
    documented: true,
    source: "AWS: AWS Backup schedules snapshot backups at most once an hour (console, cron expression or CLI alike), so a rule's recovery points are at best an hour apart",
    url: "https://docs.aws.amazon.com/aws-backup/latest/devguide/plan-options-and-configuration.html",
  },
  rdsCrossRegionReplicaRpo: {
    seconds: 5 * MIN,
    documented: false,
    source: "assumption of this package: a cross-region read replica lags by at most 5 minutes; AWS gives no figure (only that lag is higher across regions), and the replica-lag alarm pages well before",
    url: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.XRgn.html",
  },
  rdsReplicaPromotionRto: {
    seconds: 15 * MIN,
    documented: false,
    source: "assumption of this package: promoting a cross-region read replica (AWS: a reboot taking a few minutes, longer for large replicas) and repointing CENM takes 15 minutes",
    url: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.Promote.html",
  },
  rdsDrAutomatedBackupsRpo: {
    seconds: 30 * MIN,
    documented: true,
    source: "AWS: automated backups replicated to another region restore there with an RPO of about 5 to 30 minutes (the upper bound is used)",
    url: "https://docs.aws.amazon.com/prescriptive-guidance/latest/dr-standard-edition-amazon-rds/rds-pitr-snapshot.html",
  },
  efsRegionalRpo: {
    seconds: 0,
    documented: true,
    source: "AWS: a regional EFS file system stores data in several zones before acknowledging fsync or close",
    url: "https://docs.aws.amazon.com/efs/latest/ug/availability-durability.html",
  },
  efsRegionalRto: {
    seconds: 0,
    documented: false,
    source: "assumption of this package: CENM hosts in the surviving zones keep using their own zone's mount target, so the file system stays available",
  },
  efsNewMountTargetRto: {
    seconds: 10 * MIN,
    documented: false,
    source: "assumption of this package: adding a mount target in a surviving zone and remounting takes 10 minutes",
  },
  efsReplicationRpo: {
    seconds: 15 * MIN,
    documented: true,
    source: "AWS: EFS replication has an RPO of 15 minutes for most file systems",
    url: "https://docs.aws.amazon.com/efs/latest/ug/efs-replication.html",
  },
  efsReplicationFailoverRto: {
    seconds: 15 * MIN,
    documented: false,
    source: "assumption of this package: failing over to the EFS replica (deleting the replication to make it writable) and remounting takes 15 minutes",
  },
  efsRestoreRto: {
    seconds: HOUR,
    documented: false,
    source: "assumption of this package: restoring an EFS recovery point to a new file system and remounting takes 1 hour; AWS documents no figure",
  },
  s3RtcRpo: {
    seconds: 15 * MIN,
    documented: true,
    source: "AWS: S3 Replication Time Control replicates 99.99% of objects within 15 minutes",
    url: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-time-control.html",
  },
  cloudTrailDelivery: {
    seconds: 5 * MIN,
    documented: true,
    source: "AWS: CloudTrail delivers a trail's log file about 5 minutes after the API call on average, with no guarantee (it retries a bucket it cannot reach for 30 days)",
    url: "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/get-and-view-cloudtrail-log-files.html",
  },
  keyCopyRpo: {
    seconds: 0,
    documented: false,
    source: "assumption of this package: signing keys change only at key ceremonies, after which every copy is refreshed, so a surviving copy holds the current keys",
  },
  escrowRetrievalRto: {
    seconds: 4 * HOUR,
    documented: false,
    source: "assumption of this package: fetching wrapped key material from the escrow bucket and importing it into an HSM under two-person control takes 4 hours",
  },
  archiveRetrievalRto: {
    seconds: 12 * HOUR,
    documented: true,
    source: "AWS: a standard retrieval from S3 Glacier Deep Archive completes within 12 hours (applied to an escrow replica that S3 writes in an archived class, GLACIER or DEEP_ARCHIVE: the slower class's time bounds both)",
    url: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/restoring-objects-retrieval-options.html",
  },
  hsmClusterRto: {
    seconds: 0,
    documented: false,
    source: "assumption of this package: the CloudHSM cluster keeps its keys synchronised on HSMs in two zones, so the surviving HSM keeps signing",
    url: "https://docs.aws.amazon.com/cloudhsm/latest/userguide/cluster-architecture.html",
  },
  offlineRetrievalRto: {
    seconds: DAY,
    documented: false,
    source: "assumption of this package: custodians retrieve an offline copy from its safe and restore it under two-person control within 24 hours",
  },
  azurePostgresHaFailover: {
    seconds: 120,
    documented: true,
    source: "Azure: a PostgreSQL flexible server with zone-redundant high availability fails over to its synchronous standby in 60 to 120 seconds (the upper bound is used)",
    url: "https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-high-availability",
  },
  azurePostgresHaRpo: {
    seconds: 0,
    documented: true,
    source: "Azure: a PostgreSQL flexible server with zone-redundant high availability commits each transaction on its standby in another zone before acknowledging it",
    url: "https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-high-availability",
  },
  azureSqlZoneRpo: {
    seconds: 0,
    documented: true,
    source: "Azure: a zone-redundant Azure SQL database commits each write on replicas in other zones of its region",
    url: "https://learn.microsoft.com/azure/azure-sql/database/high-availability-sla-local-zone-redundancy",
  },
  azureSqlZoneFailover: {
    seconds: 120,
    documented: false,
    source: "assumption of this package: a zone-redundant Azure SQL database fails over to a replica in another zone within 120 seconds, as a flexible server does; Azure documents no figure",
  },
  azurePostgresPointInTimeRpo: {
    seconds: 5 * MIN,
    documented: true,
    source: "Azure: flexible-server point-in-time restore replays the archived transaction log, with an RPO under 5 minutes",
    url: "https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-backup-restore",
  },
  azureSqlPointInTimeRpo: {
    seconds: 10 * MIN,
    documented: true,
    source: "Azure: Azure SQL Database takes transaction-log backups about every 10 minutes, so a point-in-time restore can trail the present by that much",
    url: "https://learn.microsoft.com/azure/azure-sql/database/automated-backups-overview",
  },
  azurePostgresRestoreRto: {
    seconds: HOUR,
    documented: false,
    source: "assumption of this package: restoring a flexible server (point in time, geo-restore or from a vault) to a new server and repointing CENM takes 1 hour; Azure documents no figure",
  },
  azurePostgresGeoBackupRpo: {
    seconds: HOUR,
    documented: true,
    source: "Azure: a flexible server's backups and transaction logs reach the paired region asynchronously with up to one hour of delay, so a geo-restore can lose up to one hour",
    url: "https://learn.microsoft.com/azure/postgresql/backup-restore/concepts-backup-restore",
  },
  azurePostgresReplicaRpo: {
    seconds: 5 * MIN,
    documented: false,
    source: "assumption of this package: a flexible-server read replica in another region lags by at most 5 minutes (Azure: typically minutes)",
  },
  azurePostgresReplicaPromotionRto: {
    seconds: 15 * MIN,
    documented: false,
    source: "assumption of this package: promoting a flexible-server read replica and repointing CENM takes 15 minutes; Azure documents no figure",
  },
  azureSqlFailoverGroupRpo: {
    seconds: 5,
    documented: true,
    source: "Azure: an Azure SQL failover group replicates asynchronously with an RPO of 5 seconds",
    url: "https://learn.microsoft.com/azure/azure-sql/database/failover-group-sql-db",
  },
  azureSqlFailoverGroupRto: {
    seconds: HOUR,
    documented: true,
    source: "Azure: an Azure SQL failover group has an RTO of 1 hour",
    url: "https://learn.microsoft.com/azure/azure-sql/database/failover-group-sql-db",
  },
  azureStorageZrsRpo: {
    seconds: 0,
    documented: true,
    source: "Azure: zone-redundant storage (ZRS, GZRS) writes every request synchronously to three zones before acknowledging it",
    url: "https://learn.microsoft.com/azure/storage/common/storage-redundancy",
  },
  azureStorageZrsRto: {
    seconds: 0,
    documented: false,
    source: "assumption of this package: a zone-redundant account keeps serving its shares from the surviving zones, so CENM hosts keep their mounts",
  },
  azureStorageGeoRpo: {
    seconds: 15 * MIN,
    documented: true,
    source: "Azure: geo-redundant storage (GRS, GZRS) copies to the paired region asynchronously, typically within 15 minutes, with no SLA",
    url: "https://learn.microsoft.com/azure/storage/common/storage-disaster-recovery-guidance",
  },
  azureStorageFailoverRto: {
    seconds: HOUR,
    documented: false,
    source: "assumption of this package: a customer-initiated failover of the storage account to the paired region and remounting takes 1 hour",
  },
  azurePostgresVaultBackupInterval: {
    seconds: DAY,
    documented: true,
    source: "Azure: Azure Backup takes at most one vaulted backup of a PostgreSQL flexible server a day, and the package schedules it daily, so the newest recovery point in the vault is at most a day old",
    url: "https://learn.microsoft.com/azure/backup/backup-azure-database-postgresql-flex-use-rest-api-create-update-policy",
  },
  azureFilesShortestBackupInterval: {
    seconds: 4 * HOUR,
    documented: false,
    source: "assumption of this package: an Azure Files backup policy takes a recovery point at most every 4 hours (hourly schedules repeat every 4, 6, 8 or 12 hours as the azurerm provider validates them; Microsoft's pages give no shorter interval)",
    url: "https://github.com/hashicorp/terraform-provider-azurerm/blob/main/internal/services/recoveryservices/backup_policy_file_share_resource.go",
  },
  azureVaultGeoCopyTime: {
    seconds: 36 * HOUR,
    documented: false,
    source: "assumption of this package: a geo-redundant backup vault makes a recovery point restorable in the paired region within 36 hours; Azure publishes no figure for this replication",
  },
  azureFilesRestoreRto: {
    seconds: HOUR,
    documented: false,
    source: "assumption of this package: restoring Azure file shares from a Recovery Services vault and remounting takes 1 hour; Azure documents no figure",
  },
  azureKeyVaultRto: {
    seconds: 0,
    documented: false,
    source: "assumption of this package: a premium Key Vault keeps its HSM-backed keys available across the zones of its region, so signing continues",
  },
} as const satisfies Record<string, Figure>;

export type FigureName = keyof typeof FIGURES;

/**
 * The recovery point of a scheduled backup rule: the longest gap between two of its recovery points. A job may start
 * at any moment of the start window that follows its scheduled time (AWS Backup keeps it CREATED until it starts, or
 * cancels it when the window ends), so two jobs of a rule can be the interval plus the start window apart: the first
 * starting on time, the next at the end of its window. A rule without a start window (Azure's backup policies, which
 * document none) is its interval alone. A job that fails or expires, or is refused because an earlier one still runs
 * (AWS Backup runs one backup of a resource at a time), leaves a longer gap, which the failed-job alerts report.
 */
export const SCHEDULED_START_WINDOW = {
  source: "AWS: a scheduled backup job starts at any moment within its rule's start window after the scheduled time, or is cancelled when the window ends",
  url: "https://docs.aws.amazon.com/aws-backup/latest/devguide/API_BackupRuleInput.html",
} as const;

/** The longest gap between two recovery points of a rule with this interval and start window (see SCHEDULED_START_WINDOW). */
export function scheduledGapSeconds(intervalHours: number, startWindowMinutes: number | undefined): number {
  return intervalHours * HOUR + (startWindowMinutes ?? 0) * MIN;
}

/** That gap as a figure: documented as far as the schedule is the stack's own and the start window AWS's rule. */
export function scheduledGapFigure(rule: { intervalHours: number; startWindowMinutes?: number; schedule?: string }): Figure {
  const schedule = rule.schedule ? ` (${rule.schedule})` : "";
  if (rule.startWindowMinutes === undefined || rule.startWindowMinutes <= 0) {
    return { seconds: scheduledGapSeconds(rule.intervalHours, undefined), documented: true, source: `the stack's own schedule: one recovery point every ${formatDuration(rule.intervalHours * HOUR)} at worst${schedule}` };
  }
  return {
    seconds: scheduledGapSeconds(rule.intervalHours, rule.startWindowMinutes),
    documented: true,
    source: `the stack's own schedule, one job every ${formatDuration(rule.intervalHours * HOUR)}${schedule}, plus its ${formatDuration(rule.startWindowMinutes * MIN)} start window: ${SCHEDULED_START_WINDOW.source}`,
    url: SCHEDULED_START_WINDOW.url,
  };
}

/** What a figure rests on, with its page: "AWS: ... (https://...)". */
export function figureBasis(f: Figure): string {
  return `${f.source}${f.url ? `; ${f.url}` : ""}`;
}

/** A figure as the plan and the copies state it: "5 min (assumption of this package: ...)". */
export function describeFigure(f: Figure): string {
  return `${formatDuration(f.seconds)} (${figureBasis(f)})`;
}
