/**
 * The package components at work, under Pulumi's mock runtime: the README's YAML program, read from the README and
 * declared with the classes the package entry exports (what the provider host constructs for a consumer's
 * program), and one Azure component. Each package component registers under its token with the library component
 * as its only child, and passes that component's outputs on.
 */
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import * as pulumi from "@pulumi/pulumi";
import * as entry from "../../index";
import { BACKUP_WINDOW } from "../../src/components/aws/ReplicatedDatabase";
import type { OfflineRun } from "../../src/offline/engine";
import { declare } from "../helpers/offline";
import { AZURE_CONFIG, azureCommonArgs } from "../helpers/azure";

const ROOT = path.resolve(__dirname, "../..");
const README = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
const section = README.slice(README.indexOf("## Using the components from Python, Go, C# or YAML"), README.indexOf("## For engineers"));
const program = yaml.load(/```yaml\n([\s\S]*?)```/.exec(section)![1]) as {
  resources: Record<string, { type: string; properties: Record<string, unknown> }>;
  outputs: Record<string, string>;
};

type Component = new (name: string, args: never, opts?: pulumi.ComponentResourceOptions) => pulumi.ComponentResource;
const components = entry as unknown as Record<string, Component>;

/** A YAML value with `${resource.output}` and `fn::toJSON` evaluated against the resources declared so far. */
function evaluate(value: unknown, declared: Record<string, pulumi.ComponentResource>): unknown {
  if (typeof value === "string") {
    const ref = /^\$\{(\w+)\.(\w+)\}$/.exec(value);
    return ref ? (declared[ref[1]] as unknown as Record<string, unknown>)[ref[2]] : value;
  }
  if (Array.isArray(value)) return value.map((v) => evaluate(v, declared));
  if (value && typeof value === "object") {
    const entries = Object.entries(value);
    if (entries.length === 1 && entries[0][0] === "fn::toJSON") return pulumi.jsonStringify(pulumi.output(evaluate(entries[0][1], declared)));
    return Object.fromEntries(entries.map(([k, v]) => [k, evaluate(v, declared)]));
  }
  return value;
}

describe("the README's YAML program, declared with the package components", () => {
  // One offline run at a time in a process: each describe declares its program before its tests.
  let run: Promise<OfflineRun>;
  beforeAll(() => {
    run = declare(() => {
      const declared: Record<string, pulumi.ComponentResource> = {};
      for (const [name, r] of Object.entries(program.resources)) {
        const cls = components[r.type.replace(/^cenm-backup:index:/, "")];
        if (!cls) throw new Error(`${r.type} is not exported by the package entry`);
        declared[name] = new cls(name, evaluate(r.properties, declared) as never);
      }
      return Object.fromEntries(Object.entries(program.outputs).map(([k, v]) => [k, evaluate(v, declared)]));
    });
    return run;
  });

  it("declares every resource under its package token, at the top of the stack", async () => {
    const { resources } = await run;
    for (const [name, r] of Object.entries(program.resources)) {
      const found = resources.filter((d) => d.type === r.type && d.name === name);
      expect(found).toHaveLength(1);
      expect(found[0].parentType).toBe("pulumi:pulumi:Stack");
    }
  });

  it("gives each package component one child, the library component of the same name", async () => {
    const { resources } = await run;
    for (const [name, r] of Object.entries(program.resources)) {
      const children = resources.filter((d) => d.parentType === r.type && d.parent === name);
      const library = `cenm-backup:aws:${r.type.replace(/^cenm-backup:index:Aws/, "")}`;
      expect(children.map((c) => `${c.type}::${c.name}`)).toEqual([`${library}::${name}`]);
    }
  });

  it("passes the outputs on: the stack outputs the program names resolve", async () => {
    const { outputs } = await run;
    expect(Object.keys(outputs).sort()).toEqual(Object.keys(program.outputs).sort());
    for (const value of Object.values(outputs)) expect(typeof value === "string" && value.length > 0).toBe(true);
  });

  it("hands the database to the snapshot schedule, whose backup window is the database's own (BACKUP_WINDOW)", async () => {
    const target = (program.resources.snapshots.properties.resources as { backupWindow?: string }[])[0];
    expect(target.backupWindow).toBe(BACKUP_WINDOW);
    const { resources } = await run;
    const selection = resources.filter((d) => d.type === "aws:backup/selection:Selection");
    expect(selection).toHaveLength(1);
    expect(selection[0].propertyDependencies.resources).toEqual([
      expect.stringMatching(/::cenm-backup:index:AwsReplicatedDatabase\$cenm-backup:aws:ReplicatedDatabase\$aws:rds\/instance:Instance::database-primary$/),
    ]);
  });
});

describe("an Azure package component", () => {
  const SERVER_ID = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/cenm-db-rg/providers/Microsoft.DBforPostgreSQL/flexibleServers/cenm-db-pg";
  const ACTION_GROUP_ID = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/cenm-rg/providers/Microsoft.Insights/actionGroups/cenm-alerts";
  let run: Promise<OfflineRun>;
  beforeAll(() => {
    run = declare(() => {
      const schedule = new entry.AzureSnapshotSchedule("cenm-snapshots", {
        ...azureCommonArgs("staging"),
        postgresServerId: SERVER_ID,
        pointInTimeDays: 14,
        hourly: { enabled: false, everyHours: 4, retentionDays: 2 },
        daily: { enabled: true, retentionDays: 14, hourUtc: 3 },
        monthly: { enabled: true, retentionDays: 90 },
        drCopy: { enabled: true, retentionDays: 14 },
        lock: { mode: "governance" },
        actionGroupId: ACTION_GROUP_ID,
      });
      return { vaultId: schedule.vaultId, storageRedundancy: schedule.storageRedundancy, copies: schedule.copies };
    }, AZURE_CONFIG);
    return run;
  });

  it("registers under its token, with the Azure library component as its only child, and passes its outputs on", async () => {
    const { resources, outputs } = await run;
    expect(resources.filter((d) => d.type === "cenm-backup:index:AzureSnapshotSchedule").map((d) => d.parentType)).toEqual(["pulumi:pulumi:Stack"]);
    const children = resources.filter((d) => d.parentType === "cenm-backup:index:AzureSnapshotSchedule");
    expect(children.map((c) => `${c.type}::${c.name}`)).toEqual(["cenm-backup:azure:SnapshotSchedule::cenm-snapshots"]);
    expect(outputs.storageRedundancy).toBe("GeoRedundant");
    expect(typeof outputs.vaultId).toBe("string");
    expect((outputs.copies as unknown[]).length).toBeGreaterThan(0);
  });
});
