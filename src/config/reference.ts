/**
 * The configuration reference (docs/config-reference.md), generated from the zod schema and the presets so that
 * it cannot drift from what the loader accepts. `npm run docs` writes it; a test fails while the file is stale.
 *
 * The walker reads the schema generically (objects, arrays, enums, unions, records, `.describe()` texts), so a key
 * added to the schema or a preset appears here without touching this file.
 */
import { z } from "zod";
import * as presetModule from "./presets";
import { ENVIRONMENTS, PROJECT, stackConfigSchema } from "./schema";

export const DOCS_COMMAND = "npm run docs";

/** One documented key: a leaf of the schema, or an array or record shown whole. */
export interface ReferenceRow {
  /** Dotted path under `cenm-backup:`, e.g. `snapshots.daily.hourUtc`. */
  key: string;
  type: string;
  optional: boolean;
  description: string;
  /** Preset value per environment (undefined when the preset leaves it to the stack). */
  defaults: Record<string, unknown>;
}

/** Strips wrappers that do not change the shape: optional, nullable, default, refinements. */
export function unwrap(schema: z.ZodTypeAny): { inner: z.ZodTypeAny; optional: boolean; description?: string } {
  let s = schema;
  let optional = false;
  let description = s.description;
  for (;;) {
    if (s instanceof z.ZodOptional || s instanceof z.ZodNullable) {
      optional = true;
      s = s.unwrap();
    } else if (s instanceof z.ZodDefault) {
      optional = true;
      s = s._def.innerType;
    } else if (s instanceof z.ZodEffects) {
      s = s.innerType();
    } else break;
    description ??= s.description;
  }
  return { inner: s, optional, description };
}

const code = (v: string): string => `\`${v}\``;

/** A human reading of a schema's type, for a table cell. */
export function describeType(schema: z.ZodTypeAny): string {
  const { inner } = unwrap(schema);
  if (inner instanceof z.ZodString) {
    const checks = inner._def.checks;
    const regex = checks.find((c) => c.kind === "regex");
    if (regex && regex.kind === "regex" && regex.message) return `string: ${regex.message}`;
    if (checks.some((c) => c.kind === "email")) return "e-mail address";
    const min = checks.find((c) => c.kind === "min");
    return min && min.kind === "min" && min.value > 1 ? `string of at least ${min.value} characters` : "string";
  }
  if (inner instanceof z.ZodNumber) {
    const checks = inner._def.checks;
    const int = checks.some((c) => c.kind === "int");
    const min = checks.find((c) => c.kind === "min");
    const max = checks.find((c) => c.kind === "max");
    const lo = min && min.kind === "min" ? min.value : undefined;
    const hi = max && max.kind === "max" ? max.value : undefined;
    const base = int ? "integer" : "number";
    if (lo !== undefined && hi !== undefined) return `${base} ${lo}-${hi}`;
    if (lo !== undefined) return `${base} >= ${lo}`;
    if (hi !== undefined) return `${base} <= ${hi}`;
    return base;
  }
  if (inner instanceof z.ZodBoolean) return "boolean";
  if (inner instanceof z.ZodEnum) return (inner.options as string[]).map(code).join(" \\| ");
  if (inner instanceof z.ZodLiteral) return code(String(inner.value));
  if (inner instanceof z.ZodUnion) return (inner.options as z.ZodTypeAny[]).map(describeType).join(" \\| ");
  if (inner instanceof z.ZodArray) {
    const min = inner._def.minLength?.value;
    const max = inner._def.maxLength?.value;
    const count = min !== undefined && max !== undefined ? ` (${min}-${max})` : min !== undefined && min > 0 ? ` (at least ${min})` : "";
    const element = unwrap(inner.element).inner;
    if (element instanceof z.ZodObject) return `list of {${Object.keys(element.shape).join(", ")}}${count}`;
    return `list of ${describeType(inner.element)}${count}`;
  }
  if (inner instanceof z.ZodRecord) return `map of ${describeType(inner.keySchema)} to ${describeType(inner.valueSchema)}`;
  if (inner instanceof z.ZodObject) return `{${Object.keys(inner.shape).join(", ")}}`;
  return inner._def.typeName ?? "value";
}

