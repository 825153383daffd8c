/**
 * The Azure foundation the four backup components stand on: a resource group in each region, a virtual network
 * in each region with the same three data subnets, the private DNS zones that make private endpoints and
 * VNet-integrated PostgreSQL servers resolvable from both networks, and the action group every alert goes to.
 */
import * as pulumi from "@pulumi/pulumi";
import * as monitor from "@pulumi/azure-native/monitor";
import * as network from "@pulumi/azure-native/network";
import * as privatedns from "@pulumi/azure-native/privatedns";
import * as resources from "@pulumi/azure-native/resources";
import { ENVIRONMENTS } from "../../domain/vocabulary";
import { carveDataSubnets, cidrsOverlap, DATA_SUBNET_ROLES, parseIpv4Cidr, type DataSubnetCidrs, type DataSubnetRole } from "../../domain/cidr";
import type { AzureNetworkArgs } from "./contracts";

// The carving of the data subnets lives in the domain (config validation checks the CENM hosts' blocks against
// the same subnets); re-exported here for the component's users.
export {
  carveDataSubnets,
  cidrsOverlap,
  DATA_SUBNET_ROLES,
  MIN_SUBNET_PREFIX,
  MIN_VNET_PREFIX,
  PREFERRED_DATA_SUBNET_PREFIX as PREFERRED_SUBNET_PREFIX,
  type DataSubnetCidrs,
  type DataSubnetRole,
} from "../../domain/cidr";

export const POSTGRES_PORT = 5432;
/** The built-in PgBouncer port, which Azure asks to keep open inside the subnet for high availability. */
export const PGBOUNCER_PORT = 6432;
/**
 * Ports the private endpoints of the `endpoints` subnet answer on: HTTPS (storage REST, Key Vault), SMB (Azure
 * Files) and TDS (Azure SQL private endpoints, which the database component places in this subnet).
 */
export const ENDPOINT_PORTS = ["443", "445", "1433"] as const;
/** Key Vault and the escrow storage account answer on HTTPS only. */
export const VAULT_PORTS = ["443"] as const;

/** The delegation the PostgreSQL flexible servers need on their subnet. */
export const POSTGRES_DELEGATION = "Microsoft.DBforPostgreSQL/flexibleServers";

/** The privatelink zones of the services reached through private endpoints. */
export const PRIVATELINK_ZONES = {
  blob: "privatelink.blob.core.windows.net",
  file: "privatelink.file.core.windows.net",
  vault: "privatelink.vaultcore.azure.net",
  sql: "privatelink.database.windows.net",
} as const;

/** Suffix of the private DNS zone a VNet-integrated PostgreSQL flexible server registers its name in. */
export const POSTGRES_ZONE_SUFFIX = "private.postgres.database.azure.com";

/** First label of the PostgreSQL private DNS zone unless `postgresZoneLabel` says otherwise. */
export const DEFAULT_POSTGRES_ZONE_LABEL = "cenm";

/** Optional args of the component beyond the shared contract. */
export interface AzureNetworkExtraArgs {
  /**
   * First label of the PostgreSQL private DNS zone (`<label>.private.postgres.database.azure.com`). It does not
   * depend on the stack or the component's name, so every stack resolves its servers under the same zone name
   * (each stack's zone lives in its own resource group).
   * @default "cenm"
   */
  postgresZoneLabel?: string;
  /**
   * Short name of the action group, shown in SMS and e-mail (at most 12 characters).
   * @default the component's name cut to 12 characters
   */
  actionGroupShortName?: string;
}

/** The contract's args plus the optional ones above (an interface, as schema inference needs). */
export interface AzureNetworkComponentArgs extends AzureNetworkArgs, AzureNetworkExtraArgs {}

/** Ranges Azure refuses in a virtual network's address space. */
const AZURE_RESERVED_RANGES = ["224.0.0.0/4", "240.0.0.0/4", "127.0.0.0/8", "169.254.0.0/16", "168.63.129.16/32"];

