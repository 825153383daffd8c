/**
 * What every AWS component with keys says for the break-glass principal (common.ts), and its refusal of one outside
 * the account it was handed, before anything is declared.
 */
import * as pulumi from "@pulumi/pulumi";
import { AlertTopic } from "../../../src/components/aws/AlertTopic";
import { EscrowAccessLog } from "../../../src/components/aws/EscrowAccessLog";
import { keyPolicy, refuseForeignBreakGlass, type AccountContext } from "../../../src/components/aws/common";

/** The value of an Output (Output.promise is the runtime's own accessor). */
function valueOf<T>(o: pulumi.Output<T>): Promise<T> {
  return (o as unknown as { promise(): Promise<T> }).promise();
}

const ACCOUNT: AccountContext = { accountId: "123456789012", partition: "aws" };
const OWN = "arn:aws:iam::123456789012:role/cenm-break-glass";
const OTHER = "arn:aws:iam::111122223333:role/cenm-break-glass";
const REFUSAL =
  /protection\.breakGlassPrincipalArn: arn:aws:iam::111122223333:role\/cenm-break-glass belongs to account 111122223333, not to the keys' account 123456789012: KMS never lets a principal of another account change a key's policy, schedule its deletion or disable it.*\[aws-kms-key-policy-exemption-same-account\]$/;

describe("the break-glass principal and the keys' account", () => {
  it("exempts a break-glass role of the keys' account from the key management denies", async () => {
    const doc = JSON.parse(await valueOf(keyPolicy(pulumi.output(ACCOUNT), { enabled: true, breakGlassPrincipalArn: OWN })));
    expect(doc.Statement.map((s: { Sid: string }) => s.Sid)).toEqual(["AccountAdministersKeyThroughIam", "DenyKeyDeletion", "DenyKeyPolicyChange"]);
    for (const s of doc.Statement.slice(1)) expect(s.Condition).toEqual({ ArnNotEquals: { "aws:PrincipalArn": OWN } });
  });

  it("refuses one of another account than the one handed as a value, protected or not (the escrow's bucket policies exempt it too)", () => {
    for (const enabled of [true, false]) {
      expect(() => refuseForeignBreakGlass("OfflineKeyVault", { enabled, breakGlassPrincipalArn: OTHER }, ACCOUNT)).toThrow(REFUSAL);
    }
    expect(() => refuseForeignBreakGlass("OfflineKeyVault", { enabled: true, breakGlassPrincipalArn: OWN }, ACCOUNT)).not.toThrow();
    // Nothing to compare with: no break-glass principal, or an account known only at deployment (the limit judges the plan).
    expect(() => refuseForeignBreakGlass("OfflineKeyVault", { enabled: true }, ACCOUNT)).not.toThrow();
    expect(() => refuseForeignBreakGlass("OfflineKeyVault", { enabled: true, breakGlassPrincipalArn: OTHER }, undefined)).not.toThrow();
    expect(() => refuseForeignBreakGlass("OfflineKeyVault", { enabled: true, breakGlassPrincipalArn: OTHER }, pulumi.output(ACCOUNT))).not.toThrow();
  });

  it("is refused by the components before they declare anything", () => {
    const protection = { enabled: true, breakGlassPrincipalArn: OTHER };
    const common = { environment: "prod" as const, region: "eu-west-1", drRegion: "eu-central-1", protection, account: ACCOUNT, tags: {} };
    expect(() => new AlertTopic("cenm-alerts", { ...common, emails: ["ops@example.com"] })).toThrow(new RegExp(`^AlertTopic: ${REFUSAL.source}`));
    expect(() => new EscrowAccessLog("cenm-log", { region: "eu-west-1", bucketArns: ["arn:aws:s3:::cenm-escrow"], retentionDays: 1, lockMode: "governance", protection, account: ACCOUNT })).toThrow(
      new RegExp(`^EscrowAccessLog: ${REFUSAL.source}`),
    );
  });
});
