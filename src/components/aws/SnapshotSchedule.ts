/**
 * Rolling, immutable snapshots of the CENM database and file system with AWS Backup.
 */
import * as pulumi from "@pulumi/pulumi";
import * as backup from "@pulumi/aws/backup";
import * as cloudwatch from "@pulumi/aws/cloudwatch";
import * as iam from "@pulumi/aws/iam";
import type * as inputs from "@pulumi/aws/types/input";
import { accountOf, customerManagedKey, elementTags, forceDestroyOf, statefulOptions, refuseForeignBreakGlass } from "./common";
import type { SnapshotScheduleArgs } from "./contracts";
import type { LockMode } from "../../domain/vocabulary";
import type { CopyDescriptor } from "../types";
import { describeFigure, FIGURES, SCHEDULED_START_WINDOW, scheduledGapSeconds } from "../../domain/figures";
import { formatDuration, MINUTE } from "../../domain/durations";
import {
  AWS_DOCS,
  CONTINUOUS_BACKUP_MAX_DAYS,
  lockRetentionProblem,
  RESTORE_VALIDATION_WINDOW_HOURS,
  startWindowMeetsBackupWindow,
  VAULT_LOCK_CHANGEABLE_DAYS,
  VAULT_LOCK_MAX_RETENTION_DAYS,
} from "../../domain/limits/aws";
import { unmatchableJobEvents } from "../../domain/resources/awsBackup";
import { namedInput, nameSyntaxProblem, stackToken } from "../../domain/resources/awsNames";
import { T } from "../../domain/resources/awsTokens";
import { continuousWindowConflicts, plannedFileRules, plannedRules, type PlannedRule } from "../../domain/awsSnapshotRules";
import { intervalHours } from "../../domain/resources/schedule";
import { SNAPSHOT_START_WINDOW_MINUTES, VAULT_LOCK_BOUNDS_DAYS } from "../../domain/windows";

export { hourlySchedule } from "../../domain/awsSnapshotRules";

/** One backup rule as the plan declares it, in plain values. */
export interface BackupRuleSummary {
  /** Rule name inside the plan. */
  name: string;
  /** AWS Backup cron expression (UTC). */
  schedule: string;
  /** Days a recovery point of this rule is kept in the primary vault. */
  retentionDays: number;
  /** True for the continuous (point-in-time) rule. */
  continuous: boolean;
  /** Region the rule copies its recovery points to; absent when it makes no copy. */
  copyToRegion?: string;
  /** Days a copy is kept in the DR vault; absent when the rule makes no copy. */
  copyRetentionDays?: number;
  /** Logical name of the plan the rule belongs to (a second plan backs up what AWS Backup cannot copy). */
  plan: string;
}

/** Start window of every rule, in minutes. */
export const START_WINDOW_MINUTES = SNAPSHOT_START_WINDOW_MINUTES;

/** Days of recovery points a restore test may pick from. */
export const RESTORE_SELECTION_WINDOW_DAYS = 7;

/**
 * Events the primary vault sends to the alert topic: only those sent for failures alone. BACKUP_JOB_COMPLETED and
 * RESTORE_JOB_COMPLETED are sent for every finished job, successful ones included (the job's state rides in the
 * message's State attribute, AWS Backup's notification page), so with hourly snapshots they would mail the on-call
 * list every hour; the EventBridge rules forward the failed, aborted and expired ones instead.
 */
export const VAULT_EVENTS = ["COPY_JOB_FAILED", "S3_BACKUP_OBJECT_FAILED"];

/** One EventBridge rule singling out failed jobs: the job event types it takes, the field they carry, its values. */
export interface JobFailureRule {
  /** Suffix of the rule's logical name. */
  suffix: string;
  description: string;
  detailTypes: string[];
  /** The field of `detail` these events carry the job's state in. */
  field: "state" | "status";
  values: string[];
}

/**
 * The failure rules: backup and copy jobs carry their state in `detail.state` (failed values: ABORTED, EXPIRED and
 * FAILED for backup jobs, FAILED for copy jobs), restore jobs, restore tests included, in `detail.status` (ABORTED,
 * FAILED), as the AWS Backup API's BackupJobState, CopyJobState and RestoreJobStatus name them.
 */
