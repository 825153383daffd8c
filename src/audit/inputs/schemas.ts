/**
 * zod schemas of the parts of Pulumi's JSON documents the audit reads. Fields Pulumi omits when empty are
 * optional; everything else must have the documented type. Unknown fields are ignored.
 */
import { z } from "zod";

const properties = z.record(z.unknown());

/** One resource as `apitype.ResourceV3` serialises it (state files, preview step states). */
export const resourceStateSchema = z.object({
  urn: z.string().min(1),
  type: z.string().min(1),
  custom: z.boolean(),
  delete: z.boolean().optional(),
  /** The provider's ID of a custom resource (absent before it is created). */
  id: z.string().nullish(),
  inputs: properties.nullish(),
  outputs: properties.nullish(),
  parent: z.string().nullish(),
  protect: z.boolean().nullish(),
  /** Read by the program (`.get`, a read step), not managed by the stack: Pulumi never deletes it. */
  external: z.boolean().nullish(),
  retainOnDelete: z.boolean().nullish(),
  propertyDependencies: z.record(z.array(z.string()).nullable()).nullish(),
  aliases: z.array(z.string()).nullish(),
});

export type ResourceStateJson = z.infer<typeof resourceStateSchema>;
