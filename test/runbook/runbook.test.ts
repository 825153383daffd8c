/**
 * The DR runbook on the shipped stacks, a mutated plan, the preview and the state fixtures. The runbook must name
 * only resources the input declares, give restore steps with commands for every scenario the audit can recover,
 * say plainly when it cannot (and give no steps then), keep the audit's figures, and bring CENM back in R3's order.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { fromPlanDocument } from "../../src/audit/inputs/plan";
import { fromPreviewJson } from "../../src/audit/inputs/preview";
import { fromStateExport } from "../../src/audit/inputs/state";
import { deriveFacts } from "../../src/audit/facts";
import { scenarios as auditScenarios } from "../../src/audit/scenarios";
import type { AuditInput, Scenario } from "../../src/audit/types";
import { CENM_START_ORDER } from "../../src/domain/cenm";
import { MOCK_ACCOUNT_ID } from "../../src/offline/mocks";
import { planStack, type PlanDocument } from "../../src/offline/plan";
import { buildRunbook, commandText, renderRunbook } from "../../src/runbook";
import type { Command, ResourceRef, Runbook, RunbookScenario, Step } from "../../src/runbook/model";
import { plannedStack } from "../helpers/plans";
import { AZURE_MUTATIONS, MUTATIONS, mutated } from "../audit/fixtures/mutations";

const TODAY = new Date("2026-11-02T00:00:00Z");
const STACKS = ["aws-dev", "aws-staging", "aws-prod", "azure-dev", "azure-staging", "azure-prod"];
const fixture = (name: string): unknown => JSON.parse(fs.readFileSync(path.join(__dirname, "..", "fixtures", name), "utf8"));

/** Every step of a scenario, in the order the runbook gives them (alternatives included). */
function steps(s: RunbookScenario): Step[] {
  return [...s.prepare, ...s.components.flatMap((c) => [...c.steps, ...c.alternatives.flatMap((a) => a.steps)]), ...s.crl, ...s.checks, ...s.reconcile];
}

function commands(s: RunbookScenario): Command[] {
  return [...steps(s).flatMap((x) => x.commands), ...s.services.flatMap((v) => v.checks)];
}

/** The declared resources the runbook's commands name, collected from the structure (not from the prose). */
function refsOf(book: Runbook): ResourceRef[] {
  return book.scenarios.flatMap(commands).flatMap((c) => c.parts.filter((p): p is ResourceRef => typeof p !== "string" && p.ref === "resource"));
}

function restoreCommands(c: RunbookScenario["components"][number]): number {
  return c.steps.filter((s) => s.kind === "restore").reduce((n, s) => n + s.commands.length, 0);
}

const plans = new Map<string, PlanDocument>();
const books = new Map<string, Runbook>();
const audits = new Map<string, Scenario[]>();

beforeAll(async () => {
  for (const stack of STACKS) {
    const doc = (await plannedStack(stack)).document;
    plans.set(stack, doc);
    const input = fromPlanDocument(doc);
    books.set(stack, buildRunbook(input, { today: TODAY }));
    audits.set(stack, auditScenarios(deriveFacts(input)));
  }
}, 240000);

