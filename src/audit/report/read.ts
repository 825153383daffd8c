/** Reading a report.json back (for `audit diff`): the file must parse and match the report schema. */
import { readJsonFile } from "../inputs/json";
import { AuditInputError, describeZodError } from "../inputs/errors";
import { AuditReport, auditReportSchema } from "./schema";

export function readReportFile(file: string): AuditReport {
  const parsed = auditReportSchema.safeParse(readJsonFile(file));
  if (!parsed.success) throw new AuditInputError(file, `not a cenm-backup audit report: ${describeZodError(parsed.error)}`);
  return parsed.data;
}
