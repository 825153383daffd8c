/**
 * Validation of a merged stack configuration: the zod schema first, then the rules that span several keys,
 * then the prod rules that R3's recommendations impose unless a waiver with a written reason says otherwise.
 */
import { z } from "zod";
import { countKeyCopies, describeKeyCopies, MIN_KEY_COPIES } from "../components/keyCopies";
import { AZURE_REGION_PAIRS } from "./azureRegions";
import { EDITIONS, SUPPORTED_VERSIONS, topologySupported } from "./engines";
import { ConfigIssue, configKey, renderReceived } from "./errors";
import { StackConfig, stackConfigSchema, WaiverId, WaiverOrControlId } from "./schema";

type Path = (string | number)[];

function valueAt(root: unknown, path: readonly (string | number)[]): unknown {
  let cur: unknown = root;
  for (const part of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string | number, unknown>)[part];
  }
  return cur;
}

function issue(root: unknown, path: Path, expected: string): ConfigIssue {
  return { key: configKey(path), received: renderReceived(valueAt(root, path)), expected };
}

/** What a zod issue says is expected, in words. */
function expectedOf(i: z.ZodIssue): string {
  switch (i.code) {
    case "invalid_type":
      return i.received === "undefined" ? `a value of type ${i.expected} (the key is required)` : `a value of type ${i.expected}`;
    case "invalid_enum_value":
      return `one of ${i.options.map((o) => JSON.stringify(o)).join(", ")}`;
    case "invalid_literal":
      return `exactly ${JSON.stringify(i.expected)}`;
    case "invalid_union":
      return describeUnion(i);
    case "too_small":
      if (i.type === "array") return `at least ${i.minimum} entr${i.minimum === 1 ? "y" : "ies"}`;
      if (i.type === "string") return `at least ${i.minimum} character${i.minimum === 1 ? "" : "s"}`;
      return `a number ${i.inclusive ? "of at least" : "greater than"} ${i.minimum}`;
    case "too_big":
      if (i.type === "array") return `at most ${i.maximum} entries`;
      if (i.type === "string") return `at most ${i.maximum} characters`;
      return `a number ${i.inclusive ? "of at most" : "less than"} ${i.maximum}`;
    case "invalid_string":
      return i.message === "Invalid" || i.message === "Invalid email" ? `a valid ${String(i.validation)}` : i.message;
    case "not_multiple_of":
      return `a multiple of ${i.multipleOf}`;
    default:
      return i.message === "Expected integer, received float" ? "a whole number" : i.message;
  }
}

function describeUnion(i: z.ZodInvalidUnionIssue): string {
  const literals = i.unionErrors
    .flatMap((e) => e.issues)
    .flatMap((x) => (x.code === "invalid_literal" ? [JSON.stringify(x.expected)] : []));
  return literals.length > 0 ? `one of ${literals.join(", ")}` : "a value of one of the accepted forms";
}

/** Runs the schema and returns its problems as config issues. */
export function schemaIssues(input: unknown): { value?: StackConfig; issues: ConfigIssue[] } {
  const parsed = stackConfigSchema.safeParse(input);
  if (parsed.success) return { value: parsed.data, issues: [] };
  const issues: ConfigIssue[] = [];
  for (const i of parsed.error.issues) {
    if (i.code === "unrecognized_keys") {
      for (const k of i.keys) {
        const parent = valueAt(input, i.path);
        const known = parentShapeKeys(i.path);
        issues.push({
          key: configKey([...i.path, k]),
          received: renderReceived((parent as Record<string, unknown>)[k]),
          expected: `no such key${known.length ? `; known keys here: ${known.join(", ")}` : ""}`,
        });
      }
      continue;
    }
    const expected = i.code === "invalid_type" && i.message.includes("integer") ? "a whole number" : expectedOf(i);
    issues.push(issue(input, i.path, expected));
  }
  return { issues };
}

