/**
 * Args of the Azure components. Like the AWS side: structural choices are plain values validated before anything
 * is registered; references to other resources are `pulumi.Input`s. Azure files are type-checked in their own
 * program (tsconfig.azure.json) so that azure-native's large type definitions never load with the AWS side.
 */
import * as pulumi from "@pulumi/pulumi";
import type { Environment, FileService, LockMode, OfflineCopy, SmbAccess, Topology } from "../../domain/vocabulary";
import type { ProtectionArgs } from "../types";
import type { ClientContext } from "./client";

export interface AzureCommonArgs {
  /**
   * dev, staging or prod: decides locks and protection where the args leave them open.
   */
  environment: Environment;
  /** Primary region, e.g. westeurope. Every child carries an explicit `location`. */
  location: string;
  /** DR region, e.g. northeurope. */
  drLocation: string;
  /** Resource group of the primary region's resources. */
  resourceGroupName: pulumi.Input<string>;
  /** Resource group of the DR region's resources. */
  drResourceGroupName: pulumi.Input<string>;
  /**
   * Deletion protection of stateful children (Pulumi protect and retainOnDelete, CanNotDelete locks outside dev).
   */
  protection: ProtectionArgs;
  /**
   * Tags of every taggable child.
   * @default {}
   */
  tags?: Record<string, string>;
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
   * must hold its key role before encryption is set. The next deployment, without this, locks and encrypts.
   * @default false
   */
  firstDeployment?: boolean;
}

export interface AzureNetworkArgs extends Omit<AzureCommonArgs, "resourceGroupName" | "drResourceGroupName" | "client" | "firstDeployment"> {
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
  engine: "postgres" | "sqlserver";
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
  tier?: "Burstable" | "GeneralPurpose" | "MemoryOptimized";
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
  /** Private DNS zone of the flexible servers (linked to both virtual networks). */
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
  databases: { service: string; name: string; user: string }[];
  /** Action group alerted on replica lag and server health. */
  actionGroupId: pulumi.Input<string>;
  /**
   * Replica lag, in seconds, above which the replica-lag alert fires.
   */
  replicaLagAlarmSeconds: number;
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
  entraAdminPrincipalType?: "group" | "user" | "servicePrincipal";
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
   * The database's own point-in-time window, days: a flexible server's backup retention (7-35), which the vault's
   * weekly backups complement, or an Azure SQL database's short-term retention (1-35).
   */
  pointInTimeDays: number;
  /**
   * The vault's full backup, weekly at hourUtc on Sundays, kept retentionDays (the service offers weekly backups for
   * this datasource).
   */
  daily: { enabled: boolean; retentionDays: number; hourUtc: number };
  /**
   * The first backup of each month tagged Monthly and kept retentionDays.
   */
  monthly: { enabled: boolean; retentionDays: number };
  /** Weekly or hourly rules where the service supports them; see the component's TSDoc. */
  hourly: { enabled: boolean; everyHours: number; retentionDays: number };
  /**
   * A geo-redundant vault with cross-region restore (its recovery points are kept as long as the primary ones).
   */
  drCopy: { enabled: boolean; retentionDays: number };
  /**
   * compliance (immutability Locked, soft delete AlwaysOn: irreversible) or governance (Unlocked, On).
   */
  lock: { mode: LockMode };
  /**
   * Action group alerted on failed backup jobs.
   */
  actionGroupId: pulumi.Input<string>;
}

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
  accountType: "Computer" | "User";
}

export interface AzureFileStoreArgs extends AzureCommonArgs {
  /**
   * Premium_ZRS (FileStorage, zones only) or Standard_GZRS (zones plus an asynchronous copy in the paired region).
   */
  storageSku: "Premium_ZRS" | "Standard_GZRS";
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
   * Make the share backup vault geo-redundant (the files reach the paired region only on Standard_GZRS).
   */
  drReplication: boolean;
  /**
   * Subnet of the storage account's private endpoint.
   */
  endpointsSubnetId: pulumi.Input<string>;
  /**
   * The privatelink.file zone the private endpoint registers in.
   */
  filePrivateDnsZoneId: pulumi.Input<string>;
  /** Share snapshots kept by the Recovery Services vault, days. */
  dailyRetentionDays: number;
  /**
   * compliance (vault immutability Locked, soft delete AlwaysON) or governance.
   */
  lock: { mode: LockMode };
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
   * compliance (immutability Locked from the second deployment) or governance (Unlocked).
   */
  lockMode: LockMode;
  /**
   * A second escrow account in the DR region (a separate copy of the keys).
   */
  drReplica: boolean;
  /**
   * Copies of the signing keys outside the cloud: recorded and exported, never created.
   * @default []
   */
  offlineCopies?: OfflineCopy[];
}
