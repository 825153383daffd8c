/**
 * The package's vocabulary: clouds, environments, CENM services, database engines and topologies, lock modes, how
 * file shares are mounted, and what an offline key copy records. The bottom layer: no Pulumi, no zod. Config
 * validation builds its schema from these lists, and the components take their types.
 *
 * A value the components take from this vocabulary comes as a constant object (member name to value) and a type of
 * the same name (the union of its values): the shape Pulumi's schema inference turns into an enum of the component
 * package (see src/plugin). The lists beside them (`ENVIRONMENTS`...) give the same values in order.
 */

/** The Pulumi project, and the namespace of its stack configuration keys. */
export const PROJECT = "cenm-backup";

/** dev, staging or prod: decides lock modes, protection and presets wherever the args leave them open. */
export const Environment = {
  /** Development (the stack presets leave deletion protection off and take governance locks). */
  Dev: "dev",
  /** Staging (the presets protect stateful resources and take governance locks). */
  Staging: "staging",
  /** Production (the presets take compliance locks; exceptions need a written waiver). */
  Prod: "prod",
} as const;
export type Environment = (typeof Environment)[keyof typeof Environment];
export const ENVIRONMENTS = [Environment.Dev, Environment.Staging, Environment.Prod] as const;

export const CLOUDS = ["aws", "azure"] as const;
export type Cloud = (typeof CLOUDS)[number];

/** CENM services that own a database (each its own database and user). */
export const DATABASE_SERVICES = ["identity-manager", "network-map", "zone", "auth"] as const;
export type DatabaseService = (typeof DATABASE_SERVICES)[number];

/** CENM services whose whole directory the replicated file store holds. */
export const FileService = {
  IdentityManager: "identity-manager",
  NetworkMap: "network-map",
  Signer: "signer",
  Zone: "zone",
  Auth: "auth",
  Gateway: "gateway",
  Angel: "angel",
  PkiTool: "pki-tool",
} as const;
export type FileService = (typeof FileService)[keyof typeof FileService];
export const FILE_SERVICES = [
  FileService.IdentityManager,
  FileService.NetworkMap,
  FileService.Signer,
  FileService.Zone,
  FileService.Auth,
  FileService.Gateway,
  FileService.Angel,
  FileService.PkiTool,
] as const;

/** Database engines CENM supports in production (H2 is for tests only). */
export const Engine = {
  /** PostgreSQL. */
  Postgres: "postgres",
  /** Microsoft SQL Server. */
  SqlServer: "sqlserver",
  /** Oracle Database. */
  Oracle: "oracle",
} as const;
export type Engine = (typeof Engine)[keyof typeof Engine];
export const ENGINES = [Engine.Postgres, Engine.SqlServer, Engine.Oracle] as const;

/** How the database is replicated inside its primary region. */
export const Topology = {
  /** A writer and two readable standbys in three zones (AWS only: a Multi-AZ DB cluster, PostgreSQL). */
  MultiAzCluster: "multi-az-cluster",
  /** A primary with a synchronous standby in another zone. */
  MultiAzInstance: "multi-az-instance",
  /** One server in one zone, no standby (dev). */
  SingleAzInstance: "single-az-instance",
} as const;
export type Topology = (typeof Topology)[keyof typeof Topology];
export const TOPOLOGIES = [Topology.MultiAzCluster, Topology.MultiAzInstance, Topology.SingleAzInstance] as const;

/** Who generates and keeps the password of an AWS database's master user. */
export const MasterPassword = {
  /** RDS generates it, keeps it in a Secrets Manager secret of its own and rotates it (RDS then refuses read replicas but for SQL Server). */
  RdsManaged: "rds-managed",
  /** The package generates it (a Pulumi secret) and keeps it in a Secrets Manager secret it declares, replicated to the DR region. */
  Generated: "generated",
} as const;
export type MasterPassword = (typeof MasterPassword)[keyof typeof MasterPassword];
export const MASTER_PASSWORDS = [MasterPassword.RdsManaged, MasterPassword.Generated] as const;

/** How a lock on backups or escrowed keys can be lifted. */
export const LockMode = {
  /** Nobody, the account or subscription owner included, can shorten or lift it. */
  Compliance: "compliance",
  /** Principals with a specific permission can lift it. */
  Governance: "governance",
} as const;
export type LockMode = (typeof LockMode)[keyof typeof LockMode];
export const LOCK_MODES = [LockMode.Compliance, LockMode.Governance] as const;

/** How CENM hosts mount the Azure file shares (see `fileStore.smbAccess`). */
export const SmbAccess = {
  /** The storage account key over SMB 3.1.1 (any Linux host). */
  StorageKey: "storage-key",
  /** Kerberos from the operator's Active Directory (domain-joined hosts). */
  AdDs: "ad-ds",
  /** Microsoft Entra Kerberos (Entra-joined Windows clients with hybrid identities). */
  EntraKerberos: "entra-kerberos",
} as const;
export type SmbAccess = (typeof SmbAccess)[keyof typeof SmbAccess];
export const SMB_ACCESS = [SmbAccess.StorageKey, SmbAccess.AdDs, SmbAccess.EntraKerberos] as const;

/** Where the Azure share backups live (see `fileStore.backupTier`). */
export const FilesBackupTier = {
  /** Each day's recovery point copied into the Recovery Services vault (vaulted backup). */
  VaultStandard: "vault-standard",
  /** Share snapshots kept in the storage account only. */
  Snapshot: "snapshot",
} as const;
export type FilesBackupTier = (typeof FilesBackupTier)[keyof typeof FilesBackupTier];
export const FILES_BACKUP_TIERS = [FilesBackupTier.VaultStandard, FilesBackupTier.Snapshot] as const;

/** A copy of the signing keys kept outside the cloud, as the operator records it (never created by the package). */
export interface OfflineCopy {
  /** Operator's identifier of the copy, e.g. the HSM backup token's serial. */
  id: string;
  /** Where it is kept (site, safe). */
  location: string;
  /** What it is kept on (HSM backup token, smart cards, encrypted USB in a safe...). */
  medium: string;
  /** The people who must be present to use it (two-person control: at least two). */
  custodians: string[];
  /** When the copy was last checked to be readable (YYYY-MM-DD). */
  lastVerified: string;
}
