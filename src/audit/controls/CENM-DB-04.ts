/** CENM-DB-04: every database refuses deletion at the provider. */
import type { Control } from "../types";
import { dbEvidence, listNames, result } from "./common";

export const control: Control = {
  id: "CENM-DB-04",
  title: "Deletion protection on every database",
  recommendation: "database-snapshots",
  severity: "error",
  waivedBy: ["deletion-protection"],
  rationale:
    "A deleted database server takes its automated backups and point-in-time window with it unless they are " +
    "retained, so every server should refuse deletion until someone turns the protection off on purpose. It " +
    "applies in every environment: a dev stack that accepts the risk says so with a waiver. Not applicable when " +
    "no database is declared.",
  evaluate(facts) {
    if (facts.databases.length === 0) return result("not-applicable", "No database is declared.", []);
    const evidence = facts.databases.map((d) => dbEvidence(d, { deletionProtection: d.deletionProtection }));
    const failing = facts.databases.filter((d) => !d.deletionProtection).map((d) => d.name);
    if (failing.length > 0) return result("fail", `Deletion protection is off on ${listNames(failing)}.`, evidence);
    return result("pass", `Deletion protection is on for every database (${listNames(facts.databases.map((d) => d.name))}).`, evidence);
  },
};
