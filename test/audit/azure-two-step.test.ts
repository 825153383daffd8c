/**
 * A new Azure prod environment deploys in two steps (immutability is created Unlocked, then locked): the audit of
 * step 1 says which state it judged and fails prod until the lock is on; a preview that would create a resource
 * Locked breaks a platform limit.
 */
import * as fs from "fs";
import { waivedObjectives } from "../fixtures/objective-waivers";
import * as os from "os";
import * as path from "path";
import { audit } from "../../src/audit";
import { fromPlanDocument } from "../../src/audit/inputs/plan";
import { fromPreviewJson } from "../../src/audit/inputs/preview";
import { planStack } from "../../src/offline/plan";

function firstStepStacks(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cenm-azure-two-step-"));
  const text = fs.readFileSync("stacks/Pulumi.azure-prod.yaml", "utf8").replace("  cenm-backup:alerts:", "  cenm-backup:protection:\n    firstDeployment: true\n  cenm-backup:alerts:");
  fs.writeFileSync(path.join(dir, "Pulumi.azure-prod.yaml"), text);
  return dir;
}

const TODAY = new Date("2026-11-28T00:00:00Z");

describe("azure-prod, step 1 of 2 (protection.firstDeployment)", () => {
  it("plans with every immutability Unlocked, and the audit fails prod on the locks, naming the state it judged", async () => {
    const planned = await planStack("azure-prod", { stacksDir: firstStepStacks() });
    const states = planned.run.resources
      .filter((r) => ["azure-native:dataprotection:BackupVault", "azure-native:recoveryservices:Vault"].includes(r.type))
      .map((r) => (r.inputs.properties as any).securitySettings.immutabilitySettings.state);
    expect(states).toEqual(["Unlocked", "Unlocked"]);
    expect(planned.run.log.some((l) => l.message.includes("step 1 of 2"))).toBe(true);

    // The database backup vault waits for step 2 for its key and its backup instance.
    const backupVault = planned.run.resources.find((r) => r.type === "azure-native:dataprotection:BackupVault")!;
    expect((backupVault.inputs.properties as any).securitySettings.encryptionSettings).toBeUndefined();
    expect(planned.run.resources.filter((r) => r.type === "azure-native:dataprotection:BackupInstance")).toHaveLength(0);
    // So does the share backup vault (vaulted tier): no key, no registration, no protected share yet.
    const shareVault = planned.run.resources.find((r) => r.type === "azure-native:recoveryservices:Vault")!;
    expect((shareVault.inputs.properties as any).encryption).toBeUndefined();
    expect(planned.run.resources.filter((r) => r.type === "azure-native:recoveryservices:ProtectedItem")).toHaveLength(0);

    const report = audit(fromPlanDocument(planned.document), { today: TODAY });
    const failing = report.findings.filter((f) => f.outcome === "fail" && f.severity === "error").map((f) => f.id);
    expect(failing).toEqual(expect.arrayContaining(["CENM-SN-03", "CENM-KY-04", "CENM-GN-01", "CENM-FS-04"]));
    expect(report.findings.find((f) => f.id === "CENM-GN-01")!.message).toContain("cenm-snapshots-vault");
    expect(report.findings.find((f) => f.id === "CENM-KY-04")!.message).toContain("GOVERNANCE");

    // Step 2 (the shipped stack) fails no error control: the recovery objectives its topology does not meet are
    // waived in the stack file (test/fixtures/objective-waivers.ts).
    const steady = audit(fromPlanDocument((await planStack("azure-prod")).document), { today: TODAY });
    expect(steady.findings.filter((f) => f.outcome === "fail" && f.severity === "error").map((f) => f.id)).toEqual([]);
    expect(steady.findings.filter((f) => f.outcome === "waived" && f.severity === "error").map((f) => f.id)).toEqual(waivedObjectives("azure-prod"));
  });

  it("a preview that would create an escrow account Locked breaks azure-immutability-locked-later", () => {
    const urn = "urn:pulumi:azure-prod::cenm-backup::cenm-backup:azure:OfflineKeyVault$azure-native:storage:StorageAccount::cenm-keys-escrow";
    const account = (state: string) => ({
      urn,
      type: "azure-native:storage:StorageAccount",
      custom: true,
      inputs: { location: "westeurope", immutableStorageWithVersioning: { enabled: true, immutabilityPolicy: { state, immutabilityPeriodSinceCreationInDays: 3650 } } },
    });
    const limitFailures = (op: string, state: string) =>
      // A stack of this one resource: the summary counts every step, so the preview is read without a base.
      audit(fromPreviewJson({ steps: [{ op, urn, newState: account(state) }], changeSummary: { [op]: 1 } }, "preview.json"), { today: TODAY })
        .findings.find((f) => f.id === "CENM-GN-06")!
        .evidence.map((e) => e.properties.limit);
    expect(limitFailures("create", "Locked")).toEqual(["azure-immutability-locked-later"]);
    expect(limitFailures("create", "Unlocked")).toEqual([undefined]);
    expect(limitFailures("update", "Locked")).toEqual([undefined]);
  });
});
