/**
 * `pulumi preview --json` read as Pulumi prints it: a change applied to the stack's state (or offline to the base
 * branch's plan). Documents are built in the CLI's exact shape (test/helpers/pulumiDocuments.ts) for every shipped
 * stack, with and without --show-sames, and the committed ones in test/fixtures/previews are read as files.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { audit, type AuditReport } from "../../src/audit";
import { applyPreview, checkPreview } from "../../src/audit/inputs/preview";
import { fromPlanDocument } from "../../src/audit/inputs/plan";
import { fromStateExport } from "../../src/audit/inputs/state";
import { AuditInputError } from "../../src/audit/inputs/errors";
import { main } from "../../src/cli";
import type { PlanDocument } from "../../src/offline/plan";
import { readStackFile } from "../../src/offline/stackFile";
import { listStacks } from "../../src/offline/stacks";
import { plannedStack } from "../helpers/plans";
import { goJson, previewDigest, stackExport } from "../helpers/pulumiDocuments";
import { waivedObjectives } from "../fixtures/objective-waivers";

const ROOT = path.join(__dirname, "..", "..");
const FIXTURES = path.join(ROOT, "test", "fixtures", "previews");
const STACKS = listStacks(path.join(ROOT, "stacks"));
const TODAY = new Date("2026-11-02T00:00:00Z");
const plans = new Map<string, PlanDocument>();

beforeAll(async () => {
  for (const s of STACKS) plans.set(s, (await plannedStack(s)).document);
}, 600_000);

/** The parts of a report that say what the stack is, whatever file it was read from. */
function posture(r: AuditReport): unknown {
  const { summary, verdict, findings, scenarios, crlDeadline, waivers, facts, environment } = r;
  return JSON.parse(JSON.stringify({ summary, verdict, findings, scenarios, crlDeadline, waivers, facts, environment }));
}

function reparsed(doc: unknown): unknown {
  return JSON.parse(goJson(doc));
}

function config(stack: string): Record<string, string> {
  return readStackFile(stack, path.join(ROOT, "stacks")).config;
}