const LOCATION = /^[a-z][a-z0-9]*$/;
const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;
const FORBIDDEN_TAG_CHARACTERS = /[<>%&\\?/]/;

function validateLocation(value: unknown, argName: string, example: string): void {
  if (typeof value !== "string" || !LOCATION.test(value)) {
    throw new Error(
      `${argName}: expected an Azure location's programmatic name (lower case, no spaces) such as ${example}, got ${JSON.stringify(value)}`,
    );
  }
}

function validateVnetCidr(value: unknown, argName: string): DataSubnetCidrs {
  const subnets = carveDataSubnets(value as string, argName);
  for (const reserved of AZURE_RESERVED_RANGES) {
    if (cidrsOverlap(value as string, reserved)) {
      throw new Error(`${argName}: ${value} overlaps ${reserved}, a range Azure does not allow in a virtual network`);
    }
  }
  return subnets;
}

interface ValidatedNetworkArgs {
  primary: DataSubnetCidrs;
  dr: DataSubnetCidrs;
  postgresZoneName: string;
  groupShortName: string;
}

/** Checks every structural arg and returns the carved subnets; throws before anything is registered. */
function validateAzureNetworkArgs(name: string, args: AzureNetworkComponentArgs): ValidatedNetworkArgs {
  if (!(ENVIRONMENTS as readonly string[]).includes(args.environment)) {
    throw new Error(`environment: expected one of ${ENVIRONMENTS.join(", ")}, got ${JSON.stringify(args.environment)}`);
  }
  if (!args.protection || typeof args.protection.enabled !== "boolean") {
    throw new Error(`protection: expected { enabled: boolean }, got ${JSON.stringify(args.protection)}`);
  }
  validateLocation(args.location, "location", "westeurope");
  validateLocation(args.drLocation, "drLocation", "northeurope");
  if (args.drLocation === args.location) {
    throw new Error(`drLocation: the DR region must differ from the primary location (${args.location}), got ${args.drLocation}`);
  }
  const zones = args.availabilityZones;
  if (!Array.isArray(zones) || zones.length === 0) {
    throw new Error(`availabilityZones: expected one or more of "1", "2", "3", got ${JSON.stringify(zones)}`);
  }
  const seenZones = new Set<string>();
  for (const zone of zones) {
    if (zone !== "1" && zone !== "2" && zone !== "3") {
      throw new Error(`availabilityZones: Azure zones are "1", "2" or "3", got ${JSON.stringify(zone)} in ${JSON.stringify(zones)}`);
    }
    if (seenZones.has(zone)) throw new Error(`availabilityZones: zone ${zone} is listed twice in ${JSON.stringify(zones)}`);
    seenZones.add(zone);
  }
  const primary = validateVnetCidr(args.vnetCidr, "vnetCidr");
  const dr = validateVnetCidr(args.drVnetCidr, "drVnetCidr");
  if (cidrsOverlap(args.vnetCidr, args.drVnetCidr)) {
    throw new Error(
      `drVnetCidr: ${args.drVnetCidr} overlaps vnetCidr ${args.vnetCidr}; the two networks must not share addresses so that they can be peered and routed`,
    );
  }
  if (!Array.isArray(args.clientCidrs) || args.clientCidrs.length === 0) {
    throw new Error(`clientCidrs: expected at least one CIDR block of the CENM hosts, got ${JSON.stringify(args.clientCidrs)}`);
  }
  const seenClients = new Set<string>();
  const dataSubnets = [...Object.entries(primary), ...Object.entries(dr).map(([role, cidr]) => [`DR ${role}`, cidr])];
  for (const cidr of args.clientCidrs) {
    const { prefix } = parseIpv4Cidr(cidr, "clientCidrs");
    if (prefix === 0) throw new Error(`clientCidrs: ${cidr} would admit every address; list the CENM hosts' subnets instead`);
    if (seenClients.has(cidr)) throw new Error(`clientCidrs: ${cidr} is listed twice in ${JSON.stringify(args.clientCidrs)}`);
    seenClients.add(cidr);
    for (const [role, subnet] of dataSubnets) {
      if (cidrsOverlap(cidr, subnet)) {
        throw new Error(`clientCidrs: ${cidr} overlaps the ${role} subnet ${subnet}, which holds no CENM host; give the hosts' own subnets`);
      }
    }
  }
  const emails = args.alertEmails ?? [];
  if (!Array.isArray(emails)) throw new Error(`alertEmails: expected a list of e-mail addresses, got ${JSON.stringify(emails)}`);
  const seenEmails = new Set<string>();
  for (const email of emails) {
    if (typeof email !== "string" || !EMAIL.test(email)) {
      throw new Error(`alertEmails: expected e-mail addresses such as ops@example.com, got ${JSON.stringify(email)}`);
    }
    if (seenEmails.has(email.toLowerCase())) throw new Error(`alertEmails: ${email} is listed twice`);
    seenEmails.add(email.toLowerCase());
  }
  for (const [key, value] of Object.entries(args.tags ?? {})) {
    if (key.length === 0 || key.length > 512 || FORBIDDEN_TAG_CHARACTERS.test(key)) {
      throw new Error(`tags: Azure tag names are 1-512 characters without < > % & \\ ? /, got ${JSON.stringify(key)}`);
    }
    if (typeof value !== "string" || value.length > 256) {
      throw new Error(`tags: the value of ${key} must be a string of at most 256 characters, got ${JSON.stringify(value)}`);
    }
  }
  const label = args.postgresZoneLabel ?? DEFAULT_POSTGRES_ZONE_LABEL;
  if (typeof label !== "string" || !DNS_LABEL.test(label)) {
    throw new Error(
      `postgresZoneLabel: the PostgreSQL zone's first label must be a DNS label (lower-case letters, digits and inner hyphens, ` +
        `at most 63), got ${JSON.stringify(label)}`,
    );
  }
  const groupShortName = args.actionGroupShortName ?? name.slice(0, 12);
  if (typeof groupShortName !== "string" || groupShortName.length === 0 || groupShortName.length > 12) {
    throw new Error(`actionGroupShortName: expected 1 to 12 characters, got ${JSON.stringify(groupShortName)}`);
  }
  return { primary, dr, postgresZoneName: `${label}.${POSTGRES_ZONE_SUFFIX}`, groupShortName };
}

