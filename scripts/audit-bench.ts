/**
 * Audit benchmark: how long the whole audit (facts, controls, scenarios, report) takes on 1,000 and 10,000 resources, and whether
 * the time grows linearly (the ratio of the two should be close to 10).
 *
 * The synthetic inputs repeat the aws-prod plan's resources; each repetition gets its own URNs and names, and its
 * parents and property dependencies point into the same repetition, so the readers follow real references.
 * The last repetition is cut to reach the exact count; references into its missing part stay unresolved, as
 * they would for a resource the audit is not given.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { audit } from "../src/audit";
import { fromPlanDocument } from "../src/audit/inputs";
import type { AuditInput, AuditResource } from "../src/audit/types";
import type { PlanDocument } from "../src/offline/plan";

/** The project directory, whether this runs from scripts/ (ts-node, jest) or from dist/scripts/. */
const ROOT = fs.existsSync(path.join(__dirname, "..", "package.json")) ? path.resolve(__dirname, "..") : path.resolve(__dirname, "..", "..");
const RUNS = 5;

/** The aws-prod plan document, from the built CLI (the plan itself is asynchronous; this benchmark is not). */
function prodPlan(): PlanDocument {
  const cli = path.join(ROOT, "dist", "src", "cli.js");
  if (!fs.existsSync(cli)) throw new Error(`audit bench: ${cli} is missing; build the project first (npm run build)`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cenm-audit-bench-"));
  const file = path.join(dir, "aws-prod.json");
  try {
    const r = spawnSync(process.execPath, [cli, "plan", "--stack", "aws-prod", "--json", file, "--quiet"], { cwd: ROOT, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`audit bench: planning aws-prod failed (${r.status}): ${r.stderr}`);
    return JSON.parse(fs.readFileSync(file, "utf8")) as PlanDocument;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A URN with a suffix on its logical name (the last `::` segment). */
function renamed(urn: string, suffix: string): string {
  return `${urn}${suffix}`;
}

/** `count` resources made of repetitions of `input`'s resources, each repetition with its own URNs and names. */
export function replicateInput(input: AuditInput, count: number): AuditInput {
  const base = input.resources;
  if (base.length === 0) throw new Error("audit bench: the base input has no resource");
  const resources: AuditResource[] = [];
  for (let k = 0; resources.length < count; k++) {
    const suffix = k === 0 ? "" : `-r${k}`;
    for (const r of base) {
      if (resources.length === count) break;
      const propertyDependencies: Record<string, string[]> = {};
      for (const [key, urns] of Object.entries(r.propertyDependencies)) propertyDependencies[key] = urns.map((u) => renamed(u, suffix));
      resources.push({
        ...r,
        urn: renamed(r.urn, suffix),
        name: `${r.name}${suffix}`,
        ...(r.parentUrn ? { parentUrn: renamed(r.parentUrn, suffix) } : {}),
        propertyDependencies,
      });
    }
  }
  return { ...input, origin: `${input.origin}, repeated to ${count} resources`, resources };
}

/**
 * A plan document of about `megabytes` MB made of repetitions of `doc`'s resources, each repetition with its own
 * URNs, names, parents and references (the plan-file form of {@link replicateInput}).
 */
export function replicatePlan(doc: PlanDocument, megabytes: number): PlanDocument {
  const size = JSON.stringify(doc.resources).length;
  const copies = Math.max(1, Math.ceil((megabytes * 1024 * 1024) / size));
  const resources: PlanDocument["resources"] = [];
  for (let k = 0; k < copies; k++) {
    const suffix = k === 0 ? "" : `-r${k}`;
    for (const r of doc.resources) {
      const propertyDependencies: Record<string, string[]> = {};
      for (const [key, urns] of Object.entries(r.propertyDependencies ?? {})) propertyDependencies[key] = urns.map((u) => renamed(u, suffix));
      resources.push({ ...r, urn: renamed(r.urn, suffix), name: `${r.name}${suffix}`, ...(r.parent ? { parent: `${r.parent}${suffix}` } : {}), propertyDependencies });
    }
  }
  return { ...doc, resources };
}

/**
 * Peak memory of `cenm-backup audit --plan` over a plan file of about `megabytes` MB written to a temporary
 * directory, with report.json, report.md and runbook.md written too: [input MB, peak RSS MB, seconds]. Runs the built CLI
 * under GNU time; the audit's own exit code (1 when a control fails on the repeated plan) is not a failure here.
 */
export function benchAuditMemory(megabytes = 200, doc: PlanDocument = prodPlan()): { inputMB: number; peakMB: number; seconds: number } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cenm-audit-memory-"));
  try {
    const file = path.join(dir, "plan.json");
    fs.writeFileSync(file, JSON.stringify(replicatePlan(doc, megabytes)));
    const inputMB = fs.statSync(file).size / 1e6;
    const cli = path.join(ROOT, "dist", "src", "cli.js");
    const r = spawnSync("/usr/bin/time", ["-f", "BENCH %e %M", process.execPath, cli, "audit", "--plan", file, "--out", path.join(dir, "report"), "--quiet"], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "ignore", "pipe"] });
    const line = (r.stderr ?? "").split("\n").find((l) => l.startsWith("BENCH "));
    if (!line || (r.status !== 0 && r.status !== 1)) throw new Error(`audit bench: auditing ${file} failed (${r.status}): ${(r.stderr ?? "").slice(-2000)}`);
    const [, secs, kb] = line.split(" ");
    return { inputMB, peakMB: (Number(kb) * 1024) / 1e6, seconds: Number(secs) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Median wall time, ms, of the whole audit (facts, controls, scenarios, CRL deadline, report) over `input`. */
function timeAudit(input: AuditInput): number {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    audit(input);
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(samples);
}

/**
 * Times the audit on 1,000 and 10,000 resources (median of 5 runs each, after one warm-up run).
 * Targets: 10k under 2 s, ratio close to 10. `doc` defaults to the aws-prod plan from the built CLI.
 */
export function benchAudit(doc: PlanDocument = prodPlan()): { ms10k: number; ms1k: number; ratio: number } {
  const base = fromPlanDocument(doc);
  const small = replicateInput(base, 1000);
  const large = replicateInput(base, 10000);
  timeAudit(replicateInput(base, 200));
  const ms1k = timeAudit(small);
  const ms10k = timeAudit(large);
  return { ms10k, ms1k, ratio: ms10k / ms1k };
}

if (require.main === module) {
  const r = benchAudit();
  process.stdout.write(`audit of 1,000 resources ${r.ms1k.toFixed(1)} ms, of 10,000 ${r.ms10k.toFixed(1)} ms, ratio ${r.ratio.toFixed(2)} (target: 10k < 2000 ms, ratio ~10)\n`);
  const m = benchAuditMemory();
  process.stdout.write(`audit --plan of a ${m.inputMB.toFixed(0)} MB plan: peak ${m.peakMB.toFixed(0)} MB (x${(m.peakMB / m.inputMB).toFixed(1)} the input), ${m.seconds.toFixed(1)} s (target: at most 6 times the input)\n`);
}
