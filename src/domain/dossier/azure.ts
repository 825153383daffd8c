/**
 * Dossier rows of the Azure resources the package declares (`@pulumi/azure-native` v3, generated from the Azure
 * REST API specs), one file per service family. Sources: the Microsoft Learn page of the behaviour or the REST
 * API reference of the resource, else the azure-rest-api-specs file or the provider's source file.
 */
import type { DossierRow } from "./types";
import { AZURE_FILES_ROWS } from "./azure/files";
import { AZURE_KEYS_ROWS } from "./azure/keys";
import { AZURE_NETWORK_ROWS } from "./azure/network";
import { POSTGRES_ROWS } from "./azure/postgres";
import { SHARED_AZURE_ROWS } from "./azure/shared";

export const AZURE_DOSSIER: readonly DossierRow[] = [...SHARED_AZURE_ROWS, ...POSTGRES_ROWS, ...AZURE_FILES_ROWS, ...AZURE_KEYS_ROWS, ...AZURE_NETWORK_ROWS];
