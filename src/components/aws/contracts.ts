/**
 * Args and outputs of the AWS components, in one place so that the program, the components and their tests
 * agree on them. Structural choices (zones, topology, counts, flags) are plain values: they decide which
 * resources exist and are validated before anything is registered. References to other resources are
 * `pulumi.Input`s.
 *
 * Every type here is one Pulumi's schema inference accepts, because the component package (src/plugin) takes
 * these args as they are: nested values are named interfaces, choices are a constant object with a type of the
 * same name, and no args interface is built with `Omit` or `&` (their fields would lose their types and docs).
 */
import * as pulumi from "@pulumi/pulumi";
import type { Engine, Environment, FileService, LockMode, MasterPassword, OfflineCopy, Topology } from "../../domain/vocabulary";
import type { RdsStorageType } from "../../domain/limits/rdsStorage";
import type { ProtectionArgs, ServiceDatabase } from "../types";
import type { AccountContext } from "./common";

/** What every AWS component takes, DataNetwork included. */
export interface RegionalArgs {
  /** Primary region, e.g. eu-west-1. Every child carries an explicit `region`. */
  region: string;
  /** Deletion protection of stateful children. */
  protection: ProtectionArgs;
  /**
   * Tags of every taggable child, beyond `cenm-backup:element`.
   * @default {}
   */
  tags?: Record<string, string>;
}

/** What every AWS component but DataNetwork takes. */
export interface CommonArgs extends RegionalArgs {
  /** dev, staging or prod: decides lock modes where the args leave them open. */
  environment: Environment;
  /** Region of the asynchronous copies. */
  drRegion: string;
  /**
   * Account id and partition of the deploying credentials (key and resource policies name them), looked up once
   * by the program and shared. Given as a plain value, it is also checked against `protection.breakGlassPrincipalArn`
   * before anything is declared: a break-glass principal of another account is refused (KMS lets no other account
   * manage the keys); looked up, it is known only at deployment, and the platform limit judges the plan instead.
   * @default the component looks them up itself (aws.getCallerIdentity, aws.getPartition)
   */
  account?: pulumi.Input<AccountContext>;
}

export interface AlertTopicArgs extends CommonArgs {
  /**
   * E-mail addresses subscribed to both topics (each must confirm its subscription).
   * @default []
   */
  emails?: string[];
}

export interface DataNetworkArgs extends RegionalArgs {
  /** Zones of the private subnets, one subnet per zone (at least two). */
  availabilityZones: string[];
  /**
   * CIDR of the VPC to declare, carved into one private subnet per zone. Required unless `existingVpcId` is given.
   * @default none (an existing VPC is used)
   */
  vpcCidr?: string;
  /**
   * A VPC of the platform team's to place the data tier in instead of declaring one (with `existingSubnetIds`).
   * @default none (a VPC is declared from `vpcCidr`)
   */
  existingVpcId?: pulumi.Input<string>;
  /**
   * One private subnet per zone of `existingVpcId`, in the order of `availabilityZones`.
   * @default none (subnets are declared from `vpcCidr`)
   */
  existingSubnetIds?: pulumi.Input<string>[];
  /**
   * Client blocks outside `vpcCidr` (the CENM subnets) that the declared VPC routes through `peerVpcId` or
   * `transitGatewayId`.
   * @default []
   */
  routedCidrs?: string[];
  /**
   * A VPC of the same account and region to peer with (the CENM VPC); needs `peerRouteTableIds`.
   * @default none (no peering)
   */
  peerVpcId?: pulumi.Input<string>;
  /**
   * Route tables of the peer VPC that get a route to `vpcCidr` through the peering.
   * @default [] (required with `peerVpcId`)
   */
  peerRouteTableIds?: pulumi.Input<string>[];
  /**
   * A transit gateway to attach the declared VPC to and route `routedCidrs` through.
   * @default none (no attachment)
   */
  transitGatewayId?: pulumi.Input<string>;
}

