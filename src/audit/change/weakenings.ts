/**
 * What a change can weaken without replacing or deleting anything: a protection lifted, a lock lowered, a retention
 * or lock bound shortened, a DR copy brought into the primary region. Each entry names the inputs it reads; the
 * inputs are those the package declares and the dossier explains (src/domain/dossier), read the same way for a
 * plan, a state and a preview.
 */
import { T } from "../../domain/resources/awsTokens";
import { T as AZ, LOCK_TYPES } from "../../domain/resources/azureTokens";
import { arnRegion, num, rec, str } from "../../domain/resources/values";
import { isoDurationHours } from "../facts/azure/common";
import { UNKNOWN } from "../inputs/values";
import type { AuditResource } from "../types";

/** A protection an input gives, and when a change lifts it. */
interface ProtectionInput {
  types: readonly string[];
  path: string;
  /** What the input protects against, for the message. */
  what: string;
  /** True when going from `before` to `after` lifts the protection. */
  lifted: (before: unknown, after: unknown) => boolean;
}

/** A value computed at deployment ("[unknown]" in a preview or an offline preview): what it will be is not known. */
const isUnknown = (v: unknown): boolean => v === UNKNOWN;
// A protection whose new value is unknown is not reported as lifted: unknown is unknown, not off.
const wasTrueNowNot = (b: unknown, a: unknown): boolean => b === true && a !== true && !isUnknown(a);
const wasFalseNowTrue = (b: unknown, a: unknown): boolean => b === false && a === true;

export const PROTECTION_INPUTS: readonly ProtectionInput[] = [
  { types: [T.rdsInstance, T.rdsCluster], path: "deletionProtection", what: "RDS's deletion protection (RDS refuses to delete the database while it is on)", lifted: wasTrueNowNot },
  { types: [T.rdsInstance, T.rdsCluster], path: "skipFinalSnapshot", what: "the final snapshot RDS takes when the database is deleted", lifted: wasFalseNowTrue },
  { types: [T.rdsInstance], path: "deleteAutomatedBackups", what: "the automated backups RDS keeps after the database is deleted", lifted: wasFalseNowTrue },
  { types: [T.bucket, T.bucketV2, T.backupVault], path: "forceDestroy", what: "the refusal to destroy a bucket or vault that still holds data (forceDestroy deletes its contents first)", lifted: wasFalseNowTrue },
  { types: [AZ.keyVault], path: "properties.enablePurgeProtection", what: "Key Vault purge protection (Azure refuses to turn it off once on)", lifted: wasTrueNowNot },
  { types: [AZ.keyVault], path: "properties.enableSoftDelete", what: "Key Vault soft delete", lifted: wasTrueNowNot },
];

/** A lock state that orders from weakest to strongest; a change that moves down the order weakens the lock. */
interface LockInput {
  types: readonly string[];
  path: string;
  what: string;
  /** Values from weakest to strongest, compared without case; a value not listed is not judged. */
  order: readonly string[];
}

export const LOCK_INPUTS: readonly LockInput[] = [
  { types: [T.bucketLock, T.bucketLockV2], path: "rule.defaultRetention.mode", what: "the escrow's Object Lock mode", order: ["", "governance", "compliance"] },
  { types: [AZ.storageAccount], path: "immutableStorageWithVersioning.immutabilityPolicy.state", what: "the account's version-level immutability policy", order: ["", "disabled", "unlocked", "locked"] },
  { types: [AZ.backupVault], path: "properties.securitySettings.immutabilitySettings.state", what: "the backup vault's immutability", order: ["", "disabled", "unlocked", "locked"] },
  { types: [AZ.backupVault], path: "properties.securitySettings.softDeleteSettings.state", what: "the backup vault's soft delete", order: ["", "off", "on", "alwayson"] },
  { types: [AZ.recoveryVault], path: "properties.securitySettings.immutabilitySettings.state", what: "the Recovery Services vault's immutability", order: ["", "disabled", "unlocked", "locked"] },
  { types: [AZ.recoveryVault], path: "properties.securitySettings.softDeleteSettings.softDeleteState", what: "the Recovery Services vault's soft delete", order: ["", "disabled", "enabled", "alwayson"] },
];

/** Resource types that are locks: deleting one removes the lock on what it guards. */
export const LOCK_TYPES_ALL: ReadonlySet<string> = new Set<string>([...LOCK_TYPES, T.backupVaultLock, T.bucketLock, T.bucketLockV2]);

