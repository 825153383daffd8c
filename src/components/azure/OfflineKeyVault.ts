/**
 * Offline-style storage for CENM's signing keys on Azure: a premium (HSM-backed) Key Vault closed to the Internet,
 * immutable escrow storage accounts for wrapped key material in the primary and the DR region, and the record of
 * the copies operators keep outside the cloud.
 */
import { KEY_VAULT_SOFT_DELETE_DAYS } from "../../domain/keyRetention";
import { createHash } from "crypto";
import * as pulumi from "@pulumi/pulumi";
import * as keyvault from "@pulumi/azure-native/keyvault";
import * as network from "@pulumi/azure-native/network";
import * as storage from "@pulumi/azure-native/storage";
import { ENVIRONMENTS, LOCK_MODES } from "../../domain/vocabulary";
import type { OfflineCopy } from "../../domain/vocabulary";
import type { CopyDescriptor } from "../types";
import { countKeyCopies, describeKeyCopies, KeyCopyCount, MIN_KEY_COPIES } from "../../domain/keyCopies";
import { forceDestroyOf } from "../teardown";
import { clientOf, type ClientContext } from "./client";
import { declareCustomerManagedKey, storageAccountEncryption, vaultNameSuffix } from "./cmk";
import type { AzureKeyVaultArgs } from "./contracts";
import { deletionLock } from "./locks";
import { immutableAccountLeftovers } from "../../domain/limits/azure";

const ELEMENT = "keys";

/**
 * Element tag of the escrows' customer-managed key vaults, keys and identities. They hold no signing key, so they
 * must not carry the keys element, which marks the vault holding the signing keys (and copies of them).
 */
export const ESCROW_ENCRYPTION_ELEMENT = "keys-encryption";
const LOCATION = /^[a-z][a-z0-9]+$/;
const COMPONENT_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** Days a deleted blob, blob version or container of an escrow stays recoverable (soft delete). */
export const ESCROW_SOFT_DELETE_DAYS = 30;

/** Longest time-based retention Azure Blob Storage accepts, days (400 years). */
export const MAX_ESCROW_RETENTION_DAYS = 146000;

/** The container that holds the wrapped key material in each escrow account. */
export const ESCROW_CONTAINER = "key-escrow";

/** Redundancy of both escrow accounts: three zones of their own region. */
export const ESCROW_SKU = "Standard_ZRS";

/** What the component checked and derived from its args before declaring anything. */
interface KeyVaultPlan {
  drReplica: boolean;
  offlineCopies: OfflineCopy[];
  count: KeyCopyCount;
  /** Whether the escrow accounts are enabled for version-level immutability (see {@link escrowImmutable}). */
  immutable: boolean;
  /** State of the escrow accounts' immutability policy, when they are immutable. */
  policyState: "Locked" | "Unlocked";
}

/**
 * Whether the escrow accounts are enabled for version-level immutability: always, except in a dev stack that
 * `pulumi destroy` tears down (protection off, governance lock). Azure deletes an account (or container) enabled for
 * version-level immutability only once it is empty, whatever the state of its policies, locked, unlocked or none
 * (AZURE_DOCS.immutableVersionLevel, "Deletion"); a dev escrow that ever received test key material could then not
 * be destroyed, and no deployer outside its network can empty it (public network access and shared keys are off).
 * Dev holds throw-away test keys only, so its escrows go without. The rule reads the environment, not protection
 * alone: the setting can only be chosen when the account is created (same page, "Enablement and policy setting"),
 * so a staging or prod stack whose protection is lifted for its teardown keeps it.
 */
export function escrowImmutable(args: { environment: string; protection: { enabled: boolean }; lockMode: "compliance" | "governance" }): boolean {
  return !(args.environment === "dev" && forceDestroyOf(args.protection, args.lockMode));
}

