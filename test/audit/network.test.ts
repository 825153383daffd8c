/**
 * Internet paths (issue 12): the AWS and Azure network readers on hand-built resources (routes to gateways declared
 * or named by id, main route tables, peering and private ranges that are no path, preview unknowns), the bucket
 * policy naming an endpoint outside the program, public ranges in rules, the trusted-services bypass, and the
 * controls judging them (CENM-GN-08, CENM-KY-02, CENM-GN-02, CENM-GN-05); then the shipped stacks, planned and
 * previewed, with no path and no false failure.
 */
import { plannedStack } from "../helpers/plans";
import { deriveFacts } from "../../src/audit/facts";
import { fromPlanDocument } from "../../src/audit/inputs/plan";
import { evaluate } from "../../src/audit/evaluate";
import { CONTROLS } from "../../src/audit/controls";
import type { AuditResource, Facts, NetworkFact } from "../../src/audit/types";

/** A hand-built resource; `deps` maps an input to the names of the resources it references. */
function res(type: string, name: string, inputs: Record<string, unknown> = {}, deps: Record<string, string[]> = {}, outputs: Record<string, unknown> = {}): AuditResource {
  const propertyDependencies: Record<string, string[]> = {};
  for (const [k, names] of Object.entries(deps)) propertyDependencies[k] = names.map((n) => urn(n));
  return { urn: urn(name), type, name, custom: true, inputs, outputs, propertyDependencies, protect: false, retainOnDelete: false };
}

function urn(name: string): string {
  return `urn:pulumi:test::cenm-backup::test$${name}::${name}`;
}

function facts(resources: AuditResource[], source: "plan" | "preview" = "plan"): Facts {
  return deriveFacts({ stack: "test", source, origin: "hand-built", resources, stackOutputs: { environment: "prod" } });
}

function finding(f: Facts, id: string) {
  const c = CONTROLS.find((x) => x.id === id);
  if (!c) throw new Error(id);
  return c.evaluate(f);
}

function network(f: Facts, name: string): NetworkFact {
  const n = (f.networks ?? []).find((x) => x.name === name);
  if (!n) throw new Error(`no network ${name} in ${JSON.stringify(f.networks?.map((x) => x.name))}`);
  return n;
}

const FULL_BLOCK = { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true };
const T = {
  vpc: "aws:ec2/vpc:Vpc",
  subnet: "aws:ec2/subnet:Subnet",
  endpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
  table: "aws:ec2/routeTable:RouteTable",
  defaultTable: "aws:ec2/defaultRouteTable:DefaultRouteTable",
  mainAssociation: "aws:ec2/mainRouteTableAssociation:MainRouteTableAssociation",
  association: "aws:ec2/routeTableAssociation:RouteTableAssociation",
  route: "aws:ec2/route:Route",
  nat: "aws:ec2/natGateway:NatGateway",
  igw: "aws:ec2/internetGateway:InternetGateway",
  peering: "aws:ec2/vpcPeeringConnection:VpcPeeringConnection",
  prefixList: "aws:ec2/managedPrefixList:ManagedPrefixList",
};

function policy(endpoint: string, key = "aws:SourceVpce"): string {
  return JSON.stringify({
    Statement: [{ Effect: "Deny", Principal: "*", Action: ["s3:GetObject*", "s3:PutObject*"], Resource: ["arn:aws:s3:::escrow-x/*"], Condition: { StringNotEquals: { [key]: endpoint } } }],
  });
}

