// Every verb that takes a context, called as each role: allowed exactly when the matrix says so,
// else refused with 403. Add each new verb here.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportAuditCsv } from "@/lib/audit/export-audit-csv";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import type { PrismaClient } from "@/lib/db/generated/client";
import { applyPendingMigrations } from "@/lib/db/migrations/apply-migrations";
import { listExperiments } from "@/lib/experiments/list-experiments";
import { readExperimentRuns } from "@/lib/experiments/read-experiment-runs";
import { readRun } from "@/lib/experiments/read-run";
import { readSystemStatus } from "@/lib/health/read-system-status";
import { readPolicyForEditing } from "@/lib/policy/read-policy";
import { updatePolicy } from "@/lib/policy/update-policy";
import { decidePromotion } from "@/lib/promotions/decide-promotion";
import { readApprovals } from "@/lib/promotions/read-approvals";
import { readPromotionGate } from "@/lib/promotions/read-promotion-gate";
import { readApplyStatus, readPromotionRequest } from "@/lib/promotions/read-promotion-request";
import { readVersionPromotion } from "@/lib/promotions/read-version-promotion";
import { requestPromotion } from "@/lib/promotions/request-promotion";
import { listModels } from "@/lib/registry/list-models";
import { readModel } from "@/lib/registry/read-model";
import { readVersionLineage } from "@/lib/registry/read-version-lineage";
import { fakeFleet } from "@/lib/registry/testing/fake-fleet";
import { actOnRollout } from "@/lib/rollouts/act-on-rollout";
import { discardDraftedRollout } from "@/lib/rollouts/discard-drafted-rollout";
import { draftRollout } from "@/lib/rollouts/draft-rollout";
import { readRollout, readRolloutStatus } from "@/lib/rollouts/read-rollout";
import { readRolloutChoices } from "@/lib/rollouts/read-rollout-choices";
import { readRolloutsOverview } from "@/lib/rollouts/read-rollouts-overview";
import { readStepSeries } from "@/lib/rollouts/read-step-series";
import { startDraftedRollout } from "@/lib/rollouts/start-drafted-rollout";
import { startRollout } from "@/lib/rollouts/start-rollout";
import { readRolloutTemplates, saveRolloutTemplate } from "@/lib/rollouts/templates/rollout-templates";
import { readLiveEndpointStats } from "@/lib/rollouts/telemetry/read-live-endpoint-stats";
import { fakeTelemetry } from "@/lib/rollouts/telemetry/testing/fake-telemetry";
import { promotionServices } from "@/lib/promotions/testing/promotion-fixtures";
import type { Services } from "@/lib/services/services";
import { testServices } from "@/lib/services/testing/test-services";
import { fakeMlflow } from "@/lib/sources/mlflow/testing/fake-mlflow";
import { createTempDatabase, type TempDatabase } from "@/testing/temp-database";
import { describeCaller } from "./describe-caller";
import { can, isAuthorizationError, permissionsOf, ROLES, type Permission } from "./permissions";
import type { RequestContext } from "./request-context";

let temp: TempDatabase;
let prisma: PrismaClient;
// A pending request by somebody else, so decision verbs have something to decide.
let requestId: string;
let userId: string;

beforeAll(async () => {
  temp = await createTempDatabase();
  await applyPendingMigrations(temp.database);
  prisma = temp.database.prisma;
  userId = (await prisma.user.create({ data: { oid: "o", tenantId: "t", name: "Test" } })).id;
  const requester = await prisma.user.create({ data: { oid: "requester", tenantId: "t", name: "Requester" } });
  const requesterCtx = { user: { id: requester.id, oid: "requester", tenantId: "t", name: "Requester", email: null }, roles: ["Stagegate.MLEngineer"], permissions: permissionsOf(["Stagegate.MLEngineer"]) };
  const { request } = await requestPromotion(requesterCtx, { model: "churn_xgb", version: "8", rationale: "role matrix fixture", idempotencyKey: randomUUID() }, promotionServices(prisma));
  requestId = request.id;
});

afterAll(async () => {
  await temp?.drop();
});

function contextFor(roles: string[]): RequestContext & { appId: string } {
  return { appId: "app", user: { id: userId, oid: "o", tenantId: "t", name: "Test", email: null }, roles, permissions: permissionsOf(roles) };
}

const READERS = ["Stagegate.Viewer", "Stagegate.MLEngineer", "Stagegate.MLLead", "Stagegate.ProductOwner"];
const LEADS = ["Stagegate.MLLead"];
const DRAFTERS = ["Stagegate.MLEngineer", "Stagegate.MLLead"];
// The database, fake MLflow and ARM; no Log Analytics: an allowed call stops at its state checks.
const services = (): Services => testServices({ db: prisma, mlflow: fakeMlflow(), azureMl: fakeFleet() });
const ADMIN = ["Stagegate.Admin"];
const policyInput = () => ({
  basedOnVersion: 1,
  changeNote: "role matrix: no change",
  idempotencyKey: randomUUID(),
  content: { rules: [{ metric: "auc", comparison: ">=", threshold: 0.5, relativeTo: "absolute" }], quorum: 1, requestTtlDays: 7 },
});

