import fc from "fast-check";
import { ConfigError } from "../../src/config/errors";
import { breakGlassAccountIssues, deepMerge, loadStackConfig } from "../../src/config/load";
import { PRESETS } from "../../src/config/presets";
import { NOW, rawStack } from "./fixtures";

function problems(raw: Record<string, unknown>): ConfigError {
  try {
    loadStackConfig(raw, { stack: "t", now: NOW });
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error("expected the configuration to be refused");
}

function withOverride(env: "dev" | "staging" | "prod", override: Record<string, unknown>): Record<string, unknown> {
  return deepMerge(rawStack(env), override) as Record<string, unknown>;
}

describe("presets", () => {
  it.each(["dev", "staging", "prod"] as const)("%s with only location settings is valid", (env) => {
    const { config } = loadStackConfig(rawStack(env), { now: NOW });
    expect(config.environment).toBe(env);
    expect(config.database.databases.map((d) => d.service)).toEqual(["identity-manager", "network-map", "zone", "auth"]);
  });

  it("prod has synchronous multi-AZ replication, 35 days PITR, compliance locks and DR copies", () => {
    const { config } = loadStackConfig(rawStack("prod"), { now: NOW });
    // A Multi-AZ DB instance, whose synchronous standby AWS pairs with a cross-region read replica: AWS copies no
    // backup of a Multi-AZ DB cluster to another region.
    expect(config.database.topology).toBe("multi-az-instance");
    expect(config.database.crossRegionReplica).toBe(true);
    // The replica is a Multi-AZ DB instance too: promoted, it keeps a synchronous standby in a second zone.
    expect(config.database.replicaMultiAz).toBe(true);
    expect(config.snapshots.pointInTimeDays).toBe(35);
    // On AWS the locks' bounds are fixed (1 day to 7 years), whatever the rules keep.
    expect(config.snapshots.lock).toEqual({ mode: "compliance", changeableForDays: 3, minRetentionDays: 1, maxRetentionDays: 2557 });
    expect(config.snapshots).not.toHaveProperty("rdsManualSnapshotQuota");
    expect(config.keyVault.lockMode).toBe("compliance");
    expect(config.snapshots.drCopy.enabled).toBe(true);
    expect(config.fileStore.drReplication).toBe(true);
    expect(config.keyVault.drReplica).toBe(true);
    expect(config.protection.enabled).toBe(true);
  });

  it("staging has prod's shape at a smaller size", () => {
    const staging = loadStackConfig(rawStack("staging"), { now: NOW }).config;
    const prod = loadStackConfig(rawStack("prod"), { now: NOW }).config;
    expect(staging.database.topology).toBe(prod.database.topology);
    expect(staging.snapshots.drCopy.enabled).toBe(true);
    expect(staging.database.allocatedStorageGb).toBeLessThan(prod.database.allocatedStorageGb);
    expect(staging.snapshots.lock.mode).toBe("governance");
  });

  it("dev is small but still backed up, and unprotected", () => {
    const { config } = loadStackConfig(rawStack("dev"), { now: NOW });
    expect(config.database.topology).toBe("single-az-instance");
    expect(config.snapshots.daily.enabled).toBe(true);
    expect(config.snapshots.pointInTimeDays).toBeGreaterThan(0);
    expect(config.protection.enabled).toBe(false);
  });

  it("leaves the master password's keeper to the component unless a stack names one; SQL Server may keep RDS's with a replica", () => {
    expect(loadStackConfig(rawStack("prod"), { now: NOW }).config.database.masterPassword).toBeUndefined();
    expect(loadStackConfig(withOverride("staging", { database: { masterPassword: "generated" } }), { now: NOW }).config.database.masterPassword).toBe("generated");
    expect(loadStackConfig(withOverride("dev", { database: { masterPassword: "rds-managed" } }), { now: NOW }).config.database.masterPassword).toBe("rds-managed");
    const sqlServer = { database: { engine: "sqlserver", engineVersion: "16.00.4185.3.v1", edition: "ee", masterPassword: "rds-managed" } };
    expect(loadStackConfig(withOverride("staging", sqlServer), { now: NOW }).config.database.masterPassword).toBe("rds-managed");
  });

  it("a stack overrides any preset value; arrays are replaced, objects merged", () => {
    const { config } = loadStackConfig(withOverride("prod", { snapshots: { daily: { retentionDays: 45 } }, fileStore: { services: ["signer"] } }), { now: NOW });
    expect(config.snapshots.daily).toEqual({ ...PRESETS.prod.snapshots.daily, retentionDays: 45 });
    expect(config.fileStore.services).toEqual(["signer"]);
  });
});

describe("bad input is refused with the key, the value received and what is expected", () => {
  const cases: [string, Record<string, unknown>, string, string][] = [
    ["unknown environment", { environment: "production" }, "cenm-backup:environment", '"production"'],
    ["unknown cloud", { cloud: "gcp" }, "cenm-backup:cloud", '"gcp"'],
    ["unsupported PostgreSQL", { database: { engineVersion: "11.4" } }, "cenm-backup:database.engineVersion", '"11.4"'],
    ["PostgreSQL 17", { database: { engineVersion: "17" } }, "cenm-backup:database.engineVersion", '"17"'],
    ["H2", { database: { engine: "h2" } }, "cenm-backup:database.engine", '"h2"'],
    ["Oracle 12c on RDS", { database: { engine: "oracle", engineVersion: "12.2", topology: "multi-az-instance" } }, "cenm-backup:database.engineVersion", '"12.2"'],
    ["cluster with SQL Server", { database: { engine: "sqlserver", engineVersion: "16.00", topology: "multi-az-cluster", crossRegionReplica: false } }, "cenm-backup:database.topology", '"multi-az-cluster"'],
    ["misspelt key", { database: { engineVerison: "16" } }, "cenm-backup:database.engineVerison", '"16"'],
    ["unknown top-level key", { snapshot: {} }, "cenm-backup:snapshot", "{}"],
    ["one availability zone", { primary: { availabilityZones: ["eu-west-1a"] } }, "cenm-backup:primary.availabilityZones", '["eu-west-1a"]'],
    ["zone of another region", { primary: { availabilityZones: ["eu-west-1a", "us-east-1b"] } }, "cenm-backup:primary.availabilityZones[1]", '"us-east-1b"'],
    ["DR region equal to primary", { dr: { region: "eu-west-1" } }, "cenm-backup:dr.region", '"eu-west-1"'],
    ["PITR over 35 days", { snapshots: { pointInTimeDays: 40 } }, "cenm-backup:snapshots.pointInTimeDays", "40"],
    ["fractional retention", { snapshots: { daily: { retentionDays: 7.5 } } }, "cenm-backup:snapshots.daily.retentionDays", "7.5"],
    ["compliance lock under 3 days", { snapshots: { lock: { changeableForDays: 1 } } }, "cenm-backup:snapshots.lock.changeableForDays", "1"],
    ["bad CIDR", { network: { vpcCidr: "10.300.0.0/16" } }, "cenm-backup:network.vpcCidr", '"10.300.0.0/16"'],
    ["overlapping vault CIDR", { network: { vaultVpcCidr: "10.30.1.0/24" } }, "cenm-backup:network.vaultVpcCidr", '"10.30.1.0/24"'],
    ["shared database user", { database: { databases: [{ service: "identity-manager", name: "im", user: "cenm" }, { service: "network-map", name: "nm", user: "cenm" }] } }, "cenm-backup:database.databases[1].user", '"cenm"'],
    ["offline copy with one custodian", { keyVault: { offlineCopies: [{ id: "t1", location: "Safe A", medium: "token", custodians: ["alice"], lastVerified: "2026-01-01" }] } }, "cenm-backup:keyVault.offlineCopies[0].custodians", '["alice"]'],
    ["offline copy verified on a date that does not exist", { keyVault: { offlineCopies: [{ id: "t1", location: "Safe A", medium: "token", custodians: ["alice", "bob"], lastVerified: "2026-02-31" }] } }, "cenm-backup:keyVault.offlineCopies[0].lastVerified", '"2026-02-31"'],
    ["VPC too small for one subnet per zone", { network: { vpcCidr: "10.30.0.0/28" } }, "cenm-backup:network.vpcCidr", '"10.30.0.0/28"'],
    ["vault VPC too small for two subnets", { network: { vaultVpcCidr: "10.31.0.0/29" } }, "cenm-backup:network.vaultVpcCidr", '"10.31.0.0/29"'],
    ["offline copy verified in the future", { keyVault: { offlineCopies: [{ id: "t1", location: "Safe A", medium: "token", custodians: ["alice", "bob"], lastVerified: "2027-01-01" }] } }, "cenm-backup:keyVault.offlineCopies[0].lastVerified", '"2027-01-01"'],
    ["waiver without reason", { waivers: [{ id: "db-sync-replica", reason: "because" }] }, "cenm-backup:waivers[0].reason", '"because"'],
    ["unknown waiver id", { waivers: [{ id: "everything", reason: "a long enough reason for the test" }] }, "cenm-backup:waivers[0].id", '"everything"'],
    ["a change waiver of a rule that does not exist", { waivers: [{ id: "CENM-CH-09:cenm-db-primary", reason: "a long enough reason for the test" }] }, "cenm-backup:waivers[0].id", '"CENM-CH-09:cenm-db-primary"'],
    ["replica on a cluster", { database: { topology: "multi-az-cluster", crossRegionReplica: true } }, "cenm-backup:database.crossRegionReplica", "true"],
    ["replicated backups of a cluster", { database: { topology: "multi-az-cluster", crossRegionReplica: false, drBackupReplication: true }, dr: { availabilityZones: null }, network: { drVpcCidr: null } }, "cenm-backup:database.drBackupReplication", "true"],
    ["replicated backups under AWS Backup continuous backup", { database: { drBackupReplication: true } }, "cenm-backup:database.drBackupReplication", "true"],
    ["RDS's managed password on the PostgreSQL source of the cross-region replica", { database: { masterPassword: "rds-managed" } }, "cenm-backup:database.masterPassword", '"rds-managed"'],
    ["RDS's managed password on an Oracle source of the replica", { database: { engine: "oracle", engineVersion: "19.0.0.0.ru-2025-07.rur-2025-07.r1", storageType: "gp3", allocatedStorageGb: 400, iops: 12000, masterPassword: "rds-managed" } }, "cenm-backup:database.masterPassword", '"rds-managed"'],
    ["a master password kept in config", { database: { masterPassword: "s3cret-Passw0rd" } }, "cenm-backup:database.masterPassword", '"s3cret-Passw0rd"'],
    ["gp3 below 400 GiB with provisioned IOPS (a storageType override leaving the preset's iops)", { database: { storageType: "gp3" } }, "cenm-backup:database.iops", "1000"],
    ["io1 IOPS above 50 per GiB", { database: { storageType: "io1", iops: 6000 } }, "cenm-backup:database.iops", "6000"],
    ["io2 below 100 GiB", { database: { allocatedStorageGb: 50 } }, "cenm-backup:database.allocatedStorageGb", "50"],
    ["daily snapshots inside the RDS backup window", { snapshots: { daily: { hourUtc: 2 } } }, "cenm-backup:snapshots.daily.hourUtc", "2"],
    ["CENM subnets outside the data VPC with no route", { network: { transitGatewayId: null } }, "cenm-backup:network.cenmCidrs[0]", '"10.130.0.0/20"'],
    ["CENM subnets straddling the data VPC", { network: { cenmCidrs: ["10.30.0.0/15"] } }, "cenm-backup:network.cenmCidrs[0]", '"10.30.0.0/15"'],
    ["the whole Internet as CENM subnets", { network: { cenmCidrs: ["0.0.0.0/0"] } }, "cenm-backup:network.cenmCidrs[0]", '"0.0.0.0/0"'],
    ["peering and a transit gateway together", { network: { cenmVpcId: "vpc-0123456789abcdef0", cenmRouteTableIds: ["rtb-0123456789abcdef0"] } }, "cenm-backup:network.transitGatewayId", '"tgw-0a1b2c3d4e5f60789"'],
    ["peering without the CENM route tables", { network: { transitGatewayId: null, cenmVpcId: "vpc-0123456789abcdef0" } }, "cenm-backup:network.cenmRouteTableIds", "nothing (the key is not set)"],
    ["a route although every CENM subnet is inside the data VPC", { network: { cenmCidrs: ["10.30.0.0/20"] } }, "cenm-backup:network.transitGatewayId", '"tgw-0a1b2c3d4e5f60789"'],
    ["connectivity keys with an existing VPC", { network: { vpcId: "vpc-1", subnetIds: ["s-1", "s-2", "s-3"] } }, "cenm-backup:network.transitGatewayId", '"tgw-0a1b2c3d4e5f60789"'],
    ["a CIDR with host bits", { network: { vpcCidr: "10.30.1.0/16" } }, "cenm-backup:network.vpcCidr", '"10.30.1.0/16"'],
    ["cross-region replica without DR zones", { dr: { availabilityZones: null } }, "cenm-backup:dr.availabilityZones", "nothing (the key is not set)"],
    ["cross-region replica without a DR network", { network: { drVpcCidr: null } }, "cenm-backup:network.drVpcCidr", "nothing (the key is not set)"],
    ["DR zones of another region", { dr: { availabilityZones: ["eu-central-1a", "eu-west-1b"] } }, "cenm-backup:dr.availabilityZones[1]", '"eu-west-1b"'],
    ["DR VPC overlapping the data VPC", { network: { drVpcCidr: "10.30.0.0/16" } }, "cenm-backup:network.drVpcCidr", '"10.30.0.0/16"'],
    ["existing DR subnets not one per DR zone", { network: { drVpcCidr: null, drVpcId: "vpc-0123456789abcdef0", drSubnetIds: ["subnet-0123456789abcdef0"] } }, "cenm-backup:network.drSubnetIds", '["subnet-0123456789abcdef0"]'],
    ["a second HSM before a cluster exists", { keyVault: { cloudHsmInitialized: true } }, "cenm-backup:keyVault.cloudHsmInitialized", "true"],
    ["Azure's two-step immutability on AWS", { protection: { firstDeployment: true } }, "cenm-backup:protection.firstDeployment", "true"],
    ["an Entra administrator on AWS", { database: { entraAdministrator: { objectId: "6f1c2a9e-0d3b-4c55-9a61-1d2e3f4a5b62", principalName: "dba", principalType: "group" } } }, "cenm-backup:database.entraAdministrator", '{"objectId":"6f1c2a9e-0d3b-4c55-9a61-1d2e3f4a5b62","principalName":"dba","principalType":"group"}'],
    ["bad e-mail", { alerts: { emails: ["not-an-email"] } }, "cenm-backup:alerts.emails[0]", '"not-an-email"'],
    // What the SnapshotSchedule component and the limits refuse, refused here first (a stack that loads plans).
    // RDS does not count AWS Backup's snapshots toward its manual snapshot quota: the former key is unknown now.
    ["the former RDS snapshot quota key", { snapshots: { rdsManualSnapshotQuota: 100 } }, "cenm-backup:snapshots.rdsManualSnapshotQuota", "100"],
    ["a monthly retention beyond the vault locks' maximum", { snapshots: { monthly: { retentionDays: 3000 } } }, "cenm-backup:snapshots.monthly.retentionDays", "3000"],
    ["hourly snapshots kept less than the vault locks' minimum", { snapshots: { lock: { minRetentionDays: 3 } } }, "cenm-backup:snapshots.hourly.retentionDays", "2"],
    ["vault-lock bounds the wrong way round", { snapshots: { lock: { minRetentionDays: 30, maxRetentionDays: 20 } } }, "cenm-backup:snapshots.lock.minRetentionDays", "30"],
  ];

  it.each(cases)("%s", (_label, override, key, received) => {
    const err = problems(withOverride("staging", override));
    const hit = err.issues.find((i) => i.key === key);
    expect(hit).toBeDefined();
    expect(hit!.received).toBe(received);
    expect(hit!.expected.length).toBeGreaterThan(5);
    expect(err.message).toContain(`${key}: received ${received}; expected`);
    expect(err.message).toContain("no resource was declared");
  });

  it("reports every problem of the stack together", () => {
    const err = problems(withOverride("staging", { snapshots: { pointInTimeDays: 0, daily: { retentionDays: -1 } }, primary: { region: 7 } }));
    expect(err.issues.map((i) => i.key).sort()).toEqual(["cenm-backup:primary.region", "cenm-backup:snapshots.daily.retentionDays", "cenm-backup:snapshots.pointInTimeDays"]);
    const err2 = problems(withOverride("staging", { database: { engineVersion: "9.6" }, dr: { region: "eu-west-1", availabilityZones: ["eu-west-1a", "eu-west-1b"] } }));
    expect(err2.issues.map((i) => i.key).sort()).toEqual(["cenm-backup:database.engineVersion", "cenm-backup:dr.region"]);
  });
});

describe("prod weakenings need a waiver with a written reason", () => {
  const weakenings: [string, Record<string, unknown>, string][] = [
    ["db-sync-replica", { database: { topology: "single-az-instance" } }, "cenm-backup:database.topology"],
    ["db-dr-copy", { snapshots: { drCopy: { enabled: false } } }, "cenm-backup:snapshots.drCopy.enabled"],
    ["db-public-endpoint", { database: { publiclyAccessible: true } }, "cenm-backup:database.publiclyAccessible"],
    ["db-pitr-window", { snapshots: { pointInTimeDays: 7 } }, "cenm-backup:snapshots.pointInTimeDays"],
    ["snapshots-compliance-lock", { snapshots: { lock: { mode: "governance", changeableForDays: null } } }, "cenm-backup:snapshots.lock.mode"],
    ["files-dr-copy", { fileStore: { drReplication: false } }, "cenm-backup:fileStore.drReplication"],
    ["keys-dr-copy", { keyVault: { drReplica: false } }, "cenm-backup:keyVault.drReplica"],
    ["keys-two-copies", { keyVault: { drReplica: false } }, "cenm-backup:keyVault"],
    ["deletion-protection", { protection: { enabled: false } }, "cenm-backup:protection.enabled"],
    ["db-engine-version", { database: { engineVersion: "17" } }, "cenm-backup:database.engineVersion"],
  ];
  // A Multi-AZ DB cluster can have no copy in another region at all: prod takes it only with a waiver.
  const clusterInProd = { database: { topology: "multi-az-cluster", crossRegionReplica: false }, dr: { availabilityZones: null }, network: { drVpcCidr: null } };

  it("db-dr-copy: a Multi-AZ DB cluster is refused in prod without a waiver, naming the topology", () => {
    const err = problems(withOverride("prod", clusterInProd));
    const hit = err.issues.find((i) => i.key === "cenm-backup:database.topology");
    expect(hit?.expected).toContain("db-dr-copy");
    expect(hit?.expected).toContain("multi-az-db-clusters-concepts.Limitations");
  });

  it("a waiver may name one change to one resource (CENM-CH-01:<name>), for the change judgement", () => {
    const waivers = [{ id: "CENM-CH-01:cenm-db-primary", reason: "Rebuilt from the last snapshot in the announced window.", expires: "2026-12-31" }];
    const { config, warnings } = loadStackConfig(withOverride("prod", { waivers }), { now: NOW });
    expect(config.waivers).toEqual(waivers);
    expect(warnings.join("\n")).toContain('waiver "CENM-CH-01:cenm-db-primary" excuses nothing the stack configuration weakens; it is kept for the audit');
  });

  it("db-dr-copy: a Multi-AZ DB cluster is accepted in prod with a written waiver", () => {
    const waivers = [{ id: "db-dr-copy", reason: "The DR copy of the database is taken by a logical dump outside this package." }];
    const { config } = loadStackConfig(withOverride("prod", { ...clusterInProd, waivers }), { now: NOW });
    expect(config.database.topology).toBe("multi-az-cluster");
  });

  it.each(weakenings)("%s is refused in prod without a waiver", (id, override, key) => {
    const err = problems(withOverride("prod", override));
    const hit = err.issues.find((i) => i.key === key);
    expect(hit).toBeDefined();
    expect(hit!.expected).toContain(id);
  });

  it.each(weakenings)("%s is accepted in prod with a waiver, and the waiver is kept", (id, override) => {
    const waivers = weakenings
      .filter(([, o]) => JSON.stringify(o) === JSON.stringify(override) || id === "keys-dr-copy" || id === "keys-two-copies")
      .map(([w]) => ({ id: w, reason: `Accepted by the risk committee for ${w} until the DR site opens.` }));
    const unique = [...new Map(waivers.map((w) => [w.id, w])).values()];
    const { config } = loadStackConfig(withOverride("prod", { ...override, waivers: unique }), { now: NOW });
    expect(config.waivers.map((w) => w.id)).toContain(id);
  });

  it("dev refuses compliance locks, which would keep `pulumi destroy` from completing", () => {
    const err = problems(withOverride("dev", { snapshots: { lock: { mode: "compliance", changeableForDays: 3 } }, keyVault: { lockMode: "compliance" } }));
    expect(err.issues.map((i) => i.key).sort()).toEqual(["cenm-backup:keyVault.lockMode", "cenm-backup:snapshots.lock.mode"]);
    expect(err.message).toContain("pulumi destroy");
  });

  it("the same weakenings are allowed in dev without a waiver", () => {
    const { config } = loadStackConfig(withOverride("dev", { snapshots: { drCopy: { enabled: false } }, fileStore: { drReplication: false } }), { now: NOW });
    expect(config.fileStore.drReplication).toBe(false);
  });

  it("an expired waiver is refused", () => {
    const err = problems(withOverride("prod", { database: { topology: "single-az-instance" }, waivers: [{ id: "db-sync-replica", reason: "Temporary during the migration window.", expires: "2026-01-01" }] }));
    expect(err.issues.map((i) => i.key)).toContain("cenm-backup:waivers[0].expires");
  });

  it("a waiver that excuses nothing is reported as a warning", () => {
    const { warnings } = loadStackConfig(withOverride("prod", { waivers: [{ id: "files-dr-copy", reason: "Kept for the audit of the file store." }] }), { now: NOW });
    expect(warnings).toEqual([expect.stringContaining('"files-dr-copy"')]);
  });
});

describe("property tests", () => {
  const numericKeys: [string, (v: number) => Record<string, unknown>, (v: number) => boolean][] = [
    ["cenm-backup:snapshots.pointInTimeDays", (v) => ({ snapshots: { pointInTimeDays: v } }), (v) => Number.isInteger(v) && v >= 1 && v <= 35],
    // gp3 without provisioned IOPS takes any size the schema allows (20-65,536 GiB).
    ["cenm-backup:database.allocatedStorageGb", (v) => ({ database: { storageType: "gp3", iops: null, allocatedStorageGb: v } }), (v) => Number.isInteger(v) && v >= 20 && v <= 65536],
    ["cenm-backup:keyVault.escrowRetentionDays", (v) => ({ keyVault: { escrowRetentionDays: v } }), (v) => Number.isInteger(v) && v >= 1 && v <= 36500],
    ["cenm-backup:database.replicaLagAlarmSeconds", (v) => ({ database: { replicaLagAlarmSeconds: v } }), (v) => Number.isInteger(v) && v >= 1 && v <= 86400],
  ];

  it.each(numericKeys)("%s: every out-of-range or fractional value is refused with its key; every valid one accepted", (key, build, valid) => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -100000, max: 100000 }), fc.double({ min: -1000, max: 100000, noNaN: true })), (v) => {
        const raw = withOverride("staging", build(v));
        if (valid(v)) {
          expect(() => loadStackConfig(raw, { now: NOW })).not.toThrow();
        } else {
          const err = problems(raw);
          expect(err.issues.map((i) => i.key)).toContain(key);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("any string that is not a supported PostgreSQL version is refused, naming the key", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 8 }), (v) => {
        fc.pre(!/^(1[2-6])(\.\d+)?$/.test(v));
        const err = problems(withOverride("staging", { database: { engineVersion: v } }));
        expect(err.issues.map((i) => i.key)).toContain("cenm-backup:database.engineVersion");
      }),
      { numRuns: 150 },
    );
  });

  it("any unknown key at any level is refused, naming it", () => {
    const sections = ["database", "snapshots", "fileStore", "keyVault", "network", "primary"];
    fc.assert(
      fc.property(fc.constantFrom(...sections), fc.stringMatching(/^[a-z][a-zA-Z]{2,12}$/), (section, key) => {
        const known = Object.keys((loadStackConfig(rawStack("staging"), { now: NOW }).config as any)[section]);
        fc.pre(!known.includes(key) && !["vpcId", "subnetIds", "edition", "iops", "constructor", "prototype"].includes(key));
        const err = problems(withOverride("staging", { [section]: { [key]: 1 } }));
        expect(err.issues.map((i) => i.key)).toContain(`cenm-backup:${section}.${key}`);
      }),
      { numRuns: 100 },
    );
  });
});

