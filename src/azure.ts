/**
 * `cenm-backup/azure`: the Azure components of R3's four backup elements, for Pulumi programs that compose them
 * into their own virtual networks (see examples/azure-existing-vnet). Importing it declares nothing.
 */
export { AzureNetwork, carveDataSubnets } from "./components/azure/AzureNetwork";
export { OfflineKeyVault } from "./components/azure/OfflineKeyVault";
export { ReplicatedDatabase } from "./components/azure/ReplicatedDatabase";
export { ReplicatedFileStore } from "./components/azure/ReplicatedFileStore";
export { SnapshotSchedule } from "./components/azure/SnapshotSchedule";
export * from "./components/azure/contracts";
export type { ClientContext } from "./components/azure/client";
export type { BackupElement, CopyDescriptor, CopyMode, ProtectionArgs } from "./components/types";
