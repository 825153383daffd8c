/** CENM-FS-03: the file system is replicated to another region. */
import type { Control } from "../types";
import { evidenceOf, listNames, result } from "./common";

export const control: Control = {
  id: "CENM-FS-03",
  title: "File systems replicated to another region",
  recommendation: "file-backups",
  severity: "error",
  waivedBy: ["files-dr-copy"],
  rationale:
    "R3 wants the service directories replicated to the backup or DR site, so the services can start there with " +
    "their configs, plugins and certificate stores; replication to another region (asynchronous, typically within " +
    "15 minutes) is that site in a cloud. Not applicable when no file system is declared.",
  evaluate(facts) {
    if (facts.fileSystems.length === 0) return result("not-applicable", "No file system is declared.", []);
    const failing: string[] = [];
    const evidence = facts.fileSystems.map((f) => {
      const elsewhere = f.replicationRegions.filter((r) => r !== f.region);
      if (elsewhere.length === 0) failing.push(f.name);
      return evidenceOf(f.urn, { region: f.region, replicationRegions: f.replicationRegions });
    });
    if (failing.length > 0) return result("fail", `${listNames(failing)} ${failing.length === 1 ? "is" : "are"} not replicated to another region.`, evidence);
    return result(
      "pass",
      `Every file system is replicated out of its region (${listNames(facts.fileSystems.map((f) => `${f.name} to ${f.replicationRegions.filter((r) => r !== f.region).join(", ")}`))}).`,
      evidence,
    );
  },
};
