import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../../src/cli";

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, o: (s: string) => out.push(s), e: (s: string) => err.push(s) };
}

function tempStacks(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cenm-stacks-"));
  for (const [name, body] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), body);
  return dir;
}

describe("cenm-backup plan", () => {
  it("stops with exit 1 when a declared resource breaks a platform limit, naming the resource, property, rule and link, and writes nothing", async () => {
    const { PLATFORM_LIMITS } = await import("../../src/domain/limits");
    const { violation } = await import("../../src/domain/limits/types");
    const limits = PLATFORM_LIMITS as unknown as import("../../src/domain/limits").PlatformLimit[];
    // A limit every RDS instance breaks, added for this test only: the plan's gate runs whatever the table holds.
    limits.push({
      id: "test-no-rds-instances",
      cloud: "aws",
      rule: "Test rule: no RDS instance.",
      source: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Welcome.html",
      basis: "documented",
      resourceTypes: ["aws:rds/instance:Instance"],
      check(g) {
        return g.ofType("aws:rds/instance:Instance").map((r) => violation(this, r, "engine", `is ${String(r.inputs.engine)}`));
      },
    });
    try {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cenm-plan-"));
      const file = path.join(dir, "plan.json");
      const c = capture();
      expect(await main(["plan", "--stack", "aws-dev", "--json", file], c.o, c.e)).toBe(1);
      const err = c.err.join("");
      expect(err).toContain('The plan of stack "aws-dev" declares what the cloud would refuse or silently break (1 platform-limit violation)');
      expect(err).toContain("cenm-db-primary (aws:rds/instance:Instance), engine: is postgres. Test rule: no RDS instance. [test-no-rds-instances, documented: https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Welcome.html]");
      expect(fs.existsSync(file)).toBe(false);
    } finally {
      limits.pop();
    }
  });

  it("prints a per-element summary and writes the plan JSON", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cenm-plan-"));
    const file = path.join(dir, "plan.json");
    const c = capture();
    const code = await main(["plan", "--stack", "aws-prod", "--json", file], c.o, c.e);
    expect(c.err.join("")).toBe("");
    expect(code).toBe(0);
    const text = c.out.join("");
    for (const title of ["1. Database replication", "2. Rolling database snapshots", "3. Replicated file storage", "4. Offline-style key vault"]) {
      expect(text).toContain(title);
    }
    expect(text).toMatch(/standby\s+eu-west-1 .* synchronous/);
    expect(text).toMatch(/cross-region-replica\s+eu-central-1\s+asynchronous/);
    expect(text).toContain("eu-central-1");
    // Target / estimate / floor per disruption, each judged, and what holds after a region failover.
    expect(text).toContain("Recovery objectives (target / estimate / floor per disruption; the audit's CENM-RO controls judge them)");
    expect(text).toMatch(/- region-loss\s+target RPO 15 min \/ RTO 1 h\s+estimate RPO \S+ \S+ \/ RTO \S+ \S+\s+floor RPO 15 min \/ RTO 15 min\s+(met|NOT MET)/);
    expect(text).toContain("  after a region failover:\n    1. Database replication: ");
    const doc = JSON.parse(fs.readFileSync(file, "utf8"));
    expect(doc.stack).toBe("aws-prod");
    expect(doc.resources.length).toBeGreaterThan(50);
    for (const r of doc.resources) expect(Object.keys(r).sort()).toEqual(expect.arrayContaining(["inputs", "name", "options", "type"]));
    expect(doc.resources.find((r: any) => r.name === "cenm-db-primary").parent).toBe("cenm-db");
  });

  it("refuses a bad stack file with the key, the value and what is expected, and writes nothing", async () => {
    const dir = tempStacks({
      "Pulumi.broken.yaml": fs.readFileSync("stacks/Pulumi.aws-prod.yaml", "utf8").replace("environment: prod", "environment: prod\n  cenm-backup:database:\n    engineVersion: \"11\""),
    });
    const json = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cenm-out-")), "out", "plan.json");
    const c = capture();
    const code = await main(["plan", "--stack", "broken", "--stacks-dir", dir, "--json", json], c.o, c.e);
    expect(code).toBe(1);
    expect(c.err.join("")).toContain('cenm-backup:database.engineVersion: received "11"; expected PostgreSQL 12, 13, 14, 15 or 16');
    expect(fs.existsSync(json)).toBe(false);
    expect(c.out.join("")).toBe("");
  });

  it("refuses a break-glass role outside the stack's account, and a protected stack that states no account", async () => {
    const prod = fs.readFileSync("stacks/Pulumi.aws-prod.yaml", "utf8");
    const dir = tempStacks({
      "Pulumi.elsewhere.yaml": prod.replace("arn:aws:iam::111122223333:role/cenm-break-glass", "arn:aws:iam::444455556666:role/cenm-break-glass"),
      "Pulumi.unstated.yaml": prod.replace(/^  aws:allowedAccountIds: .*\n/m, ""),
    });
    const c = capture();
    expect(await main(["plan", "--stack", "elsewhere", "--stacks-dir", dir], c.o, c.e)).toBe(1);
    expect(c.err.join("")).toContain('cenm-backup:protection.breakGlassPrincipalArn: received "arn:aws:iam::444455556666:role/cenm-break-glass"; expected an IAM principal of the stack\'s account 111122223333 (aws:allowedAccountIds)');
    const d = capture();
    expect(await main(["plan", "--stack", "unstated", "--stacks-dir", dir], d.o, d.e)).toBe(1);
    expect(d.err.join("")).toContain('aws:allowedAccountIds: received nothing (the key is not set); expected ["111122223333"], the one account the stack deploys to');
    expect(c.out.join("") + d.out.join("")).toBe("");
  });

  it("refuses a secret config value instead of copying it into resources", async () => {
    const dir = tempStacks({
      "Pulumi.secret.yaml": fs.readFileSync("stacks/Pulumi.aws-dev.yaml", "utf8") + "  cenm-backup:alerts:\n    secure: v1:c2VjcmV0:AAAAAAAAAAAAAAAA\n",
    });
    const c = capture();
    expect(await main(["plan", "--stack", "secret", "--stacks-dir", dir], c.o, c.e)).toBe(1);
    expect(c.err.join("")).toContain("cenm-backup:alerts: received a secret value; expected a plain value");
  });

  it("names an unknown stack and lists the known ones", async () => {
    const c = capture();
    expect(await main(["plan", "--stack", "aws-qa"], c.o, c.e)).toBe(1);
    expect(c.err.join("")).toContain('--stack: received "aws-qa"; expected one of aws-dev, aws-prod, aws-sandbox, aws-staging');
  });

  it("rejects malformed YAML with the file named", async () => {
    const dir = tempStacks({ "Pulumi.bad.yaml": "config:\n  cenm-backup:cloud: [aws\n" });
    const c = capture();
    expect(await main(["plan", "--stack", "bad", "--stacks-dir", dir], c.o, c.e)).toBe(1);
    expect(c.err.join("")).toMatch(/Pulumi\.bad\.yaml: not valid YAML/);
  });

  it("names a list at the top of a stack file, and a bad cloud next to a missing environment", async () => {
    const dir = tempStacks({ "Pulumi.list.yaml": "- config\n", "Pulumi.gcp.yaml": "config:\n  cenm-backup:cloud: gcp\n" });
    const c = capture();
    expect(await main(["plan", "--stack", "list", "--stacks-dir", dir], c.o, c.e)).toBe(1);
    expect(c.err.join("")).toContain('Pulumi.list.yaml: received a list at the top; expected a map with a "config:" key');
    const d = capture();
    expect(await main(["plan", "--stack", "gcp", "--stacks-dir", dir], d.o, d.e)).toBe(1);
    expect(d.err.join("")).toContain('cenm-backup:cloud: received "gcp"; expected one of "aws", "azure"');
    expect(d.err.join("")).toContain("cenm-backup:environment: received nothing (the key is not set)");
  });

  it("reports usage errors with exit code 2", async () => {
    const c = capture();
    expect(await main(["plan"], c.o, c.e)).toBe(2);
    expect(await main(["plan", "--stack"], c.o, c.e)).toBe(2);
    expect(await main(["deploy"], c.o, c.e)).toBe(2);
    expect(c.err.join("")).toContain("usage: cenm-backup plan");
  });
});

