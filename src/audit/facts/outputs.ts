/**
 * The designated records in the stack outputs: environment, regions, offline key copies, waivers, the CRL
 * validity and the recovery objectives. Nothing else in the outputs is read (a component's description of itself is not evidence).
 */
import type { Facts, KeyCopyFact, Waiver } from "../types";
import { RECORD_KEYS as K } from "../../domain/outputs";
import { parseDuration } from "../../domain/durations";
import { OBJECTIVE_KEYS } from "../../domain/objectives";
import { arr, isMarker, num, rec, str, strings } from "../../domain/resources/values";

/** Offline copies recorded in `keys.offlineCopies`: outside any cloud, so offline and unreachable by definition. */
export function offlineCopies(stackOutputs: Record<string, unknown>): KeyCopyFact[] {
  return arr(rec(stackOutputs[K.keys])?.offlineCopies).flatMap((raw): KeyCopyFact[] => {
    const c = rec(raw);
    const id = str(c?.id);
    if (!c || !id) return [];
    const custodians = strings(c.custodians);
    const detail = [
      `${str(c.medium) ?? "unrecorded medium"} at ${str(c.location) ?? "an unrecorded location"}`,
      `custodians ${custodians.length > 0 ? custodians.join(" + ") : "not recorded"}`,
      `last verified ${str(c.lastVerified) ?? "never recorded"}`,
    ].join("; ");
    const location = str(c.location);
    return [{ id: `offline:${id}`, kind: "offline", region: "offline", immutable: true, internetReachable: false, customerManagedKey: false, detail, ...(location ? { location } : {}) }];
  });
}

/** Waivers recorded in `waivers`; an entry without an id is dropped, one without a reason keeps an empty reason (and will not excuse). */
export function waivers(stackOutputs: Record<string, unknown>): Waiver[] {
  return arr(stackOutputs[K.waivers]).flatMap((raw): Waiver[] => {
    const w = rec(raw);
    const id = str(w?.id);
    if (!w || !id) return [];
    const approvedBy = str(w.approvedBy);
    const expires = str(w.expires);
    return [{ id, reason: str(w.reason) ?? "", ...(approvedBy ? { approvedBy } : {}), ...(expires ? { expires } : {}) }];
  });
}

export function crlValidityDays(stackOutputs: Record<string, unknown>): number | undefined {
  return num(rec(stackOutputs[K.signing])?.crlValidityDays);
}

/** A duration recorded in seconds, else as written ("15 min"); "unknown" for a value only the deployment computes. */
function recordedSeconds(seconds: unknown, text: unknown): number | "unknown" | undefined {
  if (isMarker(seconds) || isMarker(text)) return "unknown";
  const n = num(seconds);
  if (n !== undefined && n >= 0) return n;
  const t = str(text);
  return t === undefined ? undefined : parseDuration(t);
}

/**
 * The recovery objectives recorded in `recoveryObjectives`, per disruption; undefined when the stack records none
 * (the audit then applies its environment's defaults). A whole record only the deployment computes makes every
 * objective "unknown"; an entry with neither a readable RPO nor RTO is left out.
 */
export function recoveryObjectives(stackOutputs: Record<string, unknown>): Facts["objectives"] {
  const raw = stackOutputs[K.recoveryObjectives];
  if (raw === undefined) return undefined;
  if (isMarker(raw)) return Object.fromEntries(OBJECTIVE_KEYS.map((k) => [k, "unknown"]));
  const record = rec(raw);
  if (!record) return undefined;
  const out: NonNullable<Facts["objectives"]> = {};
  for (const key of OBJECTIVE_KEYS) {
    const entry = record[key];
    if (isMarker(entry)) {
      out[key] = "unknown";
      continue;
    }
    const o = rec(entry);
    if (!o) continue;
    const rpo = recordedSeconds(o.rpoSeconds, o.rpo);
    const rto = recordedSeconds(o.rtoSeconds, o.rto);
    if (rpo === "unknown" || rto === "unknown") out[key] = "unknown";
    else if (rpo !== undefined && rto !== undefined) out[key] = { rpoSeconds: rpo, rtoSeconds: rto };
  }
  return out;
}
