/**
 * Each control against a compliant prod topology (baseFacts), one mutation that breaks it, and one that removes
 * what it judges; then evaluate(): waivers and controls that throw.
 */
import * as fs from "fs";
import * as path from "path";
import { assertUniqueIds, CONTROLS } from "../../src/audit/controls";
import { CONTROL_IDS } from "../../src/domain/controls";
import { evaluate } from "../../src/audit/evaluate";
import type { Control, ControlResult, Facts, Outcome } from "../../src/audit/types";
import type { ObjectiveKey } from "../../src/domain/objectives";
import { baseFacts, DB_URN, DR, DR_VAULT_URN, ESCROW_URN, FS_URN, OFFLINE_ID, PRIMARY, REPLICA_URN, rule, VAULT_URN } from "./fixtures/facts";

const byId = new Map(CONTROLS.map((c) => [c.id, c]));

function control(id: string): Control {
  const c = byId.get(id);
  if (c === undefined) throw new Error(`no control ${id}`);
  return c;
}

/** Runs control `id` on baseFacts() changed by `mutate`. */
function run(id: string, mutate: (f: Facts) => void = () => undefined): ControlResult {
  const f = baseFacts();
  mutate(f);
  return control(id).evaluate(f);
}

function resources(r: ControlResult): string[] {
  return r.evidence.map((e) => e.resource);
}

/** Asserts the outcome and, for pass and fail, that the evidence names `resource`. */
function expectVerdict(r: ControlResult, outcome: Outcome, resource?: string): void {
  expect({ outcome: r.outcome, message: r.message }).toEqual({ outcome, message: expect.any(String) });
  expect(r.message.length).toBeGreaterThan(10);
  if (outcome === "not-applicable") {
    expect(r.evidence).toEqual([]);
  } else {
    expect(resources(r)).toContain(resource);
  }
}

const noDatabases = (f: Facts): void => {
  f.databases = [];
};
const noRules = (f: Facts): void => {
  f.snapshots.rules = [];
};
const noFileSystems = (f: Facts): void => {
  f.fileSystems = [];
};
const noKeyCopies = (f: Facts): void => {
  f.keyCopies = [];
};

describe("CONTROLS", () => {
  it("lists every control file once, in a stable order, each named by its id", () => {
    const dir = path.join(__dirname, "../../src/audit/controls");
    const files = fs
      .readdirSync(dir)
      .filter((n) => /^CENM-[A-Z]{2}-\d{2}\.ts$/.test(n))
      .map((n) => n.replace(/\.ts$/, ""))
      .sort();
    expect(CONTROLS.map((c) => c.id).sort()).toEqual(files);
    for (const id of files) {
      const mod = require(path.join(dir, `${id}.ts`)) as { control: Control };
      expect(mod.control.id).toBe(id);
    }
    expect(CONTROLS.map((c) => c.id.slice(5, 7))).toEqual([
      ...Array(8).fill("DB"),
      ...Array(7).fill("SN"),
      ...Array(5).fill("FS"),
      ...Array(7).fill("KY"),
      ...Array(8).fill("GN"),
      ...Array(5).fill("RO"),
    ]);
  });

  it("refuses duplicated ids", () => {
    expect(() => assertUniqueIds([CONTROLS[0], CONTROLS[1], { ...CONTROLS[0] }])).toThrow("Duplicate audit control id CENM-DB-01");
    expect(assertUniqueIds(CONTROLS)).toHaveLength(CONTROLS.length);
  });

  it("uses only waiver ids the stack configuration knows", () => {
    const known = new Set([
      "db-sync-replica",
      "db-dr-copy",
      "db-public-endpoint",
      "db-engine-version",
      "db-pitr-window",
      "snapshots-compliance-lock",
      "files-dr-copy",
      "keys-two-copies",
      "keys-dr-copy",
      "deletion-protection",
    ]);
    const used = CONTROLS.flatMap((c) => c.waivedBy ?? []);
    expect(used.filter((w) => !known.has(w))).toEqual([]);
    expect(used.length).toBeGreaterThan(10);
  });

  it("on the compliant prod topology, every control passes except SN-04 (staging/dev only), FS-05, KY-06 and GN-05 (Azure only), GN-07 (the fixture declares no key) and GN-08 (nor any network)", () => {
    const findings = evaluate(baseFacts(), CONTROLS, new Date("2026-01-15T00:00:00Z"));
    expect(findings.filter((f) => f.outcome !== "pass").map((f) => `${f.id} ${f.outcome}`)).toEqual([
      "CENM-SN-04 not-applicable",
      "CENM-FS-05 not-applicable",
      "CENM-KY-06 not-applicable",
      "CENM-GN-05 not-applicable",
      "CENM-GN-07 not-applicable",
      "CENM-GN-08 not-applicable",
    ]);
  });
});

