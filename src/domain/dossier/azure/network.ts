/** Dossier rows (see ../types.ts) of Azure networking (virtual networks, subnets, NSGs, route tables, peerings, private endpoints and DNS), resource groups and monitoring (action groups, alert processing rules, metric alerts). */
import { AZURE_DOCS } from "../../limits/azure";
import type { DossierRow } from "../types";

const GROUP = "azure-native:resources:ResourceGroup";
const VNET = "azure-native:network:VirtualNetwork";
const SUBNET = "azure-native:network:Subnet";
const NSG = "azure-native:network:NetworkSecurityGroup";
const ROUTE_TABLE = "azure-native:network:RouteTable";
const PEERING = "azure-native:network:VirtualNetworkPeering";
const ENDPOINT = "azure-native:network:PrivateEndpoint";
const ZONE_GROUP = "azure-native:network:PrivateDnsZoneGroup";
const ZONE = "azure-native:privatedns:PrivateZone";
const ZONE_LINK = "azure-native:privatedns:VirtualNetworkLink";
const ACTION_GROUP = "azure-native:monitor:ActionGroup";
const METRIC_ALERT = "azure-native:monitor:MetricAlert";
const PROCESSING_RULE = "azure-native:alertsmanagement:AlertProcessingRuleByName";

// The provider's own rules: which inputs force a replacement (resource path parameters, plus a short list per type).
const PROVIDER_DIFF = "https://github.com/pulumi/pulumi-azure-native/blob/master/provider/pkg/provider/diff.go";
const PROVIDER_REPLACEMENTS = "https://github.com/pulumi/pulumi-azure-native/blob/master/provider/pkg/gen/replacement.go";
const REGISTRY_VNET = "https://www.pulumi.com/registry/packages/azure-native/api-docs/network/virtualnetwork/";
const REGISTRY_SUBNET = "https://www.pulumi.com/registry/packages/azure-native/api-docs/network/subnet/";
const PE_SUBNET_CHANGE = "https://github.com/pulumi/registry/issues/6396";

const ARM_OVERVIEW = "https://learn.microsoft.com/azure/azure-resource-manager/management/overview";
const DELETE_GROUP = "https://learn.microsoft.com/azure/azure-resource-manager/management/delete-resource-group";
const MANAGE_VNET = "https://learn.microsoft.com/azure/virtual-network/manage-virtual-network";
const MANAGE_SUBNET = "https://learn.microsoft.com/azure/virtual-network/virtual-network-manage-subnet";
const MANAGE_PEERING = "https://learn.microsoft.com/azure/virtual-network/virtual-network-manage-peering";
const NSG_OVERVIEW = "https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview";
const PE_POLICIES = "https://learn.microsoft.com/azure/private-link/disable-private-endpoint-network-policy";
const PE_OVERVIEW = "https://learn.microsoft.com/azure/private-link/private-endpoint-overview";
const PE_DNS = "https://learn.microsoft.com/azure/private-link/private-endpoint-dns";
const ZONE_GROUP_REST = "https://learn.microsoft.com/rest/api/virtualnetwork/private-dns-zone-groups/create-or-update";
const DNS_AUTOREGISTRATION = "https://learn.microsoft.com/azure/dns/private-dns-autoregistration";
const DNS_LINKS = "https://learn.microsoft.com/azure/dns/private-dns-virtual-network-links";
const POSTGRES_PRIVATE_ACCESS = "https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-networking-private";
const POSTGRES_MAJOR_UPGRADE = "https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-major-version-upgrade";
const POSTGRES_METRICS = "https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-monitoring";
const ACTION_GROUPS = "https://learn.microsoft.com/azure/azure-monitor/alerts/action-groups";
const ACTION_GROUP_TEMPLATE = "https://learn.microsoft.com/azure/azure-monitor/alerts/resource-manager-action-groups";
const COMMON_SCHEMA = "https://learn.microsoft.com/azure/azure-monitor/alerts/alerts-common-schema";
const PROCESSING_RULES = "https://learn.microsoft.com/azure/azure-monitor/alerts/alerts-processing-rules";
const BACKUP_ALERTS = "https://learn.microsoft.com/azure/backup/backup-azure-monitoring-alerts";
const METRIC_ALERT_REST = "https://learn.microsoft.com/rest/api/monitor/metric-alerts/create-or-update";