type SecurityRule = {
  name: string;
  priority: number;
  direction: "Inbound" | "Outbound";
  access: "Allow" | "Deny";
  protocol: "Tcp" | "*";
  description: string;
  sourceAddressPrefix?: string;
  sourceAddressPrefixes?: string[];
  sourcePortRange: string;
  destinationAddressPrefix: string;
  destinationPortRange?: string;
  destinationPortRanges?: string[];
};

/** Where the allow rules end and the closing denies start. */
const DENY_INTERNET_PRIORITY = 4000;
const DENY_VNET_PRIORITY = 4090;

function ports(list: readonly string[]): Pick<SecurityRule, "destinationPortRange" | "destinationPortRanges"> {
  return list.length === 1 ? { destinationPortRange: list[0] } : { destinationPortRanges: [...list] };
}

/**
 * The security rules of a data subnet.
 *
 * Inbound, the CENM hosts (`clientCidrs`) reach the subnet on its service ports; the Internet is denied, and so
 * is the rest of the virtual network and whatever is peered or connected to it (the `VirtualNetwork` tag), which
 * Azure's default rules would otherwise admit. Azure's own default rules still admit its load balancer probes.
 * Outbound, the Internet is denied. The PostgreSQL subnet additionally lets its servers talk to each other on
 * 5432 and 6432 (zone-redundant high availability), to the other region's PostgreSQL subnet on 5432 (the geo
 * replica, both ways since a promotion swaps roles), to Azure Storage (WAL archive and backups) and to Microsoft
 * Entra ID (token validation): the outbound destinations Azure documents for VNet-integrated servers.
 */
