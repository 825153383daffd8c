/**
 * scripts/sandbox-aws.sh, the AWS CLI steps of the sandbox proof, run against a fake `aws` on the PATH that records
 * each call and answers from a table: which calls each step makes, with which arguments read from the state, and
 * that it stops on a failed job or a missing final snapshot.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.join(__dirname, "../..");
const SCRIPT = path.join(ROOT, "scripts/sandbox-aws.sh");

const ROLE = "arn:aws:iam::111122223333:role/cenm-snapshots-role-1a2b3c4";
const VAULT = "arn:aws:backup:eu-west-1:111122223333:backup-vault:cenm-snapshots-vault-5d6e7f8";
const DR_VAULT = "arn:aws:backup:eu-central-1:111122223333:backup-vault:cenm-snapshots-dr-vault-9a8b7c6";
const DB = "arn:aws:rds:eu-west-1:111122223333:db:cenm-db-primary-0f1e2d3";
const FS = "arn:aws:elasticfilesystem:eu-west-1:111122223333:file-system/fs-0123456789abcdef0";
const PLAN = "arn:aws:backup:eu-west-1:111122223333:restore-testing-plan:cenm_snapshots_restore_tests-4c5d";

/** A `pulumi stack export` of the sandbox topology, reduced to what the script reads. */
function exportOf(extra: { type: string; outputs: Record<string, unknown> }[] = []): unknown {
  const resource = (type: string, name: string, outputs: Record<string, unknown>) => ({ urn: `urn:pulumi:aws-sandbox::cenm-backup::${type}::${name}`, type, outputs });
  return {
    version: 3,
    deployment: {
      manifest: {},
      resources: [
        resource("pulumi:pulumi:Stack", "cenm-backup-aws-sandbox", {
          snapshots: { vaultArn: VAULT, drVaultArn: DR_VAULT, lockMode: "governance" },
          database: { arn: DB },
          files: { fileSystemArn: FS },
        }),
        resource("aws:backup/selection:Selection", "cenm-snapshots-selection", { iamRoleArn: ROLE, region: "eu-west-1" }),
        resource("aws:backup/restoreTestingPlan:RestoreTestingPlan", "cenm-snapshots-restore-testing", { arn: PLAN, region: "eu-west-1" }),
        resource("aws:efs/replicationConfiguration:ReplicationConfiguration", "cenm-files-replication", {
          region: "eu-west-1",
          destination: { fileSystemId: "fs-0fedcba9876543210", region: "eu-central-1", status: "ENABLED" },
        }),
        resource("aws:rds/instance:Instance", "cenm-db-primary", {
          identifier: "cenm-db-primary-0f1e2d3",
          region: "eu-west-1",
          skipFinalSnapshot: false,
          finalSnapshotIdentifier: "cenm-db-primary-final-53d8ff15",
          resourceId: "db-ABCDEFGHIJKLMNOP",
        }),
        resource("aws:rds/instance:Instance", "cenm-db-dr-replica", {
          identifier: "cenm-db-dr-replica-7a6b5c4",
          region: "eu-central-1",
          skipFinalSnapshot: true,
          resourceId: "db-QRSTUVWXYZ012345",
        }),
        ...extra.map((r, i) => resource(r.type, `extra-${i}`, r.outputs)),
      ],
    },
  };
}