/** The keys the schema knows at a path (for "did you mean" help on unknown keys). */
function parentShapeKeys(path: readonly (string | number)[]): string[] {
  let schema: z.ZodTypeAny = stackConfigSchema;
  for (const part of path) {
    while (schema instanceof z.ZodOptional || schema instanceof z.ZodEffects) {
      schema = schema instanceof z.ZodOptional ? schema.unwrap() : schema.innerType();
    }
    if (schema instanceof z.ZodObject) schema = schema.shape[part as string];
    else if (schema instanceof z.ZodArray) schema = schema.element;
    else return [];
    if (!schema) return [];
  }
  while (schema instanceof z.ZodOptional) schema = schema.unwrap();
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

/** Rules that span keys, valid in every environment. */
export function crossFieldIssues(c: StackConfig, today: string): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  const add = (path: Path, expected: string) => out.push(issue(c, path, expected));
  const waived = new Set(c.waivers.map((w) => w.id));


  // Where the stack lives.
  const azs = c.primary.availabilityZones;
  if (new Set(azs).size !== azs.length) add(["primary", "availabilityZones"], "distinct availability zones");
  azs.forEach((az, i) => {
    if (c.cloud === "aws" && !(az.startsWith(c.primary.region) && /^[a-z]$/.test(az.slice(c.primary.region.length)))) {
      add(["primary", "availabilityZones", i], `a zone of ${c.primary.region}, such as ${c.primary.region}a`);
    }
    if (c.cloud === "azure" && !/^[1-3]$/.test(az)) add(["primary", "availabilityZones", i], `an Azure availability zone number: "1", "2" or "3"`);
  });
  if (c.dr.region === c.primary.region) add(["dr", "region"], `a region other than the primary region ${c.primary.region}`);

  // Network.
  const n = c.network;
  if ((n.vpcId === undefined) !== (n.subnetIds === undefined)) {
    add([n.vpcId === undefined ? "network" : "network", n.vpcId === undefined ? "vpcId" : "subnetIds"], "vpcId and subnetIds set together, or neither");
  }
  if (n.subnetIds && n.subnetIds.length !== azs.length) {
    add(["network", "subnetIds"], `one subnet per availability zone (${azs.length}), in the order of primary.availabilityZones`);
  }
  if (cidrsOverlap(n.vpcCidr, n.vaultVpcCidr)) add(["network", "vaultVpcCidr"], `a CIDR that does not overlap network.vpcCidr (${n.vpcCidr})`);

  // Database.
  const d = c.database;
  if (c.cloud === "aws") awsIssues(c, add);
  else azureIssues(c, add);
  const rule = SUPPORTED_VERSIONS[d.engine];
  if (!rule.pattern.test(d.engineVersion) && !waived.has("db-engine-version")) {
    add(["database", "engineVersion"], `${rule.expected}, or a waiver "db-engine-version" with a written reason`);
  }
  if (d.edition !== undefined && !EDITIONS[d.engine].includes(d.edition)) {
    add(["database", "edition"], EDITIONS[d.engine].length ? `one of ${EDITIONS[d.engine].map((e) => JSON.stringify(e)).join(", ")} for ${d.engine}` : `no edition for ${d.engine}`);
  }
  // The version rule above already speaks for an unsupported version; judge the topology on valid ones only.
  const topo = rule.pattern.test(d.engineVersion) ? topologySupported(d.engine, d.engineVersion, d.topology) : undefined;
  if (topo) add(["database", "topology"], topo);
  if (d.topology === "multi-az-cluster" && d.storageType === "gp3" && d.iops === undefined) {
    add(["database", "iops"], "provisioned IOPS for a Multi-AZ DB cluster");
  }
  if ((d.storageType === "io1" || d.storageType === "io2") && d.iops === undefined) {
    add(["database", "iops"], `provisioned IOPS (at least 1000) for ${d.storageType} storage`);
  }
  if (d.topology === "multi-az-cluster" && d.crossRegionReplica) {
    add(["database", "crossRegionReplica"], "false for a Multi-AZ DB cluster (an instance cannot replicate from it); its cross-region copy is snapshots.drCopy");
  }
  if (d.topology === "multi-az-cluster" && d.drBackupReplication) {
    add(["database", "drBackupReplication"], "false for a Multi-AZ DB cluster (automated-backup replication is for instances); its cross-region copy is snapshots.drCopy");
  }
  if (d.crossRegionReplica && d.engine === "sqlserver" && (d.edition ?? "ee") !== "ee") {
    add(["database", "crossRegionReplica"], "false, or SQL Server Enterprise Edition (edition: ee): RDS offers read replicas for EE only");
  }
  for (const field of ["service", "name", "user"] as const) {
    const seen = new Map<string, number>();
    d.databases.forEach((db, i) => {
      const prior = seen.get(db[field]);
      if (prior !== undefined) {
        add(["database", "databases", i, field], `a ${field} not already used by databases[${prior}]: each CENM service needs its own database and user`);
      } else seen.set(db[field], i);
    });
  }

  // Snapshots.
  const s = c.snapshots;
  if (!s.hourly.enabled && !s.daily.enabled) add(["snapshots", "daily", "enabled"], "true (or hourly snapshots enabled): rolling snapshots are the only way back from a destructive statement");
  if (s.lock.mode === "compliance" && s.lock.changeableForDays === undefined) {
    add(["snapshots", "lock", "changeableForDays"], "the days (at least 3) before a compliance lock becomes immutable");
  }
  if (s.lock.mode === "governance" && s.lock.changeableForDays !== undefined) {
    add(["snapshots", "lock", "changeableForDays"], "no value in governance mode (it is what makes a lock compliance mode)");
  }

  // Keys.
  const ids = new Map<string, number>();
  c.keyVault.offlineCopies.forEach((copy, i) => {
    if (ids.has(copy.id)) add(["keyVault", "offlineCopies", i, "id"], `an id not already used by offlineCopies[${ids.get(copy.id)}]`);
    else ids.set(copy.id, i);
    if (copy.lastVerified > today) add(["keyVault", "offlineCopies", i, "lastVerified"], `a date not after today (${today})`);
  });
  if (c.keyVault.cloudHsm && azs.length < 2) add(["keyVault", "cloudHsm"], "two availability zones for the two HSMs");

  // Waivers.
  const seenWaivers = new Map<WaiverOrControlId, number>();
  c.waivers.forEach((w, i) => {
    if (seenWaivers.has(w.id)) add(["waivers", i, "id"], `a waiver id not already used by waivers[${seenWaivers.get(w.id)}]`);
    else seenWaivers.set(w.id, i);
    if (w.expires !== undefined && w.expires < today) add(["waivers", i, "expires"], `a date not before today (${today}); the waiver has expired`);
  });
  return out;
}