/** A locked escrow confined to the endpoint of a key vault VPC with one subnet and one route table. */
function keyVault(extra: AuditResource[] = [], policyText = policy("endpoint-id"), policyDeps: string[] = ["endpoint", "escrow"]): AuditResource[] {
  return [
    res("aws:s3/bucket:Bucket", "escrow", { objectLockEnabled: true, region: "eu-west-1" }),
    res("aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration", "lock", { rule: { defaultRetention: { mode: "COMPLIANCE", days: 30 } } }, { bucket: ["escrow"] }),
    res("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "block", FULL_BLOCK, { bucket: ["escrow"] }),
    res(T.vpc, "keys-vpc", { cidrBlock: "10.21.0.0/24" }),
    res(T.subnet, "keys-subnet", { cidrBlock: "10.21.0.0/25", vpcId: "keys-vpc-id" }, { vpcId: ["keys-vpc"] }),
    res(T.table, "keys-rt", { vpcId: "keys-vpc-id", routes: [] }, { vpcId: ["keys-vpc"] }),
    res(T.association, "keys-rta", { routeTableId: "keys-rt-id", subnetId: "keys-subnet-id" }, { routeTableId: ["keys-rt"], subnetId: ["keys-subnet"] }),
    res(T.endpoint, "endpoint", { vpcEndpointType: "Gateway", vpcId: "keys-vpc-id", routeTableIds: ["keys-rt-id"] }, { vpcId: ["keys-vpc"], routeTableIds: ["keys-rt"] }),
    res("aws:s3/bucketPolicy:BucketPolicy", "policy", { policy: policyText }, { bucket: ["escrow"], policy: policyDeps }),
    ...extra,
  ];
}

const route = (name: string, inputs: Record<string, unknown>, deps: Record<string, string[]> = { routeTableId: ["keys-rt"] }) => res(T.route, name, { routeTableId: "keys-rt-id", ...inputs }, deps);

describe("AWS key vault network: routes read whatever declares the gateway", () => {
  it("the closed key vault VPC has no path, its escrow is unreachable and CENM-GN-08 passes", () => {
    const f = facts(keyVault());
    expect(network(f, "keys-vpc")).toMatchObject({ holds: "keys", routeTables: ["keys-rt"], paths: [], notJudged: [], keyCopies: [urn("escrow")] });
    expect(f.keyCopies[0].internetReachable).toBe(false);
    expect(finding(f, "CENM-GN-08").outcome).toBe("pass");
    expect(finding(f, "CENM-KY-02").outcome).toBe("pass");
  });

  it.each([
    ["an Internet gateway by id", { destinationCidrBlock: "0.0.0.0/0", gatewayId: "igw-0123456789abcdef0" }, "Internet gateway igw-0123456789abcdef0 (not declared in the program)"],
    ["a NAT gateway by id", { destinationCidrBlock: "0.0.0.0/0", natGatewayId: "nat-0123456789abcdef0" }, "NAT gateway nat-0123456789abcdef0"],
    ["an egress-only gateway, IPv6", { destinationIpv6CidrBlock: "::/0", egressOnlyGatewayId: "eigw-0123456789abcdef0" }, "egress-only Internet gateway"],
    ["a transit gateway (central egress)", { destinationCidrBlock: "0.0.0.0/0", transitGatewayId: "tgw-0123456789abcdef0" }, "network the program does not show"],
    ["a virtual private gateway", { destinationCidrBlock: "0.0.0.0/0", gatewayId: "vgw-0123456789abcdef0" }, "virtual private gateway"],
    ["an appliance's network interface", { destinationCidrBlock: "0.0.0.0/0", networkInterfaceId: "eni-0123456789abcdef0" }, "network interface"],
    ["a public block, not the whole Internet", { destinationCidrBlock: "52.218.0.0/17", gatewayId: "igw-0123456789abcdef0" }, "52.218.0.0/17"],
    ["an AWS-managed prefix list", { destinationPrefixListId: "pl-6ea54007", gatewayId: "igw-0123456789abcdef0" }, "prefix list pl-6ea54007"],
  ])("a Route from the key vault table to %s is a path; the escrow becomes reachable", (_what, inputs, text) => {
    const f = facts(keyVault([route("r", inputs)]));
    const paths = network(f, "keys-vpc").paths;
    expect(paths).toHaveLength(1);
    expect(paths[0]).toMatchObject({ urn: urn("r"), type: T.route });
    expect(paths[0].reason).toContain(text);
    expect(f.keyCopies[0]).toMatchObject({ internetReachable: true });
    expect(f.keyCopies[0].reachableBecause?.[0]).toContain("its network keys-vpc has a path to the Internet");
    expect(finding(f, "CENM-GN-08").outcome).toBe("fail");
    expect(finding(f, "CENM-KY-02").outcome).toBe("fail");
    // A path out of a key vault network exposes the key store behind it (CENM-GN-02), as an attached gateway does.
    expect(f.exposures.map((e) => [e.urn, e.reason])).toEqual([[urn("r"), `${paths[0].reason} (from the key vault network keys-vpc)`]]);
    expect(finding(f, "CENM-GN-02").outcome).toBe("fail");
  });

  it.each([
    ["a private destination through a transit gateway", { destinationCidrBlock: "10.130.0.0/20", transitGatewayId: "tgw-0123456789abcdef0" }],
    ["RFC 6598 shared space through an Internet gateway", { destinationCidrBlock: "100.64.0.0/10", gatewayId: "igw-0123456789abcdef0" }],
    ["0.0.0.0/0 through a VPC peering (no edge-to-edge routing)", { destinationCidrBlock: "0.0.0.0/0", vpcPeeringConnectionId: "pcx-0123456789abcdef0" }],
    ["the local route", { destinationCidrBlock: "10.21.0.0/24", gatewayId: "local" }],
  ])("%s is no path", (_what, inputs) => {
    const f = facts(keyVault([route("r", inputs)]));
    expect(network(f, "keys-vpc").paths).toEqual([]);
    expect(finding(f, "CENM-GN-08").outcome).toBe("pass");
  });

  it("a declared NAT gateway is a path when public (the default) and none when private", () => {
    const nat = (connectivityType?: string) =>
      facts(keyVault([res(T.nat, "nat", { subnetId: "elsewhere", ...(connectivityType ? { connectivityType } : {}) }), route("r", { destinationCidrBlock: "0.0.0.0/0", natGatewayId: "nat-id" }, { routeTableId: ["keys-rt"], natGatewayId: ["nat"] })]));
    expect(network(nat(), "keys-vpc").paths.map((p) => p.reason)).toEqual([expect.stringContaining("NAT gateway nat: traffic leaves for the Internet")]);
    expect(network(nat("private"), "keys-vpc").paths).toEqual([]);
  });

  it("reads inline routes of the table, with the gateway they reference", () => {
    const withRoutes = keyVault([res(T.igw, "igw", { vpcId: "other-vpc" })]).map((r) =>
      r.name === "keys-rt" ? res(T.table, "keys-rt", { vpcId: "keys-vpc-id", routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: "igw-id" }] }, { vpcId: ["keys-vpc"], routes: ["igw"] }) : r,
    );
    const paths = network(facts(withRoutes), "keys-vpc").paths;
    expect(paths.map((p) => [p.name, p.reason])).toEqual([["keys-rt", "route table keys-rt sends 0.0.0.0/0 (every IPv4 address) to Internet gateway igw: traffic leaves for the Internet"]]);
  });

  it("a route table of the VPC holding a path counts even when no subnet uses it yet, and so does the VPC's main table", () => {
    const spare = res(T.table, "spare-rt", { vpcId: "keys-vpc-id", routes: [{ cidrBlock: "0.0.0.0/0", transitGatewayId: "tgw-0123456789abcdef0" }] }, { vpcId: ["keys-vpc"] });
    expect(network(facts(keyVault([spare])), "keys-vpc").paths.map((p) => p.name)).toEqual(["spare-rt"]);
    const main = res(T.defaultTable, "main-rt", { defaultRouteTableId: "keys-vpc-main", routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: "igw-0123456789abcdef0" }] }, { defaultRouteTableId: ["keys-vpc"] });
    expect(network(facts(keyVault([main])), "keys-vpc").routeTables).toEqual(["keys-rt", "main-rt"]);
    expect(network(facts(keyVault([main])), "keys-vpc").paths.map((p) => p.name)).toEqual(["main-rt"]);
    // A Route aimed at the VPC's own main table id (vpc.mainRouteTableId): the table is not declared, the route is.
    const onMain = route("on-main", { routeTableId: "keys-vpc-main-rt", destinationCidrBlock: "0.0.0.0/0", gatewayId: "igw-0123456789abcdef0" }, { routeTableId: ["keys-vpc"] });
    expect(network(facts(keyVault([onMain])), "keys-vpc").paths.map((p) => p.name)).toEqual(["on-main"]);
    // A MainRouteTableAssociation makes a table the main one.
    const other = res(T.table, "other-rt", { vpcId: "elsewhere", routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: "igw-0123456789abcdef0" }] });
    const assoc = res(T.mainAssociation, "main-assoc", { vpcId: "keys-vpc-id", routeTableId: "other-rt-id" }, { vpcId: ["keys-vpc"], routeTableId: ["other-rt"] });
    expect(network(facts(keyVault([other, assoc])), "keys-vpc").paths.map((p) => p.name)).toEqual(["other-rt"]);
  });

  it("an attached Internet gateway counts (its route may sit in a table the program does not declare)", () => {
    const f = facts(keyVault([res(T.igw, "igw", { vpcId: "keys-vpc-id" }, { vpcId: ["keys-vpc"] })]));
    expect(network(f, "keys-vpc").paths.map((p) => [p.name, p.type])).toEqual([["igw", T.igw]]);
  });

  it("a subnet on an undeclared main route table is said, not failed", () => {
    const f = facts(keyVault([res(T.subnet, "keys-subnet-b", { cidrBlock: "10.21.0.128/25", vpcId: "keys-vpc-id" }, { vpcId: ["keys-vpc"] })]));
    const n = network(f, "keys-vpc");
    expect(n.paths).toEqual([]);
    expect(n.notJudged).toEqual([expect.stringContaining("subnet keys-subnet-b follows the VPC's main route table, which the program does not declare")]);
    const gn08 = finding(f, "CENM-GN-08");
    expect(gn08.outcome).toBe("pass");
    expect(gn08.message).toContain("1 relies on what the program does not declare");
    expect(gn08.evidence[0].properties.notJudged).toEqual(n.notJudged);
  });

  it("a preview's unknown destination is not judged: unknown, never a failure", () => {
    const f = facts(keyVault([route("r", { destinationCidrBlock: "[unknown]", gatewayId: "igw-0123456789abcdef0" })]), "preview");
    expect(network(f, "keys-vpc").paths[0].unknown).toContain("computed at deployment");
    expect(f.keyCopies[0]).toMatchObject({ internetReachable: false });
    expect(f.keyCopies[0].reachabilityUnknown).toContain("computed at deployment");
    const gn08 = finding(f, "CENM-GN-08");
    expect(gn08.outcome).toBe("unknown");
    expect(gn08.message).toMatch(/^Not judged: .*computed at deployment/);
    expect(finding(f, "CENM-KY-02").outcome).toBe("unknown");
  });

  it("a CloudHSM cluster's VPC is a key vault network: a route to the Internet there makes the HSM copy reachable", () => {
    const hsm = [
      res("aws:cloudhsmv2/cluster:Cluster", "hsm-cluster", { region: "eu-west-1", subnetIds: ["keys-subnet-id"] }, { subnetIds: ["keys-subnet"] }),
      res("aws:cloudhsmv2/hsm:Hsm", "hsm-a", { availabilityZone: "eu-west-1a" }, { clusterId: ["hsm-cluster"] }),
      res("aws:cloudhsmv2/hsm:Hsm", "hsm-b", { availabilityZone: "eu-west-1b" }, { clusterId: ["hsm-cluster"] }),
    ];
    const closed = facts(keyVault(hsm));
    expect(closed.keyCopies.find((k) => k.kind === "cloud-hsm")?.internetReachable).toBe(false);
    const open = facts(keyVault([...hsm, route("r", { destinationCidrBlock: "0.0.0.0/0", gatewayId: "igw-0123456789abcdef0" })]));
    expect(open.keyCopies.find((k) => k.kind === "cloud-hsm")?.internetReachable).toBe(true);
    expect(network(open, "keys-vpc").keyCopies).toEqual([urn("escrow"), urn("hsm-cluster")]);
  });
});

