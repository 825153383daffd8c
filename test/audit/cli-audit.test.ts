import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../../src/cli";
import { plannedStack } from "../helpers/plans";
import { waivedObjectives, withoutObjectiveWaivers } from "../fixtures/objective-waivers";

const FIXTURES = path.join(__dirname, "..", "fixtures");

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, o: (s: string) => out.push(s), e: (s: string) => err.push(s) };
}

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), "cenm-audit-cli-"));

describe("cenm-backup audit", () => {
  it("audits a stack offline, writes report.json and report.md, and prints the summary", async () => {
    const dir = path.join(tempDir(), "out");
    const c = capture();
    const code = await main(["audit", "--stack", "aws-prod", "--out", dir, "--today", "2026-11-02"], c.o, c.e);
    // The recovery objectives the prod topology does not meet (test/fixtures/objective-waivers.ts) are waived in the
    // stack file: they count as waived, not failed, and the audit exits 0.
    const waived = waivedObjectives("aws-prod");
    expect(c.err.join("")).toBe("");
    expect(code).toBe(0);
    const report = JSON.parse(fs.readFileSync(path.join(dir, "report.json"), "utf8"));
    expect(report.schemaVersion).toBe("1.0");
    expect(report.stack).toBe("aws-prod");
    expect(report.generatedAt).toBe("2026-11-02T00:00:00.000Z");
    const md = fs.readFileSync(path.join(dir, "report.md"), "utf8");
    expect(md.startsWith("# CENM backup audit: aws-prod\n")).toBe(true);
    expect(md).toContain("```mermaid\n");
    const text = c.out.join("");
    expect(text).toMatch(new RegExp(`^Audit of aws-prod, environment prod \\(offline plan of aws-prod\\): \\d+ passed, 0 failed, ${waived.length} waived, \\d+ not applicable\n`));
    expect(text).toContain("\nNo error control fails unwaived.\n");
    expect(text).toContain(`\n  General: met-with-waivers (Met with ${waived.length} waived failures (${waived.join(", ")}).)\n`);
    expect(text).toContain("  1. Database replication: met (");
    expect(text).toContain("  4. Offline key copies: met (");
    expect(text).toContain(`report written to ${path.join(dir, "report.json")} and ${path.join(dir, "report.md")}`);
  });

  it("exits 1 on the prod plan without its objective waivers, naming exactly the objectives it waives", async () => {
    const waived = waivedObjectives("aws-prod");
    expect(waived.length).toBeGreaterThan(0);
    const dir = tempDir();
    const plan = path.join(dir, "plan.json");
    fs.writeFileSync(plan, JSON.stringify(withoutObjectiveWaivers((await plannedStack("aws-prod")).document)));
    const c = capture();
    const code = await main(["audit", "--plan", plan, "--out", path.join(dir, "out"), "--today", "2026-11-02"], c.o, c.e);
    expect(code).toBe(1);
    expect(c.err.join("")).toBe(`cenm-backup: ${waived.length} error controls failing unwaived\n`);
    const text = c.out.join("");
    expect(text).toMatch(new RegExp(`\\): \\d+ passed, ${waived.length} failed, 0 waived, \\d+ not applicable\n`));
    expect(text).toContain(`Failing error controls (${waived.length}):\n`);
    expect(text.split("\n").filter((l) => /^  CENM-/.test(l) && !/^  CENM-CH-/.test(l)).map((l) => l.trim().split(" ")[0])).toEqual(waived);
    expect(text).toMatch(/\n  CENM-RO-02 Recovery objective met for the loss of the primary region: The region-loss objective is not met \(target /);
  });

  it("exits 1 and names each failing error control when one fails unwaived", async () => {
    const dir = tempDir();
    const c = capture();
    const code = await main(["audit", "--state", path.join(FIXTURES, "state-aws-prod.json"), "--out", dir, "--today", "2026-11-02"], c.o, c.e);
    expect(code).toBe(1);
    // The fixture deploys the earlier prod design (a Multi-AZ DB cluster with no copy AWS can make elsewhere, key
    // policies that do not deny rewriting themselves).
    // It records no recovery objectives and waives none, so prod's defaults apply: CENM-RO-02 fails (nothing AWS can
    // copy brings the cluster back in another region) and CENM-RO-05 (the escrow's replica is kept in an archived
    // class, 12 h to read). Malicious deletion meets prod's AWS default, the floor (2 h: hourly points, each job within
    // its 60-minute start window), so CENM-RO-04 is not among them.
    expect(c.out.join("")).toContain("Failing error controls (6):\n  CENM-DB-03 Each database has a copy in another region");
    expect(c.out.join("")).toContain("\n  CENM-RO-02 Recovery objective met for the loss of the primary region: The region-loss objective is not met (target RPO 15 min / RTO 1 h, estimate not recoverable");
    expect(c.out.join("")).toContain("\n  CENM-RO-05 Recovery objective met for the loss of a key copy: The key-copy-loss objective is not met (target RPO 0 s / RTO 1 h, estimate RPO 15 min / RTO 12 h");
    expect(c.out.join("")).not.toContain("\n  CENM-RO-04 ");
    expect(c.out.join("")).toContain("\n  CENM-SN-06 Failed backups are notified, and the notice reaches someone: ");
    expect(c.err.join("")).toBe("cenm-backup: 6 error controls failing unwaived\n");
    const report = JSON.parse(fs.readFileSync(path.join(dir, "report.json"), "utf8"));
    expect(report.summary.errorsFailing).toBe(6);
    expect(report.summary.waived).toBe(0);
  });

  it("audits a preview and a plan file", async () => {
    const dir = tempDir();
    const plan = path.join(dir, "plan.json");
    const c = capture();
    expect(await main(["plan", "--stack", "aws-staging", "--json", plan, "--quiet"], c.o, c.e)).toBe(0);
    expect(await main(["audit", "--plan", plan, "--quiet"], c.o, c.e)).toBe(0);
    expect(await main(["audit", "--preview", path.join(FIXTURES, "preview-aws-prod.json")], c.o, c.e)).toBe(1);
    expect(c.out.join("")).toContain(`Audit of aws-prod, environment prod (${path.join(FIXTURES, "preview-aws-prod.json")}):`);
  });

  it("exits 1 naming the file when an input file is bad, with no stack trace", async () => {
    const bad: [string[], string][] = [
      [["--state", path.join(FIXTURES, "state-truncated.json")], `cenm-backup: ${path.join(FIXTURES, "state-truncated.json")}: not valid JSON (truncated or corrupted?): `],
      [["--state", path.join(FIXTURES, "state-wrong-shape.json")], `cenm-backup: ${path.join(FIXTURES, "state-wrong-shape.json")}: not a Pulumi stack export: deployment.manifest is missing\n`],
      [["--preview", path.join(FIXTURES, "preview-truncated.json")], `cenm-backup: ${path.join(FIXTURES, "preview-truncated.json")}: not valid JSON`],
      [["--preview", path.join(FIXTURES, "preview-wrong-shape.json")], `${path.join(FIXTURES, "preview-wrong-shape.json")}: not a Pulumi preview (pulumi preview --json): steps[0].newState.type: expected string, received number\n`],
      [["--plan", path.join(FIXTURES, "state-aws-prod.json")], `${path.join(FIXTURES, "state-aws-prod.json")}: not a cenm-backup plan (plan --json): stack is missing\n`],
      [["--state", path.join(FIXTURES, "missing.json")], `${path.join(FIXTURES, "missing.json")}: cannot be read: no such file\n`],
    ];
    for (const [args, message] of bad) {
      const dir = tempDir();
      const c = capture();
      expect(await main(["audit", ...args, "--out", dir], c.o, c.e)).toBe(1);
      const err = c.err.join("");
      expect(err).toContain(message);
      expect(err).not.toMatch(/\n\s+at /);
      expect(fs.readdirSync(dir)).toEqual([]);
      expect(c.out.join("")).toBe("");
    }
  });

  it("exits 2 on usage errors", async () => {
    const cases: [string[], string][] = [
      [[], "audit one source: --stack <name>, --plan <file>, --state <file> or --preview <file>"],
      [["--stack", "aws-prod", "--state", "s.json"], "audit one source"],
      [["--state"], "--state needs a value"],
      [["--stack", "aws-prod", "--today", "2 Nov"], '--today: received "2 Nov"; expected a date as YYYY-MM-DD'],
      [["--stack", "aws-prod", "--verbose"], 'unknown argument "--verbose"'],
      [["diff", "one.json"], "audit diff takes two report.json files: <base> <head>"],
    ];
    for (const [args, message] of cases) {
      const c = capture();
      expect(await main(["audit", ...args], c.o, c.e)).toBe(2);
      expect(c.err.join("")).toContain(`cenm-backup: ${message}`);
      expect(c.err.join("")).toContain("cenm-backup audit diff <base report.json> <head report.json>");
    }
  });

  it("prints the Markdown diff of two reports", async () => {
    const dir = tempDir();
    const c = capture();
    await main(["audit", "--stack", "aws-prod", "--out", path.join(dir, "base"), "--today", "2026-11-02", "--quiet"], c.o, c.e);
    await main(["audit", "--state", path.join(FIXTURES, "state-aws-prod.json"), "--out", path.join(dir, "head"), "--today", "2026-11-02", "--quiet"], c.o, c.e);
    const d = capture();
    const code = await main(["audit", "diff", path.join(dir, "base", "report.json"), path.join(dir, "head", "report.json")], d.o, d.e);
    expect(d.err.join("")).toBe("");
    expect(code).toBe(0);
    const md = d.out.join("");
    expect(md.startsWith("## Audit diff: `aws-prod`\n")).toBe(true);
    expect(md).toContain("| CENM-SN-06 | Failed backups are notified, and the notice reaches someone | error | pass | fail | worse |");
    // The plan waives the objectives prod does not meet; the state records no waiver, so they fail there: worse.
    for (const id of waivedObjectives("aws-prod")) expect(md).toMatch(new RegExp(`\\n\\| ${id} \\| [^|]+ \\| error \\| waived \\(${id}\\) \\| fail \\| worse \\|\\n`));
    expect(md).toContain("**Verdict: mixed**: 8 controls newly failing (CENM-DB-03, CENM-GN-06, CENM-GN-07, CENM-KY-07, CENM-RO-02, CENM-RO-05, CENM-SN-05, CENM-SN-06);");
  });

  it("refuses to diff a file that is not a report", async () => {
    const c = capture();
    const state = path.join(FIXTURES, "state-aws-prod.json");
    expect(await main(["audit", "diff", state, state], c.o, c.e)).toBe(1);
    expect(c.err.join("")).toBe(`cenm-backup: ${state}: not a cenm-backup audit report: schemaVersion is missing\n`);
  });
});
