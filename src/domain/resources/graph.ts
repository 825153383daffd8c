/**
 * The resource graph every reader works on: the resources indexed once by URN, by type and by the identifiers their
 * outputs carry, plus the reverse of `propertyDependencies` (who references whom, through which input). Readers
 * ask it for a resource's references and referrers instead of scanning the whole resource list, which keeps the
 * audit linear in the number of resources.
 */
import type { ResourceView } from "./view";
import { arr, isMarker, mostCommon, rec, str, strings } from "./values";

/** One incoming reference: `from` names the target in its input `property`. */
export interface Reference {
  from: ResourceView;
  property: string;
}

/** Output fields that identify a resource when another resource names it by value (deployed state). */
const IDENTIFYING_OUTPUTS = ["arn", "id", "name", "bucket", "identifier", "clusterIdentifier", "keyId"];

export class ResourceGraph {
  readonly resources: readonly ResourceView[];
  /** Region assumed for a resource that declares none (the provider's default region is not in the resources). */
  readonly defaultRegion: string | undefined;
  private readonly byUrn = new Map<string, ResourceView>();
  private readonly byType = new Map<string, ResourceView[]>();
  private readonly byValue = new Map<string, ResourceView[]>();
  private readonly incoming = new Map<string, Reference[]>();
  private tagIndex: Map<string, ResourceView[]> | undefined;

  constructor(resources: readonly ResourceView[], defaultRegion?: string) {
    this.resources = resources;
    for (const r of resources) {
      this.byUrn.set(r.urn, r);
      push(this.byType, r.type, r);
      const outputs = rec(r.outputs) ?? {};
      for (const field of IDENTIFYING_OUTPUTS) {
        const v = str(outputs[field]);
        if (v !== undefined) push(this.byValue, v, r);
      }
    }
    for (const r of resources) {
      for (const [property, urns] of Object.entries(r.propertyDependencies ?? {})) {
        if (!Array.isArray(urns)) continue;
        for (const urn of urns) if (typeof urn === "string") push(this.incoming, urn, { from: r, property });
      }
    }
    this.defaultRegion = defaultRegion ?? inferRegion(resources);
  }

  get(urn: string): ResourceView | undefined {
    return this.byUrn.get(urn);
  }

  ofType(...types: string[]): ResourceView[] {
    if (types.length === 1) return this.byType.get(types[0]) ?? [];
    return types.flatMap((t) => this.byType.get(t) ?? []);
  }

  /** Every type present, each once. */
  types(): string[] {
    return [...this.byType.keys()];
  }

  /** Region of a resource: its `region` input, else the region its outputs record, else the default region. */
  regionOf(r: ResourceView): string {
    return str(r.inputs.region) ?? str(rec(r.outputs)?.region) ?? this.defaultRegion ?? "unknown";
  }

  /**
   * The resources the input `property` of `r` refers to, restricted to `types` when given. The references come from
   * `propertyDependencies`; without any, from the identifiers named in `value` (matched against other resources'
   * outputs, as in a state file). When several candidates remain and `value` is given, the ones `value` names are
   * kept (an output identifier equal to it, else the longest resource name it contains).
   */
  refs(r: ResourceView, property: string, types?: readonly string[], value?: unknown): ResourceView[] {
    let found: ResourceView[] = [];
    const urns = r.propertyDependencies?.[property];
    if (Array.isArray(urns)) {
      for (const urn of urns) {
        const target = this.byUrn.get(urn);
        if (target && target !== r && (!types || types.includes(target.type))) found.push(target);
      }
    }
    if (found.length === 0 && value !== undefined) {
      for (const v of strings(value)) {
        for (const target of this.byValue.get(v) ?? []) {
          if (target !== r && (!types || types.includes(target.type)) && !found.includes(target)) found.push(target);
        }
      }
      return found;
    }
    if (found.length > 1 && value !== undefined) found = this.narrow(found, value);
    return found;
  }

  /** The single resource `refs` resolves to, or undefined when it resolves to none or stays ambiguous. */
  ref(r: ResourceView, property: string, types?: readonly string[], value?: unknown): ResourceView | undefined {
    const found = this.refs(r, property, types, value);
    return found.length === 1 ? found[0] : undefined;
  }

  /** Resources whose outputs carry `value` as an identifier (ARN, id, name...), restricted to `types` when given. */
  identifiedBy(value: string, types?: readonly string[]): ResourceView[] {
    return (this.byValue.get(value) ?? []).filter((r) => !types || types.includes(r.type));
  }

  /** Resources that reference `target`, restricted to `types` and to the input `property` when given. */
  referrers(target: ResourceView, types?: readonly string[], property?: string): ResourceView[] {
    const out = new Set<ResourceView>();
    for (const ref of this.incoming.get(target.urn) ?? []) {
      if (types && !types.includes(ref.from.type)) continue;
      if (property !== undefined && ref.property !== property) continue;
      out.add(ref.from);
    }
    return [...out];
  }

  /** Resources whose `tags` input has `key` = `value` (index built on first use). */
  taggedWith(key: string, value: string): ResourceView[] {
    if (!this.tagIndex) {
      this.tagIndex = new Map();
      for (const r of this.resources) {
        const tags = rec(r.inputs.tags) ?? rec(rec(r.outputs)?.tags);
        if (!tags) continue;
        for (const [k, v] of Object.entries(tags)) if (typeof v === "string") push(this.tagIndex, `${k}\u0000${v}`, r);
      }
    }
    return this.tagIndex.get(`${key}\u0000${value}`) ?? [];
  }

  /**
   * Keeps the candidates the declared value names: for each identifier in it, the candidates whose output
   * identifiers equal it, else the candidates with the longest name it contains. All of them are kept when the
   * value holds a marker or names none.
   */
  private narrow(candidates: ResourceView[], value: unknown): ResourceView[] {
    const raw = arr(value);
    if (raw.length === 0 || raw.some((v) => typeof v !== "string" || isMarker(v))) return candidates;
    const keep = new Set<ResourceView>();
    for (const v of raw as string[]) {
      const exact = candidates.filter((c) => (this.byValue.get(v) ?? []).includes(c));
      if (exact.length > 0) {
        exact.forEach((c) => keep.add(c));
        continue;
      }
      const named = candidates.filter((c) => c.name !== "" && v.includes(c.name));
      if (named.length === 0) continue;
      const longest = Math.max(...named.map((c) => c.name.length));
      named.filter((c) => c.name.length === longest).forEach((c) => keep.add(c));
    }
    return keep.size === 0 ? candidates : candidates.filter((c) => keep.has(c));
  }
}

/** The most common declared region among the resources. */
export function inferRegion(resources: readonly ResourceView[]): string | undefined {
  function* regions() {
    for (const r of resources) {
      const region = str(r.inputs.region);
      if (region) yield region;
    }
  }
  return mostCommon(regions());
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
