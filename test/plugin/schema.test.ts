/**
 * The component package as `pulumi package add` sees it. Pulumi's plugin runner loads the package directory
 * (package.json's `main`, the build of index.ts), collects the ComponentResource classes it exports and hands them
 * to `componentProviderHost` under the name it reads from package.json; the host answers GetSchema from
 * ComponentProvider.getSchema, which runs the SDK's schema analysis over the TypeScript sources. This test does
 * the same steps with the same SDK functions, offline, once (the analysis builds a TypeScript program of the whole
 * package: several seconds), and checks the schema against what the sources say, read independently of the SDK:
 * every component, every input and output with its description, type and whether it is required, every type.
 *
 * Needs the build (`npm test` builds first).
 */
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import * as yaml from "js-yaml";
import { ComponentProvider, getPulumiComponents } from "@pulumi/pulumi/provider/experimental";

const ROOT = path.resolve(__dirname, "../..");
const SRC = path.join(ROOT, "src");

/** The package's components: their tokens are what programs in other languages name, so they are fixed here. */
const COMPONENTS = [
  "AwsAlertTopic",
  "AwsDataNetwork",
  "AwsEscrowAccessLog",
  "AwsOfflineKeyVault",
  "AwsReplicatedDatabase",
  "AwsReplicatedFileStore",
  "AwsSnapshotSchedule",
  "AzureNetwork",
  "AzureOfflineKeyVault",
  "AzureReplicatedDatabase",
  "AzureReplicatedFileStore",
  "AzureSnapshotSchedule",
];

// ---- The schema, as the host serves it -------------------------------------------------------------------------

interface Property {
  type?: string;
  $ref?: string;
  items?: Property;
  additionalProperties?: Property;
  plain?: boolean;
  optional?: boolean;
  description?: string;
}
interface Resource {
  isComponent: boolean;
  description?: string;
  inputProperties: Record<string, Property>;
  requiredInputs: string[];
  properties: Record<string, Property>;
  required: string[];
}
interface TypeSpec {
  type: string;
  properties?: Record<string, Property>;
  required?: string[];
  enum?: { name: string; value: string; description?: string }[];
}
interface Schema {
  name: string;
  version: string;
  resources: Record<string, Resource>;
  types: Record<string, TypeSpec>;
}

/** package.json's name as Pulumi's plugin runner turns it into the provider name (cmd/run-plugin). */
function providerName(packageName: string): string {
  const [, , bare] = /^(@.*?\/)?(.+)$/.exec(packageName)!;
  return bare.replace(/[^-a-zA-Z0-9_]/g, "-");
}

const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
const NAME = providerName(manifest.name);
const token = (name: string) => `${NAME}:index:${name}`;
const refTo = (name: string) => `#/types/${token(name)}`;

// ---- The sources, read syntactically ---------------------------------------------------------------------------

interface SourceEnum {
  file: string;
  members: { name: string; value: string; description?: string }[];
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(full) : e.name.endsWith(".ts") ? [full] : [];
  });
}

/** A doc comment's text as the schema analysis takes it: the comment bodies, tags left out, joined by newlines. */
function docOf(node: ts.Node): string | undefined {
  const docs = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc);
  const text = docs.map((d) => ts.getTextOfJSDocComment(d.comment) ?? "").join("\n");
  return text === "" ? undefined : text;
}

const interfaces = new Map<string, { file: string; node: ts.InterfaceDeclaration }[]>();
const enums = new Map<string, SourceEnum[]>();
const classes = new Map<string, { file: string; node: ts.ClassDeclaration }[]>();

for (const file of [...sourceFiles(SRC), path.join(ROOT, "index.ts")]) {
  const sf = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
  const aliases = new Set(sf.statements.filter(ts.isTypeAliasDeclaration).map((a) => a.name.text));
  const rel = path.relative(ROOT, file);
  for (const st of sf.statements) {
    if (ts.isInterfaceDeclaration(st)) interfaces.set(st.name.text, [...(interfaces.get(st.name.text) ?? []), { file: rel, node: st }]);
    if (ts.isClassDeclaration(st) && st.name) classes.set(st.name.text, [...(classes.get(st.name.text) ?? []), { file: rel, node: st }]);
    if (!ts.isVariableStatement(st)) continue;
    for (const d of st.declarationList.declarations) {
      // `const X = { Member: "value", ... } as const` beside `type X = ...`: an enum of the schema.
      if (!ts.isIdentifier(d.name) || !aliases.has(d.name.text) || !d.initializer || !ts.isAsExpression(d.initializer)) continue;
      const object = d.initializer.expression;
      if (!ts.isObjectLiteralExpression(object)) continue;
      const members = object.properties.filter(ts.isPropertyAssignment).map((p) => ({
        name: p.name.getText(sf),
        value: (p.initializer as ts.StringLiteral).text,
        description: docOf(p),
      }));
      enums.set(d.name.text, [...(enums.get(d.name.text) ?? []), { file: rel, members }]);
    }
  }
}

