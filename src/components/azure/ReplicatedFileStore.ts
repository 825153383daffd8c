/**
 * The replicated file storage of the CENM service directories on Azure: Azure Files shares in a zone-redundant
 * storage account (synchronous across the zones of the primary region), geo-replicated asynchronously with
 * Standard_GZRS, reachable only through a private endpoint, and backed up daily through a Recovery Services vault:
 * into the vault itself (vault-standard tier), or as share snapshots kept in the account (snapshot tier).
 */
import { createHash } from "crypto";
import * as pulumi from "@pulumi/pulumi";
import * as alertsmanagement from "@pulumi/azure-native/alertsmanagement";
import * as authorization from "@pulumi/azure-native/authorization";
import * as network from "@pulumi/azure-native/network";
import * as recoveryservices from "@pulumi/azure-native/recoveryservices";
import * as storage from "@pulumi/azure-native/storage";
import { FILE_SERVICES, SMB_ACCESS, type FileService, type SmbAccess } from "../../domain/vocabulary";
import { describeFigure, FIGURES } from "../../domain/figures";
import {
  AZURE_BACKUP_SOFT_DELETE_DAYS,
  AZURE_FILES_BACKUP_TIERS,
  azureFilesDailyRetentionMax,
  shareBackupRetentionProblems,
  vaultedShareBackupPossible,
  type AzureFilesBackupTier,
} from "../../domain/limits/azure";
import type { CopyDescriptor } from "../types";
import { forceDestroyOf } from "../teardown";
import { clientOf } from "./client";
import { declareCustomerManagedKey, grantKeyUse, storageAccountEncryption } from "./cmk";
import type { ActiveDirectoryArgs, AzureFileStoreArgs } from "./contracts";
import { deletionLock, locksDeletion } from "./locks";
import { ShareInquiry } from "./shareInquiry";

/** Share size of each CENM service, GiB: the smallest provisioned premium share, and a roomy standard quota. */
export const SHARE_QUOTA_GIB: Record<AzureFileStoreArgs["storageSku"], number> = { Premium_ZRS: 100, Standard_GZRS: 32 };

/** Days a deleted share stays recoverable (share soft delete). */
export const SHARE_SOFT_DELETE_DAYS = 14;

/** Soft-delete retention of the Recovery Services vault, days. */
export const VAULT_SOFT_DELETE_DAYS = AZURE_BACKUP_SOFT_DELETE_DAYS;

/** Time of the daily share backup, UTC. */
export const BACKUP_TIME_UTC = "03:00";

/** Longest daily retention of an Azure Files backup policy of each tier, days. */
export const MAX_DAILY_RETENTION_DAYS: Record<AzureFilesBackupTier, number> = {
  "vault-standard": azureFilesDailyRetentionMax("vault-standard"),
  snapshot: azureFilesDailyRetentionMax("snapshot"),
};

/** Most days a vaulted policy keeps its share snapshots in the account (for quick restores of single files). */
export const VAULTED_SNAPSHOT_DAYS = 7;

/**
 * Days the share snapshots of a vaulted policy stay in the storage account: {@link VAULTED_SNAPSHOT_DAYS}, and
 * fewer than the vault keeps its copies (at least one).
 */
export function vaultedSnapshotDays(dailyRetentionDays: number): number {
  return Math.max(1, Math.min(VAULTED_SNAPSHOT_DAYS, dailyRetentionDays - 1));
}

/**
 * SMB settings of the file service for an access method: always the newest dialect and the strongest channel
 * cipher; the one authentication method the hosts use (NTLMv2 carries the storage account key, Kerberos the
 * tickets of a directory), so that no other way in is left open.
 */
export function smbSettings(access: SmbAccess): { versions: string; channelEncryption: string; authenticationMethods: string; kerberosTicketEncryption?: string } {
  const base = { versions: "SMB3.1.1", channelEncryption: "AES-256-GCM" };
  return access === "storage-key" ? { ...base, authenticationMethods: "NTLMv2" } : { ...base, authenticationMethods: "Kerberos", kerberosTicketEncryption: "AES-256" };
}

/**
 * The storage account's access settings for an access method. Only "storage-key" allows shared keys; "ad-ds" and
 * "entra-kerberos" turn on identity-based authentication with no default share permission, so each CENM identity
 * needs an explicit "Storage File Data SMB Share" role.
 */
