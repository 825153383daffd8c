/**
 * Which addresses belong to the Internet. A rule, a route or a firewall entry is judged by the addresses it names:
 * it admits (or leads to) the Internet when it names at least one address outside the blocks that are never
 * routed on the Internet. Those blocks are the IANA special-purpose ones a network can use privately:
 *
 * - IPv4: 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 (RFC 1918, private use); 100.64.0.0/10 (RFC 6598, shared
 *   address space, which AWS and Azure networks may use as private space); 127.0.0.0/8 (loopback) and 0.0.0.0/8
 *   ("this network", RFC 1122); 169.254.0.0/16 (link-local, RFC 3927).
 * - IPv6: fc00::/7 (unique local, RFC 4193), fe80::/10 (link-local), ::1/128 (loopback).
 *
 * https://www.iana.org/assignments/iana-ipv4-special-registry/iana-ipv4-special-registry.xhtml
 * https://www.iana.org/assignments/iana-ipv6-special-registry/iana-ipv6-special-registry.xhtml
 *
 * Everything else counts as public, documentation ranges (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24)
 * included: the audit judges what a declaration admits, and a range written into a firewall rule stands for the
 * addresses it would admit once used. Pure: no Pulumi, no I/O.
 */

/** One never-routed block: first and last address, and where it is reserved. */
interface Block {
  cidr: string;
  first: bigint;
  last: bigint;
  source: string;
}

const V4_BITS = 32;
const V6_BITS = 128;

function block(cidr: string, source: string): Block {
  const parsed = parseCidr(cidr);
  if (!parsed) throw new Error(`bad block ${cidr}`);
  return { cidr, first: parsed.first, last: parsed.last, source };
}

/** IPv4 blocks never routed on the Internet that a network may hold privately. */
export const PRIVATE_IPV4_BLOCKS: readonly Block[] = [
  block("0.0.0.0/8", "RFC 1122 (this network)"),
  block("10.0.0.0/8", "RFC 1918"),
  block("100.64.0.0/10", "RFC 6598 (shared address space)"),
  block("127.0.0.0/8", "RFC 1122 (loopback)"),
  block("169.254.0.0/16", "RFC 3927 (link-local)"),
  block("172.16.0.0/12", "RFC 1918"),
  block("192.168.0.0/16", "RFC 1918"),
];

/** IPv6 blocks never routed on the Internet. */
export const PRIVATE_IPV6_BLOCKS: readonly Block[] = [block("::1/128", "RFC 4291 (loopback)"), block("fc00::/7", "RFC 4193 (unique local)"), block("fe80::/10", "RFC 4291 (link-local)")];

/** An address as a number, with its family; undefined when the text is not an IPv4 or IPv6 address. */
function parseAddress(text: string): { value: bigint; bits: number } | undefined {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (v4) {
    const octets = v4.slice(1, 5).map(Number);
    if (octets.some((o) => o > 255)) return undefined;
    return { value: octets.reduce((acc, o) => acc * 256n + BigInt(o), 0n), bits: V4_BITS };
  }
  if (!text.includes(":") || !/^[0-9a-fA-F:]+$/.test(text)) return undefined;
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const groups = (s: string) => (s === "" ? [] : s.split(":"));
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 1 && missing !== 0) || missing < 0) return undefined;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...tail];
  if (all.length !== 8 || all.some((g) => g.length === 0 || g.length > 4)) return undefined;
  return { value: all.reduce((acc, g) => acc * 65536n + BigInt(parseInt(g, 16)), 0n), bits: V6_BITS };
}

/**
 * First and last address of `a.b.c.d/n`, of an IPv6 `x::/n`, or of a single address (IPv4 or IPv6), with its
 * family's width; host bits are ignored. Undefined when the text is none of these.
 */
export function parseCidr(text: string): { first: bigint; last: bigint; bits: number } | undefined {
  const [address, prefixText, extra] = text.trim().split("/");
  if (extra !== undefined) return undefined;
  const parsed = parseAddress(address);
  if (!parsed) return undefined;
  const prefix = prefixText === undefined ? parsed.bits : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > parsed.bits) return undefined;
  const size = 1n << BigInt(parsed.bits - prefix);
  const first = parsed.value - (parsed.value % size);
  return { first, last: first + size - 1n, bits: parsed.bits };
}

function privateBlocks(bits: number): readonly Block[] {
  return bits === V4_BITS ? PRIVATE_IPV4_BLOCKS : PRIVATE_IPV6_BLOCKS;
}

/** The range lies wholly inside one never-routed block (the blocks do not touch, so one block must hold it). */
function insidePrivateBlock(first: bigint, last: bigint, bits: number): boolean {
  return privateBlocks(bits).some((b) => b.first <= first && last <= b.last);
}

/**
 * The block or address (`203.0.113.0/24`, `10.0.0.0/8`, `::/0`, `52.95.1.7`) holds at least one public address:
 * true for `0.0.0.0/0` and `::/0`, false for a range inside the private blocks, undefined for text that is no
 * address or block (a service tag, a prefix-list id, an unknown value).
 */
export function isPublicCidr(text: string): boolean | undefined {
  const parsed = parseCidr(text);
  if (!parsed) return undefined;
  return !insidePrivateBlock(parsed.first, parsed.last, parsed.bits);
}

/**
 * The address range `start`-`end` (a database firewall rule's) holds at least one public address. Undefined when
 * either end is no address, the two are of different families, or the range runs backwards.
 */
export function isPublicRange(start: string, end: string): boolean | undefined {
  const a = parseAddress(start.trim());
  const b = parseAddress(end.trim());
  if (!a || !b || a.bits !== b.bits || b.value < a.value) return undefined;
  return !insidePrivateBlock(a.value, b.value, a.bits);
}

/** Every address of the family: `0.0.0.0/0` or `::/0` (and their host-bit variants such as `0.0.0.0/0`). */
export function isWholeInternet(text: string): boolean {
  const parsed = parseCidr(text);
  return parsed !== undefined && parsed.first === 0n && parsed.last === (1n << BigInt(parsed.bits)) - 1n;
}
