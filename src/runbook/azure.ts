/**
 * Azure recovery steps: for each kind of copy the audit can count on, the Azure CLI commands that bring it into
 * service, naming the stack's declared resources (resource group and name). Commands and flags are the Azure CLI's
 * (postgres flexible-server, sql, dataprotection, backup, storage, keyvault, network).
 */
import type { RecoveryChoice } from "../audit/scenarios";
import type { KeyCopyFact, Scenario } from "../audit/types";
import { T } from "../domain/resources/azureTokens";
import { isFalse, num, rec, str } from "../domain/resources/values";
import type { ResourceView } from "../domain/resources/view";
import { DATABASE_SERVICES } from "../domain/vocabulary";
import type { Command, Part, Step } from "./model";
import { az, flag, param, resource, shell, step, type StepContext } from "./steps";

const IDENTITY = "azure-native:managedidentity:UserAssignedIdentity";
const SUBNET = "azure-native:network:Subnet";
const VNET = "azure-native:network:VirtualNetwork";
const PRIVATE_ZONE = "azure-native:privatedns:PrivateZone";
const VIRTUAL_ENDPOINT = "azure-native:dbforpostgresql:VirtualEndpoint";
const ROLE_ASSIGNMENT = "azure-native:authorization:RoleAssignment";

/** The CLI reference of the az dataprotection restore commands: an extension of Azure CLI 2.75.0 or later. */
const DATAPROTECTION_CLI_DOC = "https://learn.microsoft.com/cli/azure/dataprotection/backup-instance/restore";
/** Restoring vaulted flexible-server backups as files: the target account's requirements, then pg_restore. */
const VAULTED_RESTORE_DOC = "https://learn.microsoft.com/azure/backup/restore-azure-database-postgresql-flex";
/** How Microsoft opens the restore target: selected networks (default Deny), the vault as a resource instance, trusted services. */
const VAULTED_RESTORE_NETWORK_DOC = "https://learn.microsoft.com/azure/backup/backup-azure-database-postgresql-flex-manage";
/** The dataprotection extension's help: validate-for-restore and restore trigger take --use-secondary-region (cross-region restore). */
const DATAPROTECTION_CRR_DOC = "https://github.com/Azure/azure-cli-extensions/blob/main/src/dataprotection/azext_dataprotection/manual/_help.py";
/** The CLI reference of az postgres flexible-server (restore and geo-restore, with their --identity and --key). */
const POSTGRES_CLI_DOC = "https://learn.microsoft.com/cli/azure/postgres/flexible-server";
/** Promotion carries neither high availability nor geo-redundant backup; HA is configured on the promoted primary. */
const REPLICA_PROMOTE_DOC = "https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-read-replicas-promote";
/** Creating, deleting or promoting a replica puts the primary in an updating state: no management operations then. */
const REPLICAS_DOC = "https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-read-replicas";
/**
 * Resource Manager keeps the metadata of a group's resources in the group's region and may refuse writes to them
 * while that region is unavailable, global resources such as private DNS zones included.
 */
const GROUP_REGION_DOC = "https://learn.microsoft.com/azure/azure-resource-manager/management/overview";

type ScenarioId = Scenario["id"];

const RESTORE_TIME = param("restore time, UTC ISO 8601, just before the damage (for a destructive statement: before it ran)");
const CENM_DATABASES = `the CENM services with a database (${DATABASE_SERVICES.join(", ")})`;

/** `--resource-group <group> --name <name>` of a resource. */
function target(ctx: StepContext, r: ResourceView, nameFlag = "--name"): Part[] {
  return [" --resource-group ", ctx.names.resourceGroup(r), ` ${nameFlag} `, ctx.names.ref(r)];
}

export function azureRestoreSteps(ctx: StepContext, scenario: ScenarioId, choice: RecoveryChoice): Step[] {
  const s = choice.source;
  switch (s.kind) {
    case "standby":
      return withResource(ctx, s.databaseUrn, (db) => (db.type === T.postgresServer ? postgresStandby(ctx, db) : sqlZoneRedundant(ctx, db)));
    case "point-in-time":
      return withResource(ctx, s.databaseUrn, (db) => (db.type === T.postgresServer ? postgresPointInTime(ctx, db, scenario) : sqlPointInTime(ctx, db, scenario)));
    case "cross-region-replica":
      return withResource(ctx, s.databaseUrn, (db) => (db.type === T.postgresServer ? postgresPromote(ctx, db, s.copyUrn) : sqlFailoverGroup(ctx, s.copyUrn, s.region)));
    case "dr-backups":
      return withResource(ctx, s.databaseUrn, (db) =>
        db.type === T.postgresServer ? postgresGeoRestore(ctx, db, s.region, scenario === "region-loss" ? ctx.names.regionOf(db) : undefined) : [sqlGeoRestore(db, s.region)],
      );
    case "vault":
      return withResource(ctx, s.subjectUrn, (subject) =>
        subject.type === T.storageAccount || subject.type === T.fileShare
          ? sharesFromVault(ctx, subject, s.vaultUrn, s.copy, s.inSource === true, s.region)
          : postgresFromVault(ctx, subject, s.vaultUrn, s.region, s.copy),
      );
    case "regional-files":
      return withResource(ctx, s.fileSystemUrn, (account) => zoneRedundantShares(ctx, account));
    case "files-replica":
      return withResource(ctx, s.fileSystemUrn, (account) => accountFailover(ctx, account, s.region));
    case "key-copy":
      return [];
  }
}

function withResource(ctx: StepContext, urn: string, f: (r: ResourceView) => Step[]): Step[] {
  const r = resource(ctx, urn);
  return r ? f(r) : [step("restore", `The resource ${urn} is not in the input: restore it as its cloud's documentation says.`)];
}

