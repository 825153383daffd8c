/**
 * Snapshot facts from Azure Backup: Backup vaults (Data Protection) and Recovery Services vaults, their locks and
 * geo-redundancy, the rules of their policies, what backup instances and protected items cover, failed-job
 * alerting, and the point-in-time backups every PostgreSQL flexible server takes on its own.
 *
 * Locks: a vault whose immutability is `Locked` and whose soft delete is `AlwaysOn` counts as compliance-locked:
 * the lock stops recovery points from being removed before they expire, and always-on soft delete keeps the
 * removed backup items recoverable, and neither can be turned off again. Locked immutability with soft delete
 * that can be switched off, or `Unlocked` immutability, counts as a governance lock (an administrator can undo
 * it); `Disabled` or no immutability is no lock.
 *
 * Copies: a vault with geo-redundant storage replicates every recovery point to the paired region, so each rule
 * writing to it gets a copy in that region. A Recovery Services vault's copy counts only with cross-region restore
 * enabled, the setting that lets the operator restore from the paired region.
 *
 * Azure Files: a share backup policy of the snapshot tier keeps its recovery points as share snapshots in the
 * storage account (the vault holds their catalogue), so its rule is marked `inSource` and has no copies, whatever
 * the vault's redundancy; a policy of the vault-standard tier (`vaultRetentionPolicy`) copies each day's recovery
 * point into the vault, and its rule is the vault's like any other (AZURE_DOCS.filesBackupFaq and the support
 * matrix).
 *
 * The server's own backups: a flexible server takes a daily snapshot and archives its transaction log
 * continuously, restorable to any point within its retention; it is reported as a continuous rule (interval 24 h,
 * retention = backupRetentionDays, copied to the paired region when geo-redundant backup is on), so that "scheduled
 * at least daily" is judged on what the server really keeps and not only on the daily vault backups.
 *
 * Restore testing: Azure has no restore-testing resource, so none is ever reported.
 */
import type { AlertRouteFact, AuditResource, SnapshotCopyFact, SnapshotFacts, SnapshotRuleFact, VaultFact } from "../../types";
import type { ResourceGraph } from "../../../domain/resources/graph";
import { arr, isMarker, num, rec, str, strings, unique } from "../../../domain/resources/values";
import { type AzurePlace, isoDurationHours, repeatingIntervalHours, setting } from "./common";
import { programKey } from "./kms";
import { DATA_SOURCE_TYPES, T, VAULT_TYPES } from "./tokens";

interface VaultInfo {
  fact: VaultFact;
  geoRegion?: string;
  /** Recovery Services vaults: whether cross-region restore is enabled (Data Protection vaults: not read). */
  crossRegionRestore?: boolean;
  failureAlerts: boolean;
}

/** Lock of a vault from its security settings. */
function vaultLock(security: Record<string, unknown> | undefined): VaultFact["lock"] {
  const immutability = setting(rec(security?.immutabilitySettings)?.state);
  const soft = rec(security?.softDeleteSettings);
  const softState = setting(soft?.state) ?? setting(soft?.softDeleteState);
  const softDays = num(soft?.retentionDurationInDays) ?? num(soft?.softDeleteRetentionPeriodInDays);
  if (immutability === "locked" && softState === "alwayson") return { mode: "compliance", ...(softDays !== undefined ? { minRetentionDays: softDays } : {}) };
  if (immutability === "locked" || immutability === "unlocked") return { mode: "governance" };
  return undefined;
}

