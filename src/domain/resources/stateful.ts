/**
 * The resource types whose loss loses CENM data or keys, once for every reader: the audit judges their protection
 * (CENM-GN-03), the plan summary counts how many are protected, and the change judgement (src/audit/change) says
 * what a replacement or deletion of one would lose.
 */
import { T } from "./awsTokens";
import { T as AZ } from "./azureTokens";

/** Per cloud. An Azure resource group counts: deleting it deletes every resource inside. */
export const STATEFUL_TYPES = {
  aws: [T.rdsCluster, T.rdsInstance, T.efsFileSystem, T.backupVault, T.backupAirGappedVault, T.bucket, T.bucketV2, T.kmsKey, T.kmsReplicaKey, T.hsmCluster],
  azure: [AZ.resourceGroup, AZ.postgresServer, AZ.sqlServer, AZ.sqlDatabase, AZ.storageAccount, AZ.backupVault, AZ.recoveryVault, AZ.keyVault, AZ.keyVaultKey],
} as const;

/** Every stateful type, of either cloud. */
export const ALL_STATEFUL_TYPES: ReadonlySet<string> = new Set<string>([...STATEFUL_TYPES.aws, ...STATEFUL_TYPES.azure]);

/**
 * Children of a stateful resource that hold part of its data themselves: deleting or replacing one deletes that
 * data although its parent stays (an Azure file share's files, a blob container's escrow blobs). The audit judges
 * the protection of the parent (STATEFUL_TYPES); the change judgement also judges changes to these.
 */
export const DATA_HOLDING_CHILD_TYPES: readonly string[] = [AZ.fileShare, AZ.blobContainer];

/** Every type whose replacement or deletion loses CENM data: the stateful types and the data-holding children. */
export const DATA_LOSING_TYPES: ReadonlySet<string> = new Set<string>([...ALL_STATEFUL_TYPES, ...DATA_HOLDING_CHILD_TYPES]);

/**
 * What a stateful resource holds, in a few words, for messages about losing it ("deletes ... with <holds>"). One
 * entry per type of DATA_LOSING_TYPES; a test holds the keys equal to it.
 */
export const STATEFUL_HOLDS: Readonly<Record<string, string>> = {
  [T.rdsCluster]: "the CENM databases it serves (a new cluster starts empty; its automated backups go with it unless kept)",
  [T.rdsInstance]: "the CENM databases it serves (a new instance starts empty; its automated backups go with it unless kept)",
  [T.efsFileSystem]: "the CENM service directories on it (a new file system starts empty)",
  [T.backupVault]: "its recovery points (AWS refuses to delete a vault that still holds any, so the change stops half done)",
  [T.backupAirGappedVault]: "its recovery points (AWS refuses to delete a vault that still holds any, so the change stops half done)",
  [T.bucket]: "every object version in it (the key escrow's wrapped keys or the access log)",
  [T.bucketV2]: "every object version in it (the key escrow's wrapped keys or the access log)",
  [T.kmsKey]: "the key material: whatever it encrypts (databases, snapshots, files, escrowed keys) becomes unreadable once its deletion window ends",
  [T.kmsReplicaKey]: "the DR region's copy of the key material, which the DR copies are encrypted with",
  [T.hsmCluster]: "the HSMs and the signing keys inside them",
  [AZ.resourceGroup]: "every resource in the group",
  [AZ.postgresServer]: "the CENM databases it serves (a new server starts empty; its point-in-time backups go with it)",
  [AZ.sqlServer]: "the CENM databases on it",
  [AZ.sqlDatabase]: "the CENM data in it",
  [AZ.storageAccount]: "the file shares or escrow blobs in it (Azure Files snapshot-tier backups live in the account too)",
  [AZ.backupVault]: "its backup instances and recovery points",
  [AZ.recoveryVault]: "its protected items and recovery points",
  [AZ.keyVault]: "its keys (a new vault starts without them; the old name stays held while soft deleted)",
  [AZ.keyVaultKey]: "the key: whatever it encrypts becomes unreadable",
  [AZ.fileShare]: "the CENM service directory it holds (its share snapshots go with it; soft delete keeps a deleted share only for its retention)",
  [AZ.blobContainer]: "the escrowed key material in it (a container holding locked versions cannot be deleted before they expire)",
};
