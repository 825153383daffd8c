/**
 * An offline plan's resources as the shared resource view the platform limits and the audit read. Kept apart from
 * ./plan, which loads the program and Pulumi: the audit of a plan file needs only this.
 */
import type { ResourceView } from "../domain/resources/view";
import { PROJECT } from "../domain/vocabulary";
import type { PlanDocument } from "./plan";

/** Package of the program's own component resources: they are not custom resources. */
const COMPONENT_PACKAGE = `${PROJECT}:`;

/** The plan's resources as the shared resource view the platform limits and the audit read. */
export function resourceViews(doc: PlanDocument): ResourceView[] {
  // A plan names a resource's parent by its logical name; the URN is found by that name when it is unique.
  const urnByName = new Map<string, string | null>();
  for (const r of doc.resources) urnByName.set(r.name, urnByName.has(r.name) ? null : r.urn);
  return doc.resources.map((r) => ({
    urn: r.urn,
    type: r.type,
    name: r.name,
    ...(r.parent !== undefined && urnByName.get(r.parent) ? { parentUrn: urnByName.get(r.parent)! } : {}),
    custom: !r.type.startsWith(COMPONENT_PACKAGE) && r.type !== "pulumi:pulumi:Stack",
    inputs: r.inputs ?? {},
    outputs: {},
    propertyDependencies: r.propertyDependencies ?? {},
    protect: r.options?.protect === true,
    retainOnDelete: r.options?.retainOnDelete === true,
    ...(r.options?.aliasUrns?.length ? { aliases: [...r.options.aliasUrns] } : {}),
    ...(Array.isArray(r.options?.ignoreChanges) ? { ignoreChanges: r.options.ignoreChanges } : {}),
    ...(r.options?.replaceOnChanges?.length ? { replaceOnChanges: [...r.options.replaceOnChanges] } : {}),
  }));
}
