/**
 * Customer-managed encryption keys for the Azure components: a user-assigned identity, a premium key vault of the
 * component's own holding one RSA-HSM key, and the identity's right to wrap and unwrap with that key. Storage
 * accounts, backup vaults and database servers point their encryption settings at the key and the identity.
 */
import { KEY_VAULT_SOFT_DELETE_DAYS } from "../../domain/keyRetention";
import { createHash } from "crypto";
import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import * as keyvault from "@pulumi/azure-native/keyvault";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import * as random from "@pulumi/random";
import * as time from "@pulumiverse/time";
import { AZURE_ROLE_PROPAGATION } from "../../domain/limits/azure";
import type { ProtectionArgs } from "../types";
import { deletionLock } from "./locks";

/** Built-in role "Key Vault Crypto Service Encryption User": wrap and unwrap with a key, nothing else. */
export const KEY_VAULT_CRYPTO_SERVICE_ENCRYPTION_USER = "e147488a-f6f5-4113-8e2d-b22465e65bf6";

/** Key size of the customer-managed keys (RSA in the vault's HSM). */
export const CMK_KEY_SIZE = 3072;

/** How long a key version lives before the vault rotates it (ISO 8601 duration after creation). */
export const CMK_ROTATION_AFTER = "P1Y";

/** Where the key lives and how it is guarded. */
export interface CustomerManagedKeyArgs {
  /** Region of the vault, the key and the identity: the region of the resource the key encrypts. */
  location: string;
  resourceGroupName: pulumi.Input<string>;
  /** With `enabled`, the vault and the key are protected and retained on delete, and the vault is locked outside dev. */
  protection: ProtectionArgs;
  environment: string;
  /** Tags of the identity, the vault and the key. */
  tags: Record<string, string>;
  /** Microsoft Entra tenant of the vault (from the client config). */
  tenantId: pulumi.Input<string>;
  /** Subscription of the deployment (from the client config): one of the seeds of the vault name. */
  subscriptionId: pulumi.Input<string>;
  /** One letter or digit placed in the vault name to tell a component's vaults apart at a glance ("p", "d"...). */
  short: string;
  /** Logical name of the identity. Default: `<name>-<role>-identity`. */
  identityName?: string;
  /** Name of the key inside the vault. Default: `<name>-cmk`. */
  keyName?: string;
  /** What the key protects, for the role assignment's description. Default: `CENM <name>: <role> customer-managed key`. */
  purpose?: string;
  /** Notes of the vault's management lock. Default: a note naming the component, the role and the region. */
  lockNotes?: string;
}

/** A key vault of a component's own and the key in it. */
export interface KeyVaultKey {
  vaultId: pulumi.Output<string>;
  /** `https://<vault>.vault.azure.net/`. */
  vaultUri: pulumi.Output<string>;
  keyName: pulumi.Output<string>;
  /** Key URI without a version: services that accept it follow the key's rotation on their own. */
  keyUri: pulumi.Output<string>;
}

/** A principal's right to wrap and unwrap with a key, and the moment that right can be relied on. */
export interface KeyGrant {
  /** The "Key Vault Crypto Service Encryption User" role assignment. */
  grant: pulumi.Resource;
  /**
   * A wait of {@link AZURE_ROLE_PROPAGATION} after the role assignment is created: Azure documents that a new role
   * assignment can take that long to be honoured. Resources that encrypt with the key depend on this, not on the
   * assignment, so that Azure's check that the identity can unwrap the key does not fail a first deployment.
   */
  ready: pulumi.Resource;
}

/** What the encrypted resource needs to use the key. */
export interface CustomerManagedKey extends KeyVaultKey, KeyGrant {
  /** ARM id of the user-assigned identity that unwraps the key. */
  identityId: pulumi.Output<string>;
  identityPrincipalId: pulumi.Output<string>;
}

