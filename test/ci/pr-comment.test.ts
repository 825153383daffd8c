/** The PR audit comment: one per pull request (marker), diff and diagram for changed stacks, failing stacks named. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { spawnSync } from "child_process";
import { COMMENT_MARKER, mermaidBlock, recoveryObjectivesSection, renderPrComment } from "../../scripts/pr-comment";
import type { AuditReport } from "../../src/audit/report/schema";
import { main } from "../../src/cli";
import { objectiveFailures } from "../fixtures/objective-failures";

jest.setTimeout(120000);

const ROOT = path.join(__dirname, "../..");
let dir: string;
let prod: AuditReport;
let prodMd: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "pr-comment-"));
  const code = await main(["audit", "--stack", "aws-prod", "--stacks-dir", path.join(ROOT, "stacks"), "--out", path.join(dir, "head/aws-prod"), "--today", "2026-11-01", "--quiet"], () => undefined, () => undefined);
  // Exit 1 while the prod topology misses recovery objectives (test/fixtures/objective-failures.ts).
  expect(code).toBe(objectiveFailures("aws-prod").length > 0 ? 1 : 0);
  prod = JSON.parse(fs.readFileSync(path.join(dir, "head/aws-prod/report.json"), "utf8"));
  prodMd = fs.readFileSync(path.join(dir, "head/aws-prod/report.md"), "utf8");
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("PR comment", () => {
  it("starts with the hidden marker and says when nothing changed", () => {
    const { body, failing } = renderPrComment([{ stack: "aws-prod", headExit: 0, head: prod, headMarkdown: prodMd, base: prod, baseMarkdown: prodMd }]);
    expect(body.startsWith(`${COMMENT_MARKER}\n`)).toBe(true);
    expect(failing).toEqual([]);
    expect(body).toContain("| `aws-prod` |");
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

  it("folds the head's recovery objectives away, target / estimate / floor per disruption (issue 21)", () => {
    const section = recoveryObjectivesSection([{ stack: "aws-prod", headExit: 0, head: prod }, { stack: "aws-x", headExit: 1 }]);
    expect(section[0]).toBe("<details><summary>Recovery objectives (head): target / estimate / floor per disruption</summary>");
    expect(section).toContain("| `aws-prod` | az-loss | RPO 0 s / RTO 5 min | RPO 0 s / RTO 2 min | RPO 0 s / RTO 35 s | met |");
    expect(section.filter((l) => l.startsWith("| `aws-prod` |"))).toHaveLength(5);
    // The verdict per disruption is the report's own: the failing ones of the fixture's list, and only those.
    const notMet = section.filter((l) => l.endsWith(":x: not met |")).map((l) => l.split(" | ")[1]);
    const failingKeys = prod.scenarios.filter((sc) => sc.objective?.met === false).map((sc) => sc.objective!.key);
    expect(notMet).toEqual(failingKeys);
    expect(failingKeys).toHaveLength(objectiveFailures("aws-prod").length);
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
  });
});