export const JOB_FAILURE_RULES: readonly JobFailureRule[] = [
  { suffix: "failures", description: "Failed, aborted or expired AWS Backup backup and copy jobs", detailTypes: ["Backup Job State Change", "Copy Job State Change"], field: "state", values: ["FAILED", "ABORTED", "EXPIRED"] },
  { suffix: "restore-failures", description: "Failed or aborted AWS Backup restore jobs, restore tests included", detailTypes: ["Restore Job State Change"], field: "status", values: ["FAILED", "ABORTED"] },
];

/** The event pattern of a failure rule. */
export function failurePattern(r: JobFailureRule): string {
  return JSON.stringify({ source: ["aws.backup"], "detail-type": r.detailTypes, detail: { [r.field]: r.values } });
}

/** The vaults' lock as declared. */
export interface VaultLockSummary {
  /** compliance or governance. */
  mode: LockMode;
  /** Shortest retention the locks admit, in days. */
  minRetentionDays: number;
  /** Longest retention the locks admit, in days. */
  maxRetentionDays: number;
  /** Compliance mode only: days after creation during which the lock can still be changed or removed. */
  changeableForDays?: number;
}

function positiveInteger(value: unknown): boolean {
  return typeof value === "number" && Number.isInteger(value) && value > 0;
}

function fail(arg: string, value: unknown, expected: string): never {
  throw new Error(`SnapshotSchedule: ${arg} is ${JSON.stringify(value)}; expected ${expected}`);
}

/** The arg a rule's retention comes from. */
function retentionArg(rule: PlannedRule): string {
  if (rule.continuous) return "pointInTimeDays";
  if (rule.name.startsWith("hourly")) return "hourly.retentionDays";
  return `${rule.name}.retentionDays`;
}

/** The lock bounds the args ask for, defaults filled in. */
function lockBounds(args: SnapshotScheduleArgs): { min: number; max: number } {
  return { min: args.lock.minRetentionDays ?? VAULT_LOCK_BOUNDS_DAYS.minRetentionDays, max: args.lock.maxRetentionDays ?? VAULT_LOCK_BOUNDS_DAYS.maxRetentionDays };
}

/** The RDS backup windows the snapshot rules backing up `resources` must stay clear of. */
function windowsToAvoid(resources: SnapshotScheduleArgs["resources"]): string[] {
  return [...new Set(resources.map((r) => r.backupWindow).filter((w): w is string => typeof w === "string"))];
}

interface PlanGroup {
  plan: string;
  selection: string;
  resources: SnapshotScheduleArgs["resources"];
  copies: boolean;
  specs: PlannedRule[];
}

/**
 * The plans. A plan's rules apply to every resource its selection names (AWS Backup has no per-resource rule), so:
 * - the file systems (EFS) get a plan of their own (`<name>-files-plan`, plannedFileRules): no continuous rule and no
 *   slot skipped. Only a database's snapshots must stay clear of its RDS backup window (limits
 *   aws-backup-start-window-outside-rds-backup-window and aws-backup-continuous-rule-window-clear judge the databases
 *   a plan covers); in one shared plan the hourly rule's skipped 02:00 slot left the file system two hours between
 *   snapshots;
 * - what AWS Backup cannot copy (an RDS Multi-AZ DB cluster) gets a plan without copy actions (`-local-`), so that no
 *   copy job is declared that would fail every time.
 * The database keeps `<name>-plan` and `<name>-selection`; each plan's rules stay clear of its own resources' backup
 * windows only.
 */
function planGroups(name: string, args: SnapshotScheduleArgs): PlanGroup[] {
  const groups: (Omit<PlanGroup, "specs"> & { files: boolean })[] = [];
  for (const files of [false, true]) {
    const kind = args.resources.filter((r) => (r.resourceType === "EFS") === files);
    const prefix = `${name}-${files ? "files-" : ""}`;
    if (args.drCopy.enabled) {
      groups.push({ plan: `${prefix}plan`, selection: `${prefix}selection`, resources: kind.filter((r) => r.crossRegionCopy !== false), copies: true, files });
      groups.push({ plan: `${prefix}local-plan`, selection: `${prefix}local-selection`, resources: kind.filter((r) => r.crossRegionCopy === false), copies: false, files });
    } else {
      groups.push({ plan: `${prefix}plan`, selection: `${prefix}selection`, resources: kind, copies: false, files });
    }
  }
  return groups
    .filter((g) => g.resources.length > 0)
    .map(({ files, ...g }) => ({ ...g, specs: files ? plannedFileRules(args, { copies: g.copies }) : plannedRules(args, { copies: g.copies, avoid: windowsToAvoid(g.resources) }) }));
}

