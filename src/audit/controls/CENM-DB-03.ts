/** CENM-DB-03: every database has a copy in another region, and the audit states that copy's recovery point. */
import { FIGURES } from "../../domain/figures";
import { snapshotCopyRpo } from "../scenarios";
import type { Control, DatabaseFact, Evidence, Facts } from "../types";
import { copyRegion, dbEvidence, formatDuration, listNames, result, vaultRegionIndex } from "./common";

interface RegionalCopy {
  via: string;
  region: string;
  rpoSeconds: number;
  rpoSource: string;
  /** Used to rank copies of equal RPO, as the scenarios do. */
  rtoSeconds: number;
}

/** Every copy of `db` outside its region: replicas and DR automated backups, then snapshot copies of covering plans. */
function regionalCopies(db: DatabaseFact, facts: Facts, covered: ReadonlySet<string>, vaultRegions: ReadonlyMap<string, string>): RegionalCopy[] {
  const out: RegionalCopy[] = [];
  for (const c of db.copies) {
    if ((c.role === "cross-region-replica" || c.role === "dr-automated-backups") && c.region !== db.region) {
      out.push({ via: `${c.role} ${c.name}`, region: c.region, rpoSeconds: c.rpoSeconds, rpoSource: c.rpoSource, rtoSeconds: c.rtoSeconds });
    }
  }
  // A plan's copy actions are no copy of a database the cloud cannot copy (a platform limit says so).
  if (covered.has(db.urn) && db.backupCopyUnsupported === undefined) {
    for (const rule of facts.snapshots.rules) {
      // A rule tied to the resources it backs up (Azure policies) counts only for those.
      if (rule.protectedUrns !== undefined && !rule.protectedUrns.includes(db.urn)) continue;
      for (const copy of rule.copies) {
        const region = copyRegion(copy, vaultRegions);
        if (region !== undefined && region !== db.region) {
          const rpo = snapshotCopyRpo(rule, true);
          out.push({
            via: `snapshot copies of rule ${rule.rule} (${rule.planName})`,
            region,
            rpoSeconds: Math.round(rpo.seconds),
            rpoSource: `copied to ${region}: ${rpo.source}`,
            rtoSeconds: FIGURES.rdsRestoreRto.seconds,
          });
        }
      }
    }
  }
  return out.sort((a, b) => a.rpoSeconds - b.rpoSeconds || a.rtoSeconds - b.rtoSeconds);
}

export const control: Control = {
  id: "CENM-DB-03",
  title: "Each database has a copy in another region, with its recovery point stated",
  recommendation: "database-replication",
  severity: "error",
  waivedBy: ["db-dr-copy"],
  rationale:
    "Copies spread over more regions survive the loss of a whole region; every cross-region copy is asynchronous, " +
    "so the finding states the recovery point it gives, from the figures table. A cross-region read replica, " +
    "automated backups replicated to the DR region, or copies to another region made by a backup plan that selects " +
    "the database all count, unless a platform limit says the cloud cannot make that copy (AWS copies no backup of " +
    "a Multi-AZ DB cluster); a snapshot copy's recovery point is its rule's longest gap plus the copy time. Not " +
    "applicable when no database is declared.",
  evaluate(facts) {
    if (facts.databases.length === 0) return result("not-applicable", "No database is declared.", []);
    const covered = new Set(facts.snapshots.protectedUrns);
    const vaultRegions = vaultRegionIndex(facts);
    const evidence: Evidence[] = [];
    const failing: string[] = [];
    const summaries: string[] = [];
    for (const db of facts.databases) {
      const copies = regionalCopies(db, facts, covered, vaultRegions);
      const best = copies[0];
      evidence.push(
        dbEvidence(db, {
          region: db.region,
          inBackupPlan: covered.has(db.urn),
          crossRegionCopies: copies.map((c) => ({ via: c.via, region: c.region, rpoSeconds: c.rpoSeconds })),
          bestRpoSeconds: best?.rpoSeconds,
          rpoSource: best?.rpoSource,
          ...(db.backupCopyUnsupported && covered.has(db.urn) ? { notCounted: `snapshot copies of the plans covering it: the cloud cannot copy its backups (platform limit ${db.backupCopyUnsupported})` } : {}),
        }),
      );
      if (best === undefined) failing.push(db.name);
      else summaries.push(`${db.name} in ${best.region} via ${best.via}, RPO ${formatDuration(best.rpoSeconds)}`);
    }
    if (failing.length > 0) {
      return result("fail", `${listNames(failing)} ha${failing.length === 1 ? "s" : "ve"} no copy outside ${failing.length === 1 ? "its" : "their"} region, so a region loss loses the database.`, evidence);
    }
    return result("pass", `Every database has a cross-region copy (${summaries.join("; ")}).`, evidence);
  },
};
