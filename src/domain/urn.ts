/**
 * The parts of a Pulumi URN, read as Pulumi reads them: `urn:pulumi:<stack>::<project>::<qualified type>::<name>`,
 * where the qualified type is the parent types and the resource's own type joined by `$`. The name is everything
 * after the third `::` (pulumi/pulumi sdk/go/common/resource/urn.go, URN.Name: the rest of the URN split into at most
 * four parts), so a logical name that itself contains `::` is kept whole. The bottom layer: no Pulumi, no zod.
 */

const PREFIX = "urn:pulumi:";
const DELIMITER = "::";

export interface UrnParts {
  stack: string;
  project: string;
  /** Parent types and the resource's type, joined by `$` (`cenm-backup:aws:ReplicatedDatabase$aws:rds/instance:Instance`). */
  qualifiedType: string;
  /** The resource's own type token (the last part of the qualified type). */
  type: string;
  /** The logical name: everything after the third `::`. */
  name: string;
}

/** The parts of a URN, or undefined when the text is not one. */
export function parseUrn(urn: string): UrnParts | undefined {
  if (!urn.startsWith(PREFIX)) return undefined;
  const rest = urn.slice(PREFIX.length);
  const parts: string[] = [];
  let from = 0;
  // At most three cuts: the fourth part (the name) keeps any `::` it holds.
  for (let i = 0; i < 3; i++) {
    const at = rest.indexOf(DELIMITER, from);
    if (at < 0) return undefined;
    parts.push(rest.slice(from, at));
    from = at + DELIMITER.length;
  }
  const [stack, project, qualifiedType] = parts;
  return { stack, project, qualifiedType, type: qualifiedType.slice(qualifiedType.lastIndexOf("$") + 1), name: rest.slice(from) };
}

/** The logical name of a URN; anything that is not a URN is returned as it is. */
export function urnName(urn: string): string {
  return parseUrn(urn)?.name ?? urn;
}

/** The resource's own type token named in a URN, or undefined when the text is not a URN. */
export function urnType(urn: string): string | undefined {
  return parseUrn(urn)?.type;
}

/** The stack named in a URN, or undefined when the text is not a URN. */
export function urnStack(urn: string): string | undefined {
  return parseUrn(urn)?.stack;
}

/** The URN of the same resource under another logical name (the stack, project and qualified type kept). */
export function withUrnName(urn: string, name: string): string {
  const p = parseUrn(urn);
  if (!p) throw new Error(`not a Pulumi URN: ${urn}`);
  return `${PREFIX}${p.stack}${DELIMITER}${p.project}${DELIMITER}${p.qualifiedType}${DELIMITER}${name}`;
}
