/**
 * Reads the output of `pulumi stack export` (deployment version 3) as audit input: every resource with its
 * recorded inputs, outputs and property dependencies, and the root stack's outputs as the stack outputs.
 */
import { z } from "zod";
import type { AuditInput, AuditResource } from "../types";
import { AuditInputError, describeZodError } from "./errors";
import { resourceStateSchema, ResourceStateJson } from "./schemas";
import { cleanProperties, isAuditedType, STACK_TYPE, stackOfUrn, toAuditResource } from "./values";

export const stateExportSchema = z.object({
  version: z.number(),
  deployment: z.object({
    manifest: z.object({ time: z.string().optional(), magic: z.string().optional(), version: z.string().optional() }).passthrough(),
    secrets_providers: z.object({ type: z.string() }).passthrough().nullish(),
    resources: z.array(resourceStateSchema),
  }),
});

const WHAT = "not a Pulumi stack export";

/** Converts a parsed `pulumi stack export` document; `file` names it in error messages and in the report. */
export function fromStateExport(json: unknown, file: string): AuditInput {
  const parsed = stateExportSchema.safeParse(json);
  if (!parsed.success) throw new AuditInputError(file, `${WHAT}: ${describeZodError(parsed.error)}`);
  const { version, deployment } = parsed.data;
  if (version !== 3) throw new AuditInputError(file, `${WHAT}: version ${version} is not supported (expected deployment version 3)`);
  return fromResourceStates(deployment.resources.filter((r) => r.delete !== true), "state", file, file);
}

/**
 * The part both state readers share: one audit resource per URN, the stack outputs from the root stack, and the
 * stack name from the URNs.
 */
export function fromResourceStates(states: ResourceStateJson[], source: AuditInput["source"], file: string, origin: string): AuditInput {
  const resources: AuditResource[] = [];
  const seen = new Set<string>();
  let stackOutputs: Record<string, unknown> = {};
  let stack: string | undefined;
  for (const s of states) {
    stack ??= stackOfUrn(s.urn);
    if (s.type === STACK_TYPE) {
      stackOutputs = cleanProperties(s.outputs ?? undefined);
      continue;
    }
    if (!isAuditedType(s.type)) continue;
    if (seen.has(s.urn)) throw new AuditInputError(file, `resource ${s.urn} appears twice`);
    seen.add(s.urn);
    resources.push(
      toAuditResource({
        urn: s.urn,
        type: s.type,
        custom: s.custom,
        inputs: s.inputs ?? undefined,
        outputs: s.outputs ?? undefined,
        parent: s.parent ?? undefined,
        protect: s.protect ?? undefined,
        retainOnDelete: s.retainOnDelete ?? undefined,
        propertyDependencies: Object.fromEntries(Object.entries(s.propertyDependencies ?? {}).map(([k, v]) => [k, v ?? []])),
        aliases: s.aliases ?? undefined,
      }),
    );
  }
  return { stack: stack ?? "unknown", source, origin, resources, stackOutputs };
}