export interface ReplicatedDatabaseArgs extends CommonArgs {
  /**
   * The reason of a written waiver that lets the server run an engine version CENM does not support but the cloud
   * offers (the stack's `db-engine-version` waiver). With it such a version is accepted with a warning.
   * @default none (only versions CENM supports)
   */
  engineVersionWaiver?: string;
  /** Zones of the database subnets: the standby (or the cluster's readers) go to the second and third. */
  availabilityZones: string[];
  /** VPC of the database and its security group. */
  vpcId: pulumi.Input<string>;
  /** One private subnet per zone, in the order of `availabilityZones`. */
  subnetIds: pulumi.Input<string>[];
  /** The CENM subnets: the only sources admitted to the database port. */
  clientCidrs: pulumi.Input<string>[];
  /** Database engine: postgres, sqlserver or oracle (CENM's supported engines). */
  engine: Engine;
  /** Engine version, e.g. "16.6"; CENM's support matrix decides what is accepted (see `engineVersionWaiver`). */
  engineVersion: string;
  /**
   * RDS edition for SQL Server ("ee", "se") and Oracle ("ee", "se2"); ignored for PostgreSQL.
   * @default "ee" for SQL Server and Oracle
   */
  edition?: string;
  /** multi-az-instance (synchronous standby), multi-az-cluster (two readable standbys, PostgreSQL) or single-az-instance. */
  topology: Topology;
  /** RDS instance class, e.g. db.r6g.large. */
  instanceClass: string;
  /** Allocated storage, GiB (RDS's bounds for the engine and storage type apply). */
  allocatedStorageGb: number;
  /** Storage type. */
  storageType: RdsStorageType;
  /**
   * Provisioned IOPS (io1 and io2 need them; gp3 takes them above its baseline).
   * @default none (gp3's baseline)
   */
  iops?: number;
  /**
   * Whether the database answers on a public address (refused in prod without a written waiver).
   * @default false
   */
  publiclyAccessible?: boolean;
  /**
   * Asynchronous read replica in the DR region (instance topologies), with its own DR-region key and subnet group.
   * @default false
   */
  crossRegionReplica?: boolean;
  /**
   * With `crossRegionReplica`: the replica is itself a Multi-AZ DB instance, with a synchronous standby in another zone
   * of the DR region, which it keeps once promoted, so that a region failover still leaves a synchronous copy in a
   * second zone (R3's first recommendation). Doubles the replica's instance and storage; refused without
   * `crossRegionReplica`.
   * @default false (the runbook adds the standby after a promotion)
   */
  replicaMultiAz?: boolean;
  /**
   * Automated-backup replication to the DR region (instance topologies).
   * @default false
   */
  drBackupReplication?: boolean;
  /**
   * Who keeps the master user's password. "rds-managed": RDS generates it, keeps it in a Secrets Manager secret of
   * its own (encrypted with the database's key) and rotates it every 7 days; RDS then refuses read replicas of the
   * database, SQL Server apart (refused here with `crossRegionReplica` for PostgreSQL and Oracle). "generated": the
   * component generates it (a 30-character Pulumi secret), keeps it in a Secrets Manager secret it declares,
   * encrypted with the database's key and replicated to the DR region under the DR key when there are DR copies,
   * and gives it to RDS; it changes when that password resource is replaced (`pulumi up --replace`).
   * @default "generated" with `crossRegionReplica`, else "rds-managed"
   */
  masterPassword?: MasterPassword;
  /** RDS automated backup retention, the point-in-time window (1-35 days). */
  pointInTimeDays: number;
  /**
   * AWS Backup continuous backup manages the retention (RDS then reports AWS Backup's value, and the component
   * stops declaring its own).
   * @default false
   */
  retentionManagedByAwsBackup?: boolean;
  /** Replica lag, in seconds, above which the replica-lag alarms fire. */
  replicaLagAlarmSeconds: number;
  /** SNS topic in the primary region for alarms. */
  alarmTopicArn: pulumi.Input<string>;
  /**
   * SNS topic in the DR region for the replica-lag alarm of the cross-region replica (required with it).
   * @default none
   */
  drAlarmTopicArn?: pulumi.Input<string>;
  /** Each CENM service's database and user (each service its own). */
  databases: ServiceDatabase[];
}

/** The AWS Backup protected resource types a snapshot schedule covers. */
export const RestoreResourceType = {
  /** An RDS DB instance or Multi-AZ DB cluster. */
  Rds: "RDS",
  /** An EFS file system. */
  Efs: "EFS",
} as const;
export type RestoreResourceType = (typeof RestoreResourceType)[keyof typeof RestoreResourceType];

