/**
 * Azure platform limits: what Azure (or the azure-native provider) refuses, or does otherwise than a declaration
 * suggests, for the resources this package declares. One entry per rule, with the page or source it comes from.
 */
import type { ResourceGraph } from "../resources/graph";
import type { ResourceView } from "../resources/view";
import { arr, isMarker, num, rec, str } from "../resources/values";
import { T as AZ } from "../resources/azureTokens";
import { T as AWS_T } from "../resources/awsTokens";
import { deletionLockOf, lockTargets, locksOver } from "../resources/azureLocks";

/** The random provider's id, whose token the AWS table keeps (final snapshot names use it too). */
const RANDOM_ID = AWS_T.randomId;
import { violation, type LimitViolation, type PlatformLimit } from "./types";
import { FILES_BACKUP_TIERS, type FilesBackupTier } from "../vocabulary";

export const AZURE_DOCS = {
  immutabilityPolicyState: "https://learn.microsoft.com/azure/storage/blobs/immutable-policy-configure-version-scope",
  backupImmutableVault: "https://learn.microsoft.com/azure/backup/backup-azure-immutable-vault-concept",
  fileShareProtectedItem: "https://github.com/pulumi/pulumi-azure-native/blob/master/provider/pkg/resources/customresources/custom_recoveryservices.go",
  /**
   * Microsoft's REST walkthrough of a share backup: discover the storage accounts (refreshContainers), register the
   * account (a protection container), inquire its unprotected shares, list the protectable items, then protect one.
   */
  fileShareRestBackup: "https://learn.microsoft.com/azure/backup/backup-azure-file-share-rest-api",
  /** Protection Containers - Inquire: an asynchronous POST whose Location header is polled until it answers 200 or 204. */
  protectionContainerInquire: "https://learn.microsoft.com/rest/api/backup/protection-containers/inquire",
  /**
   * terraform-provider-azurerm runs the inquiry before every file-share protection, because a share created after its
   * account's registration is not listed as protectable until an inquiry runs (its issue 11184).
   */
  terraformFileShareInquiry: "https://github.com/hashicorp/terraform-provider-azurerm/blob/main/internal/services/recoveryservices/backup_protected_file_share_resource.go",
  /**
   * Azure Files backup FAQ: snapshot-tier backups are share snapshots kept in the storage account; the vault holds
   * their schedule and catalogue. Deleting the account or the share deletes its snapshots.
   */
  filesBackupFaq: "https://learn.microsoft.com/azure/backup/backup-azure-files-faq",
  /**
   * Management locks: a CanNotDelete (or ReadOnly) lock applies to its scope and everything under it; Azure refuses
   * to delete a resource it covers until the lock is removed.
   */
  resourceLocks: "https://learn.microsoft.com/azure/azure-resource-manager/management/lock-resources",
  /**
   * azure-native replaces a resource only for the properties Azure's spec marks create-only (x-ms-mutability without
   * update) and those its curated forceNewMap lists; every other change is an update in place.
   */
  azureNativeForceNew: "https://github.com/pulumi/pulumi-azure-native/blob/master/provider/pkg/gen/replacement.go",
  postgresStorage: "https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-storage",
  postgresHighAvailability: "https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-high-availability",
  postgresEntraAdmin: "https://learn.microsoft.com/azure/postgresql/flexible-server/how-to-configure-sign-in-azure-ad-authentication",
  /**
   * A key vault holding a server's key is the customer's to open to the server: with its firewall on, it must let
   * trusted Microsoft services bypass it (the page recommends public access disabled plus that bypass, and lists an
   * over-restrictive firewall among the causes of an Inaccessible server). Keys in the paired region for geo backups,
   * in the replica's region for a replica, each with its own identity.
   */
  postgresDataEncryption: "https://learn.microsoft.com/azure/postgresql/security/security-data-encryption",
  /** Storage autogrow (Premium SSD) grows the disk to the next size when free space runs low; storage scales up only. */
  postgresStorageAutogrow: "https://learn.microsoft.com/azure/postgresql/compute-storage/concepts-storage-premium-ssd",
  /** After a failover the server's zone and its standby's zone swap; azurerm suggests ignoring both fields. */
  postgresZonesAfterFailover: "https://github.com/hashicorp/terraform-provider-azurerm/blob/main/website/docs/r/postgresql_flexible_server.html.markdown",
  /**
   * azurerm's flexible-server update: the zone changes only when swapped with the standby's (a failover), and an
   * existing standby zone is not updated; it sends only the changed fields, by PATCH.
   */
  postgresZoneSwapOnly: "https://github.com/hashicorp/terraform-provider-azurerm/blob/main/internal/services/postgres/postgresql_flexible_server_resource.go",
  /** A user's report: after autogrow, a PUT carrying the first disk size fails ("cannot be less than current size"). */
  postgresStorageShrinkRefused: "https://github.com/astronomer/deploy-action/issues/33",
  /**
   * azure-native updates a resource with one PUT built from all its inputs (PATCH only where the API has no PUT), and
   * its Read (a refresh) carries into the stored inputs every property whose value changed in Azure.
   */
  azureNativeCrud: "https://github.com/pulumi/pulumi-azure-native/blob/master/provider/pkg/provider/crud/crud.go",
  azureNativeRead: "https://github.com/pulumi/pulumi-azure-native/blob/master/provider/pkg/provider/provider.go",
  /** Project option refresh: always, a refresh as part of every update, preview and destroy. */
  pulumiProjectRefresh: "https://www.pulumi.com/docs/iac/concepts/projects/project-file/",
  /** Writer endpoint on the primary; the read-only endpoint must target the replica for a promotion to primary. */
  postgresVirtualEndpoints: "https://learn.microsoft.com/azure/postgresql/read-replica/concepts-read-replicas-virtual-endpoints",
  /** The CLI how-to creates a ReadWrite endpoint with the replica as its member. */
  postgresVirtualEndpointsCreate: "https://learn.microsoft.com/azure/postgresql/read-replica/how-to-create-virtual-endpoints",
  /** A user's report: a database created through ARM on an Entra-only server can be owned by azuresu. */
  postgresArmDatabaseOwner: "https://github.com/hashicorp/terraform-provider-azurerm/issues/27895",
  /**
   * Restoring vaulted flexible-server backups as files: the target storage account allows cross-tenant replication
   * and is reachable from a public network during the restore; then an empty database is created and each dump
   * loaded with pg_restore.
   */
  postgresVaultedRestore: "https://learn.microsoft.com/azure/backup/restore-azure-database-postgresql-flex",
  /**
   * How Microsoft opens the restore target: public network access "Enabled from selected networks" (default action
   * Deny), a resource instance rule for the backup vault, and the trusted-services exception.
   */
  postgresVaultedRestoreNetwork: "https://learn.microsoft.com/azure/backup/backup-azure-database-postgresql-flex-manage",
  /**
   * Trusted services take precedence over other network restrictions: resource instance rules and the trusted-services
   * exception stay in effect after public network access is set to Disabled.
   */
  storageNetworkOverview: "https://learn.microsoft.com/azure/storage/common/storage-network-security-overview",
  /** Flexible-server backup policies: a backup per day at most; an existing policy cannot be updated. */
  postgresVaultPolicy: "https://learn.microsoft.com/azure/backup/backup-azure-database-postgresql-flex-use-rest-api-create-update-policy",
  /** The az dataprotection commands are an extension of the Azure CLI (2.75.0 or later), installed on first use. */
  dataProtectionCli: "https://learn.microsoft.com/cli/azure/dataprotection/backup-instance/restore",
  /**
   * Read replicas: General Purpose and Memory Optimized tiers only; no backups (geo-backups included) and no high
   * availability on a replica; the authentication method of a replica can be changed after its creation; Max
   * Physical Replication Lag (bytes, on the primary) and Read Replica Lag (seconds since the last replayed
   * transaction, on the replica).
   */
  postgresReadReplicas: "https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-read-replicas",
  /** Azure Monitor's metrics of flexible servers: names in the REST API, units and aggregations. */
  postgresMetrics: "https://learn.microsoft.com/azure/azure-monitor/reference/supported-metrics/microsoft-dbforpostgresql-flexibleservers-metrics",
  /** PostgreSQL's preset options: wal_segment_size, 16 MB unless the cluster was initialised otherwise. */
  postgresWalSegmentSize: "https://www.postgresql.org/docs/16/runtime-config-preset.html",
  /**
   * Promotion: HA, geo-redundant backup and other settings are not carried over; HA is configured on the promoted
   * server once it is primary.
   */
  postgresReplicaPromote: "https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-read-replicas-promote",
  backupVaultCmk: "https://learn.microsoft.com/azure/backup/encryption-at-rest-with-cmk-for-backup-vault",
  /**
   * Recovery Services vault CMK: only a vault with no item registered or protected takes a key, never back to platform
   * keys; a CMK-encrypted vault does not support cross-region restore of its items.
   */
  recoveryVaultCmk: "https://learn.microsoft.com/azure/backup/encryption-at-rest-with-cmk",
  /** azurerm's acceptance test creates a vault with both a customer-managed key and cross-region restore. */
  recoveryVaultCmkCrrAccepted: "https://github.com/hashicorp/terraform-provider-azurerm/blob/main/internal/services/recoveryservices/recovery_services_vault_resource_test.go",
  fileShareBackupSupport: "https://learn.microsoft.com/azure/backup/azure-file-share-support-matrix",
  roleAssignmentPropagation: "https://learn.microsoft.com/azure/role-based-access-control/troubleshooting",
  keyVaultSoftDelete: "https://learn.microsoft.com/azure/key-vault/general/soft-delete-overview",
  filesIdentityAuth: "https://learn.microsoft.com/azure/storage/files/storage-files-active-directory-overview",
  filesLinuxKerberos: "https://learn.microsoft.com/azure/storage/files/storage-files-identity-auth-linux-kerberos-enable",
  filesSmbSecurity: "https://learn.microsoft.com/azure/storage/files/files-smb-protocol",
  backupSoftDelete: "https://learn.microsoft.com/azure/backup/backup-azure-enhanced-soft-delete-about",
  fileShareSoftDelete: "https://learn.microsoft.com/azure/storage/files/storage-files-prevent-file-share-deletion",
  postgresVaultedBackup: "https://learn.microsoft.com/azure/backup/backup-azure-database-postgresql-flex-support-matrix",
  // Pages the components' comments cite for what they declare without a check of its own:
  /** Access policies are required on a vault's creation unless createMode is recover (VaultProperties.accessPolicies). */
  keyVaultCreate: "https://learn.microsoft.com/rest/api/keyvault/keyvault/vaults/create-or-update",
  /** Peering joins two virtual networks, in the same or different regions (global peering). */
  vnetPeering: "https://learn.microsoft.com/azure/virtual-network/virtual-network-peering-overview",
  /** The AzureKeyVault service tag names Key Vault's addresses in security rules, outbound. */
  serviceTags: "https://learn.microsoft.com/azure/virtual-network/service-tags-overview",
  // Pages the audit's network readers cite for what they believe a route, subnet or firewall rule does (issue 12):
  /**
   * Every subnet carries Azure's system route 0.0.0.0/0 with next hop Internet unless a route table overrides it;
   * next hop Internet sends the traffic to the Internet, None drops it, VirtualAppliance and VirtualNetworkGateway
   * hand it to an appliance or a gateway.
   */
  udrOverview: "https://learn.microsoft.com/azure/virtual-network/virtual-networks-udr-overview",
  /** Without an explicit outbound method (NAT gateway, public IP...) a VM still gets default outbound access, unless the subnet is private. */
  defaultOutboundAccess: "https://learn.microsoft.com/azure/virtual-network/ip-services/default-outbound-access",
  /** A NAT gateway on a subnet is its explicit way out to the Internet. */
  natGateway: "https://learn.microsoft.com/azure/nat-gateway/nat-overview",
  /** PostgreSQL firewall rules admit public address ranges; 0.0.0.0 (start and end) stands for connections from Azure services. */
  postgresFirewallRules: "https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-firewall-rules",
  /** Azure SQL: a rule from 0.0.0.0 to 0.0.0.0 is the "allow Azure services" switch. */
  sqlFirewallRules: "https://learn.microsoft.com/azure/azure-sql/database/firewall-configure",
  /**
   * Key Vault's firewall admits virtual networks and public IPv4 ranges (ipRules); trusted Microsoft services may
   * bypass it, and a service not in that list needs an IP rule, a virtual network rule or a private endpoint.
   */
  keyVaultNetworkSecurity: "https://learn.microsoft.com/azure/key-vault/general/overview-vnet-service-endpoints",
  /** Storage firewall: a default action, IP network rules for public addresses, virtual network rules. */
  storageNetworkSecurity: "https://learn.microsoft.com/azure/storage/common/storage-network-security",
  /** The storage trusted-services exception admits listed Azure services (resource instances, managed identities), not hosts. */
  storageTrustedServices: "https://learn.microsoft.com/azure/storage/common/storage-network-security-trusted-azure-services",
  // Pages the key vault, identity, role assignment and lock declarations cite (issue 19):
  /** azure-native creates, reads and updates keys through ARM but deletes them through the vault's data plane; only a 404 is forgiven. */
  keyDeleteDataPlane: "https://github.com/pulumi/pulumi-azure-native/blob/master/provider/pkg/resources/customresources/custom_keyvault.go",
  /** ARM's key PUT creates the first version of a key that does not exist; it writes nothing for an existing key (no update, no new version). */
  keyCreateIfNotExist: "https://learn.microsoft.com/rest/api/keyvault/keyvault/keys/create-if-not-exist",
  /** Key Vault's built-in roles: management (Key Vault Contributor) and data plane (Key Vault Crypto Officer, Crypto Service Encryption User...). */
  keyVaultRbac: "https://learn.microsoft.com/azure/key-vault/general/rbac-guide",
  /** Microsoft's keys quickstart (a vault and a key through ARM) asks for a built-in role such as Contributor. */
  keyVaultKeysQuickstart: "https://learn.microsoft.com/azure/key-vault/keys/quick-create-template",
  /** ARM key reads are authorised by Key Vault itself against the action Microsoft.KeyVault/vaults/keys/read (ForbiddenByRbac without it). */
  keyArmRbacReport: "https://github.com/Azure/bicep/issues/6539",
  /** The same report against azure-native, closed without a reproduction. */
  keyArmRbacPulumiReport: "https://github.com/pulumi/pulumi-azure-native/issues/890",
  /** principalType spares a new service principal's assignment the Entra replication delay. */
  roleAssignmentPrincipalType: "https://learn.microsoft.com/azure/role-based-access-control/role-assignments-template",
  /** A role assignment's name is a GUID; Azure keeps one assignment per principal, role and scope (RoleAssignmentExists). */
  roleAssignmentUnique: "https://learn.microsoft.com/azure/azure-resource-manager/bicep/scenarios-rbac",
  /** The resource provider refuses the same principal, role and scope under a second name. */
  roleAssignmentExistsReport: "https://github.com/Azure/bicep/discussions/19690",
  /** CanNotDelete and ReadOnly locks; only Owner and User Access Administrator hold Microsoft.Authorization/locks/*. */
  managementLocks: "https://learn.microsoft.com/azure/azure-resource-manager/management/lock-resources",
  // Pages behind where the locks and the private DNS zones live (issue 19, "later deploys succeed"):
  /**
   * VNet-integrated flexible servers: the private DNS zone ends in postgres.database.azure.com; Microsoft asks for no
   * lock of either level on that zone or its record sets when high availability is used (a lock may keep the server
   * from updating its records, e.g. on failover); changing a server's zone is disabled while high availability is on.
   */
  postgresPrivateNetworking: "https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-networking-private",
  /**
   * A resource group's location is where Resource Manager keeps the metadata of the resources in it and routes their
   * control-plane operations; while that region is unavailable their writes may be refused, global resources such
   * as private DNS zones included.
   */
  armResourceGroupLocation: "https://learn.microsoft.com/azure/azure-resource-manager/management/overview",
  /** Private Zones - Delete: a zone cannot be deleted while virtual network links to it remain; its records go with it. */
  privateZoneDelete: "https://learn.microsoft.com/rest/api/dns/privatednszones/private-zones/delete",
  /** Private Link FAQ: several private DNS zones of the same name for one virtual network are not supported. */
  privateLinkFaq: "https://learn.microsoft.com/azure/private-link/private-link-faq",
  /** Virtual network links: a zone and a network are joined by one link at most. */
  privateDnsLinks: "https://learn.microsoft.com/azure/dns/private-dns-virtual-network-links",
  /** Version-level WORM: enabled on an account only at creation; an account or container enabled for it is deleted only empty. */
  /**
   * Version-level WORM: an account or container enabled for version-level immutability is deleted only once empty,
   * whatever its policies ("Deletion"); account deletion fails while a container with it enabled remains.
   */
  immutableVersionLevel: "https://learn.microsoft.com/azure/storage/blobs/immutable-version-level-worm-policies",
  /** The change feed keeps its records as blobs in the $blobchangefeed container of the account. */
  blobChangeFeed: "https://learn.microsoft.com/azure/storage/blobs/storage-blob-change-feed",
  /** Container soft delete keeps a deleted container, restorable, for its retention. */
  containerSoftDelete: "https://learn.microsoft.com/azure/storage/blobs/soft-delete-container-overview",
} as const;

