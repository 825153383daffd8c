/**
 * The offline change set: the base branch's plan (or a deployed state) against the head's plan, resource by
 * resource, with no Pulumi CLI and no cloud. A resource is matched by its URN, or by an alias of the head that
 * names the base's URN. Which changed inputs replace it comes from the resource dossier's update effects
 * (src/domain/dossier: "replaces", or provider-decided and so uncertain) and from the head's `replaceOnChanges`;
 * inputs the head's `ignoreChanges` names are not compared, as Pulumi does not send them.
 */
import { updateEffect } from "../../domain/dossier";
import { rec } from "../../domain/resources/values";
import type { AuditInput, AuditResource } from "../types";
import type { ChangeSet, ResourceChange } from "./types";

/** Resources a change is about: custom resources other than Pulumi's own (stack, providers). */
export function isChangeable(r: AuditResource): boolean {
  return r.custom && r.type !== "pulumi:pulumi:Stack" && !r.type.startsWith("pulumi:providers:");
}

/** Deep equality of two JSON values (key order ignored). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => sameValue(x, b[i]));
  }
  const ra = rec(a);
  const rb = rec(b);
  if (!ra || !rb) return false;
  const keys = new Set([...Object.keys(ra), ...Object.keys(rb)]);
  for (const k of keys) if (!sameValue(ra[k], rb[k])) return false;
  return true;
}

/**
 * The dotted paths at which two values differ: into objects key by key, arrays and scalars as a whole. An input
 * present on one side only differs at its own path.
 */
export function changedPaths(a: unknown, b: unknown, prefix: string): string[] {
  const ra = rec(a);
  const rb = rec(b);
  if (ra && rb) {
    const out: string[] = [];
    for (const k of new Set([...Object.keys(ra), ...Object.keys(rb)])) out.push(...changedPaths(ra[k], rb[k], prefix ? `${prefix}.${k}` : k));
    return out;
  }
  return sameValue(a, b) ? [] : [prefix];
}

/** `inputs` without the paths Pulumi's ignoreChanges names (top-level keys or dotted paths into objects). */
function withoutIgnored(inputs: Record<string, unknown>, ignored: readonly string[]): Record<string, unknown> {
  if (ignored.length === 0) return inputs;
  const copy = JSON.parse(JSON.stringify(inputs)) as Record<string, unknown>;
  for (const path of ignored) {
    const parts = path.split(".");
    let node: Record<string, unknown> | undefined = copy;
    for (let i = 0; i < parts.length - 1 && node; i++) node = rec(node[parts[i]]);
    if (node) delete node[parts[parts.length - 1]];
  }
  return copy;
}

/**
 * How one matched resource changes, or undefined when it does not. With `onlyDeclared`, an input the base has and
 * the head does not declare is not a change: a deployed state's inputs also hold the defaults the provider filled
 * in, which a plan never declares.
 */
export function compareResource(before: AuditResource, after: AuditResource, onlyDeclared = false): ResourceChange | undefined {
  const ignored = after.ignoreChanges ?? [];
  const a = { ...withoutIgnored(before.inputs, ignored) };
  const b = withoutIgnored(after.inputs, ignored);
  if (onlyDeclared) for (const key of Object.keys(a)) if (!(key in b)) delete a[key];
  const diffReasons: string[] = [];
  const replaceReasons: string[] = [];
  const uncertain: string[] = [];
  const replaceOn = new Set(after.replaceOnChanges ?? []);
  for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
    if (key.startsWith("__")) continue;
    const paths = changedPaths(a[key], b[key], key);
    if (paths.length === 0) continue;
    diffReasons.push(key);
    if (replaceOn.has(key) || replaceOn.has("*")) {
      replaceReasons.push(key);
      continue;
    }
    for (const path of paths) {
      const effect = updateEffect(after.type, path);
      if (effect === "replaces") replaceReasons.push(path);
      else if (effect === "provider-decided" || effect === undefined) uncertain.push(path);
    }
  }
  const protectionChanged = before.protect !== after.protect || before.retainOnDelete !== after.retainOnDelete;
  if (diffReasons.length === 0 && !protectionChanged) return undefined;
  const op = replaceReasons.length > 0 ? "replace" : diffReasons.length > 0 ? "update" : "same";
  return { op, urn: after.urn, type: after.type, name: after.name, before, after, replaceReasons: unique(replaceReasons), diffReasons, uncertain: op === "replace" ? [] : unique(uncertain) };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/** The change set from `base` to `head` (two plans, or a deployed state and a plan). */
export function compareInputs(base: AuditInput, head: AuditInput): ChangeSet {
  const baseByUrn = new Map<string, AuditResource>();
  for (const r of base.resources) if (isChangeable(r)) baseByUrn.set(r.urn, r);
  const matched = new Set<string>();
  const changes: ResourceChange[] = [];
  for (const after of head.resources) {
    if (!isChangeable(after)) continue;
    const before = baseByUrn.get(after.urn) ?? (after.aliases ?? []).map((u) => baseByUrn.get(u)).find((r) => r !== undefined && !matched.has(r.urn));
    if (!before) {
      changes.push({ op: "create", urn: after.urn, type: after.type, name: after.name, after, replaceReasons: [], diffReasons: [], uncertain: [] });
      continue;
    }
    matched.add(before.urn);
    const change = compareResource(before, after, base.source === "state" && head.source !== "state");
    if (change) changes.push(change);
  }
  for (const before of baseByUrn.values()) {
    if (matched.has(before.urn)) continue;
    changes.push({ op: "delete", urn: before.urn, type: before.type, name: before.name, before, replaceReasons: [], diffReasons: [], uncertain: [] });
  }
  // What the readers could not settle in either document (an interrupted update in a state export...) goes along.
  const notes = [...(base.notes ?? []), ...(head.notes ?? [])];
  return { basis: "plans", base: base.origin, changes, ...(notes.length > 0 ? { notes } : {}) };
}