/** A hash-suffixed name, stable for a stack: the component's letters and digits, then a digest filling `length`. */
function derivedName(component: string, seed: string, length: number): string {
  const base = component.replace(/[^a-z0-9]/g, "").slice(0, 10);
  return `${base}${createHash("sha256").update(seed).digest("hex").slice(0, length - base.length)}`;
}

/**
 * Key Vault name (3-24 letters, digits and hyphens, globally unique) from the subscription, group and component,
 * ending with `suffix`, the random part of the deployment (see {@link vaultNameSuffix}).
 */
export function keyVaultName(component: string, subscriptionId: string, resourceGroupName: string, suffix: string): string {
  return `${derivedName(component, `${subscriptionId}/${resourceGroupName}/${component}/vault`, 24 - suffix.length)}${suffix}`;
}

/** Storage account name (3-24 lower-case letters and digits, globally unique) of an escrow, by role. */
export function escrowAccountName(component: string, role: "escrow" | "dr-escrow", subscriptionId: string, resourceGroupName: string): string {
  return derivedName(component, `${subscriptionId}/${resourceGroupName}/${component}/${role}`, 24);
}

/** Checks every arg that decides what is declared and counts the key copies; throws before anything is registered. */
export function validateAzureKeyVaultArgs(name: string, args: AzureKeyVaultArgs): KeyVaultPlan {
  const fail = (arg: string, value: unknown, expected: string): never => {
    throw new Error(`OfflineKeyVault "${name}": ${arg} is ${JSON.stringify(value)}; expected ${expected}`);
  };
  if (!COMPONENT_NAME.test(name ?? "")) fail("name", name, "lower-case letters, digits and single hyphens, starting with a letter (it prefixes the vault and account names)");
  if (!(ENVIRONMENTS as readonly string[]).includes(args.environment)) fail("environment", args.environment, `one of ${ENVIRONMENTS.join(", ")}`);
  if (typeof args.location !== "string" || !LOCATION.test(args.location)) fail("location", args.location, "an Azure region name such as westeurope");
  if (!args.protection || typeof args.protection.enabled !== "boolean") fail("protection.enabled", args.protection?.enabled, "true or false");
  if (!(LOCK_MODES as readonly string[]).includes(args.lockMode)) {
    fail("lockMode", args.lockMode, '"compliance" (escrow immutability policy Locked: it can never be shortened or removed) or "governance" (Unlocked)');
  }
  if (!Number.isInteger(args.escrowRetentionDays) || args.escrowRetentionDays < 1 || args.escrowRetentionDays > MAX_ESCROW_RETENTION_DAYS) {
    fail("escrowRetentionDays", args.escrowRetentionDays, `a whole number of days from 1 to ${MAX_ESCROW_RETENTION_DAYS} (the Azure Blob Storage retention limit)`);
  }
  if (typeof args.drReplica !== "boolean") fail("drReplica", args.drReplica, "true or false");
  if (args.firstDeployment !== undefined && typeof args.firstDeployment !== "boolean") {
    fail("firstDeployment", args.firstDeployment, "true, false or absent");
  }
  if (args.escrowChangeFeed !== undefined && typeof args.escrowChangeFeed !== "boolean") fail("escrowChangeFeed", args.escrowChangeFeed, "true, false or absent");
  // With protection off a destroy deletes the escrows; an immutable one must then hold no container of its own
  // (platform limit azure-immutable-account-deleted-empty; container soft delete is turned off here then).
  if (!args.protection.enabled && escrowImmutable(args) && immutableAccountLeftovers({ changeFeed: args.escrowChangeFeed !== false, containerSoftDelete: false }).length > 0) {
    fail(
      "escrowChangeFeed",
      args.escrowChangeFeed,
      "false with protection off: the escrows are enabled for version-level immutability, and Azure deletes such an account only once it holds no container, while the change feed keeps its records in a container of the account",
    );
  }
  if (args.drReplica) {
    if (typeof args.drLocation !== "string" || !LOCATION.test(args.drLocation)) fail("drLocation", args.drLocation, "an Azure region name such as northeurope");
    if (args.drLocation === args.location) {
      fail("drLocation", args.drLocation, `a region other than the primary location ${args.location}: the DR escrow is the copy that survives the loss of the primary region`);
    }
  }
  const refs: [string, unknown][] = [
    ["resourceGroupName", args.resourceGroupName],
    ["vaultSubnetId", args.vaultSubnetId],
    ["vaultPrivateDnsZoneId", args.vaultPrivateDnsZoneId],
    ["blobPrivateDnsZoneId", args.blobPrivateDnsZoneId],
  ];
  if (args.drReplica) refs.push(["drResourceGroupName", args.drResourceGroupName], ["drVaultSubnetId", args.drVaultSubnetId]);
  for (const [arg, value] of refs) {
    if (value === undefined || value === null || value === "") fail(arg, value, "a resource group name or ARM id (or an Output of one)");
  }

  const offlineCopies = args.offlineCopies ?? [];
  if (!Array.isArray(offlineCopies)) fail("offlineCopies", args.offlineCopies, "a list of recorded copies");
  for (const copy of offlineCopies) {
    if (!copy || typeof copy.id !== "string" || copy.id === "") fail("offlineCopies[].id", copy?.id, "the operator's identifier of the copy");
    if (typeof copy.lastVerified !== "string" || copy.lastVerified === "") {
      fail(`offlineCopies["${copy.id}"].lastVerified`, copy.lastVerified, "the date the copy was last checked readable");
    }
    if (!Array.isArray(copy.custodians) || copy.custodians.length < 2) {
      fail(`offlineCopies["${copy.id}"].custodians`, copy.custodians, "at least two people (two-person control)");
    }
  }
  const ids = offlineCopies.map((c) => c.id);
  const repeated = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (repeated.length > 0) fail("offlineCopies", ids, `each physical copy once (${repeated.join(", ")} is listed more than once, which would inflate the count)`);

  // The premium vault already keeps its keys in HSMs: there is no separate HSM cluster to count on Azure.
  const count = countKeyCopies({ drReplica: args.drReplica, cloudHsm: false, offlineCopies });
  if (args.environment === "prod" && count.total < MIN_KEY_COPIES && !args.keyCopiesWaiver) {
    fail(
      "the key copy plan",
      describeKeyCopies(count),
      `at least ${MIN_KEY_COPIES} separate copies of the signing keys in a prod stack (drReplica ${args.drReplica}, offlineCopies ${offlineCopies.length}); ` +
        "turn on drReplica or record the offline copies",
    );
  }
  const policyState = args.lockMode === "compliance" && args.firstDeployment !== true ? "Locked" : "Unlocked";
  return { drReplica: args.drReplica, offlineCopies, count, immutable: escrowImmutable(args), policyState };
}

