import { buildReport, verdictOf } from "../../src/audit/report/build";
import { copyDescriptions, diffReports } from "../../src/audit/report/diff";
import { cell, code, formatDuration } from "../../src/audit/report/format";
import { renderMarkdown } from "../../src/audit/report/markdown";
import { MAX_DIAGRAM_ELEMENTS, mermaidDiagram, mermaidText } from "../../src/audit/report/mermaid";
import { AuditReport, auditReportSchema } from "../../src/audit/report/schema";
import { summarizeReport } from "../../src/audit/report/summary";
import { facts, findings, INPUT, report, scenarios } from "./fixtures/report-parts";

/** A deep copy to change for a head report. */
const clone = (r: AuditReport): AuditReport => JSON.parse(JSON.stringify(r));

describe("formatDuration (the one duration format of plans, reports and diffs)", () => {
  it.each([
    [0, "0 s"],
    [35, "35 s"],
    [120, "2 min"],
    [900, "15 min"],
    [3600, "1 h"],
    [5400, "1 h 30 min"],
    [86400, "24 h"],
    [93600, "26 h"],
    [3 * 86400, "3 days"],
    [3.5 * 86400, "3.5 days"],
    [35 * 86400, "35 days"],
  ])("%d s reads %s", (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  it("says when there is no way back", () => {
    expect(formatDuration(undefined)).toBe("not recoverable");
  });
});

describe("text helpers", () => {
  it("keeps table cells on one line and their pipes escaped", () => {
    expect(cell("a | b\nc")).toBe("a \\| b c");
  });
  it("fences code containing backticks", () => {
    expect(code("a`b")).toBe("``a`b``");
    expect(code("x")).toBe("`x`");
  });
  it("escapes quotes and angle brackets in Mermaid labels", () => {
    expect(mermaidText('say "hi" <b> #1')).toBe("say #quot;hi#quot; #lt;b#gt; #35;1");
  });
});

describe("buildReport", () => {
  const r = report();

  it("validates against the report schema", () => {
    expect(auditReportSchema.parse(r)).toEqual(r);
    expect(r.schemaVersion).toBe("1.0");
    expect(r.generatedAt).toBe("2026-11-02T00:00:00.000Z");
    expect(r.environment).toBe("prod");
  });

  it("counts outcomes, a waived failure apart from failures", () => {
    expect(r.summary).toEqual({ pass: 2, fail: 1, waived: 1, notApplicable: 1, unknown: 0, errorsFailing: 0 });
    expect(r.findings.map((f) => [f.id, f.outcome])).toEqual([
      ["CENM-DB-01", "pass"],
      ["CENM-SN-02", "waived"],
      ["CENM-FS-03", "fail"],
      ["CENM-KY-01", "pass"],
      ["CENM-GN-01", "not-applicable"],
    ]);
    expect(r.findings[1].waiver?.reason).toBe("DR vault lock moves to compliance after the restore drill");
  });

  it("gives a verdict per recommendation in R3's order", () => {
    expect(r.verdict.map((v) => [v.recommendation, v.status])).toEqual([
      ["database-replication", "met"],
      ["database-snapshots", "met-with-waivers"],
      ["file-backups", "met-with-warnings"],
      ["key-storage", "met"],
      ["general", "not-assessed"],
    ]);
  });

  it("says not met when an error control fails unwaived", () => {
    const f = findings();
    delete f[1].waiver;
    const broken = buildReport({ input: INPUT, facts: facts(), findings: f, scenarios: scenarios(), crlDeadline: { met: undefined, message: "unknown" } });
    expect(broken.summary.errorsFailing).toBe(1);
    expect(broken.verdict[1]).toMatchObject({ status: "not-met", summary: "Not met: 1 error control failing (CENM-SN-02)." });
    expect(broken.generatedAt).toBeUndefined();
    expect(verdictOf("general", "General", []).summary).toBe("No control covers this recommendation.");
  });

  it("summarises the facts: copies, vault locks, rules and unknown resources", () => {
    expect(r.facts.databases[0].copies.map((c) => c.role)).toEqual(["primary", "readable-standby", "readable-standby"]);
    expect(r.facts.databases[0].inBackupPlan).toBe(true);
    expect(r.facts.vaults.map((v) => v.lockMode)).toEqual(["compliance", "governance"]);
    expect(r.facts.rules[0].copies).toEqual([{ vaultUrn: facts().snapshots.vaults[1].urn, region: "eu-central-1", retentionDays: 2 }]);
    expect(r.facts.keyCopies.map((k) => k.kind)).toEqual(["cloud-escrow", "cloud-escrow-dr-replica", "offline"]);
    expect(r.facts.unknownResources.map((u) => u.name)).toEqual(["stray-queue"]);
  });

  it("rejects a report with a wrong schema version or outcome", () => {
    expect(auditReportSchema.safeParse({ ...r, schemaVersion: "2.0" }).success).toBe(false);
    const bad = clone(r);
    (bad.findings[0] as { outcome: string }).outcome = "ok";
    expect(auditReportSchema.safeParse(bad).success).toBe(false);
  });
});

describe("renderMarkdown", () => {
  const md = renderMarkdown(report());

  it("has the title, the summary and every section", () => {
    expect(md.startsWith("# CENM backup audit: aws-prod\n")).toBe(true);
    expect(md).toContain("**2 passed, 1 failed, 1 waived, 1 not applicable; no error control fails.**");
    for (const h of ["## Verdict per R3 recommendation", "## Findings", "## Evidence", "## Recovery scenarios", "## CRL deadline", "## Unknown resources", "## Topology"]) {
      expect(md).toContain(`\n${h}\n`);
    }
  });

  it("shows a verdict row per recommendation", () => {
    expect(md).toContain("| 2. Rolling database snapshots | met with waivers | 0 | 0 | 1 | 0 | Met with 1 waived failure (CENM-SN-02). |");
    expect(md).toContain("| General | not assessed | 0 | 0 | 0 | 1 | No control applies to the declared resources. |");
  });

  it("lists findings with the waiver reason of a waived control", () => {
    expect(md).toContain(
      "| CENM-SN-02 | Vaults locked in compliance mode | error | waived (CENM-SN-02): DR vault lock moves to compliance after the restore drill (approved by ciso, until 2027-01-31) |",
    );
    expect(md).toContain("| CENM-FS-03 | File system in a backup plan | warning | **fail** |");
  });

  it("gives evidence as resource names and property values", () => {
    expect(md).toContain('- `cenm-db-cluster` (aws:rds/cluster:Cluster): availabilityZones = `["eu-west-1a","eu-west-1b","eu-west-1c"]`, storageType = `io2`');
    expect(md).toContain("cenm-snapshots-dr-vault is locked in governance mode | not compliance.");
  });

  it("gives scenarios with readable durations and the CRL deadline", () => {
    expect(md).toContain("| Loss of the primary region | 1 h | 1 h 30 min | DR vault copy | hourly copies |");
    expect(md).toContain("| Deletion of the backups | not recoverable | not recoverable | nothing | governance lock can be bypassed |");
    expect(md).toContain("Signing path back before the current CRL expires: met. Region-loss RTO 1 h 30 min is within the CRL validity of 10 days.");
  });

  it("lists unknown resources", () => {
    expect(md).toContain("1 resource no reader knows (not judged by any control):\n\n- `stray-queue` (aws:sqs/queue:Queue)");
  });

  it("ends with a mermaid block", () => {
    const block = /```mermaid\n([\s\S]*?)\n```\n$/.exec(md);
    expect(block?.[1]).toBe(mermaidDiagram(report().facts));
  });
});

describe("mermaidDiagram", () => {
  const diagram = mermaidDiagram(report().facts);
  const lines = diagram.split("\n");

  it("is a flowchart with balanced subgraphs, regions first primary then DR then offline", () => {
    expect(lines[0]).toBe("flowchart LR");
    const opened = lines.filter((l) => /^\s*subgraph /.test(l)).length;
    expect(lines.filter((l) => l.trim() === "end")).toHaveLength(opened);
    const regions = lines.filter((l) => /^ {2}subgraph /.test(l)).map((l) => /\["(.*)"\]$/.exec(l)![1]);
    expect(regions).toEqual(["Region eu-west-1 (primary)", "Region eu-central-1 (DR)", "Offline (not connected to the Internet)"]);
    expect(lines.filter((l) => /^ {4}subgraph /.test(l)).map((l) => /\["(.*)"\]$/.exec(l)![1])).toEqual(["AZ eu-west-1a", "AZ eu-west-1b", "AZ eu-west-1c"]);
  });

  it("quotes every label and uses only generated ids", () => {
    for (const l of lines.slice(1)) {
      const t = l.trim();
      if (t === "end") continue;
      expect(t).toMatch(/^(subgraph g\d+\["[^"]*"\]|n\d+(\[|\(|\[\()"[^"]*"(\]|\)|\)\])|n\d+ (-->|-\.-)(\|"[^"]*"\|)? n\d+)$/);
    }
  });

  it("draws the database copies, vault locks, copy edges, file replication and offline key copies", () => {
    expect(diagram).toContain('n2[("cenm-db-cluster<br/>postgres primary")]');
    expect(diagram).toMatch(/n2 -->\|"semi-sync"\| n3/);
    expect(diagram).toContain('n0("vault cenm-snapshots-vault<br/>lock: compliance")');
    expect(diagram).toContain('n1("vault cenm-snapshots-dr-vault<br/>lock: governance")');
    expect(diagram).toContain('n0 -->|"async copy"| n1');
    expect(diagram).toContain('n2 -->|"snapshots"| n0');
    expect(diagram).toMatch(/n5\[\("file system cenm-files-fs<br\/>regional, sync across zones"\)\]/);
    expect(diagram).toMatch(/n5 -->\|"async"\| n8/);
    expect(diagram).toContain('[("cenm-files-fs replica<br/>read-only")]');
    expect(diagram).toContain('n11["key copy hsm-token-lon<br/>offline, immutable<br/>HSM token #quot;A#quot; in safe #lt;2#gt;"]');
    expect(diagram).toMatch(/n9 -->\|"async"\| n10/);
  });

  it("escapes the characters of free text", () => {
    expect(diagram).not.toContain('"A"');
    expect(diagram).not.toContain("<2>");
  });
});

describe("diffReports", () => {
  const base = report();

  it("reports nothing for identical reports", () => {
    const md = diffReports(base, clone(base));
    expect(md).toContain("### Controls that changed\n\nNone.");
    expect(md).toContain("### Copies added or removed\n\nNone.");
    expect(md).toContain("**Verdict: unchanged**. Head has no failing error control.");
  });

  it("shows a flipped control, moved objectives, removed copies and a one-line verdict", () => {
    const head = clone(base);
    head.findings[0].outcome = "fail";
    head.summary.errorsFailing = 1;
    head.scenarios[1].rpoSeconds = 86400;
    head.facts.fileSystems[0].replicationRegions = [];
    const md = diffReports(base, head);
    expect(md).toContain("| CENM-DB-01 | Database replicates synchronously across zones | error | pass | fail | worse |");
    expect(md).toContain("| Loss of the primary region | 1 h -> 24 h (worse) | 1 h 30 min |");
    expect(md).toContain("- removed: file system cenm-files-fs: replica in eu-central-1");
    expect(md).toContain(
      "**Verdict: worse**: 1 control newly failing (CENM-DB-01); 1 scenario with a longer RPO or RTO; 1 copy removed. Head has 1 failing error control.",
    );
  });

  it("counts a fixed control and an added copy as better", () => {
    const head = clone(base);
    head.findings[2].outcome = "pass";
    head.facts.keyCopies.push({ id: "offline:hsm-token-fra", kind: "offline", region: "offline", immutable: true, internetReachable: false });
    head.scenarios[3].rpoSeconds = 3600;
    const md = diffReports(base, head);
    expect(md).toContain("| CENM-FS-03 | File system in a backup plan | warning | fail | pass | better |");
    expect(md).toContain("- added: key copy offline:hsm-token-fra (offline) in offline");
    expect(md).toContain("| Deletion of the backups | not recoverable -> 1 h (better) | not recoverable |");
    expect(md).toMatch(/\*\*Verdict: better\*\*: 1 failing control fixed or waived \(CENM-FS-03\); 1 scenario with a shorter RPO or RTO; 1 copy added\./);
  });

  it("calls a waiver change out and a mix of both directions mixed", () => {
    const f = findings();
    f[0] = { ...f[0], outcome: "fail", waiver: { id: "CENM-DB-01", reason: "single zone during the migration week" } };
    f[2] = { ...f[2], outcome: "pass" };
    const head = buildReport({ input: INPUT, facts: facts(), findings: f, scenarios: scenarios(), crlDeadline: base.crlDeadline });
    const md = diffReports(base, head);
    expect(md).toContain("| CENM-DB-01 | Database replicates synchronously across zones | error | pass | waived (CENM-DB-01) | worse |");
    expect(md).toContain("**Verdict: mixed**: 1 control newly waived (CENM-DB-01); 1 failing control fixed or waived (CENM-FS-03).");
    expect(md).toContain("### Verdicts that changed\n\n- 1. Database replication: met -> met-with-waivers\n- 3. Replicated file storage: met-with-warnings -> met");
  });

  it("describes copies as a multiset (two identical standbys count twice)", () => {
    const d = copyDescriptions(base.facts);
    expect(d.filter((x) => x === "database cenm-db-cluster: readable-standby cenm-db-cluster (semi-synchronous) in eu-central-1 [eu-west-1b]")).toHaveLength(0);
    expect(d).toContain("database cenm-db-cluster: readable-standby cenm-db-cluster (semi-synchronous) in eu-west-1 [eu-west-1b]");
    expect(d).toContain("snapshot copy of rule hourly (cenm-snapshots-plan) to cenm-snapshots-dr-vault, kept 2 days");
    const head = clone(base);
    head.facts.databases[0].copies.pop();
    expect(diffReports(base, head)).toContain("- removed: database cenm-db-cluster: readable-standby cenm-db-cluster (semi-synchronous) in eu-west-1 [eu-west-1c]");
  });
});

describe("summarizeReport", () => {
  it("prints counts, failing error controls and the verdict per recommendation", () => {
    const f = findings();
    delete f[1].waiver;
    const r = buildReport({ input: INPUT, facts: facts(), findings: f, scenarios: scenarios(), crlDeadline: { met: false, message: "late" } });
    expect(summarizeReport(r).split("\n")).toEqual([
      "Audit of aws-prod, environment prod (offline plan of aws-prod): 2 passed, 2 failed, 0 waived, 1 not applicable",
      "Failing error controls (1):",
      "  CENM-SN-02 Vaults locked in compliance mode: cenm-snapshots-dr-vault is locked in governance mode | not compliance.",
      "Verdict:",
      "  1. Database replication: met (Met: 1 control passing.)",
      "  2. Rolling database snapshots: not-met (Not met: 1 error control failing (CENM-SN-02).)",
      "  3. Replicated file storage: met-with-warnings (Met, with 1 warning (CENM-FS-03).)",
      "  4. Offline key copies: met (Met: 1 control passing.)",
      "  General: not-assessed (No control applies to the declared resources.)",
      "CRL deadline: NOT MET",
    ]);
  });
});

describe("report.md keeps the audited program's text inert", () => {
  it("escapes HTML and keeps a name with a newline and ## on one line", async () => {
    const { renderMarkdown } = await import("../../src/audit/report/markdown");
    const { audit } = await import("../../src/audit");
    const hostile = "cenm<script>alert(1)</script>\n## Owned";
    const report = audit(
      {
        stack: hostile,
        source: "plan",
        origin: "a hostile plan\n# heading",
        resources: [{ urn: `urn:pulumi:s::p::aws:s3/bucket:Bucket::${hostile}`, type: "aws:s3/bucket:Bucket", name: hostile, custom: true, inputs: { region: "eu-west-1" } }],
        stackOutputs: {},
      } as never,
      { today: new Date("2026-11-28T00:00:00Z") },
    );
    const md = renderMarkdown(report);
    // Outside code spans (which render their content literally) no HTML survives.
    const outsideCode = md.split("\n").map((l) => l.replace(/(`+)[^`]*?\1/g, ""));
    expect(outsideCode.filter((l) => l.includes("<script>"))).toEqual([]);
    expect(md).toContain("&lt;script&gt;");
    expect(md.split("\n").filter((l) => l.startsWith("## ")).every((l) => !l.includes("Owned"))).toBe(true);
    expect(md.split("\n").some((l) => l.startsWith("# ") && l.includes("heading"))).toBe(false);
  });
});

describe("the report's waivers", () => {
  const input = (waivers: Record<string, unknown>[]) =>
    ({ stack: "w", source: "plan", origin: "test", resources: [], stackOutputs: { environment: "prod", waivers } }) as never;

  it("shows a lapsed waiver as lapsed (not dropped), and one naming nothing as such", async () => {
    const { audit } = await import("../../src/audit");
    const { renderMarkdown } = await import("../../src/audit/report/markdown");
    const report = audit(
      input([
        { id: "CENM-DB-02", reason: "a written reason long enough to count", expires: "2026-01-01" },
        { id: "CENM-XX-99", reason: "a written reason long enough to count" },
        { id: "files-dr-copy", reason: "a written reason long enough to count" },
      ]),
      { today: new Date("2026-11-28T00:00:00Z") },
    );
    expect(report.waivers.map((w) => [w.id, w.status])).toEqual([
      ["CENM-DB-02", "lapsed"],
      ["CENM-XX-99", "unknown-id"],
      ["files-dr-copy", "in-force"],
    ]);
    const md = renderMarkdown(report);
    expect(md).toContain("| `CENM-DB-02` | **lapsed**: excuses nothing |");
    expect(md).toContain("| `CENM-XX-99` | **names no control or rule** |");
  });
});

describe("mermaidDiagram of a large program", () => {
  it("draws a one-box summary past MAX_DIAGRAM_ELEMENTS instead of a picture growing with its square", () => {
    const facts = report().facts;
    const many = { ...facts, databases: Array.from({ length: MAX_DIAGRAM_ELEMENTS }, (_, i) => ({ ...facts.databases[0], name: `db-${i}`, urn: `${facts.databases[0].urn}-${i}` })) };
    const diagram = mermaidDiagram(many);
    expect(diagram.split("\n")).toHaveLength(2);
    expect(diagram).toContain(`Topology of ${MAX_DIAGRAM_ELEMENTS + facts.vaults.length + facts.fileSystems.length + facts.keyCopies.length} elements (${MAX_DIAGRAM_ELEMENTS} databases`);
    expect(mermaidDiagram(facts).split("\n").length).toBeGreaterThan(10);
  });
});
