/**
 * The components of the component package, and nothing else: Pulumi's plugin runner collects every
 * ComponentResource class this module exports and serves them through `componentProviderHost` (see index.ts at
 * the root). Importing it declares nothing.
 */
export { AwsAlertTopic, AwsDataNetwork, AwsEscrowAccessLog, AwsOfflineKeyVault, AwsReplicatedDatabase, AwsReplicatedFileStore, AwsSnapshotSchedule } from "./aws";
export { AzureNetwork, AzureOfflineKeyVault, AzureReplicatedDatabase, AzureReplicatedFileStore, AzureSnapshotSchedule } from "./azure";
