/** Customer-managed keys on Azure: whether an input of a resource names a Key Vault key declared in the program. */
import type { AuditResource } from "../../types";
import type { ResourceGraph } from "../../../domain/resources/graph";
import { T } from "./tokens";

/**
 * The program's Key Vault key the input `property` of `r` refers to (directly, or through the vault holding it
 * when the input names the vault and the key by name). Undefined when the input names no key of the program
 * (Microsoft-managed keys, or nothing).
 */
export function programKey(g: ResourceGraph, r: AuditResource, property: string, value?: unknown): AuditResource | undefined {
  const found = g.refs(r, property, [T.keyVaultKey, T.keyVault], value);
  const key = found.find((k) => k.type === T.keyVaultKey);
  if (key) return key;
  const vault = found.find((k) => k.type === T.keyVault);
  return vault ? g.referrers(vault, [T.keyVaultKey], "vaultName")[0] : undefined;
}
