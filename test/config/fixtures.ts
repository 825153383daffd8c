/** Raw stack values (as a stack file gives them, without the `cenm-backup:` prefix) used by the config tests. */
export function rawStack(environment: "dev" | "staging" | "prod" = "prod"): Record<string, unknown> {
  // Staging and prod presets declare a cross-region read replica, which needs a DR network.
  const replica = environment !== "dev";
  return {
    cloud: "aws",
    environment,
    primary: { region: "eu-west-1", availabilityZones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"] },
    dr: { region: "eu-central-1", ...(replica ? { availabilityZones: ["eu-central-1a", "eu-central-1b"] } : {}) },
    network: {
      vpcCidr: "10.30.0.0/16",
      cenmCidrs: ["10.130.0.0/20"],
      vaultVpcCidr: "10.31.0.0/24",
      // The CENM hosts live outside the data VPC: a transit gateway routes between them.
      transitGatewayId: "tgw-0a1b2c3d4e5f60789",
      ...(replica ? { drVpcCidr: "10.32.0.0/16" } : {}),
    },
  };
}

export const NOW = new Date("2026-11-26T12:00:00Z");

/** Raw Azure stack values. */
export function rawAzureStack(environment: "dev" | "staging" | "prod" = "prod"): Record<string, unknown> {
  return {
    cloud: "azure",
    environment,
    primary: { region: "westeurope", availabilityZones: ["1", "2", "3"] },
    dr: { region: "northeurope" },
    network: { vpcCidr: "10.80.0.0/16", drVnetCidr: "10.81.0.0/16", cenmCidrs: ["10.180.0.0/20"], vaultVpcCidr: "10.82.0.0/24" },
    database: { entraAdministrator: { objectId: "6f1c2a9e-0d3b-4c55-9a61-1d2e3f4a5b62", principalName: "cenm-dba", principalType: "group" } },
  };
}
