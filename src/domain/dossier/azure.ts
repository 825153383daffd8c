/**
 * Dossier rows of the Azure resources the package declares (`@pulumi/azure-native` v3, generated from the Azure
 * REST API specs). See ./types.ts. Sources: the Microsoft Learn page of the behaviour or the REST API reference of
 * the resource, else the azure-rest-api-specs file or the provider's source file.
 */
import type { DossierRow } from "./types";

export const AZURE_DOSSIER: readonly DossierRow[] = [];
