/**
 * The pull-request comment of the PR audit workflow (.github/workflows/pr.yml).
 *
 *   node dist/scripts/pr-comment.js <out dir> [<comment file>]
 *
 * `<out dir>` holds `head/<stack>/report.json` and `report.md` with `head/<stack>.exit` (the audit's exit code) for
 * every stack of the pull request, and `base/<stack>/...` likewise for the stacks the base branch could audit. It
 * writes the comment (default `<out dir>/pr-comment.md`). It leads with what the pull request does to each stack's
 * resources, from the change section of the head's report (the head is audited with `--base`, the base branch's
 * plan): per stack what it replaces, deletes and lifts protection on, or one line when it changes nothing. Then
 * a table of every stack's posture, and, for each stack whose resources, posture or topology changed, the change's
 * findings, the `audit diff` against the base and the head's Mermaid diagram. It prints `failing=<n>`, the number
 * of stacks whose audit failed (an error control failing unwaived, a change no waiver excuses, or no report).
 *
 *   node dist/scripts/pr-comment.js --preview <stack> <report.json> [<comment file>] [<audit exit code>] [<preview exit code>]
 *
 * The preview workflow's comment (.github/workflows/preview.yml): the same judgement read from a real
 * `pulumi preview --json` applied to the stack's `pulumi stack export` (`audit --preview ... --base ...`), one
 * comment per stack, marked so that each push edits it. `pulumi preview` exits 1 when Pulumi refuses part of the
 * change (a protected resource replaced or deleted) yet prints the whole preview, which the audit judges; that
 * exit code fails the check too, since `pulumi up` would fail the same way. Prints `failing=<0 or 1>`.
 */
import * as fs from "fs";
import * as path from "path";
import { changeMarkdown, changeNotes, changesNothing } from "../src/audit/change/render";
import { diffReports } from "../src/audit/report/diff";
import { readReportFile } from "../src/audit/report/read";
import type { AuditReport } from "../src/audit/report/schema";
import { estimateText, pairText, targetText, verdictText } from "../src/audit/objectives";

/** The hidden marker the workflow looks for to update its own comment instead of adding another. */
export const COMMENT_MARKER = "<!-- cenm-backup-audit -->";
/** GitHub refuses comments over 65,536 characters; keep room for the closing note. */
export const COMMENT_LIMIT = 65000;

export interface StackAudit {
  stack: string;
  /** Exit code of the head audit (0 no error control failing unwaived, 1 failing or unreadable, other: crashed). */
  headExit: number;
  head?: AuditReport;
  headMarkdown?: string;
  base?: AuditReport;
  baseMarkdown?: string;
}

/** The Mermaid block of a report.md, or undefined. */
export function mermaidBlock(markdown: string | undefined): string | undefined {
  const m = markdown ? /```mermaid\n[\s\S]*?\n```/.exec(markdown) : null;
  return m ? m[0] : undefined;
}

function verdictLine(diff: string): string {
  const m = /\*\*Verdict: ([a-z]+)\*\*/.exec(diff);
  return m ? m[1] : "unknown";
}

type ReportChange = NonNullable<AuditReport["change"]>;

/** `name (forcing inputs)` for a replaced resource whose finding names them. */
function withReasons(change: ReportChange, name: string): string {
  const f = change.findings.find((x) => x.resource === name && x.rule === "CENM-CH-01" && x.properties.length > 0);
  return f ? `\`${name}\` (${f.properties.join(", ")})` : `\`${name}\``;
}

