/**
 * When a stack may be torn down: the one rule both clouds' components apply to their locked stores.
 */
import type { ProtectionArgs } from "./types";

/**
 * Whether a locked store (bucket, backup vault, Azure Backup vault) is declared so that `pulumi destroy` can remove
 * it with its contents: only without protection and under a governance lock (dev); never when protected or under a
 * compliance lock. AWS empties buckets and vaults (`forceDestroy`); Azure declares its backup vaults without
 * immutability and soft delete, either of which would keep deleted backups, and so the vault, for weeks.
 */
export function forceDestroyOf(protection: ProtectionArgs, lockMode: "compliance" | "governance"): boolean {
  return !protection.enabled && lockMode === "governance";
}