describe("AWS escrow policy naming an endpoint outside the program", () => {
  it("a literal vpce- id the program does not declare makes the escrow reachable (CENM-KY-02 fails)", () => {
    const f = facts(keyVault([], policy("vpce-0a1b2c3d4e5f67890"), ["escrow"]));
    expect(f.keyCopies[0]).toMatchObject({ internetReachable: true });
    expect(f.keyCopies[0].reachableBecause).toEqual([expect.stringContaining("admits requests through vpce-0a1b2c3d4e5f67890, which the program does not declare")]);
    expect(finding(f, "CENM-KY-02").outcome).toBe("fail");
  });

  it("so does a literal id even when the policy still depends on the declared endpoint, and an aws:SourceVpc of another VPC", () => {
    expect(facts(keyVault([], policy("vpce-0a1b2c3d4e5f67890"))).keyCopies[0].internetReachable).toBe(true);
    expect(facts(keyVault([], policy("vpc-0a1b2c3d4e5f67890", "aws:SourceVpc"), ["escrow"])).keyCopies[0].internetReachable).toBe(true);
  });

  it("the declared endpoint, by reference or by the id a deployed one carries, keeps the escrow closed", () => {
    expect(facts(keyVault()).keyCopies[0].internetReachable).toBe(false);
    const deployed = keyVault([], policy("vpce-0dbe9a8e439587307"), []).map((r) => (r.name === "endpoint" ? { ...r, outputs: { id: "vpce-0dbe9a8e439587307" } } : r));
    expect(facts(deployed).keyCopies[0].internetReachable).toBe(false);
    expect(facts(keyVault([], policy("keys-vpc-id", "aws:SourceVpc"), ["keys-vpc", "escrow"])).keyCopies[0].internetReachable).toBe(false);
  });

  it("an endpoint only the deployment computes is not judged", () => {
    const f = facts(keyVault([], policy("[unknown]")), "preview");
    expect(f.keyCopies[0]).toMatchObject({ internetReachable: false });
    expect(f.keyCopies[0].reachabilityUnknown).toContain("computed at deployment");
    expect(finding(f, "CENM-KY-02").outcome).toBe("unknown");
  });
});

