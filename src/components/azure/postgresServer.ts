/**
 * The PostgreSQL form of the Azure database component: a flexible server with zone-redundant high availability, its
 * customer-managed keys, its administrator and settings chained one change at a time, and the optional geo read
 * replica with its virtual endpoint. The CENM databases are not declared here: the DBA bootstrap creates them, each
 * owned by its service's role (see ./postgresBootstrap.ts).
 */
import * as pulumi from "@pulumi/pulumi";
import * as dbforpostgresql from "@pulumi/azure-native/dbforpostgresql";
import * as monitor from "@pulumi/azure-native/monitor";
import { majorVersion } from "../../domain/engines";
import { describeFigure, FIGURES } from "../../domain/figures";
import type { CopyDescriptor } from "../types";
import type { ClientContext } from "./client";
import type { CustomerManagedKey } from "./cmk";
import type { AzureDatabaseArgs } from "./contracts";
import { postgresTier, type BuiltDatabase, type DatabaseContext } from "./databaseParts";
import { locksDeletion } from "./locks";

/**
 * Inputs of a flexible server Azure changes on its own, which the program must not try to set back:
 * - `storage.storageSizeGB`: with storage autogrow on, Azure grows the disk (to the next size, doubling it) when free
 *   space runs low, and a disk can only be scaled up, never down (AZURE_DOCS.postgresStorageAutogrow); a request for
 *   less than the current size is refused (AZURE_DOCS.postgresStorageShrinkRefused). The declared size is the size
 *   at creation.
 * - `availabilityZone` and `highAvailability.standbyAvailabilityZone`: after a failover to the standby, Azure reports
 *   the primary in the standby's zone and the standby in the former primary's zone; a zone changes only by swapping
 *   it with the standby's, and an existing standby zone is not updated (AZURE_DOCS.postgresZoneSwapOnly), so setting
 *   the declared zones again would ask for a failover back or be refused (AZURE_DOCS.postgresZonesAfterFailover).
 *
 * ignoreChanges alone is not enough: on an update Pulumi sends the state's stored input for an ignored path, and
 * azure-native builds its PUT from every input (AZURE_DOCS.azureNativeCrud), so the stored value must be Azure's
 * current one. A refresh brings it there (azure-native's Read carries every property changed in Azure into the
 * stored inputs, AZURE_DOCS.azureNativeRead), and Pulumi.yaml makes every up, preview and destroy refresh first
 * (`options.refresh: always`, AZURE_DOCS.pulumiProjectRefresh). Platform limit:
 * azure-postgres-live-inputs-not-resent (postgresInputsAzureChanges lists what must be ignored).
 */
export const POSTGRES_SERVER_IGNORED_CHANGES = ["storage.storageSizeGB", "availabilityZone", "highAvailability.standbyAvailabilityZone"];

/**
 * Write-ahead log, in MiB, the primary may hold ahead of its DR read replica before the replica-lag alert fires, when
 * `replicaLagAlarmMiB` is not given: one WAL segment, PostgreSQL's default segment size (16 MB, the
 * wal_segment_size preset option, AZURE_DOCS.postgresWalSegmentSize). CENM's databases take few writes
 * (certificate requests, revocations, network-map and parameter updates), so a whole segment not yet streamed is a
 * stalled or slow link rather than a burst of load.
 */
export const DEFAULT_REPLICA_LAG_ALARM_MIB = 16;

/** A read replica's disk grows the same way (storage autogrow on), so its declared size is ignored after creation. */
export const POSTGRES_REPLICA_IGNORED_CHANGES = ["storage.storageSizeGB"];

const MIB = 1024 * 1024;

/**
 * The sign-in of every server of the component: Microsoft Entra only, password authentication off. The DR replica
 * declares the same as the primary (limit azure-postgres-replica-keeps-source-sign-in).
 */
const SIGN_IN = { activeDirectoryAuth: "Enabled", passwordAuth: "Disabled" } as const;