describe("database controls", () => {
  it("CENM-DB-01 passes with a database and fails without one", () => {
    expectVerdict(run("CENM-DB-01"), "pass", "cenm-db-cluster");
    const none = run("CENM-DB-01", noDatabases);
    expectVerdict(none, "fail", "aws-prod");
    expect(none.message).toBe("Stack aws-prod declares no database server, so no CENM database is replicated or snapshotted.");
    // Not applicable by design never: the absence of a database is exactly what this control reports, so the
    // fixture that makes the other database controls not applicable is a failure here.
    expect(none.outcome).not.toBe("not-applicable");
  });

  it("CENM-DB-02 synchronous copy in another zone", () => {
    expectVerdict(run("CENM-DB-02"), "pass", "cenm-db-cluster");
    const single = run("CENM-DB-02", (f) => {
      f.databases[0].topology = "single-az-instance";
      f.databases[0].copies = f.databases[0].copies.filter((c) => c.role === "primary");
    });
    expectVerdict(single, "fail", "cenm-db-cluster");
    expect(single.evidence[0].properties).toEqual({ topology: "single-az-instance", synchronousStandbys: [], availabilityZones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"] });
    const sameZone = run("CENM-DB-02", (f) => {
      f.databases[0].topology = "multi-az-instance";
      for (const c of f.databases[0].copies) c.availabilityZones = ["eu-west-1a"];
    });
    expectVerdict(sameZone, "fail", "cenm-db-cluster");
    expectVerdict(run("CENM-DB-02", noDatabases), "not-applicable");
  });

  it("CENM-DB-03 cross-region copy, with its RPO in the message", () => {
    const pass = run("CENM-DB-03");
    expectVerdict(pass, "pass", "cenm-db-cluster");
    // A snapshot copy's RPO: the rule's longest gap (the 1 h interval plus its 60-minute start window) plus the copy
    // time of the figures table (1 h).
    expect(pass.message).toBe("Every database has a cross-region copy (cenm-db-cluster in eu-central-1 via snapshot copies of rule hourly-every-1h (cenm-snapshots-plan), RPO 3 h).");
    expect(pass.evidence[0].properties.bestRpoSeconds).toBe(10800);

    // Copies the cloud cannot make (a platform limit) are no copy: a Multi-AZ DB cluster's snapshots never leave.
    const uncopyable = run("CENM-DB-03", (f) => {
      f.databases[0].backupCopyUnsupported = "aws-backup-no-copy-of-multi-az-cluster";
    });
    expectVerdict(uncopyable, "fail", "cenm-db-cluster");
    expect(uncopyable.evidence[0].properties.notCounted).toContain("aws-backup-no-copy-of-multi-az-cluster");

    const replica = run("CENM-DB-03", (f) => {
      f.snapshots.protectedUrns = [FS_URN];
      f.databases[0].copies.push({
        urn: "urn:pulumi:aws-prod::cenm-backup::cenm-backup:aws:ReplicatedDatabase$aws:rds/instance:Instance::cenm-db-dr-replica",
        name: "cenm-db-dr-replica",
        role: "cross-region-replica",
        region: DR,
        availabilityZones: [],
        mode: "asynchronous",
        rpoSeconds: 5,
        rpoSource: "replica lag alarm",
        rtoSeconds: 600,
        rtoSource: "promotion",
      });
    });
    expectVerdict(replica, "pass", "cenm-db-cluster");
    expect(replica.message).toContain("via cross-region-replica cenm-db-dr-replica, RPO 5 s");

    const none = run("CENM-DB-03", (f) => {
      f.snapshots.protectedUrns = [FS_URN];
    });
    expectVerdict(none, "fail", "cenm-db-cluster");
    expect(none.message).toBe("cenm-db-cluster has no copy outside its region, so a region loss loses the database.");
    const sameRegionCopies = run("CENM-DB-03", (f) => {
      for (const r of f.snapshots.rules) r.copies = [{ region: PRIMARY }];
    });
    expectVerdict(sameRegionCopies, "fail", "cenm-db-cluster");
    expectVerdict(run("CENM-DB-03", noDatabases), "not-applicable");
  });

  it("CENM-DB-04 deletion protection", () => {
    expectVerdict(run("CENM-DB-04"), "pass", "cenm-db-cluster");
    const off = run("CENM-DB-04", (f) => {
      f.databases[0].deletionProtection = false;
    });
    expectVerdict(off, "fail", "cenm-db-cluster");
    expect(off.evidence[0].properties).toEqual({ deletionProtection: false });
    expectVerdict(run("CENM-DB-04", noDatabases), "not-applicable");
  });

  it("CENM-DB-05 final snapshot", () => {
    expectVerdict(run("CENM-DB-05"), "pass", "cenm-db-cluster");
    expectVerdict(
      run("CENM-DB-05", (f) => {
        f.databases[0].finalSnapshot = false;
      }),
      "fail",
      "cenm-db-cluster",
    );
    expectVerdict(run("CENM-DB-05", noDatabases), "not-applicable");
  });

  it("CENM-DB-06 point-in-time window of at least 7 days, in any environment", () => {
    expectVerdict(
      run("CENM-DB-06", (f) => {
        f.environment = "dev";
        f.databases[0].backupRetentionDays = 7;
      }),
      "pass",
      "cenm-db-cluster",
    );
    const short = run("CENM-DB-06", (f) => {
      f.environment = "dev";
      f.databases[0].backupRetentionDays = 6;
    });
    expectVerdict(short, "fail", "cenm-db-cluster");
    expect(short.message).toBe("Point-in-time window below 7 days on cenm-db-cluster (6 days).");
    expectVerdict(run("CENM-DB-06", noDatabases), "not-applicable");
  });

  it("CENM-DB-07 35 days in prod, unknown environment judged as prod", () => {
    expectVerdict(run("CENM-DB-07"), "pass", "cenm-db-cluster");
    const short = (f: Facts): void => {
      f.databases[0].backupRetentionDays = 14;
    };
    expectVerdict(run("CENM-DB-07", short), "fail", "cenm-db-cluster");
    expectVerdict(
      run("CENM-DB-07", (f) => {
        short(f);
        f.environment = undefined;
      }),
      "fail",
      "cenm-db-cluster",
    );
    expectVerdict(
      run("CENM-DB-07", (f) => {
        short(f);
        f.environment = "staging";
      }),
      "not-applicable",
    );
    expectVerdict(run("CENM-DB-07", noDatabases), "not-applicable");
  });

  it("CENM-DB-08 no public database", () => {
    expectVerdict(run("CENM-DB-08"), "pass", "cenm-db-cluster");
    expectVerdict(
      run("CENM-DB-08", (f) => {
        f.databases[0].publiclyAccessible = true;
      }),
      "fail",
      "cenm-db-cluster",
    );
    const exposed = run("CENM-DB-08", (f) => {
      f.exposures = [{ urn: DB_URN, name: "cenm-db-cluster", type: "aws:rds/cluster:Cluster", reason: "security group open to 0.0.0.0/0" }];
    });
    expectVerdict(exposed, "fail", "cenm-db-cluster");
    expect(exposed.evidence[0].properties.exposure).toBe("security group open to 0.0.0.0/0");
    expectVerdict(run("CENM-DB-08", noDatabases), "not-applicable");
  });
});

describe("snapshot controls", () => {
  it("CENM-SN-01 daily schedule with a week of retention covering each database", () => {
    const pass = run("CENM-SN-01");
    expectVerdict(pass, "pass", "cenm-db-cluster");
    expect(resources(pass)).toContain("cenm-snapshots-plan");
    const weak = run("CENM-SN-01", (f) => {
      f.snapshots.rules = [rule("hourly-every-1h", 1, 2), rule("monthly", 720, 365)];
    });
    expectVerdict(weak, "fail", "cenm-snapshots-plan");
    expect(weak.message).toBe("No rule backing up cenm-db-cluster runs at least every 24 h and keeps its recovery points at least 30 days (environment prod); hourly-every-1h keeps 2 days.");
    // The floor follows the environment: 14 days of daily snapshots fail in prod (30) and pass in staging (7).
    const fortnight = (f: Facts): void => {
      f.snapshots.rules = [rule("daily", 24, 14)];
    };
    expectVerdict(run("CENM-SN-01", fortnight), "fail", "cenm-db-cluster");
    expectVerdict(run("CENM-SN-01", (f) => { fortnight(f); f.environment = "staging"; }), "pass", "cenm-db-cluster");
    expectVerdict(run("CENM-SN-01", (f) => { fortnight(f); f.environment = undefined; }), "fail", "cenm-db-cluster");
    // A rule tied to other resources (a file-share policy) is no evidence for the database, and is not cited.
    const tiedElsewhere = run("CENM-SN-01", (f) => {
      f.snapshots.rules = [{ ...rule("daily", 24, 35), protectedUrns: [FS_URN] }, rule("hourly-every-1h", 1, 2)];
    });
    expectVerdict(tiedElsewhere, "fail", "cenm-db-cluster");
    expect(tiedElsewhere.evidence.filter((e) => e.properties.rule === "daily")).toEqual([]);
    const unselected = run("CENM-SN-01", (f) => {
      f.snapshots.protectedUrns = [FS_URN];
    });
    expectVerdict(unselected, "fail", "cenm-db-cluster");
    expect(unselected.message).toBe("cenm-db-cluster is not selected by any backup plan.");
    expectVerdict(run("CENM-SN-01", noRules), "fail", "cenm-db-cluster");
    expectVerdict(run("CENM-SN-01", noDatabases), "not-applicable");
  });

  it("CENM-SN-02 snapshot copies in another region", () => {
    expectVerdict(run("CENM-SN-02"), "pass", "cenm-snapshots-plan");
    // Copies kept a day fail; copies kept as long as a shorter source (the hourly rule's 2 days) pass.
    const oneDay = run("CENM-SN-02", (f) => {
      for (const r of f.snapshots.rules) r.copies = r.copies.map((c) => ({ ...c, retentionDays: 1 }));
    });
    expectVerdict(oneDay, "fail", "cenm-snapshots-plan");
    expect(oneDay.message).toContain("not kept long enough: continuous-pitr (copies kept 1 days, 30 required)");
    expectVerdict(
      run("CENM-SN-02", (f) => {
        f.snapshots.rules = [{ ...rule("hourly-every-1h", 1, 2), copies: [{ vaultUrn: DR_VAULT_URN, region: DR, retentionDays: 2 }] }];
      }),
      "pass",
      "cenm-snapshots-plan",
    );
    // A copy without its own lifecycle keeps its source's retention.
    expectVerdict(
      run("CENM-SN-02", (f) => {
        for (const r of f.snapshots.rules) r.copies = r.copies.map((c) => ({ vaultUrn: c.vaultUrn, region: c.region }));
      }),
      "pass",
      "cenm-snapshots-plan",
    );
    const local = run("CENM-SN-02", (f) => {
      for (const r of f.snapshots.rules) r.copies = [];
    });
    expectVerdict(local, "fail", "cenm-snapshots-plan");
    // Only the monthly rule copies: a 30-day-old copy is not what the control asks for.
    expectVerdict(
      run("CENM-SN-02", (f) => {
        for (const r of f.snapshots.rules) if (r.rule !== "monthly") r.copies = [];
      }),
      "fail",
      "cenm-snapshots-plan",
    );
    // The copy's region comes from its destination vault when the copy itself does not say.
    expectVerdict(
      run("CENM-SN-02", (f) => {
        for (const r of f.snapshots.rules) r.copies = r.copies.map((c) => ({ vaultUrn: c.vaultUrn }));
      }),
      "pass",
      "cenm-snapshots-plan",
    );
    expectVerdict(run("CENM-SN-02", noRules), "not-applicable");
  });

  it("CENM-SN-03 compliance locks in prod", () => {
    expectVerdict(run("CENM-SN-03"), "pass", "cenm-snapshots-dr-vault");
    const governance = run("CENM-SN-03", (f) => {
      f.snapshots.vaults[1].lock = { mode: "governance", minRetentionDays: 2, maxRetentionDays: 35 };
    });
    expectVerdict(governance, "fail", "cenm-snapshots-dr-vault");
    expect(governance.message).toBe("Vault(s) without a compliance lock in prod: cenm-snapshots-dr-vault (governance).");
    expectVerdict(
      run("CENM-SN-03", (f) => {
        f.environment = "staging";
      }),
      "not-applicable",
    );
    expectVerdict(
      run("CENM-SN-03", (f) => {
        f.snapshots.vaults = [];
      }),
      "not-applicable",
    );
  });

  it("CENM-SN-04 at least a governance lock outside prod", () => {
    const staging = (f: Facts): void => {
      f.environment = "staging";
      for (const v of f.snapshots.vaults) v.lock = { mode: "governance", minRetentionDays: 2 };
    };
    expectVerdict(run("CENM-SN-04", staging), "pass", "cenm-snapshots-vault");
    const unlocked = run("CENM-SN-04", (f) => {
      staging(f);
      f.snapshots.vaults[0].lock = undefined;
    });
    expectVerdict(unlocked, "fail", "cenm-snapshots-vault");
    expect(unlocked.message).toBe("Vault(s) without any lock in staging: cenm-snapshots-vault.");
    expectVerdict(run("CENM-SN-04"), "not-applicable");
  });

  it("CENM-SN-05 restore testing for every database and file system", () => {
    expectVerdict(run("CENM-SN-05"), "pass", "cenm-snapshots-restore-testing");
    const partial = run("CENM-SN-05", (f) => {
      f.snapshots.restoreTesting[0].protectedUrns = [DB_URN];
    });
    expectVerdict(partial, "fail", "cenm-files-fs");
    expect(partial.message).toBe("No scheduled restore test covers cenm-files-fs.");
    expectVerdict(
      run("CENM-SN-05", (f) => {
        f.snapshots.restoreTesting = [];
      }),
      "fail",
      "cenm-db-cluster",
    );
    expectVerdict(run("CENM-SN-05", noRules), "not-applicable");
  });

  it("CENM-SN-07 a locked recovery point at most a day old", () => {
    expectVerdict(run("CENM-SN-07"), "pass", "cenm-db-cluster");
    // In prod only a compliance lock counts; elsewhere any lock does.
    const governance = (f: Facts): void => {
      for (const v of f.snapshots.vaults) v.lock = { mode: "governance" };
    };
    const prod = run("CENM-SN-07", governance);
    expectVerdict(prod, "fail", "cenm-db-cluster");
    expect(prod.message).toBe("The newest recovery point nobody can delete early may be more than 24 h old (environment prod): cenm-db-cluster (no rule writes to a locked vault) and cenm-files-fs (no rule writes to a locked vault).");
    expectVerdict(run("CENM-SN-07", (f) => { governance(f); f.environment = "staging"; }), "pass", "cenm-db-cluster");
    // Weekly locked points: the malicious-deletion RPO is a week.
    const weekly = run("CENM-SN-07", (f) => {
      f.snapshots.rules = [{ ...rule("weekly", 168, 35), vaultUrn: VAULT_URN }];
    });
    expectVerdict(weekly, "fail", "cenm-db-cluster");
    expect(weekly.message).toContain("cenm-db-cluster (one locked recovery point every 168 h)");
    expectVerdict(run("CENM-SN-07", noRules), "not-applicable");
  });

  it("CENM-SN-06 failed-backup notifications", () => {
    expectVerdict(run("CENM-SN-06"), "pass", "cenm-snapshots-vault");
    const nobody = (f: Facts): void => {
      f.snapshots.alertRoutes = [{ via: "backup-failures", destination: "alerts-topic", delivers: false, detail: "topic alerts-topic has no subscription: nobody receives its messages" }];
    };
    const silent = run("CENM-SN-06", nobody);
    expectVerdict(silent, "fail", "aws-prod");
    expect(silent.message).toBe("Failed backup and copy jobs are routed but reach nobody in environment prod: topic alerts-topic has no subscription: nobody receives its messages.");
    expectVerdict(run("CENM-SN-06", (f) => { nobody(f); f.environment = "dev"; }), "pass", "aws-prod");
    expectVerdict(
      run("CENM-SN-06", (f) => {
        f.snapshots.alertRoutes = [{ via: "backup-failures", delivers: "unknown", detail: "the topic arn:aws:sns:eu-west-1:1:x is not declared in this program, so its subscriptions cannot be seen" }];
      }),
      "unknown",
      "aws-prod",
    );
    expectVerdict(
      run("CENM-SN-06", (f) => {
        f.snapshots.failureNotifications = false;
      }),
      "fail",
      "cenm-snapshots-vault",
    );
    expectVerdict(run("CENM-SN-06", noRules), "not-applicable");
  });
});

describe("file controls", () => {
  it("CENM-FS-01 a file store is declared", () => {
    expectVerdict(run("CENM-FS-01"), "pass", "cenm-files-fs");
    const none = run("CENM-FS-01", noFileSystems);
    expectVerdict(none, "fail", "aws-prod");
    // Never not applicable: a CENM program without a file store leaves the service directories unprotected,
    // which is the failure this control exists to report.
    expect(none.outcome).not.toBe("not-applicable");
  });

  it("CENM-FS-02 multi-AZ file system", () => {
    expectVerdict(run("CENM-FS-02"), "pass", "cenm-files-fs");
    expectVerdict(
      run("CENM-FS-02", (f) => {
        f.fileSystems[0].oneZone = true;
      }),
      "fail",
      "cenm-files-fs",
    );
    const oneTarget = run("CENM-FS-02", (f) => {
      f.fileSystems[0].mountTargetZones = ["eu-west-1a", "eu-west-1a"];
    });
    expectVerdict(oneTarget, "fail", "cenm-files-fs");
    expect(oneTarget.message).toBe("Not multi-AZ: cenm-files-fs (mount targets in 1 zone(s)).");
    expectVerdict(run("CENM-FS-02", noFileSystems), "not-applicable");
  });

  it("CENM-FS-03 cross-region replication", () => {
    expectVerdict(run("CENM-FS-03"), "pass", "cenm-files-fs");
    expectVerdict(
      run("CENM-FS-03", (f) => {
        f.fileSystems[0].replicationRegions = [];
      }),
      "fail",
      "cenm-files-fs",
    );
    expectVerdict(
      run("CENM-FS-03", (f) => {
        f.fileSystems[0].replicationRegions = [PRIMARY];
      }),
      "fail",
      "cenm-files-fs",
    );
    expectVerdict(run("CENM-FS-03", noFileSystems), "not-applicable");
  });

  it("CENM-FS-04 file system in a backup plan", () => {
    expectVerdict(run("CENM-FS-04"), "pass", "cenm-files-fs");
    expectVerdict(
      run("CENM-FS-04", (f) => {
        f.fileSystems[0].inBackupPlan = false;
      }),
      "fail",
      "cenm-files-fs",
    );
    expectVerdict(run("CENM-FS-04", noFileSystems), "not-applicable");
    // The rules backing the file system must run daily and keep the environment's floor.
    const weekly = run("CENM-FS-04", (f) => {
      f.snapshots.rules = [rule("weekly", 168, 35), rule("hourly-every-1h", 1, 2)];
    });
    expectVerdict(weekly, "fail", "cenm-files-fs");
    expect(weekly.message).toBe("No rule backing up cenm-files-fs runs at least every 24 h and keeps 30 days (environment prod); found weekly: every 168 h, kept 35 days and hourly-every-1h: every 1 h, kept 2 days.");
    // Each part (a share per service) is judged on its own: one left out fails, naming it.
    const parts = (f: Facts, covered: string[]): void => {
      f.fileSystems[0].parts = [
        { urn: "urn:pulumi:azure-prod::cenm-backup::azure-native:storage:FileShare::cenm-files-share-signer", name: "cenm-files-share-signer" },
        { urn: "urn:pulumi:azure-prod::cenm-backup::azure-native:storage:FileShare::cenm-files-share-network-map", name: "cenm-files-share-network-map" },
      ];
      f.snapshots.protectedUrns.push(...covered.map((n) => `urn:pulumi:azure-prod::cenm-backup::azure-native:storage:FileShare::${n}`));
    };
    const signerLeftOut = run("CENM-FS-04", (f) => parts(f, ["cenm-files-share-network-map"]));
    expectVerdict(signerLeftOut, "fail", "cenm-files-fs");
    expect(signerLeftOut.message).toBe("cenm-files-share-signer is not backed up by any backup plan.");
    expectVerdict(run("CENM-FS-04", (f) => parts(f, ["cenm-files-share-network-map", "cenm-files-share-signer"])), "pass", "cenm-files-fs");
    // A rule tied to one share does not back up the other.
    const tied = run("CENM-FS-04", (f) => {
      parts(f, ["cenm-files-share-network-map", "cenm-files-share-signer"]);
      f.snapshots.rules = [{ ...rule("daily", 24, 35), protectedUrns: ["urn:pulumi:azure-prod::cenm-backup::azure-native:storage:FileShare::cenm-files-share-network-map"] }];
    });
    expectVerdict(tied, "fail", "cenm-files-fs");
    expect(tied.message).toContain("No rule backing up cenm-files-share-signer runs");
  });

  it("CENM-FS-05 deleted shares stay recoverable for the environment's floor", () => {
    expectVerdict(run("CENM-FS-05"), "not-applicable");
    const days = (n: number | "unknown", environment = "prod") => (f: Facts): void => {
      f.fileSystems[0].deletedSharesKeptDays = n;
      f.environment = environment;
    };
    expectVerdict(run("CENM-FS-05", days(14)), "pass", "cenm-files-fs");
    const off = run("CENM-FS-05", days(0));
    expectVerdict(off, "fail", "cenm-files-fs");
    expect(off.message).toBe("Deleted shares kept less than 14 days (environment prod): cenm-files-fs (soft delete off or not declared).");
    expectVerdict(run("CENM-FS-05", days(7)), "fail", "cenm-files-fs");
    expectVerdict(run("CENM-FS-05", days(7, "staging")), "pass", "cenm-files-fs");
    expectVerdict(run("CENM-FS-05", days(1, "dev")), "fail", "cenm-files-fs");
    expectVerdict(run("CENM-FS-05", days("unknown")), "unknown", "cenm-files-fs");
  });
});

describe("key controls", () => {
  it("CENM-KY-01 at least two separate copies", () => {
    const pass = run("CENM-KY-01");
    expectVerdict(pass, "pass", "cenm-keys-escrow");
    expect(pass.message).toBe("3 separate key copies: cenm-keys-escrow (cloud-escrow), cenm-keys-replica (cloud-escrow-dr-replica) and hsm-backup-token-lon-01 (offline).");
    const one = run("CENM-KY-01", (f) => {
      f.keyCopies = f.keyCopies.filter((k) => k.id === ESCROW_URN);
    });
    expectVerdict(one, "fail", "cenm-keys-escrow");
    expect(one.message).toBe("1 separate key copy declared (cenm-keys-escrow (cloud-escrow)), fewer than the 2 R3 asks for.");
    // Never not applicable: no key copy at all is the worst case of this control, a failure naming the stack.
    expectVerdict(run("CENM-KY-01", noKeyCopies), "fail", "aws-prod");
  });

  it("CENM-KY-02 no copy reachable from the Internet", () => {
    expectVerdict(run("CENM-KY-02"), "pass", "hsm-backup-token-lon-01");
    const open = run("CENM-KY-02", (f) => {
      f.keyCopies[1].internetReachable = true;
    });
    expectVerdict(open, "fail", "cenm-keys-replica");
    expect(open.message).toBe("Key copy reachable from the Internet: cenm-keys-replica.");
    expectVerdict(run("CENM-KY-02", noKeyCopies), "not-applicable");
  });

  it("CENM-KY-03 copies in two locations, offline copies counting apart", () => {
    expectVerdict(run("CENM-KY-03"), "pass", "cenm-keys-replica");
    const oneRegion = run("CENM-KY-03", (f) => {
      f.keyCopies = [f.keyCopies[0], { ...f.keyCopies[1], id: "urn:pulumi:aws-prod::cenm-backup::cenm-backup:aws:OfflineKeyVault$aws:cloudhsmv2/cluster:Cluster::cenm-keys-hsm", kind: "cloud-hsm", region: PRIMARY }];
    });
    expectVerdict(oneRegion, "fail", "cenm-keys-hsm");
    expect(oneRegion.message).toBe("Every key copy is in one location (eu-west-1): losing it loses all of them.");
    const withOffline = run("CENM-KY-03", (f) => {
      f.keyCopies = f.keyCopies.filter((k) => k.id === ESCROW_URN || k.id === OFFLINE_ID);
    });
    expectVerdict(withOffline, "pass", "hsm-backup-token-lon-01");
    expect(withOffline.message).toBe("Key copies are spread over 2 locations: eu-west-1 and offline:London.");
    expectVerdict(run("CENM-KY-03", noKeyCopies), "not-applicable");
  });

  it("CENM-KY-06 key stores protected against purge", () => {
    const vault = { urn: "urn:pulumi:azure-prod::cenm-backup::cenm-backup:azure:OfflineKeyVault$azure-native:keyvault:Vault::cenm-keys-vault", name: "cenm-keys-vault", type: "azure-native:keyvault:Vault", protect: true, retainOnDelete: true };
    const on = run("CENM-KY-06", (f) => {
      f.protection = [...f.protection, { ...vault, purgeProtection: true }];
    });
    expectVerdict(on, "pass", "cenm-keys-vault");
    const off = run("CENM-KY-06", (f) => {
      f.protection = [...f.protection, { ...vault, purgeProtection: false }];
    });
    expectVerdict(off, "fail", "cenm-keys-vault");
    expect(off.message).toBe("Purge protection is off on cenm-keys-vault: a deleted key could be destroyed for good.");
    expectVerdict(run("CENM-KY-06"), "not-applicable");
  });

  it("CENM-KY-07 access to the escrow recorded in a locked log", () => {
    expectVerdict(run("CENM-KY-07"), "pass", "cenm-keys-escrow");
    const unlocked = run("CENM-KY-07", (f) => {
      f.keyCopies[0].accessLog = [{ by: "S3 access logging into logs", lockedDestination: false }];
    });
    expectVerdict(unlocked, "fail", "cenm-keys-escrow");
    expect(unlocked.message).toBe("Reads and writes of cenm-keys-escrow are not recorded in a locked log (a record exists, but its destination has no Object Lock).");
    const none = run("CENM-KY-07", (f) => {
      delete f.keyCopies[1].accessLog;
    });
    expectVerdict(none, "fail", "cenm-keys-replica");
    expect(none.message).toBe("Reads and writes of cenm-keys-replica are not recorded in a locked log.");
    expectVerdict(run("CENM-KY-07", noKeyCopies), "not-applicable");
  });

  it("CENM-KY-07 wants a locked record of each escrow copy made and kept in the copy's own region", () => {
    const primaryTrail = { by: "CloudTrail cenm-keys-access-log-trail (data events) into cenm-keys-access-log-bucket", lockedDestination: true, region: "eu-west-1" };
    const drTrail = { by: "CloudTrail cenm-keys-dr-access-log-trail (data events) into cenm-keys-dr-access-log-bucket", lockedDestination: true, region: "eu-central-1", inCopyRegion: true };
    const regional = run("CENM-KY-07", (f) => {
      f.keyCopies[0].accessLog = [{ ...primaryTrail, inCopyRegion: true }];
      f.keyCopies[1].accessLog = [{ ...primaryTrail, inCopyRegion: false }, drTrail];
    });
    expectVerdict(regional, "pass", "cenm-keys-replica");
    expect(regional.message).toContain("in a locked log of the copy's own region");
    // One multi-region trail into the primary region's bucket: reads of the replica during a primary region loss go unrecorded.
    const onePlace = run("CENM-KY-07", (f) => {
      f.keyCopies[0].accessLog = [{ ...primaryTrail, inCopyRegion: true }];
      f.keyCopies[1].accessLog = [{ ...primaryTrail, inCopyRegion: false }];
    });
    expectVerdict(onePlace, "fail", "cenm-keys-replica");
    expect(onePlace.message).toBe(
      "No locked record of cenm-keys-replica in eu-central-1 (recorded in eu-west-1) is made and kept in the copy's own region: while the region holding its record is lost, reads of the copy would go unrecorded.",
    );
  });

  it("CENM-KY-05 escrow replicated to another region", () => {
    const ok = run("CENM-KY-05");
    expectVerdict(ok, "pass", "cenm-keys-replica");
    expect(ok.message).toBe("The escrow is replicated to cenm-keys-replica in eu-central-1.");
    const noReplica = run("CENM-KY-05", (f) => {
      f.keyCopies = f.keyCopies.filter((k) => k.kind !== "cloud-escrow-dr-replica");
    });
    expectVerdict(noReplica, "fail", "cenm-keys-escrow");
    expect(noReplica.message).toBe("The escrow cenm-keys-escrow has no replica in another region.");
    const sameRegion = run("CENM-KY-05", (f) => {
      f.keyCopies = f.keyCopies.map((k) => (k.kind === "cloud-escrow-dr-replica" ? { ...k, region: PRIMARY } : k));
    });
    expectVerdict(sameRegion, "fail", "cenm-keys-replica");
    expect(sameRegion.message).toContain("its replicas share its region");
    expectVerdict(run("CENM-KY-05", (f) => {
      f.keyCopies = f.keyCopies.filter((k) => k.kind === "offline");
    }), "not-applicable");
  });

  it("CENM-KY-04 immutable escrow, governance refused in prod only", () => {
    expectVerdict(run("CENM-KY-04"), "pass", "cenm-keys-escrow");
    const governance = (f: Facts): void => {
      for (const k of f.keyCopies) if (k.kind !== "offline") k.lockMode = "GOVERNANCE";
    };
    expectVerdict(run("CENM-KY-04", governance), "fail", "cenm-keys-replica");
    const staging = run("CENM-KY-04", (f) => {
      governance(f);
      f.environment = "staging";
    });
    expectVerdict(staging, "pass", "cenm-keys-escrow");
    expect(staging.message).toBe("Key escrow is locked for at least 30 days; cenm-keys-escrow and cenm-keys-replica use GOVERNANCE mode, accepted in staging but not in prod.");
    // The lock must last the environment's floor: a one-day COMPLIANCE lock fails, as does one with no default retention.
    const oneDay = run("CENM-KY-04", (f) => {
      f.keyCopies[1].lockDays = 1;
    });
    expectVerdict(oneDay, "fail", "cenm-keys-replica");
    expect(oneDay.message).toBe("Key escrow locked for less than 365 days (environment prod): cenm-keys-replica (1 days).");
    expectVerdict(run("CENM-KY-04", (f) => { f.keyCopies[0].lockDays = undefined; }), "fail", "cenm-keys-escrow");
    expectVerdict(run("CENM-KY-04", (f) => { f.keyCopies[0].lockDays = 30; f.environment = "staging"; }), "pass", "cenm-keys-escrow");
    expectVerdict(run("CENM-KY-04", (f) => { f.keyCopies[0].lockDays = 29; f.environment = "staging"; }), "fail", "cenm-keys-escrow");
    expectVerdict(run("CENM-KY-04", (f) => { f.keyCopies[0].lockDays = "unknown"; }), "unknown", "cenm-keys-escrow");
    expectVerdict(
      run("CENM-KY-04", (f) => {
        f.environment = "dev";
        f.keyCopies[0].lockMode = undefined;
      }),
      "fail",
      "cenm-keys-escrow",
    );
    expectVerdict(
      run("CENM-KY-04", (f) => {
        f.keyCopies = f.keyCopies.filter((k) => k.kind === "offline");
      }),
      "not-applicable",
    );
  });
});

describe("general controls", () => {
  it("CENM-GN-06 declared resources respect the documented platform limits", () => {
    expectVerdict(run("CENM-GN-06"), "pass", "aws-prod");
    const broken = run("CENM-GN-06", (f) => {
      f.platformLimitViolations = [
        { limit: "aws-backup-no-copy-of-multi-az-cluster", urn: "urn:x", resource: "cenm-snapshots-plan", type: "aws:backup/plan:Plan", property: "rules[0].copyActions[0]", message: "copies a cluster" },
      ];
    });
    expectVerdict(broken, "fail", "cenm-snapshots-plan");
    expect(broken.message).toBe("1 declaration breaks aws-backup-no-copy-of-multi-az-cluster.");
    expect(broken.evidence[0].properties).toMatchObject({ property: "rules[0].copyActions[0]", source: "https://docs.aws.amazon.com/aws-backup/latest/devguide/recov-point-create-a-copy.html", basis: "documented" });
  });

  it("CENM-GN-01 customer-managed keys", () => {
    expectVerdict(run("CENM-GN-01"), "pass", "cenm-snapshots-vault");
    const aws = run("CENM-GN-01", (f) => {
      f.encryption[2] = { ...f.encryption[2], customerManagedKey: false, detail: "AWS-managed key" };
    });
    expectVerdict(aws, "fail", "cenm-snapshots-vault");
    expect(aws.message).toBe("Not encrypted with a customer-managed key: cenm-snapshots-vault (AWS-managed key).");
    expectVerdict(
      run("CENM-GN-01", (f) => {
        f.encryption = [];
      }),
      "not-applicable",
    );
  });

  it("CENM-GN-02 no public endpoint on file stores, vaults or key stores", () => {
    expectVerdict(run("CENM-GN-02"), "pass", "cenm-files-fs");
    const exposedFs = run("CENM-GN-02", (f) => {
      f.exposures = [{ urn: FS_URN, name: "cenm-files-fs", type: "aws:efs/fileSystem:FileSystem", reason: "file system policy allows any principal" }];
    });
    expectVerdict(exposedFs, "fail", "cenm-files-fs");
    // A database exposure is CENM-DB-08's finding, not this one's.
    expectVerdict(
      run("CENM-GN-02", (f) => {
        f.exposures = [{ urn: DB_URN, name: "cenm-db-cluster", type: "aws:rds/cluster:Cluster", reason: "publicly accessible" }];
      }),
      "pass",
      "cenm-snapshots-vault",
    );
    expectVerdict(
      run("CENM-GN-02", (f) => {
        noFileSystems(f);
        f.snapshots.vaults = [];
        f.keyCopies = f.keyCopies.filter((k) => k.kind === "offline");
      }),
      "not-applicable",
    );
  });

  it("CENM-GN-03 no plain-text secret", () => {
    const pass = run("CENM-GN-03");
    expectVerdict(pass, "pass", "aws-prod");
    const leak = run("CENM-GN-03", (f) => {
      f.plainSecrets = [{ urn: DB_URN, name: "cenm-db-cluster", type: "aws:rds/cluster:Cluster", property: "masterPassword" }];
    });
    expectVerdict(leak, "fail", "cenm-db-cluster");
    expect(leak.message).toBe("Secret(s) in plain text: cenm-db-cluster.masterPassword.");
    // Never not applicable: any program can leak a secret, so even an empty program passes with the stack as
    // evidence rather than answering not-applicable.
    const empty = run("CENM-GN-03", (f) => {
      noDatabases(f);
      noFileSystems(f);
      noKeyCopies(f);
      f.encryption = [];
      f.protection = [];
    });
    expectVerdict(empty, "pass", "aws-prod");
  });

  it("CENM-GN-05 services closed to the Internet keep a private path", () => {
    const vault = { urn: "urn:pulumi:azure-prod::cenm-backup::cenm-backup:azure:OfflineKeyVault$azure-native:keyvault:Vault::cenm-keys-vault", name: "cenm-keys-vault", type: "azure-native:keyvault:Vault" };
    const reachable = run("CENM-GN-05", (f) => {
      f.privateAccess = [{ ...vault, privatePath: "private endpoint cenm-keys-vault-endpoint" }];
    });
    expectVerdict(reachable, "pass", "cenm-keys-vault");
    expect(reachable.message).toBe("All 1 services closed to the Internet keep a private path.");
    const unreachable = run("CENM-GN-05", (f) => {
      f.privateAccess = [vault];
    });
    expectVerdict(unreachable, "fail", "cenm-keys-vault");
    expect(unreachable.message).toBe("Closed to the Internet with no private path, so unusable in a recovery: cenm-keys-vault.");
    expectVerdict(run("CENM-GN-05"), "not-applicable");
  });

  it("CENM-GN-04 stateful resources guarded outside dev", () => {
    expectVerdict(run("CENM-GN-04"), "pass", "cenm-keys-escrow");
    const bare = (f: Facts): void => {
      f.protection[2] = { ...f.protection[2], protect: false, retainOnDelete: false };
    };
    const fail = run("CENM-GN-04", bare);
    expectVerdict(fail, "fail", "cenm-keys-escrow");
    expect(fail.message).toBe("Unguarded against deletion in prod: cenm-keys-escrow.");
    // The provider's own deletion protection is enough on its own.
    expectVerdict(
      run("CENM-GN-04", (f) => {
        f.protection[0] = { ...f.protection[0], protect: false, retainOnDelete: false, providerDeletionProtection: true };
      }),
      "pass",
      "cenm-db-cluster",
    );
    expectVerdict(
      run("CENM-GN-04", (f) => {
        bare(f);
        f.environment = "dev";
      }),
      "not-applicable",
    );
  });
});

describe("recovery objective controls (CENM-RO)", () => {
  const CASES: [string, ObjectiveKey][] = [
    ["CENM-RO-01", "az-loss"],
    ["CENM-RO-02", "region-loss"],
    ["CENM-RO-03", "destructive-statement"],
    ["CENM-RO-04", "malicious-deletion"],
    ["CENM-RO-05", "key-copy-loss"],
  ];

  it.each(CASES)("%s (%s) is an error of its own, judging one disruption", (id) => {
    expect(control(id)).toMatchObject({ severity: "error", recommendation: "general" });
    expect(control(id).rationale).toMatch(/floor/);
  });

  it.each(CASES)("%s passes when the estimate is within the stack's %s target, naming the copies and the floor", (id, key) => {
    const r = run(id);
    expectVerdict(r, "pass", "aws-prod");
    expect(r.message).toMatch(new RegExp(`^The ${key} objective is met \\(target RPO .+, estimate RPO .+, floor RPO .+\\); the RPO is set by .+, the RTO by .+\\.$`));
    expect(r.evidence[0].properties).toMatchObject({ objective: key, targetSource: "stack" });
  });

  it.each(CASES)("%s fails when the %s target is tighter than the estimate, naming the copy that sets it", (id, key) => {
    const r = run(id, (f) => {
      f.objectives = { ...f.objectives, [key]: { rpoSeconds: 0, rtoSeconds: 0 } };
    });
    expectVerdict(r, "fail", "aws-prod");
    expect(r.message).toMatch(new RegExp(`^The ${key} objective is not met \\(target RPO 0 s / RTO 0 s, estimate .+, floor RPO .+\\): R[PT]O .+ above the target 0 s, set by .+`));
  });

  it.each(CASES)("%s is not applicable without a %s target, or with nothing it touches declared; unknown when the target is computed at deployment", (id, key) => {
    expectVerdict(run(id, (f) => { delete f.objectives![key]; }), "not-applicable");
    expect(run(id, (f) => { delete f.objectives![key]; }).message).toBe(`No ${key} objective: the stack records none for it.`);
    expectVerdict(run(id, (f) => { delete f.objectives; f.environment = "dev"; }), "not-applicable");
    expectVerdict(run(id, (f) => { noDatabases(f); noFileSystems(f); noKeyCopies(f); }), "not-applicable");
    const unknown = run(id, (f) => { f.objectives = { ...f.objectives, [key]: "unknown" }; });
    expect(unknown.outcome).toBe("unknown");
    expect(unknown.message).toMatch(/^Not judged: .*computed at deployment/);
  });

  it("CENM-RO-02 names the figures: the estimate's copies and the floor of the cloud", () => {
    const r = run("CENM-RO-02", (f) => {
      f.objectives = { ...f.objectives, "region-loss": { rpoSeconds: 900, rtoSeconds: 3600 } };
    });
    expect(r.outcome).toBe("fail");
    expect(r.message).toContain("target RPO 15 min / RTO 1 h, estimate RPO 3 h / RTO 4 h, floor RPO 15 min / RTO 15 min");
    expect(r.message).toContain("RPO 3 h above the target 15 min, set by database cenm-db-cluster: copies of cenm-db-cluster, rule hourly-every-1h");
    expect(r.message).toContain("RTO 4 h above the target 1 h, set by signing keys: key escrow replica cenm-keys-replica (eu-central-1, Object Lock COMPLIANCE)");
    expect(resources(r)).toEqual(["aws-prod", "cenm-db-cluster", "cenm-files-fs", "cenm-keys-replica"]);
  });

  it("CENM-RO-02 fails when nothing survives the region's loss", () => {
    const r = run("CENM-RO-02", (f) => {
      f.snapshots.rules = f.snapshots.rules.map((x) => ({ ...x, copies: [] }));
    });
    expect(r.outcome).toBe("fail");
    expect(r.message).toMatch(/nothing the stack declares recovers from it \(nothing declared for database cenm-db-cluster/);
  });

  it("a stack that records no objectives is held to its environment's defaults on its cloud; an unknown environment to prod's", () => {
    const prod = run("CENM-RO-02", (f) => { delete f.objectives; });
    expect(prod.outcome).toBe("fail");
    expect(prod.message).toContain("target RPO 15 min / RTO 1 h");
    expect(prod.evidence[0].properties.targetSource).toBe("default");
    const unknownEnv = run("CENM-RO-02", (f) => { delete f.objectives; delete f.environment; });
    expect(unknownEnv.message).toContain("target RPO 15 min / RTO 1 h");
    const staging = run("CENM-RO-02", (f) => { delete f.objectives; f.environment = "staging"; });
    expect(staging.message).toContain("target RPO 1 h / RTO 24 h");
    // Staging sets no malicious-deletion objective (its locks are governance locks); dev none at all.
    expect(run("CENM-RO-04", (f) => { delete f.objectives; f.environment = "staging"; }).message).toBe("No malicious-deletion objective: environment staging sets none.");
    // On Azure, prod's malicious-deletion default is the floor: a daily locked backup gives 24 h.
    const azure = run("CENM-RO-04", (f) => { delete f.objectives; f.cloud = "azure"; });
    expect(azure.message).toContain("target RPO 24 h / RTO 4 h");
    // On AWS too: hourly locked recovery points, each job starting within its 60-minute start window, give 2 h, which
    // the compliant topology meets.
    const aws = run("CENM-RO-04", (f) => { delete f.objectives; });
    expect(aws.message).toContain("target RPO 2 h / RTO 4 h, estimate RPO 2 h / RTO 4 h, floor RPO 2 h / RTO 4 h");
    expect(aws.outcome).toBe("pass");
  });
});

describe("evaluate", () => {
  const TODAY = new Date("2026-03-10T12:00:00Z");
  const REASON = "Dev data is synthetic and rebuilt nightly from fixtures";
  const unprotected = (): Facts => {
    const f = baseFacts();
    f.databases[0].deletionProtection = false;
    return f;
  };
  const finding = (f: Facts, id: string) => {
    const found = evaluate(f, CONTROLS, TODAY).find((x) => x.id === id);
    if (found === undefined) throw new Error(`no finding ${id}`);
    return found;
  };

  it("reports an unwaived failure with the control's metadata", () => {
    const f = finding(unprotected(), "CENM-DB-04");
    expect({ outcome: f.outcome, severity: f.severity, recommendation: f.recommendation, waiver: f.waiver }).toEqual({
      outcome: "fail",
      severity: "error",
      recommendation: "database-snapshots",
      waiver: undefined,
    });
    expect(f.title).toBe("Deletion protection on every database");
  });

  it("accepts a waiver named by the control id", () => {
    const facts = unprotected();
    facts.waivers = [{ id: "CENM-DB-04", reason: REASON }];
    const f = finding(facts, "CENM-DB-04");
    expect(f.outcome).toBe("fail");
    expect(f.waiver).toEqual({ id: "CENM-DB-04", reason: REASON });
  });

  it("accepts a waiver named by one of the control's waivedBy ids, and only for that control", () => {
    const facts = unprotected();
    facts.databases[0].backupRetentionDays = 5;
    facts.waivers = [{ id: "deletion-protection", reason: REASON, approvedBy: "cto", expires: "2026-12-31" }];
    const findings = evaluate(facts, CONTROLS, TODAY);
    const db04 = findings.find((x) => x.id === "CENM-DB-04");
    const db06 = findings.find((x) => x.id === "CENM-DB-06");
    expect(db04?.waiver?.id).toBe("deletion-protection");
    expect(db06?.outcome).toBe("fail");
    expect(db06?.waiver).toBeUndefined();
  });

  it("never attaches a waiver to a passing finding", () => {
    const facts = baseFacts();
    facts.waivers = [{ id: "deletion-protection", reason: REASON }];
    const f = finding(facts, "CENM-DB-04");
    expect(f.outcome).toBe("pass");
    expect(f.waiver).toBeUndefined();
  });

  it("refuses a waiver whose reason is shorter than 20 characters", () => {
    const facts = unprotected();
    facts.waivers = [{ id: "deletion-protection", reason: "   it is only dev    " }];
    expect(finding(facts, "CENM-DB-04").waiver).toBeUndefined();
    facts.waivers = [{ id: "deletion-protection", reason: "twenty characters ok" }];
    expect(finding(facts, "CENM-DB-04").waiver?.reason).toBe("twenty characters ok");
  });

  it("refuses an expired waiver and accepts one expiring today", () => {
    const facts = unprotected();
    facts.waivers = [{ id: "CENM-DB-04", reason: REASON, expires: "2026-03-09" }];
    expect(finding(facts, "CENM-DB-04").waiver).toBeUndefined();
    facts.waivers = [{ id: "CENM-DB-04", reason: REASON, expires: "2026-03-10" }];
    expect(finding(facts, "CENM-DB-04").waiver?.expires).toBe("2026-03-10");
  });

  it("falls back to a later valid waiver when an earlier one is expired", () => {
    const facts = unprotected();
    facts.waivers = [
      { id: "CENM-DB-04", reason: REASON, expires: "2025-01-01" },
      { id: "deletion-protection", reason: REASON },
    ];
    expect(finding(facts, "CENM-DB-04").waiver?.id).toBe("deletion-protection");
  });

  it("reports a control that throws as a failure and still runs the others", () => {
    const broken: Control = {
      id: "CENM-XX-99",
      title: "Broken",
      recommendation: "general",
      severity: "warning",
      rationale: "Throws on purpose.",
      evaluate() {
        throw new Error("facts.databases[0].copies is undefined");
      },
    };
    const findings = evaluate(baseFacts(), [broken, control("CENM-DB-04")], TODAY);
    expect(findings.map((f) => [f.id, f.outcome])).toEqual([
      ["CENM-XX-99", "fail"],
      ["CENM-DB-04", "pass"],
    ]);
    expect(findings[0].message).toBe("The control could not be evaluated: facts.databases[0].copies is undefined");
    expect(findings[0].evidence).toEqual([]);
    expect(findings[0].severity).toBe("warning");
  });

  it("a thrown failure can be waived like any other", () => {
    const broken: Control = {
      id: "CENM-XX-98",
      title: "Broken",
      recommendation: "general",
      severity: "error",
      rationale: "Throws on purpose.",
      waivedBy: ["keys-dr-copy"],
      evaluate() {
        throw "plain string";
      },
    };
    const facts = baseFacts();
    facts.waivers = [{ id: "keys-dr-copy", reason: REASON }];
    const [f] = evaluate(facts, [broken], TODAY);
    expect(f.message).toBe("The control could not be evaluated: plain string");
    expect(f.waiver?.id).toBe("keys-dr-copy");
  });

  it("judges the DR region of the fixtures (sanity of the shared builder)", () => {
    const f = baseFacts();
    expect([f.primaryRegion, f.drRegion, f.snapshots.vaults.map((v) => v.urn)]).toEqual([PRIMARY, DR, [VAULT_URN, expect.stringContaining("cenm-snapshots-dr-vault")]]);
    expect(f.keyCopies.map((k) => k.id)).toEqual([ESCROW_URN, REPLICA_URN, OFFLINE_ID]);
  });
});

describe("the control ids config validation knows", () => {
  it("are exactly the controls the audit registers", () => {
    expect([...CONTROL_IDS].sort()).toEqual(CONTROLS.map((c) => c.id).sort());
  });
});

describe("messages stay sentences however large the program", () => {
  it("lists at most ten names, then says how many more", async () => {
    const { listNames, MAX_LISTED_NAMES } = await import("../../src/audit/controls/common");
    const names = Array.from({ length: 5000 }, (_, i) => `bucket-${i}`);
    const text = listNames(names);
    expect(text).toContain(`and ${5000 - MAX_LISTED_NAMES} more`);
    expect(text.length).toBeLessThan(300);
    expect(listNames(["a", "b", "c"])).toBe("a, b and c");
  });
});

describe("CENM-GN-07: keys guarded against crypto-shredding", () => {
  const withKeys = (environment: string, ...keys: Record<string, unknown>[]) => {
    const f = baseFacts();
    return { ...f, environment, protection: keys.map((k, i) => ({ urn: `urn:k${i}`, name: `key-${i}`, type: "aws:kms/key:Key", protect: true, retainOnDelete: true, ...k })) } as Facts;
  };
  const gn07 = () => CONTROLS.find((c) => c.id === "CENM-GN-07")!;

  it("passes a 30-day window with a policy that denies scheduling deletion and rewriting itself", () => {
    expect(gn07().evaluate(withKeys("prod", { deletionWindowDays: 30, deletionDenied: true, policyChangeDenied: true })).outcome).toBe("pass");
  });
  it("fails a deletion deny that the policy lets anyone rewrite, outside dev only", () => {
    const weak = { deletionWindowDays: 30, deletionDenied: true, policyChangeDenied: false };
    const staging = gn07().evaluate(withKeys("staging", weak));
    expect(staging.outcome).toBe("fail");
    expect(staging.message).toContain("kms:PutKeyPolicy");
    expect(gn07().evaluate(withKeys("dev", weak)).outcome).toBe("pass");
    expect(gn07().evaluate(withKeys("prod", { ...weak, policyChangeDenied: "unknown" })).outcome).toBe("unknown");
  });
  it("fails a 7-day window, in every environment", () => {
    expect(gn07().evaluate(withKeys("dev", { deletionWindowDays: 7, deletionDenied: false })).outcome).toBe("fail");
  });
  it("fails a policy letting anyone schedule deletion outside dev, and not in dev", () => {
    expect(gn07().evaluate(withKeys("staging", { deletionWindowDays: 30, deletionDenied: false })).message).toContain("lets anyone allowed by IAM schedule the deletion");
    expect(gn07().evaluate(withKeys("dev", { deletionWindowDays: 30, deletionDenied: false })).outcome).toBe("pass");
  });
  it("fails an Azure Key Vault keeping deleted keys 7 days", () => {
    expect(gn07().evaluate(withKeys("prod", { type: "azure-native:keyvault:Vault", purgeProtection: true, softDeleteDays: 7 })).outcome).toBe("fail");
  });
  it("answers unknown for a policy a preview does not know, and not-applicable without keys", () => {
    expect(gn07().evaluate(withKeys("prod", { deletionWindowDays: 30, deletionDenied: "unknown" })).outcome).toBe("unknown");
    expect(gn07().evaluate(withKeys("prod")).outcome).toBe("not-applicable");
  });
  it("answers unknown for a Key Vault whose soft-delete retention a preview does not know, instead of assuming Azure's 90 days", async () => {
    const { readProtection } = await import("../../src/audit/facts/azure/protection");
    const { ResourceGraph } = await import("../../src/domain/resources/graph");
    const vault = (retention: unknown) => ({
      urn: "urn:pulumi:s::p::azure-native:keyvault:Vault::kv",
      type: "azure-native:keyvault:Vault",
      name: "kv",
      custom: true,
      inputs: { properties: { enablePurgeProtection: true, ...(retention === undefined ? {} : { softDeleteRetentionInDays: retention }) } },
      outputs: {},
      propertyDependencies: {},
      protect: true,
      retainOnDelete: true,
    });
    const facts = (retention: unknown) => readProtection(new ResourceGraph([vault(retention)]), { guards: () => true } as never);
    expect(facts("[unknown]")[0].softDeleteDays).toBe("unknown");
    expect(facts(undefined)[0].softDeleteDays).toBe(90);
    expect(facts(7)[0].softDeleteDays).toBe(7);
    const judged = gn07().evaluate(withKeys("prod", { type: "azure-native:keyvault:Vault", purgeProtection: true, softDeleteDays: "unknown" }));
    expect(judged.outcome).toBe("unknown");
    expect(judged.message).toContain("soft-delete retention of key-0 is computed at deployment");
  });
});