// Written out from DESIGN.md ("Who uses it"), not computed from the matrix under test.
const VERBS: { name: string; permission: Permission; allowed: string[]; call: (ctx: RequestContext & { appId: string }) => Promise<unknown> }[] = [
  {
    name: "readSystemStatus",
    permission: "monitoring:read",
    allowed: ["Stagegate.Viewer", "Stagegate.MLEngineer", "Stagegate.MLLead", "Stagegate.ProductOwner"],
    call: (ctx) => readSystemStatus(ctx, {}, testServices({ db: prisma })),
  },
  { name: "describeCaller", permission: "gate-api:read", allowed: ["Stagegate.Pipeline"], call: async (ctx) => describeCaller(ctx) },
  {
    name: "requestPromotion",
    permission: "promotions:request",
    allowed: ["Stagegate.MLEngineer", "Stagegate.MLLead"],
    // Each allowed call makes a new request, so each uses a version of its own (v7 passes).
    call: (ctx) => requestPromotion(ctx, { model: `model_${randomUUID().slice(0, 8)}`, version: "7", rationale: "role matrix check", idempotencyKey: randomUUID() }, promotionServices(prisma)),
  },
  {
    name: "decidePromotion (reject)",
    permission: "promotions:decide",
    allowed: ["Stagegate.MLLead"],
    // A reject needs no override; the test users differ from the requester. One lead decides; a
    // second allowed call is refused as already decided, which is not a permission refusal.
    call: (ctx) => decidePromotion(ctx, { requestId, outcome: "reject", idempotencyKey: "role-matrix-reject-0001" }, promotionServices(prisma)),
  },
  { name: "readApprovals", permission: "registry:read", allowed: READERS, call: (ctx) => readApprovals(ctx, {}, promotionServices(prisma)) },
  { name: "readPromotionRequest", permission: "registry:read", allowed: READERS, call: (ctx) => readPromotionRequest(ctx, { id: requestId }, promotionServices(prisma)) },
  { name: "readApplyStatus", permission: "registry:read", allowed: READERS, call: (ctx) => readApplyStatus(ctx, { id: requestId }, promotionServices(prisma)) },
  { name: "readVersionPromotion", permission: "registry:read", allowed: READERS, call: (ctx) => readVersionPromotion(ctx, { model: "churn_xgb", version: "8" }, promotionServices(prisma)) },
  { name: "readPromotionGate", permission: "gate-api:read", allowed: ["Stagegate.Pipeline"], call: (ctx) => readPromotionGate(ctx, { model: "churn_xgb", version: "8" }, promotionServices(prisma)) },
  { name: "listAuditEvents", permission: "audit:read", allowed: ADMIN, call: (ctx) => listAuditEvents(ctx, {}, services()) },
  { name: "exportAuditCsv", permission: "audit:read", allowed: ADMIN, call: (ctx) => exportAuditCsv(ctx, {}, services()) },
  { name: "readPolicyForEditing", permission: "policy:edit", allowed: ADMIN, call: (ctx) => readPolicyForEditing(ctx, {}, services()) },
  // basedOnVersion 1 may be stale by the time it runs; a stale refusal is not a permission refusal.
  { name: "updatePolicy", permission: "policy:edit", allowed: ADMIN, call: (ctx) => updatePolicy(ctx, policyInput(), services()) },
  // Rollout verbs: an allowed call reaches the state checks (no such rollout) instead of a 403.
  { name: "startRollout", permission: "rollouts:operate", allowed: LEADS, call: (ctx) => startRollout(ctx, { promotionRequestId: randomUUID(), endpoint: "churn-endpoint", baselineDeployment: "blue", candidateDeployment: "green", templateName: "demo", autoMode: false, idempotencyKey: randomUUID() }, services()) },
  { name: "actOnRollout (advance)", permission: "rollouts:operate", allowed: LEADS, call: (ctx) => actOnRollout(ctx, { rolloutId: randomUUID(), action: "advance", expectedRevision: 1, idempotencyKey: randomUUID() }, services()) },
  { name: "actOnRollout (rollback)", permission: "rollouts:rollback", allowed: LEADS, call: (ctx) => actOnRollout(ctx, { rolloutId: randomUUID(), action: "rollback", expectedRevision: 1, idempotencyKey: randomUUID() }, services()) },
  { name: "readRollout", permission: "rollouts:read", allowed: READERS, call: (ctx) => readRollout(ctx, { id: randomUUID() }, services()) },
  { name: "readRolloutStatus", permission: "rollouts:read", allowed: READERS, call: (ctx) => readRolloutStatus(ctx, { id: randomUUID() }, services()) },
  { name: "readStepSeries", permission: "rollouts:read", allowed: READERS, call: (ctx) => readStepSeries(ctx, { id: randomUUID() }, services()) },
  { name: "readRolloutsOverview", permission: "rollouts:read", allowed: READERS, call: (ctx) => readRolloutsOverview(ctx, {}, services()) },
  { name: "draftRollout", permission: "rollouts:draft", allowed: DRAFTERS, call: (ctx) => draftRollout(ctx, { promotionRequestId: randomUUID(), endpoint: "churn-endpoint", baselineDeployment: "blue", candidateDeployment: "green", templateName: "demo", autoMode: false, idempotencyKey: randomUUID() }, services()) },
  { name: "startDraftedRollout", permission: "rollouts:operate", allowed: LEADS, call: (ctx) => startDraftedRollout(ctx, { rolloutId: randomUUID(), expectedRevision: 0, idempotencyKey: randomUUID() }, services()) },
  { name: "discardDraftedRollout", permission: "rollouts:draft", allowed: DRAFTERS, call: (ctx) => discardDraftedRollout(ctx, { rolloutId: randomUUID(), expectedRevision: 0, idempotencyKey: randomUUID() }, services()) },
  { name: "readRolloutChoices", permission: "rollouts:draft", allowed: DRAFTERS, call: (ctx) => readRolloutChoices(ctx, { promotionRequestId: requestId }, services()) },
  { name: "readRolloutTemplates", permission: "templates:edit", allowed: ADMIN, call: (ctx) => readRolloutTemplates(ctx, {}, services()) },
  // expectedVersion 0 on an existing name is refused as stale: a state refusal, not a permission one.
  { name: "saveRolloutTemplate", permission: "templates:edit", allowed: ADMIN, call: (ctx) => saveRolloutTemplate(ctx, { name: "demo", expectedVersion: 0, content: "{}", idempotencyKey: randomUUID() }, services()) },
  {
    name: "readLiveEndpointStats",
    permission: "rollouts:read",
    allowed: READERS,
    call: (ctx) => readLiveEndpointStats(ctx, { endpoint: "churn-endpoint" }, fakeTelemetry().services),
  },
  ...[
    { name: "listExperiments", call: (ctx: RequestContext) => listExperiments(ctx, {}, services()) },
    { name: "readExperimentRuns", call: (ctx: RequestContext) => readExperimentRuns(ctx, { experimentId: "1" }, services()) },
    { name: "readRun", call: (ctx: RequestContext) => readRun(ctx, { experimentId: "1", runId: "r1" }, services()) },
  ].map((verb) => ({ ...verb, permission: "lineage:read" as const, allowed: READERS })),
  { name: "listModels", permission: "registry:read", allowed: READERS, call: (ctx) => listModels(ctx, { size: 25 }, services()) },
  { name: "readModel", permission: "registry:read", allowed: READERS, call: (ctx) => readModel(ctx, { name: "churn_xgb" }, services()) },
  { name: "readVersionLineage", permission: "lineage:read", allowed: READERS, call: (ctx) => readVersionLineage(ctx, { name: "churn_xgb", version: "7" }, services()) },
];