/**
 * How long a new Azure role assignment can take to be honoured, and the wait the components declare after each
 * assignment another resource relies on (a key role before an encrypted resource is created, a backup vault's
 * roles before its backup instance). Microsoft's RBAC troubleshooting page says changes can take up to 10 minutes.
 */
export const AZURE_ROLE_PROPAGATION = { documentedMinutes: 10, wait: "10m", source: AZURE_DOCS.roleAssignmentPropagation } as const;

/**
 * Days a deleted backup stays recoverable in an Azure Backup vault's soft-delete state (Recovery Services vaults and
 * Data Protection backup vaults alike): 14, Azure Backup's default and shortest retention.
 */
export const AZURE_BACKUP_SOFT_DELETE_DAYS = 14;

/**
 * Days a vaulted backup of a flexible server is kept: at most 10 years (Azure Backup's longest for this datasource),
 * at least a week (the package's floor, not Azure's: a week of daily recovery points).
 */
export const AZURE_POSTGRES_VAULT_RETENTION_DAYS = { min: 7, max: 3650, source: AZURE_DOCS.postgresVaultedBackup } as const;

/**
 * Largest flexible server, in GiB, whose vaulted backups Microsoft supports: 1 TB is its recommended limit, and it
 * does not guarantee that vaulted backups of a larger server succeed (the backup support matrix).
 */
export const AZURE_POSTGRES_VAULTED_BACKUP_MAX_GB = 1024;

