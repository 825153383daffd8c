/** CENM-GN-06: nothing declared breaks a documented platform limit (what the cloud would refuse or silently break). */
import { limitById, PLATFORM_LIMITS } from "../../domain/limits";
import type { Control, Evidence } from "../types";
import { listNames, result, stackEvidence } from "./common";

export const control: Control = {
  id: "CENM-GN-06",
  title: "Declared resources respect the clouds' documented limits",
  recommendation: "general",
  severity: "error",
  rationale:
    "A copy the cloud will not make, a deletion it will refuse, an alert it will drop: each looks protective in the " +
    "program and protects nothing. The platform-limits table (src/domain/limits) writes each such rule once, with " +
    "the documentation page it comes from; this control runs every rule over the declared resources, and the other " +
    "controls leave out the copies a rule voids. Passes when no resource breaks a rule.",
  evaluate(facts) {
    const violations = facts.platformLimitViolations;
    const evidence: Evidence[] = violations.map((v) => {
      const limit = limitById(v.limit);
      return { resource: v.resource, type: v.type, properties: { limit: v.limit, property: v.property, problem: v.message, source: limit?.source ?? null, basis: limit?.basis ?? null } };
    });
    if (violations.length > 0) {
      const limits = [...new Set(violations.map((v) => v.limit))];
      return result("fail", `${violations.length} declaration${violations.length === 1 ? "" : "s"} break${violations.length === 1 ? "s" : ""} ${listNames(limits)}.`, evidence);
    }
    return result("pass", `No declared resource breaks any of the ${PLATFORM_LIMITS.length} documented platform limits.`, [stackEvidence(facts, { limitsChecked: PLATFORM_LIMITS.length, violations: 0 })]);
  },
};
