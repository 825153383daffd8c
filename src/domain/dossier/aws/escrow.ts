/** Dossier rows (see ../types.ts) of the key escrow: S3 buckets and their configurations, CloudTrail, KMS keys and replica keys, CloudHSM. */
import type { DossierRow } from "../types";

export const ESCROW_ROWS: readonly DossierRow[] = [];
