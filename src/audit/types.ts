/**
 * The audit's vocabulary. The audit reads what resources declare (type token and inputs), never the stack
 * configuration or a component's description of itself: facts are derived from resources, controls judge facts,
 * findings and scenarios make the report.
 */

import type { ResourceView } from "../domain/resources/view";
import type { LimitViolation } from "../domain/limits";
import type { ObjectiveKey, RecoveryTarget, ScenarioId } from "../domain/objectives";

/** One resource as the audit sees it, whatever the source: the shared view of a declared resource. */
export type AuditResource = ResourceView;

export type AuditSource = "plan" | "state" | "preview";

/** What the audit is given. */
export interface AuditInput {
  stack: string;
  source: AuditSource;
  /** Where it came from (file name or "offline plan of <stack>"). */
  origin: string;
  resources: AuditResource[];
  /** Stack outputs, where the source has them (offline copies and waivers are read from here). */
  stackOutputs: Record<string, unknown>;
  /**
   * What the reader could not settle but a reader of the report must know (an interrupted update in a state export,
   * resources read but not managed left out); absent when there is nothing to say.
   */
  notes?: string[];
}

export type CopyMode = "synchronous" | "semi-synchronous" | "asynchronous" | "point-in-time";

/** A reference to evidence: a resource and the property values the verdict rests on. */
export interface Evidence {
  resource: string;
  type: string;
  properties: Record<string, unknown>;
}

/** One copy of a CENM database. */
export interface DatabaseCopyFact {
  /** URN of the resource holding the copy. */
  urn: string;
  name: string;
  role: "primary" | "standby" | "readable-standby" | "cross-region-replica" | "dr-automated-backups";
  region: string;
  availabilityZones: string[];
  mode: CopyMode;
  /** Recovery point objective in seconds (0 for synchronous copies), with the documented figure behind it. */
  rpoSeconds: number;
  rpoSource: string;
  /** Time to fail over or restore, in seconds, with its source. */
  rtoSeconds: number;
  rtoSource: string;
  /**
   * Cross-region copies: once promoted, the copy has a synchronous standby in another zone of its own region (an RDS
   * read replica declared Multi-AZ; a flexible-server replica declared with zone-redundant high availability, which
   * Azure refuses, rule azure-postgres-replica-no-high-availability, so false in any plan that keeps the platform's
   * limits), so R3's first recommendation still holds after a region failover. Absent on other copies.
   */
  zoneStandby?: boolean;
  /**
   * Cross-region copies that cannot declare a standby while they are replicas: what gives the promoted copy one, and
   * when, in words ("the DR runbook's step turns on ..."). Set only where the runbook has that step (a flexible-server
   * replica of a server with zone-redundant high availability); until it has run, the promoted copy has no standby.
   */
  standbyAfterPromotion?: string;
}

/** A database server (cluster or instance) and its copies. */
export interface DatabaseFact {
  urn: string;
  name: string;
  type: string;
  engine: string;
  region: string;
  topology: "multi-az-cluster" | "multi-az-instance" | "single-az-instance";
  copies: DatabaseCopyFact[];
  deletionProtection: boolean;
  /** A final snapshot is taken on deletion. */
  finalSnapshot: boolean;
  /** Point-in-time window (automated backup retention), days. */
  backupRetentionDays: number;
  storageEncrypted: boolean;
  /** Encrypted with a customer-managed key declared in the program. */
  customerManagedKey: boolean;
  publiclyAccessible: boolean;
  protect: boolean;
  retainOnDelete: boolean;
  /**
   * Set when the cloud cannot copy this database's backups to another vault (an RDS Multi-AZ DB cluster): the id of
   * the platform limit that says so. Snapshot copies of the plans covering it are then no copy of it.
   */
  backupCopyUnsupported?: string;
}

export interface SnapshotCopyFact {
  /** URN of the destination vault (when resolved). */
  vaultUrn?: string;
  region?: string;
  retentionDays?: number;
}

export interface SnapshotRuleFact {
  planUrn: string;
  planName: string;
  rule: string;
  schedule: string;
  /** Hours between two scheduled runs (continuous rules: the schedule of their copies). */
  intervalHours: number;
  /**
   * Minutes after its scheduled time within which a job may start (AWS Backup's start window); absent where the
   * cloud documents none (Azure). The longest gap between two recovery points is the interval plus this window
   * (scheduledGapSeconds, src/domain/figures.ts).
   */
  startWindowMinutes?: number;
  retentionDays: number;
  continuous: boolean;
  vaultUrn?: string;
  copies: SnapshotCopyFact[];
  /**
   * URNs of the resources this rule backs up, when the reader can tie the rule to them (Azure policies are named
   * by their backup instances and protected items). Absent: the rule is not tied, and counts for any covered resource.
   */
  protectedUrns?: string[];
  /**
   * The recovery points stay inside the resource they back up, the vault keeping only their schedule and catalogue
   * (Azure Files snapshot tier: share snapshots in the storage account). They share that resource's fate: deleting
   * it deletes them, and the vault's lock, redundancy and copies do not apply to them. Absent: they are in the vault.
   */
  inSource?: true;
  /**
   * The rule stands for the resource's own automated backups (a PostgreSQL flexible server's point-in-time backups
   * and their geo-redundant copies), which no vault holds: they are judged like a rule ("taken at least daily") but
   * restored as the resource's own copies say (point-in-time restore, geo-restore), never as a vault's recovery
   * points. Absent: a vault's rule.
   */
  ownBackups?: true;
}

