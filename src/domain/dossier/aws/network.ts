/** Dossier rows (see ../types.ts) of the AWS networks (VPCs, subnets, route tables and routes, security groups and rules, endpoints, peering, transit gateway attachments). */
import type { DossierRow } from "../types";

export const AWS_NETWORK_ROWS: readonly DossierRow[] = [];