/** Whether a flexible server of `storageGb` GiB stays within the size Azure Backup supports for vaulted backups. */
export function postgresVaultedBackupSizeOk(storageGb: number): boolean {
  return storageGb <= AZURE_POSTGRES_VAULTED_BACKUP_MAX_GB;
}

/**
 * The backup cadences a Data Protection policy may give a flexible server: at most one backup a day (the REST
 * policy page), as a daily or a weekly repeating interval. The package uses the daily one.
 */
export const AZURE_POSTGRES_VAULT_INTERVALS = { daily: "P1D", weekly: "P1W" } as const;

/** Whether a repeating interval (`R/<start>/<period>`) is one of the cadences a flexible-server policy takes. */
export function postgresVaultIntervalOk(interval: string): boolean {
  const period = interval.split("/").pop() ?? "";
  return (Object.values(AZURE_POSTGRES_VAULT_INTERVALS) as string[]).includes(period.toUpperCase());
}

/** Days a deleted file share stays recoverable when share soft delete is on (the account's file service setting). */
export const AZURE_SHARE_SOFT_DELETE_DAYS = { min: 1, max: 365, source: AZURE_DOCS.fileShareSoftDelete } as const;

/** Days a daily snapshot backup of an Azure file share is kept (the share backup policy's daily retention range). */
export const AZURE_FILES_DAILY_RETENTION_DAYS = { min: 1, max: 200, source: AZURE_DOCS.fileShareBackupSupport } as const;

/**
 * Vaulted (vault-standard) backup of Azure file shares: each day's recovery point is copied into the Recovery
 * Services vault and kept up to `dailyMax` days; the share snapshot it is taken from stays in the storage account at
 * most `snapshotMax` days (the support matrix's retention limits of the vault-standard tier).
 */
export const AZURE_FILES_VAULTED_RETENTION_DAYS = { min: 1, dailyMax: 9999, snapshotMax: 30, source: AZURE_DOCS.fileShareBackupSupport } as const;

/** The two tiers of Azure Files backup: snapshots kept in the storage account, or copies kept in the vault too. */
export const AZURE_FILES_BACKUP_TIERS = FILES_BACKUP_TIERS;
export type AzureFilesBackupTier = FilesBackupTier;

/** The longest daily retention a share backup policy of `tier` takes, days. */
export function azureFilesDailyRetentionMax(tier: AzureFilesBackupTier): number {
  return tier === "vault-standard" ? AZURE_FILES_VAULTED_RETENTION_DAYS.dailyMax : AZURE_FILES_DAILY_RETENTION_DAYS.max;
}

/**
 * Whether Azure Backup can take vaulted share backups of an account whose shared-key access is `allowSharedKeyAccess`
 * (undefined: Azure's default, allowed). The support matrix requires "Allow storage account key access" for
 * vaulted backup and restore; snapshot backup does without. The predicate of `azure-files-vaulted-backup-shared-key`,
 * which config validation and the file store component call too.
 */
export function vaultedShareBackupPossible(allowSharedKeyAccess: boolean | undefined): boolean {
  return allowSharedKeyAccess !== false;
}

/** The storage sizes, in GiB, a PostgreSQL flexible server accepts (fixed sizes up to 32,767 GiB). */
export const AZURE_POSTGRES_STORAGE_GB = [32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32767] as const;

/** Days of point-in-time backups a PostgreSQL flexible server keeps (its backup retention range). */
export const AZURE_POSTGRES_PITR_DAYS = { min: 7, max: 35 } as const;
/** Days of short-term (point-in-time) retention of an Azure SQL database. */
export const AZURE_SQL_PITR_DAYS = { min: 1, max: 35 } as const;
/** Storage of an Azure SQL database the package declares, GiB. */
export const AZURE_SQL_STORAGE_GB = { min: 32, max: 32768 } as const;
/** SKU names: PostgreSQL flexible servers (Standard_<series>...) and Azure SQL vCore databases (GP_Gen5_2...). */
export const AZURE_POSTGRES_SKU = /^Standard_[A-Z][A-Za-z0-9_]*$/;
export const AZURE_SQL_SKU = /^(GP|BC|HS)_(S_)?(Gen5|Fsv2|DC|M|8IM|8IH)_(\d+)$/;

/** The tier of a flexible-server SKU: given, or read from its series (B: Burstable, E: Memory Optimized). */
export function azurePostgresTier(sku: string, tier?: string): string {
  if (tier) return tier;
  if (/^Standard_B/.test(sku)) return "Burstable";
  if (/^Standard_E/.test(sku)) return "MemoryOptimized";
  return "GeneralPurpose";
}

/** The flexible-server compute tiers. */
export const AZURE_POSTGRES_TIERS = ["Burstable", "GeneralPurpose", "MemoryOptimized"] as const;

/** Tiers offering high availability (zone-redundant or same-zone): not Burstable. */
export const AZURE_POSTGRES_HA_TIERS = ["GeneralPurpose", "MemoryOptimized"] as const;

/** Whether a flexible-server tier offers high availability and read replicas (General Purpose, Memory Optimized). */
export function postgresTierOffersHa(tier: string): boolean {
  return (AZURE_POSTGRES_HA_TIERS as readonly string[]).includes(tier);
}

/** The tokens the limits read: the shared Azure table, and the random id a vault name takes its suffix from. */
const T = {
  ...AZ,
  randomId: RANDOM_ID,
  key: AZ.keyVaultKey,
  postgres: AZ.postgresServer,
  postgresAdmins: [AZ.postgresEntraAdmin, AZ.postgresAdmin],
  postgresDatabase: "azure-native:dbforpostgresql:Database",
  virtualEndpoint: "azure-native:dbforpostgresql:VirtualEndpoint",
} as const;

/** Data Protection's datasource type of a PostgreSQL flexible server. */
const FLEXIBLE_SERVER_DATASOURCE = "Microsoft.DBforPostgreSQL/flexibleServers";

/** Operations of a preview step that create the resource. */
const CREATIONS = new Set(["create", "create-replacement", "replace"]);

/** The immutability state each resource type declares, and where. */
function immutabilityState(r: ResourceView): { state: unknown; property: string } | undefined {
  if (r.type === T.storageAccount) {
    return { state: rec(rec(r.inputs.immutableStorageWithVersioning)?.immutabilityPolicy)?.state, property: "immutableStorageWithVersioning.immutabilityPolicy.state" };
  }
  if (r.type === T.backupVault || r.type === T.recoveryVault) {
    const settings = rec(rec(rec(r.inputs.properties)?.securitySettings)?.immutabilitySettings);
    return { state: settings?.state, property: "properties.securitySettings.immutabilitySettings.state" };
  }
  return undefined;
}

const immutabilityLockedOnCreate: PlatformLimit = {
  id: "azure-immutability-locked-later",
  cloud: "azure",
  rule: "Azure creates an immutability policy only Disabled or Unlocked; only an Unlocked policy moves to Locked, by a later update, and never back. A resource declared Locked on its creation is refused, so a locked stack is deployed in two steps (protection.firstDeployment, then without). Judged where the source tells a creation (a preview); the vaults' immutability is held to the same rule, an assumption since their pages name no creation state.",
  source: AZURE_DOCS.immutabilityPolicyState,
  basis: "documented",
  resourceTypes: [T.storageAccount, T.backupVault, T.recoveryVault],
  check(g) {
    const out: LimitViolation[] = [];
    for (const r of g.ofType(T.storageAccount, T.backupVault, T.recoveryVault)) {
      if (r.operation === undefined || !CREATIONS.has(r.operation)) continue;
      const found = immutabilityState(r);
      if (found && str(found.state) === "Locked") {
        out.push(violation(this, r, found.property, `"Locked" on creation (${r.operation}); create it "Unlocked" and lock it by the next deployment`));
      }
    }
    return out;
  },
};

const shareSoftDeleteDays: PlatformLimit = {
  id: "azure-share-soft-delete-days",
  cloud: "azure",
  rule: `Share soft delete keeps a deleted file share ${AZURE_SHARE_SOFT_DELETE_DAYS.min} to ${AZURE_SHARE_SOFT_DELETE_DAYS.max} days; the storage account's file service refuses another retention while the policy is enabled.`,
  source: AZURE_SHARE_SOFT_DELETE_DAYS.source,
  basis: "documented",
  resourceTypes: [T.fileService],
  check(g) {
    const out: LimitViolation[] = [];
    for (const service of g.ofType(T.fileService)) {
      const policy = rec(service.inputs.shareDeleteRetentionPolicy);
      if (!policy || policy.enabled !== true) continue;
      const days = num(policy.days);
      if (days !== undefined && (days < AZURE_SHARE_SOFT_DELETE_DAYS.min || days > AZURE_SHARE_SOFT_DELETE_DAYS.max)) {
        out.push(violation(this, service, "shareDeleteRetentionPolicy.days", `${days} days; Azure takes ${AZURE_SHARE_SOFT_DELETE_DAYS.min}-${AZURE_SHARE_SOFT_DELETE_DAYS.max}`));
      }
    }
    return out;
  },
};

