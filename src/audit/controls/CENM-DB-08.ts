/** CENM-DB-08: no database answers on a public endpoint. */
import type { Control, Evidence } from "../types";
import { dbEvidence, listNames, result } from "./common";

export const control: Control = {
  id: "CENM-DB-08",
  title: "No database reachable from the Internet",
  recommendation: "general",
  severity: "error",
  waivedBy: ["db-public-endpoint"],
  rationale:
    "CENM's databases hold the network's identities, parameters and the Zone service's configs (secrets " +
    "included), so they belong on private addresses only. A database fails when it is publicly accessible or " +
    "when the exposure reader lists it; exposures of other resources are judged by CENM-GN-02, so that the " +
    "db-public-endpoint waiver excuses databases and nothing else. Not applicable when no database is declared.",
  evaluate(facts) {
    if (facts.databases.length === 0) return result("not-applicable", "No database is declared.", []);
    const exposed = new Map<string, string>();
    for (const e of facts.exposures) exposed.set(e.urn, e.reason);
    const evidence: Evidence[] = [];
    const failing: string[] = [];
    for (const db of facts.databases) {
      const reason = exposed.get(db.urn);
      evidence.push(dbEvidence(db, { publiclyAccessible: db.publiclyAccessible, ...(reason !== undefined ? { exposure: reason } : {}) }));
      if (db.publiclyAccessible || reason !== undefined) failing.push(db.name);
    }
    if (failing.length > 0) return result("fail", `${listNames(failing)} can be reached from the Internet.`, evidence);
    return result("pass", `No database has a public endpoint (${listNames(facts.databases.map((d) => d.name))}).`, evidence);
  },
};
