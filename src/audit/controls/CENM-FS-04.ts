/** CENM-FS-04: the file system is selected by a backup plan. */
import type { Control } from "../types";
import { evidenceOf, listNames, result } from "./common";

export const control: Control = {
  id: "CENM-FS-04",
  title: "File systems protected by a backup plan",
  recommendation: "file-backups",
  severity: "error",
  rationale:
    "Replication copies a deleted or corrupted config file to every copy; only point-in-time backups bring it " +
    "back, which is the quick restore R3 expects for configs, drivers, plugins and certificate directories. Not " +
    "applicable when no file system is declared.",
  evaluate(facts) {
    if (facts.fileSystems.length === 0) return result("not-applicable", "No file system is declared.", []);
    const evidence = facts.fileSystems.map((f) => evidenceOf(f.urn, { inBackupPlan: f.inBackupPlan }));
    const failing = facts.fileSystems.filter((f) => !f.inBackupPlan).map((f) => f.name);
    if (failing.length > 0) return result("fail", `${listNames(failing)} ${failing.length === 1 ? "is" : "are"} not selected by any backup plan.`, evidence);
    return result("pass", `Every file system is selected by a backup plan (${listNames(facts.fileSystems.map((f) => f.name))}).`, evidence);
  },
};
