import { plannedStack } from "../helpers/plans";
import { waivedObjectives } from "../fixtures/objective-waivers";
import { FIGURES, crlDeadline, formatDuration, scenarios, snapshotCopyRpo } from "../../src/audit/scenarios";
import { SCHEDULED_START_WINDOW, scheduledGapFigure, scheduledGapSeconds } from "../../src/domain/figures";
import type { Scenario } from "../../src/audit/types";
import { devFacts, governanceFacts, offlineKeysOnlyFacts, prodFacts } from "./fixtures/scenario-facts";

function byId(list: Scenario[], id: Scenario["id"]): Scenario {
  const found = list.find((s) => s.id === id);
  if (!found) throw new Error(`no scenario ${id}`);
  return found;
}

describe("FIGURES", () => {
  it("gives every figure a source, and marks each undocumented figure as this package's assumption", () => {
    const entries = Object.entries(FIGURES);
    expect(entries.length).toBeGreaterThanOrEqual(15);
    for (const [, f] of entries) {
      expect(f.source.length).toBeGreaterThan(20);
      expect(f.seconds).toBeGreaterThanOrEqual(0);
      if (!f.documented) expect(f.source).toMatch(/^assumption of this package/);
    }
  });

  it("holds the documented AWS figures", () => {
    expect(FIGURES.rdsClusterFailover.seconds).toBe(35);
    expect(FIGURES.rdsInstanceFailover.seconds).toBe(120);
    expect(FIGURES.rdsPointInTimeRpo.seconds).toBe(300);
    expect(FIGURES.efsRegionalRpo.seconds).toBe(0);
    expect(FIGURES.efsReplicationRpo.seconds).toBe(900);
    expect(FIGURES.s3RtcRpo.seconds).toBe(900);
    expect(FIGURES.rdsRestoreRto).toMatchObject({ seconds: 3600, documented: false });
  });
});

