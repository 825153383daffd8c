/**
 * Recovery objectives in the domain: the duration format, the floors computed from the figures table (each with the
 * mechanism and the source that set it), the defaults raised to the floor where they lie below it, and the floor as a
 * lower bound of the audit's estimates (checked on every shipped stack and mutation in test/audit/mutation.test.ts).
 */
import fc from "fast-check";
import { DAY, formatDuration, HOUR, MINUTE, parseDuration } from "../../src/domain/durations";
import { FIGURES, SCHEDULED_START_WINDOW, scheduledGapSeconds } from "../../src/domain/figures";
import { BACKUP_MIN_START_WINDOW_MINUTES } from "../../src/domain/limits/aws";
import {
  AFFECTED,
  belowFloorProblem,
  cloudObjectiveOverrides,
  DATA_KINDS,
  defaultObjectives,
  FLOORS,
  OBJECTIVE_DEFAULTS,
  OBJECTIVE_KEYS,
  RECOVERY_MECHANISMS,
  SCENARIO_IDS,
  SCENARIO_OF,
  targetOf,
} from "../../src/domain/objectives";
import { baseFacts } from "../audit/fixtures/facts";
import { scenarios } from "../../src/audit/scenarios";

describe("durations in a stack file", () => {
  it.each([
    ["0", 0],
    ["0 s", 0],
    ["90 s", 90],
    ["15 min", 15 * MINUTE],
    ["15min", 15 * MINUTE],
    ["1 h", HOUR],
    ["24h", DAY],
    ["7 d", 7 * DAY],
    ["2 days", 2 * DAY],
    ["1 day", DAY],
  ])("%j is %d s", (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it.each(["", "15", "1.5 h", "-1 h", "1 week", "PT15M", "15 m", "1 hour"])("%j is refused", (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });

  it("reads back what formatDuration writes in one unit (seconds, whole minutes, hours, days), as reports print targets", () => {
    const oneUnit = fc.oneof(
      fc.integer({ min: 0, max: 59 }),
      fc.integer({ min: 1, max: 59 }).map((n) => n * MINUTE),
      fc.integer({ min: 1, max: 47 }).map((n) => n * HOUR),
      fc.integer({ min: 2, max: 400 }).map((n) => n * DAY),
    );
    fc.assert(fc.property(oneUnit, (seconds) => expect(parseDuration(formatDuration(seconds))).toBe(seconds)));
  });
});

describe("floors", () => {
  const table = (cloud: "aws" | "azure") =>
    Object.fromEntries(SCENARIO_IDS.map((id) => [id, [formatDuration(FLOORS[cloud][id].rpo.seconds), formatDuration(FLOORS[cloud][id].rto.seconds)]]));

  it("AWS: per disruption, the best RPO and RTO its mechanisms allow", () => {
    expect(table("aws")).toEqual({
      "az-loss": ["0 s", "35 s"],
      "region-loss": ["15 min", "15 min"],
      "destructive-statement": ["5 min", "1 h"],
      "backup-deletion": ["2 h", "4 h"],
      "key-copy-loss": ["0 s", "0 s"],
    });
    // What sets them: EFS replication's documented 15 min; AWS Backup's hourly snapshots, each job starting within
    // the shortest start window (60 minutes), so 2 h between two recovery points; the escrow's retrieval.
    expect(FLOORS.aws["region-loss"].rpo).toMatchObject({ kind: "files", figure: FIGURES.efsReplicationRpo });
    const hourly = FLOORS.aws["backup-deletion"].rpo;
    expect(hourly).toMatchObject({ kind: "files", seconds: scheduledGapSeconds(1, BACKUP_MIN_START_WINDOW_MINUTES) });
    expect(hourly.figure).toMatchObject({ seconds: FIGURES.awsBackupShortestInterval.seconds + BACKUP_MIN_START_WINDOW_MINUTES * MINUTE, documented: true, url: SCHEDULED_START_WINDOW.url });
    expect(hourly.figure.source).toContain(FIGURES.awsBackupShortestInterval.source);
    expect(hourly.figure.source).toContain(SCHEDULED_START_WINDOW.source);
    expect(FLOORS.aws["backup-deletion"].rto).toMatchObject({ kind: "keys", figure: FIGURES.escrowRetrievalRto });
  });

  it("Azure: a daily vaulted backup of the flexible server sets the malicious-deletion RPO; a storage failover the region-loss RTO", () => {
    expect(table("azure")).toEqual({
      "az-loss": ["0 s", "2 min"],
      "region-loss": ["15 min", "1 h"],
      "destructive-statement": ["5 min", "1 h"],
      "backup-deletion": ["24 h", "4 h"],
      "key-copy-loss": ["0 s", "0 s"],
    });
    expect(FLOORS.azure["backup-deletion"].rpo).toMatchObject({ kind: "database", figure: FIGURES.azurePostgresVaultBackupInterval });
    expect(FLOORS.azure["region-loss"].rto).toMatchObject({ kind: "files", figure: FIGURES.azureStorageFailoverRto });
  });

  it("each floor is the worst kind's best mechanism, over exactly the kinds the disruption touches, each with its source", () => {
    for (const cloud of ["aws", "azure"] as const) {
      for (const id of SCENARIO_IDS) {
        const f = FLOORS[cloud][id];
        expect(f.kinds.map((k) => k.kind)).toEqual(AFFECTED[id]);
        expect(f.rpo.seconds).toBe(Math.max(...f.kinds.map((k) => k.rpo.seconds)));
        expect(f.rto.seconds).toBe(Math.max(...f.kinds.map((k) => k.rto.seconds)));
        for (const k of f.kinds) {
          const mine = RECOVERY_MECHANISMS.filter((m) => m.cloud === cloud && m.kind === k.kind && m.survives.includes(id));
          expect(k.rpo.seconds).toBe(Math.min(...mine.map((m) => m.rpo.seconds)));
          expect(k.rto.seconds).toBe(Math.min(...mine.map((m) => m.rto.seconds)));
        }
        for (const part of [f.rpo, f.rto]) expect(part.figure.source.length).toBeGreaterThan(20);
      }
    }
  });

  it("every kind of data has a way back on each cloud from every disruption that touches it", () => {
    for (const cloud of ["aws", "azure"] as const) {
      for (const kind of DATA_KINDS) {
        for (const id of SCENARIO_IDS.filter((s) => AFFECTED[s].includes(kind))) {
          expect(RECOVERY_MECHANISMS.some((m) => m.cloud === cloud && m.kind === kind && m.survives.includes(id))).toBe(true);
        }
      }
    }
  });

  it("a composite figure (an interval, then a copy) is documented only as far as both parts are", () => {
    const copy = RECOVERY_MECHANISMS.find((m) => m.cloud === "aws" && m.kind === "files" && m.survives.includes("region-loss") && m.survives.includes("backup-deletion"))!;
    // The hourly points' longest gap (the interval plus the 60-minute start window), then the copy time: 3 h.
    expect(copy.rpo.seconds).toBe(FIGURES.awsBackupShortestInterval.seconds + BACKUP_MIN_START_WINDOW_MINUTES * MINUTE + FIGURES.backupCopyTime.seconds);
    expect(formatDuration(copy.rpo.seconds)).toBe("3 h");
    expect(copy.rpo.documented).toBe(false);
  });

  it("refuses a target below the floor, naming the floor, the mechanism and the source; accepts the floor", () => {
    expect(belowFloorProblem("aws", "malicious-deletion", "rpo", 2 * HOUR)).toBeUndefined();
    expect(belowFloorProblem("aws", "malicious-deletion", "rpo", 2 * HOUR - 1)).toBe(
      `at least 2 h on AWS, the floor of malicious-deletion: no mechanism of the cloud brings CENM's file store back with a better RPO than hourly AWS Backup recovery points in a compliance-locked vault (${FIGURES.awsBackupShortestInterval.source}; and each job starts within its start window, at least 60 minutes (${SCHEDULED_START_WINDOW.source}); ${SCHEDULED_START_WINDOW.url})`,
    );
  });

  it("the floor bounds the estimate of the audit's compliant fixture too", () => {
    for (const s of scenarios(baseFacts())) {
      const floor = FLOORS.aws[s.id];
      expect(s.rpoSeconds).toBeGreaterThanOrEqual(floor.rpo.seconds);
      expect(s.rtoSeconds).toBeGreaterThanOrEqual(floor.rto.seconds);
    }
  });
});

describe("default objectives", () => {
  it("the objective keys name the audit's scenarios, malicious deletion being backup-deletion", () => {
    expect(OBJECTIVE_KEYS.map((k) => SCENARIO_OF[k])).toEqual([...SCENARIO_IDS]);
  });

  it("are written in the stack-file format, and none of a cloud's defaults lies below its floor", () => {
    for (const cloud of ["aws", "azure"] as const) {
      for (const env of ["dev", "staging", "prod"] as const) {
        for (const [key, text] of Object.entries(defaultObjectives(cloud, env))) {
          const t = targetOf(text!)!;
          expect(t).toBeDefined();
          const floor = FLOORS[cloud][SCENARIO_OF[key as (typeof OBJECTIVE_KEYS)[number]]];
          expect(t.rpoSeconds).toBeGreaterThanOrEqual(floor.rpo.seconds);
          expect(t.rtoSeconds).toBeGreaterThanOrEqual(floor.rto.seconds);
        }
      }
    }
  });

  it("staging is no stricter than prod, figure by figure, and dev sets none", () => {
    expect(OBJECTIVE_DEFAULTS.dev).toEqual({});
    for (const [key, text] of Object.entries(OBJECTIVE_DEFAULTS.staging)) {
      const staging = targetOf(text!)!;
      const prod = targetOf(OBJECTIVE_DEFAULTS.prod[key as (typeof OBJECTIVE_KEYS)[number]]!)!;
      expect(staging.rpoSeconds).toBeGreaterThanOrEqual(prod.rpoSeconds);
      expect(staging.rtoSeconds).toBeGreaterThanOrEqual(prod.rtoSeconds);
    }
  });

  it("raise only what the floor requires: prod's malicious-deletion RPO, to each cloud's floor (Azure 24 h, AWS 2 h)", () => {
    // AWS: hourly locked recovery points, each job starting within the shortest (60-minute) start window.
    expect(cloudObjectiveOverrides("aws", "prod")).toEqual({ "malicious-deletion": { rpo: "2 h" } });
    // Azure: a daily locked backup of the flexible server.
    expect(cloudObjectiveOverrides("azure", "prod")).toEqual({ "malicious-deletion": { rpo: "24 h" } });
    for (const cloud of ["aws", "azure"] as const) {
      expect(defaultObjectives(cloud, "prod")["malicious-deletion"]!.rpo).toBe(formatDuration(FLOORS[cloud]["backup-deletion"].rpo.seconds));
      expect(cloudObjectiveOverrides(cloud, "staging")).toEqual({});
      expect(cloudObjectiveOverrides(cloud, "dev")).toEqual({});
    }
  });
});
