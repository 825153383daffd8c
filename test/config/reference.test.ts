/** docs/config-reference.md and schemas/stack-config.schema.json are generated; these tests keep them in step. */
import * as fs from "fs";
import * as path from "path";
import { z } from "zod";
import { renderStackFileJsonSchema, SCHEMA_PATH } from "../../src/config/jsonSchema";
import { PRESETS } from "../../src/config/presets";
import { DOCS_COMMAND, formatValue, referenceRows, renderConfigReference, unwrap } from "../../src/config/reference";
import { stackConfigSchema } from "../../src/config/schema";

const ROOT = path.join(__dirname, "../..");

function expectFresh(file: string, expected: string): void {
  const target = path.join(ROOT, file);
  const actual = fs.existsSync(target) ? fs.readFileSync(target, "utf8") : "";
  if (actual !== expected) {
    throw new Error(`${file} is stale (or missing): regenerate it with \`${DOCS_COMMAND}\` (tsc -p . && node dist/scripts/docs.js) and commit the result.`);
  }
}

/** Every leaf path of the schema (objects expanded, arrays and records whole). */
function leafKeys(schema: z.ZodTypeAny, prefix: string[] = []): string[] {
  const { inner } = unwrap(schema);
  if (inner instanceof z.ZodObject) {
    return Object.entries(inner.shape as Record<string, z.ZodTypeAny>).flatMap(([k, s]) => leafKeys(s, [...prefix, k]));
  }
  return [prefix.join(".")];
}

describe("config reference", () => {
  it("docs/config-reference.md is up to date with the schema and presets", () => {
    expectFresh("docs/config-reference.md", renderConfigReference());
  });

  it("has one row for every key of the schema, with a description", () => {
    const rows = referenceRows();
    expect(rows.map((r) => r.key).sort()).toEqual(leafKeys(stackConfigSchema).sort());
    const text = renderConfigReference();
    for (const r of rows) {
      const line = text.split("\n").find((l) => l.startsWith(`| \`${r.key}\` |`));
      expect(line).toBeDefined();
      // The meaning is in the row, or (for a top-level key shown alone) in its section's introduction.
      const meaning = line!.replace(/\|\s*$/, "").split(" | ").pop()!.trim();
      const explained = meaning !== "" || (!r.key.includes(".") && new RegExp(`## ${r.key}\n\n[^|]`).test(text));
      if (!explained) throw new Error(`${r.key} has no description: add .describe() to it in src/config/schema.ts`);
    }
  });

  it("shows each environment's preset value and marks the keys a stack must set", () => {
    const text = renderConfigReference();
    const row = (key: string) => text.split("\n").find((l) => l.startsWith(`| \`${key}\` |`)) ?? "";
    expect(row("snapshots.pointInTimeDays")).toContain(`| \`${PRESETS.dev.snapshots.pointInTimeDays}\` | \`${PRESETS.staging.snapshots.pointInTimeDays}\` | \`${PRESETS.prod.snapshots.pointInTimeDays}\` |`);
    expect(row("database.instanceClass")).toContain("`db.r6g.xlarge`");
    expect(row("primary.region")).toContain("**required**");
    expect(row("network.vpcId")).toContain("| optional |");
    expect(row("snapshots.lock.changeableForDays")).toContain("| - | - | `3` |");
  });

  it("formats preset values for a table cell", () => {
    expect(formatValue(undefined)).toBe("-");
    expect(formatValue([])).toBe("none");
    expect(formatValue({})).toBe("none");
    expect(formatValue(["a", "b"])).toBe("`a`, `b`");
    expect(formatValue([{ a: 1 }])).toBe("1 entry");
    expect(formatValue(false)).toBe("`false`");
  });
});

describe("stack file JSON Schema", () => {
  it(`${SCHEMA_PATH} is up to date with the schema`, () => {
    expectFresh(SCHEMA_PATH, renderStackFileJsonSchema());
  });
});
