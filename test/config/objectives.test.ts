/**
 * Recovery objectives in the stack configuration: the defaults of each environment and cloud, overrides, the
 * duration format, and a target below the cloud's floor refused with the floor and its source.
 */
import { ConfigError } from "../../src/config/errors";
import { deepMerge, loadStackConfig } from "../../src/config/load";
import { FLOORS, OBJECTIVE_KEYS } from "../../src/domain/objectives";
import { NOW, rawAzureStack, rawStack } from "./fixtures";

function issues(raw: Record<string, unknown>): { key: string; received: string; expected: string }[] {
  try {
    loadStackConfig(raw, { stack: "t", now: NOW });
  } catch (e) {
    if (e instanceof ConfigError) return [...e.issues];
    throw e;
  }
  throw new Error("expected the configuration to be refused");
}

const aws = (env: "dev" | "staging" | "prod", over: Record<string, unknown> = {}) => deepMerge(rawStack(env), over) as Record<string, unknown>;
const azure = (env: "dev" | "staging" | "prod", over: Record<string, unknown> = {}) => deepMerge(rawAzureStack(env), over) as Record<string, unknown>;

describe("recovery objectives: defaults", () => {
  it("prod holds the issue's targets on AWS, its malicious-deletion RPO raised to the floor: hourly locked points can be 2 h apart", () => {
    expect(loadStackConfig(aws("prod"), { now: NOW }).config.recoveryObjectives).toEqual({
      "az-loss": { rpo: "0 s", rto: "5 min" },
      "region-loss": { rpo: "15 min", rto: "1 h" },
      "destructive-statement": { rpo: "5 min", rto: "1 h" },
      "malicious-deletion": { rpo: "2 h", rto: "4 h" },
      "key-copy-loss": { rpo: "0 s", rto: "1 h" },
    });
    // The issue's 1 h where the cloud's floor allows it, else the floor: a job every hour, each starting within the
    // shortest start window AWS Backup takes (60 minutes).
    expect(FLOORS.aws["backup-deletion"].rpo.seconds).toBe(2 * 3600);
  });

  it("on Azure, prod's malicious-deletion RPO is the floor: a daily locked backup gives 24 h", () => {
    const objectives = loadStackConfig(azure("prod"), { now: NOW }).config.recoveryObjectives;
    expect(objectives["malicious-deletion"]).toEqual({ rpo: "24 h", rto: "4 h" });
    expect(FLOORS.azure["backup-deletion"].rpo.seconds).toBe(24 * 3600);
    expect(objectives["region-loss"]).toEqual({ rpo: "15 min", rto: "1 h" });
  });

  it("staging is looser and sets no malicious-deletion objective (governance locks); dev sets none", () => {
    const staging = loadStackConfig(aws("staging"), { now: NOW }).config.recoveryObjectives;
    expect(Object.keys(staging).sort()).toEqual(["az-loss", "destructive-statement", "key-copy-loss", "region-loss"]);
    expect(staging["region-loss"]).toEqual({ rpo: "1 h", rto: "24 h" });
    expect(loadStackConfig(aws("dev"), { now: NOW }).config.recoveryObjectives).toEqual({});
    expect(loadStackConfig(azure("dev"), { now: NOW }).config.recoveryObjectives).toEqual({});
  });

  it("every default of every environment and cloud loads: none lies below its floor", () => {
    for (const env of ["dev", "staging", "prod"] as const) {
      expect(() => loadStackConfig(aws(env), { now: NOW })).not.toThrow();
      expect(() => loadStackConfig(azure(env), { now: NOW })).not.toThrow();
    }
  });
});