/**
 * The `identity` and `encryption` of a storage account encrypted with `cmk` for `services`: the key unwrapped by the
 * key's user-assigned identity, infrastructure encryption on, account-scoped keys. Declare the account with
 * `dependsOn: [cmk.ready]`: Azure checks at creation that the identity can unwrap the key.
 */
export function storageAccountEncryption(cmk: CustomerManagedKey, services: readonly ("blob" | "file")[]) {
  return {
    identity: { type: "UserAssigned", userAssignedIdentities: [cmk.identityId] },
    encryption: {
      keySource: "Microsoft.Keyvault",
      keyVaultProperties: { keyName: cmk.keyName, keyVaultUri: cmk.vaultUri },
      encryptionIdentity: { encryptionUserAssignedIdentity: cmk.identityId },
      requireInfrastructureEncryption: true,
      services: Object.fromEntries(services.map((svc) => [svc, { enabled: true, keyType: "Account" }])),
    },
  };
}

/**
 * Grants `principalId` "Key Vault Crypto Service Encryption User" on the key's vault (`<logicalName>`) and declares
 * the propagation wait `<logicalName>-wait` after it (see {@link KeyGrant.ready}). The wait runs when the role
 * assignment is created or replaced, never on later deployments. A replacement deletes the old assignment first.
 *
 * `deletedWith`: the resource whose own identity the grant names (a vault's system-assigned identity). Such a
 * grant depends on that resource, so a destroy would revoke it first, and a vault whose encryption identity can no
 * longer reach its key fails to be deleted (AZURE_DOCS.backupVaultCmk, AZURE_DOCS.recoveryVaultCmk). Deleted with
 * that resource, the grant is not deleted on its own: the resource goes while it still holds the role.
 */
export function grantKeyUse(
  logicalName: string,
  key: { vaultId: pulumi.Input<string> },
  principalId: pulumi.Input<string>,
  subscriptionId: pulumi.Input<string>,
  description: string,
  parent: pulumi.Resource,
  deletedWith?: pulumi.Resource,
): KeyGrant {
  const grant = new authorization.RoleAssignment(
    logicalName,
    {
      scope: key.vaultId,
      principalId,
      // The principal is a managed identity (a service principal). Naming its type lets Azure accept the assignment
      // before the new identity has replicated through Microsoft Entra ID (AZURE_DOCS.roleAssignmentPrincipalType).
      principalType: "ServicePrincipal",
      roleDefinitionId: pulumi.interpolate`/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${KEY_VAULT_CRYPTO_SERVICE_ENCRYPTION_USER}`,
      description,
    },
    // Azure keeps one assignment of a role to a principal at a scope and refuses a second one under another name
    // (409 RoleAssignmentExists: AZURE_DOCS.roleAssignmentUnique, AZURE_DOCS.roleAssignmentExistsReport). Pulumi
    // replaces by creating the new resource first unless told otherwise, so the old assignment goes first here.
    { parent, deleteBeforeReplace: true, ...(deletedWith ? { deletedWith } : {}) },
  );
  return { grant, ready: propagationWait(`${logicalName}-wait`, grant, parent) };
}

/**
 * A wait of {@link AZURE_ROLE_PROPAGATION} once `grant` is created (or replaced): resources that need the role
 * depend on it. Azure documents that a new role assignment can take that long to take effect, so a resource
 * created right after its identity's assignment can be refused on a first deployment.
 */
export function propagationWait(logicalName: string, grant: authorization.RoleAssignment | authorization.RoleAssignment[], parent: pulumi.Resource): pulumi.Resource {
  const grants = Array.isArray(grant) ? grant : [grant];
  return new time.Sleep(
    logicalName,
    {
      createDuration: AZURE_ROLE_PROPAGATION.wait,
      // A replaced assignment is a new one: the wait runs again.
      triggers: pulumi.all(grants.map((g) => g.id)).apply((ids) => Object.fromEntries(ids.map((id, i) => [`roleAssignment${i}`, id]))),
    },
    { parent, dependsOn: grants },
  );
}