interface EscrowParts {
  account: storage.StorageAccount;
  container: storage.BlobContainer;
  /** Key vault of the account's customer-managed key. */
  keyVaultId: pulumi.Output<string>;
}

/**
 * Offline-style storage for the keys that sign CSRs, CRLs, network maps and network parameters (root CA,
 * subordinate CA, Identity Manager CA, Network Map key, TLS CRL signer): at least two separate copies, none
 * reachable from the Internet, as R3 recommends.
 *
 * Declares:
 * - a premium Key Vault (keys in HSMs) with purge protection, soft delete for 90 days, Azure RBAC authorisation
 *   (no access policies; the component grants no data-plane role: key custodians get "Key Vault Crypto Officer"
 *   or narrower roles through their own process), public network access disabled and a network ACL that denies
 *   everything and lets no Azure service bypass it. Its only way in is a private endpoint in the vault subnet
 *   (the subnet with no route to the Internet), registered in the `privatelink.vaultcore` zone.
 *   Key Vault backups are not counted as a copy: a backup blob restores only into a vault of the same
 *   subscription and the same Azure geography, so it shares the fate of the vault's subscription.
 * - an escrow storage account for wrapped (encrypted) key material and HSM backup blobs, never plain keys:
 *   StorageV2, Standard_ZRS, version-level immutability enabled at creation with a default time-based policy of
 *   `escrowRetentionDays` (Locked in compliance mode: it can be lengthened but never shortened or removed;
 *   Unlocked in governance mode; none in a dev stack torn down by `pulumi destroy`, see {@link escrowImmutable}),
 *   blob versioning, 30-day soft delete of blobs and (with protection on) containers, change feed (unless
 *   `escrowChangeFeed` is false, which a stack torn down with protection off needs: see
 *   azure-immutable-account-deleted-empty),
 *   infrastructure encryption, no shared keys, no public blobs, public network access disabled, default-deny
 *   network rules with no bypass, copies restricted to private-link sources, and a private endpoint (`blob`) in
 *   the vault subnet. The account encrypts with a customer-managed RSA-HSM key of its own
 *   (`<name>-escrow-kv`, see {@link declareCustomerManagedKey}) unwrapped by the user-assigned identity
 *   `<name>-escrow-identity`. That key lives in a separate premium key vault, not in the signing-key vault above:
 *   Azure Storage reaches a customer-managed key only through the key vault's trusted-services bypass, which the
 *   signing-key vault deliberately refuses. The encryption vault, its key and its identity are tagged with the
 *   element {@link ESCROW_ENCRYPTION_ELEMENT} rather than `keys`: they hold no signing key and are no copy of one;
 * - when `drReplica`: a second escrow account, configured the same way, in `drLocation` and
 *   `drResourceGroupName`, reached through its own private endpoint in the DR vault subnet, and encrypted with a
 *   key in a key vault of the DR region (`<name>-dr-escrow-kv`, identity `<name>-dr-escrow-identity`), so that
 *   the DR copy stays readable when the primary region is lost.
 * - `offlineCopies`: recorded and exported exactly as given; the component never creates or invents them.
 *
 * Why Standard_ZRS and not GZRS: the two escrow accounts are the geo separation. A GZRS account's copy in the
 * paired region is the same account, fails over as a whole and follows the account's immutability settings
 * (policy changes made after the last sync are not carried over); it is not a separately immutable copy, and
 * an operator who can reach one account cannot, through it, reach the other.
 *
 * How the DR escrow is filled: the key ceremony uploads the wrapped material to both escrows. Azure object
 * replication is deliberately not declared: with a version-level immutability policy in force on the
 * destination, updates and deletes replicated from the source fail there while succeeding at the source (the
 * copies diverge silently), the destination container refuses every write but replication's, and no SLA bounds
 * the replication delay. Two separate uploads keep two separately written, separately verified copies, which
 * is also what makes them count as separate.
 *
 * Immutability and first deployments: Azure creates an account-level immutability policy only in the Unlocked
 * (or Disabled) state; Locked is reached by a later update and cannot be reverted. In compliance mode a new
 * escrow is therefore deployed once with `firstDeployment: true` (a warning is logged), then again
 * without it to lock the policy.
 *
 * The copies are counted with {@link countKeyCopies} (no `cloudHsm` on Azure: the premium vault's HSMs hold the
 * live keys, not a separate copy); a prod stack with fewer than {@link MIN_KEY_COPIES} is refused before anything
 * is declared, other environments get a warning.
 *
 * The vault, the escrow accounts, their containers, and the escrows' key vaults and keys are protected and
 * retained on delete when protection is on; the vaults and the accounts also carry a CanNotDelete management lock
 * outside dev. The escrows' keys are deleted with their key vaults (see {@link declareCustomerManagedKey}), so that
 * `pulumi destroy` of an unprotected stack never needs the vaults' data plane.
 */
