/**
 * One mechanism and one RPO for the database's copy in the DR region, wherever the package states it: the plan's
 * text, the stack's `copies` output, the audit's CENM-DB-03 evidence and the region-loss row of the scenario table.
 * They all read the figures table (src/domain/figures), so they cannot drift apart.
 */
import { plannedStack } from "../helpers/plans";
import { audit } from "../../src/audit";
import { fromPlanDocument } from "../../src/audit/inputs/plan";
import type { CopyDescriptor } from "../../src/components/types";
import { formatDuration } from "../../src/domain/durations";
import { FIGURES } from "../../src/domain/figures";
import { summarize } from "../../src/offline/plan";

const planned = new Map<string, ReturnType<typeof plannedStack>>();
/** Each stack planned once for the whole file. */
const plan = (stack: string) => {
  if (!planned.has(stack)) planned.set(stack, plannedStack(stack));
  return planned.get(stack)!;
};

describe.each(["aws-staging", "aws-prod"])("%s: the database's DR copy", (stack) => {
  it("is a cross-region read replica with the figures table's RPO in the plan text, the copies, DB-03 and the scenarios", async () => {
    const planned = await plan(stack);
    const figure = FIGURES.rdsCrossRegionReplicaRpo;

    // The stack's copies output.
    const copies = planned.run.outputs.copies as CopyDescriptor[];
    const dr = copies.filter((c) => c.element === "database" && c.region === planned.run.outputs.drRegion);
    expect(dr.map((c) => [c.role, c.resource, c.mode, c.rpoSeconds])).toEqual([["cross-region-replica", "cenm-db-dr-replica", "asynchronous", figure.seconds]]);

    // The plan's text.
    const text = summarize(planned.run);
    expect(text).toMatch(new RegExp(`cross-region-replica\\s+eu-central-1\\s+asynchronous\\s+RPO ${formatDuration(figure.seconds)} \\(assumption of this package`));

    // The audit: DB-03's best cross-region copy, and the database's part of the region-loss scenario.
    const report = audit(fromPlanDocument(planned.document), { today: new Date("2026-11-28T00:00:00Z") });
    const db03 = report.findings.find((f) => f.id === "CENM-DB-03")!;
    expect(db03.outcome).toBe("pass");
    expect(db03.evidence[0].properties).toMatchObject({ bestRpoSeconds: figure.seconds });
    expect(db03.message).toContain(`via cross-region-replica cenm-db-dr-replica, RPO ${formatDuration(figure.seconds)}`);
    const regionLoss = report.scenarios.find((s) => s.id === "region-loss")!;
    // Prod's replica is a Multi-AZ DB instance (the preset's database.replicaMultiAz); staging's is single-zone.
    const multiAz = stack === "aws-prod" ? "; Multi-AZ: promoted, it keeps a synchronous standby in a second zone" : "";
    expect(regionLoss.savedBy).toContain(`database cenm-db-primary: cross-region read replica cenm-db-dr-replica (eu-central-1${multiAz}) (RPO ${formatDuration(figure.seconds)}, RTO ${formatDuration(FIGURES.rdsReplicaPromotionRto.seconds)})`);
  });

  it("lives in the declared DR network, never the default VPC", async () => {
    const planned = await plan(stack);
    const replica = planned.run.resources.find((r) => r.name === "cenm-db-dr-replica")!;
    const group = planned.run.resources.find((r) => r.name === "cenm-db-dr-subnets")!;
    expect(replica.propertyDependencies.dbSubnetGroupName).toEqual([group.urn]);
    expect(group.inputs.region).toBe("eu-central-1");
    const drSubnets = planned.run.resources.filter((r) => r.type === "aws:ec2/subnet:Subnet" && r.parent === "cenm-dr-network");
    expect(drSubnets.map((s) => s.inputs.region)).toEqual(drSubnets.map(() => "eu-central-1"));
    expect(drSubnets.length).toBeGreaterThanOrEqual(2);
  });
});
