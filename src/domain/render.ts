/**
 * The two belief tables as a document for people (docs/platform-limits.md, written by `npm run docs`): every
 * platform limit with its source, and every recovery figure with its source, documented or assumed; then the
 * recovery-objective floors computed from the figures, and the default objectives.
 */
import { formatDuration } from "./durations";
import { FIGURES } from "./figures";
import { PLATFORM_LIMITS } from "./limits";
import { cell } from "./markdown";
import { defaultObjectives, describeFloorFigure, FLOORS, OBJECTIVE_KEYS, OBJECTIVE_OF, RECOVERY_MECHANISMS, SCENARIO_IDS } from "./objectives";
import { CLOUDS, ENVIRONMENTS } from "./vocabulary";

export const LIMITS_DOC_PATH = "docs/platform-limits.md";


export function renderBeliefTables(): string {
  const lines: string[] = [
    "# Platform limits and recovery figures",
    "",
    "Generated from `src/domain/limits` and `src/domain/figures` by `npm run docs`; a test fails while it is stale.",
    "",
    "Every belief this package holds about what a cloud accepts or does is written once, in one of these two tables,",
    "with the page it is read from. The offline plan runs every limit over every declared resource and stops (exit 1)",
    "on a violation; the audit runs the same limits (control CENM-GN-06) and counts no copy a limit says the cloud",
    "will not make; config validation and the components call the same predicates, so that a stack that loads plans.",
    "",
    `## Platform limits (${PLATFORM_LIMITS.length})`,
    "",
    "| Id | Cloud | Basis | Rule | Reads | Source |",
    "|---|---|---|---|---|---|",
  ];
  for (const l of PLATFORM_LIMITS) {
    lines.push(`| \`${l.id}\` | ${l.cloud} | ${l.basis} | ${cell(l.rule)} | ${l.resourceTypes.map((t) => `\`${t}\``).join(", ")} | ${l.source} |`);
  }
  const figures = Object.entries(FIGURES);
  lines.push("", `## Recovery figures (${figures.length})`, "", "| Name | Figure | Basis | What it rests on | Source |", "|---|---|---|---|---|");
  for (const [name, f] of figures) {
    lines.push(`| \`${name}\` | ${formatDuration(f.seconds)} | ${f.documented ? "documented" : "assumption"} | ${cell(f.source)} | ${"url" in f && f.url ? f.url : "-"} |`);
  }
  lines.push(...floorLines());
  return `${lines.join("\n")}\n`;
}

/** The floors per cloud and disruption, the mechanisms they are computed from, and the default objectives. */
function floorLines(): string[] {
  const lines: string[] = [
    "",
    "## Recovery-objective floors",
    "",
    "Generated from `src/domain/objectives.ts`. The floor of a disruption is the best RPO and the best RTO the cloud's",
    "mechanisms allow for CENM's databases, file stores and signing keys: for each kind of data, the best figure among",
    "the mechanisms below that survive the disruption; for the stack, the worst kind. A stack's target below its floor",
    "is refused; the audit shows the floor beside each estimate.",
    "",
    "| Cloud | Disruption | Floor RPO | Floor RTO |",
    "|---|---|---|---|",
  ];
  for (const cloud of CLOUDS) {
    for (const id of SCENARIO_IDS) {
      const f = FLOORS[cloud][id];
      lines.push(`| ${cloud} | \`${OBJECTIVE_OF[id]}\` | ${cell(describeFloorFigure(f.rpo))} | ${cell(describeFloorFigure(f.rto))} |`);
    }
  }
  lines.push("", `### Mechanisms the floors are computed from (${RECOVERY_MECHANISMS.length})`, "", "| Cloud | Data | Mechanism | Survives | RPO | RTO |", "|---|---|---|---|---|---|");
  for (const m of RECOVERY_MECHANISMS) {
    const survives = m.survives.map((id) => `\`${OBJECTIVE_OF[id]}\``).join(", ");
    lines.push(`| ${m.cloud} | ${m.kind} | ${cell(m.name)} | ${survives} | ${formatDuration(m.rpo.seconds)} | ${formatDuration(m.rto.seconds)} |`);
  }
  lines.push("", "### Default objectives (RPO / RTO; the stack's `recoveryObjectives` override them)", "", `| Disruption | ${CLOUDS.flatMap((c) => ENVIRONMENTS.map((e) => `${c} ${e}`)).join(" | ")} |`, `|---|${CLOUDS.flatMap(() => ENVIRONMENTS.map(() => "---|")).join("")}`);
  for (const key of OBJECTIVE_KEYS) {
    const cells = CLOUDS.flatMap((c) => ENVIRONMENTS.map((e) => {
      const o = defaultObjectives(c, e)[key];
      return o ? `${o.rpo} / ${o.rto}` : "none";
    }));
    lines.push(`| \`${key}\` | ${cells.join(" | ")} |`);
  }
  return lines;
}
