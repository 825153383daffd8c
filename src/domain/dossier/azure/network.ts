/** Dossier rows (see ../types.ts) of Azure networking (virtual networks, subnets, NSGs, route tables, peerings, private endpoints and DNS), resource groups and monitoring (action groups, alert processing rules). */
import type { DossierRow } from "../types";

export const AZURE_NETWORK_ROWS: readonly DossierRow[] = [];
