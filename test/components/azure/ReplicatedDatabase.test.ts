import {
  CMK_KEY_SIZE,
  KEY_VAULT_CRYPTO_SERVICE_ENCRYPTION_USER,
  postgresBootstrapSql,
  ReplicatedDatabase,
  VAULT_SKIPPED_OWNERS,
  sqlSku,
} from "../../../src/components/azure/ReplicatedDatabase";
import type { AzureDatabaseArgs } from "../../../src/components/azure/contracts";
import type { CopyDescriptor } from "../../../src/components/types";
import { MOCK_SUBSCRIPTION_ID, MOCK_TENANT_ID } from "../../../src/offline/mocks";
import { checkPlatformLimits } from "../../../src/domain/limits";
import { resourceViews } from "../../../src/offline/views";
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { declare, named, ofType, one } from "../../helpers/offline";

const SERVER = "azure-native:dbforpostgresql:Server";
const CONFIGURATION = "azure-native:dbforpostgresql:Configuration";
const PG_DATABASE = "azure-native:dbforpostgresql:Database";
const VIRTUAL_ENDPOINT = "azure-native:dbforpostgresql:VirtualEndpoint";
const IDENTITY = "azure-native:managedidentity:UserAssignedIdentity";
const VAULT = "azure-native:keyvault:Vault";
const KEY = "azure-native:keyvault:Key";
const ROLE = "azure-native:authorization:RoleAssignment";
const LOCK = "azure-native:authorization:ManagementLockByScope";
const ALERT = "azure-native:monitor:MetricAlert";
const SQL_SERVER = "azure-native:sql:Server";
const SQL_DATABASE = "azure-native:sql:Database";
const STR = "azure-native:sql:BackupShortTermRetentionPolicy";
const LTR = "azure-native:sql:LongTermRetentionPolicy";
const FAILOVER = "azure-native:sql:FailoverGroup";
const ENDPOINT = "azure-native:network:PrivateEndpoint";
const DNS_GROUP = "azure-native:network:PrivateDnsZoneGroup";
const COMPONENT = "cenm-backup:azure:ReplicatedDatabase";

const CONFIG = { config: { "azure-native:location": "westeurope" } };
const RG = "cenm-rg-weu";
const DR_RG = "cenm-rg-neu";
const SUBNET = "/subscriptions/s/resourceGroups/cenm-rg-weu/providers/Microsoft.Network/virtualNetworks/v/subnets/postgres";
const DR_SUBNET = "/subscriptions/s/resourceGroups/cenm-rg-neu/providers/Microsoft.Network/virtualNetworks/v/subnets/postgres";
const PG_ZONE = "/subscriptions/s/resourceGroups/cenm-rg-weu/providers/Microsoft.Network/privateDnsZones/cenm.postgres.database.azure.com";
const SQL_ZONE = "/subscriptions/s/resourceGroups/cenm-rg-weu/providers/Microsoft.Network/privateDnsZones/privatelink.database.windows.net";
const ENDPOINTS = "/subscriptions/s/resourceGroups/cenm-rg-weu/providers/Microsoft.Network/virtualNetworks/v/subnets/endpoints";
const DR_ENDPOINTS = "/subscriptions/s/resourceGroups/cenm-rg-neu/providers/Microsoft.Network/virtualNetworks/v/subnets/endpoints";
const ACTION_GROUP = "/subscriptions/s/resourceGroups/cenm-rg-weu/providers/Microsoft.Insights/actionGroups/cenm";
const TAGS = { owner: "cenm", "cenm-backup-element": "database" };

const DATABASES = [
  { service: "identity-manager", name: "identity_manager", user: "identity_manager" },
  { service: "network-map", name: "network_map", user: "network_map" },
  { service: "zone", name: "zone", user: "zone" },
  { service: "auth", name: "auth", user: "auth" },
];

/** The Entra group administering the server (password sign-in is off). */
const ADMIN_GROUP = "6f1c2a9e-0d3b-4c55-9a61-1d2e3f4a5b62";

function prodArgs(overrides: Partial<AzureDatabaseArgs> = {}): AzureDatabaseArgs {
  return {
    environment: "prod",
    location: "westeurope",
    drLocation: "northeurope",
    resourceGroupName: RG,
    drResourceGroupName: DR_RG,
    protection: { enabled: true },
    tags: { owner: "cenm" },
    availabilityZones: ["1", "2", "3"],
    engine: "postgres",
    engineVersion: "16.4",
    topology: "multi-az-instance",
    sku: "Standard_E4ds_v5",
    tier: "MemoryOptimized",
    storageGb: 512,
    pointInTimeDays: 35,
    geoRedundantBackup: true,
    crossRegionReplica: true,
    delegatedSubnetId: SUBNET,
    drDelegatedSubnetId: DR_SUBNET,
    privateDnsZoneId: PG_ZONE,
    endpointsSubnetId: ENDPOINTS,
    drEndpointsSubnetId: DR_ENDPOINTS,
    sqlPrivateDnsZoneId: SQL_ZONE,
    databases: DATABASES,
    actionGroupId: ACTION_GROUP,
    entraAdminObjectId: ADMIN_GROUP,
    entraAdminLogin: "cenm-dba",
    ...overrides,
  };
}

function devArgs(overrides: Partial<AzureDatabaseArgs> = {}): AzureDatabaseArgs {
  return prodArgs({
    environment: "dev",
    protection: { enabled: false },
    topology: "single-az-instance",
    sku: "Standard_B2ms",
    tier: "Burstable",
    storageGb: 32,
    pointInTimeDays: 7,
    geoRedundantBackup: false,
    crossRegionReplica: false,
    ...overrides,
  });
}

