import { JOB_FAILURE_RULES, SnapshotSchedule, restoreTestingPlanName } from "../../../src/components/aws/SnapshotSchedule";
import { unmatchableJobEvents } from "../../../src/domain/resources/awsBackup";
import type { SnapshotScheduleArgs } from "../../../src/components/aws/contracts";
import { declare, json, named, ofType, one } from "../../helpers/offline";

const DB_ARN = "arn:aws:rds:eu-west-1:123456789012:cluster:cenm-db";
const FS_ARN = "arn:aws:elasticfilesystem:eu-west-1:123456789012:file-system/fs-cenm";
const TOPIC_ARN = "arn:aws:sns:eu-west-1:123456789012:cenm-alerts";
const VAULT_ARN = "arn:aws:backup:eu-west-1:123456789012:backup-vault:cenm-snapshots-vault-0000000";
const DR_VAULT_ARN = "arn:aws:backup:eu-central-1:123456789012:backup-vault:cenm-snapshots-dr-vault-0000000";
const ROLE_ARN = "arn:aws:iam::123456789012:role/cenm-snapshots-role-0000000";

/** prod preset values. */
function prodArgs(): SnapshotScheduleArgs {
  return {
    environment: "prod",
    region: "eu-west-1",
    drRegion: "eu-central-1",
    protection: { enabled: true },
    tags: { team: "cenm" },
    resources: [
      { resourceType: "RDS", arn: DB_ARN, metadataOverrides: { dbSubnetGroupName: "cenm-db-subnets", vpcSecurityGroupIds: '["sg-1"]' } },
      { resourceType: "EFS", arn: FS_ARN },
    ],
    pointInTimeDays: 35,
    continuousBackup: true,
    hourly: { enabled: true, everyHours: 1, retentionDays: 1 },
    daily: { enabled: true, retentionDays: 35, hourUtc: 3 },
    monthly: { enabled: true, retentionDays: 365 },
    drCopy: { enabled: true, retentionDays: 35 },
    lock: { mode: "compliance", changeableForDays: 3 },
    restoreTesting: { enabled: true, scheduleExpression: "cron(0 6 ? * SUN *)", validationWindowHours: 8 },
    alarmTopicArn: TOPIC_ARN,
  };
}

/** staging preset values. */
function stagingArgs(): SnapshotScheduleArgs {
  return {
    ...prodArgs(),
    environment: "staging",
    pointInTimeDays: 14,
    hourly: { enabled: true, everyHours: 4, retentionDays: 2 },
    daily: { enabled: true, retentionDays: 14, hourUtc: 3 },
    monthly: { enabled: true, retentionDays: 90 },
    drCopy: { enabled: true, retentionDays: 14 },
    lock: { mode: "governance" },
    restoreTesting: { enabled: true, scheduleExpression: "cron(0 6 ? * SUN *)", validationWindowHours: 4 },
  };
}

/** dev preset values. */
function devArgs(): SnapshotScheduleArgs {
  return {
    ...prodArgs(),
    environment: "dev",
    protection: { enabled: false },
    pointInTimeDays: 7,
    continuousBackup: false,
    hourly: { enabled: false, everyHours: 12, retentionDays: 1 },
    daily: { enabled: true, retentionDays: 7, hourUtc: 3 },
    monthly: { enabled: false, retentionDays: 90 },
    drCopy: { enabled: false, retentionDays: 7 },
    lock: { mode: "governance" },
    restoreTesting: { enabled: false, scheduleExpression: "cron(0 6 ? * SUN *)", validationWindowHours: 4 },
  };
}

function build(args: SnapshotScheduleArgs) {
  return () => {
    const s = new SnapshotSchedule("cenm-snapshots", args);
    return {
      vaultArn: s.vaultArn,
      vaultName: s.vaultName,
      drVaultArn: s.drVaultArn,
      planId: s.planId,
      selectionId: s.selectionId,
      lockMode: s.lockMode,
      vaultLock: s.vaultLock,
      rules: s.rules,
      restoreTestingPlanName: s.restoreTestingPlanName,
      copies: s.copies,
    };
  };
}

const rulesOf = (run: Awaited<ReturnType<typeof declare>>) => named(run, "cenm-snapshots-plan").inputs.rules as any[];

