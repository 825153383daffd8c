/** CENM-RO-02: the recovery objective for the loss of the primary region is met. */
import { objectiveControl } from "../objectiveControl";

export const control = objectiveControl(
  "CENM-RO-02",
  "region-loss",
  "Recovery objective met for the loss of the primary region",
  "Only asynchronous copies in another region, and offline key copies, remain; the slowest of the database, the file store and the signing keys sets the time CENM is down, and the report says which of R3's recommendations still hold after the failover.",
);