function sqlArgs(overrides: Partial<AzureDatabaseArgs> = {}): AzureDatabaseArgs {
  // SQL Server's Entra administrator defaults to the deploying principal.
  return prodArgs({ engine: "sqlserver", engineVersion: "16.00", sku: "GP_Gen5_2", tier: undefined, pointInTimeDays: 14, entraAdminObjectId: undefined, entraAdminLogin: undefined, ...overrides });
}

function build(args: AzureDatabaseArgs) {
  return () => {
    const db = new ReplicatedDatabase("cenm-db", args);
    return {
      serverId: db.serverId,
      serverName: db.serverName,
      fqdn: db.fqdn,
      readWriteEndpoint: db.readWriteEndpoint,
      replicaServerId: db.replicaServerId,
      replicaServerName: db.replicaServerName,
      virtualEndpointName: db.virtualEndpointName,
      failoverGroupName: db.failoverGroupName,
      engine: db.engine,
      region: db.region,
      availabilityZones: db.availabilityZones,
      identityId: db.identityId,
      keyVaultId: db.keyVaultId,
      drKeyVaultId: db.drKeyVaultId,
      databases: db.databases,
      copies: db.copies,
    };
  };
}

describe("ReplicatedDatabase (Azure PostgreSQL): prod-like", () => {
  it("declares a zone-redundant flexible server with geo backups, Entra-only auth and no public access", async () => {
    const run = await declare(build(prodArgs()), CONFIG);
    const server = named(run, "cenm-db-server");
    expect(server.type).toBe(SERVER);
    expect(server.parentType).toBe(COMPONENT);
    expect(server.inputs).toMatchObject({
      location: "westeurope",
      resourceGroupName: RG,
      createMode: "Default",
      version: "16",
      sku: { name: "Standard_E4ds_v5", tier: "MemoryOptimized" },
      storage: { storageSizeGB: 512, autoGrow: "Enabled" },
      availabilityZone: "1",
      highAvailability: { mode: "ZoneRedundant", standbyAvailabilityZone: "2" },
      backup: { backupRetentionDays: 35, geoRedundantBackup: "Enabled" },
      network: { delegatedSubnetResourceId: SUBNET, privateDnsZoneArmResourceId: PG_ZONE, publicNetworkAccess: "Disabled" },
      authConfig: { activeDirectoryAuth: "Enabled", passwordAuth: "Disabled", tenantId: MOCK_TENANT_ID },
      tags: TAGS,
    });
    expect(server.inputs).not.toHaveProperty("administratorLogin");
    expect(server.inputs).not.toHaveProperty("administratorLoginPassword");
    expect(server.options.protect).toBe(true);
    expect(server.options.retainOnDelete).toBe(true);
  });

  it("encrypts with a customer-managed key and puts the geo-backup key and identity in the DR region", async () => {
    const run = await declare(build(prodArgs()), CONFIG);
    const identities = ofType(run, IDENTITY);
    expect(identities.map((i) => [i.name, i.inputs.location, i.inputs.resourceGroupName])).toEqual([
      ["cenm-db-dr-identity", "northeurope", DR_RG],
      ["cenm-db-identity", "westeurope", RG],
    ].sort((a, b) => (a[0] < b[0] ? -1 : 1)));
    const identityId = "cenm-db-identity-id";
    const drIdentityId = "cenm-db-dr-identity-id";

    const vault = named(run, "cenm-db-kv");
    const drVault = named(run, "cenm-db-dr-kv");
    const server = named(run, "cenm-db-server");
    expect(server.inputs.identity).toEqual({ type: "UserAssigned", userAssignedIdentities: { [identityId]: {}, [drIdentityId]: {} } });
    expect(server.inputs.dataEncryption).toEqual({
      type: "AzureKeyVault",
      primaryKeyURI: `https://${vault.inputs.vaultName}.vault.azure.net/keys/cenm-db-cmk`,
      primaryUserAssignedIdentityId: identityId,
      geoBackupKeyURI: `https://${drVault.inputs.vaultName}.vault.azure.net/keys/cenm-db-cmk`,
      geoBackupUserAssignedIdentityId: drIdentityId,
    });
  });

  it("declares premium, purge-protected, private key vaults with an RSA-HSM key rotated yearly", async () => {
    const run = await declare(build(prodArgs()), CONFIG);
    const vaults = ofType(run, VAULT);
    expect(vaults.map((v) => [v.name, v.inputs.location, v.inputs.resourceGroupName]).sort()).toEqual([
      ["cenm-db-dr-kv", "northeurope", DR_RG],
      ["cenm-db-kv", "westeurope", RG],
    ]);
    for (const vault of vaults) {
      expect(vault.inputs.properties).toMatchObject({
        tenantId: MOCK_TENANT_ID,
        sku: { family: "A", name: "premium" },
        enableRbacAuthorization: true,
        enableSoftDelete: true,
        softDeleteRetentionInDays: 90,
        enablePurgeProtection: true,
        publicNetworkAccess: "Disabled",
        networkAcls: { defaultAction: "Deny", bypass: "AzureServices" },
      });
      expect(vault.inputs.vaultName).toMatch(/^[a-z][a-z0-9-]{2,23}$/);
      expect(vault.inputs.tags).toEqual(TAGS);
      expect(vault.options).toMatchObject({ protect: true, retainOnDelete: true });
    }
    expect(vaults[0].inputs.vaultName).not.toBe(vaults[1].inputs.vaultName);

    const keys = ofType(run, KEY);
    expect(keys.map((k) => k.name).sort()).toEqual(["cenm-db-dr-kv-cmk", "cenm-db-kv-cmk"]);
    for (const key of keys) {
      expect(key.inputs.properties).toMatchObject({
        kty: "RSA-HSM",
        keySize: CMK_KEY_SIZE,
        rotationPolicy: { lifetimeActions: [{ trigger: { timeAfterCreate: "P1Y" }, action: { type: "rotate" } }] },
      });
      expect(key.options).toMatchObject({ protect: true, retainOnDelete: true });
    }
    expect(CMK_KEY_SIZE).toBe(3072);
  });

  it("grants each identity Key Vault Crypto Service Encryption User on its own vault, before the server exists", async () => {
    const run = await declare(build(prodArgs()), CONFIG);
    const roles = ofType(run, ROLE);
    expect(roles.map((r) => r.name).sort()).toEqual(["cenm-db-dr-kv-crypto-user", "cenm-db-kv-crypto-user"]);
    const grant = named(run, "cenm-db-kv-crypto-user");
    expect(grant.inputs).toMatchObject({
      principalId: "cenm-db-identity-principal-id",
      principalType: "ServicePrincipal",
      roleDefinitionId: `/subscriptions/${MOCK_SUBSCRIPTION_ID}/providers/Microsoft.Authorization/roleDefinitions/${KEY_VAULT_CRYPTO_SERVICE_ENCRYPTION_USER}`,
    });
    expect(grant.inputs.scope).toBe("cenm-db-kv-id");
    expect(named(run, "cenm-db-dr-kv-crypto-user").inputs.principalId).toBe("cenm-db-dr-identity-principal-id");
    expect(KEY_VAULT_CRYPTO_SERVICE_ENCRYPTION_USER).toBe("e147488a-f6f5-4113-8e2d-b22465e65bf6");
    const server = named(run, "cenm-db-server");
    expect(server.options.dependsOn).toEqual(expect.arrayContaining(["cenm-db-kv-crypto-user-wait", "cenm-db-dr-kv-crypto-user-wait"]));
  });

  it("forces TLS 1.2 on primary and replica and declares no CENM database through ARM", async () => {
    const run = await declare(build(prodArgs()), CONFIG);
    const configs = ofType(run, CONFIGURATION);
    expect(configs.map((c) => [c.name, c.inputs.configurationName, c.inputs.value, c.inputs.resourceGroupName]).sort()).toEqual([
      ["cenm-db-replica-require-secure-transport", "require_secure_transport", "on", DR_RG],
      ["cenm-db-replica-ssl-min-protocol-version", "ssl_min_protocol_version", "TLSv1.2", DR_RG],
      ["cenm-db-server-require-secure-transport", "require_secure_transport", "on", RG],
      ["cenm-db-server-ssl-min-protocol-version", "ssl_min_protocol_version", "TLSv1.2", RG],
    ]);
    expect(named(run, "cenm-db-server-require-secure-transport").inputs.serverName).toBe("cenm-db-server0000");
    // Flexible servers apply one change at a time: the second setting waits for the first.
    expect(named(run, "cenm-db-server-ssl-min-protocol-version").options.dependsOn).toContain("cenm-db-server-require-secure-transport");
    // ARM takes no database owner, and a database it creates on an Entra-only server may be owned by azuresu, which
    // the vaulted backups skip: the DBA bootstrap creates the databases instead (platform limit azure-postgres-database-owner).
    expect(ofType(run, PG_DATABASE)).toHaveLength(0);
  });

  it("leaves alone what Azure changes on its own: the grown disk, and the zones a failover swaps", async () => {
    const run = await declare(build(prodArgs()), CONFIG);
    expect(named(run, "cenm-db-server").options.ignoreChanges).toEqual(["availabilityZone", "highAvailability.standbyAvailabilityZone", "storage.storageSizeGB"]);
    expect(named(run, "cenm-db-replica").options.ignoreChanges).toEqual(["storage.storageSizeGB"]);
    // The declared size and zones still decide the server's creation.
    expect(named(run, "cenm-db-server").inputs).toMatchObject({ storage: { storageSizeGB: 512, autoGrow: "Enabled" }, availabilityZone: "1" });
    // Both servers pass the platform limit that asks for exactly this.
    expect(checkPlatformLimits(resourceViews({ resources: run.resources } as unknown as Parameters<typeof resourceViews>[0])).filter((v) => v.limit === "azure-postgres-live-inputs-not-resent")).toEqual([]);
  });

  it("refreshes before every operation, so that the inputs it ignores are sent back as Azure holds them, not as first declared", () => {
    // Pulumi sends an ignored input's stored value in the update; azure-native's PUT carries every input; only a
    // refresh makes the stored disk size and zones the live ones (platform limit azure-postgres-live-inputs-not-resent).
    const project = yaml.load(fs.readFileSync(path.join(__dirname, "../../../Pulumi.yaml"), "utf8")) as { options?: { refresh?: string } };
    expect(project.options?.refresh).toBe("always");
  });

  it("names the replica as the virtual endpoint's member: a promotion needs the read-only endpoint on it", async () => {
    const run = await declare(build(prodArgs()), CONFIG);
    expect(one(run, VIRTUAL_ENDPOINT).inputs.members).toEqual(["cenm-db-replica0000"]);
    expect(named(run, "cenm-db-replica").inputs.sourceServerResourceId).toBe("cenm-db-server-id");
    const views = resourceViews({ resources: run.resources } as unknown as Parameters<typeof resourceViews>[0]);
    const violations = checkPlatformLimits(views).filter((v) => v.limit.startsWith("azure-postgres"));
    expect(violations).toEqual([]);
  });

  it("declares a CMK-encrypted read replica in the DR region and a read-write virtual endpoint on the primary", async () => {
    const run = await declare(build(prodArgs()), CONFIG);
    const replica = named(run, "cenm-db-replica");
    expect(replica.type).toBe(SERVER);
    const drIdentityId = "cenm-db-dr-identity-id";
    expect(replica.inputs).toMatchObject({
      location: "northeurope",
      resourceGroupName: DR_RG,
      createMode: "Replica",
      sourceServerResourceId: "cenm-db-server-id",
      network: { delegatedSubnetResourceId: DR_SUBNET, privateDnsZoneArmResourceId: PG_ZONE, publicNetworkAccess: "Disabled" },
      // The primary's sign-in: a promotion would not switch a password replica to Entra.
      authConfig: { activeDirectoryAuth: "Enabled", passwordAuth: "Disabled", tenantId: MOCK_TENANT_ID },
      identity: { type: "UserAssigned", userAssignedIdentities: { [drIdentityId]: {} } },
      dataEncryption: {
        type: "AzureKeyVault",
        primaryKeyURI: `https://${named(run, "cenm-db-dr-kv").inputs.vaultName}.vault.azure.net/keys/cenm-db-cmk`,
        primaryUserAssignedIdentityId: drIdentityId,
      },
      tags: TAGS,
    });
    expect(replica.options).toMatchObject({ protect: true, retainOnDelete: true });

    const endpoint = one(run, VIRTUAL_ENDPOINT);
    expect(endpoint.inputs).toEqual({
      resourceGroupName: RG,
      serverName: "cenm-db-server0000",
      virtualEndpointName: "cenm-db-server0000-rw",
      endpointType: "ReadWrite",
      members: ["cenm-db-replica0000"],
    });
    expect(endpoint.options.dependsOn).toContain("cenm-db-replica");
  });

  it("alerts on the primary's lag in bytes (not the replica's seconds since its last replay) through the action group", async () => {
    const run = await declare(build(prodArgs()), CONFIG);
    const alert = one(run, ALERT);
    expect(alert.inputs).toMatchObject({
      location: "global",
      resourceGroupName: DR_RG,
      enabled: true,
      scopes: ["cenm-db-server-id"],
      targetResourceType: "Microsoft.DBforPostgreSQL/flexibleServers",
      targetResourceRegion: "westeurope",
      criteria: {
        odataType: "Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria",
        allOf: [
          {
            criterionType: "StaticThresholdCriterion",
            metricNamespace: "Microsoft.DBforPostgreSQL/flexibleServers",
            metricName: "physical_replication_delay_in_bytes",
            operator: "GreaterThan",
            threshold: 16 * 1024 * 1024,
            timeAggregation: "Maximum",
          },
        ],
      },
      actions: [{ actionGroupId: ACTION_GROUP }],
      tags: TAGS,
    });
    expect(String(alert.inputs.description)).toContain("16 MiB");

    const custom = await declare(build(prodArgs({ replicaLagAlarmMiB: 64 })), CONFIG);
    expect((one(custom, ALERT).inputs as any).criteria.allOf[0].threshold).toBe(64 * 1024 * 1024);
  });

  it("locks the servers and the key vaults against deletion", async () => {
    const run = await declare(build(prodArgs()), CONFIG);
    const locks = ofType(run, LOCK);
    expect(locks.map((l) => l.name).sort()).toEqual(["cenm-db-dr-kv-lock", "cenm-db-kv-lock", "cenm-db-replica-lock", "cenm-db-server-lock"]);
    for (const lock of locks) expect(lock.inputs.level).toBe("CanNotDelete");
    expect(named(run, "cenm-db-server-lock").inputs.scope).toBe("cenm-db-server-id");
    expect(named(run, "cenm-db-replica-lock").inputs.scope).toBe("cenm-db-replica-id");
  });

  it("gives every located child an explicit location and resource group of its region", async () => {
    const run = await declare(build(prodArgs()), CONFIG);
    const located = run.resources.filter((r) => r.custom && "location" in r.inputs);
    expect(located.length).toBeGreaterThanOrEqual(7);
    for (const r of located) {
      if (r.inputs.location === "global") continue;
      expect([["westeurope", RG], ["northeurope", DR_RG]]).toContainEqual([r.inputs.location, r.inputs.resourceGroupName]);
    }
    expect(ofType(run, SQL_SERVER)).toHaveLength(0);
  });

  it("exports the server, replica, endpoint, identity, vault and databases", async () => {
    const run = await declare(build(prodArgs()), CONFIG);
    expect(run.outputs).toMatchObject({
      serverId: "cenm-db-server-id",
      serverName: "cenm-db-server0000",
      fqdn: "cenm-db-server0000.postgres.database.azure.com",
      readWriteEndpoint: "cenm-db-server0000-rw.writer.postgres.database.azure.com",
      replicaServerId: "cenm-db-replica-id",
      replicaServerName: "cenm-db-replica0000",
      virtualEndpointName: "cenm-db-server0000-rw",
      engine: "postgres",
      region: "westeurope",
      availabilityZones: ["1", "2"],
      identityId: "cenm-db-identity-id",
      databases: DATABASES,
    });
    expect(run.outputs.keyVaultId).toBe("cenm-db-kv-id");
    expect(run.outputs.drKeyVaultId).toBe("cenm-db-dr-kv-id");
    expect(run.outputs.failoverGroupName).toBeUndefined();
  });

  it("declares the Entra administrator first in the server's chain: password sign-in is off", async () => {
    const run = await declare(build(prodArgs()), CONFIG);
    const admin = one(run, "azure-native:dbforpostgresql:AdministratorsMicrosoftEntra");
    expect(admin.inputs).toMatchObject({ resourceGroupName: RG, serverName: "cenm-db-server0000", objectId: ADMIN_GROUP, principalName: "cenm-dba", principalType: "group", tenantId: "11111111-1111-1111-1111-111111111111" });
    expect(admin.options.dependsOn).toContain("cenm-db-server");
    // The first TLS setting waits for the administrator, and the rest of the chain for it.
    expect(named(run, "cenm-db-server-require-secure-transport").options.dependsOn).toContain("cenm-db-server-admin");
  });

  it("retains a replaced Entra administrator where the server is locked: a new objectId replaces it, and the lock refuses the old one's deletion", async () => {
    const locked = await declare(build(prodArgs()), CONFIG);
    expect(named(locked, "cenm-db-server-lock").inputs).toMatchObject({ level: "CanNotDelete" });
    const admin = named(locked, "cenm-db-server-admin");
    // Not protected: a change of database.entraAdministrator must still go through.
    expect(admin.options).toMatchObject({ retainOnDelete: true, protect: false });
    const views = resourceViews({ resources: locked.resources } as unknown as Parameters<typeof resourceViews>[0]);
    expect(checkPlatformLimits(views).filter((v) => v.limit === "azure-lock-blocks-replacement")).toEqual([]);
    // Dev has no lock: the old administrator is deleted with its replacement.
    const dev = await declare(build(devArgs()), CONFIG);
    expect(ofType(dev, LOCK)).toHaveLength(0);
    expect(named(dev, "cenm-db-server-admin").options.retainOnDelete).toBe(false);
  });

  it("describes primary, synchronous standby, backups, geo backup and replica with their documented figures", async () => {
    const run = await declare(build(prodArgs()), CONFIG);
    const copies = run.outputs.copies as CopyDescriptor[];
    expect(copies.map((c) => [c.role, c.mode, c.region, c.availabilityZones])).toEqual([
      ["primary", "synchronous", "westeurope", ["1"]],
      ["standby", "synchronous", "westeurope", ["2"]],
      ["automated-backups", "point-in-time", "westeurope", []],
      ["geo-backup", "asynchronous", "northeurope", []],
      ["cross-region-replica", "asynchronous", "northeurope", []],
    ]);
    expect(copies[1].rpo).toContain("60 to 120 seconds");
    expect(copies[1].rpoSeconds).toBe(0);
    expect(copies[1].rpo).toMatch(/^0/);
    expect(copies[2].rpo).toContain("under 5 minutes");
    expect(copies[2].rpo).toContain("35 day(s)");
    expect(copies[3].rpo).toContain("up to one hour of delay");
    expect(copies[4].rpo).toContain("typically minutes");
    expect(copies[4].rpo).toContain("more than 16 MiB of write-ahead log ahead");
    expect(copies.every((c) => c.element === "database")).toBe(true);
  });
});

