/**
 * Paths to the Internet from the AWS networks that hold keys and data, read from routes whether or not the gateway
 * they name is declared in the program.
 *
 * Which networks: the key vault networks, each a whole VPC (the VPC of a VPC endpoint an escrow bucket's policy
 * confines data access to, or whose endpoint policy names the escrow; the VPC of a CloudHSM cluster's subnets), and
 * the data networks, subnet by subnet (the subnets of a database's DB subnet group and of a file system's mount
 * targets). A key vault network is judged whole because nothing in it may reach the Internet (R3 wants key copies
 * on storage not connected to it); a data network by the route tables of the subnets its stores sit in.
 *
 * How a subnet is routed (AWS_DOCS.subnetRouteTables): by the route table explicitly associated with it, else by its
 * VPC's main route table, which the program declares through a DefaultRouteTable, a MainRouteTableAssociation, or
 * routes added to the VPC's own main table id; a subnet relying on a main table the program does not declare is
 * said in `notJudged`, never counted as a path (AWS creates that table with the local route only).
 *
 * Which routes lead to the Internet: a route whose destination holds a public address (0.0.0.0/0, ::/0, any block
 * outside the private ranges of src/domain/addresses, or a prefix list) and whose target either
 * - is the Internet: an Internet gateway (AWS_DOCS.internetGateway), an egress-only Internet gateway for IPv6
 *   (AWS_DOCS.egressOnlyInternetGateway), a public NAT gateway (the default connectivity type, AWS_DOCS.natGateway),
 *   a carrier gateway; whether declared in the program or named by a literal id (`igw-...`, `nat-...`, `eigw-...`);
 * - or hands the traffic to a network the program does not show, which is how VPCs reach the Internet through an
 *   outbound VPC (AWS_DOCS.transitGatewayCentralEgress): a transit gateway, a virtual private gateway, a network
 *   interface or instance (an appliance), a Gateway Load Balancer endpoint, an Outposts local gateway, a Cloud WAN
 *   core network.
 * Not a path: the local route, a route through a VPC peering connection (a peered VPC's gateways cannot carry this
 * VPC's traffic, AWS_DOCS.vpcPeeringLimits), a declared private NAT gateway, a route to private addresses only.
 * An Internet gateway, egress-only gateway or public NAT gateway attached to a key vault VPC counts too: a route to
 * it may sit in a table the program does not declare.
 */
import type { AuditResource, InternetPathFact, NetworkFact } from "../../types";
import type { ResourceGraph } from "../../../domain/resources/graph";
import { isPublicCidr, isWholeInternet } from "../../../domain/addresses";
import { arr, isMarker, rec, str, strings, unique } from "../../../domain/resources/values";
import { T } from "../../../domain/resources/awsTokens";
import type { BucketInfo } from "./buckets";
import { isKeyEscrow } from "./keys";

const TABLE_TYPES = [T.routeTable, T.defaultRouteTable];
const DB_TYPES = [T.rdsCluster, T.rdsInstance];

/** What a route's target does with the traffic. */
type Kind = "internet" | "onward" | "none" | "unknown";

interface Target {
  kind: Kind;
  /** "Internet gateway igw-0123 (not declared in the program)", "transit gateway tgw-...". */
  label: string;
  why?: string;
}

/** The target fields of a route (aws:ec2/route:Route and the inline routes of a route table), by what they lead to. */
const FIELDS: { field: string; kind: Kind; label: string; types?: string[] }[] = [
  { field: "egressOnlyGatewayId", kind: "internet", label: "egress-only Internet gateway", types: [T.egressOnlyInternetGateway] },
  { field: "carrierGatewayId", kind: "internet", label: "carrier gateway" },
  { field: "transitGatewayId", kind: "onward", label: "transit gateway" },
  { field: "networkInterfaceId", kind: "onward", label: "network interface" },
  { field: "instanceId", kind: "onward", label: "instance" },
  { field: "vpcEndpointId", kind: "onward", label: "Gateway Load Balancer endpoint", types: [T.vpcEndpoint] },
  { field: "localGatewayId", kind: "onward", label: "Outposts local gateway" },
  { field: "coreNetworkArn", kind: "onward", label: "Cloud WAN core network" },
  { field: "odbNetworkArn", kind: "onward", label: "Oracle Database@AWS network" },
  { field: "vpcPeeringConnectionId", kind: "none", label: "VPC peering connection", types: [T.vpcPeering] },
];

