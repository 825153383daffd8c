/**
 * The alert topics every other AWS component reports to: one in the primary region and one in the DR region.
 */
import * as pulumi from "@pulumi/pulumi";
import * as sns from "@pulumi/aws/sns";
import { AccountContext, accountOf, customerManagedKey, elementTags, PolicyStatement, refuseForeignBreakGlass } from "./common";
import type { AlertTopicArgs } from "./contracts";
import type { CopyDescriptor } from "../types";

/** Services that publish CENM backup alerts: AWS Backup, EventBridge rules and CloudWatch alarms. */
export const ALERT_PUBLISHERS = ["backup.amazonaws.com", "events.amazonaws.com", "cloudwatch.amazonaws.com"] as const;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function validateAlertTopicArgs(args: AlertTopicArgs): void {
  if (!args.region) throw new Error(`AlertTopic: region must be an AWS region name such as eu-west-1, received ${JSON.stringify(args.region)}`);
  if (!args.drRegion) throw new Error(`AlertTopic: drRegion must be an AWS region name such as eu-central-1, received ${JSON.stringify(args.drRegion)}`);
  if (args.drRegion === args.region) {
    throw new Error(`AlertTopic: drRegion must differ from region (both are "${args.region}"): the DR topic serves alarms raised in the DR region`);
  }
  for (const email of args.emails ?? []) {
    if (!EMAIL.test(email)) throw new Error(`AlertTopic: emails contains "${email}", which is not an e-mail address (expected name@domain)`);
  }
  const duplicates = (args.emails ?? []).filter((e, i, all) => all.indexOf(e) !== i);
  if (duplicates.length > 0) throw new Error(`AlertTopic: emails lists ${duplicates.join(", ")} more than once; each address may appear once`);
}

/** Key-policy statements that let the alert publishers encrypt messages for, and read them from, the topic. */
function publisherKeyStatements(): PolicyStatement[] {
  return [
    {
      Sid: "AlertPublishersUseKey",
      Effect: "Allow",
      Principal: { Service: [...ALERT_PUBLISHERS] },
      Action: ["kms:GenerateDataKey*", "kms:Decrypt"],
      Resource: "*",
    },
  ];
}

/**
 * Topic policy: the alert publishers may publish, and only for this account; nobody may publish over plain HTTP.
 *
 * Each service statement follows SNS_PUBLISHER_CONDITION_KEYS (limit aws-sns-service-publisher-conditions):
 * CloudWatch is scoped by the alarm ARN it is documented to send. AWS Backup and EventBridge are scoped by
 * aws:SourceAccount with StringEqualsIfExists: EventBridge documents that key (and aws:SourceArn) for a rule's
 * targets but, on its resource-policy page, no condition for SNS topics; neither service documents it on the SNS
 * path. The IfExists test lets through a publish that carries no source account (so no alert of ours is dropped)
 * and refuses one that names another account (another account's rule or vault aimed at this topic).
 */
function topicPolicy(topicArn: pulumi.Output<string>, region: string, account: pulumi.Output<AccountContext>): pulumi.Output<string> {
  return pulumi.all([topicArn, account]).apply(([arn, a]) =>
    JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "AwsBackupNotificationsOfThisAccount",
          Effect: "Allow",
          Principal: { Service: "backup.amazonaws.com" },
          Action: "sns:Publish",
          Resource: arn,
          Condition: { StringEqualsIfExists: { "aws:SourceAccount": a.accountId } },
        },
        {
          Sid: "EventBridgeRulesOfThisAccount",
          Effect: "Allow",
          Principal: { Service: "events.amazonaws.com" },
          Action: "sns:Publish",
          Resource: arn,
          Condition: { StringEqualsIfExists: { "aws:SourceAccount": a.accountId } },
        },
        {
          Sid: "CloudWatchAlarmsOfThisAccount",
          Effect: "Allow",
          Principal: { Service: "cloudwatch.amazonaws.com" },
          Action: "sns:Publish",
          Resource: arn,
          Condition: { ArnLike: { "aws:SourceArn": `arn:${a.partition}:cloudwatch:${region}:${a.accountId}:alarm:*` } },
        },
        {
          Sid: "DenyPublishWithoutTls",
          Effect: "Deny",
          Principal: "*",
          Action: "sns:Publish",
          Resource: arn,
          Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
      ],
    }),
  );
}