describe("ReplicatedDatabase (Azure PostgreSQL): dev-like", () => {
  it("declares a single-zone Burstable server without HA, geo backup, replica, lock or protection", async () => {
    const run = await declare(build(devArgs()), CONFIG);
    const server = one(run, SERVER);
    expect(server.inputs).toMatchObject({
      sku: { name: "Standard_B2ms", tier: "Burstable" },
      availabilityZone: "1",
      highAvailability: { mode: "Disabled" },
      backup: { backupRetentionDays: 7, geoRedundantBackup: "Disabled" },
      network: { publicNetworkAccess: "Disabled" },
      authConfig: { passwordAuth: "Disabled", activeDirectoryAuth: "Enabled" },
    });
    expect((server.inputs.highAvailability as Record<string, unknown>).standbyAvailabilityZone).toBeFalsy();
    expect(server.inputs.dataEncryption).not.toHaveProperty("geoBackupKeyURI");
    expect(server.options).toMatchObject({ protect: false, retainOnDelete: false });
    expect(ofType(run, LOCK)).toHaveLength(0);
    expect(ofType(run, VIRTUAL_ENDPOINT)).toHaveLength(0);
    expect(ofType(run, ALERT)).toHaveLength(0);
    expect(ofType(run, IDENTITY).map((i) => i.name)).toEqual(["cenm-db-identity"]);
    expect(ofType(run, VAULT).map((v) => v.name)).toEqual(["cenm-db-kv"]);
    for (const r of [...ofType(run, VAULT), ...ofType(run, KEY)]) expect(r.options.protect).toBe(false);
    expect(run.outputs.replicaServerId).toBeUndefined();
    expect(run.outputs.virtualEndpointName).toBeUndefined();
    expect(run.outputs.drKeyVaultId).toBeUndefined();
    expect(run.outputs.availabilityZones).toEqual(["1"]);
    expect((run.outputs.copies as CopyDescriptor[]).map((c) => c.role)).toEqual(["primary", "automated-backups"]);
    expect((run.outputs.copies as CopyDescriptor[])[0].rpo).toContain("no standby");
  });

  it("keeps protection but no management lock in a protected dev stack", async () => {
    const run = await declare(build(devArgs({ protection: { enabled: true } })), CONFIG);
    expect(one(run, SERVER).options.protect).toBe(true);
    expect(ofType(run, LOCK)).toHaveLength(0);
  });

  it("declares a DR vault for geo backup alone, without a replica", async () => {
    const run = await declare(build(prodArgs({ crossRegionReplica: false })), CONFIG);
    expect(ofType(run, SERVER)).toHaveLength(1);
    expect(ofType(run, VAULT)).toHaveLength(2);
    expect(one(run, SERVER).inputs.dataEncryption).toHaveProperty("geoBackupKeyURI");
    expect(ofType(run, ALERT)).toHaveLength(0);
  });
});

