/**
 * How much protection the audit requires, per environment: the magnitudes its controls judge (how long recovery
 * points, copies, locks and deleted shares are kept), not only whether something is declared.
 *
 * These are this package's policy, not facts about a cloud: R3 asks for rolling snapshots, copies away from the
 * primary and key copies that cannot be destroyed, without giving durations. Each floor sits below the matching
 * preset (src/config/presets.ts) so that a stack on its presets passes, and high enough that a protection cut to
 * a token value (a one-day lock, a one-day copy) fails. A stack whose environment is unknown is held to prod's.
 * RULES.md renders this table.
 */

export type AuditEnvironment = "dev" | "staging" | "prod";

export interface AuditMinimums {
  /** Days the recovery points of an at-least-daily backup rule must be kept (databases and file stores). */
  backupRetentionDays: number;
  /** Days the escrowed key material stays locked (Object Lock default retention, Azure immutability period). */
  escrowLockDays: number;
  /** Days a deleted Azure file share stays recoverable (share soft delete). */
  shareSoftDeleteDays: number;
}

/** Longest gap between two scheduled recovery points that counts as "at least daily", hours (every environment). */
export const MAX_BACKUP_INTERVAL_HOURS = 24;

export const AUDIT_MINIMUMS: Record<AuditEnvironment, AuditMinimums> = {
  dev: { backupRetentionDays: 7, escrowLockDays: 7, shareSoftDeleteDays: 7 },
  staging: { backupRetentionDays: 7, escrowLockDays: 30, shareSoftDeleteDays: 7 },
  prod: { backupRetentionDays: 30, escrowLockDays: 365, shareSoftDeleteDays: 14 },
};

/** What each floor means, in the words RULES.md prints beside the figures. */
export const AUDIT_MINIMUM_MEANINGS: Record<keyof AuditMinimums, string> = {
  backupRetentionDays:
    "Days an at-least-daily backup rule keeps its recovery points (database rules, file-store rules), and the days a copy in another region must keep them (or, when that is shorter, as long as the longest-kept of the rules backing up the same resources keeps its own).",
  escrowLockDays: "Days the key escrow's lock (S3 Object Lock default retention, Azure immutability period) keeps every version of the key material.",
  shareSoftDeleteDays: "Days a deleted Azure file share stays recoverable (share soft delete).",
};

/** The floors for an environment; anything but dev and staging (unknown included) gets prod's. */
export function auditMinimums(environment: string | undefined): AuditMinimums {
  return environment === "dev" || environment === "staging" ? AUDIT_MINIMUMS[environment] : AUDIT_MINIMUMS.prod;
}

/** "7 days in dev, 7 in staging, 30 in prod or an unknown environment": a floor as the controls' rationales state it. */
export function floorsText(floor: keyof AuditMinimums): string {
  return `${AUDIT_MINIMUMS.dev[floor]} days in dev, ${AUDIT_MINIMUMS.staging[floor]} in staging, ${AUDIT_MINIMUMS.prod[floor]} in prod or an unknown environment`;
}