function readVaults(g: ResourceGraph, place: AzurePlace): Map<string, VaultInfo> {
  const infos = new Map<string, VaultInfo>();
  for (const vault of g.ofType(...VAULT_TYPES)) {
    const props = rec(vault.inputs.properties) ?? {};
    const region = place.regionOf(vault);
    const security = rec(props.securitySettings);
    const monitoring = rec(props.monitoringSettings);
    const alertSetting = setting(rec(monitoring?.azureMonitorAlertSettings)?.alertsForAllJobFailures) ?? setting(monitoring?.azureMonitorAlertSettingsForAllJobFailures);
    let geo = false;
    let cmk = false;
    let crossRegionRestore: boolean | undefined;
    if (vault.type === T.backupVault) {
      geo = arr(props.storageSettings).some((s) => setting(rec(s)?.type) === "georedundant");
      const enc = rec(security?.encryptionSettings);
      cmk = setting(enc?.state) === "enabled" && programKey(g, vault, "properties", rec(enc?.keyVaultProperties)?.keyUri) !== undefined;
    } else {
      geo = setting(rec(props.redundancySettings)?.standardTierStorageRedundancy) === "georedundant";
      crossRegionRestore = setting(rec(props.redundancySettings)?.crossRegionRestore) === "enabled";
      cmk = programKey(g, vault, "properties", rec(rec(props.encryption)?.keyVaultProperties)?.keyUri) !== undefined;
    }
    const lock = vaultLock(security);
    const geoRegion = geo ? place.pairedRegion(region) : undefined;
    infos.set(vault.urn, {
      fact: {
        urn: vault.urn,
        name: vault.name,
        region,
        customerManagedKey: cmk,
        ...(lock ? { lock } : {}),
        notifiedEvents: [],
        protect: vault.protect,
        retainOnDelete: vault.retainOnDelete,
      },
      ...(geoRegion ? { geoRegion } : {}),
      ...(crossRegionRestore !== undefined ? { crossRegionRestore } : {}),
      // Azure Monitor alerts for failed jobs are on by default for both vault kinds unless switched off.
      failureAlerts: alertSetting !== "disabled",
    });
  }
  return infos;
}

function geoCopies(info: VaultInfo | undefined): SnapshotCopyFact[] {
  return info?.geoRegion ? [{ region: info.geoRegion }] : [];
}

/** Days of the default retention rule of a Data Protection backup policy (0 when none is declared). */
function defaultRetentionDays(rules: Record<string, unknown>[]): number {
  const retention = rules.filter((r) => str(r.objectType) === "AzureRetentionRule");
  const chosen = retention.find((r) => r.isDefault === true) ?? retention[0];
  let days = 0;
  for (const lc of arr(chosen?.lifecycles)) {
    const hours = isoDurationHours(rec(rec(lc)?.deleteAfter)?.duration);
    if (Number.isFinite(hours)) days = Math.max(days, hours / 24);
  }
  return days;
}

function dataProtectionRules(g: ResourceGraph, vaults: Map<string, VaultInfo>): SnapshotRuleFact[] {
  const out: SnapshotRuleFact[] = [];
  for (const policy of g.ofType(T.backupPolicy)) {
    const vault = g.ref(policy, "vaultName", [T.backupVault], policy.inputs.vaultName);
    const info = vault ? vaults.get(vault.urn) : undefined;
    const rules = arr(rec(policy.inputs.properties)?.policyRules).map(rec).filter((r): r is Record<string, unknown> => !!r);
    const retentionDays = defaultRetentionDays(rules);
    const covered = unique(g.referrers(policy, [T.backupInstance], "properties").flatMap((i) => sources(g, i)));
    for (const rule of rules) {
      if (str(rule.objectType) !== "AzureBackupRule") continue;
      const intervals = strings(rec(rec(rule.trigger)?.schedule)?.repeatingTimeIntervals);
      const hours = intervals.length > 0 ? Math.min(...intervals.map(repeatingIntervalHours)) : Number.NaN;
      out.push({
        planUrn: policy.urn,
        planName: policy.name,
        rule: str(rule.name) ?? "backup rule",
        schedule: intervals.join(", "),
        intervalHours: hours,
        retentionDays,
        continuous: false,
        ...(vault ? { vaultUrn: vault.urn } : {}),
        copies: geoCopies(info),
        protectedUrns: covered,
      });
    }
  }
  return out;
}

const FREQUENCY_HOURS: Record<string, number> = { daily: 24, weekly: 168, hourly: 1 };

