import { MOCK_TENANT_ID, mockRandomHex } from "../../../src/offline/mocks";
import { RESTORE_CONTAINER, restoreAccountName, SnapshotSchedule, STORAGE_BLOB_DATA_CONTRIBUTOR_ROLE, validateAzureSnapshotScheduleArgs } from "../../../src/components/azure/SnapshotSchedule";
import { cmkVaultName, KEY_VAULT_CRYPTO_SERVICE_ENCRYPTION_USER } from "../../../src/components/azure/cmk";
import type { AzureSnapshotScheduleArgs } from "../../../src/components/azure/contracts";
import { declare, named, ofType, one } from "../../helpers/offline";
import { AZURE_CONFIG as CONFIG, azureCommonArgs } from "../../helpers/azure";

const SUB = "00000000-0000-0000-0000-000000000000";
const SERVER_ID = `/subscriptions/${SUB}/resourceGroups/cenm-db-rg/providers/Microsoft.DBforPostgreSQL/flexibleServers/cenm-db-pg`;
const ACTION_GROUP_ID = `/subscriptions/${SUB}/resourceGroups/cenm-rg/providers/Microsoft.Insights/actionGroups/cenm-alerts`;
const VAULT_ID = "cenm-snapshots-vault-id";
const POLICY_ID = "cenm-snapshots-policy-id";
const PRINCIPAL = "cenm-snapshots-vault-principal-id";
const PG = "Microsoft.DBforPostgreSQL/flexibleServers";
const KV_NAME = cmkVaultName("cenm-snapshots", "kv", "s", SUB, "cenm-rg", mockRandomHex("cenm-snapshots-kv-name", 2));
const KEY_URI = `https://${KV_NAME}.vault.azure.net/keys/cenm-snapshots-cmk`;
const CMK_ROLES = ["cenm-snapshots-vault-crypto-user"];
const SLEEP = "time:index/sleep:Sleep";
const RANDOM = "random:index/randomId:RandomId";

const VAULT = "azure-native:dataprotection:BackupVault";
const POLICY = "azure-native:dataprotection:BackupPolicy";
const INSTANCE = "azure-native:dataprotection:BackupInstance";
const ROLE = "azure-native:authorization:RoleAssignment";
const LOCK = "azure-native:authorization:ManagementLockByScope";
const ALERT_RULE = "azure-native:alertsmanagement:AlertProcessingRuleByName";
const IDENTITY = "azure-native:managedidentity:UserAssignedIdentity";
const KEY_VAULT = "azure-native:keyvault:Vault";
const KEY = "azure-native:keyvault:Key";
const ACCOUNT = "azure-native:storage:StorageAccount";
const CONTAINER = "azure-native:storage:BlobContainer";

/** prod preset values. */
function prodArgs(): AzureSnapshotScheduleArgs {
  return {
    ...azureCommonArgs("prod"),
    postgresServerId: SERVER_ID,
    postgresServerName: "cenm-db-pg",
    pointInTimeDays: 35,
    hourly: { enabled: true, everyHours: 1, retentionDays: 2 },
    daily: { enabled: true, retentionDays: 35, hourUtc: 3 },
    monthly: { enabled: true, retentionDays: 365 },
    drCopy: { enabled: true, retentionDays: 35 },
    lock: { mode: "compliance" },
    actionGroupId: ACTION_GROUP_ID,
  };
}

/** dev preset values. */
function devArgs(): AzureSnapshotScheduleArgs {
  return {
    ...prodArgs(),
    environment: "dev",
    protection: { enabled: false },
    pointInTimeDays: 7,
    hourly: { enabled: false, everyHours: 12, retentionDays: 1 },
    daily: { enabled: true, retentionDays: 7, hourUtc: 3 },
    monthly: { enabled: false, retentionDays: 90 },
    drCopy: { enabled: false, retentionDays: 7 },
    lock: { mode: "governance" },
  };
}

function build(args: AzureSnapshotScheduleArgs) {
  return () => {
    const s = new SnapshotSchedule("cenm-snapshots", args);
    return {
      vaultId: s.vaultId,
      vaultName: s.vaultName,
      principalId: s.principalId,
      keyVaultId: s.keyVaultId,
      keyUri: s.keyUri,
      policyId: s.policyId,
      backupInstanceName: s.backupInstanceName,
      immutability: s.immutability,
      softDelete: s.softDelete,
      storageRedundancy: s.storageRedundancy,
      copies: s.copies,
    };
  };
}

