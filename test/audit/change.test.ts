/**
 * The change judgement's parts: the offline comparison (ignoreChanges, replaceOnChanges, aliases, the dossier's
 * update effects), the rules' severities by environment, the waivers that name one change, and the one list of
 * what a stateful resource holds.
 */
import { CHANGE_RULE_IDS } from "../../src/domain/controls";
import { DATA_LOSING_TYPES, STATEFUL_HOLDS } from "../../src/domain/resources/stateful";
import { compareInputs, compareResource } from "../../src/audit/change/compare";
import { CHANGE_RULES, judgeChange } from "../../src/audit/change/judge";
import { changeLine } from "../../src/audit/change/render";
import type { ChangeSet } from "../../src/audit/change/types";
import { boundLeaves, movedIntoPrimary } from "../../src/audit/change/weakenings";
import type { AuditInput, AuditResource } from "../../src/audit/types";

const TODAY = new Date("2026-11-02T00:00:00Z");

function resource(type: string, name: string, inputs: Record<string, unknown>, extra: Partial<AuditResource> = {}): AuditResource {
  return { urn: `urn:pulumi:s::p::${type}::${name}`, type, name, custom: true, inputs, outputs: {}, propertyDependencies: {}, protect: false, retainOnDelete: false, ...extra };
}

function input(resources: AuditResource[]): AuditInput {
  return { stack: "s", source: "plan", origin: "test", resources, stackOutputs: {} };
}

const DB = "aws:rds/instance:Instance";
const SERVER = "azure-native:dbforpostgresql:Server";

describe("offline comparison", () => {
  it("predicts a replacement from the dossier, an update in place, and leaves a provider-decided input uncertain", () => {
    const before = resource(DB, "db", { engine: "postgres", instanceClass: "db.r6g.large" });
    expect(compareResource(before, resource(DB, "db", { engine: "mysql", instanceClass: "db.r6g.large" }))).toMatchObject({ op: "replace", replaceReasons: ["engine"] });
    expect(compareResource(before, resource(DB, "db", { engine: "postgres", instanceClass: "db.r6g.xlarge" }))).toMatchObject({ op: "update", diffReasons: ["instanceClass"], uncertain: [] });
    const server = resource(SERVER, "server", { backup: { backupRetentionDays: 35, geoRedundantBackup: "Enabled" } });
    expect(compareResource(server, resource(SERVER, "server", { backup: { backupRetentionDays: 35, geoRedundantBackup: "Disabled" } }))).toMatchObject({ op: "update", uncertain: ["backup.geoRedundantBackup"] });
    expect(compareResource(server, resource(SERVER, "server", { backup: { backupRetentionDays: 14, geoRedundantBackup: "Enabled" } }))).toMatchObject({ op: "update", uncertain: [] });
    // An input no row explains cannot be judged offline.
    expect(compareResource(before, resource(DB, "db", { engine: "postgres", instanceClass: "db.r6g.large", somethingNew: 1 }))).toMatchObject({ op: "update", uncertain: ["somethingNew"] });
  });

  it("skips what ignoreChanges names (top-level or nested) and replaces on what replaceOnChanges names", () => {
    const server = resource(SERVER, "server", { storage: { storageSizeGB: 128, autoGrow: "Enabled" } });
    expect(compareResource(server, resource(SERVER, "server", { storage: { storageSizeGB: 256, autoGrow: "Enabled" } }, { ignoreChanges: ["storage.storageSizeGB"] }))).toBeUndefined();
    expect(compareResource(server, resource(SERVER, "server", { storage: { storageSizeGB: 256, autoGrow: "Disabled" } }, { ignoreChanges: ["storage.storageSizeGB"] }))).toMatchObject({ op: "update" });
    const sel = "aws:backup/restoreTestingSelection:RestoreTestingSelection";
    expect(compareResource(resource(sel, "t", { iamRoleArn: "a" }), resource(sel, "t", { iamRoleArn: "b" }, { replaceOnChanges: ["iamRoleArn"] }))).toMatchObject({ op: "replace", replaceReasons: ["iamRoleArn"] });
  });

  it("against a deployed state, does not take the defaults the provider filled in for a change", () => {
    const deployed = resource(DB, "db", { engine: "postgres", caCertIdentifier: "rds-ca-rsa2048-g1" });
    const declared = resource(DB, "db", { engine: "postgres" });
    expect(compareInputs({ ...input([deployed]), source: "state" }, input([declared])).changes).toEqual([]);
    expect(compareInputs(input([deployed]), input([declared])).changes.map((c) => c.diffReasons)).toEqual([["caCertIdentifier"]]);
    expect(deployed.inputs.caCertIdentifier).toBe("rds-ca-rsa2048-g1");
  });

  it("matches a renamed resource through its alias, and sees a protection change alone", () => {
    const old = resource(DB, "db", { engine: "postgres" }, { protect: true });
    const renamed = resource(DB, "database", { engine: "postgres" }, { protect: true, aliases: [old.urn] });
    expect(compareInputs(input([old]), input([renamed])).changes).toEqual([]);
    const unprotected = compareInputs(input([old]), input([{ ...old, protect: false }])).changes;
    expect(unprotected.map((c) => c.op)).toEqual(["same"]);
    expect(compareInputs(input([old]), input([{ ...renamed, aliases: undefined }])).changes.map((c) => `${c.op} ${c.name}`)).toEqual(["create database", "delete db"]);
  });
});

