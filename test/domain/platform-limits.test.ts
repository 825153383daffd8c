/**
 * Every platform limit with a compliant and a violating plan, each a handful of declared resources: a reviewer sees
 * per limit what AWS accepts and what it refuses. A meta-test fails when a limit has no case here.
 */
import fc from "fast-check";
import { checkPlatformLimits, formatViolation, PLATFORM_LIMITS, type PlatformLimit } from "../../src/domain/limits";
import { finalSnapshotIdentifierProblem, startWindowMeetsBackupWindow } from "../../src/domain/limits/aws";
import { rdsStorageProblems } from "../../src/domain/limits/rdsStorage";
import { ResourceGraph } from "../../src/domain/resources/graph";
import type { ResourceView } from "../../src/domain/resources/view";
import { dailyWindow, overlaps, weeklyWindow } from "../../src/domain/windows";

const urn = (type: string, name: string) => `urn:pulumi:test::cenm-backup::${type}::${name}`;

/** A declared resource; `deps` maps an input to the names of the resources its value comes from. */
function res(type: string, name: string, inputs: Record<string, unknown>, deps: Record<string, string[]> = {}): ResourceView {
  const types = new Map(ALL.map((r) => [r[1], r[0]]));
  const propertyDependencies = Object.fromEntries(Object.entries(deps).map(([k, names]) => [k, names.map((n) => urn(types.get(n) ?? "unknown", n))]));
  return { urn: urn(type, name), type, name, custom: true, inputs, outputs: {}, propertyDependencies, protect: false, retainOnDelete: false };
}

const T = {
  instance: "aws:rds/instance:Instance",
  cluster: "aws:rds/cluster:Cluster",
  subnetGroup: "aws:rds/subnetGroup:SubnetGroup",
  backupsReplication: "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication",
  plan: "aws:backup/plan:Plan",
  selection: "aws:backup/selection:Selection",
  vault: "aws:backup/vault:Vault",
  vaultLock: "aws:backup/vaultLockConfiguration:VaultLockConfiguration",
  key: "aws:kms/key:Key",
  random: "random:index/randomId:RandomId",
  alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
  topicPolicy: "aws:sns/topicPolicy:TopicPolicy",
  hsmCluster: "aws:cloudhsmv2/cluster:Cluster",
  hsm: "aws:cloudhsmv2/hsm:Hsm",
  bucket: "aws:s3/bucket:Bucket",
  bucketLogging: "aws:s3/bucketLogging:BucketLogging",
  bucketSse: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  trail: "aws:cloudtrail/trail:Trail",
};

/** Names and types of every fixture resource, so that `res` can build URNs for the names a dependency gives. */
const ALL: [string, string][] = [
  [T.instance, "primary"],
  [T.instance, "replica"],
  [T.cluster, "cluster"],
  [T.subnetGroup, "dr-subnets"],
  [T.subnetGroup, "primary-subnets"],
  [T.backupsReplication, "dr-backups"],
  [T.plan, "plan"],
  [T.selection, "selection"],
  [T.vault, "vault"],
  [T.vault, "dr-vault"],
  [T.vaultLock, "vault-lock"],
  [T.key, "dr-key"],
  [T.key, "key"],
  [T.random, "final-id"],
  [T.alarm, "lag"],
  [T.topicPolicy, "topic-policy"],
  [T.hsmCluster, "hsm-cluster"],
  [T.hsm, "hsm-a"],
  [T.hsm, "hsm-b"],
  [T.bucket, "escrow"],
  [T.bucket, "logs"],
  [T.bucketLogging, "logging"],
  [T.bucketSse, "logs-sse"],
  [T.trail, "trail"],
];

const ARN = {
  primary: "arn:aws:rds:eu-west-1:123456789012:db:primary-1",
  cluster: "arn:aws:rds:eu-west-1:123456789012:cluster:cluster-1",
  vault: "arn:aws:backup:eu-west-1:123456789012:backup-vault:vault-1",
  drVault: "arn:aws:backup:eu-central-1:123456789012:backup-vault:dr-vault-1",
  drKey: "arn:aws:kms:eu-central-1:123456789012:key/dr-key",
  key: "arn:aws:kms:eu-west-1:123456789012:key/key",
};

