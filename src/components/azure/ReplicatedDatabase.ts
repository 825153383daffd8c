/**
 * The CENM database on Azure: a PostgreSQL flexible server (zone-redundant HA, geo-redundant backups, an
 * optional read replica in the DR region behind a virtual endpoint) or Azure SQL databases (zone-redundant, with
 * an optional failover group to a DR server). Data is encrypted with customer-managed keys (PostgreSQL) or the
 * service's transparent data encryption (SQL), TLS is forced, public access is off and logins go through
 * Microsoft Entra ID only: no password is declared anywhere.
 */
import * as pulumi from "@pulumi/pulumi";
import { SUPPORTED_VERSIONS, engineVersionProblem } from "../../domain/engines";
import {
  AZURE_POSTGRES_HA_TIERS,
  AZURE_POSTGRES_PITR_DAYS,
  AZURE_POSTGRES_SKU,
  AZURE_POSTGRES_TIERS,
  AZURE_SQL_PITR_DAYS,
  AZURE_SQL_SKU,
  AZURE_SQL_STORAGE_GB,
  postgresTierOffersHa,
} from "../../domain/limits/azure";
import { AZURE_REGION_PAIRS as REGION_PAIRS } from "../../domain/regions";
import type { CopyDescriptor, ServiceDatabase } from "../types";
import { clientOf } from "./client";
import type { AzureDatabaseArgs } from "./contracts";
import { DatabaseContext, postgresTier } from "./databaseParts";
import { declarePostgres } from "./postgresServer";
import { declareSqlServer } from "./sqlServer";

/** One CENM service's database and the user the DBA bootstrap creates for it. */
export type { ServiceDatabase } from "../types";

export { CMK_KEY_SIZE, KEY_VAULT_CRYPTO_SERVICE_ENCRYPTION_USER } from "./cmk";
export { FAILOVER_GRACE_MINUTES, postgresTier, sqlSku } from "./databaseParts";
export { POSTGRES_REPLICA_IGNORED_CHANGES, POSTGRES_SERVER_IGNORED_CHANGES } from "./postgresServer";
export { postgresBootstrapSql, VAULT_SKIPPED_OWNERS } from "./postgresBootstrap";

const COMPONENT_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const LOCATION = /^[a-z][a-z0-9]+$/;
const POSTGRES_DATABASE = /^[a-z_][a-z0-9_]{0,62}$/;
const SQL_DATABASE = /^[A-Za-z0-9_][A-Za-z0-9_-]{0,127}$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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

  if (args.replicaLagAlarmMiB !== undefined && !(Number.isInteger(args.replicaLagAlarmMiB) && args.replicaLagAlarmMiB > 0)) {
    fail("replicaLagAlarmMiB", args.replicaLagAlarmMiB, "a positive whole number of MiB");
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
    if (!AZURE_POSTGRES_SKU.test(args.sku)) fail("sku", args.sku, "a flexible-server SKU such as Standard_D4ds_v5");
    const tier = postgresTier(args.sku, args.tier);
    const oneOf = (list: readonly string[]) => `${list.slice(0, -1).join(", ")} or ${list[list.length - 1]}`;
    if (!(AZURE_POSTGRES_TIERS as readonly string[]).includes(tier)) fail("tier", args.tier, oneOf(AZURE_POSTGRES_TIERS));
    const offersHa = postgresTierOffersHa(tier);
    if (args.topology === "multi-az-instance" && !offersHa) {
      fail("tier", tier, `${oneOf(AZURE_POSTGRES_HA_TIERS)}: zone-redundant high availability is not offered on the ${tier} tier (use single-az-instance or a D/E series SKU)`);
    }
    if (args.crossRegionReplica && !offersHa) {
      fail("crossRegionReplica", true, `false on the ${tier} tier, which has no read replicas (use a ${oneOf(AZURE_POSTGRES_HA_TIERS)} SKU)`);
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
    if (!AZURE_SQL_SKU.test(args.sku)) fail("sku", args.sku, "an Azure SQL vCore SKU such as GP_Gen5_2, GP_S_Gen5_2 or BC_Gen5_4");
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
 *   alerted on the primary, above `replicaLagAlarmMiB` of write-ahead log the replica has not caught up on.
 * - TLS 1.2 or later is required. Password authentication is off: only Microsoft Entra ID logins work.
 * - One database per CENM service, each owned by its service's role. The component declares neither: ARM takes no
 *   database owner, and Azure Backup's vaulted backups skip databases owned by azuresu or azure_pg_admin, so the DBA
 *   bootstrap ({@link postgresBootstrapSql}, run by a member of the server's Entra administrator group) creates each
 *   role mapped to its service's Entra identity and the database that role owns, then checks every owner.
 * - Azure changes three inputs on its own, which the program leaves alone after creation (ignoreChanges): the disk
 *   size, grown by storage autogrow and never shrinkable, and the zones of the primary and standby, swapped by a
 *   failover. The replica's disk size likewise.
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
  /** The CENM service databases and roles, which the DBA bootstrap creates (PostgreSQL: {@link postgresBootstrapSql}). */
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
    const ctx = new DatabaseContext(this);
    const built = args.engine === "postgres" ? declarePostgres(ctx, name, args, tags, client) : declareSqlServer(ctx, name, args, tags, client);

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
}
