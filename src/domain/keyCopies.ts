/**
 * Counting the separate copies of CENM's signing keys (R3: at least two, none reachable from the Internet).
 *
 * A copy is separate when losing or corrupting one does not lose the other: the primary escrow, its locked
 * replica in another region, an HSM cluster holding the live keys, and each offline copy the operator records.
 */
export type KeyCopyKind = "cloud-escrow" | "cloud-escrow-dr-replica" | "cloud-hsm" | "offline";

export interface KeyCopyPlan {
  drReplica: boolean;
  cloudHsm: boolean;
  offlineCopies: readonly { id: string }[];
}

export interface KeyCopyCount {
  byKind: Record<KeyCopyKind, number>;
  total: number;
}

/** The minimum number of separate key copies R3 recommends. */
export const MIN_KEY_COPIES = 2;

export function countKeyCopies(plan: KeyCopyPlan): KeyCopyCount {
  const byKind: Record<KeyCopyKind, number> = {
    "cloud-escrow": 1,
    "cloud-escrow-dr-replica": plan.drReplica ? 1 : 0,
    "cloud-hsm": plan.cloudHsm ? 1 : 0,
    offline: plan.offlineCopies.length,
  };
  const total = Object.values(byKind).reduce((a, b) => a + b, 0);
  return { byKind, total };
}

/**
 * S3 storage classes whose objects cannot be read in real time: GetObject answers InvalidObjectState until a
 * RestoreObject request has made a temporary copy, which takes minutes to hours (S3 Glacier Flexible Retrieval) or
 * up to 12 hours with a standard retrieval (S3 Glacier Deep Archive); AWS's GetObject and RestoreObject API
 * reference pages. GLACIER_IR (S3 Glacier Instant Retrieval) and the Standard classes are read directly; the
 * archive tiers of INTELLIGENT_TIERING, which a bucket must opt into, are not counted here.
 */
export const S3_ARCHIVED_STORAGE_CLASSES: readonly string[] = ["GLACIER", "DEEP_ARCHIVE"];

/** An S3 storage class whose objects must be restored before they can be read ({@link S3_ARCHIVED_STORAGE_CLASSES}). */
export function isArchivedStorageClass(storageClass: string | undefined): boolean {
  return storageClass !== undefined && S3_ARCHIVED_STORAGE_CLASSES.includes(storageClass);
}

/** "3 (cloud-escrow 1, cloud-escrow-dr-replica 1, offline 1)" */
export function describeKeyCopies(count: KeyCopyCount): string {
  const parts = Object.entries(count.byKind)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${k} ${n}`);
  return `${count.total} (${parts.join(", ")})`;
}
