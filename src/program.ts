/**
 * The cenm-backup Pulumi program: load and validate the stack's configuration (throwing before any resource is
 * registered when it is wrong), then declare the topology of the stack's cloud and return its outputs.
 */
import * as pulumi from "@pulumi/pulumi";
import { loadFromPulumi } from "./config/load";
import type { StackConfig } from "./config/schema";
import type { ObjectiveRecord, StackOutputs } from "./domain/outputs";
import { OBJECTIVE_KEYS, type ObjectiveKey, targetOf } from "./domain/objectives";

type Topology = (c: StackConfig) => Promise<StackOutputs>;

/**
 * The program. `now` dates the configuration's checks (waiver expiry, offline copies' verification dates); the
 * offline plan passes the audit's --today so a past report can be reproduced. Default: the real date.
 */
export async function cenmBackup(options: { now?: Date } = {}): Promise<StackOutputs> {
  const { config, warnings } = loadFromPulumi(options);
  for (const w of warnings) await pulumi.log.warn(w);
  // Each cloud's topology (and its provider) is loaded only for the stacks of that cloud. The Azure side is also
  // type-checked in its own program (tsconfig.azure.json), so it is required here rather than imported.
  const outputs = await topology(config);
  return { ...outputs, recoveryObjectives: objectiveRecords(config) };
}

async function topology(config: StackConfig): Promise<StackOutputs> {
  switch (config.cloud) {
    case "aws": {
      const { awsTopology } = await import("./topology/aws");
      return await (awsTopology satisfies Topology)(config);
    }
    case "azure": {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { azureTopology } = require("./topology/azure") as { azureTopology: Topology };
      return await azureTopology(config);
    }
  }
}

/** The stack's recovery objectives as it exports them (validated by the loader, so every duration reads). */
function objectiveRecords(config: StackConfig): Partial<Record<ObjectiveKey, ObjectiveRecord>> {
  const out: Partial<Record<ObjectiveKey, ObjectiveRecord>> = {};
  for (const key of OBJECTIVE_KEYS) {
    const text = config.recoveryObjectives[key];
    const target = text ? targetOf(text) : undefined;
    if (text && target) out[key] = { rpo: text.rpo, rto: text.rto, ...target };
  }
  return out;
}
