/** CENM-KY-04: the key escrow buckets are immutable, for long enough. */
import type { Control } from "../types";
import { floorsText } from "../../domain/auditMinimums";
import { environmentLabel, isProdLike, keyEvidence, listNames, minimumsOf, nameFromUrn, result } from "./common";

const ESCROW_KINDS = new Set(["cloud-escrow", "cloud-escrow-dr-replica"]);

export const control: Control = {
  id: "CENM-KY-04",
  title: "Key escrow locked against deletion long enough (compliance mode in prod)",
  recommendation: "key-storage",
  severity: "error",
  waivedBy: ["snapshots-compliance-lock"],
  rationale:
    "A key copy that an attacker or a mistaken cleanup can delete is not a copy one can count on. Every escrow " +
    "bucket or container (primary and replica) needs a lock (S3 Object Lock, Azure immutability): COMPLIANCE in prod (an unknown environment counts as " +
    "prod), where GOVERNANCE fails because a privileged principal can bypass it; outside prod GOVERNANCE passes " +
    "and the message says so. No lock fails everywhere, and so does a lock shorter than the environment's floor " +
    `(${floorsText("escrowLockDays")}) or without a default ` +
    "retention: the key material is written once and must outlive an attack noticed late, and a lock that ends " +
    "after a day protects for a day. A retention only the deployment computes is not judged. Not applicable when no escrow bucket is declared (HSM and " +
    "offline copies are judged by CENM-KY-01 to CENM-KY-03).",
  evaluate(facts) {
    const escrows = facts.keyCopies.filter((c) => ESCROW_KINDS.has(c.kind));
    if (escrows.length === 0) return result("not-applicable", "No key escrow bucket is declared.", []);
    const prod = isProdLike(facts);
    const evidence = escrows.map((c) => keyEvidence(c, { lockMode: c.lockMode ?? "none", lockDays: c.lockDays, environment: environmentLabel(facts) }));
    const floor = minimumsOf(facts).escrowLockDays;
    const unlocked = escrows.filter((c) => c.lockMode === undefined).map((c) => nameFromUrn(c.id));
    const short = escrows.filter((c) => c.lockMode !== undefined && c.lockDays !== "unknown" && (c.lockDays === undefined || c.lockDays < floor));
    const governance = escrows.filter((c) => c.lockMode === "GOVERNANCE").map((c) => nameFromUrn(c.id));
    if (unlocked.length > 0) return result("fail", `Key escrow whose new versions nothing locks (no Object Lock default retention or immutability policy): ${listNames(unlocked)}.`, evidence);
    if (short.length > 0) {
      const what = short.map((c) => `${nameFromUrn(c.id)} (${c.lockDays === undefined ? "no default retention" : `${c.lockDays} days`})`);
      return result("fail", `Key escrow locked for less than ${floor} days (environment ${environmentLabel(facts)}): ${listNames(what)}.`, evidence);
    }
    if (governance.length > 0 && prod) {
      return result("fail", `Key escrow locked only in GOVERNANCE mode in environment ${environmentLabel(facts)}: ${listNames(governance)}.`, evidence);
    }
    const unknown = escrows.filter((c) => c.lockDays === "unknown").map((c) => nameFromUrn(c.id));
    if (unknown.length > 0) return result("unknown", `Not judged: the lock retention of ${listNames(unknown)} is computed at deployment (a preview shows it unknown); every other escrow is locked for at least ${floor} days.`, evidence);
    if (governance.length > 0) {
      return result("pass", `Key escrow is locked for at least ${floor} days; ${listNames(governance)} use${governance.length === 1 ? "s" : ""} GOVERNANCE mode, accepted in ${environmentLabel(facts)} but not in prod.`, evidence);
    }
    return result("pass", `Every key escrow bucket is locked in COMPLIANCE mode for at least ${floor} days (${listNames(escrows.map((c) => `${nameFromUrn(c.id)}: ${c.lockDays} days`))}).`, evidence);
  },
};