/** The fake `aws`: logs its arguments, answers "<service> <operation>" from a table (a list is answered in turn, its last entry repeated). */
const FAKE_AWS = `#!/usr/bin/env node
const fs = require("fs");
const args = process.argv.slice(2);
fs.appendFileSync(process.env.FAKE_AWS_LOG, JSON.stringify(args) + "\\n");
const key = args[0] + " " + args[1];
const table = JSON.parse(fs.readFileSync(process.env.FAKE_AWS_TABLE, "utf8"));
let answer = table[key];
if (answer === undefined) { process.stderr.write("fake aws: no answer for " + key + "\\n"); process.exit(255); }
if (Array.isArray(answer)) {
  const counts = fs.existsSync(process.env.FAKE_AWS_COUNTS) ? JSON.parse(fs.readFileSync(process.env.FAKE_AWS_COUNTS, "utf8")) : {};
  const n = counts[key] ?? 0;
  counts[key] = n + 1;
  fs.writeFileSync(process.env.FAKE_AWS_COUNTS, JSON.stringify(counts));
  answer = answer[Math.min(n, answer.length - 1)];
}
if (answer && answer.exit) { process.stderr.write("fake aws: refused\\n"); process.exit(answer.exit); }
process.stdout.write(JSON.stringify(answer ?? {}));
`;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  /** Each call's arguments, in order. */
  calls: string[][];
}

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function run(command: string, table: Record<string, unknown>, state: unknown = exportOf()): Run {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sandbox-aws-"));
  dirs.push(dir);
  const bin = path.join(dir, "bin");
  fs.mkdirSync(bin);
  fs.writeFileSync(path.join(bin, "aws"), FAKE_AWS, { mode: 0o755 });
  const stateFile = path.join(dir, "state.json");
  fs.writeFileSync(stateFile, typeof state === "string" ? state : JSON.stringify(state));
  fs.writeFileSync(path.join(dir, "table.json"), JSON.stringify(table));
  const log = path.join(dir, "calls.log");
  fs.writeFileSync(log, "");
  const r = spawnSync("bash", [SCRIPT, command, stateFile], {
    encoding: "utf8",
    env: {
      ...process.env,
      PATH: `${bin}${path.delimiter}${process.env.PATH}`,
      FAKE_AWS_LOG: log,
      FAKE_AWS_TABLE: path.join(dir, "table.json"),
      FAKE_AWS_COUNTS: path.join(dir, "counts.json"),
      SANDBOX_POLL_SECONDS: "0",
      SANDBOX_WAIT_MINUTES: "5",
    },
  });
  const calls = fs.readFileSync(log, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as string[]);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, calls };
}

const op = (calls: string[][], service: string, operation: string) => calls.filter((c) => c[0] === service && c[1] === operation);
/** The value that follows `flag` in one call's arguments. */
const arg = (call: string[], flag: string) => call[call.indexOf(flag) + 1];

