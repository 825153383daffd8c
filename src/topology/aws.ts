/**
 * The AWS topology of a stack: the four backup elements R3 recommends, plus the private network and the alert
 * topics they share, wired from one validated StackConfig.
 */
import * as pulumi from "@pulumi/pulumi";
import type { StackConfig } from "../config/schema";
import type { StackOutputs } from "../domain/outputs";
import { engineVersionWaiverOf, keyCopiesWaiverOf } from "./common";
import { AlertTopic } from "../components/aws/AlertTopic";
import { DataNetwork } from "../components/aws/DataNetwork";
import { OfflineKeyVault } from "../components/aws/OfflineKeyVault";
import { ReplicatedDatabase } from "../components/aws/ReplicatedDatabase";
import { ReplicatedFileStore } from "../components/aws/ReplicatedFileStore";
import { SnapshotSchedule } from "../components/aws/SnapshotSchedule";
import { accountContext } from "../components/aws/common";
import { settle } from "./settle";
import { cidrContains } from "../domain/cidr";
import { RDS_BACKUP_WINDOW } from "../domain/windows";
import type { ProtectionArgs } from "../components/types";

/** Logical names of the top-level components: a contract with deployed stacks (renames need aliases). */
export const AWS_COMPONENT_NAMES = {
  alerts: "cenm-alerts",
  network: "cenm-network",
  drNetwork: "cenm-dr-network",
  database: "cenm-db",
  snapshots: "cenm-snapshots",
  files: "cenm-files",
  keys: "cenm-keys",
} as const;

