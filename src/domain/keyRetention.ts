/**
 * How long a deleted or doomed key can still be brought back: the components declare these and CENM-GN-07 holds
 * every key to them. Each is the longest the cloud allows, so that a deletion can be noticed and undone.
 */

/** Days between scheduling a KMS key's deletion and its destruction: AWS's longest (7 to 30). */
export const KMS_DELETION_WINDOW_DAYS = 30;

/** Days a deleted Key Vault (and its keys) stays recoverable: Azure's longest (7 to 90). */
export const KEY_VAULT_SOFT_DELETE_DAYS = 90;
