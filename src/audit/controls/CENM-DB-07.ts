/** CENM-DB-07: prod databases keep the longest point-in-time window the provider offers. */
import { RDS_BACKUP_RETENTION_DAYS } from "../../domain/limits/aws";
import type { Control } from "../types";
import { dbEvidence, environmentLabel, isProdLike, listNames, result } from "./common";

/** The point-in-time window expected in prod, days (the RDS maximum). */
export const PROD_PITR_DAYS = RDS_BACKUP_RETENTION_DAYS.max;

export const control: Control = {
  id: "CENM-DB-07",
  title: `Point-in-time recovery window of ${PROD_PITR_DAYS} days in prod`,
  recommendation: "database-snapshots",
  severity: "warning",
  waivedBy: ["db-pitr-window"],
  rationale:
    `In prod a destructive statement may go unnoticed for weeks; ${PROD_PITR_DAYS} days, the longest automated ` +
    "backup retention RDS allows, is this package's prod target. Not applicable outside prod (CENM-DB-06 sets the " +
    "floor there) and when no database is declared; a stack whose environment is unknown is treated as prod.",
  evaluate(facts) {
    if (!isProdLike(facts)) return result("not-applicable", `Environment ${environmentLabel(facts)} is not prod.`, []);
    if (facts.databases.length === 0) return result("not-applicable", "No database is declared.", []);
    const evidence = facts.databases.map((d) => dbEvidence(d, { backupRetentionDays: d.backupRetentionDays, environment: environmentLabel(facts) }));
    const failing = facts.databases.filter((d) => d.backupRetentionDays < PROD_PITR_DAYS);
    if (failing.length > 0) {
      return result(
        "fail",
        `Prod point-in-time window below ${PROD_PITR_DAYS} days on ${listNames(failing.map((d) => `${d.name} (${d.backupRetentionDays} days)`))}.`,
        evidence,
      );
    }
    return result("pass", `Every prod database keeps ${PROD_PITR_DAYS} days of point-in-time recovery.`, evidence);
  },
};
