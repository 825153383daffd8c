#!/usr/bin/env node
/**
 * cenm-backup command line.
 *
 *   plan --stack <name> [--stack <name> ...] [--json <file>] [--preview] [--stacks-dir <dir>] [--quiet]
 *   plan --all            plans every stack file in the stacks directory
 *
 * Exit codes: 0 planned, 1 invalid configuration or input, 2 usage error, 3 unexpected failure.
 */
import * as fs from "fs";
import * as path from "path";
import { ConfigError } from "./config/errors";
import { listStacks, StackFileError } from "./offline/stacks";

const USAGE = `usage: cenm-backup plan (--stack <name>)... | --all [--json <file>] [--preview] [--stacks-dir <dir>] [--quiet]`;

export class UsageError extends Error {}

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
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) throw new UsageError(`${a} needs a value`);
      return v;
    };
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

/** Prints an error the way the command line reports it and returns the exit code. */
function reportError(e: unknown, err: (s: string) => unknown): number {
  if (e instanceof UsageError) {
    err(`cenm-backup: ${e.message}\n${USAGE}\n`);
    return 2;
  }
  if (e instanceof ConfigError || e instanceof StackFileError) {
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