export interface VaultFact {
  urn: string;
  name: string;
  region: string;
  customerManagedKey: boolean;
  lock?: { mode: "compliance" | "governance"; minRetentionDays?: number; maxRetentionDays?: number; changeableForDays?: number };
  /** Events notified to a topic (vault notifications) and failure events routed by EventBridge rules. */
  notifiedEvents: string[];
  protect: boolean;
  retainOnDelete: boolean;
}

/**
 * One path by which a failed backup or copy job is announced: what routes it (a vault notification, an event
 * rule, an alert processing rule) and whether it reaches anyone (a topic with a subscription, an enabled action
 * group with a receiver).
 */
export interface AlertRouteFact {
  /** The resource that routes the failure, by logical name. */
  via: string;
  /** The topic or action group it sends to, by logical name, when the program declares it. */
  destination?: string;
  /** true: someone receives it; false: nobody does (the reason is in `detail`); "unknown": the program cannot tell. */
  delivers: boolean | "unknown";
  detail: string;
  /** The route is switched off (a disabled rule): it announces nothing, and does not count as a notification. */
  disabled?: true;
}

export interface SnapshotFacts {
  vaults: VaultFact[];
  rules: SnapshotRuleFact[];
  /** URNs of the resources a backup selection covers. */
  protectedUrns: string[];
  /** Failure notification exists (vault notifications or an EventBridge rule on failed jobs). */
  failureNotifications: boolean;
  /** Every route announcing failed jobs, and whether it reaches anyone. */
  alertRoutes: AlertRouteFact[];
  restoreTesting: { planUrn: string; schedule: string; protectedUrns: string[] }[];
}

export interface FileSystemFact {
  urn: string;
  name: string;
  region: string;
  /** One Zone file systems (availabilityZoneName set) are not multi-AZ. */
  oneZone: boolean;
  mountTargetZones: string[];
  encrypted: boolean;
  customerManagedKey: boolean;
  replicationRegions: string[];
  inBackupPlan: boolean;
  /**
   * The parts a backup must cover one by one, when the store has them: an Azure file share per CENM service (a
   * backup of one share is no backup of another). Absent: the store is backed up whole (an EFS file system).
   */
  parts?: { urn: string; name: string }[];
  /**
   * Days a deleted share stays recoverable (Azure share soft delete): 0 when switched off or not declared,
   * "unknown" when a preview leaves it unknown. Absent where the store has no such setting (EFS).
   */
  deletedSharesKeptDays?: number | "unknown";
  protect: boolean;
  retainOnDelete: boolean;
}

export type KeyCopyKind = "cloud-escrow" | "cloud-escrow-dr-replica" | "cloud-hsm" | "offline";

export interface KeyCopyFact {
  /** URN of the resource, or `offline:<id>` for a copy recorded in the stack outputs. */
  id: string;
  kind: KeyCopyKind;
  region: string;
  /** Object Lock in COMPLIANCE mode (or an offline medium). */
  immutable: boolean;
  /**
   * AWS escrow replica: S3 writes its objects in an archived storage class (GLACIER, DEEP_ARCHIVE), so a read needs
   * a restore first (src/domain/keyCopies, S3_ARCHIVED_STORAGE_CLASSES). Absent: read directly.
   */
  archived?: true;
  lockMode?: "COMPLIANCE" | "GOVERNANCE";
  /** Default retention of the lock, days; "unknown" when a preview leaves it unknown. */
  lockDays?: number | "unknown";
  /** Reachable from the Internet: no public access block, or no policy restricting access to a VPC endpoint. */
  internetReachable: boolean;
  /** Why reachability cannot be judged (a policy only the deployment computes): `internetReachable` is then moot. */
  reachabilityUnknown?: string;
  /** Why the copy is reachable, when the reader can say more than `internetReachable` (a path from its network, an endpoint outside the program). */
  reachableBecause?: string[];
  customerManagedKey: boolean;
  /** Offline copies: where, on what, verified when. */
  detail?: string;
  /** Offline copies: the recorded location (site), which tells two offline copies apart geographically. */
  location?: string;
  /**
   * Cloud copies: what records the reads and writes of the copy (a CloudTrail trail's data events, S3 access
   * logging), whether that record lands in a locked (Object Lock) destination, the destination's region, and
   * whether the record is made and kept in the copy's own region (then it goes on while any other region is lost;
   * absent where the reader cannot tell). Absent: nothing records them.
   */
  accessLog?: { by: string; lockedDestination: boolean; region?: string; inCopyRegion?: boolean }[];
}

