/** CENM-KY-06: key stores cannot be purged. */
import type { Control, Evidence } from "../types";
import { listNames, result } from "./common";

export const control: Control = {
  id: "CENM-KY-06",
  title: "Key stores protected against purge",
  recommendation: "key-storage",
  severity: "error",
  rationale:
    "A key vault whose deleted keys can be purged lets one privileged mistake or attacker destroy a signing key (or " +
    "the key that unlocks an encrypted backup) for good, soft delete notwithstanding. Every key store that has the " +
    "notion (Azure Key Vault) must have purge protection on, in every environment, since it cannot be turned off " +
    "once on. Not applicable when the program declares no such key store (AWS KMS keys are judged by their " +
    "deletion-window policy in the components).",
  evaluate(facts) {
    const stores = facts.protection.filter((p) => p.purgeProtection !== undefined);
    if (stores.length === 0) return result("not-applicable", "No key store with a purge setting is declared.", []);
    const evidence: Evidence[] = stores.map((p) => ({ resource: p.name, type: p.type, properties: { enablePurgeProtection: p.purgeProtection } }));
    const open = stores.filter((p) => !p.purgeProtection);
    if (open.length > 0) return result("fail", `Purge protection is off on ${listNames(open.map((p) => p.name))}: a deleted key could be destroyed for good.`, evidence);
    return result("pass", `Purge protection is on for all ${stores.length} key stores.`, evidence);
  },
};
