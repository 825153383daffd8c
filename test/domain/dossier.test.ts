/**
 * The resource dossier: every type and top-level input property that a shipped stack's plan or preview declares
 * has a row with an https source, every row is well formed, a row met in no shipped plan says when the package
 * sets it, and docs/resource-dossier.md is fresh.
 */
import * as fs from "fs";
import * as path from "path";
import { DOSSIER, DOSSIER_DOC_PATH, dossierCloud, dossierGaps, dossierRowProblems, renderDossier, SHARED_AWS, SHARED_AZURE, UPDATE_EFFECTS, updateEffect, updateTag } from "../../src/domain/dossier";
import { listStacks } from "../../src/offline/stacks";
import { plannedStack } from "../helpers/plans";

const ROOT = path.join(__dirname, "..", "..");
const STACKS = listStacks(path.join(ROOT, "stacks"));

type Declared = { type: string; inputs: Record<string, unknown> };
const declared = new Map<string, Declared[]>();

beforeAll(async () => {
  for (const stack of STACKS) {
    for (const preview of [false, true]) {
      const plan = await plannedStack(stack, { preview });
      declared.set(`${stack}${preview ? " (preview)" : ""}`, plan.document.resources);
    }
  }
}, 600_000);

describe("resource dossier", () => {
  it("plans every shipped stack, planned and previewed", () => {
    expect(STACKS.length).toBeGreaterThanOrEqual(6);
    expect(declared.size).toBe(STACKS.length * 2);
  });

  it("has a row with an https source for every declared type and property of every shipped plan and preview", () => {
    const gaps = new Map<string, string>();
    for (const [plan, resources] of declared) {
      for (const g of dossierGaps(resources)) if (!gaps.has(`${g.type} ${g.property}`)) gaps.set(`${g.type} ${g.property}`, plan);
    }
    expect([...gaps].map(([pair, plan]) => `${pair} (in ${plan})`).sort()).toEqual([]);
  });

  it("rows are evidence: https sources, something said in each cell, no property explained twice, no vertical bar", () => {
    expect(dossierRowProblems()).toEqual([]);
  });

  it("a row that no shipped plan meets says when the package sets its property", () => {
    const met = new Set<string>();
    for (const resources of declared.values()) for (const r of resources) for (const p of Object.keys(r.inputs)) met.add(`${r.type} ${p}`);
    const unmet = DOSSIER.filter((r) => r.type !== SHARED_AWS && r.type !== SHARED_AZURE && !r.when)
      .flatMap((r) => r.properties.map((p) => `${r.type} ${p}`))
      .filter((k) => !met.has(k));
    expect(unmet).toEqual([]);
  });

  it("every row of every dossier file says what an update of its properties does, for each property", () => {
    const missing = DOSSIER.flatMap((r) =>
      r.properties.filter((p) => {
        const e = typeof r.update === "string" ? r.update : r.update?.[p];
        return !(UPDATE_EFFECTS as readonly string[]).includes(e as string);
      }).map((p) => `${r.type} ${p}`),
    );
    expect(missing).toEqual([]);
    expect(DOSSIER.length).toBeGreaterThan(250);
  });

  it("finds a row without an update effect, with an unknown one, or with a map that leaves a property out", () => {
    const base = { type: "aws:rds/instance:Instance", sets: "a value chosen for a reason", lifecycle: "what the cloud does with it", sources: ["https://example.com/a"] };
    expect(dossierRowProblems([{ ...base, properties: ["x"] } as never])).toEqual(["aws:rds/instance:Instance x: no update effect (in-place, replaces, refused, provider-decided)"]);
    expect(dossierRowProblems([{ ...base, properties: ["x"], update: "sometimes" } as never])).toEqual(['aws:rds/instance:Instance x: unknown update effect "sometimes" (expected in-place, replaces, refused, provider-decided)']);
    expect(dossierRowProblems([{ ...base, properties: ["x", "y"], update: { x: "replaces", "z.w": "in-place" } }])).toEqual([
      "aws:rds/instance:Instance x, y: the update map has no effect for y",
      "aws:rds/instance:Instance x, y: the update map names z.w, which is not a property of the row",
    ]);
  });

  it("reads an update effect by property and by nested path, and renders it as the lifecycle cell's first words", () => {
    expect(updateEffect("aws:rds/instance:Instance", "engine")).toBe("replaces");
    expect(updateEffect("aws:rds/instance:Instance", "engineVersion")).toBe("in-place");
    expect(updateEffect("aws:rds/instance:Instance", "tags")).toBe("in-place");
    expect(updateEffect("aws:rds/instance:Instance", "region")).toBe("replaces");
    expect(updateEffect("azure-native:dbforpostgresql:Server", "backup.backupRetentionDays")).toBe("in-place");
    expect(updateEffect("azure-native:dbforpostgresql:Server", "backup.geoRedundantBackup")).toBe("provider-decided");
    expect(updateEffect("aws:rds/instance:Instance", "noSuchProperty")).toBeUndefined();
    const engine = DOSSIER.find((r) => r.type === "aws:rds/instance:Instance" && r.properties.includes("engine"))!;
    expect(updateTag(engine)).toBe("Update: engine replaces; engineVersion in place.");
    expect(renderDossier()).toContain("| Update: engine replaces; engineVersion in place. engine forces a replacement");
  });

  it("rows name cloud type tokens", () => {
    const odd = DOSSIER.filter((r) => r.type !== SHARED_AWS && r.type !== SHARED_AZURE && !dossierCloud(r.type)).map((r) => r.type);
    expect(odd).toEqual([]);
  });

  it("finds a gap in a plan that declares a property without a row", () => {
    expect(dossierGaps([{ type: "aws:rds/instance:Instance", inputs: { noSuchProperty: 1, __defaults: [] } }])).toEqual([{ type: "aws:rds/instance:Instance", property: "noSuchProperty" }]);
    expect(dossierGaps([{ type: "cenm-backup:aws:ReplicatedDatabase", inputs: { anything: 1 } }])).toEqual([]);
  });

  it(`${DOSSIER_DOC_PATH} is up to date`, () => {
    const file = path.join(ROOT, DOSSIER_DOC_PATH);
    const actual = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
    if (actual !== renderDossier()) throw new Error(`${DOSSIER_DOC_PATH} is stale: regenerate it with \`npm run docs\` and commit the result.`);
  });
});
