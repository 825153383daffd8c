/**
 * Args of the Azure components. Like the AWS side: structural choices are plain values validated before anything
 * is registered; references to other resources are `pulumi.Input`s. Azure files are type-checked in their own
 * program (tsconfig.azure.json) so that azure-native's large type definitions never load with the AWS side.
 *
 * As on the AWS side, every type here is one Pulumi's schema inference accepts (the component package in
 * src/plugin takes these args as they are): named interfaces for nested values, a constant object with a type of
 * the same name for each choice, no args interface built with `Omit` or `&`.
 */
import * as pulumi from "@pulumi/pulumi";
import type { Environment, FileService, FilesBackupTier, LockMode, OfflineCopy, SmbAccess, Topology } from "../../domain/vocabulary";
import type { ProtectionArgs, ServiceDatabase } from "../types";
import type { ClientContext } from "./client";

/** What every Azure component takes, AzureNetwork included. */
export interface AzureRegionalArgs {
  /**
   * dev, staging or prod: decides locks and protection where the args leave them open.
   */
  environment: Environment;
  /** Primary region, e.g. westeurope. Every child carries an explicit `location`. */
  location: string;
  /** DR region, e.g. northeurope. */
  drLocation: string;
  /**
   * Deletion protection of stateful children (Pulumi protect and retainOnDelete, CanNotDelete locks outside dev).
   */
  protection: ProtectionArgs;
  /**
   * Tags of every taggable child.
   * @default {}
   */
  tags?: Record<string, string>;
}

/** What every Azure component but AzureNetwork takes. */
export interface AzureCommonArgs extends AzureRegionalArgs {
  /** Resource group of the primary region's resources. */
  resourceGroupName: pulumi.Input<string>;
  /** Resource group of the DR region's resources. */
  drResourceGroupName: pulumi.Input<string>;
  /**
   * Tenant, subscription and principal of the deploying credentials, looked up once by the program and shared.
   * @default the component looks them up itself (azure-native getClientConfig)
   */
  client?: pulumi.Input<ClientContext>;
  /**
   * Step 1 of 2 of a new stack: declare what Azure accepts only on a resource that already exists in its
   * creatable form. Immutability (escrow accounts' policies, backup vaults) is declared Unlocked, because Azure
   * creates an immutability policy only Disabled or Unlocked and locks it by a later update. The Data Protection
   * backup vault is declared without its customer-managed key and without the server's backup instance, because
   * the key is unwrapped by the vault's own system-assigned identity, which exists only once the vault does and
   * must hold its key role before encryption is set. Likewise the file store's Recovery Services vault, when it
   * holds vaulted backups, is declared without its key, without the account's registration and without protected
   * shares (Azure takes its key only before anything is registered in it). The next deployment, without this,
   * locks, encrypts and starts the backups.
   * @default false
   */
  firstDeployment?: boolean;
}

export interface AzureNetworkArgs extends AzureRegionalArgs {
  /**
   * Zones of the primary region the database uses (checked against the region).
   */
  availabilityZones: string[];
  /** Address space of the primary virtual network. */
  vnetCidr: string;
  /** Address space of the DR virtual network. */
  drVnetCidr: string;
  /** The CENM subnets admitted to the database and file endpoints. */
  clientCidrs: string[];
  /**
   * E-mail receivers of the action group.
   * @default []
   */
  alertEmails?: string[];
}

/** The database engines the Azure database component declares (Oracle has no azure-native resource). */
export const AzureEngine = {
  /** Azure Database for PostgreSQL flexible server. */
  Postgres: "postgres",
  /** Azure SQL logical servers. */
  SqlServer: "sqlserver",
} as const;
export type AzureEngine = (typeof AzureEngine)[keyof typeof AzureEngine];

/** Compute tiers of a PostgreSQL flexible server. */
export const FlexibleServerTier = {
  Burstable: "Burstable",
  GeneralPurpose: "GeneralPurpose",
  MemoryOptimized: "MemoryOptimized",
} as const;
export type FlexibleServerTier = (typeof FlexibleServerTier)[keyof typeof FlexibleServerTier];

/** What a Microsoft Entra administrator of the database is. */
export const EntraPrincipalType = {
  Group: "group",
  User: "user",
  ServicePrincipal: "servicePrincipal",
} as const;
export type EntraPrincipalType = (typeof EntraPrincipalType)[keyof typeof EntraPrincipalType];