/** Where a route takes its traffic. */
interface Route {
  /** The Route resource, or the route table holding the route inline. */
  holder: AuditResource;
  destination: string;
  /** true: holds a public address; false: private only; undefined: a value only the deployment computes. */
  publicDestination: boolean | undefined;
  targets: Target[];
}

function named(r: AuditResource | undefined, literal: string | undefined): string {
  if (r) return r.name;
  return literal !== undefined ? `${literal} (not declared in the program)` : "(computed at deployment)";
}

/** The VPC a resource names in `property` (or, in a state file, in its outputs' vpcId). */
function vpcOf(g: ResourceGraph, r: AuditResource, property = "vpcId"): AuditResource | undefined {
  return g.ref(r, property, [T.vpc], r.inputs[property]) ?? g.ref(r, "vpcId", [T.vpc], rec(r.outputs)?.vpcId);
}

/** Reads the routes of the program once: tables, their routes, associations and main tables. */
export class AwsRoutes {
  private readonly tableVpc = new Map<string, AuditResource>();
  private readonly tablesByVpc = new Map<string, AuditResource[]>();
  private readonly subnetTable = new Map<string, AuditResource>();
  private readonly mainTable = new Map<string, AuditResource>();
  /** Route resources by the table they sit in; those aimed at a VPC's main table id are keyed by the VPC. */
  private readonly routeResources = new Map<string, AuditResource[]>();
  private readonly prefixLists = new Map<string, string[]>();

  constructor(private readonly g: ResourceGraph) {
    for (const t of g.ofType(...TABLE_TYPES)) {
      const vpc = t.type === T.defaultRouteTable ? vpcOf(g, t, "defaultRouteTableId") : vpcOf(g, t);
      if (!vpc) continue;
      this.tableVpc.set(t.urn, vpc);
      this.tablesByVpc.set(vpc.urn, [...(this.tablesByVpc.get(vpc.urn) ?? []), t]);
      if (t.type === T.defaultRouteTable) this.mainTable.set(vpc.urn, t);
    }
    for (const m of g.ofType(T.mainRouteTableAssociation)) {
      const vpc = vpcOf(g, m);
      const table = g.ref(m, "routeTableId", TABLE_TYPES, m.inputs.routeTableId);
      if (vpc && table) this.mainTable.set(vpc.urn, table);
    }
    for (const a of g.ofType(T.routeTableAssociation)) {
      const subnet = g.ref(a, "subnetId", [T.subnet], a.inputs.subnetId);
      const table = g.ref(a, "routeTableId", TABLE_TYPES, a.inputs.routeTableId);
      if (subnet && table) this.subnetTable.set(subnet.urn, table);
    }
    for (const r of g.ofType(T.route)) {
      // routeTableId may be a table of the program, or a VPC's own main table id (vpc.mainRouteTableId).
      const holder = g.ref(r, "routeTableId", [...TABLE_TYPES, T.vpc], r.inputs.routeTableId);
      if (holder) this.routeResources.set(holder.urn, [...(this.routeResources.get(holder.urn) ?? []), r]);
    }
    for (const pl of g.ofType(T.managedPrefixList)) {
      this.prefixLists.set(pl.urn, arr(pl.inputs.entries).map((e) => str(rec(e)?.cidr) ?? "[unknown]"));
    }
  }

  /** The route tables of a VPC: those declared in it, and its main table. */
  tablesOf(vpc: AuditResource): AuditResource[] {
    const main = this.mainTable.get(vpc.urn);
    return unique([...(this.tablesByVpc.get(vpc.urn) ?? []), ...(main ? [main] : [])]);
  }

  /** The table routing a subnet: its explicit association, else its VPC's main table when the program declares it. */
  tableOf(subnet: AuditResource): { table?: AuditResource; main: boolean } {
    const explicit = this.subnetTable.get(subnet.urn);
    if (explicit) return { table: explicit, main: false };
    const vpc = vpcOf(this.g, subnet);
    return { ...(vpc && this.mainTable.get(vpc.urn) ? { table: this.mainTable.get(vpc.urn) } : {}), main: true };
  }

  /** Routes added to a VPC's main table through the VPC's own main table id (the table itself not declared). */
  mainTableRoutes(vpc: AuditResource): AuditResource[] {
    return this.routeResources.get(vpc.urn) ?? [];
  }

