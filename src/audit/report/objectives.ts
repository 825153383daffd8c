/**
 * The recovery objectives as readers see them: per disruption, the target, the estimate and the floor, the copy that
 * sets the estimate and the mechanism that sets the floor, with its source. One renderer for report.md, the plan
 * text and the runbook, which read the same fields of a scenario (the audit's or the report's).
 */
import { formatDuration } from "../../domain/durations";
import { estimateText, pairText, targetText, verdictText } from "../objectives";
import type { FailoverCheck, FigureBasis, ObjectiveAssessment } from "../types";
import { cell, plain } from "./format";

/** The fields of a scenario these renderers read (an audit Scenario and a report scenario both have them). */
export interface ObjectiveView {
  id: string;
  title: string;
  rpoSeconds?: number;
  rtoSeconds?: number;
  rpoSetBy?: string;
  rtoSetBy?: string;
  objective?: ObjectiveAssessment;
  afterFailover?: FailoverCheck[];
}

const RECOMMENDATION_TITLES: Record<FailoverCheck["recommendation"], string> = {
  "database-replication": "1. Database replication",
  "database-snapshots": "2. Rolling database snapshots",
  "file-backups": "3. Replicated file storage",
  "key-storage": "4. Offline key copies",
};

function floorText(a: ObjectiveAssessment | undefined): string {
  return a?.floor ? pairText(a.floor.rpoSeconds, a.floor.rtoSeconds) : "unknown";
}

function sourceText(b: FigureBasis): string {
  return `${b.documented ? "documented" : "assumed"}: ${b.source}${b.url ? ` (${b.url})` : ""}`;
}

/** Where each scenario's targets come from, in a sentence. */
function targetSourceLine(scenarios: readonly ObjectiveView[]): string {
  const source = scenarios.find((s) => s.objective)?.objective?.targetSource;
  return source === "stack"
    ? "Targets: the stack's `recoveryObjectives` (its configuration, preset included, as the stack exports it)."
    : "Targets: the stack records none, so its environment's defaults apply (an unknown environment is held to prod's).";
}

/** report.md's section (also the runbook's): the table, the floors' sources and what holds after a region failover. */
export function objectiveMarkdownLines(scenarios: readonly ObjectiveView[]): string[] {
  const out: string[] = [];
  if (!scenarios.some((s) => s.objective)) return ["No recovery objective was assessed."];
  out.push(
    "Per disruption, the stack's target, the audit's estimate (the worst of its components, from the scenarios above) and the floor: the best the cloud's mechanisms allow for CENM's databases, file stores and signing keys (`src/domain/objectives.ts`, computed from the figures table). The CENM-RO controls judge each target.",
  );
  out.push("");
  out.push(targetSourceLine(scenarios));
  out.push("");
  out.push("| Disruption | Target | Estimate | Floor | Verdict | Estimate set by |");
  out.push("|---|---|---|---|---|---|");
  for (const s of scenarios) {
    const a = s.objective;
    const setBy = s.rpoSetBy === undefined ? "-" : s.rpoSetBy === s.rtoSetBy ? `RPO and RTO: ${s.rpoSetBy}` : `RPO: ${s.rpoSetBy}; RTO: ${s.rtoSetBy}`;
    const verdict = verdictText(a);
    out.push(`| ${cell(a?.key ?? s.id)} | ${targetText(a)} | ${estimateText(s.rpoSeconds, s.rtoSeconds)} | ${floorText(a)} | ${verdict === "NOT MET" ? "**NOT MET**" : verdict} | ${cell(setBy)} |`);
  }
  const floors = scenarios.filter((s) => s.objective?.floor);
  if (floors.length > 0) {
    out.push("");
    out.push("Where the floors come from:");
    out.push("");
    out.push("| Disruption | Floor | Set by | Source |");
    out.push("|---|---|---|---|");
    for (const s of floors) {
      const f = s.objective!.floor!;
      out.push(`| ${cell(s.objective!.key)} | RPO ${formatDuration(f.rpoSeconds)} | ${cell(f.rpoSetBy)} | ${cell(sourceText(f.rpoBasis))} |`);
      out.push(`| ${cell(s.objective!.key)} | RTO ${formatDuration(f.rtoSeconds)} | ${cell(f.rtoSetBy)} | ${cell(sourceText(f.rtoBasis))} |`);
    }
  }
  const failover = scenarios.find((s) => s.afterFailover && s.afterFailover.length > 0)?.afterFailover;
  if (failover) {
    out.push("");
    out.push("After a failover to the DR region (loss of the primary region), R3's recommendations:");
    out.push("");
    for (const c of failover) out.push(`- ${RECOMMENDATION_TITLES[c.recommendation]}: ${c.holds ? "holds" : "**does not hold**"}. ${plain(c.detail)}`);
  }
  return out;
}

/** The plan text's section: one line per disruption, then what holds after a region failover. */
export function objectiveTextLines(scenarios: readonly ObjectiveView[]): string[] {
  const out: string[] = [];
  const pad = (t: string, n: number) => (t.length >= n ? t : t + " ".repeat(n - t.length));
  const width = Math.max(...scenarios.map((s) => (s.objective?.key ?? s.id).length));
  for (const s of scenarios) {
    const a = s.objective;
    out.push(`  - ${pad(a?.key ?? s.id, width)}  target ${pad(targetText(a), 26)}  estimate ${pad(estimateText(s.rpoSeconds, s.rtoSeconds), 26)}  floor ${pad(floorText(a), 26)}  ${verdictText(a)}`);
    if (a?.met === false) for (const why of a.shortfalls) out.push(`      ${why}`);
  }
  const failover = scenarios.find((s) => s.afterFailover && s.afterFailover.length > 0)?.afterFailover;
  if (failover) {
    out.push("  after a region failover:");
    for (const c of failover) out.push(`    ${RECOMMENDATION_TITLES[c.recommendation]}: ${c.holds ? "holds" : "does not hold"}`);
  }
  return out;
}
