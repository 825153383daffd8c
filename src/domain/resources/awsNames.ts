/**
 * Names AWS keeps unique: for each resource type and input the package (or a program the audit reads) may set a name
 * on, where AWS keeps that name unique and what it accepts. Two stacks in one account that fix the same name in the
 * same scope collide: the second creation fails (or, for EventBridge rules and SNS topics, silently takes over the
 * first stack's resource). A name that carries the stack, or a part drawn with each creation, cannot collide.
 *
 * Sources, per row: the API reference of the creating operation (its parameter text and its AlreadyExists error), as
 * the botocore models carry them, and terraform-provider-aws where the provider validates further.
 */
import { createHash } from "crypto";
import { T } from "./awsTokens";

/** Where AWS keeps a name unique: per account and Region, per account (IAM), per partition (S3), or inside a parent. */
export type NameScope = "account-region" | "account" | "partition" | "parent";

export interface NamedInput {
  type: string;
  /** The input holding the name. */
  property: string;
  scope: NameScope;
  /** What AWS accepts, when the package checks it: a pattern and its wording. */
  syntax?: { pattern: RegExp; text: string };
  /** The page or provider file the row is read from. */
  source: string;
}

const BACKUP_API = "https://docs.aws.amazon.com/aws-backup/latest/devguide";
const RESTORE_TESTING_NAME = { pattern: /^[0-9A-Za-z_]{1,50}$/, text: "1 to 50 letters, digits or underscores" };
const BACKUP_DISPLAY_NAME = { pattern: /^[0-9A-Za-z_.-]{1,50}$/, text: "1 to 50 letters, digits, hyphens, underscores or periods" };

/** The named inputs the package knows the scope of. */
export const AWS_NAMED_INPUTS: readonly NamedInput[] = [
  // "a unique string that is the name of the restore testing plan ... only alphanumeric characters and underscores";
  // the provider validates 1-50 characters (internal/service/backup/restore_testing_plan.go).
  { type: T.restoreTestingPlan, property: "name", scope: "account-region", syntax: RESTORE_TESTING_NAME, source: `${BACKUP_API}/API_RestoreTestingPlanForCreate.html` },
  // "The unique name of the restore testing selection that belongs to the related restore testing plan", max 50.
  { type: T.restoreTestingSelection, property: "name", scope: "parent", syntax: RESTORE_TESTING_NAME, source: `${BACKUP_API}/API_RestoreTestingSelectionForCreate.html` },
  // Vault names are "unique to the account used to create them and the AWS Region"; the provider takes 2-50 of
  // letters, digits, hyphens and underscores (internal/service/backup/vault.go).
  { type: T.backupVault, property: "name", scope: "account-region", syntax: { pattern: /^[0-9A-Za-z_-]{2,50}$/, text: "2 to 50 letters, digits, hyphens or underscores" }, source: `${BACKUP_API}/API_CreateBackupVault.html` },
  // CreateBackupPlan answers AlreadyExistsException for a plan that exists; names are 1-50 of alphanumerics and -_.
  { type: T.backupPlan, property: "name", scope: "account-region", syntax: BACKUP_DISPLAY_NAME, source: `${BACKUP_API}/API_CreateBackupPlan.html` },
  { type: T.backupSelection, property: "name", scope: "parent", syntax: BACKUP_DISPLAY_NAME, source: `${BACKUP_API}/API_BackupSelection.html` },
  // PutRule creates or updates the rule of that name on the event bus: a second stack would take the first's over.
  { type: T.eventRule, property: "name", scope: "account-region", syntax: { pattern: /^[.\-_A-Za-z0-9]{1,64}$/, text: "1 to 64 letters, digits, periods, hyphens or underscores" }, source: "https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutRule.html" },
  // "IAM user, group, role, and policy names must be unique within the account", not distinguished by case.
  { type: "aws:iam/role:Role", property: "name", scope: "account", syntax: { pattern: /^[\w+=,.@-]{1,64}$/, text: "1 to 64 letters, digits or _+=,.@-" }, source: "https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html" },
  // CreateTrail answers TrailAlreadyExistsException.
  { type: T.cloudTrail, property: "name", scope: "account-region", source: "https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_CreateTrail.html" },
  // CreateDBInstance answers DBInstanceAlreadyExists; DeleteDBInstance answers DBSnapshotAlreadyExists for a taken
  // final snapshot identifier (the aws-rds-final-snapshot-unique limit judges its syntax).
  { type: T.rdsInstance, property: "identifier", scope: "account-region", source: "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html" },
  { type: T.rdsInstance, property: "finalSnapshotIdentifier", scope: "account-region", source: "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DeleteDBInstance.html" },
  { type: T.rdsCluster, property: "clusterIdentifier", scope: "account-region", source: "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBCluster.html" },
  { type: T.rdsCluster, property: "finalSnapshotIdentifier", scope: "account-region", source: "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DeleteDBCluster.html" },
  // "The bucket namespace is shared by all users of the system" (BucketAlreadyExists).
  { type: T.bucket, property: "bucket", scope: "partition", source: "https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateBucket.html" },
  // CreateTopic is idempotent: a second stack naming the same topic would get the first stack's topic.
  { type: T.snsTopic, property: "name", scope: "account-region", source: "https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html" },
  // CreateAlias answers AlreadyExistsException.
  { type: T.kmsAlias, property: "name", scope: "account-region", source: "https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateAlias.html" },
];