function repointPostgres(server: Part[], name: string): Step {
  return step(
    "repoint",
    `Point the JDBC URL of ${CENM_DATABASES} at ${name}'s host name (the fully qualified domain name below).`,
    [az("postgres flexible-server show", ...server, " --query fullyQualifiedDomainName --output tsv")],
    "Each service keeps its own database and role; only the host changes. The servers accept Microsoft Entra tokens only, so the services' identities need their roles on the restored server.",
  );
}

function postgresStandby(ctx: StepContext, db: ResourceView): Step[] {
  return [
    step("restore", `Confirm that flexible server ${db.name} failed over to its standby in another zone (Azure does it on its own).`, [
      az("postgres flexible-server show", ...target(ctx, db), ' --query "{state:state, highAvailability:highAvailability}"'),
    ], "The host name stays the same: CENM reconnects without a configuration change."),
    step("restore", "Only if it has not failed over: force the failover to the standby.", [az("postgres flexible-server restart", ...target(ctx, db), " --failover Forced")]),
  ];
}

/** The customer-managed key and identity a server declares for `kind` (primary, or geo backup), as CLI flags. */
function keyFlags(ctx: StepContext, server: ResourceView, kind: "primary" | "geo"): Part[] {
  const encryption = rec(server.inputs.dataEncryption);
  if (!encryption || str(encryption.type)?.toLowerCase() !== "azurekeyvault") return [];
  const deps = (server.propertyDependencies?.dataEncryption ?? []).map((u) => ctx.g.get(u)).filter((r): r is ResourceView => r !== undefined);
  const region = ctx.names.regionOf(server);
  const pick = (type: string): ResourceView | undefined => {
    const candidates = deps.filter((d) => d.type === type);
    if (candidates.length <= 1) return candidates[0];
    // Two of each: the primary's in the server's region (by its key vault or its own location), the geo backup's elsewhere.
    const local = candidates.filter((c) => (regionOfKeyOrIdentity(ctx, c) ?? region) === region);
    const remote = candidates.filter((c) => !local.includes(c));
    return kind === "primary" ? local[0] : remote[0];
  };
  const identity = pick(IDENTITY);
  const key = pick(T.keyVaultKey);
  if (kind === "geo" && (!identity || !key) && !str(encryption.geoBackupKeyURI)) return [];
  return [
    " --identity ", identity ? ctx.names.ref(identity, "id") : param(`the ${kind === "geo" ? "geo-backup " : ""}user-assigned identity's resource id`),
    " --key ", key ? ctx.names.ref(key, "key URI") : param(`the ${kind === "geo" ? "geo-backup " : ""}key's URI`),
  ];
}

function regionOfKeyOrIdentity(ctx: StepContext, r: ResourceView): string | undefined {
  const own = ctx.names.regionOf(r);
  if (own) return own;
  const vault = ctx.g.ref(r, "vaultName", [T.keyVault]);
  return vault ? ctx.names.regionOf(vault) : undefined;
}

/**
 * A check that the Azure CLI at hand knows the customer-managed key flags of a flexible-server restore: the
 * `--identity` and `--key` options of `az postgres flexible-server restore` and `geo-restore` are missing from
 * older releases, which then refuse the command. Nothing when the server declares no customer-managed key.
 */
function keyFlagsCliCheck(command: "restore" | "geo-restore", keys: Part[]): Step[] {
  if (keys.length === 0) return [];
  return [
    step("prepare", `Check that this Azure CLI's \`az postgres flexible-server ${command}\` takes --identity and --key (the server's customer-managed key); if it does not, upgrade the CLI.`, [
      shell(`az postgres flexible-server ${command} --help | grep -e '--identity' -e '--key'`),
      az("upgrade"),
    ], `Older Azure CLI releases lack these flags and cannot restore a server encrypted with a customer-managed key (${POSTGRES_CLI_DOC}).`),
  ];
}

function postgresPointInTime(ctx: StepContext, db: ResourceView, scenario: ScenarioId): Step[] {
  const restored = param(`a new server name (Azure restores beside ${db.name}, never over it)`);
  const destructive = scenario === "destructive-statement";
  const group = ctx.names.resourceGroup(db);
  const keys = keyFlags(ctx, db, "primary");
  return [
    ...keyFlagsCliCheck("restore", keys),
    step("restore", `Restore ${db.name} to a new server ${destructive ? "at the chosen time" : "at the latest restorable time (the default restore time is now)"}.`, [
      az("postgres flexible-server restore --resource-group ", group, " --name ", restored, " --source-server ", ctx.names.ref(db), ...(destructive ? [" --restore-time ", RESTORE_TIME] : []), ...keys),
    ], "The restored server keeps the source's network (its delegated subnet and private DNS zone); the restore replays the archived write-ahead log up to the time."),
    repointPostgres([" --resource-group ", group, " --name ", restored], "the restored server"),
  ];
}

/** The private DNS zone a flexible server registers its name in, when the input declares it. */
function postgresZoneOf(ctx: StepContext, server: ResourceView): ResourceView | undefined {
  const network = rec(server.inputs.network);
  let zones = ctx.g.refs(server, "network", [PRIVATE_ZONE], network?.privateDnsZoneArmResourceId);
  if (zones.length > 1) zones = zones.filter((z) => /postgres/.test(str(z.inputs.privateZoneName) ?? ""));
  return zones.length === 1 ? zones[0] : undefined;
}

/**
 * What a step that writes a record into private DNS zone `zone` during the loss of `lostRegion` can count on: the
 * zone's metadata lives in its resource group's region (GROUP_REGION_DOC), so a zone managed from the lost region
 * may refuse the record until that region returns. Undefined when there is nothing to say (no zone, no lost region).
 */
