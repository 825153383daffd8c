/**
 * The error the offline plan throws when declared resources break platform limits. Kept apart from the table so
 * that the command line can recognise it without loading every limit.
 */
import type { LimitViolation } from "./types";

export class PlatformLimitError extends Error {
  readonly violations: readonly LimitViolation[];

  /** `describe` writes one violation for people (the table's `formatViolation`). */
  constructor(violations: readonly LimitViolation[], describe: (v: LimitViolation) => string, stack?: string) {
    const where = stack ? ` of stack "${stack}"` : "";
    super(
      `The plan${where} declares what the cloud would refuse or silently break (${violations.length} platform-limit violation${violations.length === 1 ? "" : "s"}):\n` +
        violations.map((v) => `  - ${describe(v)}`).join("\n"),
    );
    this.name = "PlatformLimitError";
    this.violations = violations;
  }
}