  /** The paths to the Internet a table's routes (inline and Route resources) declare. */
  pathsOf(table: AuditResource): InternetPathFact[] {
    const routes: Route[] = [];
    for (const raw of arr(table.inputs.routes)) {
      const entry = rec(raw);
      if (entry) routes.push(this.route(table, entry, "routes"));
    }
    if (isMarker(table.inputs.routes)) {
      routes.push({ holder: table, destination: "(computed at deployment)", publicDestination: undefined, targets: [{ kind: "unknown", label: "routes computed at deployment" }] });
    }
    for (const r of this.routeResources.get(table.urn) ?? []) routes.push(this.route(r, r.inputs));
    return routes.flatMap((r) => pathOf(r));
  }

  /** Paths declared by Route resources aimed at a VPC's main table id. */
  mainTablePaths(vpc: AuditResource): InternetPathFact[] {
    return this.mainTableRoutes(vpc).flatMap((r) => pathOf(this.route(r, r.inputs)));
  }

  private route(holder: AuditResource, entry: Record<string, unknown>, property?: string): Route {
    const v4 = entry.cidrBlock ?? entry.destinationCidrBlock;
    const v6 = entry.ipv6CidrBlock ?? entry.destinationIpv6CidrBlock;
    const list = entry.destinationPrefixListId;
    let destination = "(no destination)";
    let publicDestination: boolean | undefined = false;
    if (str(v4) ?? str(v6)) {
      destination = (str(v4) ?? str(v6)) as string;
      publicDestination = isPublicCidr(destination) ?? undefined;
    } else if (list !== undefined && list !== null && list !== "") {
      const declared = this.g.ref(holder, property ?? "destinationPrefixListId", [T.managedPrefixList], list);
      if (declared) {
        const verdicts = (this.prefixLists.get(declared.urn) ?? []).map((c) => isPublicCidr(c));
        destination = `prefix list ${declared.name}`;
        publicDestination = verdicts.includes(true) ? true : verdicts.includes(undefined) ? undefined : false;
      } else {
        // An AWS-managed prefix list names public service ranges; another one's entries are not in the program.
        destination = `prefix list ${str(list) ?? "(computed at deployment)"}`;
        publicDestination = true;
      }
    } else if (isMarker(v4) || isMarker(v6)) {
      destination = "(computed at deployment)";
      publicDestination = undefined;
    }
    return { holder, destination, publicDestination, targets: this.targets(holder, entry, property) };
  }

  private targets(holder: AuditResource, entry: Record<string, unknown>, property?: string): Target[] {
    const out: Target[] = [];
    const refOf = (field: string, types?: string[]) => this.g.ref(holder, property ?? field, types, entry[field]);
    const gateway = entry.gatewayId;
    if (gateway !== undefined && gateway !== null && gateway !== "") {
      const literal = str(gateway);
      const declared = refOf("gatewayId", [T.internetGateway, T.vpnGateway]);
      if (literal === "local") out.push({ kind: "none", label: "the local route" });
      else if (declared?.type === T.internetGateway || (!declared && literal?.startsWith("igw-"))) out.push({ kind: "internet", label: `Internet gateway ${named(declared, literal)}` });
      // A virtual private gateway leads to a VPN whose far side the program does not show; any other gateway id
      // (igw-... or one only the deployment computes) is taken for the Internet gateway it most likely is.
      else if (declared?.type === T.vpnGateway || literal?.startsWith("vgw-")) out.push({ kind: "onward", label: `virtual private gateway ${named(declared, literal)}` });
      else out.push({ kind: "internet", label: `gateway ${named(declared, literal)}` });
    }
    const nat = entry.natGatewayId;
    if (nat !== undefined && nat !== null && nat !== "") {
      const literal = str(nat);
      const declared = refOf("natGatewayId", [T.natGateway]);
      const connectivity = declared?.inputs.connectivityType;
      if (declared && str(connectivity)?.toLowerCase() === "private") out.push({ kind: "none", label: `private NAT gateway ${declared.name}` });
      else if (declared && isMarker(connectivity)) out.push({ kind: "unknown", label: `NAT gateway ${declared.name}`, why: "its connectivity type is computed at deployment" });
      else if (!declared && literal === undefined) out.push({ kind: "unknown", label: "a NAT gateway", why: "its id is computed at deployment" });
      else out.push({ kind: "internet", label: `NAT gateway ${named(declared, literal)}` });
    }
    for (const f of FIELDS) {
      const value = entry[f.field];
      if (value === undefined || value === null || value === "") continue;
      out.push({ kind: f.kind, label: `${f.label} ${named(f.types ? refOf(f.field, f.types) : undefined, str(value))}` });
    }
    return out;
  }
}

