/**
 * The CENM database on Azure: a PostgreSQL flexible server (zone-redundant HA, geo-redundant backups, an
 * optional read replica in the DR region behind a virtual endpoint) or Azure SQL databases (zone-redundant, with
 * an optional failover group to a DR server). Data is encrypted with customer-managed keys (PostgreSQL) or the
 * service's transparent data encryption (SQL), TLS is forced, public access is off and logins go through
 * Microsoft Entra ID only: no password is declared anywhere.
 */
import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import * as dbforpostgresql from "@pulumi/azure-native/dbforpostgresql";
import * as monitor from "@pulumi/azure-native/monitor";
import * as network from "@pulumi/azure-native/network";
import * as sql from "@pulumi/azure-native/sql";
import { SUPPORTED_VERSIONS, engineVersionProblem, majorVersion } from "../../domain/engines";
import { AZURE_POSTGRES_PITR_DAYS, AZURE_POSTGRES_SKU, AZURE_SQL_PITR_DAYS, AZURE_SQL_SKU, AZURE_SQL_STORAGE_GB, azurePostgresTier } from "../../domain/limits/azure";
import { AZURE_REGION_PAIRS as REGION_PAIRS } from "../../domain/regions";
import type { CopyDescriptor } from "../types";
import { clientOf, type ClientContext } from "./client";
import { CMK_VAULT_SOFT_DELETE_DAYS, declareCustomerManagedKey, type CustomerManagedKey } from "./cmk";
import type { AzureDatabaseArgs } from "./contracts";

/** One CENM service's database and the user the DBA bootstrap creates for it. */
export interface ServiceDatabase {
  service: string;
  name: string;
  user: string;
}

export { CMK_KEY_SIZE, KEY_VAULT_CRYPTO_SERVICE_ENCRYPTION_USER } from "./cmk";

/** Grace period before the failover group fails over on its own, accepting the loss of unreplicated writes. */
export const FAILOVER_GRACE_MINUTES = 60;

/** Soft-delete retention of the key vaults, days (the maximum Azure allows). */
export const VAULT_SOFT_DELETE_DAYS = CMK_VAULT_SOFT_DELETE_DAYS;

/**
 * Azure region pairs of the regions CENM is usually deployed in. PostgreSQL writes geo-redundant backups to the
 * pair of the primary region, so the DR key of those backups must live there. Regions missing from this table are
 * not checked.
 */

const COMPONENT_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const LOCATION = /^[a-z][a-z0-9]+$/;
const POSTGRES_SKU = AZURE_POSTGRES_SKU;
const SQL_SKU = AZURE_SQL_SKU;
const POSTGRES_DATABASE = /^[a-z_][a-z0-9_]{0,62}$/;
const SQL_DATABASE = /^[A-Za-z0-9_][A-Za-z0-9_-]{0,127}$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type PostgresTier = NonNullable<AzureDatabaseArgs["tier"]>;

/** The flexible-server tier a SKU belongs to: B series are Burstable, E series Memory Optimized, D series General Purpose. */
export function postgresTier(sku: string, tier: AzureDatabaseArgs["tier"]): PostgresTier {
  return azurePostgresTier(sku, tier) as PostgresTier;
}

/** The Azure SQL SKU parts of a name such as GP_Gen5_2 or GP_S_Gen5_2 (serverless). */
export function sqlSku(sku: string): { name: string; tier: string; family: string; capacity: number } {
  const m = SQL_SKU.exec(sku);
  if (!m) throw new Error(`sku ${JSON.stringify(sku)} is not an Azure SQL vCore SKU`);
  const tiers: Record<string, string> = { GP: "GeneralPurpose", BC: "BusinessCritical", HS: "Hyperscale" };
  return { name: `${m[1]}_${m[2] ?? ""}${m[3]}`, tier: tiers[m[1]], family: m[3], capacity: Number(m[4]) };
}

/**
 * Checks every arg that decides which resources exist, before anything is registered.
 * Throws an Error naming the arg, the value received and what is expected.
 */