type Add = (path: Path, expected: string) => void;

function cidrPrefix(cidr: string): number {
  return Number(cidr.split("/")[1]);
}

/** What only AWS requires. */
function awsIssues(c: StackConfig, add: Add): void {
  const d = c.database;
  // DataNetwork carves one subnet per zone (at least /28 each); the vault VPC two /28s at least.
  const zones = c.primary.availabilityZones.length;
  const maxPrefix = 28 - Math.ceil(Math.log2(Math.max(zones, 1)));
  if (c.network.vpcId === undefined && cidrPrefix(c.network.vpcCidr) > maxPrefix) {
    add(["network", "vpcCidr"], `a VPC of /${maxPrefix} or larger: one subnet of at least /28 is carved per availability zone (${zones})`);
  }
  const vaultPrefix = cidrPrefix(c.network.vaultVpcCidr);
  if (vaultPrefix < 16 || vaultPrefix > 27) add(["network", "vaultVpcCidr"], "a CIDR from /16 to /27: the isolated vault VPC holds two subnets of at least /28");
  if (!/^db\.[a-z0-9]+\.[a-z0-9]+$/.test(d.instanceClass)) add(["database", "instanceClass"], "an RDS instance class such as db.r6gd.large");
  if (d.tier !== undefined) add(["database", "tier"], "no tier on AWS (the instance class decides)");
  if (c.fileStore.storageSku !== undefined) add(["fileStore", "storageSku"], "no storageSku on AWS (EFS regional file systems are always multi-zone)");
  if (c.network.drVnetCidr !== undefined) add(["network", "drVnetCidr"], "no drVnetCidr on AWS (DR-region resources need no VPC of the package's)");
  if (c.keyVault.createEscrowUnlocked !== undefined) add(["keyVault", "createEscrowUnlocked"], "no createEscrowUnlocked on AWS (S3 Object Lock is set at creation)");
}

