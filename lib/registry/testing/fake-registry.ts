// An in-memory MLflow registry and Azure ML fleet for the registry verbs' tests: churn_xgb v5–v7
// (champion v6), their runs, and endpoint churn-endpoint with blue (v6, 100%) and green (v7).
import { permissionsOf } from "@/lib/auth/permissions";
import { MlflowError } from "@/lib/sources/mlflow/mlflow-client";
import type { MlflowModelVersion, MlflowRegisteredModel, MlflowRun } from "@/lib/sources/mlflow/mlflow-schemas";
import type { EndpointWithDeployments } from "@/lib/sources/azure-ml/azure-ml-client";
import { ReadCache } from "@/lib/sources/read-cache";
import type { DeploymentReader, MlflowReader, RegistrySources } from "../registry-sources";

const notFound = (what: string) => new MlflowError(`MLflow refused GET with 404 RESOURCE_DOES_NOT_EXIST: ${what} not found.`, 404, "RESOURCE_DOES_NOT_EXIST", false);

function run(runId: string, auc: number, params: Record<string, string>, extra: { parent?: string } = {}): MlflowRun {
  return {
    info: { run_id: runId, run_name: `run-${runId}`, experiment_id: "3", status: "FINISHED", start_time: 1_700_000_000_000, end_time: 1_700_000_600_000, lifecycle_stage: "active" },
    data: {
      metrics: [
        { key: "auc", value: auc, timestamp: 0, step: 0 },
        { key: "fairness_dp_diff", value: 0.05, timestamp: 0, step: 0 },
      ],
      params: Object.entries(params).map(([key, value]) => ({ key, value })),
      tags: [
        { key: "mlflow.source.git.commit", value: "9f3c2b1a0d4e5f6a7b8c9d0e1f2a3b4c5d6e7f80" },
        ...(extra.parent ? [{ key: "mlflow.parentRunId", value: extra.parent }] : []),
      ],
    },
    inputs: {
      dataset_inputs: [
        {
          tags: [{ key: "mlflow.data.context", value: "training" }],
          dataset: { name: "churn_features", digest: "5e0c1d2a", source_type: "delta_table", source: '{"path": "gold.churn_features", "delta_table_version": 412}' },
        },
      ],
    },
  };
}

function version(number: string, runId: string, aliases: string[] = []): MlflowModelVersion {
  return { name: "churn_xgb", version: number, creation_timestamp: 1_700_000_000_000 + Number(number), run_id: runId, status: "READY", source: `runs:/${runId}/model`, tags: [], aliases };
}

export const FAKE_MODEL: MlflowRegisteredModel = {
  name: "churn_xgb",
  description: "## Churn\n\n<script>alert(1)</script>",
  user_id: "ana@contoso.com",
  last_updated_timestamp: 1_700_000_000_000,
  latest_versions: [version("7", "r7")],
  tags: [{ key: "team", value: "retention" }],
  aliases: [{ alias: "champion", version: "6" }],
};

const VERSIONS = [version("5", "r5"), version("6", "r6", ["champion"]), version("7", "r7")];
const RUNS: Record<string, MlflowRun> = {
  r5: run("r5", 0.853, { max_depth: "6" }),
  r6: run("r6", 0.861, { max_depth: "6", eta: "0.1" }),
  r7: run("r7", 0.874, { max_depth: "8", eta: "0.1" }, { parent: "sweep1" }),
  sweep1: run("sweep1", 0.874, {}),
};

export const FAKE_FLEET: EndpointWithDeployments[] = [
  {
    endpoint: { id: "/e/churn-endpoint", name: "churn-endpoint", location: "westeurope", description: null, authMode: "Key", scoringUri: null, provisioningState: "Succeeded", traffic: { blue: 100, green: 0 }, mirrorTraffic: { green: 10 }, tags: {}, lastModifiedAt: null },
    deployments: [
      { id: "/d/blue", name: "blue", endpointName: "churn-endpoint", model: "azureml:churn_xgb:6", description: null, instanceType: "Standard_DS3_v2", instanceCount: 3, provisioningState: "Succeeded", createdAt: null },
      { id: "/d/green", name: "green", endpointName: "churn-endpoint", model: "azureml:churn_xgb:7", description: null, instanceType: "Standard_DS3_v2", instanceCount: 2, provisioningState: "Succeeded", createdAt: null },
    ],
  },
];

export interface FakeRegistry extends RegistrySources {
  /** Every upstream call, e.g. "searchRegisteredModels", in order. */
  calls: string[];
}

/** Fake sources; `overrides` replace single MLflow or ARM methods (to fail them, for instance). */
export function fakeRegistrySources(overrides: { mlflow?: Partial<MlflowReader>; azureMl?: Partial<DeploymentReader> | (() => never) } = {}): FakeRegistry {
  const calls: string[] = [];
  const mlflow: MlflowReader = {
    searchRegisteredModels: async (page) => {
      calls.push("searchRegisteredModels");
      const offset = page.pageToken ? Number(page.pageToken) : 0;
      const size = page.maxResults ?? 100;
      const all = [FAKE_MODEL, { ...FAKE_MODEL, name: "fraud_lgbm", aliases: [], tags: [] }, { ...FAKE_MODEL, name: "ltv", aliases: [{ alias: "challenger", version: "4" }] }];
      return { registered_models: all.slice(offset, offset + size), next_page_token: offset + size < all.length ? String(offset + size) : undefined };
    },
    getRegisteredModel: async (name) => {
      calls.push("getRegisteredModel");
      if (name !== FAKE_MODEL.name) throw notFound(`Registered Model with name=${name}`);
      return FAKE_MODEL;
    },
    searchModelVersions: async (page) => {
      calls.push("searchModelVersions");
      return { model_versions: page.filter === "name = 'churn_xgb'" ? VERSIONS : [], next_page_token: undefined };
    },
    getModelVersion: async (name, number) => {
      calls.push("getModelVersion");
      const found = VERSIONS.find((candidate) => candidate.name === name && candidate.version === number);
      if (!found) throw notFound(`Model Version (name=${name}, version=${number})`);
      return found;
    },
    getRun: async (runId) => {
      calls.push("getRun");
      const found = RUNS[runId];
      if (!found) throw notFound(`Run '${runId}'`);
      return found;
    },
    getExperiment: async (experimentId) => {
      calls.push("getExperiment");
      return { experiment_id: experimentId, name: "/Shared/churn/xgb-training", lifecycle_stage: "active", tags: [] };
    },
    ...overrides.mlflow,
  };
  const azureMl: DeploymentReader = {
    listEndpointsWithDeployments: async () => {
      calls.push("listEndpointsWithDeployments");
      return FAKE_FLEET;
    },
    studioEndpointUrl: (endpoint) => `https://ml.azure.com/endpoints/realtime/${endpoint}/detail`,
    ...(typeof overrides.azureMl === "object" ? overrides.azureMl : {}),
  };
  return {
    calls,
    mlflow: () => mlflow,
    mlflowCache: new ReadCache({ freshMs: 60_000, maxEntries: 100 }),
    azureMl: typeof overrides.azureMl === "function" ? overrides.azureMl : () => azureMl,
    armCache: new ReadCache({ freshMs: 60_000, maxEntries: 100 }),
  };
}

/** A request context holding the given roles. */
export function contextWith(roles: string[]) {
  return { user: { id: "u", oid: "o", tenantId: "t", name: "Test", email: null }, roles, permissions: permissionsOf(roles) };
}
