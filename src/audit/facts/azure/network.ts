/**
 * Paths to the Internet from the Azure subnets that hold keys and data, read from the route tables, NAT gateways
 * and outbound settings of the subnets, whether or not what they name is declared in the program.
 *
 * Which subnets: the subnet of each private endpoint (holding keys when the endpoint leads to a key copy: an
 * escrow account or the signing-key vault; data otherwise) and the subnet a PostgreSQL flexible server is delegated
 * (data). Subnets are `Subnet` resources or the inline `subnets` of a `VirtualNetwork`.
 *
 * How Azure routes a subnet (AZURE_DOCS.udrOverview): every subnet has the system route 0.0.0.0/0 with next hop
 * Internet unless its route table holds a route for 0.0.0.0/0; next hop Internet sends traffic to the Internet,
 * None drops it, VirtualAppliance and VirtualNetworkGateway hand it to an appliance or a gateway (whose onward path
 * the program does not show, the way a hub firewall takes it to the Internet). A route prefix may be a service tag,
 * which names public Azure ranges (`Internet`: all of the Internet). So a path is:
 * - a route in the subnet's route table whose prefix holds a public address (src/domain/addresses) or is a service
 *   tag other than VirtualNetwork, with next hop Internet, VirtualAppliance or VirtualNetworkGateway;
 * - or, when no route overrides 0.0.0.0/0, the system route together with a way out for the subnet's hosts: a NAT
 *   gateway on the subnet (AZURE_DOCS.natGateway, declared or named by id) or default outbound access switched on
 *   (AZURE_DOCS.defaultOutboundAccess). A subnet that leaves default outbound access to Azure's default is said in
 *   `notJudged`, not counted.
 * Network security groups are not read here: they filter traffic on a path, and a path with a filter on it is
 * still a path one rule change away (their inbound rules admitting the Internet are exposures, ./exposure.ts).
 */
import type { AuditResource, InternetPathFact, NetworkFact } from "../../types";
import type { ResourceGraph } from "../../../domain/resources/graph";
import { isPublicCidr, isWholeInternet } from "../../../domain/addresses";
import { arr, isFalse, isMarker, isTrue, rec, str, unique } from "../../../domain/resources/values";
import { setting } from "./common";
import { T } from "./tokens";

/** One subnet: a Subnet resource, or an inline subnet of a virtual network. */
interface AzSubnet {
  key: string;
  /** The resource declaring it (the Subnet, or the VirtualNetwork of an inline subnet). */
  owner: AuditResource;
  name: string;
  props: Record<string, unknown>;
  inline: boolean;
}

function inlineSubnets(vnet: AuditResource): AzSubnet[] {
  return arr(vnet.inputs.subnets)
    .map(rec)
    .filter((s): s is Record<string, unknown> => s !== undefined)
    .map((s, i) => {
      const name = str(s.name) ?? `#${i}`;
      return { key: `${vnet.urn}/subnets/${name}`, owner: vnet, name: `${vnet.name}/${name}`, props: rec(s.properties) ?? s, inline: true };
    });
}

function ofSubnet(r: AuditResource): AzSubnet {
  return { key: r.urn, owner: r, name: r.name, props: r.inputs, inline: false };
}

/**
 * The subnet a resource names in `property` (an object with an `id`, or the id itself): a Subnet of the program, or
 * an inline subnet of a virtual network of the program picked by the `/subnets/<name>` the id ends with.
 */
function subnetOf(g: ResourceGraph, r: AuditResource, property: string, value: unknown): AzSubnet | undefined {
  const id = str(rec(value)?.id) ?? str(value);
  const found = g.refs(r, property, [T.subnet, T.virtualNetwork], id ?? rec(value)?.id ?? value);
  const subnet = found.find((x) => x.type === T.subnet);
  if (subnet && found.filter((x) => x.type === T.subnet).length === 1) return ofSubnet(subnet);
  const vnet = found.find((x) => x.type === T.virtualNetwork);
  if (!vnet) return undefined;
  const inline = inlineSubnets(vnet);
  const named = id ? inline.filter((s) => id.endsWith(`/subnets/${s.name.slice(vnet.name.length + 1)}`)) : [];
  return named.length === 1 ? named[0] : inline.length === 1 ? inline[0] : undefined;
}

interface AzRoute {
  holder: AuditResource;
  name: string;
  prefix?: string;
  nextHop?: string;
  prefixUnknown: boolean;
  hopUnknown: boolean;
}

