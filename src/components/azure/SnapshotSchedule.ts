/**
 * Immutable, vaulted backups of the CENM PostgreSQL flexible server with Azure Backup (a Data Protection backup
 * vault), kept outside the server so that a destructive statement replicated to every replica, or the loss of the
 * server itself, still leaves recovery points to go back to.
 */
import { createHash } from "crypto";
import * as pulumi from "@pulumi/pulumi";
import * as alertsmanagement from "@pulumi/azure-native/alertsmanagement";
import * as authorization from "@pulumi/azure-native/authorization";
import * as dataprotection from "@pulumi/azure-native/dataprotection";
import * as network from "@pulumi/azure-native/network";
import * as storage from "@pulumi/azure-native/storage";
import {
  AZURE_BACKUP_SOFT_DELETE_DAYS,
  AZURE_DOCS,
  AZURE_POSTGRES_PITR_DAYS,
  AZURE_POSTGRES_VAULT_INTERVALS,
  AZURE_POSTGRES_VAULT_RETENTION_DAYS,
  AZURE_POSTGRES_VAULTED_BACKUP_MAX_GB,
  AZURE_SQL_PITR_DAYS,
  postgresVaultedBackupSizeOk,
} from "../../domain/limits/azure";
import { MINUTE } from "../../domain/durations";
import { describeFigure, FIGURES } from "../../domain/figures";
import type { CopyDescriptor } from "../types";
import { forceDestroyOf } from "../teardown";
import { clientOf } from "./client";
import { declareCustomerManagedKey, declareKeyVaultKey, storageAccountEncryption, KEY_VAULT_CRYPTO_SERVICE_ENCRYPTION_USER, propagationWait, type KeyGrant } from "./cmk";
import type { AzureSnapshotScheduleArgs } from "./contracts";
import { deletionLock, locksDeletion } from "./locks";

/** Datasource type Azure Backup uses for PostgreSQL flexible servers. */
export const POSTGRES_FLEXIBLE_DATASOURCE = "Microsoft.DBforPostgreSQL/flexibleServers";

/** Built-in role "PostgreSQL Flexible Server Long Term Retention Backup Role", granted to the vault on the server. */
export const POSTGRES_LTR_BACKUP_ROLE = "c088a766-074b-43ba-90d4-1fb21feae531";

/** Built-in role "Reader", granted to the vault on the server's resource group. */
export const READER_ROLE = "acdd72a7-3385-48ef-bd42-f606fba81ae7";

/**
 * Built-in role "Storage Blob Data Contributor", granted to the vault on the restore account: the data-protection
 * manifest of flexible servers names it as the vault's restore permission on the target storage account.
 */
export const STORAGE_BLOB_DATA_CONTRIBUTOR_ROLE = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";

/** Blob container of the restore account that a vault restore writes the server's dump files into. */
export const RESTORE_CONTAINER = "cenm-db-restore";

/** Redundancy of the restore account: zone-redundant in the DR region (it holds dumps only while a restore runs). */
export const RESTORE_ACCOUNT_SKU = "Standard_ZRS";

/** Name of the restore storage account: letters and digits of the component, then a digest (24 characters). */
export function restoreAccountName(component: string, subscriptionId: string, resourceGroupName: string): string {
  const base = component.replace(/[^a-z0-9]/g, "").slice(0, 12);
  return `${base}${createHash("sha256").update(`${subscriptionId}/${resourceGroupName}/${component}/restore`).digest("hex").slice(0, 24 - base.length)}`;
}

/** Days a deleted recovery point stays recoverable in the vault's soft-delete state. */
export const SOFT_DELETE_RETENTION_DAYS = AZURE_BACKUP_SOFT_DELETE_DAYS;

/** Longest retention Azure Backup offers for vaulted PostgreSQL flexible server backups (10 years). */
export const MAX_RETENTION_DAYS = AZURE_POSTGRES_VAULT_RETENTION_DAYS.max;

/** First day of the daily schedule (a past date: only the hour matters). */
export const SCHEDULE_ANCHOR_DATE = "2025-01-05";

/** Tagging priorities, lower wins: a monthly point is tagged Monthly rather than Default. */
const MONTHLY_PRIORITY = 15;
const DEFAULT_PRIORITY = 99;

const LOCATION = /^[a-z][a-z0-9]+$/;
const COMPONENT_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const RESOURCE_GROUP_ID = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)/i;

export type Immutability = "Locked" | "Unlocked" | "Disabled";
export type SoftDelete = "AlwaysOn" | "On" | "Off";
export type VaultRedundancy = "GeoRedundant" | "ZoneRedundant";

