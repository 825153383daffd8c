/**
 * The audit: facts derived from what the resources declare, controls judged against them (with waivers), recovery
 * scenarios and the signing path's CRL deadline, gathered into one report.
 */
import { deriveFacts } from "./facts";
import { evaluate } from "./evaluate";
import { buildReport } from "./report/build";
import type { AuditReport } from "./report/schema";
import { crlDeadline, scenarios } from "./scenarios";
import type { AuditInput, Facts } from "./types";

export { deriveFacts } from "./facts";

export type { AuditReport } from "./report/schema";

export interface AuditOptions {
  /** The report's date (`generatedAt`, and the day waiver expiry is judged on); defaults to now. */
  today?: Date;
  /** The facts of `input`, when the caller has derived them already (to build the runbook from them too). */
  facts?: Facts;
}

export function audit(input: AuditInput, options: AuditOptions = {}): AuditReport {
  const facts = options.facts ?? deriveFacts(input);
  const today = options.today ?? new Date();
  // Waivers are judged on the report's date: an expired waiver excuses nothing.
  const findings = evaluate(facts, undefined, today);
  const s = scenarios(facts);
  return buildReport({ input, facts, findings, scenarios: s, crlDeadline: crlDeadline(facts, s), generatedAt: today });
}
