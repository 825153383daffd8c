/** Dossier rows (see ../types.ts) of Key Vault (vaults, keys), managed identities, role assignments and management locks. */
import type { DossierRow } from "../types";

export const AZURE_KEYS_ROWS: readonly DossierRow[] = [];
