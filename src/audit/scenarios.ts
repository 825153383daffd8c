/**
 * Failure scenarios: for each way CENM can lose data or service, which declared copy brings it back, and with what
 * recovery point and recovery time.
 *
 * The method is the same for every scenario. Each component of the stack (each database, each file system, the
 * signing keys) gets a list of recovery options built from its facts: a synchronous standby, point-in-time
 * restore, a cross-region replica, recovery points in a vault and their copies in the DR region, EFS replication,
 * key copies. Every option lists the scenarios it survives and carries an RPO and RTO taken from {@link FIGURES}.
 * Per scenario, each component keeps its best surviving option, and the stack-level figure is the worst of its
 * components: the stack is back only when every component is. A component with no surviving option makes the
 * scenario unrecoverable (figures undefined).
 *
 * Figures come only from {@link FIGURES}: the documented AWS and Azure figures and this package's own assumptions,
 * each with its source, so that a reader sees where every number comes from. Facts about Azure resources (their
 * type token, or the type in their URN, starts with `azure-native:`) take the Azure figures; all others the AWS ones.
 */
import { MAX_LISTED_NAMES } from "./controls/common";
import { pushAll } from "../domain/arrays";
import { DAY, formatDuration, HOUR } from "../domain/durations";
import { FIGURES, scheduledGapFigure, type Figure, type FigureName } from "../domain/figures";
import { MIN_KEY_COPIES } from "../domain/keyCopies";
import { AFFECTED, type DataKind, SCENARIO_IDS, type ScenarioId } from "../domain/objectives";
import { urnName, urnType } from "../domain/urn";
import { assessObjective } from "./objectives";
import type { DatabaseFact, Facts, FailoverCheck, FigureBasis, FileSystemFact, KeyCopyFact, Scenario, SnapshotRuleFact, VaultFact } from "./types";

export type ComponentKind = DataKind;

/**
 * What a recovery option restores from, in a form a reader can act on (the DR runbook builds its steps from it):
 * the kind of copy and the URNs of the resources involved. The audit's own text is `savedBy`; this is the same
 * choice, structured.
 */
export type RecoverySource =
  /** Fail over to the synchronous standby (or zone replicas) of the database in its own region. */
  | { kind: "standby"; databaseUrn: string }
  /** Point-in-time restore of the database from its own automated backups, in its region. */
  | { kind: "point-in-time"; databaseUrn: string }
  /** Promote the cross-region replica (or fail over the failover group) held by `copyUrn`. */
  | { kind: "cross-region-replica"; databaseUrn: string; copyUrn: string; region: string }
  /** Restore in `region` from the database's backups replicated there (RDS replicated backups, Azure geo-redundant backups). */
  | { kind: "dr-backups"; databaseUrn: string; copyUrn: string; region: string }
  /**
   * Restore `subjectUrn` from a recovery point of backup rule `rule` of plan `planUrn`: in the rule's own vault, or
   * (`copy`) its copy in another region. `pointInTime` says whether the rule restores to a point in time.
   * `inSource`: the recovery points are kept in the resource itself (Azure Files share snapshots), not in the vault.
   */
  | { kind: "vault"; subjectUrn: string; planUrn: string; rule: string; pointInTime: boolean; vaultUrn?: string; region?: string; copy: boolean; inSource?: true }
  /** The file store keeps serving from its surviving zones (regional EFS, zone-redundant storage). */
  | { kind: "regional-files"; fileSystemUrn: string }
  /** Fail over to the file store's copy in `region` (EFS replication, geo-redundant storage). */
  | { kind: "files-replica"; fileSystemUrn: string; region: string }
  /** Retrieve the signing keys from the key copy `keyCopyId` (a URN, or `offline:<id>`). */
  | { kind: "key-copy"; keyCopyId: string };

/** One way to bring a component back. */
interface Option {
  /** Which copy saves the day, in words, naming the resource. */
  savedBy: string;
  /** The same copy, structured. */
  source: RecoverySource;
  survives: ReadonlySet<ScenarioId>;
  rpoSeconds: number;
  rtoSeconds: number;
  /** The figures the RPO and RTO rest on (their source, and whether the cloud documents them). */
  rpoBasis: Figure;
  rtoBasis: Figure;
  /** A cross-region replica: it has a synchronous standby in another zone once promoted (see DatabaseCopyFact). */
  zoneStandby?: boolean;
  /** A cross-region replica without one: what gives the promoted copy its standby, and when (see DatabaseCopyFact). */
  standbyAfterPromotion?: string;
}

/** A component of the stack and its recovery options. */
interface Component {
  kind: ComponentKind;
  label: string;
  /** The database or file system (absent for the signing keys, which are several resources). */
  urn?: string;
  options: Option[];
}

/** What one component achieves in one scenario. */
interface Outcome {
  component: Component;
  best?: Option;
  /** key-copy-loss: the copy the worst case loses. */
  lost?: Option;
  /** Every option that survives the scenario. */
  surviving: Option[];
}

/** A recovery option as readers outside the audit see it: the copy, structured and in words, and its figures. */
export interface RecoveryChoice {
  savedBy: string;
  source: RecoverySource;
  rpoSeconds: number;
  rtoSeconds: number;
  rpoBasis: FigureBasis;
  rtoBasis: FigureBasis;
}

