/**
 * report.md: the audit for people. Verdict per R3 recommendation, the findings table, the evidence behind each
 * finding, the recovery scenarios, the CRL deadline, resources no reader knew, and the topology as a Mermaid
 * diagram. Rendered from the report document alone.
 */
import { cell, code, formatDuration, formatValue, plain, shortName } from "./format";
import { mermaidDiagram } from "./mermaid";
import { changeMarkdown } from "../change/render";
import { objectiveMarkdownLines } from "./objectives";
import type { AuditReport, ReportFinding, ReportVerdict } from "./schema";

const SOURCE: Record<AuditReport["source"], string> = {
  plan: "offline plan",
  state: "deployed state (pulumi stack export)",
  preview: "preview (pulumi preview --json)",
};

const STATUS: Record<ReportVerdict["status"], string> = {
  met: "met",
  "met-with-waivers": "met with waivers",
  "met-with-warnings": "met with warnings",
  "met-with-unknowns": "met as far as judged",
  "not-met": "**NOT MET**",
  "not-assessed": "not assessed",
};

export function outcomeText(f: ReportFinding): string {
  if (f.outcome === "waived") {
    const w = f.waiver;
    if (!w) return "waived";
    const extra = [w.approvedBy ? `approved by ${w.approvedBy}` : "", w.expires ? `until ${w.expires}` : ""].filter((x) => x !== "").join(", ");
    return `waived (${w.id}): ${w.reason}${extra ? ` (${extra})` : ""}`;
  }
  if (f.outcome === "fail") return "**fail**";
  if (f.outcome === "unknown") return "unknown: not judged";
  return f.outcome;
}

function evidenceLines(f: ReportFinding): string[] {
  if (f.evidence.length === 0) return ["- no resource evidence"];
  return f.evidence.map((e) => {
    const props = Object.entries(e.properties).filter(([, v]) => v !== undefined).map(([k, v]) => `${k} = ${code(formatValue(v))}`);
    return `- ${code(shortName(e.resource))} (${plain(e.type)})${props.length ? `: ${props.join(", ")}` : ""}`;
  });
}

/**
 * report.md, line by line: a large audited program gives a large report, and the command line writes these lines
 * as they come instead of holding the whole text.
 */
