/**
 * Helpers shared by the AWS components: resource options for stateful children, the account context, and
 * customer-managed KMS keys whose policy denies scheduled deletion.
 */
import { KMS_DELETION_WINDOW_DAYS } from "../../domain/keyRetention";
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
 * A KMS key policy: the account administers the key through IAM, optional service statements, and (when
 * protected) a deny of ScheduleKeyDeletion and DisableKey for everyone but the break-glass principal, since a
 * vault lock does not stop the deletion of the key that encrypts the recovery points.
 */
export function keyPolicy(
  account: pulumi.Output<AccountContext>,
  protection: ProtectionArgs,
  extra: (a: AccountContext) => PolicyStatement[] = () => [],
): pulumi.Output<string> {
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
    ];
    if (protection.enabled) {
      statements.push({
        Sid: "DenyKeyDeletion",
        Effect: "Deny",
        Principal: { AWS: "*" },
        Action: ["kms:ScheduleKeyDeletion", "kms:DisableKey"],
        Resource: "*",
        ...(protection.breakGlassPrincipalArn
          ? { Condition: { ArnNotEquals: { "aws:PrincipalArn": protection.breakGlassPrincipalArn } } }
          : {}),
      });
    }
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

/** A customer-managed symmetric key with yearly rotation, a 30-day deletion window and a protective policy. */
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
      bypassPolicyLockoutSafetyCheck: false,
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
