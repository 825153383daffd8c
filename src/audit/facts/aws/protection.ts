/** Protection facts: each stateful AWS resource, its Pulumi protection and the provider's own guard against deletion. */
import type { AuditResource, ProtectionFact } from "../../types";
import type { ResourceGraph } from "../../../domain/resources/graph";
import { isMarker, isTrue } from "../../../domain/resources/values";
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
    };
  });
}