export interface ExposureFact {
  urn: string;
  name: string;
  type: string;
  /** Why the resource is reachable from the Internet. */
  reason: string;
}

export interface EncryptionFact {
  urn: string;
  name: string;
  type: string;
  /** Encrypted at rest with a customer-managed KMS key declared in the program. */
  customerManagedKey: boolean;
  detail: string;
  /** Why the encryption cannot be judged (a setting only the deployment computes): `customerManagedKey` is then moot. */
  unknown?: string;
}

/** A data service closed to the Internet, and the private path (if any) by which CENM and recovery reach it. */
export interface PrivateAccessFact {
  urn: string;
  name: string;
  type: string;
  /**
   * "private endpoint <name>", "virtual network integration", or "trusted Azure services" for a vault only Azure
   * services use (the keys it holds encrypt other resources); undefined: none CENM hosts or a recovery can use.
   */
  privatePath?: string;
  /** The network rules let trusted Azure services through (a way in for those services only, never for CENM hosts). */
  trustedServicesBypass?: boolean;
}

/** A way out of a network to the Internet, as its routes (or an attached gateway) declare it. */
export interface InternetPathFact {
  /** The resource that opens it: a route, a route table, a subnet, a gateway. */
  urn: string;
  name: string;
  type: string;
  /** Where the traffic goes and why that is the Internet, in a sentence. */
  reason: string;
  /** Set when the path rests on a value only the deployment computes (a preview's unknown): it is then not certain. */
  unknown?: string;
}

/**
 * A network that holds keys or data (the VPC of a key escrow's endpoint, a CloudHSM cluster's subnets, the subnets
 * of databases and file systems, the subnets of Azure private endpoints and delegated database subnets), with the
 * route tables that serve it and the paths to the Internet they declare.
 */
export interface NetworkFact {
  /** The VPC or subnet (or, when that is not declared, the endpoint) the network is known by. */
  urn: string;
  name: string;
  type: string;
  /** keys: a way to a key copy; data: a way to a database, a file store or a vault. */
  holds: "keys" | "data";
  /** What reaches its keys or data through it, in words. */
  serves: string[];
  /** Ids (URNs) of the key copies whose network it is: each path makes them reachable from the Internet. */
  keyCopies: string[];
  /** Names of the route tables read for it. */
  routeTables: string[];
  paths: InternetPathFact[];
  /** What the program does not declare and the audit therefore could not read (said, never counted as a path). */
  notJudged: string[];
}

export interface PlainSecretFact {
  urn: string;
  name: string;
  type: string;
  property: string;
}

export interface ProtectionFact {
  urn: string;
  name: string;
  type: string;
  protect: boolean;
  retainOnDelete: boolean;
  /** The provider's own deletion protection, where the resource has one (undefined otherwise). */
  providerDeletionProtection?: boolean;
  /** Key stores that can be purged for good after a deletion: whether purge protection is on (undefined otherwise). */
  purgeProtection?: boolean;
  /** KMS keys: days between scheduling the key's deletion and its destruction (AWS: 7 to 30). */
  deletionWindowDays?: number;
  /** KMS keys: the key policy denies scheduling deletion to every principal (but a break-glass one); "unknown" in a preview. */
  deletionDenied?: boolean | "unknown";
  /**
   * KMS keys: the key policy denies rewriting itself (kms:PutKeyPolicy) to every principal (but a break-glass one), so
   * that the deletion deny cannot be edited away; "unknown" in a preview.
   */
  policyChangeDenied?: boolean | "unknown";
  /** Key Vaults: days a deleted key stays recoverable (Azure: 7 to 90); "unknown" when a preview leaves it unknown. */
  softDeleteDays?: number | "unknown";
}

export interface Waiver {
  id: string;
  reason: string;
  approvedBy?: string;
  expires?: string;
}

