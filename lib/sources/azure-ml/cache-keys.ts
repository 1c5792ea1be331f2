export const AZURE_ML_CACHE_KEYS = { endpointsWithDeployments: "azure-ml:endpoints-with-deployments" };