export interface AzureDatabaseArgs extends AzureCommonArgs {
  /**
   * The reason of a written waiver that lets the server run an engine version CENM does not support but the cloud
   * offers (the stack's `db-engine-version` waiver). With it such a version is accepted with a warning.
   * @default none (only versions CENM supports)
   */
  engineVersionWaiver?: string;
  /**
   * Zones of the primary region: the server in the first, its zone-redundant standby in the second.
   */
  availabilityZones: string[];
  /**
   * postgres (a flexible server) or sqlserver (Azure SQL logical servers).
   */
  engine: AzureEngine;
  /**
   * Engine version, e.g. "16" (PostgreSQL) or "12.0" (the Azure SQL logical server version).
   */
  engineVersion: string;
  /**
   * multi-az-instance (zone-redundant high availability) or single-az-instance.
   */
  topology: Topology;
  /** SKU name, e.g. Standard_D4ds_v5. */
  sku: string;
  /**
   * Flexible-server tier.
   * @default read from the SKU's series (B: Burstable, E: MemoryOptimized, others: GeneralPurpose)
   */
  tier?: FlexibleServerTier;
  /**
   * Storage, GiB (PostgreSQL: one of Azure's fixed sizes up to 32767).
   */
  storageGb: number;
  /**
   * Point-in-time backup retention, days (PostgreSQL 7-35, Azure SQL 1-35).
   */
  pointInTimeDays: number;
  /** Geo-redundant backup (PostgreSQL) / GeoZone backup redundancy (SQL). */
  geoRedundantBackup: boolean;
  /** Read replica in the DR region with a virtual endpoint (PostgreSQL) / failover group (SQL). */
  crossRegionReplica: boolean;
  /** Subnet delegated to PostgreSQL flexible servers, primary and DR. */
  delegatedSubnetId: pulumi.Input<string>;
  /**
   * Subnet of the DR region delegated to flexible servers, for the geo read replica.
   */
  drDelegatedSubnetId: pulumi.Input<string>;
  /**
   * Private DNS zone of the flexible servers (linked to both virtual networks). With high availability, keep the
   * zone, its record sets and its resource group free of management locks (platform limit
   * `azure-postgres-dns-zone-unlocked-with-ha`), and manage it from a resource group outside the primary region, as
   * `AzureNetwork` does, so that a region loss leaves it writable.
   */
  privateDnsZoneId: pulumi.Input<string>;
  /** Subnet for private endpoints (SQL servers), primary and DR; and the privatelink zone of SQL. */
  endpointsSubnetId: pulumi.Input<string>;
  /**
   * Subnet of the DR region for the SQL server's private endpoint.
   */
  drEndpointsSubnetId: pulumi.Input<string>;
  /**
   * The privatelink.database.windows.net zone of the SQL private endpoints (required for sqlserver).
   * @default none
   */
  sqlPrivateDnsZoneId?: pulumi.Input<string>;
  /**
   * Each CENM service's database and user (each service its own).
   */
  databases: ServiceDatabase[];
  /** Action group alerted on replica lag and server health. */
  actionGroupId: pulumi.Input<string>;
  /**
   * With a PostgreSQL DR read replica: the write-ahead log, in MiB, the primary may hold ahead of its replica before
   * the replica-lag alert fires (Azure's Max Physical Replication Lag, in bytes, published on the primary). Not the
   * replica's lag in seconds, which Azure measures as the time since its last replayed transaction and which so
   * grows while the primary writes nothing.
   * @default 16 (one WAL segment, PostgreSQL's default segment size)
   */
  replicaLagAlarmMiB?: number;
  /**
   * Display name of the Microsoft Entra principal (preferably a group) that administers the server(s). Give it
   * together with `entraAdminObjectId`; required for PostgreSQL. SQL Server default: the deploying principal.
   * @default none (required for PostgreSQL; SQL Server: "cenm-backup-deployer")
   */
  entraAdminLogin?: string;
  /**
   * Object id of that Entra principal. Required for PostgreSQL (password authentication is off, so the server
   * needs an Entra administrator); for SQL Server, default: the object id of the deploying principal.
   * @default none (required for PostgreSQL; SQL Server: the deploying principal)
   */
  entraAdminObjectId?: string;
  /**
   * What the Entra administrator is.
   * @default "group"
   */
  entraAdminPrincipalType?: EntraPrincipalType;
}

/** The backup vault's daily full backup of a flexible server (a backup a day: the finest cadence the service offers). */
export interface AzureDailyBackups {
  /** Kept for the shape shared with AWS: the vault takes its daily full backup either way. */
  enabled: boolean;
  /** Days each daily backup is kept. */
  retentionDays: number;
  /** Hour of the day (UTC, 0-23) the daily backup starts. */
  hourUtc: number;
}

/** The backup vault's monthly retention: the first backup of each month, tagged Monthly. */
export interface AzureMonthlyBackups {
  /** Whether monthly backups are tagged and kept longer. */
  enabled: boolean;
  /** Days each monthly backup is kept. */
  retentionDays: number;
}

/**
 * Hourly backups, kept for the shape shared with AWS: the vault offers no hourly rule for a flexible server, so
 * none is declared (the server's own point-in-time restore covers the hours).
 */