export function accountAccess(
  access: SmbAccess,
  activeDirectory?: ActiveDirectoryArgs,
): { allowSharedKeyAccess: boolean; azureFilesIdentityBasedAuthentication?: { directoryServiceOptions: string; defaultSharePermission: string; activeDirectoryProperties?: ActiveDirectoryArgs } } {
  if (access === "storage-key") return { allowSharedKeyAccess: true };
  if (access === "ad-ds") {
    return { allowSharedKeyAccess: false, azureFilesIdentityBasedAuthentication: { directoryServiceOptions: "AD", activeDirectoryProperties: activeDirectory!, defaultSharePermission: "None" } };
  }
  return { allowSharedKeyAccess: false, azureFilesIdentityBasedAuthentication: { directoryServiceOptions: "AADKERB", defaultSharePermission: "None" } };
}

const LOCATION = /^[a-z][a-z0-9]+$/;
const COMPONENT_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** One CENM service's file share. */
export interface ShareOutput {
  /** Share name: `cenm-<service>`. */
  name: string;
  /** Resource id of the share. */
  id: string;
}

/** The share of a CENM service: `cenm-<service>`. */
export function shareName(service: FileService): string {
  return `cenm-${service}`.toLowerCase();
}

/** Account kind, share tier and quota of a storage SKU. */
export function skuLayout(sku: AzureFileStoreArgs["storageSku"]): { kind: string; accessTier: string; quotaGib: number } {
  return sku === "Premium_ZRS"
    ? { kind: "FileStorage", accessTier: "Premium", quotaGib: SHARE_QUOTA_GIB.Premium_ZRS }
    : { kind: "StorageV2", accessTier: "TransactionOptimized", quotaGib: SHARE_QUOTA_GIB.Standard_GZRS };
}

/**
 * A storage account name (3-24 lower-case letters and digits, unique in Azure) derived from the subscription, the
 * resource group and the component name, so that it is stable for a stack.
 */
export function storageAccountName(component: string, subscriptionId: string, resourceGroupName: string): string {
  const base = component.replace(/[^a-z0-9]/g, "").slice(0, 12);
  const hash = createHash("sha256").update(`${subscriptionId}/${resourceGroupName}/${component}`).digest("hex").slice(0, 24 - base.length);
  return `${base}${hash}`;
}

/** Checks every arg that decides what is declared, before anything is registered. */
export function validateAzureFileStoreArgs(name: string, args: AzureFileStoreArgs): void {
  const fail = (arg: string, value: unknown, expected: string): never => {
    throw new Error(`ReplicatedFileStore "${name}": ${arg} is ${JSON.stringify(value)}; expected ${expected}`);
  };
  if (!COMPONENT_NAME.test(name)) fail("name", name, "lower-case letters, digits and single hyphens, starting with a letter (it prefixes the storage account name)");
  if (typeof args.location !== "string" || !LOCATION.test(args.location)) fail("location", args.location, "an Azure region name such as westeurope");
  if (typeof args.drLocation !== "string" || !LOCATION.test(args.drLocation)) fail("drLocation", args.drLocation, "an Azure region name such as northeurope");
  if (args.location === args.drLocation) fail("drLocation", args.drLocation, `a region other than the primary location ${args.location}`);
  if (args.storageSku !== "Premium_ZRS" && args.storageSku !== "Standard_GZRS") {
    fail("storageSku", args.storageSku, '"Premium_ZRS" (FileStorage, zones only) or "Standard_GZRS" (zones plus an asynchronous geo copy)');
  }
  if (typeof args.drReplication !== "boolean") fail("drReplication", args.drReplication, "true or false");
  if (!args.protection || typeof args.protection.enabled !== "boolean") fail("protection.enabled", args.protection?.enabled, "true or false");
  if (args.actionGroupId === null || args.actionGroupId === "") fail("actionGroupId", args.actionGroupId, "the ARM id of an action group, or nothing");
  const mode = args.lock?.mode as string | undefined;
  if (mode !== "compliance" && mode !== "governance") {
    fail("lock.mode", mode, '"compliance" (vault immutability Locked, soft delete AlwaysON: irreversible) or "governance"');
  }
  if (!Array.isArray(args.services) || args.services.length === 0) {
    fail("services", args.services, `at least one CENM service among ${FILE_SERVICES.join(", ")}`);
  }
  const seen = new Set<string>();
  for (const service of args.services) {
    if (!(FILE_SERVICES as readonly string[]).includes(service)) fail("services", service, `a CENM service among ${FILE_SERVICES.join(", ")}`);
    if (seen.has(service)) fail("services", args.services, `each service once (${service} is listed twice)`);
    seen.add(service);
  }
  if (!(SMB_ACCESS as readonly string[]).includes(args.smbAccess)) {
    fail("smbAccess", args.smbAccess, `one of ${SMB_ACCESS.join(", ")} (how the CENM hosts mount their shares)`);
  }
  if (args.smbAccess === "ad-ds" && (args.activeDirectory === undefined || args.activeDirectory === null)) {
    fail("activeDirectory", args.activeDirectory, 'the storage account\'s identity in the domain when smbAccess is "ad-ds"');
  }
  if (!(AZURE_FILES_BACKUP_TIERS as readonly string[]).includes(args.backupTier)) {
    fail("backupTier", args.backupTier, `one of ${AZURE_FILES_BACKUP_TIERS.join(", ")} (copies in the vault, or snapshots kept in the storage account only)`);
  }
  if (args.backupTier === "vault-standard" && !vaultedShareBackupPossible(accountAccess(args.smbAccess, args.activeDirectory).allowSharedKeyAccess)) {
    fail("backupTier", args.backupTier, `"snapshot" with smbAccess "${args.smbAccess}": it turns shared-key access off, and vaulted share backups need it (platform limit azure-files-vaulted-backup-shared-key)`);
  }
  const tier = args.backupTier;
  const retention = Number.isInteger(args.dailyRetentionDays)
    ? shareBackupRetentionProblems(tier, args.dailyRetentionDays, tier === "vault-standard" ? vaultedSnapshotDays(args.dailyRetentionDays) : undefined)
    : ["not a whole number"];
  if (retention.length > 0) {
    fail("dailyRetentionDays", args.dailyRetentionDays, `a whole number of days from 1 to ${MAX_DAILY_RETENTION_DAYS[tier] ?? MAX_DAILY_RETENTION_DAYS.snapshot} (the Azure Files daily retention limit of the ${tier} tier; platform limit azure-files-backup-retention)`);
  }
  for (const [arg, value] of [
    ["endpointsSubnetId", args.endpointsSubnetId],
    ["filePrivateDnsZoneId", args.filePrivateDnsZoneId],
  ] as const) {
    if (value === undefined || value === null || value === "") fail(arg, value, "an ARM id");
  }
}

