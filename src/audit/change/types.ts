/**
 * The change judgement's vocabulary: what a pull request or a preview does to each resource of a deployed stack
 * (the change set), and what the judgement finds in it (the change findings, rules CENM-CH-01 to 07).
 */
import type { ChangeRuleId } from "../../domain/controls";
import type { AuditResource, Waiver } from "../types";

/** What happens to one resource. A rename with an alias is an update (or a same) of the resource it names. */
export type ChangeOp = "create" | "update" | "replace" | "delete" | "same";

/** Where the change set came from: the steps of a real preview, or a comparison of two offline plans. */
export type ChangeBasis = "preview" | "plans";

/** One resource the change touches. */
export interface ResourceChange {
  op: ChangeOp;
  /** The head's URN (the base's for a deletion). */
  urn: string;
  type: string;
  name: string;
  /** The resource as the base declares it (absent for a creation). */
  before?: AuditResource;
  /** The resource as the head declares it (absent for a deletion). */
  after?: AuditResource;
  /**
   * Inputs whose change forces the replacement: Pulumi's `replaceReasons` in a preview; offline, the changed inputs
   * whose dossier row says "replaces", and those named by `replaceOnChanges`.
   */
  replaceReasons: string[];
  /** Inputs that differ (a preview's `diffReasons`, or the offline comparison). */
  diffReasons: string[];
  /**
   * Offline only: changed inputs whose effect the dossier leaves to the provider (provider-decided) or that no row
   * explains; a real preview is needed to know whether they replace the resource.
   */
  uncertain: string[];
  /**
   * Preview only: Pulumi refuses this replacement or deletion because the resource is protected (the preview's error
   * diagnostic); `pulumi preview` exits 1 and `pulumi up` stops here until protection is lifted.
   */
  refused?: "replace" | "delete";
  /**
   * Preview only, on a deletion: the deleted object is not the live resource but an old copy (this provider ID) that
   * an earlier replacement left pending deletion (a lone `delete-replaced` step); the live resource stays.
   */
  oldCopyId?: string;
}

/** The change between a base and a head. */
export interface ChangeSet {
  basis: ChangeBasis;
  /** What the base was (a state file, a plan file, or "offline plan of <stack>"). */
  base: string;
  /** Every resource the change touches (ops other than same, and sames whose protection changed). */
  changes: ResourceChange[];
  /** What the reader of the change could not settle but a reviewer must know (see ChangeJudgement.notes). */
  notes?: string[];
}

export type ChangeSeverity = "error" | "warning" | "info";

/** One thing the change does that a reviewer must see. */
export interface ChangeFinding {
  rule: ChangeRuleId;
  /** The rule's title. */
  title: string;
  /** Logical name of the resource (the new name of a rename). */
  resource: string;
  type: string;
  urn: string;
  /**
   * error: in prod (or an unknown environment), unless a waiver names it; warning: elsewhere, or a possible
   * replacement the offline comparison cannot settle; info: recorded, no risk to data.
   */
  severity: ChangeSeverity;
  /** The inputs that force it or that changed. */
  properties: string[];
  /** What the change does and what would be lost. */
  message: string;
  /** How to keep the data: an alias, ignoreChanges, a staged migration... */
  avoid: string;
  /** The waiver that excuses it, when one names it. */
  waiver?: Waiver;
}

/** The judgement of a change set. */
export interface ChangeJudgement {
  basis: ChangeBasis;
  base: string;
  /** How many resources each operation touches (component resources and Pulumi's own left out). */
  counts: { create: number; update: number; replace: number; delete: number };
  /** Logical names of the resources replaced (stateful or not), deleted, and whose protection is lifted. */
  replaces: string[];
  deletes: string[];
  liftsProtection: string[];
  findings: ChangeFinding[];
  /** Findings of error severity that no waiver excuses: the audit exits 1 when this is not 0. */
  errorsFailing: number;
  /**
   * What the sources could not settle but a reviewer must know: Pulumi's own refusals (protection), steps a preview
   * could not print, an interrupted update recorded in a state; absent when there is nothing to say.
   */
  notes?: string[];
}

/** A rule of the change judgement. */
export interface ChangeRule {
  id: ChangeRuleId;
  title: string;
  /** How to avoid what the rule finds, in general (a finding may say more). */
  avoid: string;
}
