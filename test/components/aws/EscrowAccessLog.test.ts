import { EscrowAccessLog, trailName, type EscrowAccessLogArgs } from "../../../src/components/aws/EscrowAccessLog";
import { declare, json, one } from "../../helpers/offline";

const TRAIL = "aws:cloudtrail/trail:Trail";
const REPLICA_ARN = "arn:aws:s3:::cenm-replica";

function args(overrides: Partial<EscrowAccessLogArgs> = {}): EscrowAccessLogArgs {
  return {
    region: "eu-central-1",
    bucketArns: [REPLICA_ARN],
    retentionDays: 365,
    lockMode: "compliance",
    protection: { enabled: true, breakGlassPrincipalArn: "arn:aws:iam::123456789012:role/cenm-break-glass" },
    ...overrides,
  };
}

describe("trailName", () => {
  it.each([
    ["cenm-keys-access-log-trail", "aws-prod", "cenm-keys-access-log-trail-aws-prod"],
    // Characters CreateTrail refuses become hyphens; runs of separators collapse, none is left at either end.
    ["cenm keys", "org/aws--prod", "cenm-keys-org-aws-prod"],
    ["-a", "_", "a00"],
    ["x".repeat(130), "s", "x".repeat(128)],
  ])("%s in stack %s -> %s", (logical, stack, expected) => {
    const name = trailName(logical, stack);
    expect(name).toBe(expected);
    expect(name).toMatch(/^[A-Za-z0-9]([A-Za-z0-9]|[._-](?=[A-Za-z0-9]))*$/);
    expect(name.length).toBeGreaterThanOrEqual(3);
    expect(name.length).toBeLessThanOrEqual(128);
  });
});

describe("EscrowAccessLog", () => {
  it("records every region by default, and only its own with multiRegionTrail false", async () => {
    const all = await declare(() => new EscrowAccessLog("log", args()) && {});
    expect(one(all, TRAIL).inputs).toMatchObject({ region: "eu-central-1", isMultiRegionTrail: true, includeGlobalServiceEvents: true });
    const regional = await declare(() => new EscrowAccessLog("log", args({ multiRegionTrail: false })) && {});
    expect(one(regional, TRAIL).inputs).toMatchObject({ region: "eu-central-1", isMultiRegionTrail: false, includeGlobalServiceEvents: false });
  });

  it("keeps its key's policy closed to rewriting but by the break-glass principal", async () => {
    const run = await declare(() => new EscrowAccessLog("log", args({ multiRegionTrail: false })) && {});
    const key = one(run, "aws:kms/key:Key");
    expect(json(key.inputs.policy).Statement.map((s: { Sid: string }) => s.Sid)).toEqual([
      "AccountAdministersKeyThroughIam",
      "CloudTrailEncryptsThisTrailsLogs",
      "CloudTrailDescribesKey",
      "DenyKeyDeletion",
      "DenyKeyPolicyChange",
    ]);
    expect(key.inputs.bypassPolicyLockoutSafetyCheck).toBe(true);
  });

  it("refuses a multiRegionTrail that is not a boolean, naming the arg", () => {
    expect(() => new EscrowAccessLog("log", args({ multiRegionTrail: "no" as never }))).toThrow('EscrowAccessLog: multiRegionTrail is "no"; expected true or false');
  });
});
