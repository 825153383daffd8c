/** Dossier rows (see ../types.ts) of the key escrow: S3 buckets and their configurations, CloudTrail, KMS keys and replica keys, CloudHSM. */
import type { DossierRow } from "../types";

const S3_API = "https://docs.aws.amazon.com/AmazonS3/latest/API";
const S3_GUIDE = "https://docs.aws.amazon.com/AmazonS3/latest/userguide";
const TF_S3 = "https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service/s3";
const CT_API = "https://docs.aws.amazon.com/awscloudtrail/latest/APIReference";
const CT_GUIDE = "https://docs.aws.amazon.com/awscloudtrail/latest/userguide";
const KMS_API = "https://docs.aws.amazon.com/kms/latest/APIReference";
const TF_KMS = "https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service/kms";
const HSM_API = "https://docs.aws.amazon.com/cloudhsm/latest/APIReference";

const BUCKET = "aws:s3/bucket:Bucket";
const VERSIONING = "aws:s3/bucketVersioning:BucketVersioning";
const LOCK = "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration";
const SSE = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration";
const PUBLIC_ACCESS = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
const OWNERSHIP = "aws:s3/bucketOwnershipControls:BucketOwnershipControls";
const LIFECYCLE = "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration";
const POLICY = "aws:s3/bucketPolicy:BucketPolicy";
const REPLICATION = "aws:s3/bucketReplicationConfig:BucketReplicationConfig";
const TRAIL = "aws:cloudtrail/trail:Trail";
const KEY = "aws:kms/key:Key";
const REPLICA_KEY = "aws:kms/replicaKey:ReplicaKey";
const HSM_CLUSTER = "aws:cloudhsmv2/cluster:Cluster";
const HSM = "aws:cloudhsmv2/hsm:Hsm";

