/** CENM-GN-04: outside dev, stateful resources survive an accidental delete. */
import type { Control, ProtectionFact } from "../types";
import { environmentLabel, listNames, result } from "./common";

function guarded(p: ProtectionFact): boolean {
  return p.protect || p.retainOnDelete || p.providerDeletionProtection === true;
}

export const control: Control = {
  id: "CENM-GN-04",
  title: "Stateful resources protected from deletion outside dev",
  recommendation: "general",
  severity: "warning",
  waivedBy: ["deletion-protection"],
  rationale:
    "A `pulumi destroy` or a refactoring that renames a resource can delete a database, vault, file system or " +
    "escrow bucket with everything in it. Each stateful resource must be guarded in at least one way: Pulumi's " +
    "protect flag, retain-on-delete, or the provider's own deletion protection. Not applicable in dev, where " +
    "stacks are meant to be thrown away, and when no stateful resource is declared; an unknown environment is " +
    "judged.",
  evaluate(facts) {
    if (facts.environment === "dev") return result("not-applicable", "Environment dev: stateful resources may be deleted freely.", []);
    const entries = facts.protection;
    if (entries.length === 0) return result("not-applicable", "No stateful resource is declared.", []);
    const evidence = entries.map((p) => ({
      resource: p.name,
      type: p.type,
      properties: { protect: p.protect, retainOnDelete: p.retainOnDelete, providerDeletionProtection: p.providerDeletionProtection },
    }));
    const failing = entries.filter((p) => !guarded(p)).map((p) => p.name);
    if (failing.length > 0) return result("fail", `Unguarded against deletion in ${environmentLabel(facts)}: ${listNames(failing)}.`, evidence);
    return result("pass", `All ${entries.length} stateful resources are guarded against deletion.`, evidence);
  },
};
