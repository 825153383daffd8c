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
import type { DatabaseFact, Facts, FileSystemFact, KeyCopyFact, Scenario, SnapshotRuleFact, VaultFact } from "./types";

/** One figure, in seconds, and where it comes from. */
export interface Figure {
  seconds: number;
  /** True when AWS documents the figure; false when it is this package's assumption. */
  documented: boolean;
  source: string;
}

const MIN = 60;
const HOUR = 3600;
const DAY = 86400;

/**
 * Every figure the scenarios use. Documented figures come from the AWS documentation (see REFERENCE.md,
 * section 3); the others are this package's assumptions and say so.
 */
export const FIGURES = {
  synchronousRpo: {
    seconds: 0,
    documented: true,
    source: "AWS: a synchronous (or semi-synchronous) standby acknowledges every commit before the writer returns, so a failover loses no committed transaction",
  },
  rdsClusterFailover: {
    seconds: 35,
    documented: true,
    source: "AWS: a Multi-AZ DB cluster typically fails over in under 35 seconds",
  },
  rdsInstanceFailover: {
    seconds: 120,
    documented: true,
    source: "AWS: a Multi-AZ DB instance fails over in 60 to 120 seconds (the upper bound is used)",
  },
  rdsPointInTimeRpo: {
    seconds: 5 * MIN,
    documented: true,
    source: "AWS: RDS uploads transaction logs every five minutes, so the latest restorable time trails the present by up to 5 minutes",
  },
  rdsRestoreRto: {
    seconds: HOUR,
    documented: false,
    source: "assumption of this package: restoring an RDS database (point in time or snapshot, in either region) to a new instance or cluster and repointing CENM takes 1 hour; AWS documents no figure and it grows with the database size",
  },
  backupCopyTime: {
    seconds: HOUR,
    documented: false,
    source: "assumption of this package: an AWS Backup copy to the DR vault completes within 1 hour of its recovery point; AWS documents no figure",
  },
  rdsCrossRegionReplicaRpo: {
    seconds: 5 * MIN,
    documented: false,
    source: "assumption of this package: a cross-region read replica lags by at most 5 minutes (the replica-lag alarm watches it); AWS documents no figure",
  },
  rdsReplicaPromotionRto: {
    seconds: 15 * MIN,
    documented: false,
    source: "assumption of this package: promoting a cross-region read replica and repointing CENM takes 15 minutes; AWS documents no figure",
  },
  rdsDrAutomatedBackupsRpo: {
    seconds: 15 * MIN,
    documented: false,
    source: "assumption of this package: replicated automated backups are restorable in the DR region to within 15 minutes of the source; AWS documents no figure",
  },
  efsRegionalRpo: {
    seconds: 0,
    documented: true,
    source: "AWS: a regional EFS file system stores data in several zones before acknowledging fsync or close",
  },
  efsRegionalRto: {
    seconds: 0,
    documented: false,
    source: "assumption of this package: CENM hosts in the surviving zones keep using their own zone's mount target, so the file system stays available",
  },
  efsNewMountTargetRto: {
    seconds: 10 * MIN,
    documented: false,
    source: "assumption of this package: adding a mount target in a surviving zone and remounting takes 10 minutes",
  },
  efsReplicationRpo: {
    seconds: 15 * MIN,
    documented: true,
    source: "AWS: EFS replication has an RPO of 15 minutes for most file systems",
  },
  efsReplicationFailoverRto: {
    seconds: 15 * MIN,
    documented: false,
    source: "assumption of this package: failing over to the EFS replica (deleting the replication to make it writable) and remounting takes 15 minutes",
  },
  efsRestoreRto: {
    seconds: HOUR,
    documented: false,
    source: "assumption of this package: restoring an EFS recovery point to a new file system and remounting takes 1 hour; AWS documents no figure",
  },
  s3RtcRpo: {
    seconds: 15 * MIN,
    documented: true,
    source: "AWS: S3 Replication Time Control replicates 99.99% of objects within 15 minutes",
  },
  keyCopyRpo: {
    seconds: 0,
    documented: false,
    source: "assumption of this package: signing keys change only at key ceremonies, after which every copy is refreshed, so a surviving copy holds the current keys",
  },
  escrowRetrievalRto: {
    seconds: 4 * HOUR,
    documented: false,
    source: "assumption of this package: fetching wrapped key material from the escrow bucket and importing it into an HSM under two-person control takes 4 hours",
  },
  archiveRetrievalRto: {
    seconds: 12 * HOUR,
    documented: true,
    source: "AWS: a standard retrieval from S3 Glacier Deep Archive completes within 12 hours (this package's escrow replica uses DEEP_ARCHIVE; assumed for any DR escrow replica)",
  },
  hsmClusterRto: {
    seconds: 0,
    documented: false,
    source: "assumption of this package: the CloudHSM cluster keeps its keys synchronised on HSMs in two zones, so the surviving HSM keeps signing",
  },
  offlineRetrievalRto: {
    seconds: DAY,
    documented: false,
    source: "assumption of this package: custodians retrieve an offline copy from its safe and restore it under two-person control within 24 hours",
  },
  azurePostgresHaFailover: {
    seconds: 120,
    documented: true,
    source: "Azure: a PostgreSQL flexible server with zone-redundant high availability fails over to its synchronous standby in 60 to 120 seconds (the upper bound is used)",
  },
  azurePostgresPointInTimeRpo: {
    seconds: 5 * MIN,
    documented: true,
    source: "Azure: flexible-server point-in-time restore replays the archived transaction log, with an RPO under 5 minutes",
  },
  azurePostgresRestoreRto: {
    seconds: HOUR,
    documented: false,
    source: "assumption of this package: restoring a flexible server (point in time, geo-restore or from a vault) to a new server and repointing CENM takes 1 hour; Azure documents no figure",
  },
  azurePostgresGeoBackupRpo: {
    seconds: HOUR,
    documented: false,
    source: "assumption of this package: geo-redundant backups restore in the paired region to within 1 hour of the primary; Azure documents no RPO for flexible-server geo-restore",
  },
  azurePostgresReplicaRpo: {
    seconds: 5 * MIN,
    documented: false,
    source: "assumption of this package: a flexible-server read replica in another region lags by at most 5 minutes (Azure: typically minutes)",
  },
  azurePostgresReplicaPromotionRto: {
    seconds: 15 * MIN,
    documented: false,
    source: "assumption of this package: promoting a flexible-server read replica and repointing CENM takes 15 minutes; Azure documents no figure",
  },
  azureSqlFailoverGroupRpo: {
    seconds: 5,
    documented: true,
    source: "Azure: an Azure SQL failover group replicates asynchronously with an RPO of 5 seconds",
  },
  azureSqlFailoverGroupRto: {
    seconds: HOUR,
    documented: true,
    source: "Azure: an Azure SQL failover group has an RTO of 1 hour",
  },
  azureStorageZrsRpo: {
    seconds: 0,
    documented: true,
    source: "Azure: zone-redundant storage (ZRS, GZRS) writes every request synchronously to three zones before acknowledging it",
  },
  azureStorageZrsRto: {
    seconds: 0,
    documented: false,
    source: "assumption of this package: a zone-redundant account keeps serving its shares from the surviving zones, so CENM hosts keep their mounts",
  },
  azureStorageGeoRpo: {
    seconds: 15 * MIN,
    documented: true,
    source: "Azure: geo-redundant storage (GRS, GZRS) copies to the paired region asynchronously, typically within 15 minutes, with no SLA",
  },
  azureStorageFailoverRto: {
    seconds: HOUR,
    documented: false,
    source: "assumption of this package: a customer-initiated failover of the storage account to the paired region and remounting takes 1 hour",
  },
  azureVaultGeoCopyTime: {
    seconds: 36 * HOUR,
    documented: false,
    source: "assumption of this package: a geo-redundant backup vault makes a recovery point restorable in the paired region within 36 hours; Azure publishes no figure for this replication",
  },
  azureFilesRestoreRto: {
    seconds: HOUR,
    documented: false,
    source: "assumption of this package: restoring Azure file shares from a Recovery Services vault and remounting takes 1 hour; Azure documents no figure",
  },
  azureKeyVaultRto: {
    seconds: 0,
    documented: false,
    source: "assumption of this package: a premium Key Vault keeps its HSM-backed keys available across the zones of its region, so signing continues",
  },
} as const satisfies Record<string, Figure>;

