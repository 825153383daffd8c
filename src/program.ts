/**
 * The cenm-backup Pulumi program: load and validate the stack's configuration (throwing before any resource is
 * registered when it is wrong), then declare the topology of the stack's cloud and return its outputs.
 */
import * as pulumi from "@pulumi/pulumi";
import { loadFromPulumi } from "./config/load";
import type { StackConfig } from "./config/schema";
import { awsTopology } from "./topology/aws";

export async function cenmBackup(): Promise<Record<string, unknown>> {
  const { config, warnings } = loadFromPulumi();
  for (const w of warnings) await pulumi.log.warn(w);
  switch (config.cloud) {
    case "aws":
      return awsTopology(config);
    case "azure": {
      // Loaded at run time only: the Azure side is type-checked in its own program (tsconfig.azure.json).
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { azureTopology } = require("./topology/azure") as { azureTopology: (c: StackConfig) => Record<string, unknown> };
      return azureTopology(config);
    }
  }
}
