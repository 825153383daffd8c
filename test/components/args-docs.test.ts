/**
 * The components are a library: every field of every public args interface carries a doc comment, and every
 * optional field says its default with `@default`.
 */
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

const FILES = [
  "src/components/aws/contracts.ts",
  "src/components/aws/EscrowAccessLog.ts",
  "src/components/azure/contracts.ts",
  "src/components/azure/AzureNetwork.ts",
  "src/components/types.ts",
];

interface Field {
  name: string;
  documented: boolean;
  optional: boolean;
  hasDefault: boolean;
}

function exportedFields(file: string): Field[] {
  const text = fs.readFileSync(path.join(__dirname, "../..", file), "utf8");
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const out: Field[] = [];
  sf.forEachChild((n) => {
    if (!ts.isInterfaceDeclaration(n) || !n.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) return;
    for (const m of n.members) {
      if (!ts.isPropertySignature(m)) continue;
      const docs = ts.getJSDocCommentsAndTags(m).filter(ts.isJSDoc);
      out.push({
        name: `${file}: ${n.name.text}.${m.name.getText()}`,
        documented: docs.length > 0,
        optional: m.questionToken !== undefined,
        hasDefault: docs.some((d) => (d.tags ?? []).some((t) => t.tagName.text === "default")),
      });
    }
  });
  return out;
}

describe("component args documentation", () => {
  const fields = FILES.flatMap(exportedFields);

  it("reads the args interfaces (the check cannot pass on nothing)", () => {
    expect(fields.length).toBeGreaterThan(150);
  });

  it("documents every field", () => {
    expect(fields.filter((f) => !f.documented).map((f) => f.name)).toEqual([]);
  });

  it("gives every optional field its @default", () => {
    expect(fields.filter((f) => f.optional && !f.hasDefault).map((f) => f.name)).toEqual([]);
  });
});
