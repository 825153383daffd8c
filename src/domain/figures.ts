/**
 * The recovery figures: every RPO, RTO, failover time and copy delay the package states, each once, with where it
 * comes from. A documented figure carries the link of the cloud documentation page it is read from; every other
 * figure is this package's assumption and says why. Components (the `copies` they describe), the plan summary,
 * the audit's facts and its scenarios all read these entries, so one copy has one figure everywhere.
 */
import { HOUR, DAY, MINUTE as MIN } from "./durations";

/** One figure, in seconds, and where it comes from. */
export interface Figure {
  seconds: number;
  /** True when AWS documents the figure; false when it is this package's assumption. */
  documented: boolean;
  source: string;
}



/**
 * Every figure the scenarios use. Documented figures come from the AWS documentation (see REFERENCE.md,
 * section 3); the others are this package's assumptions and say so.
 */
export const FIGURES = {
  synchronousRpo: {
    seconds: 0,
    documented: true,
    source: "AWS: a synchronous (or semi-synchronous) standby acknowledges every commit before the writer returns, so a failover loses no committed transaction",
  },
  rdsClusterFailover: {
    seconds: 35,
    documented: true,
    source: "AWS: a Multi-AZ DB cluster typically fails over in under 35 seconds",
  },
  rdsInstanceFailover: {
    seconds: 120,
    documented: true,
    source: "AWS: a Multi-AZ DB instance fails over in 60 to 120 seconds (the upper bound is used)",
  },
  rdsPointInTimeRpo: {
    seconds: 5 * MIN,
    documented: true,
    source: "AWS: RDS uploads transaction logs every five minutes, so the latest restorable time trails the present by up to 5 minutes",
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
  rdsCrossRegionReplicaRpo: {
    seconds: 5 * MIN,
    documented: false,
    source: "assumption of this package: a cross-region read replica lags by at most 5 minutes (the replica-lag alarm watches it); AWS documents no figure",
  },
  rdsReplicaPromotionRto: {
    seconds: 15 * MIN,
    documented: false,
    source: "assumption of this package: promoting a cross-region read replica and repointing CENM takes 15 minutes; AWS documents no figure",
  },
  rdsDrAutomatedBackupsRpo: {
    seconds: 15 * MIN,
    documented: false,
    source: "assumption of this package: replicated automated backups are restorable in the DR region to within 15 minutes of the source; AWS documents no figure",
  },
  efsRegionalRpo: {
    seconds: 0,
    documented: true,
    source: "AWS: a regional EFS file system stores data in several zones before acknowledging fsync or close",
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
    source: "AWS: a standard retrieval from S3 Glacier Deep Archive completes within 12 hours (this package's escrow replica uses DEEP_ARCHIVE; assumed for any DR escrow replica)",
  },
  hsmClusterRto: {
    seconds: 0,
    documented: false,
    source: "assumption of this package: the CloudHSM cluster keeps its keys synchronised on HSMs in two zones, so the surviving HSM keeps signing",
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
  },
  azurePostgresPointInTimeRpo: {
    seconds: 5 * MIN,
    documented: true,
    source: "Azure: flexible-server point-in-time restore replays the archived transaction log, with an RPO under 5 minutes",
  },
  azurePostgresRestoreRto: {
    seconds: HOUR,
    documented: false,
    source: "assumption of this package: restoring a flexible server (point in time, geo-restore or from a vault) to a new server and repointing CENM takes 1 hour; Azure documents no figure",
  },
  azurePostgresGeoBackupRpo: {
    seconds: HOUR,
    documented: false,
    source: "assumption of this package: geo-redundant backups restore in the paired region to within 1 hour of the primary; Azure documents no RPO for flexible-server geo-restore",
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
  },
  azureSqlFailoverGroupRto: {
    seconds: HOUR,
    documented: true,
    source: "Azure: an Azure SQL failover group has an RTO of 1 hour",
  },
  azureStorageZrsRpo: {
    seconds: 0,
    documented: true,
    source: "Azure: zone-redundant storage (ZRS, GZRS) writes every request synchronously to three zones before acknowledging it",
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
  },
  azureStorageFailoverRto: {
    seconds: HOUR,
    documented: false,
    source: "assumption of this package: a customer-initiated failover of the storage account to the paired region and remounting takes 1 hour",
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