/** An encrypted Multi-AZ primary instance, its final snapshot named per creation. */
const primary = (over: Record<string, unknown> = {}, deps: Record<string, string[]> = { finalSnapshotIdentifier: ["final-id"] }) => [
  res(T.random, "final-id", { byteLength: 4 }),
  res(
    T.instance,
    "primary",
    {
      region: "eu-west-1",
      engine: "postgres",
      multiAz: true,
      storageType: "io2",
      allocatedStorage: 400,
      iops: 3000,
      storageEncrypted: true,
      backupRetentionPeriod: 35,
      skipFinalSnapshot: false,
      finalSnapshotIdentifier: "primary-final-1a2b3c4d",
      backupWindow: "02:00-03:00",
      maintenanceWindow: "sun:04:00-sun:05:00",
      ...over,
    },
    deps,
  ),
];

/** A cross-region read replica of `primary` in eu-central-1, in a DR subnet group, with a DR key. */
const replica = (over: Record<string, unknown> = {}, deps: Record<string, string[]> = { replicateSourceDb: ["primary"], dbSubnetGroupName: ["dr-subnets"], kmsKeyId: ["dr-key"] }) => [
  res(T.key, "dr-key", { region: "eu-central-1" }),
  res(T.subnetGroup, "dr-subnets", { region: "eu-central-1", subnetIds: ["a", "b"] }),
  res(T.instance, "replica", { region: "eu-central-1", replicateSourceDb: ARN.primary, dbSubnetGroupName: "dr-subnets-1", kmsKeyId: ARN.drKey, storageEncrypted: true, skipFinalSnapshot: true, ...over }, deps),
];

/** A backup plan of `rules` over the resources named in `covered`, with a primary and a DR vault. */
const backupPlan = (rules: Record<string, unknown>[], covered: string[] = ["primary"], coveredArns: string[] = [ARN.primary]) => [
  res(T.vault, "vault", { region: "eu-west-1" }),
  res(T.vault, "dr-vault", { region: "eu-central-1" }),
  res(T.plan, "plan", { region: "eu-west-1", rules }, { rules: ["vault", "dr-vault"] }),
  res(T.selection, "selection", { region: "eu-west-1", resources: coveredArns }, { planId: ["plan"], resources: covered }),
];

const rule = (over: Record<string, unknown> = {}) => ({ ruleName: "daily", targetVaultName: "vault-1", schedule: "cron(0 3 ? * * *)", startWindow: 60, lifecycle: { deleteAfter: 35 }, ...over });
const copyTo = (deleteAfter: number | undefined = 35) => ({ copyActions: [{ destinationVaultArn: ARN.drVault, lifecycle: deleteAfter === undefined ? {} : { deleteAfter } }] });

const cluster = (over: Record<string, unknown> = {}) =>
  res(T.cluster, "cluster", {
    region: "eu-west-1",
    engine: "postgres",
    dbClusterInstanceClass: "db.r6gd.large",
    storageType: "io2",
    allocatedStorage: 400,
    iops: 3000,
    skipFinalSnapshot: true,
    ...over,
  });

const topicPolicy = (statements: Record<string, unknown>[]) => res(T.topicPolicy, "topic-policy", { region: "eu-west-1", policy: JSON.stringify({ Version: "2012-10-17", Statement: statements }) });
const publish = (service: string, condition?: Record<string, unknown>) => ({ Effect: "Allow", Principal: { Service: service }, Action: "sns:Publish", Resource: "arn:aws:sns:eu-west-1:1:t", ...(condition ? { Condition: condition } : {}) });

interface Case {
  compliant: ResourceView[];
  violating: ResourceView[];
  /** The property the violation names. */
  property: string;
}

