/**
 * What the two forms of the Azure database component (PostgreSQL flexible server, Azure SQL) share: the parent
 * component, the options of stateful children, deletion locks and the customer-managed keys.
 */
import * as pulumi from "@pulumi/pulumi";
import { AZURE_SQL_SKU, azurePostgresTier } from "../../domain/limits/azure";
import type { CopyDescriptor } from "../types";
import type { ClientContext } from "./client";
import { declareCustomerManagedKey, type CustomerManagedKey } from "./cmk";
import type { AzureDatabaseArgs } from "./contracts";
import { deletionLock } from "./locks";

/** What an engine-specific builder declared. */
export interface BuiltDatabase {
  serverId: pulumi.Output<string>;
  serverName: pulumi.Output<string>;
  fqdn: pulumi.Output<string>;
  readWriteEndpoint: pulumi.Output<string>;
  replicaServerId?: pulumi.Output<string>;
  replicaServerName?: pulumi.Output<string>;
  virtualEndpointName?: pulumi.Output<string>;
  failoverGroupName?: pulumi.Output<string>;
  zones: string[];
  identityId?: pulumi.Output<string>;
  keyVaultId?: pulumi.Output<string>;
  drKeyVaultId?: pulumi.Output<string>;
  copies: CopyDescriptor[];
}

/** Grace period before the failover group fails over on its own, accepting the loss of unreplicated writes. */
export const FAILOVER_GRACE_MINUTES = 60;

type PostgresTier = NonNullable<AzureDatabaseArgs["tier"]>;

/** The flexible-server tier a SKU belongs to: B series are Burstable, E series Memory Optimized, D series General Purpose. */
export function postgresTier(sku: string, tier: AzureDatabaseArgs["tier"]): PostgresTier {
  return azurePostgresTier(sku, tier) as PostgresTier;
}

/** The Azure SQL SKU parts of a name such as GP_Gen5_2 or GP_S_Gen5_2 (serverless). */
export function sqlSku(sku: string): { name: string; tier: string; family: string; capacity: number } {
  const m = AZURE_SQL_SKU.exec(sku);
  if (!m) throw new Error(`sku ${JSON.stringify(sku)} is not an Azure SQL vCore SKU`);
  const tiers: Record<string, string> = { GP: "GeneralPurpose", BC: "BusinessCritical", HS: "Hyperscale" };
  return { name: `${m[1]}_${m[2] ?? ""}${m[3]}`, tier: tiers[m[1]], family: m[3], capacity: Number(m[4]) };
}

/** The component the forms declare their children under, and the helpers they share. */
export class DatabaseContext {
  constructor(readonly parent: pulumi.ComponentResource) {}

  /** Options of a stateful child: protected and retained on delete when protection is on. */
  stateful(args: AzureDatabaseArgs, extra: pulumi.CustomResourceOptions = {}): pulumi.CustomResourceOptions {
    return { ...extra, parent: this.parent, protect: args.protection.enabled, retainOnDelete: args.protection.enabled };
  }

  /** A CanNotDelete lock on a stateful resource, when protection is on outside dev. */
  lock(name: string, args: AzureDatabaseArgs, scope: pulumi.Input<string>, what: string): void {
    deletionLock(name, scope, `CENM database ${what}: remove this lock on purpose before deleting it.`, args, this.parent);
  }

  /**
   * The identity, premium key vault and RSA-HSM key of one region (see {@link declareCustomerManagedKey}), with the
   * identity's crypto role on the vault. Logical names: `<identityName>`, `<name>-<role>`, `<name>-<role>-cmk`,
   * `<name>-<role>-crypto-user` and `<name>-<role>-lock`.
   */
  encryptionKey(
    name: string,
    args: AzureDatabaseArgs,
    tags: Record<string, string>,
    client: pulumi.Output<ClientContext>,
    site: { role: string; short: string; location: string; resourceGroupName: pulumi.Input<string>; identityName: string },
  ): CustomerManagedKey {
    return declareCustomerManagedKey(
      name,
      site.role,
      {
        location: site.location,
        resourceGroupName: site.resourceGroupName,
        protection: args.protection,
        environment: args.environment,
        tags,
        tenantId: client.tenantId,
        subscriptionId: client.subscriptionId,
        short: site.short,
        identityName: site.identityName,
        keyName: `${name}-cmk`,
        purpose: `CENM database ${name}: the server's identity wraps and unwraps its data encryption key`,
        lockNotes: `CENM database ${name} key vault (${site.location}): remove this lock on purpose before deleting it.`,
      },
      this.parent,
    );
  }
}