function routeOf(holder: AuditResource, r: Record<string, unknown>): AzRoute {
  const props = rec(r.properties) ?? r;
  return {
    holder,
    name: str(r.name) ?? str(r.routeName) ?? holder.name,
    ...(str(props.addressPrefix) ? { prefix: str(props.addressPrefix) } : {}),
    ...(str(props.nextHopType) ? { nextHop: str(props.nextHopType) } : {}),
    prefixUnknown: isMarker(props.addressPrefix),
    hopUnknown: isMarker(props.nextHopType),
  };
}

/** The prefix holds a public address: a public block, or a service tag (Azure public ranges) other than VirtualNetwork. */
function publicPrefix(prefix: string): boolean {
  const cidr = isPublicCidr(prefix);
  if (cidr !== undefined) return cidr;
  return setting(prefix) !== "virtualnetwork";
}

const HOPS: Record<string, string> = {
  internet: "traffic leaves for the Internet",
  virtualappliance: "traffic for Internet addresses goes to an appliance the program does not show, the way a hub firewall takes it to the Internet",
  virtualnetworkgateway: "traffic for Internet addresses goes to a VPN or ExpressRoute gateway, to a network the program does not show",
};

/** Reads the route tables of the program once. */
class AzureRoutes {
  private readonly routeResources = new Map<string, AuditResource[]>();

  constructor(private readonly g: ResourceGraph) {
    for (const r of g.ofType(T.route)) {
      const table = g.ref(r, "routeTableName", [T.routeTable], r.inputs.routeTableName);
      if (table) this.routeResources.set(table.urn, [...(this.routeResources.get(table.urn) ?? []), r]);
    }
  }

  routes(table: AuditResource): AzRoute[] {
    const inline = rec(table.inputs.properties)?.routes ?? table.inputs.routes;
    const out = arr(inline)
      .map(rec)
      .filter((r): r is Record<string, unknown> => r !== undefined)
      .map((r) => routeOf(table, r));
    if (isMarker(inline)) out.push({ holder: table, name: table.name, prefixUnknown: true, hopUnknown: true });
    for (const r of this.routeResources.get(table.urn) ?? []) out.push(routeOf(r, r.inputs));
    return out;
  }

  /** The paths to the Internet of a subnet, the route table read (if any), and what could not be judged. */
  judge(subnet: AzSubnet): { table?: AuditResource; paths: InternetPathFact[]; notJudged: string[] } {
    const g = this.g;
    const p = subnet.props;
    const property = subnet.inline ? "subnets" : "routeTable";
    const tableValue = p.routeTable;
    const declaredTable = tableValue !== undefined && tableValue !== null ? g.ref(subnet.owner, property, [T.routeTable], str(rec(tableValue)?.id) ?? rec(tableValue)?.id ?? tableValue) : undefined;
    const notJudged: string[] = [];
    const paths: InternetPathFact[] = [];
    const routes = declaredTable ? this.routes(declaredTable) : [];
    if (tableValue !== undefined && tableValue !== null && !declaredTable) {
      notJudged.push(`subnet ${subnet.name} uses route table ${str(rec(tableValue)?.id) ?? "(computed at deployment)"}, which the program does not declare: its routes are not read`);
    }
    for (const r of routes) {
      const hop = setting(r.nextHop);
      const leads = hop ? HOPS[hop] : undefined;
      const publicDest = r.prefix !== undefined ? publicPrefix(r.prefix) : undefined;
      if (r.prefix !== undefined && !publicDest) continue;
      if (hop !== undefined && leads === undefined) continue;
      if (r.prefix === undefined && !r.prefixUnknown) continue;
      if (hop === undefined && !r.hopUnknown) continue;
      const whole = r.prefix !== undefined && isWholeInternet(r.prefix) ? " (every address)" : "";
      const where = r.holder.type === T.route ? `route ${r.name}` : `route ${r.name} of route table ${r.holder.name}`;
      const reason = `${where} sends ${r.prefix ?? "(computed at deployment)"}${whole} of subnet ${subnet.name} to next hop ${r.nextHop ?? "(computed at deployment)"}: ${leads ?? "traffic may leave for the Internet"}`;
      const unknown = r.prefixUnknown ? "the route's prefix is computed at deployment (a preview shows it unknown)" : r.hopUnknown ? "the route's next hop is computed at deployment (a preview shows it unknown)" : undefined;
      paths.push({ urn: r.holder.urn, name: r.holder.type === T.route ? r.holder.name : `${r.holder.name}/${r.name}`, type: r.holder.type, reason, ...(unknown ? { unknown } : {}) });
    }
    // Azure's own 0.0.0.0/0 -> Internet stays unless a route of the subnet's table overrides it.
    const overridden = routes.some((r) => r.prefixUnknown || (r.prefix !== undefined && r.prefix.trim() === "0.0.0.0/0"));
    if (!overridden && !(tableValue !== undefined && tableValue !== null && !declaredTable)) {
      const nat = p.natGateway;
      const natId = str(rec(nat)?.id) ?? str(nat);
      const natDeclared = nat !== undefined && nat !== null ? g.ref(subnet.owner, subnet.inline ? "subnets" : "natGateway", [T.natGateway], natId ?? rec(nat)?.id ?? nat) : undefined;
      const hasNat = natDeclared !== undefined || natId !== undefined || isMarker(rec(nat)?.id);
      const system = `subnet ${subnet.name} keeps Azure's system route 0.0.0.0/0 to next hop Internet (no route of its own overrides it)`;
      if (hasNat) {
        const which = natDeclared ? natDeclared.name : natId ? `${natId} (not declared in the program)` : "(computed at deployment)";
        paths.push({ urn: subnet.owner.urn, name: subnet.name, type: subnet.owner.type, reason: `${system}, and NAT gateway ${which} gives it a way out: traffic leaves for the Internet` });
      } else if (isTrue(p.defaultOutboundAccess)) {
        paths.push({ urn: subnet.owner.urn, name: subnet.name, type: subnet.owner.type, reason: `${system}, and default outbound access is on: its hosts reach the Internet through an address Azure assigns` });
      } else if (isMarker(p.defaultOutboundAccess)) {
        paths.push({ urn: subnet.owner.urn, name: subnet.name, type: subnet.owner.type, reason: `${system}, and default outbound access may be on`, unknown: "default outbound access is computed at deployment (a preview shows it unknown)" });
      } else if (!isFalse(p.defaultOutboundAccess)) {
        notJudged.push(`subnet ${subnet.name} keeps Azure's system route to the Internet and leaves default outbound access to Azure's default (not declared false)`);
      }
    }
    return { ...(declaredTable ? { table: declaredTable } : {}), paths, notJudged };
  }
}