function isWholeNumber(value: unknown, min: number, max: number): boolean {
  return typeof value === "number" && Number.isInteger(value) && value >= min && value <= max;
}

/**
 * Checks every arg that decides what is declared, before anything is registered. Throws an Error naming the arg,
 * the value received and what is expected.
 */
export function validateAzureSnapshotScheduleArgs(name: string, args: AzureSnapshotScheduleArgs): void {
  const fail = (arg: string, value: unknown, expected: string): never => {
    throw new Error(`SnapshotSchedule "${name}": ${arg} is ${JSON.stringify(value)}; expected ${expected}`);
  };
  if (typeof name !== "string" || !COMPONENT_NAME.test(name)) {
    fail("name", name, "lower-case letters, digits and single hyphens, starting with a letter (it prefixes the key vault name)");
  }
  if (typeof args.location !== "string" || !LOCATION.test(args.location)) fail("location", args.location, "an Azure region name such as westeurope");
  if (typeof args.drLocation !== "string" || !LOCATION.test(args.drLocation)) fail("drLocation", args.drLocation, "an Azure region name such as northeurope");
  if (args.location === args.drLocation) fail("drLocation", args.drLocation, `a region other than the primary location ${args.location}`);
  if (!args.protection || typeof args.protection.enabled !== "boolean") fail("protection.enabled", args.protection?.enabled, "true or false");
  const mode = args.lock?.mode as string | undefined;
  if (mode !== "compliance" && mode !== "governance") {
    fail("lock.mode", mode, '"compliance" (immutability Locked, soft delete AlwaysOn: irreversible) or "governance" (Unlocked, On)');
  }
  // The database's own point-in-time window: a flexible server's backup retention, or (no server given: the SQL
  // engine) an Azure SQL database's short-term retention.
  const [pitr, pitrWhat] = args.postgresServerId !== undefined ? [AZURE_POSTGRES_PITR_DAYS, "the flexible server's own backup retention"] : [AZURE_SQL_PITR_DAYS, "the Azure SQL short-term retention"];
  if (!isWholeNumber(args.pointInTimeDays, pitr.min, pitr.max)) {
    fail("pointInTimeDays", args.pointInTimeDays, `a whole number of days from ${pitr.min} to ${pitr.max} (${pitrWhat})`);
  }
  if (!isWholeNumber(args.daily?.hourUtc, 0, 23)) fail("daily.hourUtc", args.daily?.hourUtc, "a whole hour from 0 to 23");
  if (!isWholeNumber(args.daily?.retentionDays, AZURE_POSTGRES_VAULT_RETENTION_DAYS.min, MAX_RETENTION_DAYS)) {
    fail(
      "daily.retentionDays",
      args.daily?.retentionDays,
      `a whole number of days from ${AZURE_POSTGRES_VAULT_RETENTION_DAYS.min} (this package's floor: a week of daily backups) to ${MAX_RETENTION_DAYS}`,
    );
  }
  if ((args.drEndpointsSubnetId === undefined) !== (args.blobPrivateDnsZoneId === undefined)) {
    fail("blobPrivateDnsZoneId", args.blobPrivateDnsZoneId, "drEndpointsSubnetId and blobPrivateDnsZoneId given together (the restore account's private endpoint), or neither");
  }
  if (args.postgresStorageGb !== undefined && (typeof args.postgresStorageGb !== "number" || !postgresVaultedBackupSizeOk(args.postgresStorageGb))) {
    fail(
      "postgresStorageGb",
      args.postgresStorageGb,
      `at most ${AZURE_POSTGRES_VAULTED_BACKUP_MAX_GB} GiB: Azure Backup supports vaulted backups of flexible servers up to 1 TB (${AZURE_DOCS.postgresVaultedBackup}; platform limit azure-postgres-vaulted-backup-size)`,
    );
  }
  if (args.monthly?.enabled) {
    if (!isWholeNumber(args.monthly.retentionDays, args.daily.retentionDays, MAX_RETENTION_DAYS)) {
      fail(
        "monthly.retentionDays",
        args.monthly.retentionDays,
        `a whole number of days from daily.retentionDays (${args.daily.retentionDays}) to ${MAX_RETENTION_DAYS} when monthly.enabled`,
      );
    }
  }
  if (args.drCopy?.enabled && !isWholeNumber(args.drCopy.retentionDays, 1, MAX_RETENTION_DAYS)) {
    fail("drCopy.retentionDays", args.drCopy.retentionDays, `a whole number of days from 1 to ${MAX_RETENTION_DAYS} when drCopy.enabled`);
  }
  if (args.postgresServerName !== undefined && (args.postgresServerId === undefined || args.postgresServerId === "")) {
    fail("postgresServerId", args.postgresServerId, "the ARM id of the flexible server whenever postgresServerName is given");
  }
  if (args.postgresServerId === "") fail("postgresServerId", "", "the ARM id of the flexible server, or nothing (SQL engine)");
  if (args.actionGroupId === undefined || args.actionGroupId === null || args.actionGroupId === "") {
    fail("actionGroupId", args.actionGroupId, "the ARM id of the action group alerted on failed backup jobs");
  }
}

