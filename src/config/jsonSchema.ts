/**
 * A JSON Schema for whole stack files (`stacks/Pulumi.<stack>.yaml`), generated from the zod schema so that
 * editors (yaml-language-server and the like) check and complete the `cenm-backup:` keys. `npm run docs` writes
 * it to schemas/stack-config.schema.json; a test fails while that file is stale.
 *
 * It describes what a stack file may hold, which is looser than the merged configuration: keys a preset supplies
 * may be left out, objects under them may set only the fields they change (they merge with the preset), and an
 * optional field may be `null` to remove the preset's value. Lists replace the preset's whole, so their elements
 * keep every required field. Cross-field rules (zones in the region, waivers, prod rules) stay with the loader.
 */
import { z } from "zod";
import { zodToJsonSchema } from "zod-to-json-schema";
import * as presetModule from "./presets";
import { PROJECT, stackConfigSchema } from "./schema";
import { unwrap } from "./reference";

export const SCHEMA_PATH = "schemas/stack-config.schema.json";

type Json = Record<string, unknown>;

function toJson(schema: z.ZodTypeAny): Json {
  // Called through a plain signature: the library's generic options type is too deep for tsc on the whole schema.
  const convert = zodToJsonSchema as unknown as (s: z.ZodTypeAny, o: { $refStrategy: "none"; target: "jsonSchema7" }) => Json;
  const out = convert(schema, { $refStrategy: "none", target: "jsonSchema7" });
  delete out.$schema;
  return out;
}

/** Makes an object schema mergeable: nothing required, optional fields nullable, nested objects likewise. */
function mergeable(json: Json, schema: z.ZodTypeAny): Json {
  const { inner } = unwrap(schema);
  if (!(inner instanceof z.ZodObject) || json.type !== "object" || typeof json.properties !== "object") return json;
  const props = json.properties as Record<string, Json>;
  const out: Json = { ...json, properties: {} };
  delete out.required;
  for (const [k, child] of Object.entries(inner.shape as Record<string, z.ZodTypeAny>)) {
    const p = props[k];
    if (!p) continue;
    let relaxed = mergeable(p, child);
    if (unwrap(child).optional) relaxed = nullable(relaxed);
    (out.properties as Record<string, Json>)[k] = relaxed;
  }
  return out;
}

function nullable(json: Json): Json {
  const { description, ...rest } = json;
  return { ...(description !== undefined ? { description } : {}), anyOf: [rest, { type: "null" }] };
}

/** Top-level keys some preset supplies, so a stack file may leave them out. */
function presetKeys(): Set<string> {
  const keys = new Set<string>();
  for (const preset of Object.values(presetModule.PRESETS as unknown as Record<string, Record<string, unknown>>)) {
    for (const [k, v] of Object.entries(preset)) if (v !== undefined) keys.add(k);
  }
  return keys;
}

/** The JSON Schema of a stack file. */
export function stackFileJsonSchema(): Json {
  const fromPreset = presetKeys();
  const properties: Record<string, Json> = {};
  const required: string[] = [];
  for (const [k, child] of Object.entries(stackConfigSchema.shape as Record<string, z.ZodTypeAny>)) {
    const key = `${PROJECT}:${k}`;
    let json = toJson(child);
    if (fromPreset.has(k)) json = mergeable(json, child);
    else if (!unwrap(child).optional) required.push(key);
    properties[key] = json;
  }
  const known = Object.keys(properties);
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    title: "cenm-backup stack file",
    description:
      `A Pulumi stack file of ${PROJECT} (stacks/Pulumi.<stack>.yaml). Generated from src/config/schema.ts by \`npm run docs\`; ` +
      "do not edit. Presets fill the keys a stack leaves out; the loader adds the cross-field rules.",
    type: "object",
    required: ["config"],
    properties: {
      config: {
        type: "object",
        description: `Stack configuration. Keys of this package are \`${PROJECT}:<key>\`; other namespaces (aws:, azure-native:) pass through.`,
        required,
        properties: {
          "aws:region": { type: "string", description: `AWS provider region; must equal ${PROJECT}:primary.region on an AWS stack.` },
          "aws:allowedAccountIds": {
            type: "array",
            items: { type: "string", pattern: "^[0-9]{12}$" },
            description: `The AWS accounts the provider may act in. An AWS stack naming ${PROJECT}:protection.breakGlassPrincipalArn must list exactly that principal's account: KMS lets no other account manage the keys.`,
          },
          ...properties,
        },
        // Another provider's keys are allowed; a misspelt key of this package is not.
        propertyNames: { anyOf: [{ enum: ["aws:region", "aws:allowedAccountIds", ...known] }, { not: { pattern: `^${PROJECT}:` } }] },
        additionalProperties: true,
      },
    },
    additionalProperties: true,
  };
}

export function renderStackFileJsonSchema(): string {
  return `${JSON.stringify(stackFileJsonSchema(), null, 2)}\n`;
}
