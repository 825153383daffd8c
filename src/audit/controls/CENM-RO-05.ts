/** CENM-RO-05: the recovery objective for the loss of one copy of the signing keys is met. */
import { objectiveControl } from "../objectiveControl";

export const control = objectiveControl(
  "CENM-RO-05",
  "key-copy-loss",
  "Recovery objective met for the loss of a key copy",
  "R3 asks for at least two separate key copies; the worst case loses the best one, and the next best sets how long signing stays stopped.",
);