const fileShareItemName: PlatformLimit = {
  id: "azure-fileshare-protected-item-name",
  cloud: "azure",
  rule:
    "A file share's protected item is named after the share itself: before creating it, the provider lists the vault's protectable items and swaps in Azure's internal name (\"azurefileshare;<hash>\") of the share of that name; a hand-made \"azurefileshare;...\" name matches no protectable item. The provider only lists: it never asks Azure to inquire the account's container, and Azure lists a share created after the account was registered only once an inquiry has run (Microsoft's REST walkthrough inquires between registering the account and protecting a share; terraform-provider-azurerm inquires before every protection for that reason). So the container must be registered after its shares exist, and every share added later needs an inquiry before its item is created, or the item is refused. A plan records neither ordering nor inquiry (explicit dependencies are not in it): the check judges the name; the file store component declares the ordering and runs the inquiry.",
  source: AZURE_DOCS.fileShareProtectedItem,
  basis: "documented",
  resourceTypes: [T.protectedItem],
  check(g) {
    const out: LimitViolation[] = [];
    for (const item of g.ofType(T.protectedItem)) {
      if (str(rec(item.inputs.properties)?.protectedItemType) !== "AzureFileShareProtectedItem") continue;
      const name = str(item.inputs.protectedItemName);
      if (name && name.includes(";")) out.push(violation(this, item, "protectedItemName", `"${name}" is not a share's name; give the share's own name`));
    }
    return out;
  },
};

const postgresStorage: PlatformLimit = {
  id: "azure-postgres-storage-size",
  cloud: "azure",
  rule: `A PostgreSQL flexible server takes one of fixed storage sizes, at most 32,767 GiB: ${AZURE_POSTGRES_STORAGE_GB.join(", ")} GiB.`,
  source: AZURE_DOCS.postgresStorage,
  basis: "documented",
  resourceTypes: [T.postgres],
  check(g) {
    const out: LimitViolation[] = [];
    for (const server of g.ofType(T.postgres)) {
      const size = num(rec(server.inputs.storage)?.storageSizeGB);
      if (size !== undefined && !(AZURE_POSTGRES_STORAGE_GB as readonly number[]).includes(size)) {
        out.push(violation(this, server, "storage.storageSizeGB", `${size} GiB is not one of the sizes Azure offers`));
      }
    }
    return out;
  },
};

/**
 * The inputs of a flexible server Azure changes on its own, which an update must not send back (see
 * `azure-postgres-live-inputs-not-resent`): the disk size when storage autogrow is on, and both zones of a
 * zone-redundant pair. The components' ignoreChanges lists hold at least these.
 */
export function postgresInputsAzureChanges(inputs: Record<string, unknown>): string[] {
  const out: string[] = [];
  if (str(rec(inputs.storage)?.autoGrow)?.toLowerCase() === "enabled") out.push("storage.storageSizeGB");
  if (str(rec(inputs.highAvailability)?.mode)?.toLowerCase() === "zoneredundant") out.push("availabilityZone", "highAvailability.standbyAvailabilityZone");
  return out;
}

const postgresLiveInputsNotResent: PlatformLimit = {
  id: "azure-postgres-live-inputs-not-resent",
  cloud: "azure",
  rule:
    "Azure changes some inputs of a PostgreSQL flexible server on its own: storage autogrow grows the disk (it is never shrunk, and a request for less than the current size is refused), and a failover of a zone-redundant pair swaps the primary's and the standby's zones (a zone is changed only by swapping it with the standby's, the standby's zone is not updated). azure-native updates a server with one PUT built from every input, so a declared creation value sent again after such a change fails the update or moves the server back. A plan must leave these inputs alone after creation (ignoreChanges), and since Pulumi then sends the input it stored, the project refreshes before every operation (Pulumi.yaml options.refresh always) so that the stored input is Azure's current value. Judged where the source records resource options (offline plans).",
  source: AZURE_DOCS.postgresStorageAutogrow,
  basis: "documented",
  resourceTypes: [T.postgres],
  check(g) {
    const out: LimitViolation[] = [];
    for (const server of g.ofType(T.postgres)) {
      if (server.ignoreChanges === undefined) continue;
      for (const path of postgresInputsAzureChanges(server.inputs)) {
        if (!server.ignoreChanges.includes(path)) out.push(violation(this, server, path, `${path} is sent again on every update although Azure changes it on its own; ignore it after creation (ignoreChanges)`));
      }
    }
    return out;
  },
};

const postgresHa: PlatformLimit = {
  id: "azure-postgres-high-availability",
  cloud: "azure",
  rule: "High availability of a PostgreSQL flexible server is offered on the General Purpose and Memory Optimized tiers only, never Burstable; a zone-redundant standby sits in a zone other than the primary's.",
  source: AZURE_DOCS.postgresHighAvailability,
  basis: "documented",
  resourceTypes: [T.postgres],
  check(g) {
    const out: LimitViolation[] = [];
    for (const server of g.ofType(T.postgres)) {
      const ha = rec(server.inputs.highAvailability);
      const mode = str(ha?.mode);
      if (!mode || mode === "Disabled") continue;
      const tier = str(rec(server.inputs.sku)?.tier);
      if (tier && !postgresTierOffersHa(tier)) out.push(violation(this, server, "sku.tier", `${tier} with high availability ${mode}`));
      const standby = str(ha?.standbyAvailabilityZone);
      if (mode === "ZoneRedundant" && standby && standby === str(server.inputs.availabilityZone)) {
        out.push(violation(this, server, "highAvailability.standbyAvailabilityZone", `zone ${standby}, the primary's own zone`));
      }
    }
    return out;
  },
};

const postgresAdmin: PlatformLimit = {
  id: "azure-postgres-entra-administrator",
  cloud: "azure",
  rule: "A PostgreSQL flexible server with password authentication off is reached through Microsoft Entra only, and only by its Entra administrators: without one declared, nobody can sign in to create the CENM databases' roles.",
  source: AZURE_DOCS.postgresEntraAdmin,
  basis: "documented",
  resourceTypes: [T.postgres, ...T.postgresAdmins],
  check(g) {
    const out: LimitViolation[] = [];
    for (const server of g.ofType(T.postgres)) {
      if (str(server.inputs.createMode) === "Replica") continue;
      const auth = rec(server.inputs.authConfig);
      if (isMarker(server.inputs.authConfig) || str(auth?.passwordAuth) !== "Disabled") continue;
      if (g.referrers(server, T.postgresAdmins, "serverName").length > 0) continue;
      out.push(violation(this, server, "authConfig.passwordAuth", "password authentication is off and no Entra administrator of the server is declared"));
    }
    return out;
  },
};

/** The key vault of the program that holds the key a resource names by URI, when both are declared. */
function keyVaultOf(g: ResourceGraph, r: ResourceView, property: string, keyUri: unknown): ResourceView | undefined {
  if (keyUri === undefined || isMarker(keyUri)) return undefined;
  const key = g.ref(r, property, [T.key], keyUri);
  return key ? g.ref(key, "vaultName", [T.keyVault], key.inputs.vaultName) : undefined;
}

/** The key vault limits network access: public access disabled or a firewall that denies by default. */
function networkRestricted(vault: ResourceView): boolean {
  const props = rec(vault.inputs.properties);
  return str(props?.publicNetworkAccess) === "Disabled" || str(rec(props?.networkAcls)?.defaultAction) === "Deny";
}

/** A backup vault's customer-managed key: its URI and which identity unwraps it (undefined when none is declared). */
function backupVaultKey(r: ResourceView): { keyUri: unknown; identity: "SystemAssigned" | "UserAssigned" | undefined; property: string } | undefined {
  const props = rec(r.inputs.properties);
  if (r.type === T.backupVault) {
    const enc = rec(rec(props?.securitySettings)?.encryptionSettings);
    if (!enc || str(enc.state) === "Disabled") return undefined;
    const kind = str(rec(enc.kekIdentity)?.identityType);
    return { keyUri: rec(enc.keyVaultProperties)?.keyUri, identity: kind === "UserAssigned" || kind === "SystemAssigned" ? kind : undefined, property: "properties.securitySettings.encryptionSettings" };
  }
  const enc = rec(props?.encryption);
  if (!enc) return undefined;
  const kek = rec(enc.kekIdentity);
  const identity = str(kek?.userAssignedIdentity) !== undefined && kek?.useSystemAssignedIdentity !== true ? "UserAssigned" : kek?.useSystemAssignedIdentity === true ? "SystemAssigned" : undefined;
  return { keyUri: rec(enc.keyVaultProperties)?.keyUri, identity, property: "properties.encryption" };
}

const backupCmkUserIdentity: PlatformLimit = {
  id: "azure-backup-cmk-user-identity-restricted-key-vault",
  cloud: "azure",
  rule: "Azure Backup (Recovery Services and Data Protection backup vaults alike) does not support a customer-managed key unwrapped by a user-assigned identity when the key vault limits network access; such a vault must use its system-assigned identity, or a key vault open to all networks.",
  source: AZURE_DOCS.backupVaultCmk,
  basis: "documented",
  resourceTypes: [T.backupVault, T.recoveryVault, T.key, T.keyVault],
  check(g) {
    const out: LimitViolation[] = [];
    for (const vault of g.ofType(T.backupVault, T.recoveryVault)) {
      const key = backupVaultKey(vault);
      if (!key || key.identity !== "UserAssigned") continue;
      const keyVault = keyVaultOf(g, vault, "properties", key.keyUri);
      if (keyVault && networkRestricted(keyVault)) {
        out.push(violation(this, vault, key.property, `a user-assigned identity unwraps a key of ${keyVault.name}, which limits network access`));
      }
    }
    return out;
  },
};

