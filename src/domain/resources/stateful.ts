/**
 * The resource types whose loss loses CENM data or keys, once for every reader: the audit judges their protection
 * (CENM-GN-03) and the plan summary counts how many are protected.
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
