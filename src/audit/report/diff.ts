/**
 * Compares two audit reports (a base, e.g. the main branch, and a head, e.g. a pull request) in Markdown: controls
 * whose outcome changed, verdicts that moved, recovery objectives that moved per scenario, and copies added or
 * removed, closed by a one-line verdict.
 */
import { cell, code, formatDuration } from "./format";
import type { AuditReport, FactsSummary, ReportFinding, ReportOutcome } from "./schema";

/** How bad an outcome is: a change to a higher rank is a regression. */
const OUTCOME_RANK: Record<ReportOutcome, number> = { pass: 0, "not-applicable": 0, unknown: 1, waived: 1, fail: 2 };

/** The copies a report declares, one description each (a multiset: identical copies count separately). */
export function copyDescriptions(f: FactsSummary): string[] {
  const vaultName = new Map(f.vaults.map((v) => [v.urn, v.name]));
  const out: string[] = [];
  for (const db of f.databases) {
    for (const c of db.copies) {
      const zones = c.availabilityZones.length ? ` [${c.availabilityZones.join(", ")}]` : "";
      out.push(`database ${db.name}: ${c.role} ${c.name} (${c.mode}) in ${c.region}${zones}`);
    }
  }
  for (const v of f.vaults) out.push(`snapshot vault ${v.name} in ${v.region} (lock ${v.lockMode})`);
  for (const r of f.rules) {
    for (const c of r.copies) {
      const to = (c.vaultUrn && vaultName.get(c.vaultUrn)) ?? c.region ?? "an unresolved vault";
      out.push(`snapshot copy of rule ${r.rule} (${r.plan}) to ${to}${c.retentionDays !== undefined ? `, kept ${c.retentionDays} days` : ""}`);
    }
  }
  for (const fs of f.fileSystems) {
    out.push(`file system ${fs.name} in ${fs.region}${fs.oneZone ? " (one zone)" : ""}`);
    for (const r of fs.replicationRegions) out.push(`file system ${fs.name}: replica in ${r}`);
  }
  for (const k of f.keyCopies) out.push(`key copy ${k.id} (${k.kind}) in ${k.region}`);
  return out;
}

function counts(items: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const i of items) m.set(i, (m.get(i) ?? 0) + 1);
  return m;
}

/** Items of `a` not matched in `b`, respecting multiplicity. */
function minus(a: Map<string, number>, b: Map<string, number>): string[] {
  const out: string[] = [];
  for (const [item, n] of a) for (let i = b.get(item) ?? 0; i < n; i++) out.push(item);
  return out.sort();
}

/** A worse objective is a longer one; undefined (not recoverable) is the worst. */
function objectiveDelta(base: number | undefined, head: number | undefined): number {
  const b = base ?? Number.POSITIVE_INFINITY;
  const h = head ?? Number.POSITIVE_INFINITY;
  return b === h ? 0 : h > b ? 1 : -1;
}

function outcomeLabel(f: ReportFinding | undefined): string {
  if (!f) return "absent";
  return f.outcome === "waived" && f.waiver ? `waived (${f.waiver.id})` : f.outcome;
}

