/**
 * The one schema for everything a stack file may set under the `cenm-backup:` namespace.
 *
 * The schema describes the *merged* configuration: an environment preset (see presets.ts) overlaid with the
 * stack's own values. Every object is strict, so a misspelt key is refused instead of silently ignored.
 */
import { z } from "zod";
import { CHANGE_RULE_IDS, CHANGE_WAIVER_ID, CONTROL_IDS } from "../domain/controls";
import { DURATION_FORMS, DURATION_PATTERN } from "../domain/durations";
import { OBJECTIVE_KEYS, OBJECTIVE_MEANINGS, type ObjectiveKey } from "../domain/objectives";
import { RDS_IOPS, RDS_STORAGE_GB, RDS_STORAGE_TYPES } from "../domain/limits/rdsStorage";
import { AZURE_FILES_BACKUP_TIERS, AZURE_FILES_DAILY_RETENTION_DAYS, AZURE_POSTGRES_TIERS, AZURE_POSTGRES_VAULT_RETENTION_DAYS } from "../domain/limits/azure";
import { RDS_BACKUP_RETENTION_DAYS, RESTORE_VALIDATION_WINDOW_HOURS, S3_OBJECT_LOCK_RETENTION_DAYS, VAULT_LOCK_CHANGEABLE_DAYS, VAULT_LOCK_MAX_RETENTION_DAYS } from "../domain/limits/aws";

export {
  CLOUDS,
  DATABASE_SERVICES,
  ENGINES,
  ENVIRONMENTS,
  FILE_SERVICES,
  LOCK_MODES,
  PROJECT,
  SMB_ACCESS,
  TOPOLOGIES,
  type Cloud,
  type DatabaseService,
  type Engine,
  type Environment,
  type FileService,
  type LockMode,
  type OfflineCopy,
  type SmbAccess,
  type Topology,
} from "../domain/vocabulary";
import { CLOUDS, DATABASE_SERVICES, ENGINES, ENVIRONMENTS, FILE_SERVICES, LOCK_MODES, MASTER_PASSWORDS, SMB_ACCESS, TOPOLOGIES, type OfflineCopy } from "../domain/vocabulary";

/** Identifiers of the weakenings a prod stack may only make with a written waiver (see validate.ts). */
export const WAIVABLE = [
  "db-sync-replica",
  "db-dr-copy",
  "db-public-endpoint",
  "db-engine-version",
  "db-pitr-window",
  "snapshots-compliance-lock",
  "files-dr-copy",
  "keys-two-copies",
  "keys-dr-copy",
  "deletion-protection",
] as const;
export type WaiverId = (typeof WAIVABLE)[number];

const regionName = z
  .string()
  .regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$|^[a-z]+[a-z0-9]*$/, "a cloud region name such as eu-west-1 (AWS) or westeurope (Azure)");

const cidr = z
  .string()
  .regex(/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/, "an IPv4 CIDR block such as 10.40.0.0/16")
  .refine((v) => {
    const [ip, bits] = v.split("/");
    return ip.split(".").every((o) => Number(o) <= 255) && Number(bits) <= 32;
  }, "an IPv4 CIDR block whose octets are 0-255 and prefix 0-32")
  .refine((v) => {
    const [ip, bits] = v.split("/");
    const base = ip.split(".").reduce((acc, o) => acc * 256 + Number(o), 0);
    return Number(bits) > 32 || base % 2 ** (32 - Number(bits)) === 0;
  }, "a network address without host bits, such as 10.40.0.0/16 (not 10.40.1.0/16)");

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "a date written YYYY-MM-DD")
  .refine((v) => {
    // Date.parse rolls 2026-02-31 over into March; a real date survives the round trip unchanged.
    const [y, m, d] = v.split("-").map(Number);
    const date = new Date(Date.UTC(y, m - 1, d));
    return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  }, "a real calendar date written YYYY-MM-DD");

const days = (min: number, max: number) => z.number().int().min(min).max(max);

export const regionSchema = z
  .object({
    /** Cloud region of the primary site, e.g. eu-west-1. */
    region: regionName.describe("Cloud region of the primary site, e.g. eu-west-1."),
    /** Availability zones the synchronous copies are spread over (2 to 6, all in `region`). */
    availabilityZones: z.array(z.string().min(1)).min(2).max(6).describe("Availability zones the synchronous copies are spread over (2 to 6, all in `region`)."),
  })
  .strict();

