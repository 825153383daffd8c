/**
 * The Azure components of the component package, made like the AWS ones (see ./aws.ts): a component of its own
 * type (`cenm-backup:index:Azure<Name>`) that takes the library component's args unchanged, declares that
 * component (`cenm-backup/azure`) as its only child and passes its outputs on. AzureNetwork keeps its name, which
 * already carries the cloud.
 */
import * as pulumi from "@pulumi/pulumi";
import { AzureNetwork as NetworkComponent, type AzureNetworkComponentArgs } from "../components/azure/AzureNetwork";
import { OfflineKeyVault } from "../components/azure/OfflineKeyVault";
import { ReplicatedDatabase } from "../components/azure/ReplicatedDatabase";
import { ReplicatedFileStore, type ShareOutput } from "../components/azure/ReplicatedFileStore";
import { SnapshotSchedule } from "../components/azure/SnapshotSchedule";
import type { AzureDatabaseArgs, AzureFileStoreArgs, AzureKeyVaultArgs, AzureSnapshotScheduleArgs } from "../components/azure/contracts";
import type { CopyDescriptor, ServiceDatabase } from "../components/types";
import type { OfflineCopy } from "../domain/vocabulary";
import { componentToken, outputsOf } from "./component";

/** A record of fixed keys as the map the schema can express. */
const asMap = (record: Readonly<Record<string, string>>): Record<string, string> => ({ ...record });

/**
 * The network, DNS and alerting foundation of the Azure components: a resource group and a virtual network in each
 * region, three data subnets per network (PostgreSQL, private endpoints, and a vault subnet with no route to the
 * Internet), the private DNS zones linked to both networks, the peering between them and an action group.
 * Declares `AzureNetwork` of `cenm-backup/azure`.
 */
export class AzureNetwork extends pulumi.ComponentResource {
  /** Resource group of the primary region. */
  public readonly resourceGroupName: pulumi.Output<string>;
  /** Resource group of the DR region. */
  public readonly drResourceGroupName: pulumi.Output<string>;
  /** ARM id of the primary resource group. */
  public readonly resourceGroupId: pulumi.Output<string>;
  /** ARM id of the DR resource group. */
  public readonly drResourceGroupId: pulumi.Output<string>;
  /** The primary virtual network. */
  public readonly vnetId: pulumi.Output<string>;
  /** The DR virtual network. */
  public readonly drVnetId: pulumi.Output<string>;
  /** Primary subnet delegated to PostgreSQL flexible servers. */
  public readonly postgresSubnetId: pulumi.Output<string>;
  /** Primary subnet of the storage and SQL private endpoints. */
  public readonly endpointsSubnetId: pulumi.Output<string>;
  /** Primary subnet with no route to the Internet, for the Key Vault and escrow endpoints. */
  public readonly vaultSubnetId: pulumi.Output<string>;
  /** DR subnet delegated to PostgreSQL flexible servers. */
  public readonly drPostgresSubnetId: pulumi.Output<string>;
  /** DR subnet of the private endpoints. */
  public readonly drEndpointsSubnetId: pulumi.Output<string>;
  /** DR subnet with no route to the Internet. */
  public readonly drVaultSubnetId: pulumi.Output<string>;
  /** Blocks of the primary data subnets, by subnet: postgres, endpoints, vault. */
  public readonly subnetCidrs: pulumi.Output<Record<string, string>>;
  /** Blocks of the DR data subnets, by subnet: postgres, endpoints, vault. */
  public readonly drSubnetCidrs: pulumi.Output<Record<string, string>>;
  /** Ids of the private DNS zones, by use: postgres, blob, file, vault, sql. */
  public readonly privateDnsZoneIds: pulumi.Output<Record<string, string>>;
  /** Name of the PostgreSQL private DNS zone, e.g. `cenm.private.postgres.database.azure.com`. */
  public readonly postgresPrivateDnsZoneName: pulumi.Output<string>;
  /** The action group e-mailing `alertEmails`. */
  public readonly actionGroupId: pulumi.Output<string>;
  /** Primary region. */
  public readonly location: pulumi.Output<string>;
  /** DR region. */
  public readonly drLocation: pulumi.Output<string>;
  /** Zones of the primary region the database uses. */
  public readonly availabilityZones: pulumi.Output<string[]>;

