/** Dossier rows (see ../types.ts) of AWS Backup (vaults, locks, plans, selections, notifications, restore testing), its EventBridge rules and IAM roles. */
import type { DossierRow } from "../types";

export const BACKUP_ROWS: readonly DossierRow[] = [];