function recoveryServicesRules(g: ResourceGraph, vaults: Map<string, VaultInfo>): SnapshotRuleFact[] {
  return g.ofType(T.protectionPolicy).map((policy) => {
    const vault = g.ref(policy, "vaultName", [T.recoveryVault], policy.inputs.vaultName);
    const props = rec(policy.inputs.properties) ?? {};
    const schedule = rec(props.schedulePolicy) ?? {};
    const frequency = setting(schedule.scheduleRunFrequency) ?? "";
    const hourly = num(rec(schedule.hourlySchedule)?.interval);
    const intervalHours = frequency === "hourly" && hourly !== undefined ? hourly : (FREQUENCY_HOURS[frequency] ?? Number.NaN);
    // Azure Files: a vaulted policy's retention is its vault retention; a snapshot policy's stays in the account.
    const files = str(props.workLoadType) === "AzureFileShare";
    const inSource = files && props.vaultRetentionPolicy === undefined;
    const retention = (files && !inSource ? rec(rec(props.vaultRetentionPolicy)?.vaultRetention) : rec(props.retentionPolicy)) ?? {};
    const daily = rec(rec(rec(retention.dailySchedule)?.retentionDuration));
    const weekly = rec(rec(rec(retention.weeklySchedule)?.retentionDuration));
    const days = num(daily?.count) ?? (num(weekly?.count) !== undefined ? (num(weekly?.count) as number) * 7 : 0);
    const info = vault ? vaults.get(vault.urn) : undefined;
    // A Recovery Services vault's paired-region copy is the operator's to restore only with cross-region restore.
    const copies = inSource || info?.crossRegionRestore === false ? [] : geoCopies(info);
    return {
      planUrn: policy.urn,
      planName: policy.name,
      rule: `${str(props.workLoadType) ?? "backup"} ${frequency || "schedule"}`,
      schedule: [str(schedule.scheduleRunFrequency), ...strings(schedule.scheduleRunTimes)].filter(Boolean).join(" "),
      intervalHours,
      retentionDays: days,
      continuous: false,
      ...(vault ? { vaultUrn: vault.urn } : {}),
      copies,
      protectedUrns: unique(g.referrers(policy, [T.protectedItem], "properties").flatMap((i) => sources(g, i))),
      ...(inSource ? { inSource: true as const } : {}),
    };
  });
}

/** The point-in-time backups every PostgreSQL flexible server keeps, as a continuous rule (see the module comment). */
function serverRules(g: ResourceGraph, place: AzurePlace): SnapshotRuleFact[] {
  const out: SnapshotRuleFact[] = [];
  for (const server of g.ofType(T.postgresServer)) {
    if (setting(server.inputs.createMode) === "replica") continue;
    const backup = rec(server.inputs.backup);
    const days = backup?.backupRetentionDays === undefined ? 7 : (num(backup.backupRetentionDays) ?? 0);
    const paired = setting(backup?.geoRedundantBackup) === "enabled" ? place.pairedRegion(place.regionOf(server)) : undefined;
    out.push({
      planUrn: server.urn,
      planName: server.name,
      rule: "point-in-time backups",
      schedule: "daily snapshot and continuous transaction log archive",
      intervalHours: 24,
      retentionDays: days,
      continuous: true,
      copies: paired ? [{ region: paired }] : [],
      protectedUrns: [server.urn],
      ownBackups: true,
    });
  }
  return out;
}

/**
 * The file shares of an account that a file-share protected item backs up. Its `sourceResourceId` names the
 * storage account; the share is the one whose name the item carries (`protectedItemName`, or `friendlyName`).
 */
function protectedShares(g: ResourceGraph, item: AuditResource, account: AuditResource): AuditResource[] {
  const props = rec(item.inputs.properties);
  const names = new Set([str(item.inputs.protectedItemName), str(props?.friendlyName)].filter((n): n is string => n !== undefined).map((n) => n.toLowerCase()));
  return g
    .referrers(account, [T.fileShare], "accountName")
    .filter((share) => names.has((str(share.inputs.shareName) ?? share.name).toLowerCase()));
}

/**
 * URNs a backup instance or protected item names as its data source: the resource itself, and for a file share
 * its account too. A file-share protected item names the account; the share it backs up is found by name.
 */
function sources(g: ResourceGraph, item: AuditResource): string[] {
  const covered: string[] = [];
  const props = rec(item.inputs.properties);
  const value = item.type === T.backupInstance ? rec(props?.dataSourceInfo)?.resourceID : props?.sourceResourceId;
  for (const r of g.refs(item, "properties", DATA_SOURCE_TYPES, value)) {
    covered.push(r.urn);
    if (r.type === T.fileShare) {
      const account = g.ref(r, "accountName", [T.storageAccount], r.inputs.accountName);
      if (account) covered.push(account.urn);
    }
    if (r.type === T.storageAccount && item.type === T.protectedItem) covered.push(...protectedShares(g, item, r).map((s) => s.urn));
  }
  return covered;
}

/**
 * URNs the backup instances and protected items cover. A protection container (a storage account registered with
 * a Recovery Services vault) backs nothing up by itself, so it covers nothing.
 */