const CASES: Record<string, Case> = {
  "aws-backup-no-copy-of-multi-az-cluster": {
    compliant: [...primary(), ...backupPlan([rule(copyTo())])],
    violating: [cluster(), ...backupPlan([rule(copyTo())], ["cluster"], [ARN.cluster])],
    property: "rules[0].copyActions[0]",
  },
  "aws-rds-no-backup-replication-of-multi-az-cluster": {
    compliant: [...primary(), res(T.backupsReplication, "dr-backups", { region: "eu-central-1", sourceDbInstanceArn: ARN.primary, kmsKeyId: ARN.drKey }, { sourceDbInstanceArn: ["primary"] })],
    violating: [cluster(), res(T.backupsReplication, "dr-backups", { region: "eu-central-1", sourceDbInstanceArn: ARN.cluster }, { sourceDbInstanceArn: ["cluster"] })],
    property: "sourceDbInstanceArn",
  },
  "aws-rds-backup-replication-not-with-continuous-backup": {
    compliant: [...primary(), ...backupPlan([rule({ ruleName: "continuous", enableContinuousBackup: true })]), res(T.backupsReplication, "dr-backups", { region: "eu-central-1" }, { sourceDbInstanceArn: ["dr-key"] })],
    violating: [...primary(), ...backupPlan([rule({ ruleName: "continuous", enableContinuousBackup: true })]), res(T.backupsReplication, "dr-backups", { region: "eu-central-1", sourceDbInstanceArn: ARN.primary }, { sourceDbInstanceArn: ["primary"] })],
    property: "sourceDbInstanceArn",
  },
  "aws-rds-final-snapshot-unique": {
    compliant: primary(),
    violating: primary({ finalSnapshotIdentifier: "primary-final" }, {}),
    property: "finalSnapshotIdentifier",
  },
  "aws-rds-no-final-snapshot-of-replica": {
    compliant: [...primary(), ...replica()],
    violating: [...primary(), ...replica({ skipFinalSnapshot: false, finalSnapshotIdentifier: "replica-final" })],
    property: "skipFinalSnapshot",
  },
  "aws-rds-storage-and-iops": {
    compliant: primary(),
    // A storage type changed to gp3 that keeps io2's IOPS on a 100 GiB volume: below 400 GiB gp3 takes no IOPS.
    violating: primary({ storageType: "gp3", allocatedStorage: 100, iops: 1000 }),
    property: "iops",
  },
  "aws-rds-backup-window": {
    compliant: primary(),
    violating: primary({ backupWindow: "04:15-04:45" }),
    property: "backupWindow",
  },
  "aws-backup-start-window-outside-rds-backup-window": {
    compliant: [...primary(), ...backupPlan([rule({ ruleName: "hourly", schedule: "cron(0 0,1,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23 ? * * *)" })])],
    violating: [...primary(), ...backupPlan([rule({ ruleName: "hourly", schedule: "cron(0 0/1 ? * * *)" })])],
    property: "rules[0].schedule",
  },
  "aws-backup-start-window-minimum": {
    compliant: backupPlan([rule()]),
    violating: backupPlan([rule({ startWindow: 30 })]),
    property: "rules[0].startWindow",
  },
  "aws-backup-vault-lock-covers-retention": {
    compliant: [...backupPlan([rule({ lifecycle: { deleteAfter: 35 } })]), res(T.vaultLock, "vault-lock", { region: "eu-west-1", minRetentionDays: 7, maxRetentionDays: 35 }, { backupVaultName: ["vault"] })],
    violating: [...backupPlan([rule({ lifecycle: { deleteAfter: 365 } })]), res(T.vaultLock, "vault-lock", { region: "eu-west-1", minRetentionDays: 7, maxRetentionDays: 35 }, { backupVaultName: ["vault"] })],
    property: "rules[0].lifecycle",
  },
  "aws-backup-vault-lock-settings": {
    compliant: [res(T.vaultLock, "vault-lock", { minRetentionDays: 7, maxRetentionDays: 35, changeableForDays: 3 })],
    violating: [res(T.vaultLock, "vault-lock", { minRetentionDays: 7, maxRetentionDays: 35, changeableForDays: 1 })],
    property: "changeableForDays",
  },
  "aws-backup-continuous-retention": {
    compliant: backupPlan([rule({ enableContinuousBackup: true, lifecycle: { deleteAfter: 35 } })]),
    violating: backupPlan([rule({ enableContinuousBackup: true, lifecycle: { deleteAfter: 36 } })]),
    property: "rules[0].lifecycle.deleteAfter",
  },
  "aws-backup-cold-storage-transition": {
    compliant: backupPlan([rule({ ruleName: "monthly", lifecycle: { coldStorageAfter: 30, deleteAfter: 365 } })], ["dr-vault"]),
    violating: backupPlan([rule({ ruleName: "monthly", lifecycle: { coldStorageAfter: 30, deleteAfter: 100 } })], ["dr-vault"]),
    property: "rules[0].lifecycle.deleteAfter",
  },
  "aws-rds-cross-region-replica-subnet-group": {
    compliant: [...primary(), ...replica()],
    violating: [...primary(), ...replica({ dbSubnetGroupName: undefined }, { replicateSourceDb: ["primary"], kmsKeyId: ["dr-key"] })],
    property: "dbSubnetGroupName",
  },
  "aws-rds-cross-region-key": {
    compliant: [...primary(), ...replica()],
    violating: [...primary(), res(T.key, "key", { region: "eu-west-1" }), ...replica({ kmsKeyId: ARN.key }, { replicateSourceDb: ["primary"], dbSubnetGroupName: ["dr-subnets"], kmsKeyId: ["key"] })],
    property: "kmsKeyId",
  },
  "aws-rds-replication-needs-backups": {
    compliant: [...primary(), ...replica()],
    violating: [...primary({ backupRetentionPeriod: 0 }), ...replica()],
    property: "backupRetentionPeriod",
  },
  "aws-cloudwatch-replica-lag-dimension": {
    compliant: [...primary(), ...replica(), res(T.alarm, "lag", { namespace: "AWS/RDS", metricName: "ReplicaLag", dimensions: { DBInstanceIdentifier: "replica-1" } }, { dimensions: ["replica"] })],
    violating: [cluster(), res(T.alarm, "lag", { namespace: "AWS/RDS", metricName: "ReplicaLag", dimensions: { DBClusterIdentifier: "cluster-1" } }, { dimensions: ["cluster"] })],
    property: "dimensions",
  },
  "aws-sns-service-publisher-conditions": {
    compliant: [topicPolicy([publish("backup.amazonaws.com"), publish("events.amazonaws.com"), publish("cloudwatch.amazonaws.com", { ArnLike: { "aws:SourceArn": "arn:aws:cloudwatch:eu-west-1:1:alarm:*" } })])],
    violating: [topicPolicy([publish("events.amazonaws.com", { StringEquals: { "aws:SourceAccount": "123456789012" } })])],
    property: "policy.Statement[0].Condition",
  },
  "aws-kms-eventbridge-key-conditions": {
    compliant: [res(T.key, "key", { policy: JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { Service: ["events.amazonaws.com"] }, Action: ["kms:GenerateDataKey*", "kms:Decrypt"], Resource: "*" }] }) })],
    violating: [res(T.key, "key", { policy: JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { Service: ["events.amazonaws.com"] }, Action: ["kms:GenerateDataKey*"], Resource: "*", Condition: { StringEquals: { "aws:SourceAccount": "1" } } }] }) })],
    property: "policy.Statement[0].Condition",
  },
  "aws-cloudhsm-one-hsm-until-initialized": {
    compliant: [res(T.hsmCluster, "hsm-cluster", { tags: { "cenm-backup:initialized": "true" } }), res(T.hsm, "hsm-a", {}, { clusterId: ["hsm-cluster"] }), res(T.hsm, "hsm-b", {}, { clusterId: ["hsm-cluster"] })],
    violating: [res(T.hsmCluster, "hsm-cluster", {}), res(T.hsm, "hsm-a", {}, { clusterId: ["hsm-cluster"] }), res(T.hsm, "hsm-b", {}, { clusterId: ["hsm-cluster"] })],
    property: "clusterId",
  },
  "aws-s3-access-log-target": {
    compliant: [res(T.bucket, "escrow", {}), res(T.bucket, "logs", {}), res(T.bucketLogging, "logging", {}, { bucket: ["escrow"], targetBucket: ["logs"] })],
    violating: [res(T.bucket, "escrow", {}), res(T.bucket, "logs", { objectLockEnabled: true }), res(T.bucketLogging, "logging", {}, { bucket: ["escrow"], targetBucket: ["logs"] })],
    property: "targetBucket",
  },
  "aws-cloudtrail-key-region": {
    compliant: [res(T.bucket, "logs", { region: "eu-west-1" }), res(T.key, "key", { region: "eu-west-1" }), res(T.trail, "trail", { kmsKeyId: ARN.key, s3BucketName: "logs-1" }, { kmsKeyId: ["key"], s3BucketName: ["logs"] })],
    violating: [res(T.bucket, "logs", { region: "eu-west-1" }), res(T.key, "dr-key", { region: "eu-central-1" }), res(T.trail, "trail", { kmsKeyId: ARN.drKey, s3BucketName: "logs-1" }, { kmsKeyId: ["dr-key"], s3BucketName: ["logs"] })],
    property: "kmsKeyId",
  },
};

