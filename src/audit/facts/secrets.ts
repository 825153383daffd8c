/**
 * Plain-text secrets: inputs whose name says they hold a password, a private key or a secret value, declared with a
 * readable value. Pulumi secrets reach the audit as "[secret]", and values unknown until deployment as "[unknown]";
 * neither is a plain secret.
 */
import type { AuditResource, PlainSecretFact } from "../types";
import { isMarker } from "../../domain/resources/values";

/**
 * Input names that hold secret material (case-insensitive): any name ending in password or passphrase (with the
 * write-only `Wo` suffix too), and the usual names of secret values and private keys.
 */
const SECRET_NAME = /(password|passphrase)(wo)?$|^(secret|secretstring|secretbinary|privatekey|privatekeypem|secretkey|secretaccesskey|clientsecret|apikey|authtoken|sharedsecret|presharedkey)(wo)?$/i;

/** Depth at which the walk stops (inputs nest a few levels; a cycle cannot occur in JSON but a cap costs nothing). */
const MAX_DEPTH = 12;

function walk(value: unknown, path: string, depth: number, found: string[]): void {
  if (depth > MAX_DEPTH || value === null || typeof value !== "object") return;
  if (Array.isArray(value)) {
    value.forEach((v, i) => walk(v, `${path}[${i}]`, depth + 1, found));
    return;
  }
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    const here = path ? `${path}.${key}` : key;
    if (SECRET_NAME.test(key.replace(/[_-]/g, "")) && typeof v === "string" && v !== "" && !isMarker(v)) found.push(here);
    else walk(v, here, depth + 1, found);
  }
}

/** The plain-text secrets a resource declares, one fact per input path. */
export function plainSecrets(r: AuditResource): PlainSecretFact[] {
  const found: string[] = [];
  walk(r.inputs, "", 0, found);
  return found.map((property) => ({ urn: r.urn, name: r.name, type: r.type, property }));
}
