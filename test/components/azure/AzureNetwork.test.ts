import {
  AzureNetwork,
  carveDataSubnets,
  cidrsOverlap,
  dataSubnetSecurityRules,
  type AzureNetworkComponentArgs,
} from "../../../src/components/azure/AzureNetwork";
import type { DeclaredResource } from "../../../src/offline/engine";
import { declare, named, ofType, one } from "../../helpers/offline";

const CONFIG = { config: { "azure-native:location": "westeurope" } };

const RG = "azure-native:resources:ResourceGroup";
/** Every lock type: the network declares none, in any environment. */
const LOCKS = [
  "azure-native:authorization:ManagementLockAtResourceGroupLevel",
  "azure-native:authorization:ManagementLockByScope",
  "azure-native:authorization:ManagementLockAtResourceLevel",
  "azure-native:authorization:ManagementLockAtSubscriptionLevel",
];
const VNET = "azure-native:network:VirtualNetwork";
const SUBNET = "azure-native:network:Subnet";
const PEERING = "azure-native:network:VirtualNetworkPeering";
const NSG = "azure-native:network:NetworkSecurityGroup";
const ROUTE_TABLE = "azure-native:network:RouteTable";
const ZONE = "azure-native:privatedns:PrivateZone";
const LINK = "azure-native:privatedns:VirtualNetworkLink";
const ACTION_GROUP = "azure-native:monitor:ActionGroup";

function baseArgs(overrides: Partial<AzureNetworkComponentArgs> = {}): AzureNetworkComponentArgs {
  return {
    environment: "prod",
    location: "westeurope",
    drLocation: "northeurope",
    protection: { enabled: true },
    tags: { team: "cenm" },
    availabilityZones: ["1", "2", "3"],
    vnetCidr: "10.60.0.0/16",
    drVnetCidr: "10.61.0.0/16",
    clientCidrs: ["10.50.0.0/20", "10.51.0.0/20"],
    alertEmails: ["ops@example.com", "dba@example.com"],
    ...overrides,
  };
}

function outputsOf(n: AzureNetwork) {
  return {
    resourceGroupName: n.resourceGroupName,
    drResourceGroupName: n.drResourceGroupName,
    resourceGroupId: n.resourceGroupId,
    drResourceGroupId: n.drResourceGroupId,
    vnetId: n.vnetId,
    drVnetId: n.drVnetId,
    postgresSubnetId: n.postgresSubnetId,
    endpointsSubnetId: n.endpointsSubnetId,
    vaultSubnetId: n.vaultSubnetId,
    drPostgresSubnetId: n.drPostgresSubnetId,
    drEndpointsSubnetId: n.drEndpointsSubnetId,
    drVaultSubnetId: n.drVaultSubnetId,
    subnetCidrs: n.subnetCidrs,
    drSubnetCidrs: n.drSubnetCidrs,
    privateDnsZoneIds: n.privateDnsZoneIds,
    postgresPrivateDnsZoneName: n.postgresPrivateDnsZoneName,
    actionGroupId: n.actionGroupId,
    location: n.location,
    drLocation: n.drLocation,
    availabilityZones: n.availabilityZones,
  };
}

const build =
  (overrides: Partial<AzureNetworkComponentArgs> = {}, name = "cenm") =>
  () =>
    outputsOf(new AzureNetwork(name, baseArgs(overrides)));

type Rule = Record<string, unknown>;
function rules(nsg: DeclaredResource): Rule[] {
  return nsg.inputs.securityRules as Rule[];
}
function rule(nsg: DeclaredResource, ruleName: string, direction: string): Rule {
  const found = rules(nsg).filter((r) => r.name === ruleName && r.direction === direction);
  if (found.length !== 1) throw new Error(`expected one ${direction} rule ${ruleName} in ${nsg.name}, found ${found.length}`);
  return found[0];
}