/** A type the schema names: exactly one declaration in the sources, or the schema would merge two types in one. */
function declarationOf(name: string): { kind: "interface"; node: ts.InterfaceDeclaration } | { kind: "enum"; members: SourceEnum["members"] } {
  const found = [...(interfaces.get(name) ?? []).map((d) => d.file), ...(enums.get(name) ?? []).map((d) => d.file)];
  if (found.length !== 1) throw new Error(`the schema type ${name} needs one declaration in src/, found ${found.length}: ${found.join(", ")}`);
  const iface = interfaces.get(name)?.[0];
  return iface ? { kind: "interface", node: iface.node } : { kind: "enum", members: enums.get(name)![0].members };
}

interface Member {
  name: string;
  optional: boolean;
  description?: string;
  type: ts.TypeNode;
}

/** The properties of an interface, with those of the interfaces it extends (by name, as the sources write them). */
function interfaceMembers(name: string): Member[] {
  const decl = declarationOf(name);
  if (decl.kind !== "interface") throw new Error(`${name} is not an interface`);
  const inherited = (decl.node.heritageClauses ?? []).flatMap((h) => h.types.flatMap((t) => interfaceMembers(t.expression.getText())));
  const own = decl.node.members.filter(ts.isPropertySignature).map((m) => ({
    name: m.name.getText(),
    optional: m.questionToken !== undefined,
    description: docOf(m),
    type: m.type!,
  }));
  return [...inherited.filter((i) => !own.some((o) => o.name === i.name)), ...own];
}

/** The Output fields a component class declares (its outputs). */
function classOutputs(cls: ts.ClassDeclaration): Member[] {
  return cls.members.filter(ts.isPropertyDeclaration).map((m) => ({
    name: m.name.getText(),
    optional: false,
    description: docOf(m),
    type: m.type!,
  }));
}

type Context = "plain" | "input" | "output";

/**
 * The schema property a TypeScript type should become, as the SDK documents its inference: `pulumi.Input<T>` an
 * input (not plain), a bare type in args a plain value, `pulumi.Output<T>` an output; arrays, string-keyed
 * records, named interfaces and enums by reference. `optional` is set for `T | undefined`.
 */
function expected(node: ts.TypeNode, context: Context): Property {
  const at = (p: Property): Property => (context === "plain" ? { ...p, plain: true } : p);
  if (ts.isTypeReferenceNode(node)) {
    const name = node.typeName.getText();
    const args = node.typeArguments ?? [];
    if (name === "pulumi.Input") return expected(args[0], "input");
    if (name === "pulumi.Output") return expected(args[0], "output");
    if (name === "Record" && args[0].kind === ts.SyntaxKind.StringKeyword) {
      return at({ type: "object", additionalProperties: expected(args[1], context === "output" ? "output" : context === "input" ? "input" : "plain") });
    }
    declarationOf(name);
    return at({ $ref: refTo(name) });
  }
  if (ts.isArrayTypeNode(node)) return at({ type: "array", items: expected(node.elementType, context === "output" ? "output" : "plain") });
  if (ts.isUnionTypeNode(node)) {
    const defined = node.types.filter((t) => t.kind !== ts.SyntaxKind.UndefinedKeyword);
    if (defined.length === 1 && node.types.length === 2) return { ...expected(defined[0], context), optional: true };
  }
  const keyword = { [ts.SyntaxKind.StringKeyword]: "string", [ts.SyntaxKind.NumberKeyword]: "number", [ts.SyntaxKind.BooleanKeyword]: "boolean" }[node.kind as number];
  if (keyword) return at({ type: keyword });
  throw new Error(`no schema type for ${node.getText()}`);
}

/** A schema property's type, for comparison: what it is, without its description and optional flag. */
function shape(p: Property, withPlain: boolean): Property {
  const out: Property = {};
  if (p.type) out.type = p.type;
  if (p.$ref) out.$ref = p.$ref;
  if (p.items) out.items = shape(p.items, withPlain);
  if (p.additionalProperties) out.additionalProperties = shape(p.additionalProperties, withPlain);
  if (withPlain && p.plain) out.plain = true;
  return out;
}

