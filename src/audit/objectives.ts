/**
 * Recovery objectives judged: for one scenario, the stack's target (recorded in its outputs, else its environment's
 * default), the scenario's estimate against it, and the cloud's floor beside it (src/domain/objectives.ts). The
 * scenarios attach the result to each scenario; the CENM-RO controls, the report, the plan text and the runbook
 * read it from there.
 */
import { formatDuration } from "../domain/durations";
import { type Floor, floorOf, KIND_WORDS, OBJECTIVE_DEFAULTS, OBJECTIVE_OF, type ObjectiveKey, type RecoveryTarget, targetOf, defaultTargets } from "../domain/objectives";
import type { Environment } from "../domain/vocabulary";
import type { Facts, FigureBasis, FloorSummary, ObjectiveAssessment, Scenario } from "./types";

/** The environment whose defaults apply: dev and staging as recorded; prod, or anything else (unknown included), prod's. */
function defaultsEnvironment(facts: Facts): Environment {
  return facts.environment === "dev" || facts.environment === "staging" ? facts.environment : "prod";
}

/** The targets the stack is held to: those it records, else its environment's defaults on its cloud. */
export function targetsOf(facts: Facts): { source: "stack" | "default"; targets: Partial<Record<ObjectiveKey, RecoveryTarget | "unknown">> } {
  if (facts.objectives !== undefined) return { source: "stack", targets: facts.objectives };
  const env = defaultsEnvironment(facts);
  if (facts.cloud !== undefined) return { source: "default", targets: defaultTargets(facts.cloud, env) };
  // Without a cloud no floor can raise a default: the environment's defaults as written.
  const targets: Partial<Record<ObjectiveKey, RecoveryTarget>> = {};
  for (const [key, text] of Object.entries(OBJECTIVE_DEFAULTS[env]) as [ObjectiveKey, { rpo: string; rto: string }][]) targets[key] = targetOf(text)!;
  return { source: "default", targets };
}

function basis(f: Floor["rpo"]): FigureBasis {
  return { documented: f.figure.documented, source: f.figure.source, ...(f.figure.url ? { url: f.figure.url } : {}) };
}

/** A floor as the report shows it. */
export function floorSummary(floor: Floor): FloorSummary {
  return {
    rpoSeconds: floor.rpo.seconds,
    rtoSeconds: floor.rto.seconds,
    rpoSetBy: `${KIND_WORDS[floor.rpo.kind]}: ${floor.rpo.mechanism}`,
    rtoSetBy: `${KIND_WORDS[floor.rto.kind]}: ${floor.rto.mechanism}`,
    rpoBasis: basis(floor.rpo),
    rtoBasis: basis(floor.rto),
  };
}

/** Judges the scenario's estimate against the stack's target for it. */
export function assessObjective(facts: Facts, scenario: Omit<Scenario, "objective">): ObjectiveAssessment {
  const key = OBJECTIVE_OF[scenario.id];
  const { source, targets } = targetsOf(facts);
  const recorded = targets[key];
  const floor = facts.cloud !== undefined ? floorSummary(floorOf(facts.cloud, scenario.id)) : undefined;
  const head = { key, targetSource: source, ...(floor ? { floor } : {}) };
  if (recorded === undefined) return { ...head, shortfalls: [] };
  if (recorded === "unknown") return { ...head, targetUnknown: "the stack's recorded objective is a value computed at deployment", shortfalls: [] };
  if (scenario.rpoSeconds === undefined || scenario.rtoSeconds === undefined) {
    return { ...head, target: recorded, met: false, shortfalls: [`nothing the stack declares recovers from it (${scenario.savedBy})`] };
  }
  const shortfalls: string[] = [];
  if (scenario.rpoSeconds > recorded.rpoSeconds) {
    shortfalls.push(`RPO ${formatDuration(scenario.rpoSeconds)} above the target ${formatDuration(recorded.rpoSeconds)}, set by ${scenario.rpoSetBy ?? "the scenario's copies"}`);
  }
  if (scenario.rtoSeconds > recorded.rtoSeconds) {
    shortfalls.push(`RTO ${formatDuration(scenario.rtoSeconds)} above the target ${formatDuration(recorded.rtoSeconds)}, set by ${scenario.rtoSetBy ?? "the scenario's copies"}`);
  }
  return { ...head, target: recorded, met: shortfalls.length === 0, shortfalls };
}

/** "RPO 15 min / RTO 1 h", or "-" when absent. */
export function pairText(rpoSeconds: number | undefined, rtoSeconds: number | undefined): string {
  if (rpoSeconds === undefined || rtoSeconds === undefined) return "-";
  return `RPO ${formatDuration(rpoSeconds)} / RTO ${formatDuration(rtoSeconds)}`;
}

/** A scenario's estimate in words: "RPO 15 min / RTO 1 h", or "not recoverable". */
export function estimateText(rpoSeconds: number | undefined, rtoSeconds: number | undefined): string {
  return rpoSeconds === undefined || rtoSeconds === undefined ? "not recoverable" : pairText(rpoSeconds, rtoSeconds);
}

/** The target of an assessment in words: "RPO 15 min / RTO 1 h", "none", or "unknown". */
export function targetText(a: ObjectiveAssessment | undefined): string {
  if (a === undefined || (a.target === undefined && a.targetUnknown === undefined)) return "none";
  if (a.target === undefined) return "unknown (computed at deployment)";
  return pairText(a.target.rpoSeconds, a.target.rtoSeconds);
}

/** The verdict of an assessment in a word: met, NOT MET, no target, unknown. */
export function verdictText(a: ObjectiveAssessment | undefined): string {
  if (a === undefined || (a.target === undefined && a.targetUnknown === undefined)) return "no target";
  if (a.met === undefined) return "unknown";
  return a.met ? "met" : "NOT MET";
}