export const drSchema = z
  .object({
    /** Cloud region that receives the asynchronous copies. Must differ from the primary region. */
    region: regionName.describe("Cloud region that receives the asynchronous copies. Must differ from the primary region."),
    /** AWS: zones of the DR network that holds the cross-region read replica (at least 2, all in `region`). */
    availabilityZones: z
      .array(z.string().min(1))
      .min(2)
      .max(6)
      .optional()
      .describe("AWS: zones of the DR network that holds the cross-region read replica (at least 2, all in `region`); required with database.crossRegionReplica."),
  })
  .strict();

export const networkSchema = z
  .object({
    /** CIDR of the private data VPC the package declares when `vpcId` is not given. */
    vpcCidr: cidr.describe("CIDR of the private data VPC the package declares when `vpcId` is not given."),
    /** Existing VPC to place the database and file store in. When set, `subnetIds` must be set too. */
    vpcId: z.string().min(1).optional().describe("Existing VPC to place the database and file store in. When set, `subnetIds` must be set too."),
    /** Existing private subnets, one per availability zone, in the same order as `primary.availabilityZones`. */
    subnetIds: z.array(z.string().min(1)).optional().describe("Existing private subnets, one per availability zone, in the same order as `primary.availabilityZones`."),
    /** The CENM service subnets: the only sources admitted to the database and NFS ports. */
    cenmCidrs: z.array(cidr).min(1).describe("The CENM service subnets: the only sources admitted to the database and NFS ports."),
    /** CIDR of the isolated key-vault VPC (no internet gateway, no NAT). */
    vaultVpcCidr: cidr.describe("CIDR of the isolated key-vault VPC (no internet gateway, no NAT)."),
    /** AWS: the CENM hosts' VPC, peered with the data VPC (same account and region) when `cenmCidrs` lie outside `vpcCidr`. */
    cenmVpcId: z.string().regex(/^vpc-[0-9a-f]{8,17}$/, "a VPC id such as vpc-0123456789abcdef0").optional().describe("AWS: the CENM hosts' VPC, peered with the data VPC (same account and region) when `cenmCidrs` lie outside `vpcCidr`; needs `cenmRouteTableIds`."),
    /** AWS: route tables of the CENM VPC that get a route to the data VPC through the peering. */
    cenmRouteTableIds: z.array(z.string().regex(/^rtb-[0-9a-f]{8,17}$/, "a route table id such as rtb-0123456789abcdef0")).min(1).optional().describe("AWS: route tables of the CENM VPC that get a route to the data VPC through the peering."),
    /** AWS: a transit gateway that routes the CENM subnets to the data VPC (instead of peering). */
    transitGatewayId: z.string().regex(/^tgw-[0-9a-f]{8,17}$/, "a transit gateway id such as tgw-0123456789abcdef0").optional().describe("AWS: a transit gateway that routes between the CENM subnets and the data VPC (instead of peering); the package attaches the data VPC and routes `cenmCidrs` to it."),
    /** AWS: CIDR of the DR-region VPC the package declares for the cross-region read replica. */
    drVpcCidr: cidr.optional().describe("AWS: CIDR of the DR-region VPC the package declares for the cross-region read replica (when `drVpcId` is not given)."),
    /** AWS: an existing DR-region VPC for the cross-region read replica, with `drSubnetIds`. */
    drVpcId: z.string().regex(/^vpc-[0-9a-f]{8,17}$/, "a VPC id such as vpc-0123456789abcdef0").optional().describe("AWS: an existing DR-region VPC for the cross-region read replica; set `drSubnetIds` with it."),
    /** AWS: existing private subnets of the DR VPC, one per `dr.availabilityZones` entry, in that order. */
    drSubnetIds: z.array(z.string().regex(/^subnet-[0-9a-f]{8,17}$/, "a subnet id such as subnet-0123456789abcdef0")).optional().describe("AWS: existing private subnets of the DR VPC, one per `dr.availabilityZones` entry, in that order."),
    /** AWS: the subnets that reach the promoted replica in the DR region (default: the DR VPC's own CIDR when the package declares it). */
    drCenmCidrs: z.array(cidr).optional().describe("AWS: the subnets admitted to the replica's port in the DR region, and to NFS on the file store replica's mount targets there, for CENM hosts that take over (default: `drVpcCidr` when the package declares the DR VPC, else none)."),
    /** Azure only: address space of the DR region's virtual network (replica server, DR escrow endpoint). */
    drVnetCidr: cidr.optional().describe("Azure only: address space of the DR region's virtual network (replica server, DR escrow endpoint)."),
  })
  .strict();

