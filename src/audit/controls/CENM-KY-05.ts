/** CENM-KY-05: the cloud key escrow is replicated, asynchronously, to another region. */
import type { Control } from "../types";
import { keyEvidence, listNames, nameFromUrn, result } from "./common";

export const control: Control = {
  id: "CENM-KY-05",
  title: "Cloud key escrow replicated to another region",
  recommendation: "key-storage",
  severity: "error",
  waivedBy: ["keys-dr-copy"],
  rationale:
    "A locked escrow bucket protects the wrapped keys from deletion, not from the loss of its region. The escrow " +
    "must feed a replica in another region through replication (an empty bucket in a second region is not a " +
    "copy). Offline copies do not replace this: they are recovered by hand and verified only from time to time. " +
    "Not applicable when the program declares no cloud escrow.",
  evaluate(facts) {
    const escrows = facts.keyCopies.filter((c) => c.kind === "cloud-escrow");
    if (escrows.length === 0) return result("not-applicable", "No cloud key escrow is declared.", []);
    const replicas = facts.keyCopies.filter((c) => c.kind === "cloud-escrow-dr-replica");
    const escrowRegions = new Set(escrows.map((c) => c.region));
    const elsewhere = replicas.filter((r) => !escrowRegions.has(r.region));
    const evidence = [...escrows, ...replicas].map((c) => keyEvidence(c, {}));
    if (elsewhere.length === 0) {
      return result(
        "fail",
        `The escrow ${listNames(escrows.map((c) => nameFromUrn(c.id)))} has no replica in another region${replicas.length > 0 ? " (its replicas share its region)" : ""}.`,
        evidence,
      );
    }
    return result(
      "pass",
      `The escrow is replicated to ${listNames(elsewhere.map((c) => `${nameFromUrn(c.id)} in ${c.region}`))}.`,
      evidence,
    );
  },
};
