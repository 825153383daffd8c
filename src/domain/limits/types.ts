/**
 * Platform limits: what a cloud refuses, or silently does differently from what a declaration suggests, written
 * down once with the documentation that says so. Each limit has a pure check over declared resources; the offline
 * plan runs every check and stops on a violation, the audit reads the same checks (and never counts a copy a
 * limit says the cloud will not make), and config validation and the components call the same predicates.
 */
import type { ResourceGraph } from "../resources/graph";
import type { ResourceView } from "../resources/view";

/** "documented": the cloud's documentation states the rule; "assumption": our reading, with the reason given. */
export type LimitBasis = "documented" | "assumption";

export interface LimitViolation {
  /** Id of the limit broken. */
  limit: string;
  urn: string;
  /** Logical name of the resource that breaks it. */
  resource: string;
  type: string;
  /** Input path of the offending property, e.g. `rules[0].copyActions[0]`. */
  property: string;
  /** What was declared and why it breaks the rule, naming the values. */
  message: string;
}

export interface PlatformLimit {
  /** Stable identifier, e.g. `aws-rds-multi-az-cluster-snapshot-copy`. */
  id: string;
  cloud: "aws" | "azure";
  /** What the cloud refuses or breaks, in one or two sentences of our own. */
  rule: string;
  /** The documentation page the rule is read from. */
  source: string;
  basis: LimitBasis;
  /** Type tokens whose declarations the check reads. */
  resourceTypes: readonly string[];
  /** The violations in a plan (empty when it complies). */
  check(g: ResourceGraph): LimitViolation[];
}

/** A violation of `limit` by `r` at `property`. */
export function violation(limit: PlatformLimit | string, r: ResourceView, property: string, message: string): LimitViolation {
  return { limit: typeof limit === "string" ? limit : limit.id, urn: r.urn, resource: r.name, type: r.type, property, message };
}
