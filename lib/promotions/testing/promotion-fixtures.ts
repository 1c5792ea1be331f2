// Test doubles for the promotion verbs: people with roles, and a fake MLflow registry holding
// churn_xgb's v6 (champion), v7 (passes the policy) and v8 (fails fairness) with their runs'
// metrics, that records alias moves and can be told to fail. Use it as
// `promotionServices(prisma)`, or `testServices({ db, mlflow: registry.client() })`, or as one of
// several app replicas sharing that registry: `replicaServices(db, registry, clock)`.
import { randomUUID } from "node:crypto";
import { permissionsOf } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/request-context";
import type { PrismaClient } from "@/lib/db/generated/client";
import type { VersionInputs } from "@/lib/domain/promotion-evidence";
import type { Services } from "@/lib/services/services";
import { testServices, type TestServicesOptions } from "@/lib/services/testing/test-services";
import { MLFLOW_READ_FRESH_MS } from "@/lib/sources/mlflow";
import { MlflowError, type MlflowClient } from "@/lib/sources/mlflow/mlflow-client";
import { modelVersionSchema, registeredModelSchema, runSchema } from "@/lib/sources/mlflow/mlflow-schemas";
import { ReadCache } from "@/lib/sources/read-cache";
import { decidePromotion } from "../decide-promotion";
import { requestPromotion } from "../request-promotion";

export async function person(prisma: PrismaClient, name: string, roles: string[]): Promise<RequestContext> {
  const user = await prisma.user.create({ data: { oid: randomUUID(), tenantId: "tenant", name } });
  return { user: { id: user.id, oid: user.oid, tenantId: user.tenantId, name, email: null }, roles, permissions: permissionsOf(roles) };
}

/** Each version's numbers as readPromotionInputs turns MLflow's answers into them (any model name has these versions). */
const VERSIONS: Record<string, VersionInputs> = {
  "6": { version: "6", runId: "run-6", metrics: { auc: 0.861, fairness_dp_diff: 0.05, robustness_score: 0.97, shap_drift: 0.05 }, datasets: [] },
  "7": { version: "7", runId: "run-7", metrics: { auc: 0.874, fairness_dp_diff: 0.06, robustness_score: 0.96, shap_drift: 0.08 }, datasets: [{ name: "churn_features", digest: "d7", source: "/delta/churn", deltaVersion: "12" }] },
  "8": { version: "8", runId: "run-8", metrics: { auc: 0.88, fairness_dp_diff: 0.137, robustness_score: 0.96, shap_drift: 0.07 }, datasets: [] },
};
const CHAMPION_VERSION = "6";

const missing = (what: string) => new MlflowError(`MLflow refused GET with 404 RESOURCE_DOES_NOT_EXIST: ${what} not found.`, 404, "RESOURCE_DOES_NOT_EXIST", false);

/** A version's source run as MLflow sends it: the metrics at step 0 and the datasets as Delta inputs. */
function runOf(inputs: VersionInputs) {
  return runSchema.parse({
    info: { run_id: inputs.runId, experiment_id: "3", status: "FINISHED" },
    data: { metrics: Object.entries(inputs.metrics).map(([key, value]) => ({ key, value, timestamp: 1, step: 0 })), params: [], tags: [] },
    inputs: {
      dataset_inputs: inputs.datasets.map((dataset) => ({
        tags: [{ key: "mlflow.data.context", value: "training" }],
        dataset: { name: dataset.name, digest: dataset.digest, source_type: "delta_table", source: JSON.stringify({ path: dataset.source, delta_table_version: dataset.deltaVersion }) },
      })),
    },
  });
}

/** Just enough of MlflowClient for promotions, applying aliases and the model page; `failing` makes every call fail like a 503. */
export class FakeMlflowRegistry {
  /** `model@alias` → version; churn_xgb's champion is v6 until a test moves it. */
  aliases = new Map<string, string>([[`churn_xgb@champion`, CHAMPION_VERSION]]);
  tags = new Map<string, string>();
  /** Every alias write, in order, as `model@alias=version`. */
  aliasMoves: string[] = [];
  /** How long each alias write takes (to widen a race between replicas). */
  writeDelayMs = 0;
  failing = false;
  calls = 0;