/** One line per stack: what the change replaces, deletes and lifts protection on, and whether it fails. */
export function changeHeadline(change: ReportChange): string {
  const parts: string[] = [];
  parts.push(`replaces ${change.replaces.length ? change.replaces.map((n) => withReasons(change, n)).join(", ") : "nothing"}`);
  parts.push(`deletes ${change.deletes.length ? change.deletes.map((n) => `\`${n}\``).join(", ") : "nothing"}`);
  parts.push(`lifts protection on ${change.liftsProtection.length ? change.liftsProtection.map((n) => `\`${n}\``).join(", ") : "nothing"}`);
  const others = change.findings.filter((f) => !["CENM-CH-01", "CENM-CH-02", "CENM-CH-03"].includes(f.rule) && f.severity !== "info").length;
  const tail = [
    others > 0 ? `${others} more finding${others === 1 ? "" : "s"} (locks, retention, regions, renames)` : "",
    change.errorsFailing > 0 ? `:x: ${change.errorsFailing} unwaived error${change.errorsFailing === 1 ? "" : "s"}` : change.findings.some((f) => f.waiver) ? "errors waived" : "",
  ].filter((x) => x !== "");
  return `${parts.join("; ")}${tail.length ? `. ${tail.join("; ")}` : ""}`;
}

export interface RenderedComment {
  body: string;
  failing: string[];
}

export function renderPrComment(stacks: StackAudit[], options: { runUrl?: string; removed?: string[] } = {}): RenderedComment {
  const failing: string[] = [];
  const rows: string[] = [];
  const details: string[] = [];
  const changed: string[] = [];
  const quiet: string[] = [];
  const unjudged: string[] = [];
  for (const s of [...stacks].sort((a, b) => a.stack.localeCompare(b.stack))) {
    const c = s.head?.change;
    if (!s.head) continue;
    if (!c) unjudged.push(s.stack);
    else if (changesNothing(c)) quiet.push(s.stack);
    else changed.push(`- \`${s.stack}\`: ${changeHeadline(c)}`);
  }
  for (const s of [...stacks].sort((a, b) => a.stack.localeCompare(b.stack))) {
    const failed = s.headExit !== 0 || !s.head;
    if (failed) failing.push(s.stack);
    if (!s.head) {
      rows.push(`| \`${s.stack}\` | no report (audit exit code ${s.headExit}) | - |`);
      continue;
    }
    const sum = s.head.summary;
    const unwaivedChanges = s.head.change?.errorsFailing ?? 0;
    const result = `${failed ? ":x:" : ":white_check_mark:"} ${sum.pass} pass, ${sum.fail} fail, ${sum.waived} waived, ${sum.notApplicable} n/a; ${sum.errorsFailing} error control${sum.errorsFailing === 1 ? "" : "s"} failing${unwaivedChanges > 0 ? `; ${unwaivedChanges} change${unwaivedChanges === 1 ? "" : "s"} without a waiver` : ""}`;
    let change: string;
    let diff: string | undefined;
    const headDiagram = mermaidBlock(s.headMarkdown);
    if (!s.base) {
      change = "new stack (no base report)";
    } else {
      diff = diffReports(s.base, s.head);
      const v = verdictLine(diff);
      const diagramChanged = headDiagram !== mermaidBlock(s.baseMarkdown);
      change = v === "unchanged" && diagramChanged ? "topology changed" : v;
    }
    rows.push(`| \`${s.stack}\` | ${result} | ${change} |`);
    const resources = s.head.change && !changesNothing(s.head.change) ? s.head.change : undefined;
    if (change === "unchanged" && !resources) continue;
    const heading = resources ? `resources change, posture ${change}` : change;
    const part: string[] = [`### \`${s.stack}\`: ${heading}`, ""];
    if (resources) part.push("#### What the change does to its resources", "", ...changeMarkdown(resources), "");
    if (diff && change !== "unchanged") part.push(diff.replace(/^## Audit diff: .*\n\n/, ""), "");
    if (headDiagram) part.push("<details><summary>Topology (head)</summary>", "", headDiagram, "", "</details>", "");
    details.push(part.join("\n"));
  }
  const out: string[] = [COMMENT_MARKER, "## cenm-backup audit", ""];
  out.push(
    failing.length === 0
      ? "No error-severity control fails unwaived on any stack, and no change needs a waiver."
      : `**${failing.length} stack${failing.length === 1 ? "" : "s"} with an error-severity control failing unwaived, a change to stateful resources no waiver excuses, or no report:** ${failing.map((f) => `\`${f}\``).join(", ")}. The check fails.`,
  );
  out.push("");
  // What the pull request does to deployed resources comes first: it is what a reviewer can least afford to miss.
  if (changed.length === 0 && unjudged.length === 0) out.push(`This pull request changes no resource ${quiet.length === 1 ? `of \`${quiet[0]}\`` : `in any of the ${quiet.length} stacks`}.`, "");
  else {
    if (changed.length > 0) out.push("**What this pull request does to the stacks' resources** (offline plans of the base branch and of the pull request compared):", "", ...changed, "");
    if (quiet.length > 0 && changed.length > 0) out.push(`No resource changes in ${quiet.map((q) => `\`${q}\``).join(", ")}.`, "");
    if (unjudged.length > 0) out.push(`Not compared (no plan of the base branch): ${unjudged.map((q) => `\`${q}\``).join(", ")}.`, "");
  }
  out.push("| Stack | Head | Posture against the base branch |");
  out.push("|---|---|---|");
  out.push(...rows);
  for (const r of options.removed ?? []) out.push(`| \`${r}\` | removed by this pull request | - |`);
  out.push("");
  if (details.length === 0) out.push("No stack's posture or topology changed.", "");
  out.push(...recoveryObjectivesSection(stacks));
  const footer = options.runUrl ? `Full reports (report.md, report.json per stack): the \`audit-reports\` artifact of [this run](${options.runUrl}).` : "Full reports: the `audit-reports` artifact of this run.";
  let body = out.join("\n");
  for (const d of details) {
    if (body.length + d.length + footer.length + 200 > COMMENT_LIMIT) {
      body += "\nSome stacks' details are left out: the comment would exceed GitHub's size limit.\n";
      break;
    }
    body += `\n${d}`;
  }
  body += `\n${footer}\n`;
  return { body, failing };
}

