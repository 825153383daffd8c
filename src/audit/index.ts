/**
 * The audit: facts derived from what the resources declare, controls judged against them (with waivers), recovery
 * scenarios and the signing path's CRL deadline, gathered into one report; and, when the audit is given the change
 * that leads to the audited stack (a preview's steps, or a base to compare with), the change judged too.
 */
import { RECORD_KEYS } from "../domain/outputs";
import { str } from "../domain/resources/values";
import { judgeChange } from "./change/judge";
import type { ChangeSet } from "./change/types";
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
  /** The change from the stack's base to `input`, to be judged (see src/audit/change). */
  change?: ChangeSet;
  /** The base itself, whose primary region tells a DR copy moved into the primary region. */
  base?: AuditInput;
}

export function audit(input: AuditInput, options: AuditOptions = {}): AuditReport {
  const facts = options.facts ?? deriveFacts(input);
  const today = options.today ?? new Date();
  // Waivers are judged on the report's date: an expired waiver excuses nothing.
  const findings = evaluate(facts, undefined, today);
  const s = scenarios(facts);
  const basePrimary = options.base ? str(options.base.stackOutputs[RECORD_KEYS.primaryRegion]) : undefined;
  const change = options.change
    ? judgeChange(options.change, { environment: facts.environment, primaryRegion: facts.primaryRegion, basePrimaryRegion: basePrimary ?? facts.primaryRegion, waivers: facts.waivers, today })
    : undefined;
  return buildReport({ input, facts, findings, scenarios: s, crlDeadline: crlDeadline(facts, s), generatedAt: today, ...(change ? { change } : {}) });
}