/** Every type a property refers to, through arrays and maps. */
function refsOf(p: Property): string[] {
  return [p.$ref, ...(p.items ? refsOf(p.items) : []), ...(p.additionalProperties ? refsOf(p.additionalProperties) : [])].filter(
    (r): r is string => r !== undefined,
  );
}

/** The class a component is, found as the analysis finds it: exported by the package entry, under src/plugin. */
function componentClass(name: string): ts.ClassDeclaration {
  const found = (classes.get(name) ?? []).filter((c) => c.file.startsWith(path.join("src", "plugin")));
  if (found.length !== 1) throw new Error(`expected one class ${name} in src/plugin, found ${found.length}`);
  return found[0].node;
}

/** The args interface of a component: its constructor's `args` parameter. */
function argsInterface(cls: ts.ClassDeclaration): string {
  const ctor = cls.members.find(ts.isConstructorDeclaration)!;
  const args = ctor.parameters.find((p) => p.name.getText() === "args")!;
  return args.type!.getText();
}

// ---- The checks ------------------------------------------------------------------------------------------------

let schema: Schema;
let exported: string[];
let entryExports: string[];

beforeAll(async () => {
  // As cmd/run-plugin does: require the package directory, collect its components, host them under the name.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const entry = require(ROOT);
  entryExports = Object.keys(entry).sort();
  const components = getPulumiComponents(entry);
  exported = components.map((c) => c.name).sort();
  const provider = new ComponentProvider({ name: NAME, dirname: ROOT, components });
  schema = JSON.parse(await provider.getSchema());
}, 300_000);