/**
 * Azure Files shares holding each CENM service's whole directory (configuration files, JDBC drivers, plugin jars,
 * certificate stores, `crl-files/`), one share `cenm-<service>` per service.
 *
 * Declares a storage account (Premium_ZRS FileStorage or Standard_GZRS StorageV2) closed to the Internet (public
 * network access disabled, default-deny network rules, HTTPS only, TLS 1.2, no public blobs, infrastructure
 * encryption), its file service (share soft delete, SMB 3.1.1 with AES-256-GCM and one authentication method), the
 * shares, a private endpoint in the endpoints subnet registered in the `privatelink.file` zone, and daily share
 * backups through a Recovery Services vault (policy, storage container, an inquiry of the container, one protected
 * item per share).
 *
 * Encryption at rest: the storage account encrypts with a customer-managed RSA-HSM key held in a premium key vault
 * of this component (`<name>-kv`, see {@link declareCustomerManagedKey}), unwrapped by the user-assigned identity
 * `<name>-identity`, which holds "Key Vault Crypto Service Encryption User" on that vault only; the account is
 * created only after the role-propagation wait that follows that grant. The account reaches the key through the
 * key vault's trusted-services bypass and refers to it without a version, following its yearly rotation.
 * Infrastructure (double) encryption is on.
 *
 * Backup tiers (`backupTier`), and what each copy survives (Microsoft's file-share backup support matrix and FAQ):
 * - "snapshot": Azure Backup takes a share snapshot each day and keeps it in the storage account itself; the vault
 *   holds the schedule and the catalogue only. The snapshots bring back files changed or deleted by mistake, and
 *   survive what the account survives (a zone on ZRS/GZRS), but not the account's or the share's deletion: they are
 *   deleted with it, a geo-redundant account replicates that deletion, and the vault's lock, soft delete and
 *   cross-region restore do not cover them. No copy leaves the account. The vault keeps platform-managed keys: it
 *   holds no file data.
 * - "vault-standard" (vaulted backup): the day's recovery point is also copied into the vault, which keeps it
 *   `dailyRetentionDays` days, while its share snapshot stays in the account {@link vaultedSnapshotDays} days for
 *   quick restores. The vault copy survives the account's deletion and, under a compliance lock (immutability
 *   Locked, soft delete always on), an administrator's. With `drReplication` the vault is geo-redundant, but its
 *   cross-region restore stays off: the vault encrypts with a customer-managed key, and Microsoft's CMK page says
 *   such a vault does not support it (platform limit `azure-recovery-vault-cmk-cross-region-restore`), so the copy in
 *   the paired region is no DR copy the operator can restore; the region's loss is covered by the account's own
 *   geo-replication (Standard_GZRS). Azure
 *   restores a vaulted recovery point as a whole share into an alternate location (a registered account), not in
 *   place. Vaulted backup needs shared-key access on the account, so it is refused with "ad-ds" and
 *   "entra-kerberos" access (platform limit `azure-files-vaulted-backup-shared-key`); for premium (FileStorage)
 *   shares Microsoft lists it as a preview.
 *
 * The vault's customer-managed key (vault-standard only, where the vault holds file data): the vault's own
 * system-assigned identity unwraps the file store's key, granted "Key Vault Crypto Service Encryption User" on its
 * key vault (`<name>-recovery-vault-crypto-user`, with its propagation wait). Azure takes a key only on a vault with
 * no item registered or protected, and once set never goes back to platform keys (AZURE_DOCS.recoveryVaultCmk); the
 * identity exists only once the vault does. So with `firstDeployment` the vault is created with its identity and
 * without a key, and neither the storage container nor any protected item is declared; the next deployment sets
 * the key and then registers the account and protects the shares, so that no file data reaches the vault under
 * platform keys. A user-assigned identity is not an option with a key vault closed to the Internet (platform limit
 * `azure-backup-cmk-user-identity-restricted-key-vault`).
 *
 * Registering and protecting the shares (platform limit `azure-fileshare-protected-item-name`): the storage
 * container (the account's registration) is declared after every share, and each protected item after its share
 * and after `<name>-backup-inquiry`, an inquiry of the container's protectable items ({@link ShareInquiry}) that
 * runs again whenever the list of shares changes; Azure lists a share added after the registration only once an
 * inquiry has run, and the provider does not inquire.
 *
 * Policy changes: the policy keeps its name and is updated in place (Azure's policy PUT modifies an existing policy,
 * and azure-native replaces a resource only for create-only properties of the spec or those of its forceNewMap,
 * which names no Recovery Services type). Where deletion locks are declared (protection on, outside dev: the
 * vault's lock covers the policy, a child of the vault) the policy is also retained on delete, so that a
 * replacement, should one ever be planned, does not fail on the lock (platform limit `azure-lock-blocks-replacement`):
 * the old policy is left in the vault instead of deleted.
 *
 * Alerts: the vault raises Azure Monitor alerts for every failed job (`alertsForAllJobFailures`); with
 * `actionGroupId`, an alert processing rule scoped to the vault (`<name>-failure-alerts`, a global resource)
 * adds the action group to them, so a failed share backup reaches the CENM operators.
 *
 * What is synchronous and what is not:
 * - Both SKUs write every change synchronously to three zones of the primary region (RPO 0 for a zone loss).
 * - Standard_GZRS also copies the account to the Azure paired region asynchronously: typically under 15 minutes
 *   behind, with no SLA. Premium shares cannot be geo-replicated. Deletions are replicated like any write.
 * - The backups run daily at 03:00 UTC: up to 24 hours of changes are lost when restoring from one.
 * - Premium_ZRS with `drReplication` and snapshot backups yields no copy of the files outside the primary region:
 *   the vault is still made geo-redundant as asked, but `copies` lists no DR copy and a warning is logged.
 *
 * Access (`smbAccess`), always SMB 3.1.1 with AES-256-GCM channel encryption over the private endpoint:
 * - "storage-key": the hosts mount with the storage account key (NTLMv2), which every Linux SMB client supports
 *   (mount.cifs). Shared keys are allowed on the account and NTLMv2 is the only SMB authentication method. The
 *   package never reads or outputs the key: a host fetches it with its own identity (`az storage account keys
 *   list`, which needs the "Storage Account Key Operator Service Role") and the operator rotates it.
 * - "ad-ds": Kerberos tickets of the operator's Active Directory (`activeDirectory`, the account's identity in
 *   the domain); Linux hosts joined to that domain mount with `sec=krb5`. Shared keys are off.
 * - "entra-kerberos": Microsoft Entra Kerberos; Microsoft supports it only for hybrid identities on Entra-joined
 *   or hybrid-joined clients, which in practice means Windows, not the Linux hosts CENM usually runs on. Shared
 *   keys are off.
 * The identity-based methods set no default share permission: each CENM identity needs an explicit "Storage File
 * Data SMB Share" role. Sources: Microsoft's Azure Files identity-based authentication overview, its Linux
 * Kerberos page and its SMB security settings (see the platform limit `azure-files-smb-access-usable`).
 *
 * The storage account, the shares, the recovery vault, the key vault and the key are protected and retained on
 * delete when protection is on, and the account and both vaults carry a CanNotDelete management lock outside dev.
 */
