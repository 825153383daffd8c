import { ReplicatedFileStore, type ReplicatedFileStoreComponentArgs } from "../../../src/components/aws/ReplicatedFileStore";
import { checkPlatformLimits } from "../../../src/domain/limits";
import { MOCK_ACCOUNT_ID } from "../../../src/offline/mocks";
import { planDocumentOf, resourceViews } from "../../../src/offline/plan";
import { declare, json, named, ofType, one } from "../../helpers/offline";

const ZONES = ["eu-west-1a", "eu-west-1b", "eu-west-1c"];
const FS_ARN = `arn:aws:elasticfilesystem:eu-west-1:${MOCK_ACCOUNT_ID}:file-system/fs-cenm-x-fs`;

function baseArgs(overrides: Partial<ReplicatedFileStoreComponentArgs> = {}): ReplicatedFileStoreComponentArgs {
  return {
    environment: "prod",
    region: "eu-west-1",
    drRegion: "eu-central-1",
    protection: { enabled: true },
    tags: { team: "cenm" },
    availabilityZones: ZONES,
    vpcId: "vpc-0abc",
    subnetIds: ["subnet-a", "subnet-b", "subnet-c"],
    clientCidrs: ["10.50.0.0/20", "10.50.16.0/20"],
    services: ["identity-manager", "network-map", "signer"],
    ...overrides,
  };
}

function outputsOf(s: ReplicatedFileStore) {
  return {
    fileSystemId: s.fileSystemId,
    fileSystemArn: s.fileSystemArn,
    dnsName: s.dnsName,
    kmsKeyArn: s.kmsKeyArn,
    drKmsKeyArn: s.drKmsKeyArn,
    mountTargetIds: s.mountTargetIds,
    securityGroupId: s.securityGroupId,
    drSecurityGroupId: s.drSecurityGroupId,
    accessPoints: s.accessPoints,
    replicationRegion: s.replicationRegion,
    region: s.region,
    availabilityZones: s.availabilityZones,
    copies: s.copies,
  };
}

const build = (overrides: Partial<ReplicatedFileStoreComponentArgs> = {}) => () => outputsOf(new ReplicatedFileStore("cenm-x", baseArgs(overrides)));