function zoneWriteNote(ctx: StepContext, zone: ResourceView | undefined, lostRegion: string | undefined): string | undefined {
  if (!zone || lostRegion === undefined) return undefined;
  const group = ctx.g.ref(zone, "resourceGroupName", [T.resourceGroup], zone.inputs.resourceGroupName);
  const region = group ? ctx.names.regionOf(group) : undefined;
  if (!group || region === undefined) {
    return `The record goes into private DNS zone ${zone.name}: Azure accepts it only if the zone's resource group is managed from a region that is up (${GROUP_REGION_DOC}).`;
  }
  if (region === lostRegion) {
    return `The record goes into private DNS zone ${zone.name}, managed from resource group ${group.name} in ${region}, the lost region: Azure may refuse writes to it until ${region} is back (${GROUP_REGION_DOC}). Until then, give the CENM hosts the new address another way (their hosts file or your own DNS).`;
  }
  return `The record goes into private DNS zone ${zone.name}, managed from resource group ${group.name} in ${region}, outside the lost region.`;
}

function postgresPromote(ctx: StepContext, db: ResourceView, replicaUrn: string): Step[] {
  const replica = resource(ctx, replicaUrn);
  if (!replica) return [step("restore", `The replica ${replicaUrn} is not in the input.`)];
  const endpoint = ctx.g.ofType(VIRTUAL_ENDPOINT)[0];
  const mode = endpoint ? "switchover" : "standalone";
  const zoneNote = zoneWriteNote(ctx, postgresZoneOf(ctx, replica) ?? postgresZoneOf(ctx, db), ctx.names.regionOf(db));
  const promote = step("restore", `Promote read replica ${replica.name} without waiting for the lost primary.`, [
    az("postgres flexible-server replica promote", ...target(ctx, replica), ` --promote-mode ${mode} --promote-option forced`),
  ], [
    endpoint ? `The read-write virtual endpoint ${endpoint.name} is meant to follow the promoted server, so that CENM keeps its host name.` : "Writes the replica had not received when the region went down are lost: that is the scenario's RPO.",
    ...(endpoint && zoneNote ? [zoneNote] : []),
  ].join(" "));
  const afterPromotion = [postgresWaitReady(ctx, replica), ...postgresRetentionAfterPromotion(ctx, db, replica), ...postgresHaAfterPromotion(ctx, db, replica)];
  if (!endpoint) return [promote, ...afterPromotion, repointPostgres(target(ctx, replica), replica.name)];
  // The endpoint is a resource of the lost primary server, managed from that server's resource group: if Azure
  // cannot move it while that region is down, the promoted replica still answers on its own host name.
  const fallback = repointPostgres(target(ctx, replica), replica.name);
  return [
    promote,
    ...afterPromotion,
    {
      ...fallback,
      title: `Only if the CENM hosts cannot reach the database through ${endpoint.name}'s host name once the promotion has completed: ${fallback.title.charAt(0).toLowerCase()}${fallback.title.slice(1)}`,
      detail: `${endpoint.name} belongs to the lost primary server ${db.name} and is managed from its resource group in ${ctx.names.regionOf(db) ?? "the lost region"}, whose writes Azure may refuse while that region is down (${GROUP_REGION_DOC}). ${fallback.detail ?? ""}`.trim(),
    },
    ...postgresFailback(ctx, db, replica),
  ];
}

/** `az postgres flexible-server wait` until `server` is Ready, then what it reports on its role and sign-in. */
function waitReadyCommands(ctx: StepContext, server: ResourceView): Command[] {
  return [
    az("postgres flexible-server wait", ...target(ctx, server), ` --custom "state=='Ready'" --interval 30 --timeout 7200`),
    az("postgres flexible-server show", ...target(ctx, server), ' --query "{state:state, role:replica.role, replicationState:replica.replicationState, highAvailability:highAvailability.mode, backupRetentionDays:backup.backupRetentionDays, entraSignIn:authConfig.activeDirectoryAuth, passwordSignIn:authConfig.passwordAuth}"'),
  ];
}

/**
 * After a promotion, wait until the promoted server is Ready before changing it: promoting a replica puts the servers
 * in an updating state during which Azure refuses management operations such as high-availability changes (the
 * read-replica page), and the promotion page asks for servers in the Ready state. The query also shows the sign-in
 * the replica declared (limit azure-postgres-replica-keeps-source-sign-in).
 */
function postgresWaitReady(ctx: StepContext, replica: ResourceView): Step {
  return step("restore", `Wait until the promoted server ${replica.name} is Ready and reports the primary role.`, waitReadyCommands(ctx, replica), [
    `A promotion puts the servers in an updating state during which Azure refuses management operations, high-availability changes among them (${REPLICAS_DOC}); the next steps change ${replica.name}, so they wait for it to be Ready (${REPLICA_PROMOTE_DOC}).`,
    `The replica was declared with the primary's sign-in (Microsoft Entra only), which a promotion does not change: if the query shows Entra sign-in Disabled, turn it on before CENM reconnects (az postgres flexible-server update with --active-directory-auth Enabled).`,
  ].join(" "));
}

/**
 * After a promotion, the backup retention the primary declares: Azure takes no backups of a replica, and Microsoft's
 * promotion page lists no retention among what a promotion carries over (it says the settings of the two servers
 * are managed apart), so the retention is set on the promoted server. Nothing when the primary declares none.
 */