export class ReplicatedFileStore extends pulumi.ComponentResource {
  public readonly storageAccountId: pulumi.Output<string>;
  public readonly storageAccountName: pulumi.Output<string>;
  /** Each service's share: its name and ARM id. */
  public readonly shares: pulumi.Output<Record<string, ShareOutput>>;
  public readonly recoveryVaultId: pulumi.Output<string>;
  /** User-assigned identity that unwraps the storage account's customer-managed key. */
  public readonly identityId: pulumi.Output<string>;
  /** Key vault of the customer-managed key. */
  public readonly keyVaultId: pulumi.Output<string>;
  /** Versionless URI of the customer-managed key. */
  public readonly keyUri: pulumi.Output<string>;
  public readonly storageSku: pulumi.Output<string>;
  public readonly copies: pulumi.Output<CopyDescriptor[]>;

  constructor(name: string, args: AzureFileStoreArgs, opts?: pulumi.ComponentResourceOptions) {
    validateAzureFileStoreArgs(name, args);
    super("cenm-backup:azure:ReplicatedFileStore", name, {}, opts);

    const tags = { ...(args.tags ?? {}), "cenm-backup-element": "files" };
    const protect = args.protection.enabled;
    const stateful: pulumi.CustomResourceOptions = { parent: this, protect, retainOnDelete: protect };
    const layout = skuLayout(args.storageSku);
    const compliance = args.lock.mode === "compliance";
    const teardown = forceDestroyOf(args.protection, args.lock.mode);
    const client = clientOf(this, args.client);

    // The customer-managed key of the account, and of the recovery vault when it holds vaulted backups.
    const cmk = declareCustomerManagedKey(
      name,
      "kv",
      {
        location: args.location,
        resourceGroupName: args.resourceGroupName,
        protection: args.protection,
        environment: args.environment,
        tags,
        tenantId: client.tenantId,
        subscriptionId: client.subscriptionId,
        short: "f",
        identityName: `${name}-identity`,
        keyName: `${name}-cmk`,
        purpose: `CENM file store ${name}: the storage account wraps and unwraps its encryption key`,
        lockNotes: `CENM file store ${name}: remove this lock on purpose before deleting the key vault of the files' customer-managed key.`,
      },
      this,
    );

    const accountName = pulumi
      .all([client.subscriptionId, pulumi.output(args.resourceGroupName)])
      .apply(([subscription, group]) => storageAccountName(name, subscription, group));
    const account = new storage.StorageAccount(
      `${name}-account`,
      {
        accountName,
        location: args.location,
        resourceGroupName: args.resourceGroupName,
        kind: layout.kind,
        sku: { name: args.storageSku },
        enableHttpsTrafficOnly: true,
        minimumTlsVersion: "TLS1_2",
        allowBlobPublicAccess: false,
        ...accountAccess(args.smbAccess, args.activeDirectory),
        allowCrossTenantReplication: false,
        defaultToOAuthAuthentication: true,
        publicNetworkAccess: "Disabled",
        // Azure Backup takes and lists the share snapshots through the trusted-services exception of the account's
        // firewall, which Microsoft's file-share backup support matrix names as the supported way for an account
        // that admits no public network. Snapshot backup needs no shared key; vaulted backup would (platform limit
        // azure-files-vaulted-backup-shared-key).
        networkRuleSet: { defaultAction: "Deny", bypass: "AzureServices", ipRules: [], virtualNetworkRules: [] },
        ...storageAccountEncryption(cmk, ["file", "blob"]),
        tags,
      },
      // Azure checks that the identity can unwrap the key when the account is created with it.
      { ...stateful, dependsOn: [cmk.ready] },
    );
    deletionLock(`${name}-account-lock`, account.id, `CENM file store ${name}: remove this lock on purpose before deleting the storage account.`, args, this);

    const fileService = new storage.FileServiceProperties(
      `${name}-file-service`,
      {
        accountName: account.name,
        resourceGroupName: args.resourceGroupName,
        fileServicesName: "default",
        shareDeleteRetentionPolicy: { enabled: true, days: SHARE_SOFT_DELETE_DAYS },
        protocolSettings: { smb: smbSettings(args.smbAccess) },
      },
      { parent: this },
    );

    const shares: Record<string, storage.FileShare> = {};
    for (const service of args.services) {
      shares[service] = new storage.FileShare(
        `${name}-share-${service}`,
        {
          accountName: account.name,
          resourceGroupName: args.resourceGroupName,
          shareName: shareName(service),
          enabledProtocols: "SMB",
          accessTier: layout.accessTier,
          shareQuota: layout.quotaGib,
          metadata: { cenmservice: service },
        },
        { ...stateful, dependsOn: [fileService] },
      );
    }

    const endpoint = new network.PrivateEndpoint(
      `${name}-endpoint`,
      {
        location: args.location,
        resourceGroupName: args.resourceGroupName,
        subnet: { id: args.endpointsSubnetId },
        privateLinkServiceConnections: [{ name: `${name}-file`, privateLinkServiceId: account.id, groupIds: ["file"] }],
        tags,
      },
      { parent: this },
    );
    new network.PrivateDnsZoneGroup(
      `${name}-endpoint-dns`,
      {
        resourceGroupName: args.resourceGroupName,
        privateEndpointName: endpoint.name,
        privateDnsZoneGroupName: "default",
        privateDnsZoneConfigs: [{ name: "file", privateDnsZoneId: args.filePrivateDnsZoneId }],
      },
      { parent: this },
    );

    // Share backups.
    const geoVault = args.drReplication;
    const vaulted = args.backupTier === "vault-standard";
    // Vaulted backups hold file data in the vault, which then encrypts with the file store's key (see the class
    // comment); a new stack sets that key by its second deployment, before any share is registered or protected.
    const vaultKeyLater = vaulted && args.firstDeployment === true;
    const vault = new recoveryservices.Vault(
      `${name}-recovery-vault`,
      {
        location: args.location,
        resourceGroupName: args.resourceGroupName,
        sku: { name: "Standard" },
        ...(vaulted ? { identity: { type: "SystemAssigned" } } : {}),
        properties: {
          publicNetworkAccess: "Disabled",
          ...(vaulted && !vaultKeyLater ? { encryption: { keyVaultProperties: { keyUri: cmk.keyUri }, kekIdentity: { useSystemAssignedIdentity: true } } } : {}),
          // Geo-redundant with drReplication, fixed when the vault is created. Cross-region restore only where the vault
          // keeps platform keys (snapshot tier): Microsoft's CMK page says a vault encrypted with a customer-managed
          // key does not support it (AZURE_DOCS.recoveryVaultCmk), and once on it cannot be turned off, so the vaulted
          // tier's vault is created without it, its key to come (platform limit
          // azure-recovery-vault-cmk-cross-region-restore). It can be turned on later if Microsoft lifts that limit.
          redundancySettings: {
            standardTierStorageRedundancy: geoVault ? "GeoRedundant" : "ZoneRedundant",
            crossRegionRestore: geoVault && !vaulted ? "Enabled" : "Disabled",
          },
          securitySettings: {
            // Locked only from the second deployment: Azure locks immutability by an update, never at creation. A dev
            // vault (no protection, governance lock) keeps neither, so that `pulumi destroy` can remove it.
            immutabilitySettings: { state: teardown ? "Disabled" : compliance && !args.firstDeployment ? "Locked" : "Unlocked" },
            softDeleteSettings: { softDeleteState: teardown ? "Disabled" : compliance ? "AlwaysON" : "Enabled", softDeleteRetentionPeriodInDays: VAULT_SOFT_DELETE_DAYS },
          },
          monitoringSettings: { azureMonitorAlertSettings: { alertsForAllJobFailures: "Enabled" } },
        },
        tags,
      },
      stateful,
    );
    deletionLock(`${name}-recovery-vault-lock`, vault.id, `CENM file store ${name}: remove this lock on purpose before deleting the share backup vault.`, args, this);
    if (vaulted) {
      // The vault's own identity unwraps the key; granted on the first deployment, used from the second. Deleted with
      // the vault: a destroy must not revoke the key's access before the vault and its items are gone.
      grantKeyUse(
        `${name}-recovery-vault-crypto-user`,
        cmk,
        vault.identity.apply((i) => i?.principalId as string),
        client.subscriptionId,
        `CENM file store ${name}: the share backup vault wraps and unwraps the encryption key of its vaulted recovery points`,
        this,
        vault,
      );
    }
    if (args.actionGroupId !== undefined) {
      new alertsmanagement.AlertProcessingRuleByName(
        `${name}-failure-alerts`,
        {
          location: "Global",
          resourceGroupName: args.resourceGroupName,
          properties: {
            description: `CENM file store ${name}: send the share backup vault's failed-job alerts to the CENM action group`,
            enabled: true,
            scopes: [vault.id],
            actions: [{ actionType: "AddActionGroups", actionGroupIds: [args.actionGroupId] }],
          },
          tags,
        },
        { parent: this },
      );
    }

    const runTimes = [`2025-01-01T${BACKUP_TIME_UTC}:00Z`];
    const dailyRetention = {
      retentionPolicyType: "LongTermRetentionPolicy" as const,
      dailySchedule: { retentionTimes: runTimes, retentionDuration: { count: args.dailyRetentionDays, durationType: "Days" } },
    };
    const policy = new recoveryservices.ProtectionPolicy(
      `${name}-backup-policy`,
      {
        location: args.location,
        resourceGroupName: args.resourceGroupName,
        vaultName: vault.name,
        properties: {
          backupManagementType: "AzureStorage",
          workLoadType: "AzureFileShare",
          timeZone: "UTC",
          schedulePolicy: { schedulePolicyType: "SimpleSchedulePolicy", scheduleRunFrequency: "Daily", scheduleRunTimes: runTimes },
          // Vaulted: the vault keeps each day's copy dailyRetentionDays days, the account its snapshot a few days.
          ...(vaulted
            ? { vaultRetentionPolicy: { snapshotRetentionInDays: vaultedSnapshotDays(args.dailyRetentionDays), vaultRetention: dailyRetention } }
            : { retentionPolicy: dailyRetention }),
        },
        tags,
      },
      // Updated in place on a change; retained on delete where a deletion lock covers it (see the class comment).
      { parent: this, retainOnDelete: locksDeletion(args) },
    );

    const shareList = args.services.map((service) => shares[service]);
    if (vaultKeyLater) {
      pulumi.log.info(
        `ReplicatedFileStore "${name}": step 1 of 2. The share backup vault is created without its customer-managed key; ` +
          "the shares are registered and protected by the next deployment, once the key is set.",
        this,
      );
    } else {
      const containerName = pulumi.interpolate`StorageContainer;Storage;${args.resourceGroupName};${account.name}`;
      const container = new recoveryservices.ProtectionContainer(
        `${name}-backup-container`,
        {
          location: args.location,
          resourceGroupName: args.resourceGroupName,
          vaultName: vault.name,
          fabricName: "Azure",
          containerName,
          properties: {
            containerType: "StorageContainer",
            backupManagementType: "AzureStorage",
            sourceResourceId: account.id,
            friendlyName: account.name,
            // Azure Backup puts its own delete lock on a registered account; a dev store (teardown) goes without it so
            // that pulumi destroy can remove the account once the container is unregistered.
            acquireStorageAccountLock: teardown ? "NotAcquire" : "Acquire",
          },
          tags,
        },
        // Registered once every share exists, so that the registration lists them all.
        { parent: this, dependsOn: shareList },
      );
      const inquiry = new ShareInquiry(
        `${name}-backup-inquiry`,
        {
          containerId: container.id,
          shareNames: shareList.map((share) => share.name),
          // Asked for once the container exists, right before the inquiry, not at the program's start: a first
          // deployment's role-propagation waits and creations come before it (see ./shareInquiry.ts).
          token: authorization.getClientTokenOutput({}, { parent: this, dependsOn: [container] }).token,
        },
        { parent: this },
      );

      for (const service of args.services) {
        new recoveryservices.ProtectedItem(
          `${name}-backup-${service}`,
          {
            location: args.location,
            resourceGroupName: args.resourceGroupName,
            vaultName: vault.name,
            fabricName: "Azure",
            containerName: container.name,
            // The share's own name: the provider finds the share among the vault's protectable items and swaps in
            // Azure's internal item name itself (AZURE_DOCS.fileShareProtectedItem); a hand-made
            // "azurefileshare;..." name matches no protectable item. The inquiry makes the share protectable.
            protectedItemName: shareName(service),
            properties: {
              protectedItemType: "AzureFileShareProtectedItem",
              policyId: policy.id,
              sourceResourceId: account.id,
              friendlyName: shareName(service),
            },
            tags,
          },
          { parent: this, dependsOn: [shares[service], inquiry] },
        );
      }
    }

    if (args.storageSku === "Premium_ZRS" && args.drReplication) {
      pulumi.log.warn(
        vaulted
          ? `ReplicatedFileStore "${name}": Premium_ZRS shares are not geo-replicated; their only copy outside ${args.location} is the vaulted backup, which Microsoft lists as a preview for premium shares.`
          : `ReplicatedFileStore "${name}": Premium_ZRS with drReplication keeps no copy of the CENM files outside ${args.location}: ` +
              "premium shares are not geo-replicated and their snapshot backups stay in the storage account. Use Standard_GZRS, or the vault-standard backup tier, for a DR copy.",
        this,
      );
    }

    const shareOutputs = pulumi
      .all(args.services.map((s) => pulumi.all([shares[s].name, shares[s].id]).apply(([n, id]) => [s, { name: n, id }] as const)))
      .apply((entries) => Object.fromEntries(entries) as Record<string, ShareOutput>);

    this.storageAccountId = account.id;
    this.storageAccountName = account.name;
    this.shares = shareOutputs;
    this.recoveryVaultId = vault.id;
    this.identityId = cmk.identityId;
    this.keyVaultId = cmk.vaultId;
    this.keyUri = cmk.keyUri;
    this.storageSku = pulumi.output<string>(args.storageSku);
    this.copies = pulumi.output(fileCopies(name, args));

    this.registerOutputs({
      storageAccountId: this.storageAccountId,
      storageAccountName: this.storageAccountName,
      shares: this.shares,
      recoveryVaultId: this.recoveryVaultId,
      identityId: this.identityId,
      keyVaultId: this.keyVaultId,
      keyUri: this.keyUri,
      storageSku: this.storageSku,
      copies: this.copies,
    });
  }
}

