/**
 * Management locks: which resources a `CanNotDelete` (or `ReadOnly`) lock guards against deletion, read with the
 * platform limits' own predicate (src/domain/resources/azureLocks.ts): a lock guards the resource its scope names,
 * that resource's child and extension resources, every resource of a resource group it is placed on, or (at
 * subscription level) everything; and a resource group cannot be deleted while a resource inside it carries a
 * delete lock. Azure's lock is the provider's deletion protection. A resource without a lock of its own is guarded
 * only by a lock above it, never by a lock on a sibling in its group.
 */
import type { AuditResource } from "../../types";
import type { ResourceGraph } from "../../../domain/resources/graph";
import { deletionLockOf } from "../../../domain/resources/azureLocks";

export interface Locks {
  /** Azure refuses to delete the resource: a delete lock on it or above it, or (a group) on a resource inside it. */
  guards(r: AuditResource): boolean;
}

export function readLocks(g: ResourceGraph): Locks {
  return {
    guards(r) {
      return deletionLockOf(g, r) !== undefined;
    },
  };
}