/** A resource the snapshot schedule backs up and restore-tests. */
export interface RestoreTarget {
  /** AWS Backup protected resource type: "RDS" or "EFS". */
  resourceType: RestoreResourceType;
  /** ARN of the resource. */
  arn: pulumi.Input<string>;
  /**
   * Restore metadata overrides of the restore-testing selection (subnet group, security groups...).
   * @default {}
   */
  metadataOverrides?: Record<string, pulumi.Input<string>>;
  /**
   * Whether AWS Backup can copy this resource's recovery points to the DR vault. False for an RDS Multi-AZ DB
   * cluster (AWS copies none of its snapshots): such a resource is backed up by a plan of its own without copy
   * actions.
   * @default true
   */
  crossRegionCopy?: boolean;
  /**
   * The resource's own daily backup window (`hh:mm-hh:mm`, UTC), for an RDS database: snapshot rules never start
   * inside it.
   * @default none
   */
  backupWindow?: string;
}

/** The hourly snapshot rule of a snapshot schedule. */
export interface HourlySnapshots {
  /** Whether the rule exists. */
  enabled: boolean;
  /** Hours between two snapshots: a divisor of 24 (1, 2, 3, 4, 6, 8, 12 or 24). */
  everyHours: number;
  /** Days each snapshot is kept in the primary vault. */
  retentionDays: number;
}

/** The daily snapshot rule of a snapshot schedule. */
export interface DailySnapshots {
  /** Whether the rule exists. */
  enabled: boolean;
  /** Days each snapshot is kept in the primary vault. */
  retentionDays: number;
  /** Hour of the day (UTC, 0-23) the snapshot starts. */
  hourUtc: number;
}

/** The monthly snapshot rule of a snapshot schedule. */
export interface MonthlySnapshots {
  /** Whether the rule exists. */
  enabled: boolean;
  /** Days each snapshot is kept in the primary vault. */
  retentionDays: number;
}

/** Copies of the recovery points to a locked vault in the DR region. */
export interface DrVaultCopy {
  /** Whether the rules copy their recovery points to the DR vault. */
  enabled: boolean;
  /** Days each copy is kept in the DR vault. */
  retentionDays: number;
}

/** The vault lock of a snapshot schedule's vaults. */
export interface VaultLock {
  /** compliance (nobody can lift it once `changeableForDays` have passed) or governance. */
  mode: LockMode;
  /**
   * Days during which a compliance lock can still be removed (at least 3): required in compliance mode, refused in
   * governance mode.
   * @default none (required with compliance)
   */
  changeableForDays?: number;
  /**
   * Shortest retention the locks admit, in days: a backup or copy job kept shorter fails. Every rule and copy must
   * keep at least this long. The bounds are fixed rather than taken from the rules because the provider replaces a
   * lock whenever they change, which AWS refuses for a compliance lock past its grace time.
   * @default 1
   */
  minRetentionDays?: number;
  /**
   * Longest retention the locks admit, in days: a backup or copy job kept longer (or forever) fails. Every rule and
   * copy must keep at most this long.
   * @default 2557 (7 years, as long as the package keeps audit records)
   */
  maxRetentionDays?: number;
}

/** AWS Backup restore testing of the latest recovery points. */
export interface RestoreTesting {
  /** Whether the restore testing plan exists. */
  enabled: boolean;
  /** When the restore tests start: an AWS cron expression, e.g. cron(0 6 ? * SUN *). */
  scheduleExpression: string;
  /** Hours a restored resource is kept for validation before AWS Backup deletes it. */
  validationWindowHours: number;
}

