/** Protection facts: each stateful AWS resource, its Pulumi protection and the provider's own guard against deletion. */
import { KMS_DELETION_WINDOW_DAYS } from "../../../domain/keyRetention";
import type { AuditResource, ProtectionFact } from "../../types";
import type { ResourceGraph } from "../../../domain/resources/graph";
import { arr, isMarker, isTrue, parseJson, rec, str, strings } from "../../../domain/resources/values";
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

const SCHEDULE_DELETION = /^(kms:\*|\*|kms:ScheduleKeyDeletion)$/i;

/**
 * How long a KMS key takes to be destroyed once its deletion is scheduled (AWS defaults to 30 days), and whether its
 * policy denies scheduling that to everyone (an exception for one break-glass principal allowed).
 */
function keyGuard(r: AuditResource): Pick<ProtectionFact, "deletionWindowDays" | "deletionDenied"> {
  const window = r.inputs.deletionWindowInDays;
  // AWS's default is its longest window.
  const days = isMarker(window) ? undefined : typeof window === "number" ? window : KMS_DELETION_WINDOW_DAYS;
  if (isMarker(r.inputs.policy)) return { ...(days !== undefined ? { deletionWindowDays: days } : {}), deletionDenied: "unknown" };
  const statements = arr(rec(parseJson(r.inputs.policy))?.Statement);
  const denied = statements.some((raw) => {
    const st = rec(raw);
    if (str(st?.Effect) !== "Deny") return false;
    const principal = st?.Principal;
    const everyone = principal === "*" || strings(rec(principal)?.AWS).includes("*");
    return everyone && strings(st?.Action).some((a) => SCHEDULE_DELETION.test(a));
  });
  return { ...(days !== undefined ? { deletionWindowDays: days } : {}), deletionDenied: denied };
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
