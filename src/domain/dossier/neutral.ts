/** Dossier rows of the providers both clouds use: `@pulumi/random` and `@pulumiverse/time`. See ./types.ts. */
import { AZURE_DOCS, AZURE_ROLE_PROPAGATION } from "../limits/azure";
import type { DossierRow } from "./types";

const RANDOM_ID = "random:index/randomId:RandomId";
const RANDOM_PASSWORD = "random:index/randomPassword:RandomPassword";
const SLEEP = "time:index/sleep:Sleep";
/** `@pulumiverse/time` 0.1.1 bridges terraform-provider-time v0.12.1; its time_sleep resource is the Sleep. */
const TIME_SLEEP_SOURCE = "https://github.com/hashicorp/terraform-provider-time/blob/v0.12.1/internal/provider/resource_time_sleep.go";
const TIME_SLEEP_DOC = "https://github.com/hashicorp/terraform-provider-time/blob/v0.12.1/docs/resources/sleep.md";

export const NEUTRAL_DOSSIER: readonly DossierRow[] = [
  // ----- random:index/randomId:RandomId (cenm-db-final-snapshot-id, declared with protection on only)
  {
    type: RANDOM_ID,
    properties: ["byteLength", "keepers"],
    update: "replaces",
    sets:
      "4 random bytes, whose hex ends the database's final snapshot identifier; keepers are the inputs that replace the database (engine, topology, zone or zones, master user), so that each new database gets a snapshot name of its own. Declared only where the database keeps a final snapshot (protection on).",
    lifecycle:
      "Drawn once at creation and kept in the state; every input forces a replacement, so a changed keeper draws a new value, which updates the database's final snapshot identifier (a value the provider reads only at deletion). Destroying it removes nothing in the cloud.",
    sources: ["https://www.pulumi.com/registry/packages/random/api-docs/randomid/", "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DeleteDBInstance.html"],
  },
  // ----- random:index/randomPassword:RandomPassword (cenm-db-master-password, database.masterPassword generated)
  {
    type: RANDOM_PASSWORD,
    properties: ["length", "special", "upper", "lower", "numeric", "minUpper", "minLower", "minNumeric"],
    update: "replaces",
    sets:
      "The database's generated master password: 30 characters (Oracle's maximum), letters and digits only, at least one upper-case letter, one lower-case letter and one digit. RDS refuses /, the double quote and @ (Oracle also & and the single quote) and SQL Server wants three character classes; about 178 bits of randomness.",
    lifecycle:
      "Drawn once and kept in the Pulumi state as a secret (its result is marked secret; plans show [secret]). Every input forces a replacement, and so does pulumi up --replace on it: a new password, which RDS takes in place and the secret then stores. Destroying it changes nothing in the cloud.",
    sources: ["https://www.pulumi.com/registry/packages/random/api-docs/randompassword/", "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html"],
  },

  {
    type: SLEEP,
    properties: ["createDuration"],
    update: "in-place",
    sets: `${AZURE_ROLE_PROPAGATION.wait}, after each Azure role assignment another resource of the same deployment relies on (a key role before the server, storage account or backup vault it encrypts; a backup vault's roles before its backup instance), named <assignment>-wait (cmk.ts propagationWait). Microsoft says a new role assignment can take up to ${AZURE_ROLE_PROPAGATION.documentedMinutes} minutes to take effect, so a resource created right after its identity's assignment can be refused on a first deployment.`,
    lifecycle:
      "The provider waits that long when it creates the Sleep and does nothing on delete (no destroyDuration). A changed duration alone is stored without a new wait, and a second deploy with nothing changed does not wait. The value must be a number followed by ms, s, m or h.",
    sources: [TIME_SLEEP_SOURCE, AZURE_DOCS.roleAssignmentPropagation],
  },
  {
    type: SLEEP,
    properties: ["triggers"],
    update: "replaces",
    sets:
      "{ roleAssignment0: <assignment id>, roleAssignment1: ... }, the ids of the assignments the wait follows (it also depends on them), so that a replaced assignment, which Azure gives a new id, is waited for again.",
    lifecycle:
      "A change of triggers replaces the Sleep (the provider marks the map as requiring a replacement), and the new Sleep waits its full duration; unchanged ids mean no wait on later deployments. In a preview, the ids of assignments not yet created are unknown. Triggers cannot be imported.",
    sources: [TIME_SLEEP_SOURCE, TIME_SLEEP_DOC],
  },
];
