#!/usr/bin/env node
/**
 * cenm-backup command line.
 *
 *   plan --stack <name> [--stack <name> ...] [--json <file>] [--preview] [--stacks-dir <dir>] [--quiet]
 *   plan --all            plans every stack file in the stacks directory, reporting each invalid one
 *   stacks [--stacks-dir <dir>]   lists the stack files, with each one's cloud and environment
 *   --help, --version
 *   audit (--stack <name> | --plan <file> | --state <file> | --preview <file>) [--base <file>] [--out <dir>] [--today <YYYY-MM-DD>]
 *   audit diff <base report.json> <head report.json>
 *   runbook (--stack <name> | --input <file> | --plan <file> | --state <file> | --preview <file>) [--base <file>] [--out <dir>] [--print] [--today <YYYY-MM-DD>]
 *
 * Exit codes: 0 planned (audit: no error control fails unwaived), 1 invalid configuration or input (audit: also an
 * error control failing unwaived, or a change to a stateful resource that no waiver excuses in prod), 2 usage error,
 * 3 unexpected failure.
 */
import * as fs from "fs";
import * as path from "path";
import { AuditInputError } from "./audit/inputs/errors";
import { ConfigError } from "./config/errors";
import { PlatformLimitError } from "./domain/limits/error";
import { PROJECT } from "./domain/vocabulary";
import { listStacks, StackFileError } from "./offline/stacks";

const USAGE = [
  "usage: cenm-backup plan (--stack <name>)... | --all [--json <file>] [--preview] [--stacks-dir <dir>] [--quiet]",
  "       cenm-backup audit (--stack <name> [--stacks-dir <dir>] | --plan <file> | --state <file> | --preview <file>) [--base <file>] [--out <dir>] [--today <YYYY-MM-DD>] [--quiet]",
  "       cenm-backup audit diff <base report.json> <head report.json>",
  "       cenm-backup runbook (--stack <name> [--stacks-dir <dir>] | --input <file> | --plan <file> | --state <file> | --preview <file>) [--base <file>] [--out <dir>] [--print] [--today <YYYY-MM-DD>] [--quiet]",
  "       cenm-backup stacks [--stacks-dir <dir>]",
  "       cenm-backup --help | --version",
].join("\n");

const HELP = `${USAGE}

commands:
  plan     plan stacks offline (no cloud, no Pulumi CLI): validate the configuration, declare the resources against
           Pulumi's mock runtime, check the platform limits, and print each stack's copies, RPOs and protection
  audit    judge a stack (planned offline), a plan, a deployed state (pulumi stack export) or a preview
           (pulumi preview --json) against the audit's controls; --out writes report.json, report.md and runbook.md.
           --base <state or plan> is what the change starts from: a preview is applied to it (a preview lists
           only what changes), and the change itself is judged (replacements, deletions, protections lifted,
           locks and retention lowered, DR copies moved into the primary region, renames without an alias)
  runbook  the DR runbook of a stack (planned offline) or of a plan, state or preview file (--input takes any of
           the three): per failure scenario, the copy to restore from, the cloud CLI steps with the stack's resource
           names, the CENM start order, the CRL reissue and the checks; prints a summary, --out writes runbook.md,
           --print prints the whole runbook
  stacks   list the stack files with their cloud and environment

exit codes: 0 done, 1 invalid configuration or input (audit: an error control failing unwaived), 2 usage error,
3 unexpected failure (a bug: please report it)`;

/** The package's version, from the nearest package.json above this file (dist/src/ when built, src/ in tests). */
function version(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, "package.json");
    if (fs.existsSync(file)) return (JSON.parse(fs.readFileSync(file, "utf8")) as { version: string }).version;
    if (path.dirname(dir) === dir) return "unknown";
  }
}

/**
 * Writes `text` to `file` atomically (a temporary file renamed over it). The commands check the path with
 * {@link guardOutput} before any work, so an output never replaces configuration.
 */
function writeOutput(file: string, text: string | Iterable<string>): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  if (typeof text === "string") fs.writeFileSync(temp, text);
  else {
    // Pieces are gathered into blocks of about a megabyte: a large report never sits in memory whole.
    const fd = fs.openSync(temp, "w");
    try {
      let block: string[] = [];
      let size = 0;
      for (const piece of text) {
        block.push(piece);
        size += piece.length;
        if (size >= 1 << 20) {
          fs.writeSync(fd, block.join(""));
          block = [];
          size = 0;
        }
      }
      if (block.length > 0) fs.writeSync(fd, block.join(""));
    } finally {
      fs.closeSync(fd);
    }
  }
  fs.renameSync(temp, file);
}