describe("formatDuration", () => {
  it.each([
    [0, "0 s"],
    [35, "35 s"],
    [900, "15 min"],
    [3600, "1 h"],
    [7200 + 1800, "2 h 30 min"],
    [86400, "24 h"],
    [864000, "10 days"],
  ])("%d s reads %s", (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});

describe("scenarios, production-like topology", () => {
  const list = scenarios(prodFacts());

  it("returns the five scenarios in order", () => {
    expect(list.map((s) => s.id)).toEqual(["az-loss", "region-loss", "destructive-statement", "backup-deletion", "key-copy-loss"]);
  });

  it("AZ loss: the cluster's standbys fail over in 35 s without data loss", () => {
    const s = byId(list, "az-loss");
    expect(s.rpoSeconds).toBe(0);
    expect(s.rtoSeconds).toBe(35);
    expect(s.savedBy).toContain("readable standbys of the Multi-AZ DB cluster cenm-db-cluster (eu-west-1a, eu-west-1b, eu-west-1c)");
    expect(s.savedBy).toContain("regional EFS file system cenm-files-fs");
    expect(s.savedBy).not.toContain("signing keys");
    expect(s.basis).toContain("Both figures come from database cenm-db-cluster.");
  });

  it("region loss: RPO from the hourly DR copy of the database, RTO from the archived escrow replica", () => {
    const s = byId(list, "region-loss");
    expect(s.rpoSeconds).toBe(3600 + 3600);
    expect(s.rtoSeconds).toBe(12 * 3600);
    expect(s.savedBy).toContain("database cenm-db-cluster: copies of cenm-db-cluster, rule hourly-every-1h, in vault cenm-snapshots-dr-vault (compliance lock) in eu-central-1 (RPO 2 h, RTO 1 h)");
    expect(s.savedBy).toContain("EFS replica of cenm-files-fs in eu-central-1 (RPO 15 min, RTO 15 min)");
    expect(s.savedBy).toContain("key escrow replica cenm-keys-replica (eu-central-1, Object Lock COMPLIANCE, archived) (RPO 15 min, RTO 12 h)");
    expect(s.basis).toContain("The RTO comes from signing keys, the RPO from database cenm-db-cluster.");
  });

  it("destructive statement: point-in-time restore, not the replicas", () => {
    const s = byId(list, "destructive-statement");
    expect(s.rpoSeconds).toBe(300);
    expect(s.rtoSeconds).toBe(3600);
    expect(s.savedBy).toBe("database cenm-db-cluster: point-in-time restore of cenm-db-cluster from its automated backups (35 days) (RPO 5 min, RTO 1 h)");
    expect(s.savedBy).not.toContain("standby");
  });

  it("backup deletion: compliance-locked vaults and the COMPLIANCE escrow save the day", () => {
    const s = byId(list, "backup-deletion");
    expect(s.rpoSeconds).toBe(3600);
    expect(s.rtoSeconds).toBe(4 * 3600);
    expect(s.savedBy).toContain("database cenm-db-cluster: recovery points of cenm-db-cluster, rule continuous-pitr (continuous backup (point in time)), in vault cenm-snapshots-vault (compliance lock) (RPO 5 min, RTO 1 h)");
    expect(s.savedBy).toContain("file system cenm-files-fs: recovery points of cenm-files-fs, rule hourly-every-1h (snapshots every 1 h), in vault cenm-snapshots-vault (compliance lock) (RPO 1 h, RTO 1 h)");
    expect(s.savedBy).toContain("key escrow cenm-keys-escrow (eu-west-1, Object Lock COMPLIANCE)");
    expect(s.basis).toContain("The RTO comes from signing keys, the RPO from file system cenm-files-fs.");
  });

  it("backup deletion: a scheduled rule's recovery points can be its interval plus its start window apart (one place: the figures table)", () => {
    const facts = prodFacts();
    facts.snapshots.rules = facts.snapshots.rules.map((r) => (r.continuous ? r : { ...r, startWindowMinutes: 60 }));
    const s = byId(scenarios(facts), "backup-deletion");
    expect(s.rpoSeconds).toBe(scheduledGapSeconds(1, 60));
    expect(s.rpoSeconds).toBe(2 * 3600);
    expect(s.savedBy).toContain("file system cenm-files-fs: recovery points of cenm-files-fs, rule hourly-every-1h (snapshots every 1 h), in vault cenm-snapshots-vault (compliance lock) (RPO 2 h, RTO 1 h)");
    expect(s.rpoBasis).toMatchObject({ documented: true, url: SCHEDULED_START_WINDOW.url });
    expect(s.rpoBasis!.source).toContain("plus its 1 h start window");
    // A copy in another region adds the copy time to that gap.
    const copy = snapshotCopyRpo(facts.snapshots.rules.find((r) => r.rule === "hourly-every-1h")!, false);
    expect(copy.seconds).toBe(2 * 3600 + FIGURES.backupCopyTime.seconds);
    // A rule without a start window (Azure's policies document none) keeps its interval.
    expect(scheduledGapSeconds(24, undefined)).toBe(24 * 3600);
    expect(scheduledGapFigure({ intervalHours: 24, schedule: "R/2025-01-05T03:00:00+00:00/P1D" })).toMatchObject({ seconds: 24 * 3600, documented: true });
  });

  it("key copy loss: the escrow is lost in the worst case, its DR replica remains", () => {
    const s = byId(list, "key-copy-loss");
    expect(s.rpoSeconds).toBe(900);
    expect(s.rtoSeconds).toBe(43200);
    expect(s.savedBy).toBe("signing keys: key escrow replica cenm-keys-replica (eu-central-1, Object Lock COMPLIANCE, archived) (RPO 15 min, RTO 12 h)");
  });

  it("an escrow replica read without a restore (GLACIER_IR, Standard) takes the escrow's retrieval time, not the archive's", () => {
    const facts = prodFacts();
    facts.keyCopies = facts.keyCopies.map(({ archived: _archived, ...k }) => k);
    const direct = scenarios(facts);
    const region = byId(direct, "region-loss");
    expect(region.rtoSeconds).toBe(FIGURES.escrowRetrievalRto.seconds);
    expect(region.rtoBasis?.source).toBe(FIGURES.escrowRetrievalRto.source);
    expect(region.savedBy).toContain("key escrow replica cenm-keys-replica (eu-central-1, Object Lock COMPLIANCE) (RPO 15 min, RTO 4 h)");
    expect(byId(direct, "key-copy-loss")).toMatchObject({ rpoSeconds: 900, rtoSeconds: 4 * 3600 });
  });

  it("meets the CRL deadline: 12 h against 10 days", () => {
    const d = crlDeadline(prodFacts(), list);
    expect(d).toMatchObject({ crlValidityDays: 10, regionLossRtoSeconds: 43200, met: true });
    expect(d.message).toContain("region-loss RTO 12 h (43200 s)");
    expect(d.message).toContain("CRL validity 10 days (864000 s)");
  });
});

describe("scenarios, single-AZ development topology", () => {
  const list = scenarios(devFacts());

  it("AZ loss: point-in-time restore of the single instance", () => {
    const s = byId(list, "az-loss");
    expect(s.rpoSeconds).toBe(300);
    expect(s.rtoSeconds).toBe(3600);
    expect(s.savedBy).toContain("point-in-time restore of cenm-db-primary from its automated backups (7 days)");
    expect(s.basis).toContain("Both figures come from database cenm-db-primary.");
  });

  it("region loss: not recoverable, nothing declared outside the primary region", () => {
    const s = byId(list, "region-loss");
    expect(s.rpoSeconds).toBeUndefined();
    expect(s.rtoSeconds).toBeUndefined();
    expect(s.savedBy).toBe("nothing declared for database cenm-db-primary, file system cenm-files-fs, signing keys");
    expect(s.basis).toContain("Not recoverable from the declared topology");
  });

  it("destructive statement: point-in-time restore", () => {
    expect(byId(list, "destructive-statement")).toMatchObject({ rpoSeconds: 300, rtoSeconds: 3600 });
  });

  it("backup deletion and key copy loss: not recoverable", () => {
    expect(byId(list, "backup-deletion").rtoSeconds).toBeUndefined();
    expect(byId(list, "backup-deletion").savedBy).toMatch(/^nothing declared for database cenm-db-primary, file system cenm-files-fs, signing keys$/);
    const keys = byId(list, "key-copy-loss");
    expect([keys.rpoSeconds, keys.rtoSeconds, keys.savedBy]).toEqual([undefined, undefined, "nothing declared for signing keys"]);
  });

  it("CRL deadline unknown when the region loss is not recoverable", () => {
    const d = crlDeadline(devFacts(), list);
    expect(d.met).toBeUndefined();
    expect(d.crlValidityDays).toBe(10);
    expect(d.regionLossRtoSeconds).toBeUndefined();
    expect(d.message).toContain("region-loss RTO unknown");
    expect(d.message).toContain("CRL validity 10 days");
  });

  it("a Multi-AZ instance fails over in 120 s", () => {
    const facts = devFacts();
    facts.databases[0].topology = "multi-az-instance";
    const s = byId(scenarios(facts), "az-loss");
    expect(s).toMatchObject({ rpoSeconds: 0, rtoSeconds: 120 });
    expect(s.savedBy).toContain("synchronous standby of the Multi-AZ DB instance cenm-db-primary");
  });

  it("without automated backups the daily snapshot is the way back from a statement", () => {
    const facts = devFacts();
    facts.databases[0].backupRetentionDays = 0;
    expect(byId(scenarios(facts), "destructive-statement")).toMatchObject({ rpoSeconds: 86400, rtoSeconds: 3600 });
  });
});

describe("scenarios, governance-only locks", () => {
  it("backup deletion is saved by no vault: only the offline key copies survive", () => {
    const s = byId(scenarios(governanceFacts()), "backup-deletion");
    expect(s.rpoSeconds).toBeUndefined();
    expect(s.rtoSeconds).toBeUndefined();
    expect(s.savedBy).toMatch(/^nothing declared for database cenm-db-cluster, file system cenm-files-fs; /);
    expect(s.savedBy).toContain("signing keys: offline key copy hsm-backup-token-lon-01");
    expect(s.savedBy).not.toContain("cenm-snapshots-vault");
  });

  it("the other scenarios are unchanged by the lock mode", () => {
    const prod = scenarios(prodFacts());
    const gov = scenarios(governanceFacts());
    for (const id of ["az-loss", "region-loss", "destructive-statement"] as const) {
      expect([byId(gov, id).rpoSeconds, byId(gov, id).rtoSeconds]).toEqual([byId(prod, id).rpoSeconds, byId(prod, id).rtoSeconds]);
    }
  });
});

describe("crlDeadline", () => {
  it("is met when the region-loss RTO equals the validity", () => {
    const facts = offlineKeysOnlyFacts(1);
    const d = crlDeadline(facts, scenarios(facts));
    expect(d).toMatchObject({ crlValidityDays: 1, regionLossRtoSeconds: 86400, met: true });
  });

  it("is not met when the signing path comes back after the CRL expires", () => {
    const facts = offlineKeysOnlyFacts(0.5);
    const d = crlDeadline(facts, scenarios(facts));
    expect(d.met).toBe(false);
    expect(d.message).toContain("exceeds");
    expect(d.message).toContain("region-loss RTO 24 h (86400 s)");
  });

  it("is unknown without a CRL validity", () => {
    const facts = offlineKeysOnlyFacts(undefined);
    const d = crlDeadline(facts, scenarios(facts));
    expect(d.met).toBeUndefined();
    expect(d.regionLossRtoSeconds).toBe(86400);
    expect(d.message).toContain("CRL validity unknown");
  });
});

describe("scenarios with nothing declared", () => {
  it("says so for every scenario", () => {
    const facts = devFacts();
    facts.databases = [];
    facts.fileSystems = [];
    facts.keyCopies = [];
    const list = scenarios(facts);
    expect(list.every((s) => s.rpoSeconds === undefined && s.savedBy.startsWith("nothing declared"))).toBe(true);
    expect(byId(list, "key-copy-loss").savedBy).toBe("nothing declared: the stack declares no key copy");
  });
});

describe("scenario figures name their source", () => {
  it("each stated RPO and RTO carries its basis: documented with the cloud's page, or this package's assumption", async () => {
    const { fromPlanDocument } = await import("../../src/audit/inputs/plan");
    const { audit } = await import("../../src/audit");
    for (const stack of ["aws-prod", "azure-prod"]) {
      const report = audit(fromPlanDocument((await plannedStack(stack)).document), { today: new Date("2026-11-28T00:00:00Z") });
      for (const sc of report.scenarios.filter((s) => s.rpoSeconds !== undefined)) {
        for (const b of [sc.rpoBasis, sc.rtoBasis]) {
          expect(b).toBeDefined();
          if (b!.documented && !b!.source.startsWith("the stack's own schedule")) expect(b!.url).toMatch(/^https:\/\//);
          if (!b!.documented) expect(b!.source).toMatch(/^assumption of this package/);
        }
      }
      // An Azure stack's zone-loss figures are Azure's, not AWS's.
      if (stack.startsWith("azure")) expect(report.scenarios.find((s) => s.id === "az-loss")!.rpoBasis!.source).toMatch(/^Azure:/);
    }
  });
});

describe("Azure SQL figures", () => {
  it("a destructive statement on Azure SQL is undone from its own log backups: Azure SQL's 10 minutes, not the flexible server's 5", async () => {
    const fs = await import("fs");
    const os = await import("os");
    const path = await import("path");
    const { dump, load } = await import("js-yaml");
    const { planStack } = await import("../../src/offline/plan");
    const { fromPlanDocument } = await import("../../src/audit/inputs/plan");
    const { audit } = await import("../../src/audit");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cenm-sql-"));
    try {
      const file = load(fs.readFileSync("stacks/Pulumi.azure-prod.yaml", "utf8")) as { config: Record<string, unknown> };
      const database = { ...(file.config["cenm-backup:database"] as object), engine: "sqlserver", engineVersion: "12.0", instanceClass: "GP_Gen5_2" };
      fs.writeFileSync(path.join(dir, "Pulumi.azure-sql.yaml"), dump({ config: { ...file.config, "cenm-backup:database": database } }));
      const report = audit(fromPlanDocument((await planStack("azure-sql", { stacksDir: dir })).document), { today: new Date("2026-11-28T00:00:00Z") });
      const statement = byId(report.scenarios as Scenario[], "destructive-statement");
      expect(statement.rpoSeconds).toBe(FIGURES.azureSqlPointInTimeRpo.seconds);
      expect(statement.rpoSeconds).toBe(600);
      expect((statement as { rpoBasis?: { source: string } }).rpoBasis?.source).toMatch(/^Azure: Azure SQL Database takes transaction-log backups/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("a preview is audited without false failures", () => {
  it.each(["aws-dev", "aws-staging", "aws-prod", "azure-dev", "azure-staging", "azure-prod"])("%s: no error control fails, the objectives the stack does not meet are waived; what only the deployment computes is 'unknown', with the reason", async (stack) => {
    const { audit } = await import("../../src/audit");
    const { fromPlanDocument } = await import("../../src/audit/inputs/plan");
    const report = audit(fromPlanDocument((await plannedStack(stack, { preview: true })).document), { today: new Date("2026-11-28T00:00:00Z") });
    expect(report.findings.filter((f) => f.outcome === "fail" && f.severity === "error").map((f) => f.id)).toEqual([]);
    // The preview judges the objectives as the plan does: the ones the stack misses are waived, not unknown.
    expect(report.findings.filter((f) => f.outcome === "waived" && /^CENM-RO-/.test(f.id)).map((f) => f.id)).toEqual(waivedObjectives(stack));
    const unknown = report.findings.filter((f) => f.outcome === "unknown");
    expect(unknown.length).toBeGreaterThan(0);
    for (const f of unknown) expect(f.message).toMatch(/^Not judged: .*computed at deployment/);
    // The same stack planned with its values known passes those controls outright.
    const planned = audit(fromPlanDocument((await plannedStack(stack)).document), { today: new Date("2026-11-28T00:00:00Z") });
    for (const f of unknown) expect(planned.findings.find((p) => p.id === f.id)!.outcome).toBe("pass");
  });
});

describe("region loss: which of R3's recommendations hold after the failover", () => {
  async function regionLoss(stack: string, change: (doc: import("../../src/offline/plan").PlanDocument) => void = () => undefined): Promise<Scenario> {
    const { fromPlanDocument } = await import("../../src/audit/inputs/plan");
    const { deriveFacts } = await import("../../src/audit/facts");
    const doc = JSON.parse(JSON.stringify((await plannedStack(stack)).document));
    change(doc);
    return scenarios(deriveFacts(fromPlanDocument(doc))).find((s) => s.id === "region-loss")!;
  }
  const holds = (s: Scenario) => Object.fromEntries((s.afterFailover ?? []).map((c) => [c.recommendation, c.holds]));

  it("aws-prod: the promoted replica keeps its synchronous standby (it is Multi-AZ); snapshots, file backups and two key copies survive", async () => {
    const s = await regionLoss("aws-prod");
    expect(holds(s)).toEqual({ "database-replication": true, "database-snapshots": true, "file-backups": true, "key-storage": true });
    expect(s.afterFailover![0].detail).toBe("A synchronous standby in another zone of the DR region after failover for database cenm-db-primary: cross-region read replica cenm-db-dr-replica (eu-central-1; Multi-AZ: promoted, it keeps a synchronous standby in a second zone).");
    // The copies that set the estimate, named.
    expect(s.rpoSetBy).toBe("file system cenm-files-fs: EFS replica of cenm-files-fs in eu-central-1");
    expect(s.rtoSetBy).toMatch(/^signing keys: key escrow replica cenm-keys-replica/);
  });

  it("aws-prod with its DR replica declared single-AZ: R3's first recommendation does not hold after the failover", async () => {
    const s = await regionLoss("aws-prod", (doc) => {
      for (const r of doc.resources) if (r.type === "aws:rds/instance:Instance" && r.inputs.replicateSourceDb !== undefined) r.inputs.multiAz = false;
    });
    expect(holds(s)).toEqual({ "database-replication": false, "database-snapshots": true, "file-backups": true, "key-storage": true });
    expect(s.afterFailover![0].detail).toBe("No synchronous copy after failover for database cenm-db-primary: cross-region read replica cenm-db-dr-replica (eu-central-1) takes over without a synchronous standby in another zone of eu-central-1.");
  });

  it("azure-prod: the promoted geo replica has no standby until the runbook's step turns zone-redundant HA on (Azure allows none on a replica), and no share backup leaves the region", async () => {
    const s = await regionLoss("azure-prod");
    expect(holds(s)).toEqual({ "database-replication": false, "database-snapshots": true, "file-backups": false, "key-storage": true });
    expect(s.afterFailover![0].detail).toBe(
      "No synchronous copy after failover for database cenm-db-server: read replica cenm-db-replica (northeurope) takes over without a synchronous standby in another zone of northeurope, until the DR runbook's step turns on zone-redundant high availability on the promoted server (Azure allows no high availability on a read replica).",
    );
    expect(s.afterFailover![2].detail).toContain("No backup of file system cenm-files-account survives outside the lost region");
  });

  it("azure-prod without its geo replica: a geo-restore makes a new server whose standby the stack does not declare", async () => {
    const s = await regionLoss("azure-prod", (doc) => {
      doc.resources = doc.resources.filter((r) => !(r.type === "azure-native:dbforpostgresql:Server" && r.inputs.createMode === "Replica"));
    });
    expect(holds(s)["database-replication"]).toBe(false);
    expect(s.afterFailover![0].detail).toContain("restores a new database, whose synchronous standby the stack does not declare");
  });

  it("a region loss nothing recovers from says nothing of after the failover; other scenarios never do", async () => {
    const dev = await regionLoss("aws-dev");
    expect(dev.rpoSeconds).toBeUndefined();
    expect(dev.afterFailover).toBeUndefined();
    expect(scenarios(prodFacts()).filter((s) => s.afterFailover !== undefined).map((s) => s.id)).toEqual(["region-loss"]);
  });
});
