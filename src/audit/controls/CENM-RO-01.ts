/** CENM-RO-01: the recovery objective for the loss of one availability zone is met. */
import { objectiveControl } from "../objectiveControl";

export const control = objectiveControl(
  "CENM-RO-01",
  "az-loss",
  "Recovery objective met for the loss of a zone",
  "R3's synchronous replication across zones exists for this: a failover to a standby loses nothing and takes minutes.",
);
