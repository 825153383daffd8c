/** CENM-FS-02: the file system spans several availability zones. */
import type { Control } from "../types";
import { evidenceOf, listNames, result } from "./common";

export const control: Control = {
  id: "CENM-FS-02",
  title: "File systems replicate synchronously across availability zones",
  recommendation: "file-backups",
  severity: "error",
  rationale:
    "R3 wants the file system to replicate synchronously; a regional file system stores every write in several " +
    "zones before acknowledging it, a One Zone file system does not. The file system must be regional and have " +
    "mount targets in at least two zones, so the services can still reach it after losing one. Not applicable " +
    "when no file system is declared (CENM-FS-01 fails then).",
  evaluate(facts) {
    if (facts.fileSystems.length === 0) return result("not-applicable", "No file system is declared.", []);
    const failing: string[] = [];
    const evidence = facts.fileSystems.map((f) => {
      const zones = [...new Set(f.mountTargetZones)].sort();
      if (f.oneZone) failing.push(`${f.name} (One Zone)`);
      else if (zones.length < 2) failing.push(`${f.name} (mount targets in ${zones.length} zone(s))`);
      return evidenceOf(f.urn, { oneZone: f.oneZone, mountTargetZones: zones });
    });
    if (failing.length > 0) return result("fail", `Not multi-AZ: ${listNames(failing)}.`, evidence);
    return result("pass", `Every file system is regional with mount targets in at least two zones (${listNames(facts.fileSystems.map((f) => f.name))}).`, evidence);
  },
};