export function diffReports(base: AuditReport, head: AuditReport): string {
  let worse = 0;
  let better = 0;
  const reasonsWorse: string[] = [];
  const reasonsBetter: string[] = [];
  const out: string[] = [];
  const title = base.stack === head.stack ? code(head.stack) : `${code(base.stack)} -> ${code(head.stack)}`;
  out.push(`## Audit diff: ${title}`);
  out.push("");
  out.push(`Base: ${base.origin}${base.generatedAt ? ` (${base.generatedAt})` : ""}. Head: ${head.origin}${head.generatedAt ? ` (${head.generatedAt})` : ""}.`);
  out.push("");

  // Controls.
  const baseById = new Map(base.findings.map((f) => [f.id, f]));
  const headById = new Map(head.findings.map((f) => [f.id, f]));
  const ids = [...new Set([...baseById.keys(), ...headById.keys()])].sort();
  const changed: string[] = [];
  const newlyFailing: string[] = [];
  const fixed: string[] = [];
  for (const id of ids) {
    const b = baseById.get(id);
    const h = headById.get(id);
    if (b && h && b.outcome === h.outcome && b.waiver?.id === h.waiver?.id) continue;
    const before = b ? OUTCOME_RANK[b.outcome] : 0;
    const after = h ? OUTCOME_RANK[h.outcome] : 0;
    let direction = "";
    if (after > before) {
      direction = "worse";
      worse++;
      if (h?.outcome === "fail") newlyFailing.push(id);
    } else if (after < before) {
      direction = "better";
      better++;
      if (b?.outcome === "fail") fixed.push(id);
    }
    const f = h ?? b!;
    changed.push(`| ${cell(id)} | ${cell(f.title)} | ${f.severity} | ${cell(outcomeLabel(b))} | ${cell(outcomeLabel(h))} | ${direction} |`);
  }
  if (newlyFailing.length) reasonsWorse.push(`${newlyFailing.length} control${newlyFailing.length === 1 ? "" : "s"} newly failing (${newlyFailing.join(", ")})`);
  const newlyWaived = ids.filter((id) => headById.get(id)?.outcome === "waived" && baseById.get(id)?.outcome !== "waived" && baseById.get(id)?.outcome !== "fail");
  if (newlyWaived.length) reasonsWorse.push(`${newlyWaived.length} control${newlyWaived.length === 1 ? "" : "s"} newly waived (${newlyWaived.join(", ")})`);
  if (fixed.length) reasonsBetter.push(`${fixed.length} failing control${fixed.length === 1 ? "" : "s"} fixed or waived (${fixed.join(", ")})`);

  out.push("### Controls that changed");
  out.push("");
  if (changed.length === 0) out.push("None.");
  else {
    out.push("| ID | Title | Severity | Base | Head | Change |");
    out.push("|---|---|---|---|---|---|");
    out.push(...changed);
  }
  out.push("");

  // Verdicts per recommendation.
  const baseVerdict = new Map(base.verdict.map((v) => [v.recommendation, v]));
  const verdictLines: string[] = [];
  for (const v of head.verdict) {
    const b = baseVerdict.get(v.recommendation);
    if (b && b.status !== v.status) verdictLines.push(`- ${v.title}: ${b.status} -> ${v.status}`);
  }
  if (verdictLines.length) {
    out.push("### Verdicts that changed");
    out.push("");
    out.push(...verdictLines);
    out.push("");
  }

  // Scenarios.
  const baseScenario = new Map(base.scenarios.map((s) => [s.id, s]));
  const scenarioLines: string[] = [];
  let slower = 0;
  let faster = 0;
  for (const s of head.scenarios) {
    const b = baseScenario.get(s.id);
    if (!b) {
      scenarioLines.push(`| ${cell(s.title)} | (new) ${formatDuration(s.rpoSeconds)} | (new) ${formatDuration(s.rtoSeconds)} |`);
      continue;
    }
    const rpo = objectiveDelta(b.rpoSeconds, s.rpoSeconds);
    const rto = objectiveDelta(b.rtoSeconds, s.rtoSeconds);
    if (rpo === 0 && rto === 0) continue;
    if (rpo > 0 || rto > 0) slower++;
    if (rpo < 0 || rto < 0) faster++;
    const show = (d: number, x: number | undefined, y: number | undefined): string =>
      d === 0 ? formatDuration(y) : `${formatDuration(x)} -> ${formatDuration(y)} (${d > 0 ? "worse" : "better"})`;
    scenarioLines.push(`| ${cell(s.title)} | ${show(rpo, b.rpoSeconds, s.rpoSeconds)} | ${show(rto, b.rtoSeconds, s.rtoSeconds)} |`);
  }
  const headScenarioIds = new Set(head.scenarios.map((s) => s.id));
  for (const b of base.scenarios) {
    if (!headScenarioIds.has(b.id)) scenarioLines.push(`| ${cell(b.title)} | (no longer assessed) | (no longer assessed) |`);
  }
  if (slower) {
    worse += slower;
    reasonsWorse.push(`${slower} scenario${slower === 1 ? "" : "s"} with a longer RPO or RTO`);
  }
  if (faster) {
    better += faster;
    reasonsBetter.push(`${faster} scenario${faster === 1 ? "" : "s"} with a shorter RPO or RTO`);
  }
  out.push("### Recovery objectives that moved");
  out.push("");
  if (scenarioLines.length === 0) out.push("None.");
  else {
    out.push("| Scenario | RPO | RTO |");
    out.push("|---|---|---|");
    out.push(...scenarioLines);
  }
  out.push("");

  // Copies.
  const baseCopies = counts(copyDescriptions(base.facts));
  const headCopies = counts(copyDescriptions(head.facts));
  const added = minus(headCopies, baseCopies);
  const removed = minus(baseCopies, headCopies);
  out.push("### Copies added or removed");
  out.push("");
  if (added.length === 0 && removed.length === 0) out.push("None.");
  for (const a of added) out.push(`- added: ${a}`);
  for (const r of removed) out.push(`- removed: ${r}`);
  out.push("");
  if (removed.length) {
    worse += removed.length;
    reasonsWorse.push(`${removed.length} cop${removed.length === 1 ? "y" : "ies"} removed`);
  }
  if (added.length) {
    better += added.length;
    reasonsBetter.push(`${added.length} cop${added.length === 1 ? "y" : "ies"} added`);
  }

  const verdict = worse && better ? "mixed" : worse ? "worse" : better ? "better" : "unchanged";
  const reasons = [...reasonsWorse, ...reasonsBetter];
  const errors = head.summary.errorsFailing;
  out.push(
    `**Verdict: ${verdict}**${reasons.length ? `: ${reasons.join("; ")}` : ""}. ` +
      `Head has ${errors === 0 ? "no failing error control" : `${errors} failing error control${errors === 1 ? "" : "s"}`}.`,
  );
  out.push("");
  return out.join("\n");
}
