/**
 * Dossier rows of the AWS resources the package declares (`@pulumi/aws` v7, which wraps terraform-provider-aws).
 * See ./types.ts. Sources: the AWS API reference or user guide page of the property, else the provider's
 * resource source file; the Pulumi registry page only for what the provider alone decides.
 */
import type { DossierRow } from "./types";

export const AWS_DOSSIER: readonly DossierRow[] = [];
