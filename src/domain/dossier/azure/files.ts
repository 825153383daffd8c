/** Dossier rows (see ../types.ts) of Azure Storage (accounts, file and blob services, shares, containers) and the Recovery Services vault that backs the shares up. */
import type { DossierRow } from "../types";

const STORAGE = "azure-native:storage:StorageAccount";
const FILE_SERVICE = "azure-native:storage:FileServiceProperties";
const SHARE = "azure-native:storage:FileShare";
const BLOB_SERVICE = "azure-native:storage:BlobServiceProperties";
const CONTAINER = "azure-native:storage:BlobContainer";
const VAULT = "azure-native:recoveryservices:Vault";
const POLICY = "azure-native:recoveryservices:ProtectionPolicy";
const PROTECTION_CONTAINER = "azure-native:recoveryservices:ProtectionContainer";
const ITEM = "azure-native:recoveryservices:ProtectedItem";
/** The file store's share inquiry (src/components/azure/shareInquiry.ts), the package's one dynamic resource. */
const INQUIRY = "pulumi-nodejs:dynamic:Resource";
const INQUIRE_REST = "https://learn.microsoft.com/rest/api/backup/protection-containers/inquire";
const PULUMI_DYNAMIC = "https://www.pulumi.com/docs/iac/concepts/resources/dynamic-providers/";

/** The REST API reference of each resource (its property descriptions are the azure-native SDK's). */
const REST = {
  account: "https://learn.microsoft.com/rest/api/storagerp/storage-accounts/create",
  fileService: "https://learn.microsoft.com/rest/api/storagerp/file-services/set-service-properties",
  share: "https://learn.microsoft.com/rest/api/storagerp/file-shares/create",
  blobService: "https://learn.microsoft.com/rest/api/storagerp/blob-services/set-service-properties",
  container: "https://learn.microsoft.com/rest/api/storagerp/blob-containers/create",
  vault: "https://learn.microsoft.com/rest/api/recoveryservices/vaults/create-or-update",
  policy: "https://learn.microsoft.com/rest/api/backup/protection-policies/create-or-update",
  protectionContainer: "https://learn.microsoft.com/rest/api/backup/protection-containers/register",
  item: "https://learn.microsoft.com/rest/api/backup/protected-items/create-or-update",
};
/** azure-native replaces a resource only for create-only spec properties and its curated forceNewMap (StorageAccount: isHnsEnabled, location). */
const AZURE_NATIVE_FORCE_NEW = "https://github.com/pulumi/pulumi-azure-native/blob/master/provider/pkg/gen/replacement.go";
const TF_ACCOUNT = "https://github.com/hashicorp/terraform-provider-azurerm/blob/main/internal/services/storage/storage_account_resource.go";
const TF_VAULT = "https://github.com/hashicorp/terraform-provider-azurerm/blob/main/internal/services/recoveryservices/recovery_services_vault_resource.go";
/** azurerm's acceptance test creates a Recovery Services vault with both a customer-managed key and cross-region restore. */
const TF_VAULT_TEST = "https://github.com/hashicorp/terraform-provider-azurerm/blob/main/internal/services/recoveryservices/recovery_services_vault_resource_test.go";
/** azure-native's update: one PUT built from every input (PATCH only where the API has no PUT). */
const AZURE_NATIVE_CRUD = "https://github.com/pulumi/pulumi-azure-native/blob/master/provider/pkg/provider/crud/crud.go";
const TF_SHARE_POLICY = "https://github.com/hashicorp/terraform-provider-azurerm/blob/main/internal/services/recoveryservices/backup_policy_file_share_resource.go";
const TF_SHARE_ITEM = "https://github.com/hashicorp/terraform-provider-azurerm/blob/main/internal/services/recoveryservices/backup_protected_file_share_resource.go";
const TF_STORAGE_CONTAINER = "https://github.com/hashicorp/terraform-provider-azurerm/blob/main/internal/services/recoveryservices/backup_container_storage_account_resource.go";
const PROVIDER_SHARE_ITEM = "https://github.com/pulumi/pulumi-azure-native/blob/master/provider/pkg/resources/customresources/custom_recoveryservices.go";
const FILES_BACKUP_MATRIX = "https://learn.microsoft.com/azure/backup/azure-file-share-support-matrix";
const FILES_BACKUP_FAQ = "https://learn.microsoft.com/azure/backup/backup-azure-files-faq";
const FILES_BACKUP_REST = "https://learn.microsoft.com/azure/backup/backup-azure-file-share-rest-api";
const RS_VAULT_SETUP = "https://learn.microsoft.com/azure/backup/backup-create-rs-vault";
const RS_VAULT_CMK = "https://learn.microsoft.com/azure/backup/encryption-at-rest-with-cmk";
const IMMUTABLE_VAULT = "https://learn.microsoft.com/azure/backup/backup-azure-immutable-vault-concept";
const BACKUP_SOFT_DELETE = "https://learn.microsoft.com/azure/backup/backup-azure-enhanced-soft-delete-about";
const IMMUTABILITY_POLICY = "https://learn.microsoft.com/azure/storage/blobs/immutable-policy-configure-version-scope";
/** Version-level WORM: an account or container enabled for it is deleted only once empty ("Deletion", "Scenarios"). */
const IMMUTABLE_VERSION_LEVEL = "https://learn.microsoft.com/azure/storage/blobs/immutable-version-level-worm-policies";
/** The change feed keeps its records as blobs in the account's $blobchangefeed container. */
const CHANGE_FEED = "https://learn.microsoft.com/azure/storage/blobs/storage-blob-change-feed";
const STORAGE_NETWORK = "https://learn.microsoft.com/azure/storage/common/storage-network-security";
/** Trusted services take precedence: resource instance rules and the trusted-services exception stay in effect when public access is Disabled. */
const STORAGE_NETWORK_OVERVIEW = "https://learn.microsoft.com/azure/storage/common/storage-network-security-overview";
/** Restoring a flexible server's vaulted backup as files: the target account allows cross-tenant replication and is reachable from public networks. */
const PG_VAULTED_RESTORE = "https://learn.microsoft.com/azure/backup/restore-azure-database-postgresql-flex";
/** Microsoft's steps for that: selected networks (default Deny), the backup vault as a resource instance, trusted services allowed. */
const PG_VAULTED_RESTORE_NETWORK = "https://learn.microsoft.com/azure/backup/backup-azure-database-postgresql-flex-manage";
const FILES_IDENTITY = "https://learn.microsoft.com/azure/storage/files/storage-files-active-directory-overview";
const FILES_SMB = "https://learn.microsoft.com/azure/storage/files/files-smb-protocol";
const SHARE_SOFT_DELETE = "https://learn.microsoft.com/azure/storage/files/storage-files-prevent-file-share-deletion";
const LOCKS = "https://learn.microsoft.com/azure/azure-resource-manager/management/lock-resources";
/** Pulumi's resource options: deletedWith skips a resource's delete when the named resource is deleted in the same operation. */
const PULUMI_DELETED_WITH = "https://github.com/pulumi/pulumi/blob/master/sdk/nodejs/resource.ts";

