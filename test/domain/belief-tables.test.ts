/** The figures table and its generated document: every documented figure names its page, and the doc is fresh. */
import * as fs from "fs";
import * as path from "path";
import { FIGURES } from "../../src/domain/figures";
import { PLATFORM_LIMITS } from "../../src/domain/limits";
import { LIMITS_DOC_PATH, renderBeliefTables } from "../../src/domain/render";

describe("recovery figures", () => {
  it.each(Object.entries(FIGURES))("%s states its basis, and a documented one its page", (_name, f) => {
    expect(f.seconds).toBeGreaterThanOrEqual(0);
    expect(f.source.length).toBeGreaterThan(20);
    if (f.documented) expect("url" in f && typeof f.url === "string" && f.url.startsWith("https://")).toBe(true);
    else expect(f.source).toMatch(/^assumption of this package/);
  });
});

describe("docs/platform-limits.md", () => {
  it("is up to date with the limits and figures tables", () => {
    const file = path.join(__dirname, "../..", LIMITS_DOC_PATH);
    const actual = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
    if (actual !== renderBeliefTables()) throw new Error(`${LIMITS_DOC_PATH} is stale: regenerate it with \`npm run docs\` and commit the result.`);
  });
});

describe("README.md", () => {
  it("counts the platform limits of each cloud as the table holds them", () => {
    const count = (cloud: string) => PLATFORM_LIMITS.filter((l) => l.cloud === cloud).length;
    const readme = fs.readFileSync(path.join(__dirname, "../../README.md"), "utf8");
    expect(readme).toContain(`(${count("aws")} AWS and ${count("azure")} Azure rules today)`);
  });
});
