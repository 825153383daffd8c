/**
 * Recovery objectives, after AWS Resilience Hub's resiliency policies: per disruption, the RPO and RTO a stack
 * promises (its targets), the defaults of each environment, and the floor, the best RPO and RTO the clouds'
 * mechanisms allow for CENM's three kinds of data (databases, service directories, signing keys).
 *
 * Written once here and read by the stack configuration (defaults, and a target below the floor is refused), the
 * audit (its failure scenarios and the CENM-RO controls judge the estimate against the target and show the floor)
 * and the generated docs. Every floor is computed from the figures table ({@link FIGURES}), so it carries the
 * source of the figure behind it.
 *
 * The floor is a lower bound: for each scenario and kind of data it is the best figure among every mechanism the
 * audit can credit in that scenario ({@link RECOVERY_MECHANISMS}), RPO and RTO taken separately; for the stack, the
 * worst kind. No declared topology can therefore show an estimate below it (a test holds the audit to that).
 */
import { formatDuration, parseDuration } from "./durations";
import { type Figure, figureBasis, FIGURES, scheduledGapSeconds, SCHEDULED_START_WINDOW } from "./figures";
import { BACKUP_MIN_START_WINDOW_MINUTES } from "./limits/aws";
import type { Cloud, Environment } from "./vocabulary";

/** The audit's failure scenarios, in report order. */
export const SCENARIO_IDS = ["az-loss", "region-loss", "destructive-statement", "backup-deletion", "key-copy-loss"] as const;
export type ScenarioId = (typeof SCENARIO_IDS)[number];

/** CENM's three kinds of data, as the scenarios recover them. */
export type DataKind = "database" | "files" | "keys";
export const DATA_KINDS: readonly DataKind[] = ["database", "files", "keys"];

/**
 * The kinds of data each scenario touches. A SQL statement harms only databases and a lost key copy only the keys.
 * A zone loss removes no key copy: S3 and Azure Storage keep each object in several zones, an HSM cluster spreads
 * its HSMs over zones, and offline copies are outside the cloud.
 */
export const AFFECTED: Record<ScenarioId, readonly DataKind[]> = {
  "az-loss": ["database", "files"],
  "region-loss": ["database", "files", "keys"],
  "destructive-statement": ["database"],
  "backup-deletion": ["database", "files", "keys"],
  "key-copy-loss": ["keys"],
};

/** The disruptions a stack sets objectives for (`recoveryObjectives.<key>`): the scenarios under the names. */
export const OBJECTIVE_KEYS = ["az-loss", "region-loss", "destructive-statement", "malicious-deletion", "key-copy-loss"] as const;
export type ObjectiveKey = (typeof OBJECTIVE_KEYS)[number];

/** The scenario each objective is judged on: malicious deletion is the audit's backup-deletion scenario. */
export const SCENARIO_OF: Record<ObjectiveKey, ScenarioId> = {
  "az-loss": "az-loss",
  "region-loss": "region-loss",
  "destructive-statement": "destructive-statement",
  "malicious-deletion": "backup-deletion",
  "key-copy-loss": "key-copy-loss",
};

/** The objective key of a scenario. */
export const OBJECTIVE_OF: Record<ScenarioId, ObjectiveKey> = {
  "az-loss": "az-loss",
  "region-loss": "region-loss",
  "destructive-statement": "destructive-statement",
  "backup-deletion": "malicious-deletion",
  "key-copy-loss": "key-copy-loss",
};

/** What each disruption is, for the config reference and the reports. */
export const OBJECTIVE_MEANINGS: Record<ObjectiveKey, string> = {
  "az-loss": "Loss of one availability zone of the primary region.",
  "region-loss": "Loss of the primary region: only copies in another region, or offline, remain.",
  "destructive-statement": "A destructive SQL statement, which replication copies to every replica.",
  "malicious-deletion": "Deletion of the data and of its backups by someone holding administrative rights (the audit's backup-deletion scenario).",
  "key-copy-loss": "Loss of one copy of the signing keys (the best one, in the worst case).",
};