/** Azure's storage sizes for PostgreSQL Flexible Server, in GiB. */
export const AZURE_POSTGRES_STORAGE_GB = [32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32767];

/** What only Azure requires, and what it cannot do. */
function azureIssues(c: StackConfig, add: Add): void {
  const d = c.database;
  if (d.engine === "oracle") add(["database", "engine"], `"postgres" or "sqlserver" on Azure: azure-native has no Oracle database resource`);
  if (!/^Standard_[A-Za-z0-9_]+$/.test(d.instanceClass)) add(["database", "instanceClass"], "an Azure SKU such as Standard_D4ds_v5");
  if (d.engine === "postgres") {
    if (d.tier === undefined) add(["database", "tier"], `one of "Burstable", "GeneralPurpose", "MemoryOptimized"`);
    if (d.topology === "multi-az-instance" && d.tier === "Burstable") {
      add(["database", "tier"], `"GeneralPurpose" or "MemoryOptimized": zone-redundant high availability is not offered on Burstable`);
    }
    if (!AZURE_POSTGRES_STORAGE_GB.includes(d.allocatedStorageGb)) add(["database", "allocatedStorageGb"], `one of Azure's sizes: ${AZURE_POSTGRES_STORAGE_GB.join(", ")}`);
  }
  if (d.topology === "multi-az-cluster") add(["database", "topology"], `"multi-az-instance" (zone-redundant high availability) or "single-az-instance": Azure has no Multi-AZ DB cluster`);
  if (c.network.vpcId !== undefined || c.network.subnetIds !== undefined) add(["network", "vpcId"], "no existing VPC on Azure: the package declares the virtual networks");
  if (c.keyVault.cloudHsm) add(["keyVault", "cloudHsm"], "false on Azure: the premium Key Vault keeps keys in HSMs already");
  const pair = AZURE_REGION_PAIRS[c.primary.region];
  if (pair === undefined) {
    add(["primary", "region"], `an Azure region with a paired region: one of ${Object.keys(AZURE_REGION_PAIRS).join(", ")}`);
  } else if (c.dr.region !== pair) {
    add(["dr", "region"], `"${pair}", the Azure pair of ${c.primary.region} (geo-redundant backups and storage replicate to the pair)`);
  }
  if (cidrPrefix(c.network.vpcCidr) > 26) add(["network", "vpcCidr"], "a virtual network of /26 or larger (three data subnets are carved from it)");
  if (c.network.drVnetCidr === undefined) add(["network", "drVnetCidr"], "the address space of the DR region's virtual network, such as 10.50.0.0/16");
  else if (cidrsOverlap(c.network.drVnetCidr, c.network.vpcCidr)) add(["network", "drVnetCidr"], `a CIDR that does not overlap network.vpcCidr (${c.network.vpcCidr})`);
  if (c.fileStore.storageSku === undefined) add(["fileStore", "storageSku"], `"Premium_ZRS" or "Standard_GZRS"`);
  // Share backups are snapshots inside the storage account, so only a geo-redundant account has a DR copy.
  if (c.fileStore.drReplication && c.fileStore.storageSku === "Premium_ZRS") {
    add(["fileStore", "storageSku"], `"Standard_GZRS" when fileStore.drReplication is true: Premium_ZRS keeps no copy of the shares outside the primary region`);
  }
}