export function validateAzureDatabaseArgs(name: string, args: AzureDatabaseArgs): void {
  const fail = (arg: string, value: unknown, expected: string): never => {
    throw new Error(`ReplicatedDatabase "${name}": ${arg} is ${JSON.stringify(value)}; expected ${expected}`);
  };
  if (!COMPONENT_NAME.test(name) || name.length > 40) {
    fail("name", name, "lower-case letters, digits and single hyphens, starting with a letter, at most 40 characters (it prefixes server names)");
  }
  const engine = args.engine as string;
  if (engine !== "postgres" && engine !== "sqlserver") {
    fail("engine", engine, "postgres or sqlserver on Azure (azure-native has no Oracle database service; CENM on Azure runs on PostgreSQL or Azure SQL)");
  }
  if (!LOCATION.test(args.location)) fail("location", args.location, "an Azure region name such as westeurope");
  if (!LOCATION.test(args.drLocation)) fail("drLocation", args.drLocation, "an Azure region name such as northeurope");
  if (args.location === args.drLocation) fail("drLocation", args.drLocation, `a region other than the primary location ${args.location}`);

  const zones = args.availabilityZones;
  for (const z of zones) if (!/^[1-3]$/.test(z)) fail("availabilityZones", zones, 'Azure zone numbers "1", "2" or "3"');
  if (new Set(zones).size !== zones.length) fail("availabilityZones", zones, "distinct zones");
  if (args.topology === "multi-az-cluster") {
    fail("topology", args.topology, "multi-az-instance or single-az-instance: Azure has no multi-standby database cluster (use multi-az-instance, zone-redundant HA)");
  }
  if (args.topology !== "multi-az-instance" && args.topology !== "single-az-instance") {
    fail("topology", args.topology, "multi-az-instance or single-az-instance");
  }
  if (args.topology === "multi-az-instance" && zones.length < 2) fail("availabilityZones", zones, "at least 2 zones for zone-redundant high availability");
  if (zones.length < 1) fail("availabilityZones", zones, "at least 1 zone");

  if (!(Number.isInteger(args.replicaLagAlarmSeconds) && args.replicaLagAlarmSeconds > 0)) {
    fail("replicaLagAlarmSeconds", args.replicaLagAlarmSeconds, "a positive whole number of seconds");
  }
  if (!Number.isInteger(args.storageGb) || args.storageGb < AZURE_SQL_STORAGE_GB.min || args.storageGb > AZURE_SQL_STORAGE_GB.max) {
    fail("storageGb", args.storageGb, `a whole number of GiB from ${AZURE_SQL_STORAGE_GB.min} to ${AZURE_SQL_STORAGE_GB.max}`);
  }

  if (args.databases.length === 0) fail("databases", args.databases, "at least one CENM service database");
  const names = new Set<string>();
  const users = new Set<string>();
  const dbPattern = engine === "postgres" ? POSTGRES_DATABASE : SQL_DATABASE;
  for (const db of args.databases) {
    if (!dbPattern.test(db.name)) {
      fail(`databases[${db.service}].name`, db.name, engine === "postgres" ? "a PostgreSQL identifier (lower-case letters, digits, underscores, at most 63 characters)" : "letters, digits, underscores and hyphens, at most 128 characters");
    }
    if (names.has(db.name)) fail(`databases[${db.service}].name`, db.name, "a database of its own (each CENM service needs its own database)");
    if (users.has(db.user)) fail(`databases[${db.service}].user`, db.user, "a user of its own (each CENM service needs its own user)");
    names.add(db.name);
    users.add(db.user);
  }

  if (engine === "postgres") {
    const versionProblem = engineVersionProblem("azure", "postgres", args.engineVersion, args.engineVersionWaiver !== undefined);
    if (versionProblem) fail("engineVersion", args.engineVersion, versionProblem);
    if (!POSTGRES_SKU.test(args.sku)) fail("sku", args.sku, "a flexible-server SKU such as Standard_D4ds_v5");
    const tier = postgresTier(args.sku, args.tier);
    if (!["Burstable", "GeneralPurpose", "MemoryOptimized"].includes(tier)) fail("tier", args.tier, "Burstable, GeneralPurpose or MemoryOptimized");
    if (args.topology === "multi-az-instance" && tier === "Burstable") {
      fail("tier", tier, "GeneralPurpose or MemoryOptimized: zone-redundant high availability is not offered on the Burstable tier (use single-az-instance or a D/E series SKU)");
    }
    if (args.crossRegionReplica && tier === "Burstable") {
      fail("crossRegionReplica", true, "false on the Burstable tier, which has no read replicas (use a GeneralPurpose or MemoryOptimized SKU)");
    }
    if (!Number.isInteger(args.pointInTimeDays) || args.pointInTimeDays < AZURE_POSTGRES_PITR_DAYS.min || args.pointInTimeDays > AZURE_POSTGRES_PITR_DAYS.max) {
      fail("pointInTimeDays", args.pointInTimeDays, `a whole number of days from ${AZURE_POSTGRES_PITR_DAYS.min} to ${AZURE_POSTGRES_PITR_DAYS.max} (the flexible-server backup retention range)`);
    }
    const pair = REGION_PAIRS[args.location];
    if (args.geoRedundantBackup && pair !== undefined && pair !== args.drLocation) {
      fail("drLocation", args.drLocation, `${pair}, the Azure pair of ${args.location}: geo-redundant backups land in the paired region and their key must live there`);
    }
    if (args.entraAdminObjectId === undefined || args.entraAdminLogin === undefined) {
      fail("entraAdminObjectId", args.entraAdminObjectId, "the Entra principal administering the server (with entraAdminLogin): password authentication is off, so without one nobody can sign in");
    }
  } else {
    if (!(SUPPORTED_VERSIONS.sqlserver.pattern.test(args.engineVersion) || args.engineVersion === "12.0")) {
      fail("engineVersion", args.engineVersion, `${SUPPORTED_VERSIONS.sqlserver.expected}, or 12.0 (the Azure SQL logical server version)`);
    }
    if (!SQL_SKU.test(args.sku)) fail("sku", args.sku, "an Azure SQL vCore SKU such as GP_Gen5_2, GP_S_Gen5_2 or BC_Gen5_4");
    if (!Number.isInteger(args.pointInTimeDays) || args.pointInTimeDays < AZURE_SQL_PITR_DAYS.min || args.pointInTimeDays > AZURE_SQL_PITR_DAYS.max) {
      fail("pointInTimeDays", args.pointInTimeDays, `a whole number of days from ${AZURE_SQL_PITR_DAYS.min} to ${AZURE_SQL_PITR_DAYS.max} (the Azure SQL short-term retention range)`);
    }
    if (args.sqlPrivateDnsZoneId === undefined) fail("sqlPrivateDnsZoneId", undefined, "the privatelink.database.windows.net zone for the SQL private endpoints");
  }
  if ((args.entraAdminLogin === undefined) !== (args.entraAdminObjectId === undefined)) {
    fail("entraAdminObjectId", args.entraAdminObjectId, "entraAdminLogin and entraAdminObjectId given together, or neither");
  }
  if (args.entraAdminObjectId !== undefined && !GUID.test(args.entraAdminObjectId)) {
    fail("entraAdminObjectId", args.entraAdminObjectId, "the object id (a GUID) of the Entra principal administering the server(s)");
  }
}

