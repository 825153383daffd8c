import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { AuditInputError } from "../../src/audit/inputs/errors";
import { readJsonFile } from "../../src/audit/inputs/json";
import { fromPreviewJson } from "../../src/audit/inputs/preview";
import { fromStateExport } from "../../src/audit/inputs/state";
import { cleanValue } from "../../src/audit/inputs/values";

const FIXTURES = path.join(__dirname, "..", "fixtures");
const fixture = (name: string) => path.join(FIXTURES, name);
const load = (name: string): any => JSON.parse(fs.readFileSync(fixture(name), "utf8"));
const byName = <T extends { name: string }>(list: T[], name: string): T => {
  const found = list.filter((r) => r.name === name);
  if (found.length !== 1) throw new Error(`expected one ${name}, found ${found.length}`);
  return found[0];
};

/** The error a call throws, for assertions on its class and message. */
function thrown(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected an error");
}

describe("fromStateExport", () => {
  const input = fromStateExport(load("state-aws-prod.json"), "state-aws-prod.json");

  it("reads the stack, the source and every resource except the root stack and the provider", () => {
    expect(input.stack).toBe("aws-prod");
    expect(input.source).toBe("state");
    expect(input.origin).toBe("state-aws-prod.json");
    expect(input.resources).toHaveLength(36);
    expect(input.resources.some((r) => r.type === "pulumi:pulumi:Stack" || r.type.startsWith("pulumi:providers:"))).toBe(false);
    expect(input.resources.filter((r) => !r.custom).map((r) => r.name).sort()).toEqual(["cenm-db", "cenm-files", "cenm-keys", "cenm-snapshots"]);
  });

  it("takes the stack outputs from the root stack", () => {
    const o = input.stackOutputs as any;
    expect(o.environment).toBe("prod");
    expect(o.waivers).toEqual([]);
    expect(o.signing.crlValidityDays).toBe(10);
    expect(o.primaryRegion).toBe("eu-west-1");
    expect(o.drRegion).toBe("eu-central-1");
    expect(o.keys.offlineCopies.map((c: any) => c.id)).toEqual(["hsm-backup-token-lon-01", "hsm-backup-token-fra-01"]);
  });

  it("keeps inputs, outputs, options and property dependencies of a resource", () => {
    const cluster = byName(input.resources, "cenm-db-cluster");
    expect(cluster.type).toBe("aws:rds/cluster:Cluster");
    expect(cluster.urn).toBe("urn:pulumi:aws-prod::cenm-backup::cenm-backup:aws:ReplicatedDatabase$aws:rds/cluster:Cluster::cenm-db-cluster");
    expect(cluster.parentUrn).toBe("urn:pulumi:aws-prod::cenm-backup::cenm-backup:aws:ReplicatedDatabase::cenm-db");
    expect(cluster.inputs.availabilityZones).toEqual(["eu-west-1a", "eu-west-1b", "eu-west-1c"]);
    expect(cluster.inputs.dbClusterInstanceClass).toBe("db.r6gd.xlarge");
    expect(cluster.outputs.arn).toMatch(/^arn:aws:rds:eu-west-1:123456789012:cluster:cenm-db-cluster-[0-9a-f]{7}$/);
    expect(cluster.propertyDependencies.kmsKeyId).toEqual(["urn:pulumi:aws-prod::cenm-backup::cenm-backup:aws:ReplicatedDatabase$aws:kms/key:Key::cenm-db-key"]);
    expect(cluster.protect).toBe(true);
    expect(cluster.retainOnDelete).toBe(true);
    const lock = byName(input.resources, "cenm-keys-escrow-lock");
    expect(lock.protect).toBe(false);
    expect(lock.retainOnDelete).toBe(false);
    expect(lock.inputs.rule).toEqual({ defaultRetention: { days: 3650, mode: "COMPLIANCE" } });
    const top = byName(input.resources, "cenm-db");
    expect(top.parentUrn).toBe("urn:pulumi:aws-prod::cenm-backup::pulumi:pulumi:Stack::cenm-backup-aws-prod");
  });

  it("maps secrets, ciphertext or plaintext, to [secret] and never keeps their value", () => {
    const lock = byName(input.resources, "cenm-keys-escrow-lock");
    expect(lock.outputs.token).toBe("[secret]");
    const replication = byName(input.resources, "cenm-keys-replication");
    expect(replication.inputs.token).toBe("[secret]");
    expect(replication.outputs.token).toBe("[secret]");
    expect(JSON.stringify(input)).not.toMatch(/ciphertext|plaintext|1b47061264138c4ac30d75fd1eb44270/);
  });

  it("leaves out resources pending deletion and refuses duplicate URNs", () => {
    const doc = load("state-aws-prod.json");
    const cluster = doc.deployment.resources.find((r: any) => r.type === "aws:rds/cluster:Cluster");
    doc.deployment.resources.push({ ...cluster, delete: true });
    expect(fromStateExport(doc, "s.json").resources).toHaveLength(36);
    doc.deployment.resources.push({ ...cluster });
    const e = thrown(() => fromStateExport(doc, "s.json"));
    expect(e).toBeInstanceOf(AuditInputError);
    expect(e.message).toBe(`s.json: resource ${cluster.urn} appears twice`);
  });

  it("names the file and the missing field for a wrong shape", () => {
    const e = thrown(() => fromStateExport(load("state-wrong-shape.json"), "state.json"));
    expect(e).toBeInstanceOf(AuditInputError);
    expect(e.message).toBe("state.json: not a Pulumi stack export: deployment.manifest is missing");
    expect((e as AuditInputError).file).toBe("state.json");
  });

  it("names the field and the type for a malformed resource, and refuses other deployment versions", () => {
    const doc = load("state-aws-prod.json");
    doc.deployment.resources[3].type = 7;
    expect(thrown(() => fromStateExport(doc, "x.json")).message).toBe("x.json: not a Pulumi stack export: deployment.resources[3].type: expected string, received number");
    expect(thrown(() => fromStateExport({ ...load("state-aws-prod.json"), version: 2 }, "x.json")).message).toBe(
      "x.json: not a Pulumi stack export: version 2 is not supported (expected deployment version 3, or 4 with the features hooks, outputDependencies, refreshBeforeUpdate, taint, views)",
    );
    expect(thrown(() => fromStateExport([], "x.json")).message).toBe("x.json: not a Pulumi stack export: the document: expected object, received array");
  });
});

