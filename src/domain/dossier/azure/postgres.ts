/** Dossier rows (see ../types.ts) of Azure Database for PostgreSQL flexible server (servers, databases, configurations, administrators, virtual endpoints), Azure SQL, and the Data Protection backup vault that backs them up. */
import type { DossierRow } from "../types";

/** Pages and provider sources the rows cite, each read for what the rows say. */
const PG = "https://learn.microsoft.com/azure/postgresql";
const U = {
  storage: `${PG}/compute-storage/concepts-storage`,
  autogrow: `${PG}/compute-storage/concepts-storage-premium-ssd`,
  ha: `${PG}/high-availability/concepts-high-availability`,
  backup: `${PG}/backup-restore/concepts-backup-restore`,
  encryption: `${PG}/security/security-data-encryption`,
  entraRoles: `${PG}/security/security-manage-entra-users`,
  tls: `${PG}/security/security-tls`,
  replicas: `${PG}/read-replica/concepts-read-replicas`,
  /** Promotion: HA and geo-redundant backup are not carried over; HA is configured on the promoted primary. */
  replicaPromote: `${PG}/read-replica/concepts-read-replicas-promote`,
  virtualEndpoints: `${PG}/read-replica/concepts-read-replicas-virtual-endpoints`,
  virtualEndpointsCreate: `${PG}/read-replica/how-to-create-virtual-endpoints`,
  /** azurerm's flexible-server page: zones swap after a failover, storage only grows, what forces a new server. */
  azurermServerDoc: "https://github.com/hashicorp/terraform-provider-azurerm/blob/main/website/docs/r/postgresql_flexible_server.html.markdown",
  /** azurerm's virtual endpoint resource: sends the replica as the member and reads back [primary, replica]. */
  azurermEndpoint: "https://github.com/hashicorp/terraform-provider-azurerm/blob/main/internal/services/postgres/postgresql_flexible_server_virtual_endpoint_resource.go",
  /** azure-native's diff: path parameters and properties marked forceNew replace the resource; the rest updates it. */
  nativeDiff: "https://github.com/pulumi/pulumi-azure-native/blob/master/provider/pkg/provider/diff.go",
  /** azure-native's enums of the flexible-server API (CreateMode, PrincipalType), generated from the REST spec. */
  nativeEnums: "https://github.com/pulumi/pulumi-azure-native/blob/master/sdk/nodejs/types/enums/dbforpostgresql/index.ts",
  /** Turning password sign-in on for an existing server needs admin credentials (Azure CLI issue, the API's error). */
  passwordAuthLater: "https://github.com/Azure/azure-cli/issues/29346",
  armDatabaseOwner: "https://github.com/hashicorp/terraform-provider-azurerm/issues/27895",
  vaultSupport: "https://learn.microsoft.com/azure/backup/backup-azure-database-postgresql-flex-support-matrix",
  vaultPolicy: "https://learn.microsoft.com/azure/backup/backup-azure-database-postgresql-flex-use-rest-api-create-update-policy",
  vaultRestGuide: "https://learn.microsoft.com/azure/backup/backup-azure-database-postgresql-flex-use-rest-api",
  vaultRestore: "https://learn.microsoft.com/azure/backup/restore-azure-database-postgresql-flex",
  vaultCmk: "https://learn.microsoft.com/azure/backup/encryption-at-rest-with-cmk-for-backup-vault",
  vaultImmutable: "https://learn.microsoft.com/azure/backup/backup-azure-immutable-vault-concept",
  vaultOverview: "https://learn.microsoft.com/azure/backup/backup-vault-overview",
  /** azurerm's backup vault page: redundancy forces a new vault, cross-region restore and AlwaysOn cannot be undone. */
  azurermVaultDoc: "https://github.com/hashicorp/terraform-provider-azurerm/blob/main/website/docs/r/data_protection_backup_vault.html.markdown",
  /** azurerm's flexible-server backup policy: every field forces a new policy. */
  azurermPolicy: "https://github.com/hashicorp/terraform-provider-azurerm/blob/main/internal/services/dataprotection/data_protection_backup_policy_postgresql_flexible_server_resource.go",
  /** Pulumi's resource options: deletedWith skips a resource's delete when the named resource is deleted too. */
  azurermSqlServer: "https://github.com/hashicorp/terraform-provider-azurerm/blob/main/website/docs/r/mssql_server.html.markdown",
  azurermSqlDatabase: "https://github.com/hashicorp/terraform-provider-azurerm/blob/main/website/docs/r/mssql_database.html.markdown",
  azurermFailoverGroup: "https://github.com/hashicorp/terraform-provider-azurerm/blob/main/website/docs/r/mssql_failover_group.html.markdown",
  sqlBackups: "https://learn.microsoft.com/azure/azure-sql/database/automated-backups-overview",
  sqlFailoverGroups: "https://learn.microsoft.com/azure/azure-sql/database/failover-group-sql-db",
  pulumiDeletedWith: "https://github.com/pulumi/pulumi/blob/master/sdk/nodejs/resource.ts",
  /** azure-native's delete of a server parameter: a PUT of the parameter's default value and source, not an ARM DELETE. */
  nativePgConfig: "https://github.com/pulumi/pulumi-azure-native/blob/master/provider/pkg/resources/customresources/custom_postgres_config.go",
  /** Management locks: a lock on a resource covers its child resources; Azure refuses their deletion (ScopeLocked). */
  locks: "https://learn.microsoft.com/azure/azure-resource-manager/management/lock-resources",
  /** azurerm's flexible-server resource: a smaller version or storage size forces a new server; zones change only by a swap (a failover), the standby zone is not updated. */
  azurermServerGo: "https://github.com/hashicorp/terraform-provider-azurerm/blob/main/internal/services/postgres/postgresql_flexible_server_resource.go",
  /** A user's report: after autogrow, an update carrying the first disk size fails ("cannot be less than current size"). */
  shrinkRefused: "https://github.com/astronomer/deploy-action/issues/33",
  /** azure-native's update: one PUT built from every input (PATCH only where the API has no PUT). */
  nativeCrud: "https://github.com/pulumi/pulumi-azure-native/blob/master/provider/pkg/provider/crud/crud.go",
  /** azure-native's Read: a refresh carries every property changed in Azure into the stored inputs; its delete of a server parameter. */
  nativeProvider: "https://github.com/pulumi/pulumi-azure-native/blob/master/provider/pkg/provider/provider.go",
  /** Pulumi's project file: options.refresh always refreshes before every update, preview and destroy. */
  pulumiProject: "https://www.pulumi.com/docs/iac/concepts/projects/project-file/",
} as const;

