/**
 * The preview and state readers against what pulumi/pulumi's source says the CLI prints (see the header of
 * src/audit/inputs/preview.ts and state.ts): protection refusals in a preview's diagnostics, `discard` steps and
 * external resources, empty and version 4 exports, output values, a `delete-replaced` step keyed by the old URN, an
 * old copy left pending deletion, names holding "::", pending operations, a step without its new state. Documents are
 * built in the CLI's shape (test/helpers/pulumiDocuments.ts) or read from test/fixtures/previews.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { audit, type AuditReport } from "../../src/audit";
import { judgeChange } from "../../src/audit/change/judge";
import { liftedProtections } from "../../src/audit/change/weakenings";
import { AuditInputError } from "../../src/audit/inputs/errors";
import { fromPlanDocument } from "../../src/audit/inputs/plan";
import { applyPreview, checkPreview, previewErrors } from "../../src/audit/inputs/preview";
import { fromStateExport } from "../../src/audit/inputs/state";
import { cleanValue, nameOfUrn } from "../../src/audit/inputs/values";
import type { AuditResource } from "../../src/audit/types";
import { main } from "../../src/cli";
import { parseUrn, urnName } from "../../src/domain/urn";
import type { PlanDocument } from "../../src/offline/plan";
import { readStackFile } from "../../src/offline/stackFile";
import { plannedStack } from "../helpers/plans";
import { deleteRefusal, goJson, PREVIEW_FAILED, previewDigest, replaceRefusal, resourceId, stackExport } from "../helpers/pulumiDocuments";

const ROOT = path.join(__dirname, "..", "..");
const FIXTURES = path.join(ROOT, "test", "fixtures", "previews");
const TODAY = new Date("2026-11-02T00:00:00Z");
const plans = new Map<string, PlanDocument>();

beforeAll(async () => {
  for (const s of ["aws-dev", "aws-prod"]) plans.set(s, (await plannedStack(s)).document);
}, 600_000);

type Doc = { steps: Record<string, any>[]; diagnostics?: Record<string, any>[]; changeSummary: Record<string, number> };

function fixture(name: string): Doc {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, name), "utf8")) as Doc;
}

function copy<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

function thrown(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected an error");
}

function state(stack: string): ReturnType<typeof fromStateExport> {
  return fromStateExport(JSON.parse(goJson(stackExport(plans.get(stack)!))), "state.json");
}

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, (s) => out.push(s), (s) => err.push(s));
  return { code, out: out.join(""), err: err.join("") };
}

describe("a preview Pulumi fails because it refuses to replace or delete a protected resource", () => {
  it("is printed with the refusal in its diagnostics, the replace step kept, and closes with 'preview failed'", () => {
    const doc = fixture("aws-prod-db-replaced.json");
    const db = doc.steps.find((s) => s.urn.endsWith("::cenm-db-primary"))!;
    expect(db.op).toBe("replace");
    expect(doc.diagnostics).toEqual([
      { urn: db.urn, message: replaceRefusal(db.urn), severity: "error" },
      { message: PREVIEW_FAILED, severity: "error" },
    ]);
    // The prefix is part of the message, as ShowPreviewDigest writes it.
    expect(doc.diagnostics!.every((d) => !("prefix" in d) && d.message.startsWith("error: "))).toBe(true);
  });

  it("is judged: the replacement is an error that says Pulumi refuses it until protection is lifted", () => {
    const base = state("aws-prod");
    const applied = applyPreview(checkPreview(fixture("aws-prod-db-replaced.json"), "p.json"), "p.json", base);
    const change = applied.change.changes.find((c) => c.name === "cenm-db-primary")!;
    expect(change).toMatchObject({ op: "replace", refused: "replace", replaceReasons: ["username"] });
    const report = audit(applied.input, { today: TODAY, change: applied.change, base });
    const finding = report.change!.findings.find((f) => f.rule === "CENM-CH-01" && f.resource === "cenm-db-primary")!;
    expect(finding.severity).toBe("error");
    expect(finding.message).toContain("Pulumi refuses it while the resource is protected: the preview reports the refusal and exits 1, and `pulumi up` stops at this replacement until protection is lifted");
    expect(report.change!.notes).toEqual([expect.stringMatching(/^Pulumi refuses to replace cenm-db-primary \(aws:rds\/instance:Instance\): it is protected\. `pulumi preview` exits 1 on this change, and `pulumi up` would stop at the replacement until protection is lifted/)]);
  });

  it("through the command line: exit 1, the refusal in report.md's change section and in the summary", async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cenm-refusal-"));
    try {
      const stateFile = path.join(tmp, "state.json");
      fs.writeFileSync(stateFile, goJson(stackExport(plans.get("aws-prod")!)));
      const r = await cli(["audit", "--preview", path.join(FIXTURES, "aws-prod-db-replaced.json"), "--base", stateFile, "--today", "2026-11-02", "--out", path.join(tmp, "out")]);
      expect(r.code).toBe(1);
      expect(r.out).toContain("(1 note in the report)");
      const md = fs.readFileSync(path.join(tmp, "out", "report.md"), "utf8");
      expect(md).toContain("Notes:\n- Pulumi refuses to replace cenm-db-primary");
      const report = JSON.parse(fs.readFileSync(path.join(tmp, "out", "report.json"), "utf8")) as AuditReport;
      expect(report.change!.notes).toHaveLength(1);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it("a refused deletion: Pulumi stops the preview there, so the deletion after it is missing, and the note says so", () => {
    const doc = fixture("aws-prod-dr-vault-removed.json");
    const deletes = doc.steps.filter((s) => s.op === "delete").map((s) => nameOfUrn(s.urn));
    // Dependents are deleted first: the lock, refused, and the vault behind it never printed.
    expect(deletes).toEqual(["cenm-snapshots-dr-vault-lock"]);
    expect(doc.changeSummary.delete).toBeUndefined();
    expect(doc.diagnostics![0].message).toBe(deleteRefusal(doc.steps[1].urn));
    const base = state("aws-prod");
    const applied = applyPreview(checkPreview(doc, "p.json"), "p.json", base);
    expect(applied.change.changes.map((c) => [c.op, c.name, c.refused])).toEqual([["delete", "cenm-snapshots-dr-vault-lock", "delete"]]);
    expect(applied.change.notes!.join(" ")).toContain("steps it had not started (further deletions) may be missing from this preview");
    const report = audit(applied.input, { today: TODAY, change: applied.change, base });
    expect(report.change!.findings.map((f) => `${f.rule} ${f.resource} ${f.severity}`)).toEqual(["CENM-CH-04 cenm-snapshots-dr-vault-lock error"]);
  });

  it("reads both wordings of a refused deletion and the dependent of a delete-before-replace", () => {
    const urn = "urn:pulumi:s::p::aws:s3/bucket:Bucket::b";
    const other = "urn:pulumi:s::p::aws:s3/bucket:Bucket::c";
    const messages = [
      replaceRefusal(urn),
      `error: unable to replace resource "${urn}" as part of replacing "${other}" as it is currently marked for protection. To unprotect it...\n`,
      deleteRefusal(urn),
      `error: Preview failed: unable to delete resource "${urn}"\nas it is currently marked for protection. To unprotect the resource, either remove the \`protect\` flag from the resource in your Pulumi program or use the command:\n\`pulumi state unprotect ${urn}\`\n`,
    ];
    const doc = checkPreview({ steps: [], changeSummary: {}, diagnostics: [...messages.map((message) => ({ message, severity: "error" })), { message: PREVIEW_FAILED, severity: "error" }] }, "p.json");
    expect(previewErrors(doc)).toEqual({
      refusals: [
        { urn, action: "replace" },
        { urn, action: "replace" },
        { urn, action: "delete" },
        { urn, action: "delete" },
      ],
      others: [],
    });
  });

  it("any other error still makes the preview unreadable, and so does a lone 'preview failed'", () => {
    const base = { steps: [], changeSummary: {} };
    const other = { ...base, diagnostics: [{ urn: "urn:pulumi:s::p::aws:s3/bucket:Bucket::b", message: replaceRefusal("urn:pulumi:s::p::aws:s3/bucket:Bucket::b"), severity: "error" }, { message: "error: AccessDenied: not authorized\nmore", severity: "error" }, { message: PREVIEW_FAILED, severity: "error" }] };
    expect(thrown(() => checkPreview(other, "p.json"))).toEqual(new AuditInputError("p.json", "the preview failed, so its steps may be incomplete: error: AccessDenied: not authorized"));
    expect(thrown(() => checkPreview({ ...base, diagnostics: [{ message: PREVIEW_FAILED, severity: "error" }] }, "p.json")).message).toBe("p.json: the preview failed, so its steps may be incomplete: preview failed");
    // Warnings are no failure.
    expect(() => checkPreview({ ...base, diagnostics: [{ message: "warning: deprecated\n", severity: "warning" }] }, "p.json")).not.toThrow();
  });

  it("no refusal when protect is lifted in the same change: Pulumi lets the replacement through, and the judgement says so", () => {
    const plan = plans.get("aws-prod")!;
    const head = copy(plan);
    const db = head.resources.find((r) => r.name === "cenm-db-primary")!;
    db.inputs.username = "cenm_admin";
    db.options = { ...db.options, protect: false };
    const digest = JSON.parse(goJson(previewDigest(plan, head, { ops: { "cenm-db-primary": { op: "replace", replaceReasons: ["username"] } } }))) as Doc;
    expect(digest.diagnostics).toBeUndefined();
    const base = fromPlanDocument(plan);
    const applied = applyPreview(checkPreview(digest, "p.json"), "p.json", base);
    const report = audit(applied.input, { today: TODAY, change: applied.change, base });
    expect(report.change!.findings.find((f) => f.rule === "CENM-CH-01")!.message).toContain("protect is lifted in the same change, so nothing stops this replacement.");
    expect(report.change!.liftsProtection).toEqual(["cenm-db-primary"]);
  });
});

describe("a replacement with --show-replacement-steps", () => {
  it("after an aliased rename: delete-replaced carries the old URN, and the reader counts one replacement and no phantom", () => {
    const doc = fixture("aws-prod-db-renamed-replaced-replacement-steps.json");
    const old = doc.steps.filter((s) => s.urn.endsWith("::cenm-db-primary"));
    expect(old.map((s) => s.op)).toEqual(["delete-replaced"]);
    expect(old[0].oldState.delete).toBe(true);
    expect(doc.steps.filter((s) => s.urn.endsWith("::cenm-db-main")).map((s) => s.op)).toEqual(["create-replacement", "replace"]);
    const base = state("aws-prod");
    const applied = applyPreview(checkPreview(doc, "p.json"), "p.json", base);
    const db = applied.change.changes.filter((c) => c.type === "aws:rds/instance:Instance" && c.op !== "update");
    expect(db.map((c) => [c.op, c.name, c.before?.name])).toEqual([["replace", "cenm-db-main", "cenm-db-primary"]]);
    expect(applied.input.resources.map((r) => r.name)).toContain("cenm-db-main");
    expect(applied.input.resources.map((r) => r.name)).not.toContain("cenm-db-primary");
    const report = audit(applied.input, { today: TODAY, change: applied.change, base });
    expect(report.change!.replaces.filter((n) => n.startsWith("cenm-db-"))).toEqual(["cenm-db-main"]);
    expect(report.change!.counts.delete).toBe(0);
  });

  it("in a delete-before-replace: delete-replaced first, its old state marked pendingReplacement, not delete", () => {
    const plan = plans.get("aws-prod")!;
    const head = copy(plan);
    const db = head.resources.find((r) => r.name === "cenm-db-primary")!;
    db.inputs.username = "cenm_admin";
    db.options = { ...db.options, deleteBeforeReplace: true };
    const digest = JSON.parse(goJson(previewDigest(plan, head, { showReplacementSteps: true, ops: { "cenm-db-primary": { op: "replace", replaceReasons: ["username"] } } }))) as Doc;
    const steps = digest.steps.filter((s) => s.urn === db.urn);
    expect(steps.map((s) => s.op)).toEqual(["delete-replaced", "replace", "create-replacement"]);
    expect(steps[0].oldState.delete).toBeUndefined();
    expect(steps[0].oldState.pendingReplacement).toBe(true);
    const applied = applyPreview(checkPreview(digest, "p.json"), "p.json", fromPlanDocument(plan));
    expect(applied.change.changes.filter((c) => c.name === "cenm-db-primary").map((c) => c.op)).toEqual(["replace"]);
  });
});

describe("a lone delete-replaced: an old copy an interrupted replacement left pending deletion", () => {
  it("is judged as the deletion of that copy (id), not as a replacement of the live resource, which stays", () => {
    const doc = fixture("aws-dev-db-old-copy-replacement-steps.json");
    const step = doc.steps.find((s) => s.op === "delete-replaced")!;
    const dbPlan = plans.get("aws-dev")!.resources.find((r) => r.name === "cenm-db-primary")!;
    expect(step.oldState).toMatchObject({ urn: dbPlan.urn, delete: true, id: `${resourceId(dbPlan)}-old` });
    // Not a logical step: not counted.
    expect(Object.keys(doc.changeSummary)).toEqual(["same"]);
    const base = state("aws-dev");
    const applied = applyPreview(checkPreview(doc, "p.json"), "p.json", base);
    expect(applied.input.resources.find((r) => r.name === "cenm-db-primary")).toEqual(base.resources.find((r) => r.name === "cenm-db-primary"));
    const report = audit(applied.input, { today: TODAY, change: applied.change, base });
    expect(report.change!.replaces).toEqual([]);
    expect(report.change!.deletes).toEqual([`cenm-db-primary (old copy ${resourceId(dbPlan)}-old)`]);
    const f = report.change!.findings;
    expect(f.map((x) => `${x.rule} ${x.resource} ${x.severity}`)).toEqual(["CENM-CH-02 cenm-db-primary warning"]);
    expect(f[0].message).toMatch(/^deletes an old copy of cenm-db-primary \(aws:rds\/instance:Instance, id cenm-db-primary-[0-9a-f]+0c1d-old\) that an earlier replacement left pending deletion when it did not finish; the live cenm-db-primary stays\./);
  });

  it("beside a replacement of the same resource, only the copy whose ID differs is the old copy", () => {
    const plan = plans.get("aws-dev")!;
    const head = copy(plan);
    head.resources.find((r) => r.name === "cenm-db-primary")!.inputs.username = "cenm_admin";
    const digest = JSON.parse(goJson(previewDigest(plan, head, { showReplacementSteps: true, pendingDeleteCopies: ["cenm-db-primary"], ops: { "cenm-db-primary": { op: "replace", replaceReasons: ["username"] } } }))) as Doc;
    expect(digest.steps.filter((s) => s.op === "delete-replaced" && s.urn.endsWith("::cenm-db-primary"))).toHaveLength(2);
    const applied = applyPreview(checkPreview(digest, "p.json"), "p.json", fromPlanDocument(plan));
    expect(applied.change.changes.filter((c) => c.name === "cenm-db-primary").map((c) => [c.op, c.oldCopyId])).toEqual([
      ["replace", undefined],
      ["delete", `${resourceId(plan.resources.find((r) => r.name === "cenm-db-primary")!)}-old`],
    ]);
  });
});

describe("resources the program reads: discard steps and external states", () => {
  it("a 'discard' step (OpReadDiscard) is read, not refused, and changes nothing the stack manages", () => {
    const doc = fixture("aws-prod-no-change.json");
    const urn = "urn:pulumi:aws-prod::cenm-backup::aws:ec2/vpc:Vpc::shared";
    doc.steps.push({ op: "discard", urn, provider: "p::1", oldState: { urn, custom: true, id: "vpc-1", type: "aws:ec2/vpc:Vpc", external: true }, detailedDiff: null });
    doc.steps.push({ op: "discard-replaced", urn, provider: "p::1", oldState: { urn, custom: true, id: "vpc-0", type: "aws:ec2/vpc:Vpc", external: true }, detailedDiff: null });
    const base = state("aws-prod");
    const applied = applyPreview(checkPreview(doc, "p.json"), "p.json", base);
    expect(applied.change.changes).toEqual([]);
    expect(applied.input.resources).toHaveLength(base.resources.length);
    expect(() => checkPreview({ ...doc, steps: [{ op: "read-discard", urn }] }, "p.json")).toThrow(`unknown operation "read-discard" on ${urn}`);
  });

  it("an external resource of a state export is left out, and a note names it", () => {
    const exported = JSON.parse(goJson(stackExport(plans.get("aws-dev")!)));
    exported.deployment.resources.push({ urn: "urn:pulumi:aws-dev::cenm-backup::aws:ec2/vpc:Vpc::shared", custom: true, id: "vpc-1", type: "aws:ec2/vpc:Vpc", external: true, inputs: {}, outputs: { cidrBlock: "10.0.0.0/16" } });
    const input = fromStateExport(exported, "s.json");
    expect(input.resources.some((r) => r.name === "shared")).toBe(false);
    expect(input.notes).toEqual(["s.json: 1 resource the program reads but does not manage (external) left out: shared"]);
  });
});

describe("state exports Pulumi writes that the reader refused", () => {
  it("an empty or new stack (no resources: omitted when empty) reads as an empty stack, and a preview of it is judged", async () => {
    const empty = { version: 3, deployment: { manifest: { time: "2026-11-02T09:14:07Z", magic: "abc", version: "v3.248.0" }, secrets_providers: { type: "passphrase", state: {} } } };
    const base = fromStateExport(empty, "state.json");
    expect(base.resources).toEqual([]);
    const plan = plans.get("aws-dev")!;
    const none: PlanDocument = { ...copy(plan), resources: [], outputs: {} };
    const digest = JSON.parse(goJson(previewDigest(none, plan, { config: readStackFile("aws-dev", path.join(ROOT, "stacks")).config }))) as Doc;
    const applied = applyPreview(checkPreview(digest, "p.json"), "p.json", base);
    expect(applied.input.stack).toBe("aws-dev");
    expect(applied.input.resources).toHaveLength(plan.resources.length);
    const report = audit(applied.input, { today: TODAY, change: applied.change, base });
    expect(report.change!.counts.create).toBeGreaterThan(10);
    expect(report.change!.errorsFailing).toBe(0);
    // The command line too: a new stack in preview.yml gets a judgement, not "No report".
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cenm-new-stack-"));
    try {
      fs.writeFileSync(path.join(tmp, "state.json"), JSON.stringify(empty));
      fs.writeFileSync(path.join(tmp, "preview.json"), goJson(digest));
      const r = await cli(["audit", "--preview", path.join(tmp, "preview.json"), "--base", path.join(tmp, "state.json"), "--today", "2026-11-02", "--out", path.join(tmp, "out")]);
      expect(r.out).toContain("Audit of aws-dev");
      expect(fs.existsSync(path.join(tmp, "out", "report.json"))).toBe(true);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it("version 4 with the features it can read, output values read as their value; an unknown feature is refused by name", () => {
    const exported = JSON.parse(goJson(stackExport(plans.get("aws-dev")!)));
    exported.version = 4;
    exported.features = ["outputDependencies", "refreshBeforeUpdate"];
    const root = exported.deployment.resources[0];
    const sig = "4dabf18193072939515e22adb298388d";
    const out = "d0e6a833031e9bbcd3f4e8bde6ca49a4";
    root.outputs.environment = { [sig]: out, value: "dev", dependencies: ["urn:pulumi:aws-dev::cenm-backup::aws:kms/key:Key::k"] };
    root.outputs.later = { [sig]: out, dependencies: [] };
    root.outputs.hidden = { [sig]: out, value: "x", secret: true };
    const input = fromStateExport(exported, "s.json");
    expect(input.stackOutputs.environment).toBe("dev");
    expect(input.stackOutputs.later).toBe("[unknown]");
    expect(input.stackOutputs.hidden).toBe("[secret]");
    expect(input.resources).toHaveLength(fromStateExport(JSON.parse(goJson(stackExport(plans.get("aws-dev")!))), "s.json").resources.length);
    expect(cleanValue({ [sig]: out, value: { a: [1, { [sig]: out }] } })).toEqual({ a: [1, "[unknown]"] });
    exported.features = ["outputDependencies", "byteString"];
    expect(thrown(() => fromStateExport(exported, "s.json")).message).toBe(
      "s.json: not a Pulumi stack export this audit can read: it uses the deployment feature byteString (readable: hooks, outputDependencies, refreshBeforeUpdate, taint, views)",
    );
  });

  it("pending operations are a note, not a refusal: a resource being created may exist in the cloud", async () => {
    const exported = JSON.parse(goJson(stackExport(plans.get("aws-dev")!)));
    const db = exported.deployment.resources.find((r: { type: string }) => r.type === "aws:rds/instance:Instance");
    exported.deployment.pending_operations = [{ resource: { ...db, urn: db.urn.replace(/::[^:]+$/, "::cenm-db-new") }, type: "creating" }];
    const input = fromStateExport(exported, "s.json");
    expect(input.resources).toHaveLength(fromStateExport(JSON.parse(goJson(stackExport(plans.get("aws-dev")!))), "s.json").resources.length);
    expect(input.notes).toEqual([
      "s.json: an update was interrupted while creating cenm-db-new (aws:rds/instance:Instance) (pending_operations): the resource may exist in the cloud although the state does not list it; `pulumi refresh` (or `pulumi stack import` after a manual check) settles it",
    ]);
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cenm-pending-"));
    try {
      fs.writeFileSync(path.join(tmp, "s.json"), JSON.stringify(exported));
      const r = await cli(["audit", "--state", path.join(tmp, "s.json"), "--today", "2026-11-02", "--quiet"]);
      expect(r.err).toContain("cenm-backup: note: ");
      expect(r.err).toContain("creating cenm-db-new");
      // As the base of a change, the note goes into the change (report.md and the comment).
      const applied = applyPreview(checkPreview(fixture("aws-prod-no-change.json"), "p.json"), "p.json", input);
      expect(applied.change.notes).toEqual(input.notes);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});

describe("names and steps the reader must not lose", () => {
  it("a logical name holding '::' is kept whole, as Pulumi's URN.Name reads it (everything after the third '::')", () => {
    const urn = "urn:pulumi:aws-dev::cenm-backup::cenm-backup:aws:ReplicatedDatabase$aws:s3/bucket:Bucket::team::escrow";
    expect(parseUrn(urn)).toEqual({ stack: "aws-dev", project: "cenm-backup", qualifiedType: "cenm-backup:aws:ReplicatedDatabase$aws:s3/bucket:Bucket", type: "aws:s3/bucket:Bucket", name: "team::escrow" });
    expect(urnName(urn)).toBe("team::escrow");
    expect(nameOfUrn(urn)).toBe("team::escrow");
    expect(urnName("not-a-urn")).toBe("not-a-urn");
    const doc = { steps: [{ op: "create", urn, newState: { urn, custom: true, type: "aws:s3/bucket:Bucket", inputs: { bucket: "x" } } }], changeSummary: { create: 1 } };
    const applied = applyPreview(checkPreview(doc, "p.json"), "p.json", state("aws-dev"));
    expect(applied.change.changes.map((c) => c.name)).toEqual(["team::escrow"]);
  });

  it("a create or update step without its new state (the CLI drops a state it cannot serialise) is named as not read; the rest is judged", () => {
    const doc = fixture("aws-prod-db-replaced.json");
    const update = doc.steps.find((s) => s.op === "update")!;
    delete update.newState;
    const urn = "urn:pulumi:aws-prod::cenm-backup::aws:s3/bucket:Bucket::extra";
    doc.steps.push({ op: "create", urn, provider: update.provider, detailedDiff: null });
    const base = state("aws-prod");
    const applied = applyPreview(checkPreview(doc, "p.json"), "p.json", base);
    const notes = applied.change.notes!.filter((n) => n.includes("printed no new state"));
    expect(notes).toEqual([
      expect.stringMatching(/^cenm-db-dr-replica \(aws:rds\/instance:Instance\): the preview printed no new state for this update .*what the update does to its inputs is not judged/),
      expect.stringMatching(/^extra \(aws:s3\/bucket:Bucket\): the preview printed no new state for this create .*not in the audited stack/),
    ]);
    // The replacement the preview does state is still judged.
    const report = audit(applied.input, { today: TODAY, change: applied.change, base });
    expect(report.change!.replaces).toContain("cenm-db-primary");
    expect(applied.input.resources.find((r) => r.name === "cenm-db-dr-replica")).toMatchObject({ operation: "update", inputs: base.resources.find((r) => r.name === "cenm-db-dr-replica")!.inputs });
  });
});

describe("a protection whose new value is unknown", () => {
  const res = (inputs: Record<string, unknown>): AuditResource => ({ urn: "urn:pulumi:s::p::aws:rds/instance:Instance::db", type: "aws:rds/instance:Instance", name: "db", custom: true, inputs, outputs: {}, propertyDependencies: {}, protect: true, retainOnDelete: true });

  it("is not reported as lifted: unknown is unknown", () => {
    expect(liftedProtections(res({ deletionProtection: true }), res({ deletionProtection: "[unknown]" }))).toEqual([]);
    expect(liftedProtections(res({ deletionProtection: true }), res({ deletionProtection: false }))).toHaveLength(1);
    const judged = judgeChange(
      { basis: "preview", base: "b", changes: [{ op: "update", urn: "u", type: "aws:rds/instance:Instance", name: "db", before: res({ deletionProtection: true }), after: res({ deletionProtection: "[unknown]" }), replaceReasons: [], diffReasons: ["deletionProtection"], uncertain: [] }] },
      { environment: "prod", waivers: [], today: TODAY },
    );
    expect(judged.findings).toEqual([]);
  });
});

describe("the documents' shape (test/helpers/pulumiDocuments.ts and the committed fixtures)", () => {
  it("never prints or counts a default provider's step, even with --show-sames", () => {
    const plan = plans.get("aws-dev")!;
    for (const showSames of [false, true]) {
      const digest = previewDigest(plan, plan, { showSames }) as Doc;
      expect(digest.steps.some((s) => String(s.urn).includes("::pulumi:providers:"))).toBe(false);
      expect(digest.changeSummary.same).toBe(1 + plan.resources.length);
    }
  });

  it("test/fixtures/preview-aws-prod.json is in the CLI's shape too: no default provider, the prefix in the message, detailedDiff everywhere, no outputs in a new state", () => {
    const doc = JSON.parse(fs.readFileSync(path.join(ROOT, "test", "fixtures", "preview-aws-prod.json"), "utf8")) as Doc;
    expect(doc.steps.some((s) => String(s.urn).includes("::pulumi:providers:"))).toBe(false);
    expect(doc.diagnostics!.every((d) => !("prefix" in d) && /^(warning|error|info): /.test(d.message))).toBe(true);
    for (const s of doc.steps) {
      expect("detailedDiff" in s).toBe(true);
      if (s.newState) expect(s.newState.outputs).toBeUndefined();
    }
    expect(doc.steps.length).toBe(Object.values(doc.changeSummary).reduce((a, b) => a + b, 0) + 2);
  });
});
