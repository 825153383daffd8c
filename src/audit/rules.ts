/**
 * Renders the catalogue of audit controls (RULES.md) from the controls themselves, so the document can never
 * drift from the code: a test compares the committed file with this rendering.
 */
import { AUDIT_MINIMUM_MEANINGS, AUDIT_MINIMUMS, type AuditMinimums, MAX_BACKUP_INTERVAL_HOURS } from "../domain/auditMinimums";
import { cell } from "../domain/markdown";
import type { Control } from "./types";

/** The command that regenerates RULES.md. */
export const RULES_COMMAND = "npm run rules";

const RECOMMENDATIONS: Record<Control["recommendation"], string> = {
  "database-replication": "Database replication",
  "database-snapshots": "Database snapshots",
  "file-backups": "File backups",
  "key-storage": "Key storage",
  general: "General (not an R3 recommendation)",
};


function anchor(id: string): string {
  return id.toLowerCase().replace(/[^a-z0-9-]/g, "");
}

/**
 * The magnitudes the controls hold each environment to (src/domain/auditMinimums.ts): how long recovery points,
 * copies, locks and deleted shares must be kept, beside whether they are declared at all.
 */
function minimumsTable(): string[] {
  const keys = Object.keys(AUDIT_MINIMUM_MEANINGS) as (keyof AuditMinimums)[];
  return [
    "## Magnitudes each environment is held to",
    "",
    "The controls judge how much protection is declared, not only that it is: the floors below are this package's " +
      "policy (R3 asks for rolling snapshots, copies away from the primary and key copies that cannot be destroyed, " +
      "without giving durations). Each sits below the matching preset so that a stack on its presets passes, and " +
      "high enough that a protection cut to a token value fails. A stack whose environment is unknown is held to " +
      `prod's. "At least daily" means a recovery point every ${MAX_BACKUP_INTERVAL_HOURS} h or more often, or continuous backups.`,
    "",
    "| Floor | dev | staging | prod | Meaning |",
    "|---|---|---|---|---|",
    ...keys.map((k) => `| \`${k}\` | ${AUDIT_MINIMUMS.dev[k]} | ${AUDIT_MINIMUMS.staging[k]} | ${AUDIT_MINIMUMS.prod[k]} | ${cell(AUDIT_MINIMUM_MEANINGS[k])} |`),
    "",
    "## Controls",
    "",
  ];
}

export function renderRulesCatalogue(controls: Control[]): string {
  const lines: string[] = [
    "# Audit rules",
    "",
    `This file is generated from the controls in \`src/audit/controls/\` by \`${RULES_COMMAND}\` ` +
      "(`tsc -p . && node dist/scripts/rules.js`). Do not edit it by hand: change a control and regenerate it; " +
      "a test fails while this file and the controls disagree.",
    "",
    "Each control judges facts the audit derives from the declared resources and answers pass, fail, " +
      "not-applicable, or unknown when its evidence is a value only the deployment computes (a preview's unknowns); " +
      "an unknown never fails the audit and says what could not be judged. A failed control is waived by a stack waiver whose id is the control id or one of the ids " +
      "in the \"Waived by\" column, with a written reason of at least 20 characters and no past expiry date; a " +
      "waived finding still reads \"fail\" and shows its waiver.",
    "",
    `${controls.length} control${controls.length === 1 ? "" : "s"}.`,
    "",
    ...minimumsTable(),
    "| ID | Title | R3 recommendation | Severity | Waived by |",
    "|---|---|---|---|---|",
  ];
  for (const c of controls) {
    const waivedBy = c.waivedBy && c.waivedBy.length > 0 ? c.waivedBy.map((w) => `\`${w}\``).join(", ") : "-";
    lines.push(`| [${c.id}](#${anchor(c.id)}) | ${cell(c.title)} | ${RECOMMENDATIONS[c.recommendation]} | ${c.severity} | ${waivedBy} |`);
  }
  for (const c of controls) {
    lines.push(
      "",
      `## ${c.id}`,
      "",
      `**${c.title}**`,
      "",
      `- R3 recommendation: ${RECOMMENDATIONS[c.recommendation]}`,
      `- Severity: ${c.severity}`,
      `- Waived by: ${c.waivedBy && c.waivedBy.length > 0 ? [c.id, ...c.waivedBy].map((w) => `\`${w}\``).join(", ") : `\`${c.id}\` only`}`,
      "",
      c.rationale,
    );
  }
  lines.push("");
  return lines.join("\n");
}
