/**
 * Azure regions this package knows with their paired region (a subset of Azure's documented pairs). Geo-redundant
 * backups and GZRS/GRS storage always replicate to the pair, so an Azure stack's DR region must be the pair of its
 * primary region. One table for the config loader, the database component and the audit.
 */
export const AZURE_REGION_PAIRS: Readonly<Record<string, string>> = {
  westeurope: "northeurope",
  northeurope: "westeurope",
  uksouth: "ukwest",
  ukwest: "uksouth",
  francecentral: "francesouth",
  francesouth: "francecentral",
  germanywestcentral: "germanynorth",
  germanynorth: "germanywestcentral",
  switzerlandnorth: "switzerlandwest",
  switzerlandwest: "switzerlandnorth",
  norwayeast: "norwaywest",
  norwaywest: "norwayeast",
  swedencentral: "swedensouth",
  swedensouth: "swedencentral",
  eastus: "westus",
  westus: "eastus",
  eastus2: "centralus",
  centralus: "eastus2",
  westus2: "westcentralus",
  westcentralus: "westus2",
  westus3: "eastus",
  canadacentral: "canadaeast",
  canadaeast: "canadacentral",
  southeastasia: "eastasia",
  eastasia: "southeastasia",
  australiaeast: "australiasoutheast",
  australiasoutheast: "australiaeast",
  japaneast: "japanwest",
  japanwest: "japaneast",
  centralindia: "southindia",
  southindia: "centralindia",
};
