/**
 * The replicated file storage of the CENM service directories on Azure: Azure Files shares in a zone-redundant
 * storage account (synchronous across the zones of the primary region), geo-replicated asynchronously with
 * Standard_GZRS, reachable only through a private endpoint, and backed up daily by a Recovery Services vault.
 */
import { createHash } from "crypto";
import * as pulumi from "@pulumi/pulumi";
import * as alertsmanagement from "@pulumi/azure-native/alertsmanagement";
import * as network from "@pulumi/azure-native/network";
import * as recoveryservices from "@pulumi/azure-native/recoveryservices";
import * as storage from "@pulumi/azure-native/storage";
import { FILE_SERVICES, SMB_ACCESS, type FileService, type SmbAccess } from "../../domain/vocabulary";
import { describeFigure, FIGURES } from "../../domain/figures";
import { AZURE_BACKUP_SOFT_DELETE_DAYS, AZURE_FILES_DAILY_RETENTION_DAYS } from "../../domain/limits/azure";
import type { CopyDescriptor } from "../types";
import { forceDestroyOf } from "../teardown";
import { clientOf } from "./client";
import { declareCustomerManagedKey } from "./cmk";
import type { ActiveDirectoryArgs, AzureFileStoreArgs } from "./contracts";
import { deletionLock } from "./locks";

/** Share size of each CENM service, GiB: the smallest provisioned premium share, and a roomy standard quota. */
export const SHARE_QUOTA_GIB: Record<AzureFileStoreArgs["storageSku"], number> = { Premium_ZRS: 100, Standard_GZRS: 32 };

/** Days a deleted share stays recoverable (share soft delete). */
export const SHARE_SOFT_DELETE_DAYS = 14;

/** Soft-delete retention of the Recovery Services vault, days. */
export const VAULT_SOFT_DELETE_DAYS = AZURE_BACKUP_SOFT_DELETE_DAYS;

/** Time of the daily share backup, UTC. */
export const BACKUP_TIME_UTC = "03:00";