describe("ReplicatedDatabase (Azure SQL)", () => {
  it("declares Entra-only, private, TLS 1.2 logical servers in both regions with private endpoints", async () => {
    const run = await declare(build(sqlArgs()), CONFIG);
    const servers = ofType(run, SQL_SERVER);
    expect(servers.map((s) => [s.name, s.inputs.location, s.inputs.resourceGroupName]).sort()).toEqual([
      ["cenm-db-dr-sql", "northeurope", DR_RG],
      ["cenm-db-sql", "westeurope", RG],
    ]);
    for (const s of servers) {
      expect(s.inputs).toMatchObject({
        publicNetworkAccess: "Disabled",
        minimalTlsVersion: "1.2",
        identity: { type: "SystemAssigned" },
        administrators: {
          azureADOnlyAuthentication: true,
          administratorType: "ActiveDirectory",
          login: "cenm-backup-deployer",
          sid: "offline-object-id",
          tenantId: MOCK_TENANT_ID,
        },
        tags: TAGS,
      });
      expect(s.inputs).not.toHaveProperty("administratorLoginPassword");
      expect(s.options).toMatchObject({ protect: true, retainOnDelete: true });
    }
    const endpoints = ofType(run, ENDPOINT);
    expect(endpoints.map((e) => [e.inputs.location, (e.inputs.subnet as { id: string }).id]).sort()).toEqual([
      ["northeurope", DR_ENDPOINTS],
      ["westeurope", ENDPOINTS],
    ]);
    expect(named(run, "cenm-db-sql-endpoint").inputs.privateLinkServiceConnections).toEqual([
      { name: "cenm-db-sql", privateLinkServiceId: "cenm-db-sql-id", groupIds: ["sqlServer"] },
    ]);
    const groups = ofType(run, DNS_GROUP);
    expect(groups).toHaveLength(2);
    for (const g of groups) expect(g.inputs.privateDnsZoneConfigs).toEqual([{ name: "sql", privateDnsZoneId: SQL_ZONE }]);
    expect(ofType(run, LOCK).map((l) => l.name).sort()).toEqual(["cenm-db-dr-sql-lock", "cenm-db-sql-lock"]);
    expect(ofType(run, SERVER)).toHaveLength(0);
    expect(ofType(run, VAULT)).toHaveLength(0);
  });

  it("takes the Entra admin group from the args when given", async () => {
    const run = await declare(
      build(sqlArgs({ entraAdminLogin: "cenm-dba", entraAdminObjectId: "22222222-2222-2222-2222-222222222222" })),
      CONFIG,
    );
    expect(named(run, "cenm-db-sql").inputs.administrators).toMatchObject({
      login: "cenm-dba",
      sid: "22222222-2222-2222-2222-222222222222",
      principalType: "Group",
      azureADOnlyAuthentication: true,
    });
  });

  it("declares zone-redundant GeoZone databases with short- and long-term retention", async () => {
    const run = await declare(build(sqlArgs()), CONFIG);
    const dbs = ofType(run, SQL_DATABASE);
    expect(dbs.map((d) => d.inputs.databaseName).sort()).toEqual(["auth", "identity_manager", "network_map", "zone"]);
    for (const db of dbs) {
      expect(db.inputs).toMatchObject({
        location: "westeurope",
        resourceGroupName: RG,
        serverName: "cenm-db-sql0000",
        sku: { name: "GP_Gen5", tier: "GeneralPurpose", family: "Gen5", capacity: 2 },
        zoneRedundant: true,
        requestedBackupStorageRedundancy: "GeoZone",
        tags: TAGS,
      });
      expect(db.options).toMatchObject({ protect: true, retainOnDelete: true });
    }
    const str = ofType(run, STR);
    expect(str).toHaveLength(4);
    for (const p of str) expect(p.inputs).toMatchObject({ retentionDays: 14, policyName: "default", serverName: "cenm-db-sql0000" });
    const ltr = ofType(run, LTR);
    expect(ltr).toHaveLength(4);
    for (const p of ltr) expect(p.inputs).toMatchObject({ weeklyRetention: "P4W", monthlyRetention: "P12M", yearlyRetention: "PT0S" });
  });

  it("puts every database in an automatic failover group to the DR server", async () => {
    const run = await declare(build(sqlArgs()), CONFIG);
    const group = one(run, FAILOVER);
    expect(group.inputs).toMatchObject({
      resourceGroupName: RG,
      serverName: "cenm-db-sql0000",
      failoverGroupName: "cenm-db-sql0000-fg",
      partnerServers: [{ id: "cenm-db-dr-sql-id" }],
      readWriteEndpoint: { failoverPolicy: "Automatic", failoverWithDataLossGracePeriodMinutes: 60 },
    });
    expect(group.inputs.databases).toHaveLength(4);
    expect(group.inputs.databases).toContain("cenm-db-db-identity-manager-id");
    expect(run.outputs).toMatchObject({
      engine: "sqlserver",
      serverName: "cenm-db-sql0000",
      fqdn: "cenm-db-sql0000.database.windows.net",
      readWriteEndpoint: "cenm-db-sql0000-fg.database.windows.net",
      failoverGroupName: "cenm-db-sql0000-fg",
      replicaServerName: "cenm-db-dr-sql0000",
      availabilityZones: [],
    });
    expect(run.outputs.identityId).toBeUndefined();
    expect(run.outputs.keyVaultId).toBeUndefined();
    expect(run.outputs.virtualEndpointName).toBeUndefined();
  });

  it("describes the zone-redundant primary, backups, GeoZone copy and failover-group secondary", async () => {
    const run = await declare(build(sqlArgs()), CONFIG);
    const copies = run.outputs.copies as CopyDescriptor[];
    expect(copies.map((c) => [c.role, c.mode, c.region])).toEqual([
      ["primary", "synchronous", "westeurope"],
      ["automated-backups", "point-in-time", "westeurope"],
      ["geo-backup", "asynchronous", "northeurope"],
      ["failover-group-secondary", "asynchronous", "northeurope"],
    ]);
    expect(copies[0].rpo).toMatch(/^0: zone-redundant/);
    expect(copies[1].rpo).toMatch(/^transaction-log backups about every 10 minutes/);
    expect(copies[1].rpoSeconds).toBe(600);
    expect(copies[3].rpo).toMatch(/^5 s \(Azure: .*RTO 1 h \(Azure: /);
    expect(copies[3].rpoSeconds).toBe(5);
  });

  it("declares a single-zone, zone-backup database and no DR server in a dev-like stack", async () => {
    const run = await declare(
      build(sqlArgs({ environment: "dev", protection: { enabled: false }, topology: "single-az-instance", geoRedundantBackup: false, crossRegionReplica: false })),
      CONFIG,
    );
    expect(ofType(run, SQL_SERVER)).toHaveLength(1);
    expect(ofType(run, FAILOVER)).toHaveLength(0);
    expect(ofType(run, LOCK)).toHaveLength(0);
    for (const db of ofType(run, SQL_DATABASE)) {
      expect(db.inputs).toMatchObject({ zoneRedundant: false, requestedBackupStorageRedundancy: "Zone" });
      expect(db.options.protect).toBe(false);
    }
    expect(run.outputs.readWriteEndpoint).toBe("cenm-db-sql0000.database.windows.net");
    expect((run.outputs.copies as CopyDescriptor[]).map((c) => c.role)).toEqual(["primary", "automated-backups"]);
  });

  it("parses vCore SKUs, serverless included", () => {
    expect(sqlSku("GP_S_Gen5_2")).toEqual({ name: "GP_S_Gen5", tier: "GeneralPurpose", family: "Gen5", capacity: 2 });
    expect(sqlSku("BC_Gen5_8")).toEqual({ name: "BC_Gen5", tier: "BusinessCritical", family: "Gen5", capacity: 8 });
  });
});

describe("ReplicatedDatabase (Azure): bad args", () => {
  const cases: [string, AzureDatabaseArgs, RegExp][] = [
    ["multi-az-cluster", prodArgs({ topology: "multi-az-cluster" }), /topology is "multi-az-cluster"; expected multi-az-instance or single-az-instance/],
    ["retention 40", prodArgs({ pointInTimeDays: 40 }), /pointInTimeDays is 40; expected a whole number of days from 7 to 35/],
    ["retention 3 on PostgreSQL", prodArgs({ pointInTimeDays: 3 }), /pointInTimeDays is 3/],
    ["HA on Burstable", prodArgs({ sku: "Standard_B2ms", tier: undefined, crossRegionReplica: false }), /tier is "Burstable"; expected GeneralPurpose or MemoryOptimized/],
    ["replica on Burstable", devArgs({ crossRegionReplica: true }), /crossRegionReplica is true/],
    ["oracle engine", prodArgs({ engine: "oracle" as unknown as AzureDatabaseArgs["engine"], engineVersion: "19" }), /engine is "oracle"; expected postgres or sqlserver/],
    ["PostgreSQL 11", prodArgs({ engineVersion: "11" }), /engineVersion is "11"/],
    ["AWS instance class", prodArgs({ sku: "db.r6gd.large" }), /sku is "db.r6gd.large"/],
    ["SQL SKU pattern", sqlArgs({ sku: "Standard_D4ds_v5" }), /sku is "Standard_D4ds_v5"; expected an Azure SQL vCore SKU/],
    ["SQL retention 40", sqlArgs({ pointInTimeDays: 40 }), /pointInTimeDays is 40; expected a whole number of days from 1 to 35/],
    ["SQL without DNS zone", sqlArgs({ sqlPrivateDnsZoneId: undefined }), /sqlPrivateDnsZoneId is undefined/],
    ["SQL admin login alone", sqlArgs({ entraAdminLogin: "cenm-dba" }), /entraAdminObjectId is undefined/],
    ["PostgreSQL without an Entra administrator (nobody could sign in)", prodArgs({ entraAdminObjectId: undefined, entraAdminLogin: undefined }), /entraAdminObjectId is undefined; expected the Entra principal administering the server .*nobody can sign in/],
    ["one zone for HA", prodArgs({ availabilityZones: ["1"] }), /availabilityZones is \["1"\]; expected at least 2 zones/],
    ["AWS-style zones", prodArgs({ availabilityZones: ["westeurope-1", "westeurope-2"] }), /availabilityZones/],
    ["same DR region", prodArgs({ drLocation: "westeurope" }), /drLocation is "westeurope"; expected a region other than/],
    ["geo backup outside the pair", prodArgs({ drLocation: "francecentral" }), /drLocation is "francecentral"; expected northeurope/],
    ["shared user", prodArgs({ databases: [DATABASES[0], { ...DATABASES[1], user: "identity_manager" }] }), /user is "identity_manager"; expected a user of its own/],
    ["bad database name", prodArgs({ databases: [{ service: "zone", name: "Zone-DB", user: "zone" }] }), /databases\[zone\]\.name is "Zone-DB"/],
    ["no databases", prodArgs({ databases: [] }), /databases is \[\]/],
    ["lag 0", prodArgs({ replicaLagAlarmMiB: 0 }), /replicaLagAlarmMiB is 0; expected a positive whole number of MiB/],
    ["fractional lag", prodArgs({ replicaLagAlarmMiB: 1.5 }), /replicaLagAlarmMiB is 1.5/],
  ];

  it.each(cases)("refuses %s before declaring anything", async (_label, args, message) => {
    let thrown: unknown;
    const run = await declare(() => {
      try {
        new ReplicatedDatabase("cenm-db", args);
      } catch (e) {
        thrown = e;
      }
      return {};
    }, CONFIG);
    expect(thrown).toBeInstanceOf(Error);
    expect((thrown as Error).message).toMatch(message);
    expect((thrown as Error).message).toMatch(/^ReplicatedDatabase "cenm-db": /);
    expect(run.resources).toHaveLength(0);
  });

  it("refuses a component name that cannot prefix server names", () => {
    expect(() => new ReplicatedDatabase("CENM_db", prodArgs())).toThrow(/name is "CENM_db"/);
  });
});

describe("ReplicatedDatabase (Azure): preview", () => {
  it("declares the same resources with unknown ids and keeps the plain settings", async () => {
    const run = await declare(build(prodArgs()), { preview: true, ...CONFIG });
    expect(run.preview).toBe(true);
    expect(ofType(run, SERVER)).toHaveLength(2);
    expect(ofType(run, VAULT)).toHaveLength(2);
    expect(ofType(run, ALERT)).toHaveLength(1);
    const server = named(run, "cenm-db-server");
    expect(server.inputs).toMatchObject({
      highAvailability: { mode: "ZoneRedundant", standbyAvailabilityZone: "2" },
      backup: { backupRetentionDays: 35, geoRedundantBackup: "Enabled" },
      network: { publicNetworkAccess: "Disabled" },
    });
    expect(named(run, "cenm-db-replica").inputs.sourceServerResourceId).toBe("[unknown]");
    expect(server.options.protect).toBe(true);
    expect((run.outputs.copies as CopyDescriptor[]).length).toBe(5);
  });
});

describe("postgresBootstrapSql: the DBA bootstrap that settles who owns the CENM databases", () => {
  const sql = postgresBootstrapSql(DATABASES);

  it("creates each service's Entra role and a database owned by it, for every CENM service", () => {
    for (const db of DATABASES) {
      expect(sql).toContain(`SELECT pgaadauth_create_principal('${db.user}', false, false) WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${db.user}');`);
      expect(sql).toContain(`GRANT "${db.user}" TO CURRENT_USER;`);
      expect(sql).toContain(`'CREATE DATABASE %I OWNER %I ENCODING %L LC_COLLATE %L LC_CTYPE %L TEMPLATE template0', '${db.name}', '${db.user}', 'UTF8', 'en_US.utf8', 'en_US.utf8'`);
      expect(sql).toContain(`ALTER DATABASE "${db.name}" OWNER TO "${db.user}";`);
    }
    // The role is created before the grant, the grant before the database names it as owner.
    const i = (text: string) => sql.indexOf(text);
    expect(i("pgaadauth_create_principal('zone'")).toBeLessThan(i('GRANT "zone"'));
    expect(i('GRANT "zone"')).toBeLessThan(i("CREATE DATABASE %I OWNER %I ENCODING %L LC_COLLATE %L LC_CTYPE %L TEMPLATE template0', 'zone'"));
    expect(sql.startsWith("--")).toBe(true);
    expect(sql).toContain("\\set ON_ERROR_STOP on");
  });

  it("ends with a check that fails unless each CENM database exists and is owned by its service's role", () => {
    const check = sql.slice(sql.indexOf("DO $$"));
    expect(check).toContain("FROM (VALUES ('identity_manager', 'identity_manager'), ('network_map', 'network_map'), ('zone', 'zone'), ('auth', 'auth')) AS w(db, owner)");
    expect(check).toContain("WHERE r.rolname IS DISTINCT FROM w.owner");
    expect(check).toContain("RAISE EXCEPTION");
    expect(VAULT_SKIPPED_OWNERS).toEqual(["azuresu", "azure_pg_admin"]);
  });

  it("quotes names it is given", () => {
    const odd = postgresBootstrapSql([{ service: "auth", name: "auth", user: "o'neil \"svc\"" }]);
    expect(odd).toContain(`GRANT "o'neil ""svc""" TO CURRENT_USER;`);
    expect(odd).toContain(`pgaadauth_create_principal('o''neil "svc"', false, false)`);
  });
});
