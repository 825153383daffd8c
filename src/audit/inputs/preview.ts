/**
 * Reads the output of `pulumi preview --json` as audit input: the state each step would leave behind (creates,
 * updates, replacements and unchanged resources; deletions are left out), with computed values shown as
 * "[unknown]".
 */
import { z } from "zod";
import type { AuditInput } from "../types";
import { AuditInputError, describeZodError } from "./errors";
import { resourceStateSchema, ResourceStateJson } from "./schemas";
import { fromResourceStates } from "./state";

export const previewSchema = z.object({
  config: z.record(z.unknown()).nullish(),
  steps: z.array(
    z.object({
      op: z.string().min(1),
      urn: z.string().min(1),
      provider: z.string().nullish(),
      newState: resourceStateSchema.nullish(),
      oldState: resourceStateSchema.nullish(),
    }),
  ),
  diagnostics: z.array(z.unknown()).nullish(),
  changeSummary: z.record(z.number()).nullish(),
});

/** Step operations whose new state is what the stack holds after the update. */
const KEPT_OPS = new Set(["same", "create", "update", "replace", "create-replacement", "import", "import-replacement", "read", "read-replacement", "refresh"]);
/** Operations that remove a resource (or an old copy of it): their states are not part of the result. */
const DROPPED_OPS = new Set(["delete", "delete-replaced", "discard", "discard-replaced", "remove-pending-replace", "read-discard"]);

const WHAT = "not a Pulumi preview (pulumi preview --json)";

/** Converts a parsed `pulumi preview --json` document; `file` names it in error messages and in the report. */
export function fromPreviewJson(json: unknown, file: string): AuditInput {
  const parsed = previewSchema.safeParse(json);
  if (!parsed.success) throw new AuditInputError(file, `${WHAT}: ${describeZodError(parsed.error)}`);
  const states: ResourceStateJson[] = [];
  const operations = new Map<string, string>();
  const taken = new Set<string>();
  parsed.data.steps.forEach((step, i) => {
    if (DROPPED_OPS.has(step.op)) return;
    if (!KEPT_OPS.has(step.op)) throw new AuditInputError(file, `${WHAT}: steps[${i}].op: unknown operation "${step.op}"`);
    if (!step.newState) throw new AuditInputError(file, `${WHAT}: steps[${i}].newState is missing (op "${step.op}")`);
    // A replacement appears as several steps with the same new state: keep one.
    if (taken.has(step.newState.urn)) return;
    taken.add(step.newState.urn);
    operations.set(step.newState.urn, step.op);
    states.push(step.newState);
  });
  const input = fromResourceStates(states, "preview", file, file);
  // A preview tells a creation from an update: the platform limits on creation read it.
  for (const r of input.resources) {
    const op = operations.get(r.urn);
    if (op) r.operation = op;
  }
  return input;
}
