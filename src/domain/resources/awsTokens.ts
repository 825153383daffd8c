/** Type tokens of the AWS resources the readers interpret (`@pulumi/aws` v7). */
export const T = {
  rdsCluster: "aws:rds/cluster:Cluster",
  rdsClusterInstance: "aws:rds/clusterInstance:ClusterInstance",
  rdsInstance: "aws:rds/instance:Instance",
  rdsBackupsReplication: "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication",
  rdsSubnetGroup: "aws:rds/subnetGroup:SubnetGroup",
  metricAlarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
  eventRule: "aws:cloudwatch/eventRule:EventRule",
  backupVault: "aws:backup/vault:Vault",
  backupAirGappedVault: "aws:backup/logicallyAirGappedVault:LogicallyAirGappedVault",
  backupVaultLock: "aws:backup/vaultLockConfiguration:VaultLockConfiguration",
  backupVaultNotifications: "aws:backup/vaultNotifications:VaultNotifications",
  backupPlan: "aws:backup/plan:Plan",
  backupSelection: "aws:backup/selection:Selection",
  restoreTestingPlan: "aws:backup/restoreTestingPlan:RestoreTestingPlan",
  restoreTestingSelection: "aws:backup/restoreTestingSelection:RestoreTestingSelection",
  efsFileSystem: "aws:efs/fileSystem:FileSystem",
  efsMountTarget: "aws:efs/mountTarget:MountTarget",
  efsReplication: "aws:efs/replicationConfiguration:ReplicationConfiguration",
  subnet: "aws:ec2/subnet:Subnet",
  vpc: "aws:ec2/vpc:Vpc",
  vpcEndpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
  securityGroup: "aws:ec2/securityGroup:SecurityGroup",
  defaultSecurityGroup: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
  securityGroupRule: "aws:ec2/securityGroupRule:SecurityGroupRule",
  ingressRule: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
  internetGateway: "aws:ec2/internetGateway:InternetGateway",
  internetGatewayAttachment: "aws:ec2/internetGatewayAttachment:InternetGatewayAttachment",
  natGateway: "aws:ec2/natGateway:NatGateway",
  bucket: "aws:s3/bucket:Bucket",
  bucketV2: "aws:s3/bucketV2:BucketV2",
  bucketLock: "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
  bucketLockV2: "aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2",
  bucketReplication: "aws:s3/bucketReplicationConfig:BucketReplicationConfig",
  bucketPublicAccessBlock: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
  accountPublicAccessBlock: "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock",
  bucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
  bucketSse: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  bucketSseV2: "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
  kmsKey: "aws:kms/key:Key",
  kmsReplicaKey: "aws:kms/replicaKey:ReplicaKey",
  kmsAlias: "aws:kms/alias:Alias",
  hsmCluster: "aws:cloudhsmv2/cluster:Cluster",
  hsm: "aws:cloudhsmv2/hsm:Hsm",
  snsTopic: "aws:sns/topic:Topic",
} as const;

/** Buckets under either name the provider has used for them. */
export const BUCKET_TYPES = [T.bucket, T.bucketV2];
export const BUCKET_LOCK_TYPES = [T.bucketLock, T.bucketLockV2];
export const BUCKET_SSE_TYPES = [T.bucketSse, T.bucketSseV2];
export const VAULT_TYPES = [T.backupVault, T.backupAirGappedVault];
export const RDS_TYPES = [T.rdsCluster, T.rdsInstance];
export const KMS_KEY_TYPES = [T.kmsKey, T.kmsReplicaKey];