/** The private endpoints of the program by their subnet, with what each leads to. */
function endpointSubnets(g: ResourceGraph): { subnet: AzSubnet; endpoint: AuditResource; targets: AuditResource[] }[] {
  const out: { subnet: AzSubnet; endpoint: AuditResource; targets: AuditResource[] }[] = [];
  for (const endpoint of g.ofType(T.privateEndpoint)) {
    const subnet = subnetOf(g, endpoint, "subnet", endpoint.inputs.subnet);
    if (subnet) out.push({ subnet, endpoint, targets: g.refs(endpoint, "privateLinkServiceConnections") });
  }
  return out;
}

/**
 * The subnets of the program that hold keys or data, and their paths to the Internet. `keyCopyIds` are the ids of
 * the Azure key copies (escrow accounts, signing-key vaults): a subnet holding an endpoint of one holds keys.
 */
export function readAzureNetworks(g: ResourceGraph, keyCopyIds: ReadonlySet<string>): NetworkFact[] {
  const routes = new AzureRoutes(g);
  const pending = new Map<string, { subnet: AzSubnet; serves: string[]; keyCopies: string[] }>();
  const add = (subnet: AzSubnet, serves: string, keyCopy?: string) => {
    const p = pending.get(subnet.key) ?? { subnet, serves: [], keyCopies: [] };
    p.serves.push(serves);
    if (keyCopy) p.keyCopies.push(keyCopy);
    pending.set(subnet.key, p);
  };
  for (const { subnet, endpoint, targets } of endpointSubnets(g)) {
    if (targets.length === 0) add(subnet, `private endpoint ${endpoint.name}`);
    for (const t of targets) add(subnet, `private endpoint ${endpoint.name} of ${t.name}`, keyCopyIds.has(t.urn) ? t.urn : undefined);
  }
  for (const server of g.ofType(T.postgresServer)) {
    const network = rec(server.inputs.network);
    if (network?.delegatedSubnetResourceId === undefined && server.propertyDependencies?.network === undefined) continue;
    const subnet = subnetOf(g, server, "network", network?.delegatedSubnetResourceId);
    if (subnet) add(subnet, `PostgreSQL server ${server.name} (delegated subnet)`);
  }
  const out: NetworkFact[] = [];
  for (const { subnet, serves, keyCopies } of pending.values()) {
    const judged = routes.judge(subnet);
    out.push({
      urn: subnet.owner.urn,
      name: subnet.name,
      type: subnet.owner.type,
      holds: keyCopies.length > 0 ? "keys" : "data",
      serves: unique(serves),
      keyCopies: unique(keyCopies),
      routeTables: judged.table ? [judged.table.name] : [],
      paths: judged.paths,
      notJudged: judged.notJudged,
    });
  }
  return out;
}
