/** CENM-DB-05: deleting a database leaves a final snapshot behind. */
import type { Control } from "../types";
import { dbEvidence, listNames, result } from "./common";

export const control: Control = {
  id: "CENM-DB-05",
  title: "Final snapshot on deletion of every database",
  recommendation: "database-snapshots",
  severity: "error",
  waivedBy: ["deletion-protection"],
  rationale:
    "When a database is deleted after all, a final snapshot is the last recovery point left; skipping it turns a " +
    "mistaken deletion into permanent data loss. Not applicable when no database is declared.",
  evaluate(facts) {
    if (facts.databases.length === 0) return result("not-applicable", "No database is declared.", []);
    const evidence = facts.databases.map((d) => dbEvidence(d, { finalSnapshot: d.finalSnapshot }));
    const failing = facts.databases.filter((d) => !d.finalSnapshot).map((d) => d.name);
    if (failing.length > 0) return result("fail", `No final snapshot would be taken when deleting ${listNames(failing)}.`, evidence);
    return result("pass", `A final snapshot is taken on deletion of every database (${listNames(facts.databases.map((d) => d.name))}).`, evidence);
  },
};