/** One component of the stack in one scenario: the copy the audit counts on, and the others that survive. */
export interface ComponentRecovery {
  kind: ComponentKind;
  label: string;
  /** The database or file system (absent for the signing keys). */
  urn?: string;
  /** The copy the scenario's figures rest on; undefined when no copy of the component survives. */
  chosen?: RecoveryChoice;
  /** key-copy-loss: the copy the worst case loses (the best one). */
  lost?: RecoveryChoice;
  /** Every copy that survives the scenario, best first (for key-copy-loss, the lost one included). */
  surviving: RecoveryChoice[];
}

/** A scenario with the per-component choices behind its figures. */
export interface ScenarioDetail {
  scenario: Scenario;
  components: ComponentRecovery[];
}

const TITLES: Record<ScenarioId, string> = {
  "az-loss": "Loss of one availability zone of the primary region",
  "region-loss": "Loss of the primary region",
  "destructive-statement": "A destructive SQL statement (by mistake or malice), which replication copies to every replica",
  "backup-deletion": "Malicious deletion of the data and of the backups by someone holding administrative rights",
  "key-copy-loss": "Loss of one copy of the signing keys",
};

const set = (...ids: ScenarioId[]): ReadonlySet<ScenarioId> => new Set(ids);

export { formatDuration, FIGURES };
export type { Figure, FigureName };

/** The type token, or the URN whose type it names, is an Azure one (`azure-native:`). */
function isAzure(typeOrUrn: string): boolean {
  if (typeOrUrn.startsWith("azure-native:")) return true;
  return (urnType(typeOrUrn) ?? "").startsWith("azure-native:");
}

/** Last segment of a URN (the logical name), or the id itself when it is not a URN. */
function shortName(id: string): string {
  return urnName(id);
}

/** Backup rules and the vaults they write to, resolved once for the whole stack. */
interface BackupView {
  rules: SnapshotRuleFact[];
  vaults: Map<string, VaultFact>;
  protectedUrns: Set<string>;
  /** Vault candidates already built, by their arguments (see vaultCandidates). */
  candidates: Map<string, VaultCandidate[]>;
  /** The rules that back up each resource: those tied to it, then those tied to nothing (in declaration order). */
  rulesOf(urn: string): SnapshotRuleFact[];
}

function backupView(facts: Facts): BackupView {
  // Indexed once, so that finding a resource's rules does not scan every rule of a large program.
  const rules = facts.snapshots.rules;
  const index = new Map(rules.map((r, i) => [r, i]));
  const untied = rules.filter((r) => r.protectedUrns === undefined);
  const tied = new Map<string, SnapshotRuleFact[]>();
  for (const rule of rules) {
    for (const urn of new Set(rule.protectedUrns ?? [])) {
      const mine = tied.get(urn);
      if (mine) mine.push(rule);
      else tied.set(urn, [rule]);
    }
  }
  return {
    rulesOf: (urn) => {
      const mine = tied.get(urn);
      return mine ? [...untied, ...mine].sort((a, b) => index.get(a)! - index.get(b)!) : untied;
    },
    rules: facts.snapshots.rules,
    vaults: new Map(facts.snapshots.vaults.map((v) => [v.urn, v])),
    protectedUrns: new Set(facts.snapshots.protectedUrns),
    candidates: new Map(),
  };
}

function compliance(view: BackupView, vaultUrn: string | undefined): boolean {
  return vaultUrn !== undefined && view.vaults.get(vaultUrn)?.lock?.mode === "compliance";
}

function vaultRegion(view: BackupView, vaultUrn: string | undefined): string | undefined {
  return vaultUrn === undefined ? undefined : view.vaults.get(vaultUrn)?.region;
}

function vaultLabel(view: BackupView, vaultUrn: string | undefined, fallback: string): string {
  if (vaultUrn === undefined) return fallback;
  const v = view.vaults.get(vaultUrn);
  const name = v?.name ?? shortName(vaultUrn);
  return v?.lock ? `${name} (${v.lock.mode} lock)` : `${name} (no vault lock)`;
}

/**
 * The recovery point of a rule's copy in another region: its longest gap between recovery points plus the copy
 * time (AWS Backup) or the geo-replication time (Azure vault); an Azure continuous rule restores geo-redundant
 * backups instead. DB-03 states the same figure.
 */
export function snapshotCopyRpo(rule: SnapshotRuleFact, pointInTime: boolean): Figure {
  if (isAzure(rule.vaultUrn ?? rule.planUrn)) {
    if (rule.continuous && pointInTime) return FIGURES.azurePostgresGeoBackupRpo;
    return gapPlus(rule, FIGURES.azureVaultGeoCopyTime, `${gapFigure(rule).source}; then ${FIGURES.azureVaultGeoCopyTime.source}`);
  }
  return gapPlus(rule, FIGURES.backupCopyTime, `${gapFigure(rule).source}; then the copy time: ${FIGURES.backupCopyTime.source}`);
}

/** A rule's longest gap between recovery points plus a figure of the table: documented as far as that figure is. */
function gapPlus(rule: SnapshotRuleFact, added: Figure, source: string): Figure {
  const url = added.url ?? gapFigure(rule).url;
  return { seconds: gapFigure(rule).seconds + added.seconds, documented: added.documented, source, ...(url ? { url } : {}) };
}

/**
 * The recovery point of in-region snapshots: the longest gap between two recovery points of the rule, its declared
 * interval plus the start window within which a job may begin (the figures table's rule, scheduledGapFigure).
 */
