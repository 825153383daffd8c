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

/** "3 (cloud-escrow 1, cloud-escrow-dr-replica 1, offline 1)" */
export function describeKeyCopies(count: KeyCopyCount): string {
  const parts = Object.entries(count.byKind)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${k} ${n}`);
  return `${count.total} (${parts.join(", ")})`;
}