export function dataSubnetSecurityRules(role: DataSubnetRole, subnetCidr: string, peerPostgresCidr: string, clientCidrs: string[]): SecurityRule[] {
  const servicePorts = role === "postgres" ? [String(POSTGRES_PORT)] : role === "endpoints" ? ENDPOINT_PORTS : VAULT_PORTS;
  const rules: SecurityRule[] = [
    {
      name: "allow-cenm-hosts-in",
      priority: 100,
      direction: "Inbound",
      access: "Allow",
      protocol: "Tcp",
      description: `CENM hosts to the ${role} subnet on ${servicePorts.join(", ")}`,
      sourceAddressPrefixes: [...clientCidrs],
      sourcePortRange: "*",
      destinationAddressPrefix: subnetCidr,
      ...ports(servicePorts),
    },
  ];
  if (role === "postgres") {
    const haPorts = [String(POSTGRES_PORT), String(PGBOUNCER_PORT)];
    rules.push(
      {
        name: "allow-ha-in",
        priority: 110,
        direction: "Inbound",
        access: "Allow",
        protocol: "Tcp",
        description: "High availability traffic between the servers of this subnet",
        sourceAddressPrefix: subnetCidr,
        sourcePortRange: "*",
        destinationAddressPrefix: subnetCidr,
        destinationPortRanges: haPorts,
      },
      {
        name: "allow-geo-replica-in",
        priority: 120,
        direction: "Inbound",
        access: "Allow",
        protocol: "Tcp",
        description: "Replication from the other region's PostgreSQL subnet",
        sourceAddressPrefix: peerPostgresCidr,
        sourcePortRange: "*",
        destinationAddressPrefix: subnetCidr,
        destinationPortRange: String(POSTGRES_PORT),
      },
      {
        name: "allow-ha-out",
        priority: 110,
        direction: "Outbound",
        access: "Allow",
        protocol: "Tcp",
        description: "High availability traffic between the servers of this subnet",
        sourceAddressPrefix: subnetCidr,
        sourcePortRange: "*",
        destinationAddressPrefix: subnetCidr,
        destinationPortRanges: haPorts,
      },
      {
        name: "allow-geo-replica-out",
        priority: 120,
        direction: "Outbound",
        access: "Allow",
        protocol: "Tcp",
        description: "Replication to the other region's PostgreSQL subnet",
        sourceAddressPrefix: subnetCidr,
        sourcePortRange: "*",
        destinationAddressPrefix: peerPostgresCidr,
        destinationPortRange: String(POSTGRES_PORT),
      },
      {
        name: "allow-storage-out",
        priority: 130,
        direction: "Outbound",
        access: "Allow",
        protocol: "Tcp",
        description: "WAL archive and backups to Azure Storage",
        sourceAddressPrefix: subnetCidr,
        sourcePortRange: "*",
        destinationAddressPrefix: "Storage",
        destinationPortRange: "443",
      },
      {
        name: "allow-entra-out",
        priority: 140,
        direction: "Outbound",
        access: "Allow",
        protocol: "Tcp",
        description: "Microsoft Entra authentication",
        sourceAddressPrefix: subnetCidr,
        sourcePortRange: "*",
        destinationAddressPrefix: "AzureActiveDirectory",
        destinationPortRange: "443",
      },
      {
        // The servers unwrap their customer-managed key in Key Vault. The key vault admits them through its
        // trusted-services bypass (AZURE_DOCS.postgresDataEncryption); this rule keeps the subnet's own egress from
        // being what blocks the call (the AzureKeyVault service tag, AZURE_DOCS.serviceTags).
        name: "allow-keyvault-out",
        priority: 150,
        direction: "Outbound",
        access: "Allow",
        protocol: "Tcp",
        description: "Customer-managed key operations in Azure Key Vault",
        sourceAddressPrefix: subnetCidr,
        sourcePortRange: "*",
        destinationAddressPrefix: "AzureKeyVault",
        destinationPortRange: "443",
      },
    );
  }
  rules.push(
    {
      name: "deny-internet-in",
      priority: DENY_INTERNET_PRIORITY,
      direction: "Inbound",
      access: "Deny",
      protocol: "*",
      description: "Nothing from the Internet",
      sourceAddressPrefix: "Internet",
      sourcePortRange: "*",
      destinationAddressPrefix: "*",
      destinationPortRange: "*",
    },
    {
      name: "deny-vnet-in",
      priority: DENY_VNET_PRIORITY,
      direction: "Inbound",
      access: "Deny",
      protocol: "*",
      description: "Nothing from other subnets or connected networks beyond the rules above",
      sourceAddressPrefix: "VirtualNetwork",
      sourcePortRange: "*",
      destinationAddressPrefix: "*",
      destinationPortRange: "*",
    },
    {
      name: "deny-internet-out",
      priority: DENY_INTERNET_PRIORITY,
      direction: "Outbound",
      access: "Deny",
      protocol: "*",
      description: "Nothing to the Internet",
      sourceAddressPrefix: "*",
      sourcePortRange: "*",
      destinationAddressPrefix: "Internet",
      destinationPortRange: "*",
    },
  );
  return rules;
}

