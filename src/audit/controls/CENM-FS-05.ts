/** CENM-FS-05: a deleted file share can be brought back (share soft delete), for long enough. */
import { floorsText } from "../../domain/auditMinimums";
import { AZURE_SHARE_SOFT_DELETE_DAYS } from "../../domain/limits/azure";
import type { Control } from "../types";
import { environmentLabel, evidenceOf, listNames, minimumsOf, result } from "./common";

export const control: Control = {
  id: "CENM-FS-05",
  title: "Deleted file shares stay recoverable (share soft delete)",
  recommendation: "file-backups",
  severity: "error",
  rationale:
    "Deleting an Azure file share deletes its share snapshots with it (the snapshot tier of its Azure Backup " +
    "restore points), so share soft delete is what brings a mistakenly or maliciously deleted share back whole, " +
    `with its snapshots, within its retention (${AZURE_SHARE_SOFT_DELETE_DAYS.min} to ${AZURE_SHARE_SOFT_DELETE_DAYS.max} days, ${AZURE_SHARE_SOFT_DELETE_DAYS.source}). It must be on and keep deleted shares at least the environment's floor ` +
    `(${floorsText("shareSoftDeleteDays")}); a setting the program does not ` +
    "declare counts as off. A setting only the deployment computes is not judged. Not applicable when no file store " +
    "has such a setting (EFS has none: its backups live in the backup vault, not in the file system).",
  evaluate(facts) {
    const stores = facts.fileSystems.filter((f) => f.deletedSharesKeptDays !== undefined);
    if (stores.length === 0) return result("not-applicable", "No file store with share soft delete is declared.", []);
    const floor = minimumsOf(facts).shareSoftDeleteDays;
    const evidence = stores.map((f) => evidenceOf(f.urn, { deletedSharesKeptDays: f.deletedSharesKeptDays, requiredDays: floor }));
    const short = stores.filter((f) => typeof f.deletedSharesKeptDays === "number" && f.deletedSharesKeptDays < floor);
    if (short.length > 0) {
      const what = short.map((f) => `${f.name} (${f.deletedSharesKeptDays === 0 ? "soft delete off or not declared" : `${f.deletedSharesKeptDays} days`})`);
      return result("fail", `Deleted shares kept less than ${floor} days (environment ${environmentLabel(facts)}): ${listNames(what)}.`, evidence);
    }
    const unknown = stores.filter((f) => f.deletedSharesKeptDays === "unknown");
    if (unknown.length > 0) return result("unknown", `Not judged: the share soft delete of ${listNames(unknown.map((f) => f.name))} is computed at deployment (a preview shows it unknown).`, evidence);
    return result("pass", `Every file store keeps deleted shares at least ${floor} days (${listNames(stores.map((f) => `${f.name}: ${f.deletedSharesKeptDays} days`))}).`, evidence);
  },
};