function gapFigure(rule: SnapshotRuleFact): Figure {
  return scheduledGapFigure({ intervalHours: rule.intervalHours, schedule: rule.schedule, ...(rule.startWindowMinutes !== undefined ? { startWindowMinutes: rule.startWindowMinutes } : {}) });
}

/** A recovery option from AWS Backup, before it is attached to the resource it would restore. */
interface VaultCandidate {
  survives: ReadonlySet<ScenarioId>;
  rpoSeconds: number;
  rtoSeconds: number;
  rpoBasis: Figure;
  rtoBasis: Figure;
  describe(subject: string): string;
  source(subjectUrn: string): RecoverySource;
}

/**
 * Recovery options from AWS Backup for a resource the selection covers: the recovery points of each rule in its
 * own vault, and their copies in another region. `pointInTime` says whether the resource takes continuous
 * backups (RDS); for other resources a continuous rule yields snapshots at its interval.
 *
 * The candidates depend only on the arguments, not on the resource, so they are built once per distinct set of
 * arguments and pruned to the best candidate of each scenario: every resource sharing them would choose among the
 * same list. This keeps the scenarios linear in the number of resources and rules.
 */
function vaultCandidates(
  view: BackupView,
  subjectUrn: string,
  region: string,
  pointInTime: boolean,
  restoreRto: Figure,
  survivesStatement: boolean,
  copyable = true,
  sourceSurvivesZone = true,
): VaultCandidate[] {
  // Rules tied to the resources they back up count only for those; the others for every covered resource.
  const tied = view.rules.some((r) => r.protectedUrns !== undefined);
  const key = `${tied ? subjectUrn : ""}|${region}|${pointInTime}|${restoreRto.seconds}|${restoreRto.source}|${survivesStatement}|${copyable}|${sourceSurvivesZone}`;
  const cached = view.candidates.get(key);
  if (cached) return cached;
  const all: VaultCandidate[] = [];
  for (const rule of view.rulesOf(subjectUrn)) {
    // A resource's own automated backups are its own copies (point-in-time restore, geo-restore), offered as such;
    // no vault restores them.
    if (rule.ownBackups) continue;
    const azure = isAzure(rule.vaultUrn ?? rule.planUrn);
    const pitRpo: Figure = azure ? FIGURES.azurePostgresPointInTimeRpo : FIGURES.rdsPointInTimeRpo;
    const rpo = rule.continuous && pointInTime ? pitRpo : gapFigure(rule);
    const what = rule.continuous && pointInTime ? "continuous backup (point in time)" : `snapshots every ${formatDuration(rule.intervalHours * HOUR)}`;
    // Recovery points kept inside the resource itself share its fate: a zone if the resource survives one, never
    // its deletion, whatever the vault's lock; and the vault's copies are not theirs.
    const inSource = rule.inSource === true;
    const inRegion: ScenarioId[] = inSource ? (sourceSurvivesZone ? ["az-loss"] : []) : ["az-loss"];
    if (survivesStatement) inRegion.push("destructive-statement");
    if (!inSource && compliance(view, rule.vaultUrn)) inRegion.push("backup-deletion");
    const vault = vaultLabel(view, rule.vaultUrn, "of plan " + rule.planName);
    all.push({
      survives: set(...inRegion),
      rpoSeconds: rpo.seconds,
      rtoSeconds: restoreRto.seconds,
      rpoBasis: rpo,
      rtoBasis: restoreRto,
      describe: (subject) =>
        inSource
          ? `snapshots of ${subject} kept in ${subject} itself, rule ${rule.rule} (${what}), scheduled by vault ${vault}`
          : `recovery points of ${subject}, rule ${rule.rule} (${what}), in vault ${vault}`,
      source: (subjectUrn) => ({
        kind: "vault",
        subjectUrn,
        planUrn: rule.planUrn,
        rule: rule.rule,
        pointInTime: rule.continuous && pointInTime,
        ...(rule.vaultUrn !== undefined ? { vaultUrn: rule.vaultUrn } : {}),
        ...(vaultRegion(view, rule.vaultUrn) !== undefined ? { region: vaultRegion(view, rule.vaultUrn) } : {}),
        copy: false,
        ...(inSource ? { inSource: true as const } : {}),
      }),
    });
    // Copies the cloud cannot make (a platform limit) save nothing; recovery points kept in the resource have none.
    for (const copy of copyable && !inSource ? rule.copies : []) {
      if (copy.region === undefined || copy.region === region) continue;
      const survives: ScenarioId[] = ["az-loss", "region-loss"];
      if (survivesStatement) survives.push("destructive-statement");
      if (compliance(view, copy.vaultUrn)) survives.push("backup-deletion");
      // An Azure vault's copy is the same vault's geo-redundant storage in the paired region (no vault of its own).
      const sameVault = copy.vaultUrn === undefined && azure && rule.vaultUrn !== undefined;
      const copyVaultUrn = sameVault ? rule.vaultUrn : copy.vaultUrn;
      const copyVault = vaultLabel(view, copyVaultUrn, "of " + copy.region);
      const copyRegion = copy.region;
      const copyRpo = snapshotCopyRpo(rule, pointInTime);
      all.push({
        survives: set(...survives),
        rpoSeconds: copyRpo.seconds,
        rtoSeconds: restoreRto.seconds,
        rpoBasis: copyRpo,
        rtoBasis: restoreRto,
        describe: (subject) =>
          sameVault
            ? `copies of ${subject}, rule ${rule.rule}, in the geo-redundant copy of vault ${copyVault} in ${copyRegion} (cross-region restore)`
            : `copies of ${subject}, rule ${rule.rule}, in vault ${copyVault} in ${copyRegion}`,
        source: (subjectUrn) => ({
          kind: "vault",
          subjectUrn,
          planUrn: rule.planUrn,
          rule: rule.rule,
          pointInTime: false,
          ...(copyVaultUrn !== undefined ? { vaultUrn: copyVaultUrn } : {}),
          region: copyRegion,
          copy: true,
        }),
      });
    }
  }
  const kept = new Set<VaultCandidate>();
  for (const id of SCENARIO_IDS) {
    const b = best("database", all.filter((c) => c.survives.has(id)));
    if (b) kept.add(b);
  }
  const list = [...kept];
  view.candidates.set(key, list);
  return list;
}

