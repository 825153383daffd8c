import { OfflineKeyVault, carveSubnets, ESCROW_DATA_ACTIONS } from "../../../src/components/aws/OfflineKeyVault";
import type { OfflineKeyVaultArgs } from "../../../src/components/aws/contracts";
import { MIN_KEY_COPIES } from "../../../src/domain/keyCopies";
import type { OfflineRun } from "../../../src/offline/engine";
import { declare, json, named, ofType, one } from "../../helpers/offline";

const ACCOUNT = "123456789012";
const BREAK_GLASS = `arn:aws:iam::${ACCOUNT}:role/cenm-break-glass`;
const KEY_ARN = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/mrk-cenm-x-key`;
const REPLICA_KEY_ARN = `arn:aws:kms:eu-central-1:${ACCOUNT}:key/mrk-cenm-x-dr-key`;
const ESCROW_ARN = "arn:aws:s3:::cenm-x-escrow-0000000";
const REPLICA_ARN = "arn:aws:s3:::cenm-x-replica-0000000";
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/cenm-x-replication-role-0000000`;

const T = {
  bucket: "aws:s3/bucket:Bucket",
  versioning: "aws:s3/bucketVersioning:BucketVersioning",
  lock: "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
  sse: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  pab: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
  ownership: "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
  policy: "aws:s3/bucketPolicy:BucketPolicy",
  lifecycle: "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
  replication: "aws:s3/bucketReplicationConfig:BucketReplicationConfig",
  key: "aws:kms/key:Key",
  replicaKey: "aws:kms/replicaKey:ReplicaKey",
  vpc: "aws:ec2/vpc:Vpc",
  subnet: "aws:ec2/subnet:Subnet",
  routeTable: "aws:ec2/routeTable:RouteTable",
  rta: "aws:ec2/routeTableAssociation:RouteTableAssociation",
  defaultSg: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
  endpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
  role: "aws:iam/role:Role",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
  cluster: "aws:cloudhsmv2/cluster:Cluster",
  hsm: "aws:cloudhsmv2/hsm:Hsm",
  trail: "aws:cloudtrail/trail:Trail",
};

/** The escrow buckets (the access log's bucket is the EscrowAccessLog child's, not a key copy). */
const escrowBuckets = (run: OfflineRun) => ofType(run, T.bucket).filter((b) => b.parentType === "cenm-backup:aws:OfflineKeyVault");

const OFFLINE = [
  {
    id: "luna-backup-0042",
    location: "Zurich vault, safe 3",
    medium: "Luna backup HSM",
    custodians: ["Alice Martin", "Bob Keller"],
    lastVerified: "2025-03-14",
  },
  {
    id: "smartcards-set-b",
    location: "London office safe",
    medium: "smart card quorum set",
    custodians: ["Carol Ng", "Dan Osei", "Eve Park"],
    lastVerified: "2025-01-30",
  },
];

function args(overrides: Partial<OfflineKeyVaultArgs> = {}): OfflineKeyVaultArgs {
  return {
    environment: "prod",
    region: "eu-west-1",
    drRegion: "eu-central-1",
    protection: { enabled: true },
    tags: { team: "cenm" },
    availabilityZones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
    vaultVpcCidr: "10.90.0.0/24",
    escrowRetentionDays: 3650,
    lockMode: "compliance",
    ...overrides,
  };
}

function outputsOf(v: OfflineKeyVault): Record<string, unknown> {
  return {
    escrowBucketName: v.escrowBucketName,
    escrowBucketArn: v.escrowBucketArn,
    replicaBucketName: v.replicaBucketName,
    replicaBucketArn: v.replicaBucketArn,
    kmsKeyArn: v.kmsKeyArn,
    replicaKmsKeyArn: v.replicaKmsKeyArn,
    vpcId: v.vpcId,
    vpcEndpointId: v.vpcEndpointId,
    cloudHsmClusterId: v.cloudHsmClusterId,
    drAccessTrailArn: v.drAccessTrailArn,
    drAccessLogBucketArn: v.drAccessLogBucketArn,
    offlineCopies: v.offlineCopies,
    keyCopies: v.keyCopies,
    lockMode: v.lockMode,
    region: v.region,
    drRegion: v.drRegion,
    copies: v.copies,
    keyCopyDetails: v.keyCopyDetails,
  };
}

function vault(a: OfflineKeyVaultArgs = args(), preview = false): Promise<OfflineRun> {
  return declare(() => outputsOf(new OfflineKeyVault("cenm-x", a)), { preview });
}

/** Runs the constructor and reports its error (if any) together with what was registered. */
async function attempt(a: OfflineKeyVaultArgs): Promise<{ error?: string; run: OfflineRun }> {
  let error: string | undefined;
  const run = await declare(() => {
    try {
      new OfflineKeyVault("cenm-x", a);
    } catch (e) {
      error = (e as Error).message;
    }
    return {};
  });
  return { error, run };
}

function statement(policy: any, sid: string): any {
  const found = policy.Statement.filter((s: any) => s.Sid === sid);
  if (found.length !== 1) throw new Error(`expected one statement ${sid}, found ${found.length}`);
  return found[0];
}

