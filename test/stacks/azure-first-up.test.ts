/**
 * What the first `pulumi up` of each shipped Azure stack needs from Azure, read from its offline plan: every
 * resource that relies on a role granted in the same deployment waits for the role to take effect, the backup
 * instance waits for the server's last child, key vault names survive a destroy, and the two networks are peered.
 */
import { planStack } from "../../src/offline/plan";
import type { PlanDocument, PlanResource } from "../../src/offline/plan";

const STACKS = ["azure-dev", "azure-staging", "azure-prod"] as const;
const SLEEP = "time:index/sleep:Sleep";
const ROLE = "azure-native:authorization:RoleAssignment";

const docs = new Map<string, PlanDocument>();
beforeAll(async () => {
  for (const stack of STACKS) docs.set(stack, (await planStack(stack)).document);
});

const ofType = (doc: PlanDocument, type: string) => doc.resources.filter((r) => r.type === type);
const named = (doc: PlanDocument, name: string) => doc.resources.find((r) => r.name === name)!;
const nameOf = (doc: PlanDocument, urn: string) => doc.resources.find((r) => r.urn === urn)?.name;

/** The role assignments a resource waits for, through a Sleep it depends on. */
function awaitedRoles(doc: PlanDocument, r: PlanResource): string[] {
  return (r.options.dependsOn ?? [])
    .map((name) => named(doc, name))
    .filter((d) => d?.type === SLEEP)
    .flatMap((sleep) => (sleep.options.dependsOn ?? []).filter((n) => named(doc, n)?.type === ROLE));
}

/** The role assignment that grants `principalOf` (a resource's URN whose principal id it takes) a role. */
function grantsOf(doc: PlanDocument, identityName: string): string[] {
  return ofType(doc, ROLE)
    .filter((g) => (g.propertyDependencies.principalId ?? []).some((urn) => nameOf(doc, urn) === identityName))
    .map((g) => g.name);
}

describe.each(STACKS)("%s, first up", (stack) => {
  const doc = () => docs.get(stack)!;

  it("creates each resource that encrypts through a user-assigned identity only after that identity's key role has had time to take effect", () => {
    const encrypted = [
      ...ofType(doc(), "azure-native:storage:StorageAccount").filter((a) => (a.inputs.encryption as any)?.encryptionIdentity),
      ...ofType(doc(), "azure-native:dbforpostgresql:Server").filter((s) => (s.inputs.dataEncryption as any)?.type === "AzureKeyVault"),
    ];
    expect(encrypted.length).toBeGreaterThanOrEqual(3);
    for (const r of encrypted) {
      const identities = Object.entries(r.propertyDependencies)
        .filter(([input]) => input === "identity")
        .flatMap(([, urns]) => urns.map((u) => nameOf(doc(), u)!))
        .filter((n) => named(doc(), n).type === "azure-native:managedidentity:UserAssignedIdentity");
      expect([r.name, identities.length > 0]).toEqual([r.name, true]);
      const awaited = awaitedRoles(doc(), r);
      for (const identity of identities) expect([r.name, identity, grantsOf(doc(), identity).every((g) => awaited.includes(g))]).toEqual([r.name, identity, true]);
    }
  });

  it("waits 10 minutes after each role assignment another resource relies on, and only at creation", () => {
    for (const sleep of ofType(doc(), SLEEP)) {
      expect(sleep.inputs.createDuration).toBe("10m");
      expect(sleep.inputs.destroyDuration).toBeUndefined();
      expect((sleep.options.dependsOn ?? []).every((n) => named(doc(), n).type === ROLE)).toBe(true);
    }
  });

  it("binds the server to its backup vault only after the vault's roles took effect and the server's last child is in place", () => {
    const instance = ofType(doc(), "azure-native:dataprotection:BackupInstance")[0];
    expect(awaitedRoles(doc(), instance).sort()).toEqual(["cenm-snapshots-vault-crypto-user", "cenm-snapshots-vault-ltr-backup", "cenm-snapshots-vault-rg-reader"]);
    const refs = (instance.propertyDependencies.properties ?? []).map((u) => nameOf(doc(), u));
    // The last database of the chain (or the virtual endpoint when a replica is declared).
    const endpoint = ofType(doc(), "azure-native:dbforpostgresql:VirtualEndpoint")[0];
    const databases = ofType(doc(), "azure-native:dbforpostgresql:Database").filter((d) => d.inputs.serverName !== undefined);
    const tail = databases.filter((d) => !databases.some((other) => (other.options.dependsOn ?? []).includes(d.name)));
    expect(tail).toHaveLength(1);
    expect(refs).toContain(endpoint ? endpoint.name : tail[0].name);
  });

  it("declares every key vault with an empty access-policy list and a name whose random part goes with the stack", () => {
    for (const vault of ofType(doc(), "azure-native:keyvault:Vault")) {
      expect((vault.inputs.properties as any).accessPolicies).toEqual([]);
      expect((vault.propertyDependencies.vaultName ?? []).map((u) => nameOf(doc(), u))).toContain(`${vault.name}-name`);
    }
  });

  it("peers the primary and DR networks both ways", () => {
    expect(ofType(doc(), "azure-native:network:VirtualNetworkPeering").map((p) => p.name).sort()).toEqual(["cenm-network-peering-from-dr", "cenm-network-peering-to-dr"]);
  });
});
