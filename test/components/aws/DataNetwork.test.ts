import { carveSubnetCidrs, DataNetwork } from "../../../src/components/aws/DataNetwork";
import type { DataNetworkArgs } from "../../../src/components/aws/contracts";
import { declare, ofType, one } from "../../helpers/offline";

const ZONES = ["eu-west-1a", "eu-west-1b", "eu-west-1c"];

function baseArgs(overrides: Partial<DataNetworkArgs> = {}): DataNetworkArgs {
  return {
    region: "eu-west-1",
    availabilityZones: ZONES,
    vpcCidr: "10.40.0.0/16",
    protection: { enabled: true },
    tags: { team: "cenm" },
    ...overrides,
  };
}

function outputsOf(n: DataNetwork) {
  return { vpcId: n.vpcId, subnetIds: n.subnetIds, availabilityZones: n.availabilityZones, subnetCidrs: n.subnetCidrs, declared: n.declared };
}

describe("carveSubnetCidrs", () => {
  it.each([
    ["10.0.0.0/16", 3, ["10.0.0.0/20", "10.0.16.0/20", "10.0.32.0/20"]],
    ["10.0.0.0/16", 2, ["10.0.0.0/20", "10.0.16.0/20"]],
    ["172.16.0.0/16", 6, ["172.16.0.0/20", "172.16.16.0/20", "172.16.32.0/20", "172.16.48.0/20", "172.16.64.0/20", "172.16.80.0/20"]],
    ["10.1.0.0/20", 3, ["10.1.0.0/22", "10.1.4.0/22", "10.1.8.0/22"]],
    ["192.168.10.0/24", 3, ["192.168.10.0/26", "192.168.10.64/26", "192.168.10.128/26"]],
    ["192.168.10.0/24", 2, ["192.168.10.0/25", "192.168.10.128/25"]],
    ["10.9.8.0/26", 4, ["10.9.8.0/28", "10.9.8.16/28", "10.9.8.32/28", "10.9.8.48/28"]],
    ["10.0.0.0/28", 1, ["10.0.0.0/28"]],
    ["10.255.240.0/20", 1, ["10.255.240.0/20"]],
  ])("carves %s into %i zones", (cidr, count, expected) => {
    expect(carveSubnetCidrs(cidr as string, count as number)).toEqual(expected);
  });

  it("honours a different preferred subnet size", () => {
    expect(carveSubnetCidrs("10.0.0.0/16", 3, 24)).toEqual(["10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24"]);
  });

  it.each([
    ["10.0.0.0/27", 3, /10\.0\.0\.0\/27 is too small for 3 availability zones.*\/29.*\/28 AWS minimum.*\/26 or larger/],
    ["10.0.0.0/26", 5, /10\.0\.0\.0\/26 is too small for 5 availability zones/],
    ["10.0.0.0/28", 2, /10\.0\.0\.0\/28 is too small for 2 availability zones/],
    ["10.0.0.0/8", 3, /AWS accepts VPC blocks from \/16 to \/28, got 10\.0\.0\.0\/8/],
    ["10.0.0.0/30", 1, /AWS accepts VPC blocks from \/16 to \/28, got 10\.0\.0\.0\/30/],
    ["10.0.0.1/16", 3, /vpcCidr: "10\.0\.0\.1\/16" has host bits set/],
    ["10.0.0/16", 3, /vpcCidr: expected an IPv4 CIDR block.*got "10\.0\.0\/16"/],
    ["10.0.300.0/16", 3, /vpcCidr: "10\.0\.300\.0\/16" is not a valid IPv4 CIDR block/],
    ["10.0.0.0/16", 0, /availabilityZones: expected at least one zone.*count of 0/],
  ])("refuses %s for %i zones", (cidr, count, message) => {
    expect(() => carveSubnetCidrs(cidr as string, count as number)).toThrow(message as RegExp);
  });
});

