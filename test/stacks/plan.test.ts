/**
 * Each stack file, planned offline through the real program: a reviewable summary of its plan (the plan's own text
 * and its resources counted by type), plus explicit assertions on what matters most (the four elements, regions,
 * protection, platform limits, no plain secrets).
 */
import { listStacks, readStackFile } from "../../src/offline/stackFile";
import { planStack, resourceViews, summarize } from "../../src/offline/plan";
import { ALL_STATEFUL_TYPES as STATEFUL_TYPES } from "../../src/domain/resources/stateful";
import type { StackPlan } from "../../src/offline/plan";
import { checkPlatformLimits } from "../../src/domain/limits";
import { planObjectiveLines } from "../../src/audit/planObjectives";
import type { PlanDocument, PlanResource } from "../../src/offline/plan";

const stacks = listStacks("stacks");
const plans = new Map<string, StackPlan>();

beforeAll(async () => {
  for (const stack of stacks) plans.set(stack, await planStack(stack));
});

describe.each(stacks)("stack %s", (stack) => {
  const plan = (): StackPlan => plans.get(stack)!;

  it("matches its reviewed summary: the plan's text and its resources counted by type", () => {
    const counts = new Map<string, number>();
    for (const r of plan().run.resources) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
    const table = [...counts.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([t, n]) => `${String(n).padStart(3)}  ${t}`);
    // The recovery objectives as the command line adds them (the audit's lines: the offline layer reads no audit).
    expect(`${summarize(plan().run, { objectives: planObjectiveLines(plan().document) })}\n\nResources by type:\n${table.join("\n")}\n`).toMatchSnapshot();
  });

  it("passes every platform-limit check", () => {
    expect(checkPlatformLimits(resourceViews(plan().document))).toEqual([]);
  });

  const cloud = stack.split("-")[0];

  it("declares the four backup elements as components", () => {
    const types = plan().run.resources.filter((r) => !r.custom).map((r) => r.type);
    for (const t of ["ReplicatedDatabase", "SnapshotSchedule", "ReplicatedFileStore", "OfflineKeyVault"]) {
      expect(types).toContain(`cenm-backup:${cloud}:${t}`);
    }
  });

  it("puts every resource in the primary or the DR region, explicitly", () => {
    const { outputs, resources } = plan().run;
    if (cloud === "azure") {
      // Azure: child resources without a location of their own (subnets, locks, databases...) live in their parent's.
      const locations = new Set(resources.filter((r) => r.custom && r.inputs.location !== undefined).map((r) => String(r.inputs.location).toLowerCase()));
      expect([...locations].sort()).toEqual(["global", outputs.drRegion, outputs.primaryRegion].sort());
      // Everything else names its resource group, or the scope it applies to (locks, role assignments, alerts);
      // the role-propagation waits and the random parts of key vault names live in the state only.
      for (const r of resources.filter((x) => x.custom && x.inputs.resourceGroupName === undefined && x.inputs.scope === undefined && x.type !== "time:index/sleep:Sleep" && !x.type.startsWith("random:") && x.type !== "pulumi-nodejs:dynamic:Resource")) {
        expect(r.type).toBe("azure-native:resources:ResourceGroup");
      }
      return;
    }
    const regions = new Set(resources.filter((r) => r.custom && r.inputs.region !== undefined).map((r) => r.inputs.region));
    expect([...regions].sort()).toEqual([outputs.drRegion, outputs.primaryRegion].filter((r, i, a) => a.indexOf(r) === i).sort());
    // IAM is global, and a random id lives in the state only.
    const withoutRegion = resources.filter((r) => r.custom && r.inputs.region === undefined).map((r) => r.type);
    expect(withoutRegion.filter((t) => !t.startsWith("aws:iam/") && !t.startsWith("random:"))).toEqual([]);
  });

  it("looks up the deploying account once for the whole stack, not once per component", () => {
    const calls = plan().run.calls;
    const lookups = cloud === "aws" ? ["aws:index/getCallerIdentity:getCallerIdentity", "aws:index/getPartition:getPartition"] : ["azure-native:authorization:getClientConfig"];
    for (const token of lookups) expect(calls.filter((t) => t === token)).toHaveLength(1);
  });

  it("protects stateful resources outside dev, and only there, unless the stack file turns protection off", () => {
    const env = plan().run.outputs.environment;
    // A stack's own cenm-backup:protection.enabled overrides its environment's preset (the sandbox turns it off).
    const own = readStackFile(stack, "stacks").config["cenm-backup:protection"];
    const enabled = (own ? (JSON.parse(own) as { enabled?: boolean }).enabled : undefined) ?? env !== "dev";
    const stateful = plan().run.resources.filter((r) => STATEFUL_TYPES.has(r.type));
    expect(stateful.length).toBeGreaterThan(5);
    for (const r of stateful) {
      expect({ name: r.name, protect: r.options.protect, retain: r.options.retainOnDelete }).toEqual({ name: r.name, protect: enabled, retain: enabled });
    }
  });

  it("never carries a password or a secret in plain text", () => {
    const text = JSON.stringify(plan().document);
    for (const r of plan().run.resources) {
      // The only password is the database's generated master password, and only ever as a Pulumi secret.
      for (const key of ["password", "masterPassword", "passwordWo", "masterPasswordWo", "secretString", "secretStringWo"]) {
        if (r.inputs[key] !== undefined) expect([r.name, key, r.inputs[key]]).toEqual([r.name, key, "[secret]"]);
      }
    }
    expect(text).not.toMatch(/-----BEGIN [A-Z ]*PRIVATE KEY-----/);
    expect(text).not.toMatch(/"(password|secret|privateKey)"\s*:\s*"(?!\[secret\])[^"]+"/i);
  });
});

