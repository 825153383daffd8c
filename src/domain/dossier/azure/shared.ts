/** Dossier rows (see ../types.ts) of the properties every Azure resource shares (tags, location, resourceGroupName, name where no row of its own says more). */
import type { DossierRow } from "../types";
import { SHARED_AZURE } from "../types";

const TAGS = "https://learn.microsoft.com/azure/azure-resource-manager/management/tag-resources";
const MOVE_REGION = "https://learn.microsoft.com/azure/azure-resource-manager/management/move-region";
const MOVE_GROUP = "https://learn.microsoft.com/azure/azure-resource-manager/management/move-resource-group-and-subscription";
const DELETE_GROUP = "https://learn.microsoft.com/azure/azure-resource-manager/management/delete-resource-group";
const LOCKS = "https://learn.microsoft.com/azure/azure-resource-manager/management/lock-resources";
const NAME_RULES = "https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules";

export const SHARED_AZURE_ROWS: readonly DossierRow[] = [
  {
    type: SHARED_AZURE,
    properties: ["tags"],
    update: "in-place",
    sets:
      "On every resource that takes tags: the stack's cenm-backup:tags, plus cenm-backup-stack (the stack's name) and cenm-backup-environment, and cenm-backup-element (network, database, snapshots, files, keys, keys-encryption) naming the backup element the resource belongs to. Azure tag names may not contain a colon, so the keys use hyphens; the audit and the sandbox cleanup (az group list --tag cenm-backup-stack=...) read them.",
    lifecycle:
      "Tags are metadata set with the resource and updated in place: a changed tag never replaces a resource, and a second deploy with the same tags changes nothing. Azure allows 50 tags per resource, names of up to 512 characters (128 on storage accounts) and values of up to 256, and refuses some characters in names; a resource group's tags are not inherited by the resources in it. Destroy removes them with the resource.",
    sources: [TAGS],
  },
  {
    type: SHARED_AZURE,
    properties: ["location"],
    update: "replaces",
    sets:
      "The stack's primary.region for primary resources and dr.region (the Azure pair, checked by config validation) for the DR ones; \"global\" where Azure wants it (action groups, private DNS zones and their links) and \"Global\" for alert processing rules. Every regional resource names its region explicitly rather than inheriting the provider's default.",
    lifecycle:
      "A resource's region is chosen when it is created: Azure moves a resource to another region by recreating it there (with its data copied by the service's own means), so a changed region is a new resource, and for a stateful one a migration rather than an update. A second deploy with the same region changes nothing; destroy deletes the resource where it is.",
    sources: [MOVE_REGION],
  },
  {
    type: SHARED_AZURE,
    properties: ["resourceGroupName"],
    update: "replaces",
    sets:
      "One of the two resource groups the network component declares per stack (the primary region's and the DR region's, named by Pulumi with a random suffix), passed to every component; resources of the DR region go to the DR group, and so do the global private DNS zones, their links and the action group, which must stay writable when the primary region is lost. No lock is put on a group: each stateful resource carries its own.",
    lifecycle:
      "The group is part of a resource's ARM id: naming another group declares a new resource there (Pulumi replaces it; Azure's own move between groups is a separate operation Pulumi does not use). Deleting a group deletes everything in it, and a CanNotDelete lock on the group or on any resource in it makes that deletion fail. A second deploy changes nothing.",
    sources: [MOVE_GROUP, DELETE_GROUP, LOCKS],
  },
  {
    type: SHARED_AZURE,
    properties: ["name"],
    update: "replaces",
    sets:
      "No Azure resource of the package sets a top-level name: each type names its resource through its own input (vaultName, keyName, accountName, lockName...), explained in that type's row, or lets Pulumi name it (the logical name with a random suffix).",
    lifecycle:
      "A resource's name is part of its ARM id and follows its type's naming rules (length, characters, and for some types global uniqueness): changing it declares a new resource and deletes the old one. Names Pulumi generates stay fixed in the state, so a second deploy changes nothing.",
    sources: [NAME_RULES],
  },
];
