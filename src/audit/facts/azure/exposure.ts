/**
 * Exposure facts: Azure resources a declaration leaves reachable from the Internet, each with the reason. Public
 * network access declared `Enabled` on any resource; storage accounts that allow public blobs, leave their endpoints
 * open or whose network rules admit public addresses; Key Vaults whose public access is not disabled, whose ACLs do
 * not deny by default or admit public addresses (a vault with public access disabled and no private endpoint is
 * unreachable, not exposed); PostgreSQL servers with a public endpoint; inbound NSG rules allowing traffic from any
 * public source (the Internet and AzureCloud service tags, `*`, and any block holding a public address); database
 * firewall rules admitting any public address. A firewall rule from 0.0.0.0 to 0.0.0.0 is Azure's switch for
 * connections from Azure services (AZURE_DOCS.sqlFirewallRules, AZURE_DOCS.postgresFirewallRules): not an Internet
 * range, but Azure documents that it admits every Azure address, other customers' subscriptions included, so anyone
 * with an Azure resource can reach the endpoint; it is counted as an exposure with that reason. Paths out of a subnet
 * are the network reader's (./network.ts).
 */
import type { AuditResource, ExposureFact } from "../../types";
import type { ResourceGraph } from "../../../domain/resources/graph";
import { isPublicCidr, isPublicRange } from "../../../domain/addresses";
import { arr, rec, str, strings } from "../../../domain/resources/values";
import { setting } from "./common";
import { keyVaultReachableBecause } from "./keys";
import type { AccountInfo } from "./storage";
import { T } from "./tokens";

/**
 * Source keywords and service tags naming public addresses (AZURE_DOCS.serviceTags): `*` and `Any` are every
 * address, `Internet` the address space outside the virtual network reachable from the Internet, `AzureCloud` (and
 * its regional forms) every public address of Azure's datacentres, which any Azure tenant can use.
 */
const OPEN_TAGS = new Set(["internet", "*", "any"]);

/** The source is public: an open keyword or tag, or a block or address holding a public address. */
export function publicSource(source: string): boolean {
  const s = source.trim().toLowerCase();
  if (OPEN_TAGS.has(s) || s === "azurecloud" || s.startsWith("azurecloud.")) return true;
  return isPublicCidr(source) === true;
}

function exposure(r: AuditResource, reason: string): ExposureFact {
  return { urn: r.urn, name: r.name, type: r.type, reason };
}

/** The public sources an inbound allow rule admits. */
function openSources(rule: Record<string, unknown>): string[] {
  const props = rec(rule.properties) ?? rule;
  if (setting(props.direction) !== "inbound" || setting(props.access) !== "allow") return [];
  return [...strings(props.sourceAddressPrefix), ...strings(props.sourceAddressPrefixes)].filter(publicSource);
}

function ports(rule: Record<string, unknown>): string {
  const list = [...strings(rule.destinationPortRange), ...strings(rule.destinationPortRanges)];
  return `${str(rule.protocol) ?? "any protocol"} port${list.length === 1 ? "" : "s"} ${list.join(", ") || "*"}`;
}

/** The `publicNetworkAccess` setting wherever the resource declares it (top level, properties, network). */
function declaredPublicAccess(r: AuditResource): string | undefined {
  return setting(r.inputs.publicNetworkAccess) ?? setting(rec(r.inputs.properties)?.publicNetworkAccess) ?? setting(rec(r.inputs.network)?.publicNetworkAccess);
}

export function readExposures(g: ResourceGraph, accounts: Map<string, AccountInfo>, publicServers: ReadonlySet<string>): ExposureFact[] {
  const out: ExposureFact[] = [];
  const reported = new Set<string>();
  const add = (r: AuditResource, reason: string) => {
    reported.add(r.urn);
    out.push(exposure(r, reason));
  };
  for (const info of accounts.values()) {
    if (info.publicReason) add(info.account, info.publicReason);
    if (info.allowBlobPublicAccess) add(info.account, "allowBlobPublicAccess is true: a container can be made public");
  }
  for (const vault of g.ofType(T.keyVault)) {
    const because = keyVaultReachableBecause(vault);
    if (because.length > 0) add(vault, `${because.join("; ")}: the vault answers (or, once public access is on, would answer) from the Internet`);
  }
  for (const server of g.ofType(T.postgresServer)) {
    if (publicServers.has(server.urn)) add(server, "the server has a public endpoint (public network access is not Disabled and it is not integrated in a virtual network)");
  }
  for (const r of g.resources) {
    if (!r.type.startsWith("azure-native:") || reported.has(r.urn)) continue;
    if (declaredPublicAccess(r) === "enabled") add(r, "publicNetworkAccess is Enabled");
  }
  for (const nsg of g.ofType(T.networkSecurityGroup)) {
    for (const raw of arr(nsg.inputs.securityRules)) {
      const rule = rec(raw);
      const sources = rule ? openSources(rule) : [];
      if (rule && sources.length > 0) out.push(exposure(nsg, `inbound rule ${str(rule.name) ?? ""} allows ${sources.join(", ")} on ${ports(rec(rule.properties) ?? rule)}`.replace("rule  allows", "rule allows")));
    }
  }
  for (const rule of g.ofType(T.securityRule)) {
    const sources = openSources(rule.inputs);
    if (sources.length > 0) out.push(exposure(rule, `the inbound rule allows ${sources.join(", ")} on ${ports(rule.inputs)}`));
  }
  for (const rule of g.ofType(T.postgresFirewallRule, T.sqlFirewallRule)) {
    const start = str(rule.inputs.startIpAddress);
    const end = str(rule.inputs.endIpAddress);
    if (start === "0.0.0.0" && end === "0.0.0.0") {
      out.push(exposure(rule, "the firewall rule 0.0.0.0-0.0.0.0 admits every Azure service's address, other customers' subscriptions included"));
      continue;
    }
    if (start === undefined || end === undefined || isPublicRange(start, end) !== true) continue;
    const all = start === "0.0.0.0" && end === "255.255.255.255";
    out.push(exposure(rule, all ? "the firewall rule admits every IPv4 address" : `the firewall rule admits ${start === end ? `the public address ${start}` : `${start}-${end}, public addresses`}`));
  }
  return out;
}
