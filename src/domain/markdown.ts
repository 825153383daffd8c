/** Text made safe for the Markdown documents the package writes (audit reports, RULES.md, docs/platform-limits.md). */

/**
 * Text made inert in Markdown: on one line (a newline followed by `##` would open a heading), with `&`, `<` and `>`
 * as entities (no HTML reaches the reader).
 */
export function plain(text: string): string {
  return text.replace(/\r?\n|\r/g, " ").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Makes text safe inside a Markdown table cell (one line, no column breaks, no HTML). */
export function cell(text: string): string {
  return plain(text).replace(/\|/g, "\\|");
}
