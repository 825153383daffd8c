/** Protection facts: each stateful AWS resource, its Pulumi protection and the provider's own guard against deletion. */
import { KMS_DELETION_WINDOW_DAYS } from "../../../domain/keyRetention";
import type { AuditResource, ProtectionFact } from "../../types";
import type { ResourceGraph } from "../../../domain/resources/graph";
import { isMarker, isTrue } from "../../../domain/resources/values";
import { denialOf, policyStatements } from "../../../domain/limits/kmsKeyPolicy";
import { T } from "../../../domain/resources/awsTokens";
import { STATEFUL_TYPES } from "../../../domain/resources/stateful";

/** Resource types whose loss loses data or keys (one list for the audit and the plan summary). */
const STATEFUL = STATEFUL_TYPES.aws;

/** `forceDestroy` left off or false (the provider default is false); unknown is not a guard. */
function notForceDestroyed(value: unknown): boolean {
  return !isTrue(value) && !isMarker(value);
}

function providerGuard(r: AuditResource): boolean | undefined {
  switch (r.type) {
    case T.rdsCluster:
    case T.rdsInstance:
      return isTrue(r.inputs.deletionProtection);
    case T.bucket:
    case T.bucketV2:
    case T.backupVault:
      return notForceDestroyed(r.inputs.forceDestroy);
    default:
      return undefined;
  }
}

/**
 * How long a KMS key takes to be destroyed once its deletion is scheduled (AWS defaults to 30 days), whether its
 * policy denies scheduling that to everyone, and whether it denies rewriting the policy (kms:PutKeyPolicy) to
 * everyone, without which the first deny can be edited away. An exception for named principals (the break-glass
 * one) is allowed; a Deny conditioned on anything else is not counted (see src/domain/limits/kmsKeyPolicy).
 */
function keyGuard(r: AuditResource): Pick<ProtectionFact, "deletionWindowDays" | "deletionDenied" | "policyChangeDenied"> {
  const window = r.inputs.deletionWindowInDays;
  // AWS's default is its longest window.
  const days = isMarker(window) ? undefined : typeof window === "number" ? window : KMS_DELETION_WINDOW_DAYS;
  const windowFact = days !== undefined ? { deletionWindowDays: days } : {};
  if (isMarker(r.inputs.policy)) return { ...windowFact, deletionDenied: "unknown", policyChangeDenied: "unknown" };
  const statements = policyStatements(r.inputs.policy);
  return {
    ...windowFact,
    deletionDenied: denialOf(statements, "kms:ScheduleKeyDeletion").denied,
    policyChangeDenied: denialOf(statements, "kms:PutKeyPolicy").denied,
  };
}

export function readProtection(g: ResourceGraph): ProtectionFact[] {
  return g.ofType(...STATEFUL).map((r) => {
    const guard = providerGuard(r);
    return {
      urn: r.urn,
      name: r.name,
      type: r.type,
      protect: r.protect,
      retainOnDelete: r.retainOnDelete,
      ...(guard !== undefined ? { providerDeletionProtection: guard } : {}),
      ...(r.type === T.kmsKey || r.type === T.kmsReplicaKey ? keyGuard(r) : {}),
    };
  });
}
