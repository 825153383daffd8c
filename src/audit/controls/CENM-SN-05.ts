/** CENM-SN-05: restores of each database and file system are tested on a schedule. */
import type { Control, Evidence } from "../types";
import { dbEvidence, evidenceOf, listNames, result } from "./common";

export const control: Control = {
  id: "CENM-SN-05",
  title: "Restore testing scheduled for every database and file system",
  recommendation: "database-snapshots",
  severity: "warning",
  rationale:
    "A backup that has never been restored is a hope, not a recovery point; a scheduled restore test proves " +
    "that each database and file system comes back from its snapshots. Every declared database and file system " +
    "must be selected by a restore testing plan that has a schedule. Not applicable when no backup rule is " +
    "declared (there is nothing to restore; CENM-SN-01 and CENM-FS-04 fail instead).",
  evaluate(facts) {
    if (facts.snapshots.rules.length === 0) return result("not-applicable", "No backup rule is declared, so there is no recovery point to test.", []);
    const scheduled = facts.snapshots.restoreTesting.filter((t) => t.schedule.trim() !== "");
    const tested = new Set<string>();
    for (const t of scheduled) t.protectedUrns.forEach((u) => tested.add(u));
    const evidence: Evidence[] = facts.snapshots.restoreTesting.map((t) => evidenceOf(t.planUrn, { schedule: t.schedule, testedResources: t.protectedUrns.length }));
    const untested: string[] = [];
    for (const db of facts.databases) {
      evidence.push(dbEvidence(db, { restoreTested: tested.has(db.urn) }));
      if (!tested.has(db.urn)) untested.push(db.name);
    }
    for (const fs of facts.fileSystems) {
      evidence.push(evidenceOf(fs.urn, { restoreTested: tested.has(fs.urn) }));
      if (!tested.has(fs.urn)) untested.push(fs.name);
    }
    if (scheduled.length === 0) return result("fail", "No restore testing plan with a schedule is declared.", evidence);
    if (untested.length > 0) return result("fail", `No scheduled restore test covers ${listNames(untested)}.`, evidence);
    return result("pass", `Restores are tested on schedule ${listNames(scheduled.map((t) => t.schedule))} for every database and file system.`, evidence);
  },
};
