/** Which addresses are public: blocks, single addresses and ranges of both families, and what is no address at all. */
import { isPublicCidr, isPublicRange, isWholeInternet, parseCidr } from "../../src/domain/addresses";

describe("isPublicCidr", () => {
  it.each(["0.0.0.0/0", "203.0.113.0/24", "52.218.0.0/17", "8.8.8.8", "11.0.0.0/8", "10.0.0.0/7", "172.32.0.0/16", "100.128.0.0/10", "::/0", "2a05:d018::/36", "2001:db8::/32", "fc00::/6"])(
    "%s holds a public address",
    (block) => expect(isPublicCidr(block)).toBe(true),
  );

  it.each(["10.0.0.0/8", "10.20.0.0/16", "172.16.0.0/12", "172.31.255.0/24", "192.168.1.1", "100.64.0.0/10", "127.0.0.1", "169.254.169.254", "0.0.0.0/32", "fd00:ec2::/32", "fe80::1", "::1"])(
    "%s is private or special-purpose, never the Internet",
    (block) => expect(isPublicCidr(block)).toBe(false),
  );

  it.each(["Internet", "AzureCloud", "pl-0123456789abcdef0", "[unknown]", "10.0.0.0/33", "300.1.1.1", "1.2.3.4/8/1", "::/129", "1:2:3"])("%s is no block", (text) =>
    expect(isPublicCidr(text)).toBeUndefined(),
  );

  it("ignores host bits, as a route or rule does", () => {
    expect(parseCidr("10.1.2.3/8")).toEqual({ first: 10n * 2n ** 24n, last: 11n * 2n ** 24n - 1n, bits: 32 });
    expect(isPublicCidr("10.255.255.255/7")).toBe(true);
  });
});

describe("isPublicRange (database firewall rules)", () => {
  it("counts any public address between start and end", () => {
    expect(isPublicRange("203.0.113.0", "203.0.113.255")).toBe(true);
    expect(isPublicRange("0.0.0.0", "255.255.255.255")).toBe(true);
    expect(isPublicRange("9.255.255.255", "10.0.0.1")).toBe(true);
    expect(isPublicRange("81.2.69.142", "81.2.69.142")).toBe(true);
  });

  it("leaves out Azure's 0.0.0.0 services switch and private ranges", () => {
    expect(isPublicRange("0.0.0.0", "0.0.0.0")).toBe(false);
    expect(isPublicRange("10.0.0.0", "10.255.255.255")).toBe(false);
    expect(isPublicRange("192.168.0.1", "192.168.0.200")).toBe(false);
  });

  it("is undefined for what is no range", () => {
    expect(isPublicRange("10.0.0.9", "10.0.0.1")).toBeUndefined();
    expect(isPublicRange("10.0.0.1", "::1")).toBeUndefined();
    expect(isPublicRange("[unknown]", "1.1.1.1")).toBeUndefined();
  });
});

describe("isWholeInternet", () => {
  it("is 0.0.0.0/0 and ::/0 only", () => {
    expect(isWholeInternet("0.0.0.0/0")).toBe(true);
    expect(isWholeInternet("::/0")).toBe(true);
    expect(isWholeInternet("0.0.0.0/1")).toBe(false);
    expect(isWholeInternet("Internet")).toBe(false);
  });
});
