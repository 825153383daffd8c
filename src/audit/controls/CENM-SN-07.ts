/**
 * CENM-SN-07: a recovery point nobody can delete early is at most a day old, for every database and file store.
 */
import { minOf } from "../../domain/arrays";
import { MAX_BACKUP_INTERVAL_HOURS } from "../../domain/auditMinimums";
import type { Control, Evidence, Facts, SnapshotRuleFact } from "../types";
import { environmentLabel, evidenceOf, isProdLike, listNames, result, ruleCovers } from "./common";

/** Rules whose recovery points land in a vault whose lock stops early deletion (compliance in prod, any lock elsewhere). */
function lockedRules(facts: Facts): SnapshotRuleFact[] {
  const prod = isProdLike(facts);
  const locked = new Set(facts.snapshots.vaults.filter((v) => v.lock !== undefined && (!prod || v.lock.mode === "compliance")).map((v) => v.urn));
  // Recovery points kept in the backed-up resource itself (Azure Files snapshots) are beyond the vault's lock.
  return facts.snapshots.rules.filter((r) => r.vaultUrn !== undefined && locked.has(r.vaultUrn) && !r.inSource);
}

/** Hours between two locked recovery points of a rule (a continuous rule keeps every moment). */
function hours(rule: SnapshotRuleFact): number {
  return rule.continuous ? 0 : rule.intervalHours;
}

export const control: Control = {
  id: "CENM-SN-07",
  title: "Recovery points nobody can delete early are at most a day old",
  recommendation: "database-snapshots",
  severity: "warning",
  rationale:
    "Someone holding administrative rights can delete a database, its replicas and every backup an ordinary vault " +
    "holds; what is left is the newest recovery point in a locked vault (compliance mode in prod or an unknown " +
    "environment, any lock elsewhere). Its age is the data lost to that attack, the malicious-deletion scenario's " +
    `RPO, so each database and file store needs a locked rule taking a recovery point at least every ${MAX_BACKUP_INTERVAL_HOURS} h. A ` +
    "warning: the point-in-time backups of a database still cover every other scenario. Not applicable when no " +
    "database or file store, or no backup rule, is declared.",
  evaluate(facts) {
    const targets = [...facts.databases.map((d) => ({ urn: d.urn, name: d.name })), ...facts.fileSystems.map((f) => ({ urn: f.urn, name: f.name }))];
    if (targets.length === 0 || facts.snapshots.rules.length === 0) return result("not-applicable", "No database or file store with a backup rule is declared.", []);
    const rules = lockedRules(facts);
    const evidence: Evidence[] = [];
    const stale: string[] = [];
    for (const t of targets) {
      const mine = rules.filter((r) => ruleCovers(r, t.urn));
      const best = mine.length > 0 ? minOf(mine.map(hours)) : undefined;
      evidence.push(evidenceOf(t.urn, { lockedRules: mine.map((r) => r.rule), hoursBetweenLockedPoints: best ?? null }));
      if (best === undefined) stale.push(`${t.name} (no rule writes to a locked vault)`);
      else if (!(best <= MAX_BACKUP_INTERVAL_HOURS)) stale.push(`${t.name} (one locked recovery point every ${best} h)`);
    }
    if (stale.length > 0) {
      return result("fail", `The newest recovery point nobody can delete early may be more than ${MAX_BACKUP_INTERVAL_HOURS} h old (environment ${environmentLabel(facts)}): ${listNames(stale)}.`, evidence);
    }
    return result("pass", `Every database and file store has a locked recovery point at most ${MAX_BACKUP_INTERVAL_HOURS} h old (${listNames(targets.map((t) => t.name))}).`, evidence);
  },
};