/** The value at a dotted path, arrays of records keyed by their position. */
export function valueAt(inputs: Record<string, unknown>, path: string): unknown {
  let node: unknown = inputs;
  for (const part of path.split(".")) {
    const r = rec(node);
    if (!r) return undefined;
    node = r[part];
  }
  return node;
}

export interface Weakening {
  path: string;
  what: string;
  before: unknown;
  after: unknown;
}

/** Protections an update lifts: the inputs of PROTECTION_INPUTS, not the `protect` and `retainOnDelete` options. */
export function liftedProtections(before: AuditResource, after: AuditResource): Weakening[] {
  return PROTECTION_INPUTS.filter((p) => p.types.includes(after.type)).flatMap((p) => {
    const b = valueAt(before.inputs, p.path);
    const a = valueAt(after.inputs, p.path);
    return p.lifted(b, a) ? [{ path: p.path, what: p.what, before: b, after: a }] : [];
  });
}

/** Lock states an update lowers. */
export function loweredLocks(before: AuditResource, after: AuditResource): Weakening[] {
  const out: Weakening[] = [];
  for (const l of LOCK_INPUTS.filter((x) => x.types.includes(after.type))) {
    const b = valueAt(before.inputs, l.path);
    const a = valueAt(after.inputs, l.path);
    const rank = (v: unknown) => l.order.indexOf(typeof v === "string" ? v.toLowerCase() : v === undefined ? "" : "?");
    if (rank(b) > 0 && rank(a) >= 0 && rank(a) < rank(b)) out.push({ path: l.path, what: l.what, before: b, after: a });
  }
  // An AWS Backup vault lock without its grace time is a governance lock: anyone allowed may remove it.
  if (after.type === T.backupVaultLock && num(valueAt(before.inputs, "changeableForDays")) !== undefined && valueAt(after.inputs, "changeableForDays") === undefined) {
    out.push({ path: "changeableForDays", what: "the vault lock's compliance mode (without changeableForDays it is a governance lock)", before: valueAt(before.inputs, "changeableForDays"), after: undefined });
  }
  return out;
}

/** A retention or lock bound: where it sits in a resource's inputs and how to read it in days. */
interface BoundInput {
  /** Matches the dotted path of a leaf (array positions are written as `[key]`, see boundLeaves). */
  pattern: RegExp;
  what: string;
  /** Days in the leaf's value, given the object that holds it; undefined when it cannot be read. */
  days: (value: unknown, holder: Record<string, unknown>) => number | undefined;
}

const plainDays = (v: unknown): number | undefined => num(v);
const isoDays = (v: unknown): number | undefined => {
  const h = isoDurationHours(v);
  return Number.isFinite(h) ? h / 24 : undefined;
};
const UNIT_DAYS: Record<string, number> = { days: 1, weeks: 7, months: 30, years: 365 };

export const BOUND_INPUTS: readonly BoundInput[] = [
  { pattern: /^backupRetentionPeriod$/, what: "the point-in-time window (automated backup retention)", days: plainDays },
  { pattern: /^retentionPeriod$/, what: "the retention of the replicated automated backups", days: plainDays },
  { pattern: /(^|\.)lifecycle\.deleteAfter$/, what: "how long recovery points are kept", days: plainDays },
  { pattern: /^minRetentionDays$/, what: "the vault lock's minimum retention", days: plainDays },
  { pattern: /defaultRetention\.days$/, what: "the Object Lock default retention", days: plainDays },
  { pattern: /defaultRetention\.years$/, what: "the Object Lock default retention", days: (v) => (num(v) === undefined ? undefined : num(v)! * 365) },
  { pattern: /^deletionWindowInDays$/, what: "the key's deletion window", days: plainDays },
  { pattern: /^recoveryWindowInDays$/, what: "the secret's recovery window", days: plainDays },
  { pattern: /(^|\.)expiration\.days$/, what: "how long the bucket keeps objects before expiring them", days: plainDays },
  { pattern: /(^|\.)noncurrentVersionExpiration\.noncurrentDays$/, what: "how long the bucket keeps older versions", days: plainDays },
  { pattern: /^backup\.backupRetentionDays$/, what: "the point-in-time window (backup retention)", days: plainDays },
  { pattern: /deleteAfter\.duration$/, what: "how long recovery points are kept", days: isoDays },
  { pattern: /retentionDuration\.count$/, what: "how long recovery points are kept", days: (v, holder) => (num(v) === undefined ? undefined : num(v)! * (UNIT_DAYS[String(holder.durationType ?? "days").toLowerCase()] ?? 1)) },
  { pattern: /(^|\.)(shareDeleteRetentionPolicy|deleteRetentionPolicy|containerDeleteRetentionPolicy)\.days$/, what: "how long soft delete keeps deleted data", days: plainDays },
  { pattern: /softDeleteRetentionInDays$/, what: "how long soft delete keeps a deleted vault and its keys", days: plainDays },
  { pattern: /softDeleteRetentionPeriodInDays$/, what: "how long soft delete keeps deleted backups", days: plainDays },
  { pattern: /softDeleteSettings\.retentionDurationInDays$/, what: "how long soft delete keeps deleted backups", days: plainDays },
  { pattern: /immutabilityPeriodSinceCreationInDays$/, what: "the immutability period of new blob versions", days: plainDays },
  { pattern: /snapshotRetentionInDays$/, what: "how long share snapshots are kept in the account", days: plainDays },
];