export const databaseEntrySchema = z
  .object({
    service: z.enum(DATABASE_SERVICES).describe("The CENM service that owns the database."),
    /** Database (or schema) name the service uses. */
    name: z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, "a lower-case SQL identifier of at most 63 characters").describe("Database (or schema) name the service uses."),
    /** Database user of the service. Its password is managed by the cloud, never by this config. */
    user: z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, "a lower-case SQL identifier of at most 63 characters").describe("Database user of the service. Its password is managed by the cloud, never by this config."),
  })
  .strict();

export const databaseSchema = z
  .object({
    engine: z.enum(ENGINES).describe("Database engine. H2 is refused: CENM supports it for tests only."),
    /** Engine version inside CENM 1.7's support matrix (see engines.ts). */
    engineVersion: z.string().min(1).describe("Engine version inside CENM 1.7's support matrix (see engines.ts)."),
    /** Edition for SQL Server (ee, se) or Oracle (ee, se2). Ignored for PostgreSQL. */
    edition: z.enum(["ee", "se", "se2"]).optional().describe("Edition for SQL Server (ee, se) or Oracle (ee, se2). Ignored for PostgreSQL."),
    topology: z.enum(TOPOLOGIES).describe("How the database is replicated: a Multi-AZ DB cluster (PostgreSQL 13+), a Multi-AZ instance, or a single-zone instance."),
    /** AWS: an RDS instance class (db.r6g.large); Azure: a flexible-server SKU (Standard_D4ds_v5). */
    instanceClass: z.string().min(1).describe("AWS: an RDS instance class (db.r6g.large); Azure: a flexible-server SKU (Standard_D4ds_v5)."),
    /** Azure only: the flexible-server tier. Zone-redundant HA needs GeneralPurpose or MemoryOptimized. */
    tier: z.enum(AZURE_POSTGRES_TIERS).optional().describe("Azure only: the flexible-server tier. Zone-redundant HA needs GeneralPurpose or MemoryOptimized."),
    allocatedStorageGb: z.number().int().min(RDS_STORAGE_GB.min).max(RDS_STORAGE_GB.max).describe("Storage allocated to the database, in GB."),
    storageType: z.enum(RDS_STORAGE_TYPES).describe("Storage type; io1 and io2 need `iops`."),
    /** Provisioned IOPS (required for io1/io2 and for Multi-AZ DB clusters). */
    iops: z.number().int().min(RDS_IOPS.min).max(RDS_IOPS.max).optional().describe("Provisioned IOPS (required for io1/io2 and for Multi-AZ DB clusters)."),
    /** Never true outside a written waiver in prod. */
    publiclyAccessible: z.boolean().describe("Never true outside a written waiver in prod."),
    /** Asynchronous read replica in the DR region (instance topologies only). */
    crossRegionReplica: z.boolean().describe("Asynchronous read replica in the DR region (instance topologies only)."),
    /**
     * AWS only, with crossRegionReplica: the DR read replica is a Multi-AZ DB instance (a synchronous standby in another
     * zone of the DR region, kept when promoted), so a region failover keeps a synchronous copy in a second zone.
     */
    replicaMultiAz: z
      .boolean()
      .optional()
      .describe(
        "AWS only, with crossRegionReplica: the DR read replica is a Multi-AZ DB instance, with a synchronous standby in another zone of the DR region that it keeps once promoted, so that after a region failover the database still has a synchronous copy in a second zone; it doubles the replica's instance and storage. Without crossRegionReplica it has no effect. Default: true in AWS prod, unset (false) in AWS dev and staging and on Azure. Azure refuses true: a flexible-server read replica has no high availability, and the runbook enables zone-redundant HA once the replica is promoted.",
      ),
    /** Replicate automated backups to the DR region for point-in-time restore there (instance topologies only). */
    drBackupReplication: z.boolean().describe("Replicate automated backups to the DR region for point-in-time restore there (instance topologies only)."),
    /**
     * AWS only: who keeps the master user's password. Default: "generated" with crossRegionReplica, else "rds-managed".
     */
    masterPassword: z
      .enum(MASTER_PASSWORDS)
      .optional()
      .describe(
        'AWS only: who keeps the master user\'s password. "rds-managed": RDS generates it, keeps it in Secrets Manager and rotates it every 7 days, and then refuses read replicas of PostgreSQL and Oracle. "generated": the package generates it (a Pulumi secret, never in config) and keeps it in a Secrets Manager secret of its own, replicated to the DR region; replace the password resource to change it. Default: "generated" with crossRegionReplica, else "rds-managed".',
      ),
    /**
     * AWS: alarm threshold of the DR read replica's lag (RDS ReplicaLag), in seconds. Azure: not read (see
     * replicaLagAlarmMiB).
     */
    replicaLagAlarmSeconds: z
      .number()
      .int()
      .min(1)
      .max(86400)
      .describe(
        "AWS: alarm threshold of the DR read replica's lag (RDS ReplicaLag), in seconds. Azure: not read: a flexible server's lag in seconds is the time since the replica last replayed a transaction, which grows on a primary that writes nothing (see replicaLagAlarmMiB).",
      ),
    /**
     * Azure only, with crossRegionReplica: the alert fires when the primary holds more than this many MiB of WAL its
     * DR read replica has not caught up on (Max Physical Replication Lag). Default: 16, one WAL segment.
     */
    replicaLagAlarmMiB: z
      .number()
      .int()
      .min(1)
      .max(65536)
      .optional()
      .describe(
        "Azure only, with crossRegionReplica: the replica-lag alert fires when the primary server is more than this many MiB of write-ahead log ahead of its DR read replica (Azure's Max Physical Replication Lag, in bytes, published on the primary). A lag in bytes measures the writes a forced promotion would lose and stays at zero while the database is idle. Default: 16, one WAL segment (PostgreSQL's default segment size).",
      ),
    /** The CENM databases: each service its own database and user. */
    databases: z.array(databaseEntrySchema).min(1).describe("The CENM databases: each service its own database and user."),
    /**
     * Azure only: the Microsoft Entra principal (a group, preferably) that administers the server. Password
     * authentication is off, so without it nobody can sign in; the DBA bootstrap signs in as a member of it.
     */
    entraAdministrator: z
      .object({
        objectId: z.string().regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, "an Entra object id (a GUID)").describe("Object id of the Entra group, user or service principal."),
        principalName: z.string().min(1).max(128).describe("Its display name (a group's name, a user's UPN, an application's name)."),
        principalType: z.enum(["group", "user", "servicePrincipal"]).describe("What the principal is."),
      })
      .strict()
      .optional()
      .describe("Azure only: the Microsoft Entra principal (preferably a group) that administers the database server; required for PostgreSQL, whose password authentication is off."),
  })
  .strict();

