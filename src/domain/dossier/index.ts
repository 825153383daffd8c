/**
 * The resource dossier (see ./types.ts), its coverage of a set of declared resources, and its document
 * (docs/resource-dossier.md, written by `npm run docs`).
 */
import { cell } from "../markdown";
import { AWS_DOSSIER } from "./aws";
import { AZURE_DOSSIER } from "./azure";
import { NEUTRAL_DOSSIER } from "./neutral";
import { SHARED_AWS, SHARED_AZURE, SHARED_PROPERTIES, UPDATE_EFFECTS, type DossierRow, type UpdateEffect } from "./types";

export type { DossierRow, UpdateEffect } from "./types";
export { SHARED_AWS, SHARED_AZURE, SHARED_PROPERTIES, UPDATE_EFFECTS } from "./types";

export const DOSSIER_DOC_PATH = "docs/resource-dossier.md";

/** Type token of every Pulumi dynamic resource of a Node.js program. */
export const DYNAMIC_RESOURCE = "pulumi-nodejs:dynamic:Resource";

/** Every row: AWS, Azure, then the providers both clouds use (random, time). */
export const DOSSIER: readonly DossierRow[] = [...AWS_DOSSIER, ...AZURE_DOSSIER, ...NEUTRAL_DOSSIER];

/** Which cloud's dossier a type token belongs to; undefined for the package's own component types. */
export function dossierCloud(type: string): "aws" | "azure" | "neutral" | undefined {
  if (type.startsWith("aws:")) return "aws";
  // The package's one dynamic resource is the Azure file store's share inquiry (src/components/azure/shareInquiry.ts).
  if (type === DYNAMIC_RESOURCE) return "azure";
  if (type.startsWith("azure-native:")) return "azure";
  if (type.startsWith("random:") || type.startsWith("time:")) return "neutral";
  return undefined;
}

/** The row that explains `property` of `type`: its own row first, else its cloud's shared row. */
export function dossierRow(type: string, property: string, rows: readonly DossierRow[] = DOSSIER): DossierRow | undefined {
  const own = rows.find((r) => r.type === type && r.properties.includes(property));
  if (own) return own;
  if (!SHARED_PROPERTIES.includes(property)) return undefined;
  const shared = type.startsWith("aws:") ? SHARED_AWS : type.startsWith("azure-native:") ? SHARED_AZURE : undefined;
  return shared ? rows.find((r) => r.type === shared && r.properties.includes(property)) : undefined;
}

/**
 * What changing `path` (a top-level input, or a dotted path inside one: `backup.geoRedundantBackup`) of a resource of
 * `type` does, by the dossier: the most specific entry of the row that explains its top-level property. Undefined
 * when no row explains it (a property this package never sets).
 */
export function updateEffect(type: string, path: string, rows: readonly DossierRow[] = DOSSIER): UpdateEffect | undefined {
  const property = path.split(".")[0];
  const row = dossierRow(type, property, rows);
  if (!row) return undefined;
  if (typeof row.update === "string") return row.update;
  const parts = path.split(".");
  for (let n = parts.length; n >= 1; n--) {
    const effect = row.update[parts.slice(0, n).join(".")];
    if (effect !== undefined) return effect;
  }
  return undefined;
}

/** The effects a row declares, as "Update: ..." words: one effect, or each property's. */
export function updateTag(row: DossierRow): string {
  const words: Record<UpdateEffect, string> = { "in-place": "in place", replaces: "replaces", refused: "refused after creation", "provider-decided": "provider-decided" };
  if (typeof row.update === "string") return `Update: ${words[row.update]}.`;
  const entries = Object.entries(row.update);
  const effects = new Set(entries.map(([, e]) => e));
  if (effects.size === 1) return `Update: ${words[entries[0][1]]}.`;
  return `Update: ${entries.map(([path, e]) => `${path} ${words[e]}`).join("; ")}.`;
}

/** A declared (type, property) pair that no row explains. */
export interface DossierGap {
  type: string;
  property: string;
}