function postgresRetentionAfterPromotion(ctx: StepContext, db: ResourceView, replica: ResourceView): Step[] {
  const declared = rec(db.inputs.backup)?.backupRetentionDays;
  if (declared === undefined) return [];
  const days = num(declared);
  return [
    step("restore", `Give the promoted server ${replica.name} the backup retention ${db.name} had${days !== undefined ? `, ${days} days` : ""}.`, [
      az("postgres flexible-server update", ...target(ctx, replica), " --backup-retention ", days !== undefined ? String(days) : param(`${db.name}'s backup retention in days`)),
    ], `Azure takes no backups of a read replica and starts them once it is promoted; the promotion page does not say which retention the promoted server then keeps (${REPLICA_PROMOTE_DOC}), so set the primary's. Until its first automated backup completes, a point-in-time restore to the latest time may be refused. If Azure answers that the server is busy, run the wait of the previous step again, then this command.`),
  ];
}

/**
 * After a promotion, the zone-redundant high availability the lost primary had: a read replica cannot have it, and
 * promotion carries neither it nor geo-redundant backup over (Azure's read-replica and promotion pages, rule
 * azure-postgres-replica-no-high-availability), so it is enabled on the promoted server once it is primary. Azure
 * picks a standby zone other than the server's. Nothing when the primary had no high availability.
 */
function postgresHaAfterPromotion(ctx: StepContext, db: ResourceView, replica: ResourceView): Step[] {
  if (str(rec(db.inputs.highAvailability)?.mode) !== "ZoneRedundant") return [];
  return [
    step("restore", `Give the promoted server ${replica.name} a synchronous standby in another zone of its region (zone-redundant high availability), as ${db.name} had.`, [
      az("postgres flexible-server update", ...target(ctx, replica), " --high-availability ZoneRedundant"),
    ], `A read replica cannot have high availability and promotion does not carry it over, so it is enabled once the replica is primary and Ready (${REPLICA_PROMOTE_DOC}); Azure builds the standby in a zone other than the server's. If Azure refuses the change because the server is still updating, wait for Ready again (the wait step above) and rerun it: Azure applies one change at a time to a server. Geo-redundant backup cannot follow (it is chosen only when a server is created): until the lost region is back, the promoted server's backups stay in its own region.`),
  ];
}

/**
 * Failback after a switchover-style promotion, before any `pulumi up`: once the lost region is back, the former
 * primary returns as a read replica of the promoted server, with the high availability Azure turned off (it allows
 * none on a replica), while the program still declares it the primary with zone-redundant HA. A planned switchover
 * back gives the servers the roles the program declares; HA is then turned on again on the former primary (Azure does
 * not restore it, the promotion page's FAQ). Steps of kind "failback": the runbook prints them under "Afterwards".
 */
function postgresFailback(ctx: StepContext, db: ResourceView, replica: ResourceView): Step[] {
  const lost = ctx.names.regionOf(db) ?? "the lost region";
  const ha = str(rec(db.inputs.highAvailability)?.mode) === "ZoneRedundant";
  const steps: Step[] = [
    step("failback", `Before any \`pulumi up\`, once ${lost} is back: switch ${db.name} back to primary with a planned switchover, so that the servers have the roles the stack declares.`, [
      ...waitReadyCommands(ctx, db),
      az("postgres flexible-server replica promote", ...target(ctx, db), " --promote-mode switchover --promote-option planned"),
      ...waitReadyCommands(ctx, db),
    ], [
      `The forced switchover made ${replica.name} the primary; when ${lost} returns, ${db.name} comes back as its read replica (replication state Reconfiguring, then Active), with high availability turned off by Azure, which allows none on a replica (${REPLICA_PROMOTE_DOC}).`,
      `The program still declares ${db.name} the primary${ha ? " with zone-redundant high availability" : ""} and ${replica.name} its replica: a \`pulumi up\` before the switchover back would ask Azure for ${ha ? "high availability on a replica, which it refuses (rule azure-postgres-replica-no-high-availability)" : "a primary that is now a replica"}.`,
      `Wait until the show query reports ${db.name} Ready with replication state Active; a planned switchover then waits for every write to reach it (no data loss), and the read-write endpoint follows it back.`,
      `If ${db.name} shows Broken or does not come back, Microsoft's only way is to delete it and create the replica again: do not run \`pulumi up\`, which would re-create ${db.name} as an empty primary; decide with the stack's owners whether the stack is to declare ${replica.name} as its primary.`,
    ].join(" ")),
  ];
  if (ha) {
    steps.push(
      step("failback", `Give ${db.name}, primary again, its zone-redundant high availability back; only then refresh the stack and let \`pulumi up\` find the declaration met.`, [
        az("postgres flexible-server update", ...target(ctx, db), " --high-availability ZoneRedundant"),
        ...waitReadyCommands(ctx, db),
      ], `Azure turned high availability off on ${db.name} when it became a replica and does not turn it on again after the switchover back (${REPLICA_PROMOTE_DOC}); ${replica.name}, a replica again, loses the high availability the runbook gave it. Check that the query shows ${db.name} with mode ZoneRedundant and its declared backup retention before the refresh and \`pulumi up\` of the next step.`),
    );
  }
  return steps;
}