export interface SnapshotScheduleArgs extends CommonArgs {
  /** Everything the backup plan covers (the database and the file system). */
  resources: RestoreTarget[];
  /** Days of continuous (point-in-time) recovery points, when `continuousBackup`. */
  pointInTimeDays: number;
  /** An AWS Backup continuous-backup rule for the database (point-in-time restore from the vault). */
  continuousBackup: boolean;
  /** Snapshots every `everyHours` hours, kept `retentionDays` (kept clear of the RDS backup window). */
  hourly: HourlySnapshots;
  /** A snapshot a day at `hourUtc`, kept `retentionDays`. */
  daily: DailySnapshots;
  /** A snapshot on the first of each month, kept `retentionDays`. */
  monthly: MonthlySnapshots;
  /** Copies of every rule's recovery points to a locked vault in the DR region, kept `retentionDays`. */
  drCopy: DrVaultCopy;
  /** The vault lock: compliance (immutable after `changeableForDays`, at least 3) or governance. */
  lock: VaultLock;
  /** AWS Backup restore testing of the latest recovery points (`scheduleExpression`, a cron expression). */
  restoreTesting: RestoreTesting;
  /** SNS topic (primary region) for failed backup, copy and restore-test jobs. */
  alarmTopicArn: pulumi.Input<string>;
}

export interface ReplicatedFileStoreArgs extends CommonArgs {
  /** Zones of the mount targets, one per zone. */
  availabilityZones: string[];
  /** VPC of the mount targets and their security group. */
  vpcId: pulumi.Input<string>;
  /** One private subnet per zone, in the order of `availabilityZones`. */
  subnetIds: pulumi.Input<string>[];
  /** The CENM subnets: the only sources admitted to NFS. */
  clientCidrs: pulumi.Input<string>[];
  /** CENM services whose whole directory the file system holds, one access point each. */
  services: FileService[];
  /**
   * EFS replication of the file system to the DR region (asynchronous, read-only until failover).
   * @default true
   */
  drReplication?: boolean;
  /**
   * With `drReplication`: a VPC of the DR region where the CENM hosts that take over would mount the replica. The
   * component declares there a security group admitting NFS from `drClientCidrs` only, for the mount targets a
   * failover gives the replica (EFS creates none for a replica, and none are needed beforehand).
   * @default none (the failover brings its own security group)
   */
  drVpcId?: pulumi.Input<string>;
  /**
   * With `drVpcId`: the DR CENM subnets admitted to NFS (TCP 2049) on the replica's future mount targets.
   * @default none (required with drVpcId)
   */
  drClientCidrs?: pulumi.Input<string>[];
  /**
   * EFS throughput mode.
   * @default "elastic"
   */
  throughputMode?: EfsThroughputMode;
}

/** EFS throughput modes the file store offers. */
export const EfsThroughputMode = {
  /** Throughput scales with the workload, paid per use. */
  Elastic: "elastic",
  /** Throughput scales with the stored size, with burst credits. */
  Bursting: "bursting",
} as const;
export type EfsThroughputMode = (typeof EfsThroughputMode)[keyof typeof EfsThroughputMode];

export interface OfflineKeyVaultArgs extends CommonArgs {
  /**
   * The reason of a written waiver that lets a prod stack keep fewer than two separate copies of the signing keys
   * (the stack's `keys-two-copies` waiver). With it the component warns instead of refusing.
   * @default none (a prod stack needs two copies)
   */
  keyCopiesWaiver?: string;
  /** Zones of the isolated vault VPC's subnets (and of the two HSMs). */
  availabilityZones: string[];
  /** CIDR of the isolated vault VPC (no Internet gateway, no NAT, no route out). */
  vaultVpcCidr: string;
  /** Object Lock default retention of the escrowed key material, days. */
  escrowRetentionDays: number;
  /** Object Lock mode of the escrow buckets (and of the access log). */
  lockMode: LockMode;
  /**
   * A locked replica of the escrow in the DR region (storage class GLACIER_IR: S3 Glacier Instant Retrieval, read without a restore).
   * @default true
   */
  drReplica?: boolean;
  /**
   * An AWS CloudHSM cluster in the vault VPC (opt-in: CENM documents an old CloudHSM client).
   * @default false
   */
  cloudHsm?: boolean;
  /**
   * The cluster has been initialized and activated from its first HSM: declare the second HSM in the second zone.
   * @default false (one HSM, as the initialization needs)
   */
  cloudHsmInitialized?: boolean;
  /**
   * Days the escrow's access log (CloudTrail data events) is kept under Object Lock.
   * @default 2557 (7 years)
   */
  accessLogRetentionDays?: number;
  /**
   * Copies of the signing keys outside the cloud: recorded and exported, never created.
   * @default []
   */
  offlineCopies?: OfflineCopy[];
}
