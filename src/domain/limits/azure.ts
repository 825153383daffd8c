/**
 * Azure platform limits: what Azure (or the azure-native provider) refuses, or does otherwise than a declaration
 * suggests, for the resources this package declares. One entry per rule, with the page or source it comes from.
 */
import type { ResourceView } from "../resources/view";
import { isMarker, num, rec, str } from "../resources/values";
import { violation, type LimitViolation, type PlatformLimit } from "./types";

export const AZURE_DOCS = {
  immutabilityPolicyState: "https://learn.microsoft.com/azure/storage/blobs/immutable-policy-configure-version-scope",
  backupImmutableVault: "https://learn.microsoft.com/azure/backup/backup-azure-immutable-vault-concept",
  fileShareProtectedItem: "https://github.com/pulumi/pulumi-azure-native/blob/master/provider/pkg/resources/customresources/custom_recoveryservices.go",
  postgresStorage: "https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-storage",
  postgresHighAvailability: "https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-high-availability",
  postgresEntraAdmin: "https://learn.microsoft.com/azure/postgresql/flexible-server/how-to-configure-sign-in-azure-ad-authentication",
} as const;

/** The storage sizes, in GiB, a PostgreSQL flexible server accepts (fixed sizes up to 32,767 GiB). */
export const AZURE_POSTGRES_STORAGE_GB = [32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32767] as const;

/** Tiers offering high availability (zone-redundant or same-zone): not Burstable. */
export const AZURE_POSTGRES_HA_TIERS = ["GeneralPurpose", "MemoryOptimized"] as const;

const T = {
  storageAccount: "azure-native:storage:StorageAccount",
  backupVault: "azure-native:dataprotection:BackupVault",
  recoveryVault: "azure-native:recoveryservices:Vault",
  protectedItem: "azure-native:recoveryservices:ProtectedItem",
  postgres: "azure-native:dbforpostgresql:Server",
  postgresAdmins: ["azure-native:dbforpostgresql:AdministratorsMicrosoftEntra", "azure-native:dbforpostgresql:Administrator"],
};

/** Operations of a preview step that create the resource. */
const CREATIONS = new Set(["create", "create-replacement", "replace"]);

/** The immutability state each resource type declares, and where. */
function immutabilityState(r: ResourceView): { state: unknown; property: string } | undefined {
  if (r.type === T.storageAccount) {
    return { state: rec(rec(r.inputs.immutableStorageWithVersioning)?.immutabilityPolicy)?.state, property: "immutableStorageWithVersioning.immutabilityPolicy.state" };
  }
  if (r.type === T.backupVault || r.type === T.recoveryVault) {
    const settings = rec(rec(rec(r.inputs.properties)?.securitySettings)?.immutabilitySettings);
    return { state: settings?.state, property: "properties.securitySettings.immutabilitySettings.state" };
  }
  return undefined;
}

const immutabilityLockedOnCreate: PlatformLimit = {
  id: "azure-immutability-locked-later",
  cloud: "azure",
  rule: "Azure creates an immutability policy only Disabled or Unlocked; only an Unlocked policy moves to Locked, by a later update, and never back. A resource declared Locked on its creation is refused, so a locked stack is deployed in two steps (protection.createUnlocked, then without). Judged where the source tells a creation (a preview); the vaults' immutability is held to the same rule, an assumption since their pages name no creation state.",
  source: AZURE_DOCS.immutabilityPolicyState,
  basis: "documented",
  resourceTypes: [T.storageAccount, T.backupVault, T.recoveryVault],
  check(g) {
    const out: LimitViolation[] = [];
    for (const r of g.ofType(T.storageAccount, T.backupVault, T.recoveryVault)) {
      if (r.operation === undefined || !CREATIONS.has(r.operation)) continue;
      const found = immutabilityState(r);
      if (found && str(found.state) === "Locked") {
        out.push(violation(this, r, found.property, `"Locked" on creation (${r.operation}); create it "Unlocked" and lock it by the next deployment`));
      }
    }
    return out;
  },
};

