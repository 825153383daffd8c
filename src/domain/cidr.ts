/** IPv4 CIDR arithmetic: ranges, overlap and containment, for blocks written `a.b.c.d/n`. */

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
