// The rollout page's reads (readRollout beside readStepSeries, as app/rollouts/[id] calls them) wait
// on one upstream round trip: what `npm run bench -- pages` measures as its depth, counted here
// without clocks so the emulator's own time cannot blur it.
import { describe, expect, it } from "vitest";
import type { PrismaClient, Rollout, RolloutAction } from "@/lib/db/generated/client";
import { runOutboxOnce } from "@/lib/outbox/outbox-worker";
import { RoundTrips } from "@/lib/services/testing/round-trips";
import { testServices } from "@/lib/services/testing/test-services";
import { TEST_DATABASE_KIND, useMigratedTempDatabase } from "@/testing/temp-database";
import { readRollout } from "./read-rollout";
import { readStepSeries } from "./read-step-series";
import { fakeTelemetry } from "./telemetry/testing/fake-telemetry";
import { rolloutHarness } from "./testing/rollout-harness";

/** The rows as PostgreSQL holds them, answered at once: the page's local reads are not upstream round trips. */
function databaseOf(rollout: Rollout, actions: RolloutAction[]): PrismaClient {
  return {
    rollout: { findUnique: async () => rollout, findFirst: async () => null },
    rolloutAction: { findMany: async () => actions },
    // No SLO was edited: the endpoint's availability SLO is the default.
    settingsVersion: { findMany: async () => [] },
  } as unknown as PrismaClient;
}

describe(`the rollout page's reads on ${TEST_DATABASE_KIND}`, () => {
  const currentDatabase = useMigratedTempDatabase();

  it("fire ARM's endpoint and deployments, the gates' queries and the step's series side by side: one round trip", async () => {
    const { prisma, lead, worker, start, reload, endpoint, services } = await rolloutHarness(currentDatabase());
    const { rollout } = await start();
    await runOutboxOnce(worker);
    const row = await reload(rollout.id);
    const actions = await prisma.rolloutAction.findMany({ where: { rolloutId: rollout.id } });
    // A cold process: nothing cached yet.
    const telemetry = fakeTelemetry({ now: services.now });
    const trips = new RoundTrips();
    const page = testServices({ db: databaseOf(row, actions), azureMl: trips.wrap(endpoint.client(), "arm"), now: services.now });
    page.logAnalytics = { client: () => trips.wrap(telemetry.logAnalytics.client(), "logs"), cache: telemetry.logAnalytics.cache };

    const { value, depth } = await trips.run(() => Promise.all([readRollout(lead, { id: rollout.id }, page), readStepSeries(lead, { id: rollout.id }, page)]));

    const [view, series] = value;
    expect(view.status.evaluation).not.toBeNull();
    expect(view.live?.traffic).toEqual({ blue: 100, green: 0 });
    expect(series.chart).not.toBeNull();
    expect(depth).toBe(1);
    // The shadow step: requests, KPI and availability budget for the gates, and the series.
    expect(trips.waves[0]!.sort()).toEqual(["arm.getOnlineEndpoint", "arm.listOnlineDeployments", "logs.query", "logs.query", "logs.query", "logs.query"]);
    expect(telemetry.sent.map((query) => query.name).sort()).toEqual(["deploymentKpi", "deploymentSeries", "deploymentStats", "endpointAvailability"]);
  });
});
