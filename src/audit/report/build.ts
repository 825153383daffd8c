/**
 * Assembles the report document from what the audit found: findings with their outcome as the report states it,
 * counts, a verdict per R3 recommendation, the scenarios, the CRL deadline and a summary of the facts.
 */
import type { AuditInput, Facts, Finding, Recommendation, Scenario } from "../types";
import type { ChangeJudgement } from "../change/types";
import { CHANGE_WAIVER_ID } from "../../domain/controls";
import { CONTROLS } from "../controls";
import { waiverIsValid } from "../evaluate";
import { AuditReport, FactsSummary, REPORT_SCHEMA_VERSION, ReportCounts, ReportFinding, ReportOutcome, ReportVerdict, type WaiverStatus } from "./schema";

export type CrlDeadline = AuditReport["crlDeadline"];

/** The R3 recommendations in report order, with the titles the report gives them. */
export const RECOMMENDATIONS: { recommendation: Recommendation; title: string }[] = [
  { recommendation: "database-replication", title: "1. Database replication" },
  { recommendation: "database-snapshots", title: "2. Rolling database snapshots" },
  { recommendation: "file-backups", title: "3. Replicated file storage" },
  { recommendation: "key-storage", title: "4. Offline key copies" },
  { recommendation: "general", title: "General" },
];

/** The report's outcome of a finding: a failure with a waiver attached is "waived". */
export function reportOutcome(f: Pick<Finding, "outcome" | "waiver">): ReportOutcome {
  return f.outcome === "fail" && f.waiver ? "waived" : f.outcome;
}

