/**
 * A platform team's own Pulumi program that puts CENM's backup elements into a VPC it already runs, instead of the
 * package's stack program. It composes the AWS components from `cenm-backup/aws` directly: the database and the
 * file store in the team's private subnets, the snapshot schedule over both, the signing-key escrow in an isolated
 * VPC of its own, and the alert topics they report to.
 *
 *   pulumi config set aws:region eu-west-1
 *   pulumi config set --path 'aws:allowedAccountIds[0]' <this account's id>
 *   pulumi config set breakGlassPrincipalArn arn:aws:iam::<this account's id>:role/<break-glass role>
 *   pulumi config set platformVpcId vpc-0123456789abcdef0
 *   pulumi config set --path 'platformSubnetIds[0]' subnet-0a...   (one private subnet per zone, in zone order)
 *   pulumi up
 *
 * Type-checked by `npm test` (tsconfig.json maps `cenm-backup/aws` to src/aws.ts); a consumer installs the package
 * and imports the same module name.
 */
import * as pulumi from "@pulumi/pulumi";
import { AlertTopic, OfflineKeyVault, ReplicatedDatabase, ReplicatedFileStore, SnapshotSchedule, type CommonArgs } from "cenm-backup/aws";

const config = new pulumi.Config();
const zones = ["eu-west-1a", "eu-west-1b", "eu-west-1c"];
const vpcId = config.require("platformVpcId");
const subnetIds = config.requireObject<string[]>("platformSubnetIds");
/** The CENM hosts' subnets: the only sources the database and the file system admit. */
const cenmCidrs = ["10.130.0.0/20"];

const common: CommonArgs = {
  environment: "prod",
  region: "eu-west-1",
  drRegion: "eu-central-1",
  // A role of the account the keys live in: KMS lets no other account change a key's policy or delete the key.
  protection: { enabled: true, breakGlassPrincipalArn: config.require("breakGlassPrincipalArn") },
  tags: { owner: "platform-team" },
};

const alerts = new AlertTopic("cenm-alerts", { ...common, emails: ["cenm-oncall@example.com"] });

const database = new ReplicatedDatabase("cenm-db", {
  ...common,
  availabilityZones: zones,
  vpcId,
  subnetIds,
  clientCidrs: cenmCidrs,
  engine: "postgres",
  engineVersion: "16.6",
  topology: "multi-az-instance",
  instanceClass: "db.r6g.large",
  allocatedStorageGb: 100,
  storageType: "gp3",
  pointInTimeDays: 35,
  retentionManagedByAwsBackup: true,
  crossRegionReplica: false,
  replicaLagAlarmSeconds: 300,
  alarmTopicArn: alerts.topicArn,
  databases: [
    { service: "identity-manager", name: "identitymanager", user: "identitymanager" },
    { service: "network-map", name: "networkmap", user: "networkmap" },
  ],
});

const files = new ReplicatedFileStore("cenm-files", {
  ...common,
  availabilityZones: zones,
  vpcId,
  subnetIds,
  clientCidrs: cenmCidrs,
  services: ["identity-manager", "network-map", "signer"],
});

new SnapshotSchedule("cenm-snapshots", {
  ...common,
  resources: [
    { resourceType: "RDS", arn: database.arn, backupWindow: "02:00-03:00" },
    { resourceType: "EFS", arn: files.fileSystemArn },
  ],
  pointInTimeDays: 35,
  continuousBackup: true,
  hourly: { enabled: false, everyHours: 1, retentionDays: 2 },
  daily: { enabled: true, retentionDays: 35, hourUtc: 4 },
  monthly: { enabled: true, retentionDays: 365 },
  drCopy: { enabled: true, retentionDays: 35 },
  lock: { mode: "compliance", changeableForDays: 3 },
  restoreTesting: { enabled: true, scheduleExpression: "cron(0 5 ? * SUN *)", validationWindowHours: 24 },
  alarmTopicArn: alerts.topicArn,
});

const keys = new OfflineKeyVault("cenm-keys", {
  ...common,
  availabilityZones: zones.slice(0, 2),
  vaultVpcCidr: "10.31.0.0/24",
  escrowRetentionDays: 3650,
  lockMode: "compliance",
  offlineCopies: [
    { id: "hsm-backup-token-01", location: "Operator vault room, safe 2", medium: "HSM backup token", custodians: ["officer-a", "officer-b"], lastVerified: "2026-10-14" },
  ],
});

export const databaseEndpoint = database.endpoint;
export const fileSystemId = files.fileSystemId;
export const copies = pulumi.all([database.copies, files.copies, keys.copies]).apply((lists) => lists.flat());