export interface AzureHourlyBackups {
  /** Whether hourly backups are asked for (declared nowhere on Azure). */
  enabled: boolean;
  /** Hours between two backups. */
  everyHours: number;
  /** Days each backup would be kept. */
  retentionDays: number;
}

/** The DR copy of a backup vault: geo-redundant storage with cross-region restore. */
export interface AzureDrCopy {
  /** Whether the vault is geo-redundant with cross-region restore. */
  enabled: boolean;
  /**
   * Days asked for a DR recovery point (checked, 1 or more): a geo-redundant vault keeps its copies as long as
   * the primary points, so no separate retention is declared.
   */
  retentionDays: number;
}

/** The immutability and soft delete of a vault. */
export interface AzureVaultLock {
  /** compliance (immutability Locked, soft delete AlwaysOn: irreversible) or governance (Unlocked, On). */
  mode: LockMode;
}

export interface AzureSnapshotScheduleArgs extends AzureCommonArgs {
  /**
   * The PostgreSQL flexible server to back up (omit for SQL, whose backups are the database's own).
   * @default none (SQL engine: no backup instance)
   */
  postgresServerId?: pulumi.Input<string>;
  /**
   * Name of the flexible server, for the backup instance's data source.
   * @default the last segment of postgresServerId
   */
  postgresServerName?: pulumi.Input<string>;
  /**
   * The flexible server's declared storage, GiB, checked against the largest server Azure Backup supports for
   * vaulted backups (1 TB).
   * @default not checked
   */
  postgresStorageGb?: number;
  /**
   * Subnet of the DR region for the restore account's blob private endpoint, the way the people restoring reach the
   * dump files (given with blobPrivateDnsZoneId).
   * @default none: the restore account gets no private endpoint
   */
  drEndpointsSubnetId?: pulumi.Input<string>;
  /**
   * The privatelink.blob.core.windows.net zone the restore account's private endpoint registers in.
   * @default none (see drEndpointsSubnetId)
   */
  blobPrivateDnsZoneId?: pulumi.Input<string>;
  /**
   * The database's own point-in-time window, days: a flexible server's backup retention (7-35), which the vault's
   * daily backups complement, or an Azure SQL database's short-term retention (1-35).
   */
  pointInTimeDays: number;
  /**
   * The vault's full backup, daily at hourUtc, kept retentionDays (the service takes at most one backup a day of
   * this datasource).
   */
  daily: AzureDailyBackups;
  /**
   * The first backup of each month tagged Monthly and kept retentionDays.
   */
  monthly: AzureMonthlyBackups;
  /** Hourly backups, which the service does not offer for a flexible server: none is declared. */
  hourly: AzureHourlyBackups;
  /**
   * A geo-redundant vault with cross-region restore (its recovery points are kept as long as the primary ones).
   */
  drCopy: AzureDrCopy;
  /**
   * compliance (immutability Locked, soft delete AlwaysOn: irreversible) or governance (Unlocked, On).
   */
  lock: AzureVaultLock;
  /**
   * Action group alerted on failed backup jobs.
   */
  actionGroupId: pulumi.Input<string>;
}

/** The kinds of Active Directory account a storage account can be joined as. */
export const AdAccountType = {
  /** A computer account. */
  Computer: "Computer",
  /** A service logon (user) account. */
  User: "User",
} as const;
export type AdAccountType = (typeof AdAccountType)[keyof typeof AdAccountType];

/** The storage account's identity in an Active Directory domain (AD DS authentication of Azure Files). */
export interface ActiveDirectoryArgs {
  /**
   * DNS name of the domain, e.g. corp.example.com.
   */
  domainName: string;
  /**
   * NetBIOS name of the domain.
   */
  netBiosDomainName: string;
  /**
   * DNS name of the forest.
   */
  forestName: string;
  /**
   * GUID of the domain.
   */
  domainGuid: string;
  /**
   * Security identifier of the domain.
   */
  domainSid: string;
  /** SID of the storage account's computer or service account in the domain. */
  azureStorageSid: string;
  /**
   * sAMAccountName of the storage account's account in the domain.
   */
  samAccountName: string;
  /**
   * Whether that account is a computer account or a service logon (user) account.
   */
  accountType: AdAccountType;
}

/** Storage SKUs of the Azure file store. */
export const FileStorageSku = {
  /** Premium file shares, synchronous across zones. */
  PremiumZrs: "Premium_ZRS",
  /** Standard file shares, synchronous across zones plus an asynchronous copy in the paired region. */
  StandardGzrs: "Standard_GZRS",
} as const;
export type FileStorageSku = (typeof FileStorageSku)[keyof typeof FileStorageSku];

