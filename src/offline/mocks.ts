/**
 * What the offline engine answers in place of the cloud: plausible, deterministic computed outputs (ids, ARNs,
 * endpoints) so that a program's `apply` callbacks run as they would in an update, and the few provider
 * functions the program calls. An unknown provider function is an error, never a silent guess.
 */
import { createHash } from "crypto";

/** The account the offline engine answers for when the stack states none (`aws:allowedAccountIds`). */
export const MOCK_ACCOUNT_ID = "123456789012";

/**
 * The account an offline run of a stack sees: the one account of the AWS provider's `aws:allowedAccountIds`, which a
 * stack sets to say where it deploys (and which the provider then enforces), else MOCK_ACCOUNT_ID.
 */
export function mockAccountOf(config: Record<string, string>): string {
  const text = config["aws:allowedAccountIds"];
  if (text === undefined) return MOCK_ACCOUNT_ID;
  try {
    const ids = JSON.parse(text) as unknown;
    if (Array.isArray(ids) && ids.length === 1 && /^\d{12}$/.test(String(ids[0]))) return String(ids[0]);
  } catch {
    // Not a JSON list: the plain default below.
  }
  return MOCK_ACCOUNT_ID;
}

/** `aws:rds/cluster:Cluster` -> ["aws", "rds", "cluster"] */
function tokenParts(type: string): [string, string, string] {
  const [pkg, mod = "", kind = ""] = type.split(":");
  const service = mod.split("/")[0];
  return [pkg, service, kind.toLowerCase()];
}

/** The key of an RDS-managed master password secret, when the program names one (else the AWS-managed key, left out). */
function secretKey(inputs: Record<string, unknown>): { kmsKeyId?: unknown } {
  return inputs.masterUserSecretKmsKeyId === undefined ? {} : { kmsKeyId: inputs.masterUserSecretKmsKeyId };
}

/** State of a newly created resource: its inputs plus the outputs the cloud would compute. */
export function fabricateState(type: string, name: string, inputs: Record<string, unknown>, defaultRegion?: string, account = MOCK_ACCOUNT_ID): Record<string, unknown> {
  return { ...inputs, ...computedOutputs(type, name, inputs, defaultRegion, account) };
}

