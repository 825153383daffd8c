/**
 * Which Azure management locks a plan declares over a resource: one reading of Microsoft's lock page
 * (https://learn.microsoft.com/azure/azure-resource-manager/management/lock-resources) for the platform limits and
 * the audit.
 *
 * What that page says, and this module follows:
 * - a lock placed on a scope applies to everything within it, resources added later included: a subscription's
 *   lock to every group and resource, a group's lock to every resource in the group, a resource's lock to its child
 *   resources (a vault's policies, a key vault's keys, a DNS zone's record sets and links);
 * - an extension resource (a role assignment, a diagnostic setting) takes the locks of the resource it is applied
 *   to, since its id lies under that resource's id;
 * - a resource group whose resources include one under a delete lock cannot be deleted at all: Azure refuses the
 *   whole deletion, even when the group itself and its other resources carry no lock;
 * - CanNotDelete refuses deletion only, ReadOnly refuses deletion and every change.
 * Locks themselves are what one removes to lift a lock, so a lock never counts as covered by another.
 */
import type { ResourceGraph } from "./graph";
import type { ResourceView } from "./view";
import { str } from "./values";
import { LOCK_TYPES, T } from "./azureTokens";

/** Lock levels that refuse deletion: both of Azure's levels (ReadOnly also refuses changes). */
const DELETE_LEVELS = new Set(["cannotdelete", "readonly"]);

/**
 * Inputs through which a child resource names the resource it lives under (a vault's policy, an account's share, a
 * server's configuration or virtual endpoint, a network's subnet or peering, a security group's rule, a route
 * table's route, a zone's link or record set, an endpoint's zone group), and `scope`, through which an extension
 * resource (a role assignment) names the resource it applies to.
 */
export const LOCK_PARENT_INPUTS = [
  "vaultName",
  "accountName",
  "serverName",
  "virtualNetworkName",
  "networkSecurityGroupName",
  "routeTableName",
  "privateZoneName",
  "privateEndpointName",
  "scope",
] as const;

/** The lock refuses deletion: CanNotDelete or ReadOnly (any spelling case), not an unknown level. */
export function refusesDeletion(lock: ResourceView): boolean {
  return DELETE_LEVELS.has(str(lock.inputs.level)?.toLowerCase() ?? "");
}

function isLock(r: ResourceView): boolean {
  return (LOCK_TYPES as readonly string[]).includes(r.type);
}

/** The resource group `r` is declared in, when the plan declares it. */
export function groupOf(g: ResourceGraph, r: ResourceView): ResourceView | undefined {
  return g.ref(r, "resourceGroupName", [T.resourceGroup], r.inputs.resourceGroupName);
}

/**
 * `r` and every scope above it that the plan declares: the resources it lives under or is applied to (through
 * {@link LOCK_PARENT_INPUTS}), recursively, and the resource group of each.
 */
export function scopesAbove(g: ResourceGraph, r: ResourceView): ResourceView[] {
  const seen = new Map<string, ResourceView>();
  const visit = (x: ResourceView): void => {
    if (seen.has(x.urn)) return;
    seen.set(x.urn, x);
    for (const input of LOCK_PARENT_INPUTS) for (const parent of g.refs(x, input, undefined, x.inputs[input])) if (!isLock(parent)) visit(parent);
    const group = groupOf(g, x);
    if (group) visit(group);
  };
  visit(r);
  return [...seen.values()];
}

/** The resources a lock is placed on (its scope), as the plan declares them. */
export function lockTargets(g: ResourceGraph, lock: ResourceView): ResourceView[] {
  switch (lock.type) {
    case T.lockByScope:
      return g.refs(lock, "scope", undefined, lock.inputs.scope);
    case T.lockAtResource:
      return g.refs(lock, "resourceName", undefined, lock.inputs.resourceName);
    case T.lockAtResourceGroup:
      return g.refs(lock, "resourceGroupName", [T.resourceGroup], lock.inputs.resourceGroupName);
    default:
      return [];
  }
}

/**
 * The locks of the plan that apply to `r` by inheritance (a lock on `r`, on a scope above it, on its group, on the
 * subscription), of any level when `anyLevel`, else only those that refuse deletion. A group-level lock whose group
 * the plan names only by value matches a scope above `r` declared with the same group name.
 */
export function locksOver(g: ResourceGraph, r: ResourceView, anyLevel = false): ResourceView[] {
  if (isLock(r)) return [];
  const locks = g.ofType(...LOCK_TYPES).filter((l) => anyLevel || refusesDeletion(l));
  if (locks.length === 0) return [];
  const scopes = scopesAbove(g, r);
  const urns = new Set(scopes.map((s) => s.urn));
  const groupNames = new Set(scopes.map((s) => str(s.inputs.resourceGroupName)).filter((n): n is string => n !== undefined));
  return locks.filter((lock) => {
    if (lock.type === T.lockAtSubscription) return true;
    const targets = lockTargets(g, lock);
    if (targets.length > 0) return targets.some((t) => urns.has(t.urn));
    const name = lock.type === T.lockAtResourceGroup ? str(lock.inputs.resourceGroupName) : undefined;
    return name !== undefined && groupNames.has(name);
  });
}

/**
 * The delete locks on resources declared in `group` (not on the group itself): any one of them makes Azure refuse
 * the deletion of the whole group.
 */
export function deleteLocksInside(g: ResourceGraph, group: ResourceView): ResourceView[] {
  return g.ofType(...LOCK_TYPES).filter((lock) => {
    if (lock.type === T.lockAtSubscription || lock.type === T.lockAtResourceGroup || !refusesDeletion(lock)) return false;
    return lockTargets(g, lock).some((t) => t.urn !== group.urn && !isLock(t) && scopesAbove(g, t).some((s) => s.urn === group.urn));
  });
}

/**
 * The lock that makes Azure refuse to delete `r`, if the plan declares one: a delete lock over `r` by inheritance,
 * or, for a resource group, a delete lock on any resource inside it.
 */
export function deletionLockOf(g: ResourceGraph, r: ResourceView): ResourceView | undefined {
  return locksOver(g, r)[0] ?? (r.type === T.resourceGroup ? deleteLocksInside(g, r)[0] : undefined);
}