/** `P<days>D`: an ISO 8601 duration in days, as the retention lifecycles take it. */
export function isoDays(days: number): string {
  return `P${days}D`;
}

/** The daily repeating interval of the backup rule, at `hourUtc` every day. */
export function dailyInterval(hourUtc: number): string {
  return `R/${SCHEDULE_ANCHOR_DATE}T${String(hourUtc).padStart(2, "0")}:00:00+00:00/${AZURE_POSTGRES_VAULT_INTERVALS.daily}`;
}

const VAULT_STORE = { dataStoreType: "VaultStore", objectType: "DataStoreInfoBase" };

/** Retention rule of one tag: recovery points of that tag are deleted from the vault store after `days`. */
function retentionRule(tag: string, days: number, isDefault: boolean) {
  return {
    objectType: "AzureRetentionRule" as const,
    name: tag,
    isDefault,
    lifecycles: [{ deleteAfter: { objectType: "AbsoluteDeleteOption" as const, duration: isoDays(days) }, sourceDataStore: VAULT_STORE }],
  };
}

/** The backup policy's rules: one daily full backup to the vault store, a Default retention and an optional Monthly one. */
export function postgresPolicyRules(args: AzureSnapshotScheduleArgs) {
  const tagging: {
    isDefault: boolean;
    tagInfo: { tagName: string };
    taggingPriority: number;
    criteria?: { objectType: "ScheduleBasedBackupCriteria"; absoluteCriteria: string[] }[];
  }[] = [{ isDefault: true, tagInfo: { tagName: "Default" }, taggingPriority: DEFAULT_PRIORITY }];
  if (args.monthly.enabled) {
    tagging.push({
      isDefault: false,
      tagInfo: { tagName: "Monthly" },
      taggingPriority: MONTHLY_PRIORITY,
      criteria: [{ objectType: "ScheduleBasedBackupCriteria", absoluteCriteria: ["FirstOfMonth"] }],
    });
  }
  const backupRule = {
    objectType: "AzureBackupRule" as const,
    name: "BackupDaily",
    backupParameters: { objectType: "AzureBackupParams" as const, backupType: "Full" },
    dataStore: VAULT_STORE,
    trigger: {
      objectType: "ScheduleBasedTriggerContext" as const,
      schedule: { repeatingTimeIntervals: [dailyInterval(args.daily.hourUtc)], timeZone: "UTC" },
      taggingCriteria: tagging,
    },
  };
  const retention = [retentionRule("Default", args.daily.retentionDays, true)];
  if (args.monthly.enabled) retention.push(retentionRule("Monthly", args.monthly.retentionDays, false));
  return [backupRule, ...retention];
}