/** The hidden marker of a stack's preview comment. */
export function previewMarker(stack: string): string {
  return `<!-- cenm-backup-preview:${stack} -->`;
}

/** The preview workflow's comment for one stack: the change judged from Pulumi's own preview, then the posture. */
export function renderPreviewComment(stack: string, report: AuditReport, exitCode: number, options: { runUrl?: string; previewExitCode?: number } = {}): RenderedComment {
  const c = report.change;
  const out: string[] = [previewMarker(stack), `## cenm-backup: what \`pulumi preview\` of \`${stack}\` would do`, ""];
  if (!c) out.push("The audit was not given the change (no base): nothing to judge.");
  else if (changesNothing(c)) out.push(`The preview changes no resource of \`${stack}\`.`, ...changeNotes(c));
  else out.push(`\`${stack}\`: ${changeHeadline(c)}.`, "", ...changeMarkdown(c));
  const s = report.summary;
  out.push("", `Posture of the stack after the change: ${s.pass} pass, ${s.fail} fail, ${s.waived} waived, ${s.notApplicable} n/a; ${s.errorsFailing} error control${s.errorsFailing === 1 ? "" : "s"} failing.`);
  const previewFailed = (options.previewExitCode ?? 0) !== 0;
  const failed = exitCode !== 0 || previewFailed;
  if (exitCode !== 0) out.push("", "**The check fails**: a change no waiver excuses, or an error control failing unwaived.");
  if (previewFailed) {
    out.push("", `**\`pulumi preview\` itself failed** (exit code ${options.previewExitCode}): Pulumi refuses part of this change (see the notes), and \`pulumi up\` would stop at the same step.${exitCode === 0 ? " The check fails." : ""}`);
  }
  if (options.runUrl) out.push("", `Reports: the artifacts of [this run](${options.runUrl}).`);
  return { body: `${out.join("\n")}\n`, failing: failed ? [stack] : [] };
}

/**
 * Issue 21: the recovery objectives of each stack's head report, target / estimate / floor per disruption, folded
 * away (a section of its own, so that the rest of the comment can change without touching it).
 */