/** A target as a stack file writes it. */
export interface ObjectiveText {
  rpo: string;
  rto: string;
}

/** A target in seconds. */
export interface RecoveryTarget {
  rpoSeconds: number;
  rtoSeconds: number;
}

/**
 * The objectives of each environment before a cloud's floor raises any (see {@link defaultObjectives}). This
 * package's choice, as every number of the presets: prod as the issue that introduced objectives sets them; staging
 * looser, and without a malicious-deletion objective, since its vaults and escrow take governance locks that an
 * administrator can lift (its preset's choice); dev none.
 */
export const OBJECTIVE_DEFAULTS: Record<Environment, Partial<Record<ObjectiveKey, ObjectiveText>>> = {
  dev: {},
  staging: {
    "az-loss": { rpo: "0 s", rto: "15 min" },
    "region-loss": { rpo: "1 h", rto: "24 h" },
    "destructive-statement": { rpo: "15 min", rto: "4 h" },
    "key-copy-loss": { rpo: "1 h", rto: "24 h" },
  },
  prod: {
    "az-loss": { rpo: "0 s", rto: "5 min" },
    "region-loss": { rpo: "15 min", rto: "1 h" },
    "destructive-statement": { rpo: "5 min", rto: "1 h" },
    "malicious-deletion": { rpo: "1 h", rto: "4 h" },
    "key-copy-loss": { rpo: "0 s", rto: "1 h" },
  },
};

/** One way the clouds bring a kind of data back, with the scenarios it survives and its figures. */
export interface RecoveryMechanism {
  cloud: Cloud;
  kind: DataKind;
  /** What it is, in words. */
  name: string;
  survives: readonly ScenarioId[];
  rpo: Figure;
  rto: Figure;
}

/** Two figures one after the other (a backup interval, then the copy time): documented only as far as both are. */
function plus(a: Figure, b: Figure, source: string): Figure {
  const url = b.url ?? a.url;
  return { seconds: a.seconds + b.seconds, documented: a.documented && b.documented, source, ...(url ? { url } : {}) };
}

/**
 * The best an AWS Backup snapshot rule can do: a job every hour (the shortest interval), each starting within the
 * shortest start window AWS Backup takes (60 minutes), so two recovery points can be the interval plus that window
 * apart (figures.ts, scheduledGapSeconds).
 */
const AWS_HOURLY_GAP: Figure = {
  seconds: scheduledGapSeconds(FIGURES.awsBackupShortestInterval.seconds / 3600, BACKUP_MIN_START_WINDOW_MINUTES),
  documented: FIGURES.awsBackupShortestInterval.documented,
  source: `${FIGURES.awsBackupShortestInterval.source}; and each job starts within its start window, at least ${BACKUP_MIN_START_WINDOW_MINUTES} minutes (${SCHEDULED_START_WINDOW.source})`,
  url: SCHEDULED_START_WINDOW.url,
};
const AWS_HOURLY_COPY = plus(AWS_HOURLY_GAP, FIGURES.backupCopyTime, `${AWS_HOURLY_GAP.source}; then ${FIGURES.backupCopyTime.source}`);
const AZURE_DB_VAULT_GEO_COPY = plus(
  FIGURES.azurePostgresVaultBackupInterval,
  FIGURES.azureVaultGeoCopyTime,
  `${FIGURES.azurePostgresVaultBackupInterval.source}; then ${FIGURES.azureVaultGeoCopyTime.source}`,
);
const AZURE_FILES_VAULT_GEO_COPY = plus(
  FIGURES.azureFilesShortestBackupInterval,
  FIGURES.azureVaultGeoCopyTime,
  `${FIGURES.azureFilesShortestBackupInterval.source}; then ${FIGURES.azureVaultGeoCopyTime.source}`,
);

/**
 * Every mechanism the audit's scenarios can credit (src/audit/scenarios.ts), with the scenarios it survives and the
 * figures the audit gives it, at the best setting the cloud accepts (the shortest backup interval, a lock nobody can
 * lift). The floors are computed from this list; a new kind of copy in the scenarios needs its row here, or a
 * test finds an estimate below its floor.
 */