/** The outputs the cloud would compute for a newly created resource (ids, ARNs, endpoints), from its inputs. */
export function computedOutputs(type: string, name: string, inputs: Record<string, unknown>, defaultRegion?: string, account = MOCK_ACCOUNT_ID): Record<string, unknown> {
  const [pkg, service, kind] = tokenParts(type);
  if (pkg === "azure-native") return azureComputedOutputs(type, name, inputs);
  if (type === "random:index/randomId:RandomId") return randomIdOutputs(name, inputs);
  if (type === "random:index/randomPassword:RandomPassword") return { result: mockRandomPassword(name, typeof inputs.length === "number" ? inputs.length : 16) };
  if (pkg !== "aws") return {};
  const region = (inputs.region as string | undefined) ?? defaultRegion ?? "us-east-1";
  const physical = (inputs.name as string | undefined) ?? (inputs.bucket as string | undefined) ?? `${name}-0000000`;
  const state: Record<string, unknown> = { region };
  switch (type) {
    case "aws:s3/bucket:Bucket":
      state.bucket = physical;
      state.arn = `arn:aws:s3:::${physical}`;
      state.bucketRegionalDomainName = `${physical}.s3.${region}.amazonaws.com`;
      break;
    case "aws:iam/role:Role":
      state.arn = `arn:aws:iam::${account}:role/${physical}`;
      state.name = physical;
      break;
    case "aws:rds/cluster:Cluster":
      state.arn = `arn:aws:rds:${region}:${account}:cluster:${physical}`;
      state.clusterIdentifier = physical;
      state.endpoint = `${physical}.cluster-mock.${region}.rds.amazonaws.com`;
      state.readerEndpoint = `${physical}.cluster-ro-mock.${region}.rds.amazonaws.com`;
      state.port = inputs.port ?? 5432;
      if (inputs.manageMasterUserPassword) state.masterUserSecrets = [{ secretArn: `arn:aws:secretsmanager:${region}:${account}:secret:rds!cluster-${name}`, ...secretKey(inputs), secretStatus: "active" }];
      break;
    case "aws:rds/instance:Instance":
      state.arn = `arn:aws:rds:${region}:${account}:db:${physical}`;
      state.identifier = physical;
      state.address = `${physical}.mock.${region}.rds.amazonaws.com`;
      state.endpoint = `${state.address}:${inputs.port ?? 5432}`;
      if (inputs.manageMasterUserPassword) state.masterUserSecrets = [{ secretArn: `arn:aws:secretsmanager:${region}:${account}:secret:rds!db-${name}`, ...secretKey(inputs), secretStatus: "active" }];
      break;
    case "aws:secretsmanager/secret:Secret":
      // Secrets Manager appends a hyphen and six random characters to the name in the ARN.
      state.arn = `arn:aws:secretsmanager:${region}:${account}:secret:${physical}-AbCdEf`;
      state.name = physical;
      break;
    case "aws:efs/fileSystem:FileSystem":
      state.arn = `arn:aws:elasticfilesystem:${region}:${account}:file-system/fs-${name}`;
      state.dnsName = `fs-${name}.efs.${region}.amazonaws.com`;
      break;
    case "aws:backup/vault:Vault":
      state.arn = `arn:aws:backup:${region}:${account}:backup-vault:${physical}`;
      state.name = physical;
      break;
    case "aws:kms/key:Key":
    case "aws:kms/replicaKey:ReplicaKey":
      state.arn = `arn:aws:kms:${region}:${account}:key/${inputs.multiRegion || kind === "replicakey" ? "mrk-" : ""}${name}`;
      state.keyId = `${name}-key-id`;
      break;
    default:
      state.arn = `arn:aws:${service}:${region}:${account}:${kind}/${physical}`;
      if (inputs.name === undefined) state.name = physical;
  }
  return state;
}

export const MOCK_SUBSCRIPTION_ID = "00000000-0000-0000-0000-000000000000";
export const MOCK_TENANT_ID = "11111111-1111-1111-1111-111111111111";

/** The resource's own name input of an azure-native resource: `serverName` for a Server, `vaultName` for a Vault... */
function azureOwnName(kind: string, inputs: Record<string, unknown>): string | undefined {
  const own = `${kind.charAt(0).toLowerCase()}${kind.slice(1)}Name`;
  for (const key of [own, "name", "accountName", "vaultName", "serverName", "resourceName", "shareName"]) {
    if (key !== "resourceGroupName" && typeof inputs[key] === "string") return inputs[key] as string;
  }
  return undefined;
}

/**
 * Computed outputs of an azure-native resource: an ARM-style id under its resource group, its name (autonamed
 * like Pulumi does when the name input is absent), and principal ids for managed identities.
 */