function vaultOptions(
  view: BackupView,
  subject: string,
  subjectUrn: string,
  region: string,
  pointInTime: boolean,
  restoreRto: Figure,
  survivesStatement: boolean,
  copyable = true,
  sourceSurvivesZone = true,
): Option[] {
  return vaultCandidates(view, subjectUrn, region, pointInTime, restoreRto, survivesStatement, copyable, sourceSurvivesZone).map((c) => ({
    savedBy: c.describe(subject),
    source: c.source(subjectUrn),
    survives: c.survives,
    rpoSeconds: c.rpoSeconds,
    rtoSeconds: c.rtoSeconds,
    rpoBasis: c.rpoBasis,
    rtoBasis: c.rtoBasis,
  }));
}

/** The figures a database's options use: Azure's for Azure facts, AWS's for the others. */
function databaseFigures(db: DatabaseFact) {
  const cluster = db.topology === "multi-az-cluster";
  if (isAzure(db.type)) {
    const sql = db.type.startsWith("azure-native:sql:");
    return {
      standby: sql ? "zone-redundant replicas of the Azure SQL database" : "synchronous standby (zone-redundant high availability) of the PostgreSQL flexible server",
      syncRpo: sql ? FIGURES.azureSqlZoneRpo : FIGURES.azurePostgresHaRpo,
      failover: sql ? FIGURES.azureSqlZoneFailover : FIGURES.azurePostgresHaFailover,
      pointInTimeRpo: (sql ? FIGURES.azureSqlPointInTimeRpo : FIGURES.azurePostgresPointInTimeRpo) as Figure,
      restore: FIGURES.azurePostgresRestoreRto as Figure,
      replica: sql ? "failover group secondary" : "read replica",
      replicaRpo: sql ? FIGURES.azureSqlFailoverGroupRpo : FIGURES.azurePostgresReplicaRpo,
      replicaRto: sql ? FIGURES.azureSqlFailoverGroupRto : FIGURES.azurePostgresReplicaPromotionRto,
      drBackups: "geo-redundant backups",
      drBackupsRpo: FIGURES.azurePostgresGeoBackupRpo as Figure,
    };
  }
  return {
    standby: cluster ? "readable standbys of the Multi-AZ DB cluster" : "synchronous standby of the Multi-AZ DB instance",
    syncRpo: FIGURES.synchronousRpo as Figure,
    failover: cluster ? FIGURES.rdsClusterFailover : FIGURES.rdsInstanceFailover,
    pointInTimeRpo: FIGURES.rdsPointInTimeRpo as Figure,
    restore: FIGURES.rdsRestoreRto as Figure,
    replica: "cross-region read replica",
    replicaRpo: FIGURES.rdsCrossRegionReplicaRpo as Figure,
    replicaRto: FIGURES.rdsReplicaPromotionRto as Figure,
    drBackups: "automated backups",
    drBackupsRpo: FIGURES.rdsDrAutomatedBackupsRpo as Figure,
  };
}

function databaseComponent(db: DatabaseFact, view: BackupView): Component {
  const options: Option[] = [];
  const f = databaseFigures(db);
  if (db.topology === "multi-az-cluster" || db.topology === "multi-az-instance") {
    // The standby's zones: those of the copies in the database's own region (a DR replica's zones are elsewhere).
    const zones = new Set(db.copies.filter((c) => c.region === db.region).flatMap((c) => c.availabilityZones));
    options.push({
      savedBy: `${f.standby} ${db.name}${zones.size ? ` (${[...zones].join(", ")})` : ""}`,
      source: { kind: "standby", databaseUrn: db.urn },
      survives: set("az-loss"),
      rpoSeconds: f.syncRpo.seconds,
      rpoBasis: f.syncRpo,
      rtoSeconds: f.failover.seconds,
      rtoBasis: f.failover,
    });
  }
  if (db.backupRetentionDays > 0) {
    options.push({
      savedBy: `point-in-time restore of ${db.name} from its automated backups (${db.backupRetentionDays} days)`,
      source: { kind: "point-in-time", databaseUrn: db.urn },
      survives: set("az-loss", "destructive-statement"),
      rpoSeconds: f.pointInTimeRpo.seconds,
      rpoBasis: f.pointInTimeRpo,
      rtoSeconds: f.restore.seconds,
      rtoBasis: f.restore,
    });
  }
  for (const copy of db.copies) {
    if (copy.region === db.region) continue;
    if (copy.role === "cross-region-replica") {
      options.push({
        savedBy: `${f.replica} ${copy.name} (${copy.region}${copy.zoneStandby ? "; Multi-AZ: promoted, it keeps a synchronous standby in a second zone" : ""})`,
        source: { kind: "cross-region-replica", databaseUrn: db.urn, copyUrn: copy.urn, region: copy.region },
        survives: set("az-loss", "region-loss"),
        rpoSeconds: f.replicaRpo.seconds,
      rpoBasis: f.replicaRpo,
        rtoSeconds: f.replicaRto.seconds,
      rtoBasis: f.replicaRto,
        zoneStandby: copy.zoneStandby === true,
        ...(copy.standbyAfterPromotion ? { standbyAfterPromotion: copy.standbyAfterPromotion } : {}),
      });
    } else if (copy.role === "dr-automated-backups") {
      options.push({
        savedBy: `${f.drBackups} of ${db.name} replicated to ${copy.region} (${copy.name})`,
        source: { kind: "dr-backups", databaseUrn: db.urn, copyUrn: copy.urn, region: copy.region },
        survives: set("az-loss", "region-loss", "destructive-statement"),
        rpoSeconds: f.drBackupsRpo.seconds,
      rpoBasis: f.drBackupsRpo,
        rtoSeconds: f.restore.seconds,
      rtoBasis: f.restore,
      });
    }
  }
  if (view.protectedUrns.has(db.urn)) {
    pushAll(options, vaultOptions(view, db.name, db.urn, db.region, true, f.restore, true, db.backupCopyUnsupported === undefined));
  }
  return { kind: "database", label: `database ${db.name}`, urn: db.urn, options };
}

