import { mockRandomHex } from "../../../src/offline/mocks";
import { OfflineKeyVault, escrowAccountName, keyVaultName } from "../../../src/components/azure/OfflineKeyVault";
import type { AzureKeyVaultArgs } from "../../../src/components/azure/contracts";
import { cmkVaultName, KEY_VAULT_CRYPTO_SERVICE_ENCRYPTION_USER } from "../../../src/components/azure/cmk";
import type { OfflineCopy } from "../../../src/config/schema";
import { UNKNOWN } from "../../../src/offline/engine";
import { checkPlatformLimits } from "../../../src/domain/limits";
import { resourceViews } from "../../../src/offline/views";
import { declare, named, ofType, one } from "../../helpers/offline";
import { AZURE_CONFIG as CONFIG, azureCommonArgs } from "../../helpers/azure";

const SUB = "00000000-0000-0000-0000-000000000000";
const TENANT = "11111111-1111-1111-1111-111111111111";
const subnet = (vnet: string, group: string) => `/subscriptions/${SUB}/resourceGroups/${group}/providers/Microsoft.Network/virtualNetworks/${vnet}/subnets/vault`;
const VAULT_SUBNET = subnet("cenm-vnet", "cenm-rg");
const DR_VAULT_SUBNET = subnet("cenm-dr-vnet", "cenm-dr-rg");
const VAULT_ZONE = `/subscriptions/${SUB}/resourceGroups/cenm-rg/providers/Microsoft.Network/privateDnsZones/privatelink.vaultcore.azure.net`;
const BLOB_ZONE = `/subscriptions/${SUB}/resourceGroups/cenm-rg/providers/Microsoft.Network/privateDnsZones/privatelink.blob.core.windows.net`;

const VAULT = "azure-native:keyvault:Vault";
const ACCOUNT = "azure-native:storage:StorageAccount";
const BLOB_SERVICE = "azure-native:storage:BlobServiceProperties";
const CONTAINER = "azure-native:storage:BlobContainer";
const REPLICATION = "azure-native:storage:ObjectReplicationPolicy";
const ENDPOINT = "azure-native:network:PrivateEndpoint";
const DNS_GROUP = "azure-native:network:PrivateDnsZoneGroup";
const LOCK = "azure-native:authorization:ManagementLockByScope";
const IDENTITY = "azure-native:managedidentity:UserAssignedIdentity";
const KEY = "azure-native:keyvault:Key";
const ROLE = "azure-native:authorization:RoleAssignment";

const VAULT_NAME = keyVaultName("cenm-keys", SUB, "cenm-rg", mockRandomHex("cenm-keys-vault-name", 2));
const ESCROW_NAME = escrowAccountName("cenm-keys", "escrow", SUB, "cenm-rg");
const DR_ESCROW_NAME = escrowAccountName("cenm-keys", "dr-escrow", SUB, "cenm-dr-rg");
const ESCROW_KV = cmkVaultName("cenm-keys", "escrow-kv", "e", SUB, "cenm-rg", mockRandomHex("cenm-keys-escrow-kv-name", 2));
const DR_ESCROW_KV = cmkVaultName("cenm-keys", "dr-escrow-kv", "d", SUB, "cenm-dr-rg", mockRandomHex("cenm-keys-dr-escrow-kv-name", 2));

const OFFLINE: OfflineCopy[] = [
  { id: "HSM-BK-0042", location: "Zurich vault, safe 3", medium: "Luna backup HSM", custodians: ["alice", "bob"], lastVerified: "2025-05-01" },
  { id: "smartcards.set-2", location: "London office safe", medium: "smart card quorum (3 of 5)", custodians: ["carol", "dave", "erin"], lastVerified: "2025-04-12" },
];

/** prod preset values. */
function prodArgs(): AzureKeyVaultArgs {
  return {
    ...azureCommonArgs("prod"),
    vaultSubnetId: VAULT_SUBNET,
    drVaultSubnetId: DR_VAULT_SUBNET,
    vaultPrivateDnsZoneId: VAULT_ZONE,
    blobPrivateDnsZoneId: BLOB_ZONE,
    escrowRetentionDays: 3650,
    lockMode: "compliance",
    drReplica: true,
    offlineCopies: OFFLINE.map((c) => ({ ...c, custodians: [...c.custodians] })),
  };
}