const backupCmkSystemIdentityOnCreate: PlatformLimit = {
  id: "azure-backup-cmk-system-identity-after-creation",
  cloud: "azure",
  rule: "A backup vault's system-assigned identity exists only once the vault does, and must hold its key role before the vault's encryption settings name the key; a vault created with a key unwrapped by that identity is refused. A new stack therefore sets the key by its second deployment (protection.firstDeployment, then without). Judged where the source tells a creation (a preview).",
  source: AZURE_DOCS.backupVaultCmk,
  basis: "documented",
  resourceTypes: [T.backupVault, T.recoveryVault],
  check(g) {
    const out: LimitViolation[] = [];
    for (const vault of g.ofType(T.backupVault, T.recoveryVault)) {
      if (vault.operation === undefined || !CREATIONS.has(vault.operation)) continue;
      const key = backupVaultKey(vault);
      if (key?.identity === "SystemAssigned") {
        out.push(violation(this, vault, key.property, `a key unwrapped by the vault's own identity on its creation (${vault.operation}); set it by the next deployment`));
      }
    }
    return out;
  },
};

/**
 * Whether a Recovery Services vault's declared properties combine a customer-managed key with cross-region
 * restore (see `azure-recovery-vault-cmk-cross-region-restore`).
 */
export function recoveryVaultKeyWithCrossRegionRestore(properties: Record<string, unknown> | undefined): boolean {
  const key = rec(rec(properties?.encryption)?.keyVaultProperties)?.keyUri;
  const crr = str(rec(properties?.redundancySettings)?.crossRegionRestore);
  return key !== undefined && crr?.toLowerCase() === "enabled";
}

const recoveryVaultCmkCrossRegionRestore: PlatformLimit = {
  id: "azure-recovery-vault-cmk-cross-region-restore",
  cloud: "azure",
  rule:
    "Microsoft's customer-managed-key page for Recovery Services vaults says a vault encrypted with a customer-managed key does not support cross-region restore of its backed-up items. Azure's API accepts both settings on one vault (azurerm's acceptance tests create such a vault), so a plan that sets both deploys, but its copy in the paired region cannot be restored by the operator: it is no DR copy. Choose the key or cross-region restore. A vault is chosen geo-redundant when it is created and cross-region restore can be turned on later, not off.",
  source: AZURE_DOCS.recoveryVaultCmk,
  basis: "documented",
  resourceTypes: [T.recoveryVault],
  check(g) {
    const out: LimitViolation[] = [];
    for (const vault of g.ofType(T.recoveryVault)) {
      if (recoveryVaultKeyWithCrossRegionRestore(rec(vault.inputs.properties))) {
        out.push(violation(this, vault, "properties.redundancySettings.crossRegionRestore", "cross-region restore Enabled on a vault encrypted with a customer-managed key, which does not support it; its paired-region copy would not be restorable"));
      }
    }
    return out;
  },
};

/**
 * What would keep Pulumi from deleting a storage account enabled for version-level immutability once its declared
 * container is deleted: a container the account keeps by itself (see `azure-immutable-account-deleted-empty`).
 */
export function immutableAccountLeftovers(blobService: { changeFeed: boolean; containerSoftDelete: boolean }): string[] {
  const out: string[] = [];
  if (blobService.changeFeed) out.push("the change feed, which keeps its records in the account's own $blobchangefeed container");
  if (blobService.containerSoftDelete) out.push("container soft delete, which keeps a deleted container, restorable, for its retention");
  return out;
}

const immutableAccountDeletedEmpty: PlatformLimit = {
  id: "azure-immutable-account-deleted-empty",
  cloud: "azure",
  rule:
    "Azure deletes a storage account enabled for version-level immutability only once it is empty, whatever the state of its policies: the deletion fails while a container remains. Deleting the declared containers is not enough when the account keeps containers of its own: the change feed writes its records into the system container $blobchangefeed, and container soft delete keeps a deleted container until its retention ends. So an immutable account Pulumi is to delete (not retained) must have neither; the setting is chosen when the account is created, so a stack that will be torn down creates its escrows without a change feed. Reading the change-feed container and a soft-deleted container as content is this package's: the page names no exception for them.",
  source: AZURE_DOCS.immutableVersionLevel,
  basis: "assumption",
  resourceTypes: [T.storageAccount, T.blobService],
  check(g) {
    const out: LimitViolation[] = [];
    for (const account of g.ofType(T.storageAccount)) {
      if (account.retainOnDelete || rec(account.inputs.immutableStorageWithVersioning)?.enabled !== true) continue;
      for (const service of g.referrers(account, [T.blobService], "accountName")) {
        const leftovers = immutableAccountLeftovers({
          changeFeed: rec(service.inputs.changeFeed)?.enabled === true,
          containerSoftDelete: rec(service.inputs.containerDeleteRetentionPolicy)?.enabled === true,
        });
        for (const what of leftovers) {
          const property = what.startsWith("the change feed") ? "changeFeed.enabled" : "containerDeleteRetentionPolicy.enabled";
          out.push(violation(this, service, property, `account ${account.name} is enabled for version-level immutability and not retained, so destroy deletes it, which Azure refuses while it holds a container: ${what}`));
        }
      }
    }
    return out;
  },
};

const postgresCmkReachable: PlatformLimit = {
  id: "azure-postgres-cmk-key-vault-reachable",
  cloud: "azure",
  rule: "A PostgreSQL flexible server reaches its customer-managed key through the key vault's firewall: a key vault that limits network access (public access disabled, or a firewall that denies by default) must let trusted Microsoft services bypass it (bypass AzureServices). Microsoft's data-encryption page names that option and no other (a private endpoint is not offered as an alternative); a firewall that shuts the server out makes the server Inaccessible.",
  source: AZURE_DOCS.postgresDataEncryption,
  basis: "documented",
  resourceTypes: [T.postgres, T.key, T.keyVault],
  check(g) {
    const out: LimitViolation[] = [];
    for (const server of g.ofType(T.postgres)) {
      const enc = rec(server.inputs.dataEncryption);
      if (!enc || str(enc.type) !== "AzureKeyVault") continue;
      // Every key the server's encryption names (primary and geo-backup), each judged through its key vault.
      const keys = g.refs(server, "dataEncryption", [T.key], [enc.primaryKeyURI, enc.geoBackupKeyURI].filter((u) => u !== undefined && !isMarker(u)));
      const vaults = new Set(keys.map((k) => g.ref(k, "vaultName", [T.keyVault], k.inputs.vaultName)).filter((v): v is ResourceView => v !== undefined));
      for (const vault of vaults) {
        if (!networkRestricted(vault)) continue;
        const bypass = rec(rec(vault.inputs.properties)?.networkAcls)?.bypass;
        // Key Vault's API lets trusted services through when bypass is not declared (NetworkRuleSet.bypass).
        if (isMarker(bypass) || bypass === undefined || str(bypass) === "AzureServices") continue;
        out.push(violation(this, server, "dataEncryption", `key vault ${vault.name} limits network access and does not let trusted Microsoft services bypass its firewall (bypass ${JSON.stringify(str(bypass))})`));
      }
    }
    return out;
  },
};

const postgresReplicaTier: PlatformLimit = {
  id: "azure-postgres-replica-tier",
  cloud: "azure",
  rule: "Read replicas of a PostgreSQL flexible server are offered on the General Purpose and Memory Optimized tiers only, not Burstable.",
  source: AZURE_DOCS.postgresReadReplicas,
  basis: "documented",
  resourceTypes: [T.postgres],
  check(g) {
    const out: LimitViolation[] = [];
    for (const server of g.ofType(T.postgres)) {
      if (str(server.inputs.createMode) !== "Replica") continue;
      const tier = str(rec(server.inputs.sku)?.tier);
      if (tier && !postgresTierOffersHa(tier)) out.push(violation(this, server, "sku.tier", `a ${tier} read replica`));
    }
    return out;
  },
};

/** A flexible-server read replica asks for high availability (any mode but Disabled), which Azure does not offer on one. */
export function postgresReplicaHaRefused(highAvailabilityMode: string | undefined): boolean {
  return highAvailabilityMode !== undefined && highAvailabilityMode !== "Disabled";
}

/** A flexible-server read replica asks for geo-redundant backup, which Azure does not offer on one. */
export function postgresReplicaGeoBackupRefused(geoRedundantBackup: string | undefined): boolean {
  return geoRedundantBackup === "Enabled";
}

const postgresReplicaNoHa: PlatformLimit = {
  id: "azure-postgres-replica-no-high-availability",
  cloud: "azure",
  rule: "A read replica of a PostgreSQL flexible server can have neither high availability nor geo-redundant backup: Azure keeps both (and backups of any kind: it takes none of a replica) for primary servers. A promoted replica gets zone-redundant high availability only once it is primary, by a change made then; promotion carries neither HA nor geo-redundant backup over, and geo-redundant backup is chosen only when a server is created.",
  source: AZURE_DOCS.postgresReadReplicas,
  basis: "documented",
  resourceTypes: [T.postgres],
  check(g) {
    const out: LimitViolation[] = [];
    for (const server of g.ofType(T.postgres)) {
      if (str(server.inputs.createMode) !== "Replica") continue;
      const mode = str(rec(server.inputs.highAvailability)?.mode);
      if (postgresReplicaHaRefused(mode)) out.push(violation(this, server, "highAvailability.mode", `${mode} on read replica ${server.name}`));
      const geo = str(rec(server.inputs.backup)?.geoRedundantBackup);
      if (postgresReplicaGeoBackupRefused(geo)) out.push(violation(this, server, "backup.geoRedundantBackup", `geo-redundant backup ${geo} on read replica ${server.name}`));
    }
    return out;
  },
};