/** Refuses an output path that is a stack file or inside the stacks directory (run before anything is written). */
function guardOutput(target: string, stacksDir: string, flag: string): void {
  const resolved = path.resolve(target);
  const stacks = path.resolve(stacksDir);
  if (resolved === stacks || resolved.startsWith(`${stacks}${path.sep}`) || /^Pulumi\.[^/\\]+\.ya?ml$/.test(path.basename(resolved))) {
    throw new UsageError(`${flag}: received "${target}"; expected a path outside the stacks directory (${stacksDir}) that is not a stack file`);
  }
}

export class UsageError extends Error {}

/** The value after a flag, refusing a missing one or another flag in its place. */
function flagValue(argv: string[], index: number, flag: string): string {
  const v = argv[index];
  if (v === undefined || v.startsWith("--")) throw new UsageError(`${flag} needs a value`);
  return v;
}

interface PlanArgs {
  stacks: string[];
  all: boolean;
  json?: string;
  preview: boolean;
  stacksDir: string;
  quiet: boolean;
}

export function parsePlanArgs(argv: string[]): PlanArgs {
  const args: PlanArgs = { stacks: [], all: false, preview: false, stacksDir: "stacks", quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string => flagValue(argv, ++i, a);
    switch (a) {
      case "--stack":
        args.stacks.push(value());
        break;
      case "--json":
        args.json = value();
        break;
      case "--stacks-dir":
        args.stacksDir = value();
        break;
      case "--preview":
        args.preview = true;
        break;
      case "--all":
        args.all = true;
        break;
      case "--quiet":
        args.quiet = true;
        break;
      default:
        throw new UsageError(`unknown argument "${a}"`);
    }
  }
  if (args.all) {
    args.stacks = listStacks(args.stacksDir);
    if (args.stacks.length === 0) throw new UsageError(`--all: no stack files (Pulumi.<stack>.yaml) in ${args.stacksDir}`);
  }
  if (args.stacks.length === 0) throw new UsageError("name a stack with --stack <name>, or --all");
  if (args.json && args.stacks.length > 1) throw new UsageError("--json writes one stack's plan: give one --stack");
  return args;
}

async function plan(argv: string[], out: (s: string) => unknown, err: (s: string) => unknown): Promise<number> {
  const args = parsePlanArgs(argv);
  if (args.json) guardOutput(args.json, args.stacksDir, "--json");
  // Loaded only after the arguments are checked: a usage error answers at once.
  const { planStack, summarize } = await import("./offline/plan");
  let code = 0;
  let document: import("./offline/plan").PlanDocument | undefined;
  const failed: string[] = [];
  for (const stack of args.stacks) {
    try {
      const planned = await planStack(stack, { stacksDir: args.stacksDir, preview: args.preview });
      document = planned.document;
      if (!args.quiet) {
        const { planObjectiveLines } = await import("./audit/planObjectives");
        out(`${summarize(planned.run, { log: false, objectives: planObjectiveLines(planned.document) })}\n`);
      }
      // Warnings go to stderr, where a reader of the plan text (or of --json on stdout) does not trip on them.
      for (const l of planned.run.log) err(`${l.severity}: ${l.message}\n`);
    } catch (e) {
      // With --all every stack is planned; each invalid one is reported and the others still plan.
      code = Math.max(code, reportError(e, err));
      failed.push(stack);
    }
  }
  if (args.stacks.length > 1 && failed.length > 0) err(`cenm-backup: ${failed.length} of ${args.stacks.length} stacks did not plan: ${failed.join(", ")}\n`);
  if (args.json) {
    if (code === 0 && document) {
      const { stack, project, preview, resources, outputs } = document;
      writeOutput(args.json, `${JSON.stringify({ stack, project, preview, resources, outputs }, null, 2)}\n`);
      if (!args.quiet) out(`plan written to ${args.json} (${resources.length} resources)\n`);
    } else if (fs.existsSync(args.json)) {
      // A failed plan leaves no earlier plan behind to be mistaken for this one.
      fs.rmSync(args.json);
      err(`cenm-backup: removed ${args.json}, the plan of an earlier run\n`);
    }
  }
  return code;
}

