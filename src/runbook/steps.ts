/**
 * Small builders the per-cloud step writers share: command lines made of literal text, declared resources and
 * values the operator supplies, and the context a writer reads (the resource graph, the names, the facts).
 */
import type { Facts } from "../audit/types";
import type { ResourceGraph } from "../domain/resources/graph";
import type { ResourceView } from "../domain/resources/view";
import type { Command, Param, Part, Step, StepKind } from "./model";
import type { Namer } from "./names";

/** What a step writer reads. */
export interface StepContext {
  g: ResourceGraph;
  names: Namer;
  facts: Facts;
  primaryRegion?: string;
  drRegion?: string;
}

/** A value chosen at recovery time, or living outside the stack. */
export function param(what: string): Param {
  return { ref: "param", what };
}

export function aws(...parts: Part[]): Command {
  return { tool: "aws", parts: ["aws ", ...parts] };
}

export function az(...parts: Part[]): Command {
  return { tool: "az", parts: ["az ", ...parts] };
}

export function shell(...parts: Part[]): Command {
  return { tool: "shell", parts };
}

export function step(kind: StepKind, title: string, commands: Command[] = [], detail?: string): Step {
  return { kind, title, commands, ...(detail !== undefined ? { detail } : {}) };
}

/** `--flag value` pairs for each value, or nothing when there are none (the cloud's default then applies). */
export function flag(name: string, values: Part[]): Part[] {
  if (values.length === 0) return [];
  const out: Part[] = [` ${name}`];
  for (const v of values) out.push(" ", v);
  return out;
}

/** The declared resources of `types` in `region` (region input or location). */
export function inRegion(ctx: StepContext, region: string | undefined, ...types: string[]): ResourceView[] {
  if (region === undefined) return [];
  return ctx.g.ofType(...types).filter((r) => ctx.names.regionOf(r) === region);
}

/** The resource a URN names, when the input declares it. */
export function resource(ctx: StepContext, urn: string | undefined): ResourceView | undefined {
  return urn === undefined ? undefined : ctx.g.get(urn);
}
