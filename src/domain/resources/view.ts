/**
 * One declared resource as every reader of a plan sees it, whatever the source (an offline plan, `pulumi stack
 * export`, `pulumi preview --json`): its type token, logical name, declared inputs and the resources its inputs
 * refer to. The platform-limit checks and the audit both read this shape.
 */
export interface ResourceView {
  urn: string;
  /** Pulumi type token, e.g. `aws:rds/cluster:Cluster`. */
  type: string;
  /** Logical name. */
  name: string;
  /** URN of the parent, when known. */
  parentUrn?: string;
  custom: boolean;
  /** Declared inputs ("[secret]" and "[unknown]" markers allowed). */
  inputs: Record<string, unknown>;
  /** Outputs, where the source has them (deployed state); empty for plans and previews. */
  outputs: Record<string, unknown>;
  /** Input name -> URNs of the resources its value comes from. */
  propertyDependencies: Record<string, string[]>;
  protect: boolean;
  retainOnDelete: boolean;
  /**
   * Input paths Pulumi leaves alone after creation (the `ignoreChanges` option: on an update it sends the state's
   * stored input for each), where the source records them (offline plans). Absent for exported states and previews,
   * which do not keep resource options; a limit that reads it judges nothing then.
   */
  ignoreChanges?: readonly string[];
  /**
   * What the deployment does to the resource, where the source says (`pulumi preview --json`: "create", "update",
   * "same", "replace"...). Absent for offline plans and exported states, which cannot tell a creation from an update.
   */
  operation?: string;
  /** Earlier URNs the resource answers to (its `aliases`), where the source records them; absent when none. */
  aliases?: string[];
  /** Inputs whose change replaces the resource whatever the provider says (`replaceOnChanges`), where recorded. */
  replaceOnChanges?: string[];
}