describe("AWS data networks: the subnets of databases and file systems", () => {
  function data(extra: AuditResource[] = [], associate = true): AuditResource[] {
    return [
      res(T.vpc, "data-vpc", { cidrBlock: "10.20.0.0/16" }),
      res(T.subnet, "data-a", { vpcId: "data-vpc-id", cidrBlock: "10.20.0.0/20" }, { vpcId: ["data-vpc"] }),
      res(T.table, "data-rt", { vpcId: "data-vpc-id" }, { vpcId: ["data-vpc"] }),
      ...(associate ? [res(T.association, "data-rta", { routeTableId: "data-rt-id", subnetId: "data-a-id" }, { routeTableId: ["data-rt"], subnetId: ["data-a"] })] : []),
      res("aws:rds/subnetGroup:SubnetGroup", "db-subnets", { subnetIds: ["data-a-id"] }, { subnetIds: ["data-a"] }),
      res("aws:rds/instance:Instance", "db", { engine: "postgres", dbSubnetGroupName: "db-subnets" }, { dbSubnetGroupName: ["db-subnets"] }),
      res("aws:efs/fileSystem:FileSystem", "fs", {}),
      res("aws:efs/mountTarget:MountTarget", "mt", { fileSystemId: "fs-id", subnetId: "data-a-id" }, { fileSystemId: ["fs"], subnetId: ["data-a"] }),
      ...extra,
    ];
  }

  it("names what the network serves and the tables read; private routes are no path", () => {
    const f = facts(data([res(T.route, "to-cenm", { routeTableId: "data-rt-id", destinationCidrBlock: "10.130.0.0/20", transitGatewayId: "tgw-0a1b2c3d4e5f60789" }, { routeTableId: ["data-rt"] })]));
    expect(network(f, "data-vpc")).toMatchObject({ holds: "data", routeTables: ["data-rt"], paths: [], serves: ["database db in subnet data-a", "file system fs in subnet data-a"] });
  });

  it("a default route of the data subnets' table to a gateway named by id fails CENM-GN-08 alone", () => {
    const f = facts(data([res(T.route, "out", { routeTableId: "data-rt-id", destinationCidrBlock: "0.0.0.0/0", gatewayId: "igw-0123456789abcdef0" }, { routeTableId: ["data-rt"] })]));
    expect(network(f, "data-vpc").paths.map((p) => p.name)).toEqual(["out"]);
    // A path out of a data network is no public endpoint: CENM-GN-02 does not count it.
    expect(f.exposures).toEqual([]);
    expect(finding(f, "CENM-GN-08").outcome).toBe("fail");
    expect(finding(f, "CENM-GN-08").message).toContain("data-vpc (data)");
  });

  it("only the tables of the data subnets count: a public table of the same VPC serving other subnets does not", () => {
    const publicTable = res(T.table, "public-rt", { vpcId: "data-vpc-id", routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: "igw-0123456789abcdef0" }] }, { vpcId: ["data-vpc"] });
    expect(network(facts(data([publicTable])), "data-vpc").paths).toEqual([]);
  });

  it("a data subnet on the undeclared main table is said; subnets the program does not declare are said too", () => {
    expect(network(facts(data([], false)), "data-vpc").notJudged).toEqual([expect.stringContaining("subnet data-a follows its VPC's main route table")]);
    const existing = [res("aws:rds/subnetGroup:SubnetGroup", "byo", { subnetIds: ["subnet-0a1b2c3d"] }), res("aws:rds/instance:Instance", "db2", { engine: "postgres", dbSubnetGroupName: "byo" }, { dbSubnetGroupName: ["byo"] })];
    const f = facts(existing);
    expect(network(f, "byo").notJudged).toEqual([expect.stringContaining("the subnets of DB subnet group byo are not declared")]);
    expect(finding(f, "CENM-GN-08").outcome).toBe("pass");
  });

  it("a customer-managed prefix list is judged by its entries", () => {
    const list = (cidr: string) => res(T.prefixList, "pl", { entries: [{ cidr }] });
    const out = (cidr: string) => facts(data([list(cidr), res(T.route, "out", { routeTableId: "data-rt-id", destinationPrefixListId: "pl-id", gatewayId: "igw-0123456789abcdef0" }, { routeTableId: ["data-rt"], destinationPrefixListId: ["pl"] })]));
    expect(network(out("10.99.0.0/16"), "data-vpc").paths).toEqual([]);
    expect(network(out("81.2.69.0/24"), "data-vpc").paths).toHaveLength(1);
  });
});

