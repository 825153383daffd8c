/** Dossier rows of the providers both clouds use: `@pulumi/random` and `@pulumiverse/time`. See ./types.ts. */
import type { DossierRow } from "./types";

export const NEUTRAL_DOSSIER: readonly DossierRow[] = [];
