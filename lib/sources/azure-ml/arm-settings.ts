// What reaching the Azure ML workspace through ARM takes: its settings, and the token scope ARM
// accepts (one audience whatever ARM endpoint, sovereign or emulated, is configured).
export const ARM_SCOPE = "https://management.azure.com/.default";

/** The workspace's coordinates, and the app registration whose client credentials ARM accepts. */
export const ARM_REQUIRED_VARIABLES = [
  "ARM_ENDPOINT",
  "AZURE_SUBSCRIPTION_ID",
  "AZURE_RESOURCE_GROUP",
  "AZURE_ML_WORKSPACE",
  "ENTRA_AUTHORITY_HOST",
  "ENTRA_TENANT_ID",
  "ENTRA_CLIENT_ID",
  "ENTRA_CLIENT_SECRET",
] as const;
