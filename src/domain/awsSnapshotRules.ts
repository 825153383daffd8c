/**
 * The rules of the package's AWS Backup plans, derived in plain values from the snapshot settings. Config validation
 * (from the stack's `snapshots` keys) and the SnapshotSchedule component (from its args) read the same functions, so
 * that a stack that loads also plans.
 */
import { continuousRuleWindow, startWindowMeetsBackupWindow } from "./limits/aws";
import { dailyWindow, SNAPSHOT_START_WINDOW_MINUTES } from "./windows";

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
 * Where the continuous rule starts each day: at the start of the first RDS backup window in `avoid`, so that the
 * window AWS Backup is assumed to hold once its continuous backup manages the database (the rule's start window,
 * limit aws-backup-continuous-rule-window-clear) covers the window the database declares, and the snapshot rules,
 * which avoid the one, avoid the other. Without a declared window, the hour before `daily.hourUtc`.
 */
export function continuousStart(avoid: readonly string[], dailyHourUtc: number): { hour: number; minute: number } {
  const declared = avoid.map((w) => dailyWindow(w)).find((w) => w !== undefined);
  const minuteOfDay = declared ? declared.ranges[0].start : ((dailyHourUtc + 23) % 24) * 60;
  return { hour: Math.floor(minuteOfDay / 60), minute: minuteOfDay % 60 };
}

/**
 * The rules of one plan. With `copies`, each rule copies its recovery points to the DR vault, each copy kept as long
 * as its recovery point but at most `drCopy.retentionDays`, except the continuous rule's when the daily rule already
 * copies a snapshot of the same day kept at least as long: a second DR snapshot of that day would add storage and
 * nothing else. `avoid` lists the RDS backup windows the snapshot rules stay clear of; with continuous backup, the
 * continuous rule starts at the first of them ({@link continuousStart}) and the hourly rule also steps around that
 * rule's start window.
 */
export function plannedRules(s: SnapshotSettings, options: { copies: boolean; avoid: readonly string[] }): PlannedRule[] {
  const hour = s.daily.hourUtc;
  const copyDays = (retentionDays: number): number => Math.min(retentionDays, s.drCopy.retentionDays);
  const copy = (retentionDays: number) => (options.copies ? { copyRetentionDays: copyDays(retentionDays) } : {});
  const rules: PlannedRule[] = [];
  const start = continuousStart(options.avoid, hour);
  const continuousSchedule = `cron(${start.minute} ${start.hour} ? * * *)`;
  const continuousWindow = continuousRuleWindow(continuousSchedule, SNAPSHOT_START_WINDOW_MINUTES);
  const avoid = s.continuousBackup && continuousWindow ? [...options.avoid, continuousWindow] : options.avoid;
  if (s.continuousBackup) {
    // A continuous rule's schedule decides when AWS Backup syncs its recovery point (and, with copy actions, when it
    // copies a snapshot of it to the DR vault); its start window is where the RDS backup window is assumed to go.
    const dailyCopies = options.copies && s.daily.enabled && copyDays(s.daily.retentionDays) >= copyDays(s.pointInTimeDays);
    rules.push({
      name: "continuous-pitr",
      schedule: continuousSchedule,
      retentionDays: s.pointInTimeDays,
      continuous: true,
      completionWindowMinutes: 480,
      ...(dailyCopies ? {} : copy(s.pointInTimeDays)),
    });
  }
  if (s.hourly.enabled) {
    const every = s.hourly.everyHours;
    rules.push({ name: `hourly-every-${every}h`, schedule: hourlySchedule(every, avoid), retentionDays: s.hourly.retentionDays, continuous: false, completionWindowMinutes: 120, ...copy(s.hourly.retentionDays) });
  }
  if (s.daily.enabled) {
    rules.push({ name: "daily", schedule: `cron(0 ${hour} ? * * *)`, retentionDays: s.daily.retentionDays, continuous: false, completionWindowMinutes: 480, ...copy(s.daily.retentionDays) });
  }
  if (s.monthly.enabled) {
    rules.push({ name: "monthly", schedule: `cron(0 ${hour} 1 * ? *)`, retentionDays: s.monthly.retentionDays, continuous: false, completionWindowMinutes: 1440, ...copy(s.monthly.retentionDays) });
  }
  return rules;
}

/**
 * The rules of a plan that backs up file systems (EFS) alone: those of {@link plannedRules} without the continuous
 * rule and with no slot left out. AWS Backup's continuous backup is for RDS, Aurora, S3 and SAP HANA, not EFS (AWS
 * Backup's point-in-time retention page lists the resource types it keeps continuous recovery points of), so for a
 * file system the rule would only add a daily snapshot the daily rule already takes; and no RDS backup window
 * concerns a file system, so every hourly slot is kept: the file system's recovery points are at most
 * `hourly.everyHours` apart. The retentions are those of the database's plan, so the vault locks' bounds admit them
 * whenever they admit the database's.
 */
export function plannedFileRules(s: SnapshotSettings, options: { copies: boolean }): PlannedRule[] {
  return plannedRules({ ...s, continuousBackup: false }, { copies: options.copies, avoid: [] });
}

/**
 * The snapshot rules whose start windows meet the continuous rule's (where AWS Backup is assumed to hold the RDS
 * backup window once it manages the database: limit aws-backup-continuous-rule-window-clear), with that window.
 */
export function continuousWindowConflicts(rules: readonly PlannedRule[]): { rule: PlannedRule; window: string }[] {
  const continuous = rules.find((r) => r.continuous);
  const window = continuous ? continuousRuleWindow(continuous.schedule, SNAPSHOT_START_WINDOW_MINUTES) : undefined;
  if (!window) return [];
  return rules.filter((r) => !r.continuous && startWindowMeetsBackupWindow(r.schedule, SNAPSHOT_START_WINDOW_MINUTES, window)).map((rule) => ({ rule, window }));
}
