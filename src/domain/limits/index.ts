/**
 * The platform-limits table and its one entry point: every limit of every cloud, checked over a set of declared
 * resources. The offline plan stops on any violation; the audit reports them and leaves out the copies they void.
 */
import { ResourceGraph } from "../resources/graph";
import type { ResourceView } from "../resources/view";
import { AWS_LIMITS } from "./aws";
import { AZURE_LIMITS } from "./azure";
import type { LimitViolation, PlatformLimit } from "./types";

export type { LimitViolation, PlatformLimit, LimitBasis } from "./types";

/** Every platform limit, AWS first. */
export const PLATFORM_LIMITS: readonly PlatformLimit[] = [...AWS_LIMITS, ...AZURE_LIMITS];

export function limitById(id: string): PlatformLimit | undefined {
  return PLATFORM_LIMITS.find((l) => l.id === id);
}

/** The violations of every limit in a set of declared resources (or in a graph already built over them). */
export function checkPlatformLimits(resources: readonly ResourceView[] | ResourceGraph): LimitViolation[] {
  const g = resources instanceof ResourceGraph ? resources : new ResourceGraph(resources);
  return PLATFORM_LIMITS.flatMap((l) => l.check(g));
}

/** One violation for people: the resource, the property, what is wrong, the rule and where it is written. */
export function formatViolation(v: LimitViolation): string {
  const l = limitById(v.limit);
  const source = l ? ` [${l.id}, ${l.basis}: ${l.source}]` : ` [${v.limit}]`;
  return `${v.resource} (${v.type}), ${v.property}: ${v.message}. ${l?.rule ?? ""}${source}`;
}

export { PlatformLimitError } from "./error";
