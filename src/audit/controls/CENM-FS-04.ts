/**
 * CENM-FS-04: every file store, and every service's part of it, is backed up at least daily and kept long
 * enough.
 */
import { floorsText, MAX_BACKUP_INTERVAL_HOURS } from "../../domain/auditMinimums";
import type { Control, Evidence, FileSystemFact, SnapshotRuleFact } from "../types";
import { environmentLabel, evidenceOf, gapNames, listNames, minimumsOf, result, ruleCovers, ruleEvidence, rulesCovering } from "./common";

/**
 * What a backup must cover one by one: the store's parts (Azure shares, each covered when a backup item names it),
 * or the store whole (EFS, covered when a selection does).
 */
function targets(fs: FileSystemFact, covered: ReadonlySet<string>): { urn: string; name: string; inBackupPlan: boolean }[] {
  if (fs.parts && fs.parts.length > 0) return fs.parts.map((p) => ({ ...p, inBackupPlan: covered.has(p.urn) }));
  return [{ urn: fs.urn, name: fs.name, inBackupPlan: fs.inBackupPlan }];
}

export const control: Control = {
  id: "CENM-FS-04",
  title: "Every service's files backed up at least daily and kept long enough",
  recommendation: "file-backups",
  severity: "error",
  rationale:
    "Replication copies a deleted or corrupted config file to every copy; only point-in-time backups bring it " +
    "back, which is the quick restore R3 expects for configs, drivers, plugins and certificate directories. Each " +
    "file system must be selected by a backup plan, and where a store keeps each CENM service apart (an Azure " +
    "file share per service) each part must be backed up itself: a backup of the network map's share does not " +
    `bring back the signer's. A rule backing each of them up must take a snapshot at least every ${MAX_BACKUP_INTERVAL_HOURS} h (a continuous ` +
    "rule counts by its schedule: file stores get snapshots, not continuous backups) and keep its recovery " +
    `points at least the environment's floor (${floorsText("backupRetentionDays")}` +
    "), and no rule backing them up may delete each recovery point before taking the next. Not " +
    "applicable when no file system is declared.",
  evaluate(facts) {
    if (facts.fileSystems.length === 0) return result("not-applicable", "No file system is declared.", []);
    const floor = minimumsOf(facts).backupRetentionDays;
    const covered = new Set(facts.snapshots.protectedUrns);
    // Continuous backup is a database feature: a continuous rule backs a file store up by snapshots on its schedule.
    const qualifies = (rule: SnapshotRuleFact) => rule.intervalHours <= MAX_BACKUP_INTERVAL_HOURS && rule.retentionDays >= floor;
    const all = facts.fileSystems.flatMap((f) => targets(f, covered));
    const rules = rulesCovering(facts.snapshots.rules, all.map((t) => t.urn));
    const evidence: Evidence[] = [
      ...facts.fileSystems.map((f) => evidenceOf(f.urn, { inBackupPlan: f.inBackupPlan, parts: f.parts?.map((p) => p.name) })),
      ...rules.map((r) => ruleEvidence(r, { intervalHours: r.intervalHours, continuous: r.continuous, retentionDays: r.retentionDays, requiredDays: floor, qualifies: qualifies(r) })),
    ];
    const unselected = all.filter((t) => !t.inBackupPlan).map((t) => t.name);
    if (unselected.length > 0) return result("fail", `${listNames(unselected)} ${unselected.length === 1 ? "is" : "are"} not backed up by any backup plan.`, evidence);
    const gaps = gapNames(rules);
    if (gaps.length > 0) return result("fail", `Rule(s) backing up the file stores delete each recovery point before the next is taken: ${listNames(gaps)}.`, evidence);
    const unscheduled = all.filter((t) => !rules.some((r) => ruleCovers(r, t.urn) && qualifies(r))).map((t) => t.name);
    if (unscheduled.length > 0) {
      const found = rules.map((r) => `${r.rule}: every ${r.intervalHours} h, kept ${r.retentionDays} days`);
      return result(
        "fail",
        `No rule backing up ${listNames(unscheduled)} runs at least every ${MAX_BACKUP_INTERVAL_HOURS} h and keeps ${floor} days (environment ${environmentLabel(facts)})${found.length > 0 ? `; found ${listNames(found)}` : ""}.`,
        evidence,
      );
    }
    return result("pass", `Every file system and service share is backed up at least daily and kept at least ${floor} days (${listNames(all.map((t) => t.name))}).`, evidence);
  },
};
