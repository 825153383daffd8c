/**
 * The rules of the package's AWS Backup plans, derived in plain values from the snapshot settings. Config validation
 * (from the stack's `snapshots` keys) and the SnapshotSchedule component (from its args) read the same functions, so
 * that a stack that loads also plans.
 */
import { startWindowMeetsBackupWindow } from "./limits/aws";
import { SNAPSHOT_START_WINDOW_MINUTES } from "./windows";

/** The snapshot settings the rules come from (the stack's `snapshots` keys, the component's args). */
export interface SnapshotSettings {
  continuousBackup: boolean;
  pointInTimeDays: number;
  hourly: { enabled: boolean; everyHours: number; retentionDays: number };
  daily: { enabled: boolean; retentionDays: number; hourUtc: number };
  monthly: { enabled: boolean; retentionDays: number };
  drCopy: { enabled: boolean; retentionDays: number };
}

/** One rule of a plan, in plain values. */
export interface PlannedRule {
  /** Rule name inside the plan. */
  name: string;
  /** AWS Backup cron expression (UTC). */
  schedule: string;
  /** Days a recovery point of this rule is kept in the primary vault. */
  retentionDays: number;
  /** True for the continuous (point-in-time) rule. */
  continuous: boolean;
  /** Minutes a started job may run before AWS Backup cancels it. */
  completionWindowMinutes: number;
  /** Days a copy is kept in the DR vault; absent when the rule makes no copy. */
  copyRetentionDays?: number;
}

/**
 * The hourly rule's schedule: every `every` hours from midnight, less the slots whose start window would meet one of
 * the RDS backup windows `avoid` (AWS Backup asks that the two never coincide: the backup lineage would branch).
 */
export function hourlySchedule(every: number, avoid: readonly string[]): string {
  const hours = Array.from({ length: 24 / every }, (_, i) => i * every);
  const kept = hours.filter((h) => !avoid.some((w) => startWindowMeetsBackupWindow(`cron(0 ${h} ? * * *)`, SNAPSHOT_START_WINDOW_MINUTES, w)));
  return kept.length === hours.length ? `cron(0 0/${every} ? * * *)` : `cron(0 ${kept.join(",")} ? * * *)`;
}

/**
 * The rules of one plan. With `copies`, each rule copies its recovery points to the DR vault, each copy kept as long
 * as its recovery point but at most `drCopy.retentionDays`, except the continuous rule's when the daily rule already
 * copies a snapshot of the same day kept at least as long: a second DR snapshot of that day would add storage and
 * nothing else. `avoid` lists the RDS backup windows the hourly rule steps around.
 */
export function plannedRules(s: SnapshotSettings, options: { copies: boolean; avoid: readonly string[] }): PlannedRule[] {
  const hour = s.daily.hourUtc;
  const copyDays = (retentionDays: number): number => Math.min(retentionDays, s.drCopy.retentionDays);
  const copy = (retentionDays: number) => (options.copies ? { copyRetentionDays: copyDays(retentionDays) } : {});
  const rules: PlannedRule[] = [];
  if (s.continuousBackup) {
    // The schedule of a continuous rule only decides when a snapshot of it is copied to the DR vault.
    const dailyCopies = options.copies && s.daily.enabled && copyDays(s.daily.retentionDays) >= copyDays(s.pointInTimeDays);
    rules.push({
      name: "continuous-pitr",
      schedule: `cron(0 ${hour} ? * * *)`,
      retentionDays: s.pointInTimeDays,
      continuous: true,
      completionWindowMinutes: 480,
      ...(dailyCopies ? {} : copy(s.pointInTimeDays)),
    });
  }
  if (s.hourly.enabled) {
    const every = s.hourly.everyHours;
    rules.push({ name: `hourly-every-${every}h`, schedule: hourlySchedule(every, options.avoid), retentionDays: s.hourly.retentionDays, continuous: false, completionWindowMinutes: 120, ...copy(s.hourly.retentionDays) });
  }
  if (s.daily.enabled) {
    rules.push({ name: "daily", schedule: `cron(0 ${hour} ? * * *)`, retentionDays: s.daily.retentionDays, continuous: false, completionWindowMinutes: 480, ...copy(s.daily.retentionDays) });
  }
  if (s.monthly.enabled) {
    rules.push({ name: "monthly", schedule: `cron(0 ${hour} 1 * ? *)`, retentionDays: s.monthly.retentionDays, continuous: false, completionWindowMinutes: 1440, ...copy(s.monthly.retentionDays) });
  }
  return rules;
}
