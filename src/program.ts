/**
 * The cenm-backup Pulumi program: load and validate the stack's configuration (throwing before any resource is
 * registered when it is wrong), then declare the topology of the stack's cloud and return its outputs.
 */
import * as pulumi from "@pulumi/pulumi";
import { loadFromPulumi } from "./config/load";
import { awsTopology } from "./topology/aws";

export async function cenmBackup(): Promise<Record<string, unknown>> {
  const { config, warnings } = loadFromPulumi();
  for (const w of warnings) await pulumi.log.warn(w);
  switch (config.cloud) {
    case "aws":
      return awsTopology(config);
    default:
      // Refused by validation already; kept so a new cloud cannot be added without a topology.
      throw new Error(`cenm-backup:cloud: received "${config.cloud}"; expected "aws"`);
  }
}