/** Tags of every taggable child. */
function elementTags(tags: Record<string, string> | undefined): Record<string, string> {
  return { ...(tags ?? {}), "cenm-backup-element": "database" };
}

/**
 * The CENM database on Azure, replicated synchronously across zones of the primary region and asynchronously to
 * the DR region.
 *
 * PostgreSQL (engine `postgres`), a flexible server:
 * - `multi-az-instance`: zone-redundant high availability, a synchronous standby in the second configured zone
 *   (RPO 0, failover typically 60-120 s). `single-az-instance`: no standby (dev). `multi-az-cluster` is refused.
 * - Backups kept `pointInTimeDays` days for point-in-time restore; with `geoRedundantBackup` they are also copied
 *   to the paired region (fixed at creation).
 * - Storage encrypted with a customer-managed RSA-HSM key in a premium key vault of this component (purge
 *   protection, RBAC, no public access), read by a user-assigned identity holding "Key Vault Crypto Service
 *   Encryption User" on that vault only. Geo-redundant backups and the DR replica need a key and identity in the
 *   DR region: a second vault, key and identity there. The server refers to the keys without a version, so it
 *   follows the yearly rotation.
 * - With `crossRegionReplica`, a read replica in the DR region and a read-write virtual endpoint on the primary:
 *   after a promotion of the replica, the same endpoint name points at the new writer. The replica's lag is
 *   alerted above `replicaLagAlarmSeconds`.
 * - TLS 1.2 or later is required. Password authentication is off: only Microsoft Entra ID logins work.
 * - One database per CENM service. The component creates no roles: the DBA bootstrap, signed in as the server's
 *   Entra administrator, creates each service's role mapped to its Entra identity and grants it its database.
 *
 * SQL Server (engine `sqlserver`): a logical server in each region (Entra-only authentication, no public access,
 * TLS 1.2, private endpoints), one database per CENM service on the primary (zone-redundant for
 * `multi-az-instance`, backups GeoZone or Zone redundant, short- and long-term retention) and, with
 * `crossRegionReplica`, a failover group to the DR server. Azure SQL encrypts with service-managed TDE; the
 * contained users of each service are created by the DBA bootstrap through Entra ID.
 *
 * Stateful children (servers, key vaults, keys) are protected and retained on delete when protection is on, and
 * carry a CanNotDelete management lock outside dev.
 */
export class ReplicatedDatabase extends pulumi.ComponentResource {
  /**
   * ARM id of the primary server (PostgreSQL flexible server or SQL logical server). For PostgreSQL it resolves
   * only after the server's last child (administrator, settings, databases, virtual endpoint), so a resource given
   * this id waits until Azure has finished changing the server.
   */
  public readonly serverId: pulumi.Output<string>;
  public readonly serverName: pulumi.Output<string>;
  /** Host name of the primary server. */
  public readonly fqdn: pulumi.Output<string>;
  /**
   * Host name clients should use: the virtual endpoint's writer name (PostgreSQL with a replica), the failover
   * group's read-write listener (SQL with a failover group), otherwise the server's own name.
   */
  public readonly readWriteEndpoint: pulumi.Output<string>;
  /** DR read replica (PostgreSQL) or DR logical server (SQL); undefined when there is none. */
  public readonly replicaServerId: pulumi.Output<string | undefined>;
  public readonly replicaServerName: pulumi.Output<string | undefined>;
  /** PostgreSQL virtual endpoint; undefined when there is none. */
  public readonly virtualEndpointName: pulumi.Output<string | undefined>;
  /** SQL failover group; undefined when there is none. */
  public readonly failoverGroupName: pulumi.Output<string | undefined>;
  public readonly engine: pulumi.Output<string>;
  public readonly region: pulumi.Output<string>;
  /** Zones the primary and its standby are pinned to (empty when Azure places the replicas itself). */
  public readonly availabilityZones: pulumi.Output<string[]>;
  /** User-assigned identity that unwraps the primary key (PostgreSQL); undefined for SQL. */
  public readonly identityId: pulumi.Output<string | undefined>;
  /** Key vault of the primary customer-managed key (PostgreSQL); undefined for SQL. */
  public readonly keyVaultId: pulumi.Output<string | undefined>;
  /** Key vault of the DR-region key (PostgreSQL with geo backup or a replica); undefined otherwise. */
  public readonly drKeyVaultId: pulumi.Output<string | undefined>;
  /** The CENM service databases; their users are created by the DBA bootstrap through Entra ID. */
  public readonly databases: pulumi.Output<ServiceDatabase[]>;
  /** Every copy of the database this component declared. */
  public readonly copies: pulumi.Output<CopyDescriptor[]>;