/** The sign-in a flexible server declares: Microsoft Entra and password authentication (Azure's enum values). */
export interface PostgresSignIn {
  activeDirectoryAuth?: string;
  passwordAuth?: string;
}

/**
 * Why a read replica that declares `replica` would not keep the sign-in of its source, which declares `source`, once
 * promoted; undefined when it would (or when the source does not use Microsoft Entra sign-in, where nothing is lost).
 */
export function postgresReplicaSignInProblem(source: PostgresSignIn, replica: PostgresSignIn | undefined): string | undefined {
  if (source.activeDirectoryAuth !== "Enabled") return undefined;
  if (replica?.activeDirectoryAuth !== "Enabled") {
    return `Microsoft Entra sign-in ${replica?.activeDirectoryAuth ?? "not declared"} on the replica while its source has it Enabled`;
  }
  if (source.passwordAuth !== undefined && replica.passwordAuth !== source.passwordAuth) {
    return `password sign-in ${replica.passwordAuth ?? "not declared"} on the replica while its source has it ${source.passwordAuth}`;
  }
  return undefined;
}

/** The sign-in a server declares; undefined when it declares none, "unknown" when a preview does not know it yet. */
function signInOf(server: ResourceView): PostgresSignIn | "unknown" | undefined {
  const raw = server.inputs.authConfig;
  if (isMarker(raw)) return "unknown";
  const auth = rec(raw);
  if (!auth) return undefined;
  if (isMarker(auth.activeDirectoryAuth) || isMarker(auth.passwordAuth)) return "unknown";
  const entra = str(auth.activeDirectoryAuth);
  const password = str(auth.passwordAuth);
  return { ...(entra ? { activeDirectoryAuth: entra } : {}), ...(password ? { passwordAuth: password } : {}) };
}

const postgresReplicaSignIn: PlatformLimit = {
  id: "azure-postgres-replica-keeps-source-sign-in",
  cloud: "azure",
  rule: "Promotion does not bring a read replica's sign-in in line with its primary's: a replica set up with PostgreSQL (password) authentication keeps it once promoted, even when the primary took Microsoft Entra sign-in, and Entra has to be turned on by hand. A replica of a server with Entra sign-in must declare Entra sign-in, and password sign-in as its source has it, so that the promoted server still admits the same principals.",
  source: AZURE_DOCS.postgresReplicaPromote,
  basis: "documented",
  resourceTypes: [T.postgres],
  check(g) {
    const out: LimitViolation[] = [];
    for (const replica of g.ofType(T.postgres)) {
      if (str(replica.inputs.createMode) !== "Replica") continue;
      const source = g.ref(replica, "sourceServerResourceId", [T.postgres], replica.inputs.sourceServerResourceId);
      const sourceSignIn = source ? signInOf(source) : undefined;
      const replicaSignIn = signInOf(replica);
      if (!source || sourceSignIn === undefined || sourceSignIn === "unknown" || replicaSignIn === "unknown") continue;
      const problem = postgresReplicaSignInProblem(sourceSignIn, replicaSignIn);
      if (problem) out.push(violation(this, replica, "authConfig", `${problem} (${source.name}): promoted, ${replica.name} would not admit the Entra principals its source admits`));
    }
    return out;
  },
};

const fileShareVaultedNeedsKeys: PlatformLimit = {
  id: "azure-files-vaulted-backup-shared-key",
  cloud: "azure",
  rule: "Vaulted backup of Azure file shares (each day's recovery point copied into the Recovery Services vault) needs \"Allow storage account key access\" on the storage account, for the backups and for the restores; snapshot backup, which keeps the snapshots in the account, does not. An account with shared keys off is backed up by snapshots only.",
  source: AZURE_DOCS.fileShareBackupSupport,
  basis: "documented",
  resourceTypes: [T.protectionPolicy, T.protectedItem, T.storageAccount],
  check(g) {
    const out: LimitViolation[] = [];
    for (const item of g.ofType(T.protectedItem)) {
      const props = rec(item.inputs.properties);
      if (str(props?.protectedItemType) !== "AzureFileShareProtectedItem") continue;
      const policy = g.ref(item, "properties", [T.protectionPolicy], props?.policyId);
      if (!policy || rec(policy.inputs.properties)?.vaultRetentionPolicy === undefined) continue;
      const account = g.ref(item, "properties", [T.storageAccount], props?.sourceResourceId);
      const keys = account?.inputs.allowSharedKeyAccess;
      if (account && !isMarker(keys) && !vaultedShareBackupPossible(typeof keys === "boolean" ? keys : undefined)) {
        out.push(violation(this, item, "properties.policyId", `vaulted policy ${policy.name} for a share of ${account.name}, whose shared-key access is off`));
      }
    }
    return out;
  },
};

/** The retention a share backup policy declares: its tier, daily count and (vaulted) snapshot days, where given. */
export function shareBackupRetention(props: Record<string, unknown> | undefined): { tier: AzureFilesBackupTier; dailyDays?: number; snapshotDays?: number; property: string } {
  const vaulted = rec(props?.vaultRetentionPolicy);
  if (vaulted) {
    return {
      tier: "vault-standard",
      dailyDays: num(rec(rec(rec(vaulted.vaultRetention)?.dailySchedule)?.retentionDuration)?.count),
      snapshotDays: num(vaulted.snapshotRetentionInDays),
      property: "properties.vaultRetentionPolicy",
    };
  }
  return { tier: "snapshot", dailyDays: num(rec(rec(rec(props?.retentionPolicy)?.dailySchedule)?.retentionDuration)?.count), property: "properties.retentionPolicy" };
}

/**
 * What is wrong with a share backup policy's retention for its tier (empty when nothing is): the predicate of
 * `azure-files-backup-retention`, which the file store component and config validation call too.
 */
export function shareBackupRetentionProblems(tier: AzureFilesBackupTier, dailyDays: number | undefined, snapshotDays?: number): string[] {
  const out: string[] = [];
  const max = azureFilesDailyRetentionMax(tier);
  if (dailyDays !== undefined && (!Number.isInteger(dailyDays) || dailyDays < AZURE_FILES_DAILY_RETENTION_DAYS.min || dailyDays > max)) {
    out.push(`daily recovery points kept ${dailyDays} days; the ${tier} tier keeps them ${AZURE_FILES_DAILY_RETENTION_DAYS.min} to ${max} days`);
  }
  if (tier === "vault-standard" && snapshotDays !== undefined && (!Number.isInteger(snapshotDays) || snapshotDays < 0 || snapshotDays > AZURE_FILES_VAULTED_RETENTION_DAYS.snapshotMax)) {
    out.push(`share snapshots kept ${snapshotDays} days in the account; the vault-standard tier keeps them at most ${AZURE_FILES_VAULTED_RETENTION_DAYS.snapshotMax} days`);
  }
  return out;
}

const fileShareBackupRetention: PlatformLimit = {
  id: "azure-files-backup-retention",
  cloud: "azure",
  rule: `An Azure Files backup policy keeps its daily recovery points ${AZURE_FILES_DAILY_RETENTION_DAYS.min} to ${AZURE_FILES_DAILY_RETENTION_DAYS.max} days on the snapshot tier, and up to ${AZURE_FILES_VAULTED_RETENTION_DAYS.dailyMax} days on the vault-standard tier, whose share snapshots stay in the storage account at most ${AZURE_FILES_VAULTED_RETENTION_DAYS.snapshotMax} days; Azure refuses a policy outside these ranges.`,
  source: AZURE_FILES_VAULTED_RETENTION_DAYS.source,
  basis: "documented",
  resourceTypes: [T.protectionPolicy],
  check(g) {
    const out: LimitViolation[] = [];
    for (const policy of g.ofType(T.protectionPolicy)) {
      const props = rec(policy.inputs.properties);
      if (str(props?.workLoadType) !== "AzureFileShare") continue;
      const r = shareBackupRetention(props);
      for (const problem of shareBackupRetentionProblems(r.tier, r.dailyDays, r.snapshotDays)) out.push(violation(this, policy, r.property, problem));
    }
    return out;
  },
};

/** Step operations of a replacement: the old resource is deleted once its replacement exists (or before it). */
const REPLACEMENTS = new Set(["replace", "create-replacement"]);

/**
 * Types whose identity is a value an operator is expected to change in the stack's config, so that a routine config
 * change replaces them: a flexible server's Entra administrator (its objectId is a path parameter, and
 * database.entraAdministrator names it). Judged by `azure-lock-blocks-replacement` in every plan, not only where a
 * preview shows the replacement.
 */
export const REPLACED_BY_CONFIG_CHANGE: readonly string[] = T.postgresAdmins;