function fileComponent(fs: FileSystemFact, view: BackupView): Component {
  const options: Option[] = [];
  const azure = isAzure(fs.urn);
  if (!fs.oneZone) {
    const spread = new Set(fs.mountTargetZones).size >= 2;
    options.push(
      azure
        ? {
            savedBy: `zone-redundant storage account ${fs.name} (zones ${fs.mountTargetZones.join(", ")})`,
            source: { kind: "regional-files", fileSystemUrn: fs.urn },
            survives: set("az-loss"),
            rpoSeconds: FIGURES.azureStorageZrsRpo.seconds,
            rpoBasis: FIGURES.azureStorageZrsRpo,
            rtoSeconds: FIGURES.azureStorageZrsRto.seconds,
            rtoBasis: FIGURES.azureStorageZrsRto,
          }
        : {
            savedBy: `regional EFS file system ${fs.name}${spread ? ` (mount targets in ${fs.mountTargetZones.join(", ")})` : " (one mount target zone: a new mount target is needed)"}`,
            source: { kind: "regional-files", fileSystemUrn: fs.urn },
            survives: set("az-loss"),
            rpoSeconds: FIGURES.efsRegionalRpo.seconds,
            rpoBasis: FIGURES.efsRegionalRpo,
            rtoSeconds: spread ? FIGURES.efsRegionalRto.seconds : FIGURES.efsNewMountTargetRto.seconds,
            rtoBasis: spread ? FIGURES.efsRegionalRto : FIGURES.efsNewMountTargetRto,
          },
    );
  }
  for (const region of fs.replicationRegions) {
    if (region === fs.region) continue;
    options.push({
      savedBy: azure ? `geo-redundant copy of storage account ${fs.name} in ${region}` : `EFS replica of ${fs.name} in ${region}`,
      source: { kind: "files-replica", fileSystemUrn: fs.urn, region },
      survives: set("az-loss", "region-loss"),
      rpoSeconds: azure ? FIGURES.azureStorageGeoRpo.seconds : FIGURES.efsReplicationRpo.seconds,
      rpoBasis: azure ? FIGURES.azureStorageGeoRpo : FIGURES.efsReplicationRpo,
      rtoSeconds: azure ? FIGURES.azureStorageFailoverRto.seconds : FIGURES.efsReplicationFailoverRto.seconds,
      rtoBasis: azure ? FIGURES.azureStorageFailoverRto : FIGURES.efsReplicationFailoverRto,
    });
  }
  if (fs.inBackupPlan || view.protectedUrns.has(fs.urn)) {
    pushAll(options, vaultOptions(view, fs.name, fs.urn, fs.region, false, azure ? FIGURES.azureFilesRestoreRto : FIGURES.efsRestoreRto, false, true, !fs.oneZone));
  }
  return { kind: "files", label: `file system ${fs.name}`, urn: fs.urn, options };
}

