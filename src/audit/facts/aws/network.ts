/** Network paths to the Internet: which VPCs have an Internet gateway or a NAT gateway attached. */
import type { AuditResource } from "../../types";
import type { ResourceGraph } from "../../../domain/resources/graph";
import { T } from "../../../domain/resources/awsTokens";

/** VPC URN -> the Internet and NAT gateways that give it a path to or from the Internet. */
export type GatewaysByVpc = Map<string, AuditResource[]>;

export function gatewaysByVpc(g: ResourceGraph): GatewaysByVpc {
  const out: GatewaysByVpc = new Map();
  const add = (vpc: AuditResource | undefined, gw: AuditResource) => {
    if (!vpc) return;
    const list = out.get(vpc.urn) ?? [];
    if (!list.includes(gw)) list.push(gw);
    out.set(vpc.urn, list);
  };
  for (const igw of g.ofType(T.internetGateway)) add(g.ref(igw, "vpcId", [T.vpc], igw.inputs.vpcId), igw);
  for (const att of g.ofType(T.internetGatewayAttachment)) {
    const igw = g.ref(att, "internetGatewayId", [T.internetGateway], att.inputs.internetGatewayId) ?? att;
    add(g.ref(att, "vpcId", [T.vpc], att.inputs.vpcId), igw);
  }
  for (const nat of g.ofType(T.natGateway)) {
    const subnet = g.ref(nat, "subnetId", [T.subnet], nat.inputs.subnetId);
    add(subnet ? subnetVpc(g, subnet) : undefined, nat);
  }
  return out;
}

export function subnetVpc(g: ResourceGraph, subnet: AuditResource): AuditResource | undefined {
  return g.ref(subnet, "vpcId", [T.vpc], subnet.inputs.vpcId);
}
