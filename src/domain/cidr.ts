/** IPv4 CIDR arithmetic: parsing, ranges, overlap and containment, for blocks written `a.b.c.d/n`. */

export interface ParsedCidr {
  /** The network address, as a number. */
  base: number;
  prefix: number;
}

/**
 * Parses a network block strictly: four octets of 0-255, a prefix of 0-32, no host bits. Throws an Error that
 * starts with `argName` and names the value and what is expected.
 */
export function parseIpv4Cidr(cidr: unknown, argName: string): ParsedCidr {
  const match = typeof cidr === "string" ? /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr) : null;
  if (!match) throw new Error(`${argName}: expected an IPv4 CIDR block such as 10.20.0.0/16, got ${JSON.stringify(cidr)}`);
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  if (octets.some((o) => o > 255) || prefix > 32) {
    throw new Error(`${argName}: ${JSON.stringify(cidr)} is not a valid IPv4 CIDR block (octets 0-255, prefix 0-32)`);
  }
  const base = octets[0] * 2 ** 24 + octets[1] * 2 ** 16 + octets[2] * 2 ** 8 + octets[3];
  const size = 2 ** (32 - prefix);
  if (base % size !== 0) {
    throw new Error(`${argName}: ${JSON.stringify(cidr)} has host bits set; the network address of a /${prefix} must be a multiple of ${size} addresses`);
  }
  return { base, prefix };
}

/** `a.b.c.d` of an address given as a number. */
export function formatIpv4(address: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(address / 2 ** shift) % 256).join(".");
}

/** First and last address of a block, as numbers (host bits ignored). */
export function cidrRange(cidr: string): [number, number] {
  const [ip, bits] = cidr.split("/");
  const base = ip.split(".").reduce((acc, o) => acc * 256 + Number(o), 0);
  const size = 2 ** (32 - Number(bits));
  const start = base - (base % size);
  return [start, start + size - 1];
}

/** The two blocks share at least one address. */
export function cidrsOverlap(a: string, b: string): boolean {
  const [a0, a1] = cidrRange(a);
  const [b0, b1] = cidrRange(b);
  return a0 <= b1 && b0 <= a1;
}

/** Every address of `inner` lies in `outer`. */
export function cidrContains(outer: string, inner: string): boolean {
  const [o0, o1] = cidrRange(outer);
  const [i0, i1] = cidrRange(inner);
  return o0 <= i0 && i1 <= o1;
}

/**
 * The prefixes AWS accepts for a VPC's IPv4 block and for a subnet alike: /16 (65,536 addresses) to /28 (16).
 * https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html
 */
export const AWS_VPC_PREFIX = { min: 16, max: 28 } as const;

/** The data subnets of an Azure virtual network of the package, in the order they are carved. */
export type DataSubnetRole = "postgres" | "endpoints" | "vault";
export const DATA_SUBNET_ROLES: readonly DataSubnetRole[] = ["postgres", "endpoints", "vault"];
export type DataSubnetCidrs = Record<DataSubnetRole, string>;

/**
 * The smallest data subnet carved: a /28. Azure keeps 5 addresses of every subnet for itself, so a /28 leaves 11,
 * enough for a zone-redundant server pair and its replica, or a handful of private endpoints; a /29 would leave 3.
 */
export const MIN_SUBNET_PREFIX = 28;
/** The smallest virtual network that holds the three data subnets: four /28 slices make a /26. */
export const MIN_VNET_PREFIX = MIN_SUBNET_PREFIX - 2;
/** Data subnets are /24s when the network has room. */
export const PREFERRED_DATA_SUBNET_PREFIX = 24;

/**
 * Carves the three data subnets out of a virtual network's address space, in the order postgres, endpoints,
 * vault, starting at the network's first address.
 *
 * Each subnet is a /24 when the network is a /22 or larger. A smaller network is cut in quarters instead (the
 * fourth quarter stays free), so a /23 gives three /25s and a /26 three /28s. Networks smaller than a /26 are
 * refused: their subnets would fall under the /28 minimum.
 *
 * `carveDataSubnets("10.60.0.0/16")` is `{ postgres: "10.60.0.0/24", endpoints: "10.60.1.0/24", vault: "10.60.2.0/24" }`.
 */
export function carveDataSubnets(vnetCidr: string, argName = "vnetCidr"): DataSubnetCidrs {
  const { base, prefix } = parseIpv4Cidr(vnetCidr, argName);
  if (prefix > MIN_VNET_PREFIX) {
    throw new Error(
      `${argName}: ${vnetCidr} is too small for the postgres, endpoints and vault subnets: each would be smaller than ` +
        `the /${MIN_SUBNET_PREFIX} minimum; give a virtual network of /${MIN_VNET_PREFIX} or larger (a /22 or larger gets /24 subnets)`,
    );
  }
  const subnetPrefix = Math.max(PREFERRED_DATA_SUBNET_PREFIX, prefix + 2);
  const size = 2 ** (32 - subnetPrefix);
  const [postgres, endpoints, vault] = DATA_SUBNET_ROLES.map((_, i) => `${formatIpv4(base + i * size)}/${subnetPrefix}`);
  return { postgres, endpoints, vault };
}