const ruleSchema = z.object({ enabled: z.boolean(), retentionDays: days(1, VAULT_LOCK_MAX_RETENTION_DAYS) }).strict();

export const snapshotsSchema = z
  .object({
    /** Point-in-time recovery window in days (RDS automated backups and AWS Backup continuous backup, 1-35). */
    pointInTimeDays: days(RDS_BACKUP_RETENTION_DAYS.min, RDS_BACKUP_RETENTION_DAYS.max).describe(
      `Point-in-time recovery window in days (RDS automated backups and AWS Backup continuous backup, ${RDS_BACKUP_RETENTION_DAYS.min}-${RDS_BACKUP_RETENTION_DAYS.max}).`,
    ),
    /** Continuous backup (point-in-time) rule in the backup plan. */
    continuousBackup: z.boolean().describe("Continuous backup (point-in-time) rule in the backup plan."),
    hourly: ruleSchema.extend({ everyHours: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(6), z.literal(12)]) }).strict().describe("Snapshot every `everyHours` hours, kept `retentionDays` days."),
    daily: ruleSchema.extend({ hourUtc: z.number().int().min(0).max(23) }).strict()
      .describe(
        `Daily snapshot at \`hourUtc\`, kept \`retentionDays\` days (on Azure ${AZURE_POSTGRES_VAULT_RETENTION_DAYS.min}-${AZURE_FILES_DAILY_RETENTION_DAYS.max}: the backup vault backs the server up daily, and the file shares keep their daily snapshots as long).`,
      ),
    monthly: ruleSchema.describe(`Monthly snapshot, kept \`retentionDays\` days (on Azure at most ${AZURE_POSTGRES_VAULT_RETENTION_DAYS.max}, and no less than the daily ones).`),
    /** Copy of every snapshot to a locked vault in the DR region, kept as long as in the primary vault but at most retentionDays. */
    drCopy: ruleSchema.describe(
      `Copy of every snapshot to a locked vault in the DR region, kept as long as in the primary vault but at most retentionDays (on Azure at most ${AZURE_POSTGRES_VAULT_RETENTION_DAYS.max}).`,
    ),
    lock: z
      .object({
        mode: z.enum(LOCK_MODES).describe("Vault lock mode: compliance cannot be lifted by anyone once it is immutable; governance can be by privileged principals."),
        /** Compliance mode only: days before the lock becomes immutable (at least 3). */
        changeableForDays: days(VAULT_LOCK_CHANGEABLE_DAYS.min, VAULT_LOCK_CHANGEABLE_DAYS.max)
          .optional()
          .describe(`Compliance mode only: days before the lock becomes immutable (at least ${VAULT_LOCK_CHANGEABLE_DAYS.min}).`),
        /** AWS only: shortest retention the vault locks admit, in days. */
        minRetentionDays: days(1, VAULT_LOCK_MAX_RETENTION_DAYS)
          .optional()
          .describe(
            "AWS only: shortest retention the vault locks admit, in days; every rule and copy keeps at least this long. Fixed on purpose: a change replaces the locks, which AWS refuses for a compliance lock once its grace time has passed (see the README, Vault lock bounds).",
          ),
        /** AWS only: longest retention the vault locks admit, in days. */
        maxRetentionDays: days(1, VAULT_LOCK_MAX_RETENTION_DAYS)
          .optional()
          .describe("AWS only: longest retention the vault locks admit, in days; every rule and copy keeps at most this long. Fixed on purpose, like minRetentionDays."),
      })
      .strict()
      .describe("Lock of the backup vaults."),
    restoreTesting: z
      .object({
        enabled: z.boolean().describe("Run scheduled restore tests of the protected database and file system."),
        /** Schedule of restore tests, an AWS cron expression. */
        scheduleExpression: z.string().regex(/^cron\(.+\)$/, "an AWS cron expression such as cron(0 5 ? * SUN *)").describe("Schedule of restore tests, an AWS cron expression."),
        /** Hours the restored copy is kept for validation before AWS deletes it. */
        validationWindowHours: z.number().int().min(RESTORE_VALIDATION_WINDOW_HOURS.min).max(RESTORE_VALIDATION_WINDOW_HOURS.max).describe("Hours the restored copy is kept for validation before AWS deletes it."),
      })
      .strict()
      .describe("Scheduled restore tests."),
  })
  .strict();