describe("the component package's schema, as the SDK infers it offline", () => {
  it("is the package cenm-backup at package.json's version, a name Pulumi's package schema accepts", () => {
    expect(NAME).toBe("cenm-backup");
    expect(NAME).toMatch(/^[a-zA-Z][-a-zA-Z0-9_]*$/);
    expect(schema.name).toBe("cenm-backup");
    expect(schema.version).toBe(manifest.version);
  });

  it("serves exactly the package's components, each under its fixed token, and the entry exports nothing else", () => {
    expect(exported).toEqual(COMPONENTS);
    expect(entryExports).toEqual(COMPONENTS);
    expect(Object.keys(schema.resources).sort()).toEqual(COMPONENTS.map(token));
    for (const r of Object.values(schema.resources)) expect(r.isComponent).toBe(true);
  });

  it("passes each component's token to its constructor, so a consumer's URN carries the type it asked for", () => {
    for (const name of COMPONENTS) {
      const ctor = componentClass(name).members.find(ts.isConstructorDeclaration)!;
      expect(ctor.body!.getText()).toContain(`super(componentToken("${name}"),`);
    }
  });

  it("describes every component with its class's doc comment", () => {
    for (const name of COMPONENTS) {
      const doc = docOf(componentClass(name));
      expect(doc).toBeDefined();
      expect(schema.resources[token(name)].description).toBe(doc);
    }
  });

  it.each(COMPONENTS)("%s: every arg of its args interface is an input, with its doc comment, type and optionality", (name) => {
    const resource = schema.resources[token(name)];
    const members = interfaceMembers(argsInterface(componentClass(name)));
    expect(Object.keys(resource.inputProperties).sort()).toEqual(members.map((m) => m.name).sort());
    const undocumented = members.filter((m) => !m.description).map((m) => m.name);
    expect(undocumented).toEqual([]);
    for (const m of members) {
      const got = resource.inputProperties[m.name];
      expect({ name: m.name, description: got.description }).toEqual({ name: m.name, description: m.description });
      expect({ name: m.name, type: shape(got, true) }).toEqual({ name: m.name, type: shape(expected(m.type, "plain"), true) });
    }
    expect(resource.requiredInputs).toEqual(members.filter((m) => !m.optional).map((m) => m.name).sort());
  });

  it.each(COMPONENTS)("%s: every output field of its class is an output, documented, required unless it may be absent", (name) => {
    const resource = schema.resources[token(name)];
    const members = classOutputs(componentClass(name));
    expect(Object.keys(resource.properties).sort()).toEqual(members.map((m) => m.name).sort());
    expect(members.filter((m) => !m.description).map((m) => m.name)).toEqual([]);
    const required: string[] = [];
    for (const m of members) {
      const want = expected(m.type, "plain");
      const got = resource.properties[m.name];
      expect({ name: m.name, description: got.description }).toEqual({ name: m.name, description: m.description });
      expect({ name: m.name, type: shape(got, false) }).toEqual({ name: m.name, type: shape(want, false) });
      if (!want.optional) required.push(m.name);
    }
    expect(resource.required).toEqual(required.sort());
  });

  it("defines every type a component refers to, each from the one interface or enum of that name in src/", () => {
    const referred = new Set<string>();
    const visit = (p: Property) => refsOf(p).forEach((r) => referred.add(r));
    for (const r of Object.values(schema.resources)) [...Object.values(r.inputProperties), ...Object.values(r.properties)].forEach(visit);
    for (const t of Object.values(schema.types)) Object.values(t.properties ?? {}).forEach(visit);
    expect([...referred].sort()).toEqual(Object.keys(schema.types).map((t) => `#/types/${t}`).sort());
    for (const t of Object.keys(schema.types)) declarationOf(t.split(":")[2]);
  });

  it("gives every object type its interface's fields, documented, typed and required as the sources say", () => {
    // Types reached from an input are plain where the interface says so; for output-only types plain says nothing.
    const fromInputs = new Set<string>();
    const walk = (p: Property) =>
      refsOf(p).forEach((r) => {
        if (fromInputs.has(r)) return;
        fromInputs.add(r);
        Object.values(schema.types[r.replace("#/types/", "")].properties ?? {}).forEach(walk);
      });
    for (const r of Object.values(schema.resources)) Object.values(r.inputProperties).forEach(walk);
    for (const [tok, type] of Object.entries(schema.types)) {
      if (type.enum) continue;
      const name = tok.split(":")[2];
      const members = interfaceMembers(name);
      const withPlain = fromInputs.has(`#/types/${tok}`);
      expect({ name, fields: Object.keys(type.properties ?? {}).sort() }).toEqual({ name, fields: members.map((m) => m.name).sort() });
      expect({ name, undocumented: members.filter((m) => !m.description).map((m) => m.name) }).toEqual({ name, undocumented: [] });
      for (const m of members) {
        const got = type.properties![m.name];
        expect({ field: `${name}.${m.name}`, description: got.description }).toEqual({ field: `${name}.${m.name}`, description: m.description });
        expect({ field: `${name}.${m.name}`, type: shape(got, withPlain) }).toEqual({ field: `${name}.${m.name}`, type: shape(expected(m.type, "plain"), withPlain) });
      }
      expect({ name, required: type.required }).toEqual({ name, required: members.filter((m) => !m.optional).map((m) => m.name).sort() });
    }
  });

  it("makes each choice an enum with the members and values of its constant object", () => {
    const enumTypes = Object.entries(schema.types).filter(([, t]) => t.enum);
    expect(enumTypes.map(([tok]) => tok.split(":")[2]).sort()).toEqual(
      expect.arrayContaining(["Engine", "Environment", "LockMode", "Topology", "FileService", "RestoreResourceType", "AzureEngine"]),
    );
    for (const [tok, t] of enumTypes) {
      const decl = declarationOf(tok.split(":")[2]);
      if (decl.kind !== "enum") throw new Error(`${tok} is an enum of the schema but no constant object in src/`);
      expect(t.type).toBe("string");
      // In the union's order, which TypeScript decides: compared by value.
      const byValue = (a: { value: string }, b: { value: string }) => a.value.localeCompare(b.value);
      expect(t.enum!.map(({ name, value, description }) => ({ name, value, description })).sort(byValue)).toEqual([...decl.members].sort(byValue));
    }
  });

  it("has no type the inference could not express (no Any) and no description it could not read", () => {
    const found: string[] = [];
    const walk = (value: unknown, at: string): void => {
      if (typeof value === "string" && (value === "pulumi.json#/Any" || value.includes("[object Object]"))) found.push(`${at}: ${value}`);
      if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) walk(v, `${at}.${k}`);
    };
    walk(schema, "schema");
    expect(found).toEqual([]);
  });
});

// ---- The README's programs -------------------------------------------------------------------------------------

