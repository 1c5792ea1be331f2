import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { runOutboxOnce } from "@/lib/outbox/outbox-worker";
import { approvedChurnV7, person } from "@/lib/promotions/testing/promotion-fixtures";
import { testServices } from "@/lib/services/testing/test-services";
import { TEST_DATABASE_KIND, useMigratedTempDatabase } from "@/testing/temp-database";
import { actOnRollout } from "./act-on-rollout";
import { APPLY_TRAFFIC_JOB, applyTrafficJob } from "./apply-traffic-job";
import { discardDraftedRollout } from "./discard-drafted-rollout";
import { draftRollout } from "./draft-rollout";
import { readRolloutsOverview } from "./read-rollouts-overview";
import { startDraftedRollout } from "./start-drafted-rollout";
import { startRollout } from "./start-rollout";
import { fakeTelemetry } from "./telemetry/testing/fake-telemetry";
import { FakeEndpoint } from "./testing/fake-endpoint";

const SILENT = { info: () => undefined, warn: () => undefined, error: () => undefined };

describe(`rollout drafts on ${TEST_DATABASE_KIND}`, () => {
  const currentDatabase = useMigratedTempDatabase();

  async function setup() {
    const { prisma } = currentDatabase().database;
    const { engineer, lead, lead2, viewer, request } = await approvedChurnV7(prisma);
    const engineer2 = await person(prisma, "Ada Lind", ["Stagegate.MLEngineer"]);
    const endpoint = new FakeEndpoint();
    const services = { ...testServices({ db: prisma, azureMl: endpoint.client(), requestId: null }), logAnalytics: fakeTelemetry({ now: () => new Date() }).logAnalytics };
    const worker = { database: currentDatabase().database, handlers: { [APPLY_TRAFFIC_JOB]: applyTrafficJob(services) }, logger: SILENT, now: () => new Date() };
    return { prisma, engineer, engineer2, lead, lead2, viewer, request, endpoint, services, worker };
  }

  const plan = (requestId: string) => ({ promotionRequestId: requestId, endpoint: "churn-endpoint", baselineDeployment: "blue", candidateDeployment: "green", templateName: "demo", autoMode: false, idempotencyKey: randomUUID() });
  const decide = (rollout: { id: string; revision: number }) => ({ rolloutId: rollout.id, expectedRevision: rollout.revision, idempotencyKey: randomUUID() });

  it("an engineer drafts (nothing reaches the endpoint); a lead starts it: running, with step one's job queued and applied", async () => {
    const { prisma, engineer, lead, request, endpoint, services, worker } = await setup();
    const { rollout: draft } = await draftRollout(engineer, plan(request.id), services);
    expect(draft).toMatchObject({ status: "draft", revision: 0, createdByName: "Jonas Berg", startedAt: null });
    expect(await prisma.outboxJob.count({ where: { kind: APPLY_TRAFFIC_JOB } })).toBe(0);
    await expect(startDraftedRollout(engineer, decide(draft), services)).rejects.toMatchObject({ name: "AuthorizationError", status: 403 });

    const overview = await readRolloutsOverview(engineer, {}, services);
    expect(overview.fleetProblem).toBeNull();
    expect(overview.endpoints.map((entry) => [entry.endpoint.name, entry.live.value?.deployments.length])).toEqual([["churn-endpoint", 2]]);
    expect(overview.drafts.map((view) => view.id)).toEqual([draft.id]);
    expect(overview.readyToRoll).toEqual([expect.objectContaining({ id: request.id, drafts: [expect.objectContaining({ id: draft.id, by: "Jonas Berg" })] })]);

    const { rollout } = await startDraftedRollout(lead, decide(draft), services);
    expect(rollout).toMatchObject({ id: draft.id, status: "running", revision: 1, currentStep: 0, createdByName: "Jonas Berg", startedByName: "Priya Raman", appliedRevision: null });
    expect(await prisma.outboxJob.findMany({ where: { kind: APPLY_TRAFFIC_JOB } })).toEqual([expect.objectContaining({ payload: { rolloutId: draft.id, revision: 1 } })]);
    const actions = await prisma.rolloutAction.findMany({ where: { rolloutId: draft.id }, orderBy: { revision: "asc" } });
    expect(actions.map((action) => [action.revision, action.action, action.actorName])).toEqual([[0, "draft", "Jonas Berg"], [1, "start", "Priya Raman"]]);
    const audit = (await prisma.auditEvent.findMany({ where: { action: { startsWith: "rollout." } }, orderBy: { seq: "asc" } })).map((event) => event.action);
    expect(audit).toEqual(["rollout.drafted", "rollout.started"]);

    await runOutboxOnce(worker);
    expect(endpoint.split).toEqual({ traffic: { blue: 100, green: 0 }, mirrorTraffic: { green: 10 } });
    expect(await prisma.rollout.findUniqueOrThrow({ where: { id: draft.id } })).toMatchObject({ appliedRevision: 1 });
    // It is a rollout like any other from here on.
    await actOnRollout(lead, { ...decide(rollout), action: "rollback" }, services);
    expect(await prisma.rollout.findUniqueOrThrow({ where: { id: draft.id } })).toMatchObject({ status: "rolled_back" });
  });

  it("a second start of the same draft is refused, naming who started it; so is a discard after the start", async () => {
    const { prisma, engineer, lead, lead2, request, services } = await setup();
    const { rollout: draft } = await draftRollout(engineer, plan(request.id), services);
    await startDraftedRollout(lead, decide(draft), services);
    await expect(startDraftedRollout(lead2, decide(draft), services)).rejects.toMatchObject({ code: "not_pending", message: expect.stringMatching(/already started by Priya Raman at .* UTC/) });
    await expect(discardDraftedRollout(engineer, decide(draft), services)).rejects.toMatchObject({ code: "not_pending", message: expect.stringMatching(/already started by Priya Raman/) });
    expect(await prisma.rolloutAction.count({ where: { rolloutId: draft.id, action: "start" } })).toBe(1);
    expect(await prisma.outboxJob.count({ where: { kind: APPLY_TRAFFIC_JOB } })).toBe(1);
  });

  it.runIf(TEST_DATABASE_KIND === "postgresql")("two leads starting the same draft at once yield one start; the other is told", async () => {
    const { prisma, engineer, lead, lead2, request, services } = await setup();
    const { rollout: draft } = await draftRollout(engineer, plan(request.id), services);
    const outcomes = await Promise.allSettled([startDraftedRollout(lead, decide(draft), services), startDraftedRollout(lead2, decide(draft), services)]);
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
    const refused = outcomes.find((outcome) => outcome.status === "rejected") as PromiseRejectedResult;
    expect(String(refused.reason.message)).toMatch(/already started by (Priya Raman|Tomás Ortega)|at the same moment/);
    expect(await prisma.outboxJob.count({ where: { kind: APPLY_TRAFFIC_JOB } })).toBe(1);
  });

  it("refuses to start while another rollout runs on the endpoint, or when the candidate no longer serves the version; drafts never block the endpoint", async () => {
    const { engineer, lead, request, endpoint, services } = await setup();
    const { rollout: second } = await draftRollout(engineer, plan(request.id), services);
    const { rollout: running } = await startRollout(lead, plan(request.id), services);
    await expect(startDraftedRollout(lead, decide(second), services)).rejects.toMatchObject({ code: "duplicate_request", message: expect.stringContaining("already being rolled out on churn-endpoint") });
    await actOnRollout(lead, { ...decide(running), action: "abort" }, services);
    endpoint.greenServes = "8";
    await expect(startDraftedRollout(lead, decide(second), services)).rejects.toMatchObject({ code: "invalid_input", message: expect.stringContaining("serves churn_xgb v8, not churn_xgb v7") });
    endpoint.greenServes = "7";
    await expect(startDraftedRollout(lead, decide(second), services)).resolves.toMatchObject({ rollout: { status: "running" } });
  });

  it("validates a draft as a start: a Viewer cannot draft, an unknown template or a wrong candidate is refused", async () => {
    const { prisma, engineer, viewer, request, services } = await setup();
    await expect(draftRollout(viewer, plan(request.id), services)).rejects.toMatchObject({ name: "AuthorizationError", status: 403 });
    await expect(draftRollout(engineer, { ...plan(request.id), templateName: "nope" }, services)).rejects.toMatchObject({ code: "invalid_input", fieldErrors: { templateName: "unknown template" } });
    await expect(draftRollout(engineer, { ...plan(request.id), candidateDeployment: "blue", baselineDeployment: "green" }, services)).rejects.toMatchObject({ fieldErrors: { candidateDeployment: "serves another model version" } });
    expect(await prisma.rollout.count()).toBe(0);
  });

  it("the drafter or a lead discards a draft; another engineer may not; a discarded draft cannot be started; drafting replays its key", async () => {
    const { prisma, engineer, engineer2, lead, request, services } = await setup();
    const input = plan(request.id);
    const { rollout: mine } = await draftRollout(engineer, input, services);
    expect(await draftRollout(engineer, input, services)).toMatchObject({ replayed: true, rollout: { id: mine.id } });
    await expect(discardDraftedRollout(engineer2, decide(mine), services)).rejects.toMatchObject({ code: "not_yours", status: 403 });
    const discardedInput = decide(mine);
    const { rollout: discarded } = await discardDraftedRollout(engineer, discardedInput, services);
    expect(discarded).toMatchObject({ status: "discarded", revision: 1 });
    const { rollout: other } = await draftRollout(engineer, plan(request.id), services);
    expect(await discardDraftedRollout(engineer, discardedInput, services)).toMatchObject({ replayed: true });
    await expect(startDraftedRollout(lead, decide(mine), services)).rejects.toMatchObject({ code: "not_pending", message: expect.stringContaining("already discarded by Jonas Berg") });
    await expect(discardDraftedRollout(lead, decide(other), services)).resolves.toMatchObject({ rollout: { status: "discarded" } });
    const audit = (await prisma.auditEvent.findMany({ where: { action: { startsWith: "rollout." } }, orderBy: { seq: "asc" } })).map((event) => [event.action, event.actorName]);
    expect(audit).toEqual([["rollout.drafted", "Jonas Berg"], ["rollout.discarded", "Jonas Berg"], ["rollout.drafted", "Jonas Berg"], ["rollout.discarded", "Priya Raman"]]);
    expect(await prisma.outboxJob.count({ where: { kind: APPLY_TRAFFIC_JOB } })).toBe(0);
  });

  it("one open draft per promotion and endpoint, and a draft left over after its promotion was rolled out is refused, so traffic never goes back to the baseline", async () => {
    const { prisma, engineer, lead, request, endpoint, services, worker } = await setup();
    const { rollout: draft } = await draftRollout(engineer, plan(request.id), services);
    await expect(draftRollout(engineer, plan(request.id), services)).rejects.toMatchObject({ code: "duplicate_request", message: expect.stringContaining(`already drafted this rollout on churn-endpoint (draft ${draft.id})`) });
    const { rollout } = await startRollout(lead, plan(request.id), services);
    await runOutboxOnce(worker);
    await expect(startDraftedRollout(lead, decide(draft), services)).rejects.toMatchObject({
      code: "duplicate_request",
      message: expect.stringContaining(`churn_xgb v7 is already being rolled out on churn-endpoint (rollout ${rollout.id}, running)`),
    });
    await expect(startRollout(lead, plan(request.id), services)).rejects.toMatchObject({ code: "duplicate_request" });
    expect(endpoint.split).toEqual({ traffic: { blue: 100, green: 0 }, mirrorTraffic: { green: 10 } });
    expect(await prisma.rollout.findUniqueOrThrow({ where: { id: draft.id } })).toMatchObject({ status: "draft" });
    // Rolled back, the approval may be rolled out again, from the draft too.
    await actOnRollout(lead, { ...decide(await prisma.rollout.findUniqueOrThrow({ where: { id: rollout.id } })), action: "rollback" }, services);
    expect(await startDraftedRollout(lead, decide(draft), services)).toMatchObject({ rollout: { id: draft.id, status: "running" } });
  });
});
