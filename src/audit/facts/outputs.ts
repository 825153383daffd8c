/**
 * The designated records in the stack outputs: environment, regions, offline key copies, waivers and the CRL
 * validity. Nothing else in the outputs is read (a component's description of itself is not evidence).
 */
import type { KeyCopyFact, Waiver } from "../types";
import { RECORD_KEYS as K } from "../../domain/outputs";
import { arr, num, rec, str, strings } from "../../domain/resources/values";

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
