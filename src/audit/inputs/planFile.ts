/**
 * The shape of a plan file written by `cenm-backup plan --json`, checked before the plan converter reads it so
 * that a wrong or damaged file is named with what is wrong instead of failing somewhere inside the audit.
 */
import { z, ZodError } from "zod";
import type { PlanDocument } from "../../offline/plan";
import { AuditInputError, describeZodError } from "./errors";

/** One resource of a plan file. */
const planResourceSchema = z
  .object({
    urn: z.string().min(1),
    type: z.string().min(1),
    name: z.string().min(1),
    parent: z.string().optional(),
    inputs: z.record(z.unknown()),
    propertyDependencies: z.record(z.array(z.string())).optional(),
    options: z.object({ protect: z.boolean(), retainOnDelete: z.boolean() }).passthrough(),
  })
  .passthrough();

/** The plan file around its resources (each resource is checked on its own, see {@link checkPlanFile}). */
const planEnvelopeSchema = z.object({
  stack: z.string().min(1),
  project: z.string(),
  preview: z.boolean().optional(),
  resources: z.array(z.unknown()),
  outputs: z.record(z.unknown()),
});

/** The whole plan file's shape (documentation and tests; the check runs it in two parts). */
export const planFileSchema = planEnvelopeSchema.extend({ resources: z.array(planResourceSchema) });

/**
 * Checks a parsed plan file and returns it as a plan document. The resources are checked one at a time and kept
 * as parsed (zod would return a copy of each), so a large plan is held in memory once.
 */
export function checkPlanFile(json: unknown, file: string): PlanDocument {
  const envelope = planEnvelopeSchema.safeParse(json);
  if (!envelope.success) throw new AuditInputError(file, `not a cenm-backup plan (plan --json): ${describeZodError(envelope.error)}`);
  const resources = (json as { resources: Record<string, unknown>[] }).resources;
  for (let i = 0; i < resources.length; i++) {
    const checked = planResourceSchema.safeParse(resources[i]);
    if (!checked.success) {
      const issues = checked.error.issues.map((issue) => ({ ...issue, path: ["resources", i, ...issue.path] }));
      throw new AuditInputError(file, `not a cenm-backup plan (plan --json): ${describeZodError(new ZodError(issues))}`);
    }
    // The converter reads only the options checked above; the rest of DeclaredOptions is not needed from a file.
    if (resources[i].propertyDependencies === undefined) resources[i].propertyDependencies = {};
  }
  const doc = json as Record<string, unknown>;
  return { ...doc, preview: doc.preview ?? false } as unknown as PlanDocument;
}
