/**
 * The AWS components of the component package: each class is a thin component of its own type
 * (`cenm-backup:index:Aws<Name>`) that takes the library component's args unchanged, declares that component
 * (`cenm-backup/aws`) as its only child and passes its outputs on.
 *
 * Why a class of its own rather than the library class: Pulumi's provider host names a component after its class,
 * and the AWS and Azure sides share class names (ReplicatedDatabase, SnapshotSchedule...); the schema inference
 * reads only fields declared on the class itself, and only types it can express (the few outputs the library
 * types otherwise, such as the key-copy count by kind, are given here in a plain form).
 */
import * as pulumi from "@pulumi/pulumi";
import { AlertTopic } from "../components/aws/AlertTopic";
import { DataNetwork } from "../components/aws/DataNetwork";
import { EscrowAccessLog, type EscrowAccessLogArgs } from "../components/aws/EscrowAccessLog";
import { OfflineKeyVault } from "../components/aws/OfflineKeyVault";
import { ReplicatedDatabase, type ReplicatedDatabaseInputs } from "../components/aws/ReplicatedDatabase";
import { ReplicatedFileStore, type AccessPointOutput, type ReplicatedFileStoreComponentArgs } from "../components/aws/ReplicatedFileStore";
import { SnapshotSchedule, type BackupRuleSummary, type VaultLockSummary } from "../components/aws/SnapshotSchedule";
import type { AlertTopicArgs, DataNetworkArgs, OfflineKeyVaultArgs, SnapshotScheduleArgs } from "../components/aws/contracts";
import type { CopyDescriptor, ServiceDatabase } from "../components/types";
import type { LockMode, OfflineCopy } from "../domain/vocabulary";
import { componentToken, outputsOf } from "./component";

/**
 * R3's database replication on Amazon RDS: a Multi-AZ DB instance (a synchronous standby in another zone), a
 * Multi-AZ DB cluster (two readable standbys) or a single instance for dev, with an optional cross-region read
 * replica and automated-backup replication in the DR region. TLS is forced, storage is encrypted with a
 * customer-managed key and stateful resources are protected. The CENM service databases themselves are created by
 * the DBA bootstrap, listed in `databases`. Declares `ReplicatedDatabase` of `cenm-backup/aws`.
 */
export class AwsReplicatedDatabase extends pulumi.ComponentResource {
  /** RDS engine name, e.g. postgres, sqlserver-ee, oracle-ee. */
  public readonly engine: pulumi.Output<string>;
  /** Host name of the writer. */
  public readonly endpoint: pulumi.Output<string>;
  /** Host name of the readable standbys (cluster); the writer's host name for an instance. */
  public readonly readerEndpoint: pulumi.Output<string>;
  /** Port clients connect to (for Oracle, the TLS listener). */
  public readonly port: pulumi.Output<number>;
  /** ARN of the cluster or of the primary instance: the AWS Backup target. */
  public readonly arn: pulumi.Output<string>;
  /** Whether `arn` names a cluster or an instance: "cluster" or "instance". */
  public readonly resourceType: pulumi.Output<string>;
  /** ARN of the cross-region replica; absent when there is none. */
  public readonly replicaArn: pulumi.Output<string | undefined>;
  /** Host name of the cross-region replica; absent when there is none. */
  public readonly replicaEndpoint: pulumi.Output<string | undefined>;
  /** Primary region of the database. */
  public readonly region: pulumi.Output<string>;
  /** Zones the primary and its synchronous standbys may occupy. */
  public readonly availabilityZones: pulumi.Output<string[]>;
  /** Administrative login (its password lives in the secret `masterUserSecretArn` names). */
  public readonly masterUsername: pulumi.Output<string>;
  /** ARN of the Secrets Manager secret of the master user (`{"username", "password"}`): RDS's own, or the component's. */
  public readonly masterUserSecretArn: pulumi.Output<string>;
  /** Customer-managed key of the storage, the master user secret and Performance Insights. */
  public readonly kmsKeyArn: pulumi.Output<string>;
  /** Customer-managed key of the DR-region copies; absent when there are none. */
  public readonly drKmsKeyArn: pulumi.Output<string | undefined>;
  /** Name of the DB subnet group of the primary. */
  public readonly subnetGroupName: pulumi.Output<string>;
  /** Security group of the primary: the engine port from `clientCidrs` only. */
  public readonly securityGroupId: pulumi.Output<string>;
  /** The CENM service databases and users the DBA bootstrap creates. */
  public readonly databases: pulumi.Output<ServiceDatabase[]>;
  /** Every copy of the database this component declared. */
  public readonly copies: pulumi.Output<CopyDescriptor[]>;