  constructor(name: string, args: AzureNetworkComponentArgs, opts?: pulumi.ComponentResourceOptions) {
    super(componentToken("AzureNetwork"), name, {}, opts);
    const network = new NetworkComponent(name, args, { parent: this });
    this.resourceGroupName = network.resourceGroupName;
    this.drResourceGroupName = network.drResourceGroupName;
    this.resourceGroupId = network.resourceGroupId;
    this.drResourceGroupId = network.drResourceGroupId;
    this.vnetId = network.vnetId;
    this.drVnetId = network.drVnetId;
    this.postgresSubnetId = network.postgresSubnetId;
    this.endpointsSubnetId = network.endpointsSubnetId;
    this.vaultSubnetId = network.vaultSubnetId;
    this.drPostgresSubnetId = network.drPostgresSubnetId;
    this.drEndpointsSubnetId = network.drEndpointsSubnetId;
    this.drVaultSubnetId = network.drVaultSubnetId;
    this.subnetCidrs = network.subnetCidrs.apply(asMap);
    this.drSubnetCidrs = network.drSubnetCidrs.apply(asMap);
    this.privateDnsZoneIds = network.privateDnsZoneIds.apply(asMap);
    this.postgresPrivateDnsZoneName = network.postgresPrivateDnsZoneName;
    this.actionGroupId = network.actionGroupId;
    this.location = network.location;
    this.drLocation = network.drLocation;
    this.availabilityZones = network.availabilityZones;
    this.registerOutputs(outputsOf(this));
  }
}

/**
 * R3's database replication on Azure: a PostgreSQL flexible server with zone-redundant high availability,
 * geo-redundant backup, Entra-only authentication, a customer-managed key and an optional geo read replica behind
 * a read-write virtual endpoint; or Azure SQL logical servers in both regions with zone-redundant databases and a
 * failover group. Declares `ReplicatedDatabase` of `cenm-backup/azure`.
 */
export class AzureReplicatedDatabase extends pulumi.ComponentResource {
  /**
   * ARM id of the primary server (PostgreSQL flexible server or SQL logical server). For PostgreSQL it resolves
   * only after the server's last child, so a resource given this id waits until Azure has finished changing the
   * server.
   */
  public readonly serverId: pulumi.Output<string>;
  /** Name of the primary server. */
  public readonly serverName: pulumi.Output<string>;
  /** Host name of the primary server. */
  public readonly fqdn: pulumi.Output<string>;
  /**
   * Host name clients should use: the virtual endpoint's writer name (PostgreSQL with a replica), the failover
   * group's read-write listener (SQL with a failover group), otherwise the server's own name.
   */
  public readonly readWriteEndpoint: pulumi.Output<string>;
  /** DR read replica (PostgreSQL) or DR logical server (SQL); absent when there is none. */
  public readonly replicaServerId: pulumi.Output<string | undefined>;
  /** Name of that DR server; absent when there is none. */
  public readonly replicaServerName: pulumi.Output<string | undefined>;
  /** PostgreSQL virtual endpoint; absent when there is none. */
  public readonly virtualEndpointName: pulumi.Output<string | undefined>;
  /** SQL failover group; absent when there is none. */
  public readonly failoverGroupName: pulumi.Output<string | undefined>;
  /** The engine: postgres or sqlserver. */
  public readonly engine: pulumi.Output<string>;
  /** Primary region of the database. */
  public readonly region: pulumi.Output<string>;
  /** Zones the primary and its standby are pinned to (empty when Azure places the replicas itself). */
  public readonly availabilityZones: pulumi.Output<string[]>;
  /** User-assigned identity that unwraps the primary key (PostgreSQL); absent for SQL. */
  public readonly identityId: pulumi.Output<string | undefined>;
  /** Key vault of the primary customer-managed key (PostgreSQL); absent for SQL. */
  public readonly keyVaultId: pulumi.Output<string | undefined>;
  /** Key vault of the DR-region key (PostgreSQL with geo backup or a replica); absent otherwise. */
  public readonly drKeyVaultId: pulumi.Output<string | undefined>;
  /** The CENM service databases; their users are created by the DBA bootstrap through Entra ID. */
  public readonly databases: pulumi.Output<ServiceDatabase[]>;
  /** Every copy of the database this component declared. */
  public readonly copies: pulumi.Output<CopyDescriptor[]>;

