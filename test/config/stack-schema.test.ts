/** Every stack file validates against schemas/stack-config.schema.json, which editors use; broken ones do not. */
import Ajv from "ajv";
import * as fs from "fs";
import { CORE_SCHEMA, load } from "js-yaml";
import * as path from "path";
import { stackFileJsonSchema } from "../../src/config/jsonSchema";

const ROOT = path.join(__dirname, "../..");
const STACKS = path.join(ROOT, "stacks");
const SCHEMA_FILE = path.join(ROOT, "schemas/stack-config.schema.json");
const HEADER = "# yaml-language-server: $schema=../schemas/stack-config.schema.json";

// Formats (e-mail) are left to the zod loader; the schema's job here is keys, types, enums and patterns.
const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
const validate = ajv.compile(JSON.parse(fs.readFileSync(SCHEMA_FILE, "utf8")));

const stackFiles = fs.readdirSync(STACKS).filter((f) => /^Pulumi\..+\.ya?ml$/.test(f)).sort();
const parse = (text: string): unknown => load(text, { schema: CORE_SCHEMA });
const prodText = fs.readFileSync(path.join(STACKS, "Pulumi.aws-prod.yaml"), "utf8");

function errorsOf(doc: unknown): string[] {
  return validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
}

describe("stack files against the JSON Schema", () => {
  it("finds the stack files", () => {
    expect(stackFiles).toEqual(expect.arrayContaining(["Pulumi.aws-dev.yaml", "Pulumi.aws-staging.yaml", "Pulumi.aws-prod.yaml"]));
  });

  it.each(stackFiles)("%s is valid and points editors at the schema", (file) => {
    const text = fs.readFileSync(path.join(STACKS, file), "utf8");
    expect(text.split("\n")[0]).toBe(HEADER);
    expect(errorsOf(parse(text))).toEqual([]);
  });

  it("the committed schema is the generated one (compiles the same)", () => {
    expect(JSON.parse(fs.readFileSync(SCHEMA_FILE, "utf8"))).toEqual(stackFileJsonSchema());
  });

  it("rejects a misspelt cenm-backup key and names it", () => {
    const broken = prodText.replace("cenm-backup:alerts:", "cenm-backup:alert:");
    const errors = errorsOf(parse(broken));
    expect(errors.join("\n")).toContain("cenm-backup:alert");
  });

  it("rejects a wrong type, an unknown nested key and a value outside its enum", () => {
    const doc = parse(prodText) as { config: Record<string, unknown> };
    const typeError = { config: { ...doc.config, "cenm-backup:snapshots": { pointInTimeDays: "thirty-five" } } };
    expect(errorsOf(typeError).join("\n")).toContain("/config/cenm-backup:snapshots/pointInTimeDays");
    const nested = { config: { ...doc.config, "cenm-backup:database": { instanceClas: "db.r6gd.large" } } };
    expect(errorsOf(nested).join("\n")).toContain("instanceClas");
    const badEnum = { config: { ...doc.config, "cenm-backup:environment": "production" } };
    expect(errorsOf(badEnum).join("\n")).toContain("/config/cenm-backup:environment");
  });

  it("rejects a stack file without the keys no preset supplies", () => {
    const doc = parse(prodText) as { config: Record<string, unknown> };
    const { ["cenm-backup:primary"]: _dropped, ...rest } = doc.config;
    expect(_dropped).toBeDefined();
    expect(errorsOf({ config: rest }).join("\n")).toContain("cenm-backup:primary");
  });

  it("accepts partial objects merged with the preset, null for an optional preset value, and other providers' keys", () => {
    const doc = parse(prodText) as { config: Record<string, unknown> };
    const partial = {
      config: {
        ...doc.config,
        "cenm-backup:database": { instanceClass: "db.r6gd.2xlarge" },
        "cenm-backup:snapshots": { lock: { mode: "governance", changeableForDays: null } },
        "azure-native:location": "westeurope",
      },
    };
    expect(errorsOf(partial)).toEqual([]);
  });
});