export async function awsTopology(c: StackConfig): Promise<StackOutputs> {
  const protection: ProtectionArgs = {
    enabled: c.protection.enabled,
    ...(c.protection.breakGlassPrincipalArn ? { breakGlassPrincipalArn: c.protection.breakGlassPrincipalArn } : {}),
  };
  const tags = { ...c.tags, "cenm-backup:stack": pulumi.getStack(), "cenm-backup:environment": c.environment };
  // The deploying account, looked up once for every component's key and resource policies.
  const account = accountContext();
  const common = { environment: c.environment, region: c.primary.region, drRegion: c.dr.region, protection, tags, account };
  const azs = c.primary.availabilityZones;

  const alerts = new AlertTopic(AWS_COMPONENT_NAMES.alerts, { ...common, emails: c.alerts.emails });

  await settle();
  const network = new DataNetwork(AWS_COMPONENT_NAMES.network, {
    region: c.primary.region,
    protection,
    tags,
    availabilityZones: azs,
    vpcCidr: c.network.vpcCidr,
    ...(c.network.vpcId
      ? { existingVpcId: c.network.vpcId, existingSubnetIds: c.network.subnetIds }
      : {
          // CENM subnets outside the data VPC are reached through the peering or the transit gateway config names.
          routedCidrs: c.network.cenmCidrs.filter((cidr) => !cidrContains(c.network.vpcCidr, cidr)),
          ...(c.network.cenmVpcId ? { peerVpcId: c.network.cenmVpcId, peerRouteTableIds: c.network.cenmRouteTableIds } : {}),
          ...(c.network.transitGatewayId ? { transitGatewayId: c.network.transitGatewayId } : {}),
        }),
  });
  const subnetIds = azs.map((_, i) => network.subnetIds.apply((ids) => ids[i]));

  // The DR network of the cross-region read replica: declared (or given) in the DR region, never the default VPC.
  let drNetwork: DataNetwork | undefined;
  if (c.database.crossRegionReplica && c.dr.availabilityZones) {
    await settle();
    drNetwork = new DataNetwork(AWS_COMPONENT_NAMES.drNetwork, {
      region: c.dr.region,
      protection,
      tags,
      availabilityZones: c.dr.availabilityZones,
      ...(c.network.drVpcId ? { existingVpcId: c.network.drVpcId, existingSubnetIds: c.network.drSubnetIds } : { vpcCidr: c.network.drVpcCidr }),
    });
  }

  const d = c.database;
  const s = c.snapshots;
  await settle();
  const database = new ReplicatedDatabase(AWS_COMPONENT_NAMES.database, {
    ...common,
    ...engineVersionWaiverOf(c),
    availabilityZones: azs,
    vpcId: network.vpcId,
    subnetIds,
    clientCidrs: c.network.cenmCidrs,
    engine: d.engine,
    engineVersion: d.engineVersion,
    ...(d.edition ? { edition: d.edition } : {}),
    topology: d.topology,
    instanceClass: d.instanceClass,
    allocatedStorageGb: d.allocatedStorageGb,
    storageType: d.storageType,
    ...(d.iops !== undefined ? { iops: d.iops } : {}),
    publiclyAccessible: d.publiclyAccessible,
    crossRegionReplica: d.crossRegionReplica,
    // The prod preset's Multi-AZ replica applies only where there is a replica (a stack may turn the replica off).
    ...(d.crossRegionReplica && d.replicaMultiAz !== undefined ? { replicaMultiAz: d.replicaMultiAz } : {}),
    drBackupReplication: d.drBackupReplication,
    ...(d.masterPassword ? { masterPassword: d.masterPassword } : {}),
    pointInTimeDays: s.pointInTimeDays,
    retentionManagedByAwsBackup: s.continuousBackup,
    replicaLagAlarmSeconds: d.replicaLagAlarmSeconds,
    ...(drNetwork
      ? {
          drVpcId: drNetwork.vpcId,
          drSubnetIds: c.dr.availabilityZones!.map((_, i) => drNetwork!.subnetIds.apply((ids) => ids[i])),
          drClientCidrs: c.network.drCenmCidrs ?? (c.network.drVpcCidr ? [c.network.drVpcCidr] : []),
        }
      : {}),
    alarmTopicArn: alerts.topicArn,
    drAlarmTopicArn: alerts.drTopicArn,
    databases: d.databases,
  });

  // The DR CENM subnets admitted to the replica database's port and to NFS on the file store's replica.
  const drClientCidrs = c.network.drCenmCidrs ?? (c.network.drVpcCidr ? [c.network.drVpcCidr] : []);
  await settle();
  const files = new ReplicatedFileStore(AWS_COMPONENT_NAMES.files, {
    ...common,
    availabilityZones: azs,
    vpcId: network.vpcId,
    subnetIds,
    clientCidrs: c.network.cenmCidrs,
    services: c.fileStore.services,
    drReplication: c.fileStore.drReplication,
    throughputMode: c.fileStore.throughputMode,
    // The DR network the read replica lives in: where the CENM hosts that take over mount the replica after a failover.
    ...(drNetwork && c.fileStore.drReplication && drClientCidrs.length > 0 ? { drVpcId: drNetwork.vpcId, drClientCidrs } : {}),
  });

  await settle();
  const keys = new OfflineKeyVault(AWS_COMPONENT_NAMES.keys, {
    ...common,
    availabilityZones: azs,
    vaultVpcCidr: c.network.vaultVpcCidr,
    escrowRetentionDays: c.keyVault.escrowRetentionDays,
    lockMode: c.keyVault.lockMode,
    drReplica: c.keyVault.drReplica,
    cloudHsm: c.keyVault.cloudHsm,
    cloudHsmInitialized: c.keyVault.cloudHsmInitialized,
    accessLogRetentionDays: c.keyVault.accessLogRetentionDays,
    offlineCopies: c.keyVault.offlineCopies,
    ...keyCopiesWaiverOf(c),
  });

  await settle();
  const snapshots = new SnapshotSchedule(AWS_COMPONENT_NAMES.snapshots, {
    ...common,
    resources: [
      {
        resourceType: "RDS",
        arn: database.arn,
        // AWS Backup copies no recovery point of a Multi-AZ DB cluster; its snapshots stay in the primary region.
        crossRegionCopy: d.topology !== "multi-az-cluster",
        backupWindow: RDS_BACKUP_WINDOW,
        metadataOverrides: {
          dbSubnetGroupName: database.subnetGroupName,
          vpcSecurityGroupIds: database.securityGroupId.apply((id) => JSON.stringify([id])),
        },
      },
      { resourceType: "EFS", arn: files.fileSystemArn },
    ],
    pointInTimeDays: s.pointInTimeDays,
    continuousBackup: s.continuousBackup,
    hourly: s.hourly,
    daily: s.daily,
    monthly: s.monthly,
    drCopy: s.drCopy,
    lock: s.lock,
    restoreTesting: s.restoreTesting,
    alarmTopicArn: alerts.topicArn,
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
      endpoint: database.endpoint,
      readerEndpoint: database.readerEndpoint,
      port: database.port,
      arn: database.arn,
      masterUserSecretArn: database.masterUserSecretArn,
      replicaEndpoint: database.replicaEndpoint,
      replicaArn: database.replicaArn,
      databases: database.databases,
    },
    snapshots: {
      vaultArn: snapshots.vaultArn,
      drVaultArn: snapshots.drVaultArn,
      lockMode: snapshots.lockMode,
      vaultLock: snapshots.vaultLock,
      rules: snapshots.rules,
    },
    files: {
      fileSystemId: files.fileSystemId,
      fileSystemArn: files.fileSystemArn,
      dnsName: files.dnsName,
      accessPoints: files.accessPoints,
      replicationRegion: files.replicationRegion,
    },
    keys: {
      escrowBucketArn: keys.escrowBucketArn,
      replicaBucketArn: keys.replicaBucketArn,
      vpcEndpointId: keys.vpcEndpointId,
      accessTrailArn: keys.accessTrailArn,
      keyCopies: keys.keyCopies,
      offlineCopies: c.keyVault.offlineCopies,
    },
    alerts: { topicArn: alerts.topicArn, drTopicArn: alerts.drTopicArn },
    copies: pulumi
      .all([database.copies, snapshots.copies, files.copies, keys.copies])
      .apply((groups) => groups.flat()),
    signing: { crlValidityDays: c.signing.crlValidityDays },
    waivers: c.waivers,
  };
}