function postgresGeoRestore(ctx: StepContext, db: ResourceView, drRegion: string, lostRegion: string | undefined): Step[] {
  const restored = param(`a new server name in ${drRegion}`);
  const drGroup = ctx.g.ofType(T.resourceGroup).find((g) => ctx.names.regionOf(g) === drRegion);
  const group: Part = drGroup ? ctx.names.ref(drGroup) : param(`a resource group in ${drRegion}`);
  const network = drNetworkFlags(ctx, db, drRegion);
  const keys = keyFlags(ctx, db, "geo");
  const zoneNote = rec(db.inputs.network) ? zoneWriteNote(ctx, postgresZoneOf(ctx, db), lostRegion) : undefined;
  return [
    ...keyFlagsCliCheck("geo-restore", keys),
    step("restore", `Restore ${db.name} from its geo-redundant backups into ${drRegion}, the paired region.`, [
      az("postgres flexible-server geo-restore --resource-group ", group, " --name ", restored, " --location ", drRegion, " --source-server ", ctx.names.ref(db, "id"), ...network, ...keys),
    ], ["The server comes back as of its last geo-replicated backup; with a customer-managed key it must use the geo-backup key and identity, which live in the paired region.", ...(zoneNote ? [zoneNote] : [])].join(" ")),
    repointPostgres([" --resource-group ", group, " --name ", restored], "the restored server"),
  ];
}

/** A delegated subnet for flexible servers in the DR region's virtual network, and the private DNS zone of the primary. */
function drNetworkFlags(ctx: StepContext, db: ResourceView, drRegion: string): Part[] {
  const network = rec(db.inputs.network);
  if (!network) return [];
  const subnets = ctx.g.ofType(SUBNET).filter((s) => {
    const vnet = ctx.g.ref(s, "virtualNetworkName", [VNET]);
    const delegated = JSON.stringify(s.inputs.delegations ?? "").includes("Microsoft.DBforPostgreSQL/flexibleServers");
    return delegated && vnet !== undefined && ctx.names.regionOf(vnet) === drRegion;
  });
  const zone = postgresZoneOf(ctx, db);
  return [
    ...flag("--subnet", [subnets.length === 1 ? ctx.names.ref(subnets[0], "id") : param(`the resource id of a subnet delegated to flexible servers in ${drRegion}`)]),
    ...flag("--private-dns-zone", zone ? [ctx.names.ref(zone, "id")] : []),
  ];
}

function sqlZoneRedundant(ctx: StepContext, db: ResourceView): Step[] {
  const server = ctx.g.ref(db, "serverName", [T.sqlServer]);
  return [
    step("restore", `Confirm that Azure SQL database ${db.name} is online on its replicas in the surviving zones (Azure fails over on its own).`, [
      az("sql db show --resource-group ", ctx.names.resourceGroup(db), " --server ", server ? ctx.names.ref(server) : param("the logical server"), " --name ", ctx.names.ref(db), " --query status"),
    ]),
  ];
}

function sqlPointInTime(ctx: StepContext, db: ResourceView, scenario: ScenarioId): Step[] {
  const server = ctx.g.ref(db, "serverName", [T.sqlServer]);
  return [
    step("restore", `Restore Azure SQL database ${db.name} to a new database on the same server.`, [
      az("sql db restore --resource-group ", ctx.names.resourceGroup(db), " --server ", server ? ctx.names.ref(server) : param("the logical server"), " --name ", ctx.names.ref(db), " --dest-name ", param(`a new database name (Azure restores beside ${db.name})`), " --time ", scenario === "destructive-statement" ? RESTORE_TIME : param("the latest restorable time, UTC ISO 8601")),
    ]),
    step("repoint", `Point the JDBC URL of ${CENM_DATABASES} at the restored database.`),
  ];
}

function sqlFailoverGroup(ctx: StepContext, groupUrn: string, region: string): Step[] {
  const fg = resource(ctx, groupUrn);
  if (!fg) return [step("restore", `The failover group ${groupUrn} is not in the input.`)];
  return [
    step("restore", `Make the secondary server in ${region} primary, without waiting for the lost one.`, [
      az("sql failover-group set-primary --resource-group ", ctx.names.resourceGroup(fg), " --server ", param(`the failover group's secondary server in ${region}`), " --name ", ctx.names.ref(fg), " --allow-data-loss"),
    ], "The failover group's listener follows the new primary: CENM keeps its host name."),
  ];
}

function sqlGeoRestore(db: ResourceView, region: string): Step {
  return step("restore", `Restore Azure SQL database ${db.name} from its geo-redundant backups onto a server in ${region} (Azure SQL geo-restore), then point the CENM services' JDBC URLs at it.`);
}

/** The backup instance of `subject` in `vault` (Data Protection). */
function backupInstanceOf(ctx: StepContext, subject: ResourceView, vault: ResourceView | undefined): ResourceView | undefined {
  return ctx.g.referrers(subject, [T.backupInstance]).find((bi) => vault === undefined || (bi.propertyDependencies?.vaultName ?? []).includes(vault.urn));
}

/**
 * The storage account (and its blob container) a restore of `vault` writes into: the account the vault's identity
 * is granted a role on (the package's restore account, where the vault holds "Storage Blob Data Contributor").
 */
function restoreTargetOf(ctx: StepContext, vault: ResourceView | undefined): { account: ResourceView; container?: ResourceView } | undefined {
  if (!vault) return undefined;
  for (const grant of ctx.g.referrers(vault, [ROLE_ASSIGNMENT], "principalId")) {
    const account = ctx.g.ref(grant, "scope", [T.storageAccount]);
    if (account) return { account, container: ctx.g.referrers(account, [T.blobContainer], "accountName")[0] };
  }
  return undefined;
}