export function* markdownLines(report: AuditReport): Generator<string> {
  const s = report.summary;
  yield `# CENM backup audit: ${plain(report.stack)}`;
  yield "";
  const env = report.environment ? `, environment ${code(report.environment)}` : "";
  const when = report.generatedAt ? `, generated ${report.generatedAt}` : "";
  yield `Stack ${code(report.stack)}${env}. Source: ${SOURCE[report.source]} (${plain(report.origin)})${when}. Report schema ${report.schemaVersion}.`;
  yield "";
  yield (
    `**${s.pass} passed, ${s.fail} failed, ${s.waived} waived, ${s.notApplicable} not applicable${s.unknown ? `, ${s.unknown} not judged (values computed at deployment)` : ""}; ` +
      `${s.errorsFailing === 0 ? "no error control fails" : `${s.errorsFailing} error control${s.errorsFailing === 1 ? "" : "s"} failing`}.**`
  );
  yield "";

  if (report.change) {
    const c = report.change;
    yield `## Change against the base${c.errorsFailing > 0 ? `: ${c.errorsFailing} error${c.errorsFailing === 1 ? "" : "s"} unwaived` : ""}`;
    yield "";
    for (const line of changeMarkdown(c)) yield line;
    yield "";
  }

  yield "## Verdict per R3 recommendation";
  yield "";
  yield "| Recommendation | Verdict | Pass | Fail | Waived | N/A | Summary |";
  yield "|---|---|---|---|---|---|---|";
  for (const v of report.verdict) {
    const c = v.counts;
    yield `| ${cell(v.title)} | ${STATUS[v.status]} | ${c.pass} | ${c.fail} | ${c.waived} | ${c.notApplicable} | ${cell(v.summary)} |`;
  }
  yield "";

  yield "## Findings";
  yield "";
  if (report.findings.length === 0) yield "No control was evaluated.";
  else {
    yield "| ID | Title | Severity | Outcome |";
    yield "|---|---|---|---|";
    for (const f of report.findings) yield `| ${cell(f.id)} | ${cell(f.title)} | ${f.severity} | ${cell(outcomeText(f))} |`;
  }
  yield "";

  yield "## Evidence";
  yield "";
  for (const f of report.findings) {
    yield `### ${f.id}: ${f.title} (${f.outcome})`;
    yield "";
    yield plain(f.message);
    yield "";
    yield* evidenceLines(f);
    yield "";
  }

  yield "## Waivers";
  yield "";
  const waivers = report.waivers ?? [];
  if (waivers.length === 0) yield "The stack records no waiver.";
  else {
    yield "| Waiver | Status | Excuses | Reason | Approved by | Until |";
    yield "|---|---|---|---|---|---|";
    const STATUS_TEXT = { "in-force": "in force", lapsed: "**lapsed**: excuses nothing", "no-reason": "**no written reason**: excuses nothing", "unknown-id": "**names no control or rule**" } as const;
    for (const w of waivers) {
      yield `| ${code(w.id)} | ${STATUS_TEXT[w.status]} | ${w.excuses.length ? w.excuses.join(", ") : "nothing"} | ${cell(w.reason)} | ${cell(w.approvedBy ?? "")} | ${w.expires ?? ""} |`;
    }
  }
  yield "";

  yield "## Recovery scenarios";
  yield "";
  if (report.scenarios.length === 0) yield "No scenario was assessed.";
  else {
    yield "| Scenario | RPO | RTO | Saved by | Basis |";
    yield "|---|---|---|---|---|";
    for (const sc of report.scenarios) {
      yield `| ${cell(sc.title)} | ${formatDuration(sc.rpoSeconds)} | ${formatDuration(sc.rtoSeconds)} | ${cell(sc.savedBy)} | ${cell(sc.basis)} |`;
    }
    // Where each stated figure comes from: the cloud's documentation, or this package's assumption.
    const sourced = report.scenarios.filter((sc) => sc.rpoBasis || sc.rtoBasis);
    if (sourced.length > 0) {
      yield "";
      yield "Where the scenario figures come from (documented: the cloud's documentation says so; assumed: this package's own estimate):";
      yield "";
      yield "| Scenario | Figure | Basis | Source |";
      yield "|---|---|---|---|";
      for (const sc of sourced) {
        for (const [what, b] of [["RPO", sc.rpoBasis], ["RTO", sc.rtoBasis]] as const) {
          if (!b) continue;
          yield `| ${cell(sc.title)} | ${what} ${formatDuration(what === "RPO" ? sc.rpoSeconds : sc.rtoSeconds)} | ${b.documented ? "documented" : "assumed"} | ${cell(b.source)}${b.url ? ` (${b.url})` : ""} |`;
        }
      }
    }
  }
  yield "";

  yield "## Recovery objectives";
  yield "";
  yield* objectiveMarkdownLines(report.scenarios);
  yield "";

  yield "## CRL deadline";
  yield "";
  const d = report.crlDeadline;
  const verdict = d.met === true ? "met" : d.met === false ? "**NOT MET**" : "undetermined";
  yield `Signing path back before the current CRL expires: ${verdict}. ${plain(d.message)}`;
  yield "";

  yield "## Unknown resources";
  yield "";
  const unknown = report.facts.unknownResources;
  if (unknown.length === 0) yield "None: every resource was read by a reader.";
  else {
    yield `${unknown.length} resource${unknown.length === 1 ? "" : "s"} no reader knows (not judged by any control):`;
    yield "";
    for (const u of unknown) yield `- ${code(u.name)} (${plain(u.type)})`;
  }
  yield "";

  yield "## Topology";
  yield "";
  yield "```mermaid";
  yield mermaidDiagram(report.facts);
  yield "```";
  yield "";
}

/** report.md as one text (the lines of {@link markdownLines}). */
export function renderMarkdown(report: AuditReport): string {
  return [...markdownLines(report)].join("\n");
}