function azureComputedOutputs(type: string, logicalName: string, inputs: Record<string, unknown>): Record<string, unknown> {
  const [, mod = "", kindRaw = ""] = type.split(":");
  const resourceName = azureOwnName(kindRaw, inputs) ?? `${logicalName}0000`;
  const group = typeof inputs.resourceGroupName === "string" ? inputs.resourceGroupName : `${logicalName}-rg`;
  const state: Record<string, unknown> = {
    id:
      type === "azure-native:resources:ResourceGroup"
        ? `/subscriptions/${MOCK_SUBSCRIPTION_ID}/resourceGroups/${resourceName}`
        : `/subscriptions/${MOCK_SUBSCRIPTION_ID}/resourceGroups/${group}/providers/azure-native.${mod}/${kindRaw}/${resourceName}`,
    name: resourceName,
  };
  if (type === "azure-native:managedidentity:UserAssignedIdentity") {
    state.principalId = `${logicalName}-principal-id`;
    state.clientId = `${logicalName}-client-id`;
    state.tenantId = MOCK_TENANT_ID;
  }
  if (type === "azure-native:keyvault:Vault") {
    const props = inputs.properties && typeof inputs.properties === "object" ? (inputs.properties as Record<string, unknown>) : {};
    state.properties = { ...props, vaultUri: `https://${resourceName}.vault.azure.net/` };
  }
  if (type === "azure-native:keyvault:Key") {
    state.keyUri = `https://${String(inputs.vaultName)}.vault.azure.net/keys/${resourceName}`;
    state.keyUriWithVersion = `${state.keyUri}/00000000000000000000000000000001`;
  }
  const identity = inputs.identity as { type?: string } | undefined;
  if (identity && typeof identity === "object" && typeof identity.type === "string" && identity.type.includes("SystemAssigned")) {
    state.identity = { ...identity, principalId: `${logicalName}-principal-id`, tenantId: MOCK_TENANT_ID };
  }
  switch (type) {
    // Children of an account or a vault: named by their own key (or autonamed), never after their parent.
    case "azure-native:storage:FileShare":
    case "azure-native:recoveryservices:ProtectionContainer":
    case "azure-native:recoveryservices:ProtectedItem":
    case "azure-native:dataprotection:BackupPolicy":
    case "azure-native:dataprotection:BackupInstance": {
      const key = ({ FileShare: "shareName", ProtectionContainer: "containerName", ProtectedItem: "protectedItemName", BackupPolicy: "backupPolicyName", BackupInstance: "backupInstanceName" } as Record<string, string>)[kindRaw];
      const own = typeof inputs[key] === "string" ? (inputs[key] as string) : `${logicalName}0000`;
      state.name = own;
      state.id = `/subscriptions/${MOCK_SUBSCRIPTION_ID}/resourceGroups/${group}/providers/azure-native.${mod}/${kindRaw}/${own}`;
      break;
    }
  }
  return state;
}

/** Answers the provider functions the program calls. */
export function mockCall(token: string, _inputs: Record<string, unknown>, defaultRegion?: string, account = MOCK_ACCOUNT_ID): Record<string, unknown> {
  switch (token) {
    case "aws:index/getCallerIdentity:getCallerIdentity":
      return { accountId: account, arn: `arn:aws:iam::${account}:user/offline`, userId: "AIDAOFFLINE", id: account };
    case "aws:index/getPartition:getPartition":
      return { partition: "aws", dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws", id: "aws" };
    case "aws:index/getRegion:getRegion":
      return { name: defaultRegion ?? "us-east-1", region: defaultRegion ?? "us-east-1", id: defaultRegion ?? "us-east-1" };
    case "azure-native:authorization:getClientConfig":
      return { clientId: "offline-client", objectId: "offline-object-id", subscriptionId: MOCK_SUBSCRIPTION_ID, tenantId: MOCK_TENANT_ID };
    case "azure-native:authorization:getClientToken":
      // A placeholder, never a credential: the offline engine talks to no cloud.
      return { token: "offline-token" };
    default:
      throw new Error(`the offline engine does not answer the provider function ${token}`);
  }
}

/** The hex a mocked `random:RandomId` named `name` takes: derived from its name, so plans are reproducible. */
export function mockRandomHex(name: string, bytes: number): string {
  return createHash("sha256").update(name).digest("hex").slice(0, bytes * 2);
}

/** A mocked `random:RandomPassword`'s result: letters and digits derived from its name, never a real secret. */
export function mockRandomPassword(name: string, length: number): string {
  let out = "";
  for (let i = 0; out.length < length; i++) out += createHash("sha256").update(`${name}:${i}`).digest("base64").replace(/[^A-Za-z0-9]/g, "");
  return out.slice(0, length);
}

function randomIdOutputs(name: string, inputs: Record<string, unknown>): Record<string, unknown> {
  const bytes = typeof inputs.byteLength === "number" ? inputs.byteLength : 8;
  const hex = mockRandomHex(name, bytes);
  const buffer = Buffer.from(hex, "hex");
  return { hex, b64Std: buffer.toString("base64"), b64Url: buffer.toString("base64url"), dec: BigInt(`0x${hex}`).toString(10) };
}
