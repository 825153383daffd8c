/** CENM-KY-04: the key escrow buckets are immutable. */
import type { Control } from "../types";
import { environmentLabel, isProdLike, keyEvidence, listNames, nameFromUrn, result } from "./common";

const ESCROW_KINDS = new Set(["cloud-escrow", "cloud-escrow-dr-replica"]);

export const control: Control = {
  id: "CENM-KY-04",
  title: "Key escrow locked against deletion (compliance mode in prod)",
  recommendation: "key-storage",
  severity: "error",
  waivedBy: ["snapshots-compliance-lock"],
  rationale:
    "A key copy that an attacker or a mistaken cleanup can delete is not a copy one can count on. Every escrow " +
    "bucket (primary and replica) needs an Object Lock: COMPLIANCE in prod (an unknown environment counts as " +
    "prod), where GOVERNANCE fails because a privileged principal can bypass it; outside prod GOVERNANCE passes " +
    "and the message says so. No lock fails everywhere. Not applicable when no escrow bucket is declared (HSM and " +
    "offline copies are judged by CENM-KY-01 to CENM-KY-03).",
  evaluate(facts) {
    const escrows = facts.keyCopies.filter((c) => ESCROW_KINDS.has(c.kind));
    if (escrows.length === 0) return result("not-applicable", "No key escrow bucket is declared.", []);
    const prod = isProdLike(facts);
    const evidence = escrows.map((c) => keyEvidence(c, { lockMode: c.lockMode ?? "none", lockDays: c.lockDays, environment: environmentLabel(facts) }));
    const unlocked = escrows.filter((c) => c.lockMode === undefined).map((c) => nameFromUrn(c.id));
    const governance = escrows.filter((c) => c.lockMode === "GOVERNANCE").map((c) => nameFromUrn(c.id));
    if (unlocked.length > 0) return result("fail", `Key escrow without Object Lock: ${listNames(unlocked)}.`, evidence);
    if (governance.length > 0 && prod) {
      return result("fail", `Key escrow locked only in GOVERNANCE mode in environment ${environmentLabel(facts)}: ${listNames(governance)}.`, evidence);
    }
    if (governance.length > 0) {
      return result("pass", `Key escrow is locked; ${listNames(governance)} use${governance.length === 1 ? "s" : ""} GOVERNANCE mode, accepted in ${environmentLabel(facts)} but not in prod.`, evidence);
    }
    return result("pass", `Every key escrow bucket is locked in COMPLIANCE mode (${listNames(escrows.map((c) => nameFromUrn(c.id)))}).`, evidence);
  },
};
