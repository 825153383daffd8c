/**
 * Exposure facts: Azure resources a declaration leaves reachable from the Internet, each with the reason. Public
 * network access declared `Enabled` on any resource; storage accounts that allow public blobs or leave their
 * endpoints open; Key Vaults whose public access is not disabled and whose ACLs do not deny by default (a vault
 * with public access disabled and no private endpoint is unreachable, not exposed); PostgreSQL servers with a
 * public endpoint; inbound NSG rules that allow traffic from the Internet; firewall rules admitting every address.
 */
import type { AuditResource, ExposureFact } from "../../types";
import type { ResourceGraph } from "../../../domain/resources/graph";
import { arr, rec, str, strings } from "../../../domain/resources/values";
import { setting } from "./common";
import { keyVaultReachable } from "./keys";
import type { AccountInfo } from "./storage";
import { T } from "./tokens";

const OPEN_SOURCES = new Set(["internet", "*", "0.0.0.0/0", "any", "::/0"]);

function exposure(r: AuditResource, reason: string): ExposureFact {
  return { urn: r.urn, name: r.name, type: r.type, reason };
}

/** The open source an inbound allow rule admits, if any. */
function openSource(rule: Record<string, unknown>): string | undefined {
  if (setting(rule.direction) !== "inbound" || setting(rule.access) !== "allow") return undefined;
  return [...strings(rule.sourceAddressPrefix), ...strings(rule.sourceAddressPrefixes)].find((s) => OPEN_SOURCES.has(s.toLowerCase()));
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
    if (info.publicReason) add(info.account, `${info.publicReason}: the storage endpoints answer from the Internet`);
    if (info.allowBlobPublicAccess) add(info.account, "allowBlobPublicAccess is true: a container can be made public");
  }
  for (const vault of g.ofType(T.keyVault)) {
    if (keyVaultReachable(vault)) add(vault, "public network access is not Disabled and the network ACLs do not deny by default: the vault answers from the Internet");
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
      const source = rule ? openSource(rule) : undefined;
      if (rule && source) out.push(exposure(nsg, `inbound rule ${str(rule.name) ?? ""} allows ${source} on ${ports(rule)}`.replace("rule  allows", "rule allows")));
    }
  }
  for (const rule of g.ofType(T.securityRule)) {
    const source = openSource(rule.inputs);
    if (source) out.push(exposure(rule, `the inbound rule allows ${source} on ${ports(rule.inputs)}`));
  }
  for (const rule of g.ofType(T.postgresFirewallRule, T.sqlFirewallRule)) {
    const start = str(rule.inputs.startIpAddress);
    const end = str(rule.inputs.endIpAddress);
    // 0.0.0.0-0.0.0.0 is Azure's "allow Azure services" switch, not the Internet.
    if (start === "0.0.0.0" && end === "255.255.255.255") out.push(exposure(rule, "the firewall rule admits every IPv4 address"));
  }
  return out;
}
