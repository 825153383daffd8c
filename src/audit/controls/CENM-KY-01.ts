/** CENM-KY-01: at least two separate copies of the signing keys exist. */
import type { Control } from "../types";
import { keyEvidence, listNames, nameFromUrn, result, stackEvidence } from "./common";

/** R3's minimum number of separate key copies. */
export const MIN_KEY_COPIES = 2;

export const control: Control = {
  id: "CENM-KY-01",
  title: `At least ${MIN_KEY_COPIES} separate copies of the signing keys`,
  recommendation: "key-storage",
  severity: "error",
  waivedBy: ["keys-two-copies"],
  rationale:
    `R3 asks for at least ${MIN_KEY_COPIES} separate copies of the keys that sign CSRs, CRLs, network maps and network ` +
    "parameters: losing the only copy of the CA key means rebuilding the network's trust. The escrow, its " +
    "replica in another region, an HSM cluster and each recorded offline copy each count once. Never " +
    "not-applicable: a program with no key copy at all fails here, and the other key controls then answer " +
    "not-applicable.",
  evaluate(facts) {
    const copies = facts.keyCopies;
    const evidence = copies.length > 0 ? copies.map((c) => keyEvidence(c, {})) : [stackEvidence(facts, { keyCopies: 0 })];
    const separate = new Map(copies.map((c) => [c.id, `${nameFromUrn(c.id)} (${c.kind})`]));
    const names = [...separate.values()];
    if (separate.size < MIN_KEY_COPIES) {
      return result("fail", `${separate.size} separate key cop${separate.size === 1 ? "y" : "ies"} declared${names.length > 0 ? ` (${listNames(names)})` : ""}, fewer than the ${MIN_KEY_COPIES} R3 asks for.`, evidence);
    }
    return result("pass", `${separate.size} separate key copies: ${listNames(names)}.`, evidence);
  },
};
