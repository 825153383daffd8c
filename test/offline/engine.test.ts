import * as pulumi from "@pulumi/pulumi";
import * as kms from "@pulumi/aws/kms";
import * as rds from "@pulumi/aws/rds";
import { jsonOnly, runOffline, setAsideVersionAliases } from "../../src/offline/engine";
import { settle } from "../../src/topology/settle";
import { declare, one } from "../helpers/offline";

class Holder extends pulumi.ComponentResource {
  constructor(name: string) {
    super("cenm-backup:test:Holder", name, {}, {});
    new kms.Key(`${name}-key`, { description: "k", region: "eu-west-2", tags: { secret: pulumi.secret("s3cr3t") } }, { parent: this, protect: true, retainOnDelete: true, ignoreChanges: ["description"] });
    this.registerOutputs({});
  }
}

describe("offline engine", () => {
  it("captures type, parent, inputs, secrets and resource options", async () => {
    const run = await declare(() => {
      const h = new Holder("h");
      return { urn: h.urn, hidden: pulumi.secret("topsecret") };
    });
    const key = one(run, "aws:kms/key:Key");
    expect(key.name).toBe("h-key");
    expect(key.parent).toBe("h");
    expect(key.parentType).toBe("cenm-backup:test:Holder");
    expect(key.inputs.region).toBe("eu-west-2");
    // A secret inside an input object makes the whole input secret on the wire.
    expect(key.inputs.tags).toBe("[secret]");
    expect(key.options).toMatchObject({ protect: true, retainOnDelete: true, ignoreChanges: ["description"] });
    expect(key.urn).toBe("urn:pulumi:test::cenm-backup::cenm-backup:test:Holder$aws:kms/key:Key::h-key");
    expect(run.outputs.hidden).toBe("[secret]");
    expect(JSON.stringify(run)).not.toContain("topsecret");
    expect(JSON.stringify(run)).not.toContain("s3cr3t");
  });

  it("leaves computed outputs unknown in preview", async () => {
    const run = await declare(
      () => {
        const k = new kms.Key("k", { description: "x", region: "eu-west-1" });
        new kms.Alias("a", { targetKeyId: k.keyId, region: "eu-west-1" });
        return {};
      },
      { preview: true },
    );
    expect(one(run, "aws:kms/alias:Alias").inputs.targetKeyId).toBe("[unknown]");
  });
});

describe("offline engine failures", () => {
  it("rethrows the program's error after the runtime settles, with nothing declared", async () => {
    const failing = declare(() => {
      throw new Error("config refused");
    });
    await expect(failing).rejects.toThrow("config refused");
    // The runtime is usable again afterwards.
    const run = await declare(() => new kms.Key("after", { description: "x", region: "eu-west-1" }));
    expect(run.resources.map((r) => r.name)).toEqual(["after"]);
  });
});

describe("provider version aliases", () => {
  it("are set aside offline but still counted, while a program's own aliases are kept", async () => {
    const run = await declare(() => {
      new kms.Key("aliased", { description: "x", region: "eu-west-1" }, { aliases: [{ type: "aws:kms/oldKey:Key" }, { name: "before-rename" }] });
      return {};
    });
    expect(one(run, "aws:kms/key:Key").options.aliases).toBe(2);
  });

  it("keeps aliases of another package, with a name, or with a parent", () => {
    const opts = { aliases: [{ type: "aws:kms/old:Key" }, { type: "azure-native:x:Y" }, { name: "n" }, "urn:pulumi:s::p::t::n"] };
    const result = setAsideVersionAliases({ type: "aws:kms/key:Key", name: "k", props: {}, opts, resource: undefined as never });
    expect(result?.opts.aliases).toEqual([{ type: "azure-native:x:Y" }, { name: "n" }, "urn:pulumi:s::p::t::n"]);
    expect(setAsideVersionAliases({ type: "aws:kms/key:Key", name: "k", props: {}, opts: { aliases: [{ name: "n" }] }, resource: undefined as never })).toBeUndefined();
  });
});

describe("settle (between a topology's components)", () => {
  it("lets every registration declared before it complete, and changes nothing that is declared", async () => {
    const program = (withSettle: boolean) => async () => {
      const first = new kms.Key("first", { description: "x", region: "eu-west-1" });
      let registered = false;
      first.urn.apply(() => {
        registered = true;
      });
      if (withSettle) await settle();
      const registeredBeforeSecond = registered;
      new kms.Key("second", { description: first.arn, region: "eu-west-1" });
      return { registeredBeforeSecond };
    };
    const options = { project: "cenm-backup", stack: "test", config: { "aws:region": "eu-west-1" } };
    const settled = await runOffline(program(true), options);
    const straight = await runOffline(program(false), options);
    expect(settled.outputs.registeredBeforeSecond).toBe(true);
    expect(straight.outputs.registeredBeforeSecond).toBe(false);
    expect(settled.resources).toEqual(straight.resources);
  });
});

describe("computed outputs of the offline mocks", () => {
  it("plan an RDS instance whose managed password secret uses the AWS-managed key (no key output invented)", async () => {
    const run = await declare(() => {
      const db = new rds.Instance("db", { engine: "postgres", instanceClass: "db.m6g.large", manageMasterUserPassword: true, region: "eu-west-1" });
      return { secrets: db.masterUserSecrets };
    });
    expect(one(run, "aws:rds/instance:Instance").inputs.manageMasterUserPassword).toBe(true);
    expect(run.outputs.secrets).toEqual([{ secretArn: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-db", secretStatus: "active" }]);
  });

  it("are refused, naming the resource type and the path, when not plain JSON", () => {
    expect(jsonOnly({ a: [1, { b: "x" }], c: null }, "aws:x/y:Z")).toEqual({ a: [1, { b: "x" }], c: null });
    expect(() => jsonOnly({ list: [{ kmsKeyId: undefined }] }, "aws:rds/instance:Instance")).toThrow(
      "offline mock of aws:rds/instance:Instance: outputs.list[0].kmsKeyId is undefined, not a plain JSON value",
    );
    expect(() => jsonOnly({ f: () => 1 }, "t")).toThrow("outputs.f is function");
    expect(() => jsonOnly({ n: Number.NaN }, "t")).toThrow("outputs.n is number");
  });
});
