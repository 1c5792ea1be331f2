// Keys of ARM reads in the process's Azure ML read cache: one key per entity, shared by every area
// that reads it (the registry's version pages, the rollouts pages).
export const AZURE_ML_CACHE_KEYS = {
  /** The workspace's online endpoints. */
  endpoints: "azure-ml:endpoints",
  /** The deployments of one endpoint. */
  deployments: (endpoint: string) => `azure-ml:deployments:${JSON.stringify(endpoint)}`,
};
