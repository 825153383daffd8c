/**
 * Private access: the Azure data services a declaration closes to the Internet (public network access Disabled),
 * and the private path by which CENM hosts and a recovery can still reach each of them. A service closed on every
 * side is safe from the Internet but useless in a recovery, which is what CENM-GN-05 looks for.
 *
 * Paths recognised: a private endpoint whose private-link connection names the service; for a PostgreSQL flexible
 * server, integration in a delegated subnet. The trusted-services bypass of a Key Vault or storage account's
 * network rules lets listed Microsoft services through, acting as themselves, and nothing else: a service not in
 * that list (CENM's hosts, the people restoring) needs an IP rule, a virtual network rule or a private endpoint
 * (AZURE_DOCS.keyVaultNetworkSecurity, AZURE_DOCS.storageTrustedServices). So the bypass counts as the path only
 * for a Key Vault whose users are those services: one holding the customer-managed keys other declared resources
 * are encrypted with (storage, PostgreSQL, backup vaults unwrap them through it), and not the signing-key vault
 * (tagged as the keys element), which CENM's signer uses. An escrow or file account, a database server or the
 * signing-key vault whose only way in is the bypass has no path CENM can use.
 */
import type { AuditResource, PrivateAccessFact } from "../../types";
import type { ResourceGraph } from "../../../domain/resources/graph";
import { rec, str, strings } from "../../../domain/resources/values";
import { elementTag, setting } from "./common";
import { cmkVaults } from "./keys";
import { T } from "./tokens";

const SERVICES = [T.keyVault, T.storageAccount, T.sqlServer, T.postgresServer];

function publicAccess(r: AuditResource): string | undefined {
  return setting(r.inputs.publicNetworkAccess) ?? setting(rec(r.inputs.properties)?.publicNetworkAccess) ?? setting(rec(r.inputs.network)?.publicNetworkAccess);
}

function trustedServicesBypass(r: AuditResource): boolean {
  const rules = rec(r.inputs.networkAcls) ?? rec(rec(r.inputs.properties)?.networkAcls) ?? rec(r.inputs.networkRuleSet);
  const bypass = strings(rules?.bypass).join(",") || str(rules?.bypass) || "";
  return bypass.toLowerCase().includes("azureservices");
}

export function readPrivateAccess(g: ResourceGraph): PrivateAccessFact[] {
  const endpointsByTarget = new Map<string, string>();
  for (const endpoint of g.ofType(T.privateEndpoint)) {
    for (const target of g.refs(endpoint, "privateLinkServiceConnections")) {
      if (!endpointsByTarget.has(target.urn)) endpointsByTarget.set(target.urn, endpoint.name);
    }
  }
  const servicesOnly = cmkVaults(g);
  const out: PrivateAccessFact[] = [];
  for (const r of g.ofType(...SERVICES)) {
    if (publicAccess(r) !== "disabled") continue;
    let privatePath: string | undefined;
    const bypass = (r.type === T.keyVault || r.type === T.storageAccount) && trustedServicesBypass(r);
    const endpoint = endpointsByTarget.get(r.urn);
    if (endpoint) privatePath = `private endpoint ${endpoint}`;
    else if (r.type === T.postgresServer && rec(r.inputs.network)?.delegatedSubnetResourceId !== undefined) privatePath = "virtual network integration";
    else if (bypass && r.type === T.keyVault && servicesOnly.has(r.urn) && elementTag(r) !== "keys") privatePath = "trusted Azure services";
    out.push({ urn: r.urn, name: r.name, type: r.type, ...(privatePath ? { privatePath } : {}), ...(bypass ? { trustedServicesBypass: true } : {}) });
  }
  return out;
}