export interface Weakening {
  id: WaiverId;
  path: Path;
  /** What R3 recommends, in words, used in errors and in the waiver report. */
  recommendation: string;
}

/** The prod rules: each weakening of an R3 recommendation needs a waiver with a written reason. */
export function weakenings(c: StackConfig): Weakening[] {
  const out: Weakening[] = [];
  const d = c.database;
  if (d.topology === "single-az-instance") {
    out.push({ id: "db-sync-replica", path: ["database", "topology"], recommendation: "a synchronous replica in another availability zone (multi-az-cluster or multi-az-instance)" });
  }
  if (!c.snapshots.drCopy.enabled) {
    out.push({ id: "db-dr-copy", path: ["snapshots", "drCopy", "enabled"], recommendation: "snapshot copies in the DR region (true)" });
  }
  if (d.publiclyAccessible) {
    out.push({ id: "db-public-endpoint", path: ["database", "publiclyAccessible"], recommendation: "no public endpoint (false)" });
  }
  if (c.snapshots.pointInTimeDays < 35) {
    out.push({ id: "db-pitr-window", path: ["snapshots", "pointInTimeDays"], recommendation: "35 days of point-in-time recovery" });
  }
  if (c.snapshots.lock.mode !== "compliance") {
    out.push({ id: "snapshots-compliance-lock", path: ["snapshots", "lock", "mode"], recommendation: "\"compliance\": backups nobody can delete early" });
  }
  if (c.keyVault.lockMode !== "compliance") {
    out.push({ id: "snapshots-compliance-lock", path: ["keyVault", "lockMode"], recommendation: "\"compliance\": key escrow nobody can delete early" });
  }
  if (!c.fileStore.drReplication) {
    out.push({ id: "files-dr-copy", path: ["fileStore", "drReplication"], recommendation: "replication of the service directories to the DR region (true)" });
  }
  const copies = countKeyCopies(c.keyVault);
  if (copies.total < MIN_KEY_COPIES) {
    out.push({ id: "keys-two-copies", path: ["keyVault"], recommendation: `at least ${MIN_KEY_COPIES} separate key copies (declared: ${describeKeyCopies(copies)})` });
  }
  if (!c.keyVault.drReplica) {
    out.push({ id: "keys-dr-copy", path: ["keyVault", "drReplica"], recommendation: "a locked key escrow replica in the DR region (true)" });
  }
  if (!c.protection.enabled) {
    out.push({ id: "deletion-protection", path: ["protection", "enabled"], recommendation: "deletion protection on every stateful resource (true)" });
  }
  return out;
}

/** Prod weakenings without a waiver, as config issues. */
export function unwaivedIssues(c: StackConfig): ConfigIssue[] {
  if (c.environment !== "prod") return [];
  const waived = new Set(c.waivers.map((w) => w.id));
  return weakenings(c)
    .filter((w) => !waived.has(w.id))
    .map((w) => issue(c, w.path, `${w.recommendation} in prod, or a waiver {id: "${w.id}", reason: "..."} with a written reason`));
}

/** Waivers that excuse nothing in this stack (reported as warnings: they may be meant for the audit). */
export function unusedWaivers(c: StackConfig): WaiverOrControlId[] {
  const used = new Set<WaiverOrControlId>(c.environment === "prod" ? weakenings(c).map((w) => w.id) : []);
  if (!SUPPORTED_VERSIONS[c.database.engine].pattern.test(c.database.engineVersion)) used.add("db-engine-version");
  return c.waivers.map((w) => w.id).filter((id) => !used.has(id));
}

function cidrRange(cidr: string): [number, number] {
  const [ip, bits] = cidr.split("/");
  const base = ip.split(".").reduce((acc, o) => acc * 256 + Number(o), 0);
  const size = 2 ** (32 - Number(bits));
  const start = base - (base % size);
  return [start, start + size - 1];
}

export function cidrsOverlap(a: string, b: string): boolean {
  const [a0, a1] = cidrRange(a);
  const [b0, b1] = cidrRange(b);
  return a0 <= b1 && b0 <= a1;
}
