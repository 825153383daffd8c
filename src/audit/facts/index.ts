/**
 * deriveFacts: from what the resources declare to the facts the controls judge. The engine indexes the resources
 * once, lets each cloud's reader derive its part, and adds what does not depend on a cloud: environment, regions,
 * offline key copies, waivers, the CRL validity, plain-text secrets and the resources nobody reads.
 */
import { pushAll } from "../../domain/arrays";
import { checkPlatformLimits } from "../../domain/limits";
import type { AuditInput, AuditResource, ExposureFact, Facts, NetworkFact, SnapshotFacts } from "../types";
import { awsReader } from "./aws";
import { azureReader } from "./azure";
import { isBackupInquiry } from "./azure/known";
import { RECORD_KEYS as K } from "../../domain/outputs";
import { ResourceGraph, inferRegion } from "../../domain/resources/graph";
import { crlValidityDays, offlineCopies, recoveryObjectives, waivers } from "./outputs";
import type { CloudFacts, CloudReader } from "./reader";
import { plainSecrets } from "./secrets";
import { mostCommon, rec, str } from "../../domain/resources/values";

/** The readers, one per cloud. */
export const READERS: readonly CloudReader[] = [awsReader, azureReader];

export type { CloudFacts, CloudReader, ReaderContext } from "./reader";
export { ResourceGraph } from "../../domain/resources/graph";
export { intervalHours } from "../../domain/resources/schedule";

/** Pulumi's own resources and component resources are neither read nor unknown. */
function isEngineResource(r: AuditResource): boolean {
  return !r.custom || r.type === "pulumi:pulumi:Stack" || r.type.startsWith("pulumi:providers:");
}

function emptySnapshots(): SnapshotFacts {
  return { vaults: [], rules: [], protectedUrns: [], failureNotifications: false, alertRoutes: [], restoreTesting: [] };
}

function merge(parts: CloudFacts[]): CloudFacts {
  const out: CloudFacts = { databases: [], snapshots: emptySnapshots(), fileSystems: [], keyCopies: [], encryption: [], exposures: [], protection: [], privateAccess: [], networks: [] };
  for (const p of parts) {
    pushAll(out.databases, p.databases);
    pushAll(out.fileSystems, p.fileSystems);
    pushAll(out.keyCopies, p.keyCopies);
    pushAll(out.encryption, p.encryption);
    pushAll(out.exposures, p.exposures);
    if (out.privateAccess) pushAll(out.privateAccess, p.privateAccess ?? []);
    if (out.networks) pushAll(out.networks, p.networks ?? []);
    pushAll(out.protection, p.protection);
    pushAll(out.snapshots.vaults, p.snapshots.vaults);
    pushAll(out.snapshots.rules, p.snapshots.rules);
    pushAll(out.snapshots.protectedUrns, p.snapshots.protectedUrns);
    pushAll(out.snapshots.restoreTesting, p.snapshots.restoreTesting);
    pushAll(out.snapshots.alertRoutes, p.snapshots.alertRoutes);
    out.snapshots.failureNotifications = out.snapshots.failureNotifications || p.snapshots.failureNotifications;
  }
  return out;
}

/** The environment: the stack output `environment`, else the most common `cenm-backup:environment` tag. */
function environmentOf(input: AuditInput): string | undefined {
  const declared = str(input.stackOutputs[K.environment]);
  if (declared) return declared;
  function* tagged() {
    for (const r of input.resources) {
      const v = str(rec(r.inputs.tags)?.["cenm-backup:environment"]);
      if (v) yield v;
    }
  }
  return mostCommon(tagged());
}

/** The cloud: the stack output `cloud`, else the cloud whose reader knows most of the resources. */
function cloudOf(outputs: Record<string, unknown>, resources: readonly AuditResource[]): Facts["cloud"] {
  const declared = str(outputs[K.cloud]);
  if (declared === "aws" || declared === "azure") return declared;
  let best: Facts["cloud"];
  let most = 0;
  for (const reader of READERS) {
    const cloud = reader.cloud === "aws" ? "aws" : reader.cloud === "azure-native" ? "azure" : undefined;
    if (cloud === undefined) continue;
    const n = resources.filter((r) => !isEngineResource(r) && reader.knows(r.type)).length;
    if (n > most) {
      most = n;
      best = cloud;
    }
  }
  return best;
}

