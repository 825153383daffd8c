/**
 * The replicated file storage that holds each CENM service's whole directory: configuration files
 * (`networkmap.conf`, `network-parameters.conf`, ...), JDBC drivers, plugin jars, certificate stores and
 * `crl-files/`. R3 asks for a reliable file system that copies synchronously to the backup site; on AWS the
 * closest match is a regional EFS file system (synchronous across zones of one region) plus EFS replication to the
 * DR region (asynchronous: no managed cross-region file copy is synchronous).
 */
import * as pulumi from "@pulumi/pulumi";
import * as ec2 from "@pulumi/aws/ec2";
import * as efs from "@pulumi/aws/efs";
import { FILE_SERVICES, type FileService } from "../../domain/vocabulary";
import { MINUTE } from "../../domain/durations";
import { FIGURES } from "../../domain/figures";
import { efsReplicationOverwriteProblem } from "../../domain/limits/aws";
import type { CopyDescriptor } from "../types";
import { accountOf, customerManagedKey, elementTags, statefulOptions, type AccountContext, type PolicyStatement, refuseForeignBreakGlass } from "./common";
import type { ReplicatedFileStoreArgs } from "./contracts";

/** NFS over TCP: the only port the mount targets answer on. */
export const NFS_PORT = 2049;
/** Default POSIX owner of the service directories and identity of the clients that mount them. */
export const DEFAULT_POSIX_ID = 1000;
/** Owner read/write/search, group read/search, nothing for others. */
export const ROOT_DIRECTORY_PERMISSIONS = "0750";
/**
 * Replication overwrite protection of the file system CENM writes to: ENABLED keeps it writable and refuses it as
 * a replication destination (DISABLED would make it read-only). See `efsReplicationOverwriteProblem`.
 */
export const SOURCE_REPLICATION_OVERWRITE: string = "ENABLED";

/**
 * POSIX identity the access points impose, beyond the shared contract. Both default to
 * {@link DEFAULT_POSIX_ID} (1000), the uid/gid the CENM container images usually run as.
 */
export interface PosixIdentityArgs {
  /** uid that owns each `/cenm/<service>` directory and that every NFS request is made as. Default 1000. */
  posixUid?: number;
  /** gid that owns each `/cenm/<service>` directory and that every NFS request is made as. Default 1000. */
  posixGid?: number;
}

/** The contract's args plus the POSIX identity of the access points (an interface, as schema inference needs). */
export interface ReplicatedFileStoreComponentArgs extends ReplicatedFileStoreArgs, PosixIdentityArgs {}

/** Root directory of a service's access point. */
export function accessPointPath(service: FileService): string {
  return `/cenm/${service}`;
}

/** One CENM service's EFS access point. */
export interface AccessPointOutput {
  /** Access point id. */
  id: string;
  /** Access point ARN. */
  arn: string;
  /** Root directory of the access point: `/cenm/<service>`. */
  path: string;
}

const IPV4_CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

function validatePosixId(value: number | undefined, argName: string): void {
  if (value === undefined) return;
  if (!Number.isInteger(value) || value < 0 || value > 4294967295) {
    throw new Error(`${argName}: expected a POSIX id, an integer from 0 to 4294967295, got ${JSON.stringify(value)}`);
  }
}

