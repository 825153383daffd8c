/**
 * The Azure topology of a stack: the four backup elements R3 recommends, plus the network, resource groups and
 * action group they share, wired from one validated StackConfig.
 *
 * Type-checked in its own program (tsconfig.azure.json) and loaded by the program at run time only, so that
 * azure-native's type definitions never load with the AWS side.
 */
import * as pulumi from "@pulumi/pulumi";
import type { StackConfig } from "../config/schema";
import type { StackOutputs } from "../domain/outputs";
import { engineVersionWaiverOf, keyCopiesWaiverOf } from "./common";
import { AzureNetwork } from "../components/azure/AzureNetwork";
import { OfflineKeyVault } from "../components/azure/OfflineKeyVault";
import { postgresBootstrapSql, ReplicatedDatabase } from "../components/azure/ReplicatedDatabase";
import { ReplicatedFileStore } from "../components/azure/ReplicatedFileStore";
import { SnapshotSchedule } from "../components/azure/SnapshotSchedule";
import type { ProtectionArgs } from "../components/types";
import { settle } from "./settle";
import { clientContext } from "../components/azure/client";

/** Logical names of the top-level components: a contract with deployed stacks (renames need aliases). */
export const AZURE_COMPONENT_NAMES = {
  network: "cenm-network",
  database: "cenm-db",
  snapshots: "cenm-snapshots",
  files: "cenm-files",
  keys: "cenm-keys",
} as const;

