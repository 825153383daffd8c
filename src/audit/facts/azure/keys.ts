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
import type { AuditResource, KeyCopyFact, NetworkFact } from "../../types";
import type { ResourceGraph } from "../../../domain/resources/graph";
import { isTrue, mostCommon, num, rec } from "../../../domain/resources/values";
import { type AzurePlace, elementTag, publicIpRules, setting } from "./common";
import type { AccountInfo } from "./storage";
import { T } from "./tokens";

export function isEscrow(info: AccountInfo): boolean {
  return (info.immutability?.enabled === true && info.containers.length > 0) || info.element === "keys";
}

/**
 * Why an escrow account can be reached from the Internet. Each layer must close on its own, so that one switch
 * does not open the keys: public network access Disabled, network rules denying by default and admitting no public
 * address (Azure ignores the rules while public access is Disabled, AZURE_DOCS.storageNetworkSecurity, and honours
 * them the moment it is switched on), and no public blob access.
 */
export function escrowReachableBecause(info: AccountInfo): string[] {
  const a = info.account;
  const rules = rec(a.inputs.networkRuleSet);
  const out: string[] = [];
  if (setting(a.inputs.publicNetworkAccess) !== "disabled") out.push("public network access is not Disabled");
  if (setting(rules?.defaultAction) !== "deny") out.push("the network rule set does not deny by default");
  const ips = publicIpRules(rules?.ipRules);
  if (ips.length > 0) out.push(`the network rule set admits ${ips.join(", ")}`);
  if (info.allowBlobPublicAccess) out.push("public blob access is allowed");
  return out;
}

/**
 * Why a Key Vault can be reached from the Internet: public network access not Disabled, network ACLs that do not
 * deny by default, or ACLs admitting a public address (each layer must close on its own, as for escrow accounts:
 * Azure ignores the ACLs while public access is Disabled, AZURE_DOCS.keyVaultNetworkSecurity).
 */
export function keyVaultReachableBecause(vault: AuditResource): string[] {
  const props = rec(vault.inputs.properties) ?? {};
  const acls = rec(props.networkAcls);
  const out: string[] = [];
  if (setting(props.publicNetworkAccess) !== "disabled") out.push("public network access is not Disabled");
  if (setting(acls?.defaultAction) !== "deny") out.push("the network ACLs do not deny by default");
  const ips = publicIpRules(acls?.ipRules);
  if (ips.length > 0) out.push(`the network ACLs admit ${ips.join(", ")}`);
  return out;
}

/** Reachable from the Internet (see keyVaultReachableBecause). */
export function keyVaultReachable(vault: AuditResource): boolean {
  return keyVaultReachableBecause(vault).length > 0;
}

/** Vaults holding a key that another resource uses as its customer-managed key. */
export function cmkVaults(g: ResourceGraph): Set<string> {
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
      ...reachability(escrowReachableBecause(info)),
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
      ...reachability(keyVaultReachableBecause(vault)),
      // Key material lives inside the vault's HSMs, not under another key.
      customerManagedKey: false,
      detail: `premium Key Vault (HSM-backed keys), purge protection on${num(props.softDeleteRetentionInDays) !== undefined ? `, soft delete ${num(props.softDeleteRetentionInDays)} days` : ""}`,
    });
  }
  return out;
}

/** The reachability fields of a copy reachable for `because` (none: not reachable). */
function reachability(because: string[]): Pick<KeyCopyFact, "internetReachable" | "reachableBecause"> {
  return because.length > 0 ? { internetReachable: true, reachableBecause: because } : { internetReachable: false };
}

export function readKeyCopies(g: ResourceGraph, place: AzurePlace, accounts: Map<string, AccountInfo>): KeyCopyFact[] {
  return [...escrowCopies(accounts, place), ...hsmCopies(g, place)];
}

/**
 * The key copies with the paths of their networks (the subnets of their private endpoints) added: a certain path
 * makes a copy reachable; a path only the deployment can tell leaves a copy otherwise closed not judged.
 */
export function withNetworkReach(copies: KeyCopyFact[], networks: readonly NetworkFact[]): KeyCopyFact[] {
  return copies.map((c) => {
    const mine = networks.filter((n) => n.keyCopies.includes(c.id));
    const because = mine.flatMap((n) => n.paths.filter((p) => !p.unknown).map((p) => `its network ${n.name} has a path to the Internet: ${p.name}: ${p.reason}`));
    const unknown = mine.flatMap((n) => n.paths.filter((p) => p.unknown).map((p) => `a route of its network ${n.name} (${p.name}): ${p.unknown}`))[0];
    if (because.length > 0) return { ...c, internetReachable: true, reachableBecause: [...(c.reachableBecause ?? []), ...because] };
    if (unknown && !c.internetReachable) return { ...c, reachabilityUnknown: unknown };
    return c;
  });
}
