import { GENERATED_PASSWORD_LENGTH, MASTER_USERNAME, ReplicatedDatabase, ReplicatedDatabaseInputs } from "../../../src/components/aws/ReplicatedDatabase";
import { mockRandomPassword } from "../../../src/offline/mocks";
import type { CopyDescriptor } from "../../../src/components/types";
import { declare, json, named, ofType, one } from "../../helpers/offline";

const CLUSTER = "aws:rds/cluster:Cluster";
const INSTANCE = "aws:rds/instance:Instance";
const KEY = "aws:kms/key:Key";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const BACKUPS_REPLICATION = "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication";
const RANDOM_ID = "random:index/randomId:RandomId";
const RANDOM_PASSWORD = "random:index/randomPassword:RandomPassword";
const SECRET = "aws:secretsmanager/secret:Secret";
const SECRET_VERSION = "aws:secretsmanager/secretVersion:SecretVersion";

/** A final snapshot identifier with the per-creation random part (8 hex digits) after `<name>-final-`. */
const finalSnapshot = (name: string) => expect.stringMatching(new RegExp(`^${name}-final-[0-9a-f]{8}$`));

/** The DR network a cross-region replica needs. */
const DR_NETWORK = { drVpcId: "vpc-dr", drSubnetIds: ["dr-a", "dr-b"] };

const DATABASES = [
  { service: "identity-manager", name: "identity_manager", user: "identity_manager" },
  { service: "network-map", name: "network_map", user: "network_map" },
  { service: "zone", name: "zone", user: "zone" },
  { service: "auth", name: "auth", user: "auth" },
];

function baseArgs(overrides: Partial<ReplicatedDatabaseInputs> = {}): ReplicatedDatabaseInputs {
  return {
    environment: "prod",
    region: "eu-west-1",
    drRegion: "eu-central-1",
    protection: { enabled: true },
    tags: { owner: "cenm" },
    availabilityZones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
    vpcId: "vpc-123",
    subnetIds: ["subnet-a", "subnet-b", "subnet-c"],
    clientCidrs: ["10.20.0.0/24", "10.20.1.0/24"],
    engine: "postgres",
    engineVersion: "16.6",
    topology: "multi-az-cluster",
    instanceClass: "db.r6gd.large",
    allocatedStorageGb: 400,
    storageType: "io2",
    iops: 3000,
    pointInTimeDays: 14,
    replicaLagAlarmSeconds: 30,
    alarmTopicArn: "arn:aws:sns:eu-west-1:123456789012:cenm-alerts",
    drAlarmTopicArn: "arn:aws:sns:eu-central-1:123456789012:cenm-alerts-dr",
    databases: DATABASES,
    ...overrides,
  };
}

function instanceArgs(overrides: Partial<ReplicatedDatabaseInputs> = {}): ReplicatedDatabaseInputs {
  return baseArgs({ topology: "multi-az-instance", storageType: "gp3", iops: undefined, ...overrides });
}

function build(args: ReplicatedDatabaseInputs) {
  return () => {
    const db = new ReplicatedDatabase("cenm-db", args);
    return {
      engine: db.engine,
      endpoint: db.endpoint,
      readerEndpoint: db.readerEndpoint,
      port: db.port,
      arn: db.arn,
      resourceType: db.resourceType,
      replicaArn: db.replicaArn,
      replicaEndpoint: db.replicaEndpoint,
      region: db.region,
      availabilityZones: db.availabilityZones,
      masterUsername: db.masterUsername,
      masterUserSecretArn: db.masterUserSecretArn,
      kmsKeyArn: db.kmsKeyArn,
      drKmsKeyArn: db.drKmsKeyArn,
      subnetGroupName: db.subnetGroupName,
      securityGroupId: db.securityGroupId,
      databases: db.databases,
      copies: db.copies,
    };
  };
}