describe("sandbox-aws.sh recovery-points", () => {
  const table = {
    "backup describe-backup-vault": [{ MinRetentionDays: 2 }, { MinRetentionDays: 3 }],
    "backup start-backup-job": [{ BackupJobId: "job-db" }, { BackupJobId: "job-fs" }],
    "backup describe-backup-job": [{ State: "RUNNING" }, { State: "COMPLETED", RecoveryPointArn: "rp-db" }, { State: "COMPLETED", RecoveryPointArn: "rp-fs" }],
    "backup start-copy-job": [{ CopyJobId: "copy-db" }, { CopyJobId: "copy-fs" }],
    "backup describe-copy-job": [{ CopyJob: { State: "COMPLETED", DestinationRecoveryPointArn: "dr-rp-db" } }, { CopyJob: { State: "COMPLETED", DestinationRecoveryPointArn: "dr-rp-fs" } }],
  };

  it("backs up the database and the file system into the primary vault with the selection's role, and copies each point to the DR vault, kept each lock's minimum", () => {
    const r = run("recovery-points", table);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const backups = op(r.calls, "backup", "start-backup-job");
    expect(backups.map((c) => arg(c, "--resource-arn"))).toEqual([DB, FS]);
    for (const c of backups) {
      expect([arg(c, "--region"), arg(c, "--backup-vault-name"), arg(c, "--iam-role-arn"), arg(c, "--lifecycle")]).toEqual(["eu-west-1", "cenm-snapshots-vault-5d6e7f8", ROLE, "DeleteAfterDays=2"]);
    }
    const copies = op(r.calls, "backup", "start-copy-job");
    expect(copies.map((c) => arg(c, "--recovery-point-arn"))).toEqual(["rp-db", "rp-fs"]);
    for (const c of copies) {
      expect([arg(c, "--region"), arg(c, "--source-backup-vault-name"), arg(c, "--destination-backup-vault-arn"), arg(c, "--iam-role-arn"), arg(c, "--lifecycle")]).toEqual([
        "eu-west-1",
        "cenm-snapshots-vault-5d6e7f8",
        DR_VAULT,
        ROLE,
        "DeleteAfterDays=3",
      ]);
    }
    // The first backup job was polled until it completed; no copy started before its recovery point existed.
    expect(r.calls.map((c) => c[1])).toEqual([
      "describe-backup-vault",
      "describe-backup-vault",
      "start-backup-job",
      "describe-backup-job",
      "describe-backup-job",
      "start-copy-job",
      "describe-copy-job",
      "start-backup-job",
      "describe-backup-job",
      "start-copy-job",
      "describe-copy-job",
    ]);
    expect(r.stdout).toContain("copied recovery point dr-rp-fs");
  });

  it("stops, naming the job, when a backup job fails", () => {
    const r = run("recovery-points", { ...table, "backup describe-backup-job": [{ State: "FAILED", StatusMessage: "Access denied" }] });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("backup job job-db ended FAILED: Access denied");
    expect(op(r.calls, "backup", "start-copy-job")).toEqual([]);
  });

  it("refuses a state without an AWS Backup selection (no role to pass)", () => {
    const state = exportOf() as { deployment: { resources: { type: string }[] } };
    state.deployment.resources = state.deployment.resources.filter((x) => x.type !== "aws:backup/selection:Selection");
    const r = run("recovery-points", table, state);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("no AWS Backup selection");
    expect(r.calls).toEqual([]);
  });
});