  constructor(name: string, args: ReplicatedDatabaseInputs, opts?: pulumi.ComponentResourceOptions) {
    super(componentToken("AwsReplicatedDatabase"), name, {}, opts);
    const db = new ReplicatedDatabase(name, args, { parent: this });
    this.engine = db.engine;
    this.endpoint = db.endpoint;
    this.readerEndpoint = db.readerEndpoint;
    this.port = db.port;
    this.arn = db.arn;
    this.resourceType = db.resourceType;
    this.replicaArn = db.replicaArn;
    this.replicaEndpoint = db.replicaEndpoint;
    this.region = db.region;
    this.availabilityZones = db.availabilityZones;
    this.masterUsername = db.masterUsername;
    this.masterUserSecretArn = db.masterUserSecretArn;
    this.kmsKeyArn = db.kmsKeyArn;
    this.drKmsKeyArn = db.drKmsKeyArn;
    this.subnetGroupName = db.subnetGroupName;
    this.securityGroupId = db.securityGroupId;
    this.databases = db.databases;
    this.copies = db.copies;
    this.registerOutputs(outputsOf(this));
  }
}

/**
 * R3's rolling database snapshots with AWS Backup: a locked vault (compliance mode in prod), continuous, hourly,
 * daily and monthly rules kept clear of the RDS backup window, copies to a locked vault in the DR region (never of
 * what AWS Backup cannot copy), restore testing and failure notifications. Declares `SnapshotSchedule` of
 * `cenm-backup/aws`.
 */
export class AwsSnapshotSchedule extends pulumi.ComponentResource {
  /** ARN of the primary vault. */
  public readonly vaultArn: pulumi.Output<string>;
  /** Name of the primary vault. */
  public readonly vaultName: pulumi.Output<string>;
  /** ARN of the DR-region vault; absent when `drCopy.enabled` is false. */
  public readonly drVaultArn: pulumi.Output<string | undefined>;
  /** Id of the backup plan. */
  public readonly planId: pulumi.Output<string>;
  /** Id of the plan's backup selection. */
  public readonly selectionId: pulumi.Output<string>;
  /** Lock mode of the vaults. */
  public readonly lockMode: pulumi.Output<LockMode>;
  /** The vaults' lock: mode, retention bounds and grace time. */
  public readonly vaultLock: pulumi.Output<VaultLockSummary>;
  /** A plain summary of the plan's rules. */
  public readonly rules: pulumi.Output<BackupRuleSummary[]>;
  /** Name of the restore testing plan; absent when restore testing is off. */
  public readonly restoreTestingPlanName: pulumi.Output<string | undefined>;
  /** Every copy of the data this component declared. */
  public readonly copies: pulumi.Output<CopyDescriptor[]>;

  constructor(name: string, args: SnapshotScheduleArgs, opts?: pulumi.ComponentResourceOptions) {
    super(componentToken("AwsSnapshotSchedule"), name, {}, opts);
    const schedule = new SnapshotSchedule(name, args, { parent: this });
    this.vaultArn = schedule.vaultArn;
    this.vaultName = schedule.vaultName;
    this.drVaultArn = schedule.drVaultArn;
    this.planId = schedule.planId;
    this.selectionId = schedule.selectionId;
    this.lockMode = schedule.lockMode;
    this.vaultLock = schedule.vaultLock;
    this.rules = schedule.rules;
    this.restoreTestingPlanName = schedule.restoreTestingPlanName;
    this.copies = schedule.copies;
    this.registerOutputs(outputsOf(this));
  }
}

