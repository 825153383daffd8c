/**
 * The physical names of declared resources, as the runbook's commands need them: an RDS identifier, a backup vault's
 * name, an EFS file system id, an Azure server and its resource group. A name is taken only from what the source
 * really says:
 *
 * - a deployed state (and a preview, for resources that exist) records the resource's outputs: the real name;
 * - a name input the program declares itself (a literal, not derived from another resource) is the name;
 * - an input derived from another resource in an offline plan holds a value the mock runtime made up, so it is
 *   never used; nor is anything a preview leaves unknown.
 *
 * Anything else is "known after deployment": the runbook says so and prints a placeholder, never a guess.
 */
import type { AuditSource } from "../audit/types";
import { T as AWS } from "../domain/resources/awsTokens";
import { T as AZ } from "../domain/resources/azureTokens";
import type { ResourceGraph } from "../domain/resources/graph";
import { rec, str } from "../domain/resources/values";
import type { ResourceView } from "../domain/resources/view";
import type { ResourceRef } from "./model";

/** How a type's name is read: what it is called, the outputs that record it, the inputs that declare it. */
interface NameRule {
  attribute: string;
  outputs: string[];
  inputs: string[];
}

const ID: NameRule = { attribute: "id", outputs: ["id"], inputs: [] };
const ARN: NameRule = { attribute: "ARN", outputs: ["arn"], inputs: [] };

/**
 * Types the runbook's commands name, and how. Others are named by their `name` output or input. Where the Pulumi id
 * of a type is its name (buckets, vaults, groups, clusters), a state that records only the id still gives the name.
 */
const RULES: Record<string, NameRule> = {
  [AWS.rdsInstance]: { attribute: "identifier", outputs: ["identifier"], inputs: ["identifier"] },
  [AWS.rdsCluster]: { attribute: "cluster identifier", outputs: ["clusterIdentifier", "id"], inputs: ["clusterIdentifier"] },
  [AWS.rdsSubnetGroup]: { attribute: "name", outputs: ["name", "id"], inputs: ["name"] },
  "aws:rds/parameterGroup:ParameterGroup": { attribute: "name", outputs: ["name", "id"], inputs: ["name"] },
  "aws:rds/clusterParameterGroup:ClusterParameterGroup": { attribute: "name", outputs: ["name", "id"], inputs: ["name"] },
  // The Pulumi id of replicated automated backups is their ARN.
  [AWS.rdsBackupsReplication]: { attribute: "ARN", outputs: ["id"], inputs: [] },
  [AWS.backupVault]: { attribute: "name", outputs: ["name", "id"], inputs: ["name"] },
  [AWS.backupAirGappedVault]: { attribute: "name", outputs: ["name", "id"], inputs: ["name"] },
  [AWS.efsFileSystem]: { attribute: "file system id", outputs: ["id"], inputs: [] },
  "aws:efs/accessPoint:AccessPoint": { attribute: "access point id", outputs: ["id"], inputs: [] },
  [AWS.bucket]: { attribute: "bucket", outputs: ["bucket", "id"], inputs: ["bucket"] },
  [AWS.bucketV2]: { attribute: "bucket", outputs: ["bucket", "id"], inputs: ["bucket"] },
  [AWS.securityGroup]: { attribute: "id", outputs: ["id"], inputs: [] },
  [AWS.subnet]: { attribute: "id", outputs: ["id"], inputs: [] },
  [AWS.hsmCluster]: { attribute: "cluster id", outputs: ["clusterId", "id"], inputs: [] },
  [AWS.metricAlarm]: { attribute: "alarm name", outputs: ["name", "id"], inputs: ["name"] },
  "aws:iam/role:Role": ARN,
  [AWS.kmsKey]: ARN,
  [AZ.resourceGroup]: { attribute: "name", outputs: ["name"], inputs: ["resourceGroupName"] },
  [AZ.postgresServer]: { attribute: "name", outputs: ["name"], inputs: ["serverName"] },
  [AZ.sqlServer]: { attribute: "name", outputs: ["name"], inputs: ["serverName"] },
  [AZ.sqlDatabase]: { attribute: "name", outputs: ["name"], inputs: ["databaseName"] },
  [AZ.sqlFailoverGroup]: { attribute: "name", outputs: ["name"], inputs: ["failoverGroupName"] },
  [AZ.storageAccount]: { attribute: "name", outputs: ["name"], inputs: ["accountName"] },
  [AZ.fileShare]: { attribute: "name", outputs: ["name"], inputs: ["shareName"] },
  [AZ.blobContainer]: { attribute: "name", outputs: ["name"], inputs: ["containerName"] },
  [AZ.recoveryVault]: { attribute: "name", outputs: ["name"], inputs: ["vaultName"] },
  [AZ.backupVault]: { attribute: "name", outputs: ["name"], inputs: ["vaultName"] },
  [AZ.backupInstance]: { attribute: "name", outputs: ["name"], inputs: ["backupInstanceName"] },
  [AZ.keyVault]: { attribute: "name", outputs: ["name"], inputs: ["vaultName"] },
  [AZ.keyVaultKey]: { attribute: "name", outputs: ["name"], inputs: ["keyName"] },
};

