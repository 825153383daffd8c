/** The few lines the command line prints after an audit: counts, failing error controls, verdict per recommendation. */
import type { AuditReport } from "./schema";
import { changeLine } from "../change/render";

export function summarizeReport(report: AuditReport): string {
  const s = report.summary;
  const lines: string[] = [];
  const env = report.environment ? `, environment ${report.environment}` : "";
  lines.push(`Audit of ${report.stack}${env} (${report.origin}): ${s.pass} passed, ${s.fail} failed, ${s.waived} waived, ${s.notApplicable} not applicable${s.unknown ? `, ${s.unknown} not judged` : ""}`);
  const failing = report.findings.filter((f) => f.outcome === "fail" && f.severity === "error");
  if (failing.length === 0) lines.push("No error control fails unwaived.");
  else {
    lines.push(`Failing error controls (${failing.length}):`);
    for (const f of failing) lines.push(`  ${f.id} ${f.title}: ${f.message}`);
  }
  if (report.change) {
    const c = report.change;
    lines.push(`Change against the base: ${changeLine(c)}`);
    for (const f of c.findings.filter((x) => x.severity !== "info")) lines.push(`  ${f.rule} ${f.resource} (${f.waiver ? `waived by ${f.waiver.id}` : f.severity}): ${f.message}`);
  }
  lines.push("Verdict:");
  for (const v of report.verdict) lines.push(`  ${v.title}: ${v.status} (${v.summary})`);
  const d = report.crlDeadline;
  lines.push(`CRL deadline: ${d.met === true ? "met" : d.met === false ? "NOT MET" : "undetermined"}`);
  return lines.join("\n");
}
