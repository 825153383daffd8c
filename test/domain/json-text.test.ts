import { minOf, pushAll } from "../../src/domain/arrays";
import { jsonChunks } from "../../src/domain/jsonText";
import { MAX_INPUT_DEPTH, textNestingDepth } from "../../src/audit/inputs/json";

describe("jsonChunks", () => {
  const samples: unknown[] = [
    { a: 1, b: [1, 2, { c: "x\ny", d: undefined, e: [] }], f: {}, g: null, h: [undefined, () => 1], i: new Date("2026-11-28T00:00:00Z") },
    [[[[[[{ deep: [1, { deeper: "a]b{c" }] }]]]]]],
    "plain",
    42,
    null,
    { schemaVersion: "1.0", findings: Array.from({ length: 3 }, (_, i) => ({ id: `X-${i}`, evidence: [{ resource: `r${i}`, properties: { n: i, list: [i, i + 1] } }] })) },
  ];
  it.each(samples.map((s, i) => [i, s]))("sample %i gives JSON.stringify(value, null, 2) exactly", (_i, value) => {
    expect([...jsonChunks(value)].join("")).toBe(JSON.stringify(value, null, 2));
  });
  it("gives many pieces for a large document, not one", () => {
    const big = { items: Array.from({ length: 1000 }, (_, i) => ({ i })) };
    expect([...jsonChunks(big)].length).toBeGreaterThan(1000);
  });
});

describe("textNestingDepth", () => {
  const depth = (text: string) => textNestingDepth(Buffer.from(text), MAX_INPUT_DEPTH);
  it("counts objects and arrays, not brackets inside strings or escaped quotes", () => {
    expect(depth('{"a":[1,{"b":2}]}')).toBe(3);
    expect(depth('{"a":"[[[{{{"}')).toBe(1);
    expect(depth('{"a":"quote \\" then [[["}')).toBe(1);
    expect(depth('"just a string"')).toBe(0);
  });
  it("stops counting past the limit", () => {
    const text = "[".repeat(100000) + "]".repeat(100000);
    expect(textNestingDepth(Buffer.from(text), 10)).toBe(11);
  });
});

describe("pushAll and minOf", () => {
  it("take arrays far longer than a call's argument limit", () => {
    const big = Array.from({ length: 300000 }, (_, i) => 300000 - i);
    expect(pushAll([0], big)).toHaveLength(300001);
    expect(minOf(big)).toBe(1);
    expect(minOf([])).toBe(Number.POSITIVE_INFINITY);
  });
});
