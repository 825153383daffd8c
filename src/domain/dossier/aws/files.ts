/** Dossier rows (see ../types.ts) of Amazon EFS (file systems, mount targets, access points, policies, backup policy, replication). */
import type { DossierRow } from "../types";

export const EFS_ROWS: readonly DossierRow[] = [];