  constructor(name: string, args: AzureDatabaseArgs, opts?: pulumi.ComponentResourceOptions) {
    validateAzureDatabaseArgs(name, args);
    super("cenm-backup:azure:ReplicatedDatabase", name, {}, opts);
    if (args.engineVersionWaiver !== undefined && !SUPPORTED_VERSIONS[args.engine].pattern.test(args.engineVersion)) {
      pulumi.log.warn(`ReplicatedDatabase "${name}": ${args.engine} ${args.engineVersion} is outside CENM's support matrix; accepted by the written waiver db-engine-version: ${args.engineVersionWaiver}`, this);
    }

    const tags = elementTags(args.tags);
    const client = clientOf(this, args.client);
    const built = args.engine === "postgres" ? this.postgres(name, args, tags, client) : this.sqlServer(name, args, tags, client);

    this.serverId = built.serverId;
    this.serverName = built.serverName;
    this.fqdn = built.fqdn;
    this.readWriteEndpoint = built.readWriteEndpoint;
    this.replicaServerId = built.replicaServerId ?? pulumi.output<string | undefined>(undefined);
    this.replicaServerName = built.replicaServerName ?? pulumi.output<string | undefined>(undefined);
    this.virtualEndpointName = built.virtualEndpointName ?? pulumi.output<string | undefined>(undefined);
    this.failoverGroupName = built.failoverGroupName ?? pulumi.output<string | undefined>(undefined);
    this.engine = pulumi.output<string>(args.engine);
    this.region = pulumi.output(args.location);
    this.availabilityZones = pulumi.output(built.zones);
    this.identityId = built.identityId ?? pulumi.output<string | undefined>(undefined);
    this.keyVaultId = built.keyVaultId ?? pulumi.output<string | undefined>(undefined);
    this.drKeyVaultId = built.drKeyVaultId ?? pulumi.output<string | undefined>(undefined);
    this.databases = pulumi.output(args.databases.map((d) => ({ service: d.service, name: d.name, user: d.user })));
    this.copies = pulumi.output(built.copies);

    this.registerOutputs({
      serverId: this.serverId,
      serverName: this.serverName,
      fqdn: this.fqdn,
      readWriteEndpoint: this.readWriteEndpoint,
      replicaServerId: this.replicaServerId,
      replicaServerName: this.replicaServerName,
      virtualEndpointName: this.virtualEndpointName,
      failoverGroupName: this.failoverGroupName,
      engine: this.engine,
      region: this.region,
      availabilityZones: this.availabilityZones,
      identityId: this.identityId,
      keyVaultId: this.keyVaultId,
      drKeyVaultId: this.drKeyVaultId,
      databases: this.databases,
      copies: this.copies,
    });
  }

  /** Options of a stateful child: protected and retained on delete when protection is on. */
  private stateful(args: AzureDatabaseArgs, extra: pulumi.CustomResourceOptions = {}): pulumi.CustomResourceOptions {
    return { ...extra, parent: this, protect: args.protection.enabled, retainOnDelete: args.protection.enabled };
  }

  /** A CanNotDelete lock on a stateful resource, when protection is on outside dev. */
  private lock(name: string, args: AzureDatabaseArgs, scope: pulumi.Input<string>, what: string): void {
    if (!args.protection.enabled || args.environment === "dev") return;
    new authorization.ManagementLockByScope(
      name,
      { scope, level: "CanNotDelete", notes: `CENM database ${what}: remove this lock on purpose before deleting it.` },
      { parent: this },
    );
  }

