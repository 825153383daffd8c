/** CENM-GN-01: everything stored at rest is encrypted with a customer-managed key. */
import type { Control } from "../types";
import { listNames, result } from "./common";

export const control: Control = {
  id: "CENM-GN-01",
  title: "Customer-managed encryption at rest everywhere",
  recommendation: "general",
  severity: "error",
  rationale:
    "Databases, snapshots, file systems, escrow buckets and topics hold CENM's identities and secrets; with a " +
    "customer-managed key declared in the program, the operator controls who can decrypt them and can forbid the " +
    "key's deletion. Every entry the encryption reader reports must use such a key. Not applicable when nothing " +
    "stored at rest is declared.",
  evaluate(facts) {
    const entries = facts.encryption;
    if (entries.length === 0) return result("not-applicable", "No resource storing data at rest is declared.", []);
    const evidence = entries.map((e) => ({ resource: e.name, type: e.type, properties: { customerManagedKey: e.unknown ? "unknown" : e.customerManagedKey, detail: e.detail } }));
    const failing = entries.filter((e) => !e.customerManagedKey && !e.unknown).map((e) => `${e.name} (${e.detail})`);
    if (failing.length > 0) return result("fail", `Not encrypted with a customer-managed key: ${listNames(failing)}.`, evidence);
    const unknown = entries.filter((e) => e.unknown);
    if (unknown.length > 0) {
      return result("unknown", `Not judged: the encryption of ${listNames(unknown.map((e) => e.name))} (${unknown[0].unknown}); the other ${entries.length - unknown.length} use a customer-managed key.`, evidence);
    }
    return result("pass", `All ${entries.length} resources storing data at rest use a customer-managed key.`, evidence);
  },
};
