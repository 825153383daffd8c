/**
 * The two belief tables as a document for people (docs/platform-limits.md, written by `npm run docs`): every
 * platform limit with its source, and every recovery figure with its source, documented or assumed.
 */
import { formatDuration } from "./durations";
import { FIGURES } from "./figures";
import { PLATFORM_LIMITS } from "./limits";
import { cell } from "./markdown";

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
  return `${lines.join("\n")}\n`;
}