const limit = (id: string): PlatformLimit => PLATFORM_LIMITS.find((l) => l.id === id)!;

describe("the platform-limits table", () => {
  it("has a compliant and a violating case for every limit, and no case without a limit", () => {
    expect(Object.keys(CASES).sort()).toEqual(PLATFORM_LIMITS.map((l) => l.id).sort());
  });

  it.each(PLATFORM_LIMITS.map((l) => [l.id, l] as const))("%s: unique id, a rule, an https source and a basis", (_id, l) => {
    expect(PLATFORM_LIMITS.filter((x) => x.id === l.id)).toHaveLength(1);
    expect(l.rule.length).toBeGreaterThan(40);
    expect(l.source).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
    expect(["documented", "assumption"]).toContain(l.basis);
    expect(l.resourceTypes.length).toBeGreaterThan(0);
  });
});

describe.each(Object.entries(CASES))("%s", (id, c) => {
  it("accepts the compliant plan", () => {
    expect(limit(id).check(new ResourceGraph(c.compliant))).toEqual([]);
  });

  it("refuses the violating plan, naming the property, with the documentation link in the message", () => {
    const found = limit(id).check(new ResourceGraph(c.violating));
    expect(found.length).toBeGreaterThan(0);
    expect(found.map((v) => [v.limit, v.property])).toContainEqual([id, c.property]);
    for (const v of found) expect(formatViolation(v)).toContain(limit(id).source);
  });
});