describe("ReplicatedFileStore", () => {
  it("declares a regional file system encrypted with its own customer-managed key", async () => {
    const run = await declare(build());
    const fs = one(run, "aws:efs/fileSystem:FileSystem");
    expect(fs.name).toBe("cenm-x-fs");
    expect(fs.parent).toBe("cenm-x");
    expect(fs.parentType).toBe("cenm-backup:aws:ReplicatedFileStore");
    expect(fs.inputs).not.toHaveProperty("availabilityZoneName");
    expect(fs.inputs).toMatchObject({
      region: "eu-west-1",
      encrypted: true,
      kmsKeyId: `arn:aws:kms:eu-west-1:${MOCK_ACCOUNT_ID}:key/cenm-x-key`,
      performanceMode: "generalPurpose",
      throughputMode: "elastic",
      protection: { replicationOverwrite: "ENABLED" },
      lifecyclePolicies: [{ transitionToIa: "AFTER_30_DAYS" }, { transitionToPrimaryStorageClass: "AFTER_1_ACCESS" }],
    });
    expect(fs.inputs.tags).toMatchObject({ team: "cenm", "cenm-backup:element": "files" });

    const key = named(run, "cenm-x-key");
    expect(key.type).toBe("aws:kms/key:Key");
    expect(key.inputs).toMatchObject({ region: "eu-west-1", enableKeyRotation: true });
    const efsUse = json(key.inputs.policy).Statement.find((s: { Sid: string }) => s.Sid === "AllowEfsUseInThisAccount");
    expect(efsUse.Condition.StringEquals).toEqual({
      "kms:CallerAccount": MOCK_ACCOUNT_ID,
      "kms:ViaService": "elasticfilesystem.eu-west-1.amazonaws.com",
    });
  });

  it("uses bursting throughput when asked", async () => {
    const run = await declare(build({ throughputMode: "bursting" }));
    expect(one(run, "aws:efs/fileSystem:FileSystem").inputs.throughputMode).toBe("bursting");
  });

  it("puts one mount target in each zone's subnet, behind the store's security group", async () => {
    const run = await declare(build());
    const mts = ofType(run, "aws:efs/mountTarget:MountTarget");
    expect(mts.map((m) => [m.name, m.inputs.subnetId])).toEqual([
      ["cenm-x-mt-eu-west-1a", "subnet-a"],
      ["cenm-x-mt-eu-west-1b", "subnet-b"],
      ["cenm-x-mt-eu-west-1c", "subnet-c"],
    ]);
    for (const m of mts) {
      expect(m.inputs).toMatchObject({ fileSystemId: "cenm-x-fs-id", securityGroups: ["cenm-x-sg-id"], region: "eu-west-1" });
      // One mount target per zone: a replacement (another subnet in the zone) must delete the old one first.
      expect(m.options.deleteBeforeReplace).toBe(true);
    }
  });

  it("admits only NFS on TCP 2049 from the client CIDRs", async () => {
    const run = await declare(build());
    const sg = one(run, "aws:ec2/securityGroup:SecurityGroup");
    expect(sg.name).toBe("cenm-x-sg");
    expect(sg.inputs.vpcId).toBe("vpc-0abc");
    expect(sg.inputs.region).toBe("eu-west-1");
    expect(sg.inputs.ingress).toEqual([
      { protocol: "tcp", fromPort: 2049, toPort: 2049, cidrBlocks: ["10.50.0.0/20", "10.50.16.0/20"], description: "NFS from the CENM hosts" },
    ]);
    expect(sg.inputs.egress).toEqual([]);
    expect(ofType(run, "aws:ec2/securityGroupIngressRule:SecurityGroupIngressRule")).toEqual([]);
    expect(ofType(run, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")).toEqual([]);
  });

  it("gives each service an access point rooted at /cenm/<service> with a fixed POSIX identity", async () => {
    const run = await declare(build());
    const aps = ofType(run, "aws:efs/accessPoint:AccessPoint");
    expect(aps.map((a) => [a.name, (a.inputs.rootDirectory as { path: string }).path])).toEqual([
      ["cenm-x-ap-identity-manager", "/cenm/identity-manager"],
      ["cenm-x-ap-network-map", "/cenm/network-map"],
      ["cenm-x-ap-signer", "/cenm/signer"],
    ]);
    for (const a of aps) {
      expect(a.inputs.fileSystemId).toBe("cenm-x-fs-id");
      expect(a.inputs.region).toBe("eu-west-1");
      expect(a.inputs.posixUser).toEqual({ uid: 1000, gid: 1000 });
      expect((a.inputs.rootDirectory as { creationInfo: unknown }).creationInfo).toEqual({ ownerUid: 1000, ownerGid: 1000, permissions: "0750" });
    }
    expect(named(run, "cenm-x-ap-signer").inputs.tags).toMatchObject({ "cenm-backup:element": "files", "cenm-backup:service": "signer" });
    expect(run.outputs.accessPoints).toEqual({
      "identity-manager": {
        id: "cenm-x-ap-identity-manager-id",
        arn: expect.stringContaining("cenm-x-ap-identity-manager"),
        path: "/cenm/identity-manager",
      },
      "network-map": {
        id: "cenm-x-ap-network-map-id",
        arn: expect.stringContaining("cenm-x-ap-network-map"),
        path: "/cenm/network-map",
      },
      signer: {
        id: "cenm-x-ap-signer-id",
        arn: expect.stringContaining("cenm-x-ap-signer"),
        path: "/cenm/signer",
      },
    });
  });

  it("takes a different uid and gid for the access points", async () => {
    const run = await declare(build({ posixUid: 2001, posixGid: 3001, services: ["zone"] }));
    const ap = one(run, "aws:efs/accessPoint:AccessPoint");
    expect(ap.name).toBe("cenm-x-ap-zone");
    expect(ap.inputs.posixUser).toEqual({ uid: 2001, gid: 3001 });
    expect(ap.inputs.rootDirectory).toEqual({ path: "/cenm/zone", creationInfo: { ownerUid: 2001, ownerGid: 3001, permissions: "0750" } });
  });

  it("requires TLS and an access point in the file system policy", async () => {
    const run = await declare(build());
    const policy = one(run, "aws:efs/fileSystemPolicy:FileSystemPolicy");
    expect(policy.name).toBe("cenm-x-policy");
    expect(policy.inputs).toMatchObject({ fileSystemId: "cenm-x-fs-id", bypassPolicyLockoutSafetyCheck: false, region: "eu-west-1" });
    const doc = json(policy.inputs.policy);
    expect(doc.Version).toBe("2012-10-17");
    const bySid = Object.fromEntries(doc.Statement.map((s: { Sid: string }) => [s.Sid, s]));
    expect(Object.keys(bySid).sort()).toEqual(["AllowMountAndWriteOverTls", "DenyOutsideAccessPoints", "DenyWithoutTls"]);
    expect(bySid.DenyWithoutTls).toEqual({
      Sid: "DenyWithoutTls",
      Effect: "Deny",
      Principal: { AWS: "*" },
      Action: "*",
      Resource: FS_ARN,
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    });
    expect(bySid.DenyOutsideAccessPoints).toEqual({
      Sid: "DenyOutsideAccessPoints",
      Effect: "Deny",
      Principal: { AWS: "*" },
      Action: ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"],
      Resource: FS_ARN,
      Condition: { Null: { "elasticfilesystem:AccessPointArn": "true" } },
    });
    expect(bySid.AllowMountAndWriteOverTls.Effect).toBe("Allow");
    expect(bySid.AllowMountAndWriteOverTls.Action).not.toContain("elasticfilesystem:ClientRootAccess");
    expect(bySid.AllowMountAndWriteOverTls.Condition).toEqual({ Bool: { "aws:SecureTransport": "true" } });
  });

  it("switches off the automatic EFS backup policy (AWS Backup selection covers it)", async () => {
    const run = await declare(build());
    const bp = one(run, "aws:efs/backupPolicy:BackupPolicy");
    expect(bp.name).toBe("cenm-x-backup-policy");
    expect(bp.inputs).toEqual({ fileSystemId: "cenm-x-fs-id", backupPolicy: { status: "DISABLED" }, region: "eu-west-1" });
  });

  it("replicates to the DR region with a DR-region key", async () => {
    const run = await declare(build());
    const rep = one(run, "aws:efs/replicationConfiguration:ReplicationConfiguration");
    expect(rep.name).toBe("cenm-x-replication");
    expect(rep.inputs).toEqual({
      sourceFileSystemId: "cenm-x-fs-id",
      region: "eu-west-1",
      destination: { region: "eu-central-1", kmsKeyId: `arn:aws:kms:eu-central-1:${MOCK_ACCOUNT_ID}:key/cenm-x-dr-key` },
    });
    const drKey = named(run, "cenm-x-dr-key");
    expect(drKey.type).toBe("aws:kms/key:Key");
    expect(drKey.inputs.region).toBe("eu-central-1");
    expect(drKey.inputs.enableKeyRotation).toBe(true);
    const efsUse = json(drKey.inputs.policy).Statement.find((s: { Sid: string }) => s.Sid === "AllowEfsUseInThisAccount");
    expect(efsUse.Condition.StringEquals["kms:ViaService"]).toBe("elasticfilesystem.eu-central-1.amazonaws.com");
    expect(run.outputs.replicationRegion).toBe("eu-central-1");
    expect(run.outputs.drKmsKeyArn).toBe(`arn:aws:kms:eu-central-1:${MOCK_ACCOUNT_ID}:key/cenm-x-dr-key`);
    // Only the DR key lives in the DR region; everything else is in the primary region.
    const custom = run.resources.filter((r) => r.custom);
    expect(custom.filter((r) => r.inputs.region === "eu-central-1").map((r) => r.name)).toEqual(["cenm-x-dr-key"]);
    expect(custom.filter((r) => r.inputs.region !== "eu-central-1").every((r) => r.inputs.region === "eu-west-1")).toBe(true);
  });

  it("keeps the replicated file system writable: the EFS replication-overwrite limit passes, and would refuse DISABLED", async () => {
    for (const drReplication of [true, false]) {
      const run = await declare(build(drReplication ? {} : { drReplication: false, drRegion: "eu-west-1" }));
      const views = resourceViews(planDocumentOf(run));
      expect(checkPlatformLimits(views).filter((v) => v.limit === "aws-efs-replication-overwrite")).toEqual([]);
      const readOnly = views.map((r) => (r.type === "aws:efs/fileSystem:FileSystem" ? { ...r, inputs: { ...r.inputs, protection: { replicationOverwrite: "DISABLED" } } } : r));
      expect(checkPlatformLimits(readOnly).filter((v) => v.limit === "aws-efs-replication-overwrite").map((v) => [v.resource, v.property])).toEqual([["cenm-x-fs", "protection.replicationOverwrite"]]);
    }
  });

  it("replaces the replication by deleting it first (EFS refuses a second configuration on one source)", async () => {
    const run = await declare(build({ protection: { enabled: false } }));
    expect(named(run, "cenm-x-replication").options).toMatchObject({ deleteBeforeReplace: true, protect: false });
  });

  it("declares a group in the DR VPC admitting NFS from the DR CENM hosts only, for the replica's mount targets after a failover", async () => {
    const run = await declare(build({ drVpcId: "vpc-0dr", drClientCidrs: ["10.60.0.0/16"] }));
    const dr = named(run, "cenm-x-dr-sg");
    expect(dr.type).toBe("aws:ec2/securityGroup:SecurityGroup");
    expect(dr.inputs).toMatchObject({ vpcId: "vpc-0dr", region: "eu-central-1", egress: [] });
    expect(dr.inputs.ingress).toEqual([{ protocol: "tcp", fromPort: 2049, toPort: 2049, cidrBlocks: ["10.60.0.0/16"], description: "NFS from the DR CENM hosts" }]);
    expect(run.outputs.drSecurityGroupId).toBe("cenm-x-dr-sg-id");
    // EFS creates no mount target for a replica, and the package declares none before a failover.
    expect(ofType(run, "aws:efs/mountTarget:MountTarget").every((m) => m.inputs.region === "eu-west-1")).toBe(true);
    // Without a DR VPC, none.
    const plain = await declare(build());
    expect(ofType(plain, "aws:ec2/securityGroup:SecurityGroup").map((g) => g.name)).toEqual(["cenm-x-sg"]);
    expect(plain.outputs).not.toHaveProperty("drSecurityGroupId");
  });

  it("declares neither the DR key nor the replication when replication is off", async () => {
    const run = await declare(build({ drReplication: false, drRegion: "eu-west-1" }));
    expect(ofType(run, "aws:efs/replicationConfiguration:ReplicationConfiguration")).toEqual([]);
    expect(ofType(run, "aws:kms/key:Key").map((k) => k.name)).toEqual(["cenm-x-key"]);
    expect(run.outputs).not.toHaveProperty("replicationRegion");
    expect(run.outputs).not.toHaveProperty("drKmsKeyArn");
    expect((run.outputs.copies as { role: string }[]).map((c) => c.role)).toEqual(["primary"]);
  });

  it("protects the file system, keys and replication when protection is on", async () => {
    const run = await declare(build({ protection: { enabled: true } }));
    for (const n of ["cenm-x-fs", "cenm-x-key", "cenm-x-dr-key", "cenm-x-replication"]) {
      expect(named(run, n).options).toMatchObject({ protect: true, retainOnDelete: true });
    }
    for (const n of ["cenm-x-key", "cenm-x-dr-key"]) {
      const deny = json(named(run, n).inputs.policy).Statement.find((s: { Sid: string }) => s.Sid === "DenyKeyDeletion");
      expect(deny.Action).toEqual(["kms:ScheduleKeyDeletion", "kms:DisableKey"]);
    }
    // Stateless children stay replaceable.
    expect(named(run, "cenm-x-sg").options.protect).toBe(false);
    expect(named(run, "cenm-x-mt-eu-west-1a").options.protect).toBe(false);
  });

  it("leaves everything unprotected when protection is off", async () => {
    const run = await declare(build({ protection: { enabled: false } }));
    for (const n of ["cenm-x-fs", "cenm-x-key", "cenm-x-dr-key", "cenm-x-replication"]) {
      expect(named(run, n).options).toMatchObject({ protect: false, retainOnDelete: false });
    }
    const statements = json(named(run, "cenm-x-key").inputs.policy).Statement as { Sid: string }[];
    expect(statements.map((s) => s.Sid)).not.toContain("DenyKeyDeletion");
    // The file system stays writable and refuses to become a replication destination.
    expect(one(run, "aws:efs/fileSystem:FileSystem").inputs.protection).toEqual({ replicationOverwrite: "ENABLED" });
  });

  it("states a synchronous primary and an asynchronous DR replica in copies", async () => {
    const run = await declare(build());
    expect(run.outputs.copies).toEqual([
      {
        element: "files",
        role: "primary",
        resource: "cenm-x-fs",
        region: "eu-west-1",
        availabilityZones: ZONES,
        mode: "synchronous",
        rpo: expect.stringMatching(/^0 .*fsync or close/),
        mechanism: expect.stringContaining("EFS regional file system"),
      },
      {
        element: "files",
        role: "cross-region-replica",
        resource: "cenm-x-replication",
        region: "eu-central-1",
        availabilityZones: [],
        mode: "asynchronous",
        rpo: expect.stringMatching(/^15 minutes for most file systems/),
        mechanism: expect.stringContaining("EFS replication"),
      },
    ]);
  });

  it("exposes the file system's identifiers as outputs", async () => {
    const run = await declare(build());
    expect(run.outputs).toMatchObject({
      fileSystemId: "cenm-x-fs-id",
      fileSystemArn: FS_ARN,
      dnsName: "fs-cenm-x-fs.efs.eu-west-1.amazonaws.com",
      kmsKeyArn: `arn:aws:kms:eu-west-1:${MOCK_ACCOUNT_ID}:key/cenm-x-key`,
      mountTargetIds: ["cenm-x-mt-eu-west-1a-id", "cenm-x-mt-eu-west-1b-id", "cenm-x-mt-eu-west-1c-id"],
      securityGroupId: "cenm-x-sg-id",
      region: "eu-west-1",
      availabilityZones: ZONES,
    });
  });

  it("declares every child in preview mode", async () => {
    const run = await declare(build(), { preview: true });
    const counts: Record<string, number> = {};
    for (const r of run.resources) counts[r.type] = (counts[r.type] ?? 0) + 1;
    expect(counts).toEqual({
      "cenm-backup:aws:ReplicatedFileStore": 1,
      "aws:kms/key:Key": 2,
      "aws:efs/fileSystem:FileSystem": 1,
      "aws:efs/backupPolicy:BackupPolicy": 1,
      "aws:ec2/securityGroup:SecurityGroup": 1,
      "aws:efs/mountTarget:MountTarget": 3,
      "aws:efs/accessPoint:AccessPoint": 3,
      "aws:efs/fileSystemPolicy:FileSystemPolicy": 1,
      "aws:efs/replicationConfiguration:ReplicationConfiguration": 1,
    });
    expect(one(run, "aws:efs/fileSystem:FileSystem").inputs.kmsKeyId).toBe("[unknown]");
    expect(one(run, "aws:efs/fileSystemPolicy:FileSystemPolicy").inputs.policy).toBe("[unknown]");
    expect(named(run, "cenm-x-fs").options.protect).toBe(true);
  });

  it.each([
    [{ services: [] }, /services: expected at least one CENM service.*got \[\]/],
    [{ services: ["signer", "zone", "signer"] }, /services: signer is listed twice/],
    [{ services: ["notary"] }, /services: expected CENM services among identity-manager.*got "notary"/],
    [{ subnetIds: ["subnet-a", "subnet-b"] }, /subnetIds: expected one subnet per availability zone \(3: eu-west-1a, eu-west-1b, eu-west-1c\), got 2/],
    [{ availabilityZones: ["eu-west-1a"], subnetIds: ["subnet-a"] }, /availabilityZones: a regional file system needs mount targets in at least 2 zones of eu-west-1, got \["eu-west-1a"\]/],
    [{ availabilityZones: ["eu-west-1a", "eu-west-1a", "eu-west-1b"] }, /availabilityZones: zone eu-west-1a is listed twice/],
    [{ availabilityZones: ["eu-west-1a", "us-east-1b", "eu-west-1c"] }, /availabilityZones: expected zone names of region eu-west-1.*got "us-east-1b"/],
    [{ drRegion: "eu-west-1" }, /drRegion: the replica must live in another region than the primary \(eu-west-1\), got eu-west-1/],
    [{ clientCidrs: [] }, /clientCidrs: expected at least one CIDR block/],
    [{ clientCidrs: ["10.0.0.0"] }, /clientCidrs: expected IPv4 CIDR blocks.*got "10\.0\.0\.0"/],
    [{ posixUid: -1 }, /posixUid: expected a POSIX id.*got -1/],
    [{ posixGid: 1.5 }, /posixGid: expected a POSIX id.*got 1\.5/],
    [{ throughputMode: "provisioned" as "elastic" }, /throughputMode: expected "elastic" or "bursting", got "provisioned"/],
    [{ drReplication: false, drRegion: "eu-west-1", drVpcId: "vpc-0dr", drClientCidrs: ["10.60.0.0/16"] }, /drVpcId and drClientCidrs: expected nothing unless drReplication is on/],
    [{ drClientCidrs: ["10.60.0.0/16"] }, /drVpcId: expected the DR VPC of the replica's mount targets together with drClientCidrs, got nothing/],
    [{ drVpcId: "vpc-0dr" }, /drClientCidrs: expected at least one CIDR block of the DR CENM hosts/],
    [{ drVpcId: "vpc-0dr", drClientCidrs: ["0.0.0.0/0"] }, /drClientCidrs: expected the DR CENM subnets as IPv4 CIDR blocks such as 10\.22\.0\.0\/16 \(never the whole Internet\), got "0\.0\.0\.0\/0"/],
  ])("refuses %j before registering anything", async (overrides, message) => {
    let error: Error | undefined;
    const run = await declare(() => {
      try {
        new ReplicatedFileStore("cenm-x", baseArgs(overrides as Partial<ReplicatedFileStoreComponentArgs>));
      } catch (e) {
        error = e as Error;
      }
    });
    expect(error?.message).toMatch(message as RegExp);
    expect(run.resources).toEqual([]);
  });
});