/** dev preset values. */
function devArgs(): AzureKeyVaultArgs {
  return { ...prodArgs(), environment: "dev", protection: { enabled: false }, escrowRetentionDays: 30, lockMode: "governance", drReplica: false, offlineCopies: [] };
}

function build(args: AzureKeyVaultArgs) {
  return () => {
    const k = new OfflineKeyVault("cenm-keys", args);
    return {
      keyVaultId: k.keyVaultId,
      keyVaultName: k.keyVaultName,
      keyVaultUri: k.keyVaultUri,
      escrowAccountId: k.escrowAccountId,
      escrowAccountName: k.escrowAccountName,
      drEscrowAccountId: k.drEscrowAccountId,
      drEscrowAccountName: k.drEscrowAccountName,
      escrowKeyVaultId: k.escrowKeyVaultId,
      drEscrowKeyVaultId: k.drEscrowKeyVaultId,
      offlineCopies: k.offlineCopies,
      keyCopies: k.keyCopies,
      lockMode: k.lockMode,
      copies: k.copies,
    };
  };
}

describe("azure OfflineKeyVault, prod-like", () => {
  it("uses the tenant it is given for its vaults, or looks the client configuration up itself", async () => {
    const OTHER_TENANT = "22222222-2222-2222-2222-222222222222";
    const client = { clientId: "c", objectId: "o", subscriptionId: SUB, tenantId: OTHER_TENANT };
    const given = await declare(build({ ...prodArgs(), client }), CONFIG);
    expect(given.calls).toEqual([]);
    expect(named(given, "cenm-keys-vault").inputs).toMatchObject({ properties: { tenantId: OTHER_TENANT } });
    const own = await declare(build(prodArgs()), CONFIG);
    expect(own.calls).toEqual(["azure-native:authorization:getClientConfig"]);
    expect(named(own, "cenm-keys-vault").inputs).toMatchObject({ properties: { tenantId: TENANT } });
  });

  it("declares a premium, purge-protected RBAC Key Vault closed to the Internet", async () => {
    const run = await declare(build(prodArgs()), CONFIG);
    const vault = one(run, VAULT, "cenm-keys-vault");
    expect(vault.name).toBe("cenm-keys-vault");
    expect(vault.parent).toBe("cenm-keys");
    expect(vault.parentType).toBe("cenm-backup:azure:OfflineKeyVault");
    expect(vault.inputs).toMatchObject({
      vaultName: VAULT_NAME,
      location: "westeurope",
      resourceGroupName: "cenm-rg",
      properties: {
        tenantId: TENANT,
        sku: { family: "A", name: "premium" },
        enablePurgeProtection: true,
        enableSoftDelete: true,
        softDeleteRetentionInDays: 90,
        enableRbacAuthorization: true,
        publicNetworkAccess: "Disabled",
        networkAcls: { defaultAction: "Deny", bypass: "None", ipRules: [], virtualNetworkRules: [] },
      },
      tags: { team: "cenm", "cenm-backup-element": "keys" },
    });
    // Required by Azure on creation; ignored with RBAC authorisation.
    expect((vault.inputs.properties as Record<string, unknown>).accessPolicies).toEqual([]);
    expect(VAULT_NAME).toMatch(/^[a-z][a-z0-9]{2,23}$/);
    expect(vault.options).toMatchObject({ protect: true, retainOnDelete: true });
  });

  it("reaches the vault only through a private endpoint in the vault subnet, registered in the vault zone", async () => {
    const run = await declare(build(prodArgs()), CONFIG);
    const endpoint = named(run, "cenm-keys-vault-endpoint");
    expect(endpoint.type).toBe(ENDPOINT);
    expect(endpoint.inputs).toMatchObject({
      location: "westeurope",
      resourceGroupName: "cenm-rg",
      subnet: { id: VAULT_SUBNET },
      privateLinkServiceConnections: [{ groupIds: ["vault"] }],
      tags: { "cenm-backup-element": "keys" },
    });
    expect(endpoint.propertyDependencies.privateLinkServiceConnections).toEqual([one(run, VAULT, "cenm-keys-vault").urn]);
    const dns = named(run, "cenm-keys-vault-endpoint-dns");
    expect(dns.type).toBe(DNS_GROUP);
    expect(dns.inputs).toMatchObject({
      resourceGroupName: "cenm-rg",
      privateDnsZoneGroupName: "default",
      privateDnsZoneConfigs: [{ name: "vault", privateDnsZoneId: VAULT_ZONE }],
    });
  });

  it("declares the primary escrow: ZRS StorageV2, locked version-level immutability, closed to the Internet", async () => {
    const run = await declare(build(prodArgs()), CONFIG);
    const escrow = named(run, "cenm-keys-escrow");
    expect(escrow.type).toBe(ACCOUNT);
    expect(escrow.inputs).toMatchObject({
      accountName: ESCROW_NAME,
      location: "westeurope",
      resourceGroupName: "cenm-rg",
      kind: "StorageV2",
      sku: { name: "Standard_ZRS" },
      isHnsEnabled: false,
      enableHttpsTrafficOnly: true,
      minimumTlsVersion: "TLS1_2",
      allowBlobPublicAccess: false,
      allowSharedKeyAccess: false,
      allowCrossTenantReplication: false,
      publicNetworkAccess: "Disabled",
      networkRuleSet: { defaultAction: "Deny", bypass: "None", ipRules: [], virtualNetworkRules: [] },
      immutableStorageWithVersioning: {
        enabled: true,
        immutabilityPolicy: { immutabilityPeriodSinceCreationInDays: 3650, state: "Locked", allowProtectedAppendWrites: false },
      },
      identity: { type: "UserAssigned", userAssignedIdentities: ["cenm-keys-escrow-identity-id"] },
      encryption: {
        keySource: "Microsoft.Keyvault",
        keyVaultProperties: { keyName: "cenm-keys-escrow-cmk", keyVaultUri: `https://${ESCROW_KV}.vault.azure.net/` },
        encryptionIdentity: { encryptionUserAssignedIdentity: "cenm-keys-escrow-identity-id" },
        requireInfrastructureEncryption: true,
        services: { blob: { enabled: true } },
      },
      tags: { team: "cenm", "cenm-backup-element": "keys" },
    });
    expect(ESCROW_NAME).toMatch(/^[a-z0-9]{24}$/);
    expect(escrow.options).toMatchObject({ protect: true, retainOnDelete: true });
    expect(escrow.options.dependsOn).toContain("cenm-keys-escrow-kv-crypto-user-wait");
  });

  it("encrypts each escrow with a customer-managed key in a key vault of its own region, open to trusted services only", async () => {
    const run = await declare(build(prodArgs()), CONFIG);
    for (const [role, location, group, kvName] of [
      ["escrow", "westeurope", "cenm-rg", ESCROW_KV],
      ["dr-escrow", "northeurope", "cenm-dr-rg", DR_ESCROW_KV],
    ] as const) {
      const identity = named(run, `cenm-keys-${role}-identity`);
      expect(identity.type).toBe(IDENTITY);
      expect(identity.inputs).toMatchObject({ location, resourceGroupName: group, tags: { team: "cenm", "cenm-backup-element": "keys-encryption" } });
      const vault = one(run, VAULT, `cenm-keys-${role}-kv`);
      expect(vault.inputs).toMatchObject({
        vaultName: kvName,
        location,
        resourceGroupName: group,
        properties: {
          tenantId: TENANT,
          sku: { family: "A", name: "premium" },
          enableRbacAuthorization: true,
          enableSoftDelete: true,
          softDeleteRetentionInDays: 90,
          enablePurgeProtection: true,
          publicNetworkAccess: "Disabled",
          networkAcls: { defaultAction: "Deny", bypass: "AzureServices" },
        },
        // Not the keys element: this vault holds no signing key.
        tags: { team: "cenm", "cenm-backup-element": "keys-encryption" },
      });
      expect(vault.options).toMatchObject({ protect: true, retainOnDelete: true });
      const key = one(run, KEY, `cenm-keys-${role}-kv-cmk`);
      expect(key.inputs).toMatchObject({
        resourceGroupName: group,
        vaultName: kvName,
        keyName: `cenm-keys-${role}-cmk`,
        properties: {
          kty: "RSA-HSM",
          keySize: 3072,
          keyOps: ["wrapKey", "unwrapKey"],
          attributes: { enabled: true, exportable: false },
          rotationPolicy: { lifetimeActions: [{ trigger: { timeAfterCreate: "P1Y" }, action: { type: "rotate" } }] },
        },
      });
      expect(key.options).toMatchObject({ protect: true, retainOnDelete: true });
      expect(one(run, ROLE, `cenm-keys-${role}-kv-crypto-user`).inputs).toMatchObject({
        scope: `cenm-keys-${role}-kv-id`,
        principalId: `cenm-keys-${role}-identity-principal-id`,
        principalType: "ServicePrincipal",
        roleDefinitionId: `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${KEY_VAULT_CRYPTO_SERVICE_ENCRYPTION_USER}`,
      });
      const account = named(run, `cenm-keys-${role}`);
      expect(account.inputs.encryption).toMatchObject({
        keySource: "Microsoft.Keyvault",
        keyVaultProperties: { keyName: `cenm-keys-${role}-cmk`, keyVaultUri: `https://${kvName}.vault.azure.net/` },
        encryptionIdentity: { encryptionUserAssignedIdentity: `cenm-keys-${role}-identity-id` },
      });
      expect(account.options.dependsOn).toContain(`cenm-keys-${role}-kv-crypto-user-wait`);
    }
    expect(ESCROW_KV).not.toBe(DR_ESCROW_KV);
    expect(ofType(run, ROLE)).toHaveLength(2);
    // The signing-key vault keeps refusing every Azure service.
    expect(one(run, VAULT, "cenm-keys-vault").inputs.properties).toMatchObject({ networkAcls: { bypass: "None" } });
    expect(run.outputs).toMatchObject({ escrowKeyVaultId: "cenm-keys-escrow-kv-id", drEscrowKeyVaultId: "cenm-keys-dr-escrow-kv-id" });
  });

  it("turns on versioning, soft delete and the change feed, and keeps the key-escrow container private", async () => {
    const run = await declare(build(prodArgs()), CONFIG);
    const services = ofType(run, BLOB_SERVICE);
    expect(services.map((s) => s.name).sort()).toEqual(["cenm-keys-dr-escrow-blob-service", "cenm-keys-escrow-blob-service"]);
    for (const service of services) {
      expect(service.inputs).toMatchObject({
        blobServicesName: "default",
        isVersioningEnabled: true,
        deleteRetentionPolicy: { enabled: true, days: 30 },
        containerDeleteRetentionPolicy: { enabled: true, days: 30 },
        changeFeed: { enabled: true },
      });
    }
    expect(named(run, "cenm-keys-escrow-blob-service").inputs).toMatchObject({ accountName: ESCROW_NAME, resourceGroupName: "cenm-rg" });
    const containers = ofType(run, CONTAINER);
    expect(containers).toHaveLength(2);
    for (const container of containers) {
      expect(container.inputs).toMatchObject({ containerName: "key-escrow", publicAccess: "None" });
      expect(container.options).toMatchObject({ protect: true, retainOnDelete: true });
      expect(container.options.dependsOn).toContain(`${container.name.replace(/-container$/, "")}-blob-service`);
    }
  });

  it("torn down with protection off (the sandbox's teardown): immutable escrows keep no container of their own, so that destroy can delete them", async () => {
    const teardown: AzureKeyVaultArgs = { ...prodArgs(), environment: "staging", protection: { enabled: false }, lockMode: "governance", escrowChangeFeed: false };
    const run = await declare(build(teardown), CONFIG);
    expect((named(run, "cenm-keys-escrow").inputs.immutableStorageWithVersioning as any).enabled).toBe(true);
    for (const service of ofType(run, BLOB_SERVICE)) {
      expect(service.inputs).toMatchObject({ changeFeed: { enabled: false }, containerDeleteRetentionPolicy: { enabled: false } });
    }
    const views = resourceViews({ resources: run.resources } as unknown as Parameters<typeof resourceViews>[0]);
    expect(checkPlatformLimits(views).filter((v) => v.limit === "azure-immutable-account-deleted-empty")).toEqual([]);
    // With its change feed on, the teardown is refused before anything is declared, naming the arg.
    expect(() => new OfflineKeyVault("cenm-keys", { ...teardown, escrowChangeFeed: undefined })).toThrow(/escrowChangeFeed is undefined; expected false with protection off/);
  });

  it("declares a separate immutable DR escrow in drLocation and the DR group, reached from the DR vault subnet", async () => {
    const run = await declare(build(prodArgs()), CONFIG);
    const dr = named(run, "cenm-keys-dr-escrow");
    expect(dr.type).toBe(ACCOUNT);
    expect(dr.inputs).toMatchObject({
      accountName: DR_ESCROW_NAME,
      location: "northeurope",
      resourceGroupName: "cenm-dr-rg",
      kind: "StorageV2",
      sku: { name: "Standard_ZRS" },
      publicNetworkAccess: "Disabled",
      allowSharedKeyAccess: false,
      networkRuleSet: { defaultAction: "Deny", bypass: "None" },
      immutableStorageWithVersioning: { enabled: true, immutabilityPolicy: { immutabilityPeriodSinceCreationInDays: 3650, state: "Locked" } },
    });
    expect(DR_ESCROW_NAME).not.toBe(ESCROW_NAME);
    expect(dr.options).toMatchObject({ protect: true, retainOnDelete: true });
    expect(named(run, "cenm-keys-dr-escrow-blob-service").inputs).toMatchObject({ resourceGroupName: "cenm-dr-rg" });

    const endpoint = named(run, "cenm-keys-dr-escrow-endpoint");
    expect(endpoint.inputs).toMatchObject({
      location: "northeurope",
      resourceGroupName: "cenm-dr-rg",
      subnet: { id: DR_VAULT_SUBNET },
      privateLinkServiceConnections: [{ groupIds: ["blob"] }],
    });
    expect(endpoint.propertyDependencies.privateLinkServiceConnections).toEqual([dr.urn]);
    expect(named(run, "cenm-keys-dr-escrow-endpoint-dns").inputs).toMatchObject({
      resourceGroupName: "cenm-dr-rg",
      privateDnsZoneConfigs: [{ name: "blob", privateDnsZoneId: BLOB_ZONE }],
    });
    const primaryEndpoint = named(run, "cenm-keys-escrow-endpoint");
    expect(primaryEndpoint.inputs).toMatchObject({ location: "westeurope", resourceGroupName: "cenm-rg", subnet: { id: VAULT_SUBNET }, privateLinkServiceConnections: [{ groupIds: ["blob"] }] });
    // The key ceremony writes both escrows: no object replication between them.
    expect(ofType(run, REPLICATION)).toHaveLength(0);
  });

  it("locks the vault and both escrow accounts against deletion", async () => {
    const run = await declare(build(prodArgs()), CONFIG);
    const locks = ofType(run, LOCK);
    expect(locks.map((l) => l.name).sort()).toEqual([
      "cenm-keys-dr-escrow-kv-lock",
      "cenm-keys-dr-escrow-lock",
      "cenm-keys-escrow-kv-lock",
      "cenm-keys-escrow-lock",
      "cenm-keys-vault-lock",
    ]);
    for (const l of locks) expect(l.inputs.level).toBe("CanNotDelete");
    expect(named(run, "cenm-keys-vault-lock").propertyDependencies.scope).toEqual([one(run, VAULT, "cenm-keys-vault").urn]);
    expect(named(run, "cenm-keys-escrow-lock").propertyDependencies.scope).toEqual([named(run, "cenm-keys-escrow").urn]);
    expect(named(run, "cenm-keys-dr-escrow-lock").propertyDependencies.scope).toEqual([named(run, "cenm-keys-dr-escrow").urn]);
  });

  it("gives every child an explicit location or a parent account, and tags every taggable child", async () => {
    const run = await declare(build(prodArgs()), CONFIG);
    for (const r of run.resources.filter((x) => x.custom)) {
      expect(r.parent).toBe("cenm-keys");
      if ([VAULT, ACCOUNT, ENDPOINT, IDENTITY].includes(r.type)) {
        expect(["westeurope", "northeurope"]).toContain(r.inputs.location);
      }
      if ([VAULT, ACCOUNT, ENDPOINT, IDENTITY, KEY].includes(r.type)) {
        // The escrows' encryption keys, their vaults and identities hold no signing key: a tag of their own.
        const element = /-escrow-(kv|kv-cmk|identity)$/.test(r.name) ? "keys-encryption" : "keys";
        expect(r.inputs.tags).toMatchObject({ team: "cenm", "cenm-backup-element": element });
      }
    }
  });

  it("exports the offline copies verbatim and counts four separate copies", async () => {
    const run = await declare(build(prodArgs()), CONFIG);
    expect(run.outputs.offlineCopies).toEqual(OFFLINE);
    expect(run.outputs.keyCopies).toEqual({ byKind: { "cloud-escrow": 1, "cloud-escrow-dr-replica": 1, "cloud-hsm": 0, offline: 2 }, total: 4 });
    expect(run.outputs.lockMode).toBe("compliance");
    expect(run.outputs).toMatchObject({
      keyVaultName: VAULT_NAME,
      keyVaultUri: `https://${VAULT_NAME}.vault.azure.net/`,
      escrowAccountName: ESCROW_NAME,
      drEscrowAccountName: DR_ESCROW_NAME,
    });
    expect(typeof run.outputs.keyVaultId).toBe("string");
    expect(typeof run.outputs.escrowAccountId).toBe("string");
    expect(typeof run.outputs.drEscrowAccountId).toBe("string");
    expect(run.log.filter((l) => l.severity === "warning")).toEqual([]);
  });

  it("describes every copy: the vault, both escrows and the offline copies", async () => {
    const run = await declare(build(prodArgs()), CONFIG);
    const copies = run.outputs.copies as Record<string, unknown>[];
    expect(copies.map((c) => [c.role, c.resource, c.region, c.mode])).toEqual([
      ["key-vault", "cenm-keys-vault", "westeurope", "synchronous"],
      ["escrow", "cenm-keys-escrow", "westeurope", "point-in-time"],
      ["dr-escrow", "cenm-keys-dr-escrow", "northeurope", "point-in-time"],
      ["offline", "HSM-BK-0042", "offline", "point-in-time"],
      ["offline", "smartcards.set-2", "offline", "point-in-time"],
    ]);
    for (const c of copies) expect(c.element).toBe("keys");
    expect(copies[0].rpo).toMatch(/same subscription and geography/);
    expect(copies[1].rpo).toMatch(/last upload/);
    expect(copies[1].mechanism).toMatch(/Locked 3650 days/);
    expect(copies[1].mechanism).toMatch(/not reachable from the Internet/);
    expect(copies[2].rpo).toMatch(/no object replication/);
    expect(copies[2].mechanism).toMatch(/^separate immutable copy/);
    expect(copies[3].rpo).toBe("as of lastVerified 2025-05-01");
    expect(copies[4].rpo).toBe("as of lastVerified 2025-04-12");
    expect(copies[4].mechanism).toMatch(/carol, dave, erin/);
  });
});

