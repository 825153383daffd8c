/**
 * Property values as Pulumi stores them in state files and preview documents, turned into what the audit reads:
 * secrets become "[secret]" (their ciphertext or plaintext is never kept), values unknown until the update
 * becomes "[unknown]", output values (a state written with the `outputDependencies` feature) become the value they
 * carry, and everything else is copied as is.
 */
import { urnName, urnStack } from "../../domain/urn";
import type { AuditResource } from "../types";

export const SECRET = "[secret]";
export const UNKNOWN = "[unknown]";

/** The key Pulumi uses to tag special values (secrets, assets, archives, resource references). */
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
/** The string Pulumi writes for a value that is computed during the update. */
export const UNKNOWN_SENTINEL = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
/**
 * An output value: `{ <sig>: OUTPUT_SIG, value?, secret?, dependencies? }`, `value` absent while unknown. Pulumi writes
 * it into a state only with the deployment feature `outputDependencies` (a version 4 export); the Node SDK names the
 * same signature specialOutputValueSig (@pulumi/pulumi runtime/rpc.js).
 */
const OUTPUT_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";

/** Replaces secrets and unknowns by markers, recursively. */
export function cleanValue(value: unknown): unknown {
  if (typeof value === "string") return value === UNKNOWN_SENTINEL ? UNKNOWN : value;
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(cleanValue);
  const obj = value as Record<string, unknown>;
  const sig = obj[SIG_KEY];
  if (sig === SECRET_SIG) return SECRET;
  if (sig === OUTPUT_SIG) {
    // Its value, as a plain value would be read: a secret stays a secret, a value not yet known is unknown.
    if (obj.secret === true) return SECRET;
    return "value" in obj ? cleanValue(obj.value) : UNKNOWN;
  }
  if (sig !== undefined) {
    // Resource references keep their URN; assets and archives keep their kind, never their payload.
    return typeof obj.urn === "string" ? { ref: obj.urn } : { [SIG_KEY]: sig };
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(obj)) out[key] = cleanValue(obj[key]);
  return out;
}

export function cleanProperties(value: Record<string, unknown> | undefined): Record<string, unknown> {
  return value ? (cleanValue(value) as Record<string, unknown>) : {};
}

/** The logical name of a URN: everything after its third `::` (src/domain/urn.ts). */
export const nameOfUrn = urnName;

/** The stack named in a URN (`urn:pulumi:<stack>::<project>::...`), when the URN has that shape. */
export const stackOfUrn = urnStack;

/** The resource shape shared by `pulumi stack export` (deployment v3) and the states of `pulumi preview --json`. */
export interface PulumiResourceState {
  urn: string;
  type: string;
  custom: boolean;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  parent?: string;
  protect?: boolean;
  retainOnDelete?: boolean;
  propertyDependencies?: Record<string, string[]>;
  aliases?: string[];
}

export const STACK_TYPE = "pulumi:pulumi:Stack";

/**
 * Whether a state entry is infrastructure the audit looks at. The root stack (its outputs are read separately)
 * and provider instances are bookkeeping: offline plans do not list them either.
 */
export function isAuditedType(type: string): boolean {
  return type !== STACK_TYPE && !type.startsWith("pulumi:providers:");
}

export function toAuditResource(r: PulumiResourceState): AuditResource {
  const propertyDependencies: Record<string, string[]> = {};
  for (const [key, urns] of Object.entries(r.propertyDependencies ?? {})) {
    if (urns.length > 0) propertyDependencies[key] = [...urns];
  }
  return {
    urn: r.urn,
    type: r.type,
    name: nameOfUrn(r.urn),
    ...(r.parent ? { parentUrn: r.parent } : {}),
    custom: r.custom,
    inputs: cleanProperties(r.inputs),
    outputs: cleanProperties(r.outputs),
    propertyDependencies,
    protect: r.protect === true,
    retainOnDelete: r.retainOnDelete === true,
    ...(r.aliases && r.aliases.length > 0 ? { aliases: [...r.aliases] } : {}),
  };
}