/** The named-input row of a type and input, if the package knows it. */
export function namedInput(type: string, property: string): NamedInput | undefined {
  return AWS_NAMED_INPUTS.find((n) => n.type === type && n.property === property);
}

/** What is wrong with `name` as the value of a named input, or undefined (also for rows without a syntax). */
export function nameSyntaxProblem(row: NamedInput, name: string): string | undefined {
  return row.syntax && !row.syntax.pattern.test(name) ? row.syntax.text : undefined;
}

/** The stack of a URN (`urn:pulumi:<stack>::<project>::...`), or undefined. */
export function stackOfUrn(urn: string): string | undefined {
  const m = /^urn:pulumi:([^:]+)::/.exec(urn);
  return m ? m[1] : undefined;
}

/** Longest stack part the package writes into a name; a longer stack name is shortened and given a digest of itself. */
export const STACK_TOKEN_MAX_CHARS = 24;

/** Lower-case words of letters and digits. */
function words(text: string): string[] {
  return text.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w !== "");
}

/**
 * The part of a name that stands for the stack: its words joined by `separator`, or, when longer than
 * STACK_TOKEN_MAX_CHARS, the first words cut short followed by 8 hexadecimal digits of the stack name's SHA-256.
 */
export function stackToken(stack: string, separator: "-" | "_" = "-"): string {
  const whole = words(stack).join(separator);
  if (whole.length <= STACK_TOKEN_MAX_CHARS) return whole;
  const digest = createHash("sha256").update(stack).digest("hex").slice(0, 8);
  return `${whole.slice(0, STACK_TOKEN_MAX_CHARS - digest.length - 1).replace(/[-_]+$/, "")}${separator}${digest}`;
}

/** Whether the words of `name` contain the stack's words in a row (whole or as the package shortens them). */
export function nameCarriesStack(name: string, stack: string): boolean {
  const haystack = words(name);
  return [words(stack), words(stackToken(stack))].some((needle) => {
    if (needle.length === 0) return false;
    for (let i = 0; i + needle.length <= haystack.length; i++) if (needle.every((w, j) => haystack[i + j] === w)) return true;
    return false;
  });
}

/**
 * Whether `name` is the name Pulumi gives a resource the program names not: its logical name, a hyphen and seven
 * random hexadecimal digits (case aside: RDS stores identifiers in lower case).
 */
export function isAutoName(name: string, logicalName: string): boolean {
  return name.toLowerCase().startsWith(`${logicalName.toLowerCase()}-`) && /^[0-9a-f]{7}$/.test(name.slice(logicalName.length + 1).toLowerCase());
}