export const RECOVERY_MECHANISMS: readonly RecoveryMechanism[] = [
  // AWS databases.
  { cloud: "aws", kind: "database", name: "the readable standbys of a Multi-AZ DB cluster", survives: ["az-loss"], rpo: FIGURES.synchronousRpo, rto: FIGURES.rdsClusterFailover },
  { cloud: "aws", kind: "database", name: "the synchronous standby of a Multi-AZ DB instance", survives: ["az-loss"], rpo: FIGURES.synchronousRpo, rto: FIGURES.rdsInstanceFailover },
  { cloud: "aws", kind: "database", name: "point-in-time restore from the database's automated backups", survives: ["az-loss", "destructive-statement"], rpo: FIGURES.rdsPointInTimeRpo, rto: FIGURES.rdsRestoreRto },
  { cloud: "aws", kind: "database", name: "a cross-region read replica, promoted", survives: ["az-loss", "region-loss"], rpo: FIGURES.rdsCrossRegionReplicaRpo, rto: FIGURES.rdsReplicaPromotionRto },
  { cloud: "aws", kind: "database", name: "automated backups replicated to the DR region", survives: ["az-loss", "region-loss", "destructive-statement"], rpo: FIGURES.rdsDrAutomatedBackupsRpo, rto: FIGURES.rdsRestoreRto },
  { cloud: "aws", kind: "database", name: "AWS Backup continuous backup in a compliance-locked vault", survives: ["az-loss", "destructive-statement", "backup-deletion"], rpo: FIGURES.rdsPointInTimeRpo, rto: FIGURES.rdsRestoreRto },
  { cloud: "aws", kind: "database", name: "hourly AWS Backup snapshots copied to a compliance-locked vault in the DR region", survives: ["az-loss", "region-loss", "destructive-statement", "backup-deletion"], rpo: AWS_HOURLY_COPY, rto: FIGURES.rdsRestoreRto },
  // AWS file stores.
  { cloud: "aws", kind: "files", name: "a regional EFS file system with mount targets in several zones", survives: ["az-loss"], rpo: FIGURES.efsRegionalRpo, rto: FIGURES.efsRegionalRto },
  { cloud: "aws", kind: "files", name: "EFS replication to the DR region", survives: ["az-loss", "region-loss"], rpo: FIGURES.efsReplicationRpo, rto: FIGURES.efsReplicationFailoverRto },
  { cloud: "aws", kind: "files", name: "hourly AWS Backup recovery points in a compliance-locked vault", survives: ["az-loss", "backup-deletion"], rpo: AWS_HOURLY_GAP, rto: FIGURES.efsRestoreRto },
  { cloud: "aws", kind: "files", name: "hourly AWS Backup recovery points copied to a compliance-locked vault in the DR region", survives: ["az-loss", "region-loss", "backup-deletion"], rpo: AWS_HOURLY_COPY, rto: FIGURES.efsRestoreRto },
  // AWS signing keys.
  { cloud: "aws", kind: "keys", name: "the key escrow bucket under a COMPLIANCE Object Lock", survives: ["key-copy-loss", "backup-deletion"], rpo: FIGURES.keyCopyRpo, rto: FIGURES.escrowRetrievalRto },
  // The replica at its best setting: a class GetObject reads without a RestoreObject first (any but GLACIER and
  // DEEP_ARCHIVE: AWS's GetObject API reference; the package writes GLACIER_IR), which the scenarios credit with the
  // escrow's own retrieval time; an archived class adds archiveRetrievalRto.
  { cloud: "aws", kind: "keys", name: "the escrow's locked replica in the DR region, in a class read without a restore", survives: ["key-copy-loss", "region-loss", "backup-deletion"], rpo: FIGURES.s3RtcRpo, rto: FIGURES.escrowRetrievalRto },
  { cloud: "aws", kind: "keys", name: "a CloudHSM cluster holding the keys in the DR region", survives: ["key-copy-loss", "region-loss"], rpo: FIGURES.keyCopyRpo, rto: FIGURES.hsmClusterRto },
  { cloud: "aws", kind: "keys", name: "an offline copy under two-person control", survives: ["key-copy-loss", "region-loss", "backup-deletion"], rpo: FIGURES.keyCopyRpo, rto: FIGURES.offlineRetrievalRto },
  // Azure databases.
  { cloud: "azure", kind: "database", name: "the synchronous standby of a PostgreSQL flexible server with zone-redundant high availability", survives: ["az-loss"], rpo: FIGURES.azurePostgresHaRpo, rto: FIGURES.azurePostgresHaFailover },
  { cloud: "azure", kind: "database", name: "the zone replicas of a zone-redundant Azure SQL database", survives: ["az-loss"], rpo: FIGURES.azureSqlZoneRpo, rto: FIGURES.azureSqlZoneFailover },
  { cloud: "azure", kind: "database", name: "flexible-server point-in-time restore", survives: ["az-loss", "destructive-statement"], rpo: FIGURES.azurePostgresPointInTimeRpo, rto: FIGURES.azurePostgresRestoreRto },
  { cloud: "azure", kind: "database", name: "Azure SQL point-in-time restore", survives: ["az-loss", "destructive-statement"], rpo: FIGURES.azureSqlPointInTimeRpo, rto: FIGURES.azurePostgresRestoreRto },
  { cloud: "azure", kind: "database", name: "a flexible-server read replica in the paired region, promoted", survives: ["az-loss", "region-loss"], rpo: FIGURES.azurePostgresReplicaRpo, rto: FIGURES.azurePostgresReplicaPromotionRto },
  { cloud: "azure", kind: "database", name: "an Azure SQL failover group", survives: ["az-loss", "region-loss"], rpo: FIGURES.azureSqlFailoverGroupRpo, rto: FIGURES.azureSqlFailoverGroupRto },
  { cloud: "azure", kind: "database", name: "geo-redundant backups restored in the paired region", survives: ["az-loss", "region-loss", "destructive-statement"], rpo: FIGURES.azurePostgresGeoBackupRpo, rto: FIGURES.azurePostgresRestoreRto },
  { cloud: "azure", kind: "database", name: "daily vaulted backups in an immutability-locked backup vault", survives: ["az-loss", "destructive-statement", "backup-deletion"], rpo: FIGURES.azurePostgresVaultBackupInterval, rto: FIGURES.azurePostgresRestoreRto },
  { cloud: "azure", kind: "database", name: "the geo-redundant copy of those vaulted backups in the paired region", survives: ["az-loss", "region-loss", "destructive-statement", "backup-deletion"], rpo: AZURE_DB_VAULT_GEO_COPY, rto: FIGURES.azurePostgresRestoreRto },
  // Azure file stores.
  { cloud: "azure", kind: "files", name: "a zone-redundant storage account (ZRS, GZRS)", survives: ["az-loss"], rpo: FIGURES.azureStorageZrsRpo, rto: FIGURES.azureStorageZrsRto },
  { cloud: "azure", kind: "files", name: "the geo-redundant copy of a GZRS account, failed over", survives: ["az-loss", "region-loss"], rpo: FIGURES.azureStorageGeoRpo, rto: FIGURES.azureStorageFailoverRto },
  { cloud: "azure", kind: "files", name: "share backups in an immutability-locked Recovery Services vault (vault-standard tier)", survives: ["az-loss", "backup-deletion"], rpo: FIGURES.azureFilesShortestBackupInterval, rto: FIGURES.azureFilesRestoreRto },
  { cloud: "azure", kind: "files", name: "the vault's geo-redundant copy of those share backups (cross-region restore)", survives: ["az-loss", "region-loss", "backup-deletion"], rpo: AZURE_FILES_VAULT_GEO_COPY, rto: FIGURES.azureFilesRestoreRto },
  // Azure signing keys.
  { cloud: "azure", kind: "keys", name: "the escrow account under locked version-level immutability", survives: ["key-copy-loss", "backup-deletion"], rpo: FIGURES.keyCopyRpo, rto: FIGURES.escrowRetrievalRto },
  { cloud: "azure", kind: "keys", name: "the locked escrow account in the paired region, written at each key ceremony", survives: ["key-copy-loss", "region-loss", "backup-deletion"], rpo: FIGURES.keyCopyRpo, rto: FIGURES.escrowRetrievalRto },
  { cloud: "azure", kind: "keys", name: "a premium Key Vault holding the keys in the paired region", survives: ["key-copy-loss", "region-loss"], rpo: FIGURES.keyCopyRpo, rto: FIGURES.azureKeyVaultRto },
  { cloud: "azure", kind: "keys", name: "an offline copy under two-person control", survives: ["key-copy-loss", "region-loss", "backup-deletion"], rpo: FIGURES.keyCopyRpo, rto: FIGURES.offlineRetrievalRto },
];

