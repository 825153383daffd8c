/**
 * The resource dossier: what the package believes about every property it sets on a cloud resource, written once
 * with the page that says so. One row per declared resource type and top-level input property (or a few properties
 * that share one explanation and one source). A property the package sets without a row is a belief nobody looked
 * up; a test plans every shipped stack and fails on such a property (test/domain/dossier.test.ts).
 */

/**
 * What a change of a property does to a resource that already exists, as its provider and cloud behave:
 * - `in-place`: the provider updates the resource (or only its state); it keeps its identity and its data;
 * - `replaces`: the provider creates a new resource and deletes the old one (Pulumi's replace);
 * - `refused`: the cloud refuses the change once the resource exists, or ignores it (the update fails or does nothing);
 * - `provider-decided`: the outcome depends on the value or on the provider's metadata (an update for some values,
 *   a replacement or a refusal for others), so a reader must see a real preview to know.
 */
export type UpdateEffect = "in-place" | "replaces" | "refused" | "provider-decided";

/** Every update effect, in the order the dossier documents them. */
export const UPDATE_EFFECTS: readonly UpdateEffect[] = ["in-place", "replaces", "refused", "provider-decided"];

/** One row: a type, the properties it explains, and the evidence. */
export interface DossierRow {
  /**
   * Pulumi type token (`aws:rds/instance:Instance`), or `SHARED_AWS` / `SHARED_AZURE` for the properties every
   * resource of a cloud may share one row for (`tags`, `name`, `region`, `resourceGroupName`, `location`).
   */
  readonly type: string;
  /** Top-level input properties this row explains (one, or a few that share the explanation and source). */
  readonly properties: readonly string[];
  /** The value or rule the package uses, and why (in this package's own words). */
  readonly sets: string;
  /**
   * What the cloud (and the provider) does with that value on create, on update (in place or a replacement), on a
   * second deploy with nothing changed, and on destroy; what it refuses.
   */
  readonly lifecycle: string;
  /**
   * What an update of the row's properties does, read from the lifecycle text and, where it is unclear, the
   * provider's source: one effect for every property of the row, or one per property. A map may add a nested path
   * (`backup.geoRedundantBackup`) where a field of an object input behaves unlike the rest of it. Rendered as the
   * leading "Update: ..." tag of the lifecycle cell; read by the offline change judgement (src/audit/change).
   */
  readonly update: UpdateEffect | Readonly<Record<string, UpdateEffect>>;
  /** The most specific documentation pages or provider source files that say so (https). */
  readonly sources: readonly string[];
  /**
   * When the package sets the property only on a path no shipped stack takes (another engine, topology or option),
   * the condition, in a few words. Rows without it must be met in the shipped plans.
   */
  readonly when?: string;
}

/** Type cell of the row that covers the shared properties of every AWS resource. */
export const SHARED_AWS = "every aws: type";
/** Type cell of the row that covers the shared properties of every Azure resource. */
export const SHARED_AZURE = "every azure-native: type";
/** Properties one shared row per cloud may explain for all of that cloud's types. */
export const SHARED_PROPERTIES: readonly string[] = ["tags", "name", "region", "resourceGroupName", "location"];