/** Everything the controls judge, derived from the resources. */
export interface Facts {
  stack: string;
  /** From the stack outputs or the tags of the resources; undefined when nothing says. */
  environment?: string;
  primaryRegion?: string;
  drRegion?: string;
  databases: DatabaseFact[];
  snapshots: SnapshotFacts;
  fileSystems: FileSystemFact[];
  keyCopies: KeyCopyFact[];
  encryption: EncryptionFact[];
  exposures: ExposureFact[];
  /** Services with public network access disabled, with their private path (clouds that have the notion). */
  privateAccess?: PrivateAccessFact[];
  /** The networks holding keys and data, and their paths to the Internet. */
  networks?: NetworkFact[];
  plainSecrets: PlainSecretFact[];
  protection: ProtectionFact[];
  /** Declared resources that break a documented platform limit (src/domain/limits). */
  platformLimitViolations: LimitViolation[];
  /** Resources no reader knows: listed, never silently dropped. */
  unknown: { urn: string; type: string; name: string }[];
  waivers: Waiver[];
  /** CRL validity in days (from stack outputs), for the signing-path deadline. */
  crlValidityDays?: number;
  /** The cloud the program declares (the stack output `cloud`, else the reader that knows most resources). */
  cloud?: "aws" | "azure";
  /**
   * The recovery objectives the stack records (stack output `recoveryObjectives`), per disruption: the target, or
   * "unknown" when its value is one only the deployment computes. Undefined when the stack records none: the audit
   * then holds it to its environment's defaults (src/domain/objectives.ts).
   */
  objectives?: Partial<Record<ObjectiveKey, RecoveryTarget | "unknown">>;
}

/**
 * "unknown": the evidence is a value only the deployment computes (a preview's unknowns), so the control can
 * neither pass nor fail it; the report says what could not be judged and why.
 */
export type Outcome = "pass" | "fail" | "not-applicable" | "unknown";
export type Severity = "error" | "warning";
export type Recommendation = "database-replication" | "database-snapshots" | "file-backups" | "key-storage" | "general";

export interface ControlResult {
  outcome: Outcome;
  /** One sentence: what was found. */
  message: string;
  evidence: Evidence[];
}

/** One control: one file under src/audit/controls/. */
export interface Control {
  /** Stable identifier, e.g. `CENM-DB-01`. */
  id: string;
  title: string;
  recommendation: Recommendation;
  severity: Severity;
  /** What the control checks and why, in a sentence or two (goes into RULES.md). */
  rationale: string;
  /** Waiver ids (stack config) that may excuse a failure of this control, besides the control id itself. */
  waivedBy?: string[];
  evaluate(facts: Facts): ControlResult;
}

export interface Finding extends ControlResult {
  id: string;
  title: string;
  recommendation: Recommendation;
  severity: Severity;
  /** A failure excused by a waiver with a written reason. */
  waiver?: Waiver;
}

export interface Scenario {
  id: ScenarioId;
  title: string;
  /** Achieved recovery point objective, seconds (undefined: not recoverable from the declared topology). */
  rpoSeconds?: number;
  rtoSeconds?: number;
  /** Which copy saves the day. */
  savedBy: string;
  basis: string;
  /** What the stack's RPO rests on: the figure's source, and whether the cloud documents it or it is assumed. */
  rpoBasis?: FigureBasis;
  /** What the stack's RTO rests on. */
  rtoBasis?: FigureBasis;
  /** The copy that sets the stack's RPO: "<component>: <copy>". */
  rpoSetBy?: string;
  /** The copy that sets the stack's RTO. */
  rtoSetBy?: string;
  /** The stack's recovery objective for this disruption, judged against the estimate, with the cloud's floor. */
  objective?: ObjectiveAssessment;
  /** region-loss: which of R3's recommendations still hold once the DR region has taken over. */
  afterFailover?: FailoverCheck[];
}

/** The floor of a scenario as a report shows it: its figures, and what sets each. */
export interface FloorSummary {
  rpoSeconds: number;
  rtoSeconds: number;
  /** "<kind>: <mechanism>" and the figure's basis. */
  rpoSetBy: string;
  rtoSetBy: string;
  rpoBasis: FigureBasis;
  rtoBasis: FigureBasis;
}

/** A recovery objective judged: the target, the estimate against it (the scenario's figures) and the floor. */
export interface ObjectiveAssessment {
  key: ObjectiveKey;
  /** "stack": the stack records its objectives; "default": it records none, so the environment's defaults apply. */
  targetSource: "stack" | "default";
  /** Undefined: no objective for this disruption (dev, or removed from the stack's configuration). */
  target?: RecoveryTarget;
  /** Set when the recorded target is a value only the deployment computes. */
  targetUnknown?: string;
  /** Undefined when the cloud cannot be told. */
  floor?: FloorSummary;
  /** true: the estimate is within the target; false: above it, or nothing recovers; undefined: not judged. */
  met?: boolean;
  /** Why it is not met, figure by figure ("RTO 12 h above the target 1 h, set by ..."). */
  shortfalls: string[];
}

/** One of R3's recommendations after a region failover: whether it still holds, and why. */
export interface FailoverCheck {
  recommendation: Exclude<Recommendation, "general">;
  holds: boolean;
  detail: string;
}

/** The source of a recovery figure as a report shows it. */
export interface FigureBasis {
  documented: boolean;
  source: string;
  url?: string;
}
