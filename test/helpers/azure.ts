/** What the Azure component tests share: the stack config the mock runtime needs, and the common args. */

export const AZURE_CONFIG = { config: { "azure-native:location": "westeurope" } };

/** Args every Azure backup component takes, as the prod-like fixtures set them. */
export function azureCommonArgs(environment: "dev" | "staging" | "prod" = "prod") {
  return {
    environment,
    location: "westeurope",
    drLocation: "northeurope",
    resourceGroupName: "cenm-rg",
    drResourceGroupName: "cenm-dr-rg",
    protection: { enabled: true },
    tags: { team: "cenm" },
  };
}