describe("DataNetwork", () => {
  it("declares a VPC with one private subnet per zone carved from vpcCidr", async () => {
    const run = await declare(() => outputsOf(new DataNetwork("cenm-x", baseArgs())));

    const vpc = one(run, "aws:ec2/vpc:Vpc");
    expect(vpc.name).toBe("cenm-x-vpc");
    expect(vpc.parent).toBe("cenm-x");
    expect(vpc.parentType).toBe("cenm-backup:aws:DataNetwork");
    expect(vpc.inputs).toMatchObject({ cidrBlock: "10.40.0.0/16", enableDnsSupport: true, enableDnsHostnames: true, region: "eu-west-1" });
    expect(vpc.inputs.tags).toEqual({ team: "cenm", "cenm-backup:element": "network" });

    const subnets = ofType(run, "aws:ec2/subnet:Subnet");
    expect(subnets.map((s) => [s.name, s.inputs.availabilityZone, s.inputs.cidrBlock])).toEqual([
      ["cenm-x-subnet-eu-west-1a", "eu-west-1a", "10.40.0.0/20"],
      ["cenm-x-subnet-eu-west-1b", "eu-west-1b", "10.40.16.0/20"],
      ["cenm-x-subnet-eu-west-1c", "eu-west-1c", "10.40.32.0/20"],
    ]);
    for (const s of subnets) {
      expect(s.inputs.mapPublicIpOnLaunch).toBe(false);
      expect(s.inputs.vpcId).toBe("cenm-x-vpc-id");
      expect(s.inputs.region).toBe("eu-west-1");
      expect(s.inputs.tags).toMatchObject({ "cenm-backup:element": "network" });
    }

    expect(run.outputs).toEqual({
      vpcId: "cenm-x-vpc-id",
      subnetIds: ["cenm-x-subnet-eu-west-1a-id", "cenm-x-subnet-eu-west-1b-id", "cenm-x-subnet-eu-west-1c-id"],
      availabilityZones: ZONES,
      subnetCidrs: ["10.40.0.0/20", "10.40.16.0/20", "10.40.32.0/20"],
      declared: true,
    });
  });

  it("routes nothing to the Internet: one route table without routes, no gateways of any kind", async () => {
    const run = await declare(() => outputsOf(new DataNetwork("cenm-x", baseArgs())));

    const rt = one(run, "aws:ec2/routeTable:RouteTable");
    expect(rt.name).toBe("cenm-x-private-rt");
    expect(rt.inputs.vpcId).toBe("cenm-x-vpc-id");
    expect(rt.inputs.region).toBe("eu-west-1");
    expect(rt.inputs.routes ?? []).toEqual([]);
    expect(rt.inputs.propagatingVgws ?? []).toEqual([]);

    const assoc = ofType(run, "aws:ec2/routeTableAssociation:RouteTableAssociation");
    expect(assoc.map((a) => [a.name, a.inputs.subnetId, a.inputs.routeTableId, a.inputs.region])).toEqual([
      ["cenm-x-rta-eu-west-1a", "cenm-x-subnet-eu-west-1a-id", "cenm-x-private-rt-id", "eu-west-1"],
      ["cenm-x-rta-eu-west-1b", "cenm-x-subnet-eu-west-1b-id", "cenm-x-private-rt-id", "eu-west-1"],
      ["cenm-x-rta-eu-west-1c", "cenm-x-subnet-eu-west-1c-id", "cenm-x-private-rt-id", "eu-west-1"],
    ]);

    const types = run.resources.map((r) => r.type);
    expect(types.filter((t) => /internetGateway|natGateway|egressOnlyInternetGateway|ec2\/route:Route$|vpnGateway|eip:Eip/i.test(t))).toEqual([]);
    expect([...new Set(types)].sort()).toEqual([
      "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
      "aws:ec2/routeTable:RouteTable",
      "aws:ec2/routeTableAssociation:RouteTableAssociation",
      "aws:ec2/subnet:Subnet",
      "aws:ec2/vpc:Vpc",
      "cenm-backup:aws:DataNetwork",
    ]);
    // Every AWS child names its region.
    for (const r of run.resources.filter((x) => x.custom)) expect(r.inputs.region).toBe("eu-west-1");
  });

  it("locks down the default security group with no rules", async () => {
    const run = await declare(() => outputsOf(new DataNetwork("cenm-x", baseArgs())));
    const sg = one(run, "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup");
    expect(sg.name).toBe("cenm-x-default-sg");
    expect(sg.inputs.vpcId).toBe("cenm-x-vpc-id");
    expect(sg.inputs.ingress).toEqual([]);
    expect(sg.inputs.egress).toEqual([]);
    expect(sg.inputs.region).toBe("eu-west-1");
  });

  it("passes an existing network through and declares nothing", async () => {
    const run = await declare(() =>
      outputsOf(new DataNetwork("cenm-x", baseArgs({ existingVpcId: "vpc-0abc", existingSubnetIds: ["subnet-a", "subnet-b", "subnet-c"] }))),
    );
    expect(run.resources.map((r) => r.type)).toEqual(["cenm-backup:aws:DataNetwork"]);
    expect(run.outputs).toEqual({
      vpcId: "vpc-0abc",
      subnetIds: ["subnet-a", "subnet-b", "subnet-c"],
      availabilityZones: ZONES,
      subnetCidrs: [],
      declared: false,
    });
  });

  it("does not read vpcCidr when an existing network is given", async () => {
    const run = await declare(() =>
      outputsOf(
        new DataNetwork("cenm-x", baseArgs({ vpcCidr: "not-a-cidr", existingVpcId: "vpc-0abc", existingSubnetIds: ["subnet-a", "subnet-b", "subnet-c"] })),
      ),
    );
    expect(run.outputs.declared).toBe(false);
  });

  it("declares every child in preview mode, with ids unknown", async () => {
    const run = await declare(() => outputsOf(new DataNetwork("cenm-x", baseArgs())), { preview: true });
    expect(ofType(run, "aws:ec2/vpc:Vpc")).toHaveLength(1);
    expect(ofType(run, "aws:ec2/subnet:Subnet")).toHaveLength(3);
    expect(ofType(run, "aws:ec2/routeTable:RouteTable")).toHaveLength(1);
    expect(ofType(run, "aws:ec2/routeTableAssociation:RouteTableAssociation")).toHaveLength(3);
    expect(ofType(run, "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup")).toHaveLength(1);
    expect(one(run, "aws:ec2/subnet:Subnet", "cenm-x-subnet-eu-west-1a").inputs.vpcId).toBe("[unknown]");
    expect(one(run, "aws:ec2/subnet:Subnet", "cenm-x-subnet-eu-west-1b").inputs.cidrBlock).toBe("10.40.16.0/20");
  });

  it.each([
    [{ existingVpcId: "vpc-1" }, /existingVpcId\/existingSubnetIds: give both.*existingVpcId set and existingSubnetIds unset/],
    [{ existingSubnetIds: ["s-1", "s-2", "s-3"] }, /existingVpcId unset and existingSubnetIds set/],
    [{ existingVpcId: "vpc-1", existingSubnetIds: ["s-1", "s-2"] }, /existingSubnetIds: expected one subnet per availability zone \(3: eu-west-1a, eu-west-1b, eu-west-1c\), got 2/],
    [{ availabilityZones: [] }, /availabilityZones: expected at least one zone of eu-west-1, got \[\]/],
    [{ availabilityZones: ["eu-west-1a", "eu-west-1a"] }, /availabilityZones: zone eu-west-1a is listed twice/],
    [{ availabilityZones: ["us-east-1a", "us-east-1b"] }, /availabilityZones: expected zone names of region eu-west-1.*got "us-east-1a"/],
    [{ vpcCidr: "10.0.0.0/27" }, /vpcCidr: 10\.0\.0\.0\/27 is too small for 3 availability zones/],
    [{ region: "" }, /region: expected an AWS region/],
    [{ routedCidrs: ["10.130.0.0/20"] }, /routedCidrs: 10\.130\.0\.0\/20 lie outside the VPC; give exactly one way to reach them, peerVpcId or transitGatewayId \(got 0\)/],
    [{ routedCidrs: ["10.40.0.0/20"], transitGatewayId: "tgw-1" }, /routedCidrs: 10\.40\.0\.0\/20 overlaps vpcCidr 10\.40\.0\.0\/16/],
    [{ routedCidrs: ["10.130.0.0/20"], peerVpcId: "vpc-cenm" }, /peerRouteTableIds: the peer VPC's route tables must get a route back/],
    [{ routedCidrs: ["10.130.0.0/20"], peerVpcId: "vpc-cenm", peerRouteTableIds: ["rtb-1"], transitGatewayId: "tgw-1" }, /give exactly one way to reach them.*\(got 2\)/],
    [{ transitGatewayId: "tgw-1" }, /peerVpcId\/transitGatewayId: nothing to route/],
    [{ existingVpcId: "vpc-1", existingSubnetIds: ["s-1", "s-2", "s-3"], transitGatewayId: "tgw-1" }, /an existing VPC keeps its own routing/],
    [{ vpcCidr: undefined }, /vpcCidr: the CIDR of the VPC to declare/],
  ])("refuses invalid args %j before registering anything", async (overrides, message) => {
    let error: Error | undefined;
    const run = await declare(() => {
      try {
        new DataNetwork("cenm-x", baseArgs(overrides as Partial<DataNetworkArgs>));
      } catch (e) {
        error = e as Error;
      }
    });
    expect(error?.message).toMatch(message as RegExp);
    expect(run.resources).toEqual([]);
  });
});

describe("DataNetwork: CENM hosts outside the VPC", () => {
  it("peers with the CENM VPC and routes both ways through the peering", async () => {
    const run = await declare(() => outputsOf(new DataNetwork("cenm-x", baseArgs({ routedCidrs: ["10.130.0.0/20", "10.131.0.0/24"], peerVpcId: "vpc-cenm", peerRouteTableIds: ["rtb-a", "rtb-b"] }))));
    const peering = one(run, "aws:ec2/vpcPeeringConnection:VpcPeeringConnection");
    expect(peering.inputs).toMatchObject({ region: "eu-west-1", peerVpcId: "vpc-cenm", autoAccept: true });
    const routes = ofType(run, "aws:ec2/route:Route").map((r) => [r.name, r.inputs.routeTableId, r.inputs.destinationCidrBlock, r.inputs.vpcPeeringConnectionId]);
    expect(routes.sort()).toEqual([
      ["cenm-x-from-cenm-0", "rtb-a", "10.40.0.0/16", "cenm-x-cenm-peering-id"],
      ["cenm-x-from-cenm-1", "rtb-b", "10.40.0.0/16", "cenm-x-cenm-peering-id"],
      ["cenm-x-to-cenm-0", "cenm-x-private-rt-id", "10.130.0.0/20", "cenm-x-cenm-peering-id"],
      ["cenm-x-to-cenm-1", "cenm-x-private-rt-id", "10.131.0.0/24", "cenm-x-cenm-peering-id"],
    ]);
    // A private next hop only: no Internet or NAT gateway appears.
    expect(ofType(run, "aws:ec2/internetGateway:InternetGateway")).toEqual([]);
    expect(ofType(run, "aws:ec2/natGateway:NatGateway")).toEqual([]);
  });

  it("attaches the VPC to a transit gateway, one subnet per zone, and routes the CENM blocks to it", async () => {
    const run = await declare(() => outputsOf(new DataNetwork("cenm-x", baseArgs({ routedCidrs: ["10.130.0.0/20"], transitGatewayId: "tgw-0a1b2c3d4e5f60789" }))));
    const attachment = one(run, "aws:ec2transitgateway/vpcAttachment:VpcAttachment");
    expect(attachment.inputs).toMatchObject({ region: "eu-west-1", transitGatewayId: "tgw-0a1b2c3d4e5f60789", vpcId: "cenm-x-vpc-id" });
    expect(attachment.inputs.subnetIds).toHaveLength(3);
    const route = one(run, "aws:ec2/route:Route");
    expect(route.inputs).toMatchObject({ routeTableId: "cenm-x-private-rt-id", destinationCidrBlock: "10.130.0.0/20", transitGatewayId: "tgw-0a1b2c3d4e5f60789" });
    expect(route.options.dependsOn).toContain("cenm-x-tgw-attachment");
  });
});

