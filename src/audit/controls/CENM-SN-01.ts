/** CENM-SN-01: each database is selected by a backup plan with a rule at least daily and a week of retention. */
import type { Control, Evidence, SnapshotRuleFact } from "../types";
import { dbEvidence, listNames, result, ruleEvidence } from "./common";

/** Longest accepted interval between two scheduled recovery points, hours. */
export const MAX_INTERVAL_HOURS = 24;
/** Shortest accepted retention of those recovery points, days. */
export const MIN_RETENTION_DAYS = 7;

function qualifies(rule: SnapshotRuleFact): boolean {
  return (rule.continuous || rule.intervalHours <= MAX_INTERVAL_HOURS) && rule.retentionDays >= MIN_RETENTION_DAYS;
}

export const control: Control = {
  id: "CENM-SN-01",
  title: "Scheduled snapshots at least daily, kept at least a week, cover each database",
  recommendation: "database-snapshots",
  severity: "error",
  rationale:
    "Rolling snapshots are the only way back from a destructive statement that replication has already copied. " +
    `A database passes when a backup selection covers it and one rule both runs at least every ${MAX_INTERVAL_HOURS} h ` +
    `(or is continuous) and keeps its recovery points at least ${MIN_RETENTION_DAYS} days, the pairing AWS Config's ` +
    "minimum frequency and retention check looks for. A rule the facts tie to the resources it backs up (Azure " +
    "policies) counts only for those; any other declared rule counts for any selected database. Not applicable when no database is declared; a database without any " +
    "schedule fails here, which is why the other snapshot controls answer not-applicable when no rule exists.",
  evaluate(facts) {
    if (facts.databases.length === 0) return result("not-applicable", "No database is declared.", []);
    const covered = new Set(facts.snapshots.protectedUrns);
    const good = facts.snapshots.rules.filter(qualifies);
    const evidence: Evidence[] = [];
    const unselected: string[] = [];
    const unscheduled: string[] = [];
    for (const db of facts.databases) {
      evidence.push(dbEvidence(db, { inBackupPlan: covered.has(db.urn) }));
      if (!covered.has(db.urn)) unselected.push(db.name);
      // Rules tied to the resources they back up (Azure policies) count only for those; untied rules count for any.
      else if (good.length > 0 && !good.some((r) => r.protectedUrns === undefined || r.protectedUrns.includes(db.urn))) unscheduled.push(db.name);
    }
    for (const rule of facts.snapshots.rules) {
      evidence.push(ruleEvidence(rule, { intervalHours: rule.intervalHours, continuous: rule.continuous, retentionDays: rule.retentionDays, qualifies: qualifies(rule) }));
    }
    if (unselected.length > 0) return result("fail", `${listNames(unselected)} ${unselected.length === 1 ? "is" : "are"} not selected by any backup plan.`, evidence);
    if (good.length === 0) {
      return result(
        "fail",
        `No backup rule runs at least every ${MAX_INTERVAL_HOURS} h with at least ${MIN_RETENTION_DAYS} days of retention (${facts.snapshots.rules.length} rule(s) declared).`,
        evidence,
      );
    }
    if (unscheduled.length > 0) {
      return result("fail", `No rule backing up ${listNames(unscheduled)} runs at least every ${MAX_INTERVAL_HOURS} h with at least ${MIN_RETENTION_DAYS} days of retention.`, evidence);
    }
    return result("pass", `Every database is selected by a backup plan whose rule(s) ${listNames(good.map((r) => r.rule))} run at least daily and keep at least ${MIN_RETENTION_DAYS} days.`, evidence);
  },
};