export const ESCROW_ROWS: readonly DossierRow[] = [
  // --- S3 buckets: the escrow, its DR replica, and the two access-log buckets ---------------------------------
  {
    type: BUCKET,
    properties: ["objectLockEnabled"],
    update: "replaces",
    sets: "true on every bucket the package declares (escrow, DR replica, and the access-log bucket of each region): their objects must outlive anyone who would erase them, and the replica must be lockable to receive locked replicas.",
    lifecycle: "Sent as ObjectLockEnabledForBucket with CreateBucket; S3 then turns versioning on, and Object Lock can never be turned off nor versioning suspended. The provider replaces the bucket when the value changes, so it is right from the first deploy; a second deploy with nothing changed calls nothing. Enabling alone locks nothing: the default retention is the BucketObjectLockConfiguration's.",
    sources: [`${S3_API}/API_CreateBucket.html`, `${S3_GUIDE}/object-lock.html`, `${TF_S3}/bucket.go`],
  },
  {
    type: BUCKET,
    properties: ["forceDestroy"],
    update: "in-place",
    sets: "true only without protection and under a governance lock (dev), false otherwise (forceDestroyOf): dev's `pulumi destroy` must complete, and nothing above dev may be emptied by a destroy.",
    lifecycle: "Provider-only flag, no AWS call: on destroy the provider deletes every object version and delete marker (a governance lock is bypassed) before DeleteBucket, which S3 refuses on a bucket that is not empty. A version under a compliance lock cannot be deleted, so the destroy fails until its retention ends. The flag takes effect only once a successful `pulumi up` has stored it.",
    sources: ["https://www.pulumi.com/registry/packages/aws/api-docs/s3/bucket/", `${S3_API}/API_DeleteBucket.html`, `${S3_GUIDE}/object-lock.html`],
  },
  {
    type: VERSIONING,
    properties: ["bucket", "versioningConfiguration"],
    update: { bucket: "replaces", versioningConfiguration: "in-place" },
    sets: "Status Enabled on every bucket: Object Lock works on object versions, and replication needs versioning on both sides.",
    lifecycle: "PutBucketVersioning on create and on change, in place (a new bucket forces a new resource). With Object Lock on, versioning is already on and cannot be suspended: on destroy the provider tries to suspend it, S3 refuses, and the provider drops the resource from state with a warning. AWS advises waiting 15 minutes after first enabling versioning before writing objects.",
    sources: [`${S3_API}/API_PutBucketVersioning.html`, `${TF_S3}/bucket_versioning.go`],
  },
  {
    type: LOCK,
    properties: ["bucket", "objectLockEnabled", "rule"],
    update: { bucket: "replaces", objectLockEnabled: "replaces", rule: "in-place" },
    sets: "objectLockEnabled Enabled with a default retention of keyVault.lockMode (COMPLIANCE in prod, GOVERNANCE in dev and staging) for keyVault.escrowRetentionDays on the escrow and its replica, and for keyVault.accessLogRetentionDays on the access-log buckets; days is a whole number from 1 to 36,500 (S3_OBJECT_LOCK_RETENTION_DAYS).",
    lifecycle: "PutObjectLockConfiguration, in place; the default retention applies to each new object version, never to versions already stored. COMPLIANCE: no principal, the root user included, can delete or overwrite a locked version or shorten its retention before it ends; GOVERNANCE: a principal allowed s3:BypassGovernanceRetention can. Declared after versioning. On destroy the provider puts a configuration without the rule: the bucket keeps Object Lock and every stored version keeps its retain-until date.",
    sources: [`${S3_API}/API_PutObjectLockConfiguration.html`, `${S3_API}/API_DefaultRetention.html`, `${S3_GUIDE}/object-lock.html`, `${TF_S3}/bucket_object_lock_configuration.go`],
  },
  {
    type: SSE,
    properties: ["bucket", "rules"],
    update: { bucket: "replaces", rules: "in-place" },
    sets: "One rule: aws:kms with the package's customer-managed key of the bucket's region (the escrow's multi-region key, its replica in the DR region, each access log's own key) and S3 Bucket Keys on, which cuts the KMS calls and makes the bucket ARN the encryption context.",
    lifecycle: "PutBucketEncryption, in place; it governs new objects only, and S3 does not check that the key id exists, so a wrong key surfaces at the first upload. On destroy the bucket falls back to S3's default encryption (SSE-S3). The escrow policy also refuses uploads that do not ask for aws:kms.",
    sources: [`${S3_API}/API_PutBucketEncryption.html`, `${S3_GUIDE}/bucket-key.html`, `${S3_GUIDE}/bucket-encryption.html`],
  },
  {
    type: PUBLIC_ACCESS,
    properties: ["bucket", "blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"],
    update: { bucket: "replaces", blockPublicAcls: "in-place", blockPublicPolicy: "in-place", ignorePublicAcls: "in-place", restrictPublicBuckets: "in-place" },
    sets: "All four true on every bucket: no ACL or bucket policy may make the escrow or its records public (CENM-KY-02 judges it).",
    lifecycle: "PutPublicAccessBlock, in place. With the flags on, S3 refuses a public ACL or a public bucket policy (PutBucketPolicy fails), ignores public ACLs, and limits a public policy to the owner and AWS services; the stricter of the bucket's and the account's settings applies. On destroy the block is deleted (DeletePublicAccessBlock).",
    sources: [`${S3_API}/API_PutPublicAccessBlock.html`, `${S3_GUIDE}/access-control-block-public-access.html`],
  },
  {
    type: OWNERSHIP,
    properties: ["bucket", "rule"],
    update: { bucket: "replaces", rule: "in-place" },
    sets: "objectOwnership BucketOwnerEnforced: ACLs are off, the account owns every object (replicas and CloudTrail's log files included) and only policies grant access.",
    lifecycle: "PutBucketOwnershipControls, in place; BucketOwnerEnforced is S3's default for new buckets, declared so that it cannot drift. Under it S3 still takes uploads with the bucket-owner-full-control ACL, the one CloudTrail's delivery statement requires. On destroy the controls are deleted (DeleteBucketOwnershipControls).",
    sources: [`${S3_API}/API_PutBucketOwnershipControls.html`, `${S3_API}/API_OwnershipControlsRule.html`],
  },
  {
    type: LIFECYCLE,
    properties: ["bucket", "rules"],
    update: { bucket: "replaces", rules: "in-place" },
    sets: "Escrow: one rule over every object (empty filter) that aborts multipart uploads left unfinished 7 days, and no expiration, so every version of the wrapped keys is kept until someone deliberately removes it. Each access-log bucket: current versions expire the day after the lock's retention ends, and noncurrent versions a day after they became noncurrent.",
    lifecycle: "PutBucketLifecycleConfiguration replaces the bucket's whole lifecycle configuration, in place; declared after versioning. A lifecycle expiration never removes a version still under Object Lock (it may add a delete marker): the log files go only once their retention has passed. On destroy the configuration is deleted.",
    sources: [`${S3_API}/API_PutBucketLifecycleConfiguration.html`, `${S3_GUIDE}/object-lock-managing.html`],
  },
  {
    type: POLICY,
    properties: ["bucket", "policy"],
    update: { bucket: "replaces", policy: "in-place" },
    sets: "Escrow: deny non-TLS requests; deny object and listing actions (ESCROW_DATA_ACTIONS) unless they come through the vault VPC's S3 gateway endpoint (aws:SourceVpce), the replication role and the break-glass principal exempt; deny uploads without SSE-KMS. Replica: deny non-TLS, deny the same actions to all but replication and break glass. Access logs: CloudTrail may read the ACL and write under AWSLogs/<account>/ only for its own trail (aws:SourceArn); deny non-TLS. s3:ListBucket and bucket-configuration actions are never denied, so the deploying principal can still read and update the bucket.",
    lifecycle: "PutBucketPolicy replaces the whole policy, in place, and fails if the public access block calls the policy public; it is declared after the public access block. The provider calls it again only when the policy differs. CloudTrail refuses to create or update a trail whose bucket policy does not admit it (InsufficientS3BucketPolicyException), so the trail waits for the policy. On destroy the policy is deleted (DeleteBucketPolicy).",
    sources: [`${S3_API}/API_PutBucketPolicy.html`, `${S3_GUIDE}/example-bucket-policies-vpc-endpoint.html`, `${CT_GUIDE}/create-s3-bucket-policy-for-cloudtrail.html`],
  },
  {
    type: REPLICATION,
    properties: ["bucket", "role"],
    update: { bucket: "replaces", role: "in-place" },
    sets: "The escrow bucket, replicated by an IAM role that S3 assumes, allowed only to read the escrow's versions (with their retention and legal hold), write replicas into the DR bucket, and use the two keys through S3 for these buckets.",
    lifecycle: "PutBucketReplication creates or replaces the configuration, in place for a new role; a new bucket forces a new resource. Both buckets need versioning first (the provider retries while S3 says it is not on); the caller needs iam:PassRole for the role. The package sends no Object Lock token. On destroy DeleteBucketReplication; replicas already made stay.",
    sources: [`${S3_API}/API_PutBucketReplication.html`, `${S3_GUIDE}/object-lock-managing.html`, `${TF_S3}/bucket_replication_configuration.go`],
  },
  {
    type: REPLICATION,
    properties: ["rules"],
    update: "in-place",
    sets: "One rule escrow-to-dr over every object (empty filter): deleteMarkerReplication Disabled (a delete on the escrow does not hide the replica's versions), SSE-KMS objects replicated and re-encrypted with the DR replica key, destination storage class GLACIER_IR (S3 Glacier Instant Retrieval: read in milliseconds with no restore, so the replica serves a recovery as fast as the escrow; DEEP_ARCHIVE would need a restore of up to 12 hours first), Replication Time Control and its metrics at 15 minutes.",
    lifecycle: "With a filter S3 wants DeleteMarkerReplication, Status and Priority; the provider expands the empty filter into the filtered schema with priority 0. S3 skips SSE-KMS objects unless SourceSelectionCriteria and a replica key are given; RTC must come with Metrics and replicates 99.99% of objects within 15 minutes. Only versions written after the rule exists are replicated (older ones need Batch Replication), deletes of a given version never are, and each replica keeps its source's retain-until date. The class is applied when S3 writes a replica, so a change reaches only versions replicated afterwards (no escrow was ever deployed with the former DEEP_ARCHIVE). GLACIER_IR bills each version at least 90 days and 128 KB, and a per-GB charge on reads; GetObject and RestoreObject need a restore only for GLACIER and DEEP_ARCHIVE objects.",
    sources: [
      `${S3_API}/API_ReplicationRule.html`,
      `${S3_API}/API_Destination.html`,
      `${S3_API}/API_GetObject.html`,
      `${S3_API}/API_RestoreObject.html`,
      `${S3_GUIDE}/storage-class-intro.html`,
      `${S3_GUIDE}/replication-time-control.html`,
      `${S3_GUIDE}/replication-what-is-isnot-replicated.html`,
      `${TF_S3}/bucket_replication_configuration.go`,
    ],
  },
  // --- CloudTrail: the record of every read and write of the escrow -------------------------------------------
  {
    type: TRAIL,
    properties: ["name"],
    update: "replaces",
    sets: "trailName(`<component>-trail`, stack): the logical name and the stack, with characters CreateTrail refuses turned into hyphens and runs of separators collapsed, 3 to 128 characters; the DR trail's name differs from the primary's.",
    lifecycle: "CreateTrail refuses a name outside its rules (letters, digits, . _ -, starting and ending with a letter or digit, no two separators side by side) or one already taken in the region. The provider replaces the trail when the name changes; a new trail starts with a new digest chain.",
    sources: [`${CT_API}/API_CreateTrail.html`, "https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service/cloudtrail/trail.go"],
  },
  {
    type: TRAIL,
    properties: ["s3BucketName", "kmsKeyId"],
    update: "in-place",
    sets: "The access-log bucket and the access-log key declared with the trail, both in the trail's region (the primary trail's in the primary region, the DR trail's in the DR region); the key's policy lets CloudTrail generate data keys for this trail only.",
    lifecycle: "Checked by CloudTrail on CreateTrail and on UpdateTrail (in place): it refuses a bucket whose policy does not admit it, a key in another region than the bucket (KmsKeyNotFoundException, limit aws-cloudtrail-key-region) and a key policy that does not let it encrypt (InsufficientEncryptionPolicyException). The provider takes the key as an ARN. Log files and hourly digest files are SSE-KMS encrypted with it.",
    sources: [`${CT_API}/API_CreateTrail.html`, `${CT_API}/API_UpdateTrail.html`, `${CT_GUIDE}/cloudtrail-log-file-encryption-cli.html`],
  },
  {
    type: TRAIL,
    properties: ["isMultiRegionTrail", "includeGlobalServiceEvents"],
    update: "in-place",
    sets: "Primary trail: true and true, recording the escrow's and the replica's object events in every region into the primary region's bucket. DR trail: false and false, recording only its own region's events, the replica's, into the DR region's bucket, so that reads of the replica while the primary region is lost are still recorded. Global service events are management events, which the selectors leave out anyway.",
    lifecycle: "UpdateTrail, in place: turning isMultiRegionTrail on creates shadow trails in the other regions, turning it off deletes them. A single-region trail sees only its home region's events (limit aws-cloudtrail-single-region-scope); a multi-region trail delivers every region's events to one bucket, which may sit in any region. The provider starts logging after CreateTrail (new trails do not log until then).",
    sources: [`${CT_API}/API_UpdateTrail.html`, `${CT_GUIDE}/cloudtrail-trails.html`, "https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service/cloudtrail/trail.go"],
  },
  {
    type: TRAIL,
    properties: ["enableLogFileValidation"],
    update: "in-place",
    sets: "true: an auditor can prove that a delivered log file was neither changed nor deleted.",
    lifecycle: "UpdateTrail, in place (CreateTrail's default is false). CloudTrail hashes each log file and delivers a signed digest file every hour; turning validation off breaks the digest chain after an hour, and files delivered while it was off never get digests. Deleting or stopping the trail ends the chain too.",
    sources: [`${CT_API}/API_CreateTrail.html`, `${CT_GUIDE}/cloudtrail-log-file-validation-intro.html`],
  },
  {
    type: TRAIL,
    properties: ["advancedEventSelectors"],
    update: "in-place",
    sets: "One selector: eventCategory Data, resources.type AWS::S3::Object, resources.ARN starting with each escrow bucket's ARN and a slash: every object read and write of the escrow (primary trail: escrow and replica; DR trail: replica), and nothing else, since data events are charged per event.",
    lifecycle: "The provider calls PutEventSelectors after CreateTrail and again when the selectors change, in place; advanced selectors overwrite any basic ones and the two cannot be combined. Without a management-event selector the trail records no management events (the account's own trail does). On destroy DeleteTrail stops the recording; the log files stay in the bucket.",
    sources: [`${CT_API}/API_PutEventSelectors.html`, `${CT_API}/API_AdvancedFieldSelector.html`, `${CT_API}/API_DeleteTrail.html`],
  },
  // --- KMS keys (every customer-managed key of the AWS components) and the escrow's replica key --------------
  {
    type: KEY,
    properties: ["policy"],
    update: "in-place",
    sets: "The account administers the key through IAM, the service statements each component needs (CloudTrail for the access-log keys, the alert topics' publishers), and when protection is on: DenyKeyDeletion (kms:ScheduleKeyDeletion and kms:DisableKey) for every principal but the break-glass one, plus, when a break-glass principal is named, DenyKeyPolicyChange (kms:PutKeyPolicy) for every principal but it, so that nobody else can lift the first deny. The exemption tests aws:PrincipalArn. The break-glass principal must belong to the key's own account: config refuses another (protection.breakGlassPrincipalArn against the one account of aws:allowedAccountIds, which the shipped staging and prod stacks state), the components refuse one of another account than the one they are handed, and the limit aws-kms-key-policy-exemption-same-account refuses such a policy in a plan.",
    lifecycle: "Sent with CreateKey; the provider waits for it to propagate and calls PutKeyPolicy again only when the declared policy is not equivalent to the key's, so a second deploy with nothing changed sends none. With DenyKeyPolicyChange, a change must be deployed by the break-glass principal (anyone else gets AccessDenied); an explicit Deny binds the root user and every IAM policy. Principals named in Principal must exist (the break-glass one sits in a Condition, so it need not). KMS grants another account only cryptographic and a few grant and describe operations, never PutKeyPolicy, ScheduleKeyDeletion or DisableKey, whatever a policy says: exempting a principal of another account would leave those operations to nobody and the key unchangeable for good. Dev declares no deny, so its destroy can schedule the deletion.",
    sources: [`${KMS_API}/API_CreateKey.html`, `${KMS_API}/API_PutKeyPolicy.html`, "https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html", `${TF_KMS}/key.go`, "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html"],
  },
  {
    type: KEY,
    properties: ["bypassPolicyLockoutSafetyCheck"],
    update: "in-place",
    sets: "true exactly when the policy denies kms:PutKeyPolicy to the deploying principal (protection on with a break-glass principal), false otherwise (lockoutBypass, the predicate of limit aws-kms-key-policy-lockout).",
    lifecycle: "Sent with CreateKey and with any later PutKeyPolicy; changing it alone makes no call. KMS refuses a policy that keeps its sender from a later PutKeyPolicy unless the flag is set, and documents the flag for a sender that means to lock itself out; the break-glass principal keeps the key manageable. A policy denying PutKeyPolicy to everyone without exception would leave the key unmanageable: the limit refuses it.",
    sources: [`${KMS_API}/API_CreateKey.html`, `${KMS_API}/API_PutKeyPolicy.html`],
  },
  {
    type: KEY,
    properties: ["deletionWindowInDays"],
    update: "in-place",
    sets: "30 (KMS_DELETION_WINDOW_DAYS), AWS's longest: a scheduled deletion can be seen and cancelled for a month (CENM-GN-07).",
    lifecycle: "Used only when the key is deleted: the provider calls ScheduleKeyDeletion with it as PendingWindowInDays (7 to 30) and treats the key as gone once it is pending deletion; changing it calls nothing. A multi-region primary with replicas waits in PendingReplicaDeletion until its last replica is deleted. Protected keys are retained on delete and their policy denies the call.",
    sources: [`${KMS_API}/API_ScheduleKeyDeletion.html`, `${TF_KMS}/key.go`],
  },
  {
    type: KEY,
    properties: ["enableKeyRotation", "rotationPeriodInDays"],
    update: "in-place",
    sets: "true, every 365 days: new key material each year; KMS keeps decrypting what earlier material encrypted.",
    lifecycle: "The provider calls EnableKeyRotation right after CreateKey and again when either value changes, in place; the period may be 90 to 2,560 days and KMS's default is 365. For multi-region keys rotation is set on the primary and shared with its replicas.",
    sources: [`${KMS_API}/API_EnableKeyRotation.html`, "https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html", `${TF_KMS}/key.go`],
  },
  {
    type: KEY,
    properties: ["multiRegion"],
    update: "replaces",
    sets: "true for the escrow key only, whose DR replica decrypts the replicated escrow in the DR region with the same key material; false for every other key, each region having its own.",
    lifecycle: "Sent with CreateKey; KMS cannot change it afterwards and the provider replaces the key when it changes, which would strand every object encrypted under the old key. A second deploy calls nothing.",
    sources: [`${KMS_API}/API_CreateKey.html`, `${TF_KMS}/key.go`],
  },
  {
    type: KEY,
    properties: ["description"],
    update: "in-place",
    sets: "What the key encrypts, naming its component (for example: Encrypts the access log of the CENM key escrow).",
    lifecycle: "Sent with CreateKey; a change calls UpdateKeyDescription, in place. It appears in plain text in CloudTrail, so it names no secret.",
    sources: [`${KMS_API}/API_CreateKey.html`, `${KMS_API}/API_UpdateKeyDescription.html`],
  },
  {
    type: REPLICA_KEY,
    properties: ["primaryKeyArn"],
    update: "replaces",
    sets: "The escrow's multi-region primary key; the replica lives in the DR region (its region input).",
    lifecycle: "The provider calls ReplicateKey in the primary key's region, which creates the replica (key id, material and rotation shared with the primary) and waits until it is enabled; one replica per region, so a second in the same region is refused. A change replaces the replica.",
    sources: [`${KMS_API}/API_ReplicateKey.html`, `${TF_KMS}/replica_key.go`],
  },
  {
    type: REPLICA_KEY,
    properties: ["policy", "bypassPolicyLockoutSafetyCheck"],
    update: "in-place",
    sets: "The same protective policy and flag as the primary keys (keyPolicy, lockoutBypass): the key policy is not shared between multi-region keys, so the replica needs its own denies.",
    lifecycle: "Sent with ReplicateKey, where the same lockout rule applies as for CreateKey; a later change calls PutKeyPolicy with the flag, only when the policy differs, in place.",
    sources: [`${KMS_API}/API_ReplicateKey.html`, `${TF_KMS}/replica_key.go`],
  },
  {
    type: REPLICA_KEY,
    properties: ["deletionWindowInDays", "description"],
    update: "in-place",
    sets: "30 days, like every key; a description naming the escrow's DR replica.",
    lifecycle: "The description goes with ReplicateKey and changes by UpdateKeyDescription in place; the window is used only by ScheduleKeyDeletion on delete. Deleting a replica does not destroy the material of its primary.",
    sources: [`${KMS_API}/API_ReplicateKey.html`, `${KMS_API}/API_ScheduleKeyDeletion.html`, `${TF_KMS}/replica_key.go`],
  },
  // --- CloudHSM (opt-in: keyVault.cloudHsm; no shipped stack declares it) -------------------------------------
  {
    type: HSM_CLUSTER,
    properties: ["hsmType", "mode", "subnetIds"],
    update: { hsmType: "in-place", mode: "replaces", subnetIds: "replaces" },
    when: "keyVault.cloudHsm is true",
    sets: "hsm2m.medium in FIPS mode over the vault subnets of the first two zones of the isolated vault VPC (one subnet per zone).",
    lifecycle: "CreateCluster takes hsm1.medium or hsm2m.medium, FIPS or NON_FIPS, and one subnet per zone, all in one VPC; ModifyCluster can change only the HSM type and backup retention, so other changes mean a new cluster. DeleteCluster is refused while the cluster holds an HSM. The cluster is protected and retained outside dev.",
    sources: [`${HSM_API}/API_CreateCluster.html`, `${HSM_API}/API_ModifyCluster.html`, `${HSM_API}/API_DeleteCluster.html`],
  },
  {
    type: HSM,
    properties: ["clusterId", "subnetId"],
    update: "replaces",
    when: "keyVault.cloudHsm is true",
    sets: "One HSM in the first vault subnet until keyVault.cloudHsmInitialized, then a second in the next zone's subnet (limit aws-cloudhsm-one-hsm-until-initialized).",
    lifecycle: "CreateHsm in the cluster, in the zone of the given subnet (the provider takes the subnet or a zone); an HSM added to an activated cluster is cloned from the cluster's keys. There is no update: a change replaces the HSM. DeleteHsm removes it.",
    sources: [`${HSM_API}/API_CreateHsm.html`, `${HSM_API}/API_DeleteHsm.html`, "https://docs.aws.amazon.com/cloudhsm/latest/userguide/getting-started.html"],
  },
];
