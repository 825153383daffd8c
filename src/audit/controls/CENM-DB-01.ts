/** CENM-DB-01: the program declares the databases CENM's services need. */
import type { Control } from "../types";
import { dbEvidence, listNames, result, stackEvidence } from "./common";

export const control: Control = {
  id: "CENM-DB-01",
  title: "CENM databases are declared",
  recommendation: "database-replication",
  severity: "error",
  rationale:
    "Identity Manager, Network Map, Zone and Auth keep their state in a database, so a CENM program without one " +
    "protects nothing the replication and snapshot recommendations are about. This control never answers " +
    "not-applicable: an empty database list is a failure here, and the other database controls then report " +
    "not-applicable instead of passing.",
  evaluate(facts) {
    if (facts.databases.length === 0) {
      return result("fail", `Stack ${facts.stack} declares no database server, so no CENM database is replicated or snapshotted.`, [
        stackEvidence(facts, { databases: 0 }),
      ]);
    }
    const names = facts.databases.map((d) => d.name);
    return result(
      "pass",
      `${facts.databases.length} database server(s) declared: ${listNames(names)}.`,
      facts.databases.map((d) => dbEvidence(d, { engine: d.engine, region: d.region, topology: d.topology })),
    );
  },
};