describe("the break-glass principal and the stack's account (aws:allowedAccountIds)", () => {
  const ROLE = "arn:aws:iam::111122223333:role/cenm-break-glass";
  it("accepts a break-glass role of the one account the stack deploys to, and asks nothing without one", () => {
    expect(breakGlassAccountIssues(ROLE, '["111122223333"]')).toEqual([]);
    expect(breakGlassAccountIssues(undefined, undefined)).toEqual([]);
  });
  it.each([
    ["no allowed accounts", undefined, "aws:allowedAccountIds", "nothing (the key is not set)", /\["111122223333"\], the one account the stack deploys to/],
    ["two allowed accounts", '["111122223333","444455556666"]', "aws:allowedAccountIds", '["111122223333","444455556666"]', /the one account the stack deploys to/],
    ["a role of another account", '["123456789012"]', "cenm-backup:protection.breakGlassPrincipalArn", `"${ROLE}"`, /an IAM principal of the stack's account 123456789012 \(aws:allowedAccountIds\): .* belongs to account 111122223333, not to the keys' account 123456789012: KMS never lets a principal of another account change a key's policy/],
  ])("refuses %s, naming the key", (_label, allowed, key, received, expected) => {
    const issues = breakGlassAccountIssues(ROLE, allowed);
    expect(issues).toHaveLength(1);
    expect(issues[0].key).toBe(key);
    expect(issues[0].received).toBe(received);
    expect(issues[0].expected).toMatch(expected);
  });
});
