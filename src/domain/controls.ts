/**
 * The identifiers of the audit's controls (src/audit/controls), which a stack's waivers may name. Written here so
 * that config validation can refuse a waiver of a control that does not exist without importing the audit; a test
 * holds this list equal to the controls the audit registers.
 */
export const CONTROL_IDS = [
  "CENM-DB-01",
  "CENM-DB-02",
  "CENM-DB-03",
  "CENM-DB-04",
  "CENM-DB-05",
  "CENM-DB-06",
  "CENM-DB-07",
  "CENM-DB-08",
  "CENM-SN-01",
  "CENM-SN-02",
  "CENM-SN-03",
  "CENM-SN-04",
  "CENM-SN-05",
  "CENM-SN-06",
  "CENM-SN-07",
  "CENM-FS-01",
  "CENM-FS-02",
  "CENM-FS-03",
  "CENM-FS-04",
  "CENM-FS-05",
  "CENM-KY-01",
  "CENM-KY-02",
  "CENM-KY-03",
  "CENM-KY-04",
  "CENM-KY-05",
  "CENM-KY-06",
  "CENM-KY-07",
  "CENM-GN-01",
  "CENM-GN-02",
  "CENM-GN-03",
  "CENM-GN-04",
  "CENM-GN-05",
  "CENM-GN-06",
  "CENM-GN-07",
  "CENM-GN-08",
  "CENM-RO-01",
  "CENM-RO-02",
  "CENM-RO-03",
  "CENM-RO-04",
  "CENM-RO-05",
] as const;

export type ControlId = (typeof CONTROL_IDS)[number];

/** The shape of a control id: CENM-<element>-<two digits> (RO: recovery objectives). */
export const CONTROL_ID = /^CENM-(DB|SN|FS|KY|GN|RO)-\d{2}$/;

/**
 * The change judgement's rules (src/audit/change): what a pull request or a preview does to a deployed stack. A
 * waiver excuses one change to one resource: its id is the rule's id, a colon and the resource's logical name
 * (`CENM-CH-01:cenm-db-primary`).
 */
export const CHANGE_RULE_IDS = ["CENM-CH-01", "CENM-CH-02", "CENM-CH-03", "CENM-CH-04", "CENM-CH-05", "CENM-CH-06", "CENM-CH-07"] as const;

export type ChangeRuleId = (typeof CHANGE_RULE_IDS)[number];

/** A waiver id naming one change: `CENM-CH-<nn>:<logical name>`. */
export const CHANGE_WAIVER_ID = /^CENM-CH-0[1-7]:[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** The waiver id that excuses `rule` on the resource named `name`. */
export function changeWaiverId(rule: ChangeRuleId, name: string): string {
  return `${rule}:${name}`;
}
