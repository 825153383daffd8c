/** Exposure facts: AWS resources a declaration leaves reachable from the Internet, each with the reason. */
import type { ExposureFact } from "../../types";
import type { AuditResource } from "../../types";
import type { ResourceGraph } from "../../../domain/resources/graph";
import { arr, isTrue, rec, str, strings } from "../../../domain/resources/values";
import type { BucketInfo } from "./buckets";
import { isKeyEscrow } from "./keys";
import { type GatewaysByVpc, subnetVpc } from "./network";
import { T } from "../../../domain/resources/awsTokens";

const OPEN_V4 = "0.0.0.0/0";
const OPEN_V6 = "::/0";

function exposure(r: AuditResource, reason: string): ExposureFact {
  return { urn: r.urn, name: r.name, type: r.type, reason };
}

/** The open CIDR an ingress declaration admits, if any. */
function openCidr(rule: Record<string, unknown>): string | undefined {
  const v4 = [...strings(rule.cidrBlocks), ...strings(rule.cidrIpv4)];
  const v6 = [...strings(rule.ipv6CidrBlocks), ...strings(rule.cidrIpv6)];
  if (v4.includes(OPEN_V4)) return OPEN_V4;
  if (v6.includes(OPEN_V6)) return OPEN_V6;
  return undefined;
}

function ports(rule: Record<string, unknown>): string {
  const from = rule.fromPort;
  const to = rule.toPort;
  const proto = str(rule.protocol) ?? str(rule.ipProtocol) ?? "any protocol";
  if (from === undefined && to === undefined) return proto;
  return from === to ? `${proto} port ${String(from)}` : `${proto} ports ${String(from)}-${String(to)}`;
}

export function readExposures(g: ResourceGraph, buckets: Map<string, BucketInfo>, gateways: GatewaysByVpc): ExposureFact[] {
  const out: ExposureFact[] = [];
  for (const db of g.ofType(T.rdsCluster, T.rdsInstance, T.rdsClusterInstance)) {
    if (isTrue(db.inputs.publiclyAccessible)) out.push(exposure(db, "publiclyAccessible is true: the database gets a public address"));
  }
  for (const info of buckets.values()) {
    if (!info.publicAccessBlocked) {
      out.push(exposure(info.bucket, "no public access block with all four flags set covers the bucket: a policy or ACL can make it public"));
    }
  }
  for (const sg of g.ofType(T.securityGroup, T.defaultSecurityGroup)) {
    for (const raw of arr(sg.inputs.ingress)) {
      const rule = rec(raw);
      const cidr = rule ? openCidr(rule) : undefined;
      if (rule && cidr) out.push(exposure(sg, `an ingress rule admits ${cidr} on ${ports(rule)}`));
    }
  }
  for (const rule of g.ofType(T.securityGroupRule)) {
    const cidr = openCidr(rule.inputs);
    if (cidr && str(rule.inputs.type) === "ingress") out.push(exposure(rule, `the ingress rule admits ${cidr} on ${ports(rule.inputs)}`));
  }
  for (const rule of g.ofType(T.ingressRule)) {
    const cidr = openCidr(rule.inputs);
    if (cidr) out.push(exposure(rule, `the ingress rule admits ${cidr} on ${ports(rule.inputs)}`));
  }

  // Gateways that open the network of a key vault: the VPC of an endpoint an escrow policy admits, or of an HSM cluster.
  const seen = new Set<string>();
  const gateway = (gw: AuditResource, what: string) => {
    if (seen.has(gw.urn)) return;
    seen.add(gw.urn);
    const kind = gw.type === T.natGateway ? "NAT gateway" : "Internet gateway";
    out.push(exposure(gw, `${kind} in the VPC of ${what}: the key vault network has a path to the Internet`));
  };
  for (const info of buckets.values()) {
    if (isKeyEscrow(info)) for (const gw of info.gateways) gateway(gw, `the endpoint key escrow ${info.bucket.name} is confined to`);
  }
  for (const cluster of g.ofType(T.hsmCluster)) {
    for (const subnet of g.refs(cluster, "subnetIds", [T.subnet], cluster.inputs.subnetIds)) {
      const vpc = subnetVpc(g, subnet);
      for (const gw of vpc ? (gateways.get(vpc.urn) ?? []) : []) gateway(gw, `CloudHSM cluster ${cluster.name}`);
    }
  }
  return out;
}