interface RegionNetwork {
  vnet: network.VirtualNetwork;
  subnets: Record<DataSubnetRole, network.Subnet>;
  /** The last subnet declared: a change to the network waits for it. */
  last: network.Subnet;
}

export type PrivateDnsZoneKey = "postgres" | keyof typeof PRIVATELINK_ZONES;

/**
 * The network, DNS and alerting foundation of the Azure backup components.
 *
 * Declares, per region (`location` and `drLocation`): a resource group; a virtual network over `vnetCidr` /
 * `drVnetCidr`; three subnets carved by {@link carveDataSubnets}, each with its own network security group
 * ({@link dataSubnetSecurityRules}) and default outbound access switched off:
 * - `postgres`, delegated to PostgreSQL flexible servers;
 * - `endpoints`, for the private endpoints of storage accounts and SQL servers;
 * - `vault`, for the Key Vault and escrow private endpoints, whose route table sends every address outside the
 *   networks' own routes (0.0.0.0/0) to `None`, so nothing placed there can reach the Internet.
 * The `endpoints` and `vault` subnets enable private endpoint network policies, without which Azure would apply
 * neither the security group nor the route table to private endpoint traffic.
 *
 * In the DR group: the private DNS zones of the PostgreSQL servers and of the blob, file, Key Vault and SQL
 * private endpoints, each linked to both networks (without auto-registration) so that either region resolves
 * either region's endpoints; and an action group e-mailing `alertEmails`. A group's region is where Azure Resource
 * Manager keeps the metadata of its resources, global ones such as private DNS zones included, and while that
 * region is unavailable writes to them may be refused (AZURE_DOCS.armResourceGroupLocation). The loss of the primary
 * region is when the zones must change (a promoted replica, a geo-restored server, a new private endpoint in the DR
 * region register there), so they are managed from the DR region. A loss of the DR region alone freezes them while
 * the primary keeps running; only a failover of the primary server to its standby at that same time would need to
 * write to them.
 *
 * Protection: nothing here holds CENM data, but every data-holding resource of the other components lives in
 * these groups. When `protection.enabled`, both groups get `protect` and `retainOnDelete`. No management lock is
 * put on a group: a group's lock would apply to every resource in it (AZURE_DOCS.managementLocks), so every
 * replacement there (a private endpoint, a zone link, a role assignment) would fail on its delete half
 * (`azure-lock-blocks-replacement`), and it would lock the PostgreSQL zone, which Microsoft asks to leave unlocked
 * for a server with high availability (`azure-postgres-dns-zone-unlocked-with-ha`). Each stateful resource carries
 * its own CanNotDelete lock instead (./locks.ts), and Azure refuses to delete a group while a locked resource is in
 * it, so both groups stay undeletable outside dev whenever they hold one.
 *
 * The two networks are peered both ways (`<name>-peering-to-dr`, `<name>-peering-from-dr`), without forwarded
 * traffic or gateway transit: the DR read replica's replication crosses between the PostgreSQL subnets.
 *
 * Not declared: peering with the CENM hosts' networks; connecting the hosts is the operator's network design, and
 * the DNS links and security rules already admit them once routed.
 */
