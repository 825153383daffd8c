/**
 * The audit report as JSON (`report.json`): a versioned document that a pipeline can read back, compare with
 * another report (`audit diff`) or render again. The zod schema is the definition; `AuditReport` is inferred from
 * it, so the type and the validation cannot drift apart. docs/report-schema.md describes every field.
 */
import { z } from "zod";
import { OBJECTIVE_KEYS, SCENARIO_IDS } from "../../domain/objectives";

export const REPORT_SCHEMA_VERSION = "1.0";

export const recommendationSchema = z.enum(["database-replication", "database-snapshots", "file-backups", "key-storage", "general"]);
export const severitySchema = z.enum(["error", "warning"]);
/** A finding's outcome in the report: a failure excused by a waiver is "waived", not "fail". */
export const reportOutcomeSchema = z.enum(["pass", "fail", "waived", "not-applicable", "unknown"]);
/** Verdict on one recommendation, from the findings of its controls. */
export const verdictStatusSchema = z.enum(["met", "met-with-waivers", "met-with-warnings", "met-with-unknowns", "not-met", "not-assessed"]);

const countsSchema = z.object({
  pass: z.number().int().nonnegative(),
  fail: z.number().int().nonnegative(),
  waived: z.number().int().nonnegative(),
  notApplicable: z.number().int().nonnegative(),
  /** Controls whose evidence is a value only the deployment computes (a preview): neither passed nor failed. */
  unknown: z.number().int().nonnegative().default(0),
  /** Unwaived failures of error-severity controls (the command exits 1 when this is not 0). */
  errorsFailing: z.number().int().nonnegative(),
});

export const waiverSchema = z.object({
  id: z.string(),
  reason: z.string(),
  approvedBy: z.string().optional(),
  expires: z.string().optional(),
});

export const evidenceSchema = z.object({
  resource: z.string(),
  type: z.string(),
  properties: z.record(z.unknown()),
});

export const findingSchema = z.object({
  id: z.string().min(1),
  title: z.string(),
  recommendation: recommendationSchema,
  severity: severitySchema,
  outcome: reportOutcomeSchema,
  message: z.string(),
  evidence: z.array(evidenceSchema),
  waiver: waiverSchema.optional(),
});

export const verdictSchema = z.object({
  recommendation: recommendationSchema,
  title: z.string(),
  status: verdictStatusSchema,
  counts: countsSchema,
  /** One sentence for people. */
  summary: z.string(),
});

/** Where a scenario figure comes from: the cloud's documentation (with its page), or this package's assumption. */
export const figureBasisSchema = z.object({ documented: z.boolean(), source: z.string(), url: z.string().optional() });

/** The floor of a scenario on the stack's cloud: the best RPO and RTO its mechanisms allow, and what sets each. */
export const floorSchema = z.object({
  rpoSeconds: z.number().nonnegative(),
  rtoSeconds: z.number().nonnegative(),
  rpoSetBy: z.string(),
  rtoSetBy: z.string(),
  rpoBasis: figureBasisSchema,
  rtoBasis: figureBasisSchema,
});

/** The stack's recovery objective for a scenario, judged against the estimate, with the floor beside it. */
export const objectiveSchema = z.object({
  key: z.enum(OBJECTIVE_KEYS),
  /** "stack": the stack records its objectives; "default": its environment's defaults apply. */
  targetSource: z.enum(["stack", "default"]),
  target: z.object({ rpoSeconds: z.number().nonnegative(), rtoSeconds: z.number().nonnegative() }).optional(),
  targetUnknown: z.string().optional(),
  floor: floorSchema.optional(),
  met: z.boolean().optional(),
  shortfalls: z.array(z.string()),
});

export const failoverCheckSchema = z.object({
  recommendation: z.enum(["database-replication", "database-snapshots", "file-backups", "key-storage"]),
  holds: z.boolean(),
  detail: z.string(),
});

export const scenarioSchema = z.object({
  id: z.enum(SCENARIO_IDS),
  title: z.string(),
  rpoSeconds: z.number().nonnegative().optional(),
  rtoSeconds: z.number().nonnegative().optional(),
  savedBy: z.string(),
  basis: z.string(),
  rpoBasis: figureBasisSchema.optional(),
  rtoBasis: figureBasisSchema.optional(),
  /** The copy that sets the estimate's RPO, and its RTO. */
  rpoSetBy: z.string().optional(),
  rtoSetBy: z.string().optional(),
  objective: objectiveSchema.optional(),
  /** region-loss: which of R3's recommendations still hold once the DR region has taken over. */
  afterFailover: z.array(failoverCheckSchema).optional(),
});

export const crlDeadlineSchema = z.object({
  crlValidityDays: z.number().optional(),
  regionLossRtoSeconds: z.number().optional(),
  met: z.boolean().optional(),
  message: z.string(),
});

const copyModeSchema = z.enum(["synchronous", "semi-synchronous", "asynchronous", "point-in-time"]);

