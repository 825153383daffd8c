/**
 * What both clouds' topologies derive the same way from a validated stack configuration.
 */
import type { StackConfig } from "../config/schema";

/** The reason of the stack's waiver `id`, when it has one. */
function waiverReason(c: StackConfig, id: string): string | undefined {
  return c.waivers.find((w) => w.id === id)?.reason;
}

/** The `keys-two-copies` waiver's reason, as the key vault components take it (nothing when not waived). */
export function keyCopiesWaiverOf(c: StackConfig): { keyCopiesWaiver?: string } {
  const reason = waiverReason(c, "keys-two-copies");
  return reason ? { keyCopiesWaiver: reason } : {};
}

/** The `db-engine-version` waiver's reason, as the database components take it (nothing when not waived). */
export function engineVersionWaiverOf(c: StackConfig): { engineVersionWaiver?: string } {
  const reason = waiverReason(c, "db-engine-version");
  return reason ? { engineVersionWaiver: reason } : {};
}