  client(): MlflowClient {
    const fail = () => {
      this.calls++;
      if (this.failing) throw new MlflowError("MLflow refused with 503 TEMPORARILY_UNAVAILABLE.", 503, "TEMPORARILY_UNAVAILABLE", true);
    };
    const aliasesOf = (name: string) => [...this.aliases].filter(([key]) => key.startsWith(`${name}@`)).map(([key, version]) => ({ alias: key.slice(name.length + 1), version }));
    const versionOf = (name: string, version: string, inputs: VersionInputs) =>
      modelVersionSchema.parse({ name, version, run_id: inputs.runId, source: `runs:/${inputs.runId}/model`, aliases: aliasesOf(name).filter((entry) => entry.version === version).map((entry) => entry.alias) });
    return {
      getRegisteredModel: async (name: string) => {
        fail();
        return registeredModelSchema.parse({ name, aliases: aliasesOf(name) });
      },
      getModelVersion: async (name: string, version: string) => {
        fail();
        const inputs = VERSIONS[version];
        if (!inputs) throw missing(`Model version (name=${name}, version=${version})`);
        return versionOf(name, version, inputs);
      },
      // As the model page searches them: `name = '…'`, every version in one page.
      searchModelVersions: async (page: { filter?: string }) => {
        fail();
        const name = /^name = '(.*)'$/.exec(page.filter ?? "")?.[1] ?? "";
        return { model_versions: Object.entries(VERSIONS).map(([version, inputs]) => versionOf(name, version, inputs)), next_page_token: undefined };
      },
      getRun: async (runId: string) => {
        fail();
        const inputs = Object.values(VERSIONS).find((candidate) => candidate.runId === runId);
        if (!inputs) throw missing(`Run '${runId}'`);
        return runOf(inputs);
      },
      setAlias: async (name: string, alias: string, version: string) => {
        fail();
        if (this.writeDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.writeDelayMs));
        this.aliases.set(`${name}@${alias}`, version);
        this.aliasMoves.push(`${name}@${alias}=${version}`);
      },
      setModelVersionTag: async (name: string, version: string, key: string, value: string) => {
        fail();
        this.tags.set(`${name}/${version}#${key}`, value);
      },
    } as unknown as MlflowClient;
  }
}

/**
 * Services as one app replica holds them: its own MLflow read cache, as fresh as production's
 * (MLFLOW_READ_FRESH_MS), over a registry shared with other replicas; `clock.ms` is the time for
 * `now()` and the cache alike, moved by the test.
 */
export function replicaServices(db: PrismaClient, registry: FakeMlflowRegistry, clock: { ms: number }): Services {
  const cache = new ReadCache({ freshMs: MLFLOW_READ_FRESH_MS, maxEntries: 2000, now: () => clock.ms });
  return { ...testServices({ db, now: () => new Date(clock.ms) }), mlflow: { client: () => registry.client(), cache } };
}

/** Services for the promotion verbs: this database and a fresh fake registry, unless `overrides` give others. */
export function promotionServices(prisma: PrismaClient, overrides: Omit<TestServicesOptions, "db"> = {}): Services {
  return testServices({ db: prisma, mlflow: new FakeMlflowRegistry().client(), ...overrides });
}

/** The rollout tests' cast, and churn_xgb v7 requested by the engineer and approved by the second lead. */
export async function approvedChurnV7(prisma: PrismaClient) {
  const engineer = await person(prisma, "Jonas Berg", ["Stagegate.MLEngineer"]);
  const lead = await person(prisma, "Priya Raman", ["Stagegate.MLLead"]);
  const lead2 = await person(prisma, "Tomás Ortega", ["Stagegate.MLLead"]);
  const viewer = await person(prisma, "Maya Patel", ["Stagegate.Viewer"]);
  const services = promotionServices(prisma);
  const { request } = await requestPromotion(engineer, { model: "churn_xgb", version: "7", rationale: "beats the champion", idempotencyKey: randomUUID() }, services);
  await decidePromotion(lead2, { requestId: request.id, outcome: "approve", idempotencyKey: randomUUID() }, services);
  return { engineer, lead, lead2, viewer, request };
}

export function idempotencyKey(): string {
  return randomUUID();
}