describe("cenm-backup, answering at once", () => {
  const outDir = () => fs.mkdtempSync(path.join(os.tmpdir(), "cenm-out-"));

  it("prints --help (exit 0), --version from package.json, and usage on stderr when no command is given (exit 2)", async () => {
    const c = capture();
    expect(await main(["--help"], c.o, c.e)).toBe(0);
    expect(await main(["plan", "--help"], c.o, c.e)).toBe(0);
    expect(c.out.join("")).toContain("exit codes: 0 done");
    const v = capture();
    expect(await main(["--version"], v.o, v.e)).toBe(0);
    expect(v.out.join("").trim()).toBe(JSON.parse(fs.readFileSync("package.json", "utf8")).version);
    const none = capture();
    expect(await main([], none.o, none.e)).toBe(2);
    expect(none.out).toEqual([]);
    expect(none.err.join("")).toContain("usage: cenm-backup plan");
  });

  it("lists the stacks with their cloud and environment", async () => {
    const c = capture();
    expect(await main(["stacks"], c.o, c.e)).toBe(0);
    expect(c.out.join("")).toMatch(/^aws-prod\s+aws\s+prod$/m);
    expect(c.out.join("")).toMatch(/^azure-dev\s+azure\s+dev$/m);
  });

  it("plans every valid stack with --all, reports each invalid one, and exits 1", async () => {
    const dir = tempStacks({
      "Pulumi.good.yaml": fs.readFileSync("stacks/Pulumi.aws-dev.yaml", "utf8"),
      "Pulumi.bad.yaml": fs.readFileSync("stacks/Pulumi.aws-dev.yaml", "utf8").replace("environment: dev", "environment: devv"),
      "Pulumi.worse.yaml": "config: [",
    });
    const c = capture();
    expect(await main(["plan", "--all", "--stacks-dir", dir], c.o, c.e)).toBe(1);
    expect(c.out.join("")).toContain("Stack good: dev on aws");
    expect(c.err.join("")).toContain('cenm-backup:environment: received "devv"');
    expect(c.err.join("")).toContain("Pulumi.worse.yaml: not valid YAML");
    expect(c.err.join("")).toContain("2 of 3 stacks did not plan: bad, worse");
  });

  it("writes warnings to stderr, never into the plan text on stdout", async () => {
    const c = capture();
    expect(await main(["plan", "--stack", "aws-dev"], c.o, c.e)).toBe(0);
    expect(c.out.join("")).not.toContain("warning:");
    expect(c.err.join("")).toContain("warning: OfflineKeyVault cenm-keys");
  });

  it("never writes an output over a stack file or into the stacks directory", async () => {
    const before = fs.readFileSync("stacks/Pulumi.aws-prod.yaml", "utf8");
    const c = capture();
    expect(await main(["plan", "--stack", "aws-prod", "--json", "stacks/Pulumi.aws-prod.yaml"], c.o, c.e)).toBe(2);
    expect(await main(["plan", "--stack", "aws-prod", "--json", path.join(outDir(), "Pulumi.x.yaml")], c.o, c.e)).toBe(2);
    expect(await main(["audit", "--stack", "aws-dev", "--out", "stacks"], c.o, c.e)).toBe(2);
    expect(fs.readFileSync("stacks/Pulumi.aws-prod.yaml", "utf8")).toBe(before);
    expect(c.err.join("")).toContain("expected a path outside the stacks directory");
  });

  it("removes the plan of an earlier run when this one fails, and writes a new one whole", async () => {
    const json = path.join(outDir(), "plan.json");
    const c = capture();
    expect(await main(["plan", "--stack", "aws-dev", "--json", json, "--quiet"], c.o, c.e)).toBe(0);
    expect(JSON.parse(fs.readFileSync(json, "utf8")).stack).toBe("aws-dev");
    expect(fs.readdirSync(path.dirname(json))).toEqual(["plan.json"]);
    const dir = tempStacks({ "Pulumi.bad.yaml": fs.readFileSync("stacks/Pulumi.aws-dev.yaml", "utf8").replace("environment: dev", "environment: devv") });
    expect(await main(["plan", "--stack", "bad", "--stacks-dir", dir, "--json", json], c.o, c.e)).toBe(1);
    expect(fs.existsSync(json)).toBe(false);
    expect(c.err.join("")).toContain("removed");
  });

  it("says when an audit writes no report files", async () => {
    const c = capture();
    expect(await main(["audit", "--stack", "aws-dev", "--quiet"], c.o, c.e)).toBe(0);
    const d = capture();
    await main(["audit", "--stack", "aws-dev"], d.o, d.e);
    expect(d.err.join("")).toContain("no report files written (add --out <dir>");
  });

  it("dates the configuration's waiver expiry with --today, so a past audit reproduces", async () => {
    const dir = tempStacks({
      "Pulumi.dated.yaml": fs.readFileSync("stacks/Pulumi.aws-dev.yaml", "utf8").replace("      approvedBy: cenm-platform\n", '      approvedBy: cenm-platform\n      expires: "2026-12-01"\n'),
    });
    const past = capture();
    expect(await main(["audit", "--stack", "dated", "--stacks-dir", dir, "--today", "2026-11-20", "--quiet"], past.o, past.e)).toBe(0);
    const later = capture();
    expect(await main(["audit", "--stack", "dated", "--stacks-dir", dir, "--today", "2027-01-10", "--quiet"], later.o, later.e)).toBe(1);
    expect(later.err.join("")).toMatch(/expired/);
  });

  it("reads a Pulumi.<stack>.yml file, and refuses a stack with both a .yaml and a .yml file", async () => {
    const body = fs.readFileSync("stacks/Pulumi.aws-dev.yaml", "utf8");
    const c = capture();
    expect(await main(["plan", "--stack", "short", "--stacks-dir", tempStacks({ "Pulumi.short.yml": body }), "--quiet"], c.o, c.e)).toBe(0);
    const both = capture();
    expect(await main(["plan", "--stack", "twice", "--stacks-dir", tempStacks({ "Pulumi.twice.yml": body, "Pulumi.twice.yaml": body }), "--quiet"], both.o, both.e)).toBe(1);
    expect(both.err.join("")).toContain("both exist");
  });
});