  /**
   * The identity, premium key vault and RSA-HSM key of one region (see {@link declareCustomerManagedKey}), with the
   * identity's crypto role on the vault. Logical names: `<identityName>`, `<name>-<role>`, `<name>-<role>-cmk`,
   * `<name>-<role>-crypto-user` and `<name>-<role>-lock`.
   */
  private encryptionKey(
    name: string,
    args: AzureDatabaseArgs,
    tags: Record<string, string>,
    client: pulumi.Output<ClientContext>,
    site: { role: string; short: string; location: string; resourceGroupName: pulumi.Input<string>; identityName: string },
  ): CustomerManagedKey {
    return declareCustomerManagedKey(
      name,
      site.role,
      {
        location: site.location,
        resourceGroupName: site.resourceGroupName,
        protection: args.protection,
        environment: args.environment,
        tags,
        tenantId: client.tenantId,
        subscriptionId: client.subscriptionId,
        short: site.short,
        identityName: site.identityName,
        keyName: `${name}-cmk`,
        purpose: `CENM database ${name}: the server's identity wraps and unwraps its data encryption key`,
        lockNotes: `CENM database ${name} key vault (${site.location}): remove this lock on purpose before deleting it.`,
      },
      this,
    );
  }

  private postgres(name: string, args: AzureDatabaseArgs, tags: Record<string, string>, client: pulumi.Output<ClientContext>): Built {
    const multiAz = args.topology === "multi-az-instance";
    const zones = multiAz ? args.availabilityZones.slice(0, 2) : [args.availabilityZones[0]];
    const tier = postgresTier(args.sku, args.tier);
    const wantsDr = args.geoRedundantBackup || args.crossRegionReplica;

    const primaryKey = this.encryptionKey(name, args, tags, client, {
      role: "kv",
      short: "p",
      location: args.location,
      resourceGroupName: args.resourceGroupName,
      identityName: `${name}-identity`,
    });
    const identity = { id: primaryKey.identityId };

    let drIdentity: { id: pulumi.Output<string> } | undefined;
    let drKey: CustomerManagedKey | undefined;
    if (wantsDr) {
      drKey = this.encryptionKey(name, args, tags, client, {
        role: "dr-kv",
        short: "d",
        location: args.drLocation,
        resourceGroupName: args.drResourceGroupName,
        identityName: `${name}-dr-identity`,
      });
      drIdentity = { id: drKey.identityId };
    }

    const identities = (ids: pulumi.Output<string>[]) =>
      pulumi.all(ids).apply((list) => Object.fromEntries(list.map((id) => [id, {}])) as Record<string, Record<string, never>>);
    const geo = args.geoRedundantBackup && drKey && drIdentity;

    const server = new dbforpostgresql.Server(
      `${name}-server`,
      {
        location: args.location,
        resourceGroupName: args.resourceGroupName,
        createMode: "Create",
        version: majorVersion("postgres", args.engineVersion),
        sku: { name: args.sku, tier },
        storage: { storageSizeGB: args.storageGb, autoGrow: "Enabled" },
        availabilityZone: zones[0],
        highAvailability: multiAz ? { mode: "ZoneRedundant", standbyAvailabilityZone: zones[1] } : { mode: "Disabled" },
        backup: { backupRetentionDays: args.pointInTimeDays, geoRedundantBackup: args.geoRedundantBackup ? "Enabled" : "Disabled" },
        network: { delegatedSubnetResourceId: args.delegatedSubnetId, privateDnsZoneArmResourceId: args.privateDnsZoneId, publicNetworkAccess: "Disabled" },
        authConfig: { activeDirectoryAuth: "Enabled", passwordAuth: "Disabled", tenantId: client.tenantId },
        identity: { type: "UserAssigned", userAssignedIdentities: identities(geo ? [identity.id, drIdentity!.id] : [identity.id]) },
        // The server unwraps its key through the key vault's trusted-services bypass (the key vault admits no public
        // network and has no private endpoint): Microsoft's data-encryption page for flexible servers names that
        // bypass as the way to reach a firewalled key vault. Its subnet may also reach AzureKeyVault on 443 (the
        // network component's allow-keyvault-out). Platform limit: azure-postgres-cmk-key-vault-reachable.
        dataEncryption: {
          type: "AzureKeyVault",
          primaryKeyURI: primaryKey.keyUri,
          primaryUserAssignedIdentityId: identity.id,
          ...(geo ? { geoBackupKeyURI: drKey!.keyUri, geoBackupUserAssignedIdentityId: drIdentity!.id } : {}),
        },
        maintenanceWindow: { customWindow: "Enabled", dayOfWeek: 0, startHour: 4, startMinute: 0 },
        tags,
      },
      // The identity must be able to unwrap the key before the server is created with it.
      this.stateful(args, { dependsOn: geo ? [primaryKey.ready, drKey!.ready] : [primaryKey.ready] }),
    );
    this.lock(`${name}-server-lock`, args, server.id, `${name} primary server`);

    // Azure applies one change at a time to a flexible server, so the children of a server are chained.
    const forceTls = (prefix: string, target: dbforpostgresql.Server, group: pulumi.Input<string>, after: pulumi.Resource = target): pulumi.Resource => {
      let last: pulumi.Resource = after;
      for (const [parameter, value] of [["require_secure_transport", "on"], ["ssl_min_protocol_version", "TLSv1.2"]] as const) {
        last = new dbforpostgresql.Configuration(
          `${prefix}-${parameter.replace(/_/g, "-")}`,
          { resourceGroupName: group, serverName: target.name, configurationName: parameter, value, source: "user-override" },
          { parent: this, dependsOn: [last] },
        );
      }
      return last;
    };
    // The Entra administrator first in the server's chain: password authentication is off, so it is the only way in.
    const administrator = new dbforpostgresql.AdministratorsMicrosoftEntra(
      `${name}-server-admin`,
      {
        resourceGroupName: args.resourceGroupName,
        serverName: server.name,
        objectId: args.entraAdminObjectId!,
        principalName: args.entraAdminLogin!,
        principalType: args.entraAdminPrincipalType ?? "group",
        tenantId: client.tenantId,
      },
      { parent: this, dependsOn: [server] },
    );
    let previous = forceTls(`${name}-server`, server, args.resourceGroupName, administrator);
    for (const db of args.databases) {
      previous = new dbforpostgresql.Database(
        `${name}-db-${db.service}`,
        { resourceGroupName: args.resourceGroupName, serverName: server.name, databaseName: db.name, charset: "UTF8", collation: "en_US.utf8" },
        { parent: this, dependsOn: [previous] },
      );
    }

    let replica: dbforpostgresql.Server | undefined;
    let endpoint: dbforpostgresql.VirtualEndpoint | undefined;
    if (args.crossRegionReplica && drKey && drIdentity) {
      replica = new dbforpostgresql.Server(
        `${name}-replica`,
        {
          location: args.drLocation,
          resourceGroupName: args.drResourceGroupName,
          createMode: "Replica",
          sourceServerResourceId: server.id,
          sku: { name: args.sku, tier },
          storage: { storageSizeGB: args.storageGb, autoGrow: "Enabled" },
          network: { delegatedSubnetResourceId: args.drDelegatedSubnetId, privateDnsZoneArmResourceId: args.privateDnsZoneId, publicNetworkAccess: "Disabled" },
          identity: { type: "UserAssigned", userAssignedIdentities: identities([drIdentity.id]) },
          dataEncryption: { type: "AzureKeyVault", primaryKeyURI: drKey.keyUri, primaryUserAssignedIdentityId: drIdentity.id },
          tags,
        },
        this.stateful(args, { dependsOn: [drKey.ready, previous] }),
      );
      this.lock(`${name}-replica-lock`, args, replica.id, `${name} DR read replica`);
      forceTls(`${name}-replica`, replica, args.drResourceGroupName);

      endpoint = new dbforpostgresql.VirtualEndpoint(
        `${name}-endpoint`,
        {
          resourceGroupName: args.resourceGroupName,
          serverName: server.name,
          virtualEndpointName: pulumi.interpolate`${server.name}-rw`,
          endpointType: "ReadWrite",
          members: [replica.name],
        },
        { parent: this, dependsOn: [previous, replica] },
      );

      new monitor.MetricAlert(
        `${name}-replica-lag`,
        {
          location: "global",
          resourceGroupName: args.drResourceGroupName,
          description: `CENM database ${name}: the DR read replica lags more than ${args.replicaLagAlarmSeconds} s behind the primary`,
          enabled: true,
          severity: 2,
          scopes: [replica.id],
          targetResourceType: "Microsoft.DBforPostgreSQL/flexibleServers",
          targetResourceRegion: args.drLocation,
          evaluationFrequency: "PT1M",
          windowSize: "PT5M",
          autoMitigate: true,
          criteria: {
            odataType: "Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria",
            allOf: [
              {
                criterionType: "StaticThresholdCriterion",
                name: "replica-lag",
                metricNamespace: "Microsoft.DBforPostgreSQL/flexibleServers",
                metricName: "physical_replication_delay_in_seconds",
                operator: "GreaterThan",
                threshold: args.replicaLagAlarmSeconds,
                timeAggregation: "Maximum",
              },
            ],
          },
          actions: [{ actionGroupId: args.actionGroupId }],
          tags,
        },
        { parent: this },
      );
    }

    const fqdn = pulumi.interpolate`${server.name}.postgres.database.azure.com`;
    // The server's id, resolved only once its last child is in place: Azure applies one change at a time to a
    // flexible server, so whatever acts on the server through this id (a backup instance) waits for the chain.
    const last: pulumi.Resource = endpoint ?? previous;
    return {
      serverId: pulumi.all([server.id, last.urn]).apply(([id]) => id),
      serverName: server.name,
      fqdn,
      readWriteEndpoint: endpoint ? pulumi.interpolate`${endpoint.name}.writer.postgres.database.azure.com` : fqdn,
      replicaServerId: replica?.id,
      replicaServerName: replica?.name,
      virtualEndpointName: endpoint?.name,
      zones,
      identityId: identity.id,
      keyVaultId: primaryKey.vaultId,
      drKeyVaultId: drKey?.vaultId,
      copies: postgresCopies(name, args, zones),
    };
  }

