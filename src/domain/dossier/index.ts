/**
 * The resource dossier (see ./types.ts), its coverage of a set of declared resources, and its document
 * (docs/resource-dossier.md, written by `npm run docs`).
 */
import { cell } from "../markdown";
import { AWS_DOSSIER } from "./aws";
import { AZURE_DOSSIER } from "./azure";
import { NEUTRAL_DOSSIER } from "./neutral";
import { SHARED_AWS, SHARED_AZURE, SHARED_PROPERTIES, type DossierRow } from "./types";

export type { DossierRow } from "./types";
export { SHARED_AWS, SHARED_AZURE, SHARED_PROPERTIES } from "./types";

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
    `${rows.length} rows, ${pages.size} distinct sources.`,
  ];
  for (const s of sections) {
    const sorted = [...s.rows].sort((a, b) => (a.type === b.type ? 0 : a.type.startsWith("every") ? -1 : b.type.startsWith("every") ? 1 : a.type < b.type ? -1 : 1));
    lines.push("", `## ${s.title}: ${sorted.length} rows`, "", "| Type | Property | Package sets | Create / update / destroy | Source |", "|---|---|---|---|---|");
    for (const r of sorted) {
      const type = r.type.startsWith("every") ? r.type : `\`${r.type}\``;
      const sets = r.when ? `*Only when ${r.when}.* ${r.sets}` : r.sets;
      lines.push(`| ${type} | ${r.properties.map((p) => `\`${p}\``).join(", ")} | ${noBar(sets)} | ${noBar(r.lifecycle)} | ${sourcesCell(r.sources)} |`);
    }
  }
  return `${lines.join("\n")}\n`;
}

/** A cell's text, one line, inert, with no vertical bar. */
function noBar(text: string): string {
  return cell(text).replace(/\\\|/g, "/");
}