describe.each(STACKS)("runbook of %s", (stack) => {
  it("names only resources the plan declares, and lists each one it names", () => {
    const book = books.get(stack)!;
    const declared = new Set(plans.get(stack)!.resources.map((r) => r.urn));
    const named = refsOf(book);
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((r) => !declared.has(r.urn)).map((r) => r.urn)).toEqual([]);
    for (const r of named) expect(plans.get(stack)!.resources.find((x) => x.urn === r.urn)?.name).toBe(r.name);
    const listed = new Set(book.resources.map((r) => `${r.urn}|${r.attribute}`));
    for (const r of named) expect(listed.has(`${r.urn}|${r.attribute}`)).toBe(true);
  });

  it("never prints a value the offline engine made up (a plan records no physical names but declared literals)", () => {
    const md = renderRunbook(books.get(stack)!);
    expect(md).not.toContain(MOCK_ACCOUNT_ID);
    // Nor the account a stack states (aws:allowedAccountIds), which the offline engine answers with: no account id at all.
    expect(md).not.toMatch(/\b\d{12}\b/);
    expect(md).not.toMatch(/-0000000|0000\b|\.mock\./);
    expect(md).not.toContain("[unknown]");
    for (const r of books.get(stack)!.resources) {
      if (r.value === undefined) expect(r.unknown).toMatch(/^known after deployment/);
    }
  });

  it("keeps the audit's scenarios, figures and their sources", () => {
    const book = books.get(stack)!;
    const audit = audits.get(stack)!;
    expect(book.scenarios.map((s) => s.id)).toEqual(audit.map((s) => s.id));
    book.scenarios.forEach((s, i) => {
      expect(s.rpoSeconds).toBe(audit[i].rpoSeconds);
      expect(s.rtoSeconds).toBe(audit[i].rtoSeconds);
      expect(s.rpoBasis).toEqual(audit[i].rpoBasis);
      expect(s.rtoBasis).toEqual(audit[i].rtoBasis);
      expect(s.savedBy).toBe(audit[i].savedBy);
    });
  });

  it("gives every scenario with a copy restore steps with commands, and every scenario without one a statement and no steps", () => {
    const book = books.get(stack)!;
    const audit = audits.get(stack)!;
    book.scenarios.forEach((s, i) => {
      if (audit[i].rpoSeconds !== undefined) {
        expect(s.recoverable).toBe(true);
        expect(s.components.length).toBeGreaterThan(0);
        for (const c of s.components) {
          expect(c.restoreFrom).toBeDefined();
          // An offline key copy is retrieved by its custodians: a step, but no cloud command.
          if (!/^offline key copy/.test(c.restoreFrom!)) expect(restoreCommands(c)).toBeGreaterThan(0);
        }
        expect(s.services.map((v) => v.service)).toEqual(["auth", "zone", "gateway", "identity-manager", "signer", "network-map"]);
      } else {
        expect(s.recoverable).toBe(false);
        expect(s.notRecoverable?.statement).toMatch(/\S/);
        expect(s.notRecoverable?.components.length).toBeGreaterThan(0);
        expect(commands(s)).toEqual([]);
        expect(steps(s)).toEqual([]);
        expect(s.services).toEqual([]);
      }
    });
  });

  it("renders the services in R3's start order and the scenarios in the audit's order", () => {
    const md = renderRunbook(books.get(stack)!);
    const at = (text: string) => md.indexOf(text);
    const order = CENM_START_ORDER.map((s) => at(`. ${s.title}: `));
    expect(order.every((x) => x > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(md).toContain("https://docs.r3.com/en/platform/corda/1.4/cenm/upgrade-notes.html");
    const titles = books.get(stack)!.scenarios.map((s, i) => at(`## ${i + 1}. ${s.title}`));
    expect(titles.every((x) => x > 0)).toBe(true);
    expect([...titles].sort((a, b) => a - b)).toEqual(titles);
  });
});

describe("what the runbook says of the shipped stacks", () => {
  it("states the CENM start order once, with auth and zone first and the signing path in R3's order", () => {
    expect(CENM_START_ORDER.map((s) => s.service)).toEqual(["auth", "zone", "gateway", "identity-manager", "signer", "network-map"]);
  });

  it("aws-prod: promotes the cross-region replica and fails EFS over in the DR region, reads the escrow replica without a restore (GLACIER_IR), and reissues the CRL within the stack's 10 days", () => {
    const region = books.get("aws-prod")!.scenarios.find((s) => s.id === "region-loss")!;
    const text = commands(region).map(commandText).join("\n");
    expect(text).toContain("aws rds promote-read-replica --region eu-central-1 --db-instance-identifier <known after deployment: identifier of cenm-db-dr-replica> --backup-retention-period 35");
    expect(text).toContain("aws efs delete-replication-configuration --region eu-central-1 --source-file-system-id <known after deployment: file system id of cenm-files-fs> --deletion-mode LOCAL_CONFIGURATION_ONLY");
    // S3 Glacier Instant Retrieval is read directly: no restore-object step, the version is downloaded at once.
    expect(text).not.toContain("aws s3api restore-object");
    expect(text).toContain("aws s3api get-object --region eu-central-1 --bucket <known after deployment: bucket of cenm-keys-replica>");
    // The replica's mount targets go into the DR network, behind the NFS group the stack declares there for them.
    const targets = text.split("\n").filter((t) => t.startsWith("aws efs create-mount-target --region eu-central-1"));
    expect(targets).toHaveLength(3);
    for (const t of targets) expect(t).toMatch(/--subnet-id <known after deployment: id of cenm-dr-network-subnet-eu-central-1[abc]> --security-groups <known after deployment: id of cenm-files-dr-sg>$/);
    expect(region.crl[0].detail).toContain("valid 10 days");
    // Both offline copies are named as fallbacks for the keys.
    const keys = region.components.find((c) => c.kind === "keys")!;
    expect(keys.alternatives.map((a) => a.restoreFrom).join("\n")).toMatch(/hsm-backup-token-lon-01[\s\S]*hsm-backup-token-fra-01/);
    // Reading the replica is recorded in the DR region, which stands; the primary region's record is not counted on.
    expect(keys.steps[0].detail).toContain("recorded by CloudTrail cenm-keys-dr-access-log-trail (data events) into cenm-keys-dr-access-log-bucket (eu-central-1), in the copy's own region");
    expect(keys.steps[0].detail).toContain("cenm-keys-access-log-bucket (eu-west-1), which cannot be counted on while that region is down");
    expect(keys.steps[0].detail).toContain("about 5 min after the call on average");
  });

  it("aws-prod's Multi-AZ replica keeps its standby once promoted, so no standby is added; aws-staging's single-AZ one gets it after the promotion", () => {
    const database = (stack: string) => books.get(stack)!.scenarios.find((s) => s.id === "region-loss")!.components.find((c) => c.kind === "database")!;
    const addStandby = "aws rds modify-db-instance --region eu-central-1 --db-instance-identifier <known after deployment: identifier of cenm-db-dr-replica> --multi-az --apply-immediately";
    const prod = database("aws-prod");
    expect(prod.steps.flatMap((s) => s.commands).map(commandText)).not.toContain(addStandby);
    expect(prod.steps.flatMap((s) => s.commands).map(commandText).join("\n")).not.toContain("--multi-az");
    expect(prod.steps.map((s) => s.detail ?? "").join("\n")).toContain("The replica is a Multi-AZ DB instance: promoted, it keeps its synchronous standby in another zone of the DR region, so there is no standby to add.");
    const staging = database("aws-staging").steps.flatMap((s) => s.commands).map(commandText);
    const promote = staging.findIndex((c) => c.startsWith("aws rds promote-read-replica --region eu-central-1"));
    expect(promote).toBeGreaterThanOrEqual(0);
    expect(staging.indexOf(addStandby)).toBeGreaterThan(promote);
  });

  it("aws-prod: after promoting the replica, reads the master credentials from the DR region's replica of the package's secret, into a private file", () => {
    const region = books.get("aws-prod")!.scenarios.find((s) => s.id === "region-loss")!;
    const text = commands(region).map(commandText).join("\n");
    const read = text.indexOf("(umask 077; aws secretsmanager get-secret-value --region eu-central-1 --secret-id <known after deployment: name of cenm-db-master-secret> --query SecretString --output text > master-credentials.json)");
    expect(read).toBeGreaterThan(text.indexOf("aws rds wait db-instance-available --region eu-central-1 --db-instance-identifier <known after deployment: identifier of cenm-db-dr-replica>"));
    // Dev has no replica and keeps its password in the secret RDS manages: no such step.
    const dev = books.get("aws-dev")!.scenarios.flatMap((s) => commands(s).map(commandText));
    expect(dev.join("\n")).not.toContain("secretsmanager get-secret-value");
  });

  it("aws-prod: restores a destructive statement to a chosen time in the original's network, and a backup deletion from the compliance-locked vault with the plan's role", () => {
    const book = books.get("aws-prod")!;
    const sql = commands(book.scenarios.find((s) => s.id === "destructive-statement")!).map(commandText).join("\n");
    // The restored instance is made like the original: what the restore would otherwise default (RDS API reference).
    expect(sql).toMatch(
      /aws rds restore-db-instance-to-point-in-time --region eu-west-1 --source-db-instance-identifier <known after deployment: identifier of cenm-db-primary> --target-db-instance-identifier <[^>]+> --restore-time <[^>]+> --db-subnet-group-name <known after deployment: name of cenm-db-subnets> --vpc-security-group-ids <known after deployment: id of cenm-db-sg> --db-parameter-group-name <known after deployment: name of cenm-db-params> --storage-type io2 --iops 3000 --enable-iam-database-authentication --enable-cloudwatch-logs-exports postgresql upgrade --copy-tags-to-snapshot --multi-az --deletion-protection --no-publicly-accessible$/m,
    );
    expect(sql).toMatch(/aws rds modify-db-instance --region eu-west-1 --db-instance-identifier <a new identifier for the restored instance[^>]*> --enable-performance-insights --performance-insights-kms-key-id <known after deployment: ARN of cenm-db-key> --performance-insights-retention-period 7 --apply-immediately/);
    expect(sql.indexOf("--enable-performance-insights")).toBeGreaterThan(sql.indexOf("aws rds wait db-instance-available --region eu-west-1 --db-instance-identifier <a new identifier"));
    const deletion = commands(book.scenarios.find((s) => s.id === "backup-deletion")!).map(commandText).join("\n");
    expect(deletion).toContain("aws backup list-recovery-points-by-backup-vault --region eu-west-1 --backup-vault-name <known after deployment: name of cenm-snapshots-vault> --by-resource-type RDS");
    expect(deletion).toContain("--iam-role-arn <known after deployment: ARN of cenm-snapshots-role>");
    // The instance AWS Backup restores is then made like the original, waited for, and rebooted for its parameter group.
    const restored = "<the restored instance's identifier (the end of CreatedResourceArn)>";
    expect(deletion).toContain(
      `aws rds modify-db-instance --region eu-west-1 --db-instance-identifier ${restored} --storage-type io2 --iops 3000 --enable-iam-database-authentication --cloudwatch-logs-export-configuration '{"EnableLogTypes":["postgresql","upgrade"]}' --copy-tags-to-snapshot --multi-az --deletion-protection --db-parameter-group-name <known after deployment: name of cenm-db-params> --apply-immediately`,
    );
    expect(deletion).toContain(`aws rds modify-db-instance --region eu-west-1 --db-instance-identifier ${restored} --enable-performance-insights --performance-insights-kms-key-id <known after deployment: ARN of cenm-db-key>`);
    expect(deletion.indexOf(`aws rds reboot-db-instance --region eu-west-1 --db-instance-identifier ${restored}`)).toBeGreaterThan(deletion.indexOf("--enable-performance-insights"));
  });

  it("aws-dev: a restore keeps dev's single zone, gp3 default storage and no deletion protection, like the original", () => {
    const sql = commands(books.get("aws-dev")!.scenarios.find((s) => s.id === "destructive-statement")!).map(commandText).join("\n");
    const restore = sql.split("\n").find((t) => t.startsWith("aws rds restore-db-instance-to-point-in-time"))!;
    expect(restore).toMatch(/--enable-iam-database-authentication --enable-cloudwatch-logs-exports postgresql upgrade --copy-tags-to-snapshot --no-deletion-protection --no-publicly-accessible$/);
    // gp3 without IOPS is the restore's own default, and RDS asks for IOPS with a gp3 it is told.
    expect(restore).not.toContain("--storage-type");
    expect(restore).not.toContain("--multi-az");
  });

  it("replicated automated backups: the DR restore takes the original's settings, the DR parameter group and the DR key for Performance Insights", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cenm-drbackups-"));
    try {
      const staging = fs.readFileSync(path.join(__dirname, "..", "..", "stacks", "Pulumi.aws-staging.yaml"), "utf8");
      const variant = staging
        .replace("  cenm-backup:alerts:", "  cenm-backup:database:\n    crossRegionReplica: false\n    drBackupReplication: true\n  cenm-backup:snapshots:\n    continuousBackup: false\n  cenm-backup:alerts:")
        .replace("    drVpcCidr: 10.22.0.0/16\n", "")
        .replace("    availabilityZones: [eu-central-1a, eu-central-1b]\n", "");
      fs.writeFileSync(path.join(dir, "Pulumi.aws-drbackups.yaml"), variant);
      const doc = (await planStack("aws-drbackups", { stacksDir: dir })).document;
      const region = buildRunbook(fromPlanDocument(doc), { today: TODAY }).scenarios.find((s) => s.id === "region-loss")!;
      const db = region.components.find((c) => c.kind === "database")!;
      expect(db.copyKind).toBe("dr-backups");
      const text = db.steps.flatMap((x) => x.commands).map(commandText).join("\n");
      expect(text).toMatch(
        /aws rds restore-db-instance-to-point-in-time --region eu-central-1 --source-db-instance-automated-backups-arn <known after deployment: ARN of cenm-db-dr-backups> .* --storage-type io2 --iops 1000 --enable-iam-database-authentication --enable-cloudwatch-logs-exports postgresql upgrade --copy-tags-to-snapshot --multi-az --deletion-protection --no-publicly-accessible$/m,
      );
      expect(text).toContain("--enable-performance-insights --performance-insights-kms-key-id <known after deployment: ARN of cenm-db-dr-key>");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60000);

  it("aws-prod: restores the file system's recovery point to a new file system, gives it mount targets, and copies each service directory back from aws-backup-restore_<datetime>", () => {
    const deletion = books.get("aws-prod")!.scenarios.find((s) => s.id === "backup-deletion")!;
    const files = deletion.components.find((c) => c.kind === "files")!;
    const text = files.steps.flatMap((x) => x.commands).map(commandText);
    const all = text.join("\n");
    // A new file system encrypted with the store's own key; AWS Backup restores into a directory at its root.
    expect(all).toContain(`jq '.newFileSystem = "true" | .Encrypted = "true" | .KmsKeyId = "<known after deployment: ARN of cenm-files-key>"`);
    expect(all).toContain("aws backup start-restore-job --region eu-west-1 --recovery-point-arn <the recovery point ARN chosen in the previous step> --iam-role-arn <known after deployment: ARN of cenm-snapshots-role> --metadata file://restore.json --resource-type EFS");
    // One mount target per zone, in the subnets and behind the security group of the stack's own mount targets.
    const targets = text.filter((t) => t.startsWith("aws efs create-mount-target"));
    expect(targets.map((t) => t.match(/--subnet-id (\S+ \S+ \S+ \S+ \S+ \S+)/)![1])).toEqual(["eu-west-1a", "eu-west-1b", "eu-west-1c"].map((z) => `<known after deployment: id of cenm-network-subnet-${z}>`));
    for (const t of targets) expect(t).toContain("--file-system-id <the restored file system's id (the end of CreatedResourceArn)> ");
    for (const t of targets) expect(t).toContain("--security-groups <known after deployment: id of cenm-files-sg>");
    expect(all).toContain("ls -d /mnt/cenm-restore/aws-backup-restore_*");
    // Copied back through each access point, from below the recovery directory; never mounted at the bare service path.
    const dir = "<the aws-backup-restore_<datetime> directory the listing shows>";
    for (const service of ["identity-manager", "network-map", "signer", "zone", "auth"]) {
      expect(all).toContain(`sudo mount -t efs -o tls,accesspoint=<known after deployment: access point id of cenm-files-ap-${service}> <known after deployment: file system id of cenm-files-fs> /mnt/cenm-${service}`);
      expect(all).toContain(`sudo rsync -a --delete /mnt/cenm-restore/${dir}/cenm/${service}/ /mnt/cenm-${service}/`);
      expect(all).toContain(`sudo mount -t efs -o tls <the restored file system's id (the end of CreatedResourceArn)>:/${dir}/cenm/${service} <the ${service} directory on the host>`);
    }
    expect(all).not.toMatch(/CreatedResourceArn\)>:\/cenm\//);
    // The temporary file system is removed after the copy back, mount targets first.
    expect(all.indexOf("aws efs delete-mount-target")).toBeLessThan(all.indexOf("aws efs delete-file-system"));
  });

  it("aws-prod without EFS replication: a region loss restores the DR vault's copy into a new file system in the DR region, with mount targets in its subnets", () => {
    const { doc, notApplicable } = mutated(plans.get("aws-prod")!, MUTATIONS.find((m) => m.id === "efs-replication-removed")!);
    expect(notApplicable).toBeUndefined();
    const region = buildRunbook(fromPlanDocument(doc), { today: TODAY }).scenarios.find((s) => s.id === "region-loss")!;
    const files = region.components.find((c) => c.kind === "files")!;
    expect(files.copyKind).toBe("vault");
    const all = files.steps.flatMap((x) => x.commands).map(commandText).join("\n");
    expect(all).toContain("aws backup start-restore-job --region eu-central-1");
    expect(all).toContain('.KmsKeyId = "<the ARN of a KMS key in eu-central-1 to encrypt the restored file system>"');
    expect(all).toContain("aws efs create-mount-target --region eu-central-1 --file-system-id <the restored file system's id (the end of CreatedResourceArn)> --subnet-id <known after deployment: id of cenm-dr-network-subnet-eu-central-1a> --security-groups <known after deployment: id of cenm-files-dr-sg>");
    // The stack's file system is in the lost region: no copy back into it, the hosts mount the restored one.
    expect(all).not.toContain("rsync");
    expect(all).toContain("<the restored file system's id (the end of CreatedResourceArn)>:/<the aws-backup-restore_<datetime> directory the listing shows>/cenm/signer <the signer directory on the host>");
  });

  it("names the first AWS CLI v2 release for each command that needs a newer one, in the steps and in runbook.md", () => {
    const book = books.get("aws-prod")!;
    const all = book.scenarios.flatMap(commands);
    const needing = (flagText: string) => all.filter((c) => commandText(c).includes(flagText));
    expect(needing("--deletion-mode").length).toBeGreaterThan(0);
    for (const c of needing("--deletion-mode")) expect(c.minimum).toMatchObject({ cli: "AWS CLI v2", version: "2.22.1" });
    for (const c of needing("efs describe-replication-configurations")) expect(c.minimum?.version).toBe("2.4.14");
    // Commands of the first v2 release name no minimum.
    for (const c of needing("aws rds promote-read-replica")) expect(c.minimum).toBeUndefined();
    const md = renderRunbook(book);
    expect(md).toContain("Needs AWS CLI v2 2.22.1 or later (efs delete-replication-configuration --deletion-mode; https://github.com/aws/aws-cli/blob/v2/CHANGELOG.rst).");
    expect(md).toContain("Needs AWS CLI v2 2.4.14 or later (efs describe-replication-configurations;");
    // A Multi-AZ DB cluster's restore names its instance class, which came with 2.4.1.
    const cluster = buildRunbook(fromStateExport(fixture("state-aws-prod.json"), "state-aws-prod.json"), { today: TODAY }).scenarios.flatMap(commands);
    const restore = cluster.filter((c) => commandText(c).includes("--db-cluster-instance-class"));
    expect(restore.length).toBeGreaterThan(0);
    for (const c of restore) expect(c.minimum?.version).toBe("2.4.1");
  });

  it("azure-prod: promotes the geo read replica and gives it zone-redundant HA, fails the file account over, and uses declared literal names (shares, containers)", () => {
    const book = books.get("azure-prod")!;
    const region = commands(book.scenarios.find((s) => s.id === "region-loss")!).map(commandText).join("\n");
    const promote = region.indexOf("az postgres flexible-server replica promote --resource-group <known after deployment: name of cenm-network-dr-rg> --name <known after deployment: name of cenm-db-replica> --promote-mode switchover --promote-option forced");
    // A read replica has no high availability and promotion carries none over: the promoted server gets it afterwards.
    const ha = region.indexOf("az postgres flexible-server update --resource-group <known after deployment: name of cenm-network-dr-rg> --name <known after deployment: name of cenm-db-replica> --high-availability ZoneRedundant");
    expect(promote).toBeGreaterThan(0);
    expect(ha).toBeGreaterThan(promote);
    // Staging keeps no replica: its region loss geo-restores the server into the paired region with the DR key.
    const staging = commands(books.get("azure-staging")!.scenarios.find((s) => s.id === "region-loss")!).map(commandText).join("\n");
    expect(staging).toContain("az postgres flexible-server geo-restore --resource-group <known after deployment: name of cenm-network-dr-rg>");
    expect(staging).toContain("--location northeurope --source-server <known after deployment: id of cenm-db-server> --subnet <known after deployment: id of cenm-network-dr-postgres> --private-dns-zone <known after deployment: id of cenm-network-zone-postgres> --identity <known after deployment: id of cenm-db-dr-identity> --key <known after deployment: key URI of cenm-db-dr-kv-cmk>");
    expect(staging).not.toContain("--high-availability ZoneRedundant");
    expect(region).toContain("az storage account failover --resource-group <known after deployment: name of cenm-network-rg> --name <known after deployment: name of cenm-files-account> --yes");
    expect(region).toContain("--container-name key-escrow");
    const deletion = commands(book.scenarios.find((s) => s.id === "backup-deletion")!).map(commandText).join("\n");
    expect(deletion).toContain("--item-name cenm-identity-manager --rp-name");
  });

  it("azure-prod: the records a region loss writes go into zones managed from the DR group; a zone managed from the lost region is flagged", () => {
    const region = books.get("azure-prod")!.scenarios.find((s) => s.id === "region-loss")!;
    const details = steps(region).map((x) => x.detail ?? "");
    expect(details.filter((d) => d.includes("managed from resource group cenm-network-dr-rg in northeurope, outside the lost region"))).toHaveLength(2);
    expect(details.some((d) => d.includes("the lost region: Azure may refuse"))).toBe(false);

    // The same plan with the zones in the primary group, where the package kept them before issue 19.
    const doc = JSON.parse(JSON.stringify(plans.get("azure-prod")!)) as PlanDocument;
    const primary = doc.resources.find((r) => r.type === "azure-native:resources:ResourceGroup" && r.name === "cenm-network-rg")!;
    for (const zone of doc.resources.filter((r) => r.type === "azure-native:privatedns:PrivateZone")) zone.propertyDependencies.resourceGroupName = [primary.urn];
    const moved = buildRunbook(fromPlanDocument(doc), { today: TODAY }).scenarios.find((s) => s.id === "region-loss")!;
    const warnings = steps(moved).map((x) => x.detail ?? "").filter((d) => d.includes("managed from resource group cenm-network-rg in westeurope, the lost region: Azure may refuse writes"));
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain("hosts file");
  });

  it("azure-sandbox: promotes the replica, counts on the virtual endpoint, and repoints at the replica only if the endpoint cannot follow", async () => {
    const book = buildRunbook(fromPlanDocument((await plannedStack("azure-sandbox")).document), { today: TODAY });
    const database = book.scenarios.find((s) => s.id === "region-loss")!.components.find((c) => c.kind === "database")!;
    const [promote, ready, retention, ha, fallback] = database.steps;
    expect(promote.commands.map(commandText)).toEqual([
      "az postgres flexible-server replica promote --resource-group <known after deployment: name of cenm-network-dr-rg> --name <known after deployment: name of cenm-db-replica> --promote-mode switchover --promote-option forced",
    ]);
    expect(promote.detail).toContain("cenm-db-endpoint is meant to follow the promoted server");
    expect(promote.detail).toContain("private DNS zone cenm-network-zone-postgres, managed from resource group cenm-network-dr-rg in northeurope, outside the lost region");
    // Azure refuses management operations while the promotion updates the servers: wait for Ready first.
    expect(ready.commands.map(commandText)[0]).toBe(
      "az postgres flexible-server wait --resource-group <known after deployment: name of cenm-network-dr-rg> --name <known after deployment: name of cenm-db-replica> --custom \"state=='Ready'\" --interval 30 --timeout 7200",
    );
    expect(ready.commands.map(commandText)[1]).toContain("entraSignIn:authConfig.activeDirectoryAuth");
    expect(ready.detail).toContain("updating state during which Azure refuses management operations");
    // The primary's retention (sandbox: 7 days), which a replica does not have: a step of its own.
    expect(retention.commands.map(commandText)).toEqual([
      "az postgres flexible-server update --resource-group <known after deployment: name of cenm-network-dr-rg> --name <known after deployment: name of cenm-db-replica> --backup-retention 7",
    ]);
    expect(ha.commands.map(commandText)).toEqual([
      "az postgres flexible-server update --resource-group <known after deployment: name of cenm-network-dr-rg> --name <known after deployment: name of cenm-db-replica> --high-availability ZoneRedundant",
    ]);
    expect(ha.detail).toContain("A read replica cannot have high availability and promotion does not carry it over");
    expect(ha.detail).toContain("wait for Ready again (the wait step above) and rerun it");
    expect(fallback.kind).toBe("repoint");
    expect(fallback.title).toMatch(/^Only if the CENM hosts cannot reach the database through cenm-db-endpoint's host name/);
    expect(fallback.detail).toContain("belongs to the lost primary server cenm-db-server and is managed from its resource group in westeurope");
    expect(fallback.commands.map(commandText)).toEqual([
      "az postgres flexible-server show --resource-group <known after deployment: name of cenm-network-dr-rg> --name <known after deployment: name of cenm-db-replica> --query fullyQualifiedDomainName --output tsv",
    ]);
  }, 60000);

  it("azure-prod: after the region loss, a planned switchover back and HA on the former primary come before the refresh and any pulumi up", () => {
    const region = books.get("azure-prod")!.scenarios.find((s) => s.id === "region-loss")!;
    // The failback is not a restore step: it waits for the lost region.
    expect(region.components.flatMap((c) => c.steps).some((x) => x.kind === "failback")).toBe(false);
    const [back, ha, refresh] = region.reconcile;
    expect(back.kind).toBe("failback");
    expect(back.title).toMatch(/^Before any `pulumi up`, once westeurope is back: switch cenm-db-server back to primary with a planned switchover/);
    const backCommands = back.commands.map(commandText);
    const promote = backCommands.indexOf(
      "az postgres flexible-server replica promote --resource-group <known after deployment: name of cenm-network-rg> --name <known after deployment: name of cenm-db-server> --promote-mode switchover --promote-option planned",
    );
    expect(promote).toBeGreaterThan(0);
    expect(backCommands[0]).toContain("az postgres flexible-server wait --resource-group <known after deployment: name of cenm-network-rg> --name <known after deployment: name of cenm-db-server>");
    expect(back.detail).toContain("would ask Azure for high availability on a replica, which it refuses (rule azure-postgres-replica-no-high-availability)");
    expect(back.detail).toContain("do not run `pulumi up`");
    expect(ha.kind).toBe("failback");
    expect(ha.commands.map(commandText)[0]).toBe(
      "az postgres flexible-server update --resource-group <known after deployment: name of cenm-network-rg> --name <known after deployment: name of cenm-db-server> --high-availability ZoneRedundant",
    );
    expect(refresh.kind).toBe("reconcile");
    expect(refresh.commands.map(commandText)[0]).toBe("pulumi refresh -s azure-prod");
    // A stack without a replica (staging geo-restores) has no failback.
    expect(books.get("azure-staging")!.scenarios.flatMap((s) => s.reconcile).some((x) => x.kind === "failback")).toBe(false);
  });

  it("azure-prod: restores the vault's PostgreSQL backup as files through the declared restore account, with the CLI it needs", () => {
    const book = books.get("azure-prod")!;
    const deletion = book.scenarios.find((s) => s.id === "backup-deletion")!;
    const text = commands(deletion).map(commandText).join("\n");
    // The az dataprotection commands are a CLI extension.
    expect(text).toContain("az extension add --name dataprotection --upgrade");
    expect(text.indexOf("az extension add --name dataprotection")).toBeLessThan(text.indexOf("az dataprotection recovery-point list"));
    // The restore account is opened for the restore from selected networks only (Microsoft asks for public reach with the
    // default action Deny, the vault as a resource instance and trusted services), written through the vault, then closed.
    const open = text.indexOf("--name <known after deployment: name of cenm-snapshots-restore-account> --public-network-access Enabled --default-action Deny --bypass AzureServices");
    expect(text).not.toContain("--default-action Allow");
    const write = text.indexOf("--target-blob-container-url https://<known after deployment: name of cenm-snapshots-restore-account>.blob.core.windows.net/cenm-db-restore");
    const trigger = text.indexOf("az dataprotection backup-instance restore trigger");
    const close = text.indexOf("--name <known after deployment: name of cenm-snapshots-restore-account> --public-network-access Disabled");
    expect([open, write, trigger, close].every((i) => i > 0)).toBe(true);
    expect([open, write, trigger, close]).toEqual([...[open, write, trigger, close]].sort((a, b) => a - b));
    // The target server gets the DBA bootstrap (roles, empty databases they own) before the dumps are loaded as those roles.
    expect(text.indexOf("jq -r .bootstrapSql > bootstrap.sql")).toBeLessThan(text.indexOf("pg_restore"));
    expect(text).toMatch(/pg_restore .* --no-owner --role <the database's service role>/);
  });

  it("azure-prod: offers only copies Azure has, and restores the backup vault's paired-region copy by cross-region restore", () => {
    const book = books.get("azure-prod")!;
    for (const id of ["az-loss", "region-loss", "destructive-statement"] as const) {
      const alternatives = book.scenarios.find((s) => s.id === id)!.components.flatMap((c) => c.alternatives.map((a) => a.restoreFrom));
      // No AWS Backup notions: the server's own backups are its point-in-time restore and geo-restore, not a vault's rule.
      for (const a of alternatives) expect([id, a]).toEqual([id, expect.not.stringMatching(/continuous backup|in vault of /)]);
    }
    const db = book.scenarios.find((s) => s.id === "region-loss")!.components.find((c) => c.kind === "database")!;
    expect(db.restoreFrom).toContain("read replica cenm-db-replica (northeurope)");
    expect(db.alternatives.map((a) => a.restoreFrom)).toContain("geo-redundant backups of cenm-db-server replicated to northeurope (cenm-db-server geo-redundant backups)");
    const copy = db.alternatives.find((a) => a.restoreFrom.includes("geo-redundant copy of vault cenm-snapshots-vault"))!;
    expect(copy.restoreFrom).toBe("copies of cenm-db-server, rule BackupDaily, in the geo-redundant copy of vault cenm-snapshots-vault (compliance lock) in northeurope (cross-region restore)");
    const text = copy.steps.flatMap((s) => s.commands).map(commandText).join("\n");
    expect(text).toContain("--restore-location northeurope");
    expect(text).toMatch(/az dataprotection backup-instance validate-for-restore .* --use-secondary-region/);
    expect(text).toMatch(/az dataprotection backup-instance restore trigger .* --use-secondary-region/);
    // The restore account it writes into is in the paired region already.
    expect(text).toContain("cenm-snapshots-restore-account");
  });

  it("azure-prod: checks that the CLI takes --identity and --key before a restore with the customer-managed key", () => {
    const book = books.get("azure-prod")!;
    // azure-staging geo-restores on a region loss (azure-prod promotes its replica).
    const region = commands(books.get("azure-staging")!.scenarios.find((s) => s.id === "region-loss")!).map(commandText).join("\n");
    expect(region.indexOf("az postgres flexible-server geo-restore --help | grep -e '--identity' -e '--key'")).toBeGreaterThanOrEqual(0);
    expect(region.indexOf("az postgres flexible-server geo-restore --help | grep -e '--identity' -e '--key'")).toBeLessThan(region.indexOf("az postgres flexible-server geo-restore --resource-group"));
    const sql = commands(book.scenarios.find((s) => s.id === "destructive-statement")!).map(commandText).join("\n");
    expect(sql).toContain("az postgres flexible-server restore --help | grep -e '--identity' -e '--key'");
  });

  it("azure-prod: restores vaulted shares into an empty folder of the stack's account, as Azure restores vaulted points", () => {
    const files = books.get("azure-prod")!.scenarios.find((s) => s.id === "backup-deletion")!.components.find((c) => c.kind === "files")!;
    expect(files.restoreFrom).toContain("in vault cenm-files-recovery-vault (compliance lock)");
    const text = files.steps.flatMap((s) => s.commands).map(commandText).join("\n");
    expect(text).toContain("az backup restore restore-azurefileshare --resource-group <known after deployment: name of cenm-network-rg> --vault-name <known after deployment: name of cenm-files-recovery-vault> --container-name <known after deployment: name of cenm-files-account> --item-name cenm-signer --rp-name <the recovery point chosen for cenm-files-share-signer> --restore-mode AlternateLocation --resolve-conflict Overwrite --target-storage-account <known after deployment: name of cenm-files-account> --target-file-share cenm-signer --target-folder <a new, empty folder name, such as restored-<date>>");
    expect(text).not.toContain("OriginalLocation");
    expect(text).not.toContain("--use-secondary-region");
    const prose = files.steps.map((s) => `${s.title} ${s.detail ?? ""}`).join(" ");
    expect(prose).toContain("survive the deletion of the shares and of the account, and its compliance lock keeps anyone from deleting them");
    expect(prose).toContain("run `pulumi up` first");
    // The vault encrypts with a customer-managed key, so it has no cross-region restore: the region loss rests on the
    // account's failover alone, and no vault copy in the paired region is offered as a fallback.
    const region = books.get("azure-prod")!.scenarios.find((s) => s.id === "region-loss")!.components.find((c) => c.kind === "files")!;
    expect(region.restoreFrom).toContain("geo-redundant copy of storage account cenm-files-account");
    expect(region.alternatives.map((a) => a.restoreFrom).filter((r) => r.includes("in vault"))).toEqual([]);
  });

  it("azure-prod with snapshot-tier share backups: the locked vault saves no file from a malicious deletion, and no vault copy reaches the paired region", () => {
    const doc = JSON.parse(JSON.stringify(plans.get("azure-prod")!)) as PlanDocument;
    for (const r of doc.resources.filter((x) => x.type === "azure-native:recoveryservices:ProtectionPolicy")) {
      const props = r.inputs.properties as Record<string, any>;
      props.retentionPolicy = props.vaultRetentionPolicy.vaultRetention;
      delete props.vaultRetentionPolicy;
    }
    const book = buildRunbook(fromPlanDocument(doc), { today: TODAY });
    const deletion = book.scenarios.find((s) => s.id === "backup-deletion")!;
    expect(deletion.recoverable).toBe(false);
    expect(deletion.notRecoverable!.components).toEqual(["file system cenm-files-account"]);
    const region = book.scenarios.find((s) => s.id === "region-loss")!.components.find((c) => c.kind === "files")!;
    expect(region.restoreFrom).toContain("geo-redundant copy of storage account cenm-files-account in northeurope");
    expect(region.alternatives.map((a) => a.restoreFrom).join(" ")).not.toContain("in vault");
  });

  it("azure-dev: the share snapshots kept in the account are named as such, never as a vault copy", () => {
    const zone = books.get("azure-dev")!.scenarios.find((s) => s.id === "az-loss")!.components.find((c) => c.kind === "files")!;
    expect(zone.alternatives.map((a) => a.restoreFrom)).toContain(
      "snapshots of cenm-files-account kept in cenm-files-account itself, rule AzureFileShare daily (snapshots every 24 h), scheduled by vault cenm-files-recovery-vault (no vault lock)",
    );
  });

  it("aws-dev: says it has no DR copy and no second key copy, instead of inventing them", () => {
    const book = books.get("aws-dev")!;
    const region = book.scenarios.find((s) => s.id === "region-loss")!;
    expect(region.recoverable).toBe(false);
    expect(region.notRecoverable!.statement).toMatch(/^No DR copy: the stack declares no copy of database cenm-db-primary, file system cenm-files-fs, signing keys outside eu-west-1/);
    expect(book.scenarios.find((s) => s.id === "key-copy-loss")!.notRecoverable!.statement).toContain("a single copy of the signing keys");
    const md = renderRunbook(book);
    expect(md).toContain("## 2. Loss of the primary region\n\n**Not recoverable from the declared topology.** No DR copy:");
    expect(md).toContain("| 2 | Loss of the primary region | none | - | - | **not recoverable**: no copy of database cenm-db-primary, file system cenm-files-fs, signing keys survives |");
  });
});

describe("runbook of a plan whose DR copies are removed", () => {
  it.each([
    ["aws-prod", "database-dr-copies-removed", "database cenm-db-primary"],
    ["azure-prod", "az-db-geo-copies-off", "database cenm-db-server"],
  ])("%s with mutation %s: region loss says there is no DR copy of the database and gives no steps", (stack, id, label) => {
    const before = books.get(stack)!.scenarios.find((s) => s.id === "region-loss")!;
    expect(before.recoverable).toBe(true);
    const { doc, notApplicable } = mutated(plans.get(stack)!, [...MUTATIONS, ...AZURE_MUTATIONS].find((m) => m.id === id)!);
    expect(notApplicable).toBeUndefined();
    const after = buildRunbook(fromPlanDocument(doc), { today: TODAY }).scenarios.find((s) => s.id === "region-loss")!;
    expect(after.recoverable).toBe(false);
    expect(after.notRecoverable!.components).toEqual([label]);
    expect(after.notRecoverable!.statement).toContain(`No DR copy: the stack declares no copy of ${label} outside`);
    expect(commands(after)).toEqual([]);
    // What still survives is named, without steps.
    expect(after.notRecoverable!.surviving.some((x) => x.startsWith("file system"))).toBe(true);
  });
});

describe("runbook of a preview and of a deployed state", () => {
  it("builds from pulumi preview --json, with the names of the resources that exist", () => {
    const input: AuditInput = fromPreviewJson(fixture("preview-aws-prod.json"), "preview-aws-prod.json");
    const book = buildRunbook(input, { today: TODAY });
    const md = renderRunbook(book);
    expect(book.scenarios).toHaveLength(5);
    const declared = new Set(input.resources.map((r) => r.urn));
    for (const r of refsOf(book)) expect(declared.has(r.urn)).toBe(true);
    // The fixture's Multi-AZ DB cluster has no copy AWS can make elsewhere.
    expect(book.scenarios.find((s) => s.id === "region-loss")!.notRecoverable!.statement).toContain("No DR copy");
    expect(md).toContain("--db-cluster-identifier cenm-db-cluster-b2b063d");
    expect(md).toContain("--file-system-id fs-0652eb38bc04ca312");
  });

  it("marks the names a preview leaves unknown (a resource it creates) as known after deployment", () => {
    const preview = fixture("preview-aws-prod.json") as { steps: { op: string; urn: string; newState?: { outputs?: Record<string, unknown> } }[]; changeSummary: Record<string, number> };
    const fsStep = preview.steps.find((s) => s.urn.endsWith("::cenm-files-fs"))!;
    fsStep.op = "create";
    // The summary counts what the steps do (the reader checks that a preview read alone lists every resource).
    preview.changeSummary.same--;
    preview.changeSummary.create++;
    fsStep.newState!.outputs = { id: "[unknown]", arn: "[unknown]" };
    const book = buildRunbook(fromPreviewJson(preview, "preview.json"), { today: TODAY });
    const md = renderRunbook(book);
    const fs = book.resources.find((r) => r.name === "cenm-files-fs")!;
    expect(fs.value).toBeUndefined();
    expect(fs.unknown).toBe("known after deployment (the preview leaves it unknown)");
    expect(md).toContain("--file-system-id <known after deployment: file system id of cenm-files-fs>");
    expect(md).not.toContain("[unknown]");
    expect(md).not.toContain("fs-0652eb38bc04ca312");
  });

  it("builds from an offline preview, where every computed name is unknown", async () => {
    const input = fromPlanDocument((await plannedStack("azure-prod", { preview: true })).document);
    const book = buildRunbook(input, { today: TODAY });
    expect(book.resources.filter((r) => r.value === undefined).length).toBeGreaterThan(0);
    expect(renderRunbook(book)).not.toContain("[unknown]");
  });

  it("uses the deployed names from a stack export", () => {
    const book = buildRunbook(fromStateExport(fixture("state-aws-prod.json"), "state-aws-prod.json"), { today: TODAY });
    expect(book.resources.every((r) => r.value !== undefined)).toBe(true);
    const md = renderRunbook(book);
    expect(md).toContain("aws efs describe-mount-targets --region eu-west-1 --file-system-id fs-0652eb38bc04ca312");
    expect(md).toContain("--backup-vault-name cenm-snapshots-vault-da0538a");
    expect(md).not.toContain("known after deployment:");
    // The exported escrow replica was written in DEEP_ARCHIVE: its versions are restored before they are read.
    const text = commands(book.scenarios.find((s) => s.id === "key-copy-loss")!).map(commandText).join("\n");
    expect(text).toMatch(/aws s3api restore-object --region eu-central-1 --bucket \S+ --key /);
    expect(md).toContain("Ask S3 to restore the archived version (storage class DEEP_ARCHIVE)");
  });
});

describe("runbook.md keeps the audited program's text inert", () => {
  it("quotes odd names in commands, keeps code fences closed, and escapes prose", async () => {
    const book = books.get("aws-prod")!;
    const hostile: Runbook = JSON.parse(JSON.stringify(book));
    const s = hostile.scenarios.find((x) => x.id === "region-loss")!;
    s.components[0].label = "database <img src=x>\n## injected";
    const ref = s.components[0].steps[0].commands[0].parts.find((p): p is ResourceRef => typeof p !== "string" && p.ref === "resource")!;
    ref.value = "db```; rm -rf / #";
    const md = renderRunbook(hostile);
    expect(md).not.toContain("<img");
    expect(md).not.toContain("\n## injected");
    expect(md).toContain("'db```; rm -rf / #'");
    expect(md).toMatch(/````sh\n[^\n]*'db```; rm -rf \/ #'/);
  });
});

describe("README.md", () => {
  it("quotes aws-prod's runbook and aws-dev's statement as they are generated", () => {
    const readme = fs.readFileSync(path.join(__dirname, "..", "..", "README.md"), "utf8");
    const start = readme.indexOf("An excerpt of `aws-prod`'s runbook");
    expect(start).toBeGreaterThan(0);
    const block = readme.slice(readme.indexOf("```text\n", start) + 8, readme.indexOf("\n```", readme.indexOf("```text\n", start) + 8));
    const quoted = block.split("\n").filter((l) => /^\s+(aws|az) /.test(l)).map((l) => l.trim());
    expect(quoted.length).toBeGreaterThan(0);
    const md = renderRunbook(books.get("aws-prod")!);
    for (const line of quoted) expect(md).toContain(line);
    const statement = readme.match(/reads "(No DR copy: [^"]+)"/)![1].replace(/\s+/g, " ");
    expect(books.get("aws-dev")!.scenarios.find((s) => s.id === "region-loss")!.notRecoverable!.statement).toContain(statement);
  });
});

describe("runbook.md of aws-prod", () => {
  it("renders as before", () => {
    expect(renderRunbook(books.get("aws-prod")!)).toMatchSnapshot();
  });
});
