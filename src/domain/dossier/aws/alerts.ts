/** Dossier rows (see ../types.ts) of the alert topics: SNS topics, topic policies and subscriptions. */
import type { DossierRow } from "../types";

const SNS_API = "https://docs.aws.amazon.com/sns/latest/api";
const TF_SNS = "https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service/sns";

const TOPIC = "aws:sns/topic:Topic";
const TOPIC_POLICY = "aws:sns/topicPolicy:TopicPolicy";
const SUBSCRIPTION = "aws:sns/topicSubscription:TopicSubscription";

/** Provider v6+ (Pulumi aws v7): a resource's own region input, instead of a provider per region. */
const TF_REGION = "https://hashicorp.github.io/terraform-provider-aws/enhanced-region-support";

export const ALERT_ROWS: readonly DossierRow[] = [
  {
    type: TOPIC,
    properties: ["region"],
    update: "replaces",
    sets: "One topic in the primary region and one in the DR region, so that alarms and backup events raised in either region have a topic of their own region to notify.",
    lifecycle: "The provider creates and manages each topic through its region's endpoint (v6+ per-resource region, no second provider); a topic's ARN carries its region.",
    sources: [TF_REGION, `${SNS_API}/API_CreateTopic.html`],
  },
  {
    type: TOPIC_POLICY,
    properties: ["region"],
    update: "replaces",
    sets: "The region of the topic it belongs to.",
    lifecycle: "The provider calls SetTopicAttributes on that region's endpoint, where the topic (named by arn) lives.",
    sources: [TF_REGION, `${SNS_API}/API_SetTopicAttributes.html`],
  },
  {
    type: TOPIC,
    properties: ["kmsMasterKeyId"],
    update: "in-place",
    sets: "The ARN of the topic's own customer-managed key in the topic's region (one per topic), whose policy lets AWS Backup, EventBridge and CloudWatch generate data keys and decrypt, with no source condition for EventBridge (limit aws-kms-eventbridge-key-conditions).",
    lifecycle: "A topic attribute: set at creation and changed in place with SetTopicAttributes. SNS takes symmetric keys only; for an AWS service to publish to an encrypted topic the key policy must grant that service kms:GenerateDataKey* and kms:Decrypt, and SNS's key-management page says aws:SourceAccount and aws:SourceArn are not supported in that statement for EventBridge. Publishing fails while the key is disabled or missing (SNS lists KMSDisabledException and KMSNotFoundException); the key is protected and its policy denies deletion where protection is on.",
    sources: [`${SNS_API}/API_SetTopicAttributes.html`, "https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services"],
  },
  {
    type: TOPIC,
    properties: ["displayName"],
    update: "in-place",
    sets: "CENM backup alerts, a readable label for the topic.",
    lifecycle: "A topic attribute set at creation and updated in place; SNS's API reference describes it as the display name for SMS subscriptions, which these topics do not have, so it changes no delivery here.",
    sources: [`${SNS_API}/API_SetTopicAttributes.html`],
  },
  {
    type: TOPIC,
    properties: ["tags"],
    update: "in-place",
    sets: "The stack's tags and cenm-backup:element alerts. The topic name itself is left to Pulumi's auto-naming.",
    lifecycle: "Written at creation and updated in place. Deleting the topic deletes all its subscriptions, and messages already published may then go undelivered; CreateTopic is idempotent for a name the account already owns.",
    sources: [`${SNS_API}/API_CreateTopic.html`, `${SNS_API}/API_DeleteTopic.html`],
  },
  {
    type: TOPIC_POLICY,
    properties: ["arn", "policy"],
    update: { arn: "replaces", policy: "in-place" },
    sets: "The topic's whole access policy: AWS Backup and EventBridge may publish with aws:SourceAccount tested by StringEqualsIfExists against this account (a publish without the key passes, one naming another account is refused), CloudWatch alarms of this account and region by aws:SourceArn, and every publish without TLS is denied. Limit aws-sns-service-publisher-conditions allows a plain test only of keys the service is documented to send (EventBridge's own pages disagree on whether its rules send any to SNS).",
    lifecycle: "SetTopicAttributes Policy replaces the default policy (publish and subscribe by the owner account's principals) in place on every change; arn forces a replacement. The provider cannot remove a topic policy (it notes SNS takes no empty one), so deleting the resource puts back SNS's default policy, which grants by owner account (AWS:SourceOwner) instead of by service, without the TLS deny.",
    sources: [`${SNS_API}/API_SetTopicAttributes.html`, `${TF_SNS}/topic_policy.go`, "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html", "https://docs.aws.amazon.com/eventbridge/latest/userguide/cross-service-confused-deputy-prevention.html"],
  },
  {
    type: SUBSCRIPTION,
    properties: ["protocol", "endpoint", "topic"],
    update: "replaces",
    sets: "protocol email with each address of the emails arg (validated as name@domain, no duplicates), on both the primary and the DR topic.",
    lifecycle: "Subscribe sends a confirmation message; an e-mail subscription delivers nothing until its owner confirms, and confirmation tokens are valid for two days. The provider does not wait for e-mail confirmation. All three inputs force a replacement. SNS refuses to unsubscribe a subscription still pending confirmation, so destroying or replacing one removes it from the state and leaves it in AWS; deleting the topic deletes every subscription.",
    sources: [`${SNS_API}/API_Subscribe.html`, `${SNS_API}/API_Unsubscribe.html`, `${TF_SNS}/topic_subscription.go`],
  },
  {
    type: SUBSCRIPTION,
    properties: ["region"],
    update: "replaces",
    sets: "The region of the topic it subscribes to (the primary or the DR region).",
    lifecycle: "The provider creates the subscription through the given region's endpoint; the subscription must be made in the topic's region, else creation fails.",
    sources: ["https://www.pulumi.com/registry/packages/aws/api-docs/sns/topicsubscription/", `${TF_SNS}/topic_subscription.go`],
  },
];