function valueAt(root: unknown, path: string[]): unknown {
  let v: unknown = root;
  for (const p of path) {
    if (v === null || typeof v !== "object" || Array.isArray(v)) return undefined;
    v = (v as Record<string, unknown>)[p];
  }
  return v;
}

/** A preset value for a table cell. */
export function formatValue(v: unknown): string {
  if (v === undefined) return "-";
  if (Array.isArray(v)) {
    if (v.length === 0) return "none";
    if (v.every((x) => typeof x !== "object" || x === null)) return v.map((x) => code(String(x))).join(", ");
    return `${v.length} entr${v.length === 1 ? "y" : "ies"}`;
  }
  if (v !== null && typeof v === "object") {
    const keys = Object.keys(v);
    return keys.length === 0 ? "none" : code(JSON.stringify(v));
  }
  return code(String(v));
}

/** The walk: objects are expanded key by key (they merge with the preset); anything else is one row. */
export function referenceRows(presets: Record<string, unknown> = presetModule.PRESETS): ReferenceRow[] {
  const rows: ReferenceRow[] = [];
  const walk = (schema: z.ZodTypeAny, path: string[], optional: boolean, description: string | undefined): void => {
    const u = unwrap(schema);
    const isOptional = optional || u.optional;
    if (u.inner instanceof z.ZodObject && path.length > 0 && Object.keys(u.inner.shape).length > 0) {
      for (const [k, child] of Object.entries(u.inner.shape as Record<string, z.ZodTypeAny>)) walk(child, [...path, k], isOptional, undefined);
      return;
    }
    if (u.inner instanceof z.ZodObject) {
      for (const [k, child] of Object.entries(u.inner.shape as Record<string, z.ZodTypeAny>)) walk(child, [k], false, undefined);
      return;
    }
    const defaults: Record<string, unknown> = {};
    for (const env of Object.keys(presets)) defaults[env] = valueAt(presets[env], path);
    rows.push({ key: path.join("."), type: describeType(schema), optional: isOptional, description: description ?? u.description ?? "", defaults });
  };
  walk(stackConfigSchema, [], false, undefined);
  return rows;
}

/** Descriptions of the objects themselves (`database`, `snapshots.lock`...), for section introductions. */
function objectDescriptions(): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (schema: z.ZodTypeAny, path: string[]): void => {
    const u = unwrap(schema);
    if (!(u.inner instanceof z.ZodObject)) return;
    if (path.length > 0 && u.description) out.set(path.join("."), u.description);
    for (const [k, child] of Object.entries(u.inner.shape as Record<string, z.ZodTypeAny>)) walk(child, [...path, k]);
  };
  walk(stackConfigSchema, []);
  return out;
}

const cell = (s: string): string => s.replace(/\r?\n/g, " ").replace(/(?<!\\)\|/g, "\\|");

/** Per-cloud preset overrides, when presets.ts declares them (a `CLOUD_PRESETS` record of cloud -> environment -> values). */
export function cloudPresets(): Record<string, Record<string, unknown>> {
  const candidate = (presetModule as unknown as Record<string, unknown>)["CLOUD_PRESETS"];
  if (candidate === null || typeof candidate !== "object") return {};
  return candidate as Record<string, Record<string, unknown>>;
}

/** Leaf paths set in an override object (objects are walked, anything else is a leaf). */
function leafPaths(v: unknown, path: string[] = []): string[][] {
  if (v !== null && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length > 0) {
    return Object.entries(v as Record<string, unknown>).flatMap(([k, x]) => leafPaths(x, [...path, k]));
  }
  return path.length ? [path] : [];
}