describe("azure OfflineKeyVault, dev-like", () => {
  it("declares one escrow without immutability, no DR escrow, no protection and no management locks", async () => {
    const run = await declare(build(devArgs()), CONFIG);
    expect(ofType(run, ACCOUNT).map((a) => a.name)).toEqual(["cenm-keys-escrow"]);
    expect(ofType(run, LOCK)).toHaveLength(0);
    expect(ofType(run, VAULT).map((v) => v.name).sort()).toEqual(["cenm-keys-escrow-kv", "cenm-keys-vault"]);
    expect(one(run, VAULT, "cenm-keys-escrow-kv").options).toMatchObject({ protect: false, retainOnDelete: false });
    expect(one(run, KEY).options).toMatchObject({ protect: false, retainOnDelete: false });
    expect(run.outputs.drEscrowKeyVaultId).toBeUndefined();
    const escrow = named(run, "cenm-keys-escrow");
    // An account enabled for version-level immutability is deleted only empty, which no deployer outside the
    // escrow's network can make it: a dev escrow goes without, so that pulumi destroy deletes it with its contents.
    expect(escrow.inputs.immutableStorageWithVersioning).toEqual({ enabled: false });
    expect((run.outputs.copies as Record<string, unknown>[])[1].mechanism).toMatch(/no immutability \(a dev escrow/);
    for (const r of [one(run, VAULT, "cenm-keys-vault"), escrow, one(run, CONTAINER)]) expect(r.options).toMatchObject({ protect: false, retainOnDelete: false });
    expect(ofType(run, ENDPOINT).map((e) => e.name).sort()).toEqual(["cenm-keys-escrow-endpoint", "cenm-keys-vault-endpoint"]);
    // The vault keeps purge protection and the closed network in every environment.
    expect(one(run, VAULT, "cenm-keys-vault").inputs.properties).toMatchObject({ enablePurgeProtection: true, publicNetworkAccess: "Disabled" });
  });

  it("warns about a single copy outside prod and leaves the DR outputs undefined", async () => {
    const run = await declare(build(devArgs()), CONFIG);
    expect(run.log.some((l) => l.severity === "warning" && /only 1 \(cloud-escrow 1\) separate copies/.test(l.message))).toBe(true);
    expect(run.outputs.drEscrowAccountId).toBeUndefined();
    expect(run.outputs.drEscrowAccountName).toBeUndefined();
    expect(run.outputs.keyCopies).toEqual({ byKind: { "cloud-escrow": 1, "cloud-escrow-dr-replica": 0, "cloud-hsm": 0, offline: 0 }, total: 1 });
    expect((run.outputs.copies as Record<string, unknown>[]).map((c) => c.role)).toEqual(["key-vault", "escrow"]);
    expect(run.outputs.offlineCopies).toEqual([]);
  });

  it("keeps protection but no management locks in a protected dev stack, whose escrow stays immutable", async () => {
    const run = await declare(build({ ...devArgs(), protection: { enabled: true } }), CONFIG);
    expect(ofType(run, LOCK)).toHaveLength(0);
    expect(one(run, VAULT, "cenm-keys-vault").options).toMatchObject({ protect: true, retainOnDelete: true });
    expect(named(run, "cenm-keys-escrow").inputs.immutableStorageWithVersioning).toMatchObject({ enabled: true, immutabilityPolicy: { state: "Unlocked" } });
  });

  it("keeps the escrows immutable in a staging stack whose protection is lifted for its teardown (chosen only at creation)", async () => {
    const run = await declare(build({ ...prodArgs(), environment: "staging", lockMode: "governance", protection: { enabled: false }, escrowChangeFeed: false }), CONFIG);
    expect(ofType(run, LOCK)).toHaveLength(0);
    for (const account of ofType(run, ACCOUNT)) {
      expect(account.inputs.immutableStorageWithVersioning).toMatchObject({ enabled: true, immutabilityPolicy: { state: "Unlocked", immutabilityPeriodSinceCreationInDays: 3650 } });
      expect(account.options).toMatchObject({ protect: false, retainOnDelete: false });
    }
  });

  it("deletes every key with its vault, and never through the vault's data plane, in every environment", async () => {
    for (const args of [devArgs(), prodArgs()]) {
      const run = await declare(build(args), CONFIG);
      const keys = ofType(run, KEY);
      expect(keys.length).toBeGreaterThan(0);
      for (const key of keys) {
        const vault = one(run, VAULT, key.name.replace(/-cmk$/, ""));
        expect(key.propertyDependencies.vaultName).toEqual([vault.urn]);
        expect({ key: key.name, deletedWith: key.options.deletedWith }).toEqual({ key: key.name, deletedWith: vault.name });
      }
    }
  });

  it("deletes a key role assignment before replacing it (Azure keeps one per principal, role and scope)", async () => {
    const run = await declare(build(prodArgs()), CONFIG);
    const grants = ofType(run, ROLE);
    expect(grants.length).toBe(2);
    for (const g of grants) expect({ name: g.name, deleteBeforeReplace: g.options.deleteBeforeReplace, principalType: g.inputs.principalType }).toEqual({ name: g.name, deleteBeforeReplace: true, principalType: "ServicePrincipal" });
  });

  it("locks a staging stack with protection, and creates a compliance escrow Unlocked on request with a warning", async () => {
    const run = await declare(build({ ...prodArgs(), environment: "staging", firstDeployment: true }), CONFIG);
    expect(ofType(run, LOCK)).toHaveLength(5);
    for (const account of ofType(run, ACCOUNT)) {
      expect(account.inputs.immutableStorageWithVersioning).toMatchObject({ immutabilityPolicy: { state: "Unlocked" } });
    }
    expect(run.log.some((l) => l.severity === "warning" && /firstDeployment/.test(l.message))).toBe(true);
    expect((run.outputs.copies as Record<string, unknown>[])[1].mechanism).toMatch(/Unlocked 3650 days/);
  });
});

describe("azure OfflineKeyVault, validation", () => {
  const cases: [string, (a: AzureKeyVaultArgs) => AzureKeyVaultArgs, RegExp][] = [
    ["prod with a single copy", (a) => ({ ...a, drReplica: false, offlineCopies: [] }), /key copy plan is "1 \(cloud-escrow 1\)"; expected at least 2 separate copies/],
    ["an unknown lock mode", (a) => ({ ...a, lockMode: "legal-hold" as never }), /lockMode is "legal-hold"/],
    ["retention of zero days", (a) => ({ ...a, escrowRetentionDays: 0 }), /escrowRetentionDays is 0; expected a whole number of days from 1 to 146000/],
    ["retention beyond 400 years", (a) => ({ ...a, escrowRetentionDays: 146001 }), /escrowRetentionDays is 146001/],
    ["the DR escrow in the primary region", (a) => ({ ...a, drLocation: "westeurope" }), /drLocation is "westeurope"; expected a region other than the primary location westeurope/],
    ["a malformed location", (a) => ({ ...a, location: "West Europe" }), /location is "West Europe"/],
    ["a missing vault subnet", (a) => ({ ...a, vaultSubnetId: "" }), /vaultSubnetId is ""/],
    ["an offline copy with one custodian", (a) => ({ ...a, offlineCopies: [{ ...OFFLINE[0], custodians: ["alice"] }] }), /custodians is \["alice"\]; expected at least two people/],
    ["an offline copy listed twice", (a) => ({ ...a, offlineCopies: [OFFLINE[0], OFFLINE[0]] }), /HSM-BK-0042 is listed more than once/],
    ["an unknown environment", (a) => ({ ...a, environment: "qa" as never }), /environment is "qa"/],
  ];
  it.each(cases)("refuses %s before declaring anything", async (_label, change, message) => {
    let error: unknown;
    const run = await declare(() => {
      try {
        new OfflineKeyVault("cenm-keys", change(prodArgs()));
      } catch (e) {
        error = e;
      }
      return {};
    }, CONFIG);
    expect(String(error)).toMatch(message);
    expect(String(error)).toMatch(/^Error: OfflineKeyVault "cenm-keys": /);
    expect(run.resources).toHaveLength(0);
  });

  it("refuses a bad component name", () => {
    expect(() => new OfflineKeyVault("CENM_keys", prodArgs())).toThrow(/name is "CENM_keys"/);
  });

  it("accepts prod with one escrow and one offline copy", async () => {
    const run = await declare(build({ ...prodArgs(), drReplica: false, offlineCopies: [OFFLINE[0]] }), CONFIG);
    expect(ofType(run, ACCOUNT)).toHaveLength(1);
    expect(run.outputs.keyCopies).toMatchObject({ total: 2 });
  });
});

describe("azure OfflineKeyVault, preview", () => {
  it("declares the same resources with unknown computed outputs", async () => {
    const run = await declare(build(prodArgs()), { preview: true, config: CONFIG.config });
    expect(run.preview).toBe(true);
    expect(ofType(run, VAULT)).toHaveLength(3);
    expect(ofType(run, KEY)).toHaveLength(2);
    expect(ofType(run, IDENTITY)).toHaveLength(2);
    expect(ofType(run, ROLE)).toHaveLength(2);
    expect(ofType(run, ACCOUNT)).toHaveLength(2);
    expect(ofType(run, ENDPOINT)).toHaveLength(3);
    expect(ofType(run, DNS_GROUP)).toHaveLength(3);
    expect(ofType(run, LOCK)).toHaveLength(5);
    expect(named(run, "cenm-keys-dr-escrow").options.dependsOn).toContain("cenm-keys-dr-escrow-kv-crypto-user-wait");
    expect(named(run, "cenm-keys-escrow").inputs.immutableStorageWithVersioning).toMatchObject({ immutabilityPolicy: { state: "Locked" } });
    expect(run.outputs.offlineCopies).toEqual(OFFLINE);
    expect((run.outputs.copies as unknown[]).length).toBe(5);
    expect(run.outputs.keyVaultId).toBe(UNKNOWN);
    expect(run.outputs.escrowAccountId).toBe(UNKNOWN);
  });
});