export function countFindings(findings: readonly ReportFinding[]): ReportCounts {
  const counts: ReportCounts = { pass: 0, fail: 0, waived: 0, notApplicable: 0, unknown: 0, errorsFailing: 0 };
  for (const f of findings) {
    if (f.outcome === "pass") counts.pass++;
    else if (f.outcome === "waived") counts.waived++;
    else if (f.outcome === "not-applicable") counts.notApplicable++;
    else if (f.outcome === "unknown") counts.unknown++;
    else {
      counts.fail++;
      if (f.severity === "error") counts.errorsFailing++;
    }
  }
  return counts;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** The verdict on one recommendation: not met when an error control fails unwaived. */
export function verdictOf(recommendation: Recommendation, title: string, findings: readonly ReportFinding[]): ReportVerdict {
  const counts = countFindings(findings);
  let status: ReportVerdict["status"];
  let summary: string;
  const assessed = counts.pass + counts.fail + counts.waived + counts.unknown;
  if (assessed === 0) {
    status = "not-assessed";
    summary = findings.length === 0 ? "No control covers this recommendation." : "No control applies to the declared resources.";
  } else if (counts.errorsFailing > 0) {
    status = "not-met";
    const ids = findings.filter((f) => f.outcome === "fail" && f.severity === "error").map((f) => f.id);
    summary = `Not met: ${plural(counts.errorsFailing, "error control")} failing (${ids.join(", ")}).`;
  } else if (counts.fail > 0) {
    status = "met-with-warnings";
    const ids = findings.filter((f) => f.outcome === "fail").map((f) => f.id);
    summary = `Met, with ${plural(counts.fail, "warning")} (${ids.join(", ")}).`;
  } else if (counts.unknown > 0) {
    status = "met-with-unknowns";
    const ids = findings.filter((f) => f.outcome === "unknown").map((f) => f.id);
    summary = `Met as far as judged: ${plural(counts.unknown, "control")} could not be judged (${ids.join(", ")}): values computed at deployment.`;
  } else if (counts.waived > 0) {
    status = "met-with-waivers";
    const ids = findings.filter((f) => f.outcome === "waived").map((f) => f.id);
    summary = `Met with ${plural(counts.waived, "waived failure")} (${ids.join(", ")}).`;
  } else {
    status = "met";
    summary = `Met: ${plural(counts.pass, "control")} passing.`;
  }
  return { recommendation, title, status, counts, summary };
}

/** The facts a reader of the report (or a diff of two reports) needs: topology, copies and what no reader knew. */
export function summarizeFacts(facts: Facts): FactsSummary {
  const protectedUrns = new Set(facts.snapshots.protectedUrns);
  return {
    ...(facts.primaryRegion !== undefined ? { primaryRegion: facts.primaryRegion } : {}),
    ...(facts.drRegion !== undefined ? { drRegion: facts.drRegion } : {}),
    ...(facts.crlValidityDays !== undefined ? { crlValidityDays: facts.crlValidityDays } : {}),
    databases: facts.databases.map((d) => ({
      urn: d.urn,
      name: d.name,
      type: d.type,
      engine: d.engine,
      region: d.region,
      topology: d.topology,
      inBackupPlan: protectedUrns.has(d.urn),
      copies: d.copies.map((c) => ({
        urn: c.urn,
        name: c.name,
        role: c.role,
        region: c.region,
        availabilityZones: [...c.availabilityZones],
        mode: c.mode,
        rpoSeconds: c.rpoSeconds,
        rtoSeconds: c.rtoSeconds,
      })),
    })),
    vaults: facts.snapshots.vaults.map((v) => ({
      urn: v.urn,
      name: v.name,
      region: v.region,
      lockMode: v.lock?.mode ?? "none",
      customerManagedKey: v.customerManagedKey,
    })),
    rules: facts.snapshots.rules.map((r) => ({
      plan: r.planName,
      rule: r.rule,
      schedule: r.schedule,
      intervalHours: r.intervalHours,
      retentionDays: r.retentionDays,
      continuous: r.continuous,
      ...(r.vaultUrn !== undefined ? { vaultUrn: r.vaultUrn } : {}),
      copies: r.copies.map((c) => ({
        ...(c.vaultUrn !== undefined ? { vaultUrn: c.vaultUrn } : {}),
        ...(c.region !== undefined ? { region: c.region } : {}),
        ...(c.retentionDays !== undefined ? { retentionDays: c.retentionDays } : {}),
      })),
      ...(r.inSource ? { inSource: true as const } : {}),
    })),
    fileSystems: facts.fileSystems.map((f) => ({
      urn: f.urn,
      name: f.name,
      region: f.region,
      oneZone: f.oneZone,
      mountTargetZones: [...f.mountTargetZones],
      replicationRegions: [...f.replicationRegions],
      inBackupPlan: f.inBackupPlan,
    })),
    keyCopies: facts.keyCopies.map((k) => ({
      id: k.id,
      kind: k.kind,
      region: k.region,
      immutable: k.immutable,
      internetReachable: k.internetReachable,
      ...(k.lockMode !== undefined ? { lockMode: k.lockMode } : {}),
      ...(k.lockDays !== undefined ? { lockDays: k.lockDays } : {}),
      ...(k.detail !== undefined ? { detail: k.detail } : {}),
    })),
    unknownResources: facts.unknown.map((u) => ({ urn: u.urn, type: u.type, name: u.name })),
  };
}

export interface BuildReportParts {
  input: AuditInput;
  facts: Facts;
  findings: Finding[];
  scenarios: Scenario[];
  crlDeadline: CrlDeadline;
  generatedAt?: Date;
  /** The change from the base the audit was given, judged. */
  change?: ChangeJudgement;
}

/** Each recorded waiver and what it does on the report's date. */
function waiverStatuses(facts: Facts, findings: Finding[], today: Date, change?: ChangeJudgement): WaiverStatus[] {
  const day = today.toISOString().slice(0, 10);
  const known = new Set<string>([...CONTROLS.flatMap((c) => [c.id, ...(c.waivedBy ?? [])])]);
  return facts.waivers.map((w) => {
    const status: WaiverStatus["status"] = !known.has(w.id) && !CHANGE_WAIVER_ID.test(w.id)
      ? "unknown-id"
      : w.expires !== undefined && w.expires < day
        ? "lapsed"
        : !waiverIsValid(w, day)
          ? "no-reason"
          : "in-force";
    const excuses = [...findings.filter((f) => f.waiver === w).map((f) => f.id), ...(change?.findings ?? []).filter((f) => f.waiver === w).map((f) => `${f.rule} ${f.resource}`)];
    return { id: w.id, reason: w.reason, ...(w.approvedBy ? { approvedBy: w.approvedBy } : {}), ...(w.expires ? { expires: w.expires } : {}), status, excuses };
  });
}

export function buildReport({ input, facts, findings, scenarios, crlDeadline, generatedAt, change }: BuildReportParts): AuditReport {
  const reportFindings: ReportFinding[] = findings.map((f) => ({
    id: f.id,
    title: f.title,
    recommendation: f.recommendation,
    severity: f.severity,
    outcome: reportOutcome(f),
    message: f.message,
    evidence: f.evidence.map((e) => ({ resource: e.resource, type: e.type, properties: { ...e.properties } })),
    ...(f.waiver ? { waiver: { ...f.waiver } } : {}),
  }));
  const byRecommendation = new Map<Recommendation, ReportFinding[]>();
  for (const f of reportFindings) {
    const list = byRecommendation.get(f.recommendation);
    if (list) list.push(f);
    else byRecommendation.set(f.recommendation, [f]);
  }
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    ...(generatedAt ? { generatedAt: generatedAt.toISOString() } : {}),
    stack: input.stack,
    source: input.source,
    origin: input.origin,
    ...(facts.environment !== undefined ? { environment: facts.environment } : {}),
    summary: countFindings(reportFindings),
    verdict: RECOMMENDATIONS.map(({ recommendation, title }) => verdictOf(recommendation, title, byRecommendation.get(recommendation) ?? [])),
    findings: reportFindings,
    scenarios: scenarios.map((s) => ({
      id: s.id,
      title: s.title,
      ...(s.rpoSeconds !== undefined ? { rpoSeconds: s.rpoSeconds } : {}),
      ...(s.rtoSeconds !== undefined ? { rtoSeconds: s.rtoSeconds } : {}),
      savedBy: s.savedBy,
      basis: s.basis,
      ...(s.rpoBasis ? { rpoBasis: s.rpoBasis } : {}),
      ...(s.rtoBasis ? { rtoBasis: s.rtoBasis } : {}),
      ...(s.rpoSetBy ? { rpoSetBy: s.rpoSetBy } : {}),
      ...(s.rtoSetBy ? { rtoSetBy: s.rtoSetBy } : {}),
      ...(s.objective ? { objective: s.objective } : {}),
      ...(s.afterFailover ? { afterFailover: s.afterFailover } : {}),
    })),
    crlDeadline: {
      ...(crlDeadline.crlValidityDays !== undefined ? { crlValidityDays: crlDeadline.crlValidityDays } : {}),
      ...(crlDeadline.regionLossRtoSeconds !== undefined ? { regionLossRtoSeconds: crlDeadline.regionLossRtoSeconds } : {}),
      ...(crlDeadline.met !== undefined ? { met: crlDeadline.met } : {}),
      message: crlDeadline.message,
    },
    waivers: waiverStatuses(facts, findings, generatedAt ?? new Date(), change),
    facts: summarizeFacts(facts),
    ...(change ? { change: { ...change, findings: change.findings.map((f) => ({ ...f, properties: [...f.properties], ...(f.waiver ? { waiver: { ...f.waiver } } : {}) })) } } : {}),
  };
}
