/**
 * The runbook's input file: whatever the audit reads (a plan written by `plan --json`, `pulumi stack export`,
 * `pulumi preview --json`), recognised by its shape so that one `--input` flag takes any of them. The audit's
 * reader does it; the runbook names it for its own callers.
 */
export { inputKind, readAuditFile as readRunbookInput } from "../audit/inputs";
