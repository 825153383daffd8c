/**
 * Preview mode: computed outputs (ARNs, ids, endpoints) are unknown, so `apply` callbacks do not run. The program
 * must still declare the same resources, with unknowns where values depend on other resources.
 */
import { planStack } from "../../src/offline/plan";

describe("aws-prod in preview mode", () => {
  it("declares the same resources as an update, with unknown computed inputs", async () => {
    const update = await planStack("aws-prod");
    const preview = await planStack("aws-prod", { preview: true });
    const names = (p: typeof update) => p.run.resources.map((r) => `${r.type}::${r.name}`);
    expect(names(preview)).toEqual(names(update));
    const unknown = preview.run.resources.filter((r) => JSON.stringify(r.inputs).includes("[unknown]"));
    expect(unknown.length).toBeGreaterThan(10);
    expect(preview.document.preview).toBe(true);
  });
});
