/**
 * Small helpers the controls share: naming a resource from its URN, building evidence, reading the environment,
 * and writing durations. Every other file in this folder (besides index.ts) is one control named by its ID.
 *
 * Evidence names a resource by its logical name and its Pulumi type token. Facts that carry no type (vaults,
 * file systems, key copies, backup rules) get it from their URN, so the helpers stay free of any one cloud.
 */
import type { ControlResult, DatabaseFact, Evidence, Facts, Outcome, SnapshotCopyFact, SnapshotRuleFact } from "../types";
import { type AuditMinimums, auditMinimums, MAX_BACKUP_INTERVAL_HOURS } from "../../domain/auditMinimums";
import { parseUrn } from "../../domain/urn";

/** The parts of a Pulumi URN: `urn:pulumi:<stack>::<project>::<parent types$>type::<name>`. */
function urnParts(urn: string): { type: string; name: string } | undefined {
  return parseUrn(urn);
}

/** Logical name behind a URN; offline key copies (`offline:<id>`) are named by their id. */
export function nameFromUrn(urn: string): string {
  if (urn.startsWith("offline:")) return urn.slice("offline:".length);
  return urnParts(urn)?.name ?? urn;
}

/** Type token behind a URN; offline key copies get the pseudo type `offline-copy`. */
export function typeFromUrn(urn: string): string {
  if (urn.startsWith("offline:")) return "offline-copy";
  return urnParts(urn)?.type ?? "unknown";
}

/** Evidence for any resource known by its URN. */
export function evidenceOf(urn: string, properties: Record<string, unknown>): Evidence {
  return { resource: nameFromUrn(urn), type: typeFromUrn(urn), properties };
}

export function dbEvidence(db: DatabaseFact, properties: Record<string, unknown>): Evidence {
  return { resource: db.name, type: db.type, properties };
}

export function ruleEvidence(rule: SnapshotRuleFact, properties: Record<string, unknown>): Evidence {
  return { resource: rule.planName, type: typeFromUrn(rule.planUrn), properties: { rule: rule.rule, ...properties } };
}

/** Evidence naming the stack itself, for verdicts that rest on the absence of something. */
export function stackEvidence(facts: Facts, properties: Record<string, unknown>): Evidence {
  return { resource: facts.stack, type: "pulumi:pulumi:Stack", properties };
}

export function result(outcome: Outcome, message: string, evidence: Evidence[]): ControlResult {
  return { outcome, message, evidence };
}

/**
 * Prod rules apply when the stack says it is prod, and also when nothing says which environment it is: an audit
 * that cannot tell holds the stack to the strictest reading rather than the most lenient one.
 */
export function isProdLike(facts: Facts): boolean {
  return facts.environment === undefined || facts.environment === "prod";
}

/** "prod", "staging", or "unknown (treated as prod)". */
export function environmentLabel(facts: Facts): string {
  return facts.environment ?? "unknown (treated as prod)";
}

/** 0 -> "0 s", 90 -> "90 s", 900 -> "15 min", 3600 -> "1 h", 86400 -> "24 h", 172800 -> "2 days". */
export { formatDuration } from "../../domain/durations";

/** Names a message lists at most; the evidence carries every resource. */
export const MAX_LISTED_NAMES = 10;

/**
 * "a", "a and b", "a, b and c"; past {@link MAX_LISTED_NAMES}, the first ones and how many more, so that a message
 * (and the command line's summary) stays a sentence however large the audited program.
 */
export function listNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join("");
  if (names.length > MAX_LISTED_NAMES) return `${names.slice(0, MAX_LISTED_NAMES).join(", ")} and ${names.length - MAX_LISTED_NAMES} more (every one in the evidence)`;
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

/** Region of a backup rule's source: its vault's region when the vault is known, else the primary region. */
export function ruleSourceRegion(rule: SnapshotRuleFact, vaultRegions: ReadonlyMap<string, string>, facts: Facts): string | undefined {
  return (rule.vaultUrn !== undefined ? vaultRegions.get(rule.vaultUrn) : undefined) ?? facts.primaryRegion;
}

/** Vault URN -> region, built once per evaluation. */
export function vaultRegionIndex(facts: Facts): Map<string, string> {
  return new Map(facts.snapshots.vaults.map((v) => [v.urn, v.region]));
}

/** Region of a copy action: its own region, or the region of its destination vault. */
export function copyRegion(copy: { vaultUrn?: string; region?: string }, vaultRegions: ReadonlyMap<string, string>): string | undefined {
  return copy.region ?? (copy.vaultUrn !== undefined ? vaultRegions.get(copy.vaultUrn) : undefined);
}

/** Evidence for a key copy (cloud resource or offline record). */
export function keyEvidence(copy: { id: string; kind: string; region: string }, properties: Record<string, unknown>): Evidence {
  return evidenceOf(copy.id, { kind: copy.kind, region: copy.region, ...properties });
}

/** The floors of the stack's environment (src/domain/auditMinimums); an unknown environment gets prod's. */
export function minimumsOf(facts: Facts): AuditMinimums {
  return auditMinimums(facts.environment);
}

/** Whether a rule backs up the resource: it is tied to it, or tied to nothing in particular. */
export function ruleCovers(rule: SnapshotRuleFact, urn: string): boolean {
  return rule.protectedUrns === undefined || rule.protectedUrns.includes(urn);
}

/** The rules that back up at least one of the resources (a file-share rule is no evidence for a database). */
export function rulesCovering(rules: readonly SnapshotRuleFact[], urns: readonly string[]): SnapshotRuleFact[] {
  return rules.filter((r) => urns.some((u) => ruleCovers(r, u)));
}

/** A rule runs at least daily (or continuously). */
export function atLeastDaily(rule: SnapshotRuleFact): boolean {
  return rule.continuous || rule.intervalHours <= MAX_BACKUP_INTERVAL_HOURS;
}

/**
 * The days a copy keeps its recovery points: its own lifecycle, else its source rule's (Azure's geo-redundant
 * vaults keep the paired region's copy exactly as long as the original).
 */
export function copyRetentionDays(rule: SnapshotRuleFact, copy: SnapshotCopyFact): number {
  return copy.retentionDays ?? rule.retentionDays;
}

/**
 * The days a copy must keep: the environment's backup floor, or, when shorter, how long the longest-kept of `rules`
 * keeps its recovery points (0: until deleted by hand). One figure for all the rules, so that a short-lived rule
 * copied for as short a time (hourly snapshots kept a day) cannot stand in for the copies that reach back far enough.
 */
export function requiredCopyDays(rules: readonly SnapshotRuleFact[], minimums: AuditMinimums): number {
  const longest = Math.max(0, ...rules.map((r) => (r.retentionDays === 0 ? Number.POSITIVE_INFINITY : r.retentionDays)));
  return Math.min(longest, minimums.backupRetentionDays);
}

/**
 * A scheduled rule that deletes each recovery point before the next one is taken (a weekly backup kept a day)
 * leaves the resource without any of its recovery points most of the time. A rule with no expiry (0) does not.
 */
export function leavesGaps(rule: SnapshotRuleFact): boolean {
  return !rule.continuous && rule.retentionDays > 0 && Number.isFinite(rule.intervalHours) && rule.retentionDays * 24 < rule.intervalHours;
}

/** "weekly (kept 1 days, one every 168 h)" for each rule that {@link leavesGaps}. */
export function gapNames(rules: readonly SnapshotRuleFact[]): string[] {
  return rules.filter(leavesGaps).map((r) => `${r.rule} of ${r.planName} (kept ${r.retentionDays} days, one every ${r.intervalHours} h)`);
}
