/**
 * The package's vocabulary: clouds, environments, CENM services, database engines and topologies, lock modes, how
 * file shares are mounted, and what an offline key copy records. The bottom layer: no Pulumi, no zod. Config
 * validation builds its schema from these lists, and the components take their types.
 */

/** The Pulumi project, and the namespace of its stack configuration keys. */
export const PROJECT = "cenm-backup";

export const ENVIRONMENTS = ["dev", "staging", "prod"] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

export const CLOUDS = ["aws", "azure"] as const;
export type Cloud = (typeof CLOUDS)[number];

/** CENM services that own a database (each its own database and user). */
export const DATABASE_SERVICES = ["identity-manager", "network-map", "zone", "auth"] as const;
export type DatabaseService = (typeof DATABASE_SERVICES)[number];

/** CENM services whose whole directory the replicated file store holds. */
export const FILE_SERVICES = [
  "identity-manager",
  "network-map",
  "signer",
  "zone",
  "auth",
  "gateway",
  "angel",
  "pki-tool",
] as const;
export type FileService = (typeof FILE_SERVICES)[number];

export const ENGINES = ["postgres", "sqlserver", "oracle"] as const;
export type Engine = (typeof ENGINES)[number];

export const TOPOLOGIES = ["multi-az-cluster", "multi-az-instance", "single-az-instance"] as const;
export type Topology = (typeof TOPOLOGIES)[number];

export const LOCK_MODES = ["compliance", "governance"] as const;
export type LockMode = (typeof LOCK_MODES)[number];

/** How CENM hosts mount the Azure file shares (see `fileStore.smbAccess`). */
export const SMB_ACCESS = ["storage-key", "ad-ds", "entra-kerberos"] as const;
export type SmbAccess = (typeof SMB_ACCESS)[number];

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