/** The restore testing plan's name: the component's, the stack's (as the package shortens it) and a suffix. */
export function restoreTestingPlanName(name: string, stack: string): string {
  const token = stackToken(stack, "_");
  const suffix = "restore_tests";
  const base = name.replace(/[^A-Za-z0-9_]/g, "_").slice(0, 50 - token.length - suffix.length - 2);
  return `${base}_${token}_${suffix}`;
}

/** A restore testing selection's name (unique inside its plan): letters, digits and underscores only. */
function restoreTestingSelectionName(base: string, suffix: string): string {
  const clean = base.replace(/[^A-Za-z0-9_]/g, "_").slice(0, 50 - suffix.length - 1);
  return `${clean}_${suffix}`;
}

function validateSnapshotScheduleArgs(name: string, args: SnapshotScheduleArgs, stack: string): void {
  if (!args.region) fail("region", args.region, "an AWS region name such as eu-west-1");
  if (args.drCopy.enabled && !args.drRegion) fail("drRegion", args.drRegion, "an AWS region name when drCopy.enabled");
  if (args.drCopy.enabled && args.drRegion === args.region) {
    fail("drRegion", args.drRegion, `a region other than the primary region ${args.region} (the DR copy must leave the region)`);
  }
  if (!args.resources || args.resources.length === 0) fail("resources", args.resources ?? [], "at least one resource (database or file system) to back up");
  args.resources.forEach((r, i) => {
    if (r.resourceType !== "RDS" && r.resourceType !== "EFS") fail(`resources[${i}].resourceType`, r.resourceType, '"RDS" or "EFS"');
    if (r.arn === undefined || r.arn === null || r.arn === "") fail(`resources[${i}].arn`, r.arn, "the ARN of the resource to back up");
  });
  if (!args.hourly.enabled && !args.daily.enabled) {
    fail("hourly.enabled/daily.enabled", { hourly: false, daily: false }, "at least one of the hourly and daily rules enabled");
  }
  for (const [arg, value] of [
    ["hourly.retentionDays", args.hourly.retentionDays],
    ["daily.retentionDays", args.daily.retentionDays],
    ["monthly.retentionDays", args.monthly.retentionDays],
    ["drCopy.retentionDays", args.drCopy.retentionDays],
  ] as const) {
    if (!positiveInteger(value)) fail(arg, value, "a positive whole number of days");
  }
  if (args.continuousBackup && (!Number.isInteger(args.pointInTimeDays) || args.pointInTimeDays < 1 || args.pointInTimeDays > CONTINUOUS_BACKUP_MAX_DAYS)) {
    fail("pointInTimeDays", args.pointInTimeDays, `a whole number of days from 1 to ${CONTINUOUS_BACKUP_MAX_DAYS} when continuousBackup is on (the AWS Backup limit)`);
  }
  // cron(0 0/N ...) restarts at midnight, so only divisors of 24 give evenly spaced snapshots.
  if (args.hourly.enabled && ![1, 2, 3, 4, 6, 8, 12, 24].includes(args.hourly.everyHours)) {
    fail("hourly.everyHours", args.hourly.everyHours, "a divisor of 24 (1, 2, 3, 4, 6, 8, 12 or 24) hours, so snapshots stay evenly spaced across midnight");
  }
  if (!Number.isInteger(args.daily.hourUtc) || args.daily.hourUtc < 0 || args.daily.hourUtc > 23) {
    fail("daily.hourUtc", args.daily.hourUtc, "a whole hour from 0 to 23");
  }
  for (const window of windowsToAvoid(args.resources)) {
    if ((args.daily.enabled || args.monthly.enabled) && startWindowMeetsBackupWindow(`cron(0 ${args.daily.hourUtc} ? * * *)`, START_WINDOW_MINUTES, window)) {
      fail("daily.hourUtc", args.daily.hourUtc, `an hour whose ${START_WINDOW_MINUTES}-minute start window stays clear of the RDS backup window ${window} (${AWS_DOCS.backupRds})`);
    }
  }
  if (args.lock.mode === "compliance") {
    const days = args.lock.changeableForDays;
    if (!Number.isInteger(days) || (days as number) < VAULT_LOCK_CHANGEABLE_DAYS.min || (days as number) > VAULT_LOCK_CHANGEABLE_DAYS.max) {
      fail("lock.changeableForDays", days, `a whole number from ${VAULT_LOCK_CHANGEABLE_DAYS.min} to ${VAULT_LOCK_CHANGEABLE_DAYS.max} in compliance mode (the grace period before the lock becomes immutable)`);
    }
  } else if (args.lock.mode === "governance") {
    if (args.lock.changeableForDays !== undefined) {
      fail("lock.changeableForDays", args.lock.changeableForDays, 'nothing in governance mode (setting it turns the lock into compliance mode); use lock.mode "compliance"');
    }
  } else {
    fail("lock.mode", args.lock.mode, '"compliance" or "governance"');
  }
  const bounds = lockBounds(args);
  if (!positiveInteger(bounds.min) || bounds.min > VAULT_LOCK_MAX_RETENTION_DAYS) fail("lock.minRetentionDays", bounds.min, `a whole number of days from 1 to ${VAULT_LOCK_MAX_RETENTION_DAYS}`);
  if (!positiveInteger(bounds.max) || bounds.max > VAULT_LOCK_MAX_RETENTION_DAYS || bounds.max < bounds.min) {
    fail("lock.maxRetentionDays", bounds.max, `a whole number of days from lock.minRetentionDays (${bounds.min}) to ${VAULT_LOCK_MAX_RETENTION_DAYS}`);
  }
  for (const { rule, window } of planGroups(name, args).flatMap((g) => continuousWindowConflicts(g.specs))) {
    fail(rule.name === "monthly" || rule.name === "daily" ? "daily.hourUtc" : "hourly.everyHours", rule.name === "monthly" || rule.name === "daily" ? args.daily.hourUtc : args.hourly.everyHours, `a schedule whose start window stays clear of ${window}, where the continuous rule starts and AWS Backup is assumed to hold the RDS backup window once it manages the database (${AWS_DOCS.continuous}); rule ${rule.name} (${rule.schedule}) meets it`);
  }
  for (const rule of planGroups(name, args).flatMap((g) => g.specs)) {
    const own = lockRetentionProblem(rule.retentionDays, bounds);
    if (own) fail(retentionArg(rule), rule.retentionDays, `a retention the vault lock admits (lock bounds ${bounds.min}-${bounds.max} days): rule ${rule.name} would keep its recovery points ${rule.retentionDays} days, ${own}, and every job would fail`);
    const copy = rule.copyRetentionDays === undefined ? undefined : lockRetentionProblem(rule.copyRetentionDays, bounds);
    if (copy) fail("drCopy.retentionDays", args.drCopy.retentionDays, `a retention the DR vault's lock admits (lock bounds ${bounds.min}-${bounds.max} days): the copies of rule ${rule.name} would be kept ${rule.copyRetentionDays} days, ${copy}`);
  }
  if (args.restoreTesting.enabled) {
    const hours = args.restoreTesting.validationWindowHours;
    const window = RESTORE_VALIDATION_WINDOW_HOURS;
    if (!Number.isInteger(hours) || hours < window.min || hours > window.max) {
      fail("restoreTesting.validationWindowHours", hours, `a whole number of hours from ${window.min} to ${window.max}`);
    }
    if (!/^(cron|rate)\(.+\)$/.test(args.restoreTesting.scheduleExpression ?? "")) {
      fail("restoreTesting.scheduleExpression", args.restoreTesting.scheduleExpression, "a cron(...) or rate(...) expression");
    }
    const planName = restoreTestingPlanName(name, stack);
    const problem = nameSyntaxProblem(namedInput(T.restoreTestingPlan, "name")!, planName);
    if (problem) fail("name", name, `a component name that gives a restore testing plan name AWS accepts (${problem}); "${planName}" is not`);
  }
  for (const r of JOB_FAILURE_RULES) {
    if (unmatchableJobEvents(failurePattern(r)).length > 0) throw new Error(`SnapshotSchedule: the ${r.suffix} rule tests a field its events do not carry`);
  }
}

