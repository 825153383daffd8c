/**
 * Azure types the audit accounts for: those the readers interpret, and supporting types that hold no CENM data and
 * need no verdict of their own (identities, role assignments, networking plumbing, private DNS, server settings,
 * the databases inside a server, service properties). Any other custom Azure type is reported as unknown.
 */
import type { ResourceGraph } from "../../../domain/resources/graph";
import type { ResourceView } from "../../../domain/resources/view";
import { str } from "../../../domain/resources/values";
import { T } from "./tokens";

export const READ_TYPES = new Set<string>(Object.values(T));

/** Type prefixes (`azure-native:<module>:`) whose resources support the others. */
const SUPPORTING_MODULES = ["azure-native:privatedns:", "azure-native:managedidentity:", "azure-native:insights:"];

const SUPPORTING_TYPES = new Set<string>([
  "azure-native:authorization:RoleAssignment",
  "azure-native:authorization:RoleDefinition",
  "azure-native:monitor:ActionGroup",
  "azure-native:monitor:DiagnosticSetting",
  // The geo read replica's lag alert: a rule over a metric, it holds no data.
  "azure-native:monitor:MetricAlert",
  "azure-native:network:VirtualNetwork",
  "azure-native:network:Subnet",
  "azure-native:network:RouteTable",
  "azure-native:network:Route",
  "azure-native:network:PrivateDnsZoneGroup",
  "azure-native:network:VirtualNetworkPeering",
  "azure-native:dbforpostgresql:Configuration",
  "azure-native:dbforpostgresql:Database",
  "azure-native:dbforpostgresql:Administrator",
  "azure-native:dbforpostgresql:AdministratorsMicrosoftEntra",
  // A pair of host names that follow the primary and the replica: it holds no data (the replica is read as a copy).
  "azure-native:dbforpostgresql:VirtualEndpoint",
  "azure-native:sql:ServerKey",
  "azure-native:sql:EncryptionProtector",
  "azure-native:sql:LongTermRetentionPolicy",
  "azure-native:storage:BlobServiceProperties",
  "azure-native:storage:FileServiceProperties",
  "azure-native:storage:ManagementPolicy",
  "azure-native:keyvault:Secret",
  "azure-native:keyvault:AccessPolicy",
  // The role-propagation waits of the components: hold nothing.
  "time:index/sleep:Sleep",
]);

/** The type is read or supports what is read. */
export function isKnownAzureType(type: string): boolean {
  return READ_TYPES.has(type) || SUPPORTING_TYPES.has(type) || SUPPORTING_MODULES.some((m) => type.startsWith(m));
}

/** Pulumi's type of every dynamic resource (a resource whose provider is code of the program). */
const DYNAMIC = "pulumi-nodejs:dynamic:Resource";

/**
 * The file store's inquiry of a Recovery Services protection container (src/components/azure/shareInquiry.ts): a
 * dynamic resource whose `containerId` names a protection container. It runs an operation and holds no data, so
 * it is accounted for; any other dynamic resource stays unknown.
 */
export function isBackupInquiry(g: ResourceGraph, r: ResourceView): boolean {
  if (r.type !== DYNAMIC) return false;
  return g.ref(r, "containerId", [T.protectionContainer]) !== undefined || (str(r.inputs.containerId) ?? "").includes("/protectionContainers/");
}
