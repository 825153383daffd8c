/** Dossier rows (see ../types.ts) of Azure Database for PostgreSQL flexible server (servers, databases, configurations, administrators, virtual endpoints), Azure SQL, and the Data Protection backup vault that backs them up. */
import type { DossierRow } from "../types";

export const POSTGRES_ROWS: readonly DossierRow[] = [];
