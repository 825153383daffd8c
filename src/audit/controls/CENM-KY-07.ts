/**
 * CENM-KY-07: every read and write of a cloud key escrow is recorded, in a record that cannot be altered, made and
 * kept in the escrow copy's own region.
 */
import type { Control } from "../types";
import { keyEvidence, listNames, nameFromUrn, result } from "./common";

export const control: Control = {
  id: "CENM-KY-07",
  title: "Access to the key escrow is recorded in a locked log",
  recommendation: "key-storage",
  severity: "warning",
  rationale:
    "The escrow holds the wrapped signing keys: an auditor must be able to tell who read or wrote them, as R3's CA " +
    "practice keeps audit logs for years in separate locations. Each cloud escrow (and its replica) must have its " +
    "object reads and writes recorded (CloudTrail data events, or S3 access logging) into a destination under " +
    "Object Lock, so that the record outlives anyone who would erase it; and at least one such record must be made " +
    "and kept in the copy's own region (a trail of that region into a bucket of that region), so that reading the DR " +
    "copy while the primary region is lost is still recorded. Not applicable when no cloud escrow is declared.",
  evaluate(facts) {
    const escrows = facts.keyCopies.filter((c) => c.kind === "cloud-escrow" || c.kind === "cloud-escrow-dr-replica");
    if (escrows.length === 0) return result("not-applicable", "No cloud key escrow is declared.", []);
    const evidence = escrows.map((c) => keyEvidence(c, { accessLog: c.accessLog ?? [] }));
    const locked = (c: (typeof escrows)[number]) => (c.accessLog ?? []).filter((l) => l.lockedDestination);
    const unrecorded = escrows.filter((c) => locked(c).length === 0);
    if (unrecorded.length > 0) {
      return result(
        "fail",
        `Reads and writes of ${listNames(unrecorded.map((c) => nameFromUrn(c.id)))} are not recorded in a locked log${unrecorded.some((c) => (c.accessLog ?? []).length > 0) ? " (a record exists, but its destination has no Object Lock)" : ""}.`,
        evidence,
      );
    }
    // A record the reader could not place (no region known) is given the benefit of the doubt.
    const elsewhere = escrows.filter((c) => !locked(c).some((l) => l.inCopyRegion !== false));
    if (elsewhere.length > 0) {
      const where = (c: (typeof escrows)[number]) => `${nameFromUrn(c.id)} in ${c.region} (recorded in ${[...new Set(locked(c).map((l) => l.region ?? "another region"))].join(", ")})`;
      return result(
        "fail",
        `No locked record of ${listNames(elsewhere.map(where))} is made and kept in the copy's own region: while the region holding its record is lost, reads of the copy would go unrecorded.`,
        evidence,
      );
    }
    return result("pass", `Every read and write of ${listNames(escrows.map((c) => nameFromUrn(c.id)))} is recorded in a locked log of the copy's own region.`, evidence);
  },
};