export class OfflineKeyVault extends pulumi.ComponentResource {
  public readonly keyVaultId: pulumi.Output<string>;
  public readonly keyVaultName: pulumi.Output<string>;
  public readonly keyVaultUri: pulumi.Output<string>;
  public readonly escrowAccountId: pulumi.Output<string>;
  public readonly escrowAccountName: pulumi.Output<string>;
  /** Undefined without `drReplica`. */
  public readonly drEscrowAccountId: pulumi.Output<string | undefined>;
  /** Undefined without `drReplica`. */
  public readonly drEscrowAccountName: pulumi.Output<string | undefined>;
  /** Key vault of the escrow account's customer-managed key. */
  public readonly escrowKeyVaultId: pulumi.Output<string>;
  /** Key vault (in the DR region) of the DR escrow account's customer-managed key; undefined without `drReplica`. */
  public readonly drEscrowKeyVaultId: pulumi.Output<string | undefined>;
  /** The operator's offline copies, verbatim. */
  public readonly offlineCopies: pulumi.Output<OfflineCopy[]>;
  public readonly keyCopies: pulumi.Output<KeyCopyCount>;
  public readonly lockMode: pulumi.Output<string>;
  public readonly copies: pulumi.Output<CopyDescriptor[]>;

  constructor(name: string, args: AzureKeyVaultArgs, opts?: pulumi.ComponentResourceOptions) {
    const plan = validateAzureKeyVaultArgs(name, args);
    super("cenm-backup:azure:OfflineKeyVault", name, {}, opts);

    if (plan.count.total < MIN_KEY_COPIES) {
      pulumi.log.warn(
        `OfflineKeyVault "${name}": only ${describeKeyCopies(plan.count)} separate copies of the signing keys; R3 recommends at least ${MIN_KEY_COPIES} ` +
          (args.keyCopiesWaiver
            ? `(turn on drReplica or record offline copies). Accepted by the written waiver keys-two-copies: ${args.keyCopiesWaiver}`
            : "(turn on drReplica or record offline copies). A prod stack would be refused."),
        this,
      );
    }
    if (plan.immutable && args.lockMode === "compliance" && plan.policyState === "Unlocked") {
      pulumi.log.warn(
        `OfflineKeyVault "${name}": the escrow immutability policy is declared Unlocked for this first deployment (firstDeployment); ` +
          "deploy again without firstDeployment to lock it, as compliance mode requires.",
        this,
      );
    }

    const tags = { ...(args.tags ?? {}), "cenm-backup-element": ELEMENT };
    const protect = args.protection.enabled;
    const stateful: pulumi.CustomResourceOptions = { parent: this, protect, retainOnDelete: protect };
    const client = clientOf(this, args.client);
    const lock = (role: string, scope: pulumi.Input<string>, what: string): void => {
      deletionLock(`${name}-${role}-lock`, scope, `CENM signing keys ${name}: remove this lock on purpose before deleting the ${what}.`, args, this);
    };

    // The Key Vault.
    const vaultName = pulumi
      .all([client.subscriptionId, pulumi.output(args.resourceGroupName), vaultNameSuffix(`${name}-vault-name`, this)])
      .apply(([subscription, group, suffix]) => keyVaultName(name, subscription, group, suffix));
    const vault = new keyvault.Vault(
      `${name}-vault`,
      {
        vaultName,
        location: args.location,
        resourceGroupName: args.resourceGroupName,
        properties: {
          tenantId: client.tenantId,
          sku: { family: "A", name: "premium" },
          enablePurgeProtection: true,
          enableSoftDelete: true,
          softDeleteRetentionInDays: KEY_VAULT_SOFT_DELETE_DAYS,
          enableRbacAuthorization: true,
          // Azure requires the list on creation unless createMode is "recover"; with RBAC authorisation it is
          // ignored, so it is declared empty (AZURE_DOCS.keyVaultCreate).
          accessPolicies: [],
          enabledForDeployment: false,
          enabledForDiskEncryption: false,
          enabledForTemplateDeployment: false,
          publicNetworkAccess: "Disabled",
          networkAcls: { defaultAction: "Deny", bypass: "None", ipRules: [], virtualNetworkRules: [] },
        },
        tags,
      },
      stateful,
    );
    lock("vault", vault.id, "Key Vault");
    this.privateEndpoint(name, "vault", vault.id, "vault", args.vaultPrivateDnsZoneId, args.location, args.resourceGroupName, args.vaultSubnetId, tags);

    // The escrows.
    const escrow = this.escrow(name, "escrow", args.location, args.resourceGroupName, args.vaultSubnetId, args, plan, tags, client, stateful, lock);
    const drEscrow = plan.drReplica
      ? this.escrow(name, "dr-escrow", args.drLocation, args.drResourceGroupName, args.drVaultSubnetId, args, plan, tags, client, stateful, lock)
      : undefined;

    this.keyVaultId = vault.id;
    this.keyVaultName = vault.name;
    this.keyVaultUri = vault.properties.apply((p) => p.vaultUri);
    this.escrowAccountId = escrow.account.id;
    this.escrowAccountName = escrow.account.name;
    this.drEscrowAccountId = drEscrow ? drEscrow.account.id : pulumi.output<string | undefined>(undefined);
    this.drEscrowAccountName = drEscrow ? drEscrow.account.name : pulumi.output<string | undefined>(undefined);
    this.escrowKeyVaultId = escrow.keyVaultId;
    this.drEscrowKeyVaultId = drEscrow ? drEscrow.keyVaultId : pulumi.output<string | undefined>(undefined);
    this.offlineCopies = pulumi.output(plan.offlineCopies);
    this.keyCopies = pulumi.output(plan.count);
    this.lockMode = pulumi.output<string>(args.lockMode);
    this.copies = pulumi.output(keyCopyDescriptors(name, args, plan));

    this.registerOutputs({
      keyVaultId: this.keyVaultId,
      keyVaultName: this.keyVaultName,
      keyVaultUri: this.keyVaultUri,
      escrowAccountId: this.escrowAccountId,
      escrowAccountName: this.escrowAccountName,
      drEscrowAccountId: this.drEscrowAccountId,
      drEscrowAccountName: this.drEscrowAccountName,
      escrowKeyVaultId: this.escrowKeyVaultId,
      drEscrowKeyVaultId: this.drEscrowKeyVaultId,
      offlineCopies: this.offlineCopies,
      keyCopies: this.keyCopies,
      lockMode: this.lockMode,
      copies: this.copies,
    });
  }

