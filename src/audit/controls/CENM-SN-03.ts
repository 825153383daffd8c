/** CENM-SN-03: prod backup vaults are locked in compliance mode. */
import type { Control } from "../types";
import { environmentLabel, evidenceOf, isProdLike, listNames, result } from "./common";

export const control: Control = {
  id: "CENM-SN-03",
  title: "Compliance-locked backup vaults in prod",
  recommendation: "database-snapshots",
  severity: "error",
  waivedBy: ["snapshots-compliance-lock"],
  rationale:
    "Snapshots help only if nobody, a stolen administrator credential included, can delete them early; a " +
    "compliance lock makes recovery points immutable for their retention, a governance lock can be bypassed by a " +
    "privileged principal. Every vault of a prod stack (DR vaults included) must carry a compliance lock. Not " +
    "applicable outside prod, where CENM-SN-04 asks for at least a governance lock, and when no vault is declared; " +
    "a stack whose environment is unknown is treated as prod.",
  evaluate(facts) {
    if (!isProdLike(facts)) return result("not-applicable", `Environment ${environmentLabel(facts)} is not prod; CENM-SN-04 judges its vault locks.`, []);
    const vaults = facts.snapshots.vaults;
    if (vaults.length === 0) return result("not-applicable", "No backup vault is declared.", []);
    const evidence = vaults.map((v) => evidenceOf(v.urn, { region: v.region, lockMode: v.lock?.mode ?? "none", changeableForDays: v.lock?.changeableForDays }));
    const failing = vaults.filter((v) => v.lock?.mode !== "compliance").map((v) => `${v.name} (${v.lock?.mode ?? "no lock"})`);
    if (failing.length > 0) return result("fail", `Vault(s) without a compliance lock in prod: ${listNames(failing)}.`, evidence);
    return result("pass", `Every backup vault is compliance-locked (${listNames(vaults.map((v) => v.name))}).`, evidence);
  },
};