  constructor(name: string, args: AzureDatabaseArgs, opts?: pulumi.ComponentResourceOptions) {
    super(componentToken("AzureReplicatedDatabase"), name, {}, opts);
    const db = new ReplicatedDatabase(name, args, { parent: this });
    this.serverId = db.serverId;
    this.serverName = db.serverName;
    this.fqdn = db.fqdn;
    this.readWriteEndpoint = db.readWriteEndpoint;
    this.replicaServerId = db.replicaServerId;
    this.replicaServerName = db.replicaServerName;
    this.virtualEndpointName = db.virtualEndpointName;
    this.failoverGroupName = db.failoverGroupName;
    this.engine = db.engine;
    this.region = db.region;
    this.availabilityZones = db.availabilityZones;
    this.identityId = db.identityId;
    this.keyVaultId = db.keyVaultId;
    this.drKeyVaultId = db.drKeyVaultId;
    this.databases = db.databases;
    this.copies = db.copies;
    this.registerOutputs(outputsOf(this));
  }
}

/**
 * R3's rolling database snapshots on Azure: a Data Protection backup vault (geo-redundant with cross-region
 * restore; immutability Locked and soft delete AlwaysOn in compliance mode) encrypted with a customer-managed key,
 * a daily backup policy with its retention rules, the backup instance of the PostgreSQL server, the roles the
 * vault needs, the storage account a restore writes the dumps into, and failed-job alerts. A new stack deploys it
 * in two steps (`firstDeployment`). Declares `SnapshotSchedule` of `cenm-backup/azure`.
 */
export class AzureSnapshotSchedule extends pulumi.ComponentResource {
  /** ARM id of the backup vault. */
  public readonly vaultId: pulumi.Output<string>;
  /** Name of the backup vault. */
  public readonly vaultName: pulumi.Output<string>;
  /** Principal id of the vault's system-assigned identity, which takes the backups and unwraps the key. */
  public readonly principalId: pulumi.Output<string>;
  /** Key vault of the customer-managed key. */
  public readonly keyVaultId: pulumi.Output<string>;
  /** Versionless URI of the customer-managed key. */
  public readonly keyUri: pulumi.Output<string>;
  /** ARM id of the backup policy. */
  public readonly policyId: pulumi.Output<string>;
  /** Name of the backup instance of the flexible server; absent for the SQL engine. */
  public readonly backupInstanceName: pulumi.Output<string | undefined>;
  /** The vault's immutability state: Locked, Unlocked or Disabled. */
  public readonly immutability: pulumi.Output<string>;
  /** The vault's soft delete state: AlwaysOn, On or Off. */
  public readonly softDelete: pulumi.Output<string>;
  /** The vault store's redundancy: GeoRedundant or ZoneRedundant. */
  public readonly storageRedundancy: pulumi.Output<string>;
  /** Every copy of the data this component declared. */
  public readonly copies: pulumi.Output<CopyDescriptor[]>;

  constructor(name: string, args: AzureSnapshotScheduleArgs, opts?: pulumi.ComponentResourceOptions) {
    super(componentToken("AzureSnapshotSchedule"), name, {}, opts);
    const schedule = new SnapshotSchedule(name, args, { parent: this });
    this.vaultId = schedule.vaultId;
    this.vaultName = schedule.vaultName;
    this.principalId = schedule.principalId;
    this.keyVaultId = schedule.keyVaultId;
    this.keyUri = schedule.keyUri;
    this.policyId = schedule.policyId;
    this.backupInstanceName = schedule.backupInstanceName;
    this.immutability = schedule.immutability;
    this.softDelete = schedule.softDelete;
    this.storageRedundancy = schedule.storageRedundancy;
    this.copies = schedule.copies;
    this.registerOutputs(outputsOf(this));
  }
}

/**
 * R3's replicated file storage on Azure Files: a storage account on Standard_GZRS (zones synchronous, the paired
 * region asynchronous) or Premium_ZRS, HTTPS and TLS 1.2 only, no public access, a private endpoint, one SMB share
 * per CENM service, share soft delete and daily share snapshots through a locked Recovery Services vault. Declares
 * `ReplicatedFileStore` of `cenm-backup/azure`.
 */
export class AzureReplicatedFileStore extends pulumi.ComponentResource {
  /** ARM id of the storage account. */
  public readonly storageAccountId: pulumi.Output<string>;
  /** Name of the storage account. */
  public readonly storageAccountName: pulumi.Output<string>;
  /** Each CENM service's share, by service. */
  public readonly shares: pulumi.Output<Record<string, ShareOutput>>;
  /** ARM id of the Recovery Services vault that snapshots the shares. */
  public readonly recoveryVaultId: pulumi.Output<string>;
  /** User-assigned identity that unwraps the storage account's customer-managed key. */
  public readonly identityId: pulumi.Output<string>;
  /** Key vault of the customer-managed key. */
  public readonly keyVaultId: pulumi.Output<string>;
  /** Versionless URI of the customer-managed key. */
  public readonly keyUri: pulumi.Output<string>;
  /** The storage account's SKU: Premium_ZRS or Standard_GZRS. */
  public readonly storageSku: pulumi.Output<string>;
  /** Every copy of the files this component declared. */
  public readonly copies: pulumi.Output<CopyDescriptor[]>;