describe("cenm-backup audit, waivers", () => {
  it("exits 1 on a waiver that names no control or rule, and says which", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cenm-w-"));
    const plan = path.join(dir, "plan.json");
    fs.writeFileSync(plan, JSON.stringify({ stack: "w", project: "cenm-backup", preview: false, resources: [], outputs: { environment: "dev", waivers: [{ id: "CENM-XX-99", reason: "a written reason long enough to count" }] } }));
    const c = capture();
    expect(await main(["audit", "--plan", plan, "--quiet"], c.o, c.e)).toBe(1);
    expect(c.err.join("")).toContain('waiver "CENM-XX-99" names no control or rule');
  });
});

describe("cenm-backup audit, hostile inputs", () => {
  it("refuses a state file nested thousands of levels deep with exit 1, naming the file", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cenm-deep-")), "state.json");
    const depth = 20000;
    fs.writeFileSync(
      file,
      `{"version":3,"deployment":{"manifest":{},"resources":[{"urn":"urn:pulumi:s::p::aws:s3/bucket:Bucket::b","type":"aws:s3/bucket:Bucket","custom":true,"inputs":{"tags":${"[".repeat(depth)}${"]".repeat(depth)}},"outputs":{}}]}}`,
    );
    const c = capture();
    expect(await main(["audit", "--state", file, "--quiet"], c.o, c.e)).toBe(1);
    expect(c.err.join("")).toContain(`${file}: nested more than 256 levels deep`);
  });
});