  private sqlServer(name: string, args: AzureDatabaseArgs, tags: Record<string, string>, client: pulumi.Output<ClientContext>): Built {
    const zoneRedundant = args.topology === "multi-az-instance";
    const sku = sqlSku(args.sku);
    const admin = {
      azureADOnlyAuthentication: true,
      administratorType: "ActiveDirectory",
      login: args.entraAdminLogin ?? "cenm-backup-deployer",
      sid: args.entraAdminObjectId ?? client.objectId,
      tenantId: client.tenantId,
      ...(args.entraAdminObjectId ? { principalType: args.entraAdminPrincipalType === "user" ? "User" : args.entraAdminPrincipalType === "servicePrincipal" ? "Application" : "Group" } : {}),
    };

    const logicalServer = (role: string, location: string, group: pulumi.Input<string>, subnet: pulumi.Input<string>) => {
      const server = new sql.Server(
        `${name}-${role}`,
        {
          location,
          resourceGroupName: group,
          version: "12.0",
          administrators: admin,
          publicNetworkAccess: "Disabled",
          minimalTlsVersion: "1.2",
          identity: { type: "SystemAssigned" },
          tags,
        },
        this.stateful(args),
      );
      this.lock(`${name}-${role}-lock`, args, server.id, `${name} logical server (${location})`);
      const endpoint = new network.PrivateEndpoint(
        `${name}-${role}-endpoint`,
        {
          location,
          resourceGroupName: group,
          subnet: { id: subnet },
          privateLinkServiceConnections: [{ name: `${name}-${role}`, privateLinkServiceId: server.id, groupIds: ["sqlServer"] }],
          tags,
        },
        { parent: this },
      );
      new network.PrivateDnsZoneGroup(
        `${name}-${role}-endpoint-dns`,
        {
          resourceGroupName: group,
          privateEndpointName: endpoint.name,
          privateDnsZoneGroupName: "default",
          privateDnsZoneConfigs: [{ name: "sql", privateDnsZoneId: args.sqlPrivateDnsZoneId! }],
        },
        { parent: this },
      );
      return server;
    };

    const primary = logicalServer("sql", args.location, args.resourceGroupName, args.endpointsSubnetId);
    const dr = args.crossRegionReplica ? logicalServer("dr-sql", args.drLocation, args.drResourceGroupName, args.drEndpointsSubnetId) : undefined;

    const databases = args.databases.map((db) => {
      const database = new sql.Database(
        `${name}-db-${db.service}`,
        {
          location: args.location,
          resourceGroupName: args.resourceGroupName,
          serverName: primary.name,
          databaseName: db.name,
          sku,
          zoneRedundant,
          requestedBackupStorageRedundancy: args.geoRedundantBackup ? "GeoZone" : "Zone",
          tags,
        },
        this.stateful(args),
      );
      new sql.BackupShortTermRetentionPolicy(
        `${name}-db-${db.service}-pitr`,
        { resourceGroupName: args.resourceGroupName, serverName: primary.name, databaseName: database.name, policyName: "default", retentionDays: args.pointInTimeDays, diffBackupIntervalInHours: 12 },
        { parent: this },
      );
      new sql.LongTermRetentionPolicy(
        `${name}-db-${db.service}-ltr`,
        { resourceGroupName: args.resourceGroupName, serverName: primary.name, databaseName: database.name, policyName: "default", weeklyRetention: "P4W", monthlyRetention: "P12M", yearlyRetention: "PT0S" },
        { parent: this },
      );
      return database;
    });

    let group: sql.FailoverGroup | undefined;
    if (dr) {
      group = new sql.FailoverGroup(
        `${name}-failover`,
        {
          resourceGroupName: args.resourceGroupName,
          serverName: primary.name,
          failoverGroupName: pulumi.interpolate`${primary.name}-fg`,
          partnerServers: [{ id: dr.id }],
          databases: databases.map((d) => d.id),
          readWriteEndpoint: { failoverPolicy: "Automatic", failoverWithDataLossGracePeriodMinutes: FAILOVER_GRACE_MINUTES },
          tags,
        },
        { parent: this },
      );
    }

    const fqdn = pulumi.interpolate`${primary.name}.database.windows.net`;
    return {
      serverId: primary.id,
      serverName: primary.name,
      fqdn,
      readWriteEndpoint: group ? pulumi.interpolate`${group.name}.database.windows.net` : fqdn,
      replicaServerId: dr?.id,
      replicaServerName: dr?.name,
      failoverGroupName: group?.name,
      zones: [],
      copies: sqlCopies(name, args),
    };
  }
}