/**
 * Vaulted, immutable backups of the CENM PostgreSQL flexible server in an Azure Backup (Data Protection) vault.
 *
 * Declares a backup vault with a system-assigned identity, the customer-managed key that encrypts it (key vault,
 * key, the identity's role on the key vault and the wait for it to take effect), a backup policy for flexible
 * servers, the vault's role assignments on the server and its resource group, the backup instance that binds the
 * server to the policy, the storage account a restore writes into, and the routing of the vault's failed-job alerts
 * to the action group. With `firstDeployment`, the vault's encryption settings and the backup instance wait for the
 * next deployment.
 *
 * Choices worth knowing:
 * - Schedule: Azure Backup takes a full backup of the whole flexible server into the vault store every day at
 *   `daily.hourUtc` (`R/<date>T<hour>:00:00+00:00/P1D`). Microsoft's policy page for this datasource says it
 *   supports a backup per day (AZURE_DOCS.postgresVaultPolicy), so daily is the finest cadence offered; weekly is
 *   the other (platform limit azure-postgres-vault-backup-cadence). Finer granularity comes from the server itself:
 *   its automated backups restore to any point of the last `pointInTimeDays` days with an RPO under 5 minutes (see
 *   the database component). The `hourly` rule therefore has no counterpart here and is not declared.
 * - What is backed up: the whole server, every database except those owned by `azuresu` or `azure_pg_admin` (the
 *   backup support matrix). The CENM databases are created by the database component's DBA bootstrap, each owned by
 *   its service's role, so they are included. Microsoft supports vaulted backups of servers up to 1 TB:
 *   `postgresStorageGb`, when given, is refused above that (platform limit azure-postgres-vaulted-backup-size).
 * - Retention: the Default tag keeps every daily point `daily.retentionDays` days; with `monthly.enabled`, the
 *   first point of each month is tagged Monthly and kept `monthly.retentionDays` days.
 * - Lock: `lock.mode` "compliance" locks immutability and turns soft delete to AlwaysOn. Both are irreversible:
 *   nobody, the subscription owner included, can shorten retention or purge a recovery point afterwards.
 *   "governance" leaves immutability Unlocked (it can be locked later) and soft delete On.
 * - DR copy: with `drCopy.enabled` the vault store is geo-redundant and cross-region restore is on. Azure
 *   replicates the vault's recovery points asynchronously to the Azure paired region of `location` (normally
 *   `drLocation`) with no published RPO, and keeps them as long as the primary ones: a separate
 *   `drCopy.retentionDays` cannot be set on a geo-redundant vault. Without it, the vault store is zone-redundant.
 * - Restore: a vaulted backup of a flexible server is restored only as files, one dump per database, into a blob
 *   container, then loaded into a server with pg_restore (AZURE_DOCS.postgresVaultedRestore). The component
 *   declares that container's account in `drLocation` (`<name>-restore-account`, zone-redundant, encrypted with a
 *   customer-managed key of its own in that region, `<name>-restore`), with cross-tenant replication allowed
 *   (Microsoft copies the backup from its own tenant into the account) and "Storage Blob Data Contributor" for the
 *   vault on it (`<name>-vault-restore-writer`). Microsoft asks for the account to be reachable from public
 *   networks while a restore runs, and its steps narrow that to selected networks: the default action Deny, the
 *   backup vault as a resource instance rule, and trusted Microsoft services allowed
 *   (AZURE_DOCS.postgresVaultedRestoreNetwork). The account is declared with public network access disabled and
 *   with both the vault's resource instance rule and the trusted-services bypass (which stay in effect while access
 *   is disabled, AZURE_DOCS.storageNetworkOverview); the runbook switches public network access on for the restore,
 *   still denying every other network, and off again. With `drEndpointsSubnetId` and `blobPrivateDnsZoneId` it gets a blob private
 *   endpoint in the DR network (`<name>-restore-account-endpoint`), through which the people restoring fetch the
 *   dump files.
 * - Permissions: the vault's identity gets the PostgreSQL long-term-retention backup role on the server and Reader
 *   on the server's resource group (taken from the server id, or the subscription of the deploying client and
 *   `resourceGroupName` when the id does not name one); the backup instance waits for both, for the
 *   role-propagation wait after them (`<name>-vault-roles-wait`) and for the server's last child (the server id
 *   given should carry it: the database component's `serverId` does).
 * - Encryption: the vault encrypts its recovery points with a customer-managed RSA-HSM key held in a premium key
 *   vault of this component (`<name>-kv`, see {@link declareKeyVaultKey}), unwrapped by the vault's own
 *   system-assigned identity ("Key Vault Crypto Service Encryption User" on that key vault only,
 *   `<name>-vault-crypto-user`). Not a user-assigned identity: Azure Backup does not support a user-assigned
 *   identity for the key when the key vault limits network access, and this key vault admits only Azure's trusted
 *   services (see the platform limit `azure-backup-cmk-user-identity-restricted-key-vault`). The system-assigned
 *   identity exists only once the vault does, so a new stack is deployed in two steps: with `firstDeployment` the
 *   vault is created without encryption settings and without the backup instance, and the identity is granted
 *   its key role; the next deployment sets the key (Azure refuses to change the key and the identity in one
 *   request, and the identity is unchanged then) and creates the backup instance, so that no recovery point is
 *   ever written under platform keys. Once encryption is Enabled Azure never lets it go back to Disabled (the key
 *   can be changed, not removed). Infrastructure (double) encryption is not requested: Azure takes it only when a
 *   vault is created, together with its key, which the two steps rule out. The key is referenced without a
 *   version, so the vault follows its yearly rotation.
 * - Destroy order: Azure fails to delete a vault whose encryption settings' identity can no longer reach its key
 *   (the backup vault CMK page's known limitation). The key role depends on the vault (it names the vault's
 *   identity), so Pulumi would delete the role first; it is declared `deletedWith` the vault instead: when both go
 *   in one destroy, the role is left to go with its key vault, and the vault is deleted while it still holds it. The
 *   key and its key vault are deleted after the vault, which names the key.
 * - Alerts: the vault raises Azure Monitor alerts for every failed job (`alertsForAllJobFailures`), and an alert
 *   processing rule scoped to the vault adds the action group to them. Alert processing rules are global
 *   resources, so that child's location is "Global".
 * - SQL engine (no `postgresServerId`): no backup instance, role assignment on a server or restore account is
 *   declared; Azure SQL keeps its own point-in-time and long-term backups (see the database component). The vault
 *   and policy remain, and `copies` is empty.
 * - Azure does not let a backup policy of this datasource be updated (AZURE_DOCS.postgresVaultPolicy: create a new
 *   one and assign it), so the policy is replaced (a new one is created and the instance moved to it) when its
 *   rules change.
 *
 * The vault, the backup instance, the key vaults, the keys and the restore account are protected and retained on
 * delete when protection is on, and the vaults and the restore account carry a CanNotDelete management lock outside
 * dev.
 */