/** The DR region: the most common region other than the primary among the copies the facts describe. */
function inferDrRegion(parts: CloudFacts, primary: string | undefined): string | undefined {
  function* regions() {
    for (const db of parts.databases) for (const c of db.copies) yield c.region;
    for (const rule of parts.snapshots.rules) for (const c of rule.copies) if (c.region) yield c.region;
    for (const v of parts.snapshots.vaults) yield v.region;
    for (const fs of parts.fileSystems) yield* fs.replicationRegions;
    for (const k of parts.keyCopies) yield k.region;
  }
  function* others() {
    for (const r of regions()) if (r !== primary && r !== "offline" && r !== "unknown") yield r;
  }
  return mostCommon(others());
}

/**
 * The primary region, when the stack outputs do not name it: where the databases, file systems and the vaults the
 * backup rules write to are, else the most common region among the resources.
 */
function inferPrimaryRegion(parts: CloudFacts, resources: readonly AuditResource[]): string | undefined {
  const ruleVaults = new Set(parts.snapshots.rules.map((r) => r.vaultUrn));
  function* regions() {
    for (const db of parts.databases) yield db.region;
    for (const fs of parts.fileSystems) yield fs.region;
    for (const v of parts.snapshots.vaults) if (ruleVaults.has(v.urn)) yield v.region;
  }
  return mostCommon(regions()) ?? inferRegion(resources);
}

/**
 * A path to the Internet from a key vault network exposes the key store behind it, as an attached gateway always
 * has in this audit: each certain path of a network holding keys is an exposure too (CENM-GN-02), beside the
 * network's own judgement (CENM-GN-08). Paths out of data networks are not public endpoints and stay GN-08's.
 */
function keyNetworkExposures(networks: readonly NetworkFact[]): ExposureFact[] {
  const out: ExposureFact[] = [];
  const seen = new Set<string>();
  for (const n of networks) {
    if (n.holds !== "keys") continue;
    for (const p of n.paths) {
      const key = `${p.urn}\u0000${p.reason}`;
      if (p.unknown || seen.has(key)) continue;
      seen.add(key);
      out.push({ urn: p.urn, name: p.name, type: p.type, reason: `${p.reason} (from the key vault network ${n.name})` });
    }
  }
  return out;
}

/** Derives the facts of a stack from what its resources declare. Linear in the number of resources. */
export function deriveFacts(input: AuditInput): Facts {
  const resources = Array.isArray(input.resources) ? input.resources : [];
  const outputs = rec(input.stackOutputs) ?? {};
  const declaredPrimary = str(outputs[K.primaryRegion]);
  // Resources without a region input run in the provider's default region, which the resources do not show.
  const g = new ResourceGraph(resources, declaredPrimary ?? inferRegion(resources));
  const declaredDr = str(outputs[K.drRegion]);
  const context = { ...(declaredPrimary ? { primaryRegion: declaredPrimary } : {}), ...(declaredDr ? { drRegion: declaredDr } : {}) };
  const parts = merge(READERS.map((reader) => reader.read(g, context)));
  const primaryRegion = declaredPrimary ?? inferPrimaryRegion(parts, resources);
  const drRegion = declaredDr ?? inferDrRegion(parts, primaryRegion);

  const unknown: Facts["unknown"] = [];
  const secrets: Facts["plainSecrets"] = [];
  for (const r of resources) {
    pushAll(secrets, plainSecrets(r));
    if (isEngineResource(r)) continue;
    if (!READERS.some((reader) => reader.knows(r.type)) && !isBackupInquiry(g, r)) unknown.push({ urn: r.urn, type: r.type, name: r.name });
  }

  const environment = environmentOf({ ...input, stackOutputs: outputs });
  const crl = crlValidityDays(outputs);
  const cloud = cloudOf(outputs, resources);
  const objectives = recoveryObjectives(outputs);
  return {
    stack: input.stack,
    ...(environment !== undefined ? { environment } : {}),
    ...(primaryRegion !== undefined ? { primaryRegion } : {}),
    ...(drRegion !== undefined ? { drRegion } : {}),
    databases: parts.databases,
    snapshots: { ...parts.snapshots, protectedUrns: [...new Set(parts.snapshots.protectedUrns)] },
    fileSystems: parts.fileSystems,
    keyCopies: [...parts.keyCopies, ...offlineCopies(outputs)],
    encryption: parts.encryption,
    exposures: [...parts.exposures, ...keyNetworkExposures(parts.networks ?? [])],
    privateAccess: parts.privateAccess ?? [],
    networks: parts.networks ?? [],
    plainSecrets: secrets,
    protection: parts.protection,
    platformLimitViolations: checkPlatformLimits(g),
    unknown,
    waivers: waivers(outputs),
    ...(crl !== undefined ? { crlValidityDays: crl } : {}),
    ...(cloud !== undefined ? { cloud } : {}),
    ...(objectives !== undefined ? { objectives } : {}),
  };
}
