/** Type tokens of the Azure resources the readers interpret (`@pulumi/azure-native`, default API versions). */
export const T = {
  resourceGroup: "azure-native:resources:ResourceGroup",
  lockByScope: "azure-native:authorization:ManagementLockByScope",
  lockAtResourceGroup: "azure-native:authorization:ManagementLockAtResourceGroupLevel",
  lockAtResource: "azure-native:authorization:ManagementLockAtResourceLevel",
  lockAtSubscription: "azure-native:authorization:ManagementLockAtSubscriptionLevel",
  postgresServer: "azure-native:dbforpostgresql:Server",
  postgresFirewallRule: "azure-native:dbforpostgresql:FirewallRule",
  postgresEntraAdmin: "azure-native:dbforpostgresql:AdministratorsMicrosoftEntra",
  postgresAdmin: "azure-native:dbforpostgresql:Administrator",
  sqlServer: "azure-native:sql:Server",
  sqlDatabase: "azure-native:sql:Database",
  sqlFailoverGroup: "azure-native:sql:FailoverGroup",
  sqlShortTermRetention: "azure-native:sql:BackupShortTermRetentionPolicy",
  sqlFirewallRule: "azure-native:sql:FirewallRule",
  backupVault: "azure-native:dataprotection:BackupVault",
  backupPolicy: "azure-native:dataprotection:BackupPolicy",
  backupInstance: "azure-native:dataprotection:BackupInstance",
  recoveryVault: "azure-native:recoveryservices:Vault",
  protectionPolicy: "azure-native:recoveryservices:ProtectionPolicy",
  protectedItem: "azure-native:recoveryservices:ProtectedItem",
  protectionContainer: "azure-native:recoveryservices:ProtectionContainer",
  alertProcessingRule: "azure-native:alertsmanagement:AlertProcessingRuleByName",
  actionGroup: "azure-native:monitor:ActionGroup",
  storageAccount: "azure-native:storage:StorageAccount",
  fileShare: "azure-native:storage:FileShare",
  fileService: "azure-native:storage:FileServiceProperties",
  blobContainer: "azure-native:storage:BlobContainer",
  keyVault: "azure-native:keyvault:Vault",
  keyVaultKey: "azure-native:keyvault:Key",
  privateEndpoint: "azure-native:network:PrivateEndpoint",
  networkSecurityGroup: "azure-native:network:NetworkSecurityGroup",
  securityRule: "azure-native:network:SecurityRule",
} as const;

export const LOCK_TYPES = [T.lockByScope, T.lockAtResourceGroup, T.lockAtResource, T.lockAtSubscription];
export const VAULT_TYPES = [T.backupVault, T.recoveryVault];
/** Resources a backup instance or protected item can name as its data source. */
export const DATA_SOURCE_TYPES = [T.postgresServer, T.sqlServer, T.sqlDatabase, T.storageAccount, T.fileShare, T.blobContainer];
