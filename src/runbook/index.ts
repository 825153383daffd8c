/**
 * The DR runbook: for each failure scenario of the audit, the ordered recovery steps for the stack's declared
 * topology, built from the same input the audit reads. `runbook.md` is rendered from it.
 */
import type { AuditInput } from "../audit/types";
import { buildRunbook, type RunbookOptions } from "./build";
import { renderRunbook } from "./markdown";
import type { Runbook } from "./model";

export type { Runbook, RunbookScenario, ResourceRef, Step, Command } from "./model";
export { buildRunbook, type RunbookOptions } from "./build";
export { renderRunbook, commandText } from "./markdown";
export { summarizeRunbook } from "./summary";
export { readRunbookInput, inputKind } from "./inputs";

/** The runbook of `input` and its Markdown. */
export function runbook(input: AuditInput, options: RunbookOptions = {}): { book: Runbook; markdown: string } {
  const book = buildRunbook(input, options);
  return { book, markdown: renderRunbook(book) };
}
