/**
 * Management locks: which resources a `CanNotDelete` (or `ReadOnly`) lock guards against deletion. A lock guards
 * the resource its scope names, every resource of the resource group it is placed on, or (at subscription level)
 * everything. Azure's lock is the provider's deletion protection.
 */
import type { AuditResource } from "../../types";
import type { ResourceGraph } from "../../../domain/resources/graph";
import { setting } from "./common";
import type { AzurePlace } from "./common";
import { T } from "./tokens";

export interface Locks {
  /** The resource, or its resource group, carries a lock that refuses deletion. */
  guards(r: AuditResource): boolean;
}

function refusesDeletion(lock: AuditResource): boolean {
  const level = setting(lock.inputs.level);
  return level === "cannotdelete" || level === "readonly";
}

export function readLocks(g: ResourceGraph, place: AzurePlace): Locks {
  const locked = new Set<string>();
  let everything = false;
  for (const lock of g.ofType(T.lockByScope, T.lockAtResource)) {
    if (!refusesDeletion(lock)) continue;
    const property = lock.type === T.lockByScope ? "scope" : "resourceName";
    for (const target of g.refs(lock, property, undefined, lock.inputs[property])) locked.add(target.urn);
  }
  for (const lock of g.ofType(T.lockAtResourceGroup)) {
    if (!refusesDeletion(lock)) continue;
    for (const rg of g.refs(lock, "resourceGroupName", [T.resourceGroup], lock.inputs.resourceGroupName)) locked.add(rg.urn);
  }
  for (const lock of g.ofType(T.lockAtSubscription)) if (refusesDeletion(lock)) everything = true;
  return {
    guards(r) {
      if (everything || locked.has(r.urn)) return true;
      const rg = place.group(r);
      return rg !== undefined && locked.has(rg.urn);
    },
  };
}
