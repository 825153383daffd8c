/** Dossier rows of the providers both clouds use: `@pulumi/random` and `@pulumiverse/time`. See ./types.ts. */
import { AZURE_DOCS, AZURE_ROLE_PROPAGATION } from "../limits/azure";
import type { DossierRow } from "./types";

const SLEEP = "time:index/sleep:Sleep";
/** `@pulumiverse/time` 0.1.1 bridges terraform-provider-time v0.12.1; its time_sleep resource is the Sleep. */
const TIME_SLEEP_SOURCE = "https://github.com/hashicorp/terraform-provider-time/blob/v0.12.1/internal/provider/resource_time_sleep.go";
const TIME_SLEEP_DOC = "https://github.com/hashicorp/terraform-provider-time/blob/v0.12.1/docs/resources/sleep.md";

export const NEUTRAL_DOSSIER: readonly DossierRow[] = [
  {
    type: SLEEP,
    properties: ["createDuration"],
    sets: `${AZURE_ROLE_PROPAGATION.wait}, after each Azure role assignment another resource of the same deployment relies on (a key role before the server, storage account or backup vault it encrypts; a backup vault's roles before its backup instance), named <assignment>-wait (cmk.ts propagationWait). Microsoft says a new role assignment can take up to ${AZURE_ROLE_PROPAGATION.documentedMinutes} minutes to take effect, so a resource created right after its identity's assignment can be refused on a first deployment.`,
    lifecycle:
      "The provider waits that long when it creates the Sleep and does nothing on delete (no destroyDuration). A changed duration alone is stored without a new wait, and a second deploy with nothing changed does not wait. The value must be a number followed by ms, s, m or h.",
    sources: [TIME_SLEEP_SOURCE, AZURE_DOCS.roleAssignmentPropagation],
  },
  {
    type: SLEEP,
    properties: ["triggers"],
    sets:
      "{ roleAssignment0: <assignment id>, roleAssignment1: ... }, the ids of the assignments the wait follows (it also depends on them), so that a replaced assignment, which Azure gives a new id, is waited for again.",
    lifecycle:
      "A change of triggers replaces the Sleep (the provider marks the map as requiring a replacement), and the new Sleep waits its full duration; unchanged ids mean no wait on later deployments. In a preview, the ids of assignments not yet created are unknown. Triggers cannot be imported.",
    sources: [TIME_SLEEP_SOURCE, TIME_SLEEP_DOC],
  },
];