describe("recovery objectives: overrides", () => {
  it("a stack overrides one figure, keeps the others, and removes an objective with null", () => {
    const { config } = loadStackConfig(aws("prod", { recoveryObjectives: { "region-loss": { rto: "30 min" }, "key-copy-loss": null } }), { now: NOW });
    expect(config.recoveryObjectives["region-loss"]).toEqual({ rpo: "15 min", rto: "30 min" });
    expect(config.recoveryObjectives["key-copy-loss"]).toBeUndefined();
  });

  it("a dev stack may set objectives of its own, in any unit the format names", () => {
    const { config } = loadStackConfig(aws("dev", { recoveryObjectives: { "destructive-statement": { rpo: "15min", rto: "2 h" }, "az-loss": { rpo: "0", rto: "1d" } } }), { now: NOW });
    expect(config.recoveryObjectives).toEqual({ "destructive-statement": { rpo: "15min", rto: "2 h" }, "az-loss": { rpo: "0", rto: "1d" } });
  });

  it.each(["2 weeks", "1.5 h", "-5 min", "15", "PT15M", ""])("refuses the duration %j, naming the key and the format", (text) => {
    expect(issues(aws("prod", { recoveryObjectives: { "region-loss": { rpo: text } } }))).toEqual([
      { key: "cenm-backup:recoveryObjectives.region-loss.rpo", received: JSON.stringify(text), expected: expect.stringContaining("a duration: a whole number and a unit s, min, h or d") },
    ]);
  });

  it("refuses an unknown disruption and an objective without its RTO", () => {
    const found = issues(aws("dev", { recoveryObjectives: { "zone-loss": { rpo: "0 s", rto: "5 min" }, "region-loss": { rpo: "15 min" } } }));
    expect(found.map((i) => i.key).sort()).toEqual(["cenm-backup:recoveryObjectives.region-loss.rto", "cenm-backup:recoveryObjectives.zone-loss"]);
    expect(found.find((i) => i.key.endsWith("zone-loss"))!.expected).toContain(OBJECTIVE_KEYS.join(", "));
  });
});

describe("recovery objectives: a target below the cloud's floor is refused", () => {
  it("AWS region loss: RPO below EFS replication's 15 min, RTO below a replica's promotion, each with its source", () => {
    const found = issues(aws("prod", { recoveryObjectives: { "region-loss": { rpo: "5 min", rto: "10 min" } } }));
    expect(found.map((i) => [i.key, i.received])).toEqual([
      ["cenm-backup:recoveryObjectives.region-loss.rpo", '"5 min"'],
      ["cenm-backup:recoveryObjectives.region-loss.rto", '"10 min"'],
    ]);
    expect(found[0].expected).toBe(
      "at least 15 min on AWS, the floor of region-loss: no mechanism of the cloud brings CENM's file store back with a better RPO than EFS replication to the DR region (AWS: EFS replication has an RPO of 15 minutes for most file systems; https://docs.aws.amazon.com/efs/latest/ug/efs-replication.html)",
    );
    expect(found[1].expected).toMatch(/^at least 15 min on AWS, the floor of region-loss: .* database back with a better RTO than a cross-region read replica, promoted \(assumption of this package: /);
  });

  it("Azure malicious deletion: an RPO of 1 h is refused, the daily vaulted backup being the floor", () => {
    const found = issues(azure("prod", { recoveryObjectives: { "malicious-deletion": { rpo: "1 h" } } }));
    expect(found).toHaveLength(1);
    expect(found[0].key).toBe("cenm-backup:recoveryObjectives.malicious-deletion.rpo");
    expect(found[0].expected).toContain("at least 24 h on Azure");
    expect(found[0].expected).toContain("https://learn.microsoft.com/azure/backup/backup-azure-database-postgresql-flex-use-rest-api-create-update-policy");
  });

  it("the floor itself is accepted; one second less is not", () => {
    const floor = FLOORS.aws["az-loss"].rto.seconds;
    expect(() => loadStackConfig(aws("prod", { recoveryObjectives: { "az-loss": { rto: `${floor} s` } } }), { now: NOW })).not.toThrow();
    expect(issues(aws("prod", { recoveryObjectives: { "az-loss": { rto: `${floor - 1} s` } } })).map((i) => i.key)).toEqual(["cenm-backup:recoveryObjectives.az-loss.rto"]);
  });
});