it("plans every stack of both clouds", () => {
  expect(stacks).toEqual(["aws-dev", "aws-prod", "aws-sandbox", "aws-staging", "azure-dev", "azure-prod", "azure-sandbox", "azure-staging"]);
});

// ---------------------------------------------------------------------------------------------------------------
// What the first `pulumi up` of each shipped Azure stack needs from Azure, read from its plan: every resource that
// relies on a role granted in the same deployment waits for the role to take effect, the backup instance waits for
// the server's last child, key vault names survive a destroy, and the two networks are peered.
// ---------------------------------------------------------------------------------------------------------------

const SLEEP = "time:index/sleep:Sleep";
const ROLE = "azure-native:authorization:RoleAssignment";


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

describe.each(stacks.filter((s) => s.startsWith("azure-")))("%s, first up", (stack) => {
  const doc = () => plans.get(stack)!.document;

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

  it("keeps each key role of a vault's own identity until that vault is deleted: a vault whose identity lost its key cannot be deleted", () => {
    const VAULTS = ["azure-native:dataprotection:BackupVault", "azure-native:recoveryservices:Vault"];
    const keyVaults = new Set(ofType(doc(), "azure-native:keyvault:Vault").map((v) => v.urn));
    const grants = ofType(doc(), ROLE).filter((g) => (g.propertyDependencies.scope ?? []).some((u) => keyVaults.has(u)));
    let vaultGrants = 0;
    for (const grant of grants) {
      const principal = (grant.propertyDependencies.principalId ?? []).map((u) => named(doc(), nameOf(doc(), u)!));
      const vault = principal.find((p) => VAULTS.includes(p.type));
      if (!vault) continue;
      vaultGrants++;
      expect([grant.name, grant.options.deletedWith]).toEqual([grant.name, vault.name]);
    }
    // The database backup vault's, and the share backup vault's where it holds vaulted backups (staging, prod, sandbox).
    expect(vaultGrants).toBe(stack === "azure-dev" ? 1 : 2);
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
    // The last setting of the primary's chain (or the virtual endpoint when a replica is declared); the CENM
    // databases are the DBA bootstrap's, not ARM's.
    expect(ofType(doc(), "azure-native:dbforpostgresql:Database")).toHaveLength(0);
    const endpoint = ofType(doc(), "azure-native:dbforpostgresql:VirtualEndpoint")[0];
    const settings = ofType(doc(), "azure-native:dbforpostgresql:Configuration").filter((c) => c.name.startsWith("cenm-db-server-"));
    const tail = settings.filter((c) => !settings.some((other) => (other.options.dependsOn ?? []).includes(c.name)));
    expect(tail).toHaveLength(1);
    expect(refs).toContain(endpoint ? endpoint.name : tail[0].name);
  });

  it("declares every key vault with an empty access-policy list and a name whose random part goes with the stack", () => {
    for (const vault of ofType(doc(), "azure-native:keyvault:Vault")) {
      expect((vault.inputs.properties as any).accessPolicies).toEqual([]);
      expect((vault.propertyDependencies.vaultName ?? []).map((u) => nameOf(doc(), u))).toContain(`${vault.name}-name`);
    }
  });

  it("creates the servers once their DNS zone is linked to both networks, and the DR replica once the networks are peered", () => {
    const deps = (r: PlanResource, input: string) => (r.propertyDependencies[input] ?? []).map((u) => nameOf(doc(), u)!);
    const links = ofType(doc(), "azure-native:privatedns:VirtualNetworkLink").filter((l) => l.name.includes("-zone-postgres-")).map((l) => l.name).sort();
    expect(links).toHaveLength(2);
    const servers = ofType(doc(), "azure-native:dbforpostgresql:Server");
    for (const server of servers) expect([server.name, links.every((l) => deps(server, "network").includes(l))]).toEqual([server.name, true]);
    const replica = servers.find((s) => s.inputs.createMode === "Replica");
    if (replica) {
      const peerings = ofType(doc(), "azure-native:network:VirtualNetworkPeering").map((p) => p.name);
      expect(peerings).toHaveLength(2);
      for (const p of peerings) expect(deps(replica, "network")).toContain(p);
    }
  });

  it("peers the primary and DR networks both ways", () => {
    expect(ofType(doc(), "azure-native:network:VirtualNetworkPeering").map((p) => p.name).sort()).toEqual(["cenm-network-peering-from-dr", "cenm-network-peering-to-dr"]);
  });
});