describe("azure SnapshotSchedule, prod-like", () => {
  it("declares a geo-redundant, immutable (Locked) backup vault with AlwaysOn soft delete", async () => {
    const run = await declare(build(prodArgs()), CONFIG);
    const vault = one(run, VAULT);
    expect(vault.name).toBe("cenm-snapshots-vault");
    expect(vault.parent).toBe("cenm-snapshots");
    expect(vault.inputs).toMatchObject({
      location: "westeurope",
      resourceGroupName: "cenm-rg",
      identity: { type: "SystemAssigned" },
      tags: { team: "cenm", "cenm-backup-element": "snapshots" },
    });
    expect(vault.inputs.properties).toEqual({
      storageSettings: [{ datastoreType: "VaultStore", type: "GeoRedundant" }],
      featureSettings: { crossRegionRestoreSettings: { state: "Enabled" } },
      securitySettings: {
        immutabilitySettings: { state: "Locked" },
        softDeleteSettings: { state: "AlwaysOn", retentionDurationInDays: 14 },
        // The vault's own identity unwraps the key: a user-assigned one is unsupported with a closed key vault.
        encryptionSettings: { state: "Enabled", keyVaultProperties: { keyUri: KEY_URI }, kekIdentity: { identityType: "SystemAssigned" } },
      },
      monitoringSettings: { azureMonitorAlertSettings: { alertsForAllJobFailures: "Enabled" } },
    });
    expect(vault.options).toMatchObject({ protect: true, retainOnDelete: true });
    // Its grant follows the vault (the identity exists once the vault does): no dependency cycle.
    expect(vault.options.dependsOn ?? []).not.toContain("cenm-snapshots-vault-crypto-user");
  });

  it("step 1 of 2 (firstDeployment): the vault is created Unlocked, without its key and without the backup instance", async () => {
    const run = await declare(build({ ...prodArgs(), firstDeployment: true }), CONFIG);
    const vault = one(run, VAULT);
    expect((vault.inputs.properties as any).securitySettings).toEqual({
      immutabilitySettings: { state: "Unlocked" },
      softDeleteSettings: { state: "AlwaysOn", retentionDurationInDays: 14 },
    });
    // The identity is granted its key role now, so that the second deployment can set the key.
    expect(named(run, "cenm-snapshots-vault-crypto-user").inputs.principalId).toBe(PRINCIPAL);
    expect(ofType(run, INSTANCE)).toHaveLength(0);
    expect(run.outputs.copies).toEqual([]);
    expect(run.outputs.backupInstanceName).toBeUndefined();
  });

  it("keeps the vault's customer-managed key in a premium, purge-protected key vault open to trusted services only", async () => {
    const run = await declare(build(prodArgs()), CONFIG);
    // The vault's own identity unwraps its key; the only user-assigned identity is the restore account's.
    expect(ofType(run, IDENTITY).map((i) => i.name)).toEqual(["cenm-snapshots-restore-identity"]);
    const vault = named(run, "cenm-snapshots-kv");
    expect(vault.type).toBe(KEY_VAULT);
    expect(vault.inputs).toMatchObject({
      vaultName: KV_NAME,
      location: "westeurope",
      resourceGroupName: "cenm-rg",
      properties: {
        sku: { family: "A", name: "premium" },
        enableRbacAuthorization: true,
        enableSoftDelete: true,
        softDeleteRetentionInDays: 90,
        enablePurgeProtection: true,
        publicNetworkAccess: "Disabled",
        networkAcls: { defaultAction: "Deny", bypass: "AzureServices" },
      },
      tags: { team: "cenm", "cenm-backup-element": "snapshots" },
    });
    expect(vault.options).toMatchObject({ protect: true, retainOnDelete: true });
    const key = named(run, "cenm-snapshots-kv-cmk");
    expect(key.type).toBe(KEY);
    expect(key.inputs).toMatchObject({
      vaultName: KV_NAME,
      keyName: "cenm-snapshots-cmk",
      properties: { kty: "RSA-HSM", keySize: 3072, keyOps: ["wrapKey", "unwrapKey"], rotationPolicy: { lifetimeActions: [{ trigger: { timeAfterCreate: "P1Y" }, action: { type: "rotate" } }] } },
    });
    expect(key.options).toMatchObject({ protect: true, retainOnDelete: true });
    expect(named(run, "cenm-snapshots-vault-crypto-user").inputs).toMatchObject({
      scope: "cenm-snapshots-kv-id",
      principalId: PRINCIPAL,
      principalType: "ServicePrincipal",
      roleDefinitionId: `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${KEY_VAULT_CRYPTO_SERVICE_ENCRYPTION_USER}`,
    });
    expect(named(run, "cenm-snapshots-vault-crypto-user-wait")).toMatchObject({ type: SLEEP, inputs: { createDuration: "10m" } });
    expect(run.outputs).toMatchObject({ principalId: PRINCIPAL, keyVaultId: "cenm-snapshots-kv-id", keyUri: KEY_URI });
  });

  it("deletes the vault while its identity still holds its key role, and the key after the vault", async () => {
    // Azure fails to delete a vault whose identity has lost access to its key (the backup vault CMK page). The role
    // names the vault's identity, so Pulumi would delete it first: it is deletedWith the vault instead.
    const run = await declare(build(devArgs()), CONFIG);
    expect(named(run, "cenm-snapshots-vault-crypto-user").options.deletedWith).toBe("cenm-snapshots-vault");
    // The vault names the key (its URI), so Pulumi deletes the vault before the key and its key vault.
    expect(one(run, VAULT).options.dependsOn).toContain("cenm-snapshots-kv-cmk");
    // The other roles are deleted in the ordinary order.
    for (const role of ["cenm-snapshots-vault-ltr-backup", "cenm-snapshots-vault-rg-reader", "cenm-snapshots-vault-restore-writer"]) {
      expect(named(run, role).options.deletedWith).toBeUndefined();
    }
  });

  it("locks the backup vault and the key vault against deletion", async () => {
    const run = await declare(build(prodArgs()), CONFIG);
    const lock = one(run, LOCK, "cenm-snapshots-vault-lock");
    expect(lock.inputs).toMatchObject({ scope: VAULT_ID, level: "CanNotDelete" });
    expect(one(run, LOCK, "cenm-snapshots-kv-lock").inputs).toMatchObject({ scope: "cenm-snapshots-kv-id", level: "CanNotDelete" });
    expect(one(run, LOCK, "cenm-snapshots-restore-account-lock").inputs).toMatchObject({ scope: "cenm-snapshots-restore-account-id", level: "CanNotDelete" });
    expect(one(run, LOCK, "cenm-snapshots-restore-lock").inputs).toMatchObject({ scope: "cenm-snapshots-restore-id", level: "CanNotDelete" });
    expect(ofType(run, LOCK)).toHaveLength(4);
  });

  it("backs the flexible server up daily into the vault store, with Default and Monthly retention", async () => {
    const run = await declare(build(prodArgs()), CONFIG);
    const policy = one(run, POLICY);
    expect(policy.inputs).toMatchObject({ resourceGroupName: "cenm-rg", vaultName: "cenm-snapshots-vault0000" });
    const props = policy.inputs.properties as any;
    expect(props.objectType).toBe("BackupPolicy");
    expect(props.datasourceTypes).toEqual([PG]);
    const [backupRule, ...retention] = props.policyRules;
    expect(backupRule).toEqual({
      objectType: "AzureBackupRule",
      name: "BackupDaily",
      backupParameters: { objectType: "AzureBackupParams", backupType: "Full" },
      dataStore: { dataStoreType: "VaultStore", objectType: "DataStoreInfoBase" },
      trigger: {
        objectType: "ScheduleBasedTriggerContext",
        schedule: { repeatingTimeIntervals: ["R/2025-01-05T03:00:00+00:00/P1D"], timeZone: "UTC" },
        taggingCriteria: [
          { isDefault: true, tagInfo: { tagName: "Default" }, taggingPriority: 99 },
          {
            isDefault: false,
            tagInfo: { tagName: "Monthly" },
            taggingPriority: 15,
            criteria: [{ objectType: "ScheduleBasedBackupCriteria", absoluteCriteria: ["FirstOfMonth"] }],
          },
        ],
      },
    });
    expect(retention).toEqual([
      {
        objectType: "AzureRetentionRule",
        name: "Default",
        isDefault: true,
        lifecycles: [{ deleteAfter: { objectType: "AbsoluteDeleteOption", duration: "P35D" }, sourceDataStore: { dataStoreType: "VaultStore", objectType: "DataStoreInfoBase" } }],
      },
      {
        objectType: "AzureRetentionRule",
        name: "Monthly",
        isDefault: false,
        lifecycles: [{ deleteAfter: { objectType: "AbsoluteDeleteOption", duration: "P365D" }, sourceDataStore: { dataStoreType: "VaultStore", objectType: "DataStoreInfoBase" } }],
      },
    ]);
    // No hourly rule: Azure takes at most one vaulted backup of a flexible server a day; the server's own PITR covers
    // finer points.
    expect(JSON.stringify(props)).not.toMatch(/Hourly|PT1H/);
    expect(policy.options.ignoreChanges).toEqual([]);
  });

  it("grants the vault's identity the LTR backup role on the server and Reader on its resource group", async () => {
    const run = await declare(build(prodArgs()), CONFIG);
    const roles = ofType(run, ROLE);
    expect(roles.map((r) => r.name).sort()).toEqual([...CMK_ROLES, "cenm-snapshots-restore-crypto-user", "cenm-snapshots-vault-ltr-backup", "cenm-snapshots-vault-restore-writer", "cenm-snapshots-vault-rg-reader"].sort());
    expect(named(run, "cenm-snapshots-vault-ltr-backup").inputs).toMatchObject({
      scope: SERVER_ID,
      principalId: PRINCIPAL,
      principalType: "ServicePrincipal",
      roleDefinitionId: `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/c088a766-074b-43ba-90d4-1fb21feae531`,
    });
    expect(named(run, "cenm-snapshots-vault-rg-reader").inputs).toMatchObject({
      scope: `/subscriptions/${SUB}/resourceGroups/cenm-db-rg`,
      principalId: PRINCIPAL,
      principalType: "ServicePrincipal",
      roleDefinitionId: `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7`,
    });
  });

  it("declares the storage account a restore writes the dumps into, in the DR region, for the vault to write", async () => {
    const run = await declare(build(prodArgs()), CONFIG);
    const account = one(run, ACCOUNT);
    expect(account.name).toBe("cenm-snapshots-restore-account");
    expect(account.inputs).toMatchObject({
      accountName: restoreAccountName("cenm-snapshots", SUB, "cenm-dr-rg"),
      location: "northeurope",
      resourceGroupName: "cenm-dr-rg",
      kind: "StorageV2",
      sku: { name: "Standard_ZRS" },
      enableHttpsTrafficOnly: true,
      minimumTlsVersion: "TLS1_2",
      allowBlobPublicAccess: false,
      allowSharedKeyAccess: false,
      // Microsoft copies the backup from its own tenant into the account.
      allowCrossTenantReplication: true,
      publicNetworkAccess: "Disabled",
      // Closed to every network; only this vault (a resource instance rule) and trusted services, as Microsoft's
      // restore steps ask, also while the runbook turns public access on for a restore.
      networkRuleSet: {
        defaultAction: "Deny",
        bypass: "AzureServices",
        ipRules: [],
        virtualNetworkRules: [],
        resourceAccessRules: [{ tenantId: MOCK_TENANT_ID, resourceId: VAULT_ID }],
      },
      identity: { type: "UserAssigned", userAssignedIdentities: ["cenm-snapshots-restore-identity-id"] },
      encryption: { keySource: "Microsoft.Keyvault", keyVaultProperties: { keyName: "cenm-snapshots-restore-cmk" }, encryptionIdentity: { encryptionUserAssignedIdentity: "cenm-snapshots-restore-identity-id" } },
      tags: { team: "cenm", "cenm-backup-element": "snapshots" },
    });
    expect(String(account.inputs.accountName)).toMatch(/^[a-z0-9]{3,24}$/);
    expect(account.options).toMatchObject({ protect: true, retainOnDelete: true });
    expect(account.options.dependsOn).toContain("cenm-snapshots-restore-crypto-user-wait");
    expect(named(run, "cenm-snapshots-restore")).toMatchObject({ type: KEY_VAULT, inputs: { location: "northeurope", resourceGroupName: "cenm-dr-rg" } });
    expect(one(run, CONTAINER).inputs).toMatchObject({ accountName: restoreAccountName("cenm-snapshots", SUB, "cenm-dr-rg"), resourceGroupName: "cenm-dr-rg", containerName: RESTORE_CONTAINER, publicAccess: "None" });
    expect(named(run, "cenm-snapshots-vault-restore-writer").inputs).toMatchObject({
      scope: "cenm-snapshots-restore-account-id",
      principalId: PRINCIPAL,
      principalType: "ServicePrincipal",
      roleDefinitionId: `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${STORAGE_BLOB_DATA_CONTRIBUTOR_ROLE}`,
    });
    expect(STORAGE_BLOB_DATA_CONTRIBUTOR_ROLE).toBe("ba92f5b4-2d11-453d-a403-e96b0029c9fe");
  });

  it("gives the restore account a blob private endpoint in the DR network when a subnet and the blob zone are given", async () => {
    const subnet = "/subscriptions/s/resourceGroups/cenm-dr-rg/providers/Microsoft.Network/virtualNetworks/v/subnets/endpoints";
    const zone = "/subscriptions/s/resourceGroups/cenm-rg/providers/Microsoft.Network/privateDnsZones/privatelink.blob.core.windows.net";
    const run = await declare(build({ ...prodArgs(), drEndpointsSubnetId: subnet, blobPrivateDnsZoneId: zone }), CONFIG);
    expect(named(run, "cenm-snapshots-restore-account-endpoint").inputs).toMatchObject({
      location: "northeurope",
      resourceGroupName: "cenm-dr-rg",
      subnet: { id: subnet },
      privateLinkServiceConnections: [{ privateLinkServiceId: "cenm-snapshots-restore-account-id", groupIds: ["blob"] }],
    });
    expect(named(run, "cenm-snapshots-restore-account-endpoint-dns").inputs).toMatchObject({ privateDnsZoneConfigs: [{ name: "blob", privateDnsZoneId: zone }] });
    // Without them, no endpoint (the audit then finds no private path to the account: CENM-GN-05).
    const bare = await declare(build(prodArgs()), CONFIG);
    expect(ofType(bare, "azure-native:network:PrivateEndpoint")).toHaveLength(0);
    expect(() => validateAzureSnapshotScheduleArgs("cenm-snapshots", { ...prodArgs(), drEndpointsSubnetId: subnet })).toThrow(/drEndpointsSubnetId and blobPrivateDnsZoneId given together/);
  });

  it("falls back to the primary resource group when the server id names none", async () => {
    const run = await declare(build({ ...prodArgs(), postgresServerId: "cenm-db-pg" }), CONFIG);
    expect(named(run, "cenm-snapshots-vault-rg-reader").inputs.scope).toBe(`/subscriptions/${SUB}/resourceGroups/cenm-rg`);
  });

  it("declares the backup instance after both role assignments, bound to the policy", async () => {
    const run = await declare(build(prodArgs()), CONFIG);
    const instance = one(run, INSTANCE);
    expect(instance.name).toBe("cenm-snapshots-instance");
    // After the roles and the wait for them to take effect (Azure: up to 10 minutes), and the key grant's wait.
    expect(instance.options.dependsOn).toEqual(expect.arrayContaining(["cenm-snapshots-vault-roles-wait", "cenm-snapshots-vault-crypto-user-wait"]));
    expect(named(run, "cenm-snapshots-vault-roles-wait").options.dependsOn).toEqual(["cenm-snapshots-vault-ltr-backup", "cenm-snapshots-vault-rg-reader"]);
    expect(instance.options).toMatchObject({ protect: true, retainOnDelete: true });
    const datasource = { resourceID: SERVER_ID, resourceName: "cenm-db-pg", resourceType: PG, datasourceType: PG, resourceLocation: "westeurope" };
    expect(instance.inputs).toMatchObject({
      resourceGroupName: "cenm-rg",
      vaultName: "cenm-snapshots-vault0000",
      tags: { team: "cenm", "cenm-backup-element": "snapshots" },
      properties: {
        objectType: "BackupInstance",
        friendlyName: "cenm-db-pg",
        dataSourceInfo: { objectType: "Datasource", ...datasource },
        dataSourceSetInfo: { objectType: "DatasourceSet", ...datasource },
        policyInfo: { policyId: POLICY_ID },
      },
    });
  });

  it("routes the vault's failed-job alerts to the action group", async () => {
    const run = await declare(build(prodArgs()), CONFIG);
    const rule = one(run, ALERT_RULE);
    expect(rule.inputs).toMatchObject({
      location: "Global",
      resourceGroupName: "cenm-rg",
      tags: { "cenm-backup-element": "snapshots" },
      properties: { enabled: true, scopes: [VAULT_ID], actions: [{ actionType: "AddActionGroups", actionGroupIds: [ACTION_GROUP_ID] }] },
    });
  });

  it("reports its outputs and its vault and geo copies", async () => {
    const run = await declare(build(prodArgs()), CONFIG);
    expect(run.outputs).toMatchObject({
      vaultId: VAULT_ID,
      vaultName: "cenm-snapshots-vault0000",
      policyId: POLICY_ID,
      backupInstanceName: "cenm-snapshots-instance0000",
      immutability: "Locked",
      softDelete: "AlwaysOn",
      storageRedundancy: "GeoRedundant",
    });
    const copies = run.outputs.copies as any[];
    expect(copies).toHaveLength(2);
    expect(copies[0]).toMatchObject({ element: "snapshots", role: "vault", resource: "cenm-snapshots-vault", region: "westeurope", mode: "point-in-time" });
    expect(copies[0].rpo).toMatch(/^up to 24 h \(Azure: Azure Backup takes at most one vaulted backup/);
    expect(copies[0].rpoSeconds).toBe(86400);
    expect(copies[0].rpo).toContain("under 5 minutes");
    expect(copies[0].mechanism).toContain("Azure Backup daily full backups");
    expect(copies[0].mechanism).toContain("immutability Locked, soft delete AlwaysOn");
    expect(copies[1]).toMatchObject({ element: "snapshots", role: "dr-vault-copy", region: "northeurope", mode: "asynchronous" });
    expect(copies[1].rpo).toContain("Azure publishes no figure for this replication");
    expect(copies[1].rpoSeconds).toBe(86400 + 36 * 3600);
  });

  it("declares every child in preview", async () => {
    const run = await declare(build(prodArgs()), { preview: true, ...CONFIG });
    const count = (t: string) => ofType(run, t).length;
    expect(count("cenm-backup:azure:SnapshotSchedule")).toBe(1);
    expect(count(VAULT)).toBe(1);
    expect(count(LOCK)).toBe(4);
    expect(count(POLICY)).toBe(1);
    expect(count(ROLE)).toBe(5);
    expect(count(INSTANCE)).toBe(1);
    expect(count(ALERT_RULE)).toBe(1);
    expect(count(IDENTITY)).toBe(1);
    expect(count(SLEEP)).toBe(3);
    expect(count(KEY_VAULT)).toBe(2);
    expect(count(KEY)).toBe(2);
    expect(count(RANDOM)).toBe(2);
    expect(count(ACCOUNT)).toBe(1);
    expect(count(CONTAINER)).toBe(1);
    expect(run.resources).toHaveLength(26);
    expect(one(run, LOCK, "cenm-snapshots-vault-lock").inputs.scope).toBe("[unknown]");
    expect(named(run, "cenm-snapshots-vault-crypto-user").inputs.scope).toBe("[unknown]");
    expect(one(run, INSTANCE).inputs.properties).toMatchObject({ policyInfo: { policyId: "[unknown]" } });
  });
});

describe("azure SnapshotSchedule, dev-like", () => {
  it("declares a zone-redundant vault without immutability or soft delete (pulumi destroy can remove it), no lock and no protection", async () => {
    const run = await declare(build(devArgs()), CONFIG);
    const vault = one(run, VAULT);
    expect(vault.inputs.properties).toMatchObject({
      storageSettings: [{ datastoreType: "VaultStore", type: "ZoneRedundant" }],
      featureSettings: { crossRegionRestoreSettings: { state: "Disabled" } },
      securitySettings: { immutabilitySettings: { state: "Disabled" }, softDeleteSettings: { state: "Off", retentionDurationInDays: 14 } },
    });
    // Protected (or governance-locked but protected) stacks keep both: only dev's teardown rule drops them.
    const staging = await declare(build({ ...devArgs(), protection: { enabled: true } }), CONFIG);
    expect((one(staging, VAULT).inputs.properties as any).securitySettings).toMatchObject({ immutabilitySettings: { state: "Unlocked" }, softDeleteSettings: { state: "On" } });
    expect(vault.options).toMatchObject({ protect: false, retainOnDelete: false });
    expect(one(run, INSTANCE).options).toMatchObject({ protect: false, retainOnDelete: false });
    expect(ofType(run, LOCK)).toHaveLength(0);
    for (const r of [...ofType(run, KEY_VAULT), ...ofType(run, KEY), ...ofType(run, ACCOUNT)]) expect(r.options).toMatchObject({ protect: false, retainOnDelete: false });
    expect((vault.inputs.properties as any).securitySettings.encryptionSettings).toMatchObject({ state: "Enabled", keyVaultProperties: { keyUri: KEY_URI } });
    const rules = (one(run, POLICY).inputs.properties as any).policyRules;
    expect(rules.map((r: any) => r.name)).toEqual(["BackupDaily", "Default"]);
    expect(rules[1].lifecycles[0].deleteAfter.duration).toBe("P7D");
    expect(rules[0].trigger.taggingCriteria).toEqual([{ isDefault: true, tagInfo: { tagName: "Default" }, taggingPriority: 99 }]);
    expect(run.outputs).toMatchObject({ immutability: "Disabled", softDelete: "Off", storageRedundancy: "ZoneRedundant" });
    const copies = run.outputs.copies as any[];
    expect(copies.map((c) => c.role)).toEqual(["vault"]);
  });

  it("keeps protection but no lock in a protected dev stack, and locks a protected staging stack", async () => {
    const devProtected = await declare(build({ ...devArgs(), protection: { enabled: true } }), CONFIG);
    expect(one(devProtected, VAULT).options.protect).toBe(true);
    expect(ofType(devProtected, LOCK)).toHaveLength(0);
    const staging = await declare(build({ ...devArgs(), environment: "staging", protection: { enabled: true } }), CONFIG);
    expect(ofType(staging, LOCK).map((l) => [l.name, l.inputs.level]).sort()).toEqual([
      ["cenm-snapshots-kv-lock", "CanNotDelete"],
      ["cenm-snapshots-restore-account-lock", "CanNotDelete"],
      ["cenm-snapshots-restore-lock", "CanNotDelete"],
      ["cenm-snapshots-vault-lock", "CanNotDelete"],
    ]);
  });

  it("schedules the daily backup at the configured hour", async () => {
    const run = await declare(build({ ...devArgs(), daily: { enabled: true, retentionDays: 14, hourUtc: 22 } }), CONFIG);
    const trigger = (one(run, POLICY).inputs.properties as any).policyRules[0].trigger;
    expect(trigger.schedule.repeatingTimeIntervals).toEqual(["R/2025-01-05T22:00:00+00:00/P1D"]);
  });
});

describe("azure SnapshotSchedule, SQL engine", () => {
  it("declares no backup instance and no role assignment on a server without a PostgreSQL server, and still encrypts the vault", async () => {
    const args = prodArgs();
    delete args.postgresServerId;
    delete args.postgresServerName;
    const run = await declare(build(args), CONFIG);
    expect(ofType(run, INSTANCE)).toHaveLength(0);
    expect(ofType(run, ROLE).map((r) => r.name)).toEqual(CMK_ROLES);
    // No server: no restore account either.
    expect(ofType(run, ACCOUNT)).toHaveLength(0);
    expect(one(run, VAULT).name).toBe("cenm-snapshots-vault");
    expect((one(run, VAULT).inputs.properties as any).securitySettings.encryptionSettings.state).toBe("Enabled");
    expect(one(run, ALERT_RULE).inputs.properties).toMatchObject({ scopes: [VAULT_ID] });
    expect(run.outputs.backupInstanceName).toBeUndefined();
    expect(run.outputs.copies).toEqual([]);
  });

  it("takes the Azure SQL short-term retention range (1-35 days) without a server, the flexible server's (7-35) with one", async () => {
    const sql = prodArgs();
    delete sql.postgresServerId;
    delete sql.postgresServerName;
    const validate = (a: AzureSnapshotScheduleArgs) => () => validateAzureSnapshotScheduleArgs("cenm-snapshots", a);
    expect(validate({ ...sql, pointInTimeDays: 3 })).not.toThrow();
    const run = await declare(build({ ...sql, pointInTimeDays: 3 }), CONFIG);
    expect(one(run, VAULT).name).toBe("cenm-snapshots-vault");
    expect(validate({ ...sql, pointInTimeDays: 0 })).toThrow(/pointInTimeDays is 0; expected a whole number of days from 1 to 35 \(the Azure SQL short-term retention\)/);
    expect(validate({ ...prodArgs(), pointInTimeDays: 3 })).toThrow(/pointInTimeDays is 3; expected a whole number of days from 7 to 35 \(the flexible server's own backup retention\)/);
  });
});

describe("azure SnapshotSchedule validation", () => {
  const cases: [string, (a: AzureSnapshotScheduleArgs) => AzureSnapshotScheduleArgs, RegExp][] = [
    ["an unknown lock mode", (a) => ({ ...a, lock: { mode: "strict" as never } }), /lock.mode is "strict"; expected "compliance"/],
    ["hour 24", (a) => ({ ...a, daily: { ...a.daily, hourUtc: 24 } }), /daily.hourUtc is 24; expected a whole hour from 0 to 23/],
    ["a 5-day retention", (a) => ({ ...a, daily: { ...a.daily, retentionDays: 5 } }), /daily.retentionDays is 5; expected a whole number of days from 7/],
    ["an 11-year retention", (a) => ({ ...a, daily: { ...a.daily, retentionDays: 4015 } }), /daily.retentionDays is 4015/],
    ["a monthly retention shorter than the daily one", (a) => ({ ...a, monthly: { enabled: true, retentionDays: 30 } }), /monthly.retentionDays is 30; expected a whole number of days from daily.retentionDays \(35\)/],
    ["36 point-in-time days", (a) => ({ ...a, pointInTimeDays: 36 }), /pointInTimeDays is 36; expected a whole number of days from 7 to 35/],
    ["a DR location equal to the primary", (a) => ({ ...a, drLocation: "westeurope" }), /drLocation is "westeurope"; expected a region other than/],
    ["a location in display form", (a) => ({ ...a, location: "West Europe" }), /location is "West Europe"; expected an Azure region name/],
    ["a server name without a server id", (a) => ({ ...a, postgresServerId: undefined }), /postgresServerId is undefined; expected the ARM id/],
    ["no action group", (a) => ({ ...a, actionGroupId: "" }), /actionGroupId is ""; expected the ARM id of the action group/],
    ["a zero DR retention", (a) => ({ ...a, drCopy: { enabled: true, retentionDays: 0 } }), /drCopy.retentionDays is 0/],
    ["a server above 1 TB", (a) => ({ ...a, postgresStorageGb: 2048 }), /postgresStorageGb is 2048; expected at most 1024 GiB: Azure Backup supports vaulted backups of flexible servers up to 1 TB/],
  ];

  it("refuses a component name that cannot prefix a key vault name", async () => {
    let error: unknown;
    const run = await declare(() => {
      try {
        new SnapshotSchedule("CENM_snapshots", prodArgs());
      } catch (e) {
        error = e;
      }
      return {};
    }, CONFIG);
    expect(String(error)).toMatch(/name is "CENM_snapshots"; expected lower-case letters/);
    expect(run.resources).toHaveLength(0);
  });

  it.each(cases)("refuses %s before declaring anything", async (_label, mutate, message) => {
    let error: unknown;
    const run = await declare(() => {
      try {
        new SnapshotSchedule("cenm-snapshots", mutate(prodArgs()));
      } catch (e) {
        error = e;
      }
      return {};
    }, CONFIG);
    expect(String(error)).toMatch(message);
    expect(run.resources).toHaveLength(0);
  });
});

describe("Azure SnapshotSchedule: first deployment of a locked stack", () => {
  it("creates the vault's immutability Unlocked with firstDeployment, and Locked without it (Azure locks by an update)", async () => {
    const first = await declare(build({ ...prodArgs(), firstDeployment: true }), CONFIG);
    expect((one(first, VAULT).inputs.properties as any).securitySettings.immutabilitySettings).toEqual({ state: "Unlocked" });
    const second = await declare(build(prodArgs()), CONFIG);
    expect((one(second, VAULT).inputs.properties as any).securitySettings.immutabilitySettings).toEqual({ state: "Locked" });
  });
});

describe("Azure SnapshotSchedule: policy replacement under the deletion locks", () => {
  it("retains the replaced backup policy where the vault and its resource group are locked (prod), deletes it in dev", async () => {
    expect(one(await declare(build(prodArgs()), CONFIG), POLICY).options).toMatchObject({ retainOnDelete: true, deleteBeforeReplace: false });
    expect(one(await declare(build(devArgs()), CONFIG), POLICY).options.retainOnDelete).toBe(false);
  });
});
