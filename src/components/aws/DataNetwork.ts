/**
 * The private network that holds CENM's database and replicated file store: either a VPC the operator already
 * runs (passed through untouched) or a small isolated VPC declared here, with one private subnet per zone and
 * no path to or from the Internet.
 */
import * as pulumi from "@pulumi/pulumi";
import * as ec2 from "@pulumi/aws/ec2";
import * as ec2transitgateway from "@pulumi/aws/ec2transitgateway";
import { AWS_VPC_PREFIX, cidrsOverlap, formatIpv4, parseIpv4Cidr } from "../../domain/cidr";
import { elementTags } from "./common";
import type { DataNetworkArgs } from "./contracts";

/** The smallest subnet AWS accepts is a /28 (16 addresses, 11 usable). */
export const MIN_SUBNET_PREFIX = AWS_VPC_PREFIX.max;
/** A VPC's IPv4 block must lie between /16 and /28. */
export const MIN_VPC_PREFIX = AWS_VPC_PREFIX.min;
/** Subnets are /20s (4,096 addresses) unless the VPC is too small to hold one /20 per zone. */
export const PREFERRED_SUBNET_PREFIX = 20;

/**
 * Splits a VPC block into `count` equal, adjacent subnets starting at the VPC's first address, one per zone in
 * order. Each subnet is a /`preferredPrefix` (a /20 by default) when the VPC has room for that many of them;
 * otherwise the VPC is cut into the fewest equal power-of-two slices that hold `count` subnets. Throws when the
 * resulting subnets would be smaller than the /28 AWS minimum, i.e. the VPC is too small for that many zones.
 *
 * Pure: no Pulumi, no I/O. `carveSubnetCidrs("10.0.0.0/16", 3)` is `["10.0.0.0/20", "10.0.16.0/20", "10.0.32.0/20"]`.
 */
export function carveSubnetCidrs(vpcCidr: string, count: number, preferredPrefix: number = PREFERRED_SUBNET_PREFIX): string[] {
  if (!Number.isInteger(count) || count < 1) {
    throw new Error(`availabilityZones: expected at least one zone to carve a subnet for, got a count of ${count}`);
  }
  const { base, prefix } = parseIpv4Cidr(vpcCidr, "vpcCidr");
  if (prefix < MIN_VPC_PREFIX || prefix > MIN_SUBNET_PREFIX) {
    throw new Error(`vpcCidr: AWS accepts VPC blocks from /${MIN_VPC_PREFIX} to /${MIN_SUBNET_PREFIX}, got ${vpcCidr}`);
  }
  const bitsForCount = Math.ceil(Math.log2(count));
  const subnetPrefix = Math.max(preferredPrefix, prefix + bitsForCount);
  if (subnetPrefix > MIN_SUBNET_PREFIX) {
    throw new Error(
      `vpcCidr: ${vpcCidr} is too small for ${count} availability zones: one subnet per zone would be a /${subnetPrefix}, ` +
        `smaller than the /${MIN_SUBNET_PREFIX} AWS minimum; give a VPC of /${MIN_SUBNET_PREFIX - bitsForCount} or larger`,
    );
  }
  const size = 2 ** (32 - subnetPrefix);
  return Array.from({ length: count }, (_, i) => `${formatIpv4(base + i * size)}/${subnetPrefix}`);
}

function validateAvailabilityZones(zones: string[], region: string): void {
  if (!Array.isArray(zones) || zones.length === 0) {
    throw new Error(`availabilityZones: expected at least one zone of ${region}, got ${JSON.stringify(zones)}`);
  }
  const seen = new Set<string>();
  for (const zone of zones) {
    if (typeof zone !== "string" || !zone.startsWith(region)) {
      throw new Error(`availabilityZones: expected zone names of region ${region} (e.g. ${region}a), got ${JSON.stringify(zone)}`);
    }
    if (seen.has(zone)) throw new Error(`availabilityZones: zone ${zone} is listed twice in ${JSON.stringify(zones)}`);
    seen.add(zone);
  }
}

/**
 * Checks the args and, when the network is to be declared, returns the subnet blocks. Throws before anything is
 * registered.
 */
