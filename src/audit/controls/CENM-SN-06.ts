/** CENM-SN-06: someone hears about a failed backup or copy job. */
import type { Control } from "../types";
import { evidenceOf, result, stackEvidence } from "./common";

export const control: Control = {
  id: "CENM-SN-06",
  title: "Failed backups are notified",
  recommendation: "database-snapshots",
  severity: "error",
  rationale:
    "A schedule that silently stops producing recovery points leaves the snapshot recommendation unmet without " +
    "anyone knowing; failed backup or copy jobs must reach a topic, through vault notifications or an event rule. " +
    "An error rather than a warning because the gap is invisible until the day a restore is needed. Not " +
    "applicable when no backup rule is declared.",
  evaluate(facts) {
    if (facts.snapshots.rules.length === 0) return result("not-applicable", "No backup rule is declared, so no backup job can fail.", []);
    const vaults = facts.snapshots.vaults;
    const evidence = [
      stackEvidence(facts, { failureNotifications: facts.snapshots.failureNotifications }),
      ...vaults.map((v) => evidenceOf(v.urn, { notifiedEvents: v.notifiedEvents })),
    ];
    if (!facts.snapshots.failureNotifications) return result("fail", "No vault notification or event rule reports failed backup or copy jobs.", evidence);
    return result("pass", "Failed backup and copy jobs are routed to a notification topic.", evidence);
  },
};
