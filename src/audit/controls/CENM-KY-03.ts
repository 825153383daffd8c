/** CENM-KY-03: the key copies live in at least two separate locations. */
import type { Control, KeyCopyFact } from "../types";
import { keyEvidence, listNames, result } from "./common";

/** Where a copy lives: its cloud region, or its recorded offline site (never the same as any region). */
function location(c: KeyCopyFact): string {
  return c.kind === "offline" ? `offline:${c.location ?? c.id}` : c.region;
}

export const control: Control = {
  id: "CENM-KY-03",
  title: "Key copies in at least two regions",
  recommendation: "key-storage",
  severity: "error",
  waivedBy: ["keys-dr-copy"],
  rationale:
    "Two copies in one region can be lost together; R3's own CA practice keeps encrypted key backups at several " +
    "geographically separate sites. Copies must sit in at least two locations, where a cloud copy's location is " +
    "its region and offline copies count as locations of their own, apart from every cloud region (two offline " +
    "copies count twice only when their recorded locations differ). Not applicable when no key copy is declared.",
  evaluate(facts) {
    const copies = facts.keyCopies;
    if (copies.length === 0) return result("not-applicable", "No key copy is declared.", []);
    const locations = [...new Set(copies.map(location))].sort();
    const evidence = copies.map((c) => keyEvidence(c, { location: location(c) }));
    if (locations.length < 2) return result("fail", `Every key copy is in one location (${locations[0]}): losing it loses all of them.`, evidence);
    return result("pass", `Key copies are spread over ${locations.length} locations: ${listNames(locations)}.`, evidence);
  },
};
