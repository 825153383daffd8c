import { mockRandomHex } from "../../../src/offline/mocks";
import { createHash } from "crypto";
import { ReplicatedFileStore } from "../../../src/components/azure/ReplicatedFileStore";
import { cmkVaultName, KEY_VAULT_CRYPTO_SERVICE_ENCRYPTION_USER } from "../../../src/components/azure/cmk";
import type { AzureFileStoreArgs } from "../../../src/components/azure/contracts";
import { declare, named, ofType, one } from "../../helpers/offline";
import { AZURE_CONFIG as CONFIG, azureCommonArgs } from "../../helpers/azure";

const SUB = "00000000-0000-0000-0000-000000000000";
const SUBNET_ID = `/subscriptions/${SUB}/resourceGroups/cenm-rg/providers/Microsoft.Network/virtualNetworks/cenm-vnet/subnets/endpoints`;
const FILE_ZONE_ID = `/subscriptions/${SUB}/resourceGroups/cenm-rg/providers/Microsoft.Network/privateDnsZones/privatelink.file.core.windows.net`;
const ACCOUNT_NAME = `cenmfiles${createHash("sha256").update(`${SUB}/cenm-rg/cenm-files`).digest("hex").slice(0, 15)}`;
const ACCOUNT_ID = "cenm-files-account-id";
const VAULT_ID = "cenm-files-recovery-vault-id";
const CONTAINER_NAME = `StorageContainer;Storage;cenm-rg;${ACCOUNT_NAME}`;
const KV_NAME = cmkVaultName("cenm-files", "kv", "f", SUB, "cenm-rg", mockRandomHex("cenm-files-kv-name", 2));
const KV_URI = `https://${KV_NAME}.vault.azure.net/`;
const KEY_URI = `https://${KV_NAME}.vault.azure.net/keys/cenm-files-cmk`;
const IDENTITY_ID = "cenm-files-identity-id";
const ACTION_GROUP_ID = `/subscriptions/${SUB}/resourceGroups/cenm-rg/providers/Microsoft.Insights/actionGroups/cenm-alerts`;
const ALL = ["identity-manager", "network-map", "signer", "zone", "auth", "gateway", "angel", "pki-tool"] as const;

const ACCOUNT = "azure-native:storage:StorageAccount";
const FILE_SERVICE = "azure-native:storage:FileServiceProperties";
const SHARE = "azure-native:storage:FileShare";
const ENDPOINT = "azure-native:network:PrivateEndpoint";
const DNS_GROUP = "azure-native:network:PrivateDnsZoneGroup";
const VAULT = "azure-native:recoveryservices:Vault";
const POLICY = "azure-native:recoveryservices:ProtectionPolicy";
const CONTAINER = "azure-native:recoveryservices:ProtectionContainer";
const ITEM = "azure-native:recoveryservices:ProtectedItem";
const LOCK = "azure-native:authorization:ManagementLockByScope";
const IDENTITY = "azure-native:managedidentity:UserAssignedIdentity";
const KEY_VAULT = "azure-native:keyvault:Vault";
const KEY = "azure-native:keyvault:Key";
const ROLE = "azure-native:authorization:RoleAssignment";
const SLEEP = "time:index/sleep:Sleep";
const RANDOM = "random:index/randomId:RandomId";
const RULE = "azure-native:alertsmanagement:AlertProcessingRuleByName";
const DYNAMIC = "pulumi-nodejs:dynamic:Resource";

/** The storage account's identity in an example domain. */
const AD = {
  domainName: "corp.example.com",
  netBiosDomainName: "CORP",
  forestName: "corp.example.com",
  domainGuid: "0f8fad5b-d9cb-469f-a165-70867728950e",
  domainSid: "S-1-5-21-1004336348-1177238915-682003330",
  azureStorageSid: "S-1-5-21-1004336348-1177238915-682003330-4101",
  samAccountName: "cenmfiles",
  accountType: "Computer" as const,
};

/** prod preset values: storage-key access and vaulted backups. */
function prodArgs(): AzureFileStoreArgs {
  return {
    ...azureCommonArgs("prod"),
    storageSku: "Standard_GZRS",
    smbAccess: "storage-key",
    services: [...ALL],
    drReplication: true,
    backupTier: "vault-standard",
    endpointsSubnetId: SUBNET_ID,
    filePrivateDnsZoneId: FILE_ZONE_ID,
    dailyRetentionDays: 35,
    lock: { mode: "compliance" },
    actionGroupId: ACTION_GROUP_ID,
  };
}

/** prod with AD DS access (the identity-based method Linux hosts can use): shared keys off, so snapshot backups. */
function adArgs(): AzureFileStoreArgs {
  return { ...prodArgs(), smbAccess: "ad-ds", activeDirectory: AD, backupTier: "snapshot" };
}