export type FigureName = keyof typeof FIGURES;

type ScenarioId = Scenario["id"];
type ComponentKind = "database" | "files" | "keys";

/** One way to bring a component back. */
interface Option {
  /** Which copy saves the day, in words, naming the resource. */
  savedBy: string;
  survives: ReadonlySet<ScenarioId>;
  rpoSeconds: number;
  rtoSeconds: number;
}

/** A component of the stack and its recovery options. */
interface Component {
  kind: ComponentKind;
  label: string;
  options: Option[];
}

/** What one component achieves in one scenario. */
interface Outcome {
  component: Component;
  best?: Option;
}

const TITLES: Record<ScenarioId, string> = {
  "az-loss": "Loss of one availability zone of the primary region",
  "region-loss": "Loss of the primary region",
  "destructive-statement": "A destructive SQL statement (by mistake or malice), which replication copies to every replica",
  "backup-deletion": "Malicious deletion of the data and of the backups by someone holding administrative rights",
  "key-copy-loss": "Loss of one copy of the signing keys",
};

/**
 * The components each scenario touches. A SQL statement harms only databases and a lost key copy only the keys.
 * A zone loss removes no key copy: S3 keeps each object in several zones, a CloudHSM cluster spreads its HSMs
 * over zones, and offline copies are outside the cloud.
 */