function keyOption(copy: KeyCopyFact, primaryRegion: string | undefined): Option {
  const name = copy.kind === "offline" ? copy.id.replace(/^offline:/, "") : shortName(copy.id);
  const outsideRegion = copy.kind === "offline" || (primaryRegion !== undefined && copy.region !== primaryRegion);
  const survives: ScenarioId[] = ["key-copy-loss"];
  if (outsideRegion) survives.push("region-loss");
  if (copy.immutable || copy.kind === "offline") survives.push("backup-deletion");
  const azure = isAzure(copy.id);
  const source: RecoverySource = { kind: "key-copy", keyCopyId: copy.id };
  const lock = copy.lockMode ? `, ${azure ? "immutability policy" : "Object Lock"} ${copy.lockMode}` : "";
  switch (copy.kind) {
    case "cloud-escrow":
      return {
        savedBy: `key escrow ${name} (${copy.region}${lock})`,
        source,
            survives: set(...survives),
        rpoSeconds: FIGURES.keyCopyRpo.seconds,
        rpoBasis: FIGURES.keyCopyRpo,
        rtoSeconds: FIGURES.escrowRetrievalRto.seconds,
        rtoBasis: FIGURES.escrowRetrievalRto,
      };
    case "cloud-escrow-dr-replica":
      // On Azure the DR escrow is written at each ceremony like the primary one (no replication, no archive tier).
      // On AWS S3 replication fills it; read like the primary escrow unless S3 writes its objects in an archived
      // class, which a restore must bring back first.
      return azure
        ? {
            savedBy: `DR key escrow ${name} (${copy.region}${lock})`,
            source,
            survives: set(...survives),
            rpoSeconds: FIGURES.keyCopyRpo.seconds,
            rpoBasis: FIGURES.keyCopyRpo,
            rtoSeconds: FIGURES.escrowRetrievalRto.seconds,
            rtoBasis: FIGURES.escrowRetrievalRto,
          }
        : {
            savedBy: `key escrow replica ${name} (${copy.region}${lock}${copy.archived ? ", archived" : ""})`,
            source,
            survives: set(...survives),
            rpoSeconds: FIGURES.s3RtcRpo.seconds,
            rpoBasis: FIGURES.s3RtcRpo,
            rtoSeconds: copy.archived ? FIGURES.archiveRetrievalRto.seconds : FIGURES.escrowRetrievalRto.seconds,
            rtoBasis: copy.archived ? FIGURES.archiveRetrievalRto : FIGURES.escrowRetrievalRto,
          };
    case "cloud-hsm":
      return {
        savedBy: azure ? `Key Vault ${name} (${copy.region}, HSM-backed keys)` : `CloudHSM cluster ${name} (${copy.region})`,
        source,
            survives: set(...survives),
        rpoSeconds: FIGURES.keyCopyRpo.seconds,
        rpoBasis: FIGURES.keyCopyRpo,
        rtoSeconds: azure ? FIGURES.azureKeyVaultRto.seconds : FIGURES.hsmClusterRto.seconds,
        rtoBasis: azure ? FIGURES.azureKeyVaultRto : FIGURES.hsmClusterRto,
      };
    case "offline":
      return {
        savedBy: `offline key copy ${name}${copy.detail ? ` (${copy.detail})` : ""}`,
        source,
            survives: set(...survives),
        rpoSeconds: FIGURES.keyCopyRpo.seconds,
        rpoBasis: FIGURES.keyCopyRpo,
        rtoSeconds: FIGURES.offlineRetrievalRto.seconds,
        rtoBasis: FIGURES.offlineRetrievalRto,
      };
  }
}

/** Data components prefer the smallest loss of data; the keys (which change only at ceremonies) the fastest return. */
interface Figures {
  rpoSeconds: number;
  rtoSeconds: number;
}

function better(kind: ComponentKind, a: Figures, b: Figures): boolean {
  if (kind === "keys") return a.rtoSeconds < b.rtoSeconds || (a.rtoSeconds === b.rtoSeconds && a.rpoSeconds < b.rpoSeconds);
  return a.rpoSeconds < b.rpoSeconds || (a.rpoSeconds === b.rpoSeconds && a.rtoSeconds < b.rtoSeconds);
}

function best<T extends Figures>(kind: ComponentKind, options: T[]): T | undefined {
  let found: T | undefined;
  for (const o of options) if (!found || better(kind, o, found)) found = o;
  return found;
}

function outcome(component: Component, id: ScenarioId): Outcome {
  const surviving = component.options.filter((o) => o.survives.has(id));
  if (id === "key-copy-loss") {
    // The worst case loses the best copy: the day is saved by the best of the others.
    const first = best(component.kind, surviving);
    return { component, best: best(component.kind, surviving.filter((o) => o !== first)), ...(first ? { lost: first } : {}), surviving };
  }
  return { component, best: best(component.kind, surviving), surviving };
}

function choice(o: Option): RecoveryChoice {
  return { savedBy: o.savedBy, source: o.source, rpoSeconds: o.rpoSeconds, rtoSeconds: o.rtoSeconds, rpoBasis: basisOf(o.rpoBasis), rtoBasis: basisOf(o.rtoBasis) };
}

function recoveryOf(o: Outcome): ComponentRecovery {
  const kind = o.component.kind;
  const ranked = [...o.surviving].sort((a, b) => (better(kind, a, b) ? -1 : better(kind, b, a) ? 1 : 0));
  return {
    kind,
    label: o.component.label,
    ...(o.component.urn !== undefined ? { urn: o.component.urn } : {}),
    ...(o.best ? { chosen: choice(o.best) } : {}),
    ...(o.lost ? { lost: choice(o.lost) } : {}),
    surviving: ranked.map(choice),
  };
}

function figures(o: Option): string {
  return `RPO ${formatDuration(o.rpoSeconds)}, RTO ${formatDuration(o.rtoSeconds)}`;
}

const WHY: Record<ScenarioId, string> = {
  "az-loss": "Synchronous copies in other zones, and anything kept regionally or in another region, survive the zone; key copies are regional or offline, so a zone loss removes none.",
  "region-loss": "Only copies in another region (or offline) survive; every cross-region copy is asynchronous, and the DR signer needs its keys from a surviving key copy.",
  "destructive-statement": "Replication applies the statement to every replica, so only point-in-time restore or snapshots taken before it bring the data back.",
  "backup-deletion": "Only recovery points nobody can delete early survive: compliance-locked vaults, COMPLIANCE Object Lock, offline copies.",
  "key-copy-loss": "The worst case loses the best copy of the keys; another separate copy must remain.",
};


