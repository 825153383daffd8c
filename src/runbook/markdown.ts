/**
 * runbook.md: the runbook for people. A summary table of the scenarios, then per scenario the figures and their
 * sources, the copy to restore from, the numbered steps with their commands, the CENM services in start order, the
 * CRL reissue, the checks and what to do afterwards; last, every resource the runbook names with its physical name
 * or why it is not known yet. Text from the audited program is made inert as in report.md; commands sit in fenced
 * blocks whose fence is longer than any backtick run inside them.
 */
import { pushAll } from "../domain/arrays";
import { code } from "../audit/report/format";
import { formatDuration } from "../domain/durations";
import { cell, plain } from "../domain/markdown";
import type { FailoverCheck, FigureBasis } from "../audit/types";
import { pairText, targetText } from "../audit/objectives";
import type { Command, ComponentPlan, Part, ResourceRef, Runbook, RunbookScenario, Step } from "./model";

const SOURCE: Record<Runbook["source"], string> = {
  plan: "offline plan",
  state: "deployed state (pulumi stack export)",
  preview: "preview (pulumi preview --json)",
};

const CLOUD: Record<Runbook["cloud"], string> = { aws: "AWS", azure: "Azure", mixed: "AWS and Azure", unknown: "no known cloud" };

/** A code span inside a table cell (a pipe would end the cell even there). */
function cellCode(text: string): string {
  return code(text).replace(/\|/g, "\\|");
}

