/**
 * The change judgement in words: one line for the command line and the PR comment's table, and a Markdown block
 * (report.md, the PR comment) that leads with what the change replaces, deletes and lifts protection on.
 */
import type { ReportChange } from "../report/schema";

type Finding = ReportChange["findings"][number];

function names(list: readonly string[]): string {
  return list.map((n) => `\`${n}\``).join(", ");
}

/** Whether the change touches no resource at all. */
export function changesNothing(c: ReportChange): boolean {
  return c.counts.create + c.counts.update + c.counts.replace + c.counts.delete === 0 && c.findings.length === 0;
}

/** "replaces cenm-db-primary; deletes nothing; ..." or "changes no resource". */
export function changeLine(c: ReportChange): string {
  const notes = c.notes?.length ? ` (${c.notes.length} note${c.notes.length === 1 ? "" : "s"} in the report)` : "";
  if (changesNothing(c)) return `changes no resource${notes}`;
  const parts: string[] = [];
  if (c.replaces.length > 0) parts.push(`replaces ${c.replaces.join(", ")}`);
  if (c.deletes.length > 0) parts.push(`deletes ${c.deletes.join(", ")}`);
  if (c.liftsProtection.length > 0) parts.push(`lifts protection on ${c.liftsProtection.join(", ")}`);
  const other = c.counts.create + c.counts.update;
  if (other > 0) parts.push(`${c.counts.create} created, ${c.counts.update} updated`);
  return `${parts.join("; ")}${notes}`;
}

function outcome(f: Finding): string {
  if (f.waiver) return `waived (\`${f.waiver.id}\`: ${f.waiver.reason})`;
  return f.severity === "error" ? "**error**" : f.severity;
}

/** The findings, most severe first, each with what it loses and how to avoid it. */
function findingLines(c: ReportChange): string[] {
  const order = { error: 0, warning: 1, info: 2 } as const;
  const sorted = [...c.findings].sort((a, b) => order[a.severity] - order[b.severity] || a.rule.localeCompare(b.rule) || a.resource.localeCompare(b.resource));
  return sorted.map((f) => `- ${f.severity === "error" && !f.waiver ? ":x: " : ""}**${f.rule}** ${f.title}, \`${f.resource}\` (${outcome(f)}): ${f.message} To avoid it: ${f.avoid}.`);
}

/** The notes of a change (what the sources could not settle), as a Markdown list after a blank line; none when none. */
export function changeNotes(c: ReportChange): string[] {
  const notes = c.notes ?? [];
  return notes.length === 0 ? [] : ["", "Notes:", ...notes.map((n) => `- ${n}`)];
}

/**
 * The Markdown of a change: the lists a reviewer reads first (replaces, deletes, lifts protection on), then each
 * finding, then the notes. A change that touches nothing says so in one line.
 */
export function changeMarkdown(c: ReportChange): string[] {
  const basis = c.basis === "preview" ? `the preview's own steps (base: ${c.base})` : `the offline plans compared, replacements predicted from the resource dossier (base: ${c.base})`;
  if (changesNothing(c)) return [`This change touches no resource (${basis}).`, ...changeNotes(c)];
  const lines: string[] = [];
  lines.push(`- **Replaces**: ${c.replaces.length ? names(c.replaces) : "nothing"}`);
  lines.push(`- **Deletes**: ${c.deletes.length ? names(c.deletes) : "nothing"}`);
  lines.push(`- **Lifts protection on**: ${c.liftsProtection.length ? names(c.liftsProtection) : "nothing"}`);
  lines.push(`- Creates ${c.counts.create}, updates ${c.counts.update} (${basis}).`);
  const f = findingLines(c);
  if (f.length > 0) lines.push("", ...f);
  lines.push(...changeNotes(c));
  return lines;
}
