/** CENM-FS-01: the program declares a file store for CENM's service directories. */
import type { Control } from "../types";
import { evidenceOf, listNames, result, stackEvidence } from "./common";

export const control: Control = {
  id: "CENM-FS-01",
  title: "A file store for the CENM service directories is declared",
  recommendation: "file-backups",
  severity: "error",
  rationale:
    "R3 asks for each service's whole directory and every file its config names (configs, drivers, plugins, " +
    "certificate stores, CRL files) to be backed up on a reliable, synchronously replicated file system. A program " +
    "without a file system leaves those files unprotected, so this control fails rather than answering " +
    "not-applicable; the other file controls then report not-applicable.",
  evaluate(facts) {
    if (facts.fileSystems.length === 0) {
      return result("fail", `Stack ${facts.stack} declares no file system for the CENM service directories.`, [stackEvidence(facts, { fileSystems: 0 })]);
    }
    return result(
      "pass",
      `${facts.fileSystems.length} file system(s) declared: ${listNames(facts.fileSystems.map((f) => f.name))}.`,
      facts.fileSystems.map((f) => evidenceOf(f.urn, { region: f.region })),
    );
  },
};