const AFFECTED: Record<ScenarioId, ComponentKind[]> = {
  "az-loss": ["database", "files"],
  "region-loss": ["database", "files", "keys"],
  "destructive-statement": ["database"],
  "backup-deletion": ["database", "files", "keys"],
  "key-copy-loss": ["keys"],
};

const SCENARIO_IDS: ScenarioId[] = ["az-loss", "region-loss", "destructive-statement", "backup-deletion", "key-copy-loss"];

const set = (...ids: ScenarioId[]): ReadonlySet<ScenarioId> => new Set(ids);

/** "35 s", "15 min", "1 h 30 min", "2 days": durations as a reader says them. */
export function formatDuration(seconds: number): string {
  if (seconds < MIN) return `${seconds} s`;
  if (seconds < HOUR) {
    const m = Math.floor(seconds / MIN);
    const s = seconds % MIN;
    return s ? `${m} min ${s} s` : `${m} min`;
  }
  if (seconds < 2 * DAY) {
    const h = Math.floor(seconds / HOUR);
    const m = Math.round((seconds % HOUR) / MIN);
    return m ? `${h} h ${m} min` : `${h} h`;
  }
  const d = seconds / DAY;
  return `${Number.isInteger(d) ? d : d.toFixed(1)} days`;
}

/** The type token, or the URN whose type it names, is an Azure one (`azure-native:`). */
function isAzure(typeOrUrn: string): boolean {
  if (typeOrUrn.startsWith("azure-native:")) return true;
  const typeChain = typeOrUrn.startsWith("urn:pulumi:") ? (typeOrUrn.split("::")[2] ?? "") : "";
  return typeChain.slice(typeChain.lastIndexOf("$") + 1).startsWith("azure-native:");
}

/** Last segment of a URN (the logical name), or the id itself when it is not a URN. */
function shortName(id: string): string {
  const i = id.lastIndexOf("::");
  return i >= 0 ? id.slice(i + 2) : id;
}

/** Backup rules and the vaults they write to, resolved once for the whole stack. */
interface BackupView {
  rules: SnapshotRuleFact[];
  vaults: Map<string, VaultFact>;
  protectedUrns: Set<string>;
  /** Vault candidates already built, by their arguments (see vaultCandidates). */
  candidates: Map<string, VaultCandidate[]>;
}

function backupView(facts: Facts): BackupView {
  return {
    rules: facts.snapshots.rules,
    vaults: new Map(facts.snapshots.vaults.map((v) => [v.urn, v])),
    protectedUrns: new Set(facts.snapshots.protectedUrns),
    candidates: new Map(),
  };
}

function compliance(view: BackupView, vaultUrn: string | undefined): boolean {
  return vaultUrn !== undefined && view.vaults.get(vaultUrn)?.lock?.mode === "compliance";
}

function vaultLabel(view: BackupView, vaultUrn: string | undefined, fallback: string): string {
  if (vaultUrn === undefined) return fallback;
  const v = view.vaults.get(vaultUrn);
  const name = v?.name ?? shortName(vaultUrn);
  return v?.lock ? `${name} (${v.lock.mode} lock)` : `${name} (no vault lock)`;
}