const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const DOMAIN_SID = /^S-1-5-21-\d+-\d+-\d+$/;
const ACCOUNT_SID = /^S-1-5-21-\d+-\d+-\d+-\d+$/;
const DNS_NAME = /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

/** The storage account's identity in an Active Directory domain (AD DS authentication of Azure Files). */
export const activeDirectorySchema = z
  .object({
    domainName: z.string().regex(DNS_NAME, "a DNS domain name such as corp.example.com").describe("DNS name of the domain."),
    netBiosDomainName: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,14}$/, "a NetBIOS name of at most 15 characters").describe("NetBIOS name of the domain."),
    forestName: z.string().regex(DNS_NAME, "a DNS forest name such as corp.example.com").describe("DNS name of the forest."),
    domainGuid: z.string().regex(GUID, "a GUID").describe("GUID of the domain."),
    domainSid: z.string().regex(DOMAIN_SID, "a domain SID such as S-1-5-21-1-2-3").describe("Security identifier of the domain."),
    azureStorageSid: z.string().regex(ACCOUNT_SID, "an account SID such as S-1-5-21-1-2-3-1105").describe("Security identifier of the storage account's computer or service account in the domain."),
    samAccountName: z.string().regex(/^[A-Za-z0-9$._-]{1,20}$/, "a sAMAccountName of at most 20 characters").describe("sAMAccountName of that account."),
    accountType: z.enum(["Computer", "User"]).describe("Whether that account is a computer or a service logon (user) account."),
  })
  .strict();

export const fileStoreSchema = z
  .object({
    /** CENM services whose whole directory lives on the file store (one access point each). */
    services: z.array(z.enum(FILE_SERVICES)).min(1).describe("CENM services whose whole directory lives on the file store (one access point each)."),
    /** Asynchronous replication of the file system to the DR region. */
    drReplication: z.boolean().describe("Asynchronous replication of the file system to the DR region."),
    throughputMode: z.enum(["elastic", "bursting"]).describe("Throughput mode of the file system."),
    /** Azure only: Premium_ZRS (FileStorage, zones only) or Standard_GZRS (zones plus an asynchronous geo copy). */
    storageSku: z.enum(["Premium_ZRS", "Standard_GZRS"]).optional().describe("Azure only: Premium_ZRS (FileStorage, zones only) or Standard_GZRS (zones plus an asynchronous geo copy)."),
    /**
     * Azure only: how the CENM hosts mount their SMB shares. "storage-key": the storage account key over SMB 3.1.1
     * (NTLMv2, AES-256-GCM), which any Linux host can use; "ad-ds": Kerberos tickets of the operator's Active
     * Directory, usable from domain-joined Linux hosts (needs `activeDirectory`); "entra-kerberos": Microsoft Entra
     * Kerberos, for Entra-joined Windows clients with hybrid identities only (not Linux).
     */
    smbAccess: z
      .enum(SMB_ACCESS)
      .optional()
      .describe("Azure only: how the CENM hosts mount their SMB shares. storage-key (account key, any Linux host), ad-ds (Kerberos from your Active Directory, domain-joined Linux hosts; needs activeDirectory), entra-kerberos (Entra-joined Windows clients with hybrid identities only, not Linux)."),
    /** Azure, with smbAccess "ad-ds": the storage account's identity in the operator's Active Directory. */
    activeDirectory: activeDirectorySchema.optional().describe("Azure, with smbAccess ad-ds: the storage account's identity in your Active Directory (from joining the account to the domain)."),
    /**
     * Azure only: where the daily share backups live. "vault-standard": copied into the Recovery Services vault,
     * where they survive the storage account's deletion (needs smbAccess "storage-key": vaulted backup requires
     * shared-key access); the vault encrypts them with a customer-managed key, so it has no cross-region restore and
     * the loss of the region is covered by the account's geo-replication (Standard_GZRS). "snapshot": share
     * snapshots kept in the storage account only, deleted with it.
     */
    backupTier: z
      .enum(AZURE_FILES_BACKUP_TIERS)
      .optional()
      .describe("Azure only: where the daily share backups live. vault-standard (copied into the Recovery Services vault: they survive the storage account's deletion; the vault encrypts with a customer-managed key and so has no cross-region restore; needs smbAccess storage-key) or snapshot (share snapshots kept in the storage account only, deleted with it)."),
  })
  .strict();