export interface AzureFileStoreArgs extends AzureCommonArgs {
  /**
   * Premium_ZRS (FileStorage, zones only) or Standard_GZRS (zones plus an asynchronous copy in the paired region).
   */
  storageSku: FileStorageSku;
  /**
   * How the CENM hosts mount their shares: "storage-key" (the account key over SMB 3.1.1, any Linux host), "ad-ds"
   * (Kerberos from the operator's Active Directory, domain-joined Linux hosts; needs `activeDirectory`) or
   * "entra-kerberos" (Entra-joined Windows clients with hybrid identities only). See the component's TSDoc.
   */
  smbAccess: SmbAccess;
  /**
   * With `smbAccess` "ad-ds": the storage account's identity in the domain.
   * @default none (required with smbAccess ad-ds)
   */
  activeDirectory?: ActiveDirectoryArgs;
  /**
   * CENM services whose whole directory lives on the shares, one share cenm-<service> each.
   */
  services: FileService[];
  /**
   * Make the share backup vault geo-redundant. With the snapshot tier it also gets cross-region restore (it holds
   * only the snapshots' catalogue); with the vault-standard tier it does not, since its customer-managed key rules
   * cross-region restore out (platform limit azure-recovery-vault-cmk-cross-region-restore), so the copy in the
   * paired region is not restorable by the operator. The account itself reaches the paired region only on
   * Standard_GZRS; snapshot-tier backups never leave the account.
   */
  drReplication: boolean;
  /**
   * "vault-standard": each day's recovery point is copied into the Recovery Services vault (it survives the
   * account's deletion and is covered by the vault's lock; with a customer-managed key the vault has no cross-region restore); needs
   * shared-key access, so `smbAccess` "storage-key". "snapshot": share snapshots kept in the storage account only
   * (they die with the account, whatever the vault). See the component's TSDoc. Choose it before the first
   * deployment: the vault-standard tier encrypts the vault with a key, which Azure sets only while nothing is
   * registered in the vault, and Microsoft's support matrix lists moving protected shares from snapshot to vaulted
   * backup in a few regions only (not westeurope); switching an existing stack means a new vault.
   */
  backupTier: FilesBackupTier;
  /**
   * Subnet of the storage account's private endpoint.
   */
  endpointsSubnetId: pulumi.Input<string>;
  /**
   * The privatelink.file zone the private endpoint registers in.
   */
  filePrivateDnsZoneId: pulumi.Input<string>;
  /**
   * Days each daily recovery point is kept: in the vault (vault-standard, 1-9999) or as a share snapshot in the
   * account (snapshot, 1-200).
   */
  dailyRetentionDays: number;
  /**
   * compliance (vault immutability Locked, soft delete AlwaysON) or governance.
   */
  lock: AzureVaultLock;
  /**
   * Action group that receives the Recovery Services vault's alerts for failed share backup jobs, through an alert
   * processing rule scoped to the vault.
   * @default none (no rule is declared, and the vault's Azure Monitor alerts notify nobody)
   */
  actionGroupId?: pulumi.Input<string>;
}

export interface AzureKeyVaultArgs extends AzureCommonArgs {
  /**
   * The reason of a written waiver that lets a prod stack keep fewer than two separate copies of the signing keys
   * (the stack's `keys-two-copies` waiver). With it the component warns instead of refusing.
   * @default none (a prod stack needs two copies)
   */
  keyCopiesWaiver?: string;

  /** Subnet with no route to the Internet for the Key Vault and escrow endpoints, primary and DR. */
  vaultSubnetId: pulumi.Input<string>;
  /**
   * The DR region's subnet with no route to the Internet, for the DR escrow's endpoint.
   */
  drVaultSubnetId: pulumi.Input<string>;
  /**
   * The privatelink.vaultcore zone of the Key Vault's private endpoint.
   */
  vaultPrivateDnsZoneId: pulumi.Input<string>;
  /**
   * The privatelink.blob zone of the escrow accounts' private endpoints.
   */
  blobPrivateDnsZoneId: pulumi.Input<string>;
  /**
   * Version-level immutability period of the escrowed key material, days.
   */
  escrowRetentionDays: number;
  /**
   * compliance (immutability Locked from the second deployment) or governance (Unlocked). A dev stack with
   * protection off and governance gets escrows without immutability, so that `pulumi destroy` can delete them
   * with their contents.
   */
  lockMode: LockMode;
  /**
   * A second escrow account in the DR region (a separate copy of the keys).
   */
  drReplica: boolean;
  /**
   * The escrow accounts' change feed (a record of every change to their blobs, kept in a container of the account).
   * An escrow enabled for version-level immutability is deleted only once it holds no container, so a stack torn
   * down with protection off needs it false, from the accounts' creation (platform limit
   * azure-immutable-account-deleted-empty).
   * @default true
   */
  escrowChangeFeed?: boolean;
  /**
   * Copies of the signing keys outside the cloud: recorded and exported, never created.
   * @default []
   */
  offlineCopies?: OfflineCopy[];
}
