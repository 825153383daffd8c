/**
 * AWS types the audit accounts for: those the readers interpret, and supporting types that hold no CENM data and
 * need no verdict of their own (identity, networking plumbing, alerting, parameter groups...). Any other custom
 * AWS type is reported as unknown.
 */
import { T } from "../../../domain/resources/awsTokens";

/** Types the readers interpret. */
export const READ_TYPES = new Set<string>(Object.values(T));

/** Type prefixes (`aws:<module>/`) whose resources support the others. */
const SUPPORTING_MODULES = ["aws:iam/", "aws:sns/", "aws:cloudwatch/"];

/** Individual supporting types. */
const SUPPORTING_TYPES = new Set<string>([
  "aws:ec2/vpc:Vpc",
  "aws:ec2/subnet:Subnet",
  "aws:ec2/routeTable:RouteTable",
  "aws:ec2/routeTableAssociation:RouteTableAssociation",
  "aws:ec2/route:Route",
  "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
  "aws:ec2/defaultRouteTable:DefaultRouteTable",
  "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl",
  "aws:ec2/networkAcl:NetworkAcl",
  "aws:ec2/networkAclRule:NetworkAclRule",
  "aws:ec2/vpcEndpoint:VpcEndpoint",
  "aws:ec2/vpcEndpointPolicy:VpcEndpointPolicy",
  "aws:ec2/vpcEndpointRouteTableAssociation:VpcEndpointRouteTableAssociation",
  "aws:ec2/flowLog:FlowLog",
  "aws:ec2/eip:Eip",
  "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
  "aws:kms/alias:Alias",
  "aws:kms/grant:Grant",
  "aws:kms/keyPolicy:KeyPolicy",
  "aws:rds/subnetGroup:SubnetGroup",
  "aws:rds/parameterGroup:ParameterGroup",
  "aws:rds/clusterParameterGroup:ClusterParameterGroup",
  "aws:rds/optionGroup:OptionGroup",
  "aws:efs/accessPoint:AccessPoint",
  "aws:efs/backupPolicy:BackupPolicy",
  "aws:efs/fileSystemPolicy:FileSystemPolicy",
  "aws:s3/bucketVersioning:BucketVersioning",
  "aws:s3/bucketVersioningV2:BucketVersioningV2",
  "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
  "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
  "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
  "aws:s3/bucketLogging:BucketLogging",
  "aws:s3/bucketLoggingV2:BucketLoggingV2",
  "aws:backup/vaultPolicy:VaultPolicy",
  "aws:backup/framework:Framework",
  "aws:backup/reportPlan:ReportPlan",
  "aws:backup/regionSettings:RegionSettings",
  "aws:backup/globalSettings:GlobalSettings",
  // The database's generated master credential: its secret, the secret's value and the password drawn for it.
  "aws:secretsmanager/secret:Secret",
  "aws:secretsmanager/secretVersion:SecretVersion",
  "random:index/randomPassword:RandomPassword",
]);

/** The type is read or supports what is read. */
export function isKnownAwsType(type: string): boolean {
  return READ_TYPES.has(type) || SUPPORTING_TYPES.has(type) || SUPPORTING_MODULES.some((m) => type.startsWith(m));
}