/**
 * A pair of SNS topics for backup and replication alerts, one in the primary region and one in the DR region,
 * because a CloudWatch alarm can only notify a topic of its own region.
 *
 * Each topic is encrypted with its own customer-managed KMS key (rotation on, deletion denied when protected);
 * the key policy lets AWS Backup, EventBridge and CloudWatch use the key (without source conditions: SNS's key
 * management page says aws:SourceAccount and aws:SourceArn are not supported in a key policy for EventBridge to an
 * encrypted topic; limit aws-kms-eventbridge-key-conditions). The topic policy lets those three services publish
 * for this account only (CloudWatch: alarms of this account and region by their ARN; AWS Backup and EventBridge:
 * aws:SourceAccount tested with IfExists, see `topicPolicy`) and refuses publishing without TLS. Every address in
 * `emails` is subscribed to both topics (each subscriber must confirm the e-mail AWS sends).
 *
 * The keys are stateful children (protected when `protection.enabled`); the topics hold no data and are not.
 */
export class AlertTopic extends pulumi.ComponentResource {
  /** Topic in the primary region. */
  public readonly topicArn: pulumi.Output<string>;
  /** Topic in the DR region. */
  public readonly drTopicArn: pulumi.Output<string>;
  /** Key encrypting the primary topic. */
  public readonly kmsKeyArn: pulumi.Output<string>;
  /** Key encrypting the DR topic. */
  public readonly drKmsKeyArn: pulumi.Output<string>;
  /** Always empty: alert topics carry notifications, never CENM data. */
  public readonly copies: pulumi.Output<CopyDescriptor[]>;

  constructor(name: string, args: AlertTopicArgs, opts?: pulumi.ComponentResourceOptions) {
    validateAlertTopicArgs(args);
    refuseForeignBreakGlass("AlertTopic", args.protection, args.account);
    super("cenm-backup:aws:AlertTopic", name, {}, opts);

    const account = accountOf(this, args.account);
    const emails = args.emails ?? [];
    const tags = elementTags(args.tags, "alerts");

    const declareTopic = (prefix: string, region: string, where: string) => {
      const key = customerManagedKey(
        `${prefix}-key`,
        {
          description: `Encrypts the CENM backup alert topic in ${region} (${where})`,
          region,
          account,
          protection: args.protection,
          tags,
          extraStatements: publisherKeyStatements,
        },
        this,
      );
      const topic = new sns.Topic(
        `${prefix}-topic`,
        { region, displayName: "CENM backup alerts", kmsMasterKeyId: key.arn, tags },
        { parent: this },
      );
      new sns.TopicPolicy(`${prefix}-topic-policy`, { region, arn: topic.arn, policy: topicPolicy(topic.arn, region, account) }, { parent: this });
      emails.forEach((email, i) => {
        new sns.TopicSubscription(`${prefix}-email-${i}`, { region, topic: topic.arn, protocol: "email", endpoint: email }, { parent: this });
      });
      return { key, topic };
    };

    const primary = declareTopic(name, args.region, "primary region");
    const dr = declareTopic(`${name}-dr`, args.drRegion, "DR region");

    this.topicArn = primary.topic.arn;
    this.drTopicArn = dr.topic.arn;
    this.kmsKeyArn = primary.key.arn;
    this.drKmsKeyArn = dr.key.arn;
    this.copies = pulumi.output([]);

    this.registerOutputs({
      topicArn: this.topicArn,
      drTopicArn: this.drTopicArn,
      kmsKeyArn: this.kmsKeyArn,
      drKmsKeyArn: this.drKmsKeyArn,
      copies: this.copies,
    });
  }
}
