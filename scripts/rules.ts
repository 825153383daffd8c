/**
 * npm run rules: writes RULES.md, the catalogue of audit controls, at the package root.
 */
import * as fs from "fs";
import * as path from "path";
import { CONTROLS } from "../src/audit/controls";
import { renderRulesCatalogue } from "../src/audit/rules";

/** The package root: the nearest folder above this script holding package.json (works from scripts/ and dist/scripts/). */
function packageRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${start}`);
  }
}

const target = path.join(packageRoot(__dirname), "RULES.md");
fs.writeFileSync(target, renderRulesCatalogue(CONTROLS));
console.log(`wrote ${target} (${CONTROLS.length} controls)`);