export class AzureNetwork extends pulumi.ComponentResource {
  public readonly resourceGroupName: pulumi.Output<string>;
  public readonly drResourceGroupName: pulumi.Output<string>;
  public readonly resourceGroupId: pulumi.Output<string>;
  public readonly drResourceGroupId: pulumi.Output<string>;
  public readonly vnetId: pulumi.Output<string>;
  public readonly drVnetId: pulumi.Output<string>;
  public readonly postgresSubnetId: pulumi.Output<string>;
  public readonly endpointsSubnetId: pulumi.Output<string>;
  public readonly vaultSubnetId: pulumi.Output<string>;
  /** The DR PostgreSQL subnet, resolved once both peerings exist (the DR read replica streams over them). */
  public readonly drPostgresSubnetId: pulumi.Output<string>;
  public readonly drEndpointsSubnetId: pulumi.Output<string>;
  public readonly drVaultSubnetId: pulumi.Output<string>;
  /** Blocks of the primary data subnets. */
  public readonly subnetCidrs: pulumi.Output<DataSubnetCidrs>;
  /** Blocks of the DR data subnets. */
  public readonly drSubnetCidrs: pulumi.Output<DataSubnetCidrs>;
  /** Each private DNS zone's id, resolved once the zone is linked to both networks. */
  public readonly privateDnsZoneIds: pulumi.Output<Record<PrivateDnsZoneKey, string>>;
  /** Name of the PostgreSQL private DNS zone, e.g. `cenm.private.postgres.database.azure.com`. */
  public readonly postgresPrivateDnsZoneName: pulumi.Output<string>;
  public readonly actionGroupId: pulumi.Output<string>;
  public readonly location: pulumi.Output<string>;
  public readonly drLocation: pulumi.Output<string>;
  public readonly availabilityZones: pulumi.Output<string[]>;