/** What an engine-specific builder declared. */
interface Built {
  serverId: pulumi.Output<string>;
  serverName: pulumi.Output<string>;
  fqdn: pulumi.Output<string>;
  readWriteEndpoint: pulumi.Output<string>;
  replicaServerId?: pulumi.Output<string>;
  replicaServerName?: pulumi.Output<string>;
  virtualEndpointName?: pulumi.Output<string>;
  failoverGroupName?: pulumi.Output<string>;
  zones: string[];
  identityId?: pulumi.Output<string>;
  keyVaultId?: pulumi.Output<string>;
  drKeyVaultId?: pulumi.Output<string>;
  copies: CopyDescriptor[];
}

/** The copies of a PostgreSQL flexible server, with the documented figures their RPO rests on. */
function postgresCopies(name: string, args: AzureDatabaseArgs, zones: string[]): CopyDescriptor[] {
  const server = `${name}-server`;
  const copies: CopyDescriptor[] = [];
  if (args.topology === "multi-az-instance") {
    copies.push({
      element: "database",
      role: "primary",
      resource: server,
      region: args.location,
      availabilityZones: [zones[0]],
      mode: "synchronous",
      rpo: "0: the primary server",
      mechanism: "PostgreSQL flexible server, zone-redundant high availability (primary)",
    });
    copies.push({
      element: "database",
      role: "standby",
      resource: server,
      region: args.location,
      availabilityZones: [zones[1]],
      mode: "synchronous",
      rpo: "0: a commit is acknowledged once the standby in the other zone has it; failover typically 60-120 s",
      mechanism: "PostgreSQL flexible server, zone-redundant high availability standby (not readable)",
    });
  } else {
    copies.push({
      element: "database",
      role: "primary",
      resource: server,
      region: args.location,
      availabilityZones: [zones[0]],
      mode: "synchronous",
      rpo: "0 while its zone lasts; no standby: losing the zone means restoring from backups",
      mechanism: "PostgreSQL flexible server without high availability",
    });
  }
  copies.push({
    element: "database",
    role: "automated-backups",
    resource: server,
    region: args.location,
    availabilityZones: [],
    mode: "point-in-time",
    rpo: `under 5 minutes (WAL archive), restorable to any point within ${args.pointInTimeDays} day(s)`,
    mechanism: "Flexible-server automated backups: daily snapshots plus archived WAL on zone-redundant storage, encrypted with the customer-managed key",
  });
  if (args.geoRedundantBackup) {
    copies.push({
      element: "database",
      role: "geo-backup",
      resource: server,
      region: args.drLocation,
      availabilityZones: [],
      mode: "asynchronous",
      rpo: "asynchronous copy of the backups to the paired region, restored there by geo-restore; Azure documents no RPO figure for flexible-server geo-restore",
      mechanism: "Flexible-server geo-redundant backup storage in the paired region, encrypted with the DR-region key",
    });
  }
  if (args.crossRegionReplica) {
    copies.push({
      element: "database",
      role: "cross-region-replica",
      resource: `${name}-replica`,
      region: args.drLocation,
      availabilityZones: [],
      mode: "asynchronous",
      rpo: `the replica lag, typically minutes; alerted above ${args.replicaLagAlarmSeconds} s`,
      mechanism: "Flexible-server geo read replica, promotable; the read-write virtual endpoint follows the promotion",
    });
  }
  return copies;
}