  /** A private endpoint for `groupId` of `target` in `subnetId`, registered in `zoneId`. */
  private privateEndpoint(
    name: string,
    role: string,
    target: pulumi.Input<string>,
    groupId: "vault" | "blob",
    zoneId: pulumi.Input<string>,
    location: string,
    resourceGroupName: pulumi.Input<string>,
    subnetId: pulumi.Input<string>,
    tags: Record<string, string>,
  ): network.PrivateEndpoint {
    const endpoint = new network.PrivateEndpoint(
      `${name}-${role}-endpoint`,
      {
        location,
        resourceGroupName,
        subnet: { id: subnetId },
        privateLinkServiceConnections: [{ name: `${name}-${role}-${groupId}`, privateLinkServiceId: target, groupIds: [groupId] }],
        tags,
      },
      { parent: this },
    );
    new network.PrivateDnsZoneGroup(
      `${name}-${role}-endpoint-dns`,
      {
        resourceGroupName,
        privateEndpointName: endpoint.name,
        privateDnsZoneGroupName: "default",
        privateDnsZoneConfigs: [{ name: groupId, privateDnsZoneId: zoneId }],
      },
      { parent: this },
    );
    return endpoint;
  }

  /** One immutable escrow account, its blob service, its container, its lock and its private endpoint. */
  private escrow(
    name: string,
    role: "escrow" | "dr-escrow",
    location: string,
    resourceGroupName: pulumi.Input<string>,
    subnetId: pulumi.Input<string>,
    args: AzureKeyVaultArgs,
    plan: KeyVaultPlan,
    tags: Record<string, string>,
    client: pulumi.Output<ClientContext>,
    stateful: pulumi.CustomResourceOptions,
    lock: (role: string, scope: pulumi.Input<string>, what: string) => void,
  ): EscrowParts {
    // The escrow's customer-managed key, in a key vault of the escrow's own region.
    const what = role === "escrow" ? "escrow" : "DR escrow";
    const cmk = declareCustomerManagedKey(
      name,
      `${role}-kv`,
      {
        location,
        resourceGroupName,
        protection: args.protection,
        environment: args.environment,
        tags: { ...tags, "cenm-backup-element": ESCROW_ENCRYPTION_ELEMENT },
        tenantId: client.tenantId,
        subscriptionId: client.subscriptionId,
        short: role === "escrow" ? "e" : "d",
        identityName: `${name}-${role}-identity`,
        keyName: `${name}-${role}-cmk`,
        purpose: `CENM signing keys ${name}: the ${what} storage account wraps and unwraps its encryption key`,
        lockNotes: `CENM signing keys ${name}: remove this lock on purpose before deleting the key vault of the ${what} account's customer-managed key.`,
      },
      this,
    );
    const accountName = pulumi
      .all([client.subscriptionId, pulumi.output(resourceGroupName)])
      .apply(([subscription, group]) => escrowAccountName(name, role, subscription, group));
    const account = new storage.StorageAccount(
      `${name}-${role}`,
      {
        accountName,
        location,
        resourceGroupName,
        kind: "StorageV2",
        sku: { name: ESCROW_SKU },
        accessTier: "Hot",
        isHnsEnabled: false,
        enableHttpsTrafficOnly: true,
        minimumTlsVersion: "TLS1_2",
        allowBlobPublicAccess: false,
        allowSharedKeyAccess: false,
        allowCrossTenantReplication: false,
        allowedCopyScope: "PrivateLink",
        defaultToOAuthAuthentication: true,
        publicNetworkAccess: "Disabled",
        networkRuleSet: { defaultAction: "Deny", bypass: "None", ipRules: [], virtualNetworkRules: [] },
        // Set only when the account is created (AZURE_DOCS.immutableVersionLevel); see escrowImmutable for dev.
        immutableStorageWithVersioning: plan.immutable
          ? {
              enabled: true,
              immutabilityPolicy: {
                immutabilityPeriodSinceCreationInDays: args.escrowRetentionDays,
                state: plan.policyState,
                allowProtectedAppendWrites: false,
              },
            }
          : { enabled: false },
        ...storageAccountEncryption(cmk, ["blob"]),
        tags,
      },
      // Azure checks that the identity can unwrap the key when the account is created with it.
      { ...stateful, dependsOn: [cmk.ready] },
    );
    lock(role, account.id, role === "escrow" ? "escrow storage account" : "DR escrow storage account");

    const blobService = new storage.BlobServiceProperties(
      `${name}-${role}-blob-service`,
      {
        accountName: account.name,
        resourceGroupName,
        blobServicesName: "default",
        isVersioningEnabled: true,
        deleteRetentionPolicy: { enabled: true, days: ESCROW_SOFT_DELETE_DAYS },
        // Container soft delete keeps a deleted container, and an immutable account is deleted only once it holds
        // none: with protection off (a destroy to come) a deleted container goes for good. The change feed keeps its
        // records in a container of the account, so a stack to be torn down creates its escrows without it
        // (escrowChangeFeed false). Platform limit azure-immutable-account-deleted-empty.
        containerDeleteRetentionPolicy: args.protection.enabled ? { enabled: true, days: ESCROW_SOFT_DELETE_DAYS } : { enabled: false },
        changeFeed: { enabled: args.escrowChangeFeed !== false },
      },
      { parent: this },
    );
    const container = new storage.BlobContainer(
      `${name}-${role}-container`,
      { accountName: account.name, resourceGroupName, containerName: ESCROW_CONTAINER, publicAccess: "None", metadata: { cenmbackupelement: ELEMENT } },
      { ...stateful, dependsOn: [blobService] },
    );
    this.privateEndpoint(name, role, account.id, "blob", args.blobPrivateDnsZoneId, location, resourceGroupName, subnetId, tags);
    return { account, container, keyVaultId: cmk.vaultId };
  }
}