function readProtected(g: ResourceGraph): string[] {
  return unique(g.ofType(T.backupInstance, T.protectedItem).flatMap((item) => sources(g, item)));
}

/** Receiver lists of an action group; any entry in any of them receives its notifications. */
const RECEIVER_LISTS = [
  "emailReceivers",
  "smsReceivers",
  "webhookReceivers",
  "itsmReceivers",
  "azureAppPushReceivers",
  "automationRunbookReceivers",
  "voiceReceivers",
  "logicAppReceivers",
  "azureFunctionReceivers",
  "armRoleReceivers",
  "eventHubReceivers",
];

/** Whether an action group reaches anyone: enabled, with at least one receiver. */
function actionGroupDelivery(group: AuditResource): Pick<AlertRouteFact, "delivers" | "detail"> {
  if (isMarker(group.inputs.enabled)) return { delivers: "unknown", detail: `whether action group ${group.name} is enabled is computed at deployment` };
  if (group.inputs.enabled === false) return { delivers: false, detail: `action group ${group.name} is disabled` };
  const lists = RECEIVER_LISTS.map((k) => group.inputs[k]);
  if (lists.some(isMarker)) return { delivers: "unknown", detail: `the receivers of action group ${group.name} are computed at deployment` };
  const receivers = lists.reduce<number>((n, l) => n + arr(l).length, 0);
  if (receivers === 0) return { delivers: false, detail: `action group ${group.name} has no receiver: nobody is notified` };
  return { delivers: true, detail: `action group ${group.name} has ${receivers} receiver(s)` };
}

/**
 * Alert processing rules that send the alerts of a vault (or of its resource group) to action groups: vault URN ->
 * one route per rule and action group, each saying whether anyone receives it.
 */
function routedAlerts(g: ResourceGraph, place: AzurePlace): Map<string, AlertRouteFact[]> {
  const routed = new Map<string, AlertRouteFact[]>();
  for (const rule of g.ofType(T.alertProcessingRule)) {
    const props = rec(rule.inputs.properties) ?? {};
    const ids = arr(props.actions).flatMap((a) => strings(rec(a)?.actionGroupIds));
    const groups = g.refs(rule, "properties", [T.actionGroup], ids);
    if (groups.length === 0 && ids.length === 0) continue;
    const routes: AlertRouteFact[] = [];
    if (props.enabled === false) routes.push({ via: rule.name, delivers: false, detail: `alert processing rule ${rule.name} is disabled`, disabled: true });
    else {
      for (const group of groups) routes.push({ via: rule.name, destination: group.name, ...actionGroupDelivery(group) });
      if (groups.length < ids.length) routes.push({ via: rule.name, delivers: "unknown", detail: `an action group of ${rule.name} is not declared in this program, so its receivers cannot be seen` });
    }
    const scopes = g.refs(rule, "properties", [...VAULT_TYPES, T.resourceGroup], props.scopes);
    for (const vault of g.ofType(...VAULT_TYPES)) {
      const rg = place.group(vault);
      if (scopes.includes(vault) || (rg !== undefined && scopes.includes(rg))) routed.set(vault.urn, [...(routed.get(vault.urn) ?? []), ...routes]);
    }
  }
  return routed;
}

export function readSnapshots(g: ResourceGraph, place: AzurePlace): SnapshotFacts {
  const vaults = readVaults(g, place);
  const routed = routedAlerts(g, place);
  let failureNotifications = false;
  const alertRoutes: AlertRouteFact[] = [];
  for (const info of vaults.values()) {
    const routes = routed.get(info.fact.urn) ?? [];
    if (info.failureAlerts && routes.length > 0) {
      // A disabled rule announces nothing: only routes that are switched on count.
      if (routes.some((r) => !r.disabled)) failureNotifications = true;
      info.fact.notifiedEvents.push(...unique(routes.map((r) => r.via)).map((r) => `Azure Monitor: failed backup jobs routed by ${r}`));
      alertRoutes.push(...routes);
    }
  }
  return {
    alertRoutes,
    vaults: [...vaults.values()].map((v) => v.fact),
    rules: [...dataProtectionRules(g, vaults), ...recoveryServicesRules(g, vaults), ...serverRules(g, place)],
    protectedUrns: readProtected(g),
    failureNotifications,
    restoreTesting: [],
  };
}