export class SnapshotSchedule extends pulumi.ComponentResource {
  public readonly vaultId: pulumi.Output<string>;
  public readonly vaultName: pulumi.Output<string>;
  /** Principal id of the vault's system-assigned identity, which takes the backups and unwraps the key. */
  public readonly principalId: pulumi.Output<string>;
  /** Key vault of the customer-managed key. */
  public readonly keyVaultId: pulumi.Output<string>;
  /** Versionless URI of the customer-managed key. */
  public readonly keyUri: pulumi.Output<string>;
  public readonly policyId: pulumi.Output<string>;
  /** Name of the backup instance of the flexible server; undefined for the SQL engine. */
  public readonly backupInstanceName: pulumi.Output<string | undefined>;
  public readonly immutability: pulumi.Output<Immutability>;
  public readonly softDelete: pulumi.Output<SoftDelete>;
  public readonly storageRedundancy: pulumi.Output<VaultRedundancy>;
  public readonly copies: pulumi.Output<CopyDescriptor[]>;

  constructor(name: string, args: AzureSnapshotScheduleArgs, opts?: pulumi.ComponentResourceOptions) {
    validateAzureSnapshotScheduleArgs(name, args);
    super("cenm-backup:azure:SnapshotSchedule", name, {}, opts);

    const tags = { ...(args.tags ?? {}), "cenm-backup-element": "snapshots" };
    const protect = args.protection.enabled;
    const stateful: pulumi.CustomResourceOptions = { parent: this, protect, retainOnDelete: protect };
    const compliance = args.lock.mode === "compliance";
    // Locked only from the second deployment: Azure locks immutability by an update, never at creation.
    // A dev vault (no protection, governance lock) keeps neither immutability nor soft delete, either of which would
    // hold deleted backups, and with them the vault, after `pulumi destroy`.
    const teardown = forceDestroyOf(args.protection, args.lock.mode);
    const immutability: Immutability = teardown ? "Disabled" : compliance && !args.firstDeployment ? "Locked" : "Unlocked";
    const softDelete: SoftDelete = teardown ? "Off" : compliance ? "AlwaysOn" : "On";
    const geo = args.drCopy.enabled;
    const redundancy: VaultRedundancy = geo ? "GeoRedundant" : "ZoneRedundant";
    const client = clientOf(this, args.client);

    const first = args.firstDeployment === true;
    const key = declareKeyVaultKey(
      name,
      "kv",
      {
        location: args.location,
        resourceGroupName: args.resourceGroupName,
        protection: args.protection,
        environment: args.environment,
        tags,
        tenantId: client.tenantId,
        subscriptionId: client.subscriptionId,
        short: "s",
        keyName: `${name}-cmk`,
        lockNotes: `CENM snapshots ${name}: remove this lock on purpose before deleting the key vault of the backup vault's customer-managed key.`,
      },
      this,
    );

    const vault = new dataprotection.BackupVault(
      `${name}-vault`,
      {
        location: args.location,
        resourceGroupName: args.resourceGroupName,
        // The system-assigned identity takes the backups and unwraps the customer-managed key.
        identity: { type: "SystemAssigned" },
        properties: {
          storageSettings: [{ datastoreType: "VaultStore", type: redundancy }],
          featureSettings: { crossRegionRestoreSettings: { state: geo ? "Enabled" : "Disabled" } },
          securitySettings: {
            immutabilitySettings: { state: immutability },
            softDeleteSettings: { state: softDelete, retentionDurationInDays: SOFT_DELETE_RETENTION_DAYS },
            // Set by the second deployment, once the vault's identity holds its key role; irreversible once Enabled.
            ...(first
              ? {}
              : { encryptionSettings: { state: "Enabled", keyVaultProperties: { keyUri: key.keyUri }, kekIdentity: { identityType: "SystemAssigned" } } }),
          },
          monitoringSettings: { azureMonitorAlertSettings: { alertsForAllJobFailures: "Enabled" } },
        },
        tags,
      },
      stateful,
    );
    const principalId = vault.identity.apply((i) => i?.principalId as string);
    const roleDefinition = (role: string) => pulumi.interpolate`/subscriptions/${client.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${role}`;
    // The vault's key role, kept until the vault is gone when both are deleted together (see "Destroy order").
    const cryptoUser = new authorization.RoleAssignment(
      `${name}-vault-crypto-user`,
      {
        scope: key.vaultId,
        principalId,
        principalType: "ServicePrincipal",
        roleDefinitionId: roleDefinition(KEY_VAULT_CRYPTO_SERVICE_ENCRYPTION_USER),
        description: `CENM snapshots ${name}: the backup vault wraps and unwraps the encryption key of its recovery points`,
      },
      { parent: this, deletedWith: vault },
    );
    const keyGrant: KeyGrant = { grant: cryptoUser, ready: propagationWait(`${name}-vault-crypto-user-wait`, cryptoUser, this) };
    deletionLock(`${name}-vault-lock`, vault.id, `CENM snapshot vault of ${name}: remove this lock on purpose before deleting the vault.`, args, this);

    const policy = new dataprotection.BackupPolicy(
      `${name}-policy`,
      {
        resourceGroupName: args.resourceGroupName,
        vaultName: vault.name,
        properties: { objectType: "BackupPolicy", datasourceTypes: [POSTGRES_FLEXIBLE_DATASOURCE], policyRules: postgresPolicyRules(args) },
      },
      // Replaced when its rules change (see the class comment). Under the vault's deletion lock (outside dev), which
      // covers the vault's policies, Azure refuses the old policy's deletion, so it is retained instead of deleted: the
      // replacement then completes, and the old policy stays in the vault (platform limit azure-lock-blocks-replacement).
      { parent: this, replaceOnChanges: ["properties"], retainOnDelete: locksDeletion(args) },
    );

    let instanceName: pulumi.Output<string | undefined> = pulumi.output<string | undefined>(undefined);
    if (args.postgresServerId !== undefined) {
      const serverId = pulumi.output(args.postgresServerId);
      const serverName = args.postgresServerName !== undefined ? pulumi.output(args.postgresServerName) : serverId.apply((id) => id.split("/").pop() ?? id);
      const resourceGroupId = pulumi
        .all([serverId, client.subscriptionId, pulumi.output(args.resourceGroupName)])
        .apply(([id, subscription, group]) => {
          const m = RESOURCE_GROUP_ID.exec(id);
          return m ? `/subscriptions/${m[1]}/resourceGroups/${m[2]}` : `/subscriptions/${subscription}/resourceGroups/${group}`;
        });
      const ltr = new authorization.RoleAssignment(
        `${name}-vault-ltr-backup`,
        {
          scope: serverId,
          principalId,
          principalType: "ServicePrincipal",
          roleDefinitionId: roleDefinition(POSTGRES_LTR_BACKUP_ROLE),
          description: `CENM snapshots ${name}: the backup vault takes long-term backups of the PostgreSQL flexible server`,
        },
        { parent: this },
      );
      const reader = new authorization.RoleAssignment(
        `${name}-vault-rg-reader`,
        {
          scope: resourceGroupId,
          principalId,
          principalType: "ServicePrincipal",
          roleDefinitionId: roleDefinition(READER_ROLE),
          description: `CENM snapshots ${name}: the backup vault reads the flexible server's resource group`,
        },
        { parent: this },
      );

      const rolesReady = propagationWait(`${name}-vault-roles-wait`, [ltr, reader], this);

      const datasource = {
        objectType: "Datasource",
        resourceID: serverId,
        resourceName: serverName,
        resourceType: POSTGRES_FLEXIBLE_DATASOURCE,
        datasourceType: POSTGRES_FLEXIBLE_DATASOURCE,
        resourceLocation: args.location,
      };
      // Step 2 only: no recovery point is taken before the vault encrypts with its customer-managed key.
      if (!first) {
        const instance = new dataprotection.BackupInstance(
          `${name}-instance`,
          {
            resourceGroupName: args.resourceGroupName,
            vaultName: vault.name,
            properties: {
              objectType: "BackupInstance",
              friendlyName: serverName,
              dataSourceInfo: datasource,
              dataSourceSetInfo: { ...datasource, objectType: "DatasourceSet" },
              policyInfo: { policyId: policy.id },
            },
            tags,
          },
          { ...stateful, dependsOn: [rolesReady, keyGrant.ready] },
        );
        instanceName = instance.name;
      }

      this.declareRestoreTarget(name, args, tags, stateful, client, principalId, roleDefinition, vault.id);
    }

    new alertsmanagement.AlertProcessingRuleByName(
      `${name}-failure-alerts`,
      {
        location: "Global",
        resourceGroupName: args.resourceGroupName,
        properties: {
          description: `CENM snapshots ${name}: send the backup vault's failed-job alerts to the CENM action group`,
          enabled: true,
          scopes: [vault.id],
          actions: [{ actionType: "AddActionGroups", actionGroupIds: [args.actionGroupId] }],
        },
        tags,
      },
      { parent: this },
    );

    const copies = args.postgresServerId !== undefined && !first ? snapshotCopies(name, args, immutability, softDelete, redundancy) : [];

    this.vaultId = vault.id;
    this.vaultName = vault.name;
    this.principalId = principalId;
    this.keyVaultId = key.vaultId;
    this.keyUri = key.keyUri;
    this.policyId = policy.id;
    this.backupInstanceName = instanceName;
    this.immutability = pulumi.output(immutability);
    this.softDelete = pulumi.output(softDelete);
    this.storageRedundancy = pulumi.output(redundancy);
    this.copies = pulumi.output(copies);

    this.registerOutputs({
      vaultId: this.vaultId,
      vaultName: this.vaultName,
      principalId: this.principalId,
      keyVaultId: this.keyVaultId,
      keyUri: this.keyUri,
      policyId: this.policyId,
      backupInstanceName: this.backupInstanceName,
      immutability: this.immutability,
      softDelete: this.softDelete,
      storageRedundancy: this.storageRedundancy,
      copies: this.copies,
    });
  }

