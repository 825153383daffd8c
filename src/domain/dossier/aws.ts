/**
 * Dossier rows of the AWS resources the package declares (`@pulumi/aws` v7, which wraps terraform-provider-aws),
 * one file per service family so that each is read and kept by whoever changes that family. Sources: the AWS API
 * reference or user guide page of the property, else the provider's resource source file; the Pulumi registry
 * page only for what the provider alone decides.
 */
import type { DossierRow } from "./types";
import { ALERT_ROWS } from "./aws/alerts";
import { BACKUP_ROWS } from "./aws/backup";
import { EFS_ROWS } from "./aws/files";
import { ESCROW_ROWS } from "./aws/escrow";
import { AWS_NETWORK_ROWS } from "./aws/network";
import { RDS_ROWS } from "./aws/rds";
import { SHARED_AWS_ROWS } from "./aws/shared";

export const AWS_DOSSIER: readonly DossierRow[] = [...SHARED_AWS_ROWS, ...RDS_ROWS, ...BACKUP_ROWS, ...EFS_ROWS, ...ESCROW_ROWS, ...ALERT_ROWS, ...AWS_NETWORK_ROWS];