/** Names that identify an element of a list of records (a plan's rule, a policy's rule). */
const ELEMENT_KEYS = ["ruleName", "name", "id", "ruleId"];

/**
 * Every leaf of `value` with its dotted path: a record of a list is written `[<its name>]` when it has one (so a
 * rule keeps its path when rules are reordered), else `[<position>]`.
 */
function* leaves(value: unknown, path: string, holder: Record<string, unknown>): Generator<{ path: string; value: unknown; holder: Record<string, unknown> }> {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const r = rec(value[i]);
      const key = r ? ELEMENT_KEYS.map((k) => str(r[k])).find((k) => k !== undefined) : undefined;
      yield* leaves(value[i], `${path}[${key ?? i}]`, holder);
    }
    return;
  }
  const r = rec(value);
  if (r) {
    for (const [k, v] of Object.entries(r)) yield* leaves(v, path ? `${path}.${k}` : k, r);
    return;
  }
  yield { path, value, holder };
}

/** The retention and lock bounds of a resource, by path, in days. */
export function boundLeaves(r: AuditResource): Map<string, { days: number; what: string }> {
  const out = new Map<string, { days: number; what: string }>();
  for (const leaf of leaves(r.inputs, "", r.inputs)) {
    const plain = leaf.path.replace(/\[[^\]]*\]/g, "");
    const bound = BOUND_INPUTS.find((b) => b.pattern.test(plain));
    if (!bound) continue;
    const days = bound.days(leaf.value, leaf.holder);
    if (days !== undefined) out.set(leaf.path, { days, what: bound.what });
  }
  return out;
}

/** Bounds an update shortens. */
export function loweredBounds(before: AuditResource, after: AuditResource): Weakening[] {
  const b = boundLeaves(before);
  const a = boundLeaves(after);
  const out: Weakening[] = [];
  for (const [path, was] of b) {
    const now = a.get(path);
    if (now && now.days < was.days) out.push({ path, what: was.what, before: was.days, after: now.days });
  }
  return out;
}

/** Where a resource is, or where a copy it makes goes: its region or location, and copy destinations. */
export function placements(r: AuditResource): Map<string, string> {
  const out = new Map<string, string>();
  const own = str(r.inputs.region) ?? str(r.inputs.location);
  if (own) out.set(r.inputs.region !== undefined ? "region" : "location", own);
  const dest = str(rec(r.inputs.destination)?.region);
  if (dest) out.set("destination.region", dest);
  for (const leaf of leaves(r.inputs, "", r.inputs)) {
    if (!/destinationVaultArn$/.test(leaf.path)) continue;
    const region = arnRegion(leaf.value);
    if (region) out.set(leaf.path, region);
  }
  return out;
}

/**
 * Placements an update moves into the head's primary region from a region that was not the base's primary (a DR
 * copy, or where its copies went): the copy then shares the fate of what it copies.
 */
export function movedIntoPrimary(before: AuditResource, after: AuditResource, primaryRegion: string | undefined, basePrimaryRegion: string | undefined = primaryRegion): Weakening[] {
  if (!primaryRegion) return [];
  const b = placements(before);
  const a = placements(after);
  const out: Weakening[] = [];
  const normal = (s: string) => s.toLowerCase().replace(/\s+/g, "");
  for (const [path, was] of b) {
    const now = a.get(path);
    if (now && normal(now) === normal(primaryRegion) && normal(was) !== normal(basePrimaryRegion ?? primaryRegion) && normal(was) !== "global") {
      out.push({ path, what: path === "region" || path === "location" ? "the resource's region" : "where its copies go", before: was, after: now });
    }
  }
  return out;
}
