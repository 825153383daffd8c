/**
 * Reads the output of `pulumi stack export` (deployment version 3, or 4 with the features listed below) as audit
 * input: every resource the stack manages with its recorded inputs, outputs and property dependencies, and the root
 * stack's outputs as the stack outputs.
 *
 * What Pulumi's own reader does (pulumi/pulumi sdk/pkg/resource/stack/deployment.go, UnmarshalUntypedDeployment):
 * versions 3 and 4 decode into the same DeploymentV3; a version 4 export names the features it uses in `features`,
 * and a reader refuses any feature it does not know. The export omits an empty resource list (apitype.DeploymentV3,
 * `resources,omitempty`), which is what a new or emptied stack exports.
 */
import { z } from "zod";
import type { AuditInput, AuditResource } from "../types";
import { AuditInputError, describeZodError } from "./errors";
import { resourceStateSchema, ResourceStateJson } from "./schemas";
import { cleanProperties, isAuditedType, nameOfUrn, STACK_TYPE, stackOfUrn, toAuditResource } from "./values";

export const stateExportSchema = z.object({
  version: z.number(),
  features: z.array(z.string()).nullish(),
  deployment: z.object({
    manifest: z.object({ time: z.string().optional(), magic: z.string().optional(), version: z.string().optional() }).passthrough(),
    secrets_providers: z.object({ type: z.string() }).passthrough().nullish(),
    // Omitted when empty (a new stack, or one whose resources were all destroyed).
    resources: z.array(resourceStateSchema).nullish(),
    pending_operations: z.array(z.object({ resource: z.object({ urn: z.string(), type: z.string() }).passthrough(), type: z.string() }).passthrough()).nullish(),
  }),
});

const WHAT = "not a Pulumi stack export";

/**
 * Deployment features of a version 4 export that change nothing the audit reads, or whose encoding it reads:
 * `refreshBeforeUpdate`, `hooks`, `taint` (resource flags), `views` (resources a provider reports as views of another,
 * read like any other) and `outputDependencies` (property values written as output values, see cleanValue).
 */
export const READABLE_FEATURES: readonly string[] = ["hooks", "outputDependencies", "refreshBeforeUpdate", "taint", "views"];

/** Converts a parsed `pulumi stack export` document; `file` names it in error messages and in the report. */
export function fromStateExport(json: unknown, file: string): AuditInput {
  const parsed = stateExportSchema.safeParse(json);
  if (!parsed.success) throw new AuditInputError(file, `${WHAT}: ${describeZodError(parsed.error)}`);
  const { version, features, deployment } = parsed.data;
  if (version !== 3 && version !== 4) throw new AuditInputError(file, `${WHAT}: version ${version} is not supported (expected deployment version 3, or 4 with the features ${READABLE_FEATURES.join(", ")})`);
  const unreadable = version === 4 ? (features ?? []).filter((f) => !READABLE_FEATURES.includes(f)) : [];
  if (unreadable.length > 0) {
    throw new AuditInputError(file, `${WHAT} this audit can read: it uses the deployment feature${unreadable.length === 1 ? "" : "s"} ${unreadable.join(", ")} (readable: ${READABLE_FEATURES.join(", ")})`);
  }
  const resources = deployment.resources ?? [];
  const notes: string[] = [];
  for (const op of deployment.pending_operations ?? []) {
    notes.push(
      `${file}: an update was interrupted while ${op.type} ${nameOfUrn(op.resource.urn)} (${op.resource.type}) (pending_operations): ${op.type === "creating" ? "the resource may exist in the cloud although the state does not list it" : "the state may not say what the cloud holds"}; \`pulumi refresh\` (or \`pulumi stack import\` after a manual check) settles it`,
    );
  }
  const external = resources.filter((r) => r.external === true && r.delete !== true && isAuditedType(r.type));
  if (external.length > 0) {
    notes.push(`${file}: ${external.length} resource${external.length === 1 ? "" : "s"} the program reads but does not manage (external) left out: ${external.map((r) => nameOfUrn(r.urn)).join(", ")}`);
  }
  const managed = resources.filter((r) => r.delete !== true && r.external !== true);
  const input = fromResourceStates(managed, "state", file, file);
  return notes.length > 0 ? { ...input, notes } : input;
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
