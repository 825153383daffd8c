/** CENM-RO-03: the recovery objective for a destructive SQL statement is met. */
import { objectiveControl } from "../objectiveControl";

export const control = objectiveControl(
  "CENM-RO-03",
  "destructive-statement",
  "Recovery objective met for a destructive SQL statement",
  "Replication copies the statement everywhere, so R3's rolling snapshots (and point-in-time restore) are the way back.",
);