/** Hours between two scheduled runs at worst, the most frequent snapshot rule's (a job's start window comes on top). */
function snapshotIntervalHours(specs: PlannedRule[]): number {
  const gaps = specs.filter((r) => !r.continuous).map((r) => intervalHours(r.schedule));
  return Math.min(...gaps);
}

/**
 * Hours between two snapshots of a resource at worst, over the plans given: each plan's own gap (its most frequent
 * snapshot rule's), and the worst of the plans, since each resource is backed up by one of them. Plans whose rules
 * `keep` none are left out.
 */
function worstIntervalHours(groups: readonly PlanGroup[], keep: (r: PlannedRule) => boolean = () => true): number {
  const gaps = groups.map((g) => g.specs.filter((r) => keep(r) && !r.continuous)).filter((specs) => specs.length > 0).map(snapshotIntervalHours);
  return Math.max(...gaps);
}

/**
 * Rolling snapshots of the CENM database and file system in AWS Backup. Replication copies a destructive
 * `DELETE` to every replica within seconds, so these immutable recovery points are the way back from it.
 *
 * Declares a vault encrypted with its own customer-managed key and locked (compliance or governance mode) so that
 * recovery points cannot be deleted before their retention ends, a plan with continuous, hourly, daily and monthly
 * rules, a selection of the given resources, and alerting of failed jobs. When `drCopy.enabled`, the rules copy
 * their recovery points to a second locked vault in the DR region, each copy with its own retention.
 *
 * Choices worth knowing:
 * - The vault locks' retention bounds are fixed (`lock.minRetentionDays`, `lock.maxRetentionDays`, by default 1 day
 *   to 7 years), not taken from the rules: the provider replaces a lock configuration whenever its bounds or grace
 *   time change (all three force a new resource, terraform-provider-aws vault_lock_configuration.go), and AWS refuses
 *   to remove a compliance lock once its grace time has passed, so a lock that followed the rules would make the next
 *   retention change fail. Every rule and copy must keep its recovery points within the bounds. The locks, and the
 *   vault notifications (whose every input forces a new resource too), are deleted before they are replaced: both are
 *   identified by the vault's name, so creating the new one first and deleting the old one afterwards would delete
 *   the new one.
 * - Continuous recovery points cannot live in another region as continuous backups. The provider accepts a copy
 *   action on the continuous rule and AWS Backup then copies a snapshot of it at the rule's schedule
 *   (`daily.hourUtc`). When the daily rule already copies a snapshot of that day, kept at least as long, the
 *   continuous rule makes no copy: a second DR snapshot of the same day would add storage and nothing else.
 *   Only RDS takes continuous backups here; EFS is covered by the snapshot rules alone.
 * - The backup role's trust policy names the service without an `aws:SourceAccount` condition: AWS does not
 *   document that AWS Backup supplies the key when it assumes the role, and a missing key would stop every job.
 * - IAM is global: the role and its attachments are the only children without a `region` input.
 * - Failures: AWS Backup reports every finished backup or restore job, failed or not, as BACKUP_JOB_COMPLETED or
 *   RESTORE_JOB_COMPLETED, so the vault notifies neither (an hourly mail to the on-call list otherwise), only
 *   COPY_JOB_FAILED. Two EventBridge rules forward the failures: backup and copy jobs whose `detail.state` is failed,
 *   aborted or expired, and restore jobs, restore tests included, whose `detail.status` is failed or aborted
 *   (restore job events carry `status`, not `state`).
 * - Names: the restore testing plan is the only child named explicitly (AWS takes only letters, digits and
 *   underscores there); its name carries the stack, as every name AWS keeps unique per account and region must, so
 *   that two stacks can share an account. The other children take Pulumi's auto-names.
 */