describe("carveDataSubnets", () => {
  it.each([
    ["10.60.0.0/16", { postgres: "10.60.0.0/24", endpoints: "10.60.1.0/24", vault: "10.60.2.0/24" }],
    ["172.16.0.0/12", { postgres: "172.16.0.0/24", endpoints: "172.16.1.0/24", vault: "172.16.2.0/24" }],
    ["10.0.4.0/22", { postgres: "10.0.4.0/24", endpoints: "10.0.5.0/24", vault: "10.0.6.0/24" }],
    ["192.168.2.0/23", { postgres: "192.168.2.0/25", endpoints: "192.168.2.128/25", vault: "192.168.3.0/25" }],
    ["192.168.10.0/24", { postgres: "192.168.10.0/26", endpoints: "192.168.10.64/26", vault: "192.168.10.128/26" }],
    ["10.9.8.0/25", { postgres: "10.9.8.0/27", endpoints: "10.9.8.32/27", vault: "10.9.8.64/27" }],
    ["10.9.8.64/26", { postgres: "10.9.8.64/28", endpoints: "10.9.8.80/28", vault: "10.9.8.96/28" }],
  ])("carves %s", (cidr, expected) => {
    expect(carveDataSubnets(cidr)).toEqual(expected);
  });

  it.each([
    ["10.0.0.0/27", /vnetCidr: 10\.0\.0\.0\/27 is too small.*\/28 minimum.*\/26 or larger/],
    ["10.0.0.0/29", /too small/],
    ["10.0.0.1/16", /vnetCidr: "10\.0\.0\.1\/16" has host bits set/],
    ["10.0.0/16", /vnetCidr: expected an IPv4 CIDR block.*got "10\.0\.0\/16"/],
    ["10.0.300.0/16", /vnetCidr: "10\.0\.300\.0\/16" is not a valid IPv4 CIDR block/],
    ["10.0.0.0/33", /is not a valid IPv4 CIDR block/],
  ])("refuses %s", (cidr, message) => {
    expect(() => carveDataSubnets(cidr)).toThrow(message);
  });

  it("names the arg it was given", () => {
    expect(() => carveDataSubnets("10.0.0.0/27", "drVnetCidr")).toThrow(/^drVnetCidr: /);
  });
});

describe("cidrsOverlap", () => {
  it.each([
    ["10.0.0.0/16", "10.0.255.0/24", true],
    ["10.0.0.0/16", "10.1.0.0/16", false],
    ["10.0.0.0/8", "10.200.0.0/16", true],
    ["192.168.0.0/24", "192.168.1.0/24", false],
    ["192.168.0.0/23", "192.168.1.0/24", true],
  ])("%s and %s: %s", (a, b, expected) => {
    expect(cidrsOverlap(a, b)).toBe(expected);
    expect(cidrsOverlap(b, a)).toBe(expected);
  });
});

describe("dataSubnetSecurityRules", () => {
  it("keeps priorities unique per direction", () => {
    for (const role of ["postgres", "endpoints", "vault"] as const) {
      const all = dataSubnetSecurityRules(role, "10.60.0.0/24", "10.61.0.0/24", ["10.50.0.0/20"]);
      for (const direction of ["Inbound", "Outbound"]) {
        const priorities = all.filter((r) => r.direction === direction).map((r) => r.priority);
        expect(new Set(priorities).size).toBe(priorities.length);
        for (const p of priorities) expect(p >= 100 && p <= 4096).toBe(true);
      }
    }
  });
});

