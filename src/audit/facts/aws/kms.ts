/** Customer-managed keys: whether an input of a resource names a KMS key declared in the program. */
import type { AuditResource } from "../../types";
import type { ResourceGraph } from "../../../domain/resources/graph";
import { KMS_KEY_TYPES, T } from "../../../domain/resources/awsTokens";

/**
 * The program's KMS key (a `Key` or `ReplicaKey`, directly or through an `Alias` of one) that the input `property`
 * of `r` refers to; `value` is the declared key identifier, used to pick among several references and to match
 * deployed keys by ARN. Undefined when the input names no key of the program (an AWS-managed key, or nothing).
 */
export function programKey(g: ResourceGraph, r: AuditResource, property: string, value?: unknown): AuditResource | undefined {
  const found = g.refs(r, property, [...KMS_KEY_TYPES, T.kmsAlias], value);
  for (const k of found) {
    if (k.type !== T.kmsAlias) return k;
    const target = g.ref(k, "targetKeyId", KMS_KEY_TYPES, k.inputs.targetKeyId);
    if (target) return target;
  }
  return undefined;
}
