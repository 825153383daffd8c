/**
 * The `cenm-backup` policy pack: the audit's controls as Pulumi CrossGuard stack validation policies.
 *
 * One policy per control, so that each keeps its own enforcement level (error controls are mandatory, warning
 * controls advisory) and can be switched off or re-levelled in the pack's config like any policy. Every policy is
 * a thin wrapper: it converts the stack's resources with `policyResourcesToAuditInput`, runs the audit with that
 * one control, and reports each failing finding no waiver excuses. The logic lives in ../src/audit.
 *
 * Run it with `pulumi preview --policy-pack policy` from the project directory.
 */
import { PolicyPack, StackValidationPolicy } from "@pulumi/policy";
import { CONTROLS } from "../src/audit/controls";
import { enforcementLevel, policyResourcesToAuditInput, policyVerdict } from "../src/audit/policyAdapter";
import type { Control } from "../src/audit/types";

/** The stack validation policy of one control. */
function controlPolicy(control: Control): StackValidationPolicy {
  return {
    name: control.id.toLowerCase(),
    displayName: `${control.id} ${control.title}`,
    description: `${control.title}. ${control.rationale}`,
    enforcementLevel: enforcementLevel(control.severity),
    severity: control.severity === "error" ? "high" : "medium",
    tags: ["cenm", control.recommendation],
    validateStack: (args, reportViolation) => {
      const verdict = policyVerdict(policyResourcesToAuditInput(args.resources), [control]);
      for (const v of verdict.violations) reportViolation(v.message);
      const na = verdict.notApplicable[0];
      if (na !== undefined) args.notApplicable(na.reason);
    },
  };
}

new PolicyPack("cenm-backup", {
  description: "CENM backup and disaster-recovery audit: database replication, snapshots, file replication, key copies",
  policies: CONTROLS.map(controlPolicy),
});