describe("judgement", () => {
  const replaced: ChangeSet = compareInputs(input([resource(DB, "db", { engine: "postgres" })]), input([resource(DB, "db", { engine: "mysql" })]));

  it("is an error in prod and where the environment is unknown, a warning elsewhere", () => {
    expect(judgeChange(replaced, { environment: "prod", waivers: [], today: TODAY }).findings.map((f) => f.severity)).toEqual(["error"]);
    expect(judgeChange(replaced, { waivers: [], today: TODAY }).errorsFailing).toBe(1);
    const staging = judgeChange(replaced, { environment: "staging", waivers: [], today: TODAY });
    expect(staging.findings.map((f) => f.severity)).toEqual(["warning"]);
    expect(staging.errorsFailing).toBe(0);
  });

  it("is excused by a valid waiver that names the rule and the resource, not by another rule's, nor by a lapsed one", () => {
    const reason = "Rebuilt from the last snapshot during the announced window.";
    const named = judgeChange(replaced, { environment: "prod", waivers: [{ id: "CENM-CH-01:db", reason }], today: TODAY });
    expect(named.errorsFailing).toBe(0);
    expect(named.findings[0].waiver?.id).toBe("CENM-CH-01:db");
    expect(judgeChange(replaced, { environment: "prod", waivers: [{ id: "CENM-CH-02:db", reason }], today: TODAY }).errorsFailing).toBe(1);
    expect(judgeChange(replaced, { environment: "prod", waivers: [{ id: "CENM-CH-01:db", reason, expires: "2026-11-01" }], today: TODAY }).errorsFailing).toBe(1);
    expect(judgeChange(replaced, { environment: "prod", waivers: [{ id: "CENM-CH-01:db", reason: "short" }], today: TODAY }).errorsFailing).toBe(1);
  });

  it("says what is lost and how to avoid it, naming the forcing input with its values", () => {
    const f = judgeChange(replaced, { environment: "prod", waivers: [], today: TODAY }).findings[0];
    expect(f.message).toBe(`replaces db (${DB}): engine "postgres" -> "mysql" forces a new one. The new one starts empty and the old one is deleted with ${STATEFUL_HOLDS[DB]}.`);
    expect(f.avoid).toContain("keep engine as deployed");
    expect(f.avoid).toContain("ignoreChanges");
  });

  it("keeps replacements and deletions of resources that hold no data out of the findings, but lists them", () => {
    const sg = "aws:ec2/securityGroup:SecurityGroup";
    const set = compareInputs(input([resource(sg, "sg", { description: "a" }), resource(sg, "old", {})]), input([resource(sg, "sg", { description: "b" })]));
    const j = judgeChange(set, { environment: "prod", waivers: [], today: TODAY });
    expect(j.findings).toEqual([]);
    expect(j.replaces).toEqual(["sg"]);
    expect(j.deletes).toEqual(["old"]);
    expect(changeLine({ ...j, findings: [] })).toBe("replaces sg; deletes old");
  });
});

describe("weakenings", () => {
  it("reads bounds in days whatever their unit, keyed by rule name so that reordering moves nothing", () => {
    const policy = resource("azure-native:recoveryservices:ProtectionPolicy", "p", { properties: { vaultRetentionPolicy: { vaultRetention: { weeklySchedule: { retentionDuration: { count: 4, durationType: "Weeks" } } } } } });
    expect([...boundLeaves(policy).values()].map((b) => b.days)).toEqual([28]);
    const plan = (rules: unknown[]) => resource("aws:backup/plan:Plan", "plan", { rules });
    const a = boundLeaves(plan([{ ruleName: "daily", lifecycle: { deleteAfter: 35 } }, { ruleName: "monthly", lifecycle: { deleteAfter: 365 } }]));
    const b = boundLeaves(plan([{ ruleName: "monthly", lifecycle: { deleteAfter: 365 } }, { ruleName: "daily", lifecycle: { deleteAfter: 35 } }]));
    expect(a).toEqual(b);
    expect([...a.keys()]).toEqual(["rules[daily].lifecycle.deleteAfter", "rules[monthly].lifecycle.deleteAfter"]);
  });

  it("finds a copy moved into the primary region, and not a resource that was already there", () => {
    const replica = (region: string) => resource(DB, "replica", { region });
    expect(movedIntoPrimary(replica("eu-central-1"), replica("eu-west-1"), "eu-west-1")).toHaveLength(1);
    expect(movedIntoPrimary(replica("eu-west-1"), replica("eu-west-1"), "eu-west-1")).toEqual([]);
    expect(movedIntoPrimary(replica("eu-west-1"), replica("eu-central-1"), "eu-west-1")).toEqual([]);
  });
});

describe("the vocabulary", () => {
  it("has one rule per id and one holds text per type whose loss loses data", () => {
    expect(Object.keys(CHANGE_RULES).sort()).toEqual([...CHANGE_RULE_IDS]);
    expect(Object.keys(STATEFUL_HOLDS).sort()).toEqual([...DATA_LOSING_TYPES].sort());
  });
});
