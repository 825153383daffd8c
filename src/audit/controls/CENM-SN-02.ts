/** CENM-SN-02: recovery points are copied to another region. */
import type { Control } from "../types";
import { copyRegion, listNames, result, ruleEvidence, ruleSourceRegion, vaultRegionIndex } from "./common";
import { MAX_INTERVAL_HOURS } from "./CENM-SN-01";

export const control: Control = {
  id: "CENM-SN-02",
  title: "Snapshot copies in another region",
  recommendation: "database-snapshots",
  severity: "error",
  waivedBy: ["db-dr-copy"],
  rationale:
    "Snapshots kept only in the primary region go down with it and can be reached by whoever reaches that " +
    `region; at least one rule running every ${MAX_INTERVAL_HOURS} h or more often (or continuously) must copy its ` +
    "recovery points to a vault in another region. A rule's own region is its vault's region, or the primary " +
    "region when the vault is not resolved. Not applicable when no backup rule is declared (CENM-SN-01 and " +
    "CENM-FS-04 report the missing schedule).",
  evaluate(facts) {
    const rules = facts.snapshots.rules;
    if (rules.length === 0) return result("not-applicable", "No backup rule is declared.", []);
    const vaultRegions = vaultRegionIndex(facts);
    const copying: string[] = [];
    const evidence = rules.map((rule) => {
      const source = ruleSourceRegion(rule, vaultRegions, facts);
      const regions = rule.copies.map((c) => copyRegion(c, vaultRegions));
      const elsewhere = regions.filter((r): r is string => r !== undefined && r !== source);
      if (elsewhere.length > 0 && (rule.continuous || rule.intervalHours <= MAX_INTERVAL_HOURS)) copying.push(rule.rule);
      return ruleEvidence(rule, { sourceRegion: source, copyRegions: regions, intervalHours: rule.intervalHours, continuous: rule.continuous });
    });
    if (copying.length === 0) {
      return result("fail", `None of the ${rules.length} backup rule(s) that run at least daily copies its recovery points out of its region.`, evidence);
    }
    return result("pass", `Rule(s) ${listNames(copying)} copy recovery points to another region.`, evidence);
  },
};
