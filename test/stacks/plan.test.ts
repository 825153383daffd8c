/**
 * Each stack file, planned offline through the real program: a reviewable summary of its plan (the plan's own text
 * and its resources counted by type), plus explicit assertions on what matters most (the four elements, regions,
 * protection, platform limits, no plain secrets).
 */
import { listStacks } from "../../src/offline/stackFile";
import { planStack, resourceViews, summarize } from "../../src/offline/plan";
import { ALL_STATEFUL_TYPES as STATEFUL_TYPES } from "../../src/domain/resources/stateful";
import type { StackPlan } from "../../src/offline/plan";
import { checkPlatformLimits } from "../../src/domain/limits";

const stacks = listStacks("stacks");
const plans = new Map<string, StackPlan>();

beforeAll(async () => {
  for (const stack of stacks) plans.set(stack, await planStack(stack));
});

describe.each(stacks)("stack %s", (stack) => {
  const plan = (): StackPlan => plans.get(stack)!;

  it("matches its reviewed summary: the plan's text and its resources counted by type", () => {
    const counts = new Map<string, number>();
    for (const r of plan().run.resources) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
    const table = [...counts.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([t, n]) => `${String(n).padStart(3)}  ${t}`);
    expect(`${summarize(plan().run)}\n\nResources by type:\n${table.join("\n")}\n`).toMatchSnapshot();
  });

  it("passes every platform-limit check", () => {
    expect(checkPlatformLimits(resourceViews(plan().document))).toEqual([]);
  });

  const cloud = stack.split("-")[0];

  it("declares the four backup elements as components", () => {
    const types = plan().run.resources.filter((r) => !r.custom).map((r) => r.type);
    for (const t of ["ReplicatedDatabase", "SnapshotSchedule", "ReplicatedFileStore", "OfflineKeyVault"]) {
      expect(types).toContain(`cenm-backup:${cloud}:${t}`);
    }
  });

  it("puts every resource in the primary or the DR region, explicitly", () => {
    const { outputs, resources } = plan().run;
    if (cloud === "azure") {
      // Azure: child resources without a location of their own (subnets, locks, databases...) live in their parent's.
      const locations = new Set(resources.filter((r) => r.custom && r.inputs.location !== undefined).map((r) => String(r.inputs.location).toLowerCase()));
      expect([...locations].sort()).toEqual(["global", outputs.drRegion, outputs.primaryRegion].sort());
      // Everything else names its resource group, or the scope it applies to (locks, role assignments, alerts);
      // the role-propagation waits and the random parts of key vault names live in the state only.
      for (const r of resources.filter((x) => x.custom && x.inputs.resourceGroupName === undefined && x.inputs.scope === undefined && x.type !== "time:index/sleep:Sleep" && !x.type.startsWith("random:"))) {
        expect(r.type).toBe("azure-native:resources:ResourceGroup");
      }
      return;
    }
    const regions = new Set(resources.filter((r) => r.custom && r.inputs.region !== undefined).map((r) => r.inputs.region));
    expect([...regions].sort()).toEqual([outputs.drRegion, outputs.primaryRegion].filter((r, i, a) => a.indexOf(r) === i).sort());
    // IAM is global, and a random id lives in the state only.
    const withoutRegion = resources.filter((r) => r.custom && r.inputs.region === undefined).map((r) => r.type);
    expect(withoutRegion.filter((t) => !t.startsWith("aws:iam/") && !t.startsWith("random:"))).toEqual([]);
  });

  it("looks up the deploying account once for the whole stack, not once per component", () => {
    const calls = plan().run.calls;
    const lookups = cloud === "aws" ? ["aws:index/getCallerIdentity:getCallerIdentity", "aws:index/getPartition:getPartition"] : ["azure-native:authorization:getClientConfig"];
    for (const token of lookups) expect(calls.filter((t) => t === token)).toHaveLength(1);
  });

  it("protects stateful resources outside dev, and only there", () => {
    const env = plan().run.outputs.environment;
    const stateful = plan().run.resources.filter((r) => STATEFUL_TYPES.has(r.type));
    expect(stateful.length).toBeGreaterThan(5);
    for (const r of stateful) {
      expect({ name: r.name, protect: r.options.protect, retain: r.options.retainOnDelete }).toEqual({ name: r.name, protect: env !== "dev", retain: env !== "dev" });
    }
  });

  it("never carries a password or a plain secret", () => {
    const text = JSON.stringify(plan().document);
    for (const r of plan().run.resources) {
      for (const key of ["password", "masterPassword", "passwordWo", "masterPasswordWo"]) expect(r.inputs[key]).toBeUndefined();
    }
    expect(text).not.toMatch(/-----BEGIN [A-Z ]*PRIVATE KEY-----/);
    expect(text).not.toMatch(/"(password|secret|privateKey)"\s*:\s*"(?!\[secret\])[^"]+"/i);
  });
});

it("plans every stack of both clouds", () => {
  expect(stacks).toEqual(["aws-dev", "aws-prod", "aws-staging", "azure-dev", "azure-prod", "azure-staging"]);
});
