/**
 * report.md: the audit for people. Verdict per R3 recommendation, the findings table, the evidence behind each
 * finding, the recovery scenarios, the CRL deadline, resources no reader knew, and the topology as a Mermaid
 * diagram. Rendered from the report document alone.
 */
import { cell, code, formatDuration, formatValue, plain, shortName } from "./format";
import { mermaidDiagram } from "./mermaid";
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

export function renderMarkdown(report: AuditReport): string {
  const s = report.summary;
  const out: string[] = [];
  out.push(`# CENM backup audit: ${plain(report.stack)}`);
  out.push("");
  const env = report.environment ? `, environment ${code(report.environment)}` : "";
  const when = report.generatedAt ? `, generated ${report.generatedAt}` : "";
  out.push(`Stack ${code(report.stack)}${env}. Source: ${SOURCE[report.source]} (${plain(report.origin)})${when}. Report schema ${report.schemaVersion}.`);
  out.push("");
  out.push(
    `**${s.pass} passed, ${s.fail} failed, ${s.waived} waived, ${s.notApplicable} not applicable${s.unknown ? `, ${s.unknown} not judged (values computed at deployment)` : ""}; ` +
      `${s.errorsFailing === 0 ? "no error control fails" : `${s.errorsFailing} error control${s.errorsFailing === 1 ? "" : "s"} failing`}.**`,
  );
  out.push("");

  out.push("## Verdict per R3 recommendation");
  out.push("");
  out.push("| Recommendation | Verdict | Pass | Fail | Waived | N/A | Summary |");
  out.push("|---|---|---|---|---|---|---|");
  for (const v of report.verdict) {
    const c = v.counts;
    out.push(`| ${cell(v.title)} | ${STATUS[v.status]} | ${c.pass} | ${c.fail} | ${c.waived} | ${c.notApplicable} | ${cell(v.summary)} |`);
  }
  out.push("");

  out.push("## Findings");
  out.push("");
  if (report.findings.length === 0) out.push("No control was evaluated.");
  else {
    out.push("| ID | Title | Severity | Outcome |");
    out.push("|---|---|---|---|");
    for (const f of report.findings) out.push(`| ${cell(f.id)} | ${cell(f.title)} | ${f.severity} | ${cell(outcomeText(f))} |`);
  }
  out.push("");

  out.push("## Evidence");
  out.push("");
  for (const f of report.findings) {
    out.push(`### ${f.id}: ${f.title} (${f.outcome})`);
    out.push("");
    out.push(plain(f.message));
    out.push("");
    out.push(...evidenceLines(f));
    out.push("");
  }

  out.push("## Waivers");
  out.push("");
  const waivers = report.waivers ?? [];
  if (waivers.length === 0) out.push("The stack records no waiver.");
  else {
    out.push("| Waiver | Status | Excuses | Reason | Approved by | Until |");
    out.push("|---|---|---|---|---|---|");
    const STATUS_TEXT = { "in-force": "in force", lapsed: "**lapsed**: excuses nothing", "no-reason": "**no written reason**: excuses nothing", "unknown-id": "**names no control or rule**" } as const;
    for (const w of waivers) {
      out.push(`| ${code(w.id)} | ${STATUS_TEXT[w.status]} | ${w.excuses.length ? w.excuses.join(", ") : "nothing"} | ${cell(w.reason)} | ${cell(w.approvedBy ?? "")} | ${w.expires ?? ""} |`);
    }
  }
  out.push("");

  out.push("## Recovery scenarios");
  out.push("");
  if (report.scenarios.length === 0) out.push("No scenario was assessed.");
  else {
    out.push("| Scenario | RPO | RTO | Saved by | Basis |");
    out.push("|---|---|---|---|---|");
    for (const sc of report.scenarios) {
      out.push(`| ${cell(sc.title)} | ${formatDuration(sc.rpoSeconds)} | ${formatDuration(sc.rtoSeconds)} | ${cell(sc.savedBy)} | ${cell(sc.basis)} |`);
    }
    // Where each stated figure comes from: the cloud's documentation, or this package's assumption.
    const sourced = report.scenarios.filter((sc) => sc.rpoBasis || sc.rtoBasis);
    if (sourced.length > 0) {
      out.push("");
      out.push("Where the scenario figures come from (documented: the cloud's documentation says so; assumed: this package's own estimate):");
      out.push("");
      out.push("| Scenario | Figure | Basis | Source |");
      out.push("|---|---|---|---|");
      for (const sc of sourced) {
        for (const [what, b] of [["RPO", sc.rpoBasis], ["RTO", sc.rtoBasis]] as const) {
          if (!b) continue;
          out.push(`| ${cell(sc.title)} | ${what} ${formatDuration(what === "RPO" ? sc.rpoSeconds : sc.rtoSeconds)} | ${b.documented ? "documented" : "assumed"} | ${cell(b.source)}${b.url ? ` (${b.url})` : ""} |`);
        }
      }
    }
  }
  out.push("");

  out.push("## CRL deadline");
  out.push("");
  const d = report.crlDeadline;
  const verdict = d.met === true ? "met" : d.met === false ? "**NOT MET**" : "undetermined";
  out.push(`Signing path back before the current CRL expires: ${verdict}. ${plain(d.message)}`);
  out.push("");

  out.push("## Unknown resources");
  out.push("");
  const unknown = report.facts.unknownResources;
  if (unknown.length === 0) out.push("None: every resource was read by a reader.");
  else {
    out.push(`${unknown.length} resource${unknown.length === 1 ? "" : "s"} no reader knows (not judged by any control):`);
    out.push("");
    for (const u of unknown) out.push(`- ${code(u.name)} (${plain(u.type)})`);
  }
  out.push("");

  out.push("## Topology");
  out.push("");
  out.push("```mermaid");
  out.push(mermaidDiagram(report.facts));
  out.push("```");
  out.push("");
  return out.join("\n");
}