export class SnapshotSchedule extends pulumi.ComponentResource {
  public readonly vaultArn: pulumi.Output<string>;
  public readonly vaultName: pulumi.Output<string>;
  /** The DR-region vault; undefined when `drCopy.enabled` is false. */
  public readonly drVaultArn: pulumi.Output<string | undefined>;
  public readonly planId: pulumi.Output<string>;
  public readonly selectionId: pulumi.Output<string>;
  public readonly lockMode: pulumi.Output<LockMode>;
  /** The vaults' lock: mode, retention bounds and grace time. */
  public readonly vaultLock: pulumi.Output<VaultLockSummary>;
  /** Plain summary of the plan's rules. */
  public readonly rules: pulumi.Output<BackupRuleSummary[]>;
  /** Name of the restore testing plan; undefined when restore testing is off. */
  public readonly restoreTestingPlanName: pulumi.Output<string | undefined>;
  public readonly copies: pulumi.Output<CopyDescriptor[]>;

  constructor(name: string, args: SnapshotScheduleArgs, opts?: pulumi.ComponentResourceOptions) {
    const stack = pulumi.getStack();
    validateSnapshotScheduleArgs(name, args, stack);
    refuseForeignBreakGlass("SnapshotSchedule", args.protection, args.account);
    super("cenm-backup:aws:SnapshotSchedule", name, {}, opts);

    const account = accountOf(this, args.account);
    const tags = elementTags(args.tags, "snapshots");
    const groups = planGroups(name, args);
    const uncopyable = args.resources.filter((r) => r.crossRegionCopy === false);
    const specs = groups.flatMap((g) => g.specs);
    const copying = specs.filter((r) => r.copyRetentionDays !== undefined);
    const forceDestroy = forceDestroyOf(args.protection, args.lock.mode);
    const changeableForDays = args.lock.mode === "compliance" ? args.lock.changeableForDays : undefined;
    const bounds = lockBounds(args);
    // A lock and the vault notifications are identified by the vault's name: the old one goes before the new one comes.
    const lockOptions = statefulOptions(this, args.protection, { deleteBeforeReplace: true });

    // Primary vault, its key and its lock.
    const key = customerManagedKey(
      `${name}-vault-key`,
      { description: `Encrypts the CENM snapshot vault in ${args.region}`, region: args.region, account, protection: args.protection, tags },
      this,
    );
    const vault = new backup.Vault(
      `${name}-vault`,
      { region: args.region, kmsKeyArn: key.arn, forceDestroy, tags },
      statefulOptions(this, args.protection),
    );
    new backup.VaultLockConfiguration(
      `${name}-vault-lock`,
      { region: args.region, backupVaultName: vault.name, minRetentionDays: bounds.min, maxRetentionDays: bounds.max, changeableForDays },
      lockOptions,
    );

    // DR vault, its key and its lock, with the same bounds.
    let drVault: backup.Vault | undefined;
    if (copying.length > 0) {
      const drKey = customerManagedKey(
        `${name}-dr-vault-key`,
        { description: `Encrypts the CENM snapshot DR vault in ${args.drRegion}`, region: args.drRegion, account, protection: args.protection, tags },
        this,
      );
      drVault = new backup.Vault(
        `${name}-dr-vault`,
        { region: args.drRegion, kmsKeyArn: drKey.arn, forceDestroy, tags },
        statefulOptions(this, args.protection),
      );
      new backup.VaultLockConfiguration(
        `${name}-dr-vault-lock`,
        { region: args.drRegion, backupVaultName: drVault.name, minRetentionDays: bounds.min, maxRetentionDays: bounds.max, changeableForDays },
        lockOptions,
      );
    }

    const plans = groups.map((g) => {
      const planRules: inputs.backup.PlanRule[] = g.specs.map((r) => ({
        ruleName: r.name,
        targetVaultName: vault.name,
        schedule: r.schedule,
        scheduleExpressionTimezone: "Etc/UTC",
        enableContinuousBackup: r.continuous,
        startWindow: START_WINDOW_MINUTES,
        completionWindow: r.completionWindowMinutes,
        lifecycle: { deleteAfter: r.retentionDays },
        recoveryPointTags: { ...tags, "cenm-backup:rule": r.name },
        ...(drVault && r.copyRetentionDays !== undefined ? { copyActions: [{ destinationVaultArn: drVault.arn, lifecycle: { deleteAfter: r.copyRetentionDays } }] } : {}),
      }));
      return { ...g, resource: new backup.Plan(g.plan, { region: args.region, rules: planRules, tags }, { parent: this }) };
    });

    // The role AWS Backup assumes to take, copy and restore recovery points.
    const role = new iam.Role(
      `${name}-role`,
      {
        description: "Assumed by AWS Backup to back up, copy and restore the CENM database and file system",
        assumeRolePolicy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [{ Sid: "AwsBackupAssumesRole", Effect: "Allow", Principal: { Service: "backup.amazonaws.com" }, Action: "sts:AssumeRole" }],
        }),
        tags,
      },
      { parent: this },
    );
    for (const [suffix, policy] of [
      ["backup", "AWSBackupServiceRolePolicyForBackup"],
      ["restores", "AWSBackupServiceRolePolicyForRestores"],
    ]) {
      new iam.RolePolicyAttachment(
        `${name}-role-${suffix}`,
        { role: role.name, policyArn: account.apply((a) => `arn:${a.partition}:iam::aws:policy/service-role/${policy}`) },
        { parent: this },
      );
    }

    const selections = plans.map(
      (p) => new backup.Selection(p.selection, { region: args.region, planId: p.resource.id, iamRoleArn: role.arn, resources: p.resources.map((r) => r.arn) }, { parent: this }),
    );

    // Failure alerts.
    new backup.VaultNotifications(
      `${name}-vault-notifications`,
      { region: args.region, backupVaultName: vault.name, snsTopicArn: args.alarmTopicArn, backupVaultEvents: VAULT_EVENTS },
      { parent: this, deleteBeforeReplace: true },
    );
    for (const r of JOB_FAILURE_RULES) {
      const rule = new cloudwatch.EventRule(`${name}-${r.suffix}`, { region: args.region, description: r.description, eventPattern: failurePattern(r), tags }, { parent: this });
      new cloudwatch.EventTarget(`${name}-${r.suffix}-target`, { region: args.region, rule: rule.name, arn: args.alarmTopicArn }, { parent: this });
    }

    // Restore tests: restore the latest recovery point of each resource on a schedule and time the restore.
    let restorePlanName: string | undefined;
    if (args.restoreTesting.enabled) {
      restorePlanName = restoreTestingPlanName(name, stack);
      const restorePlan = new backup.RestoreTestingPlan(
        `${name}-restore-testing`,
        {
          region: args.region,
          name: restorePlanName,
          scheduleExpression: args.restoreTesting.scheduleExpression,
          scheduleExpressionTimezone: "Etc/UTC",
          recoveryPointSelection: {
            algorithm: "LATEST_WITHIN_WINDOW",
            includeVaults: [vault.arn],
            recoveryPointTypes: args.continuousBackup ? ["SNAPSHOT", "CONTINUOUS"] : ["SNAPSHOT"],
            selectionWindowDays: RESTORE_SELECTION_WINDOW_DAYS,
          },
          tags,
        },
        { parent: this },
      );
      args.resources.forEach((r, i) => {
        const kind = r.resourceType.toLowerCase();
        new backup.RestoreTestingSelection(
          `${name}-restore-test-${kind}-${i}`,
          {
            region: args.region,
            name: restoreTestingSelectionName(name, `${kind}_${i}`),
            restoreTestingPlanName: restorePlan.name,
            protectedResourceType: r.resourceType,
            protectedResourceArns: [r.arn],
            iamRoleArn: role.arn,
            restoreMetadataOverrides: r.metadataOverrides,
            validationWindowHours: args.restoreTesting.validationWindowHours,
          },
          // The provider's update never sends protectedResourceArns (restore_testing_selection.go): a new ARN (a
          // replaced database) replaces the selection, the old one first since the name stays the same.
          { parent: this, replaceOnChanges: ["protectedResourceArns"], deleteBeforeReplace: true },
        );
      });
    }

    // The longest gap between two snapshots: the rules' interval plus the start window a job may begin in (the
    // figures table's rule, scheduledGapSeconds).
    const interval = worstIntervalHours(groups);
    const gap = scheduledGapSeconds(interval, START_WINDOW_MINUTES);
    const startWindow = `${formatDuration(START_WINDOW_MINUTES * MINUTE)} start window`;
    const fileGroups = groups.filter((g) => g.resources.every((r) => r.resourceType === "EFS"));
    const filesGap = scheduledGapSeconds(fileGroups.length > 0 ? worstIntervalHours(fileGroups) : interval, START_WINDOW_MINUTES);
    const primaryRpo = args.continuousBackup
      ? `RDS: continuous backup restores to any second of the last ${args.pointInTimeDays} days, up to ${describeFigure(FIGURES.rdsPointInTimeRpo)}; ` +
        `EFS: up to ${formatDuration(filesGap)} (the longest gap between two snapshots: the interval plus the ${startWindow}, ${SCHEDULED_START_WINDOW.url})`
      : `up to ${formatDuration(gap)}: the longest gap between two snapshots, the interval plus the ${startWindow} (${SCHEDULED_START_WINDOW.url})`;
    const lockText = `${args.lock.mode}-locked vault (retention ${bounds.min}-${bounds.max} days${changeableForDays !== undefined ? `, fixed ${changeableForDays} days after creation` : ""})`;
    const copies: CopyDescriptor[] = [
      {
        element: "snapshots",
        role: "vault",
        resource: `${name}-vault`,
        region: args.region,
        availabilityZones: [],
        mode: "point-in-time",
        rpo: primaryRpo,
        ...(args.continuousBackup ? {} : { rpoSeconds: gap }),
        mechanism: args.continuousBackup
          ? `AWS Backup continuous backup plus scheduled snapshots in a ${lockText}`
          : `AWS Backup scheduled snapshots in a ${lockText}`,
      },
    ];
    if (drVault) {
      const copyGap = scheduledGapSeconds(worstIntervalHours(groups, (r) => r.copyRetentionDays !== undefined), START_WINDOW_MINUTES);
      copies.push({
        element: "snapshots",
        role: "dr-vault-copy",
        resource: `${name}-dr-vault`,
        region: args.drRegion,
        availabilityZones: [],
        mode: "asynchronous",
        rpo: `up to ${formatDuration(copyGap)} (the longest gap between two snapshots, the interval plus the ${startWindow}) plus the copy time, ${describeFigure(FIGURES.backupCopyTime)}`,
        rpoSeconds: copyGap + FIGURES.backupCopyTime.seconds,
        mechanism:
          `AWS Backup copy actions to a ${lockText} in the DR region` +
          (copying.some((r) => r.continuous) ? " (continuous recovery points arrive as snapshots)" : "") +
          (uncopyable.length > 0 ? `; not for the ${uncopyable.length} resource(s) AWS Backup cannot copy (RDS Multi-AZ DB cluster), which ${name}-local-plan backs up in the primary region only` : ""),
      });
    }

    this.vaultArn = vault.arn;
    this.vaultName = vault.name;
    this.drVaultArn = drVault ? drVault.arn : pulumi.output(undefined);
    this.planId = plans[0].resource.id;
    this.selectionId = selections[0].id;
    this.lockMode = pulumi.output(args.lock.mode);
    this.vaultLock = pulumi.output({ mode: args.lock.mode, minRetentionDays: bounds.min, maxRetentionDays: bounds.max, ...(changeableForDays !== undefined ? { changeableForDays } : {}) });
    this.rules = pulumi.output(
      groups.flatMap((g) =>
        g.specs.map(({ completionWindowMinutes: _window, ...r }): BackupRuleSummary => ({ ...r, plan: g.plan, ...(r.copyRetentionDays !== undefined ? { copyToRegion: args.drRegion } : {}) })),
      ),
    );
    this.restoreTestingPlanName = pulumi.output(restorePlanName);
    this.copies = pulumi.output(copies);

    this.registerOutputs({
      vaultArn: this.vaultArn,
      vaultName: this.vaultName,
      drVaultArn: this.drVaultArn,
      planId: this.planId,
      selectionId: this.selectionId,
      lockMode: this.lockMode,
      vaultLock: this.vaultLock,
      rules: this.rules,
      restoreTestingPlanName: this.restoreTestingPlanName,
      copies: this.copies,
    });
  }
}
