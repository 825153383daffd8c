/**
 * CENM-SN-01: each database is selected by a backup plan with a rule at least daily whose recovery points are
 * kept at least the environment's floor.
 */
import { floorsText, MAX_BACKUP_INTERVAL_HOURS } from "../../domain/auditMinimums";
import type { Control, Evidence, SnapshotRuleFact } from "../types";
import { atLeastDaily, dbEvidence, gapNames, environmentLabel, listNames, minimumsOf, result, ruleCovers, ruleEvidence, rulesCovering } from "./common";

export const control: Control = {
  id: "CENM-SN-01",
  title: "Scheduled snapshots at least daily, kept long enough, cover each database",
  recommendation: "database-snapshots",
  severity: "error",
  rationale:
    "Rolling snapshots are the only way back from a destructive statement that replication has already copied. " +
    `A database passes when a backup selection covers it and one rule backing it up both runs at least every ${MAX_BACKUP_INTERVAL_HOURS} h ` +
    "(or is continuous) and keeps its recovery points at least the environment's floor " +
    `(${floorsText("backupRetentionDays")}): ` +
    "a destructive statement noticed after the last kept recovery point has expired cannot be undone. A rule the " +
    "facts tie to the resources it backs up (a plan's selections on AWS, an Azure policy's backup instances and " +
    "protected items) counts only for those, so a file-share rule is no evidence for a database. Any rule backing up " +
    "a database that deletes each recovery point before taking the next (a weekly backup kept a day) fails too: " +
    "most of the time it holds nothing. Not applicable " +
    "when no database is declared; a database without any schedule fails here, which is why the other snapshot " +
    "controls answer not-applicable when no rule exists.",
  evaluate(facts) {
    if (facts.databases.length === 0) return result("not-applicable", "No database is declared.", []);
    const floor = minimumsOf(facts).backupRetentionDays;
    const qualifies = (rule: SnapshotRuleFact) => atLeastDaily(rule) && rule.retentionDays >= floor;
    const covered = new Set(facts.snapshots.protectedUrns);
    const rules = rulesCovering(facts.snapshots.rules, facts.databases.map((d) => d.urn));
    const evidence: Evidence[] = [];
    const unselected: string[] = [];
    const unscheduled: string[] = [];
    for (const db of facts.databases) {
      evidence.push(dbEvidence(db, { inBackupPlan: covered.has(db.urn) }));
      if (!covered.has(db.urn)) unselected.push(db.name);
      else if (!rules.some((r) => ruleCovers(r, db.urn) && qualifies(r))) unscheduled.push(db.name);
    }
    for (const rule of rules) {
      evidence.push(ruleEvidence(rule, { intervalHours: rule.intervalHours, continuous: rule.continuous, retentionDays: rule.retentionDays, requiredDays: floor, qualifies: qualifies(rule) }));
    }
    const want = `runs at least every ${MAX_BACKUP_INTERVAL_HOURS} h and keeps its recovery points at least ${floor} days (environment ${environmentLabel(facts)})`;
    if (unselected.length > 0) return result("fail", `${listNames(unselected)} ${unselected.length === 1 ? "is" : "are"} not selected by any backup plan.`, evidence);
    const gaps = gapNames(rules);
    if (gaps.length > 0) return result("fail", `Rule(s) backing up a database delete each recovery point before the next is taken: ${listNames(gaps)}.`, evidence);
    if (unscheduled.length > 0) {
      const kept = rules.filter(atLeastDaily).map((r) => `${r.rule} keeps ${r.retentionDays} days`);
      return result("fail", `No rule backing up ${listNames(unscheduled)} ${want}${kept.length > 0 ? `; ${listNames(kept)}` : ` (${rules.length} rule(s) back them up)`}.`, evidence);
    }
    const good = rules.filter(qualifies);
    return result("pass", `Every database is selected by a backup plan whose rule(s) ${listNames(good.map((r) => r.rule))} run at least daily and keep at least ${floor} days.`, evidence);
  },
};
