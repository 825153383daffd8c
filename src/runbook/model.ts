/**
 * The DR runbook as data: per failure scenario of the audit, the copy to restore from, the ordered steps with the
 * cloud commands that act on the stack's declared resources, the CENM services to bring back in order, and the
 * checks that prove the service is back. The Markdown is rendered from this; the tests read it structurally.
 */
import type { CenmService } from "../domain/cenm";
import type { AuditSource, FailoverCheck, FigureBasis, ObjectiveAssessment, Scenario } from "../audit/types";

/**
 * A declared resource a step names. `value` is its physical name (identifier, name, id, ARN) when the input says
 * it: declared by the program, recorded in a state, or known to a preview. Otherwise `unknown` says why, and the
 * runbook prints a placeholder marked "known after deployment" instead of inventing a name.
 */
export interface ResourceRef {
  ref: "resource";
  urn: string;
  /** Logical name in the program. */
  name: string;
  type: string;
  /** What the value is: "identifier", "name", "id", "ARN", "resource group", "key URI"... */
  attribute: string;
  value?: string;
  unknown?: string;
  region?: string;
}

/** A value chosen at recovery time or living outside the stack (a restore time, a new name, a CENM host). */
export interface Param {
  ref: "param";
  /** What to put there, in words. */
  what: string;
}

/** One piece of a command line: literal text, a declared resource, or a value the operator supplies. */
export type Part = string | ResourceRef | Param;

/** The oldest release of a CLI that has the subcommand and flags a command uses, and where that is read. */
export interface CliMinimum {
  /** The CLI, e.g. "AWS CLI v2". */
  cli: string;
  /** Its first release with them, e.g. "2.22.1". */
  version: string;
  /** What needs it, e.g. "efs delete-replication-configuration --deletion-mode". */
  what: string;
  /** The changelog (or reference) that dates it. */
  source: string;
}

export interface Command {
  /** The tool the line runs: the cloud CLIs, or a shell tool on a CENM host (mount, curl, openssl, psql). */
  tool: "aws" | "az" | "shell";
  parts: Part[];
  /** Set when the command needs a newer CLI than the first release of its major version. */
  minimum?: CliMinimum;
}

/**
 * What a step is for. "failback": once the lost site is back, bring what runs back to the roles the stack declares,
 * before any `pulumi up`; a restore writer returns it with its component's steps, and the runbook prints it under
 * the scenario's "Afterwards", before the refresh.
 */
export type StepKind = "prepare" | "restore" | "repoint" | "service" | "crl" | "check" | "failback" | "reconcile";

export interface Step {
  kind: StepKind;
  /** What to do, one sentence. */
  title: string;
  /** Why, or what to watch for. */
  detail?: string;
  commands: Command[];
}

/** What the runbook restores for one component (a database, a file store, the signing keys) in one scenario. */
export interface ComponentPlan {
  kind: "database" | "files" | "keys";
  label: string;
  /** The copy the audit counts on, in its words; undefined when no declared copy survives. */
  restoreFrom?: string;
  /** The structured kind of that copy ("standby", "cross-region-replica", "vault", "key-copy"...). */
  copyKind?: string;
  rpoSeconds?: number;
  rtoSeconds?: number;
  /** Loss of a key copy: the copy the audit's worst case loses (the best one), which the steps do without. */
  lost?: string;
  steps: Step[];
  /** Other declared copies that also survive (key copies: each with its own retrieval steps). */
  alternatives: { restoreFrom: string; steps: Step[] }[];
}

export interface ServiceStart {
  order: number;
  service: CenmService;
  title: string;
  why: string;
  /** Whether this scenario restored something the service depends on (else it is restarted only if its host moved). */
  restored: boolean;
  /** What proves it is up, in words, and the commands that show it. */
  check: string;
  checks: Command[];
}

export interface RunbookScenario {
  id: Scenario["id"];
  title: string;
  /** The audit's figures; both undefined when the declared topology cannot recover. */
  rpoSeconds?: number;
  rtoSeconds?: number;
  rpoBasis?: FigureBasis;
  rtoBasis?: FigureBasis;
  /** The audit's sentence on which copy saves the day (or what is missing). */
  savedBy: string;
  basis: string;
  /** The copies that set the RPO and the RTO, as the audit names them. */
  rpoSetBy?: string;
  rtoSetBy?: string;
  /** The stack's recovery objective for this scenario, judged by the audit, with the cloud's floor. */
  objective?: ObjectiveAssessment;
  /** Loss of the primary region: which of R3's recommendations still hold once the DR region has taken over. */
  afterFailover?: FailoverCheck[];
  recoverable: boolean;
  /** When not recoverable: the components no declared copy of survives, and a plain statement of it. */
  notRecoverable?: { components: string[]; statement: string; surviving: string[] };
  /** Steps before restoring (fence the failed side, freeze writers). */
  prepare: Step[];
  components: ComponentPlan[];
  /** CENM services in start order (empty when not recoverable). */
  services: ServiceStart[];
  /** The CRL reissue step, with the deadline (empty when not recoverable or no signing path is touched). */
  crl: Step[];
  /** Checks that prove the restored resources and CENM are back. */
  checks: Step[];
  /** After the service is back: bring the stack's declaration in line with what now runs. */
  reconcile: Step[];
}

export interface Runbook {
  stack: string;
  environment?: string;
  cloud: "aws" | "azure" | "mixed" | "unknown";
  source: AuditSource;
  origin: string;
  generatedAt: string;
  primaryRegion?: string;
  drRegion?: string;
  crl: { validityDays?: number; message: string; met: boolean | undefined };
  startOrderSource: { source: string; url: string };
  scenarios: RunbookScenario[];
  /** Every declared resource the runbook names, once, with its physical name or why it is not known. */
  resources: ResourceRef[];
}