/**
 * R3's replicated file storage on Amazon EFS: a regional file system (synchronous across zones) with one access
 * point per CENM service directory, a TLS-only policy and replication to the DR region. Declares
 * `ReplicatedFileStore` of `cenm-backup/aws`.
 */
export class AwsReplicatedFileStore extends pulumi.ComponentResource {
  /** Id of the file system. */
  public readonly fileSystemId: pulumi.Output<string>;
  /** ARN of the file system: what the AWS Backup selection targets. */
  public readonly fileSystemArn: pulumi.Output<string>;
  /** DNS name of the file system. */
  public readonly dnsName: pulumi.Output<string>;
  /** Customer-managed key of the file system. */
  public readonly kmsKeyArn: pulumi.Output<string>;
  /** Key of the DR replica; absent without replication. */
  public readonly drKmsKeyArn: pulumi.Output<string | undefined>;
  /** Mount targets, in the order of `availabilityZones`. */
  public readonly mountTargetIds: pulumi.Output<string[]>;
  /** Security group of the mount targets: NFS from `clientCidrs` only. */
  public readonly securityGroupId: pulumi.Output<string>;
  /** Security group for the replica's mount targets in the DR VPC: NFS from `drClientCidrs` only; absent without `drVpcId`. */
  public readonly drSecurityGroupId: pulumi.Output<string | undefined>;
  /** Each CENM service's access point, by service. */
  public readonly accessPoints: pulumi.Output<Record<string, AccessPointOutput>>;
  /** Region of the replica; absent without replication. */
  public readonly replicationRegion: pulumi.Output<string | undefined>;
  /** Primary region of the file system. */
  public readonly region: pulumi.Output<string>;
  /** Zones of the mount targets. */
  public readonly availabilityZones: pulumi.Output<string[]>;
  /** Every copy of the files this component declared. */
  public readonly copies: pulumi.Output<CopyDescriptor[]>;

  constructor(name: string, args: ReplicatedFileStoreComponentArgs, opts?: pulumi.ComponentResourceOptions) {
    super(componentToken("AwsReplicatedFileStore"), name, {}, opts);
    const store = new ReplicatedFileStore(name, args, { parent: this });
    this.fileSystemId = store.fileSystemId;
    this.fileSystemArn = store.fileSystemArn;
    this.dnsName = store.dnsName;
    this.kmsKeyArn = store.kmsKeyArn;
    this.drKmsKeyArn = store.drKmsKeyArn;
    this.mountTargetIds = store.mountTargetIds;
    this.securityGroupId = store.securityGroupId;
    this.drSecurityGroupId = store.drSecurityGroupId;
    this.accessPoints = store.accessPoints;
    this.replicationRegion = store.replicationRegion;
    this.region = store.region;
    this.availabilityZones = store.availabilityZones;
    this.copies = store.copies;
    this.registerOutputs(outputsOf(this));
  }
}

/**
 * R3's offline-style key storage on AWS: an Object Lock escrow bucket reachable only through an isolated VPC's
 * endpoint, a locked replica in the DR region (S3 Glacier Instant Retrieval), a CloudTrail record of every read and write in a
 * locked log bucket (and of the replica's in a second one in the DR region), an optional CloudHSM cluster, and the operator's offline copies recorded from the args. A prod
 * stack needs at least two separate copies of the signing keys. Declares `OfflineKeyVault` of `cenm-backup/aws`.
 */