function postgresFromVault(ctx: StepContext, server: ResourceView, vaultUrn: string | undefined, region: string | undefined, copy: boolean): Step[] {
  const vault = resource(ctx, vaultUrn);
  const bi = backupInstanceOf(ctx, server, vault);
  const vaultParts: Part[] = vault ? [" --resource-group ", ctx.names.resourceGroup(vault), " --vault-name ", ctx.names.ref(vault)] : [" --resource-group ", param("the backup vault's resource group"), " --vault-name ", param("the backup vault")];
  const instance: Part = bi ? ctx.names.ref(bi) : param(`the backup instance of ${server.name}`);
  const location = copy ? (region ?? param("the paired region")) : (ctx.names.regionOf(server) ?? param("the server's region"));
  const restore = restoreTargetOf(ctx, vault);
  const accountParts: Part[] = restore ? target(ctx, restore.account) : [" --resource-group ", param("the restore account's resource group"), " --name ", param("the storage account the restore writes into")];
  const accountName: Part = restore ? ctx.names.ref(restore.account) : param("the restore storage account");
  const container: Part = restore?.container ? ctx.names.ref(restore.container) : param("the restore blob container");
  return [
    step("prepare", "Install the Azure CLI's dataprotection extension on the recovery host (it needs Azure CLI 2.75.0 or later).", [
      az("version --query '\"azure-cli\"'"),
      az("extension add --name dataprotection --upgrade"),
    ], `The az dataprotection commands below are an extension, not part of the core CLI; the CLI installs it on first use only where dynamic install is allowed (${DATAPROTECTION_CLI_DOC}).`),
    step("restore", `List the recovery points of ${server.name} in backup vault ${vault?.name ?? ""} and choose the newest from before the damage.`.replace("  ", " "), [
      az("dataprotection recovery-point list", ...vaultParts, " --backup-instance-name ", instance, " --output table"),
    ], copy ? `These are the copies to restore in ${region ?? "the paired region"} through the vault's cross-region restore; if the vault's own region does not answer, pick the point in the portal (the backup instance's Restore, secondary region).` : "The vault's immutability and soft delete keep them from early deletion."),
    step("restore", `Turn public network access of restore account ${restore?.account.name ?? ""} on for the time of the restore, from selected networks only: Microsoft asks for the target account of a restore as files to be reachable from public networks, and its steps keep the default action Deny with the backup vault as a resource instance and trusted Microsoft services allowed, which the program declares on the account.`.replace("  ", " "), [
      az("storage account update", ...accountParts, " --public-network-access Enabled --default-action Deny --bypass AzureServices"),
      az("storage account network-rule list", ...accountParts, " --query resourceAccessRules"),
    ], `Nothing else gets in: no IP or network rule is declared. The account allows cross-tenant replication, which the restore also needs: Azure Backup copies the backup from Microsoft's tenant into it (${VAULTED_RESTORE_DOC}, ${VAULTED_RESTORE_NETWORK_DOC}).`),
    step("restore", "Prepare a request that restores that recovery point as files (one dump per database) into the restore account's container, which the vault's identity may write to.", [
      az("dataprotection backup-instance restore initialize-for-data-recovery-as-files --datasource-type AzureDatabaseForPostgreSQLFlexibleServer --restore-location ", location, " --source-datastore VaultStore --recovery-point-id ", param("the recovery point id chosen above"), " --target-blob-container-url https://", accountName, ".blob.core.windows.net/", container, " --target-file-name ", param("a file name prefix"), " > restore.json"),
    ]),
    step("restore", copy ? "Validate and trigger the restore from the paired region (cross-region restore), and follow its job." : "Validate and trigger the restore, and follow its job.", [
      az("dataprotection backup-instance validate-for-restore", ...vaultParts, " --backup-instance-name ", instance, " --restore-request-object restore.json", copy ? " --use-secondary-region" : ""),
      az("dataprotection backup-instance restore trigger", ...vaultParts, " --backup-instance-name ", instance, " --restore-request-object restore.json", copy ? " --use-secondary-region" : ""),
      az("dataprotection job list", ...vaultParts, " --output table"),
    ], copy ? `--use-secondary-region makes these a cross-region restore from the vault's geo-redundant copy (${DATAPROTECTION_CRR_DOC}).` : undefined),
    step("restore", "Once the job has completed, turn the restore account's public network access off again.", [
      az("storage account update", ...accountParts, " --public-network-access Disabled"),
    ], "From here the dump files are reached through the account's private endpoint in the DR network. The next pulumi up (which refreshes first) would also set it back to Disabled."),
    step("restore", "Prepare the target flexible server (the original once repaired, or a new one): run the stack's DBA bootstrap on it, which creates each CENM service's role and an empty database owned by it, as Microsoft's restore procedure asks for an empty database first.", [
      shell("pulumi stack output database --json | jq -r .bootstrapSql > bootstrap.sql"),
      shell("PGPASSWORD=$(az account get-access-token --resource-type oss-rdbms --query accessToken --output tsv) psql \"host=", param("the server's host name"), " user=", param("the Entra administrator group"), " dbname=postgres sslmode=require\" -f bootstrap.sql"),
    ], "The bootstrap ends by checking that every CENM database is owned by its service's role: a database owned by azuresu or azure_pg_admin would be left out of the vault's next backups."),
    step("restore", "Load each CENM database's dump, signed in with a Microsoft Entra token, as that database's service role so that the role owns what it restores.", [
      az("storage blob download --account-name ", accountName, " --container-name ", container, " --name ", param("the dump file of the database"), " --file ", param("a local file"), " --auth-mode login"),
      shell("PGPASSWORD=$(az account get-access-token --resource-type oss-rdbms --query accessToken --output tsv) pg_restore --host ", param("the server's host name"), " --username ", param("the Entra administrator group"), " --dbname ", param("the CENM database (identity_manager, network_map, zone, auth)"), " --no-owner --role ", param("the database's service role"), " ", param("the local dump file")),
    ], "Your own identity needs a data role on the container (Storage Blob Data Reader) to download; the administrator may act as each service role because the bootstrap granted it that role."),
    step("repoint", `Point the JDBC URL of ${CENM_DATABASES} at that server if it is a new one.`),
  ];
}

