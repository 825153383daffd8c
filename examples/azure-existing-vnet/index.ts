/**
 * A platform team's own Pulumi program that puts CENM's database, its vaulted backups and the CENM service
 * directories into virtual networks the team already runs. It composes the Azure components from
 * `cenm-backup/azure` directly, with the team's resource groups, delegated subnets, private DNS zones and action
 * group given as config.
 *
 * A new environment deploys in two steps (see the README): `pulumi config set firstDeployment true`, `pulumi up`,
 * then `pulumi config rm firstDeployment` and `pulumi up` again.
 *
 * Type-checked by `npm test` in the Azure program (tsconfig.azure.json maps `cenm-backup/azure` to src/azure.ts).
 */
import * as pulumi from "@pulumi/pulumi";
import { ReplicatedDatabase, ReplicatedFileStore, SnapshotSchedule, type AzureCommonArgs } from "cenm-backup/azure";

const config = new pulumi.Config();
const net = config.requireObject<{
  resourceGroupName: string;
  drResourceGroupName: string;
  postgresSubnetId: string;
  drPostgresSubnetId: string;
  endpointsSubnetId: string;
  drEndpointsSubnetId: string;
  postgresDnsZoneId: string;
  fileDnsZoneId: string;
  actionGroupId: string;
}>("platformNetwork");

const common: AzureCommonArgs = {
  environment: "prod",
  location: "westeurope",
  drLocation: "northeurope",
  resourceGroupName: net.resourceGroupName,
  drResourceGroupName: net.drResourceGroupName,
  protection: { enabled: true },
  tags: { owner: "platform-team" },
  firstDeployment: config.getBoolean("firstDeployment") ?? false,
};

const database = new ReplicatedDatabase("cenm-db", {
  ...common,
  availabilityZones: ["1", "2"],
  engine: "postgres",
  engineVersion: "16",
  topology: "multi-az-instance",
  sku: "Standard_E4ds_v5",
  tier: "MemoryOptimized",
  storageGb: 512,
  pointInTimeDays: 35,
  geoRedundantBackup: true,
  crossRegionReplica: false,
  delegatedSubnetId: net.postgresSubnetId,
  drDelegatedSubnetId: net.drPostgresSubnetId,
  privateDnsZoneId: net.postgresDnsZoneId,
  endpointsSubnetId: net.endpointsSubnetId,
  drEndpointsSubnetId: net.drEndpointsSubnetId,
  databases: [
    { service: "identity-manager", name: "identitymanager", user: "identitymanager" },
    { service: "network-map", name: "networkmap", user: "networkmap" },
  ],
  actionGroupId: net.actionGroupId,
  entraAdminObjectId: "6f1c2a9e-0d3b-4c55-9a61-1d2e3f4a5b62",
  entraAdminLogin: "cenm-dba",
  entraAdminPrincipalType: "group",
});

new SnapshotSchedule("cenm-snapshots", {
  ...common,
  postgresServerId: database.serverId,
  postgresServerName: database.serverName,
  pointInTimeDays: 35,
  hourly: { enabled: false, everyHours: 1, retentionDays: 2 },
  daily: { enabled: true, retentionDays: 35, hourUtc: 3 },
  monthly: { enabled: true, retentionDays: 365 },
  drCopy: { enabled: true, retentionDays: 35 },
  lock: { mode: "compliance" },
  actionGroupId: net.actionGroupId,
});

const files = new ReplicatedFileStore("cenm-files", {
  ...common,
  storageSku: "Standard_GZRS",
  smbAccess: "storage-key",
  services: ["identity-manager", "network-map", "signer"],
  drReplication: true,
  // Copies in the vault, restorable in the paired region (vaulted backups need the storage-key access above).
  backupTier: "vault-standard",
  endpointsSubnetId: net.endpointsSubnetId,
  filePrivateDnsZoneId: net.fileDnsZoneId,
  dailyRetentionDays: 35,
  lock: { mode: "compliance" },
  actionGroupId: net.actionGroupId,
});

export const serverName = database.serverName;
export const storageAccountName = files.storageAccountName;
