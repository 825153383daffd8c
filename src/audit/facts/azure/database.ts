/**
 * Database facts from Azure resources.
 *
 * PostgreSQL flexible servers: zone-redundant high availability keeps one synchronous standby in another zone of
 * the region (multi-az-instance); without it the server is a single-zone instance. Every server restores to a
 * point in time within its backup retention. Geo-redundant backup storage is an asynchronous copy of the backups
 * in the paired region (role `dr-automated-backups`), and a replica server (`createMode` "Replica") is an
 * asynchronous copy of its source.
 *
 * Deletion: Azure has no deletion-protection flag on a server; a `CanNotDelete` management lock on the server or
 * its resource group is the provider's guard. Azure also takes no final snapshot: the backups of a deleted flexible
 * server are kept only for a few days. The control behind `finalSnapshot` wants "deleting the database does not
 * lose its last state", so on Azure it holds when a lock refuses the deletion, or when a backup vault instance
 * keeps the server's recovery points independently of the server.
 *
 * Azure SQL: each database (not `master`) is a fact: zone redundancy is a synchronous copy in other zones,
 * geo-redundant backup storage an asynchronous copy in the paired region, and a failover group an asynchronous
 * replica on the partner server.
 */
import type { AuditResource, DatabaseCopyFact, DatabaseFact } from "../../types";
import type { ResourceGraph } from "../../../domain/resources/graph";
import { arr, isTrue, num, rec, str } from "../../../domain/resources/values";
import { type AzurePlace, setting } from "./common";
import { programKey } from "./kms";
import type { Locks } from "./locks";
import { T } from "./tokens";
import { type Figure, figureBasis, FIGURES } from "../../../domain/figures";

/** A figure of the figures table as a copy's [seconds, basis] pair. */
function fig(f: Figure): [number, string] {
  return [f.seconds, figureBasis(f)];
}

function copy(r: AuditResource, name: string, role: DatabaseCopyFact["role"], region: string, zones: string[], mode: DatabaseCopyFact["mode"], rpo: [number, string], rto: [number, string]): DatabaseCopyFact {
  return { urn: r.urn, name, role, region, availabilityZones: zones, mode, rpoSeconds: rpo[0], rpoSource: rpo[1], rtoSeconds: rto[0], rtoSource: rto[1] };
}

const SELF: [number, string] = [0, "the primary itself"];

/** The server answers on a public endpoint: declared Enabled, or left undeclared without VNet integration. */
function postgresPublic(server: AuditResource): boolean {
  const network = rec(server.inputs.network);
  const pna = setting(network?.publicNetworkAccess);
  if (pna === "disabled") return false;
  if (pna === "enabled") return true;
  return str(network?.delegatedSubnetResourceId) === undefined && server.propertyDependencies?.network === undefined;
}

function readPostgres(g: ResourceGraph, place: AzurePlace, locks: Locks, protectedUrns: ReadonlySet<string>): DatabaseFact[] {
  const replicasOf = new Map<string, AuditResource[]>();
  const attached = new Set<AuditResource>();
  for (const server of g.ofType(T.postgresServer)) {
    if (setting(server.inputs.createMode) !== "replica") continue;
    const source = g.ref(server, "sourceServerResourceId", [T.postgresServer], server.inputs.sourceServerResourceId);
    if (!source) continue;
    replicasOf.set(source.urn, [...(replicasOf.get(source.urn) ?? []), server]);
    attached.add(server);
  }
  const facts: DatabaseFact[] = [];
  for (const server of g.ofType(T.postgresServer)) {
    if (attached.has(server)) continue;
    const region = place.regionOf(server);
    const ha = rec(server.inputs.highAvailability);
    const zone = str(server.inputs.availabilityZone);
    const standbyZone = str(ha?.standbyAvailabilityZone);
    const zoneRedundant = setting(ha?.mode) === "zoneredundant";
    const copies = [copy(server, server.name, "primary", region, zone ? [zone] : [], "synchronous", SELF, SELF)];
    if (zoneRedundant) {
      copies.push(
        copy(server, `${server.name} standby`, "standby", region, standbyZone ? [standbyZone] : [], "synchronous", fig(FIGURES.azurePostgresHaRpo), fig(FIGURES.azurePostgresHaFailover)),
      );
    }
    const backup = rec(server.inputs.backup);
    if (setting(backup?.geoRedundantBackup) === "enabled") {
      const paired = place.pairedRegion(region);
      if (paired) {
        copies.push(
          copy(server, `${server.name} geo-redundant backups`, "dr-automated-backups", paired, [], "asynchronous", fig(FIGURES.azurePostgresGeoBackupRpo), fig(FIGURES.azurePostgresRestoreRto)),
        );
      }
    }
    for (const replica of replicasOf.get(server.urn) ?? []) {
      const z = str(replica.inputs.availabilityZone);
      copies.push({
        ...copy(replica, replica.name, "cross-region-replica", place.regionOf(replica), z ? [z] : [], "asynchronous", fig(FIGURES.azurePostgresReplicaRpo), fig(FIGURES.azurePostgresReplicaPromotionRto)),
        // What the replica declares of itself: zone-redundant high availability on the replica server (its source's
        // high availability is not the replica's).
        zoneStandby: setting(rec(replica.inputs.highAvailability)?.mode) === "zoneredundant",
        // A read replica cannot have high availability, and promotion does not carry the source's over (rule
        // azure-postgres-replica-no-high-availability: learn.microsoft.com/azure/postgresql/flexible-server/
        // concepts-read-replicas and concepts-read-replicas-promote): where the source has it, the DR runbook turns it
        // on once the replica is primary (src/runbook/azure.ts, postgresHaAfterPromotion, on the same condition).
        ...(zoneRedundant
          ? { standbyAfterPromotion: "the DR runbook's step turns on zone-redundant high availability on the promoted server (Azure allows no high availability on a read replica)" }
          : {}),
      });
    }
    const encryption = rec(server.inputs.dataEncryption);
    const locked = locks.guards(server);
    facts.push({
      urn: server.urn,
      name: server.name,
      type: server.type,
      engine: "postgres",
      region,
      topology: zoneRedundant ? "multi-az-instance" : "single-az-instance",
      copies,
      deletionProtection: locked,
      finalSnapshot: locked || protectedUrns.has(server.urn),
      // Azure's default retention is 7 days; an unreadable value counts as none.
      backupRetentionDays: backup?.backupRetentionDays === undefined ? 7 : (num(backup.backupRetentionDays) ?? 0),
      // Flexible servers always encrypt their storage (service-managed keys unless a customer-managed one is named).
      storageEncrypted: true,
      customerManagedKey: setting(encryption?.type) === "azurekeyvault" && programKey(g, server, "dataEncryption", encryption?.primaryKeyURI) !== undefined,
      publiclyAccessible: postgresPublic(server),
      protect: server.protect,
      retainOnDelete: server.retainOnDelete,
    });
  }
  return facts;
}