/** Parts joined by "; ", past {@link MAX_LISTED_NAMES} (the controls' cap, so a scenario text stays a sentence too) the first ones and how many more. */
function joinParts(parts: readonly string[]): string {
  if (parts.length <= MAX_LISTED_NAMES) return parts.join("; ");
  return `${parts.slice(0, MAX_LISTED_NAMES).join("; ")}; and ${parts.length - MAX_LISTED_NAMES} more components`;
}

/** Labels joined by ", ", capped like {@link joinParts}. */
function joinLabels(labels: readonly string[]): string {
  if (labels.length <= MAX_LISTED_NAMES) return labels.join(", ");
  return `${labels.slice(0, MAX_LISTED_NAMES).join(", ")} and ${labels.length - MAX_LISTED_NAMES} more`;
}

function basisOf(f: Figure): FigureBasis {
  return { documented: f.documented, source: f.source, ...(f.url ? { url: f.url } : {}) };
}

function buildScenario(id: ScenarioId, outcomes: Outcome[]): Scenario {
  const title = TITLES[id];
  if (outcomes.length === 0) {
    const what = AFFECTED[id].join(", ");
    return { id, title, savedBy: `nothing declared: the stack declares no ${what === "keys" ? "key copy" : what}`, basis: `${WHY[id]} No component this scenario touches (${what}) is declared.` };
  }
  const lost = outcomes.filter((o) => o.best === undefined);
  const parts = outcomes.map((o) =>
    o.best ? `${o.component.label}: ${o.best.savedBy} (${figures(o.best)})` : `${o.component.label}: nothing declared`,
  );
  if (lost.length > 0) {
    return {
      id,
      title,
      savedBy: `nothing declared for ${joinLabels(lost.map((o) => o.component.label))}${lost.length < outcomes.length ? `; ${joinParts(parts.filter((_, i) => outcomes[i].best))}` : ""}`,
      basis: `${WHY[id]} Not recoverable from the declared topology: no copy of ${joinLabels(lost.map((o) => o.component.label))} survives this scenario.`,
    };
  }
  let rpoBy = outcomes[0];
  let rtoBy = outcomes[0];
  for (const o of outcomes) {
    if (o.best!.rpoSeconds > rpoBy.best!.rpoSeconds) rpoBy = o;
    if (o.best!.rtoSeconds > rtoBy.best!.rtoSeconds) rtoBy = o;
  }
  const rpo = rpoBy.best!.rpoSeconds;
  const rto = rtoBy.best!.rtoSeconds;
  const setBy = (o: Outcome) => `${o.component.label}: ${o.best!.savedBy}`;
  const dominance =
    outcomes.length === 1
      ? `Only ${rtoBy.component.label} is concerned.`
      : rpoBy === rtoBy
        ? `Both figures come from ${rtoBy.component.label}.`
        : `The RTO comes from ${rtoBy.component.label}, the RPO from ${rpoBy.component.label}.`;
  return {
    id,
    title,
    rpoSeconds: rpo,
    rtoSeconds: rto,
    savedBy: joinParts(parts),
    basis: `${WHY[id]} Stack: RPO ${formatDuration(rpo)}, RTO ${formatDuration(rto)}, the worst of its components. ${dominance}`,
    rpoBasis: basisOf(rpoBy.best!.rpoBasis),
    rtoBasis: basisOf(rtoBy.best!.rtoBasis),
    rpoSetBy: setBy(rpoBy),
    rtoSetBy: setBy(rtoBy),
  };
}

/**
 * Which of R3's recommendations still hold once the DR region has taken over, from the copies that survive the
 * region's loss: (1) the database taking over has a synchronous standby in another zone of the DR region (a promoted
 * replica declared so; a restore makes a new database whose standby nothing declares; a replica that cannot declare
 * one, an Azure flexible-server replica, has none until a change after its promotion gives it one, which the
 * detail names); (2) recovery points of every
 * database survive in another region; (3) so do recovery points of every file store (a replica follows the primary's
 * deletions and corruptions, a backup does not); (4) at least {@link MIN_KEY_COPIES} separate key copies survive.
 */