describe("preview plans: unknown values are never read as violations", () => {
  it.each([
    ["aws-rds-storage-and-iops", primary({ storageType: "gp3", allocatedStorage: 100, iops: "[unknown]" })],
    ["aws-rds-final-snapshot-unique", primary({ finalSnapshotIdentifier: "[unknown]" })],
    ["aws-rds-no-final-snapshot-of-replica", [...primary(), ...replica({ skipFinalSnapshot: "[unknown]" })]],
    ["aws-sns-service-publisher-conditions", [res(T.topicPolicy, "topic-policy", { policy: "[unknown]" })]],
    ["aws-rds-cross-region-key", [...primary(), ...replica({ kmsKeyId: "[unknown]" }, { replicateSourceDb: ["primary"], dbSubnetGroupName: ["dr-subnets"] })]],
  ] as const)("%s", (id, resources) => {
    expect(limit(id).check(new ResourceGraph(resources as ResourceView[]))).toEqual([]);
  });

  it("checkPlatformLimits over every limit finds nothing in a compliant instance-with-replica plan", () => {
    expect(checkPlatformLimits([...primary(), ...replica(), ...backupPlan([rule(copyTo())])])).toEqual([]);
  });
});

describe("rdsStorageProblems", () => {
  it.each([
    ["gp3 postgres 100 GiB with IOPS", { engine: "postgres", storageType: "gp3", allocatedStorageGb: 100, iops: 3000 }, ["iops"]],
    ["gp3 postgres 400 GiB, 12,000 IOPS", { engine: "postgres", storageType: "gp3", allocatedStorageGb: 400, iops: 12000 }, []],
    ["gp3 postgres 100 GiB, no IOPS", { engine: "postgres", storageType: "gp3", allocatedStorageGb: 100 }, []],
    ["gp3 oracle 200 GiB, 12,000 IOPS", { engine: "oracle-ee", storageType: "gp3", allocatedStorageGb: 200, iops: 12000 }, []],
    ["gp3 sqlserver 20 GiB, 3,000 IOPS", { engine: "sqlserver-se", storageType: "gp3", allocatedStorageGb: 20, iops: 3000 }, []],
    ["io2 postgres 100 GiB, 1,000 IOPS", { engine: "postgres", storageType: "io2", allocatedStorageGb: 100, iops: 1000 }, []],
    ["io1 postgres 100 GiB, 6,000 IOPS (over 50 per GiB)", { engine: "postgres", storageType: "io1", allocatedStorageGb: 100, iops: 6000 }, ["iops"]],
    ["io1 sqlserver 20 GiB, 1,000 IOPS", { engine: "sqlserver-ee", storageType: "io1", allocatedStorageGb: 20, iops: 1000 }, []],
    ["io2 postgres 50 GiB", { engine: "postgres", storageType: "io2", allocatedStorageGb: 50, iops: 1000 }, ["allocatedStorage"]],
    ["io1 without IOPS", { engine: "postgres", storageType: "io1", allocatedStorageGb: 100 }, ["iops"]],
  ] as const)("instance, %s", (_label, s, expected) => {
    expect(rdsStorageProblems({ deployment: "instance", ...s }).map((p) => p.property)).toEqual(expected);
  });

  it.each([
    ["io1 100 GiB, 10,000 IOPS (over 50 per GiB)", { storageType: "io1", allocatedStorageGb: 100, iops: 10000 }, ["iops"]],
    ["io2 400 GiB, 3,000 IOPS", { storageType: "io2", allocatedStorageGb: 400, iops: 3000 }, []],
    ["without IOPS", { storageType: "gp3", allocatedStorageGb: 400 }, ["iops"]],
  ] as const)("Multi-AZ DB cluster, %s", (_label, s, expected) => {
    expect(rdsStorageProblems({ engine: "postgres", deployment: "multi-az-cluster", ...s }).map((p) => p.property)).toEqual(expected);
  });
});