/** Where a resource lives and how it is labelled: the same for every type of this file. */
function placement(type: string, parent: string, withLocation: boolean, source: string): DossierRow {
  return {
    type,
    properties: withLocation ? ["location", "resourceGroupName"] : ["resourceGroupName"],
    update: "replaces",
    sets: `The resource group of the region it serves (the network component's primary or DR group)${withLocation ? " and that region" : ""}; ${parent}.`,
    lifecycle:
      "Both are part of where ARM keeps the resource: the resource group is in its id, so azure-native replaces the resource when it changes (a new resource elsewhere, the old one deleted, which a deletion lock refuses)" +
      (withLocation ? "; a resource keeps the location it was created in (azure-native replaces a storage account whose location changes)" : "") +
      ". Unchanged on a second deploy.",
    sources: [source, AZURE_NATIVE_FORCE_NEW],
  };
}

function tagRow(type: string, source: string): DossierRow {
  return {
    type,
    properties: ["tags"],
    update: "in-place",
    sets: "The stack's tags (stack, environment, the operator's own) plus cenm-backup-element (files, or keys for the escrow), which the audit reads to tell the elements apart.",
    lifecycle: "Updated in place, never a replacement; a second deploy with the same tags changes nothing.",
    sources: [source],
  };
}

export const AZURE_FILES_ROWS: readonly DossierRow[] = [
  // ---------------------------------------------------------------------------------------------------------
  // Storage accounts: the file store's (ReplicatedFileStore) and the key escrows (OfflineKeyVault)
  // ---------------------------------------------------------------------------------------------------------
  {
    type: STORAGE,
    properties: ["accountName"],
    update: "replaces",
    sets: "A name derived from the component's name and a digest of the subscription, the resource group and the component (files: cenmfiles...; escrow: cenmkeys...), 24 lower-case letters and digits, so that it is stable for a stack and unique in Azure.",
    lifecycle: "Names are 3-24 lower-case letters and digits, unique across Azure; the name is in the account's id, so a different name is a new account (azure-native replaces it). The same name on a second deploy changes nothing.",
    sources: [REST.account],
  },
  placement(STORAGE, "the file store's account sits beside its shares' private endpoint, each escrow in its own region", true, REST.account),
  tagRow(STORAGE, REST.account),
  {
    type: STORAGE,
    properties: ["kind", "sku"],
    update: "provider-decided",
    sets: "Files: FileStorage with Premium_ZRS (premium shares, three zones) or StorageV2 with Standard_GZRS (three zones plus an asynchronous copy in the paired region), from fileStore.storageSku. Escrow: StorageV2 with Standard_ZRS (the two escrow accounts are the geo separation).",
    lifecycle:
      "Both are chosen at creation. Azure migrates only a general-purpose v1 account to StorageV2; terraform-provider-azurerm therefore creates a new account for any other kind change, and for a change between the zone-redundant (ZRS, GZRS) and the other (LRS, GRS) replications, and between the Standard and Premium tiers. azure-native replaces an account only for isHnsEnabled and location, so it would send such a change as an update, which Azure refuses: moving the files to another kind or tier means a new account and a copy of the data. A change from Standard_ZRS to Standard_GZRS stays in place.",
    sources: [TF_ACCOUNT, AZURE_NATIVE_FORCE_NEW],
  },
  {
    type: STORAGE,
    properties: ["accessTier"],
    update: "in-place",
    sets: "Escrow accounts only: Hot, the default access tier of their blobs (the wrapped key material is small and read at key ceremonies).",
    lifecycle: "Used for billing; required only for BlobStorage accounts and fixed at Premium for premium block blob accounts. Updated in place; unchanged on a second deploy.",
    sources: [REST.account],
  },
  {
    type: STORAGE,
    properties: ["isHnsEnabled"],
    update: "replaces",
    sets: "Escrow accounts only: false, stated explicitly (no hierarchical namespace: a flat blob container with version-level immutability).",
    lifecycle: "Fixed at creation: azure-native replaces the account when it changes (its forceNewMap), and terraform-provider-azurerm forces a new account too. Unchanged on a second deploy.",
    sources: [AZURE_NATIVE_FORCE_NEW, TF_ACCOUNT],
  },
  {
    type: STORAGE,
    properties: ["immutableStorageWithVersioning"],
    update: "provider-decided",
    sets: "Escrow accounts only: enabled, with a default time-based policy of keyVault.escrowRetentionDays, no protected append writes, Unlocked on a first deployment and Locked afterwards in compliance mode (platform limit azure-immutability-locked-later). Not enabled on dev escrows torn down by destroy.",
    lifecycle:
      "Enabling it is possible only when the account is created. The policy is created Disabled or Unlocked; only an Unlocked policy moves to Locked, by an update, and a Locked one is never unlocked (its period can be lengthened, not shortened). Azure deletes an account enabled for it only once it holds no container, whatever its policies: account deletion fails while a container remains, the change feed's own $blobchangefeed and a soft-deleted container counting as such in this package's reading (platform limit azure-immutable-account-deleted-empty), so an escrow a destroy is to delete goes without a change feed and container soft delete. Destroying the stack leaves a locked account's blobs until they expire.",
    sources: [REST.account, IMMUTABILITY_POLICY, IMMUTABLE_VERSION_LEVEL, TF_ACCOUNT],
  },
  {
    type: STORAGE,
    properties: ["allowSharedKeyAccess"],
    update: "in-place",
    sets: "Files: true only with fileStore.smbAccess storage-key (the hosts mount with the account key over NTLMv2), false with ad-ds or entra-kerberos. Escrow: false (Microsoft Entra authorisation only).",
    lifecycle:
      "Null means allowed; false makes every request, shared access signatures included, authorise with Microsoft Entra ID. Updated in place. Vaulted Azure Files backup and its restores need shared-key access, so the file store refuses the vault-standard tier with shared keys off (platform limits azure-files-vaulted-backup-shared-key, azure-files-smb-access-usable).",
    sources: [REST.account, FILES_BACKUP_MATRIX, FILES_IDENTITY],
  },
  {
    type: STORAGE,
    properties: ["azureFilesIdentityBasedAuthentication"],
    update: "in-place",
    when: "fileStore.smbAccess is ad-ds or entra-kerberos",
    sets: "AD (with the account's identity in the operator's domain, fileStore.activeDirectory) or AADKERB, and defaultSharePermission None: every CENM identity needs its own Storage File Data SMB Share role.",
    lifecycle: "Updated in place; an account joined to a domain must be given its domain identity, or Kerberos tickets for it are refused. Unchanged on a second deploy.",
    sources: [FILES_IDENTITY],
  },
  {
    type: STORAGE,
    properties: ["enableHttpsTrafficOnly", "minimumTlsVersion"],
    update: "in-place",
    sets: "HTTPS only, TLS 1.2 at least, on every account.",
    lifecycle: "Both are updated in place. Azure's default is HTTPS only since API version 2019-04-01; without minimumTlsVersion it would accept TLS 1.0, and it does not take 1.3 as a minimum (terraform-provider-azurerm accepts only TLS1_2 there). Unchanged on a second deploy.",
    sources: [REST.account, TF_ACCOUNT],
  },
  {
    type: STORAGE,
    properties: ["allowBlobPublicAccess", "allowCrossTenantReplication", "allowedCopyScope", "defaultToOAuthAuthentication"],
    update: "in-place",
    sets: "No anonymous blob access and OAuth as the portal's default authorisation on every account; escrow accounts also restrict copies to private-link sources (PrivateLink). Cross-tenant replication false on the file store and the escrows; true on the database vault's restore account only, because Azure Backup keeps a flexible server's vaulted backup as a blob in Microsoft's tenant and copies it into the restore target across tenants, and Microsoft's restore-as-files page requires AllowCrossTenantReplication true on that account.",
    lifecycle: "Each is updated in place; Azure's defaults are no public access and no cross-tenant replication for new accounts. Unchanged on a second deploy. The restore account's cross-tenant replication lets a principal allowed to configure object replication on it copy its blobs to another tenant; it holds dump files only while a restore is worked on, and its public network access stays disabled outside a restore.",
    sources: [REST.account, PG_VAULTED_RESTORE],
  },
  {
    type: STORAGE,
    properties: ["publicNetworkAccess", "networkRuleSet"],
    update: "in-place",
    sets:
      "Public network access Disabled and default-deny network rules with no IP or virtual network rule on every account: the shares are reached through the file store's private endpoint, the escrow blobs and the restore dumps through theirs. Files: bypass AzureServices, the trusted-services exception Microsoft's file-share backup support matrix names for backing up a firewalled account. Escrow: bypass None. Restore account: bypass AzureServices and a resource instance rule for the database backup vault (its tenant and id), which Microsoft's restore steps ask for; the runbook turns public network access on, still default Deny, only while a restore runs.",
    lifecycle:
      "Updated in place. Access from trusted services takes precedence over the other network restrictions: resource instance rules and the trusted-services exception stay in effect when public network access is Disabled, so Azure Backup reaches the file store account and the backup vault the restore account while they stay closed to every other network. Microsoft's restore-as-files page still asks for the target to be reachable from public networks during a restore, in the form of Enabled from selected networks with that rule and exception, which the runbook switches on and off (the next refreshed up also sets it back). The vaulted tier's matrix supports accounts with private endpoints.",
    sources: [STORAGE_NETWORK_OVERVIEW, STORAGE_NETWORK, FILES_BACKUP_MATRIX, PG_VAULTED_RESTORE, PG_VAULTED_RESTORE_NETWORK],
  },
  {
    type: STORAGE,
    properties: ["identity", "encryption"],
    update: { identity: "in-place", encryption: "provider-decided" },
    sets:
      "A user-assigned identity of the component unwraps a customer-managed RSA-HSM key of the component's own key vault (keySource Microsoft.Keyvault, the key named without a version), with infrastructure (double) encryption; files encrypt file and blob with account keys, escrows blob. The account is created after the identity's key role has propagated.",
    lifecycle:
      "Infrastructure encryption is taken only when the account is created (terraform-provider-azurerm forces a new account on it). Azure checks that the identity can reach the key when it is set, through the key vault's trusted-services bypass. Unchanged on a second deploy.",
    sources: [REST.account, TF_ACCOUNT],
  },

  // ---------------------------------------------------------------------------------------------------------
  // File service and shares
  // ---------------------------------------------------------------------------------------------------------
  {
    type: FILE_SERVICE,
    properties: ["accountName", "fileServicesName"],
    update: "replaces",
    sets: "The file store's account, and default, the only name a file service takes.",
    lifecycle: "The file service exists with the account; the resource sets its properties (creating it is a PUT of them, deleting it from the program leaves them as they are). A different account is a different resource.",
    sources: [REST.fileService],
  },
  placement(FILE_SERVICE, "the account's own group", false, REST.fileService),
  {
    type: FILE_SERVICE,
    properties: ["shareDeleteRetentionPolicy"],
    update: "in-place",
    sets: "Share soft delete on, 14 days: a deleted share (and the files in it) can be undeleted that long (az storage share-rm restore).",
    lifecycle: "Updated in place; Azure takes 1 to 365 days while it is enabled (platform limit azure-share-soft-delete-days). It does not survive the deletion of the account itself. Unchanged on a second deploy.",
    sources: [SHARE_SOFT_DELETE],
  },
  {
    type: FILE_SERVICE,
    properties: ["protocolSettings"],
    update: "in-place",
    sets: "SMB 3.1.1 only, AES-256-GCM channel encryption, and one authentication method: NTLMv2 with storage-key access, Kerberos (AES-256 tickets) with the identity-based methods.",
    lifecycle: "Updated in place; a host offering only an excluded dialect, cipher or method is refused at mount time (platform limit azure-files-smb-access-usable). Unchanged on a second deploy.",
    sources: [FILES_SMB],
  },
  {
    type: SHARE,
    properties: ["accountName", "shareName"],
    update: "replaces",
    sets: "cenm-<service> in the file store's account, one share per CENM service of fileStore.services.",
    lifecycle: "Names are 3-63 lower-case letters, digits and single dashes. Both are in the share's id: a different name is a new share, and the old one is deleted (kept by share soft delete for its retention). Unchanged on a second deploy.",
    sources: [REST.share],
  },
  placement(SHARE, "the account's own group", false, REST.share),
  {
    type: SHARE,
    properties: ["enabledProtocols"],
    update: "provider-decided",
    sets: "SMB (Azure Backup does not back up NFS shares, and the hosts mount over SMB).",
    lifecycle: "Azure takes the protocol only when the share is created; the package never changes it.",
    sources: [REST.share, FILES_BACKUP_MATRIX],
  },
  {
    type: SHARE,
    properties: ["accessTier", "shareQuota"],
    update: "in-place",
    sets: "Premium shares (FileStorage): tier Premium, 100 GiB provisioned. Standard shares (StorageV2): TransactionOptimized, a 32 GiB quota, ample for a CENM service directory.",
    lifecycle: "A general-purpose v2 account chooses TransactionOptimized, Hot or Cool, a FileStorage account Premium; both are updated in place. The quota is at most 5120 GiB (102400 with large file shares); a premium share is provisioned, and billed, for its quota. Unchanged on a second deploy.",
    sources: [REST.share],
  },
  {
    type: SHARE,
    properties: ["metadata"],
    update: "in-place",
    sets: "cenmservice: the CENM service whose directory the share holds.",
    lifecycle: "Name-value pairs stored with the share, updated in place.",
    sources: [REST.share],
  },

  // ---------------------------------------------------------------------------------------------------------
  // Blob service and containers of the key escrows (OfflineKeyVault)
  // ---------------------------------------------------------------------------------------------------------
  {
    type: BLOB_SERVICE,
    properties: ["accountName", "blobServicesName"],
    update: "replaces",
    sets: "The escrow account, and default, the only name a blob service takes.",
    lifecycle: "The blob service exists with the account; the resource sets its properties, and deleting it from the program leaves them as they are.",
    sources: [REST.blobService],
  },
  placement(BLOB_SERVICE, "the escrow account's own group", false, REST.blobService),
  {
    type: BLOB_SERVICE,
    properties: ["isVersioningEnabled", "deleteRetentionPolicy", "containerDeleteRetentionPolicy", "changeFeed"],
    update: "in-place",
    sets: "Blob versioning (which version-level immutability builds on), 30-day soft delete of blobs, 30-day soft delete of containers with protection on (off with protection off, when a destroy is to delete the account), and the change feed (a record of every change to the escrow's blobs) unless keyVault.escrowChangeFeed is false, as the sandbox sets it.",
    lifecycle: "All are updated in place. Soft delete keeps a deleted blob or container restorable for its days; versions of a blob under a locked immutability policy cannot be deleted before they expire. The change feed keeps its records in the account's $blobchangefeed container, and an account enabled for version-level immutability is deleted only once it holds no container: an escrow a destroy deletes must be created without the change feed and have container soft delete off by then (limit azure-immutable-account-deleted-empty; config validation refuses protection.enabled false outside dev without keyVault.escrowChangeFeed false). Unchanged on a second deploy.",
    sources: [REST.blobService, IMMUTABILITY_POLICY, IMMUTABLE_VERSION_LEVEL, CHANGE_FEED],
  },
  {
    type: CONTAINER,
    properties: ["accountName", "containerName"],
    update: "replaces",
    sets: "key-escrow in each escrow account.",
    lifecycle: "Names are 3-63 lower-case letters, digits and single dashes; both are in the container's id, so a new name is a new container. A container holding immutable versions cannot be deleted before they expire.",
    sources: [REST.container, IMMUTABILITY_POLICY],
  },
  placement(CONTAINER, "the escrow account's own group", false, REST.container),
  {
    type: CONTAINER,
    properties: ["publicAccess", "metadata"],
    update: "in-place",
    sets: "No public access; metadata cenmbackupelement: keys.",
    lifecycle: "Both are updated in place; the account's allowBlobPublicAccess false forbids public access whatever the container says.",
    sources: [REST.container],
  },

  // ---------------------------------------------------------------------------------------------------------
  // Recovery Services: the share backups
  // ---------------------------------------------------------------------------------------------------------
  placement(VAULT, "the vault sits in the file store's primary region", true, REST.vault),
  tagRow(VAULT, REST.vault),
  {
    type: VAULT,
    properties: ["sku"],
    update: "in-place",
    sets: "Standard, the Recovery Services vault SKU (Azure also takes RS0).",
    lifecycle: "Azure takes a SKU change only in a full create-or-update of the vault, not a patch (terraform-provider-azurerm sends one for it); unchanged on a second deploy.",
    sources: [REST.vault, TF_VAULT],
  },
  {
    type: VAULT,
    properties: ["identity"],
    update: "in-place",
    sets: "Vault-standard tier only: a system-assigned identity, which unwraps the file store's key for the vaulted recovery points (granted Key Vault Crypto Service Encryption User on its key vault). The snapshot tier declares none: that vault holds no file data.",
    lifecycle: "Created with the vault; Microsoft warns never to disable it, even briefly, once a key uses it. Unchanged on a second deploy. Its key role depends on the vault (it names the identity), so a destroy would revoke it first; it is declared deletedWith the vault, which is then deleted while its identity still reaches the key.",
    sources: [RS_VAULT_CMK, PULUMI_DELETED_WITH],
  },
  {
    type: VAULT,
    properties: ["properties"],
    update: { properties: "in-place", "properties.redundancySettings": "refused" },
    sets:
      "publicNetworkAccess Disabled; redundancySettings GeoRedundant when fileStore.drReplication (else ZoneRedundant), crossRegionRestore Enabled only on a geo-redundant vault of the snapshot tier (platform keys) and Disabled on the vault-standard tier's, which carries a customer-managed key (platform limit azure-recovery-vault-cmk-cross-region-restore); immutability Locked and soft delete AlwaysON (14 days) under a compliance lock, Unlocked and Enabled under governance, both Disabled in dev so that destroy completes; Azure Monitor alerts for every failed job; with the vault-standard tier, encryption with the file store's key unwrapped by the vault's own identity, set by the second deployment (platform limit azure-backup-cmk-system-identity-after-creation).",
    lifecycle:
      "The storage redundancy can be changed only before backups are configured in the vault. Cross-region restore needs GeoRedundant storage, can be turned on later and cannot be turned off once on (azurerm replaces the vault then). Microsoft's CMK page says a vault encrypted with a customer-managed key does not support cross-region restore of its items, while the API accepts both on one vault (azurerm's acceptance test creates one): the vaulted tier's geo-redundant copy is therefore no restorable DR copy, and the region's loss is covered by the account's GZRS replica. Immutability is created Disabled or Unlocked and Locked by a later update, never back; AlwaysON soft delete cannot be turned off. A customer-managed key is accepted only while no item is registered or protected, and once set the vault never returns to platform keys; azurerm notes that a PUT without the key is then refused. azure-native updates the vault with one PUT of every declared property, so each later update (tags, the teardown's soft-delete and immutability change) sends the unchanged redundancy settings and key again, where azurerm PATCHes only what changed; whether Azure takes them again once shares are protected is stated on no page read here, and the sandbox teardown is the first such update (docs/sandbox-azure-dev.md). With the snapshot tier none of these settings covers the share data, which stays in the storage account; with the vault-standard tier they cover the vaulted recovery points.",
    sources: [RS_VAULT_SETUP, TF_VAULT, TF_VAULT_TEST, IMMUTABLE_VAULT, BACKUP_SOFT_DELETE, RS_VAULT_CMK, FILES_BACKUP_FAQ, AZURE_NATIVE_CRUD],
  },
  {
    type: POLICY,
    properties: ["vaultName"],
    update: "replaces",
    sets: "The file store's Recovery Services vault.",
    lifecycle: "The vault is in the policy's id: a different vault is a new policy. The vault's deletion lock covers the policy, a child of the vault, so it is retained on delete outside dev (platform limit azure-lock-blocks-replacement).",
    sources: [REST.policy, LOCKS],
  },
  placement(POLICY, "a child of the vault", true, REST.policy),
  tagRow(POLICY, REST.policy),
  {
    type: POLICY,
    properties: ["properties"],
    update: "in-place",
    sets:
      "An AzureStorage / AzureFileShare policy, daily at 03:00 UTC. Vault-standard: vaultRetentionPolicy keeps each day's copy in the vault snapshots.daily.retentionDays days and its share snapshot in the account min(7, retention - 1) days. Snapshot: retentionPolicy keeps the daily share snapshot in the account as long (platform limit azure-files-backup-retention).",
    lifecycle:
      "Azure modifies an existing policy by the same PUT (terraform-provider-azurerm updates file share policies in place, backup tier included), and azure-native replaces it only for create-only properties or its forceNewMap, which names no Recovery Services type: a change of schedule or retention is an update in place and every protected item follows it. Retained on delete where a deletion lock covers it, so that an unforeseen replacement leaves the old policy in the vault instead of failing on the lock. Snapshot tier: up to 200 days; vault-standard: up to 9999 days in the vault and 30 days of snapshots.",
    sources: [REST.policy, TF_SHARE_POLICY, AZURE_NATIVE_FORCE_NEW, FILES_BACKUP_MATRIX],
  },
  {
    type: PROTECTION_CONTAINER,
    properties: ["vaultName", "fabricName", "containerName"],
    update: "replaces",
    sets: "Fabric Azure, container StorageContainer;Storage;<resource group>;<account>: the registration of the file store's account with its vault. Declared after every share, and with the vault-standard tier only once the vault's key is set (second deployment).",
    lifecycle:
      "Registering the account is a PUT of the container (an asynchronous operation); removing it unregisters the account. The names are in its id. Azure lists a share created after the registration as protectable only after an inquiry of the container, which the file store runs before protecting (platform limit azure-fileshare-protected-item-name).",
    sources: [FILES_BACKUP_REST, TF_STORAGE_CONTAINER],
  },
  placement(PROTECTION_CONTAINER, "a child of the vault", true, REST.protectionContainer),
  tagRow(PROTECTION_CONTAINER, REST.protectionContainer),
  {
    type: PROTECTION_CONTAINER,
    properties: ["properties"],
    update: "provider-decided",
    sets: "containerType StorageContainer, backupManagementType AzureStorage, the account's id and name, and acquireStorageAccountLock Acquire (NotAcquire in dev, so that destroy can delete the account).",
    lifecycle: "With Acquire, Azure Backup puts its own delete lock on the registered account. Unchanged on a second deploy.",
    sources: [REST.protectionContainer, FILES_BACKUP_REST],
  },
  {
    type: ITEM,
    properties: ["protectedItemName"],
    update: "replaces",
    sets: "The share's own name (cenm-<service>); the provider swaps in Azure's internal item name (azurefileshare;<hash>) before creating it.",
    lifecycle:
      "The provider lists the vault's protectable items and picks the share of that name in that account; it does not inquire, so a share Azure does not list yet is refused. The file store therefore creates each item after its share and after the container's inquiry (platform limit azure-fileshare-protected-item-name). The name is in the item's id.",
    sources: [PROVIDER_SHARE_ITEM, TF_SHARE_ITEM],
  },
  {
    type: ITEM,
    properties: ["vaultName", "fabricName", "containerName"],
    update: "replaces",
    sets: "The file store's vault, fabric Azure and its storage container.",
    lifecycle: "All three are in the item's id: a change is a new item. Unchanged on a second deploy.",
    sources: [REST.item],
  },
  placement(ITEM, "a child of the vault", true, REST.item),
  tagRow(ITEM, REST.item),
  {
    type: ITEM,
    properties: ["properties"],
    update: "in-place",
    sets: "AzureFileShareProtectedItem of the account (sourceResourceId), named after the share (friendlyName), under the file store's policy.",
    lifecycle:
      "Creating it enables protection; a change of policy is an update in place (terraform-provider-azurerm updates the policy of a protected share). Deleting it stops protection; under soft delete Azure keeps the deleted item's backups for the soft-delete period (14 days; AlwaysON can never be turned off).",
    sources: [REST.item, TF_SHARE_ITEM, BACKUP_SOFT_DELETE],
  },
  {
    type: INQUIRY,
    properties: ["containerId", "shareNames"],
    update: "replaces",
    sets:
      "The ARM id of the storage account's protection container and the sorted names of its shares: the inquiry runs when it is created, after the container and every share exist, and each share's protected item depends on it.",
    lifecycle:
      "Create POSTs Protection Containers - Inquire (backupManagementType AzureStorage) and follows the operation's Location until Azure answers 200 or 204 (30 minutes at most), so that shares created after the account's registration become protectable items. Its own diff replaces it when the container or the share list changes, so a share added later is inquired for before it is protected; nothing changes on a second deploy with the same shares. Delete does nothing (an inquiry leaves nothing behind).",
    sources: [INQUIRE_REST, FILES_BACKUP_REST, TF_SHARE_ITEM],
  },
  {
    type: INQUIRY,
    properties: ["armEndpoint", "apiVersion"],
    update: "in-place",
    sets: "https://management.azure.com (the public cloud's Resource Manager) and api-version 2024-10-01 of the Recovery Services backup API.",
    lifecycle: "Read only at creation; a change alone does not run the inquiry again (the diff compares the container and the shares). Sovereign clouds would need another endpoint.",
    sources: [INQUIRE_REST],
  },
  {
    type: INQUIRY,
    properties: ["token"],
    update: "in-place",
    sets:
      "A Resource Manager access token of the deploying credentials (azure-native's getClientToken, invoked with dependsOn the protection container so that it is issued right before the inquiry, not at the program's start), wrapped as a Pulumi secret: the state keeps it encrypted, and plans show [secret].",
    lifecycle:
      "Used only by the create call; a new token on every deployment is no change (the diff ignores it), so a second deploy runs nothing. Issued late, it needs to outlive only the inquiry (30 minutes at most); a token Resource Manager refuses (401) fails the inquiry with a message asking for pulumi up again. The caller needs the Recovery Services rights that register and protect the share (the deployer's role). Dynamic resources run their provider code inside the Node.js program, so the inquiry works from TypeScript programs, not through the component package from other languages.",
    sources: [PULUMI_DYNAMIC, "https://www.pulumi.com/registry/packages/azure-native/api-docs/authorization/getclienttoken/"],
  },
];
