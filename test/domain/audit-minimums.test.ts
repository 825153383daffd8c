/**
 * The audit's per-environment floors sit below what the presets declare, so that a stack on its presets passes the
 * magnitude controls, and above the token values a weakened stack would carry.
 */
import { AUDIT_MINIMUMS, auditMinimums } from "../../src/domain/auditMinimums";
import { PRESETS } from "../../src/config/presets";
import { SHARE_SOFT_DELETE_DAYS } from "../../src/components/azure/ReplicatedFileStore";

describe("audit minimums", () => {
  it.each(["dev", "staging", "prod"] as const)("the %s preset meets its floors", (env) => {
    const floor = AUDIT_MINIMUMS[env];
    const preset = PRESETS[env];
    expect(preset.snapshots.daily.retentionDays).toBeGreaterThanOrEqual(floor.backupRetentionDays);
    expect(preset.snapshots.pointInTimeDays).toBeGreaterThanOrEqual(floor.backupRetentionDays);
    expect(preset.keyVault.escrowRetentionDays).toBeGreaterThanOrEqual(floor.escrowLockDays);
    expect(SHARE_SOFT_DELETE_DAYS).toBeGreaterThanOrEqual(floor.shareSoftDeleteDays);
    if (preset.snapshots.drCopy.enabled) expect(preset.snapshots.drCopy.retentionDays).toBeGreaterThanOrEqual(floor.backupRetentionDays);
  });

  it("grows with the environment, and holds an unknown environment to prod's", () => {
    for (const k of Object.keys(AUDIT_MINIMUMS.prod) as (keyof typeof AUDIT_MINIMUMS.prod)[]) {
      expect(AUDIT_MINIMUMS.dev[k]).toBeLessThanOrEqual(AUDIT_MINIMUMS.staging[k]);
      expect(AUDIT_MINIMUMS.staging[k]).toBeLessThanOrEqual(AUDIT_MINIMUMS.prod[k]);
      expect(AUDIT_MINIMUMS.dev[k]).toBeGreaterThan(1);
    }
    expect(auditMinimums(undefined)).toEqual(AUDIT_MINIMUMS.prod);
    expect(auditMinimums("qa")).toEqual(AUDIT_MINIMUMS.prod);
    expect(auditMinimums("staging")).toEqual(AUDIT_MINIMUMS.staging);
  });
});
