/** RULES.md is generated from the controls; these tests keep the committed file in step with them. */
import * as fs from "fs";
import * as path from "path";
import { CONTROLS } from "../../src/audit/controls";
import { renderRulesCatalogue, RULES_COMMAND } from "../../src/audit/rules";
import type { Control } from "../../src/audit/types";

const RULES_MD = path.join(__dirname, "../../RULES.md");

describe("RULES.md", () => {
  it("is up to date with the controls", () => {
    const expected = renderRulesCatalogue(CONTROLS);
    const actual = fs.existsSync(RULES_MD) ? fs.readFileSync(RULES_MD, "utf8") : "";
    if (actual !== expected) {
      throw new Error(`RULES.md is stale (or missing): regenerate it with \`${RULES_COMMAND}\` (tsc -p . && node dist/scripts/rules.js) and commit the result.`);
    }
    expect(actual).toBe(expected);
  });

  it("has a table row and a section for every control", () => {
    const text = renderRulesCatalogue(CONTROLS);
    for (const c of CONTROLS) {
      expect(text).toContain(`| [${c.id}](#${c.id.toLowerCase()}) | ${c.title} |`);
      expect(text).toContain(`## ${c.id}\n`);
      expect(text).toContain(c.rationale);
    }
    expect(text.startsWith("# Audit rules\n\nThis file is generated")).toBe(true);
    expect(text).toContain("`npm run rules`");
  });

  it("renders waivers, severity and recommendation, escaping table pipes", () => {
    const c: Control = {
      id: "CENM-ZZ-01",
      title: "A | B",
      recommendation: "key-storage",
      severity: "warning",
      rationale: "Why it matters.",
      waivedBy: ["keys-dr-copy", "keys-two-copies"],
      evaluate: () => ({ outcome: "pass", message: "ok", evidence: [] }),
    };
    const text = renderRulesCatalogue([c]);
    expect(text).toContain("| [CENM-ZZ-01](#cenm-zz-01) | A \\| B | Key storage | warning | `keys-dr-copy`, `keys-two-copies` |");
    expect(text).toContain("- Waived by: `CENM-ZZ-01`, `keys-dr-copy`, `keys-two-copies`");
    expect(renderRulesCatalogue([{ ...c, waivedBy: undefined }])).toContain("| warning | - |");
    expect(text).toContain("\n1 control.\n");
  });
});
