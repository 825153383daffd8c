/**
 * Runs the controls over the facts and applies the stack's waivers.
 *
 * A failed control is excused by a waiver whose id is the control's id or one of its `waivedBy` ids, provided the
 * waiver gives a reason of at least MIN_WAIVER_REASON characters and has not expired. An excused finding still
 * says "fail" (the weakening is real) and carries the waiver, so reports can show both. A control that throws
 * becomes a failed finding carrying the error, so one faulty control never stops the audit.
 */
import { CONTROLS } from "./controls";
import type { Control, Facts, Finding, Waiver } from "./types";

/** Shortest written reason a waiver needs, characters (the stack config asks for the same). */
export const MIN_WAIVER_REASON = 20;

/** `today` as YYYY-MM-DD in UTC, the format waiver expiry dates are written in. */
function isoDay(today: Date): string {
  return today.toISOString().slice(0, 10);
}

/** Whether a waiver can excuse anything today: a long enough reason and no past expiry date. */
export function waiverIsValid(w: Waiver, day: string): boolean {
  if (typeof w.reason !== "string" || w.reason.trim().length < MIN_WAIVER_REASON) return false;
  return w.expires === undefined || w.expires >= day;
}

/** Finds the valid waiver that excuses `control`, if any (first in the stack's order). */
function waiverFor(control: Control, byId: ReadonlyMap<string, Waiver[]>): Waiver | undefined {
  for (const id of [control.id, ...(control.waivedBy ?? [])]) {
    const w = byId.get(id)?.[0];
    if (w !== undefined) return w;
  }
  return undefined;
}

export function evaluate(facts: Facts, controls: Control[] = CONTROLS, today: Date = new Date()): Finding[] {
  const day = isoDay(today);
  const byId = new Map<string, Waiver[]>();
  for (const w of facts.waivers) {
    if (!waiverIsValid(w, day)) continue;
    const list = byId.get(w.id) ?? [];
    list.push(w);
    byId.set(w.id, list);
  }
  return controls.map((control): Finding => {
    const head = { id: control.id, title: control.title, recommendation: control.recommendation, severity: control.severity };
    let found: Finding;
    try {
      const r = control.evaluate(facts);
      found = { ...head, outcome: r.outcome, message: r.message, evidence: r.evidence };
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      found = { ...head, outcome: "fail", message: `The control could not be evaluated: ${why}`, evidence: [] };
    }
    if (found.outcome !== "fail") return found;
    const waiver = waiverFor(control, byId);
    return waiver === undefined ? found : { ...found, waiver };
  });
}
