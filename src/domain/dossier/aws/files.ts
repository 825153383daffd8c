/** Dossier rows (see ../types.ts) of Amazon EFS (file systems, mount targets, access points, policies, backup policy, replication). */
import type { DossierRow } from "../types";

const EFS_API = "https://docs.aws.amazon.com/efs/latest/ug";
const TF_EFS = "https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service/efs";

const FILE_SYSTEM = "aws:efs/fileSystem:FileSystem";
const MOUNT_TARGET = "aws:efs/mountTarget:MountTarget";
const ACCESS_POINT = "aws:efs/accessPoint:AccessPoint";
const FILE_SYSTEM_POLICY = "aws:efs/fileSystemPolicy:FileSystemPolicy";
const BACKUP_POLICY = "aws:efs/backupPolicy:BackupPolicy";
const REPLICATION = "aws:efs/replicationConfiguration:ReplicationConfiguration";

/** Provider v6+ (Pulumi aws v7): a resource's own region input, instead of a provider per region. */
const TF_REGION = "https://hashicorp.github.io/terraform-provider-aws/enhanced-region-support";

/** The `region` row of an EFS type whose resource lives beside its file system. */
function regionBesideFileSystem(type: string, what: string, operation: string): DossierRow {
  return {
    type,
    properties: ["region"],
    update: "replaces",
    sets: `The file store's region (the region arg): ${what}`,
    lifecycle: "The provider sends the resource's API calls to that region's endpoint instead of the provider's default region. EFS is served by one endpoint per Region, and the call names the file system by its id, which that Region's endpoint alone knows, so this must be the file system's region.",
    sources: [TF_REGION, `${EFS_API}/${operation}.html`, "https://docs.aws.amazon.com/general/latest/gr/elasticfilesystem.html"],
  };
}

