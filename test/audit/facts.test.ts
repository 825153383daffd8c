/**
 * deriveFacts: the facts of the three stacks (planned offline), and focused cases on hand-built inputs for each
 * reader, the markers of previews and secrets, and the linear cost of the derivation.
 */
import { plannedStack } from "../helpers/plans";
import { ReplicatedDatabase } from "../../src/components/aws/ReplicatedDatabase";
import { deriveFacts, intervalHours } from "../../src/audit/facts";
import { fromPlanDocument } from "../../src/audit/inputs/plan";
import type { AuditInput, AuditResource, Facts } from "../../src/audit/types";
import { planDocumentOf } from "../../src/offline/plan";
import { declare } from "../helpers/offline";
import { OBJECTIVE_WAIVERS_EXPIRE, waivedObjectives } from "../fixtures/objective-waivers";

/** A hand-built resource; `deps` maps an input to the names of the resources it references. */
function res(
  type: string,
  name: string,
  inputs: Record<string, unknown> = {},
  deps: Record<string, string[]> = {},
  extra: Partial<AuditResource> = {},
): AuditResource {
  const propertyDependencies: Record<string, string[]> = {};
  for (const [k, names] of Object.entries(deps)) propertyDependencies[k] = names.map((n) => urn(n));
  return { urn: urn(name), type, name, custom: true, inputs, outputs: {}, propertyDependencies, protect: false, retainOnDelete: false, ...extra };
}

/** URNs of hand-built resources are derived from their names alone (names are unique in these tests). */
function urn(name: string): string {
  return `urn:pulumi:test::cenm-backup::test$${name}::${name}`;
}

function input(resources: AuditResource[], stackOutputs: Record<string, unknown> = {}): AuditInput {
  return { stack: "test", source: "plan", origin: "hand-built", resources, stackOutputs };
}

const FULL_BLOCK = { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true };

function endpointPolicy(bucket: string, endpoint: string): string {
  return JSON.stringify({
    Statement: [
      {
        Effect: "Deny",
        Principal: "*",
        Action: ["s3:GetObject*", "s3:PutObject*"],
        Resource: [`arn:aws:s3:::${bucket}/*`],
        Condition: { StringNotEquals: { "aws:SourceVpce": endpoint } },
      },
    ],
  });
}