  constructor(name: string, args: AzureNetworkComponentArgs, opts?: pulumi.ComponentResourceOptions) {
    const checked = validateAzureNetworkArgs(name, args);
    super("cenm-backup:azure:AzureNetwork", name, {}, opts);

    const tags = { ...(args.tags ?? {}), "cenm-backup-element": "network" };
    const protect = args.protection.enabled;

    const group = (suffix: string, location: string): resources.ResourceGroup =>
      new resources.ResourceGroup(`${name}-${suffix}`, { location, tags }, { parent: this, protect, retainOnDelete: protect });
    const primaryGroup = group("rg", args.location);
    const drGroup = group("dr-rg", args.drLocation);

    const regionNetwork = (
      prefix: string,
      location: string,
      rg: resources.ResourceGroup,
      vnetCidr: string,
      cidrs: DataSubnetCidrs,
      peerPostgresCidr: string,
    ): RegionNetwork => {
      const base = { location, resourceGroupName: rg.name };
      const vnet = new network.VirtualNetwork(
        `${name}-${prefix}vnet`,
        // Subnets are separate resources: declaring them inline as well would make the two fight over them.
        { ...base, addressSpace: { addressPrefixes: [vnetCidr] }, tags },
        { parent: this },
      );
      const noInternet = new network.RouteTable(
        `${name}-${prefix}vault-rt`,
        {
          ...base,
          routes: [{ name: "no-internet", addressPrefix: "0.0.0.0/0", nextHopType: "None" }],
          // A user route beats any BGP route of the same prefix, so learned routes to on-premises hosts stay
          // usable while a learned default route can never win over "None".
          disableBgpRoutePropagation: false,
          tags,
        },
        { parent: this },
      );
      const subnets = {} as Record<DataSubnetRole, network.Subnet>;
      let previous: network.Subnet | undefined;
      for (const role of DATA_SUBNET_ROLES) {
        const nsg = new network.NetworkSecurityGroup(
          `${name}-${prefix}${role}-nsg`,
          { ...base, securityRules: dataSubnetSecurityRules(role, cidrs[role], peerPostgresCidr, args.clientCidrs), tags },
          { parent: this },
        );
        const subnet = new network.Subnet(
          `${name}-${prefix}${role}`,
          {
            resourceGroupName: rg.name,
            virtualNetworkName: vnet.name,
            subnetName: role,
            addressPrefix: cidrs[role],
            defaultOutboundAccess: false,
            networkSecurityGroup: { id: nsg.id },
            ...(role === "postgres"
              ? { delegations: [{ name: "postgres-flexible-servers", serviceName: POSTGRES_DELEGATION }] }
              : { privateEndpointNetworkPolicies: "Enabled" }),
            ...(role === "vault" ? { routeTable: { id: noInternet.id } } : {}),
          },
          // Azure refuses concurrent changes to subnets of one network, so they are created one after another.
          { parent: this, dependsOn: previous ? [previous] : [] },
        );
        subnets[role] = subnet;
        previous = subnet;
      }
      return { vnet, subnets, last: previous! };
    };
    const primary = regionNetwork("", args.location, primaryGroup, args.vnetCidr, checked.primary, checked.dr.postgres);
    const dr = regionNetwork("dr-", args.drLocation, drGroup, args.drVnetCidr, checked.dr, checked.primary.postgres);

    // Global peering of the two networks, both ways (AZURE_DOCS.vnetPeering): the DR read replica streams from the primary server over the
    // PostgreSQL subnets (admitted by their security groups on 5432), which needs a route between the networks.
    // No forwarded traffic and no gateway transit: the peering joins these two networks and nothing else.
    const peerings: network.VirtualNetworkPeering[] = [];
    for (const [from, to, role] of [
      [primary, dr, "to-dr"],
      [dr, primary, "from-dr"],
    ] as const) {
      const peering = new network.VirtualNetworkPeering(
        `${name}-peering-${role}`,
        {
          resourceGroupName: from === primary ? primaryGroup.name : drGroup.name,
          virtualNetworkName: from.vnet.name,
          virtualNetworkPeeringName: `${name}-${role}`,
          remoteVirtualNetwork: { id: to.vnet.id },
          allowVirtualNetworkAccess: true,
          allowForwardedTraffic: false,
          allowGatewayTransit: false,
          useRemoteGateways: false,
        },
        // Azure refuses a peering change while a subnet of either network is being changed.
        { parent: this, dependsOn: [primary.last, dr.last] },
      );
      peerings.push(peering);
    }

    // The zones, their links and the action group are managed from the DR group (see the class comment), under their
    // first logical names: a stack deployed when they lived in the primary group sees each one replaced.
    const zoneNames: Record<PrivateDnsZoneKey, string> = { postgres: checked.postgresZoneName, ...PRIVATELINK_ZONES };
    const zones = (Object.keys(zoneNames) as PrivateDnsZoneKey[]).map((key) => {
      const zone = new privatedns.PrivateZone(
        `${name}-zone-${key}`,
        { location: "global", resourceGroupName: drGroup.name, privateZoneName: zoneNames[key], tags },
        { parent: this },
      );
      const links: privatedns.VirtualNetworkLink[] = [];
      for (const [region, net] of [
        ["primary", primary],
        ["dr", dr],
      ] as const) {
        const link = new privatedns.VirtualNetworkLink(
          `${name}-zone-${key}-${region}`,
          {
            location: "global",
            resourceGroupName: drGroup.name,
            privateZoneName: zone.name,
            virtualNetworkLinkName: `${name}-${region}`,
            virtualNetwork: { id: net.vnet.id },
            registrationEnabled: false,
            tags,
          },
          // A network is linked to one zone of a given name at most (AZURE_DOCS.privateLinkFaq): a replacement
          // link (its zone moved or renamed) can be created only once the old one is gone. Platform limit:
          // azure-private-dns-zone-name-once-per-network.
          { parent: this, deleteBeforeReplace: true },
        );
        links.push(link);
      }
      // The zone's id is handed out once both links exist: a server that registers its name in the zone, or a private
      // endpoint its record, is resolved from the networks through those links.
      return [key, pulumi.all([zone.id, ...links.map((l) => l.urn)]).apply(([id]) => id)] as const;
    });

    const actionGroup = new monitor.ActionGroup(
      `${name}-alerts`,
      {
        location: "global",
        resourceGroupName: drGroup.name,
        groupShortName: checked.groupShortName,
        enabled: true,
        emailReceivers: (args.alertEmails ?? []).map((emailAddress, i) => ({
          name: `email-${i + 1}`,
          emailAddress,
          useCommonAlertSchema: true,
        })),
        tags,
      },
      { parent: this },
    );

    this.resourceGroupName = primaryGroup.name;
    this.drResourceGroupName = drGroup.name;
    this.resourceGroupId = primaryGroup.id;
    this.drResourceGroupId = drGroup.id;
    this.vnetId = primary.vnet.id;
    this.drVnetId = dr.vnet.id;
    this.postgresSubnetId = primary.subnets.postgres.id;
    this.endpointsSubnetId = primary.subnets.endpoints.id;
    this.vaultSubnetId = primary.subnets.vault.id;
    // Handed out once both peerings exist: the DR read replica streams from the primary over them.
    this.drPostgresSubnetId = pulumi.all([dr.subnets.postgres.id, ...peerings.map((p) => p.urn)]).apply(([id]) => id);
    this.drEndpointsSubnetId = dr.subnets.endpoints.id;
    this.drVaultSubnetId = dr.subnets.vault.id;
    this.subnetCidrs = pulumi.output(checked.primary);
    this.drSubnetCidrs = pulumi.output(checked.dr);
    this.privateDnsZoneIds = pulumi
      .all(zones.map(([key, id]) => id.apply((value) => [key, value] as const)))
      .apply((entries) => Object.fromEntries(entries) as Record<PrivateDnsZoneKey, string>);
    this.postgresPrivateDnsZoneName = pulumi.output(checked.postgresZoneName);
    this.actionGroupId = actionGroup.id;
    this.location = pulumi.output(args.location);
    this.drLocation = pulumi.output(args.drLocation);
    this.availabilityZones = pulumi.output([...args.availabilityZones]);

    this.registerOutputs({
      resourceGroupName: this.resourceGroupName,
      drResourceGroupName: this.drResourceGroupName,
      resourceGroupId: this.resourceGroupId,
      drResourceGroupId: this.drResourceGroupId,
      vnetId: this.vnetId,
      drVnetId: this.drVnetId,
      postgresSubnetId: this.postgresSubnetId,
      endpointsSubnetId: this.endpointsSubnetId,
      vaultSubnetId: this.vaultSubnetId,
      drPostgresSubnetId: this.drPostgresSubnetId,
      drEndpointsSubnetId: this.drEndpointsSubnetId,
      drVaultSubnetId: this.drVaultSubnetId,
      subnetCidrs: this.subnetCidrs,
      drSubnetCidrs: this.drSubnetCidrs,
      privateDnsZoneIds: this.privateDnsZoneIds,
      postgresPrivateDnsZoneName: this.postgresPrivateDnsZoneName,
      actionGroupId: this.actionGroupId,
      location: this.location,
      drLocation: this.drLocation,
      availabilityZones: this.availabilityZones,
    });
  }
}
