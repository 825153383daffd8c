/**
 * Environment presets. A stack file names its environment and overrides any value below; objects are merged
 * key by key, arrays and scalars are replaced whole.
 *
 * Every number here is this package's choice (R3 gives no RPO, RTO, frequency or retention): each one is visible
 * here and in the README's config reference, and each can be overridden per stack.
 *
 * Region, availability zones and network CIDRs have no preset: a stack must say where it lives.
 */
import { AUDIT_LOG_RETENTION_DAYS, VAULT_LOCK_BOUNDS_DAYS } from "../domain/windows";
import { FILE_SERVICES } from "../domain/vocabulary";
import { cloudObjectiveOverrides, OBJECTIVE_DEFAULTS } from "../domain/objectives";
import type { Cloud, Environment, StackConfig } from "./schema";

/** The part of the configuration a preset supplies. */
export type Preset = Omit<StackConfig, "cloud" | "environment" | "primary" | "dr" | "network" | "tags" | "waivers"> & {
  tags: Record<string, string>;
  waivers: [];
};

const CENM_DATABASES: StackConfig["database"]["databases"] = [
  { service: "identity-manager", name: "identity_manager", user: "identity_manager" },
  { service: "network-map", name: "network_map", user: "network_map" },
  { service: "zone", name: "zone", user: "zone" },
  { service: "auth", name: "auth", user: "auth" },
];

const ALL_FILE_SERVICES: StackConfig["fileStore"]["services"] = [...FILE_SERVICES];

/** dev: small, single zone, but still backed up daily and point-in-time recoverable. Not protected. */
const dev: Preset = {
  database: {
    engine: "postgres",
    engineVersion: "16",
    topology: "single-az-instance",
    instanceClass: "db.t4g.medium",
    allocatedStorageGb: 20,
    storageType: "gp3",
    publiclyAccessible: false,
    crossRegionReplica: false,
    drBackupReplication: false,
    replicaLagAlarmSeconds: 300,
    databases: CENM_DATABASES,
  },
  snapshots: {
    pointInTimeDays: 7,
    continuousBackup: false,
    hourly: { enabled: false, everyHours: 12, retentionDays: 1 },
    daily: { enabled: true, retentionDays: 7, hourUtc: 3 },
    monthly: { enabled: false, retentionDays: 90 },
    drCopy: { enabled: false, retentionDays: 7 },
    lock: { mode: "governance" },
    restoreTesting: { enabled: false, scheduleExpression: "cron(0 6 ? * SUN *)", validationWindowHours: 4 },
  },
  fileStore: { services: ALL_FILE_SERVICES, drReplication: false, throughputMode: "bursting" },
  keyVault: { escrowRetentionDays: 30, lockMode: "governance", drReplica: false, cloudHsm: false, cloudHsmInitialized: false, accessLogRetentionDays: 30, offlineCopies: [] },
  protection: { enabled: false },
  // R3's network CA practice: node CRLs reissued at least weekly, nextUpdate at most 10 days out.
  signing: { crlValidityDays: 10 },
  alerts: { emails: [] },
  // Recovery objectives per disruption (src/domain/objectives.ts): none in dev.
  recoveryObjectives: OBJECTIVE_DEFAULTS.dev,
  tags: {},
  waivers: [],
};

/**
 * staging: prod's shape (Multi-AZ instance with a cross-region read replica, copies, replication, restore tests)
 * at a smaller size, governance locks.
 */
const staging: Preset = {
  ...dev,
  database: {
    ...dev.database,
    topology: "multi-az-instance",
    crossRegionReplica: true,
    instanceClass: "db.m6g.large",
    allocatedStorageGb: 100,
    storageType: "io2",
    iops: 1000,
    replicaLagAlarmSeconds: 60,
  },
  snapshots: {
    pointInTimeDays: 14,
    continuousBackup: true,
    hourly: { enabled: true, everyHours: 4, retentionDays: 2 },
    daily: { enabled: true, retentionDays: 14, hourUtc: 3 },
    monthly: { enabled: true, retentionDays: 90 },
    drCopy: { enabled: true, retentionDays: 14 },
    lock: { mode: "governance" },
    restoreTesting: { enabled: true, scheduleExpression: "cron(0 6 ? * SUN *)", validationWindowHours: 4 },
  },
  fileStore: { services: ALL_FILE_SERVICES, drReplication: true, throughputMode: "elastic" },
  keyVault: { escrowRetentionDays: 365, lockMode: "governance", drReplica: true, cloudHsm: false, cloudHsmInitialized: false, accessLogRetentionDays: 365, offlineCopies: [] },
  protection: { enabled: true },
  recoveryObjectives: OBJECTIVE_DEFAULTS.staging,
};

/**
 * prod: a Multi-AZ DB instance (synchronous standby in another zone) with a cross-region read replica, 35 days of
 * point-in-time recovery, hourly/daily/monthly snapshots copied to the DR region, compliance-locked vaults, file
 * replication, and two cloud key copies in two regions (the stack records its offline copies on top). A Multi-AZ
 * DB cluster is not the default: AWS can make no copy of one in another region.
 */
