/**
 * The resource dossier: what the package believes about every property it sets on a cloud resource, written once
 * with the page that says so. One row per declared resource type and top-level input property (or a few properties
 * that share one explanation and one source). A property the package sets without a row is a belief nobody looked
 * up; a test plans every shipped stack and fails on such a property (test/domain/dossier.test.ts).
 */

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