/** Every copy of the CENM files the component declares, with what it is worth and what it survives. */
export function fileCopies(name: string, args: AzureFileStoreArgs): CopyDescriptor[] {
  const gzrs = args.storageSku === "Standard_GZRS";
  const vaulted = args.backupTier === "vault-standard";
  const daily = `one recovery point a day at ${BACKUP_TIME_UTC} UTC`;
  const copies: CopyDescriptor[] = [
    {
      element: "files",
      role: "primary",
      resource: `${name}-account`,
      region: args.location,
      availabilityZones: [],
      mode: "synchronous",
      rpo: `${describeFigure(FIGURES.azureStorageZrsRpo)} for the loss of a zone`,
      rpoSeconds: FIGURES.azureStorageZrsRpo.seconds,
      mechanism: `${args.storageSku} storage account: synchronous copies in three availability zones (Azure chooses the zones)`,
    },
  ];
  if (gzrs) {
    copies.push({
      element: "files",
      role: "geo-replica",
      resource: `${name}-account`,
      region: args.drLocation,
      availabilityZones: [],
      mode: "asynchronous",
      rpo: describeFigure(FIGURES.azureStorageGeoRpo),
      rpoSeconds: FIGURES.azureStorageGeoRpo.seconds,
      mechanism: `GZRS asynchronous replication of the whole account to the Azure paired region of ${args.location} (read access only after a failover); it replicates deletions too, so it survives the loss of the region, not the deletion of the shares or of the account`,
    });
  }
  const snapshotDays = vaulted ? vaultedSnapshotDays(args.dailyRetentionDays) : args.dailyRetentionDays;
  copies.push({
    element: "files",
    role: "share-snapshots",
    resource: `${name}-account`,
    region: args.location,
    availabilityZones: [],
    mode: "point-in-time",
    rpo: `up to 24 hours: ${daily}, kept ${snapshotDays} days`,
    mechanism:
      "share snapshots taken by Azure Backup and kept in the storage account itself: they bring back changed or deleted files and survive a zone, " +
      "but are deleted with their share or the account, and the vault's lock and redundancy do not cover them",
  });
  if (vaulted) {
    copies.push({
      element: "files",
      role: "vault",
      resource: `${name}-recovery-vault`,
      region: args.location,
      availabilityZones: [],
      mode: "point-in-time",
      rpo: `up to 24 hours: ${daily}, kept ${args.dailyRetentionDays} days`,
      mechanism:
        `vaulted backup: each day's recovery point copied into the Recovery Services vault (${args.drReplication ? "geo-redundant, without cross-region restore, which a vault encrypted with a customer-managed key does not support" : "zone-redundant"}), ` +
        `which survives the deletion of the shares and of the account${args.lock.mode === "compliance" ? " and, under its compliance lock, an administrator's" : ""}; restored as whole shares into a registered account`,
    });
  }
  return copies;
}