/** Longest daily retention of an Azure Files backup policy. */
export const MAX_DAILY_RETENTION_DAYS = AZURE_FILES_DAILY_RETENTION_DAYS.max;

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
  if (!Number.isInteger(args.dailyRetentionDays) || args.dailyRetentionDays < AZURE_FILES_DAILY_RETENTION_DAYS.min || args.dailyRetentionDays > MAX_DAILY_RETENTION_DAYS) {
    fail("dailyRetentionDays", args.dailyRetentionDays, `a whole number of days from ${AZURE_FILES_DAILY_RETENTION_DAYS.min} to ${MAX_DAILY_RETENTION_DAYS} (the Azure Files daily retention limit)`);
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
 * network access disabled, default-deny network rules, HTTPS only, TLS 1.2, no public blobs, no shared keys,
 * infrastructure encryption), its file service (share soft delete, SMB 3.1.1 with AES-256-GCM and Kerberos only),
 * the shares, a private endpoint in the endpoints subnet registered in the `privatelink.file` zone, and daily share
 * backups scheduled by a Recovery Services vault (policy, storage container, one protected item per share).
 *
 * Encryption at rest: the storage account encrypts with a customer-managed RSA-HSM key held in a premium key vault
 * of this component (`<name>-kv`, see {@link declareCustomerManagedKey}), unwrapped by the user-assigned identity
 * `<name>-identity`, which holds "Key Vault Crypto Service Encryption User" on that vault only; the account is
 * created only after the role-propagation wait that follows that grant. The account reaches the key through the
 * key vault's trusted-services bypass and refers to it without a version, following its yearly rotation.
 * Infrastructure (double) encryption is on.
 *
 * The Recovery Services vault keeps platform-managed keys, on purpose. The share backups are snapshots that stay
 * in the storage account (above), so the vault holds their schedule and catalogue, not the files. A key on this
 * vault would protect little and cost much: with a user-assigned identity Azure Backup does not support a key
 * vault that limits network access (platform limit `azure-backup-cmk-user-identity-restricted-key-vault`); with
 * the vault's own identity the key must be set before any item is registered, so every share backup would wait
 * for a second deployment; and the geo-redundant vault restores across regions, a combination earlier versions
 * of Microsoft's CMK page listed as unsupported. Should vaulted (copied-out) share backups be added, the vault
 * would hold file data and this choice must be revisited.
 *
 * Alerts: the vault raises Azure Monitor alerts for every failed job (`alertsForAllJobFailures`); with
 * `actionGroupId`, an alert processing rule scoped to the vault (`<name>-failure-alerts`, a global resource)
 * adds the action group to them, so a failed share backup reaches the CENM operators.
 *
 * What is synchronous and what is not:
 * - Both SKUs write every change synchronously to three zones of the primary region (RPO 0 for a zone loss).
 * - Standard_GZRS also copies the account to the Azure paired region asynchronously: typically under 15 minutes
 *   behind, with no SLA. Premium shares cannot be geo-replicated.
 * - The backups are share snapshots taken daily at 03:00 UTC and kept `dailyRetentionDays` days. Azure Backup
 *   keeps these snapshots in the storage account itself (the vault holds the schedule, the catalogue and the
 *   soft-deleted items, and places a delete lock on the account): they follow the account's redundancy. With
 *   Standard_GZRS they reach the paired region with the account; with Premium_ZRS they never leave the primary
 *   region. Vaulted backup, which copies share data into the vault, is offered for standard shares only.
 * - Consequently Premium_ZRS with `drReplication` yields no copy of the files outside the primary region: the
 *   vault is still made geo-redundant as asked, but `copies` lists no DR copy and a warning is logged. Use
 *   Standard_GZRS when the files must survive the loss of the region.
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
 * The storage account, the recovery vault, the key vault and the key are protected and retained on delete when
 * protection is on, and the account and both vaults carry a CanNotDelete management lock outside dev.
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

    // The customer-managed key of the account and of the recovery vault.
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
        identity: { type: "UserAssigned", userAssignedIdentities: [cmk.identityId] },
        encryption: {
          keySource: "Microsoft.Keyvault",
          keyVaultProperties: { keyName: cmk.keyName, keyVaultUri: cmk.vaultUri },
          encryptionIdentity: { encryptionUserAssignedIdentity: cmk.identityId },
          requireInfrastructureEncryption: true,
          services: { file: { enabled: true, keyType: "Account" }, blob: { enabled: true, keyType: "Account" } },
        },
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
    const vault = new recoveryservices.Vault(
      `${name}-recovery-vault`,
      {
        location: args.location,
        resourceGroupName: args.resourceGroupName,
        sku: { name: "Standard" },
        properties: {
          publicNetworkAccess: "Disabled",
          // No customer-managed key: the vault holds no share data (see the class comment).
          redundancySettings: {
            standardTierStorageRedundancy: geoVault ? "GeoRedundant" : "ZoneRedundant",
            crossRegionRestore: geoVault ? "Enabled" : "Disabled",
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
          schedulePolicy: { schedulePolicyType: "SimpleSchedulePolicy", scheduleRunFrequency: "Daily", scheduleRunTimes: [`2025-01-01T${BACKUP_TIME_UTC}:00Z`] },
          retentionPolicy: {
            retentionPolicyType: "LongTermRetentionPolicy",
            dailySchedule: {
              retentionTimes: [`2025-01-01T${BACKUP_TIME_UTC}:00Z`],
              retentionDuration: { count: args.dailyRetentionDays, durationType: "Days" },
            },
          },
        },
        tags,
      },
      { parent: this },
    );

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
          // Azure's internal item name itself (pulumi-azure-native custom_recoveryservices.go); a hand-made
          // "azurefileshare;..." name matches no protectable item.
          protectedItemName: shareName(service),
          properties: {
            protectedItemType: "AzureFileShareProtectedItem",
            policyId: policy.id,
            sourceResourceId: account.id,
            friendlyName: shareName(service),
          },
          tags,
        },
        { parent: this, dependsOn: [shares[service]] },
      );
    }

    if (args.storageSku === "Premium_ZRS" && args.drReplication) {
      pulumi.log.warn(
        `ReplicatedFileStore "${name}": Premium_ZRS with drReplication keeps no copy of the CENM files outside ${args.location}: ` +
          "premium shares are not geo-replicated and their backup snapshots stay in the storage account. Use Standard_GZRS for a DR copy.",
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

/** Every copy of the CENM files the component declares, with what it is worth. */
export function fileCopies(name: string, args: AzureFileStoreArgs): CopyDescriptor[] {
  const gzrs = args.storageSku === "Standard_GZRS";
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
      mechanism: `GZRS asynchronous replication of the whole account to the Azure paired region of ${args.location} (read access only after a failover)`,
    });
  }
  copies.push({
    element: "files",
    role: "vault",
    resource: `${name}-recovery-vault`,
    region: args.location,
    availabilityZones: [],
    mode: "point-in-time",
    rpo: `up to 24 hours: one share snapshot a day at ${BACKUP_TIME_UTC} UTC, kept ${args.dailyRetentionDays} days`,
    mechanism:
      "Azure Backup daily share snapshots managed by a Recovery Services vault; the snapshots live in the storage account " +
      (gzrs ? "and are geo-replicated with it" : "and do not leave the primary region"),
  });
  return copies;
}
