/**
 * File system facts from storage accounts holding Azure file shares. Zone-redundant SKUs (ZRS, GZRS, RA-GZRS)
 * store every write synchronously in three zones, so the share survives a zone; LRS and GRS keep the primary copy
 * in one zone. Geo-redundant SKUs (GRS, GZRS and their read-access forms) copy to the paired region. The account is
 * in a backup plan when a protected item of a Recovery Services vault names one of its shares (registering the
 * account as a protection container backs nothing up), and each share is a part that must be backed up on its own.
 * Share soft delete comes from the account's file service properties.
 */
import type { FileSystemFact } from "../../types";
import type { AccountInfo } from "./storage";

/** The zones Azure spreads a zone-redundant account over (it does not let the program choose). */
const ZRS_ZONES = ["1", "2", "3"];

export function readFileSystems(accounts: Map<string, AccountInfo>, protectedUrns: ReadonlySet<string>): FileSystemFact[] {
  const out: FileSystemFact[] = [];
  for (const info of accounts.values()) {
    if (info.shares.length === 0) continue;
    out.push({
      urn: info.account.urn,
      name: info.account.name,
      region: info.region,
      oneZone: !info.zoneRedundant,
      mountTargetZones: info.zoneRedundant ? [...ZRS_ZONES] : [],
      // Azure Storage encrypts every account at rest; the key is Microsoft's unless the account names a Key Vault key.
      encrypted: true,
      customerManagedKey: info.customerManagedKey,
      replicationRegions: info.pairedRegion ? [info.pairedRegion] : [],
      inBackupPlan: info.shares.some((s) => protectedUrns.has(s.urn)),
      parts: info.shares.map((s) => ({ urn: s.urn, name: s.name })),
      deletedSharesKeptDays: info.shareSoftDeleteDays,
      protect: info.account.protect,
      retainOnDelete: info.account.retainOnDelete,
    });
  }
  return out;
}