/** An allowed call may still be refused for its state (already decided, stale policy), never for permission. */
async function expectNotRefusedForPermission(attempt: Promise<unknown>) {
  try {
    expect(await attempt).toBeDefined();
  } catch (error) {
    expect(isAuthorizationError(error)).toBe(false);
    expect(error).toMatchObject({ kind: "refused" });
  }
}

describe("role matrix over the server-side verbs", () => {
  for (const verb of VERBS) {
    for (const roles of [...ROLES.map((role) => [role]), []]) {
      const allowed = roles.some((role) => verb.allowed.includes(role));
      it(`${verb.name} as ${roles[0] ?? "no role"}: ${allowed ? "allowed" : "403"}`, async () => {
        const attempt = verb.call(contextFor(roles));
        if (allowed) await expectNotRefusedForPermission(attempt);
        else await expect(attempt).rejects.toMatchObject({ status: 403, permission: verb.permission });
        if (!allowed) await expect(verb.call(contextFor(roles))).rejects.toMatchObject({ kind: "authorization" });
        expect(can(roles, verb.permission)).toBe(allowed);
      });
    }
  }

  it("a user holding several roles gets the union (FinOps + Viewer reads system status)", async () => {
    await expect(readSystemStatus(contextFor(["Stagegate.FinOps", "Stagegate.Viewer"]), {}, testServices({ db: prisma }))).resolves.toMatchObject({ database: { reachable: true } });
    await expect(readSystemStatus(contextFor(["Stagegate.FinOps"]), {}, testServices({ db: prisma }))).rejects.toMatchObject({ status: 403 });
  });
});