export async function azureTopology(c: StackConfig): Promise<StackOutputs> {
  const protection: ProtectionArgs = { enabled: c.protection.enabled };
  // Azure tag keys cannot contain ':'.
  const tags = { ...c.tags, "cenm-backup-stack": pulumi.getStack(), "cenm-backup-environment": c.environment };
  const azs = c.primary.availabilityZones;
  const d = c.database;
  const s = c.snapshots;
  if (d.engine === "oracle") throw new Error(`cenm-backup:database.engine: received "oracle"; expected "postgres" or "sqlserver" on Azure`);

  const network = new AzureNetwork(AZURE_COMPONENT_NAMES.network, {
    environment: c.environment,
    location: c.primary.region,
    drLocation: c.dr.region,
    protection,
    tags,
    availabilityZones: azs,
    vnetCidr: c.network.vpcCidr,
    drVnetCidr: c.network.drVnetCidr as string,
    clientCidrs: c.network.cenmCidrs,
    alertEmails: c.alerts.emails,
  });
  const common = {
    environment: c.environment,
    location: c.primary.region,
    drLocation: c.dr.region,
    resourceGroupName: network.resourceGroupName,
    drResourceGroupName: network.drResourceGroupName,
    protection,
    tags,
    // The deploying tenant, subscription and principal, looked up once for every component.
    client: clientContext(),
    // First deployment of a locked stack: immutability is created Unlocked, then locked by the next deployment.
    ...(c.protection.firstDeployment ? { firstDeployment: true } : {}),
  };

  await settle();
  const database = new ReplicatedDatabase(AZURE_COMPONENT_NAMES.database, {
    ...common,
    ...engineVersionWaiverOf(c),
    availabilityZones: azs,
    engine: d.engine,
    engineVersion: d.engineVersion,
    topology: d.topology,
    sku: d.instanceClass,
    ...(d.tier ? { tier: d.tier } : {}),
    storageGb: d.allocatedStorageGb,
    pointInTimeDays: s.pointInTimeDays,
    geoRedundantBackup: d.drBackupReplication,
    crossRegionReplica: d.crossRegionReplica,
    delegatedSubnetId: network.postgresSubnetId,
    drDelegatedSubnetId: network.drPostgresSubnetId,
    privateDnsZoneId: network.privateDnsZoneIds.apply((z) => z.postgres),
    endpointsSubnetId: network.endpointsSubnetId,
    drEndpointsSubnetId: network.drEndpointsSubnetId,
    sqlPrivateDnsZoneId: network.privateDnsZoneIds.apply((z) => z.sql),
    databases: d.databases,
    actionGroupId: network.actionGroupId,
    ...(d.replicaLagAlarmMiB !== undefined ? { replicaLagAlarmMiB: d.replicaLagAlarmMiB } : {}),
    ...(d.entraAdministrator
      ? { entraAdminObjectId: d.entraAdministrator.objectId, entraAdminLogin: d.entraAdministrator.principalName, entraAdminPrincipalType: d.entraAdministrator.principalType }
      : {}),
  });

  await settle();
  const snapshots = new SnapshotSchedule(AZURE_COMPONENT_NAMES.snapshots, {
    ...common,
    ...(d.engine === "postgres"
      ? {
          postgresServerId: database.serverId,
          postgresServerName: database.serverName,
          postgresStorageGb: d.allocatedStorageGb,
          drEndpointsSubnetId: network.drEndpointsSubnetId,
          blobPrivateDnsZoneId: network.privateDnsZoneIds.apply((z) => z.blob),
        }
      : {}),
    pointInTimeDays: s.pointInTimeDays,
    daily: s.daily,
    monthly: s.monthly,
    hourly: s.hourly,
    drCopy: s.drCopy,
    lock: { mode: s.lock.mode },
    actionGroupId: network.actionGroupId,
  });

  await settle();
  const files = new ReplicatedFileStore(AZURE_COMPONENT_NAMES.files, {
    ...common,
    storageSku: c.fileStore.storageSku as "Premium_ZRS" | "Standard_GZRS",
    smbAccess: c.fileStore.smbAccess!,
    ...(c.fileStore.activeDirectory ? { activeDirectory: c.fileStore.activeDirectory } : {}),
    services: c.fileStore.services,
    drReplication: c.fileStore.drReplication,
    backupTier: c.fileStore.backupTier!,
    endpointsSubnetId: network.endpointsSubnetId,
    filePrivateDnsZoneId: network.privateDnsZoneIds.apply((z) => z.file),
    dailyRetentionDays: s.daily.retentionDays,
    lock: { mode: s.lock.mode },
    actionGroupId: network.actionGroupId,
  });

  await settle();
  const keys = new OfflineKeyVault(AZURE_COMPONENT_NAMES.keys, {
    ...common,
    vaultSubnetId: network.vaultSubnetId,
    drVaultSubnetId: network.drVaultSubnetId,
    vaultPrivateDnsZoneId: network.privateDnsZoneIds.apply((z) => z.vault),
    blobPrivateDnsZoneId: network.privateDnsZoneIds.apply((z) => z.blob),
    escrowRetentionDays: c.keyVault.escrowRetentionDays,
    lockMode: c.keyVault.lockMode,
    drReplica: c.keyVault.drReplica,
    ...(c.keyVault.escrowChangeFeed !== undefined ? { escrowChangeFeed: c.keyVault.escrowChangeFeed } : {}),
    offlineCopies: c.keyVault.offlineCopies,
    ...keyCopiesWaiverOf(c),
  });

  return {
    cloud: c.cloud,
    environment: c.environment,
    primaryRegion: c.primary.region,
    availabilityZones: azs,
    drRegion: c.dr.region,
    database: {
      engine: d.engine,
      engineVersion: d.engineVersion,
      topology: d.topology,
      serverId: database.serverId,
      fqdn: database.fqdn,
      databases: database.databases,
      // PostgreSQL: the SQL that creates each service's role and the database it owns (the ARM API takes no owner).
      ...(d.engine === "postgres" ? { bootstrapSql: postgresBootstrapSql(d.databases) } : {}),
    },
    snapshots: { vaultId: snapshots.vaultId, immutability: snapshots.immutability, softDelete: snapshots.softDelete },
    files: { storageAccountId: files.storageAccountId, storageSku: files.storageSku, shares: files.shares },
    keys: {
      keyVaultId: keys.keyVaultId,
      escrowAccountId: keys.escrowAccountId,
      drEscrowAccountId: keys.drEscrowAccountId,
      keyCopies: keys.keyCopies,
      offlineCopies: c.keyVault.offlineCopies,
    },
    copies: pulumi.all([database.copies, snapshots.copies, files.copies, keys.copies]).apply((groups) => groups.flat()),
    signing: { crlValidityDays: c.signing.crlValidityDays },
    waivers: c.waivers,
  };
}
