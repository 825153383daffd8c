/**
 * The CENM-RO controls, one per disruption (src/audit/controls/CENM-RO-01.ts to CENM-RO-05.ts): each judges the
 * stack's recovery objective for its scenario against the scenario's estimate, naming the copy that sets the
 * estimate and showing the cloud's floor beside it. Written once here; each control file names its disruption.
 */
import { formatDuration } from "../domain/durations";
import { OBJECTIVE_MEANINGS, type ObjectiveKey, SCENARIO_OF } from "../domain/objectives";
import { environmentLabel, evidenceOf, result, stackEvidence } from "./controls/common";
import { estimateText, pairText, targetText } from "./objectives";
import { cachedScenarioDetails } from "./scenarios";
import type { Control, Evidence } from "./types";

/** A control judging the objective `key`. */
export function objectiveControl(id: string, key: ObjectiveKey, title: string, why: string): Control {
  const scenarioId = SCENARIO_OF[key];
  return {
    id,
    title,
    recommendation: "general",
    severity: "error",
    rationale:
      `${OBJECTIVE_MEANINGS[key]} ${why} The stack's \`recoveryObjectives.${key}\` (exported as the \`recoveryObjectives\` stack output; when the ` +
      "stack records none, its environment's defaults: none in dev, and an unknown environment is held to prod's) is compared with " +
      `the audit's estimate for the ${scenarioId} scenario, the worst of its components: fails when the estimated RPO or RTO ` +
      "exceeds the target, or when nothing declared recovers, naming the copy that sets the estimate; the floor (the best " +
      "the cloud's mechanisms allow, from the figures table) is shown beside it. Not applicable without a target for this " +
      "disruption or when nothing it touches is declared; unknown when the recorded target is a value computed at deployment.",
    evaluate(facts) {
      const detail = cachedScenarioDetails(facts).find((d) => d.scenario.id === scenarioId);
      const s = detail?.scenario;
      const a = s?.objective;
      if (!detail || !s || !a || (a.target === undefined && a.targetUnknown === undefined)) {
        const why = a?.targetSource === "stack" ? "the stack records none for it" : `environment ${environmentLabel(facts)} sets none`;
        return result("not-applicable", `No ${key} objective: ${why}.`, []);
      }
      if (detail.components.length === 0) return result("not-applicable", `Nothing the ${key} scenario touches is declared.`, []);
      if (a.target === undefined) return result("unknown", `Not judged: the stack's ${key} objective is a value computed at deployment.`, []);
      const floor = a.floor ? pairText(a.floor.rpoSeconds, a.floor.rtoSeconds) : "unknown (the cloud cannot be told)";
      const evidence: Evidence[] = [
        stackEvidence(facts, {
          objective: key,
          targetSource: a.targetSource,
          target: targetText(a),
          estimate: estimateText(s.rpoSeconds, s.rtoSeconds),
          floor,
          ...(s.rpoSetBy ? { rpoSetBy: s.rpoSetBy } : {}),
          ...(s.rtoSetBy ? { rtoSetBy: s.rtoSetBy } : {}),
          ...(a.floor ? { floorRpoSetBy: a.floor.rpoSetBy, floorRtoSetBy: a.floor.rtoSetBy } : {}),
        }),
        ...detail.components.map((c) =>
          evidenceOf(c.urn ?? (c.chosen?.source.kind === "key-copy" ? c.chosen.source.keyCopyId : facts.stack), {
            component: c.label,
            restoreFrom: c.chosen?.savedBy ?? "nothing declared survives",
            ...(c.chosen ? { rpo: formatDuration(c.chosen.rpoSeconds), rto: formatDuration(c.chosen.rtoSeconds) } : {}),
          }),
        ),
      ];
      const figures = `target ${targetText(a)}, estimate ${estimateText(s.rpoSeconds, s.rtoSeconds)}, floor ${floor}`;
      if (a.met === false) return result("fail", `The ${key} objective is not met (${figures}): ${a.shortfalls.join("; ")}.`, evidence);
      return result(
        "pass",
        `The ${key} objective is met (${figures}); the RPO is set by ${s.rpoSetBy ?? "-"}, the RTO by ${s.rtoSetBy ?? "-"}.`,
        evidence,
      );
    },
  };
}
