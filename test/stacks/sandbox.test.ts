/**
 * The sandbox profile (stacks/Pulumi.aws-sandbox.yaml, proved by .github/workflows/sandbox-aws.yml): prod's DR
 * topology, the smallest sizes of the shipped AWS stacks, and nothing declared that would keep `pulumi destroy`
 * from completing. Read from the offline plans, so a preset or component change that breaks either shows here.
 */
import type { PlanDocument, PlanResource } from "../../src/offline/plan";
import { plannedStack } from "../helpers/plans";

/** The CENM hosts' connectivity: prod reaches them through a transit gateway, the sandbox has them in the data VPC. */
const CONNECTIVITY = new Set(["aws:ec2/route:Route", "aws:ec2transitgateway/vpcAttachment:VpcAttachment", "aws:ec2/vpcPeeringConnection:VpcPeeringConnection"]);
/**
 * Types declared only where protection is on: the random part of the final snapshot's name (with protection off the
 * database takes no final snapshot, since the destroy deletes the key that would encrypt it).
 */
const PROTECTION_ONLY = new Set(["random:index/randomId:RandomId"]);
const comparable = (t: string) => !CONNECTIVITY.has(t) && !PROTECTION_ONLY.has(t);

const docs = new Map<string, PlanDocument>();
beforeAll(async () => {
  for (const stack of ["aws-sandbox", "aws-dev", "aws-staging", "aws-prod"]) docs.set(stack, (await plannedStack(stack)).document);
}, 600_000);

const doc = (stack: string) => docs.get(stack)!;
const ofType = (stack: string, type: string): PlanResource[] => doc(stack).resources.filter((r) => r.type === type);
const typesOf = (stack: string) => new Set(doc(stack).resources.map((r) => r.type));
const primaryOf = (stack: string) => ofType(stack, "aws:rds/instance:Instance").find((r) => r.inputs.replicateSourceDb === undefined)!;

describe("aws-sandbox", () => {
  it("declares the resource types aws-prod declares, but the routes to CENM hosts outside the data VPC", () => {
    const prod = [...typesOf("aws-prod")].filter(comparable).sort();
    const sandbox = [...typesOf("aws-sandbox")].filter(comparable).sort();
    expect(sandbox).toEqual(prod);
  });

  it("keeps prod's DR copies: a read replica, EFS and escrow replication, copies into a locked DR vault, restore tests of the database and the file system", () => {
    const { drRegion, primaryRegion } = doc("aws-sandbox").outputs as { drRegion: string; primaryRegion: string };
    expect(drRegion).not.toBe(primaryRegion);
    const replicas = ofType("aws-sandbox", "aws:rds/instance:Instance").filter((r) => r.inputs.replicateSourceDb !== undefined);
    expect(replicas.map((r) => r.inputs.region)).toEqual([drRegion]);
    expect(primaryOf("aws-sandbox").inputs.multiAz).toBe(true);
    expect(ofType("aws-sandbox", "aws:efs/replicationConfiguration:ReplicationConfiguration").map((r) => (r.inputs.destination as { region: string }).region)).toEqual([drRegion]);
    const escrowReplication = ofType("aws-sandbox", "aws:s3/bucketReplicationConfig:BucketReplicationConfig");
    expect(escrowReplication).toHaveLength(1);
    const vaults = ofType("aws-sandbox", "aws:backup/vault:Vault");
    expect(vaults.map((v) => v.inputs.region).sort()).toEqual([drRegion, primaryRegion].sort());
    expect(ofType("aws-sandbox", "aws:backup/vaultLockConfiguration:VaultLockConfiguration")).toHaveLength(2);
    const rules = ofType("aws-sandbox", "aws:backup/plan:Plan").flatMap((p) => p.inputs.rules as { copyActions?: { destinationVaultArn: string }[] }[]);
    expect(rules.length).toBeGreaterThan(0);
    // Every scheduled rule copies to the DR vault; the continuous rule does not, since the daily rule already copies a
    // snapshot of the same day kept as long (a second DR snapshot of that day would add storage and nothing else).
    const scheduled = rules.filter((r) => !(r as { enableContinuousBackup?: boolean }).enableContinuousBackup);
    expect(scheduled.length).toBeGreaterThan(0);
    for (const rule of scheduled) expect(rule.copyActions?.map((c) => c.destinationVaultArn.split(":")[3])).toEqual([drRegion]);
    for (const rule of rules) for (const c of rule.copyActions ?? []) expect(c.destinationVaultArn.split(":")[3]).toBe(drRegion);
    expect(ofType("aws-sandbox", "aws:backup/restoreTestingSelection:RestoreTestingSelection").map((s) => s.inputs.protectedResourceType).sort()).toEqual(["EFS", "RDS"]);
  });

  it("is no larger than any shipped AWS stack: dev's instance class, the least storage, no provisioned IOPS", () => {
    const primary = primaryOf("aws-sandbox").inputs;
    expect(primary.instanceClass).toBe(primaryOf("aws-dev").inputs.instanceClass);
    for (const stack of ["aws-dev", "aws-staging", "aws-prod"]) expect(primary.allocatedStorage as number).toBeLessThanOrEqual(primaryOf(stack).inputs.allocatedStorage as number);
    expect(primary.iops).toBeUndefined();
  });

  it("declares nothing that stops a destroy: no protect or retain-on-delete, no deletion protection, governance locks only, locked stores emptied by the provider", () => {
    const resources = doc("aws-sandbox").resources;
    for (const r of resources) expect({ name: r.name, protect: r.options.protect ?? false, retain: r.options.retainOnDelete ?? false }).toEqual({ name: r.name, protect: false, retain: false });
    for (const db of ofType("aws-sandbox", "aws:rds/instance:Instance")) expect([db.name, db.inputs.deletionProtection]).toEqual([db.name, false]);
    // A read replica must be deleted without a final snapshot (RDS DeleteDBInstance).
    for (const db of ofType("aws-sandbox", "aws:rds/instance:Instance").filter((r) => r.inputs.replicateSourceDb !== undefined)) expect(db.inputs.skipFinalSnapshot).toBe(true);
    for (const lock of ofType("aws-sandbox", "aws:backup/vaultLockConfiguration:VaultLockConfiguration")) expect([lock.name, lock.inputs.changeableForDays]).toEqual([lock.name, undefined]);
    for (const lock of ofType("aws-sandbox", "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration")) {
      expect([lock.name, (lock.inputs.rule as { defaultRetention: { mode: string } }).defaultRetention.mode]).toEqual([lock.name, "GOVERNANCE"]);
    }
    for (const store of [...ofType("aws-sandbox", "aws:backup/vault:Vault"), ...ofType("aws-sandbox", "aws:s3/bucket:Bucket")]) expect([store.name, store.inputs.forceDestroy]).toEqual([store.name, true]);
    for (const key of ofType("aws-sandbox", "aws:kms/key:Key")) expect([key.name, String(key.inputs.policy)]).toEqual([key.name, expect.not.stringContaining("kms:ScheduleKeyDeletion")]);
  });

  it("is judged as staging, and declares the resource types aws-staging declares (CENM connectivity aside)", () => {
    expect((doc("aws-sandbox").outputs as { environment: string }).environment).toBe("staging");
    const staging = [...typesOf("aws-staging")].filter(comparable).sort();
    expect([...typesOf("aws-sandbox")].filter(comparable).sort()).toEqual(staging);
  });
});