const lockBlocksReplacement: PlatformLimit = {
  id: "azure-lock-blocks-replacement",
  cloud: "azure",
  rule: "A CanNotDelete (or ReadOnly) management lock covers its scope and everything under it: a lock on a subscription or a resource group every resource in it, a lock on a resource its child resources (a vault's policies, a key vault's keys, a server's Entra administrators and virtual endpoint) and the extension resources applied to it (role assignments scoped to it); a resource group holding any locked resource cannot be deleted at all. Azure refuses to delete a covered resource (ScopeLocked) until the lock is removed. Replacing a resource deletes the old one, so a deployment that replaces a covered resource fails half-way, unless Pulumi keeps the old one instead of deleting it (retainOnDelete). The package locks stateful resources only, never a resource group. Judged where the source tells a replacement (a preview), and in every plan for a resource a routine config change replaces: a flexible server's Entra administrator, whose objectId is a path parameter.",
  source: AZURE_DOCS.resourceLocks,
  basis: "documented",
  resourceTypes: [T.lockByScope, T.lockAtResourceGroup, T.lockAtResource, T.lockAtSubscription, ...REPLACED_BY_CONFIG_CHANGE],
  check(g) {
    const out: LimitViolation[] = [];
    for (const r of g.resources) {
      if (r.retainOnDelete || !r.type.startsWith("azure-native:")) continue;
      const replaced = r.operation !== undefined && REPLACEMENTS.has(r.operation);
      const replaceable = r.operation === undefined && REPLACED_BY_CONFIG_CHANGE.includes(r.type);
      if (!replaced && !replaceable) continue;
      const lock = deletionLockOf(g, r);
      if (!lock) continue;
      out.push(
        violation(
          this,
          r,
          "retainOnDelete",
          replaced
            ? `replaced (${r.operation}) under the deletion lock ${lock.name}, which refuses the old one's deletion; update it in place, or retain the old one on delete`
            : `a change of its path parameters (a new Entra administrator's objectId) replaces it, and the deletion lock ${lock.name} refuses the old one's deletion; retain the old one on delete`,
        ),
      );
    }
    return out;
  },
};

/** The input through which a lock names what it is placed on, for a violation's property path. */
function lockScopeInput(lock: ResourceView): string {
  if (lock.type === T.lockByScope) return "scope";
  if (lock.type === T.lockAtResource) return "resourceName";
  if (lock.type === T.lockAtResourceGroup) return "resourceGroupName";
  return "level";
}

/** The flexible server runs with high availability (a standby): any declared mode but Disabled; undefined when unknown. */
export function postgresHasHa(server: ResourceView): boolean | undefined {
  const mode = rec(server.inputs.highAvailability)?.mode;
  if (isMarker(mode)) return undefined;
  const m = str(mode);
  return m !== undefined && m.toLowerCase() !== "disabled";
}

/**
 * The locks, of either level, at or above a private DNS zone: on the zone, its resource group or subscription (by
 * inheritance), or on one of its record sets. The predicate of `azure-postgres-dns-zone-unlocked-with-ha`.
 */
export function locksAtOrAboveZone(g: ResourceGraph, zone: ResourceView): ResourceView[] {
  const onRecords = g
    .referrers(zone, [T.privateRecordSet], "privateZoneName")
    .flatMap((record) => g.ofType(T.lockByScope, T.lockAtResource).filter((lock) => lockTargets(g, lock).some((t) => t.urn === record.urn)));
  return [...new Set([...locksOver(g, zone, true), ...onRecords])];
}

const postgresZoneUnlockedWithHa: PlatformLimit = {
  id: "azure-postgres-dns-zone-unlocked-with-ha",
  cloud: "azure",
  rule: "A VNet-integrated PostgreSQL flexible server with high availability registers its name in its private DNS zone and rewrites the record when it fails over to its standby. Microsoft asks for no management lock of either level on that zone or on its record sets while high availability is used, since a lock may keep the server from updating its records. A lock on the zone's resource group or subscription applies to the zone by inheritance and counts as one on the zone.",
  source: AZURE_DOCS.postgresPrivateNetworking,
  basis: "documented",
  resourceTypes: [T.postgres, T.privateZone, T.privateRecordSet, T.lockByScope, T.lockAtResourceGroup, T.lockAtResource, T.lockAtSubscription],
  check(g) {
    const out: LimitViolation[] = [];
    const seen = new Set<string>();
    for (const server of g.ofType(T.postgres)) {
      if (postgresHasHa(server) !== true) continue;
      const network = rec(server.inputs.network);
      for (const zone of g.refs(server, "network", [T.privateZone], network?.privateDnsZoneArmResourceId)) {
        for (const lock of locksAtOrAboveZone(g, zone)) {
          const key = `${lock.urn}\u0000${zone.urn}`;
          if (seen.has(key)) continue;
          seen.add(key);
          out.push(
            violation(this, lock, lockScopeInput(lock), `a ${str(lock.inputs.level) ?? "management"} lock at or above private DNS zone ${zone.name}, where server ${server.name} (high availability ${str(rec(server.inputs.highAvailability)?.mode)}) updates its records; keep that zone, its group and its record sets unlocked`),
          );
        }
      }
    }
    return out;
  },
};

/** The name of the private DNS zone a link joins, from the zone it references or else its own input. */
function linkedZoneName(g: ResourceGraph, link: ResourceView): string | undefined {
  const zone = g.ref(link, "privateZoneName", [T.privateZone], link.inputs.privateZoneName);
  return (str(zone?.inputs.privateZoneName) ?? str(link.inputs.privateZoneName))?.toLowerCase();
}

const privateZoneNameOncePerNetwork: PlatformLimit = {
  id: "azure-private-dns-zone-name-once-per-network",
  cloud: "azure",
  rule: "A virtual network is linked to a private DNS zone by one link at most, and Azure does not support linking it to two zones of the same name (in different resource groups, say): the second link is refused. A zone moved to another group must therefore lose its old links before the new zone's links are created (delete before replace).",
  source: AZURE_DOCS.privateLinkFaq,
  basis: "documented",
  resourceTypes: [T.privateZoneLink, T.privateZone],
  check(g) {
    const out: LimitViolation[] = [];
    const first = new Map<string, ResourceView>();
    for (const link of g.ofType(T.privateZoneLink)) {
      const zone = linkedZoneName(g, link);
      const vnets = g.refs(link, "virtualNetwork", [T.virtualNetwork]);
      const vnet = vnets.length === 1 ? vnets[0].urn : str(rec(link.inputs.virtualNetwork)?.id);
      if (zone === undefined || vnet === undefined) continue;
      const key = `${vnet}\u0000${zone}`;
      const earlier = first.get(key);
      if (!earlier) {
        first.set(key, link);
        continue;
      }
      out.push(violation(this, link, "virtualNetwork", `links the network already linked to a zone named ${zone} by ${earlier.name}; one network resolves one zone of a name`));
    }
    return out;
  },
};

const filesSmbAccess: PlatformLimit = {
  id: "azure-files-smb-access-usable",
  cloud: "azure",
  rule: "An SMB share is mounted either with the storage account key, which travels by NTLMv2 and needs shared-key access allowed, or with Kerberos tickets of an identity source enabled on the account (AD DS, Entra Domain Services, Entra Kerberos); the file service's SMB authentication methods must include the one used. An account with shared keys off and no identity source, or whose methods exclude its only way in, cannot be mounted at all. Entra Kerberos serves Entra-joined clients with hybrid identities only, not Linux hosts.",
  source: AZURE_DOCS.filesIdentityAuth,
  basis: "documented",
  resourceTypes: [T.storageAccount, T.fileShare, T.fileService],
  check(g) {
    const out: LimitViolation[] = [];
    for (const account of g.ofType(T.storageAccount)) {
      const shares = g.referrers(account, [T.fileShare], "accountName");
      if (shares.length === 0) continue;
      const keys = account.inputs.allowSharedKeyAccess;
      const identity = rec(account.inputs.azureFilesIdentityBasedAuthentication)?.directoryServiceOptions;
      if (isMarker(keys) || isMarker(identity)) continue;
      // Azure's default allows shared keys.
      const keysOn = keys !== false;
      const identityOn = str(identity) !== undefined && str(identity) !== "None";
      if (!keysOn && !identityOn) {
        out.push(violation(this, account, "allowSharedKeyAccess", "shared keys are off and no identity source is enabled: no host can mount the shares"));
        continue;
      }
      for (const service of g.referrers(account, [T.fileService], "accountName")) {
        const methods = rec(rec(service.inputs.protocolSettings)?.smb)?.authenticationMethods;
        const list = str(methods)?.split(";").map((m) => m.trim());
        if (!list) continue;
        const usable = (keysOn && list.includes("NTLMv2")) || (identityOn && list.includes("Kerberos"));
        if (!usable) {
          out.push(violation(this, service, "protocolSettings.smb.authenticationMethods", `"${str(methods)}" admits neither the account key (${keysOn ? "allowed" : "off"}) nor Kerberos (${identityOn ? str(identity) : "no identity source"})`));
        }
      }
    }
    return out;
  },
};

const keyVaultNameHeld: PlatformLimit = {
  id: "azure-key-vault-name-held-after-delete",
  cloud: "azure",
  rule: "A deleted key vault stays in Azure's soft-delete state, its name reserved, for its whole retention (7 to 90 days), and purge protection forbids purging it sooner; Azure refuses to create a vault of that name meanwhile. A vault whose name is fixed in the program therefore cannot be deployed again after `pulumi destroy`: its name must carry a random part created and destroyed with the stack.",
  source: AZURE_DOCS.keyVaultSoftDelete,
  basis: "documented",
  resourceTypes: [T.keyVault, T.randomId],
  check(g) {
    const out: LimitViolation[] = [];
    for (const vault of g.ofType(T.keyVault)) {
      const name = vault.inputs.vaultName;
      if (name === undefined || isMarker(name)) continue;
      // The type of a dependency is read from the resource or, when the source lists only its URN, from the URN.
      const random = (vault.propertyDependencies.vaultName ?? []).some((urn) => (g.get(urn)?.type ?? urn) === T.randomId || urn.includes(`${T.randomId}::`));
      if (!random) out.push(violation(this, vault, "vaultName", `"${str(name)}" is fixed: once the vault is deleted, the name stays taken for the soft-delete retention`));
    }
    return out;
  },
};

