/** CENM-GN-03: no secret is written in plain text into a resource's inputs. */
import type { Control } from "../types";
import { listNames, result, stackEvidence } from "./common";

export const control: Control = {
  id: "CENM-GN-03",
  title: "No secret in plain text",
  recommendation: "general",
  severity: "error",
  rationale:
    "A password or key written as a plain input lands in the state file, in previews and in CI logs, which makes " +
    "every copy of the state a copy of the secret; secrets must be Pulumi secrets or managed by the provider. " +
    "Never not-applicable: any program can leak a secret, so an empty list is a pass, with the stack as evidence.",
  evaluate(facts) {
    const leaks = facts.plainSecrets;
    if (leaks.length === 0) return result("pass", "No resource input holds a secret in plain text.", [stackEvidence(facts, { plainSecrets: 0 })]);
    return result(
      "fail",
      `Secret(s) in plain text: ${listNames(leaks.map((l) => `${l.name}.${l.property}`))}.`,
      leaks.map((l) => ({ resource: l.name, type: l.type, properties: { property: l.property } })),
    );
  },
};
