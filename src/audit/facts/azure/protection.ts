/**
 * Protection facts: each stateful Azure resource, its Pulumi protection, and the provider's own guard against
 * deletion, which on Azure is a `CanNotDelete` (or `ReadOnly`) management lock on the resource or a scope above it
 * (see ./locks.ts); a resource group counts as guarded while a resource inside it carries such a lock.
 */
import { KEY_VAULT_SOFT_DELETE_DAYS } from "../../../domain/keyRetention";
import type { ProtectionFact } from "../../types";
import type { ResourceGraph } from "../../../domain/resources/graph";
import type { Locks } from "./locks";
import { STATEFUL_TYPES } from "../../../domain/resources/stateful";
import { isMarker, num, rec } from "../../../domain/resources/values";
import { T } from "./tokens";

/** Resource types whose loss loses data or keys (one list for the audit and the plan summary). */
const STATEFUL = STATEFUL_TYPES.azure;

/** A key vault's soft-delete retention: as declared, Azure's default when not, "unknown" when only the deployment knows it. */
function softDeleteDays(r: { inputs: Record<string, unknown> }): number | "unknown" {
  const props = r.inputs.properties;
  if (isMarker(props)) return "unknown";
  const days = rec(props)?.softDeleteRetentionInDays;
  if (isMarker(days)) return "unknown";
  return num(days) ?? KEY_VAULT_SOFT_DELETE_DAYS;
}

export function readProtection(g: ResourceGraph, locks: Locks): ProtectionFact[] {
  return g.ofType(...STATEFUL).map((r) => ({
    urn: r.urn,
    name: r.name,
    type: r.type,
    protect: r.protect,
    retainOnDelete: r.retainOnDelete,
    providerDeletionProtection: locks.guards(r),
    ...(r.type === T.keyVault ? { purgeProtection: r.inputs.enablePurgeProtection === true || (r.inputs.properties as Record<string, unknown> | undefined)?.enablePurgeProtection === true } : {}),
    // Azure keeps a deleted vault's keys 90 days unless the vault says fewer.
    ...(r.type === T.keyVault ? { softDeleteDays: softDeleteDays(r) } : {}),
  }));
}
