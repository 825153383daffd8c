/** Dossier rows (see ../types.ts) of the properties every AWS resource shares (tags, region, name where no row of its own says more). */
import type { DossierRow } from "../types";

export const SHARED_AWS_ROWS: readonly DossierRow[] = [];
