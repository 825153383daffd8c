import { ConfigError } from "../../src/config/errors";
import { deepMerge, loadStackConfig } from "../../src/config/load";
import { NOW, rawAzureStack } from "./fixtures";

function refused(override: Record<string, unknown>, env: "dev" | "staging" | "prod" = "staging"): ConfigError {
  try {
    loadStackConfig(deepMerge(rawAzureStack(env), override) as Record<string, unknown>, { now: NOW });
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error("expected the configuration to be refused");
}

describe("Azure presets", () => {
  it.each(["dev", "staging", "prod"] as const)("%s is valid with only location settings", (env) => {
    const { config } = loadStackConfig(rawAzureStack(env), { now: NOW });
    expect(config.cloud).toBe("azure");
    expect(config.database.instanceClass).toMatch(/^Standard_/);
    expect(config.fileStore.storageSku).toBeDefined();
  });

  it("prod has zone-redundant HA on a General Purpose or Memory Optimized tier, geo-redundant backup and GZRS files", () => {
    const { config } = loadStackConfig(rawAzureStack("prod"), { now: NOW });
    expect(config.database).toMatchObject({ topology: "multi-az-instance", tier: "MemoryOptimized", drBackupReplication: true, crossRegionReplica: true });
    // A read replica cannot have high availability: Azure prod sets no Multi-AZ replica (AWS's prod preset does).
    expect(config.database.replicaMultiAz).toBeUndefined();
    expect(config.fileStore.storageSku).toBe("Standard_GZRS");
    expect(config.snapshots.lock.mode).toBe("compliance");
  });

  it("dev is Burstable without HA, on Premium_ZRS shares", () => {
    const { config } = loadStackConfig(rawAzureStack("dev"), { now: NOW });
    expect(config.database).toMatchObject({ topology: "single-az-instance", tier: "Burstable" });
    expect(config.fileStore.storageSku).toBe("Premium_ZRS");
  });

  it("staging and prod back the shares up into the vault; dev keeps snapshots in the account only", () => {
    expect(loadStackConfig(rawAzureStack("dev"), { now: NOW }).config.fileStore.backupTier).toBe("snapshot");
    for (const env of ["staging", "prod"] as const) expect(loadStackConfig(rawAzureStack(env), { now: NOW }).config.fileStore.backupTier).toBe("vault-standard");
  });

  it("vaulted share backups keep their daily copies past the snapshot tier's 200 days, up to the backup vault's 10 years", () => {
    const { config } = loadStackConfig(deepMerge(rawAzureStack("staging"), { snapshots: { daily: { retentionDays: 300 }, monthly: { retentionDays: 400 } } }) as Record<string, unknown>, { now: NOW });
    expect(config.snapshots.daily.retentionDays).toBe(300);
    expect(refused({ snapshots: { daily: { retentionDays: 4000 }, monthly: { retentionDays: 4000 } } }).issues.map((i) => i.key)).toContain("cenm-backup:snapshots.daily.retentionDays");
  });

  it("a stack torn down with protection off creates its immutable escrows without a change feed: Azure deletes them only once they hold no container", () => {
    const e = refused({ protection: { enabled: false } });
    expect(e.issues.map((i) => i.key)).toEqual(["cenm-backup:keyVault.escrowChangeFeed"]);
    expect(e.message).toMatch(/keyVault.escrowChangeFeed: .*expected false when protection.enabled is false outside dev/);
    const { config } = loadStackConfig(deepMerge(rawAzureStack("staging"), { protection: { enabled: false }, keyVault: { escrowChangeFeed: false } }) as Record<string, unknown>, { now: NOW });
    expect(config.keyVault.escrowChangeFeed).toBe(false);
    // Dev's escrows are not immutable: nothing to refuse.
    expect(() => loadStackConfig(rawAzureStack("dev"), { now: NOW })).not.toThrow();
  });

  it("names the access method that rules vaulted share backups out", () => {
    expect(refused({ fileStore: { smbAccess: "entra-kerberos" } }).message).toMatch(/fileStore.backupTier: received "vault-standard"; expected "snapshot" with fileStore.smbAccess "entra-kerberos"/);
  });
});

describe("Azure bad input", () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ["Oracle", { database: { engine: "oracle", engineVersion: "19", topology: "multi-az-instance" } }, "cenm-backup:database.engine"],
    ["a Multi-AZ DB cluster", { database: { topology: "multi-az-cluster" } }, "cenm-backup:database.topology"],
    ["zone-redundant HA on Burstable", { database: { tier: "Burstable" } }, "cenm-backup:database.tier"],
    ["an RDS instance class", { database: { instanceClass: "db.r6gd.large" } }, "cenm-backup:database.instanceClass"],
    ["a storage size Azure does not offer", { database: { allocatedStorageGb: 100 } }, "cenm-backup:database.allocatedStorageGb"],
    // Azure Backup supports vaulted backups of flexible servers up to 1 TB (azure-postgres-vaulted-backup-size).
    ["a server larger than the vaulted backups support", { database: { allocatedStorageGb: 2048 } }, "cenm-backup:database.allocatedStorageGb"],
    ["an AWS-style zone", { primary: { availabilityZones: ["westeurope-1", "2"] } }, "cenm-backup:primary.availabilityZones[0]"],
    ["no DR virtual network", { network: { drVnetCidr: null } }, "cenm-backup:network.drVnetCidr"],
    ["CloudHSM", { keyVault: { cloudHsm: true } }, "cenm-backup:keyVault.cloudHsm"],
    ["a DR copy of the files on Premium_ZRS", { fileStore: { storageSku: "Premium_ZRS" } }, "cenm-backup:fileStore.storageSku"],
    ["a region Azure does not pair", { primary: { region: "mars" } }, "cenm-backup:primary.region"],
    ["a DR region that is not the pair", { dr: { region: "eastus" } }, "cenm-backup:dr.region"],
    ["a virtual network too small for the data subnets", { network: { vpcCidr: "10.80.0.0/30" } }, "cenm-backup:network.vpcCidr"],
    // Retention bounds the Azure components hold: refused here, not by a component during the plan (exit 3).
    ["daily backups kept longer than Azure Files keeps share snapshots", { fileStore: { backupTier: "snapshot" }, snapshots: { daily: { retentionDays: 300 }, monthly: { retentionDays: 400 } } }, "cenm-backup:snapshots.daily.retentionDays"],
    ["vaulted share backups with shared keys off", { fileStore: { smbAccess: "entra-kerberos" } }, "cenm-backup:fileStore.backupTier"],
    ["no share backup tier", { fileStore: { backupTier: null } }, "cenm-backup:fileStore.backupTier"],
    ["an unknown share backup tier", { fileStore: { backupTier: "archive" } }, "cenm-backup:fileStore.backupTier"],
    ["daily backups kept less than the package's week-long floor", { snapshots: { daily: { retentionDays: 3 } } }, "cenm-backup:snapshots.daily.retentionDays"],
    ["monthly backups kept past the vault's 10 years", { snapshots: { monthly: { enabled: true, retentionDays: 5000 } } }, "cenm-backup:snapshots.monthly.retentionDays"],
    ["monthly backups kept less than the daily ones", { snapshots: { daily: { retentionDays: 35 }, monthly: { enabled: true, retentionDays: 20 } } }, "cenm-backup:snapshots.monthly.retentionDays"],
    ["DR copies kept past the vault's 10 years", { snapshots: { drCopy: { enabled: true, retentionDays: 5000 } } }, "cenm-backup:snapshots.drCopy.retentionDays"],
    // A flexible-server read replica has no high availability (rule azure-postgres-replica-no-high-availability).
    ["a Multi-AZ read replica", { database: { replicaMultiAz: true } }, "cenm-backup:database.replicaMultiAz"],
    // AWS Backup's vault-lock bounds mean nothing on Azure.
    ["an AWS vault-lock bound", { snapshots: { lock: { maxRetentionDays: 3650 } } }, "cenm-backup:snapshots.lock.maxRetentionDays"],
  ];
  it.each(cases)("%s is refused with its key named", (_label, override, key) => {
    const err = refused(override);
    expect(err.issues.map((i) => i.key)).toContain(key);
    expect(err.message).toContain(`${key}: received`);
  });

  it("a share backup tier is refused on AWS", () => {
    const raw = { ...rawAzureStack("staging"), cloud: "aws", primary: { region: "eu-west-1", availabilityZones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"] }, dr: { region: "eu-central-1" }, network: { vpcCidr: "10.30.0.0/16", cenmCidrs: ["10.130.0.0/20"], vaultVpcCidr: "10.31.0.0/24" }, fileStore: { backupTier: "snapshot" } };
    expect(() => loadStackConfig(raw, { now: NOW })).toThrow(/cenm-backup:fileStore.backupTier: received "snapshot"; expected nothing on AWS/);
  });

  it("a replica-lag threshold in MiB is refused on AWS, where RDS measures the lag in seconds", () => {
    const base = rawAzureStack("staging") as Record<string, any>;
    const raw = { ...base, cloud: "aws", primary: { region: "eu-west-1", availabilityZones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"] }, dr: { region: "eu-central-1" }, network: { vpcCidr: "10.30.0.0/16", cenmCidrs: ["10.130.0.0/20"], vaultVpcCidr: "10.31.0.0/24" }, fileStore: {}, database: { replicaLagAlarmMiB: 16 } };
    expect(() => loadStackConfig(raw, { now: NOW })).toThrow(/cenm-backup:database.replicaLagAlarmMiB: received 16; expected nothing on AWS .*replicaLagAlarmSeconds/);
  });

  it("a replica-lag threshold in MiB is accepted on Azure and reaches the configuration", () => {
    const { config } = loadStackConfig(deepMerge(rawAzureStack("prod"), { database: { replicaLagAlarmMiB: 64 } }) as Record<string, unknown>, { now: NOW });
    expect(config.database.replicaLagAlarmMiB).toBe(64);
  });

  it("an Azure SKU is refused on AWS", () => {
    const raw = { ...rawAzureStack("staging"), cloud: "aws", primary: { region: "eu-west-1", availabilityZones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"] }, dr: { region: "eu-central-1" }, network: { vpcCidr: "10.30.0.0/16", cenmCidrs: ["10.130.0.0/20"], vaultVpcCidr: "10.31.0.0/24" }, database: { instanceClass: "Standard_D2ds_v5" } };
    expect(() => loadStackConfig(raw, { now: NOW })).toThrow(/cenm-backup:database.instanceClass: received "Standard_D2ds_v5"; expected an RDS instance class/);
  });
});

describe("Azure: the two-step deployment of a locked stack, and the PostgreSQL administrator", () => {
  it("takes protection.firstDeployment in a compliance stack and says it is step 1 of 2", () => {
    const { config, warnings } = loadStackConfig(deepMerge(rawAzureStack("prod"), { protection: { firstDeployment: true } }) as Record<string, unknown>, { now: NOW });
    expect(config.protection.firstDeployment).toBe(true);
    expect(warnings).toEqual([expect.stringContaining("step 1 of 2")]);
  });

  it("takes protection.firstDeployment where nothing is locked too: the backup vault's key still waits for step 2", () => {
    const { config, warnings } = loadStackConfig(deepMerge(rawAzureStack("staging"), { protection: { firstDeployment: true } }) as Record<string, unknown>, { now: NOW });
    expect(config.protection.firstDeployment).toBe(true);
    expect(warnings).toEqual([expect.stringContaining("customer-managed key")]);
  });

  it("refuses the former name protection.createUnlocked with the new one", () => {
    const err = refused({ protection: { createUnlocked: true } }, "prod");
    const hit = err.issues.find((i) => i.key === "cenm-backup:protection.createUnlocked")!;
    expect(hit.expected).toContain("protection.firstDeployment");
  });

  it("requires the Entra administrator of a PostgreSQL server, whose password sign-in is off", () => {
    const err = refused({ database: { entraAdministrator: null } });
    const hit = err.issues.find((i) => i.key === "cenm-backup:database.entraAdministrator")!;
    expect(hit.received).toBe("nothing (the key is not set)");
    expect(hit.expected).toContain("nobody can sign in");
  });

  it("refuses an AWS master-password keeper: the servers take Entra sign-in", () => {
    const err = refused({ database: { masterPassword: "generated" } });
    expect(err.issues.find((i) => i.key === "cenm-backup:database.masterPassword")?.expected).toContain("nothing on Azure");
  });

  it("refuses an administrator that is not an Entra object id", () => {
    const err = refused({ database: { entraAdministrator: { objectId: "cenm-dba" } } });
    expect(err.issues.map((i) => i.key)).toContain("cenm-backup:database.entraAdministrator.objectId");
  });
});
