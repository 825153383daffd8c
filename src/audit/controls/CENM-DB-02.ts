/** CENM-DB-02: every database has a synchronous or semi-synchronous copy in another availability zone. */
import type { Control, DatabaseFact, Evidence } from "../types";
import { dbEvidence, listNames, result } from "./common";

const SYNC_MODES = new Set(["synchronous", "semi-synchronous"]);
const STANDBY_ROLES = new Set(["standby", "readable-standby"]);

/** The synchronous standbys of a database, and whether their zones show a second zone (undefined: zones unknown). */
function judge(db: DatabaseFact): { standbys: string[]; zones: string[]; secondZone: boolean | undefined } {
  const standbys = db.copies.filter((c) => SYNC_MODES.has(c.mode) && STANDBY_ROLES.has(c.role) && c.region === db.region);
  const zones = new Set<string>();
  for (const c of db.copies) if (c.region === db.region && (c.role === "primary" || standbys.includes(c))) c.availabilityZones.forEach((z) => zones.add(z));
  return {
    standbys: standbys.map((c) => `${c.role} (${c.mode})`),
    zones: [...zones].sort(),
    secondZone: zones.size === 0 ? undefined : zones.size >= 2,
  };
}

export const control: Control = {
  id: "CENM-DB-02",
  title: "Each database has a synchronous copy in another availability zone",
  recommendation: "database-replication",
  severity: "error",
  waivedBy: ["db-sync-replica"],
  rationale:
    "R3 strongly advises synchronous replication so that losing a server loses no committed transaction; in a " +
    "managed cloud that means a synchronous (Multi-AZ instance) or semi-synchronous (Multi-AZ DB cluster) standby " +
    "in a second zone of the same region. Zones are checked when the declaration names them and otherwise left " +
    "to the managed service, which places its standby in another zone by construction. Not applicable when no " +
    "database is declared (CENM-DB-01 fails then).",
  evaluate(facts) {
    if (facts.databases.length === 0) return result("not-applicable", "No database is declared.", []);
    const evidence: Evidence[] = [];
    const failing: string[] = [];
    for (const db of facts.databases) {
      const j = judge(db);
      evidence.push(dbEvidence(db, { topology: db.topology, synchronousStandbys: j.standbys, availabilityZones: j.zones }));
      if (db.topology === "single-az-instance" || j.standbys.length === 0 || j.secondZone === false) failing.push(db.name);
    }
    if (failing.length > 0) {
      return result("fail", `${listNames(failing)} ha${failing.length === 1 ? "s" : "ve"} no synchronous standby in a second availability zone: losing the zone loses committed transactions.`, evidence);
    }
    return result("pass", `Every database has a synchronous or semi-synchronous standby in another availability zone (${listNames(facts.databases.map((d) => d.name))}).`, evidence);
  },
};