describe("fromPreviewJson", () => {
  const input = fromPreviewJson(load("preview-aws-prod.json"), "preview-aws-prod.json");

  it("takes the new state of creates, updates, replacements and unchanged resources, once each, and skips deletions", () => {
    expect(input.stack).toBe("aws-prod");
    expect(input.source).toBe("preview");
    expect(input.resources).toHaveLength(36);
    expect(new Set(input.resources.map((r) => r.urn)).size).toBe(36);
    expect(input.resources.find((r) => r.name === "cenm-files-backup-policy")).toBeUndefined();
    expect(byName(input.resources, "cenm-keys-escrow-policy").inputs.bucket).toMatch(/^cenm-keys-escrow-[0-9a-f]{7}$/);
    const plan = byName(input.resources, "cenm-snapshots-plan");
    expect((plan.inputs.rules as any[])[1].lifecycle.deleteAfter).toBe(3);
  });

  it("maps unknown values to [unknown] and secrets to [secret]", () => {
    const replication = byName(input.resources, "cenm-files-replication");
    expect(replication.inputs.destination).toEqual({ kmsKeyId: "[unknown]", region: "eu-central-1" });
    // A new state is taken before the step runs: a created resource has no outputs yet.
    expect(replication.outputs).toEqual({});
    expect(byName(input.resources, "cenm-files-dr-key").outputs).toEqual({});
    expect(byName(input.resources, "cenm-keys-replication").inputs.token).toBe("[secret]");
    expect(JSON.stringify(input)).not.toContain("04da6b54-80e4-46f7-96ec-b56ff0331ba9");
  });

  it("takes the stack outputs of a preview read alone from the root stack's old state (its new state has none)", () => {
    const o = input.stackOutputs as any;
    expect(o.environment).toBe("prod");
    expect(o.signing).toEqual({ crlValidityDays: 10 });
    expect(o.files.fileSystemId).toBe("fs-0652eb38bc04ca312");
    expect(o.files.replicaFileSystemId).toBeUndefined();
    expect(o.keys.offlineCopies).toHaveLength(2);
  });

  it("names the file and the field for a wrong shape", () => {
    const e = thrown(() => fromPreviewJson(load("preview-wrong-shape.json"), "preview.json"));
    expect(e).toBeInstanceOf(AuditInputError);
    expect(e.message).toBe("preview.json: not a Pulumi preview (pulumi preview --json): steps[0].newState.type: expected string, received number");
    expect(thrown(() => fromPreviewJson(load("state-aws-prod.json"), "p.json")).message).toBe("p.json: not a Pulumi preview (pulumi preview --json): steps is missing");
  });

  it("refuses an unknown operation, naming it and the resource", () => {
    expect(thrown(() => fromPreviewJson({ steps: [{ op: "teleport", urn: "urn:pulumi:s::p::aws:s3/bucket:Bucket::b" }] }, "p.json")).message).toBe(
      'p.json: not a Pulumi preview (pulumi preview --json): steps[0].op: unknown operation "teleport" on urn:pulumi:s::p::aws:s3/bucket:Bucket::b',
    );
  });
});

describe("readJsonFile", () => {
  it("names the file of a truncated document", () => {
    for (const name of ["state-truncated.json", "preview-truncated.json"]) {
      const e = thrown(() => readJsonFile(fixture(name)));
      expect(e).toBeInstanceOf(AuditInputError);
      expect(e.message.startsWith(`${fixture(name)}: not valid JSON (truncated or corrupted?): `)).toBe(true);
      expect(e.message).not.toMatch(/\n\s+at /);
    }
  });

  it("names a missing or empty file", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cenm-audit-in-"));
    const missing = path.join(dir, "nope.json");
    expect(thrown(() => readJsonFile(missing)).message).toBe(`${missing}: cannot be read: no such file`);
    const empty = path.join(dir, "empty.json");
    fs.writeFileSync(empty, "  \n");
    expect(thrown(() => readJsonFile(empty)).message).toBe(`${empty}: the file is empty`);
    expect(thrown(() => readJsonFile(dir)).message).toBe(`${dir}: cannot be read: is a directory, not a file`);
  });
});

describe("cleanValue", () => {
  it("keeps plain values, replaces markers deep inside, and keeps only the identity of references and assets", () => {
    const sig = "4dabf18193072939515e22adb298388d";
    expect(
      cleanValue({
        a: [1, "x", null, "04da6b54-80e4-46f7-96ec-b56ff0331ba9"],
        b: { c: { [sig]: "1b47061264138c4ac30d75fd1eb44270", ciphertext: "v1:abc" } },
        r: { [sig]: "5cf8f73096256a8f31e491e813e4eb8e", urn: "urn:pulumi:s::p::t::n", id: "i" },
        f: { [sig]: "c44067f5952c0a294b673a41bacd8c17", text: "payload" },
      }),
    ).toEqual({
      a: [1, "x", null, "[unknown]"],
      b: { c: "[secret]" },
      r: { ref: "urn:pulumi:s::p::t::n" },
      f: { [sig]: "c44067f5952c0a294b673a41bacd8c17" },
    });
  });
});