function validateDataNetworkArgs(args: DataNetworkArgs): string[] | undefined {
  if (typeof args.region !== "string" || args.region.length === 0) {
    throw new Error(`region: expected an AWS region such as eu-west-1, got ${JSON.stringify(args.region)}`);
  }
  validateAvailabilityZones(args.availabilityZones, args.region);
  const hasVpc = args.existingVpcId !== undefined;
  const hasSubnets = args.existingSubnetIds !== undefined;
  if (hasVpc !== hasSubnets) {
    throw new Error(
      `existingVpcId/existingSubnetIds: give both to use an existing network or neither to declare one; got ` +
        `existingVpcId ${hasVpc ? "set" : "unset"} and existingSubnetIds ${hasSubnets ? "set" : "unset"}`,
    );
  }
  if (hasVpc) {
    const subnets = args.existingSubnetIds!;
    if (!Array.isArray(subnets) || subnets.length !== args.availabilityZones.length) {
      throw new Error(
        `existingSubnetIds: expected one subnet per availability zone (${args.availabilityZones.length}: ` +
          `${args.availabilityZones.join(", ")}), got ${Array.isArray(subnets) ? subnets.length : JSON.stringify(subnets)}`,
      );
    }
    if (args.routedCidrs?.length || args.peerVpcId !== undefined || args.transitGatewayId !== undefined) {
      throw new Error("routedCidrs/peerVpcId/transitGatewayId: an existing VPC keeps its own routing; give none of them with existingVpcId");
    }
    return undefined;
  }
  if (args.vpcCidr === undefined) throw new Error("vpcCidr: the CIDR of the VPC to declare (or existingVpcId and existingSubnetIds), got nothing");
  const vpcCidr = args.vpcCidr;
  const cidrs = carveSubnetCidrs(vpcCidr, args.availabilityZones.length);
  const routed = args.routedCidrs ?? [];
  for (const cidr of routed) {
    parseIpv4Cidr(cidr, "routedCidrs");
    if (cidrsOverlap(cidr, vpcCidr)) throw new Error(`routedCidrs: ${cidr} overlaps vpcCidr ${vpcCidr}; only blocks outside the VPC are routed`);
  }
  const ways = [args.peerVpcId, args.transitGatewayId].filter((x) => x !== undefined).length;
  if (routed.length > 0 && ways !== 1) {
    throw new Error(`routedCidrs: ${routed.join(", ")} lie outside the VPC; give exactly one way to reach them, peerVpcId or transitGatewayId (got ${ways})`);
  }
  if (routed.length === 0 && ways > 0) throw new Error("peerVpcId/transitGatewayId: nothing to route; give the routedCidrs that lie outside the VPC");
  if (args.peerVpcId !== undefined && !(args.peerRouteTableIds && args.peerRouteTableIds.length > 0)) {
    throw new Error("peerRouteTableIds: the peer VPC's route tables must get a route back to vpcCidr, or replies never arrive; give at least one");
  }
  return cidrs;
}

/**
 * The network the database and the file store live in.
 *
 * With `existingVpcId` and `existingSubnetIds` it declares nothing and hands them on (`declared` is false).
 * Otherwise it declares a VPC with DNS support and hostnames, one private subnet per zone carved out of
 * `vpcCidr` (see {@link carveSubnetCidrs}), one route table with only the implicit local route, and takes over the
 * VPC's default security group with every rule removed so nothing can fall back on it. There is deliberately no
 * internet gateway and no NAT gateway: the data never needs the Internet, and AWS services are reached through
 * their regional endpoints by the services themselves (replication, AWS Backup).
 *
 * CENM hosts outside the VPC (`routedCidrs`) are reached through a VPC peering with their VPC (`peerVpcId`, with
 * the way back added to `peerRouteTableIds`) or a transit gateway attachment (`transitGatewayId`, whose own route
 * tables stay the network team's); each route names a private next hop, never the Internet.
 *
 * Nothing here holds data, so `protection` is not applied to these children: they can be recreated, and the
 * data-holding resources inside them carry their own protection.
 */
export class DataNetwork extends pulumi.ComponentResource {
  public readonly vpcId: pulumi.Output<string>;
  /** One subnet per zone, in the order of `availabilityZones`. */
  public readonly subnetIds: pulumi.Output<string[]>;
  public readonly availabilityZones: pulumi.Output<string[]>;
  /** Blocks of the declared subnets in zone order; empty when an existing network is used. */
  public readonly subnetCidrs: pulumi.Output<string[]>;
  /** True when this component declared the network, false when it passes an existing one through. */
  public readonly declared: pulumi.Output<boolean>;

