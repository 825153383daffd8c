/** Dossier rows (see ../types.ts) of RDS (instances, clusters, parameter and option groups, subnet groups, automated-backup replication) and the database's alarms. */
import type { DossierRow } from "../types";

export const RDS_ROWS: readonly DossierRow[] = [];
