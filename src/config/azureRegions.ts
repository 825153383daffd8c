/**
 * Azure regions this package knows with their paired region. Geo-redundant backups and GZRS/GRS storage always
 * replicate to the pair, so an Azure stack's DR region must be the pair of its primary region.
 */
export const AZURE_REGION_PAIRS: Readonly<Record<string, string>> = {
  westeurope: "northeurope",
  northeurope: "westeurope",
  uksouth: "ukwest",
  ukwest: "uksouth",
  francecentral: "francesouth",
  germanywestcentral: "germanynorth",
  switzerlandnorth: "switzerlandwest",
  norwayeast: "norwaywest",
  swedencentral: "swedensouth",
  eastus: "westus",
  westus: "eastus",
  eastus2: "centralus",
  centralus: "eastus2",
  westus2: "westcentralus",
  westus3: "eastus",
  canadacentral: "canadaeast",
  australiaeast: "australiasoutheast",
  japaneast: "japanwest",
  southeastasia: "eastasia",
  eastasia: "southeastasia",
  centralindia: "southindia",
};
