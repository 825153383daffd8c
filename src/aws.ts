/**
 * `cenm-backup/aws`: the AWS components of R3's four backup elements, for Pulumi programs that compose them into
 * their own networks (see examples/aws-existing-vpc). Importing it declares nothing.
 */
export { AlertTopic } from "./components/aws/AlertTopic";
export { DataNetwork, carveSubnetCidrs } from "./components/aws/DataNetwork";
export { EscrowAccessLog } from "./components/aws/EscrowAccessLog";
export { OfflineKeyVault } from "./components/aws/OfflineKeyVault";
export { ReplicatedDatabase } from "./components/aws/ReplicatedDatabase";
export { ReplicatedFileStore } from "./components/aws/ReplicatedFileStore";
export { SnapshotSchedule } from "./components/aws/SnapshotSchedule";
export * from "./components/aws/contracts";
export type { AccountContext } from "./components/aws/common";
export type { BackupElement, CopyDescriptor, CopyMode, ProtectionArgs } from "./components/types";