/**
 * Name of a customer-managed key vault: the component's first eight letters and digits, `short`, a digest of the
 * subscription, the resource group, the component and the role, and `suffix` (the hex of a random id of the
 * deployment, see {@link vaultNameSuffix}). At most 23 characters (vault names are 3-24).
 */
export function cmkVaultName(name: string, role: string, short: string, subscriptionId: string, resourceGroupName: string, suffix: string): string {
  const base = name.replace(/[^a-z0-9]/g, "").slice(0, 8);
  return `${base}-${short}-${createHash("sha256").update(`${subscriptionId}/${resourceGroupName}/${name}/${role}`).digest("hex").slice(0, 8)}${suffix}`;
}

/** Bytes of the random part of a key vault name (4 hex characters). */
export const VAULT_NAME_RANDOM_BYTES = 2;

/**
 * The random part of a key vault's name (`<logicalName>`, a `random:RandomId` of {@link VAULT_NAME_RANDOM_BYTES}
 * bytes). A deleted key vault keeps its name in Azure's soft-delete state for its whole retention, and purge
 * protection forbids purging it sooner, so a vault of the same name cannot be created again before then (platform
 * limit `azure-key-vault-name-held-after-delete`). The random id is created and destroyed with the stack: a stack
 * destroyed and deployed again gets new vault names, while a stack that stays keeps its names for good.
 */
export function vaultNameSuffix(logicalName: string, parent: pulumi.Resource): pulumi.Output<string> {
  return new random.RandomId(logicalName, { byteLength: VAULT_NAME_RANDOM_BYTES }, { parent }).hex;
}

/**
 * Declares, under `parent`, a customer-managed key for one resource (or one region of a component):
 *
 * - `<identityName>`: a user-assigned identity in `location`;
 * - `<name>-<role>-name`: the random part of the vault's name (see {@link vaultNameSuffix});
 * - `<name>-<role>`: a premium key vault (HSM-backed keys) with purge protection, soft delete for 90 days, Azure
 *   RBAC authorisation, public network access disabled and a network ACL that denies everything except Azure's
 *   trusted services. Storage accounts, Recovery Services vaults, backup vaults and PostgreSQL servers reach
 *   their key through that trusted-services bypass: Azure refuses (or later fails to unwrap) a customer-managed
 *   key held in a vault that closes its firewall to them, so `bypass: "AzureServices"` is required, not a
 *   convenience;
 * - `<name>-<role>-cmk`: an RSA-HSM 3072 key, wrap and unwrap only, not exportable, rotated yearly by the vault,
 *   deleted with its vault (`deletedWith`): `pulumi destroy` never calls the vault's data plane, which its closed
 *   network refuses to a deployer outside it;
 * - `<name>-<role>-crypto-user`: "Key Vault Crypto Service Encryption User" for the identity on that vault only,
 *   deleted before it is replaced (Azure refuses the same role twice for one principal and scope);
 * - `<name>-<role>-lock`: a CanNotDelete lock on the vault when protection is on outside dev (deleting the vault
 *   or the key makes every byte encrypted with it unreadable).
 *
 * - `<name>-<role>-crypto-user-wait`: the role-propagation wait after that assignment (see {@link KeyGrant.ready}).
 *
 * The vault and the key are protected and retained on delete when protection is on. The resource using the key
 * must declare `dependsOn: [ready]`: Azure checks that the identity can unwrap the key when encryption is set.
 */
export function declareCustomerManagedKey(
  name: string,
  role: string,
  args: CustomerManagedKeyArgs,
  parent: pulumi.Resource,
): CustomerManagedKey {
  const identity = new managedidentity.UserAssignedIdentity(
    args.identityName ?? `${name}-${role}-identity`,
    { location: args.location, resourceGroupName: args.resourceGroupName, tags: args.tags },
    { parent },
  );
  const key = declareKeyVaultKey(name, role, args, parent);
  const granted = grantKeyUse(
    `${name}-${role}-crypto-user`,
    key,
    identity.principalId,
    args.subscriptionId,
    args.purpose ?? `CENM ${name}: the ${role} identity wraps and unwraps its data encryption key`,
    parent,
  );
  return { ...key, ...granted, identityId: identity.id, identityPrincipalId: identity.principalId };
}

