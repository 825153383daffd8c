#!/usr/bin/env node
/**
 * cenm-backup command line.
 *
 *   plan --stack <name> [--stack <name> ...] [--json <file>] [--preview] [--stacks-dir <dir>] [--quiet]
 *   plan --all            plans every stack file in the stacks directory
 *   audit (--stack <name> | --plan <file> | --state <file> | --preview <file>) [--out <dir>] [--today <YYYY-MM-DD>]
 *   audit diff <base report.json> <head report.json>
 *
 * Exit codes: 0 planned (audit: no error control fails unwaived), 1 invalid configuration or input (audit: also an
 * error control failing unwaived), 2 usage error, 3 unexpected failure.
 */
import * as fs from "fs";
import * as path from "path";
import { AuditInputError } from "./audit/inputs/errors";
import { ConfigError } from "./config/errors";
import { PlatformLimitError } from "./domain/limits/error";
import { listStacks, StackFileError } from "./offline/stacks";

const USAGE = [
  "usage: cenm-backup plan (--stack <name>)... | --all [--json <file>] [--preview] [--stacks-dir <dir>] [--quiet]",
  "       cenm-backup audit (--stack <name> [--stacks-dir <dir>] | --plan <file> | --state <file> | --preview <file>) [--out <dir>] [--today <YYYY-MM-DD>] [--quiet]",
  "       cenm-backup audit diff <base report.json> <head report.json>",
].join("\n");

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
  if (args.all) args.stacks = listStacks(args.stacksDir);
  if (args.stacks.length === 0) throw new UsageError("name a stack with --stack <name>, or --all");
  if (args.json && args.stacks.length > 1) throw new UsageError("--json writes one stack's plan: give one --stack");
  return args;
}

async function plan(argv: string[], out: (s: string) => unknown, err: (s: string) => unknown): Promise<number> {
  const args = parsePlanArgs(argv);
  // Loaded only after the arguments are checked: a usage error answers at once.
  const { planStack, summarize } = await import("./offline/plan");
  let code = 0;
  let document: import("./offline/plan").PlanDocument | undefined;
  try {
    for (const stack of args.stacks) {
      const planned = await planStack(stack, { stacksDir: args.stacksDir, preview: args.preview });
      document = planned.document;
      if (!args.quiet) out(`${summarize(planned.run)}\n`);
    }
  } catch (e) {
    code = reportError(e, err);
  }
  // Written only when the stack planned: a failed plan writes nothing.
  if (code === 0 && args.json && document) {
    fs.mkdirSync(path.dirname(path.resolve(args.json)), { recursive: true });
    const { stack, project, preview, resources, outputs } = document;
    fs.writeFileSync(args.json, `${JSON.stringify({ stack, project, preview, resources, outputs }, null, 2)}\n`);
    if (!args.quiet) out(`plan written to ${args.json} (${resources.length} resources)\n`);
  }
  return code;
}

type AuditSourceFlag = "--stack" | "--plan" | "--state" | "--preview";

interface AuditArgs {
  source: { flag: AuditSourceFlag; value: string };
  out?: string;
  stacksDir: string;
  today?: Date;
  quiet: boolean;
}

export function parseAuditArgs(argv: string[]): AuditArgs {
  const sources: AuditArgs["source"][] = [];
  let out: string | undefined;
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
      case "--out":
        out = value();
        break;
      case "--stacks-dir":
        stacksDir = value();
        break;
      case "--today": {
        const v = value();
        if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`))) throw new UsageError(`--today: received "${v}"; expected a date as YYYY-MM-DD`);
        today = new Date(`${v}T00:00:00Z`);
        break;
      }
      case "--quiet":
        quiet = true;
        break;
      default:
        throw new UsageError(`unknown argument "${a}"`);
    }
  }
  if (sources.length !== 1) throw new UsageError("audit one source: --stack <name>, --plan <file>, --state <file> or --preview <file>");
  return { source: sources[0], out, stacksDir, today, quiet };
}

async function audit(argv: string[], out: (s: string) => unknown, err: (s: string) => unknown): Promise<number> {
  if (argv[0] === "diff") return auditDiff(argv.slice(1), out);
  const args = parseAuditArgs(argv);
  // Loaded only after the arguments are checked, like plan.
  const { audit: runAudit } = await import("./audit");
  const { renderMarkdown } = await import("./audit/report/markdown");
  let input: import("./audit/types").AuditInput;
  if (args.source.flag === "--stack") {
    const { planStack } = await import("./offline/plan");
    const { fromPlanDocument } = await import("./audit/inputs/plan");
    input = fromPlanDocument((await planStack(args.source.value, { stacksDir: args.stacksDir })).document);
  } else {
    const { readAuditFile } = await import("./audit/inputs");
    const kind = args.source.flag === "--plan" ? "plan" : args.source.flag === "--state" ? "state" : "preview";
    input = readAuditFile(args.source.value, kind);
  }
  const report = runAudit(input, args.today ? { today: args.today } : {});
  if (args.out) {
    fs.mkdirSync(args.out, { recursive: true });
    fs.writeFileSync(path.join(args.out, "report.json"), `${JSON.stringify(report, null, 2)}\n`);
    fs.writeFileSync(path.join(args.out, "report.md"), renderMarkdown(report));
  }
  if (!args.quiet) {
    const { summarizeReport } = await import("./audit/report/summary");
    out(`${summarizeReport(report)}\n`);
    if (args.out) out(`report written to ${path.join(args.out, "report.json")} and ${path.join(args.out, "report.md")}\n`);
  }
  if (report.summary.errorsFailing > 0) {
    err(`cenm-backup: ${report.summary.errorsFailing} error control${report.summary.errorsFailing === 1 ? "" : "s"} failing unwaived\n`);
    return 1;
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
    switch (command) {
      case "plan":
        return await plan(rest, out, err);
      case "audit":
        return await audit(rest, out, err);
      case undefined:
      case "help":
      case "--help":
        out(`${USAGE}\n`);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (e) {
    return reportError(e, err);
  }
}

if (require.main === module) {
  // A reader that stops early (`| head`) closes the pipe: stop writing quietly instead of crashing.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (e: NodeJS.ErrnoException) => {
      if (e.code !== "EPIPE") throw e;
      process.exit(process.exitCode ?? 0);
    });
  }
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`cenm-backup: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 3;
    },
  );
}