function pathOf(route: Route): InternetPathFact[] {
  const out: InternetPathFact[] = [];
  const h = route.holder;
  const where = h.type === T.route ? "the route" : `route table ${h.name}`;
  const all = route.publicDestination === true && isWholeInternet(route.destination) ? ` (every ${route.destination.includes(":") ? "IPv6" : "IPv4"} address)` : "";
  for (const t of route.targets) {
    if (t.kind === "none") continue;
    if (route.publicDestination === false) continue;
    const leads =
      t.kind === "internet"
        ? "traffic leaves for the Internet"
        : t.kind === "onward"
          ? "traffic for Internet addresses leaves the VPC for a network the program does not show, the way an outbound VPC takes it to the Internet"
          : "traffic may leave for the Internet";
    const reason = `${where} sends ${route.destination}${all} to ${t.label}: ${leads}`;
    const unknown = route.publicDestination === undefined ? "the destination is computed at deployment (a preview shows it unknown)" : t.kind === "unknown" ? `${t.why ?? "the target is computed at deployment"} (a preview shows it unknown)` : undefined;
    out.push({ urn: h.urn, name: h.name, type: h.type, reason, ...(unknown ? { unknown } : {}) });
  }
  return out;
}

/** Internet, egress-only and public NAT gateways attached to each VPC (their routes may sit in tables outside the program). */
function attachedGateways(g: ResourceGraph): Map<string, InternetPathFact[]> {
  const out = new Map<string, InternetPathFact[]>();
  const add = (vpc: AuditResource | undefined, gw: AuditResource, what: string) => {
    if (!vpc) return;
    const list = out.get(vpc.urn) ?? [];
    if (!list.some((p) => p.urn === gw.urn)) {
      list.push({ urn: gw.urn, name: gw.name, type: gw.type, reason: `${what} ${gw.name} is attached to the VPC: a route to it in any of the VPC's route tables, declared or not, takes the key vault network to the Internet` });
    }
    out.set(vpc.urn, list);
  };
  for (const igw of g.ofType(T.internetGateway)) add(vpcOf(g, igw), igw, "Internet gateway");
  for (const att of g.ofType(T.internetGatewayAttachment)) {
    const igw = g.ref(att, "internetGatewayId", [T.internetGateway], att.inputs.internetGatewayId) ?? att;
    add(vpcOf(g, att), igw, "Internet gateway");
  }
  for (const eigw of g.ofType(T.egressOnlyInternetGateway)) add(vpcOf(g, eigw), eigw, "egress-only Internet gateway");
  for (const nat of g.ofType(T.natGateway)) {
    if (str(nat.inputs.connectivityType)?.toLowerCase() === "private") continue;
    const subnet = g.ref(nat, "subnetId", [T.subnet], nat.inputs.subnetId);
    add(vpcOf(g, nat) ?? (subnet ? vpcOf(g, subnet) : undefined), nat, "NAT gateway");
  }
  return out;
}