/** The shares of a storage account (Azure Files) and the protected items that back them up. */
function sharesOf(ctx: StepContext, account: ResourceView): ResourceView[] {
  if (account.type === T.fileShare) return [account];
  return ctx.g.referrers(account, [T.fileShare], "accountName");
}

function accountOf(ctx: StepContext, r: ResourceView): ResourceView {
  if (r.type !== T.fileShare) return r;
  return ctx.g.ref(r, "accountName", [T.storageAccount]) ?? r;
}

/**
 * Restoring CENM shares from Azure Backup (Microsoft's file-share backup support matrix):
 * - `inSource` (snapshot tier): the recovery points are share snapshots kept in the storage account; they restore in
 *   place, and exist only while the share and the account do.
 * - vaulted, in the vault's own region: Azure restores a vaulted recovery point only as a whole share, to an
 *   alternate location (an empty folder, with Overwrite), into an account registered with the vault: the stack's
 *   account, re-created by `pulumi up` if it was deleted.
 * - vaulted, the copy in the paired region (`copy`): cross-region restore of the geo-redundant vault, into an
 *   account in the paired region. The Azure CLI's `restore-azurefileshare` takes no secondary-region option, so
 *   that restore is started from the vault in the portal (or its REST API).
 */
function sharesFromVault(ctx: StepContext, subject: ResourceView, vaultUrn: string | undefined, copy: boolean, inSource: boolean, region: string | undefined): Step[] {
  const account = accountOf(ctx, subject);
  const vault = resource(ctx, vaultUrn);
  const vaultParts: Part[] = vault ? [" --resource-group ", ctx.names.resourceGroup(vault), " --vault-name ", ctx.names.ref(vault)] : [" --resource-group ", param("the Recovery Services vault's resource group"), " --vault-name ", param("the Recovery Services vault")];
  const shares = sharesOf(ctx, subject);
  const item = (share: ResourceView): Part[] => [" --container-name ", ctx.names.ref(account), " --item-name ", ctx.names.ref(share)];
  const label = (share: ResourceView): string => str(share.inputs.shareName) ?? share.name;
  const list: Command[] = shares.map((share) => az("backup recoverypoint list", ...vaultParts, ...item(share), " --backup-management-type AzureStorage --workload-type AzureFileShare --output table"));
  const listStep = (what: string, detail?: string): Step =>
    step("restore", `List the ${what} of each CENM share of storage account ${account.name} and choose the newest from before the damage.`, list.length > 0 ? list : [az("backup item list", ...vaultParts, " --backup-management-type AzureStorage --workload-type AzureFileShare --output table")], detail);
  const follow = step("restore", "Follow the restore jobs until they complete.", [az("backup job list", ...vaultParts, " --operation Restore --output table")]);
  const lock = vault ? ctx.facts.snapshots.vaults.find((v) => v.urn === vault.urn)?.lock?.mode : undefined;

  if (inSource) {
    return [
      listStep(
        "share snapshots Azure Backup keeps",
        `They are snapshots kept in storage account ${account.name} itself, not in ${vault ? `vault ${vault.name}` : "the vault"}: they exist only while their share and the account do, and the vault's lock does not protect them. A deleted share comes back first from share soft delete (az storage share-rm restore), while its retention lasts.`,
      ),
      step("restore", "Restore each share in place, overwriting what the damage left.", shares.map((share) => az("backup restore restore-azurefileshare", ...vaultParts, ...item(share), " --rp-name ", param(`the recovery point chosen for ${share.name}`), " --restore-mode OriginalLocation --resolve-conflict Overwrite"))),
      follow,
    ];
  }
  if (copy) {
    return [
      step(
        "restore",
        `Restore each CENM share from the copy of ${vault ? `vault ${vault.name}` : "the vault"} in ${region ?? "the paired region"} (cross-region restore), into a storage account in ${region ?? "the paired region"}: in the Azure portal, open the vault's backup items (Azure Storage, Azure Files), choose the secondary region, and restore each share's newest recovery point from before the damage.`,
        [],
        "The Azure CLI's restore-azurefileshare has no secondary-region option; the portal (or the Cross Region Restore REST API) starts this restore. Vaulted recovery points restore as whole shares into an empty folder of the target share.",
      ),
      step("repoint", `Mount the restored shares on the CENM hosts in ${region ?? "the paired region"} (through a private endpoint of the target account there), and move the restored files to each share's root.`),
    ];
  }
  const restoreFolder = param("a new, empty folder name, such as restored-<date>");
  return [
    listStep(
      "vaulted recovery points",
      vault
        ? `Vault ${vault.name} keeps them apart from storage account ${account.name}: they survive the deletion of the shares and of the account${lock === "compliance" ? ", and its compliance lock keeps anyone from deleting them before they expire" : ""}.`
        : undefined,
    ),
    step(
      "restore",
      `Restore each share's recovery point into an empty folder of that share in ${account.name}; if the account or a share was deleted, run \`pulumi up\` first: it re-creates them and registers the account with the vault.`,
      shares.map((share) =>
        az("backup restore restore-azurefileshare", ...vaultParts, ...item(share), " --rp-name ", param(`the recovery point chosen for ${share.name}`), " --restore-mode AlternateLocation --resolve-conflict Overwrite --target-storage-account ", ctx.names.ref(account), " --target-file-share ", ctx.names.ref(share), " --target-folder ", restoreFolder),
      ),
      `Azure restores a vaulted recovery point only as a whole share to an alternate location, into an empty folder with Overwrite; the shares restored: ${shares.map(label).join(", ") || "none declared"}.`,
    ),
    follow,
    step("repoint", "On a host that mounts each share, move the restored files from that folder to the share's root, then remove the folder."),
  ];
}