/** Checks every structural arg; throws before anything is registered. */
function validateReplicatedFileStoreArgs(args: ReplicatedFileStoreComponentArgs): void {
  if (typeof args.region !== "string" || args.region.length === 0) {
    throw new Error(`region: expected an AWS region such as eu-west-1, got ${JSON.stringify(args.region)}`);
  }
  const zones = args.availabilityZones;
  if (!Array.isArray(zones) || zones.length < 2) {
    throw new Error(
      `availabilityZones: a regional file system needs mount targets in at least 2 zones of ${args.region}, got ${JSON.stringify(zones)}`,
    );
  }
  const seenZones = new Set<string>();
  for (const zone of zones) {
    if (typeof zone !== "string" || !zone.startsWith(args.region)) {
      throw new Error(`availabilityZones: expected zone names of region ${args.region} (e.g. ${args.region}a), got ${JSON.stringify(zone)}`);
    }
    if (seenZones.has(zone)) throw new Error(`availabilityZones: zone ${zone} is listed twice in ${JSON.stringify(zones)}`);
    seenZones.add(zone);
  }
  if (!Array.isArray(args.subnetIds) || args.subnetIds.length !== zones.length) {
    throw new Error(
      `subnetIds: expected one subnet per availability zone (${zones.length}: ${zones.join(", ")}), got ` +
        `${Array.isArray(args.subnetIds) ? args.subnetIds.length : JSON.stringify(args.subnetIds)}`,
    );
  }
  if (!Array.isArray(args.clientCidrs) || args.clientCidrs.length === 0) {
    throw new Error(`clientCidrs: expected at least one CIDR block of the CENM hosts allowed to mount, got ${JSON.stringify(args.clientCidrs)}`);
  }
  for (const cidr of args.clientCidrs) {
    if (typeof cidr === "string" && !IPV4_CIDR.test(cidr)) {
      throw new Error(`clientCidrs: expected IPv4 CIDR blocks such as 10.0.0.0/20, got ${JSON.stringify(cidr)}`);
    }
  }
  if (!Array.isArray(args.services) || args.services.length === 0) {
    throw new Error(`services: expected at least one CENM service (${FILE_SERVICES.join(", ")}), got ${JSON.stringify(args.services)}`);
  }
  const seenServices = new Set<string>();
  for (const service of args.services) {
    if (!(FILE_SERVICES as readonly string[]).includes(service)) {
      throw new Error(`services: expected CENM services among ${FILE_SERVICES.join(", ")}, got ${JSON.stringify(service)}`);
    }
    if (seenServices.has(service)) throw new Error(`services: ${service} is listed twice in ${JSON.stringify(args.services)}`);
    seenServices.add(service);
  }
  const replicate = args.drReplication ?? true;
  if (replicate) {
    if (typeof args.drRegion !== "string" || args.drRegion.length === 0) {
      throw new Error(`drRegion: expected the region of the replica such as eu-central-1, got ${JSON.stringify(args.drRegion)}`);
    }
    if (args.drRegion === args.region) {
      throw new Error(`drRegion: the replica must live in another region than the primary (${args.region}), got ${args.drRegion}`);
    }
  }
  if (args.drVpcId !== undefined || args.drClientCidrs !== undefined) {
    if (!replicate) throw new Error(`drVpcId and drClientCidrs: expected nothing unless drReplication is on (there is no replica to mount in the DR region), got ${JSON.stringify({ drVpcId: args.drVpcId, drClientCidrs: args.drClientCidrs })}`);
    if (args.drVpcId === undefined) throw new Error("drVpcId: expected the DR VPC of the replica's mount targets together with drClientCidrs, got nothing");
    if (!Array.isArray(args.drClientCidrs) || args.drClientCidrs.length === 0) {
      throw new Error(`drClientCidrs: expected at least one CIDR block of the DR CENM hosts allowed to mount the replica, got ${JSON.stringify(args.drClientCidrs)}`);
    }
    for (const cidr of args.drClientCidrs) {
      if (typeof cidr === "string" && (!IPV4_CIDR.test(cidr) || cidr === "0.0.0.0/0")) {
        throw new Error(`drClientCidrs: expected the DR CENM subnets as IPv4 CIDR blocks such as 10.22.0.0/16 (never the whole Internet), got ${JSON.stringify(cidr)}`);
      }
    }
  }
  if (args.throughputMode !== undefined && args.throughputMode !== "elastic" && args.throughputMode !== "bursting") {
    throw new Error(`throughputMode: expected "elastic" or "bursting", got ${JSON.stringify(args.throughputMode)}`);
  }
  validatePosixId(args.posixUid, "posixUid");
  validatePosixId(args.posixGid, "posixGid");
  // The file system is written through its access points and is the replication's source: the same predicate as
  // limit aws-efs-replication-overwrite, so a change of SOURCE_REPLICATION_OVERWRITE cannot reach a plan unnoticed.
  const protection = efsReplicationOverwriteProblem(SOURCE_REPLICATION_OVERWRITE, { source: replicate, destination: false, written: true });
  if (protection) throw new Error(`replicationOverwrite: ${SOURCE_REPLICATION_OVERWRITE} is refused for this file system: ${protection}`);
}

/**
 * Lets EFS use a key on behalf of principals of this account, and only through the EFS endpoint of the key's
 * region (the same scope as the AWS-managed `aws/elasticfilesystem` key). It also covers the EFS service-linked
 * role that replication runs as, without naming that role: it may not exist yet when the key is created.
 */
