/**
 * What the program declares about each storage account, gathered once: redundancy, network reach, immutability,
 * encryption and what it holds (file shares, blob containers). The files, keys, exposure and encryption readers
 * share it.
 */
import type { AuditResource } from "../../types";
import type { ResourceGraph } from "../../../domain/resources/graph";
import { isTrue, num, rec, str, isMarker } from "../../../domain/resources/values";
import { type AzurePlace, elementTag, publicIpRules, setting } from "./common";
import { programKey } from "./kms";
import { T } from "./tokens";

export interface AccountInfo {
  account: AuditResource;
  region: string;
  sku: string;
  /** ZRS, GZRS, RA-GZRS: every write is stored synchronously in three zones. */
  zoneRedundant: boolean;
  /** GRS, RA-GRS, GZRS, RA-GZRS: copied asynchronously to the paired region. */
  geoRedundant: boolean;
  pairedRegion?: string;
  shares: AuditResource[];
  containers: AuditResource[];
  /** Share soft delete from the account's file service properties: days (0 when off or not declared), or "unknown". */
  shareSoftDeleteDays: number | "unknown";
  immutability?: { enabled: boolean; state?: string; days?: number | "unknown" };
  /** Why the account answers on the Internet, when it does (a sentence). */
  publicReason?: string;
  allowBlobPublicAccess: boolean;
  keySource: string;
  /** Why the encryption cannot be read (a preview's unknown). */
  encryptionUnknown?: string;
  customerManagedKey: boolean;
  element?: string;
}

/**
 * Why the account's endpoints answer from the Internet, if they do: public network access Enabled; left undeclared
 * with network rules that do not deny by default or admit a public address; or Disabled with rules that declare an
 * opening (a default action of Allow, a public IP rule), which Azure ignores only while public access stays
 * Disabled (AZURE_DOCS.storageNetworkSecurity). A rule set left undeclared under Disabled opens nothing.
 */
function publicReason(a: AuditResource): string | undefined {
  const pna = setting(a.inputs.publicNetworkAccess);
  const rules = rec(a.inputs.networkRuleSet);
  const defaultAction = setting(rules?.defaultAction);
  const ips = publicIpRules(rules?.ipRules);
  const answers = ": the storage endpoints answer from the Internet";
  if (pna === "enabled") return `publicNetworkAccess is Enabled${answers}`;
  if (pna === "disabled") {
    const opening = [...(defaultAction === "allow" ? ["default action Allow"] : []), ...(ips.length > 0 ? [`IP rules admitting ${ips.join(", ")}`] : [])];
    return opening.length > 0 ? `the network rule set declares ${opening.join(" and ")}: the storage endpoints answer from the Internet as soon as public network access is switched on` : undefined;
  }
  if (defaultAction !== "deny") return `public network access is not Disabled and the network rule set does not deny by default${answers}`;
  if (ips.length > 0) return `public network access is not Disabled and the network rule set admits ${ips.join(", ")}${answers}`;
  return undefined;
}

/** Days a share soft-delete policy keeps deleted shares: 0 when disabled or absent, "unknown" in a preview. */
function shareSoftDelete(policy: unknown): number | "unknown" {
  if (isMarker(policy)) return "unknown";
  const p = rec(policy);
  if (!p) return 0;
  if (isMarker(p.enabled) || isMarker(p.days)) return "unknown";
  return isTrue(p.enabled) ? (num(p.days) ?? 0) : 0;
}

export function analyzeAccounts(g: ResourceGraph, place: AzurePlace): Map<string, AccountInfo> {
  const infos = new Map<string, AccountInfo>();
  for (const account of g.ofType(T.storageAccount)) {
    const sku = str(rec(account.inputs.sku)?.name) ?? "unknown";
    const upper = sku.toUpperCase();
    const region = place.regionOf(account);
    const geoRedundant = /_(RA)?G(Z)?RS$/.test(upper);
    const ism = rec(account.inputs.immutableStorageWithVersioning);
    const policy = rec(ism?.immutabilityPolicy);
    const encryptionUnknown = isMarker(account.inputs.encryption);
    const encryption = rec(account.inputs.encryption);
    const keySource = str(encryption?.keySource) ?? "Microsoft.Storage";
    const cmk = setting(keySource) === "microsoft.keyvault" && programKey(g, account, "encryption", rec(encryption?.keyVaultProperties)?.keyName) !== undefined;
    const element = elementTag(account);
    const paired = geoRedundant ? place.pairedRegion(region) : undefined;
    infos.set(account.urn, {
      account,
      region,
      sku,
      zoneRedundant: /_(RA)?G?ZRS$/.test(upper),
      geoRedundant,
      ...(paired ? { pairedRegion: paired } : {}),
      shares: [],
      containers: [],
      shareSoftDeleteDays: 0,
      ...(ism
        ? {
            immutability: {
              enabled: isTrue(ism.enabled),
              ...(str(policy?.state) ? { state: str(policy?.state) } : {}),
              ...(isMarker(ism?.immutabilityPolicy) || isMarker(policy?.immutabilityPeriodSinceCreationInDays)
                ? { days: "unknown" as const }
                : num(policy?.immutabilityPeriodSinceCreationInDays) !== undefined
                  ? { days: num(policy?.immutabilityPeriodSinceCreationInDays) }
                  : {}),
            },
          }
        : {}),
      ...(publicReason(account) ? { publicReason: publicReason(account) } : {}),
      allowBlobPublicAccess: isTrue(account.inputs.allowBlobPublicAccess),
      keySource,
      customerManagedKey: cmk,
      ...(encryptionUnknown ? { encryptionUnknown: "the encryption settings are computed at deployment (a preview shows them unknown)" } : {}),
      ...(element ? { element } : {}),
    });
  }
  const owner = (r: AuditResource): AccountInfo | undefined => {
    const a = g.ref(r, "accountName", [T.storageAccount], r.inputs.accountName);
    return a ? infos.get(a.urn) : undefined;
  };
  for (const share of g.ofType(T.fileShare)) owner(share)?.shares.push(share);
  for (const container of g.ofType(T.blobContainer)) owner(container)?.containers.push(container);
  for (const service of g.ofType(T.fileService)) {
    const info = owner(service);
    if (info) info.shareSoftDeleteDays = shareSoftDelete(service.inputs.shareDeleteRetentionPolicy);
  }
  return infos;
}