/** Every copy of the signing keys the component declares or records, with what it is worth. */
export function keyCopyDescriptors(name: string, args: AzureKeyVaultArgs, plan: KeyVaultPlan): CopyDescriptor[] {
  const days = args.escrowRetentionDays;
  const immutability = !plan.immutable
    ? "no immutability (a dev escrow of throw-away test keys, deleted with its contents by pulumi destroy)"
    : plan.policyState === "Locked"
      ? `version-level immutability Locked ${days} days (no one can shorten or remove it)`
      : `version-level immutability Unlocked ${days} days (protects versions, but a principal allowed to change the account can shorten or remove the policy)`;
  const escrowMechanism = (region: string): string =>
    `StorageV2 ${ESCROW_SKU} account in ${region}, container ${ESCROW_CONTAINER}, ${immutability}, blob versioning, ${ESCROW_SOFT_DELETE_DAYS}-day soft delete, ` +
    "public network access disabled, reachable only through a private endpoint in the vault subnet of its region; not reachable from the Internet";
  const copies: CopyDescriptor[] = [
    {
      element: ELEMENT,
      role: "key-vault",
      resource: `${name}-vault`,
      region: args.location,
      availabilityZones: [],
      mode: "synchronous",
      rpo:
        "0 within the region: Azure replicates the vault's contents inside its region, and in most paired regions also to the paired region (no published lag figure); " +
        "not a separate copy: a deletion or purge reaches every replica, and Key Vault backups restore only in the same subscription and geography",
      mechanism:
        `premium Key Vault (HSM-protected keys), purge protection, ${KEY_VAULT_SOFT_DELETE_DAYS}-day soft delete, RBAC, public network access disabled, ` +
        "reachable only through a private endpoint in the vault subnet; not reachable from the Internet",
    },
    {
      element: ELEMENT,
      role: "escrow",
      resource: `${name}-escrow`,
      region: args.location,
      availabilityZones: [],
      mode: "point-in-time",
      rpo: "as of the last upload of wrapped key material by the key ceremony (nothing is copied automatically); 0 for the loss of a zone (Azure Storage ZRS)",
      mechanism: escrowMechanism(args.location),
    },
  ];
  if (plan.drReplica) {
    copies.push({
      element: ELEMENT,
      role: "dr-escrow",
      resource: `${name}-dr-escrow`,
      region: args.drLocation,
      availabilityZones: [],
      mode: "point-in-time",
      rpo: "as of the last upload to this account: the key ceremony writes it separately from the primary escrow (no object replication)",
      mechanism: `separate immutable copy: ${escrowMechanism(args.drLocation)}`,
    });
  }
  for (const copy of plan.offlineCopies) {
    copies.push({
      element: ELEMENT,
      role: "offline",
      resource: copy.id,
      region: "offline",
      availabilityZones: [],
      mode: "point-in-time",
      rpo: `as of lastVerified ${copy.lastVerified}`,
      mechanism: `${copy.medium} at ${copy.location}, custodians ${copy.custodians.join(", ")}; recorded by the operator, not managed by this package; not connected to the Internet`,
    });
  }
  return copies;
}