/**
 * The key vault and key of {@link declareCustomerManagedKey} without an identity or a grant: for a resource whose
 * own system-assigned identity unwraps the key, granted with {@link grantKeyUse} once the resource exists.
 * Declares `<name>-<role>` (the vault), `<name>-<role>-cmk` (the key, deleted with the vault) and, outside dev,
 * `<name>-<role>-lock`.
 */
export function declareKeyVaultKey(
  name: string,
  role: string,
  args: Omit<CustomerManagedKeyArgs, "identityName" | "purpose">,
  parent: pulumi.Resource,
): KeyVaultKey {
  const protect = args.protection.enabled;
  const stateful: pulumi.CustomResourceOptions = { parent, protect, retainOnDelete: protect };

  const vaultName = pulumi
    .all([pulumi.output(args.subscriptionId), pulumi.output(args.resourceGroupName), vaultNameSuffix(`${name}-${role}-name`, parent)])
    .apply(([subscription, group, suffix]) => cmkVaultName(name, role, args.short, subscription, group, suffix));
  const vault = new keyvault.Vault(
    `${name}-${role}`,
    {
      vaultName,
      location: args.location,
      resourceGroupName: args.resourceGroupName,
      properties: {
        tenantId: args.tenantId,
        sku: { family: "A", name: "premium" },
        enableRbacAuthorization: true,
        // Azure requires the list on creation unless createMode is "recover"; with RBAC authorisation it is
        // ignored, so it is declared empty (AZURE_DOCS.keyVaultCreate).
        accessPolicies: [],
        enableSoftDelete: true,
        softDeleteRetentionInDays: KEY_VAULT_SOFT_DELETE_DAYS,
        enablePurgeProtection: true,
        publicNetworkAccess: "Disabled",
        networkAcls: { defaultAction: "Deny", bypass: "AzureServices" },
      },
      tags: args.tags,
    },
    stateful,
  );
  // Deleted with its vault: the provider deletes a key through the vault's data plane (ARM has no delete for keys,
  // AZURE_DOCS.keyDeleteDataPlane), which this vault refuses to any caller outside its network and to any principal
  // without a data-plane role, and the provider forgives only a 404. When the vault goes in the same deployment
  // (`pulumi destroy`, a replaced vault), Pulumi skips the key's delete and the vault's ARM delete takes the key
  // into soft delete with it (AZURE_DOCS.keyVaultSoftDelete). A key removed on its own is still deleted through the
  // data plane, by a deployer that has the role and the network path.
  const key = new keyvault.Key(
    `${name}-${role}-cmk`,
    {
      resourceGroupName: args.resourceGroupName,
      vaultName: vault.name,
      keyName: args.keyName ?? `${name}-cmk`,
      properties: {
        kty: "RSA-HSM",
        keySize: CMK_KEY_SIZE,
        keyOps: ["wrapKey", "unwrapKey"],
        attributes: { enabled: true, exportable: false },
        rotationPolicy: { lifetimeActions: [{ trigger: { timeAfterCreate: CMK_ROTATION_AFTER }, action: { type: "rotate" } }] },
      },
      tags: args.tags,
    },
    { ...stateful, deletedWith: vault },
  );
  deletionLock(
    `${name}-${role}-lock`,
    vault.id,
    args.lockNotes ?? `CENM ${name}: remove this lock on purpose before deleting the key vault of its ${role} customer-managed key (${args.location}).`,
    args,
    parent,
  );

  return {
    vaultId: vault.id,
    vaultUri: vault.properties.apply((p) => p.vaultUri as string),
    keyName: key.name,
    keyUri: key.keyUri,
  };
}