/** dev preset values. */
function devArgs(): AzureFileStoreArgs {
  const { actionGroupId: _none, ...prod } = prodArgs();
  return {
    ...prod,
    environment: "dev",
    protection: { enabled: false },
    storageSku: "Premium_ZRS",
    drReplication: false,
    backupTier: "snapshot",
    dailyRetentionDays: 7,
    lock: { mode: "governance" },
  };
}

function build(args: AzureFileStoreArgs) {
  return () => {
    const f = new ReplicatedFileStore("cenm-files", args);
    return {
      storageAccountId: f.storageAccountId,
      storageAccountName: f.storageAccountName,
      shares: f.shares,
      recoveryVaultId: f.recoveryVaultId,
      identityId: f.identityId,
      keyVaultId: f.keyVaultId,
      keyUri: f.keyUri,
      storageSku: f.storageSku,
      copies: f.copies,
    };
  };
}

describe("azure ReplicatedFileStore, prod-like", () => {
  it("declares a GZRS StorageV2 account closed to the Internet, with no shared keys and infrastructure encryption", async () => {
    const run = await declare(build(adArgs()), CONFIG);
    const account = one(run, ACCOUNT);
    expect(account.name).toBe("cenm-files-account");
    expect(account.parent).toBe("cenm-files");
    expect(account.inputs).toMatchObject({
      accountName: ACCOUNT_NAME,
      location: "westeurope",
      resourceGroupName: "cenm-rg",
      kind: "StorageV2",
      sku: { name: "Standard_GZRS" },
      enableHttpsTrafficOnly: true,
      minimumTlsVersion: "TLS1_2",
      allowBlobPublicAccess: false,
      allowSharedKeyAccess: false,
      publicNetworkAccess: "Disabled",
      networkRuleSet: { defaultAction: "Deny", ipRules: [], virtualNetworkRules: [] },
      azureFilesIdentityBasedAuthentication: { directoryServiceOptions: "AD", activeDirectoryProperties: AD, defaultSharePermission: "None" },
      identity: { type: "UserAssigned", userAssignedIdentities: [IDENTITY_ID] },
      encryption: {
        requireInfrastructureEncryption: true,
        keySource: "Microsoft.Keyvault",
        keyVaultProperties: { keyName: "cenm-files-cmk", keyVaultUri: KV_URI },
        encryptionIdentity: { encryptionUserAssignedIdentity: IDENTITY_ID },
        services: { file: { enabled: true }, blob: { enabled: true } },
      },
      tags: { team: "cenm", "cenm-backup-element": "files" },
    });
    expect((account.inputs.encryption as any).keyVaultProperties.keyVersion).toBeUndefined();
    expect(ACCOUNT_NAME).toMatch(/^[a-z0-9]{24}$/);
    expect(account.options).toMatchObject({ protect: true, retainOnDelete: true });
    expect(account.options.dependsOn).toContain("cenm-files-kv-crypto-user-wait");
  });

  it("keeps the customer-managed key in a premium, purge-protected key vault of its own, open to trusted services only", async () => {
    const run = await declare(build(prodArgs()), CONFIG);
    const identity = one(run, IDENTITY);
    expect(identity.name).toBe("cenm-files-identity");
    expect(identity.inputs).toEqual({ location: "westeurope", resourceGroupName: "cenm-rg", tags: { team: "cenm", "cenm-backup-element": "files" } });
    const vault = one(run, KEY_VAULT);
    expect(vault.name).toBe("cenm-files-kv");
    expect(KV_NAME).toMatch(/^cenmfile-f-[0-9a-f]{12}$/);
    expect(vault.inputs).toMatchObject({
      vaultName: KV_NAME,
      location: "westeurope",
      resourceGroupName: "cenm-rg",
      properties: {
        tenantId: "11111111-1111-1111-1111-111111111111",
        sku: { family: "A", name: "premium" },
        enableRbacAuthorization: true,
        enableSoftDelete: true,
        softDeleteRetentionInDays: 90,
        enablePurgeProtection: true,
        publicNetworkAccess: "Disabled",
        networkAcls: { defaultAction: "Deny", bypass: "AzureServices" },
      },
      tags: { "cenm-backup-element": "files" },
    });
    expect(vault.options).toMatchObject({ protect: true, retainOnDelete: true });
    const key = one(run, KEY);
    expect(key.name).toBe("cenm-files-kv-cmk");
    expect(key.inputs).toMatchObject({
      resourceGroupName: "cenm-rg",
      vaultName: KV_NAME,
      keyName: "cenm-files-cmk",
      properties: {
        kty: "RSA-HSM",
        keySize: 3072,
        keyOps: ["wrapKey", "unwrapKey"],
        attributes: { enabled: true, exportable: false },
        rotationPolicy: { lifetimeActions: [{ trigger: { timeAfterCreate: "P1Y" }, action: { type: "rotate" } }] },
      },
    });
    expect(key.options).toMatchObject({ protect: true, retainOnDelete: true });
    const grant = named(run, "cenm-files-kv-crypto-user");
    expect(grant.name).toBe("cenm-files-kv-crypto-user");
    expect(grant.inputs).toMatchObject({
      scope: "cenm-files-kv-id",
      principalId: "cenm-files-identity-principal-id",
      principalType: "ServicePrincipal",
      roleDefinitionId: `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${KEY_VAULT_CRYPTO_SERVICE_ENCRYPTION_USER}`,
    });
    expect(run.outputs).toMatchObject({ identityId: IDENTITY_ID, keyVaultId: "cenm-files-kv-id", keyUri: KEY_URI });
  });

  it.each([
    ["storage-key", true, undefined, "NTLMv2"],
    ["entra-kerberos", false, { directoryServiceOptions: "AADKERB", defaultSharePermission: "None" }, "Kerberos"],
  ] as const)("with smbAccess %s: shared keys %s, identity-based authentication %j, SMB %s only", async (smbAccess, keys, identityAuth, method) => {
    const { activeDirectory: _ad, ...rest } = adArgs();
    const run = await declare(build({ ...rest, smbAccess }), CONFIG);
    const account = one(run, ACCOUNT);
    expect(account.inputs.allowSharedKeyAccess).toBe(keys);
    expect(account.inputs.azureFilesIdentityBasedAuthentication).toEqual(identityAuth);
    expect((one(run, FILE_SERVICE).inputs.protocolSettings as any).smb).toMatchObject({ versions: "SMB3.1.1", channelEncryption: "AES-256-GCM", authenticationMethods: method });
  });

  it("refuses ad-ds without the account's identity in the domain, and an unknown access method", () => {
    const { activeDirectory: _ad, ...rest } = adArgs();
    expect(() => new ReplicatedFileStore("cenm-files", rest)).toThrow(/activeDirectory is undefined; expected the storage account's identity in the domain/);
    expect(() => new ReplicatedFileStore("cenm-files", { ...prodArgs(), smbAccess: "nfs" as never })).toThrow(/smbAccess is "nfs"; expected one of storage-key, ad-ds, entra-kerberos/);
  });

  it("refuses vaulted backups with an access method that turns shared keys off (azure-files-vaulted-backup-shared-key)", () => {
    expect(() => new ReplicatedFileStore("cenm-files", { ...adArgs(), backupTier: "vault-standard" })).toThrow(
      /backupTier is "vault-standard"; expected "snapshot" with smbAccess "ad-ds": it turns shared-key access off/,
    );
    const { activeDirectory: _ad, ...rest } = adArgs();
    expect(() => new ReplicatedFileStore("cenm-files", { ...rest, smbAccess: "entra-kerberos", backupTier: "vault-standard" })).toThrow(/azure-files-vaulted-backup-shared-key/);
  });

  it("turns on share soft delete for 14 days and SMB 3.1.1 with AES-256-GCM and Kerberos only", async () => {
    const run = await declare(build(adArgs()), CONFIG);
    const service = one(run, FILE_SERVICE);
    expect(service.inputs).toEqual({
      accountName: ACCOUNT_NAME,
      resourceGroupName: "cenm-rg",
      fileServicesName: "default",
      shareDeleteRetentionPolicy: { enabled: true, days: 14 },
      protocolSettings: { smb: { versions: "SMB3.1.1", channelEncryption: "AES-256-GCM", authenticationMethods: "Kerberos", kerberosTicketEncryption: "AES-256" } },
    });
  });

  it("declares one protected SMB share per CENM service", async () => {
    const run = await declare(build(prodArgs()), CONFIG);
    const shares = ofType(run, SHARE);
    expect(shares.map((s) => s.inputs.shareName).sort()).toEqual(ALL.map((s) => `cenm-${s}`).sort());
    for (const share of shares) {
      expect(share.inputs).toMatchObject({ accountName: ACCOUNT_NAME, resourceGroupName: "cenm-rg", enabledProtocols: "SMB", accessTier: "TransactionOptimized", shareQuota: 32 });
      expect(share.inputs.shareName).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(share.options).toMatchObject({ protect: true, retainOnDelete: true });
      expect(share.options.dependsOn).toContain("cenm-files-file-service");
    }
  });

  it("reaches the shares only through a private endpoint registered in the file zone", async () => {
    const run = await declare(build(prodArgs()), CONFIG);
    const endpoint = one(run, ENDPOINT);
    expect(endpoint.inputs).toMatchObject({
      location: "westeurope",
      resourceGroupName: "cenm-rg",
      subnet: { id: SUBNET_ID },
      privateLinkServiceConnections: [{ name: "cenm-files-file", privateLinkServiceId: ACCOUNT_ID, groupIds: ["file"] }],
      tags: { "cenm-backup-element": "files" },
    });
    expect(one(run, DNS_GROUP).inputs).toEqual({
      resourceGroupName: "cenm-rg",
      privateEndpointName: "cenm-files-endpoint0000",
      privateDnsZoneGroupName: "default",
      privateDnsZoneConfigs: [{ name: "file", privateDnsZoneId: FILE_ZONE_ID }],
    });
  });

  it("backs the shares up in a geo-redundant, immutable Recovery Services vault, without cross-region restore since it holds a customer-managed key", async () => {
    const run = await declare(build(prodArgs()), CONFIG);
    const vault = one(run, VAULT);
    expect(vault.inputs).toMatchObject({
      location: "westeurope",
      resourceGroupName: "cenm-rg",
      sku: { name: "Standard" },
      properties: {
        publicNetworkAccess: "Disabled",
        // Microsoft's CMK page: a vault encrypted with a customer-managed key does not support cross-region restore.
        redundancySettings: { standardTierStorageRedundancy: "GeoRedundant", crossRegionRestore: "Disabled" },
        encryption: { keyVaultProperties: { keyUri: KEY_URI } },
        securitySettings: {
          immutabilitySettings: { state: "Locked" },
          softDeleteSettings: { softDeleteState: "AlwaysON", softDeleteRetentionPeriodInDays: 14 },
        },
        monitoringSettings: { azureMonitorAlertSettings: { alertsForAllJobFailures: "Enabled" } },
      },
      tags: { "cenm-backup-element": "files" },
    });
    expect(vault.options).toMatchObject({ protect: true, retainOnDelete: true });
    const locks = ofType(run, LOCK);
    expect(locks.map((l) => [l.name, l.inputs.scope, l.inputs.level]).sort()).toEqual([
      ["cenm-files-account-lock", ACCOUNT_ID, "CanNotDelete"],
      ["cenm-files-kv-lock", "cenm-files-kv-id", "CanNotDelete"],
      ["cenm-files-recovery-vault-lock", VAULT_ID, "CanNotDelete"],
    ]);
  });

  it("vaulted: the vault holds file data, so its own identity unwraps the file store's key, granted on the key vault", async () => {
    const run = await declare(build(prodArgs()), CONFIG);
    const vault = one(run, VAULT);
    expect(vault.inputs.identity).toEqual({ type: "SystemAssigned" });
    expect((vault.inputs.properties as any).encryption).toEqual({ keyVaultProperties: { keyUri: KEY_URI }, kekIdentity: { useSystemAssignedIdentity: true } });
    const grant = named(run, "cenm-files-recovery-vault-crypto-user");
    expect(grant.inputs).toMatchObject({
      scope: "cenm-files-kv-id",
      principalId: "cenm-files-recovery-vault-principal-id",
      principalType: "ServicePrincipal",
      roleDefinitionId: `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${KEY_VAULT_CRYPTO_SERVICE_ENCRYPTION_USER}`,
    });
    expect(named(run, "cenm-files-recovery-vault-crypto-user-wait").options.dependsOn).toEqual(["cenm-files-recovery-vault-crypto-user"]);
    // Kept until the vault is gone: a destroy must not revoke the key before the vault and its items are deleted.
    expect(grant.options.deletedWith).toBe("cenm-files-recovery-vault");
  });

  it("snapshot tier: platform keys on the Recovery Services vault (it holds no share data) and no identity", async () => {
    const run = await declare(build(adArgs()), CONFIG);
    const vault = one(run, VAULT);
    expect(vault.inputs.identity).toBeUndefined();
    expect((vault.inputs.properties as any).encryption).toBeUndefined();
    expect(ofType(run, ROLE).map((r) => r.name)).toEqual(["cenm-files-kv-crypto-user"]);
    // The storage account, which holds the share snapshots, is the one encrypted with the key.
    expect((one(run, ACCOUNT).inputs.encryption as any).keyVaultProperties).toEqual({ keyName: "cenm-files-cmk", keyVaultUri: expect.any(String) });
  });

  it("creates the storage account only after the role-propagation wait that follows its identity's key grant", async () => {
    const run = await declare(build(prodArgs()), CONFIG);
    const wait = named(run, "cenm-files-kv-crypto-user-wait");
    expect(wait.type).toBe("time:index/sleep:Sleep");
    expect(wait.inputs.createDuration).toBe("10m");
    expect(wait.options.dependsOn).toEqual(["cenm-files-kv-crypto-user"]);
    expect(wait.inputs.triggers).toEqual({ roleAssignment0: expect.any(String) });
    expect(one(run, ACCOUNT).options.dependsOn).toContain("cenm-files-kv-crypto-user-wait");
  });

  it("routes the vault's failed backup job alerts to the action group", async () => {
    const run = await declare(build(prodArgs()), CONFIG);
    const rule = one(run, RULE);
    expect(rule.name).toBe("cenm-files-failure-alerts");
    expect(rule.inputs).toMatchObject({
      location: "Global",
      resourceGroupName: "cenm-rg",
      properties: {
        enabled: true,
        scopes: [VAULT_ID],
        actions: [{ actionType: "AddActionGroups", actionGroupIds: [ACTION_GROUP_ID] }],
      },
      tags: { "cenm-backup-element": "files" },
    });
  });

  it("declares a daily 03:00 UTC vaulted policy: 35 days in the vault, 7 days of snapshots in the account", async () => {
    const run = await declare(build(prodArgs()), CONFIG);
    const policy = one(run, POLICY);
    expect(policy.inputs).toEqual({
      location: "westeurope",
      resourceGroupName: "cenm-rg",
      vaultName: "cenm-files-recovery-vault0000",
      properties: {
        backupManagementType: "AzureStorage",
        workLoadType: "AzureFileShare",
        timeZone: "UTC",
        schedulePolicy: { schedulePolicyType: "SimpleSchedulePolicy", scheduleRunFrequency: "Daily", scheduleRunTimes: ["2025-01-01T03:00:00Z"] },
        vaultRetentionPolicy: {
          snapshotRetentionInDays: 7,
          vaultRetention: {
            retentionPolicyType: "LongTermRetentionPolicy",
            dailySchedule: { retentionTimes: ["2025-01-01T03:00:00Z"], retentionDuration: { count: 35, durationType: "Days" } },
          },
        },
      },
      tags: { team: "cenm", "cenm-backup-element": "files" },
    });
    // Updated in place; retained on delete under the deletion locks, so that a replacement never fails on them.
    expect(policy.options).toMatchObject({ retainOnDelete: true, deleteBeforeReplace: false });
  });

  it("snapshot tier: the policy keeps its snapshots in the account; dev keeps no lock, so the policy is deleted normally", async () => {
    const snapshot = one(await declare(build(adArgs()), CONFIG), POLICY);
    expect((snapshot.inputs.properties as any).vaultRetentionPolicy).toBeUndefined();
    expect((snapshot.inputs.properties as any).retentionPolicy).toEqual({
      retentionPolicyType: "LongTermRetentionPolicy",
      dailySchedule: { retentionTimes: ["2025-01-01T03:00:00Z"], retentionDuration: { count: 35, durationType: "Days" } },
    });
    expect(one(await declare(build(devArgs()), CONFIG), POLICY).options.retainOnDelete).toBe(false);
  });

  it("registers the account after every share, inquires its shares, and protects each share after its share and the inquiry", async () => {
    const run = await declare(build(prodArgs()), CONFIG);
    const container = one(run, CONTAINER);
    expect(container.inputs).toMatchObject({
      location: "westeurope",
      vaultName: "cenm-files-recovery-vault0000",
      fabricName: "Azure",
      containerName: CONTAINER_NAME,
      properties: { containerType: "StorageContainer", backupManagementType: "AzureStorage", sourceResourceId: ACCOUNT_ID, acquireStorageAccountLock: "Acquire" },
    });
    for (const service of ALL) expect(container.options.dependsOn).toContain(`cenm-files-share-${service}`);

    const inquiry = one(run, DYNAMIC);
    expect(inquiry.name).toBe("cenm-files-backup-inquiry");
    expect(inquiry.parent).toBe("cenm-files");
    expect(inquiry.inputs).toMatchObject({
      armEndpoint: "https://management.azure.com",
      apiVersion: "2024-10-01",
      containerId: "cenm-files-backup-container-id",
      shareNames: ALL.map((s) => `cenm-${s}`).sort(),
      token: "[secret]",
    });
    expect(String(inquiry.inputs.__provider)).toContain("inquire?api-version=");
    expect(inquiry.propertyDependencies.containerId).toEqual([expect.stringContaining("cenm-files-backup-container")]);
    expect(inquiry.propertyDependencies.shareNames).toHaveLength(ALL.length);
    // The token is asked for once the container exists, not at the program's start (it must outlive no wait).
    expect(inquiry.propertyDependencies.token).toEqual([expect.stringContaining("cenm-files-backup-container")]);

    const items = ofType(run, ITEM);
    expect(items).toHaveLength(ALL.length);
    for (const service of ALL) {
      const item = named(run, `cenm-files-backup-${service}`);
      expect(item.inputs).toMatchObject({
        location: "westeurope",
        resourceGroupName: "cenm-rg",
        vaultName: "cenm-files-recovery-vault0000",
        fabricName: "Azure",
        containerName: CONTAINER_NAME,
        protectedItemName: `cenm-${service}`,
        properties: { protectedItemType: "AzureFileShareProtectedItem", policyId: "cenm-files-backup-policy-id", sourceResourceId: ACCOUNT_ID, friendlyName: `cenm-${service}` },
      });
      expect(item.options.dependsOn).toEqual(expect.arrayContaining([`cenm-files-share-${service}`, "cenm-files-backup-inquiry"]));
    }
  });

  it("a share added later is inquired again before it is protected: the inquiry's share list changes with it", async () => {
    const two = one(await declare(build({ ...prodArgs(), services: ["signer", "zone"] }), CONFIG), DYNAMIC);
    const three = one(await declare(build({ ...prodArgs(), services: ["zone", "signer", "auth"] }), CONFIG), DYNAMIC);
    expect(two.inputs.shareNames).toEqual(["cenm-signer", "cenm-zone"]);
    expect(three.inputs.shareNames).toEqual(["cenm-auth", "cenm-signer", "cenm-zone"]);
    expect(two.inputs.containerId).toEqual(three.inputs.containerId);
  });

  it("reports its copies, each saying what it survives", async () => {
    const run = await declare(build(prodArgs()), CONFIG);
    expect(run.outputs).toMatchObject({ storageAccountId: ACCOUNT_ID, storageAccountName: ACCOUNT_NAME, recoveryVaultId: VAULT_ID, storageSku: "Standard_GZRS" });
    expect(run.outputs.shares).toMatchObject({
      "identity-manager": { name: "cenm-identity-manager", id: "cenm-files-share-identity-manager-id" },
      "pki-tool": { name: "cenm-pki-tool", id: "cenm-files-share-pki-tool-id" },
    });
    expect(Object.keys(run.outputs.shares as object).sort()).toEqual([...ALL].sort());
    const copies = run.outputs.copies as any[];
    expect(copies.map((c) => [c.role, c.resource, c.region, c.mode])).toEqual([
      ["primary", "cenm-files-account", "westeurope", "synchronous"],
      ["geo-replica", "cenm-files-account", "northeurope", "asynchronous"],
      ["share-snapshots", "cenm-files-account", "westeurope", "point-in-time"],
      ["vault", "cenm-files-recovery-vault", "westeurope", "point-in-time"],
    ]);
    expect(copies[0].rpo).toMatch(/^0 /);
    expect(copies[1].rpo).toContain("typically within 15 minutes, with no SLA");
    expect(copies[1].rpoSeconds).toBe(900);
    expect(copies[1].mechanism).toContain("not the deletion of the shares or of the account");
    expect(copies[2].rpo).toContain("kept 7 days");
    expect(copies[2].mechanism).toContain("deleted with their share or the account");
    expect(copies[3].rpo).toContain("kept 35 days");
    expect(copies[3].mechanism).toContain("survives the deletion of the shares and of the account and, under its compliance lock, an administrator's");
    expect(copies[3].mechanism).toContain("without cross-region restore");
    for (const c of copies) expect(c.element).toBe("files");
  });

  it("snapshot tier: no copy in the vault, and none outside the account but GZRS's", async () => {
    const copies = (await declare(build(adArgs()), CONFIG)).outputs.copies as any[];
    expect(copies.map((c) => c.role)).toEqual(["primary", "geo-replica", "share-snapshots"]);
    expect(copies[2].rpo).toContain("kept 35 days");
  });

  it("declares every child in preview", async () => {
    const run = await declare(build(prodArgs()), { preview: true, ...CONFIG });
    const count = (t: string) => ofType(run, t).length;
    expect(count("cenm-backup:azure:ReplicatedFileStore")).toBe(1);
    expect(count(ACCOUNT)).toBe(1);
    expect(count(FILE_SERVICE)).toBe(1);
    expect(count(SHARE)).toBe(8);
    expect(count(ENDPOINT)).toBe(1);
    expect(count(DNS_GROUP)).toBe(1);
    expect(count(VAULT)).toBe(1);
    expect(count(POLICY)).toBe(1);
    expect(count(CONTAINER)).toBe(1);
    expect(count(ITEM)).toBe(8);
    expect(count(LOCK)).toBe(3);
    expect(count(IDENTITY)).toBe(1);
    expect(count(KEY_VAULT)).toBe(1);
    expect(count(KEY)).toBe(1);
    expect(count(ROLE)).toBe(2);
    expect(count(SLEEP)).toBe(2);
    expect(count(RULE)).toBe(1);
    expect(count(RANDOM)).toBe(1);
    expect(count(DYNAMIC)).toBe(1);
    expect(run.resources).toHaveLength(37);
    expect(one(run, DYNAMIC).inputs.containerId).toBe("[unknown]");
    expect(one(run, ACCOUNT).options.dependsOn).toContain("cenm-files-kv-crypto-user-wait");
    expect(one(run, ACCOUNT).inputs.accountName).toBe(ACCOUNT_NAME);
    expect(one(run, ENDPOINT).inputs.privateLinkServiceConnections).toEqual([{ name: "cenm-files-file", privateLinkServiceId: "[unknown]", groupIds: ["file"] }]);
  });
});

describe("azure ReplicatedFileStore, dev-like", () => {
  it("declares a Premium_ZRS FileStorage account, a zone-redundant vault without immutability or soft delete, no locks and no protection", async () => {
    const run = await declare(build(devArgs()), CONFIG);
    const account = one(run, ACCOUNT);
    expect(account.inputs).toMatchObject({ kind: "FileStorage", sku: { name: "Premium_ZRS" }, allowSharedKeyAccess: true, publicNetworkAccess: "Disabled" });
    expect(account.options).toMatchObject({ protect: false, retainOnDelete: false });
    for (const share of ofType(run, SHARE)) {
      expect(share.inputs).toMatchObject({ accessTier: "Premium", shareQuota: 100 });
      expect(share.options).toMatchObject({ protect: false, retainOnDelete: false });
    }
    const vault = one(run, VAULT);
    expect(vault.inputs.properties).toMatchObject({
      redundancySettings: { standardTierStorageRedundancy: "ZoneRedundant", crossRegionRestore: "Disabled" },
      // Dev (no protection, governance lock): nothing that would keep deleted share backups, and the vault, alive.
      securitySettings: { immutabilitySettings: { state: "Disabled" }, softDeleteSettings: { softDeleteState: "Disabled" } },
    });
    // Nor Azure Backup's own delete lock on the account.
    expect((one(run, CONTAINER).inputs.properties as any).acquireStorageAccountLock).toBe("NotAcquire");
    expect(vault.options).toMatchObject({ protect: false, retainOnDelete: false });
    expect(ofType(run, LOCK)).toHaveLength(0);
    expect(one(run, KEY_VAULT).options).toMatchObject({ protect: false, retainOnDelete: false });
    expect(one(run, KEY).options).toMatchObject({ protect: false, retainOnDelete: false });
    expect((vault.inputs.properties as any).encryption).toBeUndefined();
    expect(ofType(run, RULE)).toHaveLength(0);
    expect((one(run, POLICY).inputs.properties as any).retentionPolicy.dailySchedule.retentionDuration).toEqual({ count: 7, durationType: "Days" });
    const copies = run.outputs.copies as any[];
    expect(copies.map((c) => c.role)).toEqual(["primary", "share-snapshots"]);
    expect(copies[1].mechanism).toContain("kept in the storage account itself");
    expect(run.outputs.storageSku).toBe("Premium_ZRS");
    expect(run.log).toEqual([]);
  });

  it("declares shares only for the services asked", async () => {
    const run = await declare(build({ ...devArgs(), services: ["signer", "identity-manager"] }), CONFIG);
    expect(ofType(run, SHARE).map((s) => s.inputs.shareName).sort()).toEqual(["cenm-identity-manager", "cenm-signer"]);
    expect(ofType(run, ITEM).map((i) => i.inputs.protectedItemName).sort()).toEqual(["cenm-identity-manager", "cenm-signer"]);
  });

  it("warns, and lists no DR copy, for Premium_ZRS with drReplication", async () => {
    const run = await declare(build({ ...devArgs(), drReplication: true }), CONFIG);
    expect(one(run, VAULT).inputs.properties).toMatchObject({ redundancySettings: { standardTierStorageRedundancy: "GeoRedundant", crossRegionRestore: "Enabled" } });
    const copies = run.outputs.copies as any[];
    expect(copies.every((c) => c.region === "westeurope")).toBe(true);
    expect(run.log).toHaveLength(1);
    expect(run.log[0]).toMatchObject({ severity: "warning" });
    expect(run.log[0].message).toContain("keeps no copy of the CENM files outside westeurope");
  });
});

describe("azure ReplicatedFileStore validation", () => {
  const cases: [string, (a: AzureFileStoreArgs) => AzureFileStoreArgs, RegExp][] = [
    ["an unknown SKU", (a) => ({ ...a, storageSku: "Standard_LRS" as never }), /storageSku is "Standard_LRS"; expected "Premium_ZRS"/],
    ["no services", (a) => ({ ...a, services: [] }), /services is \[\]; expected at least one CENM service/],
    ["an unknown service", (a) => ({ ...a, services: ["vault" as never] }), /services is "vault"; expected a CENM service/],
    ["a duplicated service", (a) => ({ ...a, services: ["signer", "signer"] }), /signer is listed twice/],
    ["a zero retention", (a) => ({ ...a, dailyRetentionDays: 0 }), /dailyRetentionDays is 0; expected a whole number of days from 1 to 9999 \(the Azure Files daily retention limit of the vault-standard tier/],
    ["a 10000-day vaulted retention", (a) => ({ ...a, dailyRetentionDays: 10000 }), /dailyRetentionDays is 10000/],
    ["a 201-day snapshot retention", (a) => ({ ...a, backupTier: "snapshot", dailyRetentionDays: 201 }), /dailyRetentionDays is 201; expected a whole number of days from 1 to 200 \(the Azure Files daily retention limit of the snapshot tier/],
    ["a fractional retention", (a) => ({ ...a, dailyRetentionDays: 7.5 }), /dailyRetentionDays is 7.5/],
    ["an unknown backup tier", (a) => ({ ...a, backupTier: "archive" as never }), /backupTier is "archive"; expected one of vault-standard, snapshot/],
    ["an unknown lock mode", (a) => ({ ...a, lock: { mode: "legal-hold" as never } }), /lock.mode is "legal-hold"/],
    ["a DR location equal to the primary", (a) => ({ ...a, drLocation: "westeurope" }), /drLocation is "westeurope"/],
    ["no endpoints subnet", (a) => ({ ...a, endpointsSubnetId: "" }), /endpointsSubnetId is ""; expected an ARM id/],
    ["no file zone", (a) => ({ ...a, filePrivateDnsZoneId: undefined as never }), /filePrivateDnsZoneId is undefined/],
    ["an empty action group id", (a) => ({ ...a, actionGroupId: "" }), /actionGroupId is ""; expected the ARM id of an action group, or nothing/],
  ];

  it.each(cases)("refuses %s before declaring anything", async (_label, mutate, message) => {
    let error: unknown;
    const run = await declare(() => {
      try {
        new ReplicatedFileStore("cenm-files", mutate(prodArgs()));
      } catch (e) {
        error = e;
      }
      return {};
    }, CONFIG);
    expect(String(error)).toMatch(message);
    expect(run.resources).toHaveLength(0);
  });

  it("refuses a component name that cannot prefix a storage account name", async () => {
    let error: unknown;
    const run = await declare(() => {
      try {
        new ReplicatedFileStore("CENM_files", prodArgs());
      } catch (e) {
        error = e;
      }
      return {};
    }, CONFIG);
    expect(String(error)).toMatch(/name is "CENM_files"; expected lower-case letters/);
    expect(run.resources).toHaveLength(0);
  });
});

describe("Azure ReplicatedFileStore: first deployment of a locked stack", () => {
  it("creates the Recovery Services vault's immutability Unlocked with firstDeployment, and Locked without it", async () => {
    const first = await declare(build({ ...prodArgs(), firstDeployment: true }), CONFIG);
    expect((one(first, VAULT).inputs.properties as any).securitySettings.immutabilitySettings).toEqual({ state: "Unlocked" });
    const second = await declare(build(prodArgs()), CONFIG);
    expect((one(second, VAULT).inputs.properties as any).securitySettings.immutabilitySettings).toEqual({ state: "Locked" });
  });

  it("vaulted, step 1: the vault and its identity's key grant, but no key, no registration and no protected item yet", async () => {
    const first = await declare(build({ ...prodArgs(), firstDeployment: true }), CONFIG);
    const vault = one(first, VAULT);
    expect(vault.inputs.identity).toEqual({ type: "SystemAssigned" });
    expect((vault.inputs.properties as any).encryption).toBeUndefined();
    // Created without cross-region restore, which Azure never turns off and the key to come rules out.
    expect((vault.inputs.properties as any).redundancySettings).toEqual({ standardTierStorageRedundancy: "GeoRedundant", crossRegionRestore: "Disabled" });
    expect(named(first, "cenm-files-recovery-vault-crypto-user").inputs.principalId).toBe("cenm-files-recovery-vault-principal-id");
    expect(ofType(first, POLICY)).toHaveLength(1);
    expect(ofType(first, CONTAINER)).toHaveLength(0);
    expect(ofType(first, DYNAMIC)).toHaveLength(0);
    expect(ofType(first, ITEM)).toHaveLength(0);
    // Step 2 sets the key, then registers and protects.
    const second = await declare(build(prodArgs()), CONFIG);
    expect((one(second, VAULT).inputs.properties as any).encryption.keyVaultProperties).toEqual({ keyUri: KEY_URI });
    expect(ofType(second, ITEM)).toHaveLength(ALL.length);
  });

  it("snapshot tier, step 1: nothing waits for a vault key (the vault holds no file data)", async () => {
    const first = await declare(build({ ...adArgs(), firstDeployment: true }), CONFIG);
    expect(ofType(first, CONTAINER)).toHaveLength(1);
    expect(ofType(first, ITEM)).toHaveLength(ALL.length);
  });
});
