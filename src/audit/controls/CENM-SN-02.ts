/** CENM-SN-02: the databases' recovery points are copied to another region and kept there long enough. */
import { floorsText, MAX_BACKUP_INTERVAL_HOURS } from "../../domain/auditMinimums";
import type { Control } from "../types";
import {
  atLeastDaily,
  copyRegion,
  copyRetentionDays,
  listNames,
  minimumsOf,
  requiredCopyDays,
  result,
  ruleEvidence,
  rulesCovering,
  ruleSourceRegion,
  vaultRegionIndex,
} from "./common";

export const control: Control = {
  id: "CENM-SN-02",
  title: "Snapshot copies in another region, kept long enough",
  recommendation: "database-snapshots",
  severity: "error",
  waivedBy: ["db-dr-copy"],
  rationale:
    "Snapshots kept only in the primary region go down with it and can be reached by whoever reaches that " +
    `region; at least one rule backing up a database and running every ${MAX_BACKUP_INTERVAL_HOURS} h or more often (or continuously) must copy its ` +
    "recovery points to a vault in another region, and keep them there as long as the longest-kept of those rules " +
    `keeps its own or the environment's floor, whichever is shorter (${floorsText("backupRetentionDays")}): a copy kept one day is gone before a region loss is ` +
    "declared, even when it is the copy of hourly snapshots kept a day. A copy without its own lifecycle keeps its source's retention. A rule's own region is its vault's " +
    "region, or the primary region when the vault is not resolved. Not applicable when no backup rule is declared " +
    "(CENM-SN-01 and CENM-FS-04 report the missing schedule).",
  evaluate(facts) {
    if (facts.snapshots.rules.length === 0) return result("not-applicable", "No backup rule is declared.", []);
    const rules = rulesCovering(facts.snapshots.rules, facts.databases.map((d) => d.urn));
    const minimums = minimumsOf(facts);
    const vaultRegions = vaultRegionIndex(facts);
    const copying: string[] = [];
    const short: string[] = [];
    const required = requiredCopyDays(rules.filter(atLeastDaily), minimums);
    const evidence = rules.map((rule) => {
      const source = ruleSourceRegion(rule, vaultRegions, facts);
      const away = rule.copies.filter((c) => {
        const region = copyRegion(c, vaultRegions);
        return region !== undefined && region !== source;
      });
      const keptLongEnough = away.filter((c) => copyRetentionDays(rule, c) >= required);
      if (atLeastDaily(rule) && keptLongEnough.length > 0) copying.push(rule.rule);
      else if (atLeastDaily(rule) && away.length > 0) short.push(`${rule.rule} (copies kept ${away.map((c) => copyRetentionDays(rule, c)).join(", ")} days, ${required} required)`);
      return ruleEvidence(rule, {
        sourceRegion: source,
        copyRegions: rule.copies.map((c) => copyRegion(c, vaultRegions)),
        copyRetentionDays: rule.copies.map((c) => copyRetentionDays(rule, c)),
        requiredCopyDays: required,
        intervalHours: rule.intervalHours,
        continuous: rule.continuous,
      });
    });
    if (copying.length === 0) {
      if (short.length > 0) return result("fail", `Recovery points are copied to another region but not kept long enough: ${listNames(short)}.`, evidence);
      return result("fail", `None of the ${rules.length} backup rule(s) backing up a database that run at least daily copies its recovery points out of its region.`, evidence);
    }
    return result("pass", `Rule(s) ${listNames(copying)} copy recovery points to another region and keep them long enough.`, evidence);
  },
};