export class AwsOfflineKeyVault extends pulumi.ComponentResource {
  /** Name of the escrow bucket. */
  public readonly escrowBucketName: pulumi.Output<string>;
  /** ARN of the escrow bucket. */
  public readonly escrowBucketArn: pulumi.Output<string>;
  /** Name of the DR replica bucket; absent without `drReplica`. */
  public readonly replicaBucketName: pulumi.Output<string | undefined>;
  /** ARN of the DR replica bucket; absent without `drReplica`. */
  public readonly replicaBucketArn: pulumi.Output<string | undefined>;
  /** The multi-region primary key of the escrow. */
  public readonly kmsKeyArn: pulumi.Output<string>;
  /** The escrow key's replica in the DR region; absent without `drReplica`. */
  public readonly replicaKmsKeyArn: pulumi.Output<string | undefined>;
  /** The isolated vault VPC. */
  public readonly vpcId: pulumi.Output<string>;
  /** The S3 gateway endpoint: the only way to the escrow's objects. */
  public readonly vpcEndpointId: pulumi.Output<string>;
  /** Id of the CloudHSM cluster; absent without `cloudHsm`. */
  public readonly cloudHsmClusterId: pulumi.Output<string | undefined>;
  /** The CloudTrail trail recording every read and write of the escrow's objects. */
  public readonly accessTrailArn: pulumi.Output<string>;
  /** The locked bucket that trail writes to. */
  public readonly accessLogBucketArn: pulumi.Output<string>;
  /** The DR region's single-region trail recording the replica's reads and writes; absent without `drReplica`. */
  public readonly drAccessTrailArn: pulumi.Output<string | undefined>;
  /** The locked bucket in the DR region that trail writes to; absent without `drReplica`. */
  public readonly drAccessLogBucketArn: pulumi.Output<string | undefined>;
  /** The operator's offline copies, verbatim. */
  public readonly offlineCopies: pulumi.Output<OfflineCopy[]>;
  /** Separate copies of the signing keys, every kind together (R3 recommends at least two). */
  public readonly keyCopyCount: pulumi.Output<number>;
  /** Separate copies of the signing keys by kind: cloud-escrow, cloud-escrow-dr-replica, cloud-hsm, offline. */
  public readonly keyCopiesByKind: pulumi.Output<Record<string, number>>;
  /** Object Lock mode of the escrow buckets and the access log. */
  public readonly lockMode: pulumi.Output<LockMode>;
  /** Primary region of the escrow. */
  public readonly region: pulumi.Output<string>;
  /** Region of the escrow's replica. */
  public readonly drRegion: pulumi.Output<string>;
  /** Every copy of the keys this component declared or recorded. */
  public readonly copies: pulumi.Output<CopyDescriptor[]>;

  constructor(name: string, args: OfflineKeyVaultArgs, opts?: pulumi.ComponentResourceOptions) {
    super(componentToken("AwsOfflineKeyVault"), name, {}, opts);
    const vault = new OfflineKeyVault(name, args, { parent: this });
    this.escrowBucketName = vault.escrowBucketName;
    this.escrowBucketArn = vault.escrowBucketArn;
    this.replicaBucketName = vault.replicaBucketName;
    this.replicaBucketArn = vault.replicaBucketArn;
    this.kmsKeyArn = vault.kmsKeyArn;
    this.replicaKmsKeyArn = vault.replicaKmsKeyArn;
    this.vpcId = vault.vpcId;
    this.vpcEndpointId = vault.vpcEndpointId;
    this.cloudHsmClusterId = vault.cloudHsmClusterId;
    this.accessTrailArn = vault.accessTrailArn;
    this.accessLogBucketArn = vault.accessLogBucketArn;
    this.drAccessTrailArn = vault.drAccessTrailArn;
    this.drAccessLogBucketArn = vault.drAccessLogBucketArn;
    this.offlineCopies = vault.offlineCopies;
    this.keyCopyCount = vault.keyCopies.apply((count) => count.total);
    this.keyCopiesByKind = vault.keyCopies.apply((count): Record<string, number> => ({ ...count.byKind }));
    this.lockMode = vault.lockMode;
    this.region = vault.region;
    this.drRegion = vault.drRegion;
    this.copies = vault.copies;
    this.registerOutputs(outputsOf(this));
  }
}