/** Other things a command may need of a resource. */
export type NameAttribute = "name" | "id" | "ARN" | "key URI";

const EXTRA: Record<Exclude<NameAttribute, "name">, NameRule> = {
  id: ID,
  ARN,
  "key URI": { attribute: "key URI", outputs: ["keyUri"], inputs: [] },
};

export class Namer {
  private readonly refs = new Map<string, ResourceRef>();

  constructor(
    readonly g: ResourceGraph,
    readonly source: AuditSource,
  ) {}

  /** The resource's name (or, with `attribute`, its id, ARN or key URI) as a reference a command can print. */
  ref(r: ResourceView, attribute: NameAttribute = "name"): ResourceRef {
    const rule = attribute === "name" ? (RULES[r.type] ?? { attribute: "name", outputs: ["name"], inputs: ["name"] }) : EXTRA[attribute];
    const key = `${r.urn}\u0000${rule.attribute}`;
    const known = this.refs.get(key);
    if (known) return known;
    const value = this.read(r, rule);
    const region = this.regionOf(r);
    const ref: ResourceRef = {
      ref: "resource",
      urn: r.urn,
      name: r.name,
      type: r.type,
      attribute: rule.attribute,
      ...(value.value !== undefined ? { value: value.value } : { unknown: value.why }),
      ...(region !== undefined ? { region } : {}),
    };
    this.refs.set(key, ref);
    return ref;
  }

  /**
   * The value of input `property` of `r` as references: the resources it comes from (by their name), or, when the
   * program declares it as a literal, that value. Empty when the input is not declared.
   */
  inputRefs(r: ResourceView, property: string, attribute: string, types?: readonly string[]): ResourceRef[] {
    const deps = (r.propertyDependencies?.[property] ?? []).map((u) => this.g.get(u)).filter((x): x is ResourceView => x !== undefined && x !== r && (!types || types.includes(x.type)));
    if (deps.length > 0) return deps.map((d) => this.ref(d));
    const values = (Array.isArray(r.inputs[property]) ? (r.inputs[property] as unknown[]) : [r.inputs[property]]).map(str).filter((v): v is string => v !== undefined);
    return values.map((value, i) => this.literal(r, values.length > 1 ? `${attribute} ${i + 1}` : attribute, value));
  }

  /** An Azure resource's resource group: the declared group it names, or the name it declares. */
  resourceGroup(r: ResourceView): ResourceRef {
    const [group] = this.inputRefs(r, "resourceGroupName", "resource group", [AZ.resourceGroup]);
    if (group) return group;
    return { ref: "resource", urn: r.urn, name: r.name, type: r.type, attribute: "resource group", unknown: this.unknownWhy(r, "resourceGroupName") };
  }

  /** Every reference handed out, once. */
  all(): ResourceRef[] {
    return [...this.refs.values()];
  }

  /** Region (AWS) or location (Azure) of a resource, when it declares one. */
  regionOf(r: ResourceView): string | undefined {
    return str(r.inputs.region) ?? str(r.inputs.location) ?? str(rec(r.outputs)?.region) ?? str(rec(r.outputs)?.location);
  }

  private literal(r: ResourceView, attribute: string, value: string): ResourceRef {
    const key = `${r.urn}\u0000${attribute}`;
    const known = this.refs.get(key);
    if (known) return known;
    const trusted = this.trusted(r, attribute);
    const ref: ResourceRef = { ref: "resource", urn: r.urn, name: r.name, type: r.type, attribute, ...(trusted ? { value } : { unknown: this.unknownWhy(r, attribute) }) };
    this.refs.set(key, ref);
    return ref;
  }

  private read(r: ResourceView, rule: NameRule): { value?: string; why: string } {
    const outputs = rec(r.outputs) ?? {};
    for (const k of rule.outputs) {
      const v = str(outputs[k]);
      if (v !== undefined) return { value: v, why: "" };
    }
    for (const k of rule.inputs) {
      const v = str(r.inputs[k]);
      if (v !== undefined && this.trusted(r, k)) return { value: v, why: "" };
    }
    return { why: this.unknownWhy(r, rule.inputs[0]) };
  }

  /** An input value is the real name unless an offline plan derived it from another resource (a mock value). */
  private trusted(r: ResourceView, property: string): boolean {
    if (this.source !== "plan") return true;
    return (r.propertyDependencies?.[property] ?? []).length === 0;
  }

  private unknownWhy(r: ResourceView, property: string | undefined): string {
    if (this.source === "state") return "not recorded in the state";
    if (this.source === "preview") return "known after deployment (the preview leaves it unknown)";
    const derived = property !== undefined && (r.propertyDependencies?.[property] ?? []).length > 0;
    return derived ? "known after deployment (derived from another resource's name)" : "known after deployment (the cloud or Pulumi names it when the resource is created)";
  }
}