export const AZURE_NETWORK_ROWS: readonly DossierRow[] = [
  // Resource groups.
  {
    type: GROUP,
    properties: ["location"],
    update: "replaces",
    sets:
      "Two groups per stack, declared by the network component: one in primary.region, one in dr.region; every other component puts its resources in one of them (Pulumi names each group with a random suffix). Protected (protect and retainOnDelete) when protection is on; no management lock on either group, each stateful resource inside carrying its own. The DR group also holds the five private DNS zones with their links and the action group; the primary group holds the alert processing rules.",
    lifecycle:
      "A group's region is where Azure Resource Manager keeps the metadata of everything in it and routes their control-plane writes; the resources themselves may sit in other regions. Microsoft warns that while a group's region is unavailable the resources in the group, global ones such as private DNS zones included, may not be updatable: the zones and the action group are managed from the DR region, which a primary-region outage leaves writable (a DR-region outage freezes them instead, while the primary keeps running). The provider lists location among the properties that force a replacement of a group, and a new group means a new path for every resource in it (resourceGroupName is part of their ids), so a changed region rebuilds the stack. A second deploy changes nothing. Deleting a group deletes every resource in it; a lock on the group, or on any one resource in it, makes the whole deletion fail, so outside dev each group is undeletable while it holds a locked stateful resource (both groups do in staging and prod).",
    sources: [PROVIDER_REPLACEMENTS, ARM_OVERVIEW, DELETE_GROUP, AZURE_DOCS.managementLocks],
  },

  // Virtual networks.
  {
    type: VNET,
    properties: ["addressSpace"],
    update: "in-place",
    sets:
      "One range per network: vnetCidr for the primary network and drVnetCidr for the DR one (config validation and the component refuse overlapping ranges, ranges Azure reserves, and networks smaller than /26). The three data subnets are carved from its start (carveDataSubnets). Subnets are separate Subnet resources, never listed inline.",
    lifecycle:
      "Updated in place. Azure refuses to remove a range that still holds a subnet, and two networks whose ranges overlap cannot be peered. Because the VirtualNetwork declares no subnets, the provider keeps the subnets it finds on every update of the network instead of sending an empty list (the provider documents that inline and standalone subnets must not be mixed). A new vnetCidr also moves every subnet, which Azure refuses for a subnet that holds a server or endpoint: in practice a new range means a new network. A second deploy changes nothing; destroy deletes the network after its subnets and peerings.",
    sources: [MANAGE_VNET, REGISTRY_VNET, AZURE_DOCS.vnetPeering],
  },
  {
    type: VNET,
    properties: ["enableDdosProtection", "enableVmProtection"],
    update: "in-place",
    sets:
      "Not set by the package: the azure-native SDK sends false for both when they are omitted. No DDoS network protection plan is attached (the networks expose no public address); the VM protection flag has no use here, the networks hold no virtual machines.",
    lifecycle:
      "Both are updated in place. DDoS network protection needs a DDoS protection plan associated with the network; with false, only Azure's platform-level protection applies. The same defaults are sent on every deploy, so a second deploy changes nothing.",
    sources: [REGISTRY_VNET],
  },

  // Subnets.
  {
    type: SUBNET,
    properties: ["virtualNetworkName", "subnetName"],
    update: "replaces",
    sets:
      "Three subnets per network, named postgres, endpoints and vault, in the network's own resource group. They are created one after another (each depends on the previous one), and the peerings wait for the last.",
    lifecycle:
      "The network, the subnet name and the resource group are the subnet's path: the provider replaces a subnet whose path changes, and its metadata lists no other subnet input that forces one. Azure deletes a subnet only when nothing is left in it: Pulumi deletes the private endpoints and servers first (they depend on the subnet), and a delegated subnet is free only once its server is gone. A second deploy changes nothing.",
    sources: [PROVIDER_DIFF, PROVIDER_REPLACEMENTS, MANAGE_SUBNET],
  },
  {
    type: SUBNET,
    properties: ["addressPrefix"],
    update: "in-place",
    sets:
      "The block carveDataSubnets gives each role: /24s when the network is a /22 or larger, else a quarter of the network, never smaller than /28 (the smallest subnet a PostgreSQL flexible server accepts). config validation checks the CENM hosts' blocks against these subnets.",
    lifecycle:
      "Updated in place only while the subnet is empty: Azure refuses a new range for a subnet that holds resources (the PostgreSQL page adds that a server's subnet cannot grow once the server exists), so after the first deploy a new block means emptying the subnet first. A second deploy changes nothing.",
    sources: [MANAGE_SUBNET, POSTGRES_PRIVATE_ACCESS],
  },
  {
    type: SUBNET,
    properties: ["defaultOutboundAccess"],
    update: "in-place",
    sets:
      "false on all three subnets (private subnets), so that nothing placed in them gets Azure's implicit public outbound address. Nothing the package places there needs one: private endpoints only answer, and for delegated subnets such as the PostgreSQL one Microsoft says the setting does not apply (the service manages its own outbound). A virtual machine added by hand would have no way to the Internet without an explicit one (NAT gateway, public IP, firewall).",
    lifecycle:
      "Updated in place. Azure still lets virtual machines in a private subnet reach Azure Storage in the same region, and service endpoints keep working. Stating false keeps the subnets private whatever default an API version applies. A second deploy changes nothing.",
    sources: [AZURE_DOCS.defaultOutboundAccess, MANAGE_SUBNET],
  },
  {
    type: SUBNET,
    properties: ["delegations"],
    update: "provider-decided",
    sets:
      "On the postgres subnet only: one delegation, postgres-flexible-servers, to Microsoft.DBforPostgreSQL/flexibleServers, which a VNet-integrated flexible server requires; Azure fills in the delegation's actions. The subnet then holds PostgreSQL flexible servers and nothing else.",
    lifecycle:
      "Azure refuses to add or remove a delegation while the service has resources in the subnet, and a flexible server cannot be moved to another subnet or network once created. Set at creation and never changed, so a second deploy changes nothing (the provider compares inputs, not the actions Azure added). Destroy: the server goes first, then the subnet.",
    sources: [POSTGRES_PRIVATE_ACCESS, MANAGE_SUBNET],
  },
  {
    type: SUBNET,
    properties: ["networkSecurityGroup"],
    update: "in-place",
    sets: "Each subnet gets its own network security group (postgres-nsg, endpoints-nsg, vault-nsg), declared in the same resource group and region.",
    lifecycle:
      "Azure requires the security group to be in the same subscription and region as the network. The association is updated in place (a group can be attached or swapped after the subnet exists). Destroy detaches it with the subnet; the group is deleted after the subnet, which depends on it. A second deploy changes nothing.",
    sources: [MANAGE_SUBNET, NSG_OVERVIEW],
  },
  {
    type: SUBNET,
    properties: ["routeTable"],
    update: "in-place",
    sets:
      "On the vault subnet only: the vault-rt route table, whose single route drops everything bound outside the networks' own routes (see the route table's row). The postgres subnet has none, as Microsoft asks for replication and Entra traffic; the endpoints subnet needs none.",
    lifecycle:
      "The table must be in the same subscription and region as the network; the association is updated in place. It governs traffic leaving the subnet, and reaches private endpoint traffic only because the subnet's private endpoint network policies are Enabled. A second deploy changes nothing; the table is deleted after the subnet.",
    sources: [MANAGE_SUBNET, AZURE_DOCS.udrOverview, POSTGRES_PRIVATE_ACCESS],
  },
  {
    type: SUBNET,
    properties: ["privateEndpointNetworkPolicies"],
    update: "in-place",
    sets:
      "Enabled on the endpoints and vault subnets, which hold the private endpoints: both the security group and the route table then apply to private endpoint traffic, which Azure otherwise exempts from them. On the postgres subnet the package sets nothing and the azure-native SDK sends Disabled, which has no effect there (a delegated subnet holds no private endpoint).",
    lifecycle:
      "Updated in place; Microsoft documents that the policy can be changed after the subnet exists and applies to every private endpoint in the subnet. Values are Disabled, Enabled, NetworkSecurityGroupEnabled and RouteTableEnabled. A second deploy changes nothing.",
    sources: [PE_POLICIES, MANAGE_SUBNET, REGISTRY_SUBNET],
  },
  {
    type: SUBNET,
    properties: ["privateLinkServiceNetworkPolicies"],
    update: "in-place",
    sets:
      "Not set by the package: the azure-native SDK sends Enabled on every subnet. It concerns private link services (a provider's own service published through Private Link), of which the package declares none, so it changes nothing here.",
    lifecycle: "Updated in place. The same default is sent on every deploy, so a second deploy changes nothing.",
    sources: [REGISTRY_SUBNET],
  },

  // Network security groups.
  {
    type: NSG,
    properties: ["securityRules"],
    update: "in-place",
    sets:
      "Inline rules (no standalone SecurityRule resources), from dataSubnetSecurityRules. Inbound: the CENM hosts (clientCidrs) to the subnet's service ports at priority 100 (postgres 5432; endpoints 443, 445, 1433; vault 443); on the postgres subnet also 5432 and 6432 within the subnet (high availability, PgBouncer) and 5432 from the other region's postgres subnet (the geo replica); then Internet denied at 4000 and VirtualNetwork denied at 4090. Outbound: on the postgres subnet 5432 and 6432 within the subnet, 5432 to the other region's postgres subnet, and 443 to the Storage, AzureActiveDirectory and AzureKeyVault service tags; Internet denied at 4000 on every subnet.",
    lifecycle:
      "Rules take priorities 100 to 4096 and the first match wins; Azure's own default rules (65000 and up: virtual network and load balancer inbound allowed, everything else inbound denied; virtual network and Internet outbound allowed) still come last, so the 4090 deny is what closes the VirtualNetwork tag, which also covers peered networks. Microsoft asks a PostgreSQL subnet's rules to admit 5432 and 6432 inside the subnet and Azure Storage (for log archival; otherwise high availability does not come back after a major version upgrade), Entra ID when Entra sign-in is used, and 5432 plus Storage on 443 between primary and replica regions: all admitted above. The CENM hosts get 5432 only, not PgBouncer's 6432. The list is updated in place; the provider keeps rules declared elsewhere only when the list is omitted, which it never is here. A second deploy changes nothing; the group is deleted after its subnet.",
    sources: [NSG_OVERVIEW, POSTGRES_PRIVATE_ACCESS, POSTGRES_MAJOR_UPGRADE, AZURE_DOCS.serviceTags],
  },

  // Route tables.
  {
    type: ROUTE_TABLE,
    properties: ["routes"],
    update: "in-place",
    sets:
      "One inline route, no-internet: 0.0.0.0/0 with next hop None, attached to the vault subnet, so anything there can reach the networks' own and peered addresses (more specific system routes) and nothing else. No VirtualAppliance or gateway next hop is used.",
    lifecycle:
      "Next hop None drops the traffic. The route overrides Azure's default 0.0.0.0/0 system route (next hop Internet) for the subnet; longer prefixes (the network, its peers, BGP-learned prefixes) still win, and for an equal prefix a user route beats a BGP route, which beats a system route. CENM hosts must therefore be reached through a more specific route (peering or BGP), not a default route. Updated in place; a second deploy changes nothing; the table is deleted after the subnet.",
    sources: [AZURE_DOCS.udrOverview, PE_POLICIES],
  },
  {
    type: ROUTE_TABLE,
    properties: ["disableBgpRoutePropagation"],
    update: "in-place",
    sets:
      "false: routes a virtual network gateway learns by BGP (on-premises prefixes, if the operator connects the hosts that way) still reach the vault subnet, while a learned default route cannot beat the user route to None.",
    lifecycle: "Updated in place (the portal calls it Propagate gateway routes). A second deploy changes nothing.",
    sources: [AZURE_DOCS.udrOverview],
  },

  // Peerings.
  {
    type: PEERING,
    properties: ["virtualNetworkName", "virtualNetworkPeeringName", "remoteVirtualNetwork"],
    update: { virtualNetworkName: "replaces", virtualNetworkPeeringName: "replaces", remoteVirtualNetwork: "provider-decided" },
    sets:
      "A global peering each way between the primary and DR networks (named <component>-to-dr in the primary network and <component>-from-dr in the DR one), so that the DR read replica can stream from the primary over the PostgreSQL subnets. Both wait for the last subnet of each network.",
    lifecycle:
      "The first side stays Initiated until the other side exists, then both are Connected. Deleting one side leaves the other Disconnected and traffic stops until the deleted side is created again. The local network and peering name are the peering's path (a change is a replacement); networks with overlapping ranges cannot be peered. Pulumi deletes both sides on destroy, before the networks. A second deploy changes nothing.",
    sources: [MANAGE_PEERING, AZURE_DOCS.vnetPeering, PROVIDER_DIFF],
  },
  {
    type: PEERING,
    properties: ["allowVirtualNetworkAccess"],
    update: "in-place",
    sets: "true on both sides: the point of the peering is that the two PostgreSQL subnets reach each other (the security groups then admit only 5432 between them).",
    lifecycle:
      "With access on, the peered network's range joins the VirtualNetwork tag of the security groups, which the package's rules close at priority 4090. Updated in place; setting it false cuts traffic without deleting the peering. A second deploy changes nothing.",
    sources: [MANAGE_PEERING],
  },
  {
    type: PEERING,
    properties: ["allowForwardedTraffic"],
    update: "in-place",
    sets: "false on both sides: nothing forwards traffic between the networks (no appliance, no hub), so only traffic that starts in the peer network is accepted.",
    lifecycle: "Updated in place. Turning it on would admit traffic an appliance in the peer network forwards; it creates no route by itself. A second deploy changes nothing.",
    sources: [MANAGE_PEERING],
  },
  {
    type: PEERING,
    properties: ["allowGatewayTransit", "useRemoteGateways"],
    update: "in-place",
    sets: "false for both on both sides: neither network has a virtual network gateway, and the peering joins these two networks and nothing else.",
    lifecycle:
      "useRemoteGateways true would be refused here: it needs a gateway in the remote network whose peering allows gateway transit, only one peering of a network may use it, and a network that has its own gateway cannot. Both update in place. A second deploy changes nothing.",
    sources: [MANAGE_PEERING],
  },

  // Private endpoints and their DNS registration.
  {
    type: ENDPOINT,
    properties: ["subnet"],
    update: "replaces",
    sets:
      "The endpoints subnet for the file store's storage account (and a SQL server's endpoint, on the SQL Server path), the vault subnet for the key vault and the escrow accounts; each endpoint in its region's subnet. The package passes only the subnet id; the azure-native SDK adds the subnet type's defaults (privateEndpointNetworkPolicies Disabled, privateLinkServiceNetworkPolicies Enabled) to the object, and Azure reads only the id.",
    lifecycle:
      "Azure refuses to move an existing private endpoint to another subnet (CannotChangeSubnetOnExistingPrivateEndpoint), so the provider marks subnet, nested fields included, as forcing a replacement: Pulumi creates the new endpoint (it has a generated name) before deleting the old one. No lock covers an endpoint: the package locks no resource group, and an endpoint is a resource of its own group, not a child of the resource it connects to, so the delete goes through. The same defaults are sent on every deploy, so a second deploy changes nothing. The endpoint must be in the network's region and subscription. Destroy deletes it (and its zone group's record) before the subnet.",
    sources: [PROVIDER_REPLACEMENTS, PE_SUBNET_CHANGE, PE_OVERVIEW, AZURE_DOCS.managementLocks],
  },
  {
    type: ENDPOINT,
    properties: ["privateLinkServiceConnections"],
    update: "provider-decided",
    sets:
      "One automatically approved connection to the target's id with the sub-resource it serves: file (the file store's account), vault (the key vault), blob (each escrow account), sqlServer on the SQL Server path. Named <component>-<sub-resource>.",
    lifecycle:
      "A connection in this list is approved at creation when the deployer may approve connections on the target (the same subscription and rights here); a deployer without that right would need the manual list and an approval by the target's owner. The target and sub-resource are fixed for the endpoint's life in this package (a different target is a different component); a second deploy changes nothing. Deleting the endpoint removes the connection from the target.",
    sources: [PE_OVERVIEW],
  },
  {
    type: ZONE_GROUP,
    properties: ["privateEndpointName", "privateDnsZoneGroupName"],
    update: "replaces",
    sets: "One zone group, named default, per private endpoint, in the endpoint's resource group.",
    lifecycle:
      "The endpoint's name and the group's name are the zone group's path: the provider replaces the group when its endpoint is replaced. Azure keeps an A record for the endpoint in each configured zone while the group exists and removes it when the group or the endpoint is deleted. A second deploy changes nothing.",
    sources: [ZONE_GROUP_REST, PROVIDER_DIFF],
  },
  {
    type: ZONE_GROUP,
    properties: ["privateDnsZoneConfigs"],
    update: "in-place",
    sets:
      "One configuration, named after the endpoint's sub-resource (file, vault, blob; sql for a SQL server's sqlServer), pointing at the matching privatelink zone of the network component: privatelink.file.core.windows.net, privatelink.vaultcore.azure.net, privatelink.blob.core.windows.net, privatelink.database.windows.net. The DR escrow endpoint registers in the same (global) blob zone; each escrow account has its own name, so the records do not collide.",
    lifecycle:
      "These are the zone names Microsoft lists for these sub-resources. Updated in place (a changed zone moves the record). Microsoft's note on group metadata applies to the zones: records in a zone managed from a region that is down may not be writable. The zones are managed from the DR group, so a zone group created during a primary-region outage (the runbook's DR file endpoint) can write its record. A second deploy changes nothing.",
    sources: [PE_DNS, ZONE_GROUP_REST, ARM_OVERVIEW],
  },
  {
    type: ZONE,
    properties: ["privateZoneName"],
    update: "replaces",
    sets:
      "Five zones in the DR resource group, location global: <postgresZoneLabel>.private.postgres.database.azure.com (label cenm by default; the zone the VNet-integrated PostgreSQL servers, primary and DR replica, register in), privatelink.blob.core.windows.net, privatelink.file.core.windows.net, privatelink.vaultcore.azure.net and privatelink.database.windows.net. No privatelink.postgres.database.azure.com zone: the servers use VNet integration, not private endpoints.",
    lifecycle:
      "The name and the group are the zone's path: a new name or group is a new zone (a stack deployed while the zones lived in the primary group sees each one replaced). For VNet-integrated servers Microsoft asks for a zone ending in postgres.database.azure.com (the form name1.name2.postgres.database.azure.com is allowed), lets a server move to another zone later except while high availability is on, and warns that a lock of either level on that zone or its records may keep the server from updating its DNS records, during a high-availability failover for instance: no lock sits on, above or inside any zone of the package (limit azure-postgres-dns-zone-unlocked-with-ha). Private DNS data is global and survives a regional outage; the zone's management follows its group's region, the DR region here. Azure refuses to delete a zone while virtual network links to it remain, and deletes its records with it: destroy deletes the links first (they depend on the zone), then the zone. A second deploy changes nothing.",
    sources: [POSTGRES_PRIVATE_ACCESS, PE_DNS, AZURE_DOCS.managementLocks, AZURE_DOCS.privateZoneDelete, ARM_OVERVIEW],
  },
  {
    type: ZONE_LINK,
    properties: ["virtualNetwork", "privateZoneName", "virtualNetworkLinkName"],
    update: { virtualNetwork: "provider-decided", privateZoneName: "replaces", virtualNetworkLinkName: "replaces" },
    sets:
      "Each of the five zones is linked to both networks (links <component>-primary and <component>-dr, kept with their zone in the DR group, the primary network's link included), so that either region resolves the other region's endpoints and servers, which the geo replica and a failover need. Declared deleteBeforeReplace.",
    lifecycle:
      "Name resolution in a network covers only the zones linked to it; Microsoft asks for a link from every network whose clients must resolve a PostgreSQL server. A zone and a network are joined by one link at most, and a network cannot be linked to two zones of the same name (limit azure-private-dns-zone-name-once-per-network): a link replaced because its zone, group or name changed is deleted before its replacement is created, and that zone does not resolve in that network meanwhile. The zone, group and link name are the link's path (a change is a new link); the linked network is fixed for a link (the Azure CLI's link update leaves it unchanged), so a rebuilt network needs a new link. A second deploy changes nothing; destroy deletes the links before the zone and the networks.",
    sources: [DNS_LINKS, POSTGRES_PRIVATE_ACCESS, AZURE_DOCS.privateLinkFaq],
  },
  {
    type: ZONE_LINK,
    properties: ["registrationEnabled"],
    update: "in-place",
    sets:
      "false on every link: the records come from the private endpoints' zone groups and from the PostgreSQL service, not from auto-registration.",
    lifecycle:
      "Auto-registration writes records only for virtual machines, and a network may auto-register in one zone only; the networks hold no virtual machines. Updated in place. With registration off, deleting a link removes no record. A second deploy changes nothing.",
    sources: [DNS_AUTOREGISTRATION, DNS_LINKS],
  },

  // Monitoring: the action group, the routing of backup alerts to it, the replica lag alert.
  {
    type: ACTION_GROUP,
    properties: ["groupShortName"],
    update: "in-place",
    sets: "actionGroupShortName, by default the component's name cut to 12 characters (cenm-network); the component refuses an empty or longer value.",
    lifecycle: "Azure takes at most 12 characters and shows the short name in e-mail and SMS notifications. Updated in place; a second deploy changes nothing.",
    sources: [ACTION_GROUP_TEMPLATE, ACTION_GROUPS],
  },
  {
    type: ACTION_GROUP,
    properties: ["enabled"],
    update: "in-place",
    sets: "true: every alert the package routes here must reach its receivers.",
    lifecycle: "A disabled action group notifies none of its receivers. Required by the API; updated in place; a second deploy changes nothing.",
    sources: [ACTION_GROUPS],
  },
  {
    type: ACTION_GROUP,
    properties: ["emailReceivers"],
    update: "in-place",
    sets:
      "One e-mail receiver per address of alertEmails (named email-1, email-2 ...), each with the common alert schema. The component refuses malformed and repeated addresses; a stack without addresses (dev) gets a group with no receiver, which the API accepts (only the short name and enabled are required).",
    lifecycle:
      "Azure tells each new address that it was added to the group. The common alert schema gives every alert type the same e-mail layout and payload. The list is updated in place (a new or removed address changes the group, not the alerts that use it); the group is managed from the DR group, so its receivers can still be changed while the primary region is down. A second deploy changes nothing; destroy deletes the group after the rules that reference it.",
    sources: [ACTION_GROUPS, COMMON_SCHEMA],
  },
  {
    type: PROCESSING_RULE,
    properties: ["properties"],
    update: "in-place",
    sets:
      "One rule per backup vault (the Data Protection vault of the snapshots, the Recovery Services vault of the file store), location Global, in the primary group: enabled, scoped to the vault's id, action AddActionGroups with the network component's action group, and a description naming the component. No conditions and no schedule, so every alert the vault fires is routed.",
    lifecycle:
      "Azure Backup's built-in Azure Monitor alerts (the vaults raise one per failed job, alertsForAllJobFailures) carry no action group of their own: Microsoft's way to be notified of them is an alert processing rule that adds an action group. The rule applies to alerts fired in its scope after it exists. Scopes, actions and description are updated in place; a second deploy changes nothing; destroy deletes it before the vault and the action group.",
    sources: [BACKUP_ALERTS, PROCESSING_RULES],
  },
  {
    type: METRIC_ALERT,
    properties: ["scopes", "targetResourceType", "targetResourceRegion"],
    update: "in-place",
    sets:
      "Only when the stack declares a DR read replica (azure-prod among the shipped stacks): one alert in the DR group, location global, scoped to the primary server alone (the lag in bytes is published there, not on the replica), with its type Microsoft.DBforPostgreSQL/flexibleServers and the primary's region.",
    lifecycle:
      "The type and region are required only when the scope is a subscription, a group or several resources; stating them for one resource is accepted. Updated in place (a new server id moves the alert). Destroy deletes the alert before the servers. A second deploy changes nothing. After a promotion the roles swap while the scope stays: the alert then watches the demoted server, which publishes no lag in bytes, until the switchover back the runbook asks for.",
    sources: [METRIC_ALERT_REST, AZURE_DOCS.postgresReadReplicas],
  },
  {
    type: METRIC_ALERT,
    properties: ["criteria"],
    update: "in-place",
    sets:
      "One static threshold on the primary's Max Physical Replication Lag (physical_replication_delay_in_bytes, namespace Microsoft.DBforPostgreSQL/flexibleServers), maximum over the window, greater than database.replicaLagAlarmMiB MiB (16 MiB in azure-prod: the default, one WAL segment, PostgreSQL's default segment size; CENM writes little, so a whole segment not yet streamed means a stalled or slow link). Not the replica's Read Replica Lag in seconds: Azure measures it as the time since the replica last replayed a transaction, so it grows while the primary writes nothing and a quiet CENM database would raise the alert with nothing to replay.",
    lifecycle:
      "Microsoft documents both metrics as collected by default: the lag in bytes on the primary only, while at least one replica is connected, and also while a replica catches up, is being created or its replication is inactive; the lag in seconds on replicas only. A lag in bytes says how far the replica is behind, not for how long. Updated in place; a second deploy changes nothing.",
    sources: [AZURE_DOCS.postgresReadReplicas, POSTGRES_METRICS, AZURE_DOCS.postgresMetrics, AZURE_DOCS.postgresWalSegmentSize, METRIC_ALERT_REST],
  },
  {
    type: METRIC_ALERT,
    properties: ["evaluationFrequency", "windowSize"],
    update: "in-place",
    sets: "Evaluated every minute (PT1M) over the last five minutes (PT5M): a lag above the threshold at any point of the window raises the alert within about a minute.",
    lifecycle: "ISO 8601 durations, both required by the API; updated in place. A second deploy changes nothing.",
    sources: [METRIC_ALERT_REST],
  },
  {
    type: METRIC_ALERT,
    properties: ["severity", "description", "enabled", "autoMitigate"],
    update: "in-place",
    sets:
      "Severity 2 (warning: the replica is the DR copy, its lag is the RPO), a description naming the component and the threshold in MiB, enabled, and automatic resolution once the lag falls back below the threshold.",
    lifecycle: "Severity is 0 to 4; autoMitigate defaults to true in the API and is stated anyway. All updated in place; a second deploy changes nothing.",
    sources: [METRIC_ALERT_REST],
  },
  {
    type: METRIC_ALERT,
    properties: ["actions"],
    update: "in-place",
    sets: "The network component's action group, so the lag alert reaches the same addresses as the backup alerts.",
    lifecycle: "The action group runs when the alert fires and again when it resolves. Updated in place; a second deploy changes nothing.",
    sources: [METRIC_ALERT_REST, ACTION_GROUPS],
  },
];