/** One figure of a floor: its value, and the kind of data and mechanism that set it, with the figure's source. */
export interface FloorFigure {
  seconds: number;
  kind: DataKind;
  mechanism: string;
  figure: Figure;
}

/** The floor of one scenario on one cloud: the stack's (the worst kind) and each kind's. */
export interface Floor {
  cloud: Cloud;
  scenario: ScenarioId;
  rpo: FloorFigure;
  rto: FloorFigure;
  kinds: { kind: DataKind; rpo: FloorFigure; rto: FloorFigure }[];
}

function bestOf(mechanisms: readonly RecoveryMechanism[], pick: "rpo" | "rto"): FloorFigure {
  let found = mechanisms[0];
  for (const m of mechanisms) if (m[pick].seconds < found[pick].seconds) found = m;
  return { seconds: found[pick].seconds, kind: found.kind, mechanism: found.name, figure: found[pick] };
}

function worstOf(parts: readonly FloorFigure[]): FloorFigure {
  let found = parts[0];
  for (const p of parts) if (p.seconds > found.seconds) found = p;
  return found;
}

function computeFloor(cloud: Cloud, scenario: ScenarioId): Floor {
  const kinds = AFFECTED[scenario].map((kind) => {
    const mine = RECOVERY_MECHANISMS.filter((m) => m.cloud === cloud && m.kind === kind && m.survives.includes(scenario));
    if (mine.length === 0) throw new Error(`no ${cloud} mechanism brings back ${kind} in scenario ${scenario}`);
    return { kind, rpo: bestOf(mine, "rpo"), rto: bestOf(mine, "rto") };
  });
  return { cloud, scenario, rpo: worstOf(kinds.map((k) => k.rpo)), rto: worstOf(kinds.map((k) => k.rto)), kinds };
}