  constructor(name: string, args: AzureFileStoreArgs, opts?: pulumi.ComponentResourceOptions) {
    super(componentToken("AzureReplicatedFileStore"), name, {}, opts);
    const store = new ReplicatedFileStore(name, args, { parent: this });
    this.storageAccountId = store.storageAccountId;
    this.storageAccountName = store.storageAccountName;
    this.shares = store.shares;
    this.recoveryVaultId = store.recoveryVaultId;
    this.identityId = store.identityId;
    this.keyVaultId = store.keyVaultId;
    this.keyUri = store.keyUri;
    this.storageSku = store.storageSku;
    this.copies = store.copies;
    this.registerOutputs(outputsOf(this));
  }
}

/**
 * R3's offline-style key storage on Azure: a premium Key Vault (keys in HSMs) with purge protection, RBAC and no
 * public access, reached through a private endpoint in the subnet with no route to the Internet; immutable escrow
 * storage accounts for wrapped key material in the primary and the DR region; and the operator's offline copies,
 * recorded from the args. A prod stack needs at least two separate copies of the signing keys. Declares
 * `OfflineKeyVault` of `cenm-backup/azure`.
 */
export class AzureOfflineKeyVault extends pulumi.ComponentResource {
  /** ARM id of the signing-key vault. */
  public readonly keyVaultId: pulumi.Output<string>;
  /** Name of the signing-key vault. */
  public readonly keyVaultName: pulumi.Output<string>;
  /** URI of the signing-key vault. */
  public readonly keyVaultUri: pulumi.Output<string>;
  /** ARM id of the escrow storage account. */
  public readonly escrowAccountId: pulumi.Output<string>;
  /** Name of the escrow storage account. */
  public readonly escrowAccountName: pulumi.Output<string>;
  /** ARM id of the DR escrow storage account; absent without `drReplica`. */
  public readonly drEscrowAccountId: pulumi.Output<string | undefined>;
  /** Name of the DR escrow storage account; absent without `drReplica`. */
  public readonly drEscrowAccountName: pulumi.Output<string | undefined>;
  /** Key vault of the escrow account's customer-managed key. */
  public readonly escrowKeyVaultId: pulumi.Output<string>;
  /** Key vault (in the DR region) of the DR escrow account's customer-managed key; absent without `drReplica`. */
  public readonly drEscrowKeyVaultId: pulumi.Output<string | undefined>;
  /** The operator's offline copies, verbatim. */
  public readonly offlineCopies: pulumi.Output<OfflineCopy[]>;
  /** Separate copies of the signing keys, every kind together (R3 recommends at least two). */
  public readonly keyCopyCount: pulumi.Output<number>;
  /** Separate copies of the signing keys by kind: cloud-escrow, cloud-escrow-dr-replica, cloud-hsm, offline. */
  public readonly keyCopiesByKind: pulumi.Output<Record<string, number>>;
  /** Lock mode of the escrow accounts' immutability: compliance or governance. */
  public readonly lockMode: pulumi.Output<string>;
  /** Every copy of the keys this component declared or recorded. */
  public readonly copies: pulumi.Output<CopyDescriptor[]>;

  constructor(name: string, args: AzureKeyVaultArgs, opts?: pulumi.ComponentResourceOptions) {
    super(componentToken("AzureOfflineKeyVault"), name, {}, opts);
    const vault = new OfflineKeyVault(name, args, { parent: this });
    this.keyVaultId = vault.keyVaultId;
    this.keyVaultName = vault.keyVaultName;
    this.keyVaultUri = vault.keyVaultUri;
    this.escrowAccountId = vault.escrowAccountId;
    this.escrowAccountName = vault.escrowAccountName;
    this.drEscrowAccountId = vault.drEscrowAccountId;
    this.drEscrowAccountName = vault.drEscrowAccountName;
    this.escrowKeyVaultId = vault.escrowKeyVaultId;
    this.drEscrowKeyVaultId = vault.drEscrowKeyVaultId;
    this.offlineCopies = vault.offlineCopies;
    this.keyCopyCount = vault.keyCopies.apply((count) => count.total);
    this.keyCopiesByKind = vault.keyCopies.apply((count): Record<string, number> => ({ ...count.byKind }));
    this.lockMode = vault.lockMode;
    this.copies = vault.copies;
    this.registerOutputs(outputsOf(this));
  }
}