describe("AWS security groups admitting public ranges (CENM-GN-02)", () => {
  it("any public block counts, IPv4 or IPv6; private, shared and prefix-list sources do not", () => {
    const f = facts([
      res("aws:ec2/securityGroup:SecurityGroup", "sg", {
        ingress: [
          { protocol: "tcp", fromPort: 2049, toPort: 2049, cidrBlocks: ["10.20.0.0/16", "203.0.113.0/24"] },
          { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["100.64.0.0/10", "192.168.0.0/16"], prefixListIds: ["pl-123"] },
        ],
      }),
      res("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "v6", { cidrIpv6: "2a05:d018::/36", ipProtocol: "tcp", fromPort: 5432, toPort: 5432 }),
      res("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "ula", { cidrIpv6: "fd12:3456::/48", ipProtocol: "tcp", fromPort: 5432, toPort: 5432 }),
      res("aws:ec2/securityGroupRule:SecurityGroupRule", "rule", { type: "ingress", cidrBlocks: ["81.2.69.0/24"], protocol: "tcp", fromPort: 22, toPort: 22 }),
      res("aws:ec2/securityGroupRule:SecurityGroupRule", "egress", { type: "egress", cidrBlocks: ["0.0.0.0/0"], protocol: "-1", fromPort: 0, toPort: 0 }),
    ]);
    expect(f.exposures.map((e) => [e.name, e.reason])).toEqual([
      ["sg", "an ingress rule admits 203.0.113.0/24 on tcp port 2049"],
      ["rule", "the ingress rule admits 81.2.69.0/24 on tcp port 22"],
      ["v6", "the ingress rule admits 2a05:d018::/36 on tcp port 5432"],
    ]);
  });
});

/** Hand-built Azure resources. */
const Z = {
  vnet: "azure-native:network:VirtualNetwork",
  subnet: "azure-native:network:Subnet",
  table: "azure-native:network:RouteTable",
  route: "azure-native:network:Route",
  endpoint: "azure-native:network:PrivateEndpoint",
  vault: "azure-native:keyvault:Vault",
  account: "azure-native:storage:StorageAccount",
  server: "azure-native:dbforpostgresql:Server",
  firewall: "azure-native:dbforpostgresql:FirewallRule",
  nsg: "azure-native:network:NetworkSecurityGroup",
  key: "azure-native:keyvault:Key",
};

const CLOSED_ACLS = { bypass: "None", defaultAction: "Deny", ipRules: [], virtualNetworkRules: [] };

/** A signing-key vault (premium, purge-protected, closed) with a private endpoint in a vault subnet. */
function azureVault(subnetInputs: Record<string, unknown> = {}, subnetDeps: Record<string, string[]> = {}, extra: AuditResource[] = [], acls: Record<string, unknown> = CLOSED_ACLS): AuditResource[] {
  return [
    res(Z.vault, "keys-vault", {
      location: "westeurope",
      tags: { "cenm-backup-element": "keys" },
      properties: { sku: { name: "premium" }, enablePurgeProtection: true, publicNetworkAccess: "Disabled", networkAcls: acls },
    }),
    res(Z.subnet, "vault-subnet", { addressPrefix: "10.80.2.0/24", defaultOutboundAccess: false, ...subnetInputs }, subnetDeps),
    res(Z.endpoint, "keys-vault-endpoint", { location: "westeurope", subnet: { id: "vault-subnet-id" }, privateLinkServiceConnections: [{ groupIds: ["vault"], privateLinkServiceId: "keys-vault-id" }] }, { subnet: ["vault-subnet"], privateLinkServiceConnections: ["keys-vault"] }),
    ...extra,
  ];
}

const noInternet = res(Z.table, "vault-rt", { location: "westeurope", routes: [{ name: "no-internet", addressPrefix: "0.0.0.0/0", nextHopType: "None" }] });

describe("Azure networks: routes, NAT gateways and default outbound access of the subnets holding keys and data", () => {
  it("a vault subnet whose 0.0.0.0/0 goes to None, with default outbound access off, has no path", () => {
    const f = facts(azureVault({ routeTable: { id: "vault-rt-id" } }, { routeTable: ["vault-rt"] }, [noInternet]));
    expect(network(f, "vault-subnet")).toMatchObject({ holds: "keys", routeTables: ["vault-rt"], paths: [], notJudged: [] });
    expect(f.keyCopies[0]).toMatchObject({ kind: "cloud-hsm", internetReachable: false });
    expect(finding(f, "CENM-GN-08").outcome).toBe("pass");
  });

  it.each([
    ["0.0.0.0/0 to next hop Internet", { addressPrefix: "0.0.0.0/0", nextHopType: "Internet" }, "traffic leaves for the Internet"],
    ["a public prefix to Internet beside the None default", { addressPrefix: "20.60.0.0/16", nextHopType: "Internet" }, "20.60.0.0/16"],
    ["the Internet service tag", { addressPrefix: "Internet", nextHopType: "Internet" }, "sends Internet of subnet"],
    ["the Storage service tag", { addressPrefix: "Storage", nextHopType: "Internet" }, "sends Storage"],
    ["0.0.0.0/0 to a virtual appliance (a hub firewall's egress)", { addressPrefix: "0.0.0.0/0", nextHopType: "VirtualAppliance", nextHopIpAddress: "10.250.0.4" }, "appliance the program does not show"],
    ["0.0.0.0/0 to the virtual network gateway", { addressPrefix: "0.0.0.0/0", nextHopType: "VirtualNetworkGateway" }, "VPN or ExpressRoute gateway"],
  ])("a route of %s on the vault subnet is a path; the vault becomes reachable", (_what, routeInputs, text) => {
    const table = res(Z.table, "vault-rt", { location: "westeurope", routes: [{ name: "no-internet", addressPrefix: "0.0.0.0/0", nextHopType: "None" }, { name: "r", ...routeInputs }] });
    const f = facts(azureVault({ routeTable: { id: "vault-rt-id" } }, { routeTable: ["vault-rt"] }, [table]));
    const paths = network(f, "vault-subnet").paths;
    expect(paths).toHaveLength(1);
    expect(paths[0].reason).toContain(text);
    expect(f.keyCopies[0]).toMatchObject({ internetReachable: true });
    expect(finding(f, "CENM-KY-02").outcome).toBe("fail");
    expect(finding(f, "CENM-GN-08").outcome).toBe("fail");
  });

  it.each([
    ["a private prefix to Internet", { addressPrefix: "10.0.0.0/8", nextHopType: "Internet" }],
    ["the VirtualNetwork tag", { addressPrefix: "VirtualNetwork", nextHopType: "Internet" }],
    ["a public prefix dropped (None)", { addressPrefix: "20.60.0.0/16", nextHopType: "None" }],
    ["a public prefix kept in the network (VnetLocal)", { addressPrefix: "20.60.0.0/16", nextHopType: "VnetLocal" }],
  ])("%s is no path", (_what, routeInputs) => {
    const table = res(Z.table, "vault-rt", { location: "westeurope", routes: [{ name: "no-internet", addressPrefix: "0.0.0.0/0", nextHopType: "None" }, { name: "r", ...routeInputs }] });
    expect(network(facts(azureVault({ routeTable: { id: "vault-rt-id" } }, { routeTable: ["vault-rt"] }, [table])), "vault-subnet").paths).toEqual([]);
  });

  it("reads Route resources of the subnet's table", () => {
    const r = res(Z.route, "vault-rt-direct", { routeTableName: "vault-rt-name", addressPrefix: "52.0.0.0/8", nextHopType: "Internet" }, { routeTableName: ["vault-rt"] });
    const f = facts(azureVault({ routeTable: { id: "vault-rt-id" } }, { routeTable: ["vault-rt"] }, [noInternet, r]));
    expect(network(f, "vault-subnet").paths.map((p) => [p.name, p.type])).toEqual([["vault-rt-direct", Z.route]]);
  });

  it("Azure's system default route is a path only with a way out: a NAT gateway (declared or by id) or default outbound access", () => {
    expect(network(facts(azureVault()), "vault-subnet").paths).toEqual([]);
    const nat = facts(azureVault({ natGateway: { id: "/subscriptions/x/resourceGroups/hub/providers/Microsoft.Network/natGateways/egress" } }));
    expect(network(nat, "vault-subnet").paths[0].reason).toContain("NAT gateway /subscriptions/x/resourceGroups/hub/providers/Microsoft.Network/natGateways/egress (not declared in the program)");
    const outbound = facts(azureVault({ defaultOutboundAccess: true }));
    expect(network(outbound, "vault-subnet").paths[0].reason).toContain("default outbound access is on");
    // With the None route, neither opens a path: the default route is overridden.
    const both = facts(azureVault({ routeTable: { id: "vault-rt-id" }, natGateway: { id: "nat" }, defaultOutboundAccess: true }, { routeTable: ["vault-rt"] }, [noInternet]));
    expect(network(both, "vault-subnet").paths).toEqual([]);
  });

  it("default outbound access left to Azure's default is said, not failed", () => {
    const f = facts(azureVault({ defaultOutboundAccess: undefined }));
    expect(network(f, "vault-subnet").notJudged).toEqual([expect.stringContaining("leaves default outbound access to Azure's default")]);
    expect(finding(f, "CENM-GN-08").outcome).toBe("pass");
  });

  it("reads inline subnets of a virtual network, and the delegated subnet of a PostgreSQL server (data)", () => {
    const vnet = res(
      Z.vnet,
      "vnet",
      { location: "westeurope", subnets: [{ name: "postgres", addressPrefix: "10.80.0.0/24", defaultOutboundAccess: false, routeTable: { id: "out-rt-id" } }, { name: "other", addressPrefix: "10.80.9.0/24" }] },
      { subnets: ["out-rt"] },
    );
    const table = res(Z.table, "out-rt", { location: "westeurope", routes: [{ name: "out", addressPrefix: "0.0.0.0/0", nextHopType: "Internet" }] });
    const server = res(Z.server, "pg", { location: "westeurope", network: { delegatedSubnetResourceId: "vnet-id/subnets/postgres", publicNetworkAccess: "Disabled" } }, { network: ["vnet"] });
    const f = facts([vnet, table, server]);
    const n = network(f, "vnet/postgres");
    expect(n).toMatchObject({ holds: "data", serves: ["PostgreSQL server pg (delegated subnet)"], routeTables: ["out-rt"] });
    expect(n.paths).toHaveLength(1);
    expect(finding(f, "CENM-GN-08").outcome).toBe("fail");
  });

  it("a route table the program does not declare is said; a preview's unknown next hop is not judged", () => {
    const undeclared = facts(azureVault({ routeTable: { id: "/subscriptions/x/routeTables/hub" } }));
    expect(network(undeclared, "vault-subnet").notJudged).toEqual([expect.stringContaining("which the program does not declare")]);
    const table = res(Z.table, "vault-rt", { location: "westeurope", routes: [{ name: "no-internet", addressPrefix: "0.0.0.0/0", nextHopType: "[unknown]" }] });
    const f = facts(azureVault({ routeTable: { id: "vault-rt-id" } }, { routeTable: ["vault-rt"] }, [table]), "preview");
    expect(f.keyCopies[0].reachabilityUnknown).toContain("computed at deployment");
    expect(finding(f, "CENM-GN-08").outcome).toBe("unknown");
    expect(finding(f, "CENM-KY-02").outcome).toBe("unknown");
  });
});

describe("Azure rules admitting public ranges (CENM-GN-02, CENM-KY-02)", () => {
  it("firewall rules: any public range counts, and Azure's 0.0.0.0 switch (every Azure address, as the AzureCloud tag); private ranges do not", () => {
    const rule = (name: string, start: string, end: string) => res(Z.firewall, name, { startIpAddress: start, endIpAddress: end });
    const f = facts([rule("all", "0.0.0.0", "255.255.255.255"), rule("office", "203.0.113.0", "203.0.113.255"), rule("laptop", "81.2.69.142", "81.2.69.142"), rule("azure", "0.0.0.0", "0.0.0.0"), rule("vnet", "10.0.0.0", "10.0.255.255")]);
    expect(f.exposures.map((e) => [e.name, e.reason])).toEqual([
      ["all", "the firewall rule admits every IPv4 address"],
      ["office", "the firewall rule admits 203.0.113.0-203.0.113.255, public addresses"],
      ["laptop", "the firewall rule admits the public address 81.2.69.142"],
      ["azure", "the firewall rule 0.0.0.0-0.0.0.0 admits every Azure service's address, other customers' subscriptions included"],
    ]);
  });

  it("NSG inbound allow rules from public blocks and the AzureCloud tag count; private sources, VirtualNetwork and deny rules do not", () => {
    const f = facts([
      res(Z.nsg, "nsg", {
        securityRules: [
          { name: "partner", direction: "Inbound", access: "Allow", sourceAddressPrefixes: ["10.180.0.0/20", "198.51.100.0/24"], destinationPortRange: "443", protocol: "Tcp" },
          { name: "azure", direction: "Inbound", access: "Allow", sourceAddressPrefix: "AzureCloud.WestEurope", destinationPortRange: "443", protocol: "Tcp" },
          { name: "hosts", direction: "Inbound", access: "Allow", sourceAddressPrefix: "10.180.0.0/20", destinationPortRange: "443", protocol: "Tcp" },
          { name: "vnet", direction: "Inbound", access: "Allow", sourceAddressPrefix: "VirtualNetwork", destinationPortRange: "443", protocol: "Tcp" },
          { name: "deny", direction: "Inbound", access: "Deny", sourceAddressPrefix: "203.0.113.0/24", destinationPortRange: "*", protocol: "*" },
          { name: "out", direction: "Outbound", access: "Allow", sourceAddressPrefix: "203.0.113.0/24", destinationPortRange: "*", protocol: "*" },
        ],
      }),
    ]);
    expect(f.exposures.map((e) => e.reason)).toEqual(["inbound rule partner allows 198.51.100.0/24 on Tcp port 443", "inbound rule azure allows AzureCloud.WestEurope on Tcp port 443"]);
  });

  it("a Key Vault's ACLs admitting a public address make it reachable though public access is Disabled; a private one does not", () => {
    expect(facts(azureVault({}, {}, [], { ...CLOSED_ACLS, ipRules: [{ value: "203.0.113.7" }] })).keyCopies[0]).toMatchObject({ internetReachable: true, reachableBecause: ["the network ACLs admit 203.0.113.7"] });
    expect(facts(azureVault({}, {}, [], { ...CLOSED_ACLS, ipRules: [{ value: "10.1.2.3" }] })).keyCopies[0].internetReachable).toBe(false);
  });

  it("storage: a rule set declaring default Allow or a public IP rule is an exposure even under Disabled; an undeclared one is not", () => {
    const account = (name: string, networkRuleSet?: Record<string, unknown>) => res(Z.account, name, { location: "westeurope", sku: { name: "Standard_ZRS" }, publicNetworkAccess: "Disabled", ...(networkRuleSet ? { networkRuleSet } : {}) });
    const f = facts([
      account("allow", { defaultAction: "Allow" }),
      account("ip", { defaultAction: "Deny", ipRules: [{ iPAddressOrRange: "198.51.100.0/24", action: "Allow" }] }),
      account("private-ip", { defaultAction: "Deny", ipRules: [{ iPAddressOrRange: "10.0.0.0/8", action: "Allow" }] }),
      account("closed", { defaultAction: "Deny" }),
      account("undeclared"),
    ]);
    expect(f.exposures.map((e) => e.name)).toEqual(["allow", "ip"]);
    expect(f.exposures[1].reason).toContain("IP rules admitting 198.51.100.0/24");
  });

  it("an escrow account's public IP rule makes it reachable", () => {
    const escrow = res(Z.account, "escrow", {
      location: "westeurope",
      sku: { name: "Standard_ZRS" },
      publicNetworkAccess: "Disabled",
      networkRuleSet: { defaultAction: "Deny", bypass: "None", ipRules: [{ iPAddressOrRange: "198.51.100.0/24" }] },
      immutableStorageWithVersioning: { enabled: true, immutabilityPolicy: { state: "Locked", immutabilityPeriodSinceCreationInDays: 30 } },
    });
    const container = res("azure-native:storage:BlobContainer", "c", { accountName: "escrow" }, { accountName: ["escrow"] });
    expect(facts([escrow, container]).keyCopies[0]).toMatchObject({ internetReachable: true, reachableBecause: ["the network rule set admits 198.51.100.0/24"] });
  });
});

describe("the trusted-services bypass is no private path for CENM hosts (CENM-GN-05)", () => {
  it("counts only for a vault whose keys encrypt other resources, not for the signing-key vault or a storage account", () => {
    const cmkVault = res(Z.vault, "cmk-vault", { location: "westeurope", properties: { sku: { name: "premium" }, enablePurgeProtection: true, publicNetworkAccess: "Disabled", networkAcls: { bypass: "AzureServices", defaultAction: "Deny" } } });
    const cmk = res(Z.key, "cmk", { vaultName: "cmk-vault" }, { vaultName: ["cmk-vault"] });
    const files = res(Z.account, "files", { location: "westeurope", sku: { name: "Standard_ZRS" }, publicNetworkAccess: "Disabled", networkRuleSet: { bypass: "AzureServices", defaultAction: "Deny" }, encryption: { keySource: "Microsoft.Keyvault", keyVaultProperties: { keyName: "cmk" } } }, { encryption: ["cmk"] });
    const signing = res(Z.vault, "signing", { location: "westeurope", tags: { "cenm-backup-element": "keys" }, properties: { sku: { name: "premium" }, enablePurgeProtection: true, publicNetworkAccess: "Disabled", networkAcls: { bypass: "AzureServices", defaultAction: "Deny" } } });
    const f = facts([cmkVault, cmk, files, signing]);
    const paths = Object.fromEntries((f.privateAccess ?? []).map((p) => [p.name, [p.privatePath, p.trustedServicesBypass]]));
    expect(paths).toEqual({ "cmk-vault": ["trusted Azure services", true], files: [undefined, true], signing: [undefined, true] });
    const gn05 = finding(f, "CENM-GN-05");
    expect(gn05.outcome).toBe("fail");
    expect(gn05.message).toBe("Closed to the Internet with no private path, so unusable in a recovery: signing and files (the only way in is the trusted-services bypass, which admits Azure's own services and not CENM hosts).");
    // A private endpoint is the path the hosts use.
    const endpoint = res(Z.endpoint, "files-endpoint", { privateLinkServiceConnections: [{ privateLinkServiceId: "files-id" }] }, { privateLinkServiceConnections: ["files"] });
    const signingEndpoint = res(Z.endpoint, "signing-endpoint", { privateLinkServiceConnections: [{ privateLinkServiceId: "signing-id" }] }, { privateLinkServiceConnections: ["signing"] });
    expect(finding(facts([cmkVault, cmk, files, signing, endpoint, signingEndpoint]), "CENM-GN-05").outcome).toBe("pass");
  });
});

describe("CENM-GN-08 on facts", () => {
  const base = (networks: NetworkFact[]): Facts => ({ ...facts([]), networks });
  const n = (extra: Partial<NetworkFact> = {}): NetworkFact => ({ urn: "urn:pulumi:s::p::aws:ec2/vpc:Vpc::v", name: "v", type: "aws:ec2/vpc:Vpc", holds: "keys", serves: ["escrow e"], keyCopies: [], routeTables: ["rt"], paths: [], notJudged: [], ...extra });
  const path = { urn: "urn:pulumi:s::p::aws:ec2/route:Route::r", name: "r", type: "aws:ec2/route:Route", reason: "the route sends 0.0.0.0/0 to Internet gateway igw-1: traffic leaves for the Internet" };

  it("is not applicable without a network, passes a closed one, fails an open one and leaves an unknown one unjudged", () => {
    expect(finding(base([]), "CENM-GN-08")).toMatchObject({ outcome: "not-applicable", evidence: [] });
    expect(finding(base([n()]), "CENM-GN-08")).toMatchObject({ outcome: "pass", message: "None of the 1 networks holding keys or data has a path to the Internet." });
    const fail = finding(base([n({ paths: [path] }), n({ name: "w", holds: "data" })]), "CENM-GN-08");
    expect(fail.outcome).toBe("fail");
    expect(fail.message).toBe(`Path to the Internet from v (keys): r: ${path.reason}.`);
    expect(fail.evidence.map((e) => [e.resource, e.properties.pathsToInternet])).toEqual([
      ["v", [`r: ${path.reason}`]],
      ["w", []],
    ]);
    const unknown = finding(base([n({ paths: [{ ...path, unknown: "the destination is computed at deployment (a preview shows it unknown)" }] })]), "CENM-GN-08");
    expect(unknown.outcome).toBe("unknown");
    expect(unknown.message).toMatch(/^Not judged: whether v reach the Internet \(r: the destination is computed at deployment/);
  });

  it("is excused by a waiver naming it, like any control", () => {
    const f = { ...base([n({ paths: [path] })]), waivers: [{ id: "CENM-GN-08", reason: "The key VPC egresses through the bank's inspected hub, reviewed by security." }] };
    expect(evaluate(f).find((x) => x.id === "CENM-GN-08")?.waiver?.id).toBe("CENM-GN-08");
  });
});

describe("the shipped stacks: closed networks, planned and previewed", () => {
  it.each(["aws-dev", "aws-staging", "aws-prod", "azure-dev", "azure-staging", "azure-prod"])("%s: every network holding keys or data is read and closed, in the plan and in the preview", async (stack) => {
    for (const preview of [false, true]) {
      const f = deriveFacts(fromPlanDocument((await plannedStack(stack, { preview })).document));
      const networks = f.networks ?? [];
      expect(networks.length).toBeGreaterThanOrEqual(2);
      expect(networks.some((x) => x.holds === "keys")).toBe(true);
      expect(networks.flatMap((x) => x.paths)).toEqual([]);
      expect(networks.flatMap((x) => x.notJudged)).toEqual([]);
      expect(networks.every((x) => x.routeTables.length > 0 || stack.startsWith("azure"))).toBe(true);
      expect(finding(f, "CENM-GN-08").outcome).toBe("pass");
      expect(f.exposures).toEqual([]);
      expect(["pass", "not-applicable"]).toContain(finding(f, "CENM-GN-05").outcome);
    }
  }, 120000);
});