const fileShareItemName: PlatformLimit = {
  id: "azure-fileshare-protected-item-name",
  cloud: "azure",
  rule: "A file share's protected item is named after the share itself: the provider finds the share among the vault's protectable items by that name and swaps in Azure's internal name (\"azurefileshare;<hash>\"). A hand-made \"azurefileshare;...\" name matches no protectable item, and the share is never backed up.",
  source: AZURE_DOCS.fileShareProtectedItem,
  basis: "documented",
  resourceTypes: [T.protectedItem],
  check(g) {
    const out: LimitViolation[] = [];
    for (const item of g.ofType(T.protectedItem)) {
      if (str(rec(item.inputs.properties)?.protectedItemType) !== "AzureFileShareProtectedItem") continue;
      const name = str(item.inputs.protectedItemName);
      if (name && name.includes(";")) out.push(violation(this, item, "protectedItemName", `"${name}" is not a share's name; give the share's own name`));
    }
    return out;
  },
};

const postgresStorage: PlatformLimit = {
  id: "azure-postgres-storage-size",
  cloud: "azure",
  rule: `A PostgreSQL flexible server takes one of fixed storage sizes, at most 32,767 GiB: ${AZURE_POSTGRES_STORAGE_GB.join(", ")} GiB.`,
  source: AZURE_DOCS.postgresStorage,
  basis: "documented",
  resourceTypes: [T.postgres],
  check(g) {
    const out: LimitViolation[] = [];
    for (const server of g.ofType(T.postgres)) {
      const size = num(rec(server.inputs.storage)?.storageSizeGB);
      if (size !== undefined && !(AZURE_POSTGRES_STORAGE_GB as readonly number[]).includes(size)) {
        out.push(violation(this, server, "storage.storageSizeGB", `${size} GiB is not one of the sizes Azure offers`));
      }
    }
    return out;
  },
};

const postgresHa: PlatformLimit = {
  id: "azure-postgres-high-availability",
  cloud: "azure",
  rule: "High availability of a PostgreSQL flexible server is offered on the General Purpose and Memory Optimized tiers only, never Burstable; a zone-redundant standby sits in a zone other than the primary's.",
  source: AZURE_DOCS.postgresHighAvailability,
  basis: "documented",
  resourceTypes: [T.postgres],
  check(g) {
    const out: LimitViolation[] = [];
    for (const server of g.ofType(T.postgres)) {
      const ha = rec(server.inputs.highAvailability);
      const mode = str(ha?.mode);
      if (!mode || mode === "Disabled") continue;
      const tier = str(rec(server.inputs.sku)?.tier);
      if (tier && !(AZURE_POSTGRES_HA_TIERS as readonly string[]).includes(tier)) out.push(violation(this, server, "sku.tier", `${tier} with high availability ${mode}`));
      const standby = str(ha?.standbyAvailabilityZone);
      if (mode === "ZoneRedundant" && standby && standby === str(server.inputs.availabilityZone)) {
        out.push(violation(this, server, "highAvailability.standbyAvailabilityZone", `zone ${standby}, the primary's own zone`));
      }
    }
    return out;
  },
};

const postgresAdmin: PlatformLimit = {
  id: "azure-postgres-entra-administrator",
  cloud: "azure",
  rule: "A PostgreSQL flexible server with password authentication off is reached through Microsoft Entra only, and only by its Entra administrators: without one declared, nobody can sign in to create the CENM databases' roles.",
  source: AZURE_DOCS.postgresEntraAdmin,
  basis: "documented",
  resourceTypes: [T.postgres, ...T.postgresAdmins],
  check(g) {
    const out: LimitViolation[] = [];
    for (const server of g.ofType(T.postgres)) {
      if (str(server.inputs.createMode) === "Replica") continue;
      const auth = rec(server.inputs.authConfig);
      if (isMarker(server.inputs.authConfig) || str(auth?.passwordAuth) !== "Disabled") continue;
      if (g.referrers(server, T.postgresAdmins, "serverName").length > 0) continue;
      out.push(violation(this, server, "authConfig.passwordAuth", "password authentication is off and no Entra administrator of the server is declared"));
    }
    return out;
  },
};

/** Every Azure limit, in a stable order. */
export const AZURE_LIMITS: readonly PlatformLimit[] = [immutabilityLockedOnCreate, fileShareItemName, postgresStorage, postgresHa, postgresAdmin];
