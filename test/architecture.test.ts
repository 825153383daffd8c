/**
 * Dependencies point one way: domain facts at the bottom, then config, components, the component package's classes
 * (src/plugin), topology, the offline engine, the audit, the DR runbook built on the audit's scenarios, and the
 * command line. A module may import its own layer or a lower one, never a higher one; the domain imports neither
 * Pulumi nor zod.
 */
import * as fs from "fs";
import * as path from "path";

const SRC = path.join(__dirname, "..", "src");
const LAYERS = ["domain", "config", "components", "plugin", "topology", "offline", "audit", "runbook", "cli"] as const;
/** Top-level files and the layer they belong to. */
const FILES: Record<string, (typeof LAYERS)[number] | "library"> = { "cli.ts": "cli", "program.ts": "topology", "index.ts": "library" };

function layerOf(file: string): string {
  const [top] = path.relative(SRC, file).split(path.sep);
  return top.endsWith(".ts") ? FILES[top] ?? top : top;
}

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sources(full) : e.name.endsWith(".ts") ? [full] : [];
  });
}

function imports(file: string): string[] {
  return [...fs.readFileSync(file, "utf8").matchAll(/^(?:import|export)[^;]*?from "([^"]+)"/gms)].map((m) => m[1]);
}

describe("layering", () => {
  it("no module imports a layer above its own", () => {
    const upward: string[] = [];
    for (const file of sources(SRC)) {
      const from = layerOf(file);
      if (!(LAYERS as readonly string[]).includes(from)) continue;
      for (const spec of imports(file).filter((s) => s.startsWith("."))) {
        const target = path.resolve(path.dirname(file), spec);
        const to = layerOf(fs.existsSync(target) && fs.statSync(target).isDirectory() ? path.join(target, "index.ts") : `${target}.ts`);
        if ((LAYERS as readonly string[]).includes(to) && LAYERS.indexOf(to as never) > LAYERS.indexOf(from as never)) {
          upward.push(`${path.relative(SRC, file)} (${from}) imports ${spec} (${to})`);
        }
      }
    }
    expect(upward).toEqual([]);
  });

  it("the domain imports neither Pulumi nor zod", () => {
    const heavy = sources(path.join(SRC, "domain")).flatMap((file) =>
      imports(file)
        .filter((s) => s.startsWith("@pulumi/") || s === "zod")
        .map((s) => `${path.relative(SRC, file)} imports ${s}`),
    );
    expect(heavy).toEqual([]);
  });

  it("the audit of a file loads no Pulumi, and the command line's error types neither Pulumi nor zod (they answer at once)", () => {
    // Value imports only: a type-only import is erased and loads nothing.
    const valueImports = (file: string): string[] =>
      [...fs.readFileSync(file, "utf8").matchAll(/^(import|export)(?! type )[^;]*?from "([^"]+)"/gms)].map((m) => m[2]);
    const reach = (entry: string, banned: (spec: string) => boolean): string[] => {
      const seen = new Set<string>();
      const heavy: string[] = [];
      const stack = [path.join(SRC, entry)];
      while (stack.length > 0) {
        const file = stack.pop()!;
        if (seen.has(file)) continue;
        seen.add(file);
        for (const spec of valueImports(file)) {
          if (banned(spec)) heavy.push(`${path.relative(SRC, file)} imports ${spec}`);
          if (!spec.startsWith(".")) continue;
          const target = path.resolve(path.dirname(file), spec);
          // As Node resolves it: a file of that name first (dossier/aws.ts beside dossier/aws/), else the directory's index.
          stack.push(fs.existsSync(`${target}.ts`) ? `${target}.ts` : fs.existsSync(target) && fs.statSync(target).isDirectory() ? path.join(target, "index.ts") : `${target}.ts`);
        }
      }
      return heavy;
    };
    const pulumi = (spec: string) => spec.startsWith("@pulumi/");
    expect(reach("audit/inputs/index.ts", pulumi)).toEqual([]);
    // The runbook of a file (--input, --state, --preview) answers without loading Pulumi either.
    expect(reach("runbook/index.ts", pulumi)).toEqual([]);
    expect(reach("config/errors.ts", (spec) => pulumi(spec) || spec === "zod")).toEqual([]);
    // The check follows imports: the program itself does reach Pulumi.
    expect(reach("program.ts", pulumi).length).toBeGreaterThan(0);
  });

  it("no module outside src/plugin imports the component package's classes (only the package entry, index.ts, does)", () => {
    const into = sources(SRC)
      .filter((file) => layerOf(file) !== "plugin")
      .flatMap((file) =>
        imports(file)
          .filter((spec) => spec.startsWith(".") && layerOf(path.resolve(path.dirname(file), spec)) === "plugin")
          .map((spec) => `${path.relative(SRC, file)} imports ${spec}`),
      );
    expect(into).toEqual([]);
  });

  it("finds the imports it judges (the check cannot pass by reading nothing)", () => {
    const all = sources(SRC).flatMap(imports);
    expect(all.length).toBeGreaterThan(200);
    expect(all).toContain("../domain/vocabulary");
  });
});
