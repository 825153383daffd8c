/**
 * The shape of a plan file written by `cenm-backup plan --json`, checked before the plan converter reads it so
 * that a wrong or damaged file is named with what is wrong instead of failing somewhere inside the audit.
 */
import { z } from "zod";
import type { PlanDocument } from "../../offline/plan";
import { AuditInputError, describeZodError } from "./errors";

export const planFileSchema = z.object({
  stack: z.string().min(1),
  project: z.string(),
  preview: z.boolean().optional(),
  resources: z.array(
    z.object({
      urn: z.string().min(1),
      type: z.string().min(1),
      name: z.string().min(1),
      parent: z.string().optional(),
      inputs: z.record(z.unknown()),
      propertyDependencies: z.record(z.array(z.string())).optional(),
      options: z.object({ protect: z.boolean(), retainOnDelete: z.boolean() }).passthrough(),
    }).passthrough(),
  ),
  outputs: z.record(z.unknown()),
});

/** Checks a parsed plan file and returns it as a plan document. */
export function checkPlanFile(json: unknown, file: string): PlanDocument {
  const parsed = planFileSchema.safeParse(json);
  if (!parsed.success) throw new AuditInputError(file, `not a cenm-backup plan (plan --json): ${describeZodError(parsed.error)}`);
  // The converter reads only the options checked above; the rest of DeclaredOptions is not needed from a file.
  return { preview: false, ...parsed.data, resources: parsed.data.resources.map((r) => ({ propertyDependencies: {}, ...r })) } as unknown as PlanDocument;
}