export const EFS_ROWS: readonly DossierRow[] = [
  {
    type: FILE_SYSTEM,
    properties: ["region"],
    update: "replaces",
    sets: "The store's primary region (the region arg); the replica lives in drRegion, created there by the replication, not declared.",
    lifecycle: "The provider manages the file system through that region's endpoint (v6+ per-resource region, so no second provider is needed for the DR region); a regional file system stores its data across the zones of that region.",
    sources: [TF_REGION, `${EFS_API}/API_CreateFileSystem.html`],
  },
  regionBesideFileSystem(MOUNT_TARGET, "each mount target is in a subnet of that region's CENM VPC.", "API_CreateMountTarget"),
  regionBesideFileSystem(ACCESS_POINT, "access points belong to the file system.", "API_CreateAccessPoint"),
  regionBesideFileSystem(FILE_SYSTEM_POLICY, "the policy belongs to the file system.", "API_PutFileSystemPolicy"),
  regionBesideFileSystem(BACKUP_POLICY, "the backup policy belongs to the file system.", "API_PutBackupPolicy"),
  {
    type: FILE_SYSTEM,
    properties: ["encrypted", "kmsKeyId"],
    update: "replaces",
    sets: "encrypted true with the ARN of the store's own customer-managed key (symmetric, rotation on, deletion denied when protected), so the data at rest is under a key the stack controls instead of the default aws/elasticfilesystem key.",
    lifecycle: "Set only at creation: EFS uses the key given (with Encrypted true; a KmsKeyId without it is refused, and only symmetric keys are accepted); the provider marks both inputs as forcing a new file system, so changing the key replaces the file system (protect refuses that where protection is on). A second deploy reads the same key back: no change. Destroying the file system does not touch the key, which has its own deletion window.",
    sources: [`${EFS_API}/API_CreateFileSystem.html`, `${TF_EFS}/file_system.go`],
  },
  {
    type: FILE_SYSTEM,
    properties: ["performanceMode"],
    update: "replaces",
    sets: "generalPurpose, AWS's recommendation for every file system and its default; maxIO is not allowed with elastic throughput anyway.",
    lifecycle: "Chosen at creation and never changed afterwards (EFS); the provider forces a new file system on a change. Stated explicitly so that a second deploy reads back the same value.",
    sources: [`${EFS_API}/API_CreateFileSystem.html`, `${TF_EFS}/file_system.go`],
  },
  {
    type: FILE_SYSTEM,
    properties: ["throughputMode"],
    update: "in-place",
    sets: "elastic by default (throughput follows the load, no burst credits to run out during a restore copy), or bursting when the throughputMode arg asks; provisioned is refused by the component.",
    lifecycle: "Changed in place with UpdateFileSystem (no replacement), but EFS applies time restrictions between changes of mode or decreases of provisioned throughput. The provider's own default is bursting, so the value is always declared.",
    sources: [`${EFS_API}/API_CreateFileSystem.html`, `${EFS_API}/API_UpdateFileSystem.html`, `${TF_EFS}/file_system.go`],
  },
  {
    type: FILE_SYSTEM,
    properties: ["lifecyclePolicies"],
    update: "in-place",
    sets: "Two policies, one transition each: files not read for 30 days move to Infrequent Access, and a file read there moves back to Standard on first access (AFTER_1_ACCESS). No Archive transition.",
    lifecycle: "Applied after creation and on every change with PutLifecycleConfiguration, in place; EFS requires one transition per LifecyclePolicy object, and an empty list deletes the configuration. Metadata operations such as listing a directory do not count as access.",
    sources: [`${EFS_API}/API_PutLifecycleConfiguration.html`, `${EFS_API}/API_LifecyclePolicy.html`, `${TF_EFS}/file_system.go`],
  },
  {
    type: FILE_SYSTEM,
    properties: ["protection"],
    update: "in-place",
    sets: "replicationOverwrite ENABLED (AWS's default, declared so a drift is put back): the file system stays writable and EFS refuses it as any replication's destination. DISABLED would make it read-only (CENM could not write) and a candidate destination; limit aws-efs-replication-overwrite refuses it on a replication source or a file system with access points.",
    lifecycle: "The provider calls UpdateFileSystemProtection after creation and on a change, in place; it accepts only ENABLED or DISABLED. A second deploy reads ENABLED back. A file system used as a replication destination reads REPLICATING (read-only) until its configuration is deleted, when EFS re-enables the protection and it becomes writable: a fail-back that made this file system a destination would need the declaration changed to DISABLED first.",
    sources: [`${EFS_API}/API_FileSystemProtectionDescription.html`, `${EFS_API}/API_UpdateFileSystemProtection.html`, `${TF_EFS}/file_system.go`],
  },
  {
    type: FILE_SYSTEM,
    properties: ["tags"],
    update: "in-place",
    sets: "The stack's tags, cenm-backup:element files, and Name (the logical name), which EFS shows as the file system's name.",
    lifecycle: "Tags are written at creation and updated in place; the Name tag is how CreateFileSystem names a file system.",
    sources: [`${EFS_API}/API_CreateFileSystem.html`],
  },
  {
    type: MOUNT_TARGET,
    properties: ["fileSystemId", "subnetId"],
    update: "replaces",
    sets: "One mount target per configured zone, each in that zone's subnet of the CENM network, for the store's file system. The runbook reads the same subnets to give a restored file system its mount targets.",
    lifecycle: "EFS allows one mount target per zone, all in one VPC, and creates a network interface for it; the file system must be available first. Both inputs force a replacement, which the component declares delete-before-replace (a second mount target in the zone would be refused). Deleting a mount target breaks the mounts that use it (uncommitted writes may be lost) but leaves the file system; EFS refuses to delete a file system that still has mount targets.",
    sources: [`${EFS_API}/API_CreateMountTarget.html`, `${EFS_API}/API_DeleteMountTarget.html`, `${EFS_API}/API_DeleteFileSystem.html`, `${TF_EFS}/mount_target.go`],
  },
  {
    type: MOUNT_TARGET,
    properties: ["securityGroups"],
    update: "in-place",
    sets: "The store's security group, which admits NFS (TCP 2049) from clientCidrs only and has no egress rule.",
    lifecycle: "Given at creation; without one the network interface would join the VPC's default group. A change is applied in place with ModifyMountTargetSecurityGroups, which replaces the groups on the mount target's network interface.",
    sources: [`${EFS_API}/API_CreateMountTarget.html`, `${EFS_API}/API_ModifyMountTargetSecurityGroups.html`, `${TF_EFS}/mount_target.go`],
  },
  {
    type: ACCESS_POINT,
    properties: ["fileSystemId", "rootDirectory"],
    update: "replaces",
    sets: "One access point per CENM service rooted at /cenm/<service>, with creationInfo owner uid/gid (default 1000) and permissions 0750 so that EFS creates the directory on first mount.",
    lifecycle: "A client of the access point sees only its root directory and below. If the path does not exist EFS creates it with creationInfo when a client first connects (without creationInfo the mount fails); a path has at most four levels. EFS has no update call for access points (the provider updates tags only), so any change replaces it: clients remount with the new id, and the directory and its files stay on the file system. Deleting one stops new connections; connected clients keep working until they disconnect.",
    sources: [`${EFS_API}/API_CreateAccessPoint.html`, `${EFS_API}/API_RootDirectory.html`, `${EFS_API}/API_CreationInfo.html`, `${EFS_API}/API_DeleteAccessPoint.html`, `${TF_EFS}/access_point.go`],
  },
  {
    type: ACCESS_POINT,
    properties: ["posixUser"],
    update: "replaces",
    sets: "uid and gid posixUid/posixGid (default 1000, the uid the CENM images usually run as), the same identity that owns the root directory.",
    lifecycle: "EFS uses this identity for every file operation through the access point, whatever the NFS client claims. Replaced on a change, like every access point input.",
    sources: [`${EFS_API}/API_PosixUser.html`, `${TF_EFS}/access_point.go`],
  },
  {
    type: ACCESS_POINT,
    properties: ["tags"],
    update: "in-place",
    sets: "The stack's tags, Name <store>-<service> and cenm-backup:service <service>, which the runbook reads to name each service directory it mounts or copies back.",
    lifecycle: "Written at creation and updated in place (the only update an access point takes).",
    sources: [`${EFS_API}/API_CreateAccessPoint.html`, `${TF_EFS}/access_point.go`],
  },
  {
    type: FILE_SYSTEM_POLICY,
    properties: ["fileSystemId", "policy"],
    update: { fileSystemId: "replaces", policy: "in-place" },
    sets: "Three statements on the file system: allow ClientMount and ClientWrite to any principal over TLS (no ClientRootAccess: the access points impose the POSIX identity), deny every action without TLS (aws:SecureTransport false), and deny mount and write that does not come through an access point (elasticfilesystem:AccessPointArn absent).",
    lifecycle: "A file system always has one policy; an explicit one replaces the default, which gives full access to any client that can reach a mount target. Policies are limited to 20,000 characters and changes can take several minutes to take effect. The provider puts the policy in place on a change; a new fileSystemId replaces the resource. Deleting it restores the default policy. The runbook therefore restores EFS recovery points to a new file system: their aws-backup-restore directory lies outside every access point.",
    sources: [`${EFS_API}/API_PutFileSystemPolicy.html`, `${EFS_API}/API_DeleteFileSystemPolicy.html`, `${EFS_API}/create-file-system-policy.html`, `${EFS_API}/access-points-iam-policy.html`, `${TF_EFS}/file_system_policy.go`],
  },
  {
    type: FILE_SYSTEM_POLICY,
    properties: ["bypassPolicyLockoutSafetyCheck"],
    update: "in-place",
    sets: "false: EFS keeps checking that the new policy does not lock the deploying principal out of later PutFileSystemPolicy calls.",
    lifecycle: "Sent with every PutFileSystemPolicy; AWS's default is false as well, so a second deploy changes nothing.",
    sources: [`${EFS_API}/API_PutFileSystemPolicy.html`, `${TF_EFS}/file_system_policy.go`],
  },
  {
    type: BACKUP_POLICY,
    properties: ["fileSystemId", "backupPolicy"],
    update: { fileSystemId: "replaces", backupPolicy: "in-place" },
    sets: "status DISABLED: EFS's own automatic daily backups stay off; the snapshot schedule's AWS Backup selection covers fileSystemArn instead, with its locked vaults and DR copies.",
    lifecycle: "PutBackupPolicy in place (the provider waits through DISABLING); a regional file system is created without automatic backups unless asked, so this states the default. A new fileSystemId replaces the resource. Deleting the resource sets the status to DISABLED again.",
    sources: [`${EFS_API}/API_PutBackupPolicy.html`, `${EFS_API}/API_BackupPolicy.html`, `${EFS_API}/API_CreateFileSystem.html`, `${TF_EFS}/backup_policy.go`],
  },
  {
    type: REPLICATION,
    properties: ["sourceFileSystemId"],
    update: "replaces",
    sets: "The store's file system, replicated to drRegion unless drReplication is false.",
    lifecycle: "A file system can be in one replication configuration only, and not as source and destination at once. The source stays writable (its protection ENABLED). Every input forces a replacement, and EFS would refuse a second configuration on the source, so the component declares delete-before-replace; where protection is on, protect refuses the replacement and retainOnDelete would leave the old configuration in place. The source cannot be deleted while it is in a configuration.",
    sources: [`${EFS_API}/API_CreateReplicationConfiguration.html`, `${EFS_API}/API_DeleteFileSystem.html`, `${TF_EFS}/replication_configuration.go`],
  },
  {
    type: REPLICATION,
    properties: ["destination"],
    update: "replaces",
    sets: "region drRegion and kmsKeyId the DR-region key; no fileSystemId and no availabilityZoneName, so EFS creates a new regional file system there as the replica.",
    lifecycle: "EFS creates the replica encrypted with that key (the key cannot be changed later), read-only while the replication runs (protection REPLICATING), without mount targets; automatic backups are on by default only for a One Zone replica (the current create-replication page: a replica takes default settings based on its source, and only a One Zone destination gets automatic backups by default), so this Regional replica makes no backups into the DR region's default vault; the DR vault holds the AWS Backup copies instead. The API does not return kmsKeyId, so the provider keeps the declared value (no diff on a second deploy). Any change replaces the configuration. Deleting the configuration (the provider deletes it in the destination region, then the source's) stops replication and leaves the replica as a standalone, writable file system: the provider never deletes it, so a replacement leaves the old replica behind, no longer updated, and copies everything again into a new one. The runbook's failover deletes the DR side with --deletion-mode LOCAL_CONFIGURATION_ONLY.",
    sources: [`${EFS_API}/API_DestinationToCreate.html`, `${EFS_API}/create-replication.html`, `${EFS_API}/API_DeleteReplicationConfiguration.html`, `${TF_EFS}/replication_configuration.go`],
  },
  {
    type: REPLICATION,
    properties: ["region"],
    update: "replaces",
    sets: "The store's primary region: the configuration is created from the source file system's region.",
    lifecycle: "Created in the source's region; on delete the provider first deletes the configuration in the destination's region (destination.region) and then in this one.",
    sources: [`${TF_EFS}/replication_configuration.go`, `${EFS_API}/API_DeleteReplicationConfiguration.html`],
  },
];
