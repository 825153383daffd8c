/**
 * What both clouds' topologies derive the same way from a validated stack configuration.
 */
import type { StackConfig } from "../config/schema";

/** The `keys-two-copies` waiver's reason, as the key vault components take it (nothing when not waived). */
export function keyCopiesWaiverOf(c: StackConfig): { keyCopiesWaiver?: string } {
  const waiver = c.waivers.find((w) => w.id === "keys-two-copies");
  return waiver ? { keyCopiesWaiver: waiver.reason } : {};
}