export const offlineCopySchema = z
  .object({
    /** Operator's identifier of the copy, e.g. the HSM backup token's serial. */
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, "an identifier of letters, digits, dot, dash or underscore").describe("Operator's identifier of the copy, e.g. the HSM backup token's serial."),
    /** Where it is kept (site, safe). */
    location: z.string().min(3).describe("Where it is kept (site, safe)."),
    /** What it is kept on (HSM backup token, smart cards, encrypted USB in a safe...). */
    medium: z.string().min(3).describe("What it is kept on (HSM backup token, smart cards, encrypted USB in a safe...)."),
    /** The people who must be present to use it (two-person control: at least two). */
    custodians: z.array(z.string().min(2)).min(2).describe("The people who must be present to use it (two-person control: at least two)."),
    /** When the copy was last checked to be readable. */
    lastVerified: isoDate.describe("When the copy was last checked to be readable."),
  })
  .strict();

export const keyVaultSchema = z
  .object({
    /** Object Lock default retention of escrowed key material, in days. */
    escrowRetentionDays: days(S3_OBJECT_LOCK_RETENTION_DAYS.min, S3_OBJECT_LOCK_RETENTION_DAYS.max).describe("Object Lock default retention of escrowed key material, in days."),
    /** Object Lock mode of the escrow buckets. */
    lockMode: z.enum(LOCK_MODES).describe("Object Lock mode of the escrow buckets."),
    /** Locked replica of the escrow in the DR region (storage class GLACIER_IR, read without a restore). */
    drReplica: z.boolean().describe("Locked replica of the escrow in the DR region (storage class GLACIER_IR, read without a restore)."),
    /** An AWS CloudHSM cluster with two HSMs in different zones (opt-in: CENM documents an old client). */
    cloudHsm: z.boolean().describe("An AWS CloudHSM cluster with two HSMs in different zones (opt-in: CENM documents an old client)."),
    /**
     * AWS, with `cloudHsm`: set once the operator has initialized and activated the cluster from its first HSM; the
     * package then adds the second HSM in another zone (CloudHSM clones it from a backup of the first).
     */
    cloudHsmInitialized: z.boolean().describe("AWS, with `cloudHsm`: set true once the cluster has been initialized and activated from its first HSM; the package then adds the second HSM in another zone."),
    /** Days the record of every read and write of the key escrow (CloudTrail data events) is kept, locked like the escrow. */
    accessLogRetentionDays: days(S3_OBJECT_LOCK_RETENTION_DAYS.min, S3_OBJECT_LOCK_RETENTION_DAYS.max).describe("Days the record of every read and write of the key escrow (CloudTrail data events in a locked bucket) is kept; the log bucket uses `lockMode`."),
    /**
     * Azure only: the escrow accounts' change feed, a record of every change to their blobs (default true). Azure keeps
     * those records in a container of the account, and deletes an account enabled for version-level immutability only
     * once it holds no container: a stack that will be torn down (the sandbox) creates its escrows without it.
     */
    escrowChangeFeed: z
      .boolean()
      .optional()
      .describe("Azure only: the escrow accounts' change feed, a record of every change to their blobs (default true). Its records live in a container of the account, and Azure deletes an account enabled for version-level immutability only once it holds no container: a stack that will be torn down (protection.enabled false outside dev, as the sandbox's teardown does) needs false, set from the first deployment."),
    /** Copies kept outside the cloud. Recorded, exported and counted; never created by the package. */
    offlineCopies: z.array(offlineCopySchema).describe("Copies kept outside the cloud. Recorded, exported and counted; never created by the package."),
  })
  .strict();