describe("SnapshotSchedule, prod-like", () => {
  it("locks the primary vault in compliance mode within fixed bounds, not the rules' retentions", async () => {
    const run = await declare(build(prodArgs()));
    const vault = named(run, "cenm-snapshots-vault");
    expect(vault.type).toBe("aws:backup/vault:Vault");
    expect(vault.inputs).toMatchObject({
      region: "eu-west-1",
      forceDestroy: false,
      kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/cenm-snapshots-vault-key",
      tags: { team: "cenm", "cenm-backup:element": "snapshots" },
    });
    const lock = named(run, "cenm-snapshots-vault-lock");
    expect(lock.type).toBe("aws:backup/vaultLockConfiguration:VaultLockConfiguration");
    expect(lock.inputs).toEqual({
      region: "eu-west-1",
      backupVaultName: "cenm-snapshots-vault-0000000",
      changeableForDays: 3,
      minRetentionDays: 1,
      maxRetentionDays: 2557,
    });
    // A lock is identified by its vault's name: the old one must go before the new one is put.
    expect(lock.options).toMatchObject({ protect: true, retainOnDelete: true, deleteBeforeReplace: true });
  });

  it("takes the lock bounds from lock.minRetentionDays and lock.maxRetentionDays when given", async () => {
    const run = await declare(build({ ...prodArgs(), lock: { mode: "compliance", changeableForDays: 3, minRetentionDays: 1, maxRetentionDays: 400 } }));
    for (const n of ["cenm-snapshots-vault-lock", "cenm-snapshots-dr-vault-lock"]) expect(named(run, n).inputs).toMatchObject({ minRetentionDays: 1, maxRetentionDays: 400 });
    expect(run.outputs.vaultLock).toEqual({ mode: "compliance", minRetentionDays: 1, maxRetentionDays: 400, changeableForDays: 3 });
  });

  it("declares a compliance-locked DR vault in the DR region with its own key", async () => {
    const run = await declare(build(prodArgs()));
    const drKey = named(run, "cenm-snapshots-dr-vault-key");
    expect(drKey.inputs.region).toBe("eu-central-1");
    expect(drKey.inputs.enableKeyRotation).toBe(true);
    const drVault = named(run, "cenm-snapshots-dr-vault");
    expect(drVault.inputs).toMatchObject({ region: "eu-central-1", forceDestroy: false, kmsKeyArn: "arn:aws:kms:eu-central-1:123456789012:key/cenm-snapshots-dr-vault-key" });
    expect(named(run, "cenm-snapshots-dr-vault-lock").inputs).toEqual({
      region: "eu-central-1",
      backupVaultName: "cenm-snapshots-dr-vault-0000000",
      changeableForDays: 3,
      // The same fixed bounds as the primary vault's lock.
      minRetentionDays: 1,
      maxRetentionDays: 2557,
    });
    expect(named(run, "cenm-snapshots-dr-vault-lock").options).toMatchObject({ deleteBeforeReplace: true });
  });

  it("declares continuous, hourly, daily and monthly rules; the snapshot rules copy to the DR vault with their own lifecycle", async () => {
    const run = await declare(build(prodArgs()));
    const plan = named(run, "cenm-snapshots-plan");
    expect(plan.inputs.region).toBe("eu-west-1");
    const rules = rulesOf(run);
    expect(rules.map((r) => [r.ruleName, r.schedule, r.enableContinuousBackup, r.lifecycle.deleteAfter])).toEqual([
      // No RDS backup window given: the continuous rule starts the hour before the daily one, where AWS Backup is
      // assumed to hold the backup window, and the hourly rule steps around that hour.
      ["continuous-pitr", "cron(0 2 ? * * *)", true, 35],
      ["hourly-every-1h", "cron(0 0,1,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23 ? * * *)", false, 1],
      ["daily", "cron(0 3 ? * * *)", false, 35],
      ["monthly", "cron(0 3 1 * ? *)", false, 365],
    ]);
    for (const r of rules) {
      expect(r.ruleName).toMatch(/^[a-zA-Z0-9\-_.]{1,50}$/);
      expect(r.targetVaultName).toBe("cenm-snapshots-vault-0000000");
      expect(r.startWindow).toBe(60);
      expect(r.completionWindow).toBeGreaterThanOrEqual(120);
      expect(r.recoveryPointTags).toEqual({ team: "cenm", "cenm-backup:element": "snapshots", "cenm-backup:rule": r.ruleName });
      // The daily rule copies a snapshot of each day kept 35 days: a copy of the continuous rule would be a second
      // DR snapshot of the same day.
      if (r.enableContinuousBackup) expect(r.copyActions).toBeUndefined();
      else expect(r.copyActions).toEqual([{ destinationVaultArn: DR_VAULT_ARN, lifecycle: { deleteAfter: Math.min(r.lifecycle.deleteAfter, 35) } }]);
    }
  });

  it("starts the continuous rule at the database's backup window, which the snapshot rules then avoid twice over", async () => {
    // AWS Backup continuous backup takes over the instance's backup window (RDS's own setting no longer holds); the
    // package assumes the window follows the continuous rule's start window, and puts that over the declared one.
    const at = (backupWindow: string, hourUtc = 3): SnapshotScheduleArgs => ({
      ...prodArgs(),
      daily: { enabled: true, retentionDays: 35, hourUtc },
      resources: prodArgs().resources.map((r) => (r.resourceType === "RDS" ? { ...r, backupWindow } : r)),
    });
    const run = await declare(build(at("05:00-05:30")));
    const rules = rulesOf(run);
    expect(rules[0]).toMatchObject({ ruleName: "continuous-pitr", schedule: "cron(0 5 ? * * *)", startWindow: 60 });
    expect(rules[1].schedule).toBe("cron(0 0,1,2,3,4,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23 ? * * *)");
    // A window ending at 03:00 leaves a daily rule at 03:00 clear of it, but not of the continuous rule's hour from 02:30.
    expect(() => new SnapshotSchedule("x", at("02:30-03:00"))).toThrow(
      /daily.hourUtc is 3; expected a schedule whose start window stays clear of 02:30-03:30, where the continuous rule starts and AWS Backup is assumed to hold the RDS backup window/,
    );
  });

  it("copies the continuous rule's snapshot when no daily copy of that hour is kept as long", async () => {
    const run = await declare(build({ ...prodArgs(), daily: { enabled: true, retentionDays: 14, hourUtc: 3 } }));
    expect(rulesOf(run)[0].copyActions).toEqual([{ destinationVaultArn: DR_VAULT_ARN, lifecycle: { deleteAfter: 35 } }]);
  });

  it("keeps RDS snapshots without a count or quota: RDS does not count AWS Backup's snapshots as manual ones", async () => {
    // CHAP_Limits: AWS Backup's snapshots are manual DB snapshots to RDS but do not count toward its manual snapshot
    // quota, so hourly snapshots kept 3 days (70 at once, once refused as beyond 100 with the daily and monthly ones)
    // declare like any other retention, and the plan carries the stack's tags only.
    const run = await declare(build({ ...prodArgs(), hourly: { enabled: true, everyHours: 1, retentionDays: 3 } }));
    const plan = named(run, "cenm-snapshots-plan");
    expect(plan.inputs.tags).toEqual({ team: "cenm", "cenm-backup:element": "snapshots" });
    expect(rulesOf(run).find((r) => r.ruleName === "hourly-every-1h").lifecycle.deleteAfter).toBe(3);
    expect(Object.keys(run.outputs)).not.toContain("rdsManualSnapshots");
  });

  it("gives the backup role the partition-aware AWS Backup policies and selects the database and the file system, each in its plan", async () => {
    const run = await declare(build(prodArgs()));
    const role = one(run, "aws:iam/role:Role");
    const trust = json(role.inputs.assumeRolePolicy).Statement;
    expect(trust).toEqual([{ Sid: "AwsBackupAssumesRole", Effect: "Allow", Principal: { Service: "backup.amazonaws.com" }, Action: "sts:AssumeRole" }]);
    const attachments = ofType(run, "aws:iam/rolePolicyAttachment:RolePolicyAttachment");
    expect(attachments.map((a) => a.inputs.policyArn).sort()).toEqual([
      "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
      "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores",
    ]);
    for (const a of attachments) expect(a.inputs.role).toBe("cenm-snapshots-role-0000000");
    const selection = named(run, "cenm-snapshots-selection");
    expect(selection.inputs).toMatchObject({ region: "eu-west-1", planId: "cenm-snapshots-plan-id", iamRoleArn: ROLE_ARN, resources: [DB_ARN] });
    expect(named(run, "cenm-snapshots-files-selection").inputs).toMatchObject({ region: "eu-west-1", planId: "cenm-snapshots-files-plan-id", iamRoleArn: ROLE_ARN, resources: [FS_ARN] });
  });

  it("gives the file system a plan of its own: no slot skipped for the database's backup window, no continuous rule", async () => {
    // A plan's rules apply to everything its selection names: sharing the database's plan, the file system lost the
    // hourly slot RDS needs clear (02:00 here) and went two hours between snapshots.
    const run = await declare(build({ ...prodArgs(), resources: prodArgs().resources.map((r) => (r.resourceType === "RDS" ? { ...r, backupWindow: "02:00-03:00" } : r)) }));
    const files = named(run, "cenm-snapshots-files-plan");
    expect(files.inputs.region).toBe("eu-west-1");
    const rules = files.inputs.rules as any[];
    expect(rules.map((r) => [r.ruleName, r.schedule, r.enableContinuousBackup, r.lifecycle.deleteAfter])).toEqual([
      ["hourly-every-1h", "cron(0 0/1 ? * * *)", false, 1],
      ["daily", "cron(0 3 ? * * *)", false, 35],
      ["monthly", "cron(0 3 1 * ? *)", false, 365],
    ]);
    for (const r of rules) {
      expect(r).toMatchObject({ targetVaultName: "cenm-snapshots-vault-0000000", startWindow: 60, scheduleExpressionTimezone: "Etc/UTC" });
      expect(r.copyActions).toEqual([{ destinationVaultArn: DR_VAULT_ARN, lifecycle: { deleteAfter: Math.min(r.lifecycle.deleteAfter, 35) } }]);
    }
    // The database's plan still steps around its window.
    expect(rulesOf(run).find((r) => r.ruleName === "hourly-every-1h").schedule).toBe("cron(0 0,1,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23 ? * * *)");
    // Each resource's snapshots are stated with its own plan's gap: the file system's hour plus the 60-minute start
    // window a job may begin in, the database's continuous backup.
    expect((run.outputs.copies as any[])[0].rpo).toContain("EFS: up to 2 h (the longest gap between two snapshots: the interval plus the 1 h start window, https://docs.aws.amazon.com/aws-backup/latest/devguide/API_BackupRuleInput.html)");
  });

  it("notifies the alert topic of vault events and singles out failed jobs with EventBridge rules on the field each job event carries", async () => {
    const run = await declare(build(prodArgs()));
    const notifications = one(run, "aws:backup/vaultNotifications:VaultNotifications");
    expect(notifications.inputs).toEqual({
      region: "eu-west-1",
      backupVaultName: "cenm-snapshots-vault-0000000",
      snsTopicArn: TOPIC_ARN,
      // Only events sent for failures alone: the completed events come for every hourly job, successes included.
      backupVaultEvents: ["COPY_JOB_FAILED", "S3_BACKUP_OBJECT_FAILED"],
    });
    expect(notifications.options).toMatchObject({ deleteBeforeReplace: true });
    // Backup and copy jobs report detail.state; restore jobs, restore tests included, detail.status.
    const jobs = named(run, "cenm-snapshots-failures");
    expect(jobs.inputs.region).toBe("eu-west-1");
    expect(json(jobs.inputs.eventPattern)).toEqual({
      source: ["aws.backup"],
      "detail-type": ["Backup Job State Change", "Copy Job State Change"],
      detail: { state: ["FAILED", "ABORTED", "EXPIRED"] },
    });
    const restores = named(run, "cenm-snapshots-restore-failures");
    expect(json(restores.inputs.eventPattern)).toEqual({ source: ["aws.backup"], "detail-type": ["Restore Job State Change"], detail: { status: ["FAILED", "ABORTED"] } });
    for (const rule of [jobs, restores]) expect(unmatchableJobEvents(rule.inputs.eventPattern)).toEqual([]);
    expect(named(run, "cenm-snapshots-failures-target").inputs).toMatchObject({ region: "eu-west-1", rule: "cenm-snapshots-failures-0000000", arn: TOPIC_ARN });
    expect(named(run, "cenm-snapshots-restore-failures-target").inputs).toMatchObject({ region: "eu-west-1", rule: "cenm-snapshots-restore-failures-0000000", arn: TOPIC_ARN });
    expect(JOB_FAILURE_RULES.map((r) => r.suffix)).toEqual(["failures", "restore-failures"]);
  });

  it("tests restores of each resource from the primary vault", async () => {
    const run = await declare(build(prodArgs()));
    const plan = one(run, "aws:backup/restoreTestingPlan:RestoreTestingPlan");
    expect(plan.inputs.name).toMatch(/^[A-Za-z0-9_]{1,50}$/);
    expect(plan.inputs).toMatchObject({
      // The name AWS keeps unique per account and region carries the stack ("test" here).
      name: "cenm_snapshots_test_restore_tests",
      region: "eu-west-1",
      scheduleExpression: "cron(0 6 ? * SUN *)",
      recoveryPointSelection: {
        algorithm: "LATEST_WITHIN_WINDOW",
        includeVaults: [VAULT_ARN],
        recoveryPointTypes: ["SNAPSHOT", "CONTINUOUS"],
        selectionWindowDays: 7,
      },
    });
    const selections = ofType(run, "aws:backup/restoreTestingSelection:RestoreTestingSelection");
    expect(selections.map((s) => s.name).sort()).toEqual(["cenm-snapshots-restore-test-efs-1", "cenm-snapshots-restore-test-rds-0"]);
    const rds = named(run, "cenm-snapshots-restore-test-rds-0");
    expect(rds.inputs).toEqual({
      region: "eu-west-1",
      name: "cenm_snapshots_rds_0",
      restoreTestingPlanName: "cenm_snapshots_test_restore_tests",
      protectedResourceType: "RDS",
      protectedResourceArns: [DB_ARN],
      iamRoleArn: ROLE_ARN,
      restoreMetadataOverrides: { dbSubnetGroupName: "cenm-db-subnets", vpcSecurityGroupIds: '["sg-1"]' },
      validationWindowHours: 8,
    });
    const efs = named(run, "cenm-snapshots-restore-test-efs-1");
    expect(efs.inputs).toMatchObject({ protectedResourceType: "EFS", protectedResourceArns: [FS_ARN], name: "cenm_snapshots_efs_1", validationWindowHours: 8 });
    expect(efs.inputs.restoreMetadataOverrides).toBeUndefined();
    for (const s of selections) {
      expect(s.inputs.name).toMatch(/^[A-Za-z0-9_]{1,50}$/);
      // The provider never sends a changed protectedResourceArns: a new ARN replaces the selection, old one first.
      expect(s.options).toMatchObject({ replaceOnChanges: ["protectedResourceArns"], deleteBeforeReplace: true });
    }
  });

  it("names the restore testing plan after the stack, so that staging and prod can share an account", async () => {
    const staging = await declare(build(prodArgs()), { stack: "aws-staging" });
    const prod = await declare(build(prodArgs()), { stack: "aws-prod" });
    expect(one(staging, "aws:backup/restoreTestingPlan:RestoreTestingPlan").inputs.name).toBe("cenm_snapshots_aws_staging_restore_tests");
    expect(one(prod, "aws:backup/restoreTestingPlan:RestoreTestingPlan").inputs.name).toBe("cenm_snapshots_aws_prod_restore_tests");
    // A long stack name is shortened with a digest of itself, and the name stays within AWS's 50 characters.
    const long = restoreTestingPlanName("cenm-snapshots", "cenm-network-services-production-eu-west");
    expect(long).toMatch(/^cenm_snapsh_cenm_network_se_[0-9a-f]{8}_restore_tests$/);
    expect(long.length).toBeLessThanOrEqual(50);
  });

  it("reports its outputs and its two copies", async () => {
    const run = await declare(build(prodArgs()));
    expect(run.outputs).toMatchObject({
      vaultArn: VAULT_ARN,
      vaultName: "cenm-snapshots-vault-0000000",
      drVaultArn: DR_VAULT_ARN,
      planId: "cenm-snapshots-plan-id",
      selectionId: "cenm-snapshots-selection-id",
      lockMode: "compliance",
      vaultLock: { mode: "compliance", minRetentionDays: 1, maxRetentionDays: 2557, changeableForDays: 3 },
      restoreTestingPlanName: "cenm_snapshots_test_restore_tests",
    });
    expect(run.outputs.rules).toEqual([
      { plan: "cenm-snapshots-plan", name: "continuous-pitr", schedule: "cron(0 2 ? * * *)", retentionDays: 35, continuous: true },
      { plan: "cenm-snapshots-plan", name: "hourly-every-1h", schedule: "cron(0 0,1,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23 ? * * *)", retentionDays: 1, continuous: false, copyToRegion: "eu-central-1", copyRetentionDays: 1 },
      { plan: "cenm-snapshots-plan", name: "daily", schedule: "cron(0 3 ? * * *)", retentionDays: 35, continuous: false, copyToRegion: "eu-central-1", copyRetentionDays: 35 },
      { plan: "cenm-snapshots-plan", name: "monthly", schedule: "cron(0 3 1 * ? *)", retentionDays: 365, continuous: false, copyToRegion: "eu-central-1", copyRetentionDays: 35 },
      { plan: "cenm-snapshots-files-plan", name: "hourly-every-1h", schedule: "cron(0 0/1 ? * * *)", retentionDays: 1, continuous: false, copyToRegion: "eu-central-1", copyRetentionDays: 1 },
      { plan: "cenm-snapshots-files-plan", name: "daily", schedule: "cron(0 3 ? * * *)", retentionDays: 35, continuous: false, copyToRegion: "eu-central-1", copyRetentionDays: 35 },
      { plan: "cenm-snapshots-files-plan", name: "monthly", schedule: "cron(0 3 1 * ? *)", retentionDays: 365, continuous: false, copyToRegion: "eu-central-1", copyRetentionDays: 35 },
    ]);
    const copies = run.outputs.copies as any[];
    expect(copies).toHaveLength(2);
    expect(copies[0]).toMatchObject({ element: "snapshots", role: "vault", resource: "cenm-snapshots-vault", region: "eu-west-1", availabilityZones: [], mode: "point-in-time" });
    expect(copies[0].rpo).toContain("35 days");
    expect(copies[0].rpo).toContain("5 minutes");
    expect(copies[1]).toMatchObject({ element: "snapshots", role: "dr-vault-copy", resource: "cenm-snapshots-dr-vault", region: "eu-central-1", mode: "asynchronous" });
    // The database's hourly rule steps around the continuous rule's hour (02:00): its longest interval, 2 hours, is the
    // worst of the two plans (the file system's is 1 hour); a job may start up to the 1 h start window late.
    expect(copies[1].rpo).toMatch(/^up to 3 h \(the longest gap between two snapshots, the interval plus the 1 h start window\) plus the copy time, 1 h \(assumption of this package/);
    expect(copies[1].rpoSeconds).toBe(4 * 3600);
  });

  it("protects the vaults, their locks and keys when protection is on", async () => {
    const run = await declare(build(prodArgs()));
    for (const name of ["cenm-snapshots-vault", "cenm-snapshots-dr-vault", "cenm-snapshots-vault-key", "cenm-snapshots-dr-vault-key", "cenm-snapshots-vault-lock", "cenm-snapshots-dr-vault-lock"]) {
      expect(named(run, name).options).toMatchObject({ protect: true, retainOnDelete: true });
      expect(named(run, name).parent).toBe("cenm-snapshots");
    }
    for (const key of ofType(run, "aws:kms/key:Key")) {
      expect(json(key.inputs.policy).Statement.find((s: any) => s.Sid === "DenyKeyDeletion").Action).toContain("kms:ScheduleKeyDeletion");
    }
  });

  it("declares every child in preview", async () => {
    const run = await declare(build(prodArgs()), { preview: true });
    const types = run.resources.map((r) => r.type);
    const count = (t: string) => types.filter((x) => x === t).length;
    expect(count("cenm-backup:aws:SnapshotSchedule")).toBe(1);
    expect(count("aws:kms/key:Key")).toBe(2);
    expect(count("aws:backup/vault:Vault")).toBe(2);
    expect(count("aws:backup/vaultLockConfiguration:VaultLockConfiguration")).toBe(2);
    expect(count("aws:backup/plan:Plan")).toBe(2);
    expect(count("aws:backup/selection:Selection")).toBe(2);
    expect(count("aws:iam/role:Role")).toBe(1);
    expect(count("aws:iam/rolePolicyAttachment:RolePolicyAttachment")).toBe(2);
    expect(count("aws:backup/vaultNotifications:VaultNotifications")).toBe(1);
    expect(count("aws:cloudwatch/eventRule:EventRule")).toBe(2);
    expect(count("aws:cloudwatch/eventTarget:EventTarget")).toBe(2);
    expect(count("aws:backup/restoreTestingPlan:RestoreTestingPlan")).toBe(1);
    expect(count("aws:backup/restoreTestingSelection:RestoreTestingSelection")).toBe(2);
    expect(types).toHaveLength(22);
    expect(named(run, "cenm-snapshots-vault").inputs.kmsKeyArn).toBe("[unknown]");
    expect(rulesOf(run)).toHaveLength(4);
  });
});

describe("SnapshotSchedule, staging-like", () => {
  it("locks both vaults in governance mode, with no changeableForDays", async () => {
    const run = await declare(build(stagingArgs()));
    const lock = named(run, "cenm-snapshots-vault-lock");
    expect(lock.inputs).toEqual({ region: "eu-west-1", backupVaultName: "cenm-snapshots-vault-0000000", minRetentionDays: 1, maxRetentionDays: 2557 });
    const drLock = named(run, "cenm-snapshots-dr-vault-lock");
    expect(drLock.inputs).toEqual({ region: "eu-central-1", backupVaultName: "cenm-snapshots-dr-vault-0000000", minRetentionDays: 1, maxRetentionDays: 2557 });
    expect(run.outputs.lockMode).toBe("governance");
    const rules = rulesOf(run);
    expect(rules.map((r) => r.ruleName)).toEqual(["continuous-pitr", "hourly-every-4h", "daily", "monthly"]);
    expect(rules[1].schedule).toBe("cron(0 0/4 ? * * *)");
    expect(rules[0].lifecycle).toEqual({ deleteAfter: 14 });
    // Point-in-time 14 days, daily snapshots 14 days: the daily rule's copy stands for the continuous rule's.
    expect(rules.map((r) => r.copyActions?.[0].lifecycle.deleteAfter)).toEqual([undefined, 2, 14, 14]);
    expect((run.outputs.copies as any[])[1].rpo).toMatch(/^up to 5 h \(the longest gap between two snapshots, the interval plus the 1 h start window\)/);
  });
});

describe("SnapshotSchedule, dev-like", () => {
  it("declares one governance-locked vault, no DR vault, no copy actions and no restore tests", async () => {
    const run = await declare(build(devArgs()));
    expect(ofType(run, "aws:backup/vault:Vault").map((v) => v.name)).toEqual(["cenm-snapshots-vault"]);
    expect(ofType(run, "aws:kms/key:Key").map((k) => k.name)).toEqual(["cenm-snapshots-vault-key"]);
    expect(ofType(run, "aws:backup/vaultLockConfiguration:VaultLockConfiguration")).toHaveLength(1);
    expect(named(run, "cenm-snapshots-vault-lock").inputs).toEqual({ region: "eu-west-1", backupVaultName: "cenm-snapshots-vault-0000000", minRetentionDays: 1, maxRetentionDays: 2557 });
    const rules = rulesOf(run);
    expect(rules).toHaveLength(1);
    expect(rules[0]).toMatchObject({ ruleName: "daily", schedule: "cron(0 3 ? * * *)", enableContinuousBackup: false, lifecycle: { deleteAfter: 7 } });
    expect(rules[0].copyActions).toBeUndefined();
    expect(ofType(run, "aws:backup/restoreTestingPlan:RestoreTestingPlan")).toHaveLength(0);
    expect(ofType(run, "aws:backup/restoreTestingSelection:RestoreTestingSelection")).toHaveLength(0);
    expect(named(run, "cenm-snapshots-selection").inputs.resources).toEqual([DB_ARN]);
    expect(named(run, "cenm-snapshots-files-selection").inputs.resources).toEqual([FS_ARN]);
    expect(run.outputs.drVaultArn).toBeUndefined();
    expect(run.outputs.restoreTestingPlanName).toBeUndefined();
    expect(run.outputs.rules).toEqual([
      { plan: "cenm-snapshots-plan", name: "daily", schedule: "cron(0 3 ? * * *)", retentionDays: 7, continuous: false },
      { plan: "cenm-snapshots-files-plan", name: "daily", schedule: "cron(0 3 ? * * *)", retentionDays: 7, continuous: false },
    ]);
    const copies = run.outputs.copies as any[];
    expect(copies).toHaveLength(1);
    expect(copies[0]).toMatchObject({
      role: "vault",
      mode: "point-in-time",
      rpo: "up to 25 h: the longest gap between two snapshots, the interval plus the 1 h start window (https://docs.aws.amazon.com/aws-backup/latest/devguide/API_BackupRuleInput.html)",
      rpoSeconds: 25 * 3600,
    });
  });

  it("leaves the vault, its lock and its key unprotected when protection is off", async () => {
    const run = await declare(build(devArgs()));
    for (const name of ["cenm-snapshots-vault", "cenm-snapshots-vault-key", "cenm-snapshots-vault-lock"]) {
      expect(named(run, name).options).toMatchObject({ protect: false, retainOnDelete: false });
    }
    expect(json(named(run, "cenm-snapshots-vault-key").inputs.policy).Statement.map((s: any) => s.Sid)).toEqual(["AccountAdministersKeyThroughIam"]);
  });

  it("tests snapshot recovery points only when continuous backup is off", async () => {
    const run = await declare(build({ ...devArgs(), restoreTesting: { enabled: true, scheduleExpression: "cron(0 6 ? * SUN *)", validationWindowHours: 4 } }));
    expect(one(run, "aws:backup/restoreTestingPlan:RestoreTestingPlan").inputs.recoveryPointSelection).toMatchObject({ recoveryPointTypes: ["SNAPSHOT"] });
  });
});

describe("SnapshotSchedule around the platform's limits", () => {
  const RDS_WINDOW = "02:00-03:00";
  const withWindow = (a: SnapshotScheduleArgs): SnapshotScheduleArgs => ({ ...a, resources: a.resources.map((r) => (r.resourceType === "RDS" ? { ...r, backupWindow: RDS_WINDOW } : r)) });

  it("keeps every snapshot start window clear of the RDS backup window (AWS: the backup lineage would branch)", async () => {
    const run = await declare(build(withWindow(prodArgs())));
    const hourly = rulesOf(run).find((r: any) => r.ruleName === "hourly-every-1h");
    expect(hourly.schedule).toBe("cron(0 0,1,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23 ? * * *)");
    // The skipped slot lengthens the worst gap, which the copies then state (plus the start window and the copy time).
    expect((run.outputs.copies as any[])[1].rpoSeconds).toBe(4 * 3600);
    const { startWindowMeetsBackupWindow } = await import("../../../src/domain/limits/aws");
    for (const r of rulesOf(run).filter((x: any) => !x.enableContinuousBackup)) expect([r.ruleName, startWindowMeetsBackupWindow(r.schedule, r.startWindow, RDS_WINDOW)]).toEqual([r.ruleName, false]);
    // Every-4-hours runs never meet it and keep their plain schedule.
    expect(rulesOf(await declare(build(withWindow(stagingArgs())))).find((r: any) => r.ruleName === "hourly-every-4h").schedule).toBe("cron(0 0/4 ? * * *)");
  });

  it("refuses a daily hour whose start window meets the RDS backup window", () => {
    expect(() => new SnapshotSchedule("x", { ...withWindow(prodArgs()), daily: { enabled: true, retentionDays: 35, hourUtc: 2 } })).toThrow(/daily.hourUtc is 2; expected an hour whose 60-minute start window stays clear of the RDS backup window 02:00-03:00/);
  });

  it("backs up what AWS Backup cannot copy (a Multi-AZ DB cluster) in a plan of its own, without copy actions", async () => {
    const a = prodArgs();
    const run = await declare(build({ ...a, resources: [{ ...a.resources[0], crossRegionCopy: false }, a.resources[1]] }));
    const plans = ofType(run, "aws:backup/plan:Plan");
    expect(plans.map((p) => p.name).sort()).toEqual(["cenm-snapshots-files-plan", "cenm-snapshots-local-plan"]);
    const rules = (name: string) => plans.find((p) => p.name === name)!.inputs.rules as any[];
    expect(rules("cenm-snapshots-files-plan").every((r) => r.copyActions?.length === 1)).toBe(true);
    expect(rules("cenm-snapshots-local-plan").every((r) => r.copyActions === undefined)).toBe(true);
    expect(named(run, "cenm-snapshots-files-selection").inputs.resources).toEqual([FS_ARN]);
    expect(named(run, "cenm-snapshots-local-selection").inputs.resources).toEqual([DB_ARN]);
    expect((run.outputs.copies as any[])[1].mechanism).toContain("not for the 1 resource(s) AWS Backup cannot copy");
  });

  it("lets a dev vault be destroyed (forceDestroy), and never a protected or compliance-locked one", async () => {
    const dev = await declare(build(devArgs()));
    expect(named(dev, "cenm-snapshots-vault").inputs.forceDestroy).toBe(true);
    const prod = await declare(build(prodArgs()));
    for (const n of ["cenm-snapshots-vault", "cenm-snapshots-dr-vault"]) expect(named(prod, n).inputs.forceDestroy).toBe(false);
    const unprotectedCompliance = await declare(build({ ...prodArgs(), protection: { enabled: false } }));
    expect(named(unprotectedCompliance, "cenm-snapshots-vault").inputs.forceDestroy).toBe(false);
  });
});

describe("SnapshotSchedule validation", () => {
  const cases: [string, (a: SnapshotScheduleArgs) => SnapshotScheduleArgs, RegExp][] = [
    ["no hourly or daily rule", (a) => ({ ...a, hourly: { ...a.hourly, enabled: false }, daily: { ...a.daily, enabled: false } }), /at least one of the hourly and daily rules/],
    ["compliance without changeableForDays", (a) => ({ ...a, lock: { mode: "compliance" } }), /lock.changeableForDays is undefined; expected a whole number from 3 to 36500/],
    ["lock bounds the wrong way round", (a) => ({ ...a, lock: { ...a.lock, minRetentionDays: 30, maxRetentionDays: 20 } }), /lock.maxRetentionDays is 20; expected a whole number of days from lock.minRetentionDays \(30\) to 36500/],
    [
      "a monthly retention beyond the lock's maximum",
      (a) => ({ ...a, monthly: { enabled: true, retentionDays: 3000 } }),
      /monthly.retentionDays is 3000; expected a retention the vault lock admits \(lock bounds 1-2557 days\): rule monthly would keep its recovery points 3000 days, beyond the lock's maximum retention of 2557 days/,
    ],
    [
      "an hourly retention below the lock's minimum",
      (a) => ({ ...a, lock: { ...a.lock, minRetentionDays: 2 } }),
      /hourly.retentionDays is 1; expected a retention the vault lock admits \(lock bounds 2-2557 days\)/,
    ],
    ["compliance with 2 changeable days", (a) => ({ ...a, lock: { mode: "compliance", changeableForDays: 2 } }), /lock.changeableForDays is 2/],
    ["governance with changeableForDays", (a) => ({ ...a, lock: { mode: "governance", changeableForDays: 3 } }), /lock.changeableForDays is 3; expected nothing in governance mode/],
    ["a zero retention", (a) => ({ ...a, daily: { ...a.daily, retentionDays: 0 } }), /daily.retentionDays is 0; expected a positive whole number/],
    ["a negative DR retention", (a) => ({ ...a, drCopy: { enabled: true, retentionDays: -1 } }), /drCopy.retentionDays is -1/],
    ["36 point-in-time days", (a) => ({ ...a, pointInTimeDays: 36 }), /pointInTimeDays is 36; expected a whole number of days from 1 to 35/],
    ["no resources", (a) => ({ ...a, resources: [] }), /resources is \[\]; expected at least one resource/],
    ["a DR region equal to the primary", (a) => ({ ...a, drRegion: "eu-west-1" }), /drRegion is "eu-west-1"/],
    ["an hourly interval of 0", (a) => ({ ...a, hourly: { ...a.hourly, everyHours: 0 } }), /hourly.everyHours is 0/],
    ["an hourly interval that does not divide a day", (a) => ({ ...a, hourly: { ...a.hourly, everyHours: 5 } }), /hourly.everyHours is 5; expected a divisor of 24/],
    ["hour 24 for the daily rule", (a) => ({ ...a, daily: { ...a.daily, hourUtc: 24 } }), /daily.hourUtc is 24/],
  ];

  it.each(cases)("refuses %s before declaring anything", async (_label, mutate, message) => {
    let error: unknown;
    const run = await declare(() => {
      try {
        new SnapshotSchedule("cenm-snapshots", mutate(prodArgs()));
      } catch (e) {
        error = e;
      }
      return {};
    });
    expect(String(error)).toMatch(message);
    expect(run.resources).toHaveLength(0);
  });

  it("accepts 36 point-in-time days when continuous backup is off", async () => {
    const run = await declare(build({ ...devArgs(), pointInTimeDays: 36 }));
    expect(named(run, "cenm-snapshots-plan").name).toBe("cenm-snapshots-plan");
  });
});
