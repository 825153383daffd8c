/** `cenm-backup runbook` and the runbook.md that `audit --out` writes beside its reports. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../../src/cli";
import { plannedStack } from "../helpers/plans";

const FIXTURES = path.join(__dirname, "..", "fixtures");

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, o: (s: string) => out.push(s), e: (s: string) => err.push(s) };
}

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), "cenm-runbook-cli-"));

describe("cenm-backup runbook", () => {
  it("plans a stack offline, writes runbook.md and prints a summary that says which scenarios cannot be recovered", async () => {
    const dir = path.join(tempDir(), "out");
    const c = capture();
    expect(await main(["runbook", "--stack", "aws-dev", "--out", dir, "--today", "2026-11-02"], c.o, c.e)).toBe(0);
    expect(c.err.join("")).toBe("");
    const text = c.out.join("");
    expect(text).toMatch(/^Runbook of aws-dev, environment dev \(offline plan of aws-dev\): 5 scenarios, 2 recoverable from the declared topology\n/);
    expect(text).toContain("  2. Loss of the primary region: NOT RECOVERABLE (no declared copy of database cenm-db-primary, file system cenm-files-fs, signing keys survives)\n");
    expect(text).toContain(`runbook written to ${path.join(dir, "runbook.md")}\n`);
    const md = fs.readFileSync(path.join(dir, "runbook.md"), "utf8");
    expect(md.startsWith("# CENM disaster-recovery runbook: aws-dev\n")).toBe(true);
    expect(md).toContain("generated 2026-11-02T00:00:00.000Z");
  });

  it("reads any input file with --input (state, preview, plan), and prints the whole book with --print", async () => {
    const dir = tempDir();
    const plan = path.join(dir, "plan.json");
    // The plan file plan --json writes: the plan document's fields (from the shared cache, not planned again).
    const { stack, project, preview, resources, outputs } = (await plannedStack("azure-staging")).document;
    fs.writeFileSync(plan, JSON.stringify({ stack, project, preview, resources, outputs }));
    for (const file of [path.join(FIXTURES, "state-aws-prod.json"), path.join(FIXTURES, "preview-aws-prod.json"), plan]) {
      const r = capture();
      expect(await main(["runbook", "--input", file, "--print"], r.o, r.e)).toBe(0);
      expect(r.out.join("")).toMatch(/^# CENM disaster-recovery runbook: (aws-prod|azure-staging)\n/);
      expect(r.err.join("")).toBe("");
    }
    const s = capture();
    expect(await main(["runbook", "--state", path.join(FIXTURES, "state-aws-prod.json")], s.o, s.e)).toBe(0);
    expect(s.out.join("")).toContain("Names: 16 declared resources named, all with their physical names");
    expect(s.err.join("")).toBe("cenm-backup: no runbook file written (add --out <dir> for runbook.md, or --print for the whole runbook on stdout)\n");
  });

  it("exits 1 naming the file when the input is missing, damaged or of no known kind, and writes nothing", async () => {
    const cases: [string[], string][] = [
      [["--input", path.join(FIXTURES, "missing.json")], `${path.join(FIXTURES, "missing.json")}: cannot be read: no such file\n`],
      [["--input", path.join(FIXTURES, "state-truncated.json")], `${path.join(FIXTURES, "state-truncated.json")}: not valid JSON`],
      [["--input", path.join(__dirname, "..", "..", "package.json")], "package.json: neither a plan (cenm-backup plan --json), a state (pulumi stack export) nor a preview (pulumi preview --json)"],
      [["--input", path.join(FIXTURES, "state-wrong-shape.json")], `${path.join(FIXTURES, "state-wrong-shape.json")}: not a Pulumi stack export: deployment.manifest is missing\n`],
      [["--plan", path.join(FIXTURES, "state-aws-prod.json")], "not a cenm-backup plan (plan --json): stack is missing"],
    ];
    for (const [args, message] of cases) {
      const dir = tempDir();
      const c = capture();
      expect(await main(["runbook", ...args, "--out", dir], c.o, c.e)).toBe(1);
      expect(c.err.join("")).toContain(message);
      expect(c.err.join("")).not.toMatch(/\n\s+at /);
      expect(fs.readdirSync(dir)).toEqual([]);
      expect(c.out.join("")).toBe("");
    }
  });

  it("exits 2 on usage errors, and refuses to write into the stacks directory", async () => {
    const cases: [string[], string][] = [
      [[], "runbook of one source: --stack <name>, --input <file>"],
      [["--stack", "aws-prod", "--input", "x.json"], "runbook of one source"],
      [["--input"], "--input needs a value"],
      [["--stack", "aws-prod", "--today", "today"], '--today: received "today"; expected a date as YYYY-MM-DD'],
      [["--stack", "aws-prod", "--verbose"], 'unknown argument "--verbose"'],
      [["--stack", "aws-prod", "--out", "stacks"], "--out: received \"stacks\"; expected a path outside the stacks directory"],
    ];
    for (const [args, message] of cases) {
      const c = capture();
      expect(await main(["runbook", ...args], c.o, c.e)).toBe(2);
      expect(c.err.join("")).toContain(`cenm-backup: ${message}`);
      expect(c.err.join("")).toContain("cenm-backup runbook (--stack <name>");
    }
  });

  it("is written by audit --out beside report.json and report.md, from the same input", async () => {
    const dir = tempDir();
    const c = capture();
    await main(["audit", "--state", path.join(FIXTURES, "state-aws-prod.json"), "--out", dir, "--today", "2026-11-02"], c.o, c.e);
    expect(fs.readdirSync(dir).sort()).toEqual(["report.json", "report.md", "runbook.md"]);
    expect(c.out.join("")).toContain(`runbook written to ${path.join(dir, "runbook.md")}\n`);
    const md = fs.readFileSync(path.join(dir, "runbook.md"), "utf8");
    expect(md).toContain("Source: deployed state (pulumi stack export)");
    expect(md).toContain("generated 2026-11-02T00:00:00.000Z");
    const r = capture();
    await main(["runbook", "--state", path.join(FIXTURES, "state-aws-prod.json"), "--print", "--today", "2026-11-02"], r.o, r.e);
    expect(r.out.join("")).toBe(md);
  });
});
