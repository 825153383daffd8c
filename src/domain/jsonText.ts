/**
 * JSON text in pieces: the same text as `JSON.stringify(value, null, 2)`, produced element by element so that a
 * large report is written without first holding its whole text (and the copies string building makes of it).
 */

/** Pieces whose concatenation equals `JSON.stringify(value, null, 2)`; values JSON leaves out are left out. */
export function* jsonChunks(value: unknown, depth = 0): Generator<string> {
  const shallow = depth >= 5 || value === null || typeof value !== "object" || (value as { toJSON?: unknown }).toJSON !== undefined;
  if (shallow) {
    // JSON strings never hold a raw line break, so indenting every line of the nested text is exact.
    const text = JSON.stringify(value, null, 2);
    yield depth === 0 ? text : text.replace(/\n/g, `\n${"  ".repeat(depth)}`);
    return;
  }
  const pad = "  ".repeat(depth + 1);
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield "[]";
      return;
    }
    yield "[";
    for (let i = 0; i < value.length; i++) {
      yield `${i === 0 ? "" : ","}\n${pad}`;
      const item = value[i] as unknown;
      // Like JSON.stringify: an element JSON cannot write becomes null.
      if (item === undefined || typeof item === "function" || typeof item === "symbol") yield "null";
      else yield* jsonChunks(item, depth + 1);
    }
    yield `\n${"  ".repeat(depth)}]`;
    return;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined && typeof v !== "function" && typeof v !== "symbol");
  if (entries.length === 0) {
    yield "{}";
    return;
  }
  yield "{";
  let first = true;
  for (const [k, v] of entries) {
    yield `${first ? "" : ","}\n${pad}${JSON.stringify(k)}: `;
    first = false;
    yield* jsonChunks(v, depth + 1);
  }
  yield `\n${"  ".repeat(depth)}}`;
}