/** How a host mounts a share (storage account key method; the other methods differ only in the credentials). */
function mount(ctx: StepContext, account: ResourceView, share: ResourceView): Command {
  const label = str(share.inputs.shareName) ?? share.name;
  return shell("sudo mount -t cifs //", ctx.names.ref(account), ".file.core.windows.net/", ctx.names.ref(share), " ", param(`the ${label} share's directory on the host`), " -o vers=3.1.1,seal,username=", ctx.names.ref(account), ",password=", param("the account key, or the credentials fileStore.smbAccess names"));
}

function zoneRedundantShares(ctx: StepContext, account: ResourceView): Step[] {
  const shares = sharesOf(ctx, account);
  return [
    step("restore", `Check that storage account ${account.name} still serves: zone-redundant storage writes every request to three zones before acknowledging it.`, [
      az("storage account show", ...target(ctx, account), ' --query "{sku:sku.name, primary:statusOfPrimary}"'),
    ]),
    step("repoint", "Move the CENM services of the lost zone to hosts in surviving zones and mount their shares there (through the private endpoint).", shares.map((share) => mount(ctx, account, share))),
  ];
}

function accountFailover(ctx: StepContext, account: ResourceView, drRegion: string): Step[] {
  const shares = sharesOf(ctx, account);
  const drGroup = ctx.g.ofType(T.resourceGroup).find((g) => ctx.names.regionOf(g) === drRegion);
  const drEndpointSubnet = ctx.g.ofType(SUBNET).find((s) => {
    const vnet = ctx.g.ref(s, "virtualNetworkName", [VNET]);
    return vnet !== undefined && ctx.names.regionOf(vnet) === drRegion && str(s.inputs.subnetName) === "endpoints";
  });
  const fileZone = ctx.g.ofType(PRIVATE_ZONE).find((z) => str(z.inputs.privateZoneName) === "privatelink.file.core.windows.net");
  const allowShared = !isFalse(account.inputs.allowSharedKeyAccess);
  return [
    step("restore", `See how far the paired region's copy of ${account.name} lags: writes after its last sync time are lost.`, [
      az("storage account show", ...target(ctx, account), " --expand geoReplicationStats --query geoReplicationStats"),
    ]),
    step("restore", `Fail the account over to ${drRegion}. It then runs there as locally redundant storage; make it geo-zone-redundant again once the primary region is back.`, [
      az("storage account failover", ...target(ctx, account), " --yes"),
    ]),
    step("restore", `Give the account a private endpoint for Azure Files in ${drRegion} (its endpoint in the lost region is gone), and register it in the private DNS zone for files.`, [
      az("network private-endpoint create --resource-group ", drGroup ? ctx.names.ref(drGroup) : param(`a resource group in ${drRegion}`), " --name ", param("a name for the endpoint"), " --subnet ", drEndpointSubnet ? ctx.names.ref(drEndpointSubnet, "id") : param(`the resource id of an endpoint subnet in ${drRegion}`), " --private-connection-resource-id ", ctx.names.ref(account, "id"), " --group-id file --connection-name ", param("a name for the connection")),
      az("network private-endpoint dns-zone-group create --resource-group ", drGroup ? ctx.names.ref(drGroup) : param(`a resource group in ${drRegion}`), " --endpoint-name ", param("the endpoint's name"), " --name default --private-dns-zone ", fileZone ? ctx.names.ref(fileZone, "id") : param("the resource id of the privatelink.file.core.windows.net zone"), " --zone-name file"),
    ], zoneWriteNote(ctx, fileZone, ctx.names.regionOf(account))),
    step("repoint", `Mount the CENM shares on the hosts in ${drRegion}.`, shares.map((share) => mount(ctx, account, share)), allowShared ? undefined : "Shared keys are off on this account: mount with the identity-based method fileStore.smbAccess names."),
  ];
}

/** Retrieval steps for one copy of the signing keys held in Azure. */
export function azureKeySteps(ctx: StepContext, copy: KeyCopyFact): Step[] {
  const r = resource(ctx, copy.id);
  if (!r) return [];
  if (r.type === T.keyVault) {
    return [
      step("restore", `Check that Key Vault ${r.name} still holds the signing keys (HSM-backed, purge-protected).`, [az("keyvault key list --vault-name ", ctx.names.ref(r), " --output table")]),
      step("restore", "If the vault or a key was deleted, recover it: soft delete and purge protection keep deleted vaults and keys recoverable for their retention period.", [
        az("keyvault recover --name ", ctx.names.ref(r)),
        az("keyvault key recover --vault-name ", ctx.names.ref(r), " --name ", param("the deleted key's name")),
      ]),
    ];
  }
  const containers = ctx.g.referrers(r, [T.blobContainer], "accountName");
  const container: Part = containers.length === 1 ? ctx.names.ref(containers[0]) : param("the escrow container");
  return [
    step("restore", `List the versions of the wrapped key material in escrow account ${r.name} and pick the one the last key ceremony wrote.`, [
      az("storage blob list --account-name ", ctx.names.ref(r), " --container-name ", container, " --include v --auth-mode login --output table"),
    ], "The account admits no public network access: work from a host in the vault subnet, behind its private endpoint, under the two-person rule. Its versions are immutable: nobody can have altered them."),
    step("restore", "Download that version.", [
      az("storage blob download --account-name ", ctx.names.ref(r), " --container-name ", container, " --name ", param("the blob name"), " --version-id ", param("its version id"), " --file ", param("a local file on the recovery host"), " --auth-mode login"),
    ]),
    step("restore", "Import the wrapped keys into the Signing Service's key store (the premium Key Vault's HSM, or your HSM) under two-person control; then delete the local file."),
  ];
}
