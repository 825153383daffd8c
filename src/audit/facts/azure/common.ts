/**
 * What every Azure element reader needs: where a resource is (its `location`, else its resource group's), the
 * region Azure copies geo-redundant data to, the element tag, and ISO 8601 durations as Azure writes schedules
 * and retentions.
 */
import { AZURE_REGION_PAIRS } from "../../../domain/regions";
import type { AuditResource } from "../../types";
import type { ResourceGraph } from "../../../domain/resources/graph";
import { isPublicCidr } from "../../../domain/addresses";
import { arr, mostCommon, rec, str } from "../../../domain/resources/values";
import { T } from "./tokens";

/** What the engine knows from the stack outputs (the designated records), passed to the Azure reader. */
export interface AzureContext {
  primaryRegion?: string;
  drRegion?: string;
}

/** `West Europe` and `westeurope` name the same region. */
export function normalizeLocation(value: unknown): string | undefined {
  const s = str(value)?.toLowerCase().replace(/\s+/g, "");
  return s && s !== "global" ? s : undefined;
}

/** Shared lookups of one read: regions of the program and the paired region. */
export class AzurePlace {
  private readonly groupRegion = new Map<string, string>();
  /** Regions the program places resources in, most common first. */
  readonly regions: string[];

  constructor(
    private readonly g: ResourceGraph,
    readonly context: AzureContext,
  ) {
    const seen: string[] = [];
    for (const rg of g.ofType(T.resourceGroup)) {
      const loc = normalizeLocation(rg.inputs.location) ?? normalizeLocation(rec(rg.outputs)?.location);
      if (loc) this.groupRegion.set(rg.urn, loc);
    }
    for (const r of g.resources) {
      const loc = normalizeLocation(r.inputs.location);
      if (loc && r.type.startsWith("azure-native:")) seen.push(loc);
    }
    const counts = new Map<string, number>();
    for (const s of seen) counts.set(s, (counts.get(s) ?? 0) + 1);
    this.regions = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([k]) => k);
  }

  /** The resource group a resource is declared in, when the program declares it. */
  group(r: AuditResource): AuditResource | undefined {
    return this.g.ref(r, "resourceGroupName", [T.resourceGroup], r.inputs.resourceGroupName);
  }

  /** Region of a resource: its location, else its resource group's, else the primary region, else the most common one. */
  regionOf(r: AuditResource): string {
    const own = normalizeLocation(r.inputs.location) ?? normalizeLocation(rec(r.outputs)?.location);
    if (own) return own;
    const rg = this.group(r);
    const fromGroup = rg ? this.groupRegion.get(rg.urn) : undefined;
    return fromGroup ?? this.context.primaryRegion ?? this.regions[0] ?? this.g.defaultRegion ?? "unknown";
  }

  /**
   * Where Azure puts the geo-redundant copy of data held in `region`: the documented pair of the region, else the
   * DR region the stack outputs name, else the other region the program uses most.
   */
  pairedRegion(region: string): string | undefined {
    const pair = AZURE_REGION_PAIRS[region];
    if (pair) return pair;
    if (this.context.drRegion && this.context.drRegion !== region) return this.context.drRegion;
    return mostCommon(this.regions.filter((r) => r !== region));
  }
}

/** The element tag (`cenm-backup-element` on Azure, where tag names cannot hold a colon, or `cenm-backup:element`). */
export function elementTag(r: AuditResource): string | undefined {
  const tags = rec(r.inputs.tags) ?? rec(rec(r.outputs)?.tags);
  return str(tags?.["cenm-backup-element"]) ?? str(tags?.["cenm-backup:element"]);
}

/** Hours in an ISO 8601 duration (`P1W`, `P1D`, `PT4H`, `P1M`); NaN when it cannot be read. Months are 30 days, years 365. */
export function isoDurationHours(value: unknown): number {
  const s = str(value)?.trim().toUpperCase();
  const m = s ? /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(s) : null;
  if (!m || s === "P" || s === "PT") return Number.NaN;
  const n = (i: number) => (m[i] ? Number(m[i]) : 0);
  return (n(1) * 365 + n(2) * 30 + n(3) * 7 + n(4)) * 24 + n(5) + n(6) / 60 + n(7) / 3600;
}

/** Hours between two runs of an Azure repeating interval (`R/<start>/<duration>`, or a bare duration). */
export function repeatingIntervalHours(value: unknown): number {
  const s = str(value);
  if (!s) return Number.NaN;
  const parts = s.split("/");
  return isoDurationHours(parts[parts.length - 1]);
}

/** `Enabled`, `enabled`, `AlwaysON` and `AlwaysOn` alike: a case-insensitive comparison of a declared setting. */
export function setting(value: unknown): string | undefined {
  return str(value)?.toLowerCase();
}

/**
 * The public addresses or ranges a firewall's IP rules admit: Key Vault `networkAcls.ipRules[].value`
 * (AZURE_DOCS.keyVaultNetworkSecurity) and storage `networkRuleSet.ipRules[].iPAddressOrRange`
 * (AZURE_DOCS.storageNetworkSecurity), an allow rule each. A private range admits nobody from the Internet and is
 * left out.
 */
export function publicIpRules(rules: unknown): string[] {
  return arr(rules)
    .map(rec)
    .filter((r): r is Record<string, unknown> => r !== undefined && (setting(r.action) ?? "allow") === "allow")
    .map((r) => str(r.value) ?? str(r.iPAddressOrRange) ?? str(r.ipAddressOrRange))
    .filter((v): v is string => v !== undefined && isPublicCidr(v) === true);
}