  /**
   * The storage account and blob container a restore of the vault's backups writes the server's dump files into, in
   * `drLocation`, encrypted with a customer-managed key of its own there, with the vault's "Storage Blob Data
   * Contributor" role on the account. See "Restore" in the class comment.
   */
  private declareRestoreTarget(
    name: string,
    args: AzureSnapshotScheduleArgs,
    tags: Record<string, string>,
    stateful: pulumi.CustomResourceOptions,
    client: ReturnType<typeof clientOf>,
    vaultPrincipalId: pulumi.Output<string>,
    roleDefinition: (role: string) => pulumi.Output<string>,
    vaultId: pulumi.Output<string>,
  ): void {
    const cmk = declareCustomerManagedKey(
      name,
      "restore",
      {
        location: args.drLocation,
        resourceGroupName: args.drResourceGroupName,
        protection: args.protection,
        environment: args.environment,
        tags,
        tenantId: client.tenantId,
        subscriptionId: client.subscriptionId,
        short: "r",
        keyName: `${name}-restore-cmk`,
        purpose: `CENM snapshots ${name}: the restore account's identity wraps and unwraps its data encryption key`,
        lockNotes: `CENM snapshots ${name}: remove this lock on purpose before deleting the key vault of the restore account's key (${args.drLocation}).`,
      },
      this,
    );
    const accountName = pulumi
      .all([client.subscriptionId, pulumi.output(args.drResourceGroupName)])
      .apply(([subscription, group]) => restoreAccountName(name, subscription, group));
    const account = new storage.StorageAccount(
      `${name}-restore-account`,
      {
        accountName,
        location: args.drLocation,
        resourceGroupName: args.drResourceGroupName,
        kind: "StorageV2",
        sku: { name: RESTORE_ACCOUNT_SKU },
        enableHttpsTrafficOnly: true,
        minimumTlsVersion: "TLS1_2",
        allowBlobPublicAccess: false,
        allowSharedKeyAccess: false,
        // Azure Backup keeps the backup as a blob in Microsoft's tenant and copies it into this account during a
        // restore, across tenants: Microsoft's restore page requires AllowCrossTenantReplication true on the target
        // (AZURE_DOCS.postgresVaultedRestore). The only account of the package that allows it.
        allowCrossTenantReplication: true,
        defaultToOAuthAuthentication: true,
        // Closed at rest; the runbook turns public network access on for the time of a restore, as Microsoft asks, with
        // the default action still Deny: only this vault (a resource instance rule) and trusted Microsoft services
        // get in, the narrowing Microsoft's steps give (AZURE_DOCS.postgresVaultedRestoreNetwork). Both stay declared
        // while access is disabled, where they remain in effect (AZURE_DOCS.storageNetworkOverview).
        publicNetworkAccess: "Disabled",
        networkRuleSet: {
          defaultAction: "Deny",
          bypass: "AzureServices",
          ipRules: [],
          virtualNetworkRules: [],
          resourceAccessRules: [{ tenantId: client.tenantId, resourceId: vaultId }],
        },
        ...storageAccountEncryption(cmk, ["blob"]),
        tags,
      },
      // Azure checks that the identity can unwrap the key when the account is created with it.
      { ...stateful, dependsOn: [cmk.ready] },
    );
    deletionLock(`${name}-restore-account-lock`, account.id, `CENM snapshots ${name}: remove this lock on purpose before deleting the account vault restores write into.`, args, this);
    // The people restoring reach the dump files from the DR network, through a blob private endpoint.
    if (args.drEndpointsSubnetId !== undefined && args.blobPrivateDnsZoneId !== undefined) {
      const endpoint = new network.PrivateEndpoint(
        `${name}-restore-account-endpoint`,
        {
          location: args.drLocation,
          resourceGroupName: args.drResourceGroupName,
          subnet: { id: args.drEndpointsSubnetId },
          privateLinkServiceConnections: [{ name: `${name}-restore-account-blob`, privateLinkServiceId: account.id, groupIds: ["blob"] }],
          tags,
        },
        { parent: this },
      );
      new network.PrivateDnsZoneGroup(
        `${name}-restore-account-endpoint-dns`,
        {
          resourceGroupName: args.drResourceGroupName,
          privateEndpointName: endpoint.name,
          privateDnsZoneGroupName: "default",
          privateDnsZoneConfigs: [{ name: "blob", privateDnsZoneId: args.blobPrivateDnsZoneId }],
        },
        { parent: this },
      );
    }
    new storage.BlobContainer(`${name}-restore-container`, { accountName: account.name, resourceGroupName: args.drResourceGroupName, containerName: RESTORE_CONTAINER, publicAccess: "None" }, { parent: this });
    new authorization.RoleAssignment(
      `${name}-vault-restore-writer`,
      {
        scope: account.id,
        principalId: vaultPrincipalId,
        principalType: "ServicePrincipal",
        roleDefinitionId: roleDefinition(STORAGE_BLOB_DATA_CONTRIBUTOR_ROLE),
        description: `CENM snapshots ${name}: the backup vault writes restored dump files into the restore account`,
      },
      { parent: this },
    );
  }
}

