/**
 * The stack outputs an auditor relies on, written by the topologies and read by the audit: one interface for both
 * sides. Everything else a stack exports (endpoints, ARNs, a component's description of its copies) is for
 * operators and is not evidence.
 */
import type { Cloud, Environment, OfflineCopy } from "./vocabulary";
import type { ObjectiveKey, ObjectiveText, RecoveryTarget } from "./objectives";

/** A written waiver as the stack exports it. */
export interface WaiverRecord {
  id: string;
  reason: string;
  approvedBy?: string;
  expires?: string;
}

/** A recovery objective as the stack exports it: as written, and in seconds. */
export type ObjectiveRecord = ObjectiveText & RecoveryTarget;

/** The designated records among a stack's outputs. */
export interface StackRecords {
  cloud: Cloud;
  environment: Environment;
  primaryRegion: string;
  drRegion: string;
  /** CENM's CRL validity, which bounds how long the signing path may stay down. */
  signing: { crlValidityDays: number };
  waivers: WaiverRecord[];
  /** The copies of the signing keys kept outside the cloud, as the operator records them. */
  keys: { offlineCopies: OfflineCopy[] } & Record<string, unknown>;
  /**
   * The stack's recovery objectives per disruption (its configuration's `recoveryObjectives`, preset included),
   * which the audit judges each scenario against. The program adds it beside the topology's outputs (src/program.ts).
   */
  recoveryObjectives?: Partial<Record<ObjectiveKey, ObjectiveRecord>>;
}

/** What a topology returns: the records, and the operators' outputs beside them. */
export type StackOutputs = StackRecords & Record<string, unknown>;

/** The names of the records, for readers of outputs that arrive untyped (a state file, a preview). */
export const RECORD_KEYS = {
  cloud: "cloud",
  environment: "environment",
  primaryRegion: "primaryRegion",
  drRegion: "drRegion",
  signing: "signing",
  waivers: "waivers",
  keys: "keys",
  recoveryObjectives: "recoveryObjectives",
} as const satisfies { [K in keyof StackRecords]: K };
