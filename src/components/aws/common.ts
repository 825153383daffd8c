/**
 * Helpers shared by the AWS components: resource options for stateful children, the account context, and
 * customer-managed KMS keys whose policy denies scheduled deletion and (with a break-glass principal) policy changes.
 */
import { KMS_DELETION_WINDOW_DAYS } from "../../domain/keyRetention";
import { breakGlassAccountProblem, keyPolicyLockoutProblem, locksOutPolicyChanges } from "../../domain/limits/kmsKeyPolicy";
import * as pulumi from "@pulumi/pulumi";
import { getCallerIdentityOutput } from "@pulumi/aws/getCallerIdentity";
import { getPartitionOutput } from "@pulumi/aws/getPartition";
import * as kms from "@pulumi/aws/kms";
import { givenOr } from "../lookup";
import type { ProtectionArgs } from "../types";

/** Options for a stateful child: protected and retained on delete when protection is on. */
export function statefulOptions(parent: pulumi.Resource, protection: ProtectionArgs, extra: pulumi.CustomResourceOptions = {}): pulumi.CustomResourceOptions {
  return { ...extra, parent, protect: protection.enabled, retainOnDelete: protection.enabled };
}

export { forceDestroyOf } from "../teardown";

/** The AWS account of the deploying credentials, as key and resource policies name it. */
export interface AccountContext {
  /** The 12-digit account id. */
  accountId: string;
  /** The partition: aws, aws-cn or aws-us-gov. */
  partition: string;
}

/**
 * The account id and partition of the deploying credentials: one caller-identity and one partition lookup. A
 * program looks them up once and hands the result to its components (`account` in their args); a component
 * left without it looks them up itself, under its own provider.
 */
export function accountContext(parent?: pulumi.Resource): pulumi.Output<AccountContext> {
  const opts = parent ? { parent } : {};
  const identity = getCallerIdentityOutput({}, opts);
  const partition = getPartitionOutput({}, opts);
  return pulumi.all([identity.accountId, partition.partition]).apply(([accountId, p]) => ({ accountId, partition: p }));
}

/** The account context a component was given, or its own lookup when it was given none. */
export function accountOf(parent: pulumi.Resource, given: pulumi.Input<AccountContext> | undefined): pulumi.Output<AccountContext> {
  return givenOr(given, () => accountContext(parent));
}