/**
 * The private data network of the AWS components: a VPC of private subnets, one per zone, with no route to the
 * Internet (or an existing VPC passed through), optionally peered with the CENM VPC or attached to a transit
 * gateway. Declares `DataNetwork` of `cenm-backup/aws`.
 */
export class AwsDataNetwork extends pulumi.ComponentResource {
  /** The VPC: declared here or the existing one. */
  public readonly vpcId: pulumi.Output<string>;
  /** One subnet per zone, in the order of `availabilityZones`. */
  public readonly subnetIds: pulumi.Output<string[]>;
  /** Zones of the subnets. */
  public readonly availabilityZones: pulumi.Output<string[]>;
  /** Blocks of the declared subnets in zone order; empty when an existing network is used. */
  public readonly subnetCidrs: pulumi.Output<string[]>;
  /** True when this component declared the network, false when it passes an existing one through. */
  public readonly declared: pulumi.Output<boolean>;

  constructor(name: string, args: DataNetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    super(componentToken("AwsDataNetwork"), name, {}, opts);
    const network = new DataNetwork(name, args, { parent: this });
    this.vpcId = network.vpcId;
    this.subnetIds = network.subnetIds;
    this.availabilityZones = network.availabilityZones;
    this.subnetCidrs = network.subnetCidrs;
    this.declared = network.declared;
    this.registerOutputs(outputsOf(this));
  }
}

/**
 * Encrypted SNS topics in the primary and the DR region for the alarms and failed-job notifications of the other
 * components, with the given e-mail subscriptions. Declares `AlertTopic` of `cenm-backup/aws`.
 */
export class AwsAlertTopic extends pulumi.ComponentResource {
  /** Topic in the primary region. */
  public readonly topicArn: pulumi.Output<string>;
  /** Topic in the DR region. */
  public readonly drTopicArn: pulumi.Output<string>;
  /** Key encrypting the primary topic. */
  public readonly kmsKeyArn: pulumi.Output<string>;
  /** Key encrypting the DR topic. */
  public readonly drKmsKeyArn: pulumi.Output<string>;
  /** Always empty: alert topics carry notifications, never CENM data. */
  public readonly copies: pulumi.Output<CopyDescriptor[]>;

  constructor(name: string, args: AlertTopicArgs, opts?: pulumi.ComponentResourceOptions) {
    super(componentToken("AwsAlertTopic"), name, {}, opts);
    const topic = new AlertTopic(name, args, { parent: this });
    this.topicArn = topic.topicArn;
    this.drTopicArn = topic.drTopicArn;
    this.kmsKeyArn = topic.kmsKeyArn;
    this.drKmsKeyArn = topic.drKmsKeyArn;
    this.copies = topic.copies;
    this.registerOutputs(outputsOf(this));
  }
}

/**
 * The record of who touched a key escrow: a CloudTrail trail logging every object read and write of the given
 * buckets into a locked, versioned, KMS-encrypted log bucket with log file validation. AwsOfflineKeyVault declares
 * one of its own; this component is for an escrow declared elsewhere. Declares `EscrowAccessLog` of
 * `cenm-backup/aws`.
 */
export class AwsEscrowAccessLog extends pulumi.ComponentResource {
  /** ARN of the trail. */
  public readonly trailArn: pulumi.Output<string>;
  /** Name of the locked log bucket. */
  public readonly logBucketName: pulumi.Output<string>;
  /** ARN of the locked log bucket. */
  public readonly logBucketArn: pulumi.Output<string>;
  /** Customer-managed key of the log bucket. */
  public readonly kmsKeyArn: pulumi.Output<string>;

  constructor(name: string, args: EscrowAccessLogArgs, opts?: pulumi.ComponentResourceOptions) {
    super(componentToken("AwsEscrowAccessLog"), name, {}, opts);
    const log = new EscrowAccessLog(name, args, { parent: this });
    this.trailArn = log.trailArn;
    this.logBucketName = log.logBucketName;
    this.logBucketArn = log.logBucketArn;
    this.kmsKeyArn = log.kmsKeyArn;
    this.registerOutputs(outputsOf(this));
  }
}
