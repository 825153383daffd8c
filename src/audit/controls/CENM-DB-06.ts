/** CENM-DB-06: every database keeps at least a week of point-in-time recovery. */
import { minOf } from "../../domain/arrays";
import type { Control } from "../types";
import { dbEvidence, listNames, result } from "./common";

/** Shortest point-in-time window accepted in any environment, days. */
export const MIN_PITR_DAYS = 7;

export const control: Control = {
  id: "CENM-DB-06",
  title: `Point-in-time recovery window of at least ${MIN_PITR_DAYS} days`,
  recommendation: "database-snapshots",
  severity: "error",
  waivedBy: ["db-pitr-window"],
  rationale:
    "Replication copies a destructive statement everywhere, so the way back is a restore to just before it; " +
    `a window shorter than ${MIN_PITR_DAYS} days (this package's floor; R3 gives no figure) leaves too little time ` +
    "to notice the damage. Not applicable when no database is declared.",
  evaluate(facts) {
    if (facts.databases.length === 0) return result("not-applicable", "No database is declared.", []);
    const evidence = facts.databases.map((d) => dbEvidence(d, { backupRetentionDays: d.backupRetentionDays }));
    const failing = facts.databases.filter((d) => d.backupRetentionDays < MIN_PITR_DAYS);
    if (failing.length > 0) {
      return result(
        "fail",
        `Point-in-time window below ${MIN_PITR_DAYS} days on ${listNames(failing.map((d) => `${d.name} (${d.backupRetentionDays} days)`))}.`,
        evidence,
      );
    }
    return result("pass", `Every database keeps at least ${MIN_PITR_DAYS} days of point-in-time recovery (shortest: ${minOf(facts.databases.map((d) => d.backupRetentionDays))} days).`, evidence);
  },
};
