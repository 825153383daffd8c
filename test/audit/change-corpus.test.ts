/**
 * The change judgement measured on pull-request cases (fixtures/change-corpus.ts): each case is judged twice, from
 * the two offline plans (no Pulumi CLI, replacements predicted from the resource dossier) and from the preview
 * document the Pulumi CLI would print for it (Pulumi's own steps), and must find exactly the expected (rule,
 * resource) pairs at error or warning level. The tally is checked at the end so that a regression shows as a
 * count as well as a case.
 */
import * as fs from "fs";
import * as path from "path";
import { audit } from "../../src/audit";
import { compareInputs } from "../../src/audit/change/compare";
import { fromPlanDocument } from "../../src/audit/inputs/plan";
import { applyPreview, checkPreview } from "../../src/audit/inputs/preview";
import type { ReportChange } from "../../src/audit/report/schema";
import type { PlanDocument } from "../../src/offline/plan";
import { readStackFile } from "../../src/offline/stackFile";
import { plannedStack } from "../helpers/plans";
import { previewDigest } from "../helpers/pulumiDocuments";
import { CHANGE_CORPUS, type ChangeCase } from "./fixtures/change-corpus";

const TODAY = new Date("2026-11-02T00:00:00Z");
const plans = new Map<string, PlanDocument>();

beforeAll(async () => {
  for (const stack of new Set(CHANGE_CORPUS.map((c) => c.stack))) plans.set(stack, (await plannedStack(stack)).document);
}, 300_000);

function copy<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

function heads(c: ChangeCase): { base: PlanDocument; head: PlanDocument } {
  const base = copy(plans.get(c.stack)!);
  const head = copy(base);
  c.edit(head);
  return { base, head };
}

/** The judgement of a case from the two plans. */
export function offlineJudgement(c: ChangeCase): ReportChange {
  const { base, head } = heads(c);
  const baseInput = fromPlanDocument(base);
  const headInput = fromPlanDocument(head);
  return audit(headInput, { today: TODAY, change: compareInputs(baseInput, headInput), base: baseInput }).change!;
}

/** The judgement of a case from the preview document the Pulumi CLI would print, applied to the base plan. */
export function previewJudgement(c: ChangeCase): ReportChange {
  const { base, head } = heads(c);
  const digest = previewDigest(base, head, { ops: c.truth, showSames: c.showSames, showReplacementSteps: c.showReplacementSteps, pendingDeleteCopies: c.pendingDeleteCopies, config: readStackFile(c.stack).config });
  const baseInput = fromPlanDocument(base);
  const applied = applyPreview(checkPreview(JSON.parse(JSON.stringify(digest)), "preview.json"), "preview.json", baseInput);
  return audit(applied.input, { today: TODAY, change: applied.change, base: baseInput }).change!;
}

const pairs = (change: ReportChange) =>
  change.findings
    .filter((f) => f.severity !== "info")
    .map((f) => `${f.rule} ${f.resource}`)
    .sort();
const expectedPairs = (list: ChangeCase["expected"]) => list.map((e) => `${e.rule} ${e.resource}`).sort();

/** Cases judged as the truth (`expected`) says, per path. */
const tally = { offline: 0, preview: 0 };

describe.each(CHANGE_CORPUS.map((c) => [c.id, c] as const))("pull-request case %s", (_id, c) => {
  it(`offline (plans compared): ${c.summary}`, () => {
    const got = pairs(offlineJudgement(c));
    // Where the plans alone cannot tell (the dossier leaves it to the provider), the case records what they say.
    expect(got).toEqual(expectedPairs(c.offlineExpected ?? c.expected));
    if (c.offlineExpected === undefined) tally.offline++;
  });

  it(`preview (pulumi preview --json applied to the base): ${c.summary}`, () => {
    const change = previewJudgement(c);
    // Where the real preview stops short (a deletion Pulumi refuses), the case records what it shows.
    expect(pairs(change)).toEqual(expectedPairs(c.previewExpected ?? c.expected));
    if (c.previewExpected !== undefined) expect(change.notes?.join(" ")).toMatch(/may be missing from this preview/);
    // In prod, what the preview itself says it replaces or deletes in a stateful resource is an error, not a hint.
    if (c.stack.endsWith("-prod")) for (const f of change.findings.filter((x) => x.severity !== "info")) expect(f.severity).toBe("error");
    if (c.previewExpected === undefined) tally.preview++;
  });
});

describe("the corpus as a whole", () => {
  it("covers replacements, deletions, protections lifted, locks and bounds lowered, copies moved, renames and benign changes, on both clouds", () => {
    const rules = new Set(CHANGE_CORPUS.flatMap((c) => c.expected.map((e) => e.rule)));
    expect([...rules].sort()).toEqual(["CENM-CH-01", "CENM-CH-02", "CENM-CH-03", "CENM-CH-04", "CENM-CH-05", "CENM-CH-06", "CENM-CH-07"]);
    expect(CHANGE_CORPUS.filter((c) => c.expected.length === 0).length).toBeGreaterThanOrEqual(10);
    expect(new Set(CHANGE_CORPUS.map((c) => c.stack.split("-")[0]))).toEqual(new Set(["aws", "azure"]));
    expect(new Set(CHANGE_CORPUS.map((c) => c.id)).size).toBe(CHANGE_CORPUS.length);
  });

  const offlineMisses = CHANGE_CORPUS.filter((c) => c.offlineExpected !== undefined).length;
  const previewMisses = CHANGE_CORPUS.filter((c) => c.previewExpected !== undefined).length;

  it("the README's reviewer section states the figures the corpus gives", () => {
    const readme = fs.readFileSync(path.join(__dirname, "..", "..", "README.md"), "utf8").replace(/\s+/g, " ");
    expect(readme).toContain(`runs ${CHANGE_CORPUS.length} pull-request cases`);
    expect(readme).toContain(`The preview judges ${CHANGE_CORPUS.length - previewMisses} as expected`);
    expect(readme).toContain(`the offline comparison ${CHANGE_CORPUS.length - offlineMisses},`);
  });

  it(`judges ${CHANGE_CORPUS.length - previewMisses} of ${CHANGE_CORPUS.length} cases right from the preview, ${CHANGE_CORPUS.length - offlineMisses} offline`, () => {
    expect(offlineMisses).toBeLessThanOrEqual(2);
    expect(previewMisses).toBeLessThanOrEqual(1);
    expect(tally).toEqual({ offline: CHANGE_CORPUS.length - offlineMisses, preview: CHANGE_CORPUS.length - previewMisses });
  });
});
