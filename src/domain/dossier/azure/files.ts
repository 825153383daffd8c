/** Dossier rows (see ../types.ts) of Azure Storage (accounts, file and blob services, shares, containers) and the Recovery Services vault that backs the shares up. */
import type { DossierRow } from "../types";

export const AZURE_FILES_ROWS: readonly DossierRow[] = [];