const prod: Preset = {
  ...staging,
  database: {
    ...staging.database,
    instanceClass: "db.r6g.xlarge",
    allocatedStorageGb: 400,
    iops: 3000,
    replicaLagAlarmSeconds: 30,
  },
  snapshots: {
    pointInTimeDays: 35,
    continuousBackup: true,
    // Hourly snapshots kept a day: 35 days of point-in-time recovery and daily snapshots cover the rest.
    hourly: { enabled: true, everyHours: 1, retentionDays: 1 },
    daily: { enabled: true, retentionDays: 35, hourUtc: 3 },
    monthly: { enabled: true, retentionDays: 365 },
    drCopy: { enabled: true, retentionDays: 35 },
    lock: { mode: "compliance", changeableForDays: 3 },
    restoreTesting: { enabled: true, scheduleExpression: "cron(0 6 ? * SUN *)", validationWindowHours: 8 },
  },
  // Access records of the escrow are kept 7 years, as R3's CA practice keeps audit logs.
  keyVault: { escrowRetentionDays: 3650, lockMode: "compliance", drReplica: true, cloudHsm: false, cloudHsmInitialized: false, accessLogRetentionDays: AUDIT_LOG_RETENTION_DAYS, offlineCopies: [] },
  recoveryObjectives: OBJECTIVE_DEFAULTS.prod,
};

export const PRESETS: Record<Environment, Preset> = { dev, staging, prod };

/** Values a preset holds differently on a given cloud, merged over PRESETS (deep, like a stack's own values). */
export type CloudPreset = {
  database?: Partial<Preset["database"]>;
  fileStore?: Partial<Preset["fileStore"]>;
  snapshots?: { lock?: Partial<Preset["snapshots"]["lock"]> };
  recoveryObjectives?: Partial<Record<keyof Preset["recoveryObjectives"], Partial<{ rpo: string; rto: string }>>>;
};

/**
 * AWS snapshots in every environment: vault-lock bounds fixed (not taken from the rules, which the provider would
 * turn into a lock replacement at each retention change).
 */
const AWS_SNAPSHOTS: CloudPreset["snapshots"] = {
  lock: { minRetentionDays: VAULT_LOCK_BOUNDS_DAYS.minRetentionDays, maxRetentionDays: VAULT_LOCK_BOUNDS_DAYS.maxRetentionDays },
};

/**
 * AWS prod: the DR read replica a Multi-AZ DB instance. Azure: PostgreSQL Flexible Server SKUs and storage sizes,
 * zone-redundant HA (multi-az-instance) where AWS uses a Multi-AZ DB cluster, geo-redundant backup in staging and prod,
 * a geo read replica in prod, and file shares on GZRS when a DR copy is kept.
 */
export const CLOUD_PRESETS: Record<Cloud, Record<Environment, CloudPreset>> = withObjectives({
  aws: {
    dev: { snapshots: AWS_SNAPSHOTS },
    staging: { snapshots: AWS_SNAPSHOTS },
    // The DR replica a Multi-AZ DB instance in prod: promoted, it keeps a synchronous standby in another zone of the DR
    // region (R3's first recommendation after a region failover). Staging promotes a single-zone replica and the
    // runbook adds the standby.
    prod: { database: { replicaMultiAz: true }, snapshots: AWS_SNAPSHOTS },
  },
  azure: {
    dev: {
      database: { instanceClass: "Standard_B2ms", tier: "Burstable", allocatedStorageGb: 32 },
      // Snapshot backups: vaulted backup of premium shares is a preview, and dev keeps no copy beyond the account.
      fileStore: { storageSku: "Premium_ZRS", smbAccess: "storage-key", backupTier: "snapshot" },
    },
    staging: {
      database: { topology: "multi-az-instance", instanceClass: "Standard_D2ds_v5", tier: "GeneralPurpose", allocatedStorageGb: 128, crossRegionReplica: false, drBackupReplication: true },
      fileStore: { storageSku: "Standard_GZRS", smbAccess: "storage-key", backupTier: "vault-standard" },
    },
    // Prod keeps a geo read replica in the paired region behind a read-write virtual endpoint (promoted in minutes,
    // where a geo-restore loses up to an hour of writes), beside the geo-redundant backups.
    prod: {
      database: { topology: "multi-az-instance", instanceClass: "Standard_E4ds_v5", tier: "MemoryOptimized", allocatedStorageGb: 512, crossRegionReplica: true, drBackupReplication: true },
      fileStore: { storageSku: "Standard_GZRS", smbAccess: "storage-key", backupTier: "vault-standard" },
    },
  },
});

/**
 * Adds to each cloud's presets the objectives its floor raises above the environment's defaults (the one place that
 * decides it is src/domain/objectives.ts): prod's malicious-deletion RPO, on both clouds (AWS 2 h, Azure 24 h).
 */
function withObjectives(presets: Record<Cloud, Record<Environment, CloudPreset>>): Record<Cloud, Record<Environment, CloudPreset>> {
  for (const [cloud, byEnv] of Object.entries(presets) as [Cloud, Record<Environment, CloudPreset>][]) {
    for (const [env, preset] of Object.entries(byEnv) as [Environment, CloudPreset][]) {
      const raised = cloudObjectiveOverrides(cloud, env);
      if (Object.keys(raised).length > 0) preset.recoveryObjectives = raised;
    }
  }
  return presets;
}
