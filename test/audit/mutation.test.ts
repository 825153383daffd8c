import { plannedStack } from "../helpers/plans";
import type { PlanDocument } from "../../src/offline/plan";
import { fromPlanDocument } from "../../src/audit/inputs";
import { deriveFacts } from "../../src/audit/facts";
import { evaluate } from "../../src/audit/evaluate";
import type { Finding } from "../../src/audit/types";
import { AZURE_MUTATIONS, MUTATIONS, type Mutation, mutated } from "./fixtures/mutations";
import { AWS_NETWORK_MUTATIONS, AZURE_NETWORK_MUTATIONS } from "./fixtures/mutations-network";

/** Each cloud's stacks and the mutations that apply to its components. */
const SUITES: { stacks: string[]; mutations: Mutation[] }[] = [
  { stacks: ["aws-dev", "aws-staging", "aws-prod"], mutations: [...MUTATIONS, ...AWS_NETWORK_MUTATIONS] },
  { stacks: ["azure-dev", "azure-staging", "azure-prod"], mutations: [...AZURE_MUTATIONS, ...AZURE_NETWORK_MUTATIONS] },
];

function audit(doc: PlanDocument): Map<string, Finding> {
  return new Map(evaluate(deriveFacts(fromPlanDocument(doc))).map((f) => [f.id, f]));
}

interface Row {
  stack: string;
  mutation: string;
  control: string;
  outcome: "caught" | "missed" | "not-applicable";
  detail: string;
}

let rows: Row[] = [];

beforeAll(async () => {
  rows = [];
  for (const suite of SUITES) for (const stack of suite.stacks) {
    const doc = (await plannedStack(stack)).document;
    const environment = String(doc.outputs.environment);
    const baseline = audit(doc);
    for (const m of suite.mutations) {
      const control = m.control(environment);
      const { doc: changed, notApplicable } = mutated(doc, m);
      if (notApplicable !== undefined) {
        rows.push({ stack, mutation: m.id, control, outcome: "not-applicable", detail: notApplicable });
        continue;
      }
      const before = baseline.get(control);
      const after = audit(changed).get(control);
      const caught = before?.outcome === "pass" && after?.outcome === "fail";
      rows.push({
        stack,
        mutation: m.id,
        control,
        outcome: caught ? "caught" : "missed",
        detail: `${control} ${before?.outcome ?? "absent"} -> ${after?.outcome ?? "absent"}: ${after?.message ?? ""}`,
      });
    }
  }
}, 240000);

describe("mutation test: each protective property switched off trips its control", () => {
  it("applies every mutation to at least one stack and skips only where nothing is there to switch off", () => {
    for (const m of SUITES.flatMap((s) => s.mutations)) {
      const applied = rows.filter((r) => r.mutation === m.id && r.outcome !== "not-applicable").length;
      expect(applied).toBeGreaterThan(0);
    }
    const skipped = rows.filter((r) => r.outcome === "not-applicable").map((r) => `${r.stack}/${r.mutation}`);
    expect(skipped).toEqual([
      "aws-dev/multi-az-off",
      "aws-dev/vault-lock-governance",
      "aws-dev/copy-actions-removed",
      "aws-dev/efs-replication-removed",
      "aws-dev/s3-replication-removed",
      "aws-dev/object-lock-governance",
      "aws-dev/deletion-protection-off",
      "aws-dev/database-dr-copies-removed",
      "aws-dev/replica-subnet-group-removed",
      "aws-dev/hourly-snapshots-in-rds-window",
      "aws-dev/kms-deletion-deny-removed",
      "aws-staging/vault-lock-governance",
      "aws-staging/object-lock-governance",
      "aws-staging/hourly-snapshots-in-rds-window",
      "azure-dev/az-ha-off",
      "azure-dev/az-db-geo-copies-off",
      "azure-dev/az-snapshot-geo-off",
      "azure-dev/az-immutability-unlocked",
      "azure-dev/az-soft-delete-off",
      "azure-dev/az-files-gzrs-to-zrs",
      "azure-staging/az-immutability-unlocked",
      "azure-staging/az-soft-delete-off",
    ]);
  });

  it("catches every applicable mutation", () => {
    const applicable = rows.filter((r) => r.outcome !== "not-applicable");
    const caught = applicable.filter((r) => r.outcome === "caught");
    // One line for the run's log: the tally, and what (if anything) slipped through.
    console.log(
      `caught ${caught.length} of ${applicable.length} mutations (${rows.length - applicable.length} not applicable)` +
        applicable.filter((r) => r.outcome === "missed").map((r) => `\n  missed ${r.stack}/${r.mutation}: ${r.detail}`).join(""),
    );
    expect(applicable.filter((r) => r.outcome === "missed").map((r) => `${r.stack}/${r.mutation}: ${r.detail}`)).toEqual([]);
    expect(caught.length).toBe(applicable.length);
    expect(applicable.filter((r) => r.stack.startsWith("aws-")).length).toBe(3 * (MUTATIONS.length + AWS_NETWORK_MUTATIONS.length) - 14);
    expect(applicable.filter((r) => r.stack.startsWith("azure-")).length).toBe(3 * (AZURE_MUTATIONS.length + AZURE_NETWORK_MUTATIONS.length) - 8);
    // + 99: the network mutations (33, each applying to all three stacks of its cloud).
    expect(applicable.length).toBe(84 + 5 + 3 + 99);
  });
});
