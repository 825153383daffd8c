/** CENM-RO-04: the recovery objective for the malicious deletion of the data and its backups is met. */
import { objectiveControl } from "../objectiveControl";

export const control = objectiveControl(
  "CENM-RO-04",
  "malicious-deletion",
  "Recovery objective met for the malicious deletion of data and backups",
  "Only recovery points nobody can delete early survive (compliance-locked vaults, locked escrow, offline copies): their frequency is the data lost, their restore the time down.",
);
