/**
 * The offline plan as audit input: each declared resource with its type, inputs, references and protection
 * options. A plan has no outputs; the stack outputs are the program's.
 */
import type { PlanDocument } from "../../offline/plan";
import type { AuditInput, AuditResource } from "../types";

/** Package of the program's own component resources: they are not custom resources. */
const COMPONENT_PACKAGE = "cenm-backup:";

export function fromPlanDocument(doc: PlanDocument): AuditInput {
  // A plan names a resource's parent by its logical name; the URN is found by that name when it is unique.
  const urnByName = new Map<string, string | null>();
  for (const r of doc.resources) urnByName.set(r.name, urnByName.has(r.name) ? null : r.urn);
  const resources = doc.resources.map((r): AuditResource => {
    const parentUrn = r.parent !== undefined ? (urnByName.get(r.parent) ?? undefined) : undefined;
    return {
      urn: r.urn,
      type: r.type,
      name: r.name,
      ...(parentUrn ? { parentUrn } : {}),
      custom: !r.type.startsWith(COMPONENT_PACKAGE) && r.type !== "pulumi:pulumi:Stack",
      inputs: r.inputs ?? {},
      outputs: {},
      propertyDependencies: r.propertyDependencies ?? {},
      protect: r.options?.protect === true,
      retainOnDelete: r.options?.retainOnDelete === true,
    };
  });
  return {
    stack: doc.stack,
    source: "plan",
    origin: `offline ${doc.preview ? "preview" : "plan"} of ${doc.stack}`,
    resources,
    stackOutputs: doc.outputs ?? {},
  };
}
