/** Dossier rows of the providers both clouds use: `@pulumi/random` and `@pulumiverse/time`. See ./types.ts. */
import type { DossierRow } from "./types";

const RANDOM_ID = "random:index/randomId:RandomId";
const RANDOM_PASSWORD = "random:index/randomPassword:RandomPassword";

export const NEUTRAL_DOSSIER: readonly DossierRow[] = [
  // ----- random:index/randomId:RandomId (cenm-db-final-snapshot-id, declared with protection on only)
  {
    type: RANDOM_ID,
    properties: ["byteLength", "keepers"],
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
    sets:
      "The database's generated master password: 30 characters (Oracle's maximum), letters and digits only, at least one upper-case letter, one lower-case letter and one digit. RDS refuses /, the double quote and @ (Oracle also & and the single quote) and SQL Server wants three character classes; about 178 bits of randomness.",
    lifecycle:
      "Drawn once and kept in the Pulumi state as a secret (its result is marked secret; plans show [secret]). Every input forces a replacement, and so does pulumi up --replace on it: a new password, which RDS takes in place and the secret then stores. Destroying it changes nothing in the cloud.",
    sources: ["https://www.pulumi.com/registry/packages/random/api-docs/randompassword/", "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html"],
  },
];