export function recoveryObjectivesSection(stacks: readonly StackAudit[]): string[] {
  const rows: string[] = [];
  for (const s of [...stacks].sort((a, b) => a.stack.localeCompare(b.stack))) {
    for (const sc of s.head?.scenarios ?? []) {
      const a = sc.objective;
      if (!a || (a.target === undefined && a.targetUnknown === undefined)) continue;
      const estimate = estimateText(sc.rpoSeconds, sc.rtoSeconds);
      const floor = a.floor ? pairText(a.floor.rpoSeconds, a.floor.rtoSeconds) : "unknown";
      const verdict = verdictText(a);
      rows.push(`| \`${s.stack}\` | ${a.key} | ${targetText(a)} | ${estimate} | ${floor} | ${verdict === "NOT MET" ? ":x: not met" : verdict} |`);
    }
  }
  if (rows.length === 0) return [];
  return [
    "<details><summary>Recovery objectives (head): target / estimate / floor per disruption</summary>",
    "",
    "| Stack | Disruption | Target | Estimate | Floor | Verdict |",
    "|---|---|---|---|---|---|",
    ...rows,
    "",
    "</details>",
    "",
  ];
}

function readIf(file: string): string | undefined {
  return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
}

function stackAudit(outDir: string, stack: string): StackAudit {
  const side = (which: "head" | "base") => {
    const dir = path.join(outDir, which, stack);
    const json = path.join(dir, "report.json");
    if (!fs.existsSync(json)) return { report: undefined, markdown: undefined };
    try {
      return { report: readReportFile(json), markdown: readIf(path.join(dir, "report.md")) };
    } catch (e) {
      // A base branch older than this report format has nothing to compare with: treated as absent.
      if (which === "base") return { report: undefined, markdown: undefined };
      throw e;
    }
  };
  const head = side("head");
  const base = side("base");
  const exit = readIf(path.join(outDir, "head", `${stack}.exit`));
  return { stack, headExit: exit === undefined ? 3 : Number(exit.trim()), head: head.report, headMarkdown: head.markdown, base: base.report, baseMarkdown: base.markdown };
}

function stacksIn(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .map((f) => /^(.+)\.exit$/.exec(f)?.[1])
    .filter((s): s is string => s !== undefined)
    .sort();
}

if (require.main === module && process.argv[2] === "--preview") {
  const [, stack, reportFile, target, exit, previewExit] = process.argv.slice(2);
  if (!stack || !reportFile) {
    console.error("usage: node dist/scripts/pr-comment.js --preview <stack> <report.json> [<comment file>] [<audit exit code>] [<preview exit code>]");
    process.exit(2);
  }
  const report = fs.existsSync(reportFile) ? readReportFile(reportFile) : undefined;
  const code = exit === undefined ? 0 : Number(exit);
  const { body, failing } = report
    ? renderPreviewComment(stack, report, code, { runUrl: process.env.RUN_URL, ...(previewExit !== undefined ? { previewExitCode: Number(previewExit) } : {}) })
    : { body: `${previewMarker(stack)}\n## cenm-backup: \`${stack}\`\n\nNo report: the audit of the preview did not run (exit code ${code}).\n`, failing: [stack] };
  fs.writeFileSync(target ?? `preview-comment-${stack}.md`, body);
  console.log(`failing=${failing.length}`);
} else if (require.main === module) {
  const [outDir, target] = process.argv.slice(2);
  if (!outDir) {
    console.error("usage: node dist/scripts/pr-comment.js <out dir> [<comment file>]");
    process.exit(2);
  }
  const headStacks = stacksIn(path.join(outDir, "head"));
  const removed = stacksIn(path.join(outDir, "base")).filter((s) => !headStacks.includes(s));
  const { body, failing } = renderPrComment(
    headStacks.map((s) => stackAudit(outDir, s)),
    { runUrl: process.env.RUN_URL, removed },
  );
  fs.writeFileSync(target ?? path.join(outDir, "pr-comment.md"), body);
  console.log(`failing=${failing.length}`);
}