export function declarePostgres(ctx: DatabaseContext, name: string, args: AzureDatabaseArgs, tags: Record<string, string>, client: pulumi.Output<ClientContext>): BuiltDatabase {
  const multiAz = args.topology === "multi-az-instance";
  const zones = multiAz ? args.availabilityZones.slice(0, 2) : [args.availabilityZones[0]];
  const tier = postgresTier(args.sku, args.tier);
  const wantsDr = args.geoRedundantBackup || args.crossRegionReplica;

  const primaryKey = ctx.encryptionKey(name, args, tags, client, {
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
    drKey = ctx.encryptionKey(name, args, tags, client, {
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
      // "Default" creates the server when it does not exist and updates it when it does (the API's CreateMode
      // enum); "Create" is described only as creating a server, so a later update sent with it is not covered.
      createMode: "Default",
      version: majorVersion("postgres", args.engineVersion),
      sku: { name: args.sku, tier },
      storage: { storageSizeGB: args.storageGb, autoGrow: "Enabled" },
      availabilityZone: zones[0],
      highAvailability: multiAz ? { mode: "ZoneRedundant", standbyAvailabilityZone: zones[1] } : { mode: "Disabled" },
      backup: { backupRetentionDays: args.pointInTimeDays, geoRedundantBackup: args.geoRedundantBackup ? "Enabled" : "Disabled" },
      network: { delegatedSubnetResourceId: args.delegatedSubnetId, privateDnsZoneArmResourceId: args.privateDnsZoneId, publicNetworkAccess: "Disabled" },
      authConfig: { ...SIGN_IN, tenantId: client.tenantId },
      identity: { type: "UserAssigned", userAssignedIdentities: identities(geo ? [identity.id, drIdentity!.id] : [identity.id]) },
      // The server unwraps its key through the key vault's trusted-services bypass (the key vault admits no public
      // network): Microsoft's data-encryption page for flexible servers asks for "allow trusted Microsoft services"
      // on a key vault whose firewall is closed, and names nothing else (no private endpoint) as a way in. Platform
      // limit: azure-postgres-cmk-key-vault-reachable.
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
    ctx.stateful(args, { dependsOn: geo ? [primaryKey.ready, drKey!.ready] : [primaryKey.ready], ignoreChanges: POSTGRES_SERVER_IGNORED_CHANGES }),
  );
  ctx.lock(`${name}-server-lock`, args, server.id, `${name} primary server`);

  // Azure applies one change at a time to a flexible server, so the children of a server are chained.
  const forceTls = (prefix: string, target: dbforpostgresql.Server, group: pulumi.Input<string>, after: pulumi.Resource = target): pulumi.Resource => {
    let last: pulumi.Resource = after;
    for (const [parameter, value] of [["require_secure_transport", "on"], ["ssl_min_protocol_version", "TLSv1.2"]] as const) {
      last = new dbforpostgresql.Configuration(
        `${prefix}-${parameter.replace(/_/g, "-")}`,
        { resourceGroupName: group, serverName: target.name, configurationName: parameter, value, source: "user-override" },
        { parent: ctx.parent, dependsOn: [last] },
      );
    }
    return last;
  };
  // The Entra administrator first in the server's chain: password authentication is off, so it is the only way in.
  // Its objectId is a path parameter: a new database.entraAdministrator replaces it (the new one is created, then
  // the old one deleted). Outside dev the server's CanNotDelete lock covers its administrators as child resources,
  // and Azure would refuse that delete half-way (AZURE_DOCS.resourceLocks), so where the server is locked the old
  // administrator is retained on delete instead: the replacement completes and the old one stays a server
  // administrator until an operator removes it (README, "Changing the Entra administrator"). Platform limit:
  // azure-lock-blocks-replacement.
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
    { parent: ctx.parent, dependsOn: [server], retainOnDelete: locksDeletion(args) },
  );
  // No CENM database is declared through ARM: its API takes no owner, and a database ARM creates on a server with
  // password sign-in off can be owned by azuresu, which Azure Backup's vaulted backups skip. The DBA bootstrap
  // (postgresBootstrapSql) creates each database owned by its service's role. Platform limit:
  // azure-postgres-database-owner.
  const previous = forceTls(`${name}-server`, server, args.resourceGroupName, administrator);

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
        // The primary's sign-in: promotion does not switch a replica set up with password authentication to
        // Microsoft Entra (AZURE_DOCS.postgresReplicaPromote), and a replica's authentication method can be changed
        // after its creation (AZURE_DOCS.postgresReadReplicas), which also says the replica takes every user account
        // of the primary. Platform limit: azure-postgres-replica-keeps-source-sign-in.
        authConfig: { ...SIGN_IN, tenantId: client.tenantId },
        identity: { type: "UserAssigned", userAssignedIdentities: identities([drIdentity.id]) },
        dataEncryption: { type: "AzureKeyVault", primaryKeyURI: drKey.keyUri, primaryUserAssignedIdentityId: drIdentity.id },
        tags,
      },
      ctx.stateful(args, { dependsOn: [drKey.ready, previous], ignoreChanges: POSTGRES_REPLICA_IGNORED_CHANGES }),
    );
    ctx.lock(`${name}-replica-lock`, args, replica.id, `${name} DR read replica`);
    forceTls(`${name}-replica`, replica, args.drResourceGroupName);

    // The writer endpoint always points at the current primary; `members` names the server the read-only endpoint
    // points at. Microsoft's virtual-endpoint page says a promotion to primary works only while the read-only
    // endpoint points at the replica being promoted, so the member is the replica, as in Microsoft's CLI how-to. The
    // REST API example names the primary, which the how-to gives as the read-only target only of a server without a
    // read replica (AZURE_DOCS.postgresVirtualEndpoints, AZURE_DOCS.postgresVirtualEndpointsCreate). Platform limit:
    // azure-postgres-virtual-endpoint-member.
    endpoint = new dbforpostgresql.VirtualEndpoint(
      `${name}-endpoint`,
      {
        resourceGroupName: args.resourceGroupName,
        serverName: server.name,
        virtualEndpointName: pulumi.interpolate`${server.name}-rw`,
        endpointType: "ReadWrite",
        members: [replica.name],
      },
      { parent: ctx.parent, dependsOn: [previous, replica] },
    );

    // The lag in bytes, read on the primary, rather than the replica's lag in seconds: Microsoft's read-replica
    // page defines the replica's Read Replica Lag as the time since its last replayed transaction, so it grows on a
    // primary that writes nothing, and a quiet CENM database would raise the alert with nothing left to replay. Max
    // Physical Replication Lag is the lag in bytes between the primary and its most lagging replica, published on
    // the primary only while a replica is connected, and also while the replica catches up or its replication is
    // inactive (AZURE_DOCS.postgresReadReplicas): the writes a forced promotion would lose, zero while idle. Its
    // namespace and name are Microsoft's metrics reference for flexible servers (AZURE_DOCS.postgresMetrics).
    const lagMiB = args.replicaLagAlarmMiB ?? DEFAULT_REPLICA_LAG_ALARM_MIB;
    new monitor.MetricAlert(
      `${name}-replica-lag`,
      {
        location: "global",
        resourceGroupName: args.drResourceGroupName,
        description: `CENM database ${name}: the primary is more than ${lagMiB} MiB of write-ahead log ahead of its DR read replica`,
        enabled: true,
        severity: 2,
        scopes: [server.id],
        targetResourceType: "Microsoft.DBforPostgreSQL/flexibleServers",
        targetResourceRegion: args.location,
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
              metricName: "physical_replication_delay_in_bytes",
              operator: "GreaterThan",
              threshold: lagMiB * MIB,
              timeAggregation: "Maximum",
            },
          ],
        },
        actions: [{ actionGroupId: args.actionGroupId }],
        tags,
      },
      { parent: ctx.parent },
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
      rpo: `${describeFigure(FIGURES.azurePostgresHaRpo)}; failover ${describeFigure(FIGURES.azurePostgresHaFailover)}`,
      rpoSeconds: FIGURES.azurePostgresHaRpo.seconds,
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
    rpo: `up to ${describeFigure(FIGURES.azurePostgresPointInTimeRpo)}, restorable to any point within ${args.pointInTimeDays} day(s)`,
    rpoSeconds: FIGURES.azurePostgresPointInTimeRpo.seconds,
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
      rpo: `${describeFigure(FIGURES.azurePostgresGeoBackupRpo)}, restored there by geo-restore`,
      rpoSeconds: FIGURES.azurePostgresGeoBackupRpo.seconds,
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
      rpo: `the replica lag, ${describeFigure(FIGURES.azurePostgresReplicaRpo)}; alerted when the primary is more than ${args.replicaLagAlarmMiB ?? DEFAULT_REPLICA_LAG_ALARM_MIB} MiB of write-ahead log ahead`,
      rpoSeconds: FIGURES.azurePostgresReplicaRpo.seconds,
      mechanism: "Flexible-server geo read replica, promotable; the read-write virtual endpoint follows the promotion",
    });
  }
  return copies;
}
