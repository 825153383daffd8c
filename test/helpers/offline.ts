/**
 * Test helpers over the offline engine: declare resources under Pulumi's mock runtime and query what was
 * registered.
 */
import { DeclaredResource, OfflineRun, runOffline } from "../../src/offline/engine";

export interface DeclareOptions {
  preview?: boolean;
  stack?: string;
  /** Full config keys to string values. Default: aws:region eu-west-1. */
  config?: Record<string, string>;
}

/** Runs `build` as a stack program and returns what it declared. */
export function declare(build: () => unknown, options: DeclareOptions = {}): Promise<OfflineRun> {
  return runOffline(
    async () => {
      const result = build();
      return result && typeof result === "object" ? (result as Record<string, unknown>) : {};
    },
    {
      project: "cenm-backup",
      stack: options.stack ?? "test",
      config: options.config ?? { "aws:region": "eu-west-1" },
      preview: options.preview ?? false,
    },
  );
}

export function ofType(run: OfflineRun, type: string): DeclaredResource[] {
  return run.resources.filter((r) => r.type === type);
}

/** The one resource of a type (and name, when given); fails when there are none or several. */
export function one(run: OfflineRun, type: string, name?: string): DeclaredResource {
  const found = ofType(run, type).filter((r) => name === undefined || r.name === name);
  if (found.length !== 1) {
    throw new Error(`expected one ${type}${name ? ` named ${name}` : ""}, found ${found.length}: ${found.map((r) => r.name).join(", ")}`);
  }
  return found[0];
}

export function named(run: OfflineRun, name: string): DeclaredResource {
  const found = run.resources.filter((r) => r.name === name);
  if (found.length !== 1) throw new Error(`expected one resource named ${name}, found ${found.length}`);
  return found[0];
}

/** Parses a JSON document input (policies). */
export function json(value: unknown): any {
  if (typeof value !== "string") throw new Error(`expected a JSON string, got ${JSON.stringify(value)}`);
  return JSON.parse(value);
}
