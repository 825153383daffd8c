/**
 * Encryption facts: each Azure resource holding CENM data at rest, and whether a Key Vault key declared in the
 * program encrypts it. Azure encrypts all of them at rest; without a customer-managed key it uses keys Microsoft
 * holds, which the control on customer-managed encryption does not accept.
 */
import type { ResourceGraph } from "../../../domain/resources/graph";
import { rec, str } from "../../../domain/resources/values";
import type { AuditResource, DatabaseFact, EncryptionFact, VaultFact } from "../../types";
import type { AccountInfo } from "./storage";
import { T } from "./tokens";

function fact(r: { urn: string; name: string; type: string }, customerManagedKey: boolean, detail: string): EncryptionFact {
  return { urn: r.urn, name: r.name, type: r.type, customerManagedKey, detail };
}

/**
 * The storage accounts whose share snapshots a Recovery Services vault schedules, when that is all the vault
 * holds: every policy of the vault backs up Azure file shares by snapshot (no vaulted tier), so the recovery
 * points stay in the accounts and the vault keeps only their catalogue. Undefined when the vault holds anything
 * else, or nothing.
 */
function snapshotOnlyAccounts(g: ResourceGraph, vault: AuditResource, accounts: Map<string, AccountInfo>): AccountInfo[] | undefined {
  if (vault.type !== T.recoveryVault) return undefined;
  const policies = g.referrers(vault, [T.protectionPolicy], "vaultName");
  if (policies.length === 0) return undefined;
  for (const policy of policies) {
    const props = rec(policy.inputs.properties);
    if (str(props?.workLoadType) !== "AzureFileShare" || props?.vaultRetentionPolicy !== undefined) return undefined;
  }
  const found: AccountInfo[] = [];
  for (const item of g.referrers(vault, [T.protectedItem, T.protectionContainer], "vaultName")) {
    const props = rec(item.inputs.properties);
    if (item.type === T.protectedItem && str(props?.protectedItemType) !== "AzureFileShareProtectedItem") return undefined;
    for (const account of g.refs(item, "properties", [T.storageAccount], props?.sourceResourceId)) {
      const info = accounts.get(account.urn);
      if (info && !found.includes(info)) found.push(info);
    }
  }
  return found.length > 0 ? found : undefined;
}

export function readEncryption(
  g: ResourceGraph,
  databases: DatabaseFact[],
  accounts: Map<string, AccountInfo>,
  vaults: VaultFact[],
  vaultTypes: Map<string, AuditResource>,
): EncryptionFact[] {
  const out: EncryptionFact[] = [];
  for (const db of databases) {
    out.push(fact(db, db.customerManagedKey, db.customerManagedKey ? "data encrypted with a customer-managed Key Vault key of the program" : "data encrypted with service-managed keys"));
  }
  for (const info of accounts.values()) {
    if (info.encryptionUnknown) {
      out.push({ ...fact(info.account, false, info.encryptionUnknown), unknown: info.encryptionUnknown });
      continue;
    }
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
    const snapshotsIn = v.customerManagedKey ? undefined : snapshotOnlyAccounts(g, r, accounts);
    const unknownIn = snapshotsIn?.find((a) => a.encryptionUnknown);
    if (snapshotsIn && unknownIn) {
      const why = `holds no share data; the encryption of ${unknownIn.account.name}, where its snapshots stay, ${unknownIn.encryptionUnknown!.replace(/^the encryption settings are /, "is ")}`;
      out.push({ ...fact(r, false, why), unknown: why });
      continue;
    }
    if (snapshotsIn) {
      // The share snapshots stay in their storage accounts: those accounts' keys are what protect the data.
      const all = snapshotsIn.every((a) => a.customerManagedKey);
      const names = snapshotsIn.map((a) => a.account.name).join(", ");
      out.push(
        fact(
          r,
          all,
          all
            ? `holds no share data: its snapshot backups stay in ${names}, encrypted with a customer-managed key of the program`
            : `holds no share data, but its snapshot backups stay in ${names}, not all encrypted with a customer-managed key`,
        ),
      );
      continue;
    }
    out.push(fact(r, v.customerManagedKey, v.customerManagedKey ? "recovery points encrypted with a customer-managed Key Vault key of the program" : "no customer-managed key declared: recovery points use platform-managed keys"));
  }
  return out;
}
