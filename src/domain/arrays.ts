/**
 * Array helpers safe for any length. Spreading an array into a call (`push(...items)`, `Math.min(...values)`)
 * passes every element as an argument, which overflows the call stack past roughly a hundred thousand elements:
 * a large audited program reaches that.
 */

/** Appends every item to `target`, one by one; returns `target`. */
export function pushAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}

/** The smallest value (Infinity for none), without spreading. */
export function minOf(values: Iterable<number>): number {
  let min = Number.POSITIVE_INFINITY;
  for (const v of values) if (v < min) min = v;
  return min;
}
