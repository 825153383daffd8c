/** Dossier rows (see ../types.ts) of the properties every Azure resource shares (tags, location, resourceGroupName, name where no row of its own says more). */
import type { DossierRow } from "../types";

export const SHARED_AZURE_ROWS: readonly DossierRow[] = [];