/** A value as a shell word: bare when it is plainly safe, single-quoted otherwise. */
function word(value: string): string {
  return /^[A-Za-z0-9._:/=@+,%-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** A reference that has no value yet, as a placeholder nobody can mistake for a name. */
export function placeholder(ref: ResourceRef): string {
  const why = ref.unknown ?? "known after deployment";
  const short = why.startsWith("known after deployment") ? "known after deployment" : why;
  return `<${short}: ${ref.attribute} of ${ref.name}>`;
}

function part(p: Part): string {
  if (typeof p === "string") return p;
  if (p.ref === "param") return `<${p.what}>`;
  return p.value !== undefined ? word(p.value) : placeholder(p);
}

/** A command on one line, as it is typed. */
export function commandText(c: Command): string {
  return c.parts.map(part).join("").replace(/\r?\n|\r/g, " ");
}

function fence(lines: string[]): string[] {
  const runs = lines.join("\n").match(/`{3,}/g) ?? [];
  const f = "`".repeat(Math.max(3, ...runs.map((r) => r.length + 1)));
  return [`${f}sh`, ...lines, f];
}

function figure(seconds: number | undefined, basis: FigureBasis | undefined): string {
  if (seconds === undefined) return "not recoverable";
  if (!basis) return formatDuration(seconds);
  const kind = basis.documented ? "documented" : "assumed";
  return `${formatDuration(seconds)} (${kind}: ${plain(basis.source)}${basis.url ? `, ${basis.url}` : ""})`;
}

/** One line per CLI release the step's commands need (each named once). */
function minimumLines(s: Step, indent: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const c of s.commands) {
    const m = c.minimum;
    if (!m || seen.has(`${m.cli} ${m.version} ${m.what}`)) continue;
    seen.add(`${m.cli} ${m.version} ${m.what}`);
    out.push(`${indent}   Needs ${plain(m.cli)} ${plain(m.version)} or later (${plain(m.what)}; ${m.source}).`);
  }
  return out;
}

function stepLines(n: number, s: Step, indent = ""): string[] {
  const out = [`${indent}${n}. ${plain(s.title)}`];
  if (s.detail) out.push(`${indent}   ${plain(s.detail)}`);
  pushAll(out, minimumLines(s, indent));
  if (s.commands.length > 0) {
    out.push("");
    pushAll(out, fence(s.commands.map(commandText)).map((l) => `${indent}   ${l}`));
    out.push("");
  }
  return out;
}

function componentLines(c: ComponentPlan, counter: { n: number }): string[] {
  const out: string[] = [];
  out.push(`#### ${plain(c.label)}`);
  out.push("");
  if (!c.restoreFrom) {
    out.push("No declared copy survives.");
    out.push("");
    return out;
  }
  if (c.lost) {
    out.push(`The audit's worst case loses the best copy, ${plain(c.lost)}, so the steps restore from the next one. If another copy is the one lost, use the best that remains: the other copies are listed after the steps, best first.`);
    out.push("");
  }
  out.push(`Restore from: ${plain(c.restoreFrom)}.`);
  out.push("");
  for (const s of c.steps) pushAll(out, stepLines(++counter.n, s));
  if (c.alternatives.length > 0) {
    out.push("");
    out.push(c.kind === "keys" ? "If that copy cannot be used, the other declared copies, in order of preference:" : "Other declared copies that also survive (fallbacks):");
    out.push("");
    for (const a of c.alternatives) {
      out.push(`- ${plain(a.restoreFrom)}`);
      a.steps.forEach((s, i) => pushAll(out, stepLines(i + 1, s, "   ")));
    }
  }
  out.push("");
  return out;
}

const FAILOVER_TITLES: Record<FailoverCheck["recommendation"], string> = {
  "database-replication": "database replication",
  "database-snapshots": "rolling database snapshots",
  "file-backups": "replicated file storage",
  "key-storage": "offline key copies",
};

/** The stack's target for the scenario, its verdict and the cloud's floor; undefined when the stack sets none. */
function targetLine(s: RunbookScenario): string | undefined {
  const a = s.objective;
  if (!a || (a.target === undefined && a.targetUnknown === undefined)) return undefined;
  const floor = a.floor ? `; the cloud's floor: ${pairText(a.floor.rpoSeconds, a.floor.rtoSeconds)}` : "";
  const verdict = a.met === true ? "met by the declared topology" : a.met === false ? `**not met**: ${a.shortfalls.join("; ")}` : "not judged";
  return `**Target** (${a.targetSource === "stack" ? "the stack's recovery objective" : "its environment's default objective"} for ${a.key}): ${targetText(a)}, ${plain(verdict)}${floor}.`;
}

function scenarioLines(s: RunbookScenario, index: number): string[] {
  const out: string[] = [];
  out.push(`## ${index}. ${plain(s.title)}`);
  out.push("");
  const target = targetLine(s);
  if (!s.recoverable) {
    out.push(`**Not recoverable from the declared topology.** ${plain(s.notRecoverable?.statement ?? s.basis)}`);
    out.push("");
    if (target) {
      out.push(target);
      out.push("");
    }
    if (s.notRecoverable && s.notRecoverable.surviving.length > 0) {
      out.push("What survives, without the rest it cannot bring CENM back:");
      out.push("");
      for (const x of s.notRecoverable.surviving) out.push(`- ${plain(x)}`);
      out.push("");
    }
    out.push(`Audit: ${plain(s.basis)}`);
    out.push("");
    return out;
  }
  if (target) out.push(`- ${target}`);
  out.push(`- **RPO** ${figure(s.rpoSeconds, s.rpoBasis)}`);
  out.push(`- **RTO** ${figure(s.rtoSeconds, s.rtoBasis)}`);
  out.push(`- **Restore from:** ${plain(s.savedBy)}`);
  out.push("");
  if (s.afterFailover && s.afterFailover.length > 0) {
    out.push("Once the DR region has taken over, R3's recommendations:");
    out.push("");
    for (const c of s.afterFailover) out.push(`- ${FAILOVER_TITLES[c.recommendation]}: ${c.holds ? "holds" : "**does not hold**"}. ${plain(c.detail)}`);
    out.push("");
  }
  const counter = { n: 0 };
  out.push("### Steps");
  out.push("");
  for (const p of s.prepare) pushAll(out, stepLines(++counter.n, p));
  out.push("");
  for (const c of s.components) pushAll(out, componentLines(c, counter));
  out.push("### Bring CENM back, in this order");
  out.push("");
  for (const v of s.services) {
    const when = v.restored ? "restart it on the restored resources" : "restart it only if its host moved";
    out.push(`${v.order}. **${plain(v.title)}**: ${when}. Why here: ${plain(v.why)}. It is back when ${plain(v.check)}.`);
    if (v.checks.length > 0) {
      out.push("");
      pushAll(out, fence(v.checks.map(commandText)).map((l) => `   ${l}`));
      out.push("");
    }
  }
  out.push("");
  if (s.crl.length > 0) {
    out.push("### Reissue the CRL before the current one lapses");
    out.push("");
    s.crl.forEach((c, i) => pushAll(out, stepLines(i + 1, c)));
    out.push("");
  }
  out.push("### Checks that prove the service is back");
  out.push("");
  s.checks.forEach((c, i) => pushAll(out, stepLines(i + 1, c)));
  out.push("");
  out.push("### Afterwards");
  out.push("");
  s.reconcile.forEach((c, i) => pushAll(out, stepLines(i + 1, c)));
  out.push("");
  return out;
}

export function renderRunbook(book: Runbook): string {
  const out: string[] = [];
  out.push(`# CENM disaster-recovery runbook: ${plain(book.stack)}`);
  out.push("");
  const env = book.environment ? `, environment ${code(book.environment)}` : "";
  const regions = [book.primaryRegion ? `primary region ${code(book.primaryRegion)}` : "", book.drRegion ? `DR region ${code(book.drRegion)}` : ""].filter((x) => x !== "").join(", ");
  out.push(`Stack ${code(book.stack)}${env}, ${CLOUD[book.cloud]}${regions ? `; ${regions}` : ""}. Source: ${SOURCE[book.source]} (${plain(book.origin)}), generated ${book.generatedAt}.`);
  out.push("");
  const unknown = book.resources.filter((r) => r.value === undefined).length;
  out.push(
    "Generated from the declared resources, as the audit is: the scenarios, the copy each one restores from and every RPO and RTO are the audit's (`cenm-backup audit`). " +
      (unknown > 0
        ? `In commands, \`<known after deployment: …>\` stands for a name the cloud or Pulumi gives a resource when it is created, which this source does not record (${unknown} of the ${book.resources.length} resources named here); ` +
          "generate the runbook from the deployed state (`pulumi stack export`, then `cenm-backup runbook --state <file>`) to get them. "
        : "Every resource name in the commands is the one the source records. ") +
      "Any other `<…>` is a value you choose or that lives outside the stack (a restore time, a new name, a CENM host).",
  );
  out.push("");
  out.push("## Scenarios");
  out.push("");
  out.push("| # | Scenario | Target | RPO | RTO | Restore from |");
  out.push("|---|---|---|---|---|---|");
  book.scenarios.forEach((s, i) => {
    const from = s.recoverable ? s.savedBy : `**not recoverable**: ${s.notRecoverable?.components.length ? `no copy of ${s.notRecoverable.components.join(", ")} survives` : "nothing declared"}`;
    const verdict = s.objective?.met === false ? " (**not met**)" : "";
    out.push(`| ${i + 1} | ${cell(s.title)} | ${targetText(s.objective)}${verdict} | ${s.rpoSeconds !== undefined ? formatDuration(s.rpoSeconds) : "-"} | ${s.rtoSeconds !== undefined ? formatDuration(s.rtoSeconds) : "-"} | ${cell(from)} |`);
  });
  out.push("");
  out.push("## The CRL deadline");
  out.push("");
  out.push(plain(book.crl.message));
  out.push("");
  out.push("## CENM start order");
  out.push("");
  out.push(`After any restore, the services come back in this order (${plain(book.startOrderSource.source)}; ${book.startOrderSource.url}):`);
  out.push("");
  const first = book.scenarios.find((s) => s.services.length > 0);
  if (first) for (const v of first.services) out.push(`${v.order}. ${plain(v.title)}: ${plain(v.why)}.`);
  out.push("");
  book.scenarios.forEach((s, i) => pushAll(out, scenarioLines(s, i + 1)));
  out.push("## Resources this runbook names");
  out.push("");
  if (book.resources.length === 0) out.push("None: no scenario has steps.");
  else {
    out.push("| Resource | Type | Region | What | Value |");
    out.push("|---|---|---|---|---|");
    for (const r of book.resources) {
      out.push(`| ${cellCode(r.name)} | ${cell(r.type)} | ${r.region ? cell(r.region) : "-"} | ${cell(r.attribute)} | ${r.value !== undefined ? cellCode(r.value) : cell(r.unknown ?? "known after deployment")} |`);
    }
  }
  out.push("");
  return `${out.join("\n")}\n`;
}