export const factsSummarySchema = z.object({
  primaryRegion: z.string().optional(),
  drRegion: z.string().optional(),
  crlValidityDays: z.number().optional(),
  databases: z.array(
    z.object({
      urn: z.string(),
      name: z.string(),
      type: z.string(),
      engine: z.string(),
      region: z.string(),
      topology: z.enum(["multi-az-cluster", "multi-az-instance", "single-az-instance"]),
      inBackupPlan: z.boolean(),
      copies: z.array(
        z.object({
          urn: z.string(),
          name: z.string(),
          role: z.enum(["primary", "standby", "readable-standby", "cross-region-replica", "dr-automated-backups"]),
          region: z.string(),
          availabilityZones: z.array(z.string()),
          mode: copyModeSchema,
          rpoSeconds: z.number(),
          rtoSeconds: z.number(),
        }),
      ),
    }),
  ),
  vaults: z.array(
    z.object({
      urn: z.string(),
      name: z.string(),
      region: z.string(),
      lockMode: z.enum(["compliance", "governance", "none"]),
      customerManagedKey: z.boolean(),
    }),
  ),
  rules: z.array(
    z.object({
      plan: z.string(),
      rule: z.string(),
      schedule: z.string(),
      intervalHours: z.number(),
      retentionDays: z.number(),
      continuous: z.boolean(),
      vaultUrn: z.string().optional(),
      copies: z.array(z.object({ vaultUrn: z.string().optional(), region: z.string().optional(), retentionDays: z.number().optional() })),
      /** The recovery points stay in the backed-up resource itself (Azure Files snapshot tier), beyond the vault's lock and copies. */
      inSource: z.literal(true).optional(),
    }),
  ),
  fileSystems: z.array(
    z.object({
      urn: z.string(),
      name: z.string(),
      region: z.string(),
      oneZone: z.boolean(),
      mountTargetZones: z.array(z.string()),
      replicationRegions: z.array(z.string()),
      inBackupPlan: z.boolean(),
    }),
  ),
  keyCopies: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(["cloud-escrow", "cloud-escrow-dr-replica", "cloud-hsm", "offline"]),
      region: z.string(),
      immutable: z.boolean(),
      internetReachable: z.boolean(),
      lockMode: z.enum(["COMPLIANCE", "GOVERNANCE"]).optional(),
      lockDays: z.union([z.number(), z.literal("unknown")]).optional(),
      detail: z.string().optional(),
    }),
  ),
  unknownResources: z.array(z.object({ urn: z.string(), type: z.string(), name: z.string() })),
});

/**
 * Each waiver the stack records, and what it does today: in force, lapsed (its expiry date is past: it excuses
 * nothing and is shown, not dropped), too short a reason, or naming no control or rule of the audit (an error).
 */
export const waiverStatusSchema = z.object({
  id: z.string(),
  reason: z.string(),
  approvedBy: z.string().optional(),
  expires: z.string().optional(),
  status: z.enum(["in-force", "lapsed", "no-reason", "unknown-id"]),
  /** Controls the waiver excuses today. */
  excuses: z.array(z.string()),
});

/** One thing a change does that a reviewer must see (src/audit/change, rules CENM-CH-01 to 07). */
export const changeFindingSchema = z.object({
  rule: z.string(),
  title: z.string(),
  /** Logical name of the resource (the new name of a rename). */
  resource: z.string(),
  type: z.string(),
  urn: z.string(),
  severity: z.enum(["error", "warning", "info"]),
  /** Inputs that force it or that changed. */
  properties: z.array(z.string()),
  message: z.string(),
  /** How to keep the data. */
  avoid: z.string(),
  waiver: waiverSchema.optional(),
});

/** The change from a base (state or plan) to what was audited: present when the audit was given one. */
export const changeSchema = z.object({
  basis: z.enum(["preview", "plans"]),
  base: z.string(),
  counts: z.object({ create: z.number().int().nonnegative(), update: z.number().int().nonnegative(), replace: z.number().int().nonnegative(), delete: z.number().int().nonnegative() }),
  replaces: z.array(z.string()),
  deletes: z.array(z.string()),
  liftsProtection: z.array(z.string()),
  findings: z.array(changeFindingSchema),
  /** Error findings no waiver excuses (the command exits 1 when this is not 0). */
  errorsFailing: z.number().int().nonnegative(),
  /** What the sources could not settle but a reviewer must know (Pulumi's refusals, unreadable steps); absent when none. */
  notes: z.array(z.string()).optional(),
});

export const auditReportSchema = z.object({
  schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
  /** ISO 8601 time the report was made. */
  generatedAt: z.string().datetime().optional(),
  stack: z.string(),
  source: z.enum(["plan", "state", "preview"]),
  origin: z.string(),
  environment: z.string().optional(),
  summary: countsSchema,
  verdict: z.array(verdictSchema),
  findings: z.array(findingSchema),
  scenarios: z.array(scenarioSchema),
  crlDeadline: crlDeadlineSchema,
  waivers: z.array(waiverStatusSchema).default([]),
  facts: factsSummarySchema,
  /** The change from the base the audit was given (--base, or a preview's steps); absent otherwise. */
  change: changeSchema.optional(),
});

export type AuditReport = z.infer<typeof auditReportSchema>;
export type ReportFinding = z.infer<typeof findingSchema>;
export type ReportOutcome = z.infer<typeof reportOutcomeSchema>;
export type ReportVerdict = z.infer<typeof verdictSchema>;
export type FactsSummary = z.infer<typeof factsSummarySchema>;
export type ReportCounts = z.infer<typeof countsSchema>;
export type WaiverStatus = z.infer<typeof waiverStatusSchema>;
export type ReportChange = z.infer<typeof changeSchema>;
export type ReportScenario = z.infer<typeof scenarioSchema>;
