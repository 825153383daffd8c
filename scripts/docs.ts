/**
 * npm run docs: writes the generated documentation: from the zod schema in src/config/schema.ts,
 * docs/config-reference.md (the configuration reference) and schemas/stack-config.schema.json (the JSON Schema
 * editors use to check stack files); from src/domain, docs/platform-limits.md (the platform limits and the
 * recovery figures, each with its source) and docs/resource-dossier.md (every property the package sets, with its
 * source).
 */
import * as fs from "fs";
import * as path from "path";
import { renderStackFileJsonSchema, SCHEMA_PATH } from "../src/config/jsonSchema";
import { renderConfigReference } from "../src/config/reference";
import { LIMITS_DOC_PATH, renderBeliefTables } from "../src/domain/render";
import { DOSSIER_DOC_PATH, renderDossier } from "../src/domain/dossier";

export const REFERENCE_PATH = "docs/config-reference.md";

/** The package root: the nearest folder above this script holding package.json (works from scripts/ and dist/scripts/). */
function packageRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${start}`);
  }
}

const root = packageRoot(__dirname);
for (const [file, text] of [
  [REFERENCE_PATH, renderConfigReference()],
  [SCHEMA_PATH, renderStackFileJsonSchema()],
  [LIMITS_DOC_PATH, renderBeliefTables()],
  [DOSSIER_DOC_PATH, renderDossier()],
] as const) {
  const target = path.join(root, file);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, text);
  console.log(`wrote ${target}`);
}