export interface PolicyStatement {
  Sid: string;
  Effect: "Allow" | "Deny";
  Principal?: unknown;
  NotPrincipal?: unknown;
  Action: string | string[];
  NotAction?: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

/**
 * The statements that guard a protected key (none when protection is off, so that dev's `pulumi destroy` can
 * schedule the key's deletion, which the provider does on delete with the key's deletion window):
 * - `DenyKeyDeletion`: nobody but the break-glass principal may schedule the key's deletion or disable it, since a
 *   vault or Object Lock does not stop the destruction of the key that encrypts the data;
 * - `DenyKeyPolicyChange`, only when a break-glass principal is named: nobody else may rewrite the policy
 *   (kms:PutKeyPolicy), which would otherwise lift the first deny. Without a break-glass principal the package does
 *   not declare it: a policy nobody may change leaves the key unmanageable (KMS's CreateKey reference).
 * An explicit Deny on every principal binds the account root user and every IAM policy too; the exemption tests
 * aws:PrincipalArn, which for a role session is the role's ARN.
 */
export function protectiveStatements(protection: ProtectionArgs): PolicyStatement[] {
  if (!protection.enabled) return [];
  const breakGlass = protection.breakGlassPrincipalArn;
  const exempt = breakGlass ? { Condition: { ArnNotEquals: { "aws:PrincipalArn": breakGlass } } } : {};
  const statements: PolicyStatement[] = [
    { Sid: "DenyKeyDeletion", Effect: "Deny", Principal: { AWS: "*" }, Action: ["kms:ScheduleKeyDeletion", "kms:DisableKey"], Resource: "*", ...exempt },
  ];
  if (breakGlass) {
    statements.push({ Sid: "DenyKeyPolicyChange", Effect: "Deny", Principal: { AWS: "*" }, Action: "kms:PutKeyPolicy", Resource: "*", ...exempt });
  }
  return statements;
}

/**
 * The key's BypassPolicyLockoutSafetyCheck: true exactly when its policy denies PutKeyPolicy to the deploying
 * principal (everyone but the break-glass one). KMS documents the flag for a caller that means to lock itself out
 * of later policy changes, which is the point here; the break-glass principal keeps the key manageable. Throws
 * when the policy would break `aws-kms-key-policy-lockout`.
 */
export function lockoutBypass(protection: ProtectionArgs): boolean {
  const statements = protectiveStatements(protection) as unknown as Record<string, unknown>[];
  const bypass = locksOutPolicyChanges(statements);
  const problem = keyPolicyLockoutProblem(statements, bypass);
  if (problem) throw new Error(`KMS key policy (protection ${JSON.stringify(protection)}) ${problem} [aws-kms-key-policy-lockout]`);
  return bypass;
}

/**
 * Refuses, before anything is declared, a break-glass principal outside the account a component was handed as a plain
 * value (`account`): its keys' policies exempt that principal from the key management denies, and KMS never lets
 * another account manage a key, so the keys could never be changed or deleted again. An account the component looks
 * up itself (or is handed as an output) is known only at deployment: the platform limit
 * aws-kms-key-policy-exemption-same-account then judges the declared policies (offline plan, policy pack), and the
 * stack program's config states its account (`aws:allowedAccountIds`) and is refused first.
 */
export function refuseForeignBreakGlass(component: string, protection: ProtectionArgs | undefined, account: pulumi.Input<AccountContext> | undefined): void {
  const breakGlass = protection?.breakGlassPrincipalArn;
  if (!breakGlass || account === undefined || pulumi.Output.isInstance(account) || typeof (account as { then?: unknown }).then === "function") return;
  const problem = breakGlassAccountProblem(breakGlass, (account as AccountContext).accountId);
  if (problem) throw new Error(`${component}: protection.breakGlassPrincipalArn: ${problem} [aws-kms-key-policy-exemption-same-account]`);
}

/**
 * A KMS key policy: the account administers the key through IAM, optional service statements, and (when
 * protected) the {@link protectiveStatements}.
 */
export function keyPolicy(
  account: pulumi.Output<AccountContext>,
  protection: ProtectionArgs,
  extra: (a: AccountContext) => PolicyStatement[] = () => [],
): pulumi.Output<string> {
  const guards = protectiveStatements(protection);
  return account.apply((a) => {
    const statements: PolicyStatement[] = [
      {
        Sid: "AccountAdministersKeyThroughIam",
        Effect: "Allow",
        Principal: { AWS: `arn:${a.partition}:iam::${a.accountId}:root` },
        Action: "kms:*",
        Resource: "*",
      },
      ...extra(a),
      ...guards,
    ];
    return JSON.stringify({ Version: "2012-10-17", Statement: statements });
  });
}

export interface CmkArgs {
  description: string;
  region: pulumi.Input<string>;
  account: pulumi.Output<AccountContext>;
  protection: ProtectionArgs;
  tags: Record<string, string>;
  multiRegion?: boolean;
  extraStatements?: (a: AccountContext) => PolicyStatement[];
}

/**
 * A customer-managed symmetric key with yearly rotation, a 30-day deletion window and a protective policy. The
 * provider sends the policy with CreateKey and calls PutKeyPolicy again only when the declared policy differs from
 * the key's (a second `pulumi up` with nothing changed sends none); with protection and a break-glass principal,
 * a change to the policy must be deployed by that principal.
 */
export function customerManagedKey(name: string, args: CmkArgs, parent: pulumi.Resource): kms.Key {
  return new kms.Key(
    name,
    {
      description: args.description,
      region: args.region,
      enableKeyRotation: true,
      rotationPeriodInDays: 365,
      deletionWindowInDays: KMS_DELETION_WINDOW_DAYS,
      multiRegion: args.multiRegion ?? false,
      bypassPolicyLockoutSafetyCheck: lockoutBypass(args.protection),
      policy: keyPolicy(args.account, args.protection, args.extraStatements),
      tags: args.tags,
    },
    statefulOptions(parent, args.protection),
  );
}

/** Tags of every resource: the stack's tags plus the element it belongs to. */
export function elementTags(tags: Record<string, string> | undefined, element: string): Record<string, string> {
  return { ...(tags ?? {}), "cenm-backup:element": element };
}