describe("AzureNetwork", () => {
  it("declares a protected resource group in each region, with no lock on either (each stateful resource carries its own)", async () => {
    const run = await declare(build(), CONFIG);
    const rg = named(run, "cenm-rg");
    const drRg = named(run, "cenm-dr-rg");
    expect(rg.type).toBe(RG);
    expect(drRg.type).toBe(RG);
    expect(rg.parent).toBe("cenm");
    expect(rg.parentType).toBe("cenm-backup:azure:AzureNetwork");
    expect(rg.inputs.location).toBe("westeurope");
    expect(drRg.inputs.location).toBe("northeurope");
    for (const group of [rg, drRg]) {
      expect(group.options.protect).toBe(true);
      expect(group.options.retainOnDelete).toBe(true);
      expect(group.inputs.tags).toEqual({ team: "cenm", "cenm-backup-element": "network" });
    }
    // A group's lock would apply to everything in it: the PostgreSQL zone and every replaceable resource.
    expect(run.resources.filter((r) => LOCKS.includes(r.type))).toEqual([]);
    expect(run.outputs).toMatchObject({
      resourceGroupName: "cenm-rg0000",
      drResourceGroupName: "cenm-dr-rg0000",
      resourceGroupId: "cenm-rg-id",
      drResourceGroupId: "cenm-dr-rg-id",
      location: "westeurope",
      drLocation: "northeurope",
      availabilityZones: ["1", "2", "3"],
    });
  });

  it("locks nothing in staging or dev either; dev groups stay protected by Pulumi", async () => {
    const staging = await declare(build({ environment: "staging" }), CONFIG);
    expect(staging.resources.filter((r) => LOCKS.includes(r.type))).toEqual([]);

    const dev = await declare(build({ environment: "dev" }), CONFIG);
    expect(dev.resources.filter((r) => LOCKS.includes(r.type))).toEqual([]);
    expect(named(dev, "cenm-rg").options.protect).toBe(true);
  });

  it("does not protect the groups when protection is off", async () => {
    const run = await declare(build({ protection: { enabled: false } }), CONFIG);
    for (const group of ofType(run, RG)) {
      expect(group.options.protect).toBe(false);
      expect(group.options.retainOnDelete).toBe(false);
    }
  });

  it("declares a virtual network per region over the configured address spaces", async () => {
    const run = await declare(build(), CONFIG);
    const vnets = ofType(run, VNET);
    expect(vnets.map((v) => [v.name, v.inputs.location, v.inputs.resourceGroupName, v.inputs.addressSpace])).toEqual([
      ["cenm-dr-vnet", "northeurope", "cenm-dr-rg0000", { addressPrefixes: ["10.61.0.0/16"] }],
      ["cenm-vnet", "westeurope", "cenm-rg0000", { addressPrefixes: ["10.60.0.0/16"] }],
    ]);
    for (const vnet of vnets) {
      expect(vnet.inputs).not.toHaveProperty("subnets");
      expect(vnet.inputs.tags).toMatchObject({ "cenm-backup-element": "network" });
    }
    expect(run.outputs.vnetId).toBe("cenm-vnet-id");
    expect(run.outputs.drVnetId).toBe("cenm-dr-vnet-id");
  });

  it("carves the same three subnets in each region, postgres delegated, no default outbound access", async () => {
    const run = await declare(build(), CONFIG);
    const subnets = ofType(run, SUBNET);
    expect(subnets.map((s) => [s.name, s.inputs.subnetName, s.inputs.addressPrefix, s.inputs.resourceGroupName, s.inputs.virtualNetworkName])).toEqual([
      ["cenm-dr-endpoints", "endpoints", "10.61.1.0/24", "cenm-dr-rg0000", "cenm-dr-vnet0000"],
      ["cenm-dr-postgres", "postgres", "10.61.0.0/24", "cenm-dr-rg0000", "cenm-dr-vnet0000"],
      ["cenm-dr-vault", "vault", "10.61.2.0/24", "cenm-dr-rg0000", "cenm-dr-vnet0000"],
      ["cenm-endpoints", "endpoints", "10.60.1.0/24", "cenm-rg0000", "cenm-vnet0000"],
      ["cenm-postgres", "postgres", "10.60.0.0/24", "cenm-rg0000", "cenm-vnet0000"],
      ["cenm-vault", "vault", "10.60.2.0/24", "cenm-rg0000", "cenm-vnet0000"],
    ]);
    for (const subnet of subnets) {
      expect(subnet.inputs.defaultOutboundAccess).toBe(false);
      expect(subnet.parent).toBe("cenm");
    }
    for (const name of ["cenm-postgres", "cenm-dr-postgres"]) {
      const s = named(run, name);
      expect(s.inputs.delegations).toEqual([{ name: "postgres-flexible-servers", serviceName: "Microsoft.DBforPostgreSQL/flexibleServers" }]);
      expect(s.inputs).not.toHaveProperty("routeTable");
    }
    for (const name of ["cenm-endpoints", "cenm-vault", "cenm-dr-endpoints", "cenm-dr-vault"]) {
      const s = named(run, name);
      expect(s.inputs).not.toHaveProperty("delegations");
      // Without it Azure applies neither the NSG nor the route table to private endpoint traffic.
      expect(s.inputs.privateEndpointNetworkPolicies).toBe("Enabled");
    }
    // Subnets of one network are created one after another.
    const subnetDependencies = (subnet: string) => named(run, subnet).options.dependsOn.filter((d) => subnets.some((s) => s.name === d));
    expect(subnetDependencies("cenm-postgres")).toEqual([]);
    expect(subnetDependencies("cenm-endpoints")).toEqual(["cenm-postgres"]);
    expect(subnetDependencies("cenm-vault")).toEqual(["cenm-endpoints"]);
    expect(subnetDependencies("cenm-dr-postgres")).toEqual([]);
    expect(subnetDependencies("cenm-dr-endpoints")).toEqual(["cenm-dr-postgres"]);
    expect(subnetDependencies("cenm-dr-vault")).toEqual(["cenm-dr-endpoints"]);

    expect(run.outputs).toMatchObject({
      postgresSubnetId: "cenm-postgres-id",
      endpointsSubnetId: "cenm-endpoints-id",
      vaultSubnetId: "cenm-vault-id",
      drPostgresSubnetId: "cenm-dr-postgres-id",
      drEndpointsSubnetId: "cenm-dr-endpoints-id",
      drVaultSubnetId: "cenm-dr-vault-id",
      subnetCidrs: { postgres: "10.60.0.0/24", endpoints: "10.60.1.0/24", vault: "10.60.2.0/24" },
      drSubnetCidrs: { postgres: "10.61.0.0/24", endpoints: "10.61.1.0/24", vault: "10.61.2.0/24" },
    });
  });

  it("carves smaller subnets out of a small virtual network", async () => {
    const run = await declare(build({ vnetCidr: "192.168.10.0/24", drVnetCidr: "192.168.20.0/23" }), CONFIG);
    const prefixOf = (subnet: string) => named(run, subnet).inputs.addressPrefix;
    expect(["cenm-postgres", "cenm-endpoints", "cenm-vault"].map(prefixOf)).toEqual(["192.168.10.0/26", "192.168.10.64/26", "192.168.10.128/26"]);
    expect(["cenm-dr-postgres", "cenm-dr-endpoints", "cenm-dr-vault"].map(prefixOf)).toEqual(["192.168.20.0/25", "192.168.20.128/25", "192.168.21.0/25"]);
  });

  it("routes nothing from the vault subnets to the Internet and gives them a no-Internet security group", async () => {
    const run = await declare(build(), CONFIG);
    const tables = ofType(run, ROUTE_TABLE);
    expect(tables.map((t) => [t.name, t.inputs.location, t.inputs.resourceGroupName])).toEqual([
      ["cenm-dr-vault-rt", "northeurope", "cenm-dr-rg0000"],
      ["cenm-vault-rt", "westeurope", "cenm-rg0000"],
    ]);
    for (const table of tables) {
      expect(table.inputs.routes).toEqual([{ name: "no-internet", addressPrefix: "0.0.0.0/0", nextHopType: "None" }]);
      expect(table.inputs.tags).toMatchObject({ "cenm-backup-element": "network" });
    }
    expect(named(run, "cenm-vault").inputs.routeTable).toEqual({ id: "cenm-vault-rt-id" });
    expect(named(run, "cenm-dr-vault").inputs.routeTable).toEqual({ id: "cenm-dr-vault-rt-id" });
    expect(ofType(run, SUBNET).filter((s) => s.inputs.routeTable !== undefined).map((s) => s.name)).toEqual(["cenm-dr-vault", "cenm-vault"]);

    for (const [subnetName, nsgName, cidr, location] of [
      ["cenm-vault", "cenm-vault-nsg", "10.60.2.0/24", "westeurope"],
      ["cenm-dr-vault", "cenm-dr-vault-nsg", "10.61.2.0/24", "northeurope"],
    ]) {
      expect(named(run, subnetName).inputs.networkSecurityGroup).toEqual({ id: `${nsgName}-id` });
      const nsg = named(run, nsgName);
      expect(nsg.type).toBe(NSG);
      expect(nsg.inputs.location).toBe(location);
      expect(rule(nsg, "deny-internet-out", "Outbound")).toMatchObject({
        access: "Deny",
        protocol: "*",
        destinationAddressPrefix: "Internet",
        destinationPortRange: "*",
        priority: 4000,
      });
      expect(rule(nsg, "deny-internet-in", "Inbound")).toMatchObject({ access: "Deny", sourceAddressPrefix: "Internet", priority: 4000 });
      expect(rule(nsg, "deny-vnet-in", "Inbound")).toMatchObject({ access: "Deny", sourceAddressPrefix: "VirtualNetwork", priority: 4090 });
      expect(rule(nsg, "allow-cenm-hosts-in", "Inbound")).toMatchObject({
        access: "Allow",
        protocol: "Tcp",
        sourceAddressPrefixes: ["10.50.0.0/20", "10.51.0.0/20"],
        destinationAddressPrefix: cidr,
        destinationPortRange: "443",
        priority: 100,
      });
      // The only outbound allow would be Azure's default towards the virtual network.
      expect(rules(nsg).filter((r) => r.direction === "Outbound" && r.access === "Allow")).toEqual([]);
    }
  });

  it("admits only the CENM hosts to the postgres and endpoints subnets, and denies the Internet", async () => {
    const run = await declare(build(), CONFIG);
    expect(ofType(run, NSG).map((n) => n.name)).toEqual([
      "cenm-dr-endpoints-nsg",
      "cenm-dr-postgres-nsg",
      "cenm-dr-vault-nsg",
      "cenm-endpoints-nsg",
      "cenm-postgres-nsg",
      "cenm-vault-nsg",
    ]);
    const pg = named(run, "cenm-postgres-nsg");
    expect(named(run, "cenm-postgres").inputs.networkSecurityGroup).toEqual({ id: "cenm-postgres-nsg-id" });
    expect(rule(pg, "allow-cenm-hosts-in", "Inbound")).toMatchObject({
      access: "Allow",
      protocol: "Tcp",
      sourceAddressPrefixes: ["10.50.0.0/20", "10.51.0.0/20"],
      destinationAddressPrefix: "10.60.0.0/24",
      destinationPortRange: "5432",
    });
    expect(rule(pg, "allow-ha-in", "Inbound")).toMatchObject({
      sourceAddressPrefix: "10.60.0.0/24",
      destinationAddressPrefix: "10.60.0.0/24",
      destinationPortRanges: ["5432", "6432"],
    });
    expect(rule(pg, "allow-geo-replica-in", "Inbound")).toMatchObject({ sourceAddressPrefix: "10.61.0.0/24", destinationPortRange: "5432" });
    expect(rule(pg, "allow-geo-replica-out", "Outbound")).toMatchObject({ destinationAddressPrefix: "10.61.0.0/24", destinationPortRange: "5432" });
    expect(rule(pg, "allow-storage-out", "Outbound")).toMatchObject({ access: "Allow", destinationAddressPrefix: "Storage", destinationPortRange: "443" });
    expect(rule(pg, "allow-entra-out", "Outbound")).toMatchObject({ access: "Allow", destinationAddressPrefix: "AzureActiveDirectory" });
    expect(rule(pg, "deny-internet-in", "Inbound")).toMatchObject({ access: "Deny", sourceAddressPrefix: "Internet" });
    expect(rule(pg, "deny-vnet-in", "Inbound")).toMatchObject({ access: "Deny", sourceAddressPrefix: "VirtualNetwork" });
    expect(rule(pg, "deny-internet-out", "Outbound")).toMatchObject({ access: "Deny", destinationAddressPrefix: "Internet" });
    // Every allow rule comes before the closing denies.
    const denies = rules(pg).filter((r) => r.access === "Deny").map((r) => r.priority as number);
    for (const allow of rules(pg).filter((r) => r.access === "Allow")) expect(allow.priority as number).toBeLessThan(Math.min(...denies));

    const drPg = named(run, "cenm-dr-postgres-nsg");
    expect(drPg.inputs.location).toBe("northeurope");
    expect(drPg.inputs.resourceGroupName).toBe("cenm-dr-rg0000");
    expect(rule(drPg, "allow-cenm-hosts-in", "Inbound")).toMatchObject({ destinationAddressPrefix: "10.61.0.0/24", destinationPortRange: "5432" });
    expect(rule(drPg, "allow-geo-replica-in", "Inbound")).toMatchObject({ sourceAddressPrefix: "10.60.0.0/24" });

    for (const [name, cidr] of [
      ["cenm-endpoints-nsg", "10.60.1.0/24"],
      ["cenm-dr-endpoints-nsg", "10.61.1.0/24"],
    ]) {
      const nsg = named(run, name);
      expect(rules(nsg).filter((r) => r.access === "Allow")).toEqual([
        expect.objectContaining({
          name: "allow-cenm-hosts-in",
          direction: "Inbound",
          protocol: "Tcp",
          sourceAddressPrefixes: ["10.50.0.0/20", "10.51.0.0/20"],
          destinationAddressPrefix: cidr,
          destinationPortRanges: ["443", "445", "1433"],
        }),
      ]);
      expect(rule(nsg, "deny-internet-in", "Inbound")).toMatchObject({ access: "Deny" });
      expect(rule(nsg, "deny-internet-out", "Outbound")).toMatchObject({ access: "Deny" });
    }
  });

  it("declares the private DNS zones in the DR group and links each to both networks, old link deleted first on a replacement", async () => {
    const run = await declare(build(), CONFIG);
    const zones = ofType(run, ZONE);
    expect(zones.map((z) => [z.name, z.inputs.privateZoneName])).toEqual([
      ["cenm-zone-blob", "privatelink.blob.core.windows.net"],
      ["cenm-zone-file", "privatelink.file.core.windows.net"],
      ["cenm-zone-postgres", "cenm.private.postgres.database.azure.com"],
      ["cenm-zone-sql", "privatelink.database.windows.net"],
      ["cenm-zone-vault", "privatelink.vaultcore.azure.net"],
    ]);
    for (const zone of zones) {
      expect(zone.inputs.location).toBe("global");
      // Managed from the DR region: a loss of the primary region, when they must change, does not freeze them.
      expect(zone.inputs.resourceGroupName).toBe("cenm-dr-rg0000");
      expect(zone.inputs.tags).toMatchObject({ "cenm-backup-element": "network" });
    }

    const links = ofType(run, LINK);
    expect(links).toHaveLength(10);
    for (const zone of zones) {
      const zoneLinks = links.filter((l) => l.inputs.privateZoneName === zone.inputs.privateZoneName);
      expect(zoneLinks.map((l) => (l.inputs.virtualNetwork as { id: string }).id).sort()).toEqual(["cenm-dr-vnet-id", "cenm-vnet-id"]);
      for (const link of zoneLinks) {
        expect(link.inputs).toMatchObject({ location: "global", resourceGroupName: "cenm-dr-rg0000", registrationEnabled: false });
        // A network takes one zone of a given name: the replacement link waits for the old one's deletion.
        expect(link.options.deleteBeforeReplace).toBe(true);
        expect(link.inputs.tags).toMatchObject({ "cenm-backup-element": "network" });
      }
    }
    expect(named(run, "cenm-zone-sql-dr").inputs.virtualNetworkLinkName).toBe("cenm-dr");

    const zoneIds = run.outputs.privateDnsZoneIds as Record<string, string>;
    expect(Object.keys(zoneIds).sort()).toEqual(["blob", "file", "postgres", "sql", "vault"]);
    expect(zoneIds.postgres).toBe("cenm-zone-postgres-id");
    expect(zoneIds.vault).toBe("cenm-zone-vault-id");
    expect(run.outputs.postgresPrivateDnsZoneName).toBe("cenm.private.postgres.database.azure.com");
  });

  it("names the PostgreSQL zone independently of the stack and the component's name, or after postgresZoneLabel", async () => {
    const run = await declare(build({}, "cenm-network"), { ...CONFIG, stack: "prod-eu" });
    expect(one(run, ZONE, "cenm-network-zone-postgres").inputs.privateZoneName).toBe("cenm.private.postgres.database.azure.com");
    const labelled = await declare(build({ postgresZoneLabel: "cenm-eu" }), CONFIG);
    expect(one(labelled, ZONE, "cenm-zone-postgres").inputs.privateZoneName).toBe("cenm-eu.private.postgres.database.azure.com");
  });

  it("declares a global action group in the DR group with an e-mail receiver per address", async () => {
    const run = await declare(build(), CONFIG);
    const group = one(run, ACTION_GROUP);
    expect(group.name).toBe("cenm-alerts");
    expect(group.inputs).toMatchObject({ location: "global", resourceGroupName: "cenm-dr-rg0000", groupShortName: "cenm", enabled: true });
    expect(group.inputs.emailReceivers).toEqual([
      { name: "email-1", emailAddress: "ops@example.com", useCommonAlertSchema: true },
      { name: "email-2", emailAddress: "dba@example.com", useCommonAlertSchema: true },
    ]);
    expect(group.inputs.tags).toMatchObject({ team: "cenm", "cenm-backup-element": "network" });
    expect(run.outputs.actionGroupId).toBe("cenm-alerts-id");
  });

  it("keeps the action group's short name within 12 characters, and declares it without receivers", async () => {
    const run = await declare(build({ alertEmails: undefined }, "cenm-backup-network"), CONFIG);
    const group = one(run, ACTION_GROUP);
    expect(group.inputs.groupShortName).toBe("cenm-backup-");
    expect(group.inputs.emailReceivers).toEqual([]);

    const custom = await declare(build({ actionGroupShortName: "CENM DR" }), CONFIG);
    expect(one(custom, ACTION_GROUP).inputs.groupShortName).toBe("CENM DR");
  });

  it("peers the two networks both ways, without forwarded traffic or gateway transit, after every subnet", async () => {
    const run = await declare(build(), CONFIG);
    const peerings = ofType(run, PEERING);
    expect(peerings.map((p) => [p.name, p.inputs.resourceGroupName, p.inputs.virtualNetworkPeeringName]).sort()).toEqual([
      ["cenm-peering-from-dr", "cenm-dr-rg0000", "cenm-from-dr"],
      ["cenm-peering-to-dr", "cenm-rg0000", "cenm-to-dr"],
    ]);
    for (const p of peerings) {
      expect(p.inputs).toMatchObject({ allowVirtualNetworkAccess: true, allowForwardedTraffic: false, allowGatewayTransit: false, useRemoteGateways: false });
      expect(p.options.dependsOn).toEqual(expect.arrayContaining(["cenm-vault", "cenm-dr-vault"]));
    }
  });

  it("lets the PostgreSQL subnet reach Key Vault for its customer-managed key, and nothing more on the Internet", () => {
    const rules = dataSubnetSecurityRules("postgres", "10.60.0.0/24", "10.61.0.0/24", ["10.50.0.0/20"]);
    expect(rules.find((r) => r.name === "allow-keyvault-out")).toMatchObject({ access: "Allow", direction: "Outbound", destinationAddressPrefix: "AzureKeyVault", destinationPortRange: "443" });
    expect(dataSubnetSecurityRules("vault", "10.60.1.0/24", "10.61.0.0/24", ["10.50.0.0/20"]).some((r) => r.name === "allow-keyvault-out")).toBe(false);
  });

  it("gives every located child an explicit location and resource group", async () => {
    const run = await declare(build(), CONFIG);
    const located = run.resources.filter((r) => r.custom && r.type !== SUBNET && r.type !== PEERING);
    for (const r of located) {
      expect([r.name, typeof r.inputs.location]).toEqual([r.name, "string"]);
      if (r.type !== RG) expect([r.name, r.inputs.resourceGroupName]).toEqual([r.name, expect.stringMatching(/^cenm-(dr-)?rg0000$/)]);
    }
    for (const r of ofType(run, SUBNET)) expect(r.inputs.resourceGroupName).toMatch(/^cenm-(dr-)?rg0000$/);
    const drNames = run.resources.filter((r) => r.name.startsWith("cenm-dr-") && r.type !== SUBNET);
    // The peerings are children of a network: a resource group and no location of their own.
    for (const r of ofType(run, PEERING)) expect(r.inputs.resourceGroupName).toMatch(/^cenm-(dr-)?rg0000$/);
    for (const r of drNames) expect([r.name, r.inputs.location]).toEqual([r.name, "northeurope"]);
  });

  it("declares the same resources in preview, with names unknown", async () => {
    const run = await declare(build(), { ...CONFIG, preview: true });
    expect(run.preview).toBe(true);
    expect(ofType(run, RG)).toHaveLength(2);
    expect(run.resources.filter((r) => LOCKS.includes(r.type))).toEqual([]);
    expect(ofType(run, SUBNET)).toHaveLength(6);
    expect(ofType(run, NSG)).toHaveLength(6);
    expect(ofType(run, ZONE)).toHaveLength(5);
    expect(ofType(run, LINK)).toHaveLength(10);
    expect(named(run, "cenm-zone-postgres").inputs.resourceGroupName).toBe("[unknown]");
    expect(named(run, "cenm-vault").inputs.addressPrefix).toBe("10.60.2.0/24");
    expect(named(run, "cenm-vault").inputs.routeTable).toEqual({ id: "[unknown]" });
    expect(run.outputs.location).toBe("westeurope");
  });

  describe("refuses bad args before declaring anything", () => {
    it.each<[string, Partial<AzureNetworkComponentArgs>, RegExp]>([
      ["same regions", { drLocation: "westeurope" }, /drLocation: the DR region must differ from the primary location \(westeurope\), got westeurope/],
      ["a display-name location", { location: "West Europe" }, /location: expected an Azure location's programmatic name.*got "West Europe"/],
      ["an empty DR location", { drLocation: "" }, /drLocation: expected an Azure location/],
      ["a zone name", { availabilityZones: ["westeurope-1"] }, /availabilityZones: Azure zones are "1", "2" or "3", got "westeurope-1"/],
      ["zone 4", { availabilityZones: ["1", "4"] }, /availabilityZones: Azure zones are "1", "2" or "3", got "4"/],
      ["a repeated zone", { availabilityZones: ["1", "1"] }, /availabilityZones: zone 1 is listed twice/],
      ["no zones", { availabilityZones: [] }, /availabilityZones: expected one or more/],
      ["a malformed VNet", { vnetCidr: "10.60.0.0" }, /vnetCidr: expected an IPv4 CIDR block.*got "10\.60\.0\.0"/],
      ["a VNet with host bits", { vnetCidr: "10.60.0.1/16" }, /vnetCidr: "10\.60\.0\.1\/16" has host bits set/],
      ["a tiny VNet", { vnetCidr: "10.60.0.0/27" }, /vnetCidr: 10\.60\.0\.0\/27 is too small/],
      ["a tiny DR VNet", { drVnetCidr: "10.61.0.0/28" }, /drVnetCidr: 10\.61\.0\.0\/28 is too small/],
      ["a reserved range", { drVnetCidr: "169.254.0.0/16" }, /drVnetCidr: 169\.254\.0\.0\/16 overlaps 169\.254\.0\.0\/16/],
      ["overlapping VNets", { drVnetCidr: "10.60.128.0/17" }, /drVnetCidr: 10\.60\.128\.0\/17 overlaps vnetCidr 10\.60\.0\.0\/16/],
      ["no clients", { clientCidrs: [] }, /clientCidrs: expected at least one CIDR block/],
      ["a malformed client", { clientCidrs: ["10.50.0.0/33"] }, /clientCidrs: "10\.50\.0\.0\/33" is not a valid IPv4 CIDR block/],
      ["every address as a client", { clientCidrs: ["0.0.0.0/0"] }, /clientCidrs: 0\.0\.0\.0\/0 would admit every address/],
      ["a repeated client", { clientCidrs: ["10.50.0.0/20", "10.50.0.0/20"] }, /clientCidrs: 10\.50\.0\.0\/20 is listed twice/],
      ["a client inside a data subnet", { clientCidrs: ["10.61.1.0/28"] }, /clientCidrs: 10\.61\.1\.0\/28 overlaps the DR endpoints subnet 10\.61\.1\.0\/24/],
      ["a client covering the data subnets", { clientCidrs: ["10.0.0.0/8"] }, /clientCidrs: 10\.0\.0\.0\/8 overlaps the postgres subnet/],
      ["a bad e-mail", { alertEmails: ["ops.example.com"] }, /alertEmails: expected e-mail addresses.*got "ops\.example\.com"/],
      ["a repeated e-mail", { alertEmails: ["ops@example.com", "OPS@example.com"] }, /alertEmails: OPS@example\.com is listed twice/],
      ["a bad tag name", { tags: { "a/b": "x" } }, /tags: Azure tag names.*got "a\/b"/],
      ["an unknown environment", { environment: "qa" as never }, /environment: expected one of dev, staging, prod, got "qa"/],
      ["no protection", { protection: undefined as never }, /protection: expected \{ enabled: boolean \}/],
      ["a bad zone label", { postgresZoneLabel: "CENM_db" }, /postgresZoneLabel: .*DNS label.*got "CENM_db"/],
      ["a long short name", { actionGroupShortName: "cenm-backup-alerts" }, /actionGroupShortName: expected 1 to 12 characters, got "cenm-backup-alerts"/],
    ])("%s", async (_label, overrides, message) => {
      let error: unknown;
      const run = await declare(() => {
        try {
          return outputsOf(new AzureNetwork("cenm", baseArgs(overrides)));
        } catch (e) {
          error = e;
          return {};
        }
      }, CONFIG);
      expect(String(error)).toMatch(message);
      expect(run.resources).toEqual([]);
    });

    it("throws from the constructor itself, outside any stack", () => {
      expect(() => new AzureNetwork("cenm", baseArgs({ vnetCidr: "10.61.0.0/16" }))).toThrow(/drVnetCidr: 10\.61\.0\.0\/16 overlaps vnetCidr 10\.61\.0\.0\/16/);
    });
  });
});