export function renderConfigReference(): string {
  const presets = presetModule.PRESETS as unknown as Record<string, unknown>;
  const envs = ENVIRONMENTS.filter((e) => e in presets);
  const rows = referenceRows(presets);
  const sections = objectDescriptions();
  const out: string[] = [];
  out.push("# Configuration reference");
  out.push("");
  out.push(
    `This file is generated from the zod schema (\`src/config/schema.ts\`) and the presets (\`src/config/presets.ts\`) by \`${DOCS_COMMAND}\`. ` +
      "Do not edit it by hand: change the schema or a preset and regenerate it; a test fails while it is stale.",
  );
  out.push("");
  out.push(
    `Every key lives under the \`${PROJECT}:\` namespace of a stack file (\`stacks/Pulumi.<stack>.yaml\`), e.g. \`${PROJECT}:database\` with \`instanceClass\` inside it. ` +
      "The stack's `environment` selects a preset; the stack's own values are laid over it: objects merge key by key, lists and scalars replace the preset's, " +
      "and `null` removes a preset value. Unknown keys are refused, and so are keys set with `pulumi config set --secret`. " +
      "The provider's region key (`aws:region` on AWS) must equal `primary.region`.",
  );
  out.push("");
  out.push(
    "In the tables, **required** means the stack file must set the key (no preset supplies it); **optional** means it may be left out; " +
      "a value in an environment column is that preset's default, and `-` means the preset leaves it unset. " +
      "Editors that read `schemas/stack-config.schema.json` (see the first line of each stack file) check and complete these keys as you type.",
  );
  out.push("");
  const topLevel: string[] = [];
  for (const r of rows) {
    const top = r.key.split(".")[0];
    if (!topLevel.includes(top)) topLevel.push(top);
  }
  out.push(`Top-level keys: ${topLevel.map((k) => `[\`${k}\`](#${k.toLowerCase()})`).join(", ")}.`);
  out.push("");
  for (const top of topLevel) {
    const group = rows.filter((r) => r.key === top || r.key.startsWith(`${top}.`));
    out.push(`## ${top}`);
    out.push("");
    const intro = sections.get(top) ?? (group.length === 1 && group[0].key === top ? group[0].description : undefined);
    if (intro) {
      out.push(intro);
      out.push("");
    }
    out.push(`| Key | Type | Set by the stack | ${envs.join(" | ")} | Meaning |`);
    out.push(`|---|---|---|${envs.map(() => "---|").join("")}---|`);
    for (const r of group) {
      const inPreset = envs.some((e) => r.defaults[e] !== undefined);
      const need = r.optional ? "optional" : inPreset ? "optional (preset)" : "**required**";
      const parent = r.key.split(".").slice(0, -1).join(".");
      const sub = parent && parent !== top && sections.get(parent) ? `${sections.get(parent)} ` : "";
      const meaning = r.key === top && intro === r.description ? "" : r.description;
      out.push(`| \`${r.key}\` | ${cell(r.type)} | ${need} | ${envs.map((e) => cell(formatValue(r.defaults[e]))).join(" | ")} | ${cell(sub && meaning ? `${sub}${meaning}` : meaning || sub.trim())} |`);
    }
    out.push("");
  }
  const byCloud = cloudPresets();
  const cloudRows: string[] = [];
  for (const cloud of Object.keys(byCloud).sort()) {
    const perEnv = byCloud[cloud] ?? {};
    const paths = new Map<string, string[]>();
    for (const env of envs) for (const p of leafPaths(perEnv[env])) paths.set(p.join("."), p);
    for (const [key, p] of [...paths].sort(([a], [b]) => a.localeCompare(b))) {
      cloudRows.push(`| \`${key}\` | ${cloud} | ${envs.map((e) => cell(formatValue(valueAt(perEnv[e], p)))).join(" | ")} |`);
    }
  }
  if (cloudRows.length) {
    out.push("## Cloud-specific defaults");
    out.push("");
    out.push("On these keys a stack's `cloud` replaces the defaults above before the stack's own values are laid over them (`-`: the default above applies).");
    out.push("");
    out.push(`| Key | Cloud | ${envs.join(" | ")} |`);
    out.push(`|---|---|${envs.map(() => "---|").join("")}`);
    out.push(...cloudRows);
    out.push("");
  }
  return out.join("\n");
}
