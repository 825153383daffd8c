/**
 * The SQL Server form of the Azure database component: Azure SQL logical servers in both regions, zone-redundant
 * databases with geo-zone backups, their private endpoints and a failover group.
 */
import * as pulumi from "@pulumi/pulumi";
import * as network from "@pulumi/azure-native/network";
import * as sql from "@pulumi/azure-native/sql";
import { AZURE_REGION_PAIRS as REGION_PAIRS } from "../../domain/regions";
import { MINUTE } from "../../domain/durations";
import { describeFigure, FIGURES } from "../../domain/figures";
import type { CopyDescriptor } from "../types";
import type { ClientContext } from "./client";
import type { AzureDatabaseArgs } from "./contracts";
import { FAILOVER_GRACE_MINUTES, sqlSku, type BuiltDatabase, type DatabaseContext } from "./databaseParts";

/** Long-term retention of each database's backups: weekly backups kept 4 weeks, monthly ones 12 months, no yearly. */
const LONG_TERM_RETENTION = { weeks: 4, months: 12 } as const;

export function declareSqlServer(ctx: DatabaseContext, name: string, args: AzureDatabaseArgs, tags: Record<string, string>, client: pulumi.Output<ClientContext>): BuiltDatabase {
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
      ctx.stateful(args),
    );
    ctx.lock(`${name}-${role}-lock`, args, server.id, `${name} logical server (${location})`);
    const endpoint = new network.PrivateEndpoint(
      `${name}-${role}-endpoint`,
      {
        location,
        resourceGroupName: group,
        subnet: { id: subnet },
        privateLinkServiceConnections: [{ name: `${name}-${role}`, privateLinkServiceId: server.id, groupIds: ["sqlServer"] }],
        tags,
      },
      { parent: ctx.parent },
    );
    new network.PrivateDnsZoneGroup(
      `${name}-${role}-endpoint-dns`,
      {
        resourceGroupName: group,
        privateEndpointName: endpoint.name,
        privateDnsZoneGroupName: "default",
        privateDnsZoneConfigs: [{ name: "sql", privateDnsZoneId: args.sqlPrivateDnsZoneId! }],
      },
      { parent: ctx.parent },
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
      ctx.stateful(args),
    );
    new sql.BackupShortTermRetentionPolicy(
      `${name}-db-${db.service}-pitr`,
      { resourceGroupName: args.resourceGroupName, serverName: primary.name, databaseName: database.name, policyName: "default", retentionDays: args.pointInTimeDays, diffBackupIntervalInHours: 12 },
      { parent: ctx.parent },
    );
    new sql.LongTermRetentionPolicy(
      `${name}-db-${db.service}-ltr`,
      { resourceGroupName: args.resourceGroupName, serverName: primary.name, databaseName: database.name, policyName: "default", weeklyRetention: `P${LONG_TERM_RETENTION.weeks}W`, monthlyRetention: `P${LONG_TERM_RETENTION.months}M`, yearlyRetention: "PT0S" },
      { parent: ctx.parent },
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
      { parent: ctx.parent },
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
    rpo: `transaction-log backups about every ${FIGURES.azureSqlPointInTimeRpo.seconds / MINUTE} minutes (Azure's documented cadence), restorable to any point within ${args.pointInTimeDays} day(s); weekly backups kept ${LONG_TERM_RETENTION.weeks} weeks and monthly ${LONG_TERM_RETENTION.months} months`,
    rpoSeconds: FIGURES.azureSqlPointInTimeRpo.seconds,
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
      rpo: `${describeFigure(FIGURES.azureSqlFailoverGroupRpo)}, RTO ${describeFigure(FIGURES.azureSqlFailoverGroupRto)}; automatic failover after ${FAILOVER_GRACE_MINUTES} min`,
      rpoSeconds: FIGURES.azureSqlFailoverGroupRpo.seconds,
      mechanism: "Azure SQL failover group, geo-secondary databases on the DR logical server",
    });
  }
  return copies;
}
