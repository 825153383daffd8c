/**
 * The topology as a Mermaid flowchart GitHub renders: one subgraph per region (zones nested where a copy or a
 * mount target sits in one zone), database copies with their replication edges, snapshot vaults with their lock
 * mode and copy edges, file systems and their replicas, and key copies, the offline ones in a subgraph of their own.
 * Built from the report's facts summary alone, so a stored report.json renders the same picture.
 */
import type { FactsSummary } from "./schema";
import { urnName } from "../../domain/urn";

/** Escapes text for a quoted Mermaid label (quotes and angle brackets as entity codes). */
export function mermaidText(text: string): string {
  return text.replace(/#/g, "#35;").replace(/"/g, "#quot;").replace(/</g, "#lt;").replace(/>/g, "#gt;").replace(/\r?\n/g, " ");
}

/** A quoted label from lines (each escaped, joined by line breaks). */
function label(...lines: string[]): string {
  return `"${lines.filter((l) => l !== "").map(mermaidText).join("<br/>")}"`;
}

const EDGE_LABEL: Record<string, string> = {
  synchronous: "sync",
  "semi-synchronous": "semi-sync",
  asynchronous: "async",
  "point-in-time": "async, point-in-time",
};

interface Zone {
  id: string;
  name: string;
  nodes: string[];
}
interface Region {
  id: string;
  name: string;
  nodes: string[];
  zones: Map<string, Zone>;
}

/**
 * Most elements (databases, vaults, file systems, key copies) the diagram draws. GitHub stops rendering Mermaid
 * long before a few hundred nodes, and every database in a plan draws an edge to every source vault, so a large
 * program gets a one-box summary instead of a picture nobody can read (and text growing with its square).
 */
export const MAX_DIAGRAM_ELEMENTS = 60;

/** Renders the flowchart (without the code fence). */
export function mermaidDiagram(facts: FactsSummary): string {
  const elements = facts.databases.length + facts.vaults.length + facts.fileSystems.length + facts.keyCopies.length;
  if (elements > MAX_DIAGRAM_ELEMENTS) {
    const counts = `${facts.databases.length} databases, ${facts.vaults.length} vaults, ${facts.fileSystems.length} file systems, ${facts.keyCopies.length} key copies`;
    return ["flowchart LR", `  n0[${label(`Topology of ${elements} elements (${counts})`, `too large to draw (at most ${MAX_DIAGRAM_ELEMENTS}); the facts in report.json list every one`)}]`].join("\n");
  }
  let nextNode = 0;
  let nextGroup = 0;
  const regions = new Map<string, Region>();
  const offline: string[] = [];
  const edges: string[] = [];
  const region = (name: string): Region => {
    let r = regions.get(name);
    if (!r) {
      r = { id: `g${nextGroup++}`, name, nodes: [], zones: new Map() };
      regions.set(name, r);
    }
    return r;
  };
  /** Declares a node in a region (and zone, when given) and returns its id. */
  const node = (regionName: string, zone: string | undefined, text: string, shape: "box" | "db" | "round" = "box"): string => {
    const id = `n${nextNode++}`;
    const decl = shape === "db" ? `${id}[(${text})]` : shape === "round" ? `${id}(${text})` : `${id}[${text}]`;
    const r = region(regionName);
    if (zone) {
      let z = r.zones.get(zone);
      if (!z) {
        z = { id: `g${nextGroup++}`, name: zone, nodes: [] };
        r.zones.set(zone, z);
      }
      z.nodes.push(decl);
    } else r.nodes.push(decl);
    return id;
  };
  const edge = (from: string, to: string, text: string, dotted = false): void => {
    const arrow = dotted ? "-.-" : "-->";
    edges.push(text === "" ? `${from} ${arrow} ${to}` : `${from} ${arrow}|${label(text)}| ${to}`);
  };

  // Snapshot vaults first: databases and file systems point at the vaults that hold their recovery points.
  const vaultIds = new Map<string, string>();
  for (const v of facts.vaults) {
    vaultIds.set(v.urn, node(v.region, undefined, label(`vault ${v.name}`, `lock: ${v.lockMode}`), "round"));
  }
  const sourceVaults = [...new Set(facts.rules.map((r) => r.vaultUrn).filter((u): u is string => u !== undefined && vaultIds.has(u)))];

  for (const db of facts.databases) {
    if (db.copies.length === 0) {
      const id = node(db.region, undefined, label(db.name, `${db.engine} ${db.topology}`), "db");
      if (db.inBackupPlan) for (const v of sourceVaults) edge(id, vaultIds.get(v)!, "snapshots");
      continue;
    }
    const ids = db.copies.map((c) => {
      const zone = c.availabilityZones.length === 1 ? c.availabilityZones[0] : undefined;
      const where = c.availabilityZones.length > 1 ? `zones ${c.availabilityZones.join(", ")}` : "";
      return node(c.region, zone, label(c.name, `${db.engine} ${c.role}`, where), "db");
    });
    const p = Math.max(0, db.copies.findIndex((c) => c.role === "primary"));
    db.copies.forEach((c, i) => {
      if (i !== p) edge(ids[p], ids[i], EDGE_LABEL[c.mode] ?? c.mode);
    });
    if (db.inBackupPlan) for (const v of sourceVaults) edge(ids[p], vaultIds.get(v)!, "snapshots");
  }

  const copyEdges = new Set<string>();
  for (const rule of facts.rules) {
    const src = rule.vaultUrn ? vaultIds.get(rule.vaultUrn) : undefined;
    if (!src) continue;
    for (const c of rule.copies) {
      let dst = c.vaultUrn ? vaultIds.get(c.vaultUrn) : undefined;
      if (!dst) {
        const where = c.region ?? "unresolved region";
        const key = `unresolved:${where}`;
        dst = vaultIds.get(key) ?? node(where, undefined, label("copy destination", "vault not resolved"), "round");
        vaultIds.set(key, dst);
      }
      const key = `${src}->${dst}`;
      if (copyEdges.has(key)) continue;
      copyEdges.add(key);
      edge(src, dst, "async copy");
    }
  }

  for (const fs of facts.fileSystems) {
    const id = node(fs.region, fs.oneZone ? fs.mountTargetZones[0] : undefined, label(`file system ${fs.name}`, fs.oneZone ? "one zone" : "regional, sync across zones"), "db");
    if (!fs.oneZone) {
      for (const zone of fs.mountTargetZones) {
        edge(id, node(fs.region, zone, label(`mount target ${zone}`)), "", true);
      }
    }
    for (const r of fs.replicationRegions) edge(id, node(r, undefined, label(`${fs.name} replica`, "read-only"), "db"), "async");
    if (fs.inBackupPlan) for (const v of sourceVaults) edge(id, vaultIds.get(v)!, "snapshots");
  }

  const escrows: string[] = [];
  const replicas: string[] = [];
  for (const k of facts.keyCopies) {
    const lock = k.lockMode ? `${k.lockMode}${k.lockDays !== undefined ? ` ${k.lockDays} d` : ""}` : k.immutable ? "immutable" : "not locked";
    const text = label(`key copy ${k.id.startsWith("offline:") ? k.id.slice(8) : shortId(k.id)}`, `${k.kind}, ${lock}`, k.internetReachable ? "reachable from the Internet" : "", k.detail ?? "");
    if (k.kind === "offline") {
      const id = `n${nextNode++}`;
      offline.push(`${id}[${text}]`);
    } else {
      const id = node(k.region, undefined, text);
      if (k.kind === "cloud-escrow") escrows.push(id);
      if (k.kind === "cloud-escrow-dr-replica") replicas.push(id);
    }
  }
  if (escrows.length > 0) for (const r of replicas) edge(escrows[0], r, "async");

  const order = [...regions.values()].sort((a, b) => rank(a.name, facts) - rank(b.name, facts) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const lines = ["flowchart LR"];
  for (const r of order) {
    const role = r.name === facts.primaryRegion ? " (primary)" : r.name === facts.drRegion ? " (DR)" : "";
    lines.push(`  subgraph ${r.id}[${label(`Region ${r.name}${role}`)}]`);
    for (const z of [...r.zones.values()].sort((a, b) => (a.name < b.name ? -1 : 1))) {
      lines.push(`    subgraph ${z.id}[${label(`AZ ${z.name}`)}]`);
      for (const n of z.nodes) lines.push(`      ${n}`);
      lines.push("    end");
    }
    for (const n of r.nodes) lines.push(`    ${n}`);
    lines.push("  end");
  }
  if (offline.length > 0) {
    lines.push(`  subgraph g${nextGroup++}[${label("Offline (not connected to the Internet)")}]`);
    for (const n of offline) lines.push(`    ${n}`);
    lines.push("  end");
  }
  for (const e of edges) lines.push(`  ${e}`);
  return lines.join("\n");
}

function rank(region: string, facts: FactsSummary): number {
  return region === facts.primaryRegion ? 0 : region === facts.drRegion ? 1 : 2;
}

function shortId(id: string): string {
  return urnName(id);
}