/** The declared (type, top-level input) pairs of cloud resources that have no row. Pulumi's own `__` inputs are skipped. */
export function dossierGaps(resources: readonly { type: string; inputs: Record<string, unknown> }[], rows: readonly DossierRow[] = DOSSIER): DossierGap[] {
  const seen = new Set<string>();
  const gaps: DossierGap[] = [];
  for (const r of resources) {
    if (!dossierCloud(r.type)) continue;
    for (const property of Object.keys(r.inputs)) {
      if (property.startsWith("__")) continue;
      const key = `${r.type} ${property}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (!dossierRow(r.type, property, rows)) gaps.push({ type: r.type, property });
    }
  }
  return gaps;
}

/** What is wrong with a row as evidence: no https source, an empty explanation, a property listed twice. */
export function dossierRowProblems(rows: readonly DossierRow[] = DOSSIER): string[] {
  const problems: string[] = [];
  const owner = new Map<string, number>();
  rows.forEach((r, i) => {
    const at = `${r.type} ${r.properties.join(", ")}`;
    if (r.properties.length === 0) problems.push(`${at}: no property`);
    if (r.sources.length === 0 || r.sources.some((s) => !/^https:\/\/\S+$/.test(s))) problems.push(`${at}: every source must be one https address (got ${JSON.stringify(r.sources)})`);
    if (r.sets.trim().length < 10) problems.push(`${at}: "Package sets" says too little`);
    if (r.lifecycle.trim().length < 10) problems.push(`${at}: "Create / update / destroy" says too little`);
    problems.push(...updateProblems(r, at));
    for (const text of [r.type, ...r.properties, r.sets, r.lifecycle, ...r.sources]) {
      if (text.includes("|")) problems.push(`${at}: a cell holds "|", which breaks the table for plain readers`);
    }
    for (const p of r.properties) {
      const key = `${r.type} ${p}`;
      if (owner.has(key)) problems.push(`${key}: explained by two rows`);
      owner.set(key, i);
    }
  });
  return problems;
}

/** What is wrong with a row's update effect: missing, unknown, or a map that leaves a property out or names another. */
function updateProblems(r: DossierRow, at: string): string[] {
  const known = (e: unknown): boolean => typeof e === "string" && (UPDATE_EFFECTS as readonly string[]).includes(e);
  const update = (r as { update?: unknown }).update;
  if (update === undefined) return [`${at}: no update effect (${UPDATE_EFFECTS.join(", ")})`];
  if (typeof update === "string") return known(update) ? [] : [`${at}: unknown update effect "${update}" (expected ${UPDATE_EFFECTS.join(", ")})`];
  const problems: string[] = [];
  const map = update as Record<string, unknown>;
  for (const p of r.properties) if (!(p in map)) problems.push(`${at}: the update map has no effect for ${p}`);
  for (const [path, e] of Object.entries(map)) {
    if (!r.properties.includes(path.split(".")[0])) problems.push(`${at}: the update map names ${path}, which is not a property of the row`);
    if (!known(e)) problems.push(`${at}: unknown update effect "${String(e)}" for ${path}`);
  }
  return problems;
}

function sourcesCell(sources: readonly string[]): string {
  return sources.map((s) => `<${s}>`).join("<br>");
}

/** docs/resource-dossier.md: one table per cloud, sorted by type. */
export function renderDossier(rows: readonly DossierRow[] = DOSSIER): string {
  const sections: { title: string; rows: DossierRow[] }[] = [
    { title: "AWS (`@pulumi/aws`)", rows: rows.filter((r) => r.type === SHARED_AWS || dossierCloud(r.type) === "aws") },
    { title: "Azure (`@pulumi/azure-native`)", rows: rows.filter((r) => r.type === SHARED_AZURE || dossierCloud(r.type) === "azure") },
    { title: "Both clouds (`@pulumi/random`, `@pulumiverse/time`)", rows: rows.filter((r) => dossierCloud(r.type) === "neutral") },
  ];
  const pages = new Set(rows.flatMap((r) => r.sources));
  const lines: string[] = [
    "# Resource dossier",
    "",
    "Generated from `src/domain/dossier` by `npm run docs`; a test fails while it is stale, and fails when a shipped",
    "stack's plan or preview declares a type and property this dossier has no row for.",
    "",
    "One row per resource type the package declares and top-level input property it sets: the value or rule the",
    "package uses and why; what the cloud does with it on create, on update (in place or a replacement), on a second",
    "deploy and on destroy; and the most specific page or provider source file that says so. A row marked *only when*",
    "is for a path none of the shipped stacks takes. Cells never hold a vertical bar, so the table reads the same in any",
    "Markdown viewer and to scripts that split on it.",
    "",
    "Each lifecycle cell opens with the row's update effect, machine-readable: \"Update: in place.\", \"Update: replaces.\",",
    "\"Update: refused after creation.\" or \"Update: provider-decided.\" (the outcome depends on the value or the",
    "provider's metadata), or one such effect per property (\"Update: engine replaces; engineVersion in place.\"). The",
    "offline change judgement reads the same field to say which resources a pull request would replace.",
    "",
    `${rows.length} rows, ${pages.size} distinct sources.`,
  ];
  for (const s of sections) {
    const sorted = [...s.rows].sort((a, b) => (a.type === b.type ? 0 : a.type.startsWith("every") ? -1 : b.type.startsWith("every") ? 1 : a.type < b.type ? -1 : 1));
    lines.push("", `## ${s.title}: ${sorted.length} rows`, "", "| Type | Property | Package sets | Create / update / destroy | Source |", "|---|---|---|---|---|");
    for (const r of sorted) {
      const type = r.type.startsWith("every") ? r.type : `\`${r.type}\``;
      const sets = r.when ? `*Only when ${r.when}.* ${r.sets}` : r.sets;
      lines.push(`| ${type} | ${r.properties.map((p) => `\`${p}\``).join(", ")} | ${noBar(sets)} | ${noBar(`${updateTag(r)} ${r.lifecycle}`)} | ${sourcesCell(r.sources)} |`);
    }
  }
  return `${lines.join("\n")}\n`;
}

/** A cell's text, one line, inert, with no vertical bar. */
function noBar(text: string): string {
  return cell(text).replace(/\\\|/g, "/");
}