function afterFailover(outcomes: readonly Outcome[]): FailoverCheck[] {
  const of = (kind: ComponentKind) => outcomes.filter((o) => o.component.kind === kind);
  const out: FailoverCheck[] = [];
  const databases = of("database");
  if (databases.length > 0) {
    const missing: string[] = [];
    const held: string[] = [];
    for (const o of databases) {
      const b = o.best;
      if (!b) missing.push(`${o.component.label} (no copy survives)`);
      else if (b.source.kind !== "cross-region-replica") missing.push(`${o.component.label}: ${b.savedBy} restores a new database, whose synchronous standby the stack does not declare`);
      else if (!b.zoneStandby) missing.push(`${o.component.label}: ${b.savedBy} takes over without a synchronous standby in another zone of ${b.source.region}${b.standbyAfterPromotion ? `, until ${b.standbyAfterPromotion}` : ""}`);
      else held.push(`${o.component.label}: ${b.savedBy}`);
    }
    out.push({
      recommendation: "database-replication",
      holds: missing.length === 0,
      detail: missing.length === 0 ? `A synchronous standby in another zone of the DR region after failover for ${joinParts(held)}.` : `No synchronous copy after failover for ${joinParts(missing)}.`,
    });
    const snapshots = databases.map((o) => ({ o, backups: o.surviving.filter((x) => x.source.kind === "dr-backups" || x.source.kind === "vault") }));
    const without = snapshots.filter((x) => x.backups.length === 0).map((x) => x.o.component.label);
    out.push({
      recommendation: "database-snapshots",
      holds: without.length === 0,
      detail:
        without.length === 0
          ? `Recovery points survive in another region: ${joinParts(snapshots.map((x) => `${x.o.component.label}: ${x.backups[0].savedBy}`))}.`
          : `No recovery point of ${joinLabels(without)} survives outside the lost region: a destructive statement after failover could not be undone.`,
    });
  }
  const files = of("files");
  if (files.length > 0) {
    const backed = files.map((o) => ({ o, backups: o.surviving.filter((x) => x.source.kind === "vault") }));
    const without = backed.filter((x) => x.backups.length === 0).map((x) => x.o.component.label);
    out.push({
      recommendation: "file-backups",
      holds: without.length === 0,
      detail:
        without.length === 0
          ? `Backups of the service directories survive in another region: ${joinParts(backed.map((x) => `${x.o.component.label}: ${x.backups[0].savedBy}`))}.`
          : `No backup of ${joinLabels(without)} survives outside the lost region: after failover only the replica remains, which carries over any deletion or corruption of the primary.`,
    });
  }
  const keys = of("keys");
  if (keys.length > 0) {
    const surviving = keys.flatMap((o) => o.surviving);
    out.push({
      recommendation: "key-storage",
      holds: surviving.length >= MIN_KEY_COPIES,
      detail:
        surviving.length >= MIN_KEY_COPIES
          ? `${surviving.length} separate key copies survive: ${joinParts(surviving.map((x) => x.savedBy))}.`
          : `${surviving.length === 0 ? "No key copy survives" : `Only ${surviving[0].savedBy} survives`}: R3 asks for at least ${MIN_KEY_COPIES} separate copies.`,
    });
  }
  return out;
}

/**
 * The five scenarios of {@link Scenario}, in a fixed order, for the declared topology. Linear in the size of the
 * facts: vaults are indexed once, and each component's options are built once and reused by every scenario.
 */
export function scenarios(facts: Facts): Scenario[] {
  return scenarioDetails(facts).map((d) => d.scenario);
}

/**
 * The scenarios with, for each component they touch, the copy the figures rest on and every other copy that
 * survives: the same choice as {@link scenarios}, structured for readers that act on it (the DR runbook).
 */
export function scenarioDetails(facts: Facts): ScenarioDetail[] {
  const view = backupView(facts);
  const primaryRegion = facts.primaryRegion ?? facts.databases[0]?.region ?? facts.fileSystems[0]?.region;
  const components: Component[] = [
    ...facts.databases.map((db) => databaseComponent(db, view)),
    ...facts.fileSystems.map((fs) => fileComponent(fs, view)),
  ];
  if (facts.keyCopies.length > 0) {
    components.push({ kind: "keys", label: "signing keys", options: facts.keyCopies.map((k) => keyOption(k, primaryRegion)) });
  }
  return SCENARIO_IDS.map((id) => {
    const outcomes = components.filter((c) => AFFECTED[id].includes(c.kind)).map((c) => outcome(c, id));
    const built = buildScenario(id, outcomes);
    const failover = id === "region-loss" && built.rpoSeconds !== undefined ? { afterFailover: afterFailover(outcomes) } : {};
    const scenario: Scenario = { ...built, ...failover, objective: assessObjective(facts, built) };
    return { scenario, components: outcomes.map(recoveryOf) };
  });
}

/** Scenario details already computed for a facts object: facts are read, never changed, once derived. */
const computed = new WeakMap<Facts, ScenarioDetail[]>();

/**
 * {@link scenarioDetails}, computed once per facts object: the five objective controls each judge one scenario of
 * the same computation. Facts must not be changed after this is first called for them.
 */
export function cachedScenarioDetails(facts: Facts): ScenarioDetail[] {
  let found = computed.get(facts);
  if (!found) {
    found = scenarioDetails(facts);
    computed.set(facts, found);
  }
  return found;
}

/**
 * The CRL deadline of the signing path. Nodes in hard-fail mode refuse connections once the current CRL
 * expires, so after losing the primary region the signer keys and the Identity Manager database must be back
 * within the CRL validity. Compares the region-loss RTO with that validity; undefined when either is unknown.
 */
export function crlDeadline(
  facts: Facts,
  s: Scenario[],
): { crlValidityDays?: number; regionLossRtoSeconds?: number; met: boolean | undefined; message: string } {
  const days = facts.crlValidityDays;
  const rto = s.find((x) => x.id === "region-loss")?.rtoSeconds;
  const validity = days === undefined ? "CRL validity unknown (no signing.crlValidityDays in the stack outputs)" : `CRL validity ${days} days (${days * DAY} s)`;
  const recovery = rto === undefined ? "region-loss RTO unknown (the primary region's loss is not recoverable from the declared topology)" : `region-loss RTO ${formatDuration(rto)} (${rto} s)`;
  if (days === undefined || rto === undefined) {
    return { crlValidityDays: days, regionLossRtoSeconds: rto, met: undefined, message: `Cannot tell whether the signing path is back before the CRL expires: ${recovery}; ${validity}.` };
  }
  const met = rto <= days * DAY;
  return {
    crlValidityDays: days,
    regionLossRtoSeconds: rto,
    met,
    message: met
      ? `The signing path is back before the current CRL expires: ${recovery} is within the ${validity}.`
      : `Nodes in hard-fail mode would refuse connections before the signing path is back: ${recovery} exceeds the ${validity}.`,
  };
}
