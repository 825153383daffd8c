/**
 * cenm-backup as a library: the cloud-neutral part. Importing it declares nothing and runs no stack.
 *
 * - `cenm-backup/aws`: the AWS components (ReplicatedDatabase, SnapshotSchedule, ReplicatedFileStore,
 *   OfflineKeyVault, DataNetwork, AlertTopic, EscrowAccessLog) and their args.
 * - `cenm-backup/azure`: the Azure components and their args.
 * - `cenm-backup` (this module): the vocabulary, the key-copy count, the recovery figures and platform limits, and
 *   the stack-configuration loader the package's own program uses.
 */
export * from "./domain/vocabulary";
export { countKeyCopies, describeKeyCopies, MIN_KEY_COPIES, type KeyCopyCount, type KeyCopyKind, type KeyCopyPlan } from "./domain/keyCopies";
export { FIGURES } from "./domain/figures";
export { checkPlatformLimits, PLATFORM_LIMITS, type LimitViolation, type PlatformLimit } from "./domain/limits";
export { ConfigError, type ConfigIssue } from "./config/errors";
export { loadStackConfig, type LoadedConfig, type RawConfig } from "./config/load";
export type { StackConfig } from "./config/schema";
export type { BackupElement, CopyDescriptor, CopyMode, ProtectionArgs } from "./components/types";