/** The floors, computed once: cloud -> scenario -> floor. */
export const FLOORS: Record<Cloud, Record<ScenarioId, Floor>> = {
  aws: Object.fromEntries(SCENARIO_IDS.map((s) => [s, computeFloor("aws", s)])) as Record<ScenarioId, Floor>,
  azure: Object.fromEntries(SCENARIO_IDS.map((s) => [s, computeFloor("azure", s)])) as Record<ScenarioId, Floor>,
};

/** The floor of an objective on a cloud. */
export function floorOf(cloud: Cloud, key: ObjectiveKey | ScenarioId): Floor {
  const scenario = (SCENARIO_IDS as readonly string[]).includes(key) ? (key as ScenarioId) : SCENARIO_OF[key as ObjectiveKey];
  return FLOORS[cloud][scenario];
}

/** The kinds of data in words. */
export const KIND_WORDS: Record<DataKind, string> = { database: "database", files: "file store", keys: "signing keys" };

/** "15 min, file store: EFS replication to the DR region (AWS: EFS replication has an RPO of 15 minutes ...; https://...)". */
export function describeFloorFigure(f: FloorFigure): string {
  return `${formatDuration(f.seconds)}, ${KIND_WORDS[f.kind]}: ${f.mechanism} (${figureBasis(f.figure)})`;
}

