/**
 * Exposure facts: AWS resources a declaration leaves reachable from the Internet, each with the reason. A database
 * with a public address, a bucket no public access block covers, and a security group ingress admitting any public
 * address: 0.0.0.0/0 and ::/0, and every other block holding an address outside the private ranges
 * (src/domain/addresses), since a /24 of the Internet is as much the Internet as all of it. Sources named by a
 * prefix list or another security group are identities the program does not spell out, and are not judged here.
 * Paths from a network to the Internet (routes, gateways) are the network reader's (./network.ts, CENM-GN-08).
 */
import type { ExposureFact } from "../../types";
import type { AuditResource } from "../../types";
import type { ResourceGraph } from "../../../domain/resources/graph";
import { isPublicCidr } from "../../../domain/addresses";
import { arr, isTrue, rec, str, strings } from "../../../domain/resources/values";
import type { BucketInfo } from "./buckets";
import { T } from "../../../domain/resources/awsTokens";

function exposure(r: AuditResource, reason: string): ExposureFact {
  return { urn: r.urn, name: r.name, type: r.type, reason };
}

/** The public blocks an ingress declaration admits (IPv4 and IPv6), in declaration order. */
function openCidrs(rule: Record<string, unknown>): string[] {
  const blocks = [...strings(rule.cidrBlocks), ...strings(rule.cidrIpv4), ...strings(rule.ipv6CidrBlocks), ...strings(rule.cidrIpv6)];
  return blocks.filter((b) => isPublicCidr(b) === true);
}

function ports(rule: Record<string, unknown>): string {
  const from = rule.fromPort;
  const to = rule.toPort;
  const proto = str(rule.protocol) ?? str(rule.ipProtocol) ?? "any protocol";
  if (from === undefined && to === undefined) return proto;
  return from === to ? `${proto} port ${String(from)}` : `${proto} ports ${String(from)}-${String(to)}`;
}

export function readExposures(g: ResourceGraph, buckets: Map<string, BucketInfo>): ExposureFact[] {
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
      const cidrs = rule ? openCidrs(rule) : [];
      if (rule && cidrs.length > 0) out.push(exposure(sg, `an ingress rule admits ${cidrs.join(", ")} on ${ports(rule)}`));
    }
  }
  for (const rule of g.ofType(T.securityGroupRule)) {
    const cidrs = openCidrs(rule.inputs);
    if (cidrs.length > 0 && str(rule.inputs.type) === "ingress") out.push(exposure(rule, `the ingress rule admits ${cidrs.join(", ")} on ${ports(rule.inputs)}`));
  }
  for (const rule of g.ofType(T.ingressRule)) {
    const cidrs = openCidrs(rule.inputs);
    if (cidrs.length > 0) out.push(exposure(rule, `the ingress rule admits ${cidrs.join(", ")} on ${ports(rule.inputs)}`));
  }

  return out;
}