describe("ReplicatedDatabase: multi-az-cluster", () => {
  it("declares a Multi-AZ DB cluster over the first three zones, with no cluster instance", async () => {
    const run = await declare(build(baseArgs({ availabilityZones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"] })));
    const cluster = one(run, CLUSTER);
    expect(cluster.name).toBe("cenm-db-cluster");
    expect(cluster.parentType).toBe("cenm-backup:aws:ReplicatedDatabase");
    expect(cluster.inputs).toMatchObject({
      region: "eu-west-1",
      engine: "postgres",
      engineVersion: "16.6",
      dbClusterInstanceClass: "db.r6gd.large",
      storageType: "io2",
      allocatedStorage: 400,
      iops: 3000,
      availabilityZones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
      storageEncrypted: true,
      kmsKeyId: "arn:aws:kms:eu-west-1:123456789012:key/cenm-db-key",
      manageMasterUserPassword: true,
      masterUserSecretKmsKeyId: "arn:aws:kms:eu-west-1:123456789012:key/cenm-db-key",
      masterUsername: MASTER_USERNAME,
      iamDatabaseAuthenticationEnabled: true,
      deletionProtection: true,
      skipFinalSnapshot: false,
      finalSnapshotIdentifier: finalSnapshot("cenm-db-cluster"),
      copyTagsToSnapshot: true,
      backupRetentionPeriod: 14,
      preferredBackupWindow: "02:00-03:00",
      preferredMaintenanceWindow: "sun:04:00-sun:05:00",
      autoMinorVersionUpgrade: true,
      enabledCloudwatchLogsExports: ["postgresql"],
      performanceInsightsEnabled: true,
      performanceInsightsKmsKeyId: "arn:aws:kms:eu-west-1:123456789012:key/cenm-db-key",
      port: 5432,
      dbSubnetGroupName: "cenm-db-subnets-0000000",
      vpcSecurityGroupIds: ["cenm-db-sg-id"],
      tags: { owner: "cenm", "cenm-backup:element": "database" },
    });
    expect(cluster.inputs).not.toHaveProperty("masterPassword");
    expect(cluster.inputs).not.toHaveProperty("engineMode");
    expect(ofType(run, "aws:rds/clusterInstance:ClusterInstance")).toHaveLength(0);
    expect(ofType(run, INSTANCE)).toHaveLength(0);
    expect(DATABASES.map((d) => d.user)).not.toContain(cluster.inputs.masterUsername);
  });

  it("takes the first three of more configured zones and forces TLS in a cluster parameter group", async () => {
    const run = await declare(
      build(baseArgs({ availabilityZones: ["eu-west-1a", "eu-west-1b", "eu-west-1c", "eu-west-1d"], subnetIds: ["s-a", "s-b", "s-c", "s-d"] })),
    );
    expect(one(run, CLUSTER).inputs.availabilityZones).toEqual(["eu-west-1a", "eu-west-1b", "eu-west-1c"]);
    expect(one(run, "aws:rds/subnetGroup:SubnetGroup").inputs.subnetIds).toEqual(["s-a", "s-b", "s-c", "s-d"]);
    const params = one(run, "aws:rds/clusterParameterGroup:ClusterParameterGroup");
    expect(params.inputs.family).toBe("postgres16");
    expect(params.inputs.region).toBe("eu-west-1");
    expect(params.inputs.parameters).toEqual([{ name: "rds.force_ssl", value: "1", applyMethod: "immediate" }]);
    expect(one(run, CLUSTER).inputs.dbClusterParameterGroupName).toBe("cenm-db-cluster-params-0000000");
    expect(ofType(run, "aws:rds/parameterGroup:ParameterGroup")).toHaveLength(0);
    expect(ofType(run, "aws:rds/optionGroup:OptionGroup")).toHaveLength(0);
  });

  it("declares no ReplicaLag alarm: RDS publishes none under a cluster identifier", async () => {
    const run = await declare(build(baseArgs()));
    expect(ofType(run, ALARM)).toHaveLength(0);
  });

  it("names its final snapshot after a random id drawn anew with each creation of the cluster", async () => {
    const run = await declare(build(baseArgs()));
    const id = one(run, RANDOM_ID, "cenm-db-final-snapshot-id");
    expect(id.inputs).toMatchObject({ byteLength: 4, keepers: { engine: "postgres", topology: "multi-az-cluster", zones: "eu-west-1a,eu-west-1b,eu-west-1c", masterUsername: "cenmdba" } });
    const cluster = one(run, CLUSTER);
    expect(cluster.propertyDependencies.finalSnapshotIdentifier).toContain(id.urn);
  });

  it("exports cluster outputs, the managed secret and the service databases", async () => {
    const run = await declare(build(baseArgs()));
    expect(run.outputs).toMatchObject({
      engine: "postgres",
      endpoint: "cenm-db-cluster-0000000.cluster-mock.eu-west-1.rds.amazonaws.com",
      readerEndpoint: "cenm-db-cluster-0000000.cluster-ro-mock.eu-west-1.rds.amazonaws.com",
      port: 5432,
      arn: "arn:aws:rds:eu-west-1:123456789012:cluster:cenm-db-cluster-0000000",
      resourceType: "cluster",
      region: "eu-west-1",
      availabilityZones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
      masterUsername: "cenmdba",
      masterUserSecretArn: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!cluster-cenm-db-cluster",
      kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/cenm-db-key",
      subnetGroupName: "cenm-db-subnets-0000000",
      securityGroupId: "cenm-db-sg-id",
      databases: DATABASES,
    });
    expect(run.outputs.replicaArn).toBeUndefined();
    expect(run.outputs.replicaEndpoint).toBeUndefined();
    expect(run.outputs.drKmsKeyArn).toBeUndefined();
    expect(ofType(run, KEY).map((k) => k.name)).toEqual(["cenm-db-key"]);
  });

  it("gives a cluster the generated password under its own property name when asked", async () => {
    const run = await declare(build(baseArgs({ masterPassword: "generated" })));
    const cluster = one(run, CLUSTER);
    expect(cluster.inputs).toMatchObject({ masterPassword: "[secret]", masterUsername: MASTER_USERNAME });
    expect(cluster.inputs).not.toHaveProperty("manageMasterUserPassword");
    expect(cluster.inputs).not.toHaveProperty("password");
    expect(one(run, SECRET_VERSION).options.dependsOn).toContain("cenm-db-cluster");
  });

  it("describes the writer, two semi-synchronous readable standbys and the automated backups", async () => {
    const run = await declare(build(baseArgs()));
    const copies = run.outputs.copies as CopyDescriptor[];
    expect(copies.map((c) => [c.role, c.mode, c.region])).toEqual([
      ["primary", "synchronous", "eu-west-1"],
      ["readable-standby-1", "semi-synchronous", "eu-west-1"],
      ["readable-standby-2", "semi-synchronous", "eu-west-1"],
      ["automated-backups", "point-in-time", "eu-west-1"],
    ]);
    expect(copies[1].rpo).toContain("under 35 seconds");
    expect(copies[1].rpoSeconds).toBe(0);
    expect(copies[1].availabilityZones).toEqual(["eu-west-1a", "eu-west-1b", "eu-west-1c"]);
    expect(copies.every((c) => c.element === "database")).toBe(true);
  });
});

describe("ReplicatedDatabase: multi-az-instance with DR copies", () => {
  const drArgs = () => instanceArgs({ crossRegionReplica: true, drBackupReplication: true, ...DR_NETWORK, drClientCidrs: ["10.50.0.0/16"] });

  it("declares a Multi-AZ primary instance with TLS forced", async () => {
    const run = await declare(build(drArgs()));
    const primary = named(run, "cenm-db-primary");
    expect(primary.type).toBe(INSTANCE);
    expect(primary.inputs).toMatchObject({
      region: "eu-west-1",
      engine: "postgres",
      engineVersion: "16.6",
      instanceClass: "db.r6gd.large",
      multiAz: true,
      storageType: "gp3",
      allocatedStorage: 400,
      publiclyAccessible: false,
      storageEncrypted: true,
      kmsKeyId: "arn:aws:kms:eu-west-1:123456789012:key/cenm-db-key",
      // A source of read replicas: the generated password, never RDS's managed one.
      password: "[secret]",
      username: "cenmdba",
      iamDatabaseAuthenticationEnabled: true,
      deletionProtection: true,
      skipFinalSnapshot: false,
      finalSnapshotIdentifier: finalSnapshot("cenm-db-primary"),
      copyTagsToSnapshot: true,
      backupRetentionPeriod: 14,
      backupWindow: "02:00-03:00",
      maintenanceWindow: "sun:04:00-sun:05:00",
      enabledCloudwatchLogsExports: ["postgresql", "upgrade"],
      parameterGroupName: "cenm-db-params-0000000",
      port: 5432,
    });
    expect(primary.inputs).not.toHaveProperty("availabilityZone");
    expect(primary.inputs).not.toHaveProperty("manageMasterUserPassword");
    expect(primary.inputs).not.toHaveProperty("masterUserSecretKmsKeyId");
    expect(one(run, "aws:rds/parameterGroup:ParameterGroup", "cenm-db-params").inputs).toMatchObject({
      family: "postgres16",
      parameters: [{ name: "rds.force_ssl", value: "1", applyMethod: "immediate" }],
    });
    expect(ofType(run, CLUSTER)).toHaveLength(0);
  });

  it("puts an encrypted read replica in the DR region with its own DR key", async () => {
    const run = await declare(build(drArgs()));
    const keys = ofType(run, KEY);
    expect(keys.map((k) => [k.name, k.inputs.region])).toEqual([
      ["cenm-db-dr-key", "eu-central-1"],
      ["cenm-db-key", "eu-west-1"],
    ]);
    const replica = named(run, "cenm-db-dr-replica");
    expect(replica.type).toBe(INSTANCE);
    expect(replica.inputs).toMatchObject({
      region: "eu-central-1",
      replicateSourceDb: "arn:aws:rds:eu-west-1:123456789012:db:cenm-db-primary-0000000",
      instanceClass: "db.r6gd.large",
      storageEncrypted: true,
      kmsKeyId: "arn:aws:kms:eu-central-1:123456789012:key/cenm-db-dr-key",
      performanceInsightsKmsKeyId: "arn:aws:kms:eu-central-1:123456789012:key/cenm-db-dr-key",
      publiclyAccessible: false,
      deletionProtection: true,
      // RDS leaves IAM authentication off on a replica unless asked; the promoted replica keeps it.
      iamDatabaseAuthenticationEnabled: true,
      // RDS refuses a final snapshot of a read replica.
      skipFinalSnapshot: true,
    });
    expect(replica.inputs).not.toHaveProperty("username");
    // The replica takes the source's master user and password through replication.
    expect(replica.inputs).not.toHaveProperty("password");
    // The replica's own parameter group in the DR region keeps TLS forced after a promotion.
    const drParams = named(run, "cenm-db-dr-params");
    expect(drParams.inputs).toMatchObject({ region: "eu-central-1", family: "postgres16", parameters: [{ name: "rds.force_ssl", value: "1", applyMethod: "immediate" }] });
    expect(replica.inputs.parameterGroupName).toBe("cenm-db-dr-params-0000000");
    expect(replica.inputs).not.toHaveProperty("manageMasterUserPassword");
    expect(replica.inputs).not.toHaveProperty("finalSnapshotIdentifier");
    expect(replica.options).toMatchObject({ protect: true, retainOnDelete: true });
  });

  it("makes the replica a single-zone instance by default, and a Multi-AZ one (no zone named) with replicaMultiAz", async () => {
    expect(named(await declare(build(drArgs())), "cenm-db-dr-replica").inputs.multiAz).toBe(false);
    const run = await declare(build({ ...drArgs(), replicaMultiAz: true }));
    const replica = named(run, "cenm-db-dr-replica");
    expect(replica.inputs).toMatchObject({ multiAz: true, dbSubnetGroupName: "cenm-db-dr-subnets-0000000" });
    // RDS places a Multi-AZ instance and its standby itself (limit aws-rds-multi-az-no-availability-zone).
    expect(replica.inputs).not.toHaveProperty("availabilityZone");
    const copy = (run.outputs.copies as any[]).find((c) => c.role === "cross-region-replica");
    expect(copy.mechanism).toContain("a Multi-AZ DB instance (synchronous standby in another zone of the DR region, kept when promoted)");
  });

  it("replicates automated backups to the DR region with the DR key", async () => {
    const run = await declare(build(drArgs()));
    const replication = one(run, BACKUPS_REPLICATION);
    expect(replication.inputs).toEqual({
      region: "eu-central-1",
      sourceDbInstanceArn: "arn:aws:rds:eu-west-1:123456789012:db:cenm-db-primary-0000000",
      kmsKeyId: "arn:aws:kms:eu-central-1:123456789012:key/cenm-db-dr-key",
      retentionPeriod: 14,
    });
    expect(replication.options).toMatchObject({ protect: true, retainOnDelete: true });
  });

  it("alarms on the replica's lag in the DR region, to the DR topic, and nowhere else", async () => {
    const run = await declare(build(drArgs()));
    const alarm = one(run, ALARM);
    expect(alarm.name).toBe("cenm-db-dr-replica-lag");
    expect(alarm.inputs).toMatchObject({
      region: "eu-central-1",
      metricName: "ReplicaLag",
      namespace: "AWS/RDS",
      dimensions: { DBInstanceIdentifier: "cenm-db-dr-replica-0000000" },
      threshold: 30,
      alarmActions: ["arn:aws:sns:eu-central-1:123456789012:cenm-alerts-dr"],
      okActions: ["arn:aws:sns:eu-central-1:123456789012:cenm-alerts-dr"],
    });
  });

  it("puts the replica in the DR subnets, behind a DR security group admitting the DR CENM subnets only", async () => {
    const run = await declare(build(drArgs()));
    const drSubnets = one(run, "aws:rds/subnetGroup:SubnetGroup", "cenm-db-dr-subnets");
    expect(drSubnets.inputs).toMatchObject({ region: "eu-central-1", subnetIds: ["dr-a", "dr-b"] });
    const replica = named(run, "cenm-db-dr-replica");
    expect(replica.inputs.dbSubnetGroupName).toBe("cenm-db-dr-subnets-0000000");
    expect(replica.inputs.vpcSecurityGroupIds).toEqual(["cenm-db-dr-sg-id"]);
    expect(named(run, "cenm-db-dr-sg").inputs).toMatchObject({ region: "eu-central-1", vpcId: "vpc-dr" });
    expect(named(run, "cenm-db-dr-ingress-0").inputs).toMatchObject({ region: "eu-central-1", securityGroupId: "cenm-db-dr-sg-id", cidrIpv4: "10.50.0.0/16", fromPort: 5432, toPort: 5432 });
  });

  it("exports the replica and the DR key, and describes every copy honestly", async () => {
    const run = await declare(build(drArgs()));
    expect(run.outputs).toMatchObject({
      resourceType: "instance",
      arn: "arn:aws:rds:eu-west-1:123456789012:db:cenm-db-primary-0000000",
      endpoint: "cenm-db-primary-0000000.mock.eu-west-1.rds.amazonaws.com",
      readerEndpoint: "cenm-db-primary-0000000.mock.eu-west-1.rds.amazonaws.com",
      replicaArn: "arn:aws:rds:eu-central-1:123456789012:db:cenm-db-dr-replica-0000000",
      replicaEndpoint: "cenm-db-dr-replica-0000000.mock.eu-central-1.rds.amazonaws.com",
      drKmsKeyArn: "arn:aws:kms:eu-central-1:123456789012:key/cenm-db-dr-key",
      masterUserSecretArn: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:cenm-db-master-secret-0000000-AbCdEf",
      availabilityZones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
    });
    const copies = run.outputs.copies as CopyDescriptor[];
    expect(copies.map((c) => [c.role, c.mode, c.region])).toEqual([
      ["primary", "synchronous", "eu-west-1"],
      ["standby", "synchronous", "eu-west-1"],
      ["automated-backups", "point-in-time", "eu-west-1"],
      ["cross-region-replica", "asynchronous", "eu-central-1"],
      ["dr-point-in-time", "point-in-time", "eu-central-1"],
    ]);
    // Every RPO is the figures table's, with its source.
    expect(copies[1].rpo).toContain("60 to 120 seconds");
    expect(copies[3].rpo).toMatch(/^5 min \(assumption of this package/);
    expect(copies[3].rpo).toContain("alarmed above 30 s");
    expect(copies[3].rpoSeconds).toBe(300);
    expect(copies[3].resource).toBe("cenm-db-dr-replica");
    expect(copies[4].rpoSeconds).toBe(1800);
    expect(copies[4].rpo).toContain("prescriptive-guidance");
  });

  it("generates the master password of a replicated database and keeps it in a secret of its own, replicated to the DR region", async () => {
    const run = await declare(build(drArgs()));
    const password = one(run, RANDOM_PASSWORD);
    expect(password.name).toBe("cenm-db-master-password");
    expect(password.inputs).toEqual({ length: GENERATED_PASSWORD_LENGTH, special: false, upper: true, lower: true, numeric: true, minUpper: 1, minLower: 1, minNumeric: 1 });
    expect(password.options.additionalSecretOutputs).toContain("result");
    const secret = one(run, SECRET);
    expect(secret.name).toBe("cenm-db-master-secret");
    expect(secret.inputs).toMatchObject({
      region: "eu-west-1",
      kmsKeyId: "arn:aws:kms:eu-west-1:123456789012:key/cenm-db-key",
      recoveryWindowInDays: 30,
      replicas: [{ region: "eu-central-1", kmsKeyId: "arn:aws:kms:eu-central-1:123456789012:key/cenm-db-dr-key" }],
    });
    expect(secret.options).toMatchObject({ protect: true, retainOnDelete: true });
    const value = one(run, SECRET_VERSION);
    expect(value.inputs).toEqual({ region: "eu-west-1", secretId: "cenm-db-master-secret-id", secretString: "[secret]" });
    // Written once RDS has the password; never protected, so that a new password can replace it.
    expect(value.options.dependsOn).toEqual(expect.arrayContaining(["cenm-db-master-password", "cenm-db-master-secret", "cenm-db-primary"]));
    expect(value.options).toMatchObject({ protect: false, retainOnDelete: false });
    expect(named(run, "cenm-db-primary").propertyDependencies.password).toEqual([password.urn]);
    // The password is nowhere in plain text: not in any input, option or output.
    const plain = mockRandomPassword("cenm-db-master-password", GENERATED_PASSWORD_LENGTH);
    expect(JSON.stringify(run.resources)).not.toContain(plain);
    expect(JSON.stringify(run.outputs)).not.toContain(plain);
  });

  it("keeps RDS's managed password on a database without a replica, and a secret of its own when asked", async () => {
    const managed = await declare(build(instanceArgs()));
    expect(one(managed, INSTANCE).inputs).toMatchObject({ manageMasterUserPassword: true, masterUserSecretKmsKeyId: "arn:aws:kms:eu-west-1:123456789012:key/cenm-db-key" });
    expect(one(managed, INSTANCE).inputs).not.toHaveProperty("password");
    expect(ofType(managed, SECRET)).toHaveLength(0);
    expect(ofType(managed, RANDOM_PASSWORD)).toHaveLength(0);
    expect(managed.outputs.masterUserSecretArn).toBe("arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-cenm-db-primary");

    const own = await declare(build(instanceArgs({ masterPassword: "generated" })));
    expect(one(own, INSTANCE).inputs).toMatchObject({ password: "[secret]" });
    expect(one(own, INSTANCE).inputs).not.toHaveProperty("manageMasterUserPassword");
    // No DR copy, no DR key: the secret stays in the primary region.
    expect(one(own, SECRET).inputs.replicas).toEqual([]);
    expect(own.outputs.masterUserSecretArn).toBe("arn:aws:secretsmanager:eu-west-1:123456789012:secret:cenm-db-master-secret-0000000-AbCdEf");
  });

  it("lets SQL Server keep RDS's managed password with a replica when asked: RDS allows it for SQL Server", async () => {
    const run = await declare(build({ ...drArgs(), engine: "sqlserver", engineVersion: "16.00.4185.3.v1", edition: "ee", masterPassword: "rds-managed" }));
    expect(named(run, "cenm-db-primary").inputs).toMatchObject({ engine: "sqlserver-ee", manageMasterUserPassword: true, iamDatabaseAuthenticationEnabled: false });
    expect(named(run, "cenm-db-dr-replica").inputs).toMatchObject({ iamDatabaseAuthenticationEnabled: false });
    expect(ofType(run, SECRET)).toHaveLength(0);
  });

  it("declares no replica-lag alarm and no DR resources for a Multi-AZ instance without a replica", async () => {
    const run = await declare(build(instanceArgs()));
    expect(ofType(run, ALARM)).toHaveLength(0);
    expect(ofType(run, KEY).map((k) => k.name)).toEqual(["cenm-db-key"]);
    expect(ofType(run, INSTANCE).map((i) => i.name)).toEqual(["cenm-db-primary"]);
    expect(ofType(run, BACKUPS_REPLICATION)).toHaveLength(0);
    expect(run.outputs.replicaArn).toBeUndefined();
    expect(run.outputs.drKmsKeyArn).toBeUndefined();
  });
});

describe("ReplicatedDatabase: single-az-instance", () => {
  it("pins one instance to the first zone without a standby", async () => {
    const run = await declare(build(instanceArgs({ topology: "single-az-instance", environment: "dev", availabilityZones: ["eu-west-1b", "eu-west-1a"], subnetIds: ["s-b", "s-a"] })));
    const primary = one(run, INSTANCE);
    expect(primary.inputs).toMatchObject({ multiAz: false, availabilityZone: "eu-west-1b" });
    const copies = run.outputs.copies as CopyDescriptor[];
    expect(copies.map((c) => c.role)).toEqual(["primary", "automated-backups"]);
    expect(copies[0].availabilityZones).toEqual(["eu-west-1b"]);
    expect(run.outputs.availabilityZones).toEqual(["eu-west-1b"]);
  });
});

describe("ReplicatedDatabase: other engines", () => {
  it("runs SQL Server with its engine name, family, port and forced TLS", async () => {
    const run = await declare(build(instanceArgs({ engine: "sqlserver", engineVersion: "16.00.4185.3.v1", edition: "se" })));
    const primary = one(run, INSTANCE);
    expect(primary.inputs).toMatchObject({
      engine: "sqlserver-se",
      engineVersion: "16.00.4185.3.v1",
      licenseModel: "license-included",
      port: 1433,
      enabledCloudwatchLogsExports: ["agent", "error"],
      iamDatabaseAuthenticationEnabled: false,
    });
    expect(one(run, "aws:rds/parameterGroup:ParameterGroup").inputs).toMatchObject({
      family: "sqlserver-se-16.0",
      parameters: [{ name: "rds.force_ssl", value: "1", applyMethod: "pending-reboot" }],
    });
    expect(one(run, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "cenm-db-ingress-0").inputs).toMatchObject({ fromPort: 1433, toPort: 1433 });
    expect(ofType(run, "aws:rds/optionGroup:OptionGroup")).toHaveLength(0);
    expect(run.outputs).toMatchObject({ engine: "sqlserver-se", port: 1433 });
  });

  it("runs Oracle with an SSL option group on 2484 and no force_ssl parameter", async () => {
    const run = await declare(build(instanceArgs({ engine: "oracle", engineVersion: "19.0.0.0.ru-2025-07.rur-2025-07.r1" })));
    const primary = one(run, INSTANCE);
    expect(primary.inputs).toMatchObject({
      engine: "oracle-ee",
      licenseModel: "bring-your-own-license",
      port: 1521,
      optionGroupName: "cenm-db-options-0000000",
      enabledCloudwatchLogsExports: ["alert", "audit", "listener", "trace"],
    });
    const options = one(run, "aws:rds/optionGroup:OptionGroup");
    expect(options.inputs).toMatchObject({
      region: "eu-west-1",
      engineName: "oracle-ee",
      majorEngineVersion: "19",
      options: [
        {
          optionName: "SSL",
          port: 2484,
          vpcSecurityGroupMemberships: ["cenm-db-sg-id"],
          optionSettings: [{ name: "SQLNET.SSL_VERSION", value: "1.2" }],
        },
      ],
    });
    const params = one(run, "aws:rds/parameterGroup:ParameterGroup");
    expect(params.inputs.family).toBe("oracle-ee-19");
    expect(params.inputs.parameters ?? []).toEqual([]);
    // Only the TLS listener is reachable.
    const rules = ofType(run, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule");
    expect(rules.map((r) => [r.inputs.fromPort, r.inputs.toPort])).toEqual([
      [2484, 2484],
      [2484, 2484],
    ]);
    expect(run.outputs.port).toBe(2484);
  });
});

describe("ReplicatedDatabase: protection", () => {
  it("protects the database and keys when protection is on", async () => {
    const run = await declare(build(instanceArgs({ crossRegionReplica: true, drBackupReplication: true, ...DR_NETWORK })));
    for (const r of [...ofType(run, INSTANCE), ...ofType(run, KEY), one(run, BACKUPS_REPLICATION)]) {
      expect([r.name, r.options.protect, r.options.retainOnDelete]).toEqual([r.name, true, true]);
    }
    for (const r of ofType(run, INSTANCE)) expect(r.inputs.deletionProtection).toBe(true);
    const policy = json(one(run, KEY, "cenm-db-key").inputs.policy);
    expect(policy.Statement.map((s: { Sid: string }) => s.Sid)).toContain("DenyKeyDeletion");
  });

  it("leaves everything deletable when protection is off, and keeps no final snapshot its deleted key could never decrypt", async () => {
    const run = await declare(build(baseArgs({ protection: { enabled: false }, environment: "dev" })));
    const cluster = one(run, CLUSTER);
    expect(cluster.inputs).toMatchObject({ deletionProtection: false, skipFinalSnapshot: true, deleteAutomatedBackups: false });
    expect(cluster.inputs).not.toHaveProperty("finalSnapshotIdentifier");
    expect(ofType(run, RANDOM_ID)).toHaveLength(0);
    expect(cluster.options).toMatchObject({ protect: false, retainOnDelete: false });
    const key = one(run, KEY);
    expect(key.options).toMatchObject({ protect: false, retainOnDelete: false });
    expect(json(key.inputs.policy).Statement.map((s: { Sid: string }) => s.Sid)).not.toContain("DenyKeyDeletion");
  });

  it("keeps a final snapshot only where protection keeps its key", async () => {
    const run = await declare(build(instanceArgs()));
    expect(one(run, INSTANCE).inputs).toMatchObject({ skipFinalSnapshot: false, finalSnapshotIdentifier: finalSnapshot("cenm-db-primary"), deleteAutomatedBackups: false });
    expect(one(run, KEY).options).toMatchObject({ protect: true, retainOnDelete: true });
  });

  it("deletes the generated secret and the DR key with an unprotected stack", async () => {
    const run = await declare(build(instanceArgs({ protection: { enabled: false }, environment: "dev", crossRegionReplica: true, ...DR_NETWORK })));
    for (const r of [one(run, KEY, "cenm-db-dr-key"), one(run, KEY, "cenm-db-key"), one(run, SECRET)]) {
      expect([r.name, r.options.protect, r.options.retainOnDelete]).toEqual([r.name, false, false]);
    }
    expect(named(run, "cenm-db-primary").inputs.skipFinalSnapshot).toBe(true);
  });

  it("lets AWS Backup own the retention when it manages it", async () => {
    // AWS Backup continuous backup sets the retention and the backup window itself.
    const managed = await declare(build(baseArgs({ retentionManagedByAwsBackup: true })));
    expect(one(managed, CLUSTER).options.ignoreChanges).toEqual(["backupRetentionPeriod", "preferredBackupWindow"]);
    const managedInstance = await declare(build(instanceArgs({ retentionManagedByAwsBackup: true })));
    expect(one(managedInstance, INSTANCE).options.ignoreChanges).toEqual(["backupRetentionPeriod", "backupWindow"]);
    const own = await declare(build(instanceArgs()));
    expect(one(own, INSTANCE).options.ignoreChanges).toEqual([]);
  });
});

describe("ReplicatedDatabase: network", () => {
  it("admits only the CENM CIDRs on the engine port, with no egress and no open ingress", async () => {
    const run = await declare(build(baseArgs()));
    const sg = one(run, "aws:ec2/securityGroup:SecurityGroup");
    expect(sg.inputs).toMatchObject({ region: "eu-west-1", vpcId: "vpc-123" });
    expect(sg.inputs).not.toHaveProperty("ingress");
    expect(sg.inputs).not.toHaveProperty("egress");
    const rules = ofType(run, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule");
    expect(rules.map((r) => r.inputs)).toEqual(
      ["10.20.0.0/24", "10.20.1.0/24"].map((cidr) =>
        expect.objectContaining({ region: "eu-west-1", securityGroupId: "cenm-db-sg-id", ipProtocol: "tcp", fromPort: 5432, toPort: 5432, cidrIpv4: cidr }),
      ),
    );
    expect(ofType(run, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule")).toHaveLength(0);
    expect(JSON.stringify(run.resources.map((r) => r.inputs))).not.toContain("0.0.0.0/0");
  });

  it("gives every AWS child an explicit region and the database element tag", async () => {
    const run = await declare(build(instanceArgs({ crossRegionReplica: true, drBackupReplication: true, ...DR_NETWORK })));
    for (const r of run.resources.filter((x) => x.custom && !x.type.startsWith("random:"))) {
      expect([r.name, typeof r.inputs.region]).toEqual([r.name, "string"]);
      // Neither takes tags.
      if (r.type !== BACKUPS_REPLICATION && r.type !== SECRET_VERSION) expect([r.name, (r.inputs.tags as Record<string, string>)["cenm-backup:element"]]).toEqual([r.name, "database"]);
    }
  });
});

describe("ReplicatedDatabase: invalid args", () => {
  const cases: [string, ReplicatedDatabaseInputs, RegExp][] = [
    ["a cluster with SQL Server", baseArgs({ engine: "sqlserver", engineVersion: "16.00" }), /topology is "multi-az-cluster".*PostgreSQL only/],
    ["a cluster over 2 zones", baseArgs({ availabilityZones: ["eu-west-1a", "eu-west-1b"], subnetIds: ["s-a", "s-b"] }), /availabilityZones is \["eu-west-1a","eu-west-1b"\]; expected at least 3 zones/],
    ["a replica of a cluster", baseArgs({ crossRegionReplica: true }), /crossRegionReplica is true; expected false for a Multi-AZ DB cluster/],
    ["backup replication of a cluster", baseArgs({ drBackupReplication: true }), /drBackupReplication is true; expected false for a Multi-AZ DB cluster/],
    ["a replica without a DR alarm topic", instanceArgs({ crossRegionReplica: true, drAlarmTopicArn: undefined, ...DR_NETWORK }), /drAlarmTopicArn is undefined; expected an SNS topic in the DR region/],
    ["a replica without DR subnets (it would land in the default VPC)", instanceArgs({ crossRegionReplica: true }), /drSubnetIds is undefined; expected the DR region's private subnets .*default VPC/],
    ["a replica without the DR VPC", instanceArgs({ crossRegionReplica: true, drSubnetIds: ["dr-a", "dr-b"] }), /drVpcId is undefined/],
    ["replicated backups under AWS Backup continuous backup", instanceArgs({ drBackupReplication: true, retentionManagedByAwsBackup: true }), /drBackupReplication is true; expected false while AWS Backup continuous backup/],
    ["gp3 below 400 GiB with provisioned IOPS", instanceArgs({ storageType: "gp3", allocatedStorageGb: 100, iops: 3000 }), /iops is 3000; expected no provisioned IOPS: postgres gp3 volumes below 400 GiB .*CHAP_Storage/],
    ["a cluster IOPS ratio above 50 per GiB", baseArgs({ allocatedStorageGb: 100, iops: 6000 }), /iops is 6000; expected 0.5 to 50 IOPS per GiB for a Multi-AZ DB cluster/],
    ["subnets that do not match the zones", instanceArgs({ subnetIds: ["s-a"] }), /subnetIds is "1 subnet\(s\)"; expected one subnet per availability zone \(3\)/],
    ["an unsupported engine version", instanceArgs({ engineVersion: "11.22" }), /engineVersion is "11.22"; expected PostgreSQL 12/],
    ["a point-in-time window over 35 days", instanceArgs({ pointInTimeDays: 36 }), /pointInTimeDays is 36; expected a whole number of days from 1 to 35/],
    ["a CENM user named like the admin login", instanceArgs({ databases: [{ service: "zone", name: "zone", user: "cenmdba" }] }), /databases\[zone\]\.user is "cenmdba"/],
    ["the whole Internet as a client", instanceArgs({ clientCidrs: ["0.0.0.0/0"] }), /clientCidrs is "0.0.0.0\/0"/],
    ["io2 without IOPS", instanceArgs({ storageType: "io2", iops: undefined }), /iops is undefined; expected provisioned IOPS for io2 storage/],
    ["the DR region equal to the primary", instanceArgs({ drRegion: "eu-west-1" }), /drRegion is "eu-west-1"; expected a region other than the primary region/],
    [
      "RDS's managed password on a PostgreSQL source of a replica",
      instanceArgs({ crossRegionReplica: true, ...DR_NETWORK, masterPassword: "rds-managed" }),
      /masterPassword is "rds-managed"; expected "generated" with crossRegionReplica on postgres: RDS creates no read replica .*aws-rds-no-replica-of-managed-password-source.*rds-secrets-manager/,
    ],
    [
      "RDS's managed password on an Oracle source of a replica",
      instanceArgs({ engine: "oracle", engineVersion: "19.0.0.0.ru-2025-07.rur-2025-07.r1", crossRegionReplica: true, ...DR_NETWORK, masterPassword: "rds-managed" }),
      /masterPassword is "rds-managed"; expected "generated" with crossRegionReplica on oracle/,
    ],
    ["a master password mode that does not exist", instanceArgs({ masterPassword: "plain" as never }), /masterPassword is "plain"; expected one of rds-managed, generated/],
    ["a Multi-AZ replica without a replica", instanceArgs({ replicaMultiAz: true }), /replicaMultiAz is true; expected false unless crossRegionReplica is on/],
  ];

  it.each(cases)("refuses %s before declaring anything", async (_label, args, message) => {
    let thrown: unknown;
    const run = await declare(() => {
      try {
        new ReplicatedDatabase("cenm-db", args);
      } catch (e) {
        thrown = e;
      }
      return {};
    });
    expect(thrown).toBeInstanceOf(Error);
    expect((thrown as Error).message).toMatch(message);
    expect((thrown as Error).message).toContain('ReplicatedDatabase "cenm-db"');
    expect(run.resources).toHaveLength(0);
  });
});

describe("ReplicatedDatabase: preview", () => {
  it("declares every child in preview, with computed values unknown", async () => {
    const args = instanceArgs({ crossRegionReplica: true, drBackupReplication: true, ...DR_NETWORK });
    const update = await declare(build(args));
    const preview = await declare(build(args), { preview: true });
    expect(preview.resources.map((r) => `${r.type}::${r.name}`)).toEqual(update.resources.map((r) => `${r.type}::${r.name}`));
    expect(preview.resources.map((r) => r.type)).toEqual(
      expect.arrayContaining([INSTANCE, KEY, ALARM, BACKUPS_REPLICATION, "aws:rds/subnetGroup:SubnetGroup", "aws:ec2/securityGroup:SecurityGroup"]),
    );
    expect(named(preview, "cenm-db-dr-replica").inputs.replicateSourceDb).toBe("[unknown]");
    expect(named(preview, "cenm-db-dr-replica").inputs.region).toBe("eu-central-1");
    expect((preview.outputs.copies as CopyDescriptor[]).length).toBe(5);
  });
});