function readSql(g: ResourceGraph, place: AzurePlace, locks: Locks, protectedUrns: ReadonlySet<string>): DatabaseFact[] {
  const retention = new Map<string, number>();
  for (const p of g.ofType(T.sqlShortTermRetention)) {
    const db = g.ref(p, "databaseName", [T.sqlDatabase], p.inputs.databaseName);
    const days = num(p.inputs.retentionDays);
    if (db && days !== undefined) retention.set(db.urn, days);
  }
  const groups = new Map<string, AuditResource[]>();
  for (const fg of g.ofType(T.sqlFailoverGroup)) {
    for (const db of g.refs(fg, "databases", [T.sqlDatabase], fg.inputs.databases)) groups.set(db.urn, [...(groups.get(db.urn) ?? []), fg]);
  }
  const facts: DatabaseFact[] = [];
  for (const db of g.ofType(T.sqlDatabase)) {
    if (str(db.inputs.databaseName) === "master") continue;
    const server = g.ref(db, "serverName", [T.sqlServer], db.inputs.serverName);
    const region = server ? place.regionOf(server) : place.regionOf(db);
    const zoneRedundant = isTrue(db.inputs.zoneRedundant);
    const copies = [copy(db, db.name, "primary", region, [], "synchronous", SELF, SELF)];
    if (zoneRedundant) {
      copies.push(
        copy(db, `${db.name} zone replica`, "standby", region, [], "synchronous", fig(FIGURES.azureSqlZoneRpo), fig(FIGURES.azureSqlZoneFailover)),
      );
    }
    const redundancy = setting(db.inputs.requestedBackupStorageRedundancy);
    if (redundancy === "geo" || redundancy === "geozone") {
      const paired = place.pairedRegion(region);
      if (paired) {
        copies.push(
          copy(db, `${db.name} geo-redundant backups`, "dr-automated-backups", paired, [], "asynchronous", fig(FIGURES.azurePostgresGeoBackupRpo), fig(FIGURES.azurePostgresRestoreRto)),
        );
      }
    }
    for (const fg of groups.get(db.urn) ?? []) {
      const partners = g.refs(fg, "partnerServers", [T.sqlServer], arr(fg.inputs.partnerServers).map((p) => rec(p)?.id));
      for (const partner of partners) {
        copies.push({
          ...copy(fg, `${fg.name} on ${partner.name}`, "cross-region-replica", place.regionOf(partner), [], "asynchronous", fig(FIGURES.azureSqlFailoverGroupRpo), fig(FIGURES.azureSqlFailoverGroupRto)),
          // The failover group creates the secondary database itself; the program declares no zone redundancy of it.
          zoneStandby: false,
        });
      }
    }
    const locked = locks.guards(db) || (server !== undefined && locks.guards(server));
    const pna = server ? setting(server.inputs.publicNetworkAccess) : undefined;
    facts.push({
      urn: db.urn,
      name: db.name,
      type: db.type,
      engine: "sqlserver",
      region,
      topology: zoneRedundant ? "multi-az-instance" : "single-az-instance",
      copies,
      deletionProtection: locked,
      finalSnapshot: locked || protectedUrns.has(db.urn),
      backupRetentionDays: retention.get(db.urn) ?? 7,
      storageEncrypted: true,
      customerManagedKey: server !== undefined && programKey(g, server, "keyId", server.inputs.keyId) !== undefined,
      publiclyAccessible: pna !== "disabled",
      protect: db.protect,
      retainOnDelete: db.retainOnDelete,
    });
  }
  return facts;
}

export function readDatabases(g: ResourceGraph, place: AzurePlace, locks: Locks, protectedUrns: ReadonlySet<string>): DatabaseFact[] {
  return [...readPostgres(g, place, locks, protectedUrns), ...readSql(g, place, locks, protectedUrns)];
}