describe("a preview of a pull request that changes nothing", () => {
  it("is every shipped stack, all eight", () => {
    expect(STACKS.sort()).toEqual(["aws-dev", "aws-prod", "aws-sandbox", "aws-staging", "azure-dev", "azure-prod", "azure-sandbox", "azure-staging"]);
  });

  it.each(STACKS.map((s) => [s]))("%s: lists only the root stack, and audits exactly like its base (plan or state)", (stack) => {
    const plan = plans.get(stack)!;
    const digest = reparsed(previewDigest(plan, plan, { config: config(stack) })) as { steps: { op: string; urn: string }[]; changeSummary: Record<string, number> };
    // Pulumi's default display: the root stack and nothing else.
    expect(digest.steps).toHaveLength(1);
    expect(digest.steps[0].urn).toMatch(/::pulumi:pulumi:Stack::/);
    expect(Object.keys(digest.changeSummary)).toEqual(["same"]);
    const doc = checkPreview(digest, "preview.json");

    const basePlan = fromPlanDocument(plan);
    const onPlan = applyPreview(doc, "preview.json", basePlan);
    const viaPlan = audit(onPlan.input, { today: TODAY, change: onPlan.change, base: basePlan });
    expect(posture(viaPlan)).toEqual(posture(audit(basePlan, { today: TODAY })));
    expect(viaPlan.change).toMatchObject({ basis: "preview", replaces: [], deletes: [], liftsProtection: [], findings: [], errorsFailing: 0 });
    expect(viaPlan.change!.counts).toEqual({ create: 0, update: 0, replace: 0, delete: 0 });

    const baseState = fromStateExport(reparsed(stackExport(plan)), "state.json");
    const onState = applyPreview(doc, "preview.json", baseState);
    expect(posture(audit(onState.input, { today: TODAY, change: onState.change, base: baseState }))).toEqual(posture(audit(baseState, { today: TODAY })));

    // Read alone, it cannot say what the stack holds: the reader asks for the base instead of auditing an empty stack.
    expect(() => applyPreview(doc, "preview.json")).toThrow(/a preview lists only the resources it changes \(0 here.*--base/);
  });

  it.each(STACKS.map((s) => [s]))("%s with --show-sames: lists every resource, and audits like its base, alone or applied", (stack) => {
    const plan = plans.get(stack)!;
    const digest = reparsed(previewDigest(plan, plan, { config: config(stack), showSames: true })) as { steps: unknown[]; changeSummary: Record<string, number> };
    expect(digest.steps.length).toBe(digest.changeSummary.same);
    expect(digest.steps.length).toBeGreaterThan(plan.resources.length);
    const doc = checkPreview(digest, "preview.json");
    const baseState = fromStateExport(reparsed(stackExport(plan)), "state.json");
    const alone = applyPreview(doc, "preview.json");
    expect(alone.complete).toBe(true);
    expect(posture(audit(alone.input, { today: TODAY }))).toEqual(posture(audit(baseState, { today: TODAY })));
    const basePlan = fromPlanDocument(plan);
    const onPlan = applyPreview(doc, "preview.json", basePlan);
    expect(posture(audit(onPlan.input, { today: TODAY }))).toEqual(posture(audit(basePlan, { today: TODAY })));
    expect(onPlan.change.changes).toEqual([]);
  });
});

describe("the committed preview documents (test/fixtures/previews)", () => {
  const files = fs.readdirSync(FIXTURES).filter((f) => f.endsWith(".json"));

  it("are shaped as the Pulumi CLI prints them: Go's field order, four-space indent, detailedDiff on every step", () => {
    expect(files.length).toBeGreaterThanOrEqual(6);
    const STEP_FIELDS = ["op", "urn", "provider", "oldState", "newState", "diffReasons", "replaceReasons", "detailedDiff"];
    const STATE_FIELDS = ["urn", "custom", "delete", "id", "type", "inputs", "outputs", "parent", "protect", "external", "dependencies", "initErrors", "provider", "propertyDependencies", "pendingReplacement", "additionalSecretOutputs", "aliases", "customTimeouts", "importID", "retainOnDelete", "deletedWith", "created", "modified"];
    const inOrder = (keys: string[], order: string[]) => keys.every((k, i) => order.includes(k) && (i === 0 || order.indexOf(keys[i - 1]) < order.indexOf(k)));
    for (const f of files) {
      const text = fs.readFileSync(path.join(FIXTURES, f), "utf8");
      expect(text.split("\n")[1]).toMatch(/^ {4}"/);
      const doc = JSON.parse(text) as { steps: Record<string, unknown>[] };
      expect(inOrder(Object.keys(doc), ["config", "steps", "diagnostics", "duration", "changeSummary", "maybeCorrupt"])).toBe(true);
      for (const step of doc.steps) {
        expect(inOrder(Object.keys(step), STEP_FIELDS)).toBe(true);
        expect("detailedDiff" in step).toBe(true);
        for (const s of [step.oldState, step.newState]) if (s) expect(inOrder(Object.keys(s as object), STATE_FIELDS)).toBe(true);
        // A new state is taken before the step runs: it has no outputs (the root stack's included).
        if (step.newState) expect((step.newState as Record<string, unknown>).outputs).toBeUndefined();
      }
      expect(text).not.toContain('"4dabf18193072939515e22adb298388d"');
    }
  });

  it("a replacement is one replace step by default, three with --show-replacement-steps, and both read as one change", () => {
    const one = JSON.parse(fs.readFileSync(path.join(FIXTURES, "aws-prod-db-replaced.json"), "utf8")) as { steps: { op: string; urn: string }[] };
    const three = JSON.parse(fs.readFileSync(path.join(FIXTURES, "aws-prod-db-replaced-replacement-steps.json"), "utf8")) as { steps: { op: string; urn: string }[] };
    const db = (d: typeof one) => d.steps.filter((s) => s.urn.endsWith("::cenm-db-primary")).map((s) => s.op);
    expect(db(one)).toEqual(["replace"]);
    expect(db(three)).toEqual(["create-replacement", "replace", "delete-replaced"]);
    const base = fromPlanDocument(plans.get("aws-prod")!);
    for (const d of [one, three]) {
      const applied = applyPreview(checkPreview(d, "p.json"), "p.json", base);
      expect(applied.change.changes.filter((c) => c.name === "cenm-db-primary").map((c) => [c.op, c.replaceReasons])).toEqual([["replace", ["username"]]]);
      expect(applied.input.resources.filter((r) => r.name === "cenm-db-primary")).toHaveLength(1);
    }
  });
});

describe("a preview that replaces the prod database", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cenm-preview-"));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(args, (s) => out.push(s), (s) => err.push(s));
    return { code, out: out.join(""), err: err.join("") };
  }

  it.each([
    ["aws-prod", "aws-prod-db-replaced.json", "cenm-db-primary", "username", 'username "cenmdba" -> "cenm_admin" forces a new one'],
    ["aws-prod", "aws-prod-db-replaced-replacement-steps.json", "cenm-db-primary", "username", 'username "cenmdba" -> "cenm_admin" forces a new one'],
    ["azure-prod", "azure-prod-db-replaced.json", "cenm-db-server", "network", 'network.delegatedSubnetResourceId "cenm-network-postgres-id" -> "cenm-network-postgres2-id" forces a new one'],
  ])("%s (%s): fails, naming %s and %s, applied to the state or to the base plan", async (stack, file, db, property, said) => {
    const planFile = path.join(tmp, `${stack}-plan.json`);
    const stateFile = path.join(tmp, `${stack}-state.json`);
    fs.writeFileSync(planFile, JSON.stringify(plans.get(stack)));
    fs.writeFileSync(stateFile, goJson(stackExport(plans.get(stack)!)));
    for (const base of [planFile, stateFile]) {
      const r = await cli(["audit", "--preview", path.join(FIXTURES, file), "--base", base, "--today", "2026-11-02", "--out", path.join(tmp, "out")]);
      expect(r.code).toBe(1);
      expect(r.out).toContain(`CENM-CH-01 ${db} (error): replaces ${db}`);
      expect(r.out).toContain(said);
      expect(r.err).toContain("no waiver excuses");
      const report = JSON.parse(fs.readFileSync(path.join(tmp, "out", "report.json"), "utf8")) as AuditReport;
      expect(report.change!.replaces).toContain(db);
      const finding = report.change!.findings.find((f) => f.rule === "CENM-CH-01" && f.resource === db)!;
      expect(finding.properties.join(" ")).toContain(property);
      expect(finding.message).toMatch(/new, empty one|starts empty/);
      expect(finding.avoid).toMatch(/ignoreChanges|migrate in stages/);
      // The change is what fails: one unwaived error of the change judgement, the replacement. The stack's own
      // error controls stay what they are without the change: on AWS none fails, the recovery objectives the prod
      // topology misses are waived (test/fixtures/objective-waivers.ts), shown, not hidden; on Azure the server's
      // children are replaced under its deletion lock too, which the platform limit azure-lock-blocks-replacement refuses.
      expect(report.change!.errorsFailing).toBe(1);
      const failingControls = report.findings.filter((f) => f.outcome === "fail" && f.severity === "error" && !f.waiver).map((f) => f.id);
      if (stack === "aws-prod") {
        expect(failingControls).toEqual([]);
        expect(report.findings.filter((f) => f.outcome === "waived").map((f) => f.id)).toEqual(waivedObjectives(stack));
        expect(report.summary.errorsFailing).toBe(0);
      } else expect(report.findings.find((f) => f.id === "CENM-GN-06")!.message).toContain("azure-lock-blocks-replacement");
      expect(fs.readFileSync(path.join(tmp, "out", "report.md"), "utf8")).toContain(`## Change against the base: 1 error unwaived`);
    }
  });

  it("passes when a waiver in the head's configuration names the replacement, and says so", () => {
    const plan = plans.get("aws-prod")!;
    const head = JSON.parse(JSON.stringify(plan)) as PlanDocument;
    head.resources.find((r) => r.name === "cenm-db-primary")!.inputs.username = "cenm_admin";
    const cfg = { ...config("aws-prod"), "cenm-backup:waivers": JSON.stringify([{ id: "CENM-CH-01:cenm-db-primary", reason: "Rebuilt from the 2026-11-01 snapshot during the announced maintenance window.", approvedBy: "cenm-risk-committee", expires: "2026-12-31" }]) };
    const digest = reparsed(previewDigest(plan, head, { config: cfg, ops: { "cenm-db-primary": { op: "replace", replaceReasons: ["username"] } } }));
    const base = fromPlanDocument(plan);
    const applied = applyPreview(checkPreview(digest, "p.json"), "p.json", base);
    const report = audit(applied.input, { today: TODAY, change: applied.change, base });
    expect(report.change!.errorsFailing).toBe(0);
    expect(report.change!.findings[0].waiver?.id).toBe("CENM-CH-01:cenm-db-primary");
    expect(report.waivers.find((w) => w.id === "CENM-CH-01:cenm-db-primary")).toMatchObject({ status: "in-force", excuses: ["CENM-CH-01 cenm-db-primary"] });
    // An expired waiver excuses nothing.
    const lapsed = audit(applied.input, { today: new Date("2027-01-04T00:00:00Z"), change: applied.change, base });
    expect(lapsed.change!.errorsFailing).toBe(1);
  });
});