describe("windows and identifiers", () => {
  it("reads daily windows, wrapping midnight, and weekly ones, wrapping Sunday", () => {
    expect(dailyWindow("02:00-03:00")?.minutes).toBe(60);
    expect(dailyWindow("23:30-00:15")?.minutes).toBe(45);
    expect(dailyWindow("2:00-03:00")).toBeUndefined();
    const sat = weeklyWindow("sat:23:00-sun:01:00")!;
    expect(sat.end - sat.start).toBe(120);
    expect(dailyWindow("00:30-00:45")!.ranges.some((r) => overlaps(r, sat))).toBe(true);
    expect(dailyWindow("02:00-03:00")!.ranges.some((r) => overlaps(r, weeklyWindow("sun:04:00-sun:05:00")!))).toBe(false);
  });

  it("overlap is symmetric", () => {
    fc.assert(
      fc.property(fc.nat(20000), fc.integer({ min: 1, max: 600 }), fc.nat(20000), fc.integer({ min: 1, max: 600 }), (a, la, b, lb) => {
        const x = { start: a, end: a + la };
        const y = { start: b, end: b + lb };
        expect(overlaps(x, y)).toBe(overlaps(y, x));
      }),
      { numRuns: 300 },
    );
  });

  it("tells whether a snapshot start window meets the RDS backup window", () => {
    expect(startWindowMeetsBackupWindow("cron(0 2 ? * * *)", 60, "02:00-03:00")).toBe(true);
    expect(startWindowMeetsBackupWindow("cron(0 1 ? * * *)", 60, "02:00-03:00")).toBe(false);
    expect(startWindowMeetsBackupWindow("cron(0 1 ? * * *)", 61, "02:00-03:00")).toBe(true);
    expect(startWindowMeetsBackupWindow("cron(0 3 ? * * *)", 60, "02:00-03:00")).toBe(false);
    expect(startWindowMeetsBackupWindow("cron(30 23 ? * * *)", 480, "02:00-03:00")).toBe(true);
    expect(startWindowMeetsBackupWindow("rate(1 hour)", 60, "02:00-03:00")).toBe(false);
  });

  it("checks RDS snapshot identifiers", () => {
    expect(finalSnapshotIdentifierProblem("cenm-db-primary-final-1a2b3c4d")).toBeUndefined();
    expect(finalSnapshotIdentifierProblem("1-final")).toMatch(/starting with a letter/);
    expect(finalSnapshotIdentifierProblem("a--b")).toMatch(/two hyphens/);
    expect(finalSnapshotIdentifierProblem("a-")).toMatch(/hyphen at the end/);
  });
});