const SERVER = "azure-native:dbforpostgresql:Server";
const ADMIN = "azure-native:dbforpostgresql:AdministratorsMicrosoftEntra";
const CONFIGURATION = "azure-native:dbforpostgresql:Configuration";
const ENDPOINT = "azure-native:dbforpostgresql:VirtualEndpoint";
const DATABASE = "azure-native:dbforpostgresql:Database";
const VAULT = "azure-native:dataprotection:BackupVault";
const POLICY = "azure-native:dataprotection:BackupPolicy";
const INSTANCE = "azure-native:dataprotection:BackupInstance";
const SQL_SERVER = "azure-native:sql:Server";
const SQL_DATABASE = "azure-native:sql:Database";
const SQL_PITR = "azure-native:sql:BackupShortTermRetentionPolicy";
const SQL_LTR = "azure-native:sql:LongTermRetentionPolicy";
const SQL_FAILOVER = "azure-native:sql:FailoverGroup";
const SQL_WHEN = "database.engine is sqlserver (no shipped stack)";

export const POSTGRES_ROWS: readonly DossierRow[] = [
  // ----- Flexible server -----
  {
    type: SERVER,
    properties: ["createMode"],
    update: "provider-decided",
    sets: `"Default" on the primary: the API's CreateMode enum says Default creates a server that does not exist and updates one that does, while "Create" is described only as creating one. "Replica" on the DR read replica (see sourceServerResourceId).`,
    lifecycle: "Read by Azure when the PUT is sent; a restore or replica is a new server of its own (Azure never restores over an existing one). azure-native sends a changed body property as an update unless its metadata marks it create-only, which replaces the server; with protect on, Pulumi refuses the replacement instead.",
    sources: [U.nativeEnums, U.nativeDiff, U.backup],
  },
  {
    type: SERVER,
    properties: ["version"],
    update: "provider-decided",
    sets: "The major version of the configured engine version (CENM 1.7 supports PostgreSQL 12-16; the shipped stacks use 16).",
    lifecycle: "Chosen at creation. azurerm updates a server in place to a higher major version and forces a new server only for a lower one; azure-native sends the change as an update unless its metadata marks the property create-only. Changing it on a deployed stack is a major version upgrade to plan, not a routine update.",
    sources: [U.azurermServerGo, U.nativeDiff],
  },
  {
    type: SERVER,
    properties: ["sku"],
    update: "in-place",
    sets: "The configured SKU and its tier (Standard_B* Burstable in dev, D series General Purpose, E series Memory Optimized). High availability and read replicas need General Purpose or Memory Optimized (limits azure-postgres-high-availability, azure-postgres-replica-tier).",
    lifecycle: "Updated in place by a compute scale: with high availability the standby is scaled first, then the primary, without a failover. Burstable refuses zone-redundant high availability and read replicas. A read replica to be promoted to primary must keep the primary's tier and storage size.",
    sources: [U.ha, U.replicas],
  },
  {
    type: SERVER,
    properties: ["storage"],
    update: "in-place",
    sets: "storageSizeGB from the config (one of Azure's fixed sizes, at most 1 TB while the vault backs the server up) with autoGrow Enabled, on the primary and on the replica. The size is ignored after creation (ignoreChanges storage.storageSizeGB), and the project refreshes before every operation (Pulumi.yaml options.refresh always).",
    lifecycle: "Autogrow doubles the disk to the next size when free space falls under 20% (10% above 1 TiB) or 64 GiB, online except across 4096 GiB; storage only scales up, and an update asking for less than the current size is refused. azure-native updates the server with one PUT built from every input, and for an ignored input Pulumi sends the value it stored: without a refresh, the first size, so any later change of the server would fail after a growth. A refresh makes the stored size Azure's current one (azure-native's Read carries changed properties into the inputs), which the next PUT then repeats harmlessly. Fixed sizes: limit azure-postgres-storage-size; not resent: azure-postgres-live-inputs-not-resent; vaulted backups: azure-postgres-vaulted-backup-size.",
    sources: [U.autogrow, U.storage, U.shrinkRefused, U.nativeCrud, U.nativeProvider, U.pulumiProject, U.vaultSupport],
  },
  {
    type: SERVER,
    properties: ["availabilityZone", "highAvailability"],
    update: { availabilityZone: "provider-decided", highAvailability: "in-place" },
    sets: "multi-az-instance: the primary in the first configured zone and highAvailability ZoneRedundant with the standby in the second; single-az-instance (dev): the first zone and mode Disabled. Both zone fields are ignored after creation (ignoreChanges), and the project refreshes before every operation (Pulumi.yaml options.refresh always).",
    lifecycle: "High availability can be added to or removed from an existing server; the standby is synchronous, not readable, has the primary's configuration, and there is no second standby; zone-redundant failover takes 60-120 s with no data loss. After a failover Azure reports the primary in the former standby zone and the standby in the former primary zone. azurerm changes the zone only by swapping it with the standby's (a failover) and never updates an existing standby zone; azure-native's PUT carries both zones, and for ignored inputs Pulumi sends the stored values: after a refresh these are the swapped zones, so an update leaves the pair where it is, while the declared (pre-failover) zones would ask for a failover back or be refused. Limit azure-postgres-live-inputs-not-resent. Not offered on Burstable or on a read replica.",
    sources: [U.ha, U.azurermServerGo, U.nativeCrud, U.nativeProvider, U.pulumiProject, U.replicas],
  },
  {
    type: SERVER,
    properties: ["backup"],
    update: { backup: "in-place", "backup.geoRedundantBackup": "provider-decided" },
    sets: "backupRetentionDays = snapshots.pointInTimeDays (7-35); geoRedundantBackup Enabled when the stack keeps DR backups (staging, prod), Disabled in dev.",
    lifecycle: "Retention can be set at creation and changed later. Geo-redundant backup storage can be chosen only when the server is created and never changed after; its copies reach the paired region asynchronously with up to an hour of delay, and geo-restore creates a new server there. Azure takes no backups of a read replica and refuses it geo-redundant backup (limit azure-postgres-replica-no-high-availability), so the DR replica declares no backup; once promoted, its backups start, and the runbook sets the primary's retention on it (Microsoft's promotion page lists no retention carried over).",
    sources: [U.backup, U.replicas, U.replicaPromote],
  },
  {
    type: SERVER,
    properties: ["network"],
    update: "provider-decided",
    sets: "delegatedSubnetResourceId (the network component's delegated PostgreSQL subnet), privateDnsZoneArmResourceId (its postgres.database.azure.com zone) and publicNetworkAccess Disabled. The zone's id is handed out once the zone is linked to both networks, and the DR subnet's once both peerings exist, so the servers are created after the links and the DR replica after the peerings it streams over.",
    lifecycle: "The delegated subnet and the private DNS zone are given at creation; azurerm forces a new server when the subnet changes. Public network access applies only to servers without virtual-network integration, and azurerm requires it false with a delegated subnet. A server in a virtual network restores only into a virtual network, and geo-restores into one of the paired region.",
    sources: [U.azurermServerDoc, U.backup],
  },
  {
    type: SERVER,
    properties: ["authConfig"],
    update: "in-place",
    sets: "activeDirectoryAuth Enabled, passwordAuth Disabled, tenantId of the deploying client, on the primary and on the DR read replica alike: no password exists; the Entra administrator (AdministratorsMicrosoftEntra) is the way in (limit azure-postgres-entra-administrator). The replica declares the primary's sign-in because a promotion does not change it (limit azure-postgres-replica-keeps-source-sign-in).",
    lifecycle: "Set at creation. Turning password sign-in on later needs administrator credentials the package never declares (the API refuses without them). With password sign-in off, the CENM databases are created by the DBA bootstrap, not through ARM (limit azure-postgres-database-owner). Replicas: a replica takes every user account of the primary; promotion leaves a replica set up with PostgreSQL (password) authentication on it, even when the primary took Entra, until Entra is turned on by hand. Microsoft lists the authentication method among a replica's settings adjustable after its creation, not among those chosen at it, and azurerm sends the authentication block in the create request whatever the create mode: should Azure not apply it at creation, the refresh before the next up shows the difference and that up sets it, in place.",
    sources: [U.entraRoles, U.passwordAuthLater, U.replicas, U.replicaPromote, U.azurermServerGo, U.armDatabaseOwner],
  },
  {
    type: SERVER,
    properties: ["dataEncryption", "identity"],
    update: { dataEncryption: "provider-decided", identity: "in-place" },
    sets: "AzureKeyVault with a versionless RSA-HSM key URI and a user-assigned identity holding Key Vault Crypto Service Encryption User on the key's vault; with geo-redundant backup a second key and identity in the paired region (geoBackupKeyURI, geoBackupUserAssignedIdentityId). identity lists every user-assigned identity used.",
    lifecycle: "Service- or customer-managed keys are chosen at creation and never switched. A versionless URI follows the key's rotation. The geo-backup key must live in a key vault of the geo-backup region and needs its own identity; a replica's key lives in the replica's region. A key vault firewall must let trusted Microsoft services through (limit azure-postgres-cmk-key-vault-reachable); a disabled, deleted or unreachable key makes the server Inaccessible within about an hour.",
    sources: [U.encryption],
  },
  {
    type: SERVER,
    properties: ["maintenanceWindow"],
    update: "in-place",
    sets: "A custom window on Sunday (dayOfWeek 0) at 04:00 UTC, after the nightly backup hours.",
    lifecycle: "Updated in place; the window is in UTC, days counted from Sunday = 0; without a custom window Azure uses a system-managed one. With high availability, maintenance runs on the standby first, and customer-initiated management tasks cannot be scheduled inside the managed window. Adjustable on a replica.",
    sources: [U.azurermServerDoc, U.ha, U.replicas],
  },
  {
    type: SERVER,
    properties: ["sourceServerResourceId"],
    update: "provider-decided",
    sets: "The primary's id on the DR read replica (createMode Replica, database.crossRegionReplica: azure-prod's preset, azure-sandbox), in the paired DR region with its own key and identity there, and the primary's SKU, tier, storage size and sign-in. It declares neither highAvailability nor backup: a read replica can have neither high availability nor geo-redundant backup (limit azure-postgres-replica-no-high-availability), and the runbook gives the promoted server zone-redundant high availability and the primary's backup retention once it is primary and Ready.",
    lifecycle: "Read at creation: the replica is filled from the primary (geo-replicas from a base backup, minutes to hours) and streams asynchronously after. Creating, deleting or promoting a replica puts the primary in an updating state during which its management operations (parameter changes, high-availability changes, firewall rules) are unavailable, while it keeps serving reads and writes. The replica takes the primary's user accounts but not its firewall rules; Azure takes no backups of it and it can have neither high availability nor geo-redundant backup; to be promoted to primary it keeps the primary's tier and storage size. Promotion carries neither high availability nor geo-redundant backup over: HA is set on the promoted server afterwards, geo-redundant backup never (it is chosen when a server is created). Azure makes no existing server a replica; azure-native sends a changed source as an update unless its metadata marks the property create-only, in which case it replaces the replica (with protect on, Pulumi refuses the replacement).",
    sources: [U.replicas, U.replicaPromote, U.encryption, U.nativeDiff],
  },
  // ----- Entra administrator -----
  {
    type: ADMIN,
    properties: ["objectId", "principalName", "principalType", "tenantId"],
    update: { objectId: "replaces", principalName: "provider-decided", principalType: "provider-decided", tenantId: "provider-decided" },
    sets: "The configured Entra principal (database.entraAdministrator): its object id, its name, principalType \"group\" by default (the API's values: user, group, servicePrincipal), and the deploying client's tenant. Declared first in the server's chain: password sign-in is off. Retained on delete where the server carries its CanNotDelete lock (outside dev, protection on).",
    lifecycle: "Created through ARM (Microsoft's page names the portal and the ARM API as the ways to add or remove an administrator, the SDKs and CLI not yet); an administrator is a member of azure_pg_admin with CREATEROLE and CREATEDB and creates the other Entra roles in SQL (pgaadauth_create_principal), which the DBA bootstrap does. A role name must match the Entra principal's name (a group's display name). objectId is a path parameter: a new one replaces the administrator, the new one created before the old one is deleted, and the server's lock refuses that delete (a child resource), so the old one is retained and stays an administrator until removed by hand (README, Changing the Entra administrator; limit azure-lock-blocks-replacement). Without a lock (dev) deleting the resource removes the administrator.",
    sources: [U.entraRoles, U.nativeEnums, U.nativeDiff, U.locks],
  },
  {
    type: ADMIN,
    properties: ["serverName"],
    update: "replaces",
    sets: "The primary server's name (a replica inherits the primary's accounts).",
    lifecycle: "A path parameter: changing it replaces the administrator (retained on delete under the server's lock, as for objectId). Azure applies one change at a time to a server, so the package chains the server's children after it.",
    sources: [U.nativeDiff, U.replicas, U.locks],
  },
  // ----- Server parameters -----
  {
    type: CONFIGURATION,
    properties: ["configurationName", "value", "source"],
    update: { configurationName: "replaces", value: "in-place", source: "in-place" },
    sets: "require_secure_transport = on and ssl_min_protocol_version = TLSv1.2, source user-override, on the primary and on the replica. 1.2 rather than the recommended 1.3 so that CENM's JDBC clients on older Java runtimes still connect.",
    lifecycle: "Server parameters change in place (a read replica may set most of them apart from its primary). Azure supports TLS 1.2 and 1.3 only and refuses older versions by default; require_secure_transport off would allow unencrypted connections (supported, not recommended); Microsoft recommends TLSv1.3 as the minimum and no maximum. A parameter cannot be deleted: azure-native's delete reads the parameter's default value and source and PUTs them back, resetting it, so a destroy or a removal from the program resets the setting, and the server's CanNotDelete lock (which refuses deletions only) does not stand in the way.",
    sources: [U.tls, U.replicas, U.nativePgConfig],
  },
  {
    type: CONFIGURATION,
    properties: ["serverName"],
    update: "replaces",
    sets: "The server the parameter belongs to (primary or replica); the settings of a server are chained one after the other.",
    lifecycle: "A path parameter: changing it replaces the resource. Parameters changed on the primary of a high-availability pair apply to its standby too.",
    sources: [U.nativeDiff, U.ha],
  },
  // ----- Virtual endpoint (only with a replica) -----
  {
    type: ENDPOINT,
    properties: ["serverName", "virtualEndpointName", "endpointType"],
    update: { serverName: "replaces", virtualEndpointName: "replaces", endpointType: "provider-decided" },
    sets: "A ReadWrite pair named <primary>-rw on the primary server: CENM connects to <name>.writer.postgres.database.azure.com.",
    lifecycle: "Virtual endpoints are managed on the primary; the writer endpoint always points at the current primary and follows a promotion to primary. Path parameters: a new name or server replaces the endpoint.",
    sources: [U.virtualEndpoints, U.virtualEndpointsCreate, U.nativeDiff],
  },
  {
    type: ENDPOINT,
    properties: ["members"],
    update: "in-place",
    sets: "The replica's name: the read-only endpoint targets it, as in Microsoft's CLI how-to and azurerm (which reads back [primary, replica]).",
    lifecycle: "A promotion to primary works only while the read-only endpoint points at the replica being promoted; pointing it at the primary is not supported then (limit azure-postgres-virtual-endpoint-member). The target can be changed before or after a promotion.",
    sources: [U.virtualEndpoints, U.virtualEndpointsCreate, U.azurermEndpoint],
  },
  {
    type: DATABASE,
    properties: ["databaseName", "serverName", "charset", "collation"],
    update: { databaseName: "replaces", serverName: "replaces", charset: "provider-decided", collation: "provider-decided" },
    when: "never on a server with password sign-in off (every shipped stack): the DBA bootstrap creates the CENM databases",
    sets: "Nothing today: ARM takes no database owner, so the CENM databases come from the bootstrap SQL, each owned by its service's role.",
    lifecycle: "A database ARM creates on an Entra-only server may be owned by azuresu (a user's report), which Azure Backup's vaulted backups skip, as they skip azure_pg_admin's databases. Limit azure-postgres-database-owner refuses such a declaration.",
    sources: [U.vaultSupport, U.armDatabaseOwner],
  },
  // ----- Data Protection backup vault -----
  {
    type: VAULT,
    properties: ["identity"],
    update: "in-place",
    sets: "SystemAssigned: the vault's own identity takes the backups (roles on the server and its resource group), writes restores (Storage Blob Data Contributor on the restore account) and unwraps the vault's key.",
    lifecycle: "The identity exists once the vault does, so its roles are granted after creation and the key is set by the next deployment (limit azure-backup-cmk-system-identity-after-creation); a user-assigned identity is not supported with a key vault that limits network access (azure-backup-cmk-user-identity-restricted-key-vault). Deleting the vault deletes its identity; its key role is declared deletedWith the vault so the role outlives it in a destroy.",
    sources: [U.vaultCmk, U.vaultRestGuide, U.pulumiDeletedWith],
  },
  {
    type: VAULT,
    properties: ["properties"],
    update: { properties: "in-place", "properties.storageSettings": "provider-decided" },
    sets: "storageSettings VaultStore GeoRedundant with crossRegionRestoreSettings Enabled when drCopy is on (ZoneRedundant, Disabled otherwise); immutability Locked in compliance mode from the second deployment (Unlocked otherwise, Disabled in dev); soft delete AlwaysOn in compliance, On in governance, Off in dev, 14 days; encryptionSettings Enabled with the versionless key URI and the system identity (second deployment on); alertsForAllJobFailures Enabled.",
    lifecycle: "Redundancy is chosen when the vault is created (azurerm forces a new vault to change it); cross-region restore needs geo-redundancy and cannot be turned off; immutability is reversible until Locked, then irreversible; soft delete AlwaysOn cannot be changed; encryption once Enabled never goes back to platform keys. Deleting the vault fails if its key was deleted or its identity lost access first (the CMK page's known limitation): the key is deleted after the vault, which names it.",
    sources: [U.vaultOverview, U.azurermVaultDoc, U.vaultImmutable, U.vaultCmk],
  },
  // ----- Backup policy -----
  {
    type: POLICY,
    properties: ["properties"],
    update: "replaces",
    sets: "datasourceTypes Microsoft.DBforPostgreSQL/flexibleServers; one AzureBackupRule BackupDaily (full backup to the VaultStore, R/<date>T<hour>:00:00+00:00/P1D, UTC) tagging Default and, with monthly on, Monthly (FirstOfMonth); AzureRetentionRules deleting each tag's points after its days.",
    lifecycle: "Azure takes at most one backup of a flexible server a day (limit azure-postgres-vault-backup-cadence) and does not let an existing policy be updated: a new policy is created and assigned instead, so the package declares replaceOnChanges on properties (azurerm makes every field force a new policy). The retention a locked vault holds cannot be shortened for points already taken.",
    sources: [U.vaultPolicy, U.azurermPolicy, U.vaultImmutable],
  },
  {
    type: POLICY,
    properties: ["vaultName"],
    update: "replaces",
    sets: "The backup vault's name.",
    lifecycle: "A path parameter: a policy belongs to one vault, and changing it replaces the policy.",
    sources: [U.nativeDiff, U.vaultPolicy],
  },
  // ----- Backup instance -----
  {
    type: INSTANCE,
    properties: ["properties"],
    update: "provider-decided",
    sets: "objectType BackupInstance; dataSourceInfo and dataSourceSetInfo naming the flexible server (resourceID, name, type and datasourceType Microsoft.DBforPostgreSQL/flexibleServers, location); friendlyName the server's name; policyInfo the policy's id. Declared from the second deployment, after the vault's roles (LTR backup role on the server, Reader on its resource group) and their propagation wait.",
    lifecycle: "Protects the whole server: every database except those owned by azuresu or azure_pg_admin (the CENM databases are owned by their service roles); servers up to 1 TB are supported; the vault must be in the server's region and tenant. Restores are only as files into a storage account (the restore account); configuring fails until the vault's identity holds its roles.",
    sources: [U.vaultRestGuide, U.vaultSupport, U.vaultRestore],
  },
  {
    type: INSTANCE,
    properties: ["vaultName"],
    update: "replaces",
    sets: "The backup vault's name.",
    lifecycle: "A path parameter: changing it replaces the instance (a new protection in another vault). The instance is protected and retained on delete when protection is on.",
    sources: [U.nativeDiff],
  },
  // ----- Azure SQL (the sqlserver engine) -----
  {
    type: SQL_SERVER,
    properties: ["version", "administrators", "publicNetworkAccess", "minimalTlsVersion", "identity"],
    update: { version: "provider-decided", administrators: "in-place", publicNetworkAccess: "in-place", minimalTlsVersion: "in-place", identity: "in-place" },
    when: SQL_WHEN,
    sets: "A logical server per region, version 12.0, an Entra administrator with Entra-only authentication (no SQL login or password), public network access Disabled (private endpoints instead), minimum TLS 1.2, a system-assigned identity.",
    lifecycle: "The version is fixed (a new version forces a new server in azurerm); with Entra-only authentication no administrator login or password is needed; 1.2 is the only minimum TLS value azurerm offers; public network access can be switched later. The server's name must be unique in Azure.",
    sources: [U.azurermSqlServer],
  },
  {
    type: SQL_DATABASE,
    properties: ["serverName", "databaseName", "sku", "zoneRedundant", "requestedBackupStorageRedundancy"],
    update: { serverName: "replaces", databaseName: "replaces", sku: "in-place", zoneRedundant: "in-place", requestedBackupStorageRedundancy: "provider-decided" },
    when: SQL_WHEN,
    sets: "One database per CENM service on the primary logical server, the configured vCore SKU, zone-redundant for multi-az-instance, backup storage GeoZone (Zone without DR backups).",
    lifecycle: "Name and server are fixed (a change forces a new database); backup storage redundancy takes Geo, GeoZone, Local or Zone; zone redundancy spreads the replicas over the region's zones. Automated backups restore to any point of the short-term retention.",
    sources: [U.azurermSqlDatabase, U.sqlBackups],
  },
  {
    type: SQL_PITR,
    properties: ["serverName", "databaseName", "policyName", "retentionDays", "diffBackupIntervalInHours"],
    update: { serverName: "replaces", databaseName: "replaces", policyName: "replaces", retentionDays: "in-place", diffBackupIntervalInHours: "in-place" },
    when: SQL_WHEN,
    sets: "policyName default, retentionDays = snapshots.pointInTimeDays (1-35), differential backups every 12 hours.",
    lifecycle: "Updated in place; retention from 1 to 35 days (the point-in-time window of the database).",
    sources: [U.azurermSqlDatabase, U.sqlBackups],
  },
  {
    type: SQL_LTR,
    properties: ["serverName", "databaseName", "policyName", "weeklyRetention", "monthlyRetention", "yearlyRetention"],
    update: { serverName: "replaces", databaseName: "replaces", policyName: "replaces", weeklyRetention: "in-place", monthlyRetention: "in-place", yearlyRetention: "in-place" },
    when: SQL_WHEN,
    sets: "Weekly backups kept 4 weeks (P4W), monthly 12 months (P12M), no yearly (PT0S).",
    lifecycle: "Updated in place; ISO 8601 durations, weekly 1-520 weeks, monthly 1-120 months, yearly 1-10 years, PT0S for none.",
    sources: [U.azurermSqlDatabase, U.sqlBackups],
  },
  {
    type: SQL_FAILOVER,
    properties: ["serverName", "failoverGroupName", "partnerServers", "databases", "readWriteEndpoint"],
    update: { serverName: "replaces", failoverGroupName: "replaces", partnerServers: "provider-decided", databases: "in-place", readWriteEndpoint: "in-place" },
    when: `${SQL_WHEN} with database.crossRegionReplica`,
    sets: "A group <primary>-fg on the primary with the DR logical server as partner, every CENM database, and automatic failover after a 60-minute grace period.",
    lifecycle: "Name and primary server are fixed (a change forces a new group); the grace period is required for automatic failover; the read-write listener follows the primary. Azure documents an RPO of 5 seconds and an RTO of 1 hour.",
    sources: [U.azurermFailoverGroup, U.sqlFailoverGroups],
  },
];