export const protectionSchema = z
  .object({
    /**
     * Protect stateful resources from deletion: provider deletion protection, Pulumi `protect` and
     * `retainOnDelete`, KMS key policies that deny scheduled deletion.
     */
    enabled: z.boolean().describe("Protect stateful resources from deletion: provider deletion protection, Pulumi `protect` and `retainOnDelete`, KMS key policies that deny scheduled deletion."),
    /**
     * IAM principal allowed to schedule KMS key deletion, disable keys, change key policies and bypass vault-only
     * bucket policies (break glass). Protected AWS stacks should name one: without it the key policies cannot deny
     * policy changes (a policy nobody may change is unmanageable), and CENM-GN-07 fails. It must belong to the
     * stack's own account, which the stack states with `aws:allowedAccountIds` (KMS lets no other account manage keys).
     */
    breakGlassPrincipalArn: z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:(role|user)\/.+$/, "an IAM role or user ARN").optional().describe("IAM principal allowed to schedule KMS key deletion, disable keys, change KMS key policies and bypass vault-only bucket policies (break glass). With protection on, every other principal (the deploying one included) is denied those: a later change to a key policy must be deployed as this principal. Without it the key policies cannot deny policy changes, and the audit fails CENM-GN-07. It must be a principal of the stack's own account, stated as the one account of the AWS provider's `aws:allowedAccountIds`: KMS never lets another account change a key's policy, schedule its deletion or disable it."),
    /**
     * Azure, step 1 of 2 of a new stack. Some settings Azure accepts only on a resource that already exists:
     * immutability is created Unlocked and locked by a later update, and the backup vaults' customer-managed keys
     * are unwrapped by each vault's own (system-assigned) identity, which must exist and hold its key role first
     * (a Recovery Services vault takes its key only before any share is registered or protected).
     * The first `pulumi up` sets this; the next one, without it, locks, encrypts and starts the backups.
     */
    firstDeployment: z
      .boolean()
      .optional()
      .describe("Azure, step 1 of 2 of a new stack: create immutability Unlocked (escrow policies, both backup vaults), the database backup vault without its customer-managed key and without the server's backup instance, and the share backup vault (vault-standard tier) without its key, without the account's registration and without protected shares (each vault's own identity must exist and hold its key role first, and a Recovery Services vault takes a key only before anything is registered). Remove it and run `pulumi up` again: that second run locks, encrypts and starts the database and share backups."),
    /** Former name of `firstDeployment`: refused with a pointer to the new name. */
    createUnlocked: z.boolean().optional().describe("Former name of protection.firstDeployment: refused, with a pointer to the new name."),
  })
  .strict();

export const signingSchema = z
  .object({
    /**
     * Validity of the CRLs the Identity Manager publishes (days between issue and nextUpdate). Nodes in hard-fail
     * mode refuse connections once it lapses, so the signing path must be recoverable within it.
     */
    crlValidityDays: days(1, 365).describe("Validity of the CRLs the Identity Manager publishes (days between issue and nextUpdate). Nodes in hard-fail mode refuse connections once it lapses, so the signing path must be recoverable within it."),
  })
  .strict();

export const alertsSchema = z
  .object({
    /** E-mail addresses subscribed to failed-backup, failed-copy and replica-lag alerts. */
    emails: z.array(z.string().email()).describe("E-mail addresses subscribed to failed-backup, failed-copy and replica-lag alerts."),
  })
  .strict();

const duration = z.string().regex(DURATION_PATTERN, DURATION_FORMS);

/** One recovery objective: the most data the stack may lose and the longest it may stay down in one disruption. */
export const objectiveSchema = z
  .object({
    rpo: duration.describe("Recovery point objective: how far back, as a duration, the data CENM restarts from may lie."),
    rto: duration.describe("Recovery time objective: how long CENM may stay down, as a duration."),
  })
  .strict();

const objectiveShape = Object.fromEntries(
  OBJECTIVE_KEYS.map((k) => [k, objectiveSchema.optional().describe(`${OBJECTIVE_MEANINGS[k]} Unset: no objective for it.`)]),
) as Record<ObjectiveKey, z.ZodOptional<typeof objectiveSchema>>;

export const recoveryObjectivesSchema = z.object(objectiveShape).strict();

/** Audit control identifiers (src/audit/controls), which a waiver may also name. */
export { CONTROL_ID } from "../domain/controls";

