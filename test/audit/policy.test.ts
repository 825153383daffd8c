import { planStack, type StackPlan } from "../../src/offline/plan";
import { waivedObjectives, withoutObjectiveWaivers } from "../fixtures/objective-waivers";
import { CONTROLS } from "../../src/audit/controls";
import { evaluate } from "../../src/audit/evaluate";
import { deriveFacts } from "../../src/audit/facts";
import { fromPlanDocument } from "../../src/audit/inputs";
import {
  type PolicyVerdict,
  UNKNOWN_SENTINELS,
  enforcementLevel,
  plainValue,
  policyResourcesToAuditInput,
  policyVerdict,
  stackFromUrn,
} from "../../src/audit/policyAdapter";
import { policyResourcesFromPlan } from "./fixtures/policy-resources";

const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const VAULT_LOCK = "aws:backup/vaultLockConfiguration:VaultLockConfiguration";

let prod: StackPlan;
beforeAll(async () => {
  prod = await planStack("aws-prod");
});

describe("policyResourcesToAuditInput", () => {
  it("keeps every planned resource, drops the root stack and the provider, and reads the stack outputs from the root stack", () => {
    const input = policyResourcesToAuditInput(policyResourcesFromPlan(prod));
    expect(input.stack).toBe("aws-prod");
    expect(input.source).toBe("preview");
    expect(input.resources).toHaveLength(prod.document.resources.length);
    expect(input.resources.some((r) => r.type === "pulumi:pulumi:Stack" || r.type.startsWith("pulumi:providers:"))).toBe(false);
    expect(input.stackOutputs.environment).toBe("prod");
    expect((input.stackOutputs.signing as { crlValidityDays: number }).crlValidityDays).toBe(10);
    expect(((input.stackOutputs.keys as { offlineCopies: unknown[] }).offlineCopies).length).toBe(2);
  });

  it("carries inputs, options, parents and property dependencies as URNs", () => {
    const input = policyResourcesToAuditInput(policyResourcesFromPlan(prod));
    const cluster = input.resources.find((r) => r.name === "cenm-db-primary")!;
    const planned = prod.document.resources.find((r) => r.name === "cenm-db-primary")!;
    expect(cluster.inputs).toEqual(planned.inputs);
    expect(cluster.propertyDependencies).toEqual(planned.propertyDependencies);
    expect(cluster.protect).toBe(true);
    expect(cluster.custom).toBe(true);
    expect(cluster.parentUrn).toBe(prod.document.resources.find((r) => r.name === "cenm-db")!.urn);
    const component = input.resources.find((r) => r.name === "cenm-db")!;
    expect(component.custom).toBe(false);
  });

  it("reads through the runtime's unknown-checking proxy and marks unknown values", () => {
    const resources = policyResourcesFromPlan(prod);
    const cluster = resources.find((r) => r.name === "cenm-db-primary")!;
    (cluster.props as Record<string, unknown>).arn = UNKNOWN_STRING;
    (cluster.props as Record<string, unknown>).endpoints = [UNKNOWN_STRING, "known"];
    expect(() => (cluster.props as Record<string, unknown>).arn).toThrow(/can't be known during preview/);
    const input = policyResourcesToAuditInput(resources);
    const adapted = input.resources.find((r) => r.urn === cluster.urn)!;
    expect(adapted.inputs.arn).toBe("[unknown]");
    expect(adapted.inputs.endpoints).toEqual(["[unknown]", "known"]);
  });

  it("knows the policy runtime's unknown sentinels", () => {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const proxy = require("@pulumi/policy/proxy");
    const runtime = [proxy.unknownBooleanValue, proxy.unknownNumberValue, proxy.unknownStringValue, proxy.unknownArrayValue, proxy.unknownAssetValue, proxy.unknownArchiveValue, proxy.unknownObjectValue];
    expect(new Set(runtime)).toEqual(UNKNOWN_SENTINELS);
    expect(plainValue({ a: [{ b: proxy.unknownNumberValue }] })).toEqual({ a: [{ b: "[unknown]" }] });
  });

  it("takes the stack from the URNs unless given", () => {
    expect(stackFromUrn("urn:pulumi:aws-prod::cenm-backup::aws:s3/bucket:Bucket::x")).toBe("aws-prod");
    expect(policyResourcesToAuditInput([], "named").stack).toBe("named");
    expect(policyResourcesToAuditInput([]).stack).toBe("unknown");
  });
});

describe("policyVerdict on the aws-prod plan", () => {
  it("passes every error control but the recovery objectives the prod topology does not meet, which it waives: no mandatory violation", () => {
    const verdict = policyVerdict(policyResourcesToAuditInput(policyResourcesFromPlan(prod)));
    const errors = verdict.findings.filter((f) => f.severity === "error");
    expect(errors.length).toBe(CONTROLS.filter((c) => c.severity === "error").length);
    // Those objectives still fail their control, each excused by its waiver in the stack outputs (the root stack's props).
    expect(errors.filter((f) => f.outcome === "fail").map((f) => [f.id, f.waiver?.id])).toEqual(waivedObjectives("aws-prod").map((id) => [id, id]));
    const mandatory = (v: PolicyVerdict) => v.violations.filter((x) => enforcementLevel(x.severity) === "mandatory").map((x) => x.controlId);
    expect(mandatory(verdict)).toEqual([]);
    // Without the waivers, exactly those are mandatory violations.
    expect(waivedObjectives("aws-prod").length).toBeGreaterThan(0);
    const unwaived = policyVerdict(policyResourcesToAuditInput(policyResourcesFromPlan({ ...prod, document: withoutObjectiveWaivers(prod.document) })));
    expect(mandatory(unwaived)).toEqual(waivedObjectives("aws-prod"));
  });

  it("reports the immutable-vault control once the vault lock is removed", () => {
    const resources = policyResourcesFromPlan(prod).filter((r) => !(r.type === VAULT_LOCK && r.name === "cenm-snapshots-vault-lock"));
    const verdict = policyVerdict(policyResourcesToAuditInput(resources));
    const sn03 = verdict.violations.find((v) => v.controlId === "CENM-SN-03");
    expect(sn03).toBeDefined();
    expect(sn03!.severity).toBe("error");
    expect(enforcementLevel(sn03!.severity)).toBe("mandatory");
    expect(sn03!.message).toMatch(/^CENM-SN-03 Compliance-locked backup vaults in prod: /);
    expect(sn03!.message).toContain("cenm-snapshots-vault");
  });

  it("gives the same findings as the audit of the plan document itself", () => {
    const viaPolicy = policyVerdict(policyResourcesToAuditInput(policyResourcesFromPlan(prod))).findings;
    const viaPlan = evaluate(deriveFacts(fromPlanDocument(prod.document)));
    expect(viaPolicy.map((f) => [f.id, f.outcome, f.message])).toEqual(viaPlan.map((f) => [f.id, f.outcome, f.message]));
  });

  it("checks one control at a time, as each policy of the pack does", () => {
    const sn03 = CONTROLS.find((c) => c.id === "CENM-SN-03")!;
    const verdict = policyVerdict(policyResourcesToAuditInput(policyResourcesFromPlan(prod)), [sn03]);
    expect(verdict.findings.map((f) => [f.id, f.outcome])).toEqual([["CENM-SN-03", "pass"]]);
    expect(verdict.violations).toEqual([]);
  });
});

describe("enforcementLevel", () => {
  it("maps error to mandatory and warning to advisory", () => {
    expect(enforcementLevel("error")).toBe("mandatory");
    expect(enforcementLevel("warning")).toBe("advisory");
  });
});