describe("sandbox-aws.sh settle", () => {
  it("waits for running jobs, ends an open restore test and waits until its restored resource is deleted", () => {
    const r = run("settle", {
      "backup list-backup-jobs": [{ BackupJobs: [{ BackupJobId: "scheduled-1", State: "RUNNING" }, { BackupJobId: "old", State: "COMPLETED" }] }, { BackupJobs: [{ BackupJobId: "scheduled-1", State: "COMPLETED" }] }],
      "backup list-copy-jobs": { CopyJobs: [{ CopyJobId: "old-copy", State: "COMPLETED" }] },
      "backup list-restore-jobs": [
        { RestoreJobs: [{ RestoreJobId: "restore-1", Status: "COMPLETED", ValidationStatus: "VALIDATING", CreatedResourceArn: "arn:aws:rds:eu-west-1:111122223333:db:restored" }] },
        { RestoreJobs: [{ RestoreJobId: "restore-1", Status: "COMPLETED", ValidationStatus: "SUCCESSFUL", DeletionStatus: "DELETING" }] },
        { RestoreJobs: [{ RestoreJobId: "restore-1", Status: "COMPLETED", ValidationStatus: "SUCCESSFUL", DeletionStatus: "SUCCESSFUL" }] },
      ],
      "backup put-restore-validation-result": {},
    });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(op(r.calls, "backup", "list-backup-jobs")).toHaveLength(2);
    expect(arg(op(r.calls, "backup", "list-copy-jobs")[0], "--by-destination-vault-arn")).toBe(DR_VAULT);
    expect(arg(op(r.calls, "backup", "list-restore-jobs")[0], "--by-restore-testing-plan-arn")).toBe(PLAN);
    const ended = op(r.calls, "backup", "put-restore-validation-result");
    expect(ended).toHaveLength(1);
    expect([arg(ended[0], "--restore-job-id"), arg(ended[0], "--validation-status")]).toEqual(["restore-1", "SUCCESSFUL"]);
    expect(op(r.calls, "backup", "list-restore-jobs")).toHaveLength(3);
  });

  it("stops, naming the resource, when AWS Backup cannot delete what a restore test restored", () => {
    const r = run("settle", {
      "backup list-backup-jobs": { BackupJobs: [] },
      "backup list-copy-jobs": { CopyJobs: [] },
      "backup list-restore-jobs": { RestoreJobs: [{ RestoreJobId: "restore-2", Status: "COMPLETED", ValidationStatus: "SUCCESSFUL", DeletionStatus: "FAILED", CreatedResourceArn: "arn:aws:rds:eu-west-1:111122223333:db:stuck" }] },
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("arn:aws:rds:eu-west-1:111122223333:db:stuck");
  });
});

describe("sandbox-aws.sh leftovers", () => {
  const table = {
    "efs describe-file-systems": { FileSystems: [{ FileSystemId: "fs-0fedcba9876543210" }] },
    "efs delete-file-system": {},
    "rds describe-db-snapshots": { DBSnapshots: [{ DBSnapshotIdentifier: "cenm-db-primary-final-53d8ff15" }] },
    "rds wait": {},
    "rds delete-db-snapshot": {},
    "rds describe-db-instance-automated-backups": [{ DBInstanceAutomatedBackups: [{ Status: "retained" }] }, { exit: 254 }],
    "rds delete-db-instance-automated-backup": {},
    "logs describe-log-groups": [{ logGroups: [{ logGroupName: "/aws/rds/instance/cenm-db-primary-0f1e2d3/postgresql" }] }, { logGroups: [{ logGroupName: "/aws/rds/instance/cenm-db-dr-replica-7a6b5c4/postgresql" }] }],
    "logs delete-log-group": {},
  };

  it("deletes the EFS replica, the primary's final snapshot, its retained automated backups and both instances' log groups, all named by the state", () => {
    const r = run("leftovers", table);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const deletes = r.calls.filter((c) => c[1].startsWith("delete-")).map((c) => [c[1], c[c.indexOf("--region") + 1], c[c.indexOf("--region") + 3]]);
    expect(deletes).toEqual([
      ["delete-file-system", "eu-central-1", "fs-0fedcba9876543210"],
      ["delete-db-snapshot", "eu-west-1", "cenm-db-primary-final-53d8ff15"],
      ["delete-db-instance-automated-backup", "eu-west-1", "db-ABCDEFGHIJKLMNOP"],
      ["delete-log-group", "eu-west-1", "/aws/rds/instance/cenm-db-primary-0f1e2d3/postgresql"],
      ["delete-log-group", "eu-central-1", "/aws/rds/instance/cenm-db-dr-replica-7a6b5c4/postgresql"],
    ]);
    // The replica skips its final snapshot: none is looked for.
    expect(op(r.calls, "rds", "describe-db-snapshots").map((c) => arg(c, "--db-snapshot-identifier"))).toEqual(["cenm-db-primary-final-53d8ff15"]);
    expect(arg(op(r.calls, "logs", "describe-log-groups")[1], "--log-group-name-prefix")).toBe("/aws/rds/instance/cenm-db-dr-replica-7a6b5c4/");
  });

  it("fails when the destroy left no final snapshot although the plan declares one", () => {
    const r = run("leftovers", { ...table, "rds describe-db-snapshots": { exit: 254 } });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("left no final snapshot cenm-db-primary-final-53d8ff15 in eu-west-1");
    expect(op(r.calls, "rds", "delete-db-snapshot")).toEqual([]);
  });

  it("leaves an EFS replica that is already gone alone", () => {
    const r = run("leftovers", { ...table, "efs describe-file-systems": { exit: 254 } });
    expect(r.status).toBe(0);
    expect(op(r.calls, "efs", "delete-file-system")).toEqual([]);
    expect(r.stdout).toContain("already gone");
  });
});

describe("sandbox-aws.sh arguments", () => {
  it("refuses an unknown step and a file that is not a stack export", () => {
    expect(run("teardown", {}).status).toBe(2);
    const r = run("settle", {}, '{"resources": []}');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("is not a pulumi stack export");
    expect(r.calls).toEqual([]);
  });
});
