/** Dossier rows (see ../types.ts) of the alert topics: SNS topics, topic policies and subscriptions. */
import type { DossierRow } from "../types";

export const ALERT_ROWS: readonly DossierRow[] = [];
