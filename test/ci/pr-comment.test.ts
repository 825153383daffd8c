/** The PR audit comment: one per pull request (marker), diff and diagram for changed stacks, failing stacks named. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { spawnSync } from "child_process";
import { COMMENT_MARKER, mermaidBlock, previewMarker, recoveryObjectivesSection, renderPrComment, renderPreviewComment } from "../../scripts/pr-comment";
import type { AuditReport } from "../../src/audit/report/schema";
import { main } from "../../src/cli";
import { waivedObjectives } from "../fixtures/objective-waivers";

jest.setTimeout(120000);

const ROOT = path.join(__dirname, "../..");
let dir: string;
let prod: AuditReport;
let prodMd: string;
/** aws-prod audited against its own plan (no change), and against a plan whose database had another master user. */
let unchanged: AuditReport;
let replaced: AuditReport;
let replacedMd: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "pr-comment-"));
  const code = await main(["audit", "--stack", "aws-prod", "--stacks-dir", path.join(ROOT, "stacks"), "--out", path.join(dir, "head/aws-prod"), "--today", "2026-11-01", "--quiet"], () => undefined, () => undefined);
  // Exit 0: the recovery objectives the prod topology misses are waived in the stack file (test/fixtures/objective-waivers.ts).
  expect(code).toBe(0);
  prod = JSON.parse(fs.readFileSync(path.join(dir, "head/aws-prod/report.json"), "utf8"));
  prodMd = fs.readFileSync(path.join(dir, "head/aws-prod/report.md"), "utf8");
  // The base branch's plan as pr.yml writes it; a second base whose database had another master user name, so
  // that the head (the shipped stack) replaces it.
  const plan = path.join(dir, "aws-prod.plan.json");
  expect(await main(["plan", "--stack", "aws-prod", "--stacks-dir", path.join(ROOT, "stacks"), "--json", plan, "--quiet"], () => undefined, () => undefined)).toBe(0);
  const other = JSON.parse(fs.readFileSync(plan, "utf8")) as { resources: { name: string; inputs: Record<string, unknown> }[] };
  other.resources.find((r) => r.name === "cenm-db-primary")!.inputs.username = "cenm_owner";
  const otherPlan = path.join(dir, "aws-prod-other.plan.json");
  fs.writeFileSync(otherPlan, JSON.stringify(other));
  const audited = async (base: string, out: string) => {
    const code = await main(["audit", "--stack", "aws-prod", "--stacks-dir", path.join(ROOT, "stacks"), "--base", base, "--out", path.join(dir, out), "--today", "2026-11-01", "--quiet"], () => undefined, () => undefined);
    return { code, report: JSON.parse(fs.readFileSync(path.join(dir, out, "report.json"), "utf8")) as AuditReport, md: fs.readFileSync(path.join(dir, out, "report.md"), "utf8") };
  };
  // Against its own plan the change judgement finds nothing: the exit code is the stack's own, 0 as above.
  const same = await audited(plan, "same");
  expect(same.report.change).toMatchObject({ replaces: [], deletes: [], liftsProtection: [], findings: [], errorsFailing: 0 });
  expect(same.code).toBe(code);
  unchanged = same.report;
  // Against the other base, the replacement is one more unwaived error, and the audit fails whatever the stack's own.
  const r = await audited(otherPlan, "replaced");
  expect(r.code).toBe(1);
  expect(r.report.change!.errorsFailing).toBe(1);
  replaced = r.report;
  replacedMd = r.md;
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("PR comment", () => {
  it("starts with the hidden marker and says when nothing changed", () => {
    const { body, failing } = renderPrComment([{ stack: "aws-prod", headExit: 0, head: prod, headMarkdown: prodMd, base: prod, baseMarkdown: prodMd }]);
    expect(body.startsWith(`${COMMENT_MARKER}\n`)).toBe(true);
    expect(failing).toEqual([]);
    expect(body).toContain("| `aws-prod` |");
    // The objectives prod does not meet count as waived: no error control fails.
    expect(body).toContain(`:white_check_mark: ${prod.summary.pass} pass, 0 fail, ${waivedObjectives("aws-prod").length} waived, ${prod.summary.notApplicable} n/a; 0 error controls failing`);
    expect(body).toContain("| unchanged |");
    expect(body).toContain("No stack's posture or topology changed.");
    expect(body).not.toContain("```mermaid");
  });

  it("shows the diff and the head's diagram for a changed stack, and fails on an error control", () => {
    const weaker: AuditReport = JSON.parse(JSON.stringify(prod));
    const f = weaker.findings.find((x) => x.severity === "error" && x.outcome === "pass")!;
    f.outcome = "fail";
    weaker.summary.errorsFailing = 1;
    const { body, failing } = renderPrComment([{ stack: "aws-prod", headExit: 1, head: weaker, headMarkdown: prodMd, base: prod, baseMarkdown: prodMd }], { runUrl: "https://example.invalid/run/1" });
    expect(failing).toEqual(["aws-prod"]);
    expect(body).toContain("### `aws-prod`: worse");
    expect(body).toContain(f.id);
    expect(body).toContain(mermaidBlock(prodMd)!);
    expect(body).toContain("The check fails.");
    expect(body).toContain("https://example.invalid/run/1");
  });

  it("treats a stack without base report as new and a missing head report as failing", () => {
    const { body, failing } = renderPrComment([
      { stack: "aws-prod", headExit: 0, head: prod, headMarkdown: prodMd },
      { stack: "aws-x", headExit: 1 },
    ], { removed: ["aws-old"] });
    expect(body).toContain("new stack (no base report)");
    expect(body).toContain("| `aws-x` | no report (audit exit code 1) | - |");
    expect(body).toContain("| `aws-old` | removed by this pull request | - |");
    expect(failing).toEqual(["aws-x"]);
  });

  it("says in one line that a pull request changing nothing changes no resource", () => {
    const { body, failing } = renderPrComment([{ stack: "aws-prod", headExit: 0, head: unchanged, headMarkdown: prodMd, base: prod, baseMarkdown: prodMd }]);
    expect(failing).toEqual([]);
    expect(body).toContain("\nThis pull request changes no resource of `aws-prod`.\n");
    expect(body).not.toContain("What this pull request does");
  });

  it("leads with what the pull request replaces, names the property that forces it, and fails without a waiver", () => {
    const { body, failing } = renderPrComment([
      { stack: "aws-prod", headExit: 1, head: replaced, headMarkdown: replacedMd, base: prod, baseMarkdown: prodMd },
      { stack: "aws-staging", headExit: 0, head: unchanged, headMarkdown: prodMd, base: prod, baseMarkdown: prodMd },
    ]);
    expect(failing).toEqual(["aws-prod"]);
    const lead = body.indexOf("- `aws-prod`: replaces `cenm-db-primary` (username)");
    expect(lead).toBeGreaterThan(0);
    expect(lead).toBeLessThan(body.indexOf("| Stack |"));
    expect(body).toContain("deletes nothing; lifts protection on nothing. :x: 1 unwaived error");
    expect(body).toContain("No resource changes in `aws-staging`.");
    expect(body).toContain("### `aws-prod`: resources change, posture unchanged");
    expect(body).toContain('username "cenm_owner" -> "cenmdba" forces a new one');
    expect(body).toContain("1 change without a waiver");
  });

  it("gives the preview workflow one comment per stack, from the judgement of the real preview", () => {
    const r = renderPreviewComment("aws-prod", replaced, 1, { runUrl: "https://example.invalid/run/2" });
    expect(r.body.startsWith(`${previewMarker("aws-prod")}\n`)).toBe(true);
    expect(r.body).toContain("`aws-prod`: replaces `cenm-db-primary` (username)");
    expect(r.body).toContain("**The check fails**");
    expect(r.failing).toEqual(["aws-prod"]);
    expect(renderPreviewComment("aws-prod", unchanged, 0).body).toContain("The preview changes no resource of `aws-prod`.");
  });

  it("fails the preview's check when `pulumi preview` itself failed (Pulumi refuses a protected change), and shows the notes", () => {
    const refused = { ...replaced, change: { ...replaced.change!, notes: ["Pulumi refuses to replace cenm-db-primary (aws:rds/instance:Instance): it is protected."] } };
    const r = renderPreviewComment("aws-prod", refused, 0, { previewExitCode: 1 });
    expect(r.failing).toEqual(["aws-prod"]);
    expect(r.body).toContain("**`pulumi preview` itself failed** (exit code 1): Pulumi refuses part of this change (see the notes), and `pulumi up` would stop at the same step. The check fails.");
    expect(r.body).toContain("Notes:\n- Pulumi refuses to replace cenm-db-primary");
    expect(renderPreviewComment("aws-prod", refused, 0, { previewExitCode: 0 }).failing).toEqual([]);
    // A change that touches nothing still shows what the sources could not settle.
    const noted = { ...unchanged, change: { ...unchanged.change!, notes: ["s.json: an update was interrupted"] } };
    expect(renderPreviewComment("aws-prod", noted, 0).body).toContain("The preview changes no resource of `aws-prod`.\n\nNotes:\n- s.json: an update was interrupted");
  });

  it("folds the head's recovery objectives away, target / estimate / floor per disruption (issue 21)", () => {
    const section = recoveryObjectivesSection([{ stack: "aws-prod", headExit: 0, head: prod }, { stack: "aws-x", headExit: 1 }]);
    expect(section[0]).toBe("<details><summary>Recovery objectives (head): target / estimate / floor per disruption</summary>");
    expect(section).toContain("| `aws-prod` | az-loss | RPO 0 s / RTO 5 min | RPO 0 s / RTO 2 min | RPO 0 s / RTO 35 s | met |");
    expect(section.filter((l) => l.startsWith("| `aws-prod` |"))).toHaveLength(5);
    // The verdict per disruption is the report's own: not met for the objectives of the fixture's list (waived, but
    // not met), and only those.
    const notMet = section.filter((l) => l.endsWith(":x: not met |")).map((l) => l.split(" | ")[1]);
    const failingKeys = prod.scenarios.filter((sc) => sc.objective?.met === false).map((sc) => sc.objective!.key);
    expect(notMet).toEqual(failingKeys);
    expect(failingKeys).toEqual(prod.findings.filter((f) => f.outcome === "waived").map((f) => f.evidence[0].properties.objective));
    expect(failingKeys).toHaveLength(waivedObjectives("aws-prod").length);
    expect(renderPrComment([{ stack: "aws-prod", headExit: 0, head: prod, headMarkdown: prodMd, base: prod, baseMarkdown: prodMd }]).body).toContain(section.join("\n"));
    // No report with an objective, no section.
    expect(recoveryObjectivesSection([{ stack: "aws-x", headExit: 1 }])).toEqual([]);
  });

  it("runs as the workflow calls it, from the out directory", () => {
    fs.writeFileSync(path.join(dir, "head/aws-prod.exit"), "0\n");
    fs.mkdirSync(path.join(dir, "base"), { recursive: true });
    fs.cpSync(path.join(dir, "head/aws-prod"), path.join(dir, "base/aws-prod"), { recursive: true });
    fs.writeFileSync(path.join(dir, "base/aws-prod.exit"), "0\n");
    const script = path.join(ROOT, "dist/scripts/pr-comment.js");
    if (!fs.existsSync(script)) throw new Error("dist/scripts/pr-comment.js missing: run `npm test` (tsc -p . builds it)");
    const r = spawnSync(process.execPath, [script, dir], { encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe("failing=0");
    expect(fs.readFileSync(path.join(dir, "pr-comment.md"), "utf8")).toContain("| `aws-prod` |");
    const preview = spawnSync(process.execPath, [script, "--preview", "aws-prod", path.join(dir, "replaced/report.json"), path.join(dir, "preview.md"), "1"], { encoding: "utf8" });
    expect(preview.stdout.trim()).toBe("failing=1");
    expect(fs.readFileSync(path.join(dir, "preview.md"), "utf8")).toContain("replaces `cenm-db-primary` (username)");
  });
});
