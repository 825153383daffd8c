/** CENM-GN-02: no file store, vault, key store or other resource is exposed to the Internet. */
import type { Control, Evidence } from "../types";
import { evidenceOf, listNames, result } from "./common";

export const control: Control = {
  id: "CENM-GN-02",
  title: "No public endpoint on file stores, vaults or key stores",
  recommendation: "general",
  severity: "error",
  rationale:
    "Backups and replicas are as sensitive as the data they copy, and a public endpoint turns a leaked credential " +
    "into remote access. Every exposure the readers report fails this control, except those on databases, which " +
    "CENM-DB-08 judges (so the db-public-endpoint waiver cannot excuse a public file system or vault). Exposures " +
    "include any rule admitting a public address, not only 0.0.0.0/0: security group and NSG ingress, database " +
    "firewall rules (Azure's 0.0.0.0 switch included: it admits every Azure address, other customers' too), Key Vault and storage IP rules; and any path " +
    "to the Internet from a key vault network (a route or gateway, as CENM-GN-08 reads them), which exposes the key " +
    "store behind it. Paths out of data networks are CENM-GN-08's alone. Not applicable when the program declares " +
    "no file system, vault or cloud key copy and nothing is exposed.",
  evaluate(facts) {
    const databases = new Set(facts.databases.map((d) => d.urn));
    const exposures = facts.exposures.filter((e) => !databases.has(e.urn));
    const stores = [
      ...facts.fileSystems.map((f) => f.urn),
      ...facts.snapshots.vaults.map((v) => v.urn),
      ...facts.keyCopies.filter((k) => k.kind !== "offline").map((k) => k.id),
    ];
    if (exposures.length === 0 && stores.length === 0) return result("not-applicable", "No file system, vault or cloud key copy is declared.", []);
    if (exposures.length > 0) {
      const evidence: Evidence[] = exposures.map((e) => ({ resource: e.name, type: e.type, properties: { exposure: e.reason } }));
      return result("fail", `Reachable from the Internet: ${listNames(exposures.map((e) => `${e.name} (${e.reason})`))}.`, evidence);
    }
    return result(
      "pass",
      `None of the ${stores.length} file systems, vaults and cloud key copies is reachable from the Internet.`,
      stores.map((u) => evidenceOf(u, { exposed: false })),
    );
  },
};