function dedupe(paths: InternetPathFact[]): InternetPathFact[] {
  const seen = new Set<string>();
  return paths.filter((p) => {
    const k = `${p.urn}\u0000${p.reason}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

interface Pending {
  anchor: AuditResource;
  holds: NetworkFact["holds"];
  serves: string[];
  /** Data networks: store -> the subnets it sits in. */
  stores: Map<string, string[]>;
  keyCopies: string[];
  subnets: AuditResource[];
  notJudged: string[];
}

/**
 * The key vault and data networks of the program and their paths to the Internet. `buckets` are the bucket
 * analyses (the escrows' endpoints come from their policies).
 */
export function readAwsNetworks(g: ResourceGraph, buckets: Map<string, BucketInfo>): NetworkFact[] {
  const routes = new AwsRoutes(g);
  const gateways = attachedGateways(g);
  const pending = new Map<string, Pending>();
  const network = (anchor: AuditResource, holds: NetworkFact["holds"]): Pending => {
    const key = `${holds}\u0000${anchor.urn}`;
    let p = pending.get(key);
    if (!p) {
      p = { anchor, holds, serves: [], stores: new Map(), keyCopies: [], subnets: [], notJudged: [] };
      pending.set(key, p);
    }
    return p;
  };
  const keyVpc = (anchor: AuditResource | undefined, through: AuditResource, serves: string, copy: string) => {
    const vpc = anchor?.type === T.vpc ? anchor : anchor ? vpcOf(g, anchor) : undefined;
    const p = network(vpc ?? through, "keys");
    p.serves.push(serves);
    p.keyCopies.push(copy);
    if (!vpc) p.notJudged.push(`the VPC of ${through.name} is not declared in the program: its route tables are not read`);
  };

  for (const info of buckets.values()) {
    if (!isKeyEscrow(info)) continue;
    const endpoints = unique([...info.endpoints, ...g.referrers(info.bucket, [T.vpcEndpoint], "policy")]);
    for (const e of endpoints) keyVpc(e, e, `escrow ${info.bucket.name} through ${e.type === T.vpc ? "VPC" : "endpoint"} ${e.name}`, info.bucket.urn);
  }
  for (const cluster of g.ofType(T.hsmCluster)) {
    for (const subnet of g.refs(cluster, "subnetIds", [T.subnet], cluster.inputs.subnetIds)) {
      keyVpc(subnet, subnet, `CloudHSM cluster ${cluster.name} in subnet ${subnet.name}`, cluster.urn);
    }
  }
  const dataSubnet = (subnet: AuditResource, what: string) => {
    const vpc = vpcOf(g, subnet);
    const p = network(vpc ?? subnet, "data");
    p.stores.set(what, unique([...(p.stores.get(what) ?? []), subnet.name]));
    p.subnets.push(subnet);
  };
  for (const db of g.ofType(...DB_TYPES)) {
    const group = g.ref(db, "dbSubnetGroupName", [T.rdsSubnetGroup], db.inputs.dbSubnetGroupName);
    if (!group) continue;
    const subnets = g.refs(group, "subnetIds", [T.subnet], group.inputs.subnetIds);
    for (const s of subnets) dataSubnet(s, `database ${db.name}`);
    if (subnets.length === 0 && strings(group.inputs.subnetIds).length > 0) {
      network(group, "data").notJudged.push(`the subnets of DB subnet group ${group.name} are not declared in the program: their route tables are not read`);
      network(group, "data").serves.push(`database ${db.name}`);
    }
  }
  for (const mt of g.ofType(T.efsMountTarget)) {
    const fs = g.ref(mt, "fileSystemId", [T.efsFileSystem], mt.inputs.fileSystemId);
    // A preview may leave the subnet ambiguous among several references: all of them are read.
    for (const subnet of g.refs(mt, "subnetId", [T.subnet], mt.inputs.subnetId)) dataSubnet(subnet, `file system ${fs?.name ?? mt.name}`);
  }

  const out: NetworkFact[] = [];
  for (const p of pending.values()) {
    const tables: AuditResource[] = [];
    const paths: InternetPathFact[] = [];
    const anchor = p.anchor;
    if (p.holds === "keys" && anchor.type === T.vpc) {
      tables.push(...routes.tablesOf(anchor));
      for (const s of g.referrers(anchor, [T.subnet], "vpcId")) {
        const { table, main } = routes.tableOf(s);
        if (table) tables.push(table);
        else if (main) p.notJudged.push(`subnet ${s.name} follows the VPC's main route table, which the program does not declare (AWS creates it with the local route only)`);
      }
      for (const e of g.referrers(anchor, [T.vpcEndpoint], "vpcId")) tables.push(...g.refs(e, "routeTableIds", TABLE_TYPES, e.inputs.routeTableIds));
      paths.push(...routes.mainTablePaths(anchor), ...(gateways.get(anchor.urn) ?? []));
    } else {
      for (const s of unique(p.subnets)) {
        const { table } = routes.tableOf(s);
        if (table) tables.push(table);
        else p.notJudged.push(`subnet ${s.name} follows its VPC's main route table, which the program does not declare (AWS creates it with the local route only)`);
        const vpc = vpcOf(g, s);
        if (!table && vpc) paths.push(...routes.mainTablePaths(vpc));
      }
    }
    const read = unique(tables);
    for (const t of read) paths.push(...routes.pathsOf(t));
    out.push({
      urn: anchor.urn,
      name: anchor.name,
      type: anchor.type,
      holds: p.holds,
      serves: unique([...p.serves, ...[...p.stores].map(([what, subnets]) => `${what} in subnet${subnets.length === 1 ? "" : "s"} ${subnets.join(", ")}`)]),
      keyCopies: unique(p.keyCopies),
      routeTables: read.map((t) => t.name),
      paths: dedupe(paths),
      notJudged: unique(p.notJudged),
    });
  }
  return out;
}