/** The copies of the Azure SQL databases, with the documented figures their RPO rests on. */
function sqlCopies(name: string, args: AzureDatabaseArgs): CopyDescriptor[] {
  const server = `${name}-sql`;
  const copies: CopyDescriptor[] = [];
  copies.push({
    element: "database",
    role: "primary",
    resource: server,
    region: args.location,
    availabilityZones: [],
    mode: "synchronous",
    rpo:
      args.topology === "multi-az-instance"
        ? "0: zone-redundant database, its replicas spread by Azure over the region's zones"
        : "0 while its zone lasts; not zone-redundant: a zone outage means restoring from backups",
    mechanism: args.topology === "multi-az-instance" ? "Azure SQL Database, zone-redundant" : "Azure SQL Database, single zone",
  });
  copies.push({
    element: "database",
    role: "automated-backups",
    resource: server,
    region: args.location,
    availabilityZones: [],
    mode: "point-in-time",
    rpo: `transaction-log backups about every 10 minutes (Azure's documented cadence), restorable to any point within ${args.pointInTimeDays} day(s); weekly backups kept 4 weeks and monthly 12 months`,
    mechanism: `Azure SQL automated backups on ${args.geoRedundantBackup ? "geo-zone-redundant" : "zone-redundant"} storage, with long-term retention`,
  });
  if (args.geoRedundantBackup) {
    copies.push({
      element: "database",
      role: "geo-backup",
      resource: server,
      region: REGION_PAIRS[args.location] ?? `the Azure pair of ${args.location}`,
      availabilityZones: [],
      mode: "asynchronous",
      rpo: "asynchronous copy of the backups to the paired region, restored there by geo-restore; the copy trails the primary (no figure in REFERENCE)",
      mechanism: "Azure SQL backup storage redundancy GeoZone",
    });
  }
  if (args.crossRegionReplica) {
    copies.push({
      element: "database",
      role: "failover-group-secondary",
      resource: `${name}-dr-sql`,
      region: args.drLocation,
      availabilityZones: [],
      mode: "asynchronous",
      rpo: `under 5 s, RTO 1 h (Azure SQL failover group figures); automatic failover after ${FAILOVER_GRACE_MINUTES} min`,
      mechanism: "Azure SQL failover group, geo-secondary databases on the DR logical server",
    });
  }
  return copies;
}