function efsKeyUse(region: string): (a: AccountContext) => PolicyStatement[] {
  return (a) => [
    {
      Sid: "AllowEfsUseInThisAccount",
      Effect: "Allow",
      Principal: { AWS: "*" },
      Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:CreateGrant", "kms:DescribeKey"],
      Resource: "*",
      Condition: {
        StringEquals: { "kms:CallerAccount": a.accountId, "kms:ViaService": `elasticfilesystem.${region}.amazonaws.com` },
      },
    },
  ];
}

/** The file system policy: TLS only, and only through an access point. */
export function fileSystemPolicyDocument(fileSystemArn: string): string {
  const clientActions = ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"];
  const statements: PolicyStatement[] = [
    {
      // A policy that exists replaces the open default, so mounting must be allowed explicitly. Root access is
      // left out on purpose: the access points impose the POSIX identity.
      Sid: "AllowMountAndWriteOverTls",
      Effect: "Allow",
      Principal: { AWS: "*" },
      Action: clientActions,
      Resource: fileSystemArn,
      Condition: { Bool: { "aws:SecureTransport": "true" } },
    },
    {
      Sid: "DenyWithoutTls",
      Effect: "Deny",
      Principal: { AWS: "*" },
      Action: "*",
      Resource: fileSystemArn,
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    },
    {
      Sid: "DenyOutsideAccessPoints",
      Effect: "Deny",
      Principal: { AWS: "*" },
      Action: clientActions,
      Resource: fileSystemArn,
      Condition: { Null: { "elasticfilesystem:AccessPointArn": "true" } },
    },
  ];
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

/**
 * A regional EFS file system holding one directory per CENM service, replicated to the DR region.
 *
 * Declares a customer-managed key and a regional file system encrypted with it (One Zone storage is never used:
 * a zone outage would take the only copy), a mount target in each configured zone behind a security group that
 * admits NFS from `clientCidrs` only, an access point per service rooted at `/cenm/<service>` with a fixed POSIX
 * identity, a file system policy requiring TLS and access points, and (unless `drReplication` is false) EFS
 * replication to a read-only file system in `drRegion` encrypted with a DR-region key.
 *
 * Snapshots: the EFS automatic backup policy is switched off; the SnapshotSchedule component's AWS Backup
 * selection covers `fileSystemArn` instead.
 *
 * Protection: EFS has no deletion-protection flag, so the file system, both keys and the replication are
 * guarded with Pulumi `protect`/`retainOnDelete`, and the keys' policies deny their deletion. The file system keeps
 * its replication overwrite protection ENABLED, which keeps it writable and refuses it as a replication
 * destination. The replica is created by EFS (not declared here): read-only while the replication runs, writable
 * once the replication configuration is deleted, which is how the runbook fails over to it.
 */
export class ReplicatedFileStore extends pulumi.ComponentResource {
  public readonly fileSystemId: pulumi.Output<string>;
  /** What the AWS Backup selection targets. */
  public readonly fileSystemArn: pulumi.Output<string>;
  public readonly dnsName: pulumi.Output<string>;
  public readonly kmsKeyArn: pulumi.Output<string>;
  /** Key of the DR replica; undefined without replication. */
  public readonly drKmsKeyArn: pulumi.Output<string | undefined>;
  /** In the order of `availabilityZones`. */
  public readonly mountTargetIds: pulumi.Output<string[]>;
  public readonly securityGroupId: pulumi.Output<string>;
  /** Security group for the replica's mount targets in the DR VPC (NFS from `drClientCidrs`); undefined without `drVpcId`. */
  public readonly drSecurityGroupId: pulumi.Output<string | undefined>;
  public readonly accessPoints: pulumi.Output<Record<string, AccessPointOutput>>;
  /** Region of the replica; undefined without replication. */
  public readonly replicationRegion: pulumi.Output<string | undefined>;
  public readonly region: pulumi.Output<string>;
  public readonly availabilityZones: pulumi.Output<string[]>;
  public readonly copies: pulumi.Output<CopyDescriptor[]>;

  constructor(name: string, args: ReplicatedFileStoreComponentArgs, opts?: pulumi.ComponentResourceOptions) {
    validateReplicatedFileStoreArgs(args);
    refuseForeignBreakGlass("ReplicatedFileStore", args.protection, args.account);
    super("cenm-backup:aws:ReplicatedFileStore", name, {}, opts);

    const replicate = args.drReplication ?? true;
    const zones = [...args.availabilityZones];
    const uid = args.posixUid ?? DEFAULT_POSIX_ID;
    const gid = args.posixGid ?? DEFAULT_POSIX_ID;
    const tags = elementTags(args.tags, "files");
    const account = accountOf(this, args.account);

    const key = customerManagedKey(
      `${name}-key`,
      {
        description: `CENM file store ${name} (${args.region})`,
        region: args.region,
        account,
        protection: args.protection,
        tags,
        extraStatements: efsKeyUse(args.region),
      },
      this,
    );

    const fileSystem = new efs.FileSystem(
      `${name}-fs`,
      {
        region: args.region,
        encrypted: true,
        kmsKeyId: key.arn,
        performanceMode: "generalPurpose",
        throughputMode: args.throughputMode ?? "elastic",
        // Each transition is its own entry: EFS accepts one transition per lifecycle policy.
        lifecyclePolicies: [{ transitionToIa: "AFTER_30_DAYS" }, { transitionToPrimaryStorageClass: "AFTER_1_ACCESS" }],
        // ENABLED (AWS's default, stated so that a drift to DISABLED is put back): the file system stays writable and
        // EFS refuses it as any replication's destination, which would overwrite the live directories. DISABLED would
        // make it read-only (EFS API reference, FileSystemProtectionDescription; limit aws-efs-replication-overwrite).
        protection: { replicationOverwrite: SOURCE_REPLICATION_OVERWRITE },
        tags: { ...tags, Name: `${name}-fs` },
      },
      statefulOptions(this, args.protection),
    );

    // Automatic EFS backups would go to the account's default vault, which carries no vault lock. The snapshot
    // schedule's AWS Backup selection covers this file system instead, with locked vaults and a DR copy.
    new efs.BackupPolicy(
      `${name}-backup-policy`,
      { fileSystemId: fileSystem.id, backupPolicy: { status: "DISABLED" }, region: args.region },
      { parent: this },
    );

    const securityGroup = new ec2.SecurityGroup(
      `${name}-sg`,
      {
        vpcId: args.vpcId,
        description: `NFS to the CENM file store ${name} from the CENM hosts only`,
        ingress: [
          { protocol: "tcp", fromPort: NFS_PORT, toPort: NFS_PORT, cidrBlocks: args.clientCidrs, description: "NFS from the CENM hosts" },
        ],
        // Mount targets only answer; replies to admitted connections need no egress rule.
        egress: [],
        region: args.region,
        tags,
      },
      { parent: this },
    );

    // EFS takes one mount target per zone and the provider replaces one whose subnet changes, so a replacement must
    // delete the zone's old mount target first (EFS API CreateMountTarget; terraform-provider-aws,
    // efs/mount_target.go). Security groups change in place.
    const mountTargets = zones.map(
      (zone, i) =>
        new efs.MountTarget(
          `${name}-mt-${zone}`,
          { fileSystemId: fileSystem.id, subnetId: args.subnetIds[i], securityGroups: [securityGroup.id], region: args.region },
          { parent: this, deleteBeforeReplace: true },
        ),
    );

    const accessPoints = args.services.map((service) => {
      const path = accessPointPath(service);
      const ap = new efs.AccessPoint(
        `${name}-ap-${service}`,
        {
          fileSystemId: fileSystem.id,
          rootDirectory: { path, creationInfo: { ownerUid: uid, ownerGid: gid, permissions: ROOT_DIRECTORY_PERMISSIONS } },
          posixUser: { uid, gid },
          region: args.region,
          tags: { ...tags, "cenm-backup:service": service, Name: `${name}-${service}` },
        },
        { parent: this },
      );
      return { service, path, ap };
    });

    new efs.FileSystemPolicy(
      `${name}-policy`,
      {
        fileSystemId: fileSystem.id,
        policy: fileSystem.arn.apply(fileSystemPolicyDocument),
        bypassPolicyLockoutSafetyCheck: false,
        region: args.region,
      },
      { parent: this },
    );

    let drKeyArn: pulumi.Output<string | undefined> = pulumi.output(undefined);
    let drSecurityGroup: ec2.SecurityGroup | undefined;
    if (replicate) {
      const drKey = customerManagedKey(
        `${name}-dr-key`,
        {
          description: `CENM file store ${name} replica (${args.drRegion})`,
          region: args.drRegion,
          account,
          protection: args.protection,
          tags,
          extraStatements: efsKeyUse(args.drRegion),
        },
        this,
      );
      // No destination.fileSystemId: EFS creates the replica, read-only while the replication runs. Every input
      // forces a replacement, and EFS refuses a second configuration on a source that has one, so a replacement must
      // delete the old configuration first. Deleting it leaves the replica behind, writable, no longer following the
      // source (terraform-provider-aws, efs/replication_configuration.go; EFS API DeleteReplicationConfiguration).
      new efs.ReplicationConfiguration(
        `${name}-replication`,
        { sourceFileSystemId: fileSystem.id, destination: { region: args.drRegion, kmsKeyId: drKey.arn }, region: args.region },
        statefulOptions(this, args.protection, { deleteBeforeReplace: true }),
      );
      drKeyArn = drKey.arn;
      if (args.drVpcId !== undefined) {
        // The replica has no mount target until a failover gives it some (EFS creates none for a replica); their
        // network interfaces need a group of the DR VPC admitting NFS from the DR CENM hosts, like the primary's.
        drSecurityGroup = new ec2.SecurityGroup(
          `${name}-dr-sg`,
          {
            vpcId: args.drVpcId,
            description: `NFS to the DR replica of the CENM file store ${name} from the DR CENM hosts only`,
            ingress: [
              { protocol: "tcp", fromPort: NFS_PORT, toPort: NFS_PORT, cidrBlocks: args.drClientCidrs!, description: "NFS from the DR CENM hosts" },
            ],
            egress: [],
            region: args.drRegion,
            tags,
          },
          { parent: this },
        );
      }
    }

    const copies: CopyDescriptor[] = [
      {
        element: "files",
        role: "primary",
        resource: `${name}-fs`,
        region: args.region,
        availabilityZones: zones,
        mode: "synchronous",
        rpo: "0 for data flushed with fsync or close: a regional EFS file system stores it in several zones before acknowledging",
        mechanism: "EFS regional file system, mount targets in every configured zone",
      },
    ];
    if (replicate) {
      copies.push({
        element: "files",
        role: "cross-region-replica",
        resource: `${name}-replication`,
        region: args.drRegion,
        availabilityZones: [],
        mode: "asynchronous",
        rpo: `${FIGURES.efsReplicationRpo.seconds / MINUTE} minutes for most file systems (AWS's documented EFS replication objective); very large or busy ones can lag more`,
        mechanism: "EFS replication to a read-only regional file system encrypted with the DR-region key",
      });
    }

    this.fileSystemId = fileSystem.id;
    this.fileSystemArn = fileSystem.arn;
    this.dnsName = fileSystem.dnsName;
    this.kmsKeyArn = key.arn;
    this.drKmsKeyArn = drKeyArn;
    this.mountTargetIds = pulumi.all(mountTargets.map((m) => m.id));
    this.securityGroupId = securityGroup.id;
    this.drSecurityGroupId = drSecurityGroup ? drSecurityGroup.id : pulumi.output(undefined);
    this.accessPoints = pulumi
      .all(accessPoints.flatMap(({ ap }) => [ap.id, ap.arn]))
      .apply((ids) => Object.fromEntries(accessPoints.map(({ service, path }, i) => [service, { id: ids[2 * i], arn: ids[2 * i + 1], path }])));
    this.replicationRegion = pulumi.output(replicate ? args.drRegion : undefined);
    this.region = pulumi.output(args.region);
    this.availabilityZones = pulumi.output(zones);
    this.copies = pulumi.output(copies);

    this.registerOutputs({
      fileSystemId: this.fileSystemId,
      fileSystemArn: this.fileSystemArn,
      dnsName: this.dnsName,
      kmsKeyArn: this.kmsKeyArn,
      drKmsKeyArn: this.drKmsKeyArn,
      mountTargetIds: this.mountTargetIds,
      securityGroupId: this.securityGroupId,
      drSecurityGroupId: this.drSecurityGroupId,
      accessPoints: this.accessPoints,
      replicationRegion: this.replicationRegion,
      region: this.region,
      availabilityZones: this.availabilityZones,
      copies: this.copies,
    });
  }
}