describe("reading a preview document", () => {
  it("refuses a preview whose diagnostics hold an error, naming it", () => {
    const plan = plans.get("aws-dev")!;
    const digest = reparsed(previewDigest(plan, plan, { diagnostics: [{ message: "error: update failed: AccessDenied\nmore", severity: "error" }] }));
    expect(() => checkPreview(digest, "p.json")).toThrow(new AuditInputError("p.json", "the preview failed, so its steps may be incomplete: error: update failed: AccessDenied"));
  });

  it("takes the environment and the waivers of the head from the preview's configuration", () => {
    const plan = plans.get("aws-staging")!;
    const cfg = { ...config("aws-staging"), "cenm-backup:waivers": JSON.stringify([{ id: "CENM-CH-02:cenm-keys-replica", reason: "The replica moves to the new DR account next week." }]) };
    const digest = reparsed(previewDigest(plan, plan, { config: cfg }));
    const applied = applyPreview(checkPreview(digest, "p.json"), "p.json", fromPlanDocument(plan));
    expect(applied.input.stackOutputs.environment).toBe("staging");
    expect(applied.input.stackOutputs.waivers).toEqual([{ id: "CENM-CH-02:cenm-keys-replica", reason: "The replica moves to the new DR account next week." }]);
  });

  it("gives the DR runbook of the stack a preview would leave, applied to its base", async () => {
    const planFile = path.join(os.tmpdir(), `cenm-preview-runbook-${process.pid}.json`);
    fs.writeFileSync(planFile, JSON.stringify(plans.get("aws-prod")));
    const out: string[] = [];
    try {
      const code = await main(["runbook", "--preview", path.join(FIXTURES, "aws-prod-no-change.json"), "--base", planFile, "--print", "--today", "2026-11-02"], (s) => out.push(s), () => undefined);
      expect(code).toBe(0);
      expect(out.join("")).toContain("cenm-db-primary");
    } finally {
      fs.rmSync(planFile, { force: true });
    }
  });

  it("refuses a preview as the base of another", () => {
    const file = path.join(FIXTURES, "aws-prod-no-change.json");
    return main(["audit", "--preview", file, "--base", file], () => undefined, () => undefined).then((code) => expect(code).toBe(1));
  });
});
