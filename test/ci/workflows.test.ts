/** The workflow linter of .ci/run (`npm run lint:workflows`): the real workflows pass, a broken one fails. */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { CORE_SCHEMA, load } from "js-yaml";

const ROOT = path.join(__dirname, "../..");
const LINT = path.join(ROOT, "scripts/lint-workflows.js");
const WORKFLOWS = path.join(ROOT, ".github/workflows");

const lint = (...files: string[]) => spawnSync(process.execPath, [LINT, ...files], { cwd: ROOT, encoding: "utf8" });

describe("workflow lint", () => {
  it("accepts every workflow under .github/workflows", () => {
    const r = lint();
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    for (const f of ["pr.yml", "preview.yml", "deploy.yml", "sandbox-aws.yml", "sandbox-azure-dev.yml"]) expect(r.stdout).toContain(`.github/workflows/${f}: valid`);
  });

  it("rejects a broken workflow, naming the offending keys", () => {
    const r = lint(path.join(__dirname, "fixtures/broken-workflow.yml"));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("does not match the github-workflow schema");
    expect(r.stderr).toContain("runs-onn");
    expect(r.stderr).toContain("wiht");
  });

  it("rejects text that is not YAML and a missing file", () => {
    const dir = fs.mkdtempSync(path.join(require("os").tmpdir(), "wf-"));
    const bad = path.join(dir, "bad.yml");
    fs.writeFileSync(bad, "jobs: [unclosed\n");
    expect(lint(bad).status).toBe(1);
    expect(lint(path.join(dir, "absent.yml")).status).toBe(1);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe("workflows", () => {
  const doc = (f: string) => load(fs.readFileSync(path.join(WORKFLOWS, f), "utf8"), { schema: CORE_SCHEMA }) as Record<string, any>;

  it("pin actions to a major version", () => {
    for (const f of fs.readdirSync(WORKFLOWS)) {
      const text = fs.readFileSync(path.join(WORKFLOWS, f), "utf8");
      for (const m of text.matchAll(/uses: ([^\s]+)/g)) expect(m[1]).toMatch(/^[\w.-]+\/[\w.-]+@v\d+$/);
    }
  });

  it("derive the stack list from the stack files rather than naming stacks (the sandbox proofs name theirs)", () => {
    for (const f of fs.readdirSync(WORKFLOWS).filter((x) => !/^sandbox-/.test(x))) {
      const text = fs.readFileSync(path.join(WORKFLOWS, f), "utf8");
      expect(text).toContain("stacks/Pulumi.*.yaml");
      const code = text.split("\n").filter((l) => !l.trim().startsWith("#")).join("\n");
      expect(code).not.toMatch(/\b(aws|azure)-(dev|staging|prod)\b/);
    }
  });

  it("deploy on main one stack at a time, each in its own environment", () => {
    const deploy = doc("deploy.yml");
    expect(deploy.on.push.branches).toEqual(["main"]);
    expect(deploy.jobs.up.environment).toBe("${{ matrix.stack }}");
    expect(deploy.jobs.up.strategy["max-parallel"]).toBe(1);
  });

  it("judge each pull request's change: offline against the base branch's plan, and from the real preview against the exported state", () => {
    const audit = (doc("pr.yml").jobs.audit.steps as { id?: string; run?: string }[]).find((st) => st.id === "audit")!.run!;
    expect(audit).toContain('node dist/src/cli.js plan --stack "$stack" --json "../out/base/$stack.plan.json" --quiet');
    expect(audit).toContain('audit_side head "$stack" --base "../out/base/$stack.plan.json"');
    // The base is planned before the head is audited against it.
    expect(audit.indexOf("audit_side base")).toBeLessThan(audit.indexOf("audit_side head"));
    const steps = doc("preview.yml").jobs.preview.steps as { id?: string; run?: string; if?: string }[];
    const judge = steps.find((st) => st.id === "judge")!.run!;
    expect(judge).toContain('pulumi stack export --stack "$STACK" > out/state.json');
    // Unchanged resources (a lifted retainOnDelete) and old copies pending deletion show only with these flags; the
    // preview's own exit code (1 when Pulumi refuses a protected change) is kept for the comment, not fatal.
    expect(judge).toContain('pulumi preview --stack "$STACK" --json --show-sames --show-replacement-steps > out/preview.json || preview_rc=$?');
    expect(judge).toContain("audit --preview out/preview.json --base out/state.json");
    expect(judge).toContain('out/preview-comment.md "$rc" "$preview_rc"');
    // Pulumi's own preview step fails on the same refusal: it must not skip the judgement.
    expect(steps.find((st) => st.run === undefined && JSON.stringify(st).includes("pulumi/actions"))).toMatchObject({ "continue-on-error": true });
    expect(steps[steps.length - 1].if).toBe("${{ steps.judge.outputs.failing != '0' }}");
  });

  it("gate the preview on credentials through a first job's output", () => {
    const preview = doc("preview.yml");
    expect(preview.jobs.preview.needs).toBe("plan");
    expect(preview.jobs.preview.if).not.toContain("secrets.");
    expect(JSON.stringify(preview.jobs.plan.steps)).toContain("secrets.PULUMI_BACKEND_URL != ''");
  });

  it("prove aws-sandbox (or aws-dev) on a sandbox account by hand only: up, no-change preview, audit of the export, recovery points, settle, destroy, leftovers, twice", () => {
    const sandbox = doc("sandbox-aws.yml");
    expect(Object.keys(sandbox.on)).toEqual(["workflow_dispatch"]);
    expect(sandbox.on.workflow_dispatch.inputs.stack.options).toEqual(["aws-sandbox", "aws-dev"]);
    expect(sandbox.on.workflow_dispatch.inputs.stack.default).toBe("aws-sandbox");
    const steps = sandbox.jobs.prove.steps as { run?: string; if?: string; with?: Record<string, unknown> }[];
    const text = steps.map((st) => st.run ?? "").join("\n");
    const order = [
      'pulumi up --yes --skip-preview --stack "$STACK"',
      'pulumi preview --refresh --expect-no-changes --stack "$STACK"',
      "pulumi stack export",
      "audit --state out/state-1.json",
      "scripts/sandbox-aws.sh recovery-points out/state-1.json",
      "scripts/sandbox-aws.sh settle out/state-1.json",
      'pulumi destroy --yes --skip-preview --stack "$STACK"',
      "scripts/sandbox-aws.sh leftovers out/state-1.json",
      'pulumi up --yes --skip-preview --stack "$STACK"',
      "audit --state out/state-2.json",
      "scripts/sandbox-aws.sh settle out/state-2.json",
      'pulumi destroy --yes --skip-preview --stack "$STACK"',
      "scripts/sandbox-aws.sh leftovers out/state-2.json",
    ];
    let at = 0;
    for (const word of order) {
      const next = text.indexOf(word, at);
      expect([word, next >= 0]).toEqual([word, true]);
      at = next + word.length;
    }
    expect(sandbox.jobs.prove.environment).toBe("sandbox");
    expect(sandbox.jobs.prove.permissions["id-token"]).toBe("write");
    // The role's session outlasts the run: the default hour would end inside the first deploy.
    const credentials = steps.find((st) => st.with?.["role-to-assume"] !== undefined)!;
    expect(credentials.with!["role-duration-seconds"]).toBeGreaterThanOrEqual(sandbox.jobs.prove["timeout-minutes"] * 60);
    // `keep` skips only the last round's teardown.
    const kept = steps.filter((st) => st.if === "${{ !inputs.keep }}").map((st) => st.run ?? "");
    expect(kept).toEqual([expect.stringContaining("settle out/state-2.json"), expect.stringContaining("pulumi destroy"), expect.stringContaining("leftovers out/state-2.json")]);
    expect(fs.statSync(path.join(ROOT, "scripts/sandbox-aws.sh")).mode & 0o111).not.toBe(0);
  });

  /** Runs a workflow step's script in a directory holding the given stack files; returns what it wrote to GITHUB_OUTPUT and stdout. */
  function runListing(file: string, job: string, env: Record<string, string>): { output: string; stdout: string } {
    const step = (doc(file).jobs[job].steps as { id?: string; run?: string }[]).find((st) => st.id === "stacks")!;
    const dir = fs.mkdtempSync(path.join(require("os").tmpdir(), "wf-stacks-"));
    fs.mkdirSync(path.join(dir, "stacks"));
    for (const s of ["aws-dev", "aws-prod", "aws-sandbox", "aws-staging", "azure-dev"]) fs.writeFileSync(path.join(dir, "stacks", `Pulumi.${s}.yaml`), "config: {}\n");
    const out = path.join(dir, "output");
    fs.writeFileSync(out, "");
    const r = spawnSync("bash", ["-e", "-c", step.run!], { cwd: dir, encoding: "utf8", env: { ...process.env, ...env, GITHUB_OUTPUT: out } });
    expect(r.status).toBe(0);
    const output = fs.readFileSync(out, "utf8");
    fs.rmSync(dir, { recursive: true, force: true });
    return { output, stdout: r.stdout };
  }

  it("never deploy or preview a *-sandbox stack outside its sandbox workflow", () => {
    const deploy = runListing("deploy.yml", "plan", { HAS_BACKEND: "true" });
    expect(deploy.output).toContain('stacks=["aws-dev","azure-dev","aws-staging","aws-prod"]');
    const preview = runListing("preview.yml", "plan", { HAS_BACKEND: "true", HAS_AWS: "true", HAS_AZURE: "true" });
    expect(preview.output).toContain('stacks=["aws-dev","aws-prod","aws-staging","azure-dev"]');
    expect(preview.stdout).toContain("pulumi preview of aws-sandbox skipped");
  });

  it("prove Azure on a sandbox subscription by hand only: two-step up, audit of the export, protection lifted, locks cleared, destroy, twice", () => {
    const sandbox = doc("sandbox-azure-dev.yml");
    expect(Object.keys(sandbox.on)).toEqual(["workflow_dispatch"]);
    // The prod-topology sandbox profile by default, and the dev stack; both are shipped stack files.
    expect(sandbox.on.workflow_dispatch.inputs.stack.options).toEqual(["azure-sandbox", "azure-dev"]);
    expect(sandbox.on.workflow_dispatch.inputs.stack.default).toBe("azure-sandbox");
    for (const stack of sandbox.on.workflow_dispatch.inputs.stack.options) expect(fs.existsSync(path.join(ROOT, "stacks", `Pulumi.${stack}.yaml`))).toBe(true);
    const steps = sandbox.jobs.prove.steps.map((st: { run?: string }) => st.run ?? "").join("\n");
    const step1 = "pulumi config set --path 'cenm-backup:protection.firstDeployment' true";
    const step2 = "pulumi config rm --path 'cenm-backup:protection.firstDeployment'";
    const lift = "pulumi config set --path 'cenm-backup:protection.enabled' false";
    const clearLocks = 'az lock delete --ids "$lock"';
    const round = (n: number) => [step1, "pulumi up", step2, "pulumi up", "pulumi stack export", `audit --state out/state-${n}.json`, lift, "pulumi up", clearLocks, "pulumi destroy"];
    let at = 0;
    for (const word of [...round(1), "pulumi config rm --path 'cenm-backup:protection.enabled'", ...round(2)]) {
      const next = steps.indexOf(word, at);
      expect([word, next >= 0]).toEqual([word, true]);
      at = next + word.length;
    }
    // Only the final teardown is skipped by `keep`.
    const kept = sandbox.jobs.prove.steps.filter((st: { if?: string }) => st.if === "${{ !inputs.keep }}").map((st: { name: string }) => st.name);
    expect(kept).toEqual(["Round 2: lift protection (one more up), remove Azure Backup's locks", "Round 2: destroy again (the rebuilt stack must be destroyable too)"]);
    expect(sandbox.jobs.prove.environment).toBe("sandbox");
    expect(sandbox.jobs.prove.permissions["id-token"]).toBe("write");
  });

  it("leave sandbox stacks (*-sandbox) to their sandbox workflow: deploy and preview skip them", () => {
    const dir = fs.mkdtempSync(path.join(require("os").tmpdir(), "wf-stacks-"));
    fs.mkdirSync(path.join(dir, "stacks"));
    for (const stack of ["aws-dev", "azure-prod", "azure-sandbox", "azure-staging"]) fs.writeFileSync(path.join(dir, "stacks", `Pulumi.${stack}.yaml`), "config: {}\n");
    const listed = (workflow: string, job: string, env: Record<string, string>): string[] => {
      const step = doc(workflow).jobs[job].steps.find((st: { id?: string }) => st.id === "stacks");
      const output = path.join(dir, `${workflow}.out`);
      const r = spawnSync("bash", ["-e", "-c", step.run], { cwd: dir, encoding: "utf8", env: { ...process.env, ...env, GITHUB_OUTPUT: output } });
      expect([workflow, r.status, r.stderr]).toEqual([workflow, 0, ""]);
      const line = fs.readFileSync(output, "utf8").split("\n").find((l) => l.startsWith("stacks="))!;
      return JSON.parse(line.slice("stacks=".length));
    };
    expect(listed("deploy.yml", "plan", { HAS_BACKEND: "true" })).toEqual(["aws-dev", "azure-staging", "azure-prod"]);
    expect(listed("preview.yml", "plan", { HAS_BACKEND: "true", HAS_AWS: "true", HAS_AZURE: "true" })).toEqual(["aws-dev", "azure-prod", "azure-staging"]);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