describe("deriveFacts on the aws-prod plan", () => {
  let facts: Facts;
  beforeAll(async () => {
    facts = deriveFacts(fromPlanDocument((await plannedStack("aws-prod")).document));
  });

  it("reads the environment, the regions and the CRL validity", () => {
    expect(facts.environment).toBe("prod");
    expect(facts.primaryRegion).toBe("eu-west-1");
    expect(facts.drRegion).toBe("eu-central-1");
    expect(facts.crlValidityDays).toBe(10);
  });

  it("reads the stack's waivers: the recovery objectives it does not meet, each with its reason, approver and expiry", () => {
    expect(facts.waivers.map((w) => w.id)).toEqual(waivedObjectives("aws-prod"));
    for (const w of facts.waivers) {
      expect(w).toMatchObject({ approvedBy: "cenm-platform", expires: OBJECTIVE_WAIVERS_EXPIRE });
      expect(w.reason).toMatch(/^The signing keys come back from the escrow in 4 h \(the package's escrowRetrievalRto assumption\), above the 1 h targets/);
    }
  });

  it("reads the cloud and the recovery objectives the stack records", () => {
    expect(facts.cloud).toBe("aws");
    expect(facts.objectives).toEqual({
      "az-loss": { rpoSeconds: 0, rtoSeconds: 300 },
      "region-loss": { rpoSeconds: 900, rtoSeconds: 3600 },
      "destructive-statement": { rpoSeconds: 300, rtoSeconds: 3600 },
      // Prod's default raised to AWS's floor: hourly recovery points, each job within its 60-minute start window.
      "malicious-deletion": { rpoSeconds: 2 * 3600, rtoSeconds: 4 * 3600 },
      "key-copy-loss": { rpoSeconds: 0, rtoSeconds: 3600 },
    });
  });

  it("finds a Multi-AZ DB instance with a synchronous standby and a read replica in the DR network", () => {
    expect(facts.databases).toHaveLength(1);
    const db = facts.databases[0];
    expect(db.topology).toBe("multi-az-instance");
    expect(db.engine).toBe("postgres");
    expect(db.copies.map((c) => c.role)).toEqual(["primary", "standby", "cross-region-replica"]);
    const [, standby, replica] = db.copies;
    expect(standby).toMatchObject({ mode: "synchronous", rpoSeconds: 0, rtoSeconds: 120, availabilityZones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"] });
    // The replica's figures are the figures table's; its zones are the DR subnet group's.
    expect(replica).toMatchObject({ mode: "asynchronous", region: "eu-central-1", rpoSeconds: 300, rtoSeconds: 900, availabilityZones: ["eu-central-1a", "eu-central-1b", "eu-central-1c"] });
    expect(replica.rpoSource).toContain("a ReplicaLag alarm fires above 30 s");
    expect(db.backupCopyUnsupported).toBeUndefined();
    expect(db).toMatchObject({
      deletionProtection: true,
      finalSnapshot: true,
      backupRetentionDays: 35,
      storageEncrypted: true,
      customerManagedKey: true,
      publiclyAccessible: false,
      protect: true,
      retainOnDelete: true,
    });
  });

  it("finds a compliance-locked vault in eu-west-1 and a DR vault in eu-central-1", () => {
    const byRegion = new Map(facts.snapshots.vaults.map((v) => [v.region, v]));
    expect([...byRegion.keys()].sort()).toEqual(["eu-central-1", "eu-west-1"]);
    expect(byRegion.get("eu-west-1")?.lock?.mode).toBe("compliance");
    expect(byRegion.get("eu-west-1")?.lock?.changeableForDays).toBe(3);
    expect(byRegion.get("eu-central-1")?.lock?.mode).toBe("compliance");
    expect(byRegion.get("eu-west-1")?.customerManagedKey).toBe(true);
    expect(byRegion.get("eu-west-1")?.notifiedEvents).toContain("COPY_JOB_FAILED");
    expect(byRegion.get("eu-west-1")?.notifiedEvents).not.toContain("BACKUP_JOB_COMPLETED");
    expect(facts.snapshots.failureNotifications).toBe(true);
  });

  it("reads hourly, daily, monthly and continuous rules, each snapshot rule copied to the DR vault", () => {
    const rules = new Map(facts.snapshots.rules.filter((r) => r.planName === "cenm-snapshots-plan").map((r) => [r.rule, r]));
    // The database's hourly rule skips the slot that would start inside the RDS backup window: its longest gap is 2 h.
    expect(rules.get("hourly-every-1h")?.intervalHours).toBe(2);
    // Each plan's rules are tied to what its own selection covers: the database's to the database, the file system's
    // (every hour) to the file system.
    const db = facts.databases[0];
    const fs = facts.fileSystems[0];
    expect(rules.get("hourly-every-1h")?.protectedUrns).toEqual([db.urn]);
    const files = facts.snapshots.rules.find((r) => r.planName === "cenm-snapshots-files-plan" && r.rule === "hourly-every-1h")!;
    expect(files).toMatchObject({ intervalHours: 1, protectedUrns: [fs.urn] });
    // A job may start anywhere in the rule's declared 60-minute start window: the RPO is the interval plus it.
    expect(files.startWindowMinutes).toBe(60);
    expect(rules.get("daily")?.intervalHours).toBe(24);
    expect(rules.get("monthly")?.intervalHours).toBe(720);
    expect(rules.get("continuous-pitr")?.continuous).toBe(true);
    expect(rules.get("monthly")?.retentionDays).toBe(365);
    const primaryVault = facts.snapshots.vaults.find((v) => v.region === "eu-west-1")!;
    const drVault = facts.snapshots.vaults.find((v) => v.region === "eu-central-1")!;
    // The continuous rule makes no copy: the daily rule copies a snapshot of the same hour, kept as long.
    expect(rules.get("continuous-pitr")?.copies).toEqual([]);
    for (const rule of facts.snapshots.rules.filter((r) => !r.continuous)) {
      expect(rule.vaultUrn).toBe(primaryVault.urn);
      expect(rule.copies).toHaveLength(1);
      expect(rule.copies[0].region).toBe("eu-central-1");
      expect(rule.copies[0].vaultUrn).toBe(drVault.urn);
    }
    expect(rules.get("monthly")?.copies[0].retentionDays).toBe(35);
  });

  it("sees the database and the file system in the backup selection and the restore tests", () => {
    const db = facts.databases[0];
    const fs = facts.fileSystems[0];
    expect([...facts.snapshots.protectedUrns].sort()).toEqual([db.urn, fs.urn].sort());
    expect(facts.snapshots.restoreTesting).toHaveLength(1);
    expect([...facts.snapshots.restoreTesting[0].protectedUrns].sort()).toEqual([db.urn, fs.urn].sort());
  });

  it("finds a regional EFS with mount targets in three zones, replicated to eu-central-1 and backed up", () => {
    expect(facts.fileSystems).toHaveLength(1);
    expect(facts.fileSystems[0]).toMatchObject({
      oneZone: false,
      mountTargetZones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
      encrypted: true,
      customerManagedKey: true,
      replicationRegions: ["eu-central-1"],
      inBackupPlan: true,
    });
  });

  it("finds the escrow, its DR replica and two offline key copies", () => {
    const kinds = facts.keyCopies.map((k) => k.kind);
    expect(kinds).toEqual(["cloud-escrow", "cloud-escrow-dr-replica", "offline", "offline"]);
    const escrow = facts.keyCopies[0];
    expect(escrow).toMatchObject({ region: "eu-west-1", lockMode: "COMPLIANCE", lockDays: 3650, immutable: true, internetReachable: false, customerManagedKey: true });
    expect(facts.keyCopies[1]).toMatchObject({ region: "eu-central-1", lockMode: "COMPLIANCE", internetReachable: false });
    // S3 Glacier Instant Retrieval: read without a restore.
    expect(facts.keyCopies[1].archived).toBeUndefined();
    expect(facts.keyCopies[2].id).toBe("offline:hsm-backup-token-lon-01");
    expect(facts.keyCopies[2].detail).toContain("security-officer-a + security-officer-b");
  });

  it("records each escrow copy's access in a locked log of its own region, the replica's in both regions", () => {
    const [escrow, replica] = facts.keyCopies;
    expect(escrow.accessLog).toEqual([
      { by: "CloudTrail cenm-keys-access-log-trail (data events) into cenm-keys-access-log-bucket", lockedDestination: true, region: "eu-west-1", inCopyRegion: true },
    ]);
    expect(replica.accessLog).toEqual([
      { by: "CloudTrail cenm-keys-access-log-trail (data events) into cenm-keys-access-log-bucket", lockedDestination: true, region: "eu-west-1", inCopyRegion: false },
      { by: "CloudTrail cenm-keys-dr-access-log-trail (data events) into cenm-keys-dr-access-log-bucket", lockedDestination: true, region: "eu-central-1", inCopyRegion: true },
    ]);
  });

  it("reads every KMS key policy as denying deletion and policy changes (prod names a break-glass principal)", () => {
    const keys = facts.protection.filter((p) => p.type === "aws:kms/key:Key" || p.type === "aws:kms/replicaKey:ReplicaKey");
    expect(keys.length).toBeGreaterThanOrEqual(8);
    expect(keys.filter((k) => k.deletionDenied !== true || k.policyChangeDenied !== true).map((k) => k.name)).toEqual([]);
  });

  it("has no exposure, no plain secret, no unprotected stateful resource and no unknown resource", () => {
    expect(facts.exposures).toEqual([]);
    expect(facts.plainSecrets).toEqual([]);
    expect(facts.unknown).toEqual([]);
    expect(facts.protection.length).toBeGreaterThanOrEqual(15);
    expect(facts.protection.filter((p) => !p.protect || !p.retainOnDelete)).toEqual([]);
    expect(facts.encryption.filter((e) => !e.customerManagedKey)).toEqual([]);
  });
});

describe("access records of an escrow bucket", () => {
  const escrow = res("aws:s3/bucket:Bucket", "escrow", { region: "eu-west-1", bucket: "escrow-b", objectLockEnabled: true, tags: { "cenm-backup:element": "keys" } });
  const logs = res("aws:s3/bucket:Bucket", "logs", { region: "eu-central-1", bucket: "logs-b", objectLockEnabled: true });
  const lock = res("aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration", "logs-lock", { bucket: "logs-b", rule: { defaultRetention: { mode: "COMPLIANCE", days: 30 } } }, { bucket: ["logs"] });
  const selectors = [{ fieldSelectors: [{ field: "eventCategory", equals: ["Data"] }, { field: "resources.type", equals: ["AWS::S3::Object"] }, { field: "resources.ARN", startsWiths: ["arn:aws:s3:::escrow-b/"] }] }];
  const trail = (multiRegion: boolean) =>
    res("aws:cloudtrail/trail:Trail", "trail", { region: "eu-central-1", isMultiRegionTrail: multiRegion, s3BucketName: "logs-b", advancedEventSelectors: selectors }, { s3BucketName: ["logs"], advancedEventSelectors: ["escrow"] });

  it("counts a multi-region trail of another region, as made and kept elsewhere", () => {
    const facts = deriveFacts(input([escrow, logs, lock, trail(true)]));
    expect(facts.keyCopies[0].accessLog).toEqual([{ by: "CloudTrail trail (data events) into logs", lockedDestination: true, region: "eu-central-1", inCopyRegion: false }]);
  });

  it("does not count a single-region trail of another region, which never sees the bucket's events", () => {
    const facts = deriveFacts(input([escrow, logs, lock, trail(false)]));
    expect(facts.keyCopies[0].accessLog).toBeUndefined();
  });
});

describe("deriveFacts on the aws-dev plan", () => {
  let facts: Facts;
  beforeAll(async () => {
    facts = deriveFacts(fromPlanDocument((await plannedStack("aws-dev")).document));
  });

  it("finds a single-AZ instance, a governance-locked vault and no DR copies", () => {
    expect(facts.environment).toBe("dev");
    expect(facts.databases.map((d) => d.topology)).toEqual(["single-az-instance"]);
    expect(facts.databases[0].copies.map((c) => c.role)).toEqual(["primary"]);
    expect(facts.snapshots.vaults).toHaveLength(1);
    expect(facts.snapshots.vaults[0].lock?.mode).toBe("governance");
    expect(facts.snapshots.rules.every((r) => r.copies.length === 0)).toBe(true);
    expect(facts.fileSystems[0].replicationRegions).toEqual([]);
  });

  it("counts one escrow copy and leaves stateful resources unprotected", () => {
    expect(facts.keyCopies.map((k) => [k.kind, k.lockMode])).toEqual([["cloud-escrow", "GOVERNANCE"]]);
    expect(facts.keyCopies[0].immutable).toBe(false);
    expect(facts.protection.length).toBeGreaterThan(0);
    expect(facts.protection.every((p) => p.protect === false)).toBe(true);
    expect(facts.databases[0].protect).toBe(false);
  });
});

describe("deriveFacts on the aws-prod preview", () => {
  it("still resolves the mount target zones and the rules although ids are unknown", async () => {
    const facts = deriveFacts(fromPlanDocument((await plannedStack("aws-prod", { preview: true })).document));
    expect(facts.fileSystems[0].mountTargetZones).toEqual(["eu-west-1a", "eu-west-1b", "eu-west-1c"]);
    const intervals = (plan: string) => facts.snapshots.rules.filter((r) => r.planName === plan).map((r) => r.intervalHours);
    expect(intervals("cenm-snapshots-plan")).toEqual([24, 2, 24, 720]);
    // The file system's own plan skips no hour.
    expect(intervals("cenm-snapshots-files-plan")).toEqual([1, 24, 720]);
    expect(facts.databases[0].topology).toBe("multi-az-instance");
    expect(facts.unknown).toEqual([]);
  });
});

describe("databases", () => {
  it("gives a Multi-AZ instance one synchronous standby with a 120 s failover", () => {
    const facts = deriveFacts(input([res("aws:rds/instance:Instance", "db", { multiAz: true, engine: "postgres", region: "eu-west-1", backupRetentionPeriod: 7 })]));
    expect(facts.databases).toHaveLength(1);
    const db = facts.databases[0];
    expect(db.topology).toBe("multi-az-instance");
    const standbys = db.copies.filter((c) => c.role === "standby");
    expect(standbys).toHaveLength(1);
    expect(standbys[0]).toMatchObject({ mode: "synchronous", rpoSeconds: 0, rtoSeconds: 120 });
    expect(db.backupRetentionDays).toBe(7);
    expect(db.finalSnapshot).toBe(false);
    expect(db.customerManagedKey).toBe(false);
  });

  it("takes the standby zones from the subnet group's subnets", () => {
    const facts = deriveFacts(
      input([
        res("aws:ec2/subnet:Subnet", "sa", { availabilityZone: "eu-west-1a" }),
        res("aws:ec2/subnet:Subnet", "sb", { availabilityZone: "eu-west-1b" }),
        res("aws:rds/subnetGroup:SubnetGroup", "group", { subnetIds: ["sa-id", "sb-id"] }, { subnetIds: ["sa", "sb"] }),
        res("aws:rds/instance:Instance", "db", { multiAz: true, dbSubnetGroupName: "group-x" }, { dbSubnetGroupName: ["group"] }),
      ]),
    );
    expect(facts.databases[0].copies[1].availabilityZones).toEqual(["eu-west-1a", "eu-west-1b"]);
  });

  it("attaches a cross-region replica and replicated backups to their source instead of listing them", () => {
    const facts = deriveFacts(
      input([
        res("aws:rds/instance:Instance", "primary", { multiAz: true, region: "eu-west-1", engine: "postgres" }),
        res("aws:rds/instance:Instance", "replica", { region: "eu-central-1", replicateSourceDb: "arn:aws:rds:eu-west-1:1:db:primary-x" }, { replicateSourceDb: ["primary"] }),
        res("aws:cloudwatch/metricAlarm:MetricAlarm", "lag", { metricName: "ReplicaLag", threshold: 45, dimensions: { DBInstanceIdentifier: "replica-x" } }, { dimensions: ["replica"] }),
        res("aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication", "pitr", { region: "eu-central-1" }, { sourceDbInstanceArn: ["primary"] }),
      ]),
    );
    expect(facts.databases.map((d) => d.name)).toEqual(["primary"]);
    const copies = facts.databases[0].copies;
    const replica = copies.find((c) => c.role === "cross-region-replica");
    // The RPO is the figures table's replica lag; the alarm threshold is evidence of who is told, not a bound.
    expect(replica).toMatchObject({ urn: urn("replica"), region: "eu-central-1", mode: "asynchronous", rpoSeconds: 300 });
    expect(replica?.rpoSource).toContain("a ReplicaLag alarm fires above 45 s");
    expect(copies.find((c) => c.role === "dr-automated-backups")).toMatchObject({ region: "eu-central-1", mode: "point-in-time", rpoSeconds: 1800 });
    expect(facts.drRegion).toBe("eu-central-1");
  });

  it("counts no replicated automated backups of a Multi-AZ DB cluster, and marks its backups as not copyable", () => {
    const facts = deriveFacts(
      input([
        res("aws:rds/cluster:Cluster", "cluster", { region: "eu-west-1", engine: "postgres", dbClusterInstanceClass: "db.r6gd.large", availabilityZones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"] }),
        res("aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication", "pitr", { region: "eu-central-1" }, { sourceDbInstanceArn: ["cluster"] }),
      ]),
    );
    expect(facts.databases[0].copies.map((c) => c.role)).toEqual(["primary", "readable-standby", "readable-standby"]);
    expect(facts.databases[0].backupCopyUnsupported).toBe("aws-backup-no-copy-of-multi-az-cluster");
    expect(facts.platformLimitViolations.map((v) => v.limit)).toContain("aws-rds-no-backup-replication-of-multi-az-cluster");
  });

  it("says whether a cross-region replica keeps a synchronous standby once promoted: declared Multi-AZ, or not", () => {
    const replica = (multiAz: unknown) =>
      deriveFacts(
        input([
          res("aws:rds/instance:Instance", "primary", { region: "eu-west-1", multiAz: true }),
          res("aws:rds/instance:Instance", "replica", { region: "eu-central-1", replicateSourceDb: "primary", ...(multiAz !== undefined ? { multiAz } : {}) }, { replicateSourceDb: ["primary"] }),
        ]),
      ).databases[0].copies.find((c) => c.role === "cross-region-replica")?.zoneStandby;
    expect(replica(true)).toBe(true);
    expect(replica(false)).toBe(false);
    expect(replica(undefined)).toBe(false);
    expect(replica("[unknown]")).toBe(false);
  });

  it("assumes 300 s of lag for a replica no alarm watches", () => {
    const facts = deriveFacts(
      input([
        res("aws:rds/instance:Instance", "primary", { region: "eu-west-1" }),
        res("aws:rds/instance:Instance", "replica", { region: "us-east-1", replicateSourceDb: "primary" }, { replicateSourceDb: ["primary"] }),
      ]),
    );
    expect(facts.databases[0].copies.find((c) => c.role === "cross-region-replica")?.rpoSeconds).toBe(300);
  });

  it("reads the replica the ReplicatedDatabase component declares", async () => {
    const run = await declare(
      () =>
        new ReplicatedDatabase("cenm-db", {
          environment: "prod",
          region: "eu-west-1",
          drRegion: "eu-central-1",
          protection: { enabled: true },
          availabilityZones: ["eu-west-1a", "eu-west-1b"],
          vpcId: "vpc-1",
          subnetIds: ["subnet-a", "subnet-b"],
          clientCidrs: ["10.0.0.0/24"],
          engine: "postgres",
          engineVersion: "16.6",
          topology: "multi-az-instance",
          instanceClass: "db.m6g.large",
          allocatedStorageGb: 100,
          storageType: "gp3",
          pointInTimeDays: 7,
          crossRegionReplica: true,
          drBackupReplication: true,
          drVpcId: "vpc-dr",
          drSubnetIds: ["dr-a", "dr-b"],
          replicaLagAlarmSeconds: 60,
          alarmTopicArn: "arn:aws:sns:eu-west-1:1:alerts",
          drAlarmTopicArn: "arn:aws:sns:eu-central-1:1:alerts-dr",
          databases: [{ service: "zone", name: "zone", user: "zone" }],
        }),
    );
    const facts = deriveFacts(fromPlanDocument(planDocumentOf(run)));
    expect(facts.databases).toHaveLength(1);
    expect(facts.databases[0].copies.map((c) => [c.role, c.region, c.mode])).toEqual([
      ["primary", "eu-west-1", "synchronous"],
      ["standby", "eu-west-1", "synchronous"],
      ["cross-region-replica", "eu-central-1", "asynchronous"],
      ["dr-automated-backups", "eu-central-1", "point-in-time"],
    ]);
    // The component's copies output and the audit's facts state one figure for the replica.
    const stated = (run.outputs.copies as { role: string; rpoSeconds?: number }[]).find((c) => c.role === "cross-region-replica");
    expect(facts.databases[0].copies[2].rpoSeconds).toBe(stated?.rpoSeconds);
    expect(facts.databases[0].copies[2].rpoSeconds).toBe(300);
    expect(facts.databases[0].customerManagedKey).toBe(true);
  });

  it("reports a publicly accessible database as an exposure", () => {
    const facts = deriveFacts(input([res("aws:rds/instance:Instance", "db", { publiclyAccessible: true })]));
    expect(facts.databases[0].publiclyAccessible).toBe(true);
    expect(facts.exposures.map((e) => e.urn)).toEqual([urn("db")]);
  });
});

describe("key copies and exposure", () => {
  function escrow(extra: AuditResource[] = [], withBlock = true): AuditResource[] {
    return [
      res("aws:s3/bucket:Bucket", "escrow", { objectLockEnabled: true, region: "eu-west-1" }),
      res("aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration", "lock", { rule: { defaultRetention: { mode: "COMPLIANCE", days: 30 } } }, { bucket: ["escrow"] }),
      ...(withBlock ? [res("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "block", FULL_BLOCK, { bucket: ["escrow"] })] : []),
      res("aws:ec2/vpc:Vpc", "vault-vpc"),
      res("aws:ec2/vpcEndpoint:VpcEndpoint", "endpoint", {}, { vpcId: ["vault-vpc"] }),
      res("aws:s3/bucketPolicy:BucketPolicy", "policy", { policy: endpointPolicy("escrow-x", "endpoint-id") }, { bucket: ["escrow"], policy: ["endpoint", "escrow"] }),
      ...extra,
    ];
  }

  it("counts a locked bucket confined to a VPC endpoint as an unreachable, immutable escrow", () => {
    const facts = deriveFacts(input(escrow()));
    expect(facts.keyCopies).toEqual([
      { id: urn("escrow"), kind: "cloud-escrow", region: "eu-west-1", immutable: true, lockMode: "COMPLIANCE", lockDays: 30, internetReachable: false, customerManagedKey: false },
    ]);
    expect(facts.exposures).toEqual([]);
  });

  it("makes a bucket without a public access block internet reachable and an exposure", () => {
    const facts = deriveFacts(input(escrow([], false)));
    expect(facts.keyCopies[0].internetReachable).toBe(true);
    expect(facts.exposures.map((e) => [e.urn, e.type])).toEqual([[urn("escrow"), "aws:s3/bucket:Bucket"]]);
  });

  it("makes a bucket whose block misses one flag internet reachable", () => {
    const partial = res("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "block", { ...FULL_BLOCK, restrictPublicBuckets: false }, { bucket: ["escrow"] });
    const resources = escrow([], false).concat(partial);
    const facts = deriveFacts(input(resources));
    expect(facts.keyCopies[0].internetReachable).toBe(true);
    expect(facts.exposures).toHaveLength(1);
  });

  it("makes the escrow reachable when an Internet gateway opens the endpoint's VPC: a path of the key vault network, and an exposure", () => {
    const facts = deriveFacts(input(escrow([res("aws:ec2/internetGateway:InternetGateway", "igw", {}, { vpcId: ["vault-vpc"] })])));
    expect(facts.keyCopies[0].internetReachable).toBe(true);
    expect(facts.exposures.map((e) => e.urn)).toEqual([urn("igw")]);
    expect(facts.exposures[0].reason).toContain("Internet gateway");
    const network = facts.networks?.find((n) => n.name === "vault-vpc");
    expect(network?.paths.map((p) => p.urn)).toEqual([urn("igw")]);
  });

  it("counts a replication destination as the DR replica", () => {
    const facts = deriveFacts(
      input(
        escrow([
          res("aws:s3/bucket:Bucket", "replica", { region: "eu-central-1", tags: { "cenm-backup:element": "keys" } }),
          res("aws:s3/bucketReplicationConfig:BucketReplicationConfig", "repl", { rules: [{ status: "Enabled", destination: { bucket: "arn:aws:s3:::replica-x" } }] }, { bucket: ["escrow"], rules: ["replica"] }),
        ]),
      ),
    );
    expect(facts.keyCopies.map((k) => [k.kind, k.region])).toEqual([
      ["cloud-escrow", "eu-west-1"],
      ["cloud-escrow-dr-replica", "eu-central-1"],
    ]);
  });

  it("marks a replica S3 writes in an archived class (GLACIER, DEEP_ARCHIVE) as archived, and one in GLACIER_IR or the source's class not", () => {
    const replica = (storageClass?: string) =>
      deriveFacts(
        input(
          escrow([
            res("aws:s3/bucket:Bucket", "replica", { region: "eu-central-1", tags: { "cenm-backup:element": "keys" } }),
            res(
              "aws:s3/bucketReplicationConfig:BucketReplicationConfig",
              "repl",
              { rules: [{ status: "Enabled", destination: { bucket: "arn:aws:s3:::replica-x", ...(storageClass ? { storageClass } : {}) } }] },
              { bucket: ["escrow"], rules: ["replica"] },
            ),
          ]),
        ),
      ).keyCopies.find((k) => k.kind === "cloud-escrow-dr-replica")!;
    expect(replica("DEEP_ARCHIVE").archived).toBe(true);
    expect(replica("GLACIER").archived).toBe(true);
    expect(replica("GLACIER_IR").archived).toBeUndefined();
    expect(replica().archived).toBeUndefined();
  });

  it("counts a CloudHSM cluster only when its HSMs sit in two zones", () => {
    const hsm = (zones: string[]) =>
      deriveFacts(
        input([
          res("aws:cloudhsmv2/cluster:Cluster", "hsm-cluster", { region: "eu-west-1" }),
          ...zones.map((z, i) => res("aws:cloudhsmv2/hsm:Hsm", `hsm-${i}`, { availabilityZone: z }, { clusterId: ["hsm-cluster"] })),
        ]),
      ).keyCopies;
    expect(hsm(["eu-west-1a", "eu-west-1b"]).map((k) => [k.kind, k.immutable, k.internetReachable])).toEqual([["cloud-hsm", false, false]]);
    expect(hsm(["eu-west-1a", "eu-west-1a"])).toEqual([]);
  });

  it("lists offline copies only when the stack outputs record them", () => {
    const outputs = { keys: { offlineCopies: [{ id: "token-1", location: "safe", medium: "HSM token", custodians: ["a", "b"], lastVerified: "2026-01-01" }] } };
    expect(deriveFacts(input([], outputs)).keyCopies).toEqual([
      { id: "offline:token-1", kind: "offline", region: "offline", immutable: true, internetReachable: false, customerManagedKey: false, detail: "HSM token at safe; custodians a + b; last verified 2026-01-01", location: "safe" },
    ]);
    expect(deriveFacts(input([])).keyCopies).toEqual([]);
  });

  it("reads the recovery objectives a stack records: seconds, else the text; unknown when computed at deployment; none when absent", () => {
    const read = (recoveryObjectives: unknown) => deriveFacts(input([], recoveryObjectives === undefined ? {} : { recoveryObjectives })).objectives;
    expect(read(undefined)).toBeUndefined();
    expect(read({ "region-loss": { rpo: "15 min", rto: "1 h", rpoSeconds: 900, rtoSeconds: 3600 } })).toEqual({ "region-loss": { rpoSeconds: 900, rtoSeconds: 3600 } });
    // A record written by hand (another program) may give the text alone.
    expect(read({ "az-loss": { rpo: "0 s", rto: "5 min" } })).toEqual({ "az-loss": { rpoSeconds: 0, rtoSeconds: 300 } });
    expect(read({ "az-loss": { rpo: "[unknown]", rto: "5 min" }, "key-copy-loss": "[unknown]" })).toEqual({ "az-loss": "unknown", "key-copy-loss": "unknown" });
    expect(read("[unknown]")).toEqual({ "az-loss": "unknown", "region-loss": "unknown", "destructive-statement": "unknown", "malicious-deletion": "unknown", "key-copy-loss": "unknown" });
    // Unreadable entries and unknown disruptions are left out; the record still says the stack records objectives.
    expect(read({ "az-loss": { rpo: "soon" }, "zone-loss": { rpo: "0 s", rto: "5 min" } })).toEqual({});
  });

  it("tells the cloud from the stack output, else from the resources its readers know", () => {
    expect(deriveFacts(input([], { cloud: "azure" })).cloud).toBe("azure");
    expect(deriveFacts(input([res("aws:rds/instance:Instance", "db", { region: "eu-west-1" })])).cloud).toBe("aws");
    expect(deriveFacts(input([res("azure-native:dbforpostgresql:Server", "db", { location: "westeurope" })])).cloud).toBe("azure");
    expect(deriveFacts(input([])).cloud).toBeUndefined();
  });

  it("reports security groups admitting the whole Internet", () => {
    const facts = deriveFacts(
      input([
        res("aws:ec2/securityGroup:SecurityGroup", "open", { ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }] }),
        res("aws:ec2/securityGroup:SecurityGroup", "closed", { ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["10.0.0.0/8"] }] }),
        res("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "v6", { cidrIpv6: "::/0", ipProtocol: "tcp", fromPort: 443, toPort: 443 }),
      ]),
    );
    expect(facts.exposures.map((e) => [e.name, e.reason])).toEqual([
      ["open", "an ingress rule admits 0.0.0.0/0 on tcp port 22"],
      ["v6", "the ingress rule admits ::/0 on tcp port 443"],
    ]);
  });
});

describe("snapshots", () => {
  it("resolves copy destinations by region and reads a governance lock and tag-less selections", () => {
    const facts = deriveFacts(
      input([
        res("aws:backup/vault:Vault", "main", { region: "eu-west-1" }),
        res("aws:backup/vault:Vault", "dr", { region: "us-east-1" }),
        res("aws:backup/vaultLockConfiguration:VaultLockConfiguration", "lock", { minRetentionDays: 1 }, { backupVaultName: ["main"] }),
        res(
          "aws:backup/plan:Plan",
          "plan",
          { region: "eu-west-1", rules: [{ ruleName: "weekly", schedule: "cron(0 5 ? * SUN *)", lifecycle: { deleteAfter: 90 }, targetVaultName: "[unknown]", copyActions: [{ destinationVaultArn: "[unknown]" }] }] },
          { rules: ["main", "dr"] },
        ),
        res("aws:rds/instance:Instance", "db", { region: "eu-west-1" }),
        res("aws:backup/selection:Selection", "sel", { resources: ["[unknown]"] }, { resources: ["db"] }),
      ]),
    );
    expect(facts.snapshots.vaults.find((v) => v.name === "main")?.lock).toEqual({ mode: "governance", minRetentionDays: 1 });
    expect(facts.snapshots.vaults.find((v) => v.name === "dr")?.lock).toBeUndefined();
    const rule = facts.snapshots.rules[0];
    expect(rule).toMatchObject({ rule: "weekly", intervalHours: 168, retentionDays: 90, continuous: false, vaultUrn: urn("main") });
    // No start window declared: AWS Backup's default (8 h) is the one a job may start in.
    expect(rule.startWindowMinutes).toBe(480);
    expect(rule.copies).toEqual([{ vaultUrn: urn("dr"), region: "us-east-1" }]);
    expect(facts.snapshots.protectedUrns).toEqual([urn("db")]);
    expect(facts.snapshots.failureNotifications).toBe(false);
  });

  it("matches ARNs against deployed outputs when references are missing", () => {
    const db = res("aws:rds/cluster:Cluster", "db", {}, {}, { outputs: { arn: "arn:aws:rds:eu-west-1:1:cluster:db-1" } });
    const sel = res("aws:backup/selection:Selection", "sel", { resources: ["arn:aws:rds:eu-west-1:1:cluster:db-1"] });
    expect(deriveFacts(input([db, sel])).snapshots.protectedUrns).toEqual([urn("db")]);
  });

  it("counts an EventBridge rule on failed AWS Backup jobs as failure notification", () => {
    const pattern = JSON.stringify({ source: ["aws.backup"], "detail-type": ["Copy Job State Change"], detail: { state: ["FAILED"] } });
    const facts = deriveFacts(input([res("aws:cloudwatch/eventRule:EventRule", "failures", { eventPattern: pattern })]));
    expect(facts.snapshots.failureNotifications).toBe(true);
    const quiet = deriveFacts(input([res("aws:cloudwatch/eventRule:EventRule", "ok", { eventPattern: JSON.stringify({ source: ["aws.backup"], detail: { state: ["COMPLETED"] } }) })]));
    expect(quiet.snapshots.failureNotifications).toBe(false);
  });

  it("counts a restore-job rule only when it tests detail.status, the field restore job events carry", () => {
    const rule = (detail: Record<string, unknown>) =>
      res("aws:cloudwatch/eventRule:EventRule", "restore-failures", { region: "eu-west-1", eventPattern: JSON.stringify({ source: ["aws.backup"], "detail-type": ["Restore Job State Change"], detail }) });
    const vault = res("aws:backup/vault:Vault", "vault", { region: "eu-west-1" });
    const onStatus = deriveFacts(input([vault, rule({ status: ["FAILED", "ABORTED"] })]));
    expect(onStatus.snapshots.failureNotifications).toBe(true);
    expect(onStatus.snapshots.vaults[0].notifiedEvents).toEqual(["EventBridge: Restore Job State Change FAILED", "EventBridge: Restore Job State Change ABORTED"]);
    // The former pattern: detail.state, which restore job events do not carry, routes nothing.
    const onState = deriveFacts(input([vault, rule({ state: ["FAILED", "ABORTED"] })]));
    expect(onState.snapshots.failureNotifications).toBe(false);
    expect(onState.snapshots.vaults[0].notifiedEvents).toEqual([]);
  });

  it("treats a logically air-gapped vault as compliance-locked", () => {
    const facts = deriveFacts(input([res("aws:backup/logicallyAirGappedVault:LogicallyAirGappedVault", "lag", { minRetentionDays: 7, maxRetentionDays: 35 })]));
    expect(facts.snapshots.vaults[0].lock).toEqual({ mode: "compliance", minRetentionDays: 7, maxRetentionDays: 35 });
  });
});

describe("intervalHours", () => {
  it.each([
    ["cron(0 0/1 ? * * *)", 1],
    ["cron(0 */6 ? * * *)", 6],
    ["cron(0 3 ? * * *)", 24],
    ["cron(0 3 1 * ? *)", 720],
    ["cron(0 5 ? * SUN *)", 168],
    ["cron(0 5 ? * MON-FRI *)", 72],
    ["cron(0 1,13 ? * * *)", 12],
    ["rate(12 hours)", 12],
    ["rate(1 day)", 24],
  ])("%s -> %d h", (expr, hours) => {
    expect(intervalHours(expr)).toBe(hours);
  });

  it("gives NaN for what it cannot read", () => {
    expect(intervalHours("[unknown]")).toBeNaN();
    expect(intervalHours("cron(nonsense)")).toBeNaN();
    expect(intervalHours(undefined)).toBeNaN();
  });
});

describe("plain secrets", () => {
  it("flags a readable password and ignores secret and unknown markers", () => {
    const facts = deriveFacts(
      input([
        res("aws:rds/instance:Instance", "plain", { password: "hunter2", manageMasterUserPassword: true }),
        res("aws:rds/instance:Instance", "hidden", { password: "[secret]" }),
        res("aws:rds/instance:Instance", "later", { password: "[unknown]" }),
        res("aws:secretsmanager/secretVersion:SecretVersion", "nested", { secretString: "[SECRET]", config: { Auth: { masterPasswordWo: "s3cret" } } }),
      ]),
    );
    expect(facts.plainSecrets.map((s) => [s.name, s.property])).toEqual([
      ["plain", "password"],
      ["nested", "config.Auth.masterPasswordWo"],
    ]);
  });
});

describe("unknown resources", () => {
  it("lists custom types no reader knows, never components, providers or the stack", () => {
    const facts = deriveFacts(
      input([
        res("aws:dynamodb/table:Table", "table"),
        res("random:index/randomString:RandomString", "pw"),
        // The database's generated master password is accounted for (it supports the master credential's secret).
        res("random:index/randomPassword:RandomPassword", "master-password"),
        res("cenm-backup:aws:ReplicatedDatabase", "component", {}, {}, { custom: false }),
        res("pulumi:providers:aws", "provider"),
        res("pulumi:pulumi:Stack", "stack", {}, {}, { custom: false }),
        res("aws:iam/role:Role", "role"),
        res("aws:ec2/subnet:Subnet", "subnet"),
      ]),
    );
    expect(facts.unknown).toEqual([
      { urn: urn("table"), type: "aws:dynamodb/table:Table", name: "table" },
      { urn: urn("pw"), type: "random:index/randomString:RandomString", name: "pw" },
    ]);
  });
});

describe("preview markers", () => {
  it("derives facts from unknown values without crashing and without taking them for true", () => {
    const U = "[unknown]";
    const facts = deriveFacts(
      input([
        res("aws:rds/cluster:Cluster", "db", { dbClusterInstanceClass: U, availabilityZones: U, deletionProtection: U, storageEncrypted: U, kmsKeyId: U, backupRetentionPeriod: U, skipFinalSnapshot: U, finalSnapshotIdentifier: U, publiclyAccessible: U }),
        res("aws:s3/bucket:Bucket", "bucket", { objectLockEnabled: U, tags: U, forceDestroy: U }),
        res("aws:s3/bucketPolicy:BucketPolicy", "policy", { policy: U, bucket: U }, { bucket: ["bucket"] }),
        res("aws:backup/plan:Plan", "plan", { rules: U }),
        res("aws:backup/plan:Plan", "plan2", { rules: [{ schedule: U, lifecycle: U, copyActions: U }] }),
        res("aws:efs/fileSystem:FileSystem", "fs", { encrypted: U }),
        res("aws:efs/mountTarget:MountTarget", "mt", { subnetId: U, fileSystemId: U }, { fileSystemId: ["fs"] }),
        res("aws:backup/selection:Selection", "sel", { resources: U, selectionTags: U }),
        res("aws:cloudwatch/eventRule:EventRule", "rule", { eventPattern: U }),
      ], { keys: U, waivers: U, signing: U, environment: U }),
    );
    const db = facts.databases[0];
    expect(db).toMatchObject({ topology: "multi-az-cluster", deletionProtection: false, storageEncrypted: false, customerManagedKey: false, backupRetentionDays: 0, finalSnapshot: false, publiclyAccessible: false });
    expect(facts.snapshots.rules).toHaveLength(1);
    expect(facts.snapshots.rules[0].intervalHours).toBeNaN();
    expect(facts.fileSystems[0]).toMatchObject({ encrypted: false, mountTargetZones: [] });
    expect(facts.keyCopies).toEqual([]);
    expect(facts.protection.find((p) => p.name === "bucket")?.providerDeletionProtection).toBe(false);
    expect(facts.waivers).toEqual([]);
    expect(facts.environment).toBeUndefined();
    expect(facts.crlValidityDays).toBeUndefined();
  });
});

describe("stack outputs", () => {
  it("reads waivers, the CRL validity and the regions, and falls back to tags and the most common region", () => {
    const waived = deriveFacts(input([], { waivers: [{ id: "CENM-DB-01", reason: "dev", approvedBy: "cto" }, { reason: "no id" }], signing: { crlValidityDays: 7 } }));
    expect(waived.waivers).toEqual([{ id: "CENM-DB-01", reason: "dev", approvedBy: "cto" }]);
    expect(waived.crlValidityDays).toBe(7);
    const inferred = deriveFacts(
      input([
        res("aws:ec2/vpc:Vpc", "a", { region: "us-east-2", tags: { "cenm-backup:environment": "staging" } }),
        res("aws:ec2/vpc:Vpc", "b", { region: "us-east-2" }),
        res("aws:efs/fileSystem:FileSystem", "fs"),
        res("aws:efs/replicationConfiguration:ReplicationConfiguration", "r", { destination: { region: "us-west-2" } }, { sourceFileSystemId: ["fs"] }),
      ]),
    );
    expect(inferred.environment).toBe("staging");
    expect(inferred.primaryRegion).toBe("us-east-2");
    expect(inferred.fileSystems[0].region).toBe("us-east-2");
    expect(inferred.drRegion).toBe("us-west-2");
  });
});

describe("fromPlanDocument", () => {
  it("maps plan resources to audit resources", () => {
    const input = fromPlanDocument({
      stack: "s",
      project: "p",
      preview: false,
      outputs: { environment: "dev" },
      resources: [
        { urn: "urn:c", type: "cenm-backup:aws:OfflineKeyVault", name: "vault", inputs: {}, propertyDependencies: {}, options: { protect: false, retainOnDelete: false } as never },
        { urn: "urn:b", type: "aws:s3/bucket:Bucket", name: "bucket", parent: "vault", inputs: { region: "eu-west-1" }, propertyDependencies: {}, options: { protect: true, retainOnDelete: true } as never },
      ],
    });
    expect(input).toMatchObject({ stack: "s", source: "plan", stackOutputs: { environment: "dev" } });
    expect(input.resources.map((r) => [r.custom, r.parentUrn, r.protect, r.retainOnDelete])).toEqual([
      [false, undefined, false, false],
      [true, "urn:c", true, true],
    ]);
    expect(input.resources[1].outputs).toEqual({});
  });
});

describe("cost", () => {
  it("derives the facts of 10,000 resources in well under 2 s", () => {
    const resources: AuditResource[] = [];
    for (let i = 0; i < 2500; i++) {
      resources.push(res("aws:kms/key:Key", `key-${i}`, { region: "eu-west-1" }));
      resources.push(res("aws:rds/instance:Instance", `db-${i}`, { region: "eu-west-1", kmsKeyId: `arn:key-${i}`, storageEncrypted: true, password: "[secret]" }, { kmsKeyId: [`key-${i}`] }));
      resources.push(res("aws:s3/bucket:Bucket", `bucket-${i}`, { region: "eu-west-1" }));
      resources.push(res("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", `block-${i}`, FULL_BLOCK, { bucket: [`bucket-${i}`] }));
    }
    const started = process.hrtime.bigint();
    const facts = deriveFacts(input(resources));
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    expect(facts.databases).toHaveLength(2500);
    expect(facts.databases.every((d) => d.customerManagedKey)).toBe(true);
    expect(facts.exposures).toEqual([]);
    expect(facts.protection).toHaveLength(7500);
    expect(ms).toBeLessThan(1500);
  });
});
