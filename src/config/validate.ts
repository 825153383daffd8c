/**
 * Validation of a merged stack configuration: the zod schema first, then the rules that span several keys,
 * then the prod rules that R3's recommendations impose unless a waiver with a written reason says otherwise.
 */
import { z } from "zod";
import { awsCronProblem } from "../domain/cron";
import { AWS_VPC_PREFIX, carveDataSubnets, cidrContains, cidrsOverlap, MIN_VNET_PREFIX } from "../domain/cidr";
import { rdsStorageProblems } from "../domain/limits/rdsStorage";
import { AWS_DOCS, lockRetentionProblem, managedPasswordBlocksReplicas, RDS_BACKUP_RETENTION_DAYS, startWindowMeetsBackupWindow, VAULT_LOCK_CHANGEABLE_DAYS } from "../domain/limits/aws";
import { continuousWindowConflicts, plannedRules } from "../domain/awsSnapshotRules";
import { VAULT_LOCK_BOUNDS_DAYS } from "../domain/windows";
import { RDS_BACKUP_WINDOW, SNAPSHOT_START_WINDOW_MINUTES } from "../domain/windows";
import {
  AZURE_DOCS,
  AZURE_POSTGRES_HA_TIERS,
  AZURE_POSTGRES_PITR_DAYS,
  AZURE_POSTGRES_SKU,
  AZURE_FILES_DAILY_RETENTION_DAYS,
  azureFilesDailyRetentionMax,
  vaultedShareBackupPossible,
  immutableAccountLeftovers,
  AZURE_POSTGRES_STORAGE_GB,
  AZURE_POSTGRES_VAULT_RETENTION_DAYS,
  AZURE_POSTGRES_VAULTED_BACKUP_MAX_GB,
  postgresVaultedBackupSizeOk,
  AZURE_POSTGRES_TIERS,
  AZURE_SQL_PITR_DAYS,
  AZURE_SQL_SKU,
  AZURE_SQL_STORAGE_GB,
  azurePostgresTier,
  postgresTierOffersHa,
  postgresReplicaHaRefused,
} from "../domain/limits/azure";
import { countKeyCopies, describeKeyCopies, MIN_KEY_COPIES } from "../domain/keyCopies";
import { belowFloorProblem, OBJECTIVE_KEYS } from "../domain/objectives";
import { parseDuration } from "../domain/durations";
import { AWS_REGIONS, AZURE_REGION_PAIRS } from "../domain/regions";
import { EDITIONS, engineVersionProblem, rdsEngine, SUPPORTED_VERSIONS, topologySupported } from "../domain/engines";
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
  if (c.protection.createUnlocked !== undefined) add(["protection", "createUnlocked"], "nothing: the key was renamed protection.firstDeployment (step 1 of 2 of a new Azure stack)");

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
  if (c.snapshots.restoreTesting.enabled) {
    const cronProblem = awsCronProblem(c.snapshots.restoreTesting.scheduleExpression);
    if (cronProblem) add(["snapshots", "restoreTesting", "scheduleExpression"], `an AWS cron expression AWS Backup accepts: ${cronProblem}`);
  }
  // The CENM hosts' blocks, on either cloud: never the Internet, each once.
  c.network.cenmCidrs.forEach((cidr, i) => {
    if (cidrPrefix(cidr) < 8) add(["network", "cenmCidrs", i], "the CENM subnets, never a block of /8 or larger (the whole Internet is refused)");
    if (c.network.cenmCidrs.indexOf(cidr) !== i) add(["network", "cenmCidrs", i], `each block once (${cidr} is listed before)`);
  });
  if (c.cloud === "aws") {
    for (const side of ["primary", "dr"] as const) {
      if (!AWS_REGIONS.includes(c[side].region)) add([side, "region"], `an AWS region that exists: one of ${AWS_REGIONS.join(", ")}`);
    }
  }
  const services = c.fileStore.services;
  const twice = services.filter((s, i) => services.indexOf(s) !== i);
  if (twice.length > 0) add(["fileStore", "services"], `each CENM service once (${[...new Set(twice)].join(", ")} is listed more than once)`);

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
  // Azure SQL's logical server version is not an engine release.
  const versionProblem = c.cloud === "azure" && d.engine === "sqlserver" && d.engineVersion === "12.0" ? undefined : engineVersionProblem(c.cloud, d.engine, d.engineVersion, waived.has("db-engine-version"));
  if (versionProblem) add(["database", "engineVersion"], versionProblem);
  if (d.edition !== undefined && !EDITIONS[d.engine].includes(d.edition)) {
    add(["database", "edition"], EDITIONS[d.engine].length ? `one of ${EDITIONS[d.engine].map((e) => JSON.stringify(e)).join(", ")} for ${d.engine}` : `no edition for ${d.engine}`);
  }
  // The version rule above already speaks for an unsupported version; judge the topology on valid ones only.
  const topo = versionProblem ? undefined : topologySupported(d.engine, d.engineVersion, d.topology);
  if (topo) add(["database", "topology"], topo);
  if (d.topology === "multi-az-cluster" && d.crossRegionReplica) {
    add(["database", "crossRegionReplica"], "false for a Multi-AZ DB cluster: a cross-region read replica is an instance replicating from an instance");
  }
  if (d.topology === "multi-az-cluster" && d.drBackupReplication) {
    add(["database", "drBackupReplication"], `false for a Multi-AZ DB cluster: RDS replicates automated backups of DB instances only (${AWS_DOCS.multiAzClusterLimits})`);
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
  if (c.environment === "dev") {
    // A compliance lock cannot be lifted by anyone: `pulumi destroy` of a dev stack would stop at the locked
    // recovery points and objects until their retention ends.
    if (s.lock.mode === "compliance") add(["snapshots", "lock", "mode"], `"governance" in dev: a compliance lock keeps \`pulumi destroy\` from completing until its retention ends`);
    if (c.keyVault.lockMode === "compliance") add(["keyVault", "lockMode"], `"governance" in dev: a compliance lock keeps \`pulumi destroy\` from completing until its retention ends`);
  }
  if (!s.hourly.enabled && !s.daily.enabled) add(["snapshots", "daily", "enabled"], "true (or hourly snapshots enabled): rolling snapshots are the only way back from a destructive statement");
  if (s.lock.mode === "compliance" && s.lock.changeableForDays === undefined) {
    add(["snapshots", "lock", "changeableForDays"], `the days (at least ${VAULT_LOCK_CHANGEABLE_DAYS.min}) before a compliance lock becomes immutable`);
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
  if (c.keyVault.cloudHsmInitialized && !c.keyVault.cloudHsm) add(["keyVault", "cloudHsmInitialized"], "false unless keyVault.cloudHsm is true (there is no cluster to initialize)");

  // Recovery objectives: a target below what the cloud's mechanisms allow (its floor) can never be met.
  for (const key of OBJECTIVE_KEYS) {
    const objective = c.recoveryObjectives[key];
    if (!objective) continue;
    for (const which of ["rpo", "rto"] as const) {
      const seconds = parseDuration(objective[which]);
      const problem = seconds === undefined ? undefined : belowFloorProblem(c.cloud, key, which, seconds);
      if (problem) add(["recoveryObjectives", key, which], problem);
    }
  }

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

const { min: MIN_AWS_PREFIX, max: MAX_AWS_PREFIX } = AWS_VPC_PREFIX;

/** The smallest VPC (largest prefix) that holds one subnet of at least /28 per zone. */
function maxVpcPrefix(zones: number): number {
  return MAX_AWS_PREFIX - Math.ceil(Math.log2(Math.max(zones, 1)));
}

/** What only AWS requires. */
function awsIssues(c: StackConfig, add: Add): void {
  const d = c.database;
  awsNetworkIssues(c, add);
  awsDatabaseIssues(c, add);
  // DataNetwork carves one subnet per zone (at least /28 each); the vault VPC two /28s at least.
  const zones = c.primary.availabilityZones.length;
  const maxPrefix = maxVpcPrefix(zones);
  if (c.network.vpcId === undefined && cidrPrefix(c.network.vpcCidr) > maxPrefix) {
    add(["network", "vpcCidr"], `a VPC of /${maxPrefix} or larger: one subnet of at least /${MAX_AWS_PREFIX} is carved per availability zone (${zones})`);
  }
  const vaultPrefix = cidrPrefix(c.network.vaultVpcCidr);
  const maxVaultPrefix = maxVpcPrefix(2);
  if (vaultPrefix < MIN_AWS_PREFIX || vaultPrefix > maxVaultPrefix) {
    add(["network", "vaultVpcCidr"], `a CIDR from /${MIN_AWS_PREFIX} to /${maxVaultPrefix}: the isolated vault VPC holds two subnets of at least /${MAX_AWS_PREFIX}`);
  }
  if (!/^db\.[a-z0-9]+\.[a-z0-9]+$/.test(d.instanceClass)) add(["database", "instanceClass"], "an RDS instance class such as db.r6gd.large");
  if (d.tier !== undefined) add(["database", "tier"], "no tier on AWS (the instance class decides)");
  if (d.entraAdministrator !== undefined) add(["database", "entraAdministrator"], "nothing on AWS (the master user's password lives in Secrets Manager: see database.masterPassword)");
  if (d.replicaLagAlarmMiB !== undefined) add(["database", "replicaLagAlarmMiB"], "nothing on AWS (RDS publishes the replica's lag in seconds: see database.replicaLagAlarmSeconds)");
  if (c.fileStore.storageSku !== undefined) add(["fileStore", "storageSku"], "no storageSku on AWS (EFS regional file systems are always multi-zone)");
  if (c.fileStore.smbAccess !== undefined) add(["fileStore", "smbAccess"], "nothing on AWS (EFS is mounted over NFS with IAM authorisation)");
  if (c.fileStore.backupTier !== undefined) add(["fileStore", "backupTier"], "nothing on AWS (EFS backups are AWS Backup recovery points in a vault)");
  if (c.fileStore.activeDirectory !== undefined) add(["fileStore", "activeDirectory"], "nothing on AWS (EFS is mounted over NFS with IAM authorisation)");
  if (c.network.drVnetCidr !== undefined) add(["network", "drVnetCidr"], "no drVnetCidr on AWS (DR-region resources need no VPC of the package's)");
  if (c.protection.firstDeployment !== undefined) add(["protection", "firstDeployment"], "nothing on AWS (S3 Object Lock, AWS Backup vault locks and KMS keys are all set at creation)");
  if (c.keyVault.escrowChangeFeed !== undefined) add(["keyVault", "escrowChangeFeed"], "nothing on AWS: it sets the change feed of the Azure escrow accounts");
}

/**
 * AWS network: the CENM hosts must be able to reach what the package declares, and the cross-region replica needs
 * a network of its own in the DR region (never the default VPC).
 */
function awsNetworkIssues(c: StackConfig, add: Add): void {
  const n = c.network;
  const connectivity = [n.cenmVpcId, n.transitGatewayId].filter((x) => x !== undefined).length;
  if (n.vpcId !== undefined) {
    // An existing VPC keeps the operator's own routing.
    if (connectivity > 0 || n.cenmRouteTableIds) {
      add(["network", n.cenmVpcId !== undefined ? "cenmVpcId" : n.transitGatewayId !== undefined ? "transitGatewayId" : "cenmRouteTableIds"], "nothing with network.vpcId: the routing of an existing VPC stays the operator's");
    }
  } else {
    const outside: number[] = [];
    n.cenmCidrs.forEach((cidr, i) => {
      if (cidrContains(n.vpcCidr, cidr)) return;
      if (cidrsOverlap(n.vpcCidr, cidr)) add(["network", "cenmCidrs", i], `a block inside network.vpcCidr (${n.vpcCidr}) or apart from it, not one that straddles it`);
      else outside.push(i);
    });
    if (outside.length > 0 && connectivity === 0) {
      add(
        ["network", "cenmCidrs", outside[0]],
        `a route from the CENM hosts to the data VPC: ${outside.map((i) => n.cenmCidrs[i]).join(", ")} lie${outside.length === 1 ? "s" : ""} outside network.vpcCidr (${n.vpcCidr}); set network.cenmVpcId and network.cenmRouteTableIds (VPC peering) or network.transitGatewayId, or place the data tier in the CENM VPC with network.vpcId`,
      );
    }
    if (connectivity > 1) add(["network", "transitGatewayId"], "either network.cenmVpcId (peering) or network.transitGatewayId, not both");
    if (n.cenmVpcId !== undefined && n.cenmRouteTableIds === undefined) add(["network", "cenmRouteTableIds"], "the CENM VPC's route tables that get a route to the data VPC through the peering");
    if (n.cenmRouteTableIds !== undefined && n.cenmVpcId === undefined) add(["network", "cenmRouteTableIds"], "nothing without network.cenmVpcId (they are the peered CENM VPC's route tables)");
    if (connectivity > 0 && outside.length === 0) add(["network", n.cenmVpcId !== undefined ? "cenmVpcId" : "transitGatewayId"], `nothing: every network.cenmCidrs block is inside network.vpcCidr (${n.vpcCidr}), so no route is needed`);
  }
  // The DR network of the cross-region read replica.
  const d = c.database;
  const drZones = c.dr.availabilityZones;
  drZones?.forEach((az, i) => {
    if (!(az.startsWith(c.dr.region) && /^[a-z]$/.test(az.slice(c.dr.region.length)))) add(["dr", "availabilityZones", i], `a zone of ${c.dr.region}, such as ${c.dr.region}a`);
  });
  if (drZones && new Set(drZones).size !== drZones.length) add(["dr", "availabilityZones"], "distinct availability zones");
  const drKeys = ["drVpcCidr", "drVpcId", "drSubnetIds", "drCenmCidrs"] as const;
  if (!d.crossRegionReplica) {
    for (const k of drKeys) if (n[k] !== undefined) add(["network", k], "nothing unless database.crossRegionReplica is true (only the replica lives in the DR network)");
    if (drZones !== undefined) add(["dr", "availabilityZones"], "nothing unless database.crossRegionReplica is true (only the replica lives in the DR network)");
    return;
  }
  if (drZones === undefined) add(["dr", "availabilityZones"], `at least 2 zones of ${c.dr.region} for the DR network of the cross-region read replica`);
  if ((n.drVpcId === undefined) !== (n.drSubnetIds === undefined)) add(["network", n.drVpcId === undefined ? "drVpcId" : "drSubnetIds"], "drVpcId and drSubnetIds set together, or neither");
  if (n.drVpcId === undefined && n.drVpcCidr === undefined) {
    add(["network", "drVpcCidr"], "the CIDR of the DR-region VPC the package declares for the cross-region read replica (or an existing one: network.drVpcId and network.drSubnetIds)");
  }
  if (n.drVpcId !== undefined && n.drVpcCidr !== undefined) add(["network", "drVpcCidr"], "nothing with network.drVpcId (the existing VPC has its own CIDR)");
  if (n.drSubnetIds && drZones && n.drSubnetIds.length !== drZones.length) add(["network", "drSubnetIds"], `one subnet per DR availability zone (${drZones.length}), in the order of dr.availabilityZones`);
  if (n.drVpcCidr !== undefined) {
    const zones = drZones?.length ?? 2;
    const maxPrefix = maxVpcPrefix(zones);
    if (cidrPrefix(n.drVpcCidr) < MIN_AWS_PREFIX || cidrPrefix(n.drVpcCidr) > maxPrefix) {
      add(["network", "drVpcCidr"], `a VPC from /${MIN_AWS_PREFIX} to /${maxPrefix}: one subnet of at least /${MAX_AWS_PREFIX} is carved per DR availability zone (${zones})`);
    }
    for (const [key, other] of [["vpcCidr", n.vpcCidr], ["vaultVpcCidr", n.vaultVpcCidr]] as const) {
      if (cidrsOverlap(n.drVpcCidr, other)) add(["network", "drVpcCidr"], `a CIDR that does not overlap network.${key} (${other}), so that the regions can be connected later`);
    }
  }
}

/** AWS database: what RDS accepts for the storage declared, and the combinations this package does not declare. */
function awsDatabaseIssues(c: StackConfig, add: Add): void {
  const d = c.database;
  if (!engineVersionProblem("aws", d.engine, d.engineVersion, c.waivers.some((w) => w.id === "db-engine-version"))) {
    const engine = rdsEngine(d.engine, d.engineVersion, d.edition).engine;
    const problems = rdsStorageProblems({
      engine,
      deployment: d.topology === "multi-az-cluster" ? "multi-az-cluster" : "instance",
      storageType: d.storageType,
      allocatedStorageGb: d.allocatedStorageGb,
      ...(d.iops !== undefined ? { iops: d.iops } : {}),
    });
    for (const p of problems) {
      const key = p.property === "allocatedStorage" ? "allocatedStorageGb" : p.property;
      add(["database", key], `${p.expected} (${AWS_DOCS.rdsStorage})`);
    }
  }
  if (d.crossRegionReplica && d.masterPassword === "rds-managed" && managedPasswordBlocksReplicas(d.engine)) {
    add(
      ["database", "masterPassword"],
      `"generated" (or leave it out) with database.crossRegionReplica on ${d.engine}: RDS creates no read replica of a source whose master password it manages, SQL Server apart (rule aws-rds-no-replica-of-managed-password-source, ${AWS_DOCS.rdsSecretsManagerLimits})`,
    );
  }
  if (d.drBackupReplication && c.snapshots.continuousBackup) {
    add(
      ["database", "drBackupReplication"],
      "false while snapshots.continuousBackup is on: AWS Backup continuous backup takes over the instance's automated backups, and AWS documents no replication of them to another region (rule aws-rds-backup-replication-not-with-continuous-backup); the cross-region read replica and the DR vault copies stay",
    );
  }
  awsSnapshotIssues(c, add);
  // A job may start any time within the start window of its scheduled hour: daily and monthly rules run at
  // snapshots.daily.hourUtc and must stay clear of the RDS backup window (hourly rules skip the slots that would not).
  const s = c.snapshots;
  if ((s.daily.enabled || s.monthly.enabled) && startWindowMeetsBackupWindow(`cron(0 ${s.daily.hourUtc} ? * * *)`, SNAPSHOT_START_WINDOW_MINUTES, RDS_BACKUP_WINDOW)) {
    add(["snapshots", "daily", "hourUtc"], `an hour whose start window (${SNAPSHOT_START_WINDOW_MINUTES} min) stays clear of the RDS backup window ${RDS_BACKUP_WINDOW} UTC, where AWS Backup snapshots would branch the backup lineage (${AWS_DOCS.backupRds})`);
  }
}


/** The config key a rule's retention comes from. */
function retentionKey(rule: { name: string; continuous: boolean }): Path {
  if (rule.continuous) return ["snapshots", "pointInTimeDays"];
  return ["snapshots", rule.name.startsWith("hourly") ? "hourly" : rule.name, "retentionDays"];
}

/**
 * AWS snapshots: the rules the SnapshotSchedule component derives from these keys must fit the vault locks' fixed
 * bounds (the limit aws-backup-vault-lock-covers-retention, through the same function).
 */
function awsSnapshotIssues(c: StackConfig, add: Add): void {
  const s = c.snapshots;
  const bounds = { min: s.lock.minRetentionDays ?? VAULT_LOCK_BOUNDS_DAYS.minRetentionDays, max: s.lock.maxRetentionDays ?? VAULT_LOCK_BOUNDS_DAYS.maxRetentionDays };
  if (bounds.min > bounds.max) {
    add(["snapshots", "lock", "minRetentionDays"], `at most snapshots.lock.maxRetentionDays (${bounds.max})`);
    return;
  }
  const rules = plannedRules(s, { copies: s.drCopy.enabled, avoid: [RDS_BACKUP_WINDOW] });
  for (const { rule, window } of continuousWindowConflicts(rules)) {
    // A rule meeting the declared backup window is refused for that already (below).
    if (startWindowMeetsBackupWindow(rule.schedule, SNAPSHOT_START_WINDOW_MINUTES, RDS_BACKUP_WINDOW)) continue;
    const daily = rule.name === "daily" || rule.name === "monthly";
    add(daily ? ["snapshots", "daily", "hourUtc"] : ["snapshots", "hourly", "everyHours"], `a schedule whose start window stays clear of ${window}, where the continuous rule starts and AWS Backup is assumed to hold the RDS backup window once it manages the database (${AWS_DOCS.continuous}); rule ${rule.name} (${rule.schedule}) meets it`);
  }
  for (const rule of rules) {
    const own = lockRetentionProblem(rule.retentionDays, bounds);
    if (own) add(retentionKey(rule), `a retention within the vault locks' bounds (snapshots.lock.minRetentionDays ${bounds.min} to maxRetentionDays ${bounds.max}): rule ${rule.name} would keep ${rule.retentionDays} days, ${own}`);
    const copy = rule.copyRetentionDays === undefined ? undefined : lockRetentionProblem(rule.copyRetentionDays, bounds);
    if (copy) add(["snapshots", "drCopy", "retentionDays"], `a retention within the vault locks' bounds (${bounds.min}-${bounds.max} days): the copies of rule ${rule.name} would be kept ${rule.copyRetentionDays} days, ${copy}`);
  }
}

/** What only Azure requires, and what it cannot do. */
function azureIssues(c: StackConfig, add: Add): void {
  const d = c.database;
  if (d.engine === "oracle") add(["database", "engine"], `"postgres" or "sqlserver" on Azure: azure-native has no Oracle database resource`);
  const pitr = d.engine === "postgres" ? AZURE_POSTGRES_PITR_DAYS : AZURE_SQL_PITR_DAYS;
  if (c.snapshots.pointInTimeDays < pitr.min || c.snapshots.pointInTimeDays > pitr.max) {
    add(["snapshots", "pointInTimeDays"], `from ${pitr.min} to ${pitr.max} days on Azure ${d.engine === "postgres" ? "Database for PostgreSQL (the flexible server's backup retention)" : "SQL (short-term retention)"}`);
  }
  // The snapshot vault keeps the daily server backups (daily.retentionDays, monthly.retentionDays, copies in the
  // paired region for drCopy.retentionDays), and the file shares keep their daily snapshots daily.retentionDays.
  const s = c.snapshots;
  const vaulted = AZURE_POSTGRES_VAULT_RETENTION_DAYS;
  // The share backups keep their daily recovery points as long: the tier's own maximum applies too.
  const filesTier = c.fileStore.backupTier ?? "snapshot";
  const filesMax = azureFilesDailyRetentionMax(filesTier);
  if (s.daily.retentionDays < vaulted.min || s.daily.retentionDays > Math.min(vaulted.max, filesMax)) {
    add(
      ["snapshots", "daily", "retentionDays"],
      filesMax < vaulted.max
        ? `from ${vaulted.min} days (this package's floor: a week of the backup vault's daily backups) to ${filesMax} on Azure: the file shares keep their daily ${filesTier} backups as long, and Azure Files keeps those at most ${filesMax} days (${AZURE_FILES_DAILY_RETENTION_DAYS.source})`
        : `from ${vaulted.min} days (this package's floor: a week of the backup vault's daily backups) to ${vaulted.max} on Azure (${vaulted.source})`,
    );
  }
  if (s.monthly.enabled && (s.monthly.retentionDays < s.daily.retentionDays || s.monthly.retentionDays > vaulted.max)) {
    add(["snapshots", "monthly", "retentionDays"], `from snapshots.daily.retentionDays (${s.daily.retentionDays}) to ${vaulted.max} days on Azure (${vaulted.source})`);
  }
  if (s.drCopy.enabled && s.drCopy.retentionDays > vaulted.max) {
    add(["snapshots", "drCopy", "retentionDays"], `at most ${vaulted.max} days on Azure (${vaulted.source})`);
  }
  if (d.engine === "sqlserver") {
    if (!AZURE_SQL_SKU.test(d.instanceClass)) add(["database", "instanceClass"], "an Azure SQL vCore SKU such as GP_Gen5_2, GP_S_Gen5_2 or BC_Gen5_4");
    if (d.allocatedStorageGb < AZURE_SQL_STORAGE_GB.min || d.allocatedStorageGb > AZURE_SQL_STORAGE_GB.max) add(["database", "allocatedStorageGb"], `from ${AZURE_SQL_STORAGE_GB.min} to ${AZURE_SQL_STORAGE_GB.max} GiB`);
  }
  if (d.engine === "postgres") {
    if (!AZURE_POSTGRES_SKU.test(d.instanceClass)) add(["database", "instanceClass"], "a flexible-server SKU such as Standard_D4ds_v5");
    if (d.tier === undefined) add(["database", "tier"], `one of ${AZURE_POSTGRES_TIERS.map((t) => `"${t}"`).join(", ")}`);
    else if (d.crossRegionReplica && !postgresTierOffersHa(azurePostgresTier(d.instanceClass, d.tier))) {
      add(["database", "crossRegionReplica"], `false on the ${d.tier} tier, which has no read replicas (${AZURE_DOCS.postgresReadReplicas})`);
    }
    if (d.topology === "multi-az-instance" && d.tier !== undefined && !postgresTierOffersHa(d.tier)) {
      add(["database", "tier"], `${AZURE_POSTGRES_HA_TIERS.map((t) => `"${t}"`).join(" or ")}: zone-redundant high availability is not offered on ${d.tier} (${AZURE_DOCS.postgresHighAvailability})`);
    }
    if (!(AZURE_POSTGRES_STORAGE_GB as readonly number[]).includes(d.allocatedStorageGb)) add(["database", "allocatedStorageGb"], `one of Azure's sizes: ${AZURE_POSTGRES_STORAGE_GB.join(", ")} (${AZURE_DOCS.postgresStorage})`);
    // The snapshot vault backs the server up; Azure Backup supports that up to 1 TB (azure-postgres-vaulted-backup-size).
    else if (!postgresVaultedBackupSizeOk(d.allocatedStorageGb)) {
      add(["database", "allocatedStorageGb"], `at most ${AZURE_POSTGRES_VAULTED_BACKUP_MAX_GB} GiB: the snapshot vault backs the server up, and Azure Backup supports vaulted backups of flexible servers up to 1 TB (${AZURE_DOCS.postgresVaultedBackup})`);
    }
  }
  if (d.topology === "multi-az-cluster") add(["database", "topology"], `"multi-az-instance" (zone-redundant high availability) or "single-az-instance": Azure has no Multi-AZ DB cluster`);
  // The replica would be a flexible server asking for zone-redundant HA (rule azure-postgres-replica-no-high-availability).
  if (d.replicaMultiAz && postgresReplicaHaRefused("ZoneRedundant")) {
    add(["database", "replicaMultiAz"], `false or left out on Azure (an AWS key): a flexible-server read replica cannot have high availability (rule azure-postgres-replica-no-high-availability, ${AZURE_DOCS.postgresReadReplicas}); the runbook enables zone-redundant high availability on the replica once it is promoted`);
  }
  if (d.engine === "postgres" && d.entraAdministrator === undefined) {
    add(["database", "entraAdministrator"], `the Entra principal that administers the server ({objectId, principalName, principalType}): password authentication is off, so without one nobody can sign in (${AZURE_DOCS.postgresEntraAdmin})`);
  }
  if (c.network.vpcId !== undefined || c.network.subnetIds !== undefined) add(["network", "vpcId"], "no existing VPC on Azure: the package declares the virtual networks");
  if (d.masterPassword !== undefined) add(["database", "masterPassword"], "nothing on Azure (the servers take Microsoft Entra sign-in: see database.entraAdministrator)");
  if (c.keyVault.cloudHsm) add(["keyVault", "cloudHsm"], "false on Azure: the premium Key Vault keeps keys in HSMs already");
  for (const k of ["minRetentionDays", "maxRetentionDays"] as const) {
    if (c.snapshots.lock[k] !== undefined) add(["snapshots", "lock", k], "nothing on Azure (an AWS Backup vault-lock bound; Azure's immutability has none)");
  }
  for (const k of ["cenmVpcId", "cenmRouteTableIds", "transitGatewayId", "drVpcCidr", "drVpcId", "drSubnetIds", "drCenmCidrs"] as const) {
    if (c.network[k] !== undefined) add(["network", k], "nothing on Azure (an AWS network key; Azure's DR network is network.drVnetCidr)");
  }
  if (c.dr.availabilityZones !== undefined) add(["dr", "availabilityZones"], "nothing on Azure (the DR server's zone is Azure's choice)");
  const pair = AZURE_REGION_PAIRS[c.primary.region];
  if (pair === undefined) {
    add(["primary", "region"], `an Azure region with a paired region: one of ${Object.keys(AZURE_REGION_PAIRS).join(", ")}`);
  } else if (c.dr.region !== pair) {
    add(["dr", "region"], `"${pair}", the Azure pair of ${c.primary.region} (geo-redundant backups and storage replicate to the pair)`);
  }
  if (cidrPrefix(c.network.vpcCidr) > MIN_VNET_PREFIX) add(["network", "vpcCidr"], `a virtual network of /${MIN_VNET_PREFIX} or larger (three data subnets are carved from it)`);
  else {
    // The network component carves the data subnets from both networks; no CENM host block may overlap one.
    const carved: [string, string][] = Object.entries(carveDataSubnets(c.network.vpcCidr));
    if (c.network.drVnetCidr !== undefined && cidrPrefix(c.network.drVnetCidr) <= MIN_VNET_PREFIX) {
      carved.push(...Object.entries(carveDataSubnets(c.network.drVnetCidr)).map(([role, cidr]): [string, string] => [`DR ${role}`, cidr]));
    }
    c.network.cenmCidrs.forEach((cidr, i) => {
      const hit = carved.find(([, subnet]) => cidrsOverlap(cidr, subnet));
      if (hit) add(["network", "cenmCidrs", i], `the CENM hosts' own subnets, apart from the package's ${hit[0]} data subnet ${hit[1]}, which holds no CENM host`);
    });
  }
  if (c.network.drVnetCidr === undefined) add(["network", "drVnetCidr"], "the address space of the DR region's virtual network, such as 10.50.0.0/16");
  else if (cidrsOverlap(c.network.drVnetCidr, c.network.vpcCidr)) add(["network", "drVnetCidr"], `a CIDR that does not overlap network.vpcCidr (${c.network.vpcCidr})`);
  if (c.fileStore.storageSku === undefined) add(["fileStore", "storageSku"], `"Premium_ZRS" or "Standard_GZRS"`);
  if (c.fileStore.smbAccess === undefined) add(["fileStore", "smbAccess"], `"storage-key", "ad-ds" or "entra-kerberos": how the CENM hosts mount their shares`);
  if (c.fileStore.smbAccess === "ad-ds" && c.fileStore.activeDirectory === undefined) {
    add(["fileStore", "activeDirectory"], `the storage account's identity in your domain (domainName, netBiosDomainName, forestName, domainGuid, domainSid, azureStorageSid, samAccountName, accountType) when smbAccess is "ad-ds" (${AZURE_DOCS.filesLinuxKerberos})`);
  }
  if (c.fileStore.smbAccess !== "ad-ds" && c.fileStore.activeDirectory !== undefined) add(["fileStore", "activeDirectory"], `nothing unless fileStore.smbAccess is "ad-ds"`);
  if (c.fileStore.backupTier === undefined) add(["fileStore", "backupTier"], `"vault-standard" (copies in the Recovery Services vault) or "snapshot" (snapshots kept in the storage account only)`);
  // Vaulted share backups need shared-key access, which only the storage-key method leaves on (the same predicate
  // as the platform limit azure-files-vaulted-backup-shared-key).
  if (c.fileStore.backupTier === "vault-standard" && c.fileStore.smbAccess !== undefined && !vaultedShareBackupPossible(c.fileStore.smbAccess === "storage-key")) {
    add(["fileStore", "backupTier"], `"snapshot" with fileStore.smbAccess "${c.fileStore.smbAccess}", which turns shared-key access off: Azure takes vaulted share backups only from an account that allows storage account key access (${AZURE_DOCS.fileShareBackupSupport})`);
  }
  // Outside dev the escrows are enabled for version-level immutability; with protection off a destroy deletes them,
  // which Azure refuses while their change feed's container remains (the predicate of the platform limit
  // azure-immutable-account-deleted-empty; the component turns container soft delete off itself then).
  if (!c.protection.enabled && c.environment !== "dev" && immutableAccountLeftovers({ changeFeed: c.keyVault.escrowChangeFeed !== false, containerSoftDelete: false }).length > 0) {
    add(["keyVault", "escrowChangeFeed"], `false when protection.enabled is false outside dev: the escrow accounts are enabled for version-level immutability, and Azure deletes such an account only once it holds no container, while the change feed keeps its records in one of its own (${AZURE_DOCS.immutableVersionLevel}). Set it from the first deployment; an escrow created with a change feed is emptied from inside its network before it can be deleted`);
  }
  // Premium shares are never geo-replicated; the only copy of them that could leave the region is a vaulted backup,
  // which Microsoft offers for premium shares as a preview only.
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
  if (c.cloud === "aws" && d.topology === "multi-az-cluster") {
    out.push({
      id: "db-dr-copy",
      path: ["database", "topology"],
      recommendation: `a database copy in the DR region, which AWS cannot make of a Multi-AZ DB cluster (no snapshot copy, no replicated automated backups: ${AWS_DOCS.multiAzClusterLimits}); use "multi-az-instance" with crossRegionReplica`,
    });
  }
  if (d.publiclyAccessible) {
    out.push({ id: "db-public-endpoint", path: ["database", "publiclyAccessible"], recommendation: "no public endpoint (false)" });
  }
  if (c.snapshots.pointInTimeDays < RDS_BACKUP_RETENTION_DAYS.max) {
    out.push({ id: "db-pitr-window", path: ["snapshots", "pointInTimeDays"], recommendation: `${RDS_BACKUP_RETENTION_DAYS.max} days of point-in-time recovery` });
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

