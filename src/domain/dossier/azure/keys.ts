/** Dossier rows (see ../types.ts) of Key Vault (vaults, keys), managed identities, role assignments and management locks. */
import { AZURE_DOCS } from "../../limits/azure";
import type { DossierRow } from "../types";

const VAULT = "azure-native:keyvault:Vault";
const KEY = "azure-native:keyvault:Key";
const IDENTITY = "azure-native:managedidentity:UserAssignedIdentity";
const ROLE = "azure-native:authorization:RoleAssignment";
const LOCK = "azure-native:authorization:ManagementLockByScope";

const KV_NETWORK = "https://learn.microsoft.com/azure/key-vault/general/network-security";
const KEY_ROTATION = "https://learn.microsoft.com/azure/key-vault/keys/how-to-configure-key-rotation";
const BUILT_IN_ROLES = "https://learn.microsoft.com/azure/role-based-access-control/built-in-roles";
const MANAGED_IDENTITIES = "https://learn.microsoft.com/entra/identity/managed-identities-azure-resources/how-manage-user-assigned-managed-identities";

export const AZURE_KEYS_ROWS: readonly DossierRow[] = [
  {
    type: VAULT,
    properties: ["vaultName"],
    update: "replaces",
    sets:
      "A derived name of at most 24 letters and digits (the component's name, a SHA-256 digest of subscription, resource group, component and role) ending with the hex of a random:RandomId created and destroyed with the stack. Vault names are global (they make the vault's DNS name), so the digest keeps two stacks apart, and the random part gives a rebuilt stack new names.",
    lifecycle:
      "The name is part of the vault's id and DNS name: changing it is a new vault (Pulumi replaces; the key is replaced with it). A deleted vault keeps its name in soft-deleted state for its whole retention (90 days here) and purge protection forbids purging it sooner, so Azure refuses a vault of that name meanwhile: platform limit azure-key-vault-name-held-after-delete, which the random part satisfies. A second deploy keeps the name (the random id lives in the state).",
    sources: [AZURE_DOCS.keyVaultSoftDelete, AZURE_DOCS.keyVaultCreate],
  },
  {
    type: VAULT,
    properties: ["properties"],
    update: { properties: "in-place", "properties.enablePurgeProtection": "refused", "properties.enableSoftDelete": "refused", "properties.softDeleteRetentionInDays": "refused" },
    sets:
      "tenantId: the deploying tenant (getClientConfig). sku premium, family A: keys kept in HSMs. enableRbacAuthorization true with accessPolicies [] (Azure requires the list on creation; RBAC ignores it): data actions are granted by Azure roles only. enableSoftDelete true, softDeleteRetentionInDays 90 (the longest) and enablePurgeProtection true in every environment. publicNetworkAccess Disabled. The signing-key vault: networkAcls defaultAction Deny, bypass None, no IP or network rule, reached only through its private endpoint; enabledForDeployment, enabledForDiskEncryption and enabledForTemplateDeployment false. The customer-managed-key vaults: networkAcls defaultAction Deny, bypass AzureServices, because storage accounts, backup vaults and PostgreSQL reach their key as trusted services.",
    lifecycle:
      "Created and updated by ARM PUT (management plane: Microsoft.KeyVault/vaults/write, held by Owner, Contributor, Key Vault Contributor); a second deploy with the same values changes nothing. Purge protection does not take false as a value, once on it stays on; soft delete once on cannot be turned off; the retention (7 to 90 days) is set when the vault is created. Switching enableRbacAuthorization changes which grants count, in place. publicNetworkAccess Disabled blocks every data-plane caller but private endpoints and trusted services and overrides firewall rules; management-plane calls are not subject to the vault firewall. Destroy is an ARM DELETE (no data-plane role, no network path needed): the vault and all its keys enter soft delete for the retention, cannot be purged under purge protection, and Azure refuses the delete while a CanNotDelete lock covers the vault.",
    sources: [AZURE_DOCS.keyVaultCreate, AZURE_DOCS.keyVaultSoftDelete, AZURE_DOCS.keyVaultRbac, KV_NETWORK, AZURE_DOCS.keyVaultNetworkSecurity],
  },
  {
    type: KEY,
    properties: ["keyName", "vaultName"],
    update: "replaces",
    sets:
      "keyName: <component>-cmk, or <component>-<role>-cmk for the escrows' keys; vaultName: the name output of the component's own key vault, one key per vault. The key is declared deletedWith its vault.",
    lifecycle:
      "Both are part of the key's id: a change declares a new key and deletes the old one. The provider creates and reads a key through ARM but deletes it through the vault's data plane (DELETE https://<vault>.vault.azure.net/keys/<name>), forgiving only a 404; these vaults refuse that call from outside their network (403), and it needs a data-plane role (Key Vault Crypto Officer or Administrator). deletedWith makes Pulumi skip that call when the vault is deleted in the same deployment (destroy, a replaced vault): the vault's ARM delete takes the key into soft delete. A key renamed or removed alone is still deleted through the data plane, so that change must run where the vault is reachable, by a deployer holding the role; outside dev the key is protected and retained, so Pulumi never deletes it.",
    sources: [AZURE_DOCS.keyDeleteDataPlane, AZURE_DOCS.keyVaultSoftDelete, AZURE_DOCS.keyVaultRbac],
  },
  {
    type: KEY,
    properties: ["properties"],
    update: "refused",
    sets:
      "kty RSA-HSM, keySize 3072, keyOps [wrapKey, unwrapKey] (key encryption only), attributes enabled true and exportable false, rotationPolicy with one lifetime action: rotate P1Y after creation. Services are given the key URI without a version, so they follow rotations.",
    lifecycle:
      "Azure-native creates the key through ARM's keys PUT, which creates the first version of a key that does not exist and writes nothing for an existing one: no update, no new version. A later change to kty, keySize, keyOps, attributes or rotationPolicy in the program is therefore not applied to a deployed key (ARM returns the key unchanged); it takes a new key (a new keyName, which also makes the encrypting resources switch) or an operator's data-plane update. Reading the key through ARM is authorised by Key Vault against Microsoft.KeyVault/vaults/keys/read, an action Owner and Contributor carry (users report ForbiddenByRbac without it). The rotation policy makes the vault add a version every year; old versions stay usable. Destroy: see keyName (data plane unless deleted with the vault).",
    sources: [AZURE_DOCS.keyCreateIfNotExist, AZURE_DOCS.keyDeleteDataPlane, KEY_ROTATION, AZURE_DOCS.keyArmRbacReport, AZURE_DOCS.keyArmRbacPulumiReport],
  },
  {
    type: IDENTITY,
    properties: ["location"],
    update: "replaces",
    sets:
      "The region of the resource whose key the identity unwraps (the escrow account's, the file store's, the database server's or its DR twin's). One user-assigned identity per customer-managed key; it holds only Key Vault Crypto Service Encryption User on that key's vault.",
    lifecycle:
      "Created by ARM; its principal id is known only once it exists, so its role assignment follows it and the encrypted resource waits 10 minutes after that assignment (AZURE_ROLE_PROPAGATION, Microsoft's documented delay). A changed region or group is a new identity with a new principal id, hence a new role assignment. Deleting the identity does not delete the role assignments it held; they remain, naming an unknown principal, until removed (Pulumi deletes them first, as they depend on it). A second deploy changes nothing.",
    sources: [MANAGED_IDENTITIES, AZURE_DOCS.roleAssignmentPropagation],
  },
  {
    type: ROLE,
    properties: ["scope", "roleDefinitionId"],
    update: { scope: "replaces", roleDefinitionId: "provider-decided" },
    sets:
      "Key grants (cmk.ts): Key Vault Crypto Service Encryption User (e147488a-f6f5-4113-8e2d-b22465e65bf6) at the scope of the one key vault that holds the key. The database backup vault's grants (SnapshotSchedule): PostgreSQL Flexible Server Long Term Retention Backup Role (c088a766-074b-43ba-90d4-1fb21feae531) on the server and Reader (acdd72a7-3385-48ef-bd42-f606fba81ae7) on its resource group. Role ids are written as subscription-scoped role definition ids.",
    lifecycle:
      "Scope and role are fixed when the assignment is created: a change declares a new assignment. Azure keeps one assignment of a role to a principal at a scope and refuses a second under another name (409 RoleAssignmentExists); the key grants therefore delete the old assignment before creating its replacement (deleteBeforeReplace), while the backup vault's grants keep Pulumi's create-first default. A new assignment can take up to 10 minutes to be honoured, hence the time:Sleep after each. Creating and deleting assignments needs Microsoft.Authorization/roleAssignments/write and delete (Owner, User Access Administrator, Role Based Access Control Administrator), not Contributor. A second deploy changes nothing.",
    sources: [BUILT_IN_ROLES, AZURE_DOCS.roleAssignmentUnique, AZURE_DOCS.roleAssignmentExistsReport, AZURE_DOCS.roleAssignmentPropagation],
  },
  {
    type: ROLE,
    properties: ["principalId", "principalType"],
    update: { principalId: "replaces", principalType: "provider-decided" },
    sets:
      "principalId: the principal id of a user-assigned identity (key grants) or of the backup vault's system-assigned identity, both outputs of resources of the same deployment; principalType ServicePrincipal, which is what a managed identity is.",
    lifecycle:
      "A new identity's principal may not have replicated through Microsoft Entra ID when the assignment is created; with principalType given, Azure accepts the assignment without looking the principal up (without it, such an assignment can fail with PrincipalNotFound). The principal cannot be changed on an existing assignment: a new identity means a new assignment (see scope for the delete-first replacement). A second deploy changes nothing; destroy deletes the assignment before its identity.",
    sources: [AZURE_DOCS.roleAssignmentPrincipalType, AZURE_DOCS.roleAssignmentUnique],
  },
  {
    type: ROLE,
    properties: ["description"],
    update: "in-place",
    sets: "A sentence naming the component and what the grant lets the principal do (wrap and unwrap its key, back up the server, read its group), so that an operator reading the vault's access list knows why it is there.",
    lifecycle: "Free text stored with the assignment and updated in place (the assignment's PUT with the same name); never a replacement. A second deploy changes nothing.",
    sources: [AZURE_DOCS.roleAssignmentUnique],
  },
  {
    type: LOCK,
    properties: ["level", "scope"],
    update: { level: "in-place", scope: "replaces" },
    sets:
      "CanNotDelete on each stateful resource (key vaults, escrow, file and restore storage accounts, database servers and replica, backup vaults), declared only when protection is on and the stack is not dev (locks.ts), on top of Pulumi's protect and retainOnDelete. Nothing else is locked, no resource group and no private DNS zone: a lock reaches everything under its scope, so a group's lock would lock the PostgreSQL zone (limit azure-postgres-dns-zone-unlocked-with-ha) and make every replacement in the group fail (azure-lock-blocks-replacement).",
    lifecycle:
      "A CanNotDelete lock lets authorised users read and modify the resource but refuses its deletion to everyone, Owner included, until the lock is removed. It reaches the resource's child resources (a vault's policies and backup items, a key vault's keys, a server's settings and virtual endpoint) and the extension resources applied to it (role assignments scoped to it), whose replacement then fails on its delete half unless the old one is retained. A resource group holding a locked resource cannot be deleted at all: Azure refuses the whole deletion. Locks act on the control plane only: blobs, share files and database rows inside a locked resource stay deletable through the data plane. Creating or deleting a lock needs Microsoft.Authorization/locks/*, which among built-in roles only Owner and User Access Administrator hold. The scope is part of the lock's id: a new scope is a new lock. Pulumi deletes the lock before its resource (the lock depends on it), so lifting protection (protection.enabled false, then pulumi up) removes the package's locks; locks Azure services add themselves (Azure Backup on a protected storage account) are not the program's and must be removed by hand. A second deploy changes nothing.",
    sources: [AZURE_DOCS.managementLocks],
  },
  {
    type: LOCK,
    properties: ["notes"],
    update: "in-place",
    sets: "A sentence naming what the lock guards and telling the operator to remove it on purpose before deleting that resource (at most 512 characters).",
    lifecycle: "Stored with the lock and updated in place; never a replacement. A second deploy changes nothing.",
    sources: [AZURE_DOCS.managementLocks],
  },
];
