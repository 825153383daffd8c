/** The few lines the command line prints after building a runbook: per scenario, recoverable or not, and its figures. */
import { formatDuration } from "../domain/durations";
import type { Runbook } from "./model";

export function summarizeRunbook(book: Runbook): string {
  const lines: string[] = [];
  const env = book.environment ? `, environment ${book.environment}` : "";
  const recoverable = book.scenarios.filter((s) => s.recoverable).length;
  lines.push(`Runbook of ${book.stack}${env} (${book.origin}): ${book.scenarios.length} scenarios, ${recoverable} recoverable from the declared topology`);
  book.scenarios.forEach((s, i) => {
    if (!s.recoverable) {
      const what = s.notRecoverable?.components.length ? `no declared copy of ${s.notRecoverable.components.join(", ")} survives` : "nothing declared";
      lines.push(`  ${i + 1}. ${s.title}: NOT RECOVERABLE (${what})`);
      return;
    }
    const steps = s.components.reduce((n, c) => n + c.steps.length, 0);
    const target = s.objective?.target ? `; target RPO ${formatDuration(s.objective.target.rpoSeconds)}, RTO ${formatDuration(s.objective.target.rtoSeconds)}${s.objective.met === false ? " NOT MET" : ""}` : "";
    lines.push(`  ${i + 1}. ${s.title}: RPO ${formatDuration(s.rpoSeconds ?? 0)}, RTO ${formatDuration(s.rtoSeconds ?? 0)}${target}; ${steps} recovery step${steps === 1 ? "" : "s"} before CENM restarts`);
  });
  const unknown = book.resources.filter((r) => r.value === undefined).length;
  lines.push(
    `Names: ${book.resources.length} declared resource${book.resources.length === 1 ? "" : "s"} named${unknown > 0 ? `, ${unknown} known only after deployment (run the runbook on pulumi stack export for them)` : ", all with their physical names"}`,
  );
  return lines.join("\n");
}