/** A target written in a stack file, in seconds; undefined when a duration is unreadable. */
export function targetOf(text: ObjectiveText): RecoveryTarget | undefined {
  const rpoSeconds = parseDuration(text.rpo);
  const rtoSeconds = parseDuration(text.rto);
  return rpoSeconds === undefined || rtoSeconds === undefined ? undefined : { rpoSeconds, rtoSeconds };
}

/** A duration as a stack file writes it: as reports print it when that reads back ("24 h"), else in seconds. */
function durationText(seconds: number): string {
  const text = formatDuration(seconds);
  return parseDuration(text) === seconds ? text : `${seconds} s`;
}

/**
 * The defaults of an environment on a cloud: {@link OBJECTIVE_DEFAULTS}, each figure raised to the cloud's floor
 * where it lies below: prod's malicious-deletion RPO on both clouds, 24 h on Azure (a daily locked backup of the
 * flexible server) and 2 h on AWS (hourly locked recovery points of the file store, each job starting within its
 * start window, at least 60 minutes: AWS_HOURLY_GAP).
 */
export function defaultObjectives(cloud: Cloud, environment: Environment): Partial<Record<ObjectiveKey, ObjectiveText>> {
  const out: Partial<Record<ObjectiveKey, ObjectiveText>> = {};
  for (const key of OBJECTIVE_KEYS) {
    const text = OBJECTIVE_DEFAULTS[environment][key];
    if (!text) continue;
    const target = targetOf(text)!;
    const floor = floorOf(cloud, key);
    out[key] = {
      rpo: target.rpoSeconds < floor.rpo.seconds ? durationText(floor.rpo.seconds) : text.rpo,
      rto: target.rtoSeconds < floor.rto.seconds ? durationText(floor.rto.seconds) : text.rto,
    };
  }
  return out;
}

/** The figures of {@link defaultObjectives} that differ from {@link OBJECTIVE_DEFAULTS} (the cloud presets hold them). */
export function cloudObjectiveOverrides(cloud: Cloud, environment: Environment): Partial<Record<ObjectiveKey, Partial<ObjectiveText>>> {
  const out: Partial<Record<ObjectiveKey, Partial<ObjectiveText>>> = {};
  for (const [key, text] of Object.entries(defaultObjectives(cloud, environment)) as [ObjectiveKey, ObjectiveText][]) {
    const nominal = OBJECTIVE_DEFAULTS[environment][key]!;
    const changed: Partial<ObjectiveText> = {};
    if (text.rpo !== nominal.rpo) changed.rpo = text.rpo;
    if (text.rto !== nominal.rto) changed.rto = text.rto;
    if (Object.keys(changed).length > 0) out[key] = changed;
  }
  return out;
}

/** The default targets in seconds (what the audit holds a stack to when it records none). */
export function defaultTargets(cloud: Cloud, environment: Environment): Partial<Record<ObjectiveKey, RecoveryTarget>> {
  const out: Partial<Record<ObjectiveKey, RecoveryTarget>> = {};
  for (const [key, text] of Object.entries(defaultObjectives(cloud, environment)) as [ObjectiveKey, ObjectiveText][]) out[key] = targetOf(text)!;
  return out;
}

/** What a target below the floor is refused with: the floor, the mechanism that sets it and the figure's source. */
export function belowFloorProblem(cloud: Cloud, key: ObjectiveKey, which: "rpo" | "rto", seconds: number): string | undefined {
  const floor = floorOf(cloud, key)[which];
  if (seconds >= floor.seconds) return undefined;
  return `at least ${formatDuration(floor.seconds)} on ${cloud === "aws" ? "AWS" : "Azure"}, the floor of ${key}: no mechanism of the cloud brings CENM's ${KIND_WORDS[floor.kind]} back with a better ${which.toUpperCase()} than ${floor.mechanism} (${figureBasis(floor.figure)})`;
}