export const waiverSchema = z
  .object({
    /**
     * A prod rule of this package (WAIVABLE), an audit control id such as CENM-DB-02, or one change a pull request
     * makes to a deployed resource: a change rule and the resource's logical name (CENM-CH-01:cenm-db-primary).
     */
    id: z
      .union([z.enum([...WAIVABLE, ...CONTROL_IDS]), z.string().regex(CHANGE_WAIVER_ID)], {
        errorMap: () => ({
          message: `one of the package's prod rules (${WAIVABLE.join(", ")}), an audit control that exists (${CONTROL_IDS[0]} to ${CONTROL_IDS[CONTROL_IDS.length - 1]}, listed in RULES.md) or a change rule and a resource name (${CHANGE_RULE_IDS[0]}:<name> to ${CHANGE_RULE_IDS[CHANGE_RULE_IDS.length - 1]}:<name>)`,
        }),
      })
      .describe("A prod rule of this package (WAIVABLE), an audit control id such as CENM-DB-02, or one change to a deployed resource: a change rule and the resource's logical name (CENM-CH-01:cenm-db-primary)."),
    /** Why the stack may weaken the recommendation. Shown to auditors. */
    reason: z.string().trim().min(20, "a written reason of at least 20 characters").describe("Why the stack may weaken the recommendation. Shown to auditors."),
    approvedBy: z.string().min(2).optional().describe("Who approved the waiver."),
    /** Optional expiry; an expired waiver is refused. */
    expires: isoDate.optional().describe("Optional expiry; an expired waiver is refused."),
  })
  .strict();

export const stackConfigSchema = z
  .object({
    cloud: z.enum(CLOUDS).describe("Cloud the stack deploys to."),
    environment: z.enum(ENVIRONMENTS).describe("Environment of the stack; selects the preset its own values override."),
    primary: regionSchema.describe("Where the primary copies live."),
    dr: drSchema.describe("Where the disaster-recovery copies live."),
    network: networkSchema.describe("Network of the data tier and of the key vault."),
    database: databaseSchema.describe("The CENM database server (R3 recommendation 1: database replication)."),
    snapshots: snapshotsSchema.describe("Point-in-time recovery and scheduled snapshots (R3 recommendation 2: rolling database snapshots)."),
    fileStore: fileStoreSchema.describe("The replicated file store of the CENM service directories (R3 recommendation 3)."),
    keyVault: keyVaultSchema.describe("Copies of the signing keys (R3 recommendation 4: offline-style key storage)."),
    protection: protectionSchema.describe("Deletion protection of stateful resources."),
    signing: signingSchema.describe("CENM signing settings the recovery deadline depends on."),
    alerts: alertsSchema.describe("Who is told about failed backups and replica lag."),
    recoveryObjectives: recoveryObjectivesSchema.describe(
      "Recovery objectives per disruption (after AWS Resilience Hub's resiliency policies): the RPO and RTO the stack promises, each a duration. The audit judges the scenario's estimate against each (controls CENM-RO-01 to CENM-RO-05, errors) and shows the cloud's floor beside it; a target below that floor is refused, with the floor and its source. Exported as the `recoveryObjectives` stack output. The prod presets raise the malicious-deletion RPO to the cloud's floor: 2 h on AWS (hourly jobs, each starting within a start window of at least 60 minutes), 24 h on Azure (a daily locked backup).",
    ),
    tags: z.record(z.string().regex(/^[\w .:/=+@-]{1,128}$/, "a tag key of at most 128 characters"), z.string().max(256)).describe("Tags put on every resource."),
    waivers: z.array(waiverSchema).describe("Written waivers for prod rules and audit controls; exported as the `waivers` stack output."),
  })
  .strict();

export type StackConfig = z.infer<typeof stackConfigSchema>;
export type DatabaseConfig = StackConfig["database"];
export type SnapshotsConfig = StackConfig["snapshots"];
export type FileStoreConfig = StackConfig["fileStore"];
export type KeyVaultConfig = StackConfig["keyVault"];
// The schema of an offline copy must produce the domain's OfflineCopy exactly.
const offlineCopyMatches: z.infer<typeof offlineCopySchema> extends OfflineCopy ? (OfflineCopy extends z.infer<typeof offlineCopySchema> ? true : false) : false = true;
void offlineCopyMatches;
export type Waiver = z.infer<typeof waiverSchema>;
export type WaiverOrControlId = Waiver["id"];

/** The top-level keys a stack file may set under `cenm-backup:`. */
export const TOP_LEVEL_KEYS = Object.keys(stackConfigSchema.shape) as (keyof StackConfig)[];