async function stacks(argv: string[], out: (s: string) => unknown): Promise<number> {
  let dir = "stacks";
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--stacks-dir") dir = flagValue(argv, ++i, "--stacks-dir");
    else throw new UsageError(`unknown argument "${argv[i]}"`);
  }
  const names = listStacks(dir);
  if (names.length === 0) {
    out(`no stack files in ${dir}\n`);
    return 0;
  }
  const { readStackFile } = await import("./offline/stackFile");
  for (const name of names) {
    try {
      const c = readStackFile(name, dir).config;
      out(`${name.padEnd(24)} ${(c[`${PROJECT}:cloud`] ?? "?").padEnd(6)} ${c[`${PROJECT}:environment`] ?? "?"}\n`);
    } catch (e) {
      out(`${name.padEnd(24)} unreadable: ${e instanceof Error ? e.message : String(e)}\n`);
    }
  }
  return 0;
}

/** A `--today` value: a date as YYYY-MM-DD, at midnight UTC. */
function parseToday(v: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`))) throw new UsageError(`--today: received "${v}"; expected a date as YYYY-MM-DD`);
  return new Date(`${v}T00:00:00Z`);
}

type AuditSourceFlag = "--stack" | "--plan" | "--state" | "--preview";

interface AuditArgs {
  source: { flag: AuditSourceFlag; value: string };
  /** The state or plan the change starts from. */
  base?: string;
  out?: string;
  stacksDir: string;
  today?: Date;
  quiet: boolean;
}

export function parseAuditArgs(argv: string[]): AuditArgs {
  const sources: AuditArgs["source"][] = [];
  let out: string | undefined;
  let base: string | undefined;
  let stacksDir = "stacks";
  let today: Date | undefined;
  let quiet = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string => flagValue(argv, ++i, a);
    switch (a) {
      case "--stack":
      case "--plan":
      case "--state":
      case "--preview":
        sources.push({ flag: a, value: value() });
        break;
      case "--base":
        base = value();
        break;
      case "--out":
        out = value();
        break;
      case "--stacks-dir":
        stacksDir = value();
        break;
      case "--today":
        today = parseToday(value());
        break;
      case "--quiet":
        quiet = true;
        break;
      default:
        throw new UsageError(`unknown argument "${a}"`);
    }
  }
  if (sources.length !== 1) throw new UsageError("audit one source: --stack <name>, --plan <file>, --state <file> or --preview <file>");
  return { source: sources[0], ...(base !== undefined ? { base } : {}), out, stacksDir, today, quiet };
}

/**
 * What `audit` and `runbook` read: the offline plan of a stack, or a plan, state or preview file (`--input`: any of
 * them), with `--base` the state or plan the change starts from (a preview is applied to it) and the change itself.
 */
async function readInput(args: { source: { flag: RunbookSourceFlag; value: string }; base?: string; stacksDir: string; today?: Date }): Promise<import("./audit/inputs").AuditSource & { base?: import("./audit/types").AuditInput }> {
  const inputs = args.base !== undefined || args.source.flag !== "--stack" ? await import("./audit/inputs") : undefined;
  const base = args.base !== undefined ? inputs!.readBaseFile(args.base) : undefined;
  if (args.source.flag === "--stack") {
    const { planStack } = await import("./offline/plan");
    const { fromPlanDocument } = await import("./audit/inputs/plan");
    // --today also dates the configuration's waiver-expiry check, so a past report can be reproduced.
    const input = fromPlanDocument((await planStack(args.source.value, { stacksDir: args.stacksDir, ...(args.today ? { now: args.today } : {}) })).document);
    if (!base) return { input };
    const { compareInputs } = await import("./audit/change/compare");
    return { input, change: compareInputs(base, input), base };
  }
  const kinds = { "--plan": "plan", "--state": "state", "--preview": "preview" } as const;
  const read = inputs!.readAuditSource(args.source.value, args.source.flag === "--input" ? undefined : kinds[args.source.flag], base);
  return { ...read, ...(base ? { base } : {}) };
}

/** The pieces, then `end`. */
function* withEnd(pieces: Iterable<string>, end: string): Generator<string> {
  yield* pieces;
  yield end;
}

/** Lines joined by line breaks, as pieces. */
function* joinLines(lines: Iterable<string>): Generator<string> {
  let first = true;
  for (const line of lines) {
    yield first ? line : `\n${line}`;
    first = false;
  }
}

async function audit(argv: string[], out: (s: string) => unknown, err: (s: string) => unknown): Promise<number> {
  if (argv[0] === "diff") return auditDiff(argv.slice(1), out);
  const args = parseAuditArgs(argv);
  if (args.out) guardOutput(args.out, args.stacksDir, "--out");
  // Loaded only after the arguments are checked, like plan.
  const { audit: runAudit, deriveFacts } = await import("./audit");
  const { markdownLines } = await import("./audit/report/markdown");
  const { jsonChunks } = await import("./domain/jsonText");
  const read = await readInput(args);
  // Notes of a change are in the report; those of a file audited alone (an interrupted update in a state) go here.
  if (!read.change) for (const note of read.input.notes ?? []) err(`cenm-backup: note: ${note}\n`);
  let input: import("./audit/types").AuditInput | undefined = read.input;
  // The facts are derived once: the report and the DR runbook beside it read the same ones.
  const facts = deriveFacts(input);
  const report = runAudit(input, { facts, ...(args.today ? { today: args.today } : {}), ...(read.change ? { change: read.change } : {}), ...(read.base ? { base: read.base } : {}) });
  const book = args.out ? (await import("./runbook")).runbook(input, { facts, ...(report.generatedAt ? { today: new Date(report.generatedAt) } : {}) }).markdown : undefined;
  // The resources are no longer needed: let them go before the reports are written.
  input = undefined;
  if (args.out) {
    fs.mkdirSync(args.out, { recursive: true });
    writeOutput(path.join(args.out, "report.json"), withEnd(jsonChunks(report), "\n"));
    writeOutput(path.join(args.out, "report.md"), joinLines(markdownLines(report)));
    if (book !== undefined) writeOutput(path.join(args.out, "runbook.md"), book);
  }
  if (!args.quiet) {
    const { summarizeReport } = await import("./audit/report/summary");
    out(`${summarizeReport(report)}\n`);
    if (args.out) out(`report written to ${path.join(args.out, "report.json")} and ${path.join(args.out, "report.md")}\nrunbook written to ${path.join(args.out, "runbook.md")}\n`);
    else err("cenm-backup: no report files written (add --out <dir> for report.json, report.md and runbook.md)\n");
  }
  const unknownWaivers = (report.waivers ?? []).filter((w) => w.status === "unknown-id");
  for (const w of (report.waivers ?? []).filter((x) => x.status === "lapsed")) err(`cenm-backup: waiver ${w.id} lapsed on ${w.expires}: it excuses nothing\n`);
  if (unknownWaivers.length > 0) {
    err(`cenm-backup: ${unknownWaivers.map((w) => `waiver "${w.id}"`).join(", ")} names no control or rule of the audit (see RULES.md)\n`);
    return 1;
  }
  const changeErrors = report.change?.errorsFailing ?? 0;
  if (changeErrors > 0) err(`cenm-backup: the change ${changeErrors === 1 ? "does one thing" : `does ${changeErrors} things`} to stateful resources or their protection that no waiver excuses (see "Change against the base")\n`);
  if (report.summary.errorsFailing > 0) {
    err(`cenm-backup: ${report.summary.errorsFailing} error control${report.summary.errorsFailing === 1 ? "" : "s"} failing unwaived\n`);
    return 1;
  }
  return changeErrors > 0 ? 1 : 0;
}

type RunbookSourceFlag = AuditSourceFlag | "--input";

interface RunbookArgs {
  source: { flag: RunbookSourceFlag; value: string };
  base?: string;
  out?: string;
  stacksDir: string;
  today?: Date;
  print: boolean;
  quiet: boolean;
}

export function parseRunbookArgs(argv: string[]): RunbookArgs {
  const sources: RunbookArgs["source"][] = [];
  const args: Omit<RunbookArgs, "source"> = { stacksDir: "stacks", print: false, quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string => flagValue(argv, ++i, a);
    switch (a) {
      case "--stack":
      case "--input":
      case "--plan":
      case "--state":
      case "--preview":
        sources.push({ flag: a, value: value() });
        break;
      case "--base":
        args.base = value();
        break;
      case "--out":
        args.out = value();
        break;
      case "--stacks-dir":
        args.stacksDir = value();
        break;
      case "--today":
        args.today = parseToday(value());
        break;
      case "--print":
        args.print = true;
        break;
      case "--quiet":
        args.quiet = true;
        break;
      default:
        throw new UsageError(`unknown argument "${a}"`);
    }
  }
  if (sources.length !== 1) throw new UsageError("runbook of one source: --stack <name>, --input <file> (a plan, state or preview), --plan <file>, --state <file> or --preview <file>");
  return { source: sources[0], ...args };
}

async function runbookCommand(argv: string[], out: (s: string) => unknown, err: (s: string) => unknown): Promise<number> {
  const args = parseRunbookArgs(argv);
  if (args.out) guardOutput(args.out, args.stacksDir, "--out");
  const { runbook, summarizeRunbook } = await import("./runbook");
  const read = await readInput(args);
  for (const note of [...(read.base?.notes ?? []), ...(read.input.notes ?? [])]) err(`cenm-backup: note: ${note}\n`);
  const { book, markdown } = runbook(read.input, args.today ? { today: args.today } : {});
  if (args.out) {
    fs.mkdirSync(args.out, { recursive: true });
    writeOutput(path.join(args.out, "runbook.md"), markdown);
  }
  if (args.print) out(markdown);
  else if (!args.quiet) {
    out(`${summarizeRunbook(book)}\n`);
    if (args.out) out(`runbook written to ${path.join(args.out, "runbook.md")}\n`);
    else err("cenm-backup: no runbook file written (add --out <dir> for runbook.md, or --print for the whole runbook on stdout)\n");
  }
  return 0;
}

async function auditDiff(argv: string[], out: (s: string) => unknown): Promise<number> {
  if (argv.length !== 2 || argv.some((a) => a.startsWith("--"))) throw new UsageError("audit diff takes two report.json files: <base> <head>");
  const { readReportFile } = await import("./audit/report/read");
  const { diffReports } = await import("./audit/report/diff");
  const base = readReportFile(argv[0]);
  const head = readReportFile(argv[1]);
  out(diffReports(base, head));
  return 0;
}

/** Prints an error the way the command line reports it and returns the exit code. */
function reportError(e: unknown, err: (s: string) => unknown): number {
  if (e instanceof UsageError) {
    err(`cenm-backup: ${e.message}\n${USAGE}\n`);
    return 2;
  }
  if (e instanceof ConfigError || e instanceof StackFileError || e instanceof AuditInputError || e instanceof PlatformLimitError) {
    err(`cenm-backup: ${e.message}\n`);
    return 1;
  }
  err(`cenm-backup: ${e instanceof Error ? e.message : String(e)}\n`);
  return 3;
}

export async function main(
  argv: string[],
  out: (s: string) => unknown = (s) => process.stdout.write(s),
  err: (s: string) => unknown = (s) => process.stderr.write(s),
): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command !== undefined && (rest.includes("--help") || rest.includes("-h"))) {
      out(`${HELP}\n`);
      return 0;
    }
    switch (command) {
      case "plan":
        return await plan(rest, out, err);
      case "audit":
        return await audit(rest, out, err);
      case "runbook":
        return await runbookCommand(rest, out, err);
      case "stacks":
        return await stacks(rest, out);
      case "--version":
      case "version":
        out(`${version()}\n`);
        return 0;
      case undefined:
        err(`${USAGE}\n`);
        return 2;
      case "help":
      case "--help":
      case "-h":
        out(`${HELP}\n`);
        return 0;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (e) {
    return reportError(e, err);
  }
}

/**
 * Runs the command line in this process: exit code from {@link main}, 3 on an unexpected failure, and a quiet stop
 * when a reader closes the pipe early (`| head`). Used by the `cenm-backup` bin and by scripts/cli.js.
 */
export function run(argv: string[]): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (e: NodeJS.ErrnoException) => {
      if (e.code !== "EPIPE") throw e;
      process.exit(process.exitCode ?? 0);
    });
  }
  main(argv).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`cenm-backup: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 3;
    },
  );
}

if (require.main === module) run(process.argv.slice(2));
