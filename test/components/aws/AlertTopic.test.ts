import { AlertTopic } from "../../../src/components/aws/AlertTopic";
import type { AlertTopicArgs } from "../../../src/components/aws/contracts";
import { declare, json, named, ofType, one } from "../../helpers/offline";

const SERVICES = ["backup.amazonaws.com", "events.amazonaws.com", "cloudwatch.amazonaws.com"];

function args(overrides: Partial<AlertTopicArgs> = {}): AlertTopicArgs {
  return {
    environment: "prod",
    region: "eu-west-1",
    drRegion: "eu-central-1",
    protection: { enabled: true },
    tags: { team: "cenm" },
    emails: ["ops@example.com", "oncall@example.com"],
    ...overrides,
  };
}

function build(a: AlertTopicArgs) {
  return () => {
    const t = new AlertTopic("cenm-alerts", a);
    return { topicArn: t.topicArn, drTopicArn: t.drTopicArn, kmsKeyArn: t.kmsKeyArn, drKmsKeyArn: t.drKmsKeyArn, copies: t.copies };
  };
}

describe("AlertTopic", () => {
  it("declares an encrypted topic in the primary region and another in the DR region", async () => {
    const run = await declare(build(args()));
    const topics = ofType(run, "aws:sns/topic:Topic");
    expect(topics.map((t) => [t.name, t.inputs.region]).sort()).toEqual([
      ["cenm-alerts-dr-topic", "eu-central-1"],
      ["cenm-alerts-topic", "eu-west-1"],
    ]);
    const keys = ofType(run, "aws:kms/key:Key");
    expect(keys.map((k) => [k.name, k.inputs.region]).sort()).toEqual([
      ["cenm-alerts-dr-key", "eu-central-1"],
      ["cenm-alerts-key", "eu-west-1"],
    ]);
    expect(named(run, "cenm-alerts-topic").inputs.kmsMasterKeyId).toBe("arn:aws:kms:eu-west-1:123456789012:key/cenm-alerts-key");
    expect(named(run, "cenm-alerts-dr-topic").inputs.kmsMasterKeyId).toBe("arn:aws:kms:eu-central-1:123456789012:key/cenm-alerts-dr-key");
    for (const r of [...topics, ...keys]) {
      expect(r.parent).toBe("cenm-alerts");
      expect(r.inputs.tags).toEqual({ team: "cenm", "cenm-backup:element": "alerts" });
    }
    expect(run.outputs).toMatchObject({
      topicArn: "arn:aws:sns:eu-west-1:123456789012:topic/cenm-alerts-topic-0000000",
      drTopicArn: "arn:aws:sns:eu-central-1:123456789012:topic/cenm-alerts-dr-topic-0000000",
      kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/cenm-alerts-key",
      drKmsKeyArn: "arn:aws:kms:eu-central-1:123456789012:key/cenm-alerts-dr-key",
      copies: [],
    });
    expect(one(run, "cenm-backup:aws:AlertTopic").name).toBe("cenm-alerts");
  });

  it("uses the account it is given for its policies, or looks the account up itself", async () => {
    const given = await declare(build(args({ account: { accountId: "210987654321", partition: "aws-us-gov" } })));
    expect(given.calls).toEqual([]);
    const admin = json(named(given, "cenm-alerts-key").inputs.policy).Statement.find((st: { Sid: string }) => st.Sid === "AccountAdministersKeyThroughIam");
    expect(admin.Principal).toEqual({ AWS: "arn:aws-us-gov:iam::210987654321:root" });
    expect(JSON.stringify(json(named(given, "cenm-alerts-topic-policy").inputs.policy))).toContain('"aws:SourceArn":"arn:aws-us-gov:cloudwatch:eu-west-1:210987654321:alarm:*"');

    const own = await declare(build(args()));
    expect([...own.calls].sort()).toEqual(["aws:index/getCallerIdentity:getCallerIdentity", "aws:index/getPartition:getPartition"]);
    expect(json(named(own, "cenm-alerts-key").inputs.policy).Statement[0].Principal).toEqual({ AWS: "arn:aws:iam::123456789012:root" });
  });

  it("lets the three publishing services use each key, and denies key deletion when protected", async () => {
    const run = await declare(build(args()));
    for (const name of ["cenm-alerts-key", "cenm-alerts-dr-key"]) {
      const key = named(run, name);
      expect(key.inputs.enableKeyRotation).toBe(true);
      const statements = json(key.inputs.policy).Statement;
      const services = statements.find((s: any) => s.Sid === "AlertPublishersUseKey");
      expect(services).toEqual({
        Sid: "AlertPublishersUseKey",
        Effect: "Allow",
        Principal: { Service: SERVICES },
        Action: ["kms:GenerateDataKey*", "kms:Decrypt"],
        Resource: "*",
      });
      const deny = statements.find((s: any) => s.Sid === "DenyKeyDeletion");
      expect(deny.Effect).toBe("Deny");
      expect(deny.Action).toContain("kms:ScheduleKeyDeletion");
      expect(key.options).toMatchObject({ protect: true, retainOnDelete: true });
    }
  });

  it("lets each service publish for this account only, on conditions that cannot drop its alerts, and refuses publishing without TLS", async () => {
    const run = await declare(build(args()));
    const policies = ofType(run, "aws:sns/topicPolicy:TopicPolicy");
    expect(policies.map((p) => [p.name, p.inputs.region]).sort()).toEqual([
      ["cenm-alerts-dr-topic-policy", "eu-central-1"],
      ["cenm-alerts-topic-policy", "eu-west-1"],
    ]);
    const primary = named(run, "cenm-alerts-topic-policy");
    const topicArn = "arn:aws:sns:eu-west-1:123456789012:topic/cenm-alerts-topic-0000000";
    expect(primary.inputs.arn).toBe(topicArn);
    const [backup, events, alarms, deny] = json(primary.inputs.policy).Statement;
    // AWS Backup and EventBridge: scoped to this account where the publish names one (IfExists: a publish without
    // the key still passes, so no alert of ours is dropped; another account's rule or vault is refused).
    const thisAccount = { StringEqualsIfExists: { "aws:SourceAccount": "123456789012" } };
    expect(backup).toEqual({ Sid: "AwsBackupNotificationsOfThisAccount", Effect: "Allow", Principal: { Service: "backup.amazonaws.com" }, Action: "sns:Publish", Resource: topicArn, Condition: thisAccount });
    expect(events).toEqual({ Sid: "EventBridgeRulesOfThisAccount", Effect: "Allow", Principal: { Service: "events.amazonaws.com" }, Action: "sns:Publish", Resource: topicArn, Condition: thisAccount });
    // CloudWatch: alarms of this account and region, by their ARN.
    expect(alarms).toEqual({
      Sid: "CloudWatchAlarmsOfThisAccount",
      Effect: "Allow",
      Principal: { Service: "cloudwatch.amazonaws.com" },
      Action: "sns:Publish",
      Resource: topicArn,
      Condition: { ArnLike: { "aws:SourceArn": "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:*" } },
    });
    expect(deny).toEqual({
      Sid: "DenyPublishWithoutTls",
      Effect: "Deny",
      Principal: "*",
      Action: "sns:Publish",
      Resource: topicArn,
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    });
    const drStatements = json(named(run, "cenm-alerts-dr-topic-policy").inputs.policy).Statement;
    expect(new Set(drStatements.map((s: any) => s.Resource))).toEqual(new Set(["arn:aws:sns:eu-central-1:123456789012:topic/cenm-alerts-dr-topic-0000000"]));
    expect(drStatements[2].Condition).toEqual({ ArnLike: { "aws:SourceArn": "arn:aws:cloudwatch:eu-central-1:123456789012:alarm:*" } });
    // The plan of the component passes the platform limit on publishers' condition keys.
    const { checkPlatformLimits } = await import("../../../src/domain/limits");
    const { resourceViews, planDocumentOf } = await import("../../../src/offline/plan");
    const views = resourceViews(planDocumentOf(run));
    expect(checkPlatformLimits(views).filter((v) => v.limit === "aws-sns-service-publisher-conditions" || v.limit === "aws-kms-eventbridge-key-conditions")).toEqual([]);
    // The same statements with a plain StringEquals would drop every alert that carries no source account.
    const plain = views.map((r) => (r.name === "cenm-alerts-topic-policy" ? { ...r, inputs: { ...r.inputs, policy: String(r.inputs.policy).replace(/StringEqualsIfExists/g, "StringEquals") } } : r));
    expect(checkPlatformLimits(plain).filter((v) => v.limit === "aws-sns-service-publisher-conditions").map((v) => v.property)).toEqual(["policy.Statement[0].Condition", "policy.Statement[1].Condition"]);
  });

  it("subscribes every address to both topics by e-mail", async () => {
    const run = await declare(build(args()));
    const subs = ofType(run, "aws:sns/topicSubscription:TopicSubscription");
    expect(subs).toHaveLength(4);
    expect(subs.map((s) => [s.name, s.inputs.region, s.inputs.protocol, s.inputs.endpoint, s.inputs.topic]).sort()).toEqual([
      ["cenm-alerts-dr-email-0", "eu-central-1", "email", "ops@example.com", "arn:aws:sns:eu-central-1:123456789012:topic/cenm-alerts-dr-topic-0000000"],
      ["cenm-alerts-dr-email-1", "eu-central-1", "email", "oncall@example.com", "arn:aws:sns:eu-central-1:123456789012:topic/cenm-alerts-dr-topic-0000000"],
      ["cenm-alerts-email-0", "eu-west-1", "email", "ops@example.com", "arn:aws:sns:eu-west-1:123456789012:topic/cenm-alerts-topic-0000000"],
      ["cenm-alerts-email-1", "eu-west-1", "email", "oncall@example.com", "arn:aws:sns:eu-west-1:123456789012:topic/cenm-alerts-topic-0000000"],
    ]);
  });

  it("declares no subscription without e-mails and leaves the keys unprotected when protection is off", async () => {
    const run = await declare(build(args({ emails: undefined, protection: { enabled: false } })));
    expect(ofType(run, "aws:sns/topicSubscription:TopicSubscription")).toHaveLength(0);
    for (const key of ofType(run, "aws:kms/key:Key")) {
      expect(key.options).toMatchObject({ protect: false, retainOnDelete: false });
      expect(json(key.inputs.policy).Statement.map((s: any) => s.Sid)).toEqual(["AccountAdministersKeyThroughIam", "AlertPublishersUseKey"]);
    }
  });

  it("declares every child in preview", async () => {
    const run = await declare(build(args()), { preview: true });
    expect(run.resources.map((r) => r.type).sort()).toEqual([
      "aws:kms/key:Key",
      "aws:kms/key:Key",
      "aws:sns/topic:Topic",
      "aws:sns/topic:Topic",
      "aws:sns/topicPolicy:TopicPolicy",
      "aws:sns/topicPolicy:TopicPolicy",
      "aws:sns/topicSubscription:TopicSubscription",
      "aws:sns/topicSubscription:TopicSubscription",
      "aws:sns/topicSubscription:TopicSubscription",
      "aws:sns/topicSubscription:TopicSubscription",
      "cenm-backup:aws:AlertTopic",
    ]);
    expect(named(run, "cenm-alerts-topic").inputs.kmsMasterKeyId).toBe("[unknown]");
  });

  it.each([
    ["a malformed address", { emails: ["not-an-address"] }, /emails contains "not-an-address"/],
    ["a duplicated address", { emails: ["a@example.com", "a@example.com"] }, /a@example.com more than once/],
    ["a DR region equal to the primary", { drRegion: "eu-west-1" }, /drRegion must differ from region/],
    ["an empty region", { region: "" }, /region must be an AWS region name/],
  ] as [string, Partial<AlertTopicArgs>, RegExp][])("refuses %s before declaring anything", async (_label, bad, message) => {
    let error: unknown;
    const run = await declare(() => {
      try {
        new AlertTopic("cenm-alerts", args(bad));
      } catch (e) {
        error = e;
      }
      return {};
    });
    expect(String(error)).toMatch(message);
    expect(run.resources).toHaveLength(0);
  });
});
