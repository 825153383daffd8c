/** CENM-SN-04: outside prod, backup vaults carry at least a governance lock. */
import type { Control } from "../types";
import { environmentLabel, evidenceOf, isProdLike, listNames, result } from "./common";

export const control: Control = {
  id: "CENM-SN-04",
  title: "Backup vaults locked at least in governance mode outside prod",
  recommendation: "database-snapshots",
  severity: "warning",
  waivedBy: ["snapshots-compliance-lock"],
  rationale:
    "Dev and staging may keep the option of deleting recovery points, but a governance lock still stops an " +
    "accidental or casual deletion and exercises the same lock configuration prod relies on. A separate warning " +
    "rather than part of CENM-SN-03, so that the prod error stays unambiguous. Not applicable in prod (CENM-SN-03 " +
    "judges it, and an unknown environment counts as prod) and when no vault is declared.",
  evaluate(facts) {
    if (isProdLike(facts)) return result("not-applicable", `Environment ${environmentLabel(facts)}: CENM-SN-03 requires compliance locks instead.`, []);
    const vaults = facts.snapshots.vaults;
    if (vaults.length === 0) return result("not-applicable", "No backup vault is declared.", []);
    const evidence = vaults.map((v) => evidenceOf(v.urn, { region: v.region, lockMode: v.lock?.mode ?? "none" }));
    const failing = vaults.filter((v) => v.lock === undefined).map((v) => v.name);
    if (failing.length > 0) return result("fail", `Vault(s) without any lock in ${environmentLabel(facts)}: ${listNames(failing)}.`, evidence);
    return result("pass", `Every backup vault is locked (${listNames(vaults.map((v) => `${v.name}: ${v.lock?.mode}`))}).`, evidence);
  },
};