/** The vault copy, and the geo copy when the vault is geo-redundant. */
function snapshotCopies(name: string, args: AzureSnapshotScheduleArgs, immutability: Immutability, softDelete: SoftDelete, redundancy: VaultRedundancy): CopyDescriptor[] {
  const retention = args.monthly.enabled
    ? `daily points kept ${args.daily.retentionDays} days, the first of each month ${args.monthly.retentionDays} days`
    : `daily points kept ${args.daily.retentionDays} days`;
  const interval = FIGURES.azurePostgresVaultBackupInterval;
  const copies: CopyDescriptor[] = [
    {
      element: "snapshots",
      role: "vault",
      resource: `${name}-vault`,
      region: args.location,
      availabilityZones: [],
      mode: "point-in-time",
      rpo:
        `up to ${describeFigure(interval)} from the vault; within the last ${args.pointInTimeDays} days the server's own ` +
        `point-in-time restore gives an RPO under ${FIGURES.azurePostgresPointInTimeRpo.seconds / MINUTE} minutes`,
      rpoSeconds: interval.seconds,
      mechanism:
        `Azure Backup daily full backups of the flexible server in a ${redundancy} backup vault (${retention}; ` +
        `immutability ${immutability}, soft delete ${softDelete}), restored as dump files into the restore account in ${args.drLocation}`,
    },
  ];
  if (redundancy === "GeoRedundant") {
    copies.push({
      element: "snapshots",
      role: "dr-vault-copy",
      resource: `${name}-vault`,
      region: args.drLocation,
      availabilityZones: [],
      mode: "asynchronous",
      rpo: `up to a day (the backup interval) plus the geo-replication lag: ${describeFigure(FIGURES.azureVaultGeoCopyTime)}`,
      rpoSeconds: interval.seconds + FIGURES.azureVaultGeoCopyTime.seconds,
      mechanism:
        `geo-redundant vault storage replicated to the Azure paired region of ${args.location}, restorable there with ` +
        "cross-region restore; kept as long as the primary recovery points",
    });
  }
  return copies;
}
