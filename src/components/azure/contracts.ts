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
  environment: Environment;
  /** Primary region, e.g. westeurope. Every child carries an explicit `location`. */
  location: string;
  /** DR region, e.g. northeurope. */
  drLocation: string;
  /** Resource group of the primary region's resources. */
  resourceGroupName: pulumi.Input<string>;
  /** Resource group of the DR region's resources. */
  drResourceGroupName: pulumi.Input<string>;
  protection: ProtectionArgs;
  /** Tags of every taggable child. Default: none beyond `cenm-backup-element`. */
  tags?: Record<string, string>;
  /** Tenant, subscription and principal of the deploying credentials, looked up once by the program and shared. Default: the component looks them up itself. */
  client?: pulumi.Input<ClientContext>;
  /**
   * Step 1 of 2 of a new stack: declare what Azure accepts only on a resource that already exists in its
   * creatable form. Immutability (escrow accounts' policies, backup vaults) is declared Unlocked, because Azure
   * creates an immutability policy only Disabled or Unlocked and locks it by a later update. The Data Protection
   * backup vault is declared without its customer-managed key and without the server's backup instance, because
   * the key is unwrapped by the vault's own system-assigned identity, which exists only once the vault does and
   * must hold its key role before encryption is set. The next deployment, without this, locks and encrypts.
   * Default: false.
   */
  firstDeployment?: boolean;
}

export interface AzureNetworkArgs extends Omit<AzureCommonArgs, "resourceGroupName" | "drResourceGroupName" | "client" | "firstDeployment"> {
  availabilityZones: string[];
  /** Address space of the primary virtual network. */
  vnetCidr: string;
  /** Address space of the DR virtual network. */
  drVnetCidr: string;
  /** The CENM subnets admitted to the database and file endpoints. */
  clientCidrs: string[];
  /** E-mail receivers of the action group. Default: none. */
  alertEmails?: string[];
}

export interface AzureDatabaseArgs extends AzureCommonArgs {
  /**
   * The reason of a written waiver that lets the server run an engine version CENM does not support but the cloud
   * offers (the stack's `db-engine-version` waiver). With it such a version is accepted with a warning. Default: none.
   */
  engineVersionWaiver?: string;
  availabilityZones: string[];
  engine: "postgres" | "sqlserver";
  engineVersion: string;
  topology: Topology;
  /** SKU name, e.g. Standard_D4ds_v5. */
  sku: string;
  tier?: "Burstable" | "GeneralPurpose" | "MemoryOptimized";
  storageGb: number;
  pointInTimeDays: number;
  /** Geo-redundant backup (PostgreSQL) / GeoZone backup redundancy (SQL). */
  geoRedundantBackup: boolean;
  /** Read replica in the DR region with a virtual endpoint (PostgreSQL) / failover group (SQL). */
  crossRegionReplica: boolean;
  /** Subnet delegated to PostgreSQL flexible servers, primary and DR. */
  delegatedSubnetId: pulumi.Input<string>;
  drDelegatedSubnetId: pulumi.Input<string>;
  /** Private DNS zone of the flexible servers (linked to both virtual networks). */
  privateDnsZoneId: pulumi.Input<string>;
  /** Subnet for private endpoints (SQL servers), primary and DR; and the privatelink zone of SQL. */
  endpointsSubnetId: pulumi.Input<string>;
  drEndpointsSubnetId: pulumi.Input<string>;
  sqlPrivateDnsZoneId?: pulumi.Input<string>;
  databases: { service: string; name: string; user: string }[];
  /** Action group alerted on replica lag and server health. */
  actionGroupId: pulumi.Input<string>;
  replicaLagAlarmSeconds: number;
  /**
   * Display name of the Microsoft Entra principal (preferably a group) that administers the server(s). Give it
   * together with `entraAdminObjectId`; required for PostgreSQL. SQL Server default: the deploying principal.
   */
  entraAdminLogin?: string;
  /**
   * Object id of that Entra principal. Required for PostgreSQL (password authentication is off, so the server
   * needs an Entra administrator); for SQL Server, default: the object id of the deploying principal.
   */
  entraAdminObjectId?: string;
  /** What the Entra administrator is. Default: "group" when `entraAdminObjectId` is given. */
  entraAdminPrincipalType?: "group" | "user" | "servicePrincipal";
}

export interface AzureSnapshotScheduleArgs extends AzureCommonArgs {
  /** The PostgreSQL flexible server to back up (omit for SQL, whose backups are the database's own). */
  postgresServerId?: pulumi.Input<string>;
  postgresServerName?: pulumi.Input<string>;
  pointInTimeDays: number;
  daily: { enabled: boolean; retentionDays: number; hourUtc: number };
  monthly: { enabled: boolean; retentionDays: number };
  /** Weekly or hourly rules where the service supports them; see the component's TSDoc. */
  hourly: { enabled: boolean; everyHours: number; retentionDays: number };
  drCopy: { enabled: boolean; retentionDays: number };
  lock: { mode: LockMode };
  actionGroupId: pulumi.Input<string>;
}

/** The storage account's identity in an Active Directory domain (AD DS authentication of Azure Files). */
export interface ActiveDirectoryArgs {
  domainName: string;
  netBiosDomainName: string;
  forestName: string;
  domainGuid: string;
  domainSid: string;
  /** SID of the storage account's computer or service account in the domain. */
  azureStorageSid: string;
  samAccountName: string;
  accountType: "Computer" | "User";
}

export interface AzureFileStoreArgs extends AzureCommonArgs {
  storageSku: "Premium_ZRS" | "Standard_GZRS";
  /**
   * How the CENM hosts mount their shares: "storage-key" (the account key over SMB 3.1.1, any Linux host), "ad-ds"
   * (Kerberos from the operator's Active Directory, domain-joined Linux hosts; needs `activeDirectory`) or
   * "entra-kerberos" (Entra-joined Windows clients with hybrid identities only). See the component's TSDoc.
   */
  smbAccess: SmbAccess;
  /** With `smbAccess` "ad-ds": the storage account's identity in the domain. */
  activeDirectory?: ActiveDirectoryArgs;
  services: FileService[];
  drReplication: boolean;
  endpointsSubnetId: pulumi.Input<string>;
  filePrivateDnsZoneId: pulumi.Input<string>;
  /** Share snapshots kept by the Recovery Services vault, days. */
  dailyRetentionDays: number;
  lock: { mode: LockMode };
  /**
   * Action group that receives the Recovery Services vault's alerts for failed share backup jobs, through an alert
   * processing rule scoped to the vault. Default: none (no rule is declared and the vault's Azure Monitor alerts
   * notify nobody).
   */
  actionGroupId?: pulumi.Input<string>;
}

export interface AzureKeyVaultArgs extends AzureCommonArgs {
  /**
   * The reason of a written waiver that lets a prod stack keep fewer than two separate copies of the signing keys
   * (the stack's `keys-two-copies` waiver). With it the component warns instead of refusing. Default: none.
   */
  keyCopiesWaiver?: string;

  /** Subnet with no route to the Internet for the Key Vault and escrow endpoints, primary and DR. */
  vaultSubnetId: pulumi.Input<string>;
  drVaultSubnetId: pulumi.Input<string>;
  vaultPrivateDnsZoneId: pulumi.Input<string>;
  blobPrivateDnsZoneId: pulumi.Input<string>;
  escrowRetentionDays: number;
  lockMode: LockMode;
  drReplica: boolean;
  offlineCopies?: OfflineCopy[];
}
