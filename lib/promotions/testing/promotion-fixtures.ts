// Test doubles for the promotion verbs: people with roles, MLflow numbers, and a fake MLflow
// registry that records alias moves and can be told to fail.
import { randomUUID } from "node:crypto";
import { permissionsOf } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/request-context";
import type { PrismaClient } from "@/lib/db/generated/client";
import type { PromotionInputs } from "@/lib/domain/promotion-evidence";
import { MlflowError, type MlflowClient } from "@/lib/sources/mlflow/mlflow-client";
import { decidePromotion } from "../decide-promotion";
import type { PromotionDeps } from "../promotion-deps";
import { requestPromotion } from "../request-promotion";

export async function person(prisma: PrismaClient, name: string, roles: string[]): Promise<RequestContext> {
  const user = await prisma.user.create({ data: { oid: randomUUID(), tenantId: "tenant", name } });
  return { user: { id: user.id, oid: user.oid, tenantId: user.tenantId, name, email: null }, roles, permissions: permissionsOf(roles) };
}

const CHAMPION = { version: "6", runId: "run-6", metrics: { auc: 0.861, fairness_dp_diff: 0.05, robustness_score: 0.97, shap_drift: 0.05 }, datasets: [] };
const CANDIDATES: Record<string, PromotionInputs["candidate"]> = {
  "7": { version: "7", runId: "run-7", metrics: { auc: 0.874, fairness_dp_diff: 0.06, robustness_score: 0.96, shap_drift: 0.08 }, datasets: [{ name: "churn_features", digest: "d7", source: "/delta/churn", deltaVersion: "12" }] },
  "8": { version: "8", runId: "run-8", metrics: { auc: 0.88, fairness_dp_diff: 0.137, robustness_score: 0.96, shap_drift: 0.07 }, datasets: [] },
};

export function fakeInputs(model: string, version: string): Promise<PromotionInputs> {
  const candidate = CANDIDATES[version];
  if (!candidate) return Promise.reject(new MlflowError("no such version", 404, "RESOURCE_DOES_NOT_EXIST", false));
  return Promise.resolve({ model, candidate, champion: CHAMPION, readAt: "2026-11-24T00:00:00.000Z" });
}

export function depsFor(prisma: PrismaClient, overrides: Partial<PromotionDeps> = {}): PromotionDeps {
  return { prisma, readInputs: fakeInputs, now: () => new Date(), requestId: "req-test", ...overrides };
}

/** The rollout tests' cast, and churn_xgb v7 requested by the engineer and approved by the second lead. */
export async function approvedChurnV7(prisma: PrismaClient) {
  const engineer = await person(prisma, "Jonas Berg", ["Stagegate.MLEngineer"]);
  const lead = await person(prisma, "Priya Raman", ["Stagegate.MLLead"]);
  const lead2 = await person(prisma, "Tomás Ortega", ["Stagegate.MLLead"]);
  const viewer = await person(prisma, "Maya Patel", ["Stagegate.Viewer"]);
  const promotion = depsFor(prisma);
  const { request } = await requestPromotion(engineer, { model: "churn_xgb", version: "7", rationale: "beats the champion", idempotencyKey: randomUUID() }, promotion);
  await decidePromotion(lead2, { requestId: request.id, outcome: "approve", idempotencyKey: randomUUID() }, promotion);
  return { engineer, lead, lead2, viewer, request };
}

export function idempotencyKey(): string {
  return randomUUID();
}

/** Just enough of MlflowClient for applying aliases; `failing` makes every call fail like a 503. */
export class FakeMlflowRegistry {
  aliases = new Map<string, string>();
  tags = new Map<string, string>();
  failing = false;
  calls = 0;

  client(): MlflowClient {
    const fail = () => {
      this.calls++;
      if (this.failing) throw new MlflowError("MLflow refused with 503 TEMPORARILY_UNAVAILABLE.", 503, "TEMPORARILY_UNAVAILABLE", true);
    };
    return {
      getRegisteredModel: async (name: string) => {
        fail();
        return { name, aliases: [...this.aliases].filter(([key]) => key.startsWith(`${name}@`)).map(([key, version]) => ({ alias: key.split("@")[1]!, version })), tags: [], latest_versions: [] };
      },
      setAlias: async (name: string, alias: string, version: string) => {
        fail();
        this.aliases.set(`${name}@${alias}`, version);
      },
      setModelVersionTag: async (name: string, version: string, key: string, value: string) => {
        fail();
        this.tags.set(`${name}/${version}#${key}`, value);
      },
    } as unknown as MlflowClient;
  }
}
