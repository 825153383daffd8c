/**
 * The resource types whose loss loses CENM data or keys, once for every reader: the audit judges their protection
 * (CENM-GN-03) and the plan summary counts how many are protected.
 */
import { T } from "./awsTokens";

/** Per cloud. An Azure resource group counts: deleting it deletes every resource inside. */
export const STATEFUL_TYPES = {
  aws: [T.rdsCluster, T.rdsInstance, T.efsFileSystem, T.backupVault, T.backupAirGappedVault, T.bucket, T.bucketV2, T.kmsKey, T.kmsReplicaKey, T.hsmCluster],
  azure: [
    "azure-native:resources:ResourceGroup",
    "azure-native:dbforpostgresql:Server",
    "azure-native:sql:Server",
    "azure-native:sql:Database",
    "azure-native:storage:StorageAccount",
    "azure-native:dataprotection:BackupVault",
    "azure-native:recoveryservices:Vault",
    "azure-native:keyvault:Vault",
    "azure-native:keyvault:Key",
  ],
} as const;

/** Every stateful type, of either cloud. */
export const ALL_STATEFUL_TYPES: ReadonlySet<string> = new Set<string>([...STATEFUL_TYPES.aws, ...STATEFUL_TYPES.azure]);