/** A recovery option from AWS Backup, before it is attached to the resource it would restore. */
interface VaultCandidate {
  survives: ReadonlySet<ScenarioId>;
  rpoSeconds: number;
  rtoSeconds: number;
  describe(subject: string): string;
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
function vaultCandidates(view: BackupView, subjectUrn: string, region: string, pointInTime: boolean, restoreRto: number, survivesStatement: boolean): VaultCandidate[] {
  // Rules tied to the resources they back up count only for those; the others for every covered resource.
  const tied = view.rules.some((r) => r.protectedUrns !== undefined);
  const key = `${tied ? subjectUrn : ""}|${region}|${pointInTime}|${restoreRto}|${survivesStatement}`;
  const cached = view.candidates.get(key);
  if (cached) return cached;
  const all: VaultCandidate[] = [];
  for (const rule of view.rules) {
    if (rule.protectedUrns !== undefined && !rule.protectedUrns.includes(subjectUrn)) continue;
    const azure = isAzure(rule.vaultUrn ?? rule.planUrn);
    const pitRpo = azure ? FIGURES.azurePostgresPointInTimeRpo.seconds : FIGURES.rdsPointInTimeRpo.seconds;
    const rpo = rule.continuous && pointInTime ? pitRpo : rule.intervalHours * HOUR;
    const what = rule.continuous && pointInTime ? "continuous backup (point in time)" : `snapshots every ${formatDuration(rule.intervalHours * HOUR)}`;
    const inRegion: ScenarioId[] = ["az-loss"];
    if (survivesStatement) inRegion.push("destructive-statement");
    if (compliance(view, rule.vaultUrn)) inRegion.push("backup-deletion");
    const vault = vaultLabel(view, rule.vaultUrn, "of plan " + rule.planName);
    all.push({
      survives: set(...inRegion),
      rpoSeconds: rpo,
      rtoSeconds: restoreRto,
      describe: (subject) => `recovery points of ${subject}, rule ${rule.rule} (${what}), in vault ${vault}`,
    });
    for (const copy of rule.copies) {
      if (copy.region === undefined || copy.region === region) continue;
      const survives: ScenarioId[] = ["az-loss", "region-loss"];
      if (survivesStatement) survives.push("destructive-statement");
      if (compliance(view, copy.vaultUrn)) survives.push("backup-deletion");
      const copyVault = vaultLabel(view, copy.vaultUrn, "of " + copy.region);
      const copyRegion = copy.region;
      all.push({
        survives: set(...survives),
        rpoSeconds: azure
          ? rule.continuous && pointInTime
            ? FIGURES.azurePostgresGeoBackupRpo.seconds
            : rule.intervalHours * HOUR + FIGURES.azureVaultGeoCopyTime.seconds
          : rule.intervalHours * HOUR + FIGURES.backupCopyTime.seconds,
        rtoSeconds: restoreRto,
        describe: (subject) => `copies of ${subject}, rule ${rule.rule}, in vault ${copyVault} in ${copyRegion}`,
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

function vaultOptions(view: BackupView, subject: string, subjectUrn: string, region: string, pointInTime: boolean, restoreRto: number, survivesStatement: boolean): Option[] {
  return vaultCandidates(view, subjectUrn, region, pointInTime, restoreRto, survivesStatement).map((c) => ({
    savedBy: c.describe(subject),
    survives: c.survives,
    rpoSeconds: c.rpoSeconds,
    rtoSeconds: c.rtoSeconds,
  }));
}

/** The figures a database's options use: Azure's for Azure facts, AWS's for the others. */
function databaseFigures(db: DatabaseFact) {
  const cluster = db.topology === "multi-az-cluster";
  if (isAzure(db.type)) {
    const sql = db.type.startsWith("azure-native:sql:");
    return {
      standby: sql ? "zone-redundant replicas of the Azure SQL database" : "synchronous standby (zone-redundant high availability) of the PostgreSQL flexible server",
      failover: FIGURES.azurePostgresHaFailover.seconds,
      pointInTimeRpo: FIGURES.azurePostgresPointInTimeRpo.seconds,
      restore: FIGURES.azurePostgresRestoreRto.seconds,
      replica: sql ? "failover group secondary" : "read replica",
      replicaRpo: sql ? FIGURES.azureSqlFailoverGroupRpo.seconds : FIGURES.azurePostgresReplicaRpo.seconds,
      replicaRto: sql ? FIGURES.azureSqlFailoverGroupRto.seconds : FIGURES.azurePostgresReplicaPromotionRto.seconds,
      drBackups: "geo-redundant backups",
      drBackupsRpo: FIGURES.azurePostgresGeoBackupRpo.seconds,
    };
  }
  return {
    standby: cluster ? "readable standbys of the Multi-AZ DB cluster" : "synchronous standby of the Multi-AZ DB instance",
    failover: cluster ? FIGURES.rdsClusterFailover.seconds : FIGURES.rdsInstanceFailover.seconds,
    pointInTimeRpo: FIGURES.rdsPointInTimeRpo.seconds,
    restore: FIGURES.rdsRestoreRto.seconds,
    replica: "cross-region read replica",
    replicaRpo: FIGURES.rdsCrossRegionReplicaRpo.seconds,
    replicaRto: FIGURES.rdsReplicaPromotionRto.seconds,
    drBackups: "automated backups",
    drBackupsRpo: FIGURES.rdsDrAutomatedBackupsRpo.seconds,
  };
}

function databaseComponent(db: DatabaseFact, view: BackupView): Component {
  const options: Option[] = [];
  const f = databaseFigures(db);
  if (db.topology === "multi-az-cluster" || db.topology === "multi-az-instance") {
    const zones = new Set(db.copies.flatMap((c) => c.availabilityZones));
    options.push({
      savedBy: `${f.standby} ${db.name}${zones.size ? ` (${[...zones].join(", ")})` : ""}`,
      survives: set("az-loss"),
      rpoSeconds: FIGURES.synchronousRpo.seconds,
      rtoSeconds: f.failover,
    });
  }
  if (db.backupRetentionDays > 0) {
    options.push({
      savedBy: `point-in-time restore of ${db.name} from its automated backups (${db.backupRetentionDays} days)`,
      survives: set("az-loss", "destructive-statement"),
      rpoSeconds: f.pointInTimeRpo,
      rtoSeconds: f.restore,
    });
  }
  for (const copy of db.copies) {
    if (copy.region === db.region) continue;
    if (copy.role === "cross-region-replica") {
      options.push({
        savedBy: `${f.replica} ${copy.name} (${copy.region})`,
        survives: set("az-loss", "region-loss"),
        rpoSeconds: f.replicaRpo,
        rtoSeconds: f.replicaRto,
      });
    } else if (copy.role === "dr-automated-backups") {
      options.push({
        savedBy: `${f.drBackups} of ${db.name} replicated to ${copy.region} (${copy.name})`,
        survives: set("az-loss", "region-loss", "destructive-statement"),
        rpoSeconds: f.drBackupsRpo,
        rtoSeconds: f.restore,
      });
    }
  }
  if (view.protectedUrns.has(db.urn)) {
    options.push(...vaultOptions(view, db.name, db.urn, db.region, true, f.restore, true));
  }
  return { kind: "database", label: `database ${db.name}`, options };
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
            survives: set("az-loss"),
            rpoSeconds: FIGURES.azureStorageZrsRpo.seconds,
            rtoSeconds: FIGURES.azureStorageZrsRto.seconds,
          }
        : {
            savedBy: `regional EFS file system ${fs.name}${spread ? ` (mount targets in ${fs.mountTargetZones.join(", ")})` : " (one mount target zone: a new mount target is needed)"}`,
            survives: set("az-loss"),
            rpoSeconds: FIGURES.efsRegionalRpo.seconds,
            rtoSeconds: spread ? FIGURES.efsRegionalRto.seconds : FIGURES.efsNewMountTargetRto.seconds,
          },
    );
  }
  for (const region of fs.replicationRegions) {
    if (region === fs.region) continue;
    options.push({
      savedBy: azure ? `geo-redundant copy of storage account ${fs.name} in ${region}` : `EFS replica of ${fs.name} in ${region}`,
      survives: set("az-loss", "region-loss"),
      rpoSeconds: azure ? FIGURES.azureStorageGeoRpo.seconds : FIGURES.efsReplicationRpo.seconds,
      rtoSeconds: azure ? FIGURES.azureStorageFailoverRto.seconds : FIGURES.efsReplicationFailoverRto.seconds,
    });
  }
  if (fs.inBackupPlan || view.protectedUrns.has(fs.urn)) {
    options.push(...vaultOptions(view, fs.name, fs.urn, fs.region, false, azure ? FIGURES.azureFilesRestoreRto.seconds : FIGURES.efsRestoreRto.seconds, false));
  }
  return { kind: "files", label: `file system ${fs.name}`, options };
}

function keyOption(copy: KeyCopyFact, primaryRegion: string | undefined): Option {
  const name = copy.kind === "offline" ? copy.id.replace(/^offline:/, "") : shortName(copy.id);
  const outsideRegion = copy.kind === "offline" || (primaryRegion !== undefined && copy.region !== primaryRegion);
  const survives: ScenarioId[] = ["key-copy-loss"];
  if (outsideRegion) survives.push("region-loss");
  if (copy.immutable || copy.kind === "offline") survives.push("backup-deletion");
  const azure = isAzure(copy.id);
  const lock = copy.lockMode ? `, ${azure ? "immutability policy" : "Object Lock"} ${copy.lockMode}` : "";
  switch (copy.kind) {
    case "cloud-escrow":
      return {
        savedBy: `key escrow ${name} (${copy.region}${lock})`,
        survives: set(...survives),
        rpoSeconds: FIGURES.keyCopyRpo.seconds,
        rtoSeconds: FIGURES.escrowRetrievalRto.seconds,
      };
    case "cloud-escrow-dr-replica":
      // On Azure the DR escrow is written at each ceremony like the primary one (no replication, no archive tier).
      return azure
        ? {
            savedBy: `DR key escrow ${name} (${copy.region}${lock})`,
            survives: set(...survives),
            rpoSeconds: FIGURES.keyCopyRpo.seconds,
            rtoSeconds: FIGURES.escrowRetrievalRto.seconds,
          }
        : {
            savedBy: `key escrow replica ${name} (${copy.region}${lock})`,
            survives: set(...survives),
            rpoSeconds: FIGURES.s3RtcRpo.seconds,
            rtoSeconds: FIGURES.archiveRetrievalRto.seconds,
          };
    case "cloud-hsm":
      return {
        savedBy: azure ? `Key Vault ${name} (${copy.region}, HSM-backed keys)` : `CloudHSM cluster ${name} (${copy.region})`,
        survives: set(...survives),
        rpoSeconds: FIGURES.keyCopyRpo.seconds,
        rtoSeconds: azure ? FIGURES.azureKeyVaultRto.seconds : FIGURES.hsmClusterRto.seconds,
      };
    case "offline":
      return {
        savedBy: `offline key copy ${name}${copy.detail ? ` (${copy.detail})` : ""}`,
        survives: set(...survives),
        rpoSeconds: FIGURES.keyCopyRpo.seconds,
        rtoSeconds: FIGURES.offlineRetrievalRto.seconds,
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
    return { component, best: best(component.kind, surviving.filter((o) => o !== first)) };
  }
  return { component, best: best(component.kind, surviving) };
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

function buildScenario(id: ScenarioId, components: Component[]): Scenario {
  const affected = components.filter((c) => AFFECTED[id].includes(c.kind));
  const outcomes = affected.map((c) => outcome(c, id));
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
      savedBy: `nothing declared for ${lost.map((o) => o.component.label).join(", ")}${lost.length < outcomes.length ? `; ${parts.filter((_, i) => outcomes[i].best).join("; ")}` : ""}`,
      basis: `${WHY[id]} Not recoverable from the declared topology: no copy of ${lost.map((o) => o.component.label).join(", ")} survives this scenario.`,
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
    savedBy: parts.join("; "),
    basis: `${WHY[id]} Stack: RPO ${formatDuration(rpo)}, RTO ${formatDuration(rto)}, the worst of its components. ${dominance}`,
  };
}

/**
 * The five scenarios of {@link Scenario}, in a fixed order, for the declared topology. Linear in the size of the
 * facts: vaults are indexed once, and each component's options are built once and reused by every scenario.
 */
export function scenarios(facts: Facts): Scenario[] {
  const view = backupView(facts);
  const primaryRegion = facts.primaryRegion ?? facts.databases[0]?.region ?? facts.fileSystems[0]?.region;
  const components: Component[] = [
    ...facts.databases.map((db) => databaseComponent(db, view)),
    ...facts.fileSystems.map((fs) => fileComponent(fs, view)),
  ];
  if (facts.keyCopies.length > 0) {
    components.push({ kind: "keys", label: "signing keys", options: facts.keyCopies.map((k) => keyOption(k, primaryRegion)) });
  }
  return SCENARIO_IDS.map((id) => buildScenario(id, components));
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
