/**
 * Cloud-neutral vocabulary the components use to say what they declared, for outputs, the plan summary and
 * auditors.
 */

/** How a copy follows the primary. */
export const CopyMode = {
  /** Every write is on the copy before it is acknowledged. */
  Synchronous: "synchronous",
  /** A write is acknowledged once one of several copies has it. */
  SemiSynchronous: "semi-synchronous",
  /** The copy follows behind, by a lag. */
  Asynchronous: "asynchronous",
  /** A recovery point taken at a moment: a backup or a snapshot. */
  PointInTime: "point-in-time",
} as const;
export type CopyMode = (typeof CopyMode)[keyof typeof CopyMode];

/** R3's four backup elements. */
export const BackupElement = {
  /** Database replication. */
  Database: "database",
  /** Rolling database snapshots. */
  Snapshots: "snapshots",
  /** Replicated file storage. */
  Files: "files",
  /** Offline-style key storage. */
  Keys: "keys",
} as const;
export type BackupElement = (typeof BackupElement)[keyof typeof BackupElement];

/** One CENM service's database and the user the DBA bootstrap creates for it (each service its own). */
export interface ServiceDatabase {
  /** The CENM service, e.g. identity-manager. */
  service: string;
  /** Name of the service's database. */
  name: string;
  /** The service's database user (its password comes from the team's secret store, never from this package). */
  user: string;
}

/** One copy of CENM data a component declared. */
export interface CopyDescriptor {
  /**
   * Which of R3's four elements the copy belongs to.
   */
  element: BackupElement;
  /** What the copy is: primary, standby, cross-region-replica, vault, dr-vault-copy, escrow... */
  role: string;
  /** Logical name of the resource that holds it. */
  resource: string;
  /**
   * Region of the copy.
   */
  region: string;
  /** Zones the copy spans (empty where the cloud does not pin it to zones). */
  availabilityZones: string[];
  /**
   * How the copy follows the primary.
   */
  mode: CopyMode;
  /** Recovery point objective of this copy, with the documented figure it rests on. */
  rpo: string;
  /**
   * The same recovery point objective in seconds, where one figure of the figures table (src/domain/figures) gives
   * it; absent where the RPO depends on something else (the last key ceremony, an operator's record).
   * @default none
   */
  rpoSeconds?: number;
  /** The mechanism, in a few words. */
  mechanism: string;
}

/** Whether stateful children are protected from deletion, and who may break the glass. */
export interface ProtectionArgs {
  /** Provider deletion protection, Pulumi `protect` and `retainOnDelete`, KMS deletion denied (required: no default). */
  enabled: boolean;
  /**
   * IAM principal ARN exempt from the KMS key denies (deletion, disabling and, only when this is set, policy
   * changes) and from the vault-only bucket policies. With protection on, a key policy change must then be
   * deployed as this principal. It must belong to the keys' own account: KMS lets no other account manage a key.
   * @default none (nobody is exempt, and key policies stay changeable by whoever IAM allows)
   */
  breakGlassPrincipalArn?: string;
}
