/**
 * Separate copies of the signing keys held in Azure.
 *
 * Escrow: a storage account with version-level immutability (`immutableStorageWithVersioning.enabled`) and a blob
 * container, or one tagged as the keys element. A `Locked` immutability policy is the COMPLIANCE lock (nobody can
 * shorten it), `Unlocked` the GOVERNANCE one. On Azure the DR escrow is not fed by replication: the program writes
 * a second escrow account in another region. An escrow outside the primary region is reported as the
 * `cloud-escrow-dr-replica` kind, so that the control asking for an escrow copy in another region judges it.
 *
 * Key Vault: a premium vault keeps its keys in HSMs. It counts as a `cloud-hsm` copy only with purge protection
 * on (a deleted vault or key cannot then be purged before its retention ends); vaults that only hold the
 * customer-managed keys encrypting other resources are not signing-key copies and are left out, unless tagged as
 * the keys element. Offline copies come from the stack outputs (see ../outputs.ts).
 */
import type { AuditResource, KeyCopyFact } from "../../types";
import type { ResourceGraph } from "../../../domain/resources/graph";
import { isTrue, mostCommon, num, rec } from "../../../domain/resources/values";
import { type AzurePlace, elementTag, setting } from "./common";
import type { AccountInfo } from "./storage";
import { T } from "./tokens";

export function isEscrow(info: AccountInfo): boolean {
  return (info.immutability?.enabled === true && info.containers.length > 0) || info.element === "keys";
}

/** Reachable from the Internet: public network access not disabled, or a default-allow rule set, or public blobs allowed. */
export function escrowReachable(info: AccountInfo): boolean {
  const a = info.account;
  return setting(a.inputs.publicNetworkAccess) !== "disabled" || setting(rec(a.inputs.networkRuleSet)?.defaultAction) !== "deny" || info.allowBlobPublicAccess;
}

/** Reachable from the Internet: public network access not disabled, or network ACLs that do not deny by default. */
export function keyVaultReachable(vault: AuditResource): boolean {
  const props = rec(vault.inputs.properties) ?? {};
  return setting(props.publicNetworkAccess) !== "disabled" || setting(rec(props.networkAcls)?.defaultAction) !== "deny";
}

/** Vaults holding a key that another resource uses as its customer-managed key. */
function cmkVaults(g: ResourceGraph): Set<string> {
  const out = new Set<string>();
  for (const key of g.ofType(T.keyVaultKey)) {
    if (g.referrers(key).some((r) => r.type !== T.keyVaultKey)) {
      const vault = g.ref(key, "vaultName", [T.keyVault], key.inputs.vaultName);
      if (vault) out.add(vault.urn);
    }
  }
  return out;
}

function escrowCopies(accounts: Map<string, AccountInfo>, place: AzurePlace): KeyCopyFact[] {
  const escrows = [...accounts.values()].filter(isEscrow);
  const home = place.context.primaryRegion ?? mostCommon(place.regions) ?? escrows[0]?.region;
  const anyAtHome = escrows.some((e) => e.region === home);
  return escrows.map((info) => {
    const state = setting(info.immutability?.state);
    const lockMode = info.immutability?.enabled ? (state === "locked" ? "COMPLIANCE" : state === "unlocked" ? "GOVERNANCE" : undefined) : undefined;
    return {
      id: info.account.urn,
      kind: anyAtHome && info.region !== home ? "cloud-escrow-dr-replica" : "cloud-escrow",
      region: info.region,
      immutable: lockMode === "COMPLIANCE",
      ...(lockMode ? { lockMode } : {}),
      ...(info.immutability?.days !== undefined ? { lockDays: info.immutability.days } : {}),
      internetReachable: escrowReachable(info),
      customerManagedKey: info.customerManagedKey,
    } satisfies KeyCopyFact;
  });
}

function hsmCopies(g: ResourceGraph, place: AzurePlace): KeyCopyFact[] {
  const encrypting = cmkVaults(g);
  const out: KeyCopyFact[] = [];
  for (const vault of g.ofType(T.keyVault)) {
    const props = rec(vault.inputs.properties) ?? {};
    const premium = setting(rec(props.sku)?.name) === "premium";
    const element = elementTag(vault);
    if (!premium || !isTrue(props.enablePurgeProtection)) continue;
    if (encrypting.has(vault.urn) && element !== "keys") continue;
    if (element !== undefined && element !== "keys") continue;
    out.push({
      id: vault.urn,
      kind: "cloud-hsm",
      region: place.regionOf(vault),
      immutable: false,
      internetReachable: keyVaultReachable(vault),
      // Key material lives inside the vault's HSMs, not under another key.
      customerManagedKey: false,
      detail: `premium Key Vault (HSM-backed keys), purge protection on${num(props.softDeleteRetentionInDays) !== undefined ? `, soft delete ${num(props.softDeleteRetentionInDays)} days` : ""}`,
    });
  }
  return out;
}

export function readKeyCopies(g: ResourceGraph, place: AzurePlace, accounts: Map<string, AccountInfo>): KeyCopyFact[] {
  return [...escrowCopies(accounts, place), ...hsmCopies(g, place)];
}
