/**
 * The pull-request comment of the PR audit workflow (.github/workflows/pr.yml).
 *
 *   node dist/scripts/pr-comment.js <out dir> [<comment file>]
 *
 * `<out dir>` holds `head/<stack>/report.json` and `report.md` with `head/<stack>.exit` (the audit's exit code) for
 * every stack of the pull request, and `base/<stack>/...` likewise for the stacks the base branch could audit. It
 * writes the comment (default `<out dir>/pr-comment.md`): a table of every stack, then, for each stack whose posture
 * or topology changed, the `audit diff` against the base and the head's Mermaid diagram. It prints
 * `failing=<n>`, the number of stacks whose audit failed (an error control failing unwaived, or no report).
 */
import * as fs from "fs";
import * as path from "path";
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

export interface RenderedComment {
  body: string;
  failing: string[];
}

export function renderPrComment(stacks: StackAudit[], options: { runUrl?: string; removed?: string[] } = {}): RenderedComment {
  const failing: string[] = [];
  const rows: string[] = [];
  const details: string[] = [];
  for (const s of [...stacks].sort((a, b) => a.stack.localeCompare(b.stack))) {
    const failed = s.headExit !== 0 || !s.head;
    if (failed) failing.push(s.stack);
    if (!s.head) {
      rows.push(`| \`${s.stack}\` | no report (audit exit code ${s.headExit}) | - |`);
      continue;
    }
    const sum = s.head.summary;
    const result = `${failed ? ":x:" : ":white_check_mark:"} ${sum.pass} pass, ${sum.fail} fail, ${sum.waived} waived, ${sum.notApplicable} n/a; ${sum.errorsFailing} error control${sum.errorsFailing === 1 ? "" : "s"} failing`;
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
    if (change === "unchanged") continue;
    const part: string[] = [`### \`${s.stack}\`: ${change}`, ""];
    if (diff) part.push(diff.replace(/^## Audit diff: .*\n\n/, ""), "");
    if (headDiagram) part.push("<details><summary>Topology (head)</summary>", "", headDiagram, "", "</details>", "");
    details.push(part.join("\n"));
  }
  const out: string[] = [COMMENT_MARKER, "## cenm-backup audit", ""];
  out.push(
    failing.length === 0
      ? "No error-severity control fails unwaived on any stack."
      : `**${failing.length} stack${failing.length === 1 ? "" : "s"} with an error-severity control failing unwaived, or no report:** ${failing.map((f) => `\`${f}\``).join(", ")}. The check fails.`,
  );
  out.push("");
  out.push("| Stack | Head | Change against the base branch |");
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

if (require.main === module) {
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