describe("OfflineKeyVault: escrow bucket", () => {
  let run: OfflineRun;
  beforeAll(async () => {
    run = await vault(args({ offlineCopies: OFFLINE }));
  });

  it("is a v7 bucket in the primary region with Object Lock enabled at creation and no forceDestroy", () => {
    const b = named(run, "cenm-x-escrow");
    expect(b.type).toBe(T.bucket);
    expect(b.parentType).toBe("cenm-backup:aws:OfflineKeyVault");
    expect(b.inputs).toMatchObject({ region: "eu-west-1", objectLockEnabled: true, forceDestroy: false });
    expect(b.inputs.tags).toEqual({ team: "cenm", "cenm-backup:element": "keys" });
  });

  it("locks objects in COMPLIANCE mode for escrowRetentionDays", () => {
    const lock = one(run, T.lock, "cenm-x-escrow-lock");
    expect(lock.inputs).toMatchObject({ bucket: "cenm-x-escrow-0000000", region: "eu-west-1", objectLockEnabled: "Enabled" });
    expect(lock.inputs.rule).toEqual({ defaultRetention: { mode: "COMPLIANCE", days: 3650 } });
  });

  it("is versioned", () => {
    const v = one(run, T.versioning, "cenm-x-escrow-versioning");
    expect(v.inputs).toMatchObject({ bucket: "cenm-x-escrow-0000000", region: "eu-west-1", versioningConfiguration: { status: "Enabled" } });
  });

  it("encrypts with the multi-region customer-managed key and S3 Bucket Keys", () => {
    const key = one(run, T.key, "cenm-x-key");
    expect(key.inputs).toMatchObject({ region: "eu-west-1", multiRegion: true, enableKeyRotation: true, deletionWindowInDays: 30 });
    const sse = one(run, T.sse, "cenm-x-escrow-sse");
    expect(sse.inputs.region).toBe("eu-west-1");
    expect(sse.inputs.rules).toEqual([{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY_ARN }, bucketKeyEnabled: true }]);
  });

  it("blocks public access and disables ACLs", () => {
    expect(one(run, T.pab, "cenm-x-escrow-public-access").inputs).toMatchObject({
      region: "eu-west-1",
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    expect(one(run, T.ownership, "cenm-x-escrow-ownership").inputs.rule).toEqual({ objectOwnership: "BucketOwnerEnforced" });
  });

  it("has a policy denying non-TLS requests", () => {
    const policy = json(one(run, T.policy, "cenm-x-escrow-policy").inputs.policy);
    const tls = statement(policy, "DenyWithoutTls");
    expect(tls).toMatchObject({ Effect: "Deny", Principal: "*", Action: "s3:*" });
    expect(tls.Resource).toEqual([ESCROW_ARN, `${ESCROW_ARN}/*`]);
    expect(tls.Condition).toEqual({ Bool: { "aws:SecureTransport": "false" } });
  });

  it("denies object and listing actions outside the vault endpoint, except to the replication role", () => {
    const p = one(run, T.policy, "cenm-x-escrow-policy");
    expect(p.inputs.region).toBe("eu-west-1");
    expect(p.options.dependsOn).toContain("cenm-x-escrow-public-access");
    const deny = statement(json(p.inputs.policy), "DenyDataAccessOutsideVaultEndpoint");
    expect(deny.Effect).toBe("Deny");
    expect(deny.Resource).toEqual([ESCROW_ARN, `${ESCROW_ARN}/*`]);
    expect(deny.Condition).toEqual({
      StringNotEquals: { "aws:SourceVpce": "cenm-x-s3-endpoint-id" },
      ArnNotEquals: { "aws:PrincipalArn": [ROLE_ARN] },
    });
    for (const a of ["s3:GetObject*", "s3:PutObject*", "s3:DeleteObject*", "s3:RestoreObject", "s3:ListBucketVersions", "s3:BypassGovernanceRetention"]) {
      expect(deny.Action).toContain(a);
    }
    // Only data actions: the deploying principal can still manage the bucket's configuration (and HeadBucket).
    expect(deny.Action).not.toContain("s3:*");
    expect(deny.Action).not.toContain("s3:ListBucket");
    expect(deny.Action.some((a: string) => a.startsWith("s3:PutBucket") || a.startsWith("s3:GetBucket"))).toBe(false);
  });

  it("denies uploads without SSE-KMS", () => {
    const put = statement(json(one(run, T.policy, "cenm-x-escrow-policy").inputs.policy), "DenyPutWithoutSseKms");
    expect(put).toMatchObject({ Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: `${ESCROW_ARN}/*` });
    expect(put.Condition).toEqual({ StringNotEquals: { "s3:x-amz-server-side-encryption": "aws:kms" } });
  });

  it("keeps every noncurrent version (no expiration) and only aborts interrupted uploads", () => {
    const lc = one(run, T.lifecycle, "cenm-x-escrow-lifecycle");
    expect(lc.inputs.region).toBe("eu-west-1");
    expect(lc.inputs.rules).toEqual([{ id: "abort-incomplete-uploads", status: "Enabled", filter: {}, abortIncompleteMultipartUpload: { daysAfterInitiation: 7 } }]);
    expect(JSON.stringify(lc.inputs)).not.toContain("xpiration");
  });

  it("never declares an external key or a Glacier vault", () => {
    expect(run.resources.filter((r) => r.type === "aws:kms/externalKey:ExternalKey" || r.type.startsWith("aws:glacier/"))).toEqual([]);
  });

  it("gives every AWS child except the global IAM ones an explicit region", () => {
    const aws = run.resources.filter((r) => r.type.startsWith("aws:") && !r.type.startsWith("aws:iam/"));
    expect(aws.length).toBeGreaterThan(20);
    for (const r of aws) expect([r.name, r.inputs.region]).toEqual([r.name, expect.stringMatching(/^eu-(west-1|central-1)$/)]);
  });
});

describe("OfflineKeyVault: governance lock", () => {
  it("uses GOVERNANCE on both buckets when lockMode is governance", async () => {
    const run = await vault(args({ lockMode: "governance", escrowRetentionDays: 400 }));
    expect(one(run, T.lock, "cenm-x-escrow-lock").inputs.rule).toEqual({ defaultRetention: { mode: "GOVERNANCE", days: 400 } });
    expect(one(run, T.lock, "cenm-x-replica-lock").inputs.rule).toEqual({ defaultRetention: { mode: "GOVERNANCE", days: 400 } });
    expect(run.outputs.lockMode).toBe("governance");
  });
});

describe("OfflineKeyVault: isolated network", () => {
  let run: OfflineRun;
  beforeAll(async () => {
    run = await vault();
  });

  it("declares no Internet gateway, NAT gateway or public address anywhere in the run", () => {
    const types = run.resources.map((r) => r.type);
    for (const forbidden of [/internetGateway/i, /natGateway/i, /egressOnlyInternetGateway/i, /ec2\/eip:/i, /ec2\/route:Route$/]) {
      expect(types.filter((t) => forbidden.test(t))).toEqual([]);
    }
    expect(one(run, T.routeTable).inputs.routes).toEqual([]);
    for (const s of ofType(run, T.subnet)) expect(s.inputs.mapPublicIpOnLaunch).toBe(false);
  });

  it("has a VPC with DNS on and one subnet in each of the first two zones, carved from the CIDR", () => {
    expect(one(run, T.vpc, "cenm-x-vpc").inputs).toMatchObject({ cidrBlock: "10.90.0.0/24", enableDnsSupport: true, enableDnsHostnames: true, region: "eu-west-1" });
    const subnets = ofType(run, T.subnet).map((s) => [s.inputs.availabilityZone, s.inputs.cidrBlock, s.inputs.vpcId]);
    expect(subnets).toEqual([
      ["eu-west-1a", "10.90.0.0/25", "cenm-x-vpc-id"],
      ["eu-west-1b", "10.90.0.128/25", "cenm-x-vpc-id"],
    ]);
    const rtas = ofType(run, T.rta).map((r) => [r.inputs.subnetId, r.inputs.routeTableId]);
    expect(rtas).toEqual([
      ["cenm-x-subnet-eu-west-1a-id", "cenm-x-rt-id"],
      ["cenm-x-subnet-eu-west-1b-id", "cenm-x-rt-id"],
    ]);
  });

  it("empties the default security group", () => {
    expect(one(run, T.defaultSg).inputs).toMatchObject({ vpcId: "cenm-x-vpc-id", ingress: [], egress: [] });
  });

  it("has an S3 gateway endpoint on the vault route table whose policy admits the escrow bucket only", () => {
    const ep = one(run, T.endpoint, "cenm-x-s3-endpoint");
    expect(ep.inputs).toMatchObject({
      vpcId: "cenm-x-vpc-id",
      region: "eu-west-1",
      serviceName: "com.amazonaws.eu-west-1.s3",
      vpcEndpointType: "Gateway",
      routeTableIds: ["cenm-x-rt-id"],
    });
    const policy = json(ep.inputs.policy);
    expect(policy.Statement).toHaveLength(1);
    expect(policy.Statement[0]).toMatchObject({ Effect: "Allow", Resource: [ESCROW_ARN, `${ESCROW_ARN}/*`] });
    expect(run.outputs.vpcEndpointId).toBe("cenm-x-s3-endpoint-id");
    expect(run.outputs.vpcId).toBe("cenm-x-vpc-id");
  });

  it("names the endpoint service after the primary region", async () => {
    const us = await vault(args({ region: "us-east-2", drRegion: "us-west-2", availabilityZones: ["us-east-2a", "us-east-2b"] }));
    expect(one(us, T.endpoint).inputs.serviceName).toBe("com.amazonaws.us-east-2.s3");
  });

  it("carves subnets and refuses CIDRs that are malformed or too small", () => {
    expect(carveSubnets("10.0.0.0/16", 2)).toEqual(["10.0.0.0/17", "10.0.128.0/17"]);
    expect(carveSubnets("192.168.4.0/27", 1)).toEqual(["192.168.4.0/28"]);
    expect(() => carveSubnets("10.0.0.0/28", 2)).toThrow(/too small for 2 subnets/);
    expect(() => carveSubnets("10.0.0.1/24", 2)).toThrow(/host bits set; expected the network address \(10\.0\.0\.0\/24\)/);
    expect(() => carveSubnets("10.0.0.0/8", 2)).toThrow(/between \/16 and \/28/);
  });
});

describe("OfflineKeyVault: DR replica", () => {
  let run: OfflineRun;
  beforeAll(async () => {
    run = await vault(args({ protection: { enabled: true, breakGlassPrincipalArn: BREAK_GLASS } }));
  });

  it("replicates the multi-region key into the DR region with its own protective policy", () => {
    const rk = one(run, T.replicaKey, "cenm-x-dr-key");
    expect(rk.inputs).toMatchObject({ region: "eu-central-1", primaryKeyArn: KEY_ARN, deletionWindowInDays: 30 });
    const deny = statement(json(rk.inputs.policy), "DenyKeyDeletion");
    expect(deny.Action).toEqual(["kms:ScheduleKeyDeletion", "kms:DisableKey"]);
    expect(deny.Condition).toEqual({ ArnNotEquals: { "aws:PrincipalArn": BREAK_GLASS } });
    expect(rk.options).toMatchObject({ protect: true, retainOnDelete: true });
  });

  it("declares a locked, versioned, encrypted, private replica bucket in the DR region", () => {
    expect(named(run, "cenm-x-replica").inputs).toMatchObject({ region: "eu-central-1", objectLockEnabled: true, forceDestroy: false });
    expect(one(run, T.lock, "cenm-x-replica-lock").inputs).toMatchObject({ region: "eu-central-1", rule: { defaultRetention: { mode: "COMPLIANCE", days: 3650 } } });
    expect(one(run, T.versioning, "cenm-x-replica-versioning").inputs).toMatchObject({ region: "eu-central-1", versioningConfiguration: { status: "Enabled" } });
    expect(one(run, T.sse, "cenm-x-replica-sse").inputs.rules).toEqual([
      { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: REPLICA_KEY_ARN }, bucketKeyEnabled: true },
    ]);
    expect(one(run, T.pab, "cenm-x-replica-public-access").inputs).toMatchObject({ region: "eu-central-1", blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
    expect(one(run, T.ownership, "cenm-x-replica-ownership").inputs).toMatchObject({ region: "eu-central-1", rule: { objectOwnership: "BucketOwnerEnforced" } });
  });

  it("denies non-TLS and all data access but replication and break glass on the replica", () => {
    const p = one(run, T.policy, "cenm-x-replica-policy");
    expect(p.inputs.region).toBe("eu-central-1");
    const policy = json(p.inputs.policy);
    expect(statement(policy, "DenyWithoutTls").Condition).toEqual({ Bool: { "aws:SecureTransport": "false" } });
    const deny = statement(policy, "DenyDataAccessExceptReplicationAndBreakGlass");
    expect(deny.Resource).toEqual([REPLICA_ARN, `${REPLICA_ARN}/*`]);
    expect(deny.Action).toEqual([...ESCROW_DATA_ACTIONS]);
    expect(deny.Condition).toEqual({ ArnNotEquals: { "aws:PrincipalArn": [ROLE_ARN, BREAK_GLASS] } });
  });

  it("exempts the break-glass principal from the escrow's endpoint-only deny", () => {
    const deny = statement(json(one(run, T.policy, "cenm-x-escrow-policy").inputs.policy), "DenyDataAccessOutsideVaultEndpoint");
    expect(deny.Condition.ArnNotEquals).toEqual({ "aws:PrincipalArn": [ROLE_ARN, BREAK_GLASS] });
  });

  it("gives S3 a replication role with exactly the replication permissions", () => {
    const role = one(run, T.role, "cenm-x-replication-role");
    expect(json(role.inputs.assumeRolePolicy).Statement).toEqual([{ Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "sts:AssumeRole" }]);
    const rp = one(run, T.rolePolicy, "cenm-x-replication-policy");
    expect(rp.inputs.role).toBe("cenm-x-replication-role-0000000");
    const s = json(rp.inputs.policy).Statement;
    const byResource = (res: string) => s.filter((x: any) => x.Resource === res).flatMap((x: any) => [].concat(x.Action));
    expect(byResource(ESCROW_ARN).sort()).toEqual(["s3:GetReplicationConfiguration", "s3:ListBucket"]);
    expect(byResource(`${ESCROW_ARN}/*`).sort()).toEqual([
      "s3:GetObjectLegalHold",
      "s3:GetObjectRetention",
      "s3:GetObjectVersionAcl",
      "s3:GetObjectVersionForReplication",
      "s3:GetObjectVersionTagging",
    ]);
    expect(byResource(`${REPLICA_ARN}/*`).sort()).toEqual(["s3:ObjectOwnerOverrideToBucketOwner", "s3:ReplicateDelete", "s3:ReplicateObject", "s3:ReplicateTags"]);
    expect(byResource(KEY_ARN)).toEqual(["kms:Decrypt"]);
    expect(byResource(REPLICA_KEY_ARN).sort()).toEqual(["kms:Encrypt", "kms:GenerateDataKey"]);
    expect(s.find((x: any) => x.Resource === REPLICA_KEY_ARN).Condition.StringEquals).toEqual({ "kms:ViaService": "s3.eu-central-1.amazonaws.com" });
    expect(s).toHaveLength(5);
  });

  it("replicates into S3 Glacier Instant Retrieval (read without a restore) with Replication Time Control, after versioning is on", () => {
    const rc = one(run, T.replication, "cenm-x-replication");
    expect(rc.inputs).toMatchObject({ bucket: "cenm-x-escrow-0000000", region: "eu-west-1", role: ROLE_ARN });
    expect(rc.inputs.rules).toEqual([
      {
        id: "escrow-to-dr",
        status: "Enabled",
        filter: {},
        deleteMarkerReplication: { status: "Disabled" },
        sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" } },
        destination: {
          bucket: REPLICA_ARN,
          storageClass: "GLACIER_IR",
          encryptionConfiguration: { replicaKmsKeyId: REPLICA_KEY_ARN },
          replicationTime: { status: "Enabled", time: { minutes: 15 } },
          metrics: { status: "Enabled", eventThreshold: { minutes: 15 } },
        },
      },
    ]);
    expect(rc.options.dependsOn).toEqual(expect.arrayContaining(["cenm-x-escrow-versioning", "cenm-x-replica-versioning"]));
  });

  it("exports the replica bucket and key", () => {
    expect(run.outputs).toMatchObject({
      replicaBucketName: "cenm-x-replica-0000000",
      replicaBucketArn: REPLICA_ARN,
      replicaKmsKeyArn: REPLICA_KEY_ARN,
      escrowBucketArn: ESCROW_ARN,
      kmsKeyArn: KEY_ARN,
      region: "eu-west-1",
      drRegion: "eu-central-1",
    });
  });

  it("declares no replica, replica key, role or replication when drReplica is off", async () => {
    const off = await vault(args({ drReplica: false, offlineCopies: OFFLINE }));
    expect(run.resources.filter((r) => r.inputs.region === "eu-central-1").length).toBeGreaterThan(5);
    expect(off.resources.filter((r) => r.inputs.region === "eu-central-1")).toEqual([]);
    for (const t of [T.replicaKey, T.replication, T.role, T.rolePolicy]) expect(ofType(off, t)).toEqual([]);
    expect(escrowBuckets(off).map((b) => b.name)).toEqual(["cenm-x-escrow"]);
    const deny = statement(json(one(off, T.policy, "cenm-x-escrow-policy").inputs.policy), "DenyDataAccessOutsideVaultEndpoint");
    expect(deny.Condition).toEqual({ StringNotEquals: { "aws:SourceVpce": "cenm-x-s3-endpoint-id" } });
    expect(off.outputs.replicaBucketArn).toBeUndefined();
    expect(off.outputs.replicaKmsKeyArn).toBeUndefined();
    expect(off.outputs.keyCopies).toEqual({ byKind: { "cloud-escrow": 1, "cloud-escrow-dr-replica": 0, "cloud-hsm": 0, offline: 2 }, total: 3 });
  });
});

describe("OfflineKeyVault: CloudHSM", () => {
  it("is off by default", async () => {
    const run = await vault();
    expect(ofType(run, T.cluster)).toEqual([]);
    expect(ofType(run, T.hsm)).toEqual([]);
    expect(run.outputs.cloudHsmClusterId).toBeUndefined();
  });

  it("declares the cluster with its first HSM only, as CloudHSM initializes a cluster from one HSM", async () => {
    const run = await vault(args({ cloudHsm: true }));
    expect(ofType(run, T.hsm).map((h) => h.name)).toEqual(["cenm-x-hsm-eu-west-1a"]);
    expect((one(run, T.cluster).inputs.tags as Record<string, string>)["cenm-backup:initialized"]).toBeUndefined();
    expect((run.outputs.copies as any[]).find((c) => c.role === "hsm-cluster").mechanism).toContain("its first HSM");
  });

  it("adds the second HSM in another zone once the cluster is initialized, and marks the cluster so", async () => {
    const run = await vault(args({ cloudHsm: true, cloudHsmInitialized: true }));
    expect((one(run, T.cluster).inputs.tags as Record<string, string>)["cenm-backup:initialized"]).toBe("true");
    const cluster = one(run, T.cluster, "cenm-x-hsm-cluster");
    expect(cluster.inputs).toMatchObject({
      hsmType: "hsm2m.medium",
      mode: "FIPS",
      region: "eu-west-1",
      subnetIds: ["cenm-x-subnet-eu-west-1a-id", "cenm-x-subnet-eu-west-1b-id"],
    });
    expect(cluster.options).toMatchObject({ protect: true, retainOnDelete: true });
    const hsms = ofType(run, T.hsm);
    expect(hsms).toHaveLength(2);
    const zoneOf = (subnetId: unknown) => run.resources.find((r) => r.type === T.subnet && `${r.name}-id` === subnetId)?.inputs.availabilityZone;
    const zones = hsms.map((h) => zoneOf(h.inputs.subnetId));
    expect(zones).toEqual(["eu-west-1a", "eu-west-1b"]);
    for (const h of hsms) expect(h.inputs).toMatchObject({ clusterId: "cenm-x-hsm-cluster-id", region: "eu-west-1" });
    expect(run.outputs.cloudHsmClusterId).toBe("cenm-x-hsm-cluster-id");
  });

  it("refuses cloudHsm with a single zone before registering anything", async () => {
    const { error, run } = await attempt(args({ cloudHsm: true, availabilityZones: ["eu-west-1a"] }));
    expect(error).toMatch(/cloudHsm needs two HSMs in different zones, so availabilityZones must name at least two zones of eu-west-1, received \["eu-west-1a"\]/);
    expect(run.resources).toEqual([]);
  });
});

describe("OfflineKeyVault: key copies", () => {
  it("exports the offline copies verbatim and counts them", async () => {
    const run = await vault(args({ offlineCopies: OFFLINE }));
    expect(run.outputs.offlineCopies).toEqual(OFFLINE);
    expect(run.outputs.keyCopies).toEqual({ byKind: { "cloud-escrow": 1, "cloud-escrow-dr-replica": 1, "cloud-hsm": 0, offline: 2 }, total: 4 });
  });

  it("exports no offline copies when none are recorded", async () => {
    const run = await vault();
    expect(run.outputs.offlineCopies).toEqual([]);
    expect(run.outputs.keyCopies).toMatchObject({ total: 2 });
  });

  it("refuses a prod plan with fewer than two copies before any resource, naming the count by kind", async () => {
    const { error, run } = await attempt(args({ drReplica: false }));
    expect(MIN_KEY_COPIES).toBe(2);
    expect(error).toContain("a prod stack needs at least 2 separate copies of the signing keys, this plan has 1 (cloud-escrow 1)");
    expect(run.resources).toEqual([]);
  });

  it("accepts the same plan outside prod with a warning", async () => {
    const run = await vault(args({ environment: "dev", drReplica: false, protection: { enabled: false } }));
    expect(escrowBuckets(run)).toHaveLength(1);
    expect(run.log.filter((l) => l.severity === "warning" && l.message.startsWith("OfflineKeyVault")).map((l) => l.message)).toEqual([
      expect.stringContaining("only 1 (cloud-escrow 1) separate key copies; R3 recommends at least 2"),
    ]);
  });

  it("does not warn when the plan has enough copies", async () => {
    const run = await vault(args({ environment: "dev" }));
    expect(run.log.filter((l) => l.message.includes("key copies"))).toEqual([]);
    expect(run.outputs.keyCopies).toMatchObject({ total: 2 });
  });

  it("reports each copy with region, zones, mode and RPO", async () => {
    const run = await vault(args({ cloudHsm: true, cloudHsmInitialized: true, offlineCopies: [OFFLINE[0]] }));
    const copies = run.outputs.copies as any[];
    expect(copies.map((c) => [c.role, c.resource, c.region, c.mode])).toEqual([
      ["escrow", "cenm-x-escrow", "eu-west-1", "point-in-time"],
      ["escrow-dr-replica", "cenm-x-replica", "eu-central-1", "asynchronous"],
      ["hsm-cluster", "cenm-x-hsm-cluster", "eu-west-1", "synchronous"],
      ["offline", "luna-backup-0042", "offline", "asynchronous"],
    ]);
    for (const c of copies) expect(c.element).toBe("keys");
    expect(copies[0].mechanism).toMatch(/COMPLIANCE lock 3650 days.*not reachable from the Internet/);
    expect(copies[1].rpo).toContain("99.99% of objects within 15 minutes");
    expect(copies[1].mechanism).toContain("storage class GLACIER_IR (read in milliseconds, no restore)");
    expect(copies[2].availabilityZones).toEqual(["eu-west-1a", "eu-west-1b"]);
    expect(copies[2].rpo).toContain("synchronises keys among its HSMs");
    expect(copies[3].rpo).toBe("as of lastVerified 2025-03-14");
    expect(copies[3].mechanism).toContain("Luna backup HSM at Zurich vault, safe 3");
    const details = run.outputs.keyCopyDetails as any[];
    expect(details.map((d) => [d.kind, d.immutable, d.internetReachable])).toEqual([
      ["cloud-escrow", true, false],
      ["cloud-escrow-dr-replica", true, false],
      ["cloud-hsm", false, false],
      ["offline", false, false],
    ]);
    expect(run.outputs.keyCopies).toMatchObject({ total: 4 });
  });

  it("does not call governance-locked escrows immutable", async () => {
    const run = await vault(args({ lockMode: "governance" }));
    const details = run.outputs.keyCopyDetails as any[];
    expect(details.map((d) => d.immutable)).toEqual([false, false]);
    expect(details[0].immutability).toContain("s3:BypassGovernanceRetention");
  });
});

describe("OfflineKeyVault: protection", () => {
  const stateful = ["cenm-x-escrow", "cenm-x-replica", "cenm-x-key", "cenm-x-dr-key", "cenm-x-hsm-cluster", "cenm-x-hsm-eu-west-1a", "cenm-x-hsm-eu-west-1b"];

  it("protects and retains every stateful child, and denies key deletion, when enabled", async () => {
    const run = await vault(args({ cloudHsm: true, cloudHsmInitialized: true }));
    for (const n of stateful) expect([n, named(run, n).options.protect, named(run, n).options.retainOnDelete]).toEqual([n, true, true]);
    expect(json(named(run, "cenm-x-key").inputs.policy).Statement.map((s: any) => s.Sid)).toContain("DenyKeyDeletion");
    // Configuration children hold no data and stay unprotected.
    expect(named(run, "cenm-x-escrow-policy").options.protect).toBe(false);
  });

  it("leaves them unprotected when disabled, still without forceDestroy", async () => {
    const run = await vault(args({ environment: "staging", cloudHsm: true, cloudHsmInitialized: true, protection: { enabled: false } }));
    for (const n of stateful) expect([n, named(run, n).options.protect, named(run, n).options.retainOnDelete]).toEqual([n, false, false]);
    expect(json(named(run, "cenm-x-key").inputs.policy).Statement.map((s: any) => s.Sid)).not.toContain("DenyKeyDeletion");
    expect(json(named(run, "cenm-x-dr-key").inputs.policy).Statement.map((s: any) => s.Sid)).not.toContain("DenyKeyDeletion");
    expect(named(run, "cenm-x-escrow").inputs.forceDestroy).toBe(false);
    expect(named(run, "cenm-x-replica").inputs.forceDestroy).toBe(false);
  });

  it("denies rewriting the key policies to all but the break-glass principal, and sends them past KMS's lockout check", async () => {
    const run = await vault(args({ protection: { enabled: true, breakGlassPrincipalArn: BREAK_GLASS } }));
    const exempt = { ArnNotEquals: { "aws:PrincipalArn": BREAK_GLASS } };
    for (const n of ["cenm-x-key", "cenm-x-dr-key", "cenm-x-access-log-key", "cenm-x-dr-access-log-key"]) {
      const key = named(run, n);
      const policy = json(key.inputs.policy);
      expect([n, statement(policy, "DenyKeyPolicyChange")]).toEqual([n, { Sid: "DenyKeyPolicyChange", Effect: "Deny", Principal: { AWS: "*" }, Action: "kms:PutKeyPolicy", Resource: "*", Condition: exempt }]);
      expect([n, statement(policy, "DenyKeyDeletion").Condition]).toEqual([n, exempt]);
      // The deploying principal is not exempt: KMS takes such a policy from it only with the check bypassed.
      expect([n, key.inputs.bypassPolicyLockoutSafetyCheck]).toEqual([n, true]);
    }
  });

  it("takes the keys' account from the deploying credentials: a break-glass role of that account passes", async () => {
    const other = "arn:aws:iam::111122223333:role/cenm-break-glass";
    const run = await declare(() => outputsOf(new OfflineKeyVault("cenm-x", args({ protection: { enabled: true, breakGlassPrincipalArn: other } }))), {
      config: { "aws:region": "eu-west-1", "aws:allowedAccountIds": '["111122223333"]' },
    });
    const policy = json(named(run, "cenm-x-key").inputs.policy);
    expect(policy.Statement[0].Principal).toEqual({ AWS: "arn:aws:iam::111122223333:root" });
    expect(statement(policy, "DenyKeyPolicyChange").Condition).toEqual({ ArnNotEquals: { "aws:PrincipalArn": other } });
  });

  it("leaves the policy changeable (and the lockout check on) without a break-glass principal, and drops every deny when unprotected", async () => {
    const noBreakGlass = await vault();
    const key = named(noBreakGlass, "cenm-x-key");
    expect(json(key.inputs.policy).Statement.map((s: any) => s.Sid)).toEqual(["AccountAdministersKeyThroughIam", "DenyKeyDeletion"]);
    expect(statement(json(key.inputs.policy), "DenyKeyDeletion").Condition).toBeUndefined();
    expect(key.inputs.bypassPolicyLockoutSafetyCheck).toBe(false);
    const dev = await vault(args({ environment: "dev", lockMode: "governance", protection: { enabled: false, breakGlassPrincipalArn: BREAK_GLASS } }));
    for (const k of [...ofType(dev, T.key), ...ofType(dev, T.replicaKey)]) {
      expect([k.name, json(k.inputs.policy).Statement.filter((s: any) => s.Effect === "Deny"), k.inputs.bypassPolicyLockoutSafetyCheck]).toEqual([k.name, [], false]);
    }
  });

  it("lets a dev stack with governance locks be destroyed: the buckets empty themselves first", async () => {
    const run = await vault(args({ environment: "dev", lockMode: "governance", protection: { enabled: false } }));
    for (const n of ["cenm-x-escrow", "cenm-x-replica", "cenm-x-access-log-bucket"]) expect([n, named(run, n).inputs.forceDestroy]).toEqual([n, true]);
  });
});

describe("OfflineKeyVault: access log", () => {
  it("records every read and write of the escrow and its replica with CloudTrail data events, in every region", async () => {
    const run = await vault();
    const trail = one(run, T.trail, "cenm-x-access-log-trail");
    expect(trail.parentType).toBe("cenm-backup:aws:EscrowAccessLog");
    expect(trail.inputs).toMatchObject({ region: "eu-west-1", isMultiRegionTrail: true, includeGlobalServiceEvents: true, enableLogFileValidation: true, s3BucketName: "cenm-x-access-log-bucket-0000000", kmsKeyId: "arn:aws:kms:eu-west-1:123456789012:key/cenm-x-access-log-key" });
    expect(trail.inputs.advancedEventSelectors).toEqual([
      {
        name: "Reads and writes of the key escrow's objects",
        fieldSelectors: [
          { field: "eventCategory", equals: ["Data"] },
          { field: "resources.type", equals: ["AWS::S3::Object"] },
          { field: "resources.ARN", startsWiths: [`${ESCROW_ARN}/`, "arn:aws:s3:::cenm-x-replica-0000000/"] },
        ],
      },
    ]);
    expect(trail.inputs.name).toBe("cenm-x-access-log-trail-test");
  });

  it("records the replica's reads and writes in the DR region too, with a single-region trail into a locked bucket there", async () => {
    const run = await vault();
    const trail = one(run, T.trail, "cenm-x-dr-access-log-trail");
    expect(trail.parentType).toBe("cenm-backup:aws:EscrowAccessLog");
    expect(trail.inputs).toMatchObject({
      region: "eu-central-1",
      name: "cenm-x-dr-access-log-trail-test",
      isMultiRegionTrail: false,
      includeGlobalServiceEvents: false,
      enableLogFileValidation: true,
      s3BucketName: "cenm-x-dr-access-log-bucket-0000000",
      kmsKeyId: "arn:aws:kms:eu-central-1:123456789012:key/cenm-x-dr-access-log-key",
    });
    const arns = (trail.inputs.advancedEventSelectors as any)[0].fieldSelectors.find((f: any) => f.field === "resources.ARN");
    expect(arns.startsWiths).toEqual([`${REPLICA_ARN}/`]);
    for (const n of ["cenm-x-dr-access-log-bucket", "cenm-x-dr-access-log-key", "cenm-x-dr-access-log-lock", "cenm-x-dr-access-log-sse", "cenm-x-dr-access-log-policy"]) {
      expect([n, named(run, n).inputs.region]).toEqual([n, "eu-central-1"]);
    }
    expect(one(run, T.lock, "cenm-x-dr-access-log-lock").inputs.rule).toEqual({ defaultRetention: { mode: "COMPLIANCE", days: 2557 } });
    expect(named(run, "cenm-x-dr-access-log-bucket").options).toMatchObject({ protect: true, retainOnDelete: true });
    const trailArn = "arn:aws:cloudtrail:eu-central-1:123456789012:trail/cenm-x-dr-access-log-trail-test";
    expect(statement(json(one(run, T.policy, "cenm-x-dr-access-log-policy").inputs.policy), "CloudTrailWritesLogs").Condition.StringEquals["aws:SourceArn"]).toBe(trailArn);
    expect(run.outputs).toMatchObject({ drAccessTrailArn: expect.stringContaining("cenm-x-dr-access-log-trail"), drAccessLogBucketArn: expect.stringContaining("cenm-x-dr-access-log-bucket") });
  });

  it("declares no DR access log without a DR replica", async () => {
    const run = await vault(args({ environment: "dev", drReplica: false, keyCopiesWaiver: "test keys" }));
    expect(ofType(run, T.trail).map((t) => t.name)).toEqual(["cenm-x-access-log-trail"]);
    expect(run.outputs.drAccessTrailArn).toBeUndefined();
  });

  it("keeps the record in a locked, encrypted bucket that admits this trail only", async () => {
    const run = await vault();
    const lock = one(run, T.lock, "cenm-x-access-log-lock");
    expect(lock.inputs.rule).toEqual({ defaultRetention: { mode: "COMPLIANCE", days: 2557 } });
    const policy = json(one(run, T.policy, "cenm-x-access-log-policy").inputs.policy);
    const trailArn = "arn:aws:cloudtrail:eu-west-1:123456789012:trail/cenm-x-access-log-trail-test";
    expect(statement(policy, "CloudTrailWritesLogs").Condition).toEqual({ StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceArn": trailArn } });
    expect(statement(policy, "CloudTrailChecksAcl").Condition).toEqual({ StringEquals: { "aws:SourceArn": trailArn } });
    const key = json(one(run, T.key, "cenm-x-access-log-key").inputs.policy);
    expect(statement(key, "CloudTrailEncryptsThisTrailsLogs").Condition.StringEquals).toEqual({ "aws:SourceArn": trailArn });
    expect(statement(key, "DenyKeyDeletion")).toBeDefined();
  });

  it("keeps the record as long as the args say", async () => {
    const run = await vault(args({ accessLogRetentionDays: 365, lockMode: "governance" }));
    expect(one(run, T.lock, "cenm-x-access-log-lock").inputs.rule).toEqual({ defaultRetention: { mode: "GOVERNANCE", days: 365 } });
  });
});

describe("OfflineKeyVault: preview", () => {
  it("declares every child in preview too, with computed values unknown", async () => {
    const a = args({ cloudHsm: true, offlineCopies: OFFLINE });
    const update = await vault(a);
    const preview = await vault(a, true);
    expect(preview.preview).toBe(true);
    const names = (r: OfflineRun) => r.resources.map((x) => `${x.type}::${x.name}`);
    expect(names(preview)).toEqual(names(update));
    // The component, 8 network, 2 key, 8 escrow, 7 replica, 3 replication, 2 CloudHSM (one HSM until the
    // cluster is initialized) and twice 11 access-log resources (component, key, bucket and 7 settings, trail),
    // once per region.
    expect(preview.resources.length).toBe(53);
    expect(one(preview, T.policy, "cenm-x-escrow-policy").inputs.policy).toBe("[unknown]");
    expect(one(preview, T.endpoint).inputs.serviceName).toBe("com.amazonaws.eu-west-1.s3");
    expect(preview.outputs.offlineCopies).toEqual(OFFLINE);
  });
});

describe("OfflineKeyVault: invalid args", () => {
  const cases: [string, Partial<OfflineKeyVaultArgs>, RegExp][] = [
    ["lockMode", { lockMode: "legal" as never }, /lockMode must be "compliance" or "governance", received "legal"/],
    ["escrowRetentionDays", { escrowRetentionDays: 0 }, /escrowRetentionDays must be a whole number of days from 1 to 36500, received 0/],
    ["drRegion", { drRegion: "eu-west-1" }, /drRegion must differ from region when drReplica is on \(both are "eu-west-1"\)/],
    ["availabilityZones (foreign zone)", { availabilityZones: ["us-east-1a", "eu-west-1b"] }, /availabilityZones contains "us-east-1a", which is not a zone of eu-west-1/],
    ["availabilityZones (repeated)", { availabilityZones: ["eu-west-1a", "eu-west-1a"] }, /availabilityZones lists eu-west-1a more than once/],
    ["availabilityZones (empty)", { availabilityZones: [] }, /availabilityZones must name at least one zone of eu-west-1, received \[\]/],
    ["vaultVpcCidr", { vaultVpcCidr: "10.90.0.0" }, /vaultVpcCidr must be an IPv4 CIDR between \/16 and \/28 \(e\.g\. 10\.90\.0\.0\/24\), received "10\.90\.0\.0"/],
    ["protection.breakGlassPrincipalArn", { protection: { enabled: true, breakGlassPrincipalArn: "root" } }, /protection\.breakGlassPrincipalArn must be an IAM role or user ARN .*received "root"/],
    ["region", { region: "Ireland" }, /region must be an AWS region name such as eu-west-1, received "Ireland"/],
    ["offlineCopies (duplicate id)", { offlineCopies: [OFFLINE[0], OFFLINE[0]] }, /offlineCopies lists the id luna-backup-0042 more than once/],
    ["offlineCopies (one custodian)", { offlineCopies: [{ ...OFFLINE[0], custodians: ["Alice Martin"] }] }, /offlineCopies entry "luna-backup-0042" has custodians \["Alice Martin"\]; expected at least two people/],
  ];
  it.each(cases)("refuses a bad %s before registering anything", async (_label, override, message) => {
    const { error, run } = await attempt(args(override));
    expect(error).toMatch(message);
    expect(error).toMatch(/^OfflineKeyVault: /);
    expect(run.resources).toEqual([]);
  });
});