const README = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
const section = README.slice(README.indexOf("## Using the components from Python, Go, C# or YAML"), README.indexOf("## For engineers"));
const block = (lang: string) => {
  const m = new RegExp("```" + lang + "\\n([\\s\\S]*?)```").exec(section);
  if (!m) throw new Error(`no ${lang} block in the README's component package section`);
  return m[1];
};
const camel = (snake: string) => snake.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** Every key of an object value the README gives, against the schema type it is for (through arrays). */
function checkObject(value: unknown, property: Property, where: string, problems: string[]): void {
  if (property.items && Array.isArray(value)) return value.forEach((v, i) => checkObject(v, property.items!, `${where}[${i}]`, problems));
  if (!property.$ref || typeof value !== "object" || value === null || Array.isArray(value)) return;
  const type = schema.types[property.$ref.replace("#/types/", "")];
  if (!type.properties) return;
  const keys = Object.keys(value);
  for (const k of keys) if (!type.properties[k]) problems.push(`${where}.${k} is no field of ${property.$ref}`);
  for (const k of type.required ?? []) if (!keys.includes(k)) problems.push(`${where} lacks the required ${k}`);
  for (const k of keys) checkObject((value as Record<string, unknown>)[k], type.properties[k] ?? {}, `${where}.${k}`, problems);
}

describe("the README's programs name what the schema has", () => {
  it("lists the package's components, each under its token", () => {
    const listed = [...section.matchAll(/^\| `cenm-backup:index:(\w+)` \|/gm)].map((m) => m[1]);
    expect(listed.sort()).toEqual(COMPONENTS);
  });

  it("YAML: each resource's type is a component, its properties its inputs (required ones given), its objects its types", () => {
    const program = yaml.load(block("yaml")) as { resources: Record<string, { type: string; properties: Record<string, unknown> }> };
    const problems: string[] = [];
    for (const [name, r] of Object.entries(program.resources)) {
      const resource = schema.resources[r.type];
      if (!resource) {
        problems.push(`${name}: ${r.type} is not a component of the package`);
        continue;
      }
      for (const k of Object.keys(r.properties)) if (!resource.inputProperties[k]) problems.push(`${name}.${k} is no input of ${r.type}`);
      for (const k of resource.requiredInputs) if (!(k in r.properties)) problems.push(`${name} lacks the required ${k}`);
      for (const [k, v] of Object.entries(r.properties)) checkObject(v, resource.inputProperties[k] ?? {}, `${name}.${k}`, problems);
    }
    expect(problems).toEqual([]);
    expect(Object.values(program.resources).map((r) => r.type)).toEqual(
      expect.arrayContaining([token("AwsReplicatedDatabase"), token("AwsSnapshotSchedule")]),
    );
  });

  it("Python: each component's keyword arguments (and the shared ones) are its inputs in snake_case, required ones given", () => {
    const program = block("python");
    const common = /^common = \{(.*)\}$/m.exec(program)![1];
    const commonKeys = [...common.replace(/\{[^{}]*\}/g, "{}").matchAll(/"(\w+)": /g)].map((m) => camel(m[1]));
    // A call over several lines ends with `)` alone on a line; a one-line call ends its line.
    const calls = [...program.matchAll(/cenm_backup\.(\w+)\(\n([\s\S]*?)\n\)|cenm_backup\.(\w+)\((.*)\)$/gm)];
    const problems: string[] = [];
    const seen: string[] = [];
    for (const call of calls) {
      const cls = call[1] ?? call[3];
      const body = call[2] ?? call[4];
      seen.push(cls);
      const resource = schema.resources[token(cls)];
      if (!resource) {
        problems.push(`${cls} is not a component of the package`);
        continue;
      }
      const kwargs = [...body.matchAll(/(?:^|[\s,(])(\w+)=/g)].map((m) => camel(m[1]));
      const given = [...kwargs, ...(body.includes("**common") ? commonKeys : [])];
      for (const k of given) if (!resource.inputProperties[k]) problems.push(`${cls}: ${k} is no input`);
      for (const k of resource.requiredInputs) if (!given.includes(k)) problems.push(`${cls} lacks the required ${k}`);
      // Dict keys in snake_case are fields of the inputs' types (camelCase keys are map keys, passed as written).
      const fields = new Set(Object.values(schema.types).flatMap((t) => Object.keys(t.properties ?? {})));
      for (const m of body.matchAll(/"([a-z_]+)": /g)) if (!fields.has(camel(m[1]))) problems.push(`${cls}: "${m[1]}" is no field of a type`);
    }
    expect(problems).toEqual([]);
    expect(seen).toEqual(expect.arrayContaining(["AwsReplicatedDatabase", "AwsSnapshotSchedule"]));
  });
});
