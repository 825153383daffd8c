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
import { planStack, PlanDocument, summarize } from "./offline/plan";
import { listStacks, StackFileError } from "./offline/stackFile";

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

async function plan(argv: string[], out: (s: string) => unknown): Promise<number> {
  const args = parsePlanArgs(argv);
  const documents: PlanDocument[] = [];
  for (const stack of args.stacks) {
    const { run, document } = await planStack(stack, { stacksDir: args.stacksDir, preview: args.preview });
    documents.push(document);
    if (!args.quiet) out(`${summarize(run)}\n`);
  }
  // Written only once every stack planned: a failed plan writes nothing.
  if (args.json) {
    fs.mkdirSync(path.dirname(path.resolve(args.json)), { recursive: true });
    const { stack, project, preview, resources, outputs } = documents[0];
    fs.writeFileSync(args.json, `${JSON.stringify({ stack, project, preview, resources, outputs }, null, 2)}\n`);
    if (!args.quiet) out(`plan written to ${args.json} (${resources.length} resources)\n`);
  }
  return 0;
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
        return await plan(rest, out);
      case undefined:
      case "help":
      case "--help":
        out(`${USAGE}\n`);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      err(`cenm-backup: ${e.message}\n${USAGE}\n`);
      return 2;
    }
    if (e instanceof ConfigError || e instanceof StackFileError) {
      err(`cenm-backup: ${e.message}\n`);
      return 1;
    }
    const message = e instanceof Error ? e.message : String(e);
    err(`cenm-backup: ${message}\n`);
    return 3;
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
