/**
 * Args and outputs of the AWS components, in one place so that the program, the components and their tests
 * agree on them. Structural choices (zones, topology, counts, flags) are plain values: they decide which
 * resources exist and are validated before anything is registered. References to other resources are
 * `pulumi.Input`s.
 */
import * as pulumi from "@pulumi/pulumi";
import type { Engine, Environment, FileService, LockMode, OfflineCopy, Topology } from "../../domain/vocabulary";
import type { ProtectionArgs } from "../types";
import type { AccountContext } from "./common";

interface CommonArgs {
  /** dev, staging or prod: decides lock modes where the args leave them open. */
  environment: Environment;
  /** Primary region, e.g. eu-west-1. Every child carries an explicit `region`. */
  region: string;
  /** Region of the asynchronous copies. */
  drRegion: string;
  /** Deletion protection of stateful children. */
  protection: ProtectionArgs;
  /** Tags of every taggable child. Default: none beyond `cenm-backup:element`. */
  tags?: Record<string, string>;
  /**
   * Account id and partition of the deploying credentials (key and resource policies name them), looked up once
   * by the program and shared. Default: the component looks them up itself.
   */
  account?: pulumi.Input<AccountContext>;
}

export interface AlertTopicArgs extends CommonArgs {
  /** E-mail addresses subscribed to both topics. Default: none. */
  emails?: string[];
}

export interface DataNetworkArgs extends Omit<CommonArgs, "drRegion" | "environment" | "account"> {
  availabilityZones: string[];
  /** CIDR of the VPC declared when no existing VPC is given (required then). */
  vpcCidr?: string;
  /** Use this VPC instead of declaring one (with `existingSubnetIds`). */
  existingVpcId?: pulumi.Input<string>;
  /** One private subnet per zone, in the order of `availabilityZones`. */
  existingSubnetIds?: pulumi.Input<string>[];
  /**
   * Client blocks outside `vpcCidr` (the CENM subnets) that the declared VPC routes through `peerVpcId` or
   * `transitGatewayId`. Default: none.
   */
  routedCidrs?: string[];
  /** A VPC of the same account and region to peer with (the CENM VPC); needs `peerRouteTableIds`. Default: none. */
  peerVpcId?: pulumi.Input<string>;
  /** Route tables of the peer VPC that get a route to `vpcCidr` through the peering. */
  peerRouteTableIds?: pulumi.Input<string>[];
  /** A transit gateway to attach the declared VPC to and route `routedCidrs` through. Default: none. */
  transitGatewayId?: pulumi.Input<string>;
}

export interface ReplicatedDatabaseArgs extends CommonArgs {
  /**
   * The reason of a written waiver that lets the server run an engine version CENM does not support but the cloud
   * offers (the stack's `db-engine-version` waiver). With it such a version is accepted with a warning. Default: none.
   */
  engineVersionWaiver?: string;
  availabilityZones: string[];
  vpcId: pulumi.Input<string>;
  /** One private subnet per zone, in the order of `availabilityZones`. */
  subnetIds: pulumi.Input<string>[];
  /** The CENM subnets: the only sources admitted to the database port. */
  clientCidrs: pulumi.Input<string>[];
  engine: Engine;
  engineVersion: string;
  edition?: string;
  topology: Topology;
  instanceClass: string;
  allocatedStorageGb: number;
  storageType: "gp3" | "io1" | "io2";
  iops?: number;
  /** Default false. */
  publiclyAccessible?: boolean;
  /** Asynchronous read replica in the DR region (instance topologies). Default false. */
  crossRegionReplica?: boolean;
  /** Automated-backup replication to the DR region (instance topologies). Default false. */
  drBackupReplication?: boolean;
  /** RDS automated backup retention, the point-in-time window (1-35 days). */
  pointInTimeDays: number;
  /** True when AWS Backup continuous backup manages the retention (RDS then reports AWS Backup's value). */
  retentionManagedByAwsBackup?: boolean;
  replicaLagAlarmSeconds: number;
  /** SNS topic in the primary region for alarms. */
  alarmTopicArn: pulumi.Input<string>;
  /** SNS topic in the DR region for alarms on the DR replica. */
  drAlarmTopicArn?: pulumi.Input<string>;
  databases: { service: string; name: string; user: string }[];
}

export interface RestoreTarget {
  /** AWS Backup protected resource type: "RDS" or "EFS". */
  resourceType: "RDS" | "EFS";
  arn: pulumi.Input<string>;
  /** Restore metadata overrides (subnet group, security groups...). */
  metadataOverrides?: Record<string, pulumi.Input<string>>;
  /**
   * Whether AWS Backup can copy this resource's recovery points to the DR vault. False for an RDS Multi-AZ DB
   * cluster (AWS copies none of its snapshots): such a resource is backed up by a plan of its own without copy
   * actions. Default true.
   */
  crossRegionCopy?: boolean;
  /**
   * The resource's own daily backup window (`hh:mm-hh:mm`, UTC), for an RDS database: snapshot rules never start
   * inside it. Default: none.
   */
  backupWindow?: string;
}

export interface SnapshotScheduleArgs extends CommonArgs {
  /** Everything the backup plan covers (the database and the file system). */
  resources: RestoreTarget[];
  pointInTimeDays: number;
  continuousBackup: boolean;
  hourly: { enabled: boolean; everyHours: number; retentionDays: number };
  daily: { enabled: boolean; retentionDays: number; hourUtc: number };
  monthly: { enabled: boolean; retentionDays: number };
  drCopy: { enabled: boolean; retentionDays: number };
  lock: { mode: LockMode; changeableForDays?: number };
  restoreTesting: { enabled: boolean; scheduleExpression: string; validationWindowHours: number };
  /** SNS topic (primary region) for failed backup, copy and restore-test jobs. */
  alarmTopicArn: pulumi.Input<string>;
}

export interface ReplicatedFileStoreArgs extends CommonArgs {
  availabilityZones: string[];
  vpcId: pulumi.Input<string>;
  subnetIds: pulumi.Input<string>[];
  clientCidrs: pulumi.Input<string>[];
  services: FileService[];
  /** Default true. */
  drReplication?: boolean;
  /** Default "elastic". */
  throughputMode?: "elastic" | "bursting";
}

export interface OfflineKeyVaultArgs extends CommonArgs {
  /**
   * The reason of a written waiver that lets a prod stack keep fewer than two separate copies of the signing keys
   * (the stack's `keys-two-copies` waiver). With it the component warns instead of refusing. Default: none.
   */
  keyCopiesWaiver?: string;
  /** Zones of the isolated vault VPC's subnets (and of the two HSMs). */
  availabilityZones: string[];
  vaultVpcCidr: string;
  escrowRetentionDays: number;
  lockMode: LockMode;
  /** Default true. */
  drReplica?: boolean;
  /** An AWS CloudHSM cluster in the vault VPC (opt-in: CENM documents an old CloudHSM client). Default false. */
  cloudHsm?: boolean;
  /**
   * The cluster has been initialized and activated from its first HSM: declare the second HSM in the second zone.
   * Default false (one HSM, as the initialization needs).
   */
  cloudHsmInitialized?: boolean;
  /** Days the escrow's access log (CloudTrail data events) is kept under Object Lock. Default 2557 (7 years). */
  accessLogRetentionDays?: number;
  /** Copies outside the cloud: recorded and exported, never created. Default none. */
  offlineCopies?: OfflineCopy[];
}
