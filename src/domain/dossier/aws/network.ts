/** Dossier rows (see ../types.ts) of the AWS networks (VPCs, subnets, route tables and routes, security groups and rules, endpoints, peering, transit gateway attachments). */
import type { DossierRow } from "../types";

const API = (operation: string) => `https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_${operation}.html`;
const REGISTRY = (path: string) => `https://www.pulumi.com/registry/packages/aws/api-docs/${path}/`;
const PROVIDER = (file: string) => `https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service/ec2/${file}`;

export const AWS_NETWORK_ROWS: readonly DossierRow[] = [
  // VPCs: the data VPC (DataNetwork, network.vpcCidr), the DR VPC of the read replica (network.drVpcCidr) and the
  // isolated key-vault VPC (OfflineKeyVault, network.vaultVpcCidr).
  {
    type: "aws:ec2/vpc:Vpc",
    properties: ["cidrBlock"],
    update: "replaces",
    sets:
      "The stack's own blocks: network.vpcCidr for the data VPC, network.drVpcCidr for the DR VPC of the read replica, network.vaultVpcCidr for the key-vault VPC. Config validation keeps them apart from each other and within the sizes the subnets need.",
    lifecycle:
      "CreateVpc takes the primary IPv4 block and no API changes it afterwards (only secondary blocks can be added), so the provider replaces the VPC when it changes, and the subnets, database subnet groups, mount targets and endpoints inside must follow: a rebuild, not an edit. A second deploy with the same block makes no call. DeleteVpc is refused while anything but the default security group, network ACL and main route table remains; Pulumi deletes the dependants first and AWS removes those three defaults with the VPC.",
    sources: [API("CreateVpc"), API("DeleteVpc")],
  },
  {
    type: "aws:ec2/vpc:Vpc",
    properties: ["enableDnsSupport", "enableDnsHostnames"],
    update: "in-place",
    sets:
      "Both true on all three VPCs. The database endpoint and the EFS file system's DNS name are names the Amazon DNS server answers inside the VPC, and EFS documents that mounting by DNS name needs both DNS resolution and DNS hostnames in the client's VPC. The provider's default for hostnames is false, so it is set, not assumed.",
    lifecycle:
      "Applied after creation with ModifyVpcAttribute, one attribute per request, in place; AWS accepts hostnames only while DNS support is on. A second deploy makes no call. They go with the VPC.",
    sources: [API("ModifyVpcAttribute"), "https://docs.aws.amazon.com/efs/latest/ug/mounting-fs-mount-cmd-dns-name.html"],
  },
  {
    type: "aws:ec2/subnet:Subnet",
    properties: ["vpcId", "availabilityZone", "cidrBlock"],
    update: "replaces",
    sets:
      "One private subnet per configured zone (primary.availabilityZones, dr.availabilityZones, the vault's first two zones), each an equal slice of its VPC carved in zone order (carveSubnetCidrs: /20 where it fits, never smaller than /28).",
    lifecycle:
      "CreateSubnet accepts IPv4 blocks from /16 to /28, reserves five addresses of each, refuses overlaps, and no API changes a subnet's block, zone or VPC later: any change replaces the subnet, which AWS refuses to delete while an instance or network interface (database, mount target, transit gateway attachment) is in it. A second deploy makes no call. On destroy the subnet goes after the resources placed in it.",
    sources: [API("CreateSubnet"), API("DeleteSubnet")],
  },
  {
    type: "aws:ec2/subnet:Subnet",
    properties: ["mapPublicIpOnLaunch"],
    update: "in-place",
    sets: "false on every subnet: nothing the package places gets a public IPv4 address (and no route leads to an Internet gateway). Written explicitly so that a change made outside Pulumi shows as drift.",
    lifecycle: "Changed in place with ModifySubnetAttribute (one attribute per call); false is also the provider's default. A second deploy makes no call; the setting goes with the subnet.",
    sources: [API("ModifySubnetAttribute"), REGISTRY("ec2/subnet")],
  },
  {
    type: "aws:ec2/routeTable:RouteTable",
    properties: ["vpcId"],
    update: "replaces",
    sets: "One route table per declared VPC (data, DR, vault) that every subnet of the package is associated with, instead of the VPC's main table. AWS puts the local route in it; nothing routes to the Internet.",
    lifecycle:
      "CreateRouteTable binds the table to its VPC for good, so a changed VPC replaces it. A second deploy makes no call. DeleteRouteTable is refused while a subnet is still associated, so the associations are deleted first (they depend on the table).",
    sources: [API("CreateRouteTable"), API("DeleteRouteTable")],
  },
  {
    type: "aws:ec2/routeTable:RouteTable",
    properties: ["routes"],
    update: "in-place",
    sets:
      "An empty list on the key-vault table only: its subnets must have no route out of the VPC. The data tables omit the property because their routes to the CENM hosts are standalone aws:ec2/route:Route resources, which the provider cannot combine with inline routes.",
    lifecycle:
      "An empty list makes the provider the owner of the table's routes: a route added outside Pulumi is deleted on the next deploy. It leaves alone the local route and the S3 gateway endpoint's prefix-list route, which belongs to the endpoint resource. A second deploy with no stray route makes no call.",
    sources: [REGISTRY("ec2/routetable"), PROVIDER("vpc_route_table.go")],
  },
  {
    type: "aws:ec2/routeTableAssociation:RouteTableAssociation",
    properties: ["routeTableId", "subnetId"],
    update: { routeTableId: "in-place", subnetId: "replaces" },
    sets: "Each subnet of a declared VPC with that VPC's private table.",
    lifecycle:
      "AssociateRouteTable; pointing the subnet at another table is an in-place ReplaceRouteTableAssociation, another subnet a new association. A second deploy makes no call. On destroy the subnet is disassociated and falls back to the VPC's main table until it is deleted itself.",
    sources: [API("AssociateRouteTable"), API("ReplaceRouteTableAssociation"), API("DisassociateRouteTable")],
  },
  {
    type: "aws:ec2/route:Route",
    properties: ["routeTableId", "destinationCidrBlock"],
    update: "replaces",
    sets:
      "A route to each network.cenmCidrs block outside the data VPC in the data VPC's table; with a peering also a route back to the data VPC's block in each of network.cenmRouteTableIds, tables the operator owns. Config validation refuses blocks with host bits, which AWS would rewrite to their network address (a lasting diff).",
    lifecycle:
      "CreateRoute needs a destination and exactly one target; the most specific route wins. Table and destination identify the route, so changing either replaces it. A second deploy makes no call. DeleteRoute on destroy removes only the package's routes, also from the operator's tables.",
    sources: [API("CreateRoute"), API("DeleteRoute")],
  },
  {
    type: "aws:ec2/route:Route",
    properties: ["transitGatewayId"],
    update: "in-place",
    sets: "The network.transitGatewayId gateway as the target of the routes to the CENM blocks (prod). The route waits for the VPC attachment (dependsOn): AWS sends VPC traffic to a transit gateway only through a route, added once the VPC is attached.",
    lifecycle: "A changed target is an in-place ReplaceRoute. A second deploy makes no call; DeleteRoute on destroy, before the attachment goes.",
    sources: [API("CreateTransitGatewayVpcAttachment"), API("ReplaceRoute")],
  },
  {
    type: "aws:ec2/route:Route",
    properties: ["vpcPeeringConnectionId"],
    update: "in-place",
    sets: "The peering with network.cenmVpcId as the target, both ways: the data VPC's route to the CENM blocks and the CENM tables' route back (staging).",
    lifecycle: "A changed target is an in-place ReplaceRoute. A second deploy makes no call; the routes are deleted before the peering on destroy.",
    sources: [API("ReplaceRoute"), API("CreateVpcPeeringConnection")],
  },
  {
    type: "aws:ec2/securityGroup:SecurityGroup",
    properties: ["vpcId", "description"],
    update: "replaces",
    sets: "One group per guarded endpoint: the database (data VPC), the read replica (DR VPC), the file system's mount targets (data VPC) and, where the file store replicates to the DR region and the stack declares the DR network, the mount targets a failover gives the replica (DR VPC, declared beforehand since EFS creates none for a replica), each described by what it admits.",
    lifecycle:
      "No API changes a group's description or VPC, so a change replaces the group; AWS refuses to delete a group still attached to a network interface or referenced by another group (DependencyViolation), so the database or mount targets move to the new group first. A second deploy makes no call. On destroy the group goes after what uses it.",
    sources: [REGISTRY("ec2/securitygroup"), API("CreateSecurityGroup"), API("DeleteSecurityGroup")],
  },
  {
    type: "aws:ec2/securityGroup:SecurityGroup",
    properties: ["ingress", "egress"],
    update: "in-place",
    sets:
      "Inline rules on the file store's groups only: NFS (TCP 2049) from network.cenmCidrs (the DR group: from network.drCenmCidrs, default the DR VPC's block), and an empty egress list (mount targets only answer; replies to admitted connections pass statefully). The database groups set neither and carry their rules as aws:vpc/securityGroupIngressRule resources.",
    lifecycle:
      "Inline lists make the provider the owner of every rule of the group: one added outside Pulumi is revoked on the next deploy. On creation the provider also removes the allow-all egress rule AWS puts on a new group, for the database groups too. Rule changes are in place. A second deploy makes no call.",
    sources: [REGISTRY("ec2/securitygroup"), API("RevokeSecurityGroupEgress")],
  },
  {
    type: "aws:ec2/securityGroup:SecurityGroup",
    properties: ["revokeRulesOnDelete"],
    update: "in-place",
    sets: "true on the database groups: every rule is revoked before the group is deleted.",
    lifecycle:
      "Read by the provider on destroy only (one revoke call before DeleteSecurityGroup); it matters when rules reference other groups, which AWS would refuse to delete through (DependencyViolation). Changing it updates the state only; a second deploy makes no call.",
    sources: [REGISTRY("ec2/securitygroup"), API("DeleteSecurityGroup")],
  },
  {
    type: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
    properties: ["vpcId", "ingress", "egress"],
    update: { vpcId: "replaces", ingress: "in-place", egress: "in-place" },
    sets: "Each declared VPC's default group, adopted with empty ingress and egress lists, so that anything placed without a group of its own gets no traffic at all.",
    lifecycle:
      "Nothing is created: the provider adopts the group AWS made with the VPC and removes every rule it has, then keeps it at exactly the declared (empty) rules, showing any rule added outside Pulumi as drift. A second deploy makes no call. Destroy only forgets it (its rules stay as left, none); AWS deletes it with the VPC.",
    sources: [REGISTRY("ec2/defaultsecuritygroup"), API("DeleteVpc")],
  },
  {
    type: "aws:ec2/vpcEndpoint:VpcEndpoint",
    properties: ["vpcId", "serviceName", "vpcEndpointType"],
    update: "replaces",
    sets:
      "An S3 Gateway endpoint (com.amazonaws.<primary region>.s3) in the key-vault VPC: the vault's only way to the escrow bucket, which sits in the same Region, without an Internet or NAT gateway. privateDnsEnabled is not set: it applies to Interface endpoints only.",
    lifecycle:
      "CreateVpcEndpoint; Gateway is also AWS's default type. Type, service and VPC cannot be modified, so a change replaces the endpoint (and the escrow bucket policy that names its id is rewritten). A second deploy makes no call. On destroy the endpoint is deleted with its routes, after the bucket policy that refers to it.",
    sources: [API("CreateVpcEndpoint"), API("ModifyVpcEndpoint")],
  },
  {
    type: "aws:ec2/vpcEndpoint:VpcEndpoint",
    properties: ["routeTableIds"],
    update: "in-place",
    sets: "The key-vault route table: AWS adds to it a route to the S3 prefix list through the endpoint.",
    lifecycle: "Tables are added or removed in place (ModifyVpcEndpoint AddRouteTableIds, RemoveRouteTableIds). A second deploy makes no call; the route goes with the endpoint.",
    sources: [API("CreateVpcEndpoint"), API("ModifyVpcEndpoint")],
  },
  {
    type: "aws:ec2/vpcEndpoint:VpcEndpoint",
    properties: ["policy"],
    update: "in-place",
    sets:
      "Allows S3 actions on the escrow bucket and its objects only. Without a policy AWS attaches full access to every bucket, which would let a host in the vault VPC copy wrapped keys to any bucket. Identity and bucket policies still apply on top.",
    lifecycle: "Replaced in place with ModifyVpcEndpoint (PolicyDocument); ResetPolicy would restore the full-access default. A second deploy with the same document makes no call.",
    sources: [API("CreateVpcEndpoint"), API("ModifyVpcEndpoint")],
  },
  {
    type: "aws:ec2/vpcPeeringConnection:VpcPeeringConnection",
    properties: ["vpcId", "peerVpcId"],
    update: "replaces",
    sets:
      "The data VPC asks network.cenmVpcId, the CENM hosts' VPC, for a peering (staging). Neither peerOwnerId nor peerRegion is set, so AWS takes the caller's account and the request's Region: the CENM VPC must be in the same account and Region (the config key says so).",
    lifecycle:
      "CreateVpcPeeringConnection; overlapping blocks leave the peering failed, and an unaccepted request expires after 7 days. Either VPC changing replaces the peering. A second deploy makes no call. Either owner may delete an active peering on destroy, after the routes through it.",
    sources: [API("CreateVpcPeeringConnection"), API("DeleteVpcPeeringConnection")],
  },
  {
    type: "aws:ec2/vpcPeeringConnection:VpcPeeringConnection",
    properties: ["autoAccept"],
    update: "in-place",
    sets: "true: the deploying identity owns both VPCs, so the provider accepts the request itself and the peering is active when the routes are added.",
    lifecycle:
      "Acceptance needs the owner of the accepter VPC, in the accepter's Region; the provider accepts only when both VPCs share account and Region, and another account or Region would need autoAccept false plus an accepter resource, which the package does not declare. A second deploy makes no call.",
    sources: [REGISTRY("ec2/vpcpeeringconnection"), API("AcceptVpcPeeringConnection")],
  },
  {
    type: "aws:ec2transitgateway/vpcAttachment:VpcAttachment",
    properties: ["transitGatewayId", "vpcId"],
    update: "replaces",
    sets:
      "Attaches the data VPC to network.transitGatewayId (prod). The association and propagation options stay at the provider's defaults: for a gateway owned by the deploying account the provider associates the attachment with the gateway's default association route table and propagates to its default propagation table; for a gateway shared from another account (RAM) it cannot, and the owner's settings decide.",
    lifecycle:
      "CreateTransitGatewayVpcAttachment; a gateway that does not accept shared attachments automatically (AWS's default) leaves the attachment waiting for its owner. Gateway or VPC changing replaces the attachment. A second deploy makes no call. On destroy the route through it goes first, then DeleteTransitGatewayVpcAttachment.",
    sources: [API("CreateTransitGatewayVpcAttachment"), "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_TransitGatewayRequestOptions.html", "https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service/ec2/transitgateway_vpc_attachment.go"],
  },
  {
    type: "aws:ec2transitgateway/vpcAttachment:VpcAttachment",
    properties: ["subnetIds"],
    update: "in-place",
    sets: "Every data subnet, one per zone, so that each zone reaches the gateway. AWS allows one subnet per zone and takes one address from each.",
    lifecycle: "Subnets are added or removed in place (ModifyTransitGatewayVpcAttachment AddSubnetIds, RemoveSubnetIds). A second deploy makes no call.",
    sources: [API("CreateTransitGatewayVpcAttachment"), API("ModifyTransitGatewayVpcAttachment")],
  },
  {
    type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    properties: ["securityGroupId"],
    update: "replaces",
    sets: "The database group (one rule per network.cenmCidrs block) or the read replica's group in the DR VPC (one rule per network.drCenmCidrs block, default the DR VPC's block).",
    lifecycle: "The rule belongs to its group: another group means a new rule (replacement). A second deploy makes no call; the rule is revoked before its group is deleted.",
    sources: [API("AuthorizeSecurityGroupIngress"), "https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service/ec2/vpc_security_group_ingress_rule.go"],
  },
  {
    type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    properties: ["ipProtocol", "fromPort", "toPort", "cidrIpv4", "description"],
    update: "in-place",
    sets: "TCP on the engine's port only (5432 for PostgreSQL), from one CENM block per rule, described by what it admits.",
    lifecycle:
      "AuthorizeSecurityGroupIngress needs exactly one source and, for TCP, a port range; a changed protocol, port, block or description is updated in place (ModifySecurityGroupRules). A second deploy makes no call.",
    sources: [API("AuthorizeSecurityGroupIngress"), API("ModifySecurityGroupRules"), "https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service/ec2/vpc_security_group_ingress_rule.go"],
  },
];