/**
 * What makes a role assignment one of a kind for Azure: its scope, principal and role (an ARM id compares without
 * regard to case; a role is named by its definition's GUID, whatever scope the definition id is written under).
 * Undefined while any of the three is unknown.
 */
export function roleAssignmentIdentity(inputs: Record<string, unknown>): string | undefined {
  const scope = str(inputs.scope);
  const principal = str(inputs.principalId);
  const role = str(inputs.roleDefinitionId);
  // A value built around an unknown one (a preview's interpolated id) is unknown too.
  if (scope === undefined || principal === undefined || role === undefined || [scope, principal, role].some((v) => /\[(unknown|secret)\]/i.test(v))) return undefined;
  return [scope.toLowerCase().replace(/\/+$/, ""), principal.toLowerCase(), role.toLowerCase().split("/").pop()].join(" ");
}

const roleAssignmentOnce: PlatformLimit = {
  id: "azure-role-assignment-once-per-principal-role-scope",
  cloud: "azure",
  rule: "Azure keeps one assignment of a given role to a given principal at a given scope: a second one under another name is refused with 409 RoleAssignmentExists, so a plan declaring the same role for the same principal at the same scope twice fails on the second. Assumption: Microsoft's RBAC pages advise naming an assignment after its principal, role and scope without stating the refusal; the refusal is the resource provider's error as users and Bicep's maintainers report it.",
  source: AZURE_DOCS.roleAssignmentExistsReport,
  basis: "assumption",
  resourceTypes: [T.roleAssignment],
  check(g) {
    const out: LimitViolation[] = [];
    const first = new Map<string, ResourceView>();
    for (const r of g.ofType(T.roleAssignment)) {
      const identity = roleAssignmentIdentity(r.inputs);
      if (identity === undefined) continue;
      const earlier = first.get(identity);
      if (earlier) out.push(violation(this, r, "roleDefinitionId", `the same role for the same principal at the same scope as ${earlier.name}`));
      else first.set(identity, r);
    }
    return out;
  },
};

const postgresDatabaseOwner: PlatformLimit = {
  id: "azure-postgres-database-owner",
  cloud: "azure",
  rule: `Azure Backup's vaulted backups of a PostgreSQL flexible server skip every database owned by azuresu or azure_pg_admin, and the ARM databases API takes no owner. A user reports that on a server with password sign-in off a database created through ARM can end up owned by azuresu, left out of the vault and closed to every other role (${AZURE_DOCS.postgresArmDatabaseOwner}); Microsoft documents the owner ARM gives neither way. An assumption, then: on such a server the CENM databases are created by SQL, each owned by its service's role (the DBA bootstrap), never declared through ARM.`,
  source: AZURE_DOCS.postgresVaultedBackup,
  basis: "assumption",
  resourceTypes: [T.postgres, T.postgresDatabase],
  check(g) {
    const out: LimitViolation[] = [];
    for (const db of g.ofType(T.postgresDatabase)) {
      const server = g.ref(db, "serverName", [T.postgres], db.inputs.serverName);
      if (!server || isMarker(server.inputs.authConfig)) continue;
      if (str(rec(server.inputs.authConfig)?.passwordAuth) !== "Disabled") continue;
      out.push(violation(this, db, "databaseName", `${JSON.stringify(str(db.inputs.databaseName) ?? db.name)} is created through ARM on ${server.name}, whose password sign-in is off: its owner is not the CENM role, and may be azuresu, which the vaulted backups skip`));
    }
    return out;
  },
};

const postgresVirtualEndpointMember: PlatformLimit = {
  id: "azure-postgres-virtual-endpoint-member",
  cloud: "azure",
  rule: "A flexible server's virtual endpoints are managed on the primary: the writer endpoint always follows the primary, and `members` names the server the read-only endpoint points at. A promotion of a read replica to primary works only while the read-only endpoint points at that replica; pointing it at the primary is not supported then. A virtual endpoint of a server with read replicas must therefore name one of them.",
  source: AZURE_DOCS.postgresVirtualEndpoints,
  basis: "documented",
  resourceTypes: [T.virtualEndpoint, T.postgres],
  check(g) {
    const out: LimitViolation[] = [];
    for (const endpoint of g.ofType(T.virtualEndpoint)) {
      if (isMarker(endpoint.inputs.members)) continue;
      const server = g.ref(endpoint, "serverName", [T.postgres], endpoint.inputs.serverName);
      if (!server) continue;
      const replicas = g.ofType(T.postgres).filter((r) => str(r.inputs.createMode) === "Replica" && g.refs(r, "sourceServerResourceId", [T.postgres], r.inputs.sourceServerResourceId).includes(server));
      if (replicas.length === 0) continue;
      const members = g.refs(endpoint, "members", [T.postgres], endpoint.inputs.members);
      if (members.some((m) => replicas.includes(m))) continue;
      const named = members.length > 0 ? members.map((m) => m.name).join(", ") : JSON.stringify(endpoint.inputs.members ?? []);
      out.push(violation(this, endpoint, "members", `${named} names none of ${server.name}'s read replicas (${replicas.map((r) => r.name).join(", ")}): promoting one to primary is not supported`));
    }
    return out;
  },
};

/** The flexible servers a Data Protection backup instance backs up. */
function backedUpServers(g: ResourceGraph, instance: ResourceView): ResourceView[] {
  const info = rec(rec(instance.inputs.properties)?.dataSourceInfo);
  return g.refs(instance, "properties", [T.postgres], info?.resourceID);
}

const postgresVaultedBackupSize: PlatformLimit = {
  id: "azure-postgres-vaulted-backup-size",
  cloud: "azure",
  rule: `Azure Backup supports vaulted backups of a PostgreSQL flexible server up to 1 TB (${AZURE_POSTGRES_VAULTED_BACKUP_MAX_GB} GiB), its recommended limit: the backup of a larger server may be attempted, but its success is not guaranteed. Judged on the storage a plan declares; storage autogrow can take a server past the limit later, which no plan shows.`,
  source: AZURE_DOCS.postgresVaultedBackup,
  basis: "documented",
  resourceTypes: [T.backupInstance, T.postgres],
  check(g) {
    const out: LimitViolation[] = [];
    for (const instance of g.ofType(T.backupInstance)) {
      for (const server of backedUpServers(g, instance)) {
        const size = num(rec(server.inputs.storage)?.storageSizeGB);
        if (size !== undefined && !postgresVaultedBackupSizeOk(size)) {
          out.push(violation(this, server, "storage.storageSizeGB", `${size} GiB, backed up to a vault by ${instance.name}: above the ${AZURE_POSTGRES_VAULTED_BACKUP_MAX_GB} GiB Azure Backup supports`));
        }
      }
    }
    return out;
  },
};

const postgresVaultBackupCadence: PlatformLimit = {
  id: "azure-postgres-vault-backup-cadence",
  cloud: "azure",
  rule: `A Data Protection backup policy of PostgreSQL flexible servers takes at most one backup a day: its backup rule repeats daily (${AZURE_POSTGRES_VAULT_INTERVALS.daily}) or weekly (${AZURE_POSTGRES_VAULT_INTERVALS.weekly}); an hourly interval is not offered.`,
  source: AZURE_DOCS.postgresVaultPolicy,
  basis: "documented",
  resourceTypes: [T.backupPolicy],
  check(g) {
    const out: LimitViolation[] = [];
    for (const policy of g.ofType(T.backupPolicy)) {
      const props = rec(policy.inputs.properties);
      if (!arr(props?.datasourceTypes).some((t) => str(t) === FLEXIBLE_SERVER_DATASOURCE)) continue;
      arr(props?.policyRules).forEach((rule, i) => {
        const r = rec(rule);
        if (str(r?.objectType) !== "AzureBackupRule") return;
        for (const interval of arr(rec(rec(r?.trigger)?.schedule)?.repeatingTimeIntervals)) {
          const text = str(interval);
          if (text !== undefined && !postgresVaultIntervalOk(text)) {
            out.push(violation(this, policy, `properties.policyRules[${i}].trigger.schedule.repeatingTimeIntervals`, `"${text}" is neither daily nor weekly`));
          }
        }
      });
    }
    return out;
  },
};

/** Every Azure limit, in a stable order. */
export const AZURE_LIMITS: readonly PlatformLimit[] = [
  immutabilityLockedOnCreate,
  fileShareItemName,
  shareSoftDeleteDays,
  postgresStorage,
  postgresLiveInputsNotResent,
  postgresHa,
  postgresAdmin,
  backupCmkUserIdentity,
  backupCmkSystemIdentityOnCreate,
  recoveryVaultCmkCrossRegionRestore,
  immutableAccountDeletedEmpty,
  postgresCmkReachable,
  postgresReplicaTier,
  postgresReplicaNoHa,
  postgresReplicaSignIn,
  postgresDatabaseOwner,
  postgresVirtualEndpointMember,
  postgresVaultedBackupSize,
  postgresVaultBackupCadence,
  fileShareVaultedNeedsKeys,
  fileShareBackupRetention,
  filesSmbAccess,
  keyVaultNameHeld,
  roleAssignmentOnce,
  lockBlocksReplacement,
  postgresZoneUnlockedWithHa,
  privateZoneNameOncePerNetwork,
];