  constructor(name: string, args: DataNetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    const cidrs = validateDataNetworkArgs(args);
    super("cenm-backup:aws:DataNetwork", name, {}, opts);

    const zones = [...args.availabilityZones];
    this.availabilityZones = pulumi.output(zones);

    if (cidrs === undefined) {
      this.vpcId = pulumi.output(args.existingVpcId!);
      this.subnetIds = pulumi.all(args.existingSubnetIds!);
      this.subnetCidrs = pulumi.output([] as string[]);
      this.declared = pulumi.output(false);
    } else {
      const tags = elementTags(args.tags, "network");
      const vpc = new ec2.Vpc(
        `${name}-vpc`,
        { cidrBlock: args.vpcCidr, enableDnsSupport: true, enableDnsHostnames: true, region: args.region, tags },
        { parent: this },
      );
      // The table has no routes of its own: AWS adds the local route, so traffic stays inside the VPC.
      const routeTable = new ec2.RouteTable(`${name}-private-rt`, { vpcId: vpc.id, region: args.region, tags }, { parent: this });
      const subnets = zones.map((zone, i) => {
        const subnet = new ec2.Subnet(
          `${name}-subnet-${zone}`,
          {
            vpcId: vpc.id,
            availabilityZone: zone,
            cidrBlock: cidrs[i],
            mapPublicIpOnLaunch: false,
            region: args.region,
            tags: { ...tags, Name: `${name}-private-${zone}` },
          },
          { parent: this },
        );
        new ec2.RouteTableAssociation(
          `${name}-rta-${zone}`,
          { routeTableId: routeTable.id, subnetId: subnet.id, region: args.region },
          { parent: this },
        );
        return subnet;
      });
      // The CENM hosts outside this VPC: a peering (same account and region, so accepted at once:
      // AWS_DOCS.vpcPeeringAutoAccept) or a transit gateway attachment, and a route to each of their blocks; a peering
      // also gets the way back in the peer's tables.
      const routed = args.routedCidrs ?? [];
      if (routed.length > 0 && args.peerVpcId !== undefined) {
        const peering = new ec2.VpcPeeringConnection(
          `${name}-cenm-peering`,
          { vpcId: vpc.id, peerVpcId: args.peerVpcId, autoAccept: true, region: args.region, tags: { ...tags, Name: `${name}-cenm-peering` } },
          { parent: this },
        );
        routed.forEach((cidr, i) => {
          new ec2.Route(`${name}-to-cenm-${i}`, { routeTableId: routeTable.id, destinationCidrBlock: cidr, vpcPeeringConnectionId: peering.id, region: args.region }, { parent: this });
        });
        (args.peerRouteTableIds ?? []).forEach((table, i) => {
          new ec2.Route(`${name}-from-cenm-${i}`, { routeTableId: table, destinationCidrBlock: args.vpcCidr!, vpcPeeringConnectionId: peering.id, region: args.region }, { parent: this });
        });
      } else if (routed.length > 0 && args.transitGatewayId !== undefined) {
        const attachment = new ec2transitgateway.VpcAttachment(
          `${name}-tgw-attachment`,
          { transitGatewayId: args.transitGatewayId, vpcId: vpc.id, subnetIds: subnets.map((s) => s.id), region: args.region, tags: { ...tags, Name: `${name}-tgw-attachment` } },
          { parent: this },
        );
        routed.forEach((cidr, i) => {
          new ec2.Route(
            `${name}-to-cenm-${i}`,
            { routeTableId: routeTable.id, destinationCidrBlock: cidr, transitGatewayId: args.transitGatewayId, region: args.region },
            { parent: this, dependsOn: [attachment] },
          );
        });
      }
      // Adopting the default group with empty rule lists strips the rules AWS puts on it.
      new ec2.DefaultSecurityGroup(
        `${name}-default-sg`,
        { vpcId: vpc.id, ingress: [], egress: [], region: args.region, tags },
        { parent: this },
      );
      this.vpcId = vpc.id;
      this.subnetIds = pulumi.all(subnets.map((s) => s.id));
      this.subnetCidrs = pulumi.output(cidrs);
      this.declared = pulumi.output(true);
    }

    this.registerOutputs({
      vpcId: this.vpcId,
      subnetIds: this.subnetIds,
      availabilityZones: this.availabilityZones,
      subnetCidrs: this.subnetCidrs,
      declared: this.declared,
    });
  }
}
