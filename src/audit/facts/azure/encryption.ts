/**
 * Encryption facts: each Azure resource holding CENM data at rest, and whether a Key Vault key declared in the
 * program encrypts it. Azure encrypts all of them at rest; without a customer-managed key it uses keys Microsoft
 * holds, which the control on customer-managed encryption does not accept.
 */
import type { AuditResource, DatabaseFact, EncryptionFact, VaultFact } from "../../types";
import type { AccountInfo } from "./storage";

function fact(r: { urn: string; name: string; type: string }, customerManagedKey: boolean, detail: string): EncryptionFact {
  return { urn: r.urn, name: r.name, type: r.type, customerManagedKey, detail };
}

export function readEncryption(databases: DatabaseFact[], accounts: Map<string, AccountInfo>, vaults: VaultFact[], vaultTypes: Map<string, AuditResource>): EncryptionFact[] {
  const out: EncryptionFact[] = [];
  for (const db of databases) {
    out.push(fact(db, db.customerManagedKey, db.customerManagedKey ? "data encrypted with a customer-managed Key Vault key of the program" : "data encrypted with service-managed keys"));
  }
  for (const info of accounts.values()) {
    out.push(
      fact(
        info.account,
        info.customerManagedKey,
        info.customerManagedKey ? "storage encrypted with a customer-managed Key Vault key of the program" : `encryption keySource ${info.keySource}: Microsoft-managed keys`,
      ),
    );
  }
  for (const v of vaults) {
    const r = vaultTypes.get(v.urn);
    if (!r) continue;
    out.push(fact(r, v.customerManagedKey, v.customerManagedKey ? "recovery points encrypted with a customer-managed Key Vault key of the program" : "no customer-managed key declared: recovery points use platform-managed keys"));
  }
  return out;
}
