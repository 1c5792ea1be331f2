// With Azure Resource Manager not configured, /rollouts and /rollouts/new show the same "not
// configured" panel: both verbs return the fleet's problem instead of failing, and both pages
// render it with UpstreamProblemPanel. (ARM is left unfaked here, so reaching it throws the one
// UpstreamNotConfiguredError, as an unconfigured server's does.)
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { UpstreamProblemPanel } from "@/components/feedback/upstream-problem-panel";
import type { UpstreamProblem } from "@/lib/errors/upstream-problem";
import { approvedChurnV7 } from "@/lib/promotions/testing/promotion-fixtures";
import { testServices } from "@/lib/services/testing/test-services";
import { TEST_DATABASE_KIND, useMigratedTempDatabase } from "@/testing/temp-database";
import { readRolloutChoices } from "./read-rollout-choices";
import { readRolloutsOverview } from "./read-rollouts-overview";

// What both pages render for the fleet's problem (app/rollouts/page.tsx, app/rollouts/new/page.tsx).
const panel = (problem: UpstreamProblem | null) => renderToStaticMarkup(createElement(UpstreamProblemPanel, { problem: problem!, requestId: "req-test" }));

describe(`rollout pages without ARM configured, on ${TEST_DATABASE_KIND}`, () => {
  const currentDatabase = useMigratedTempDatabase();

  it("/rollouts and /rollouts/new show the same not-configured panel; the rest of /rollouts still shows", async () => {
    const { prisma } = currentDatabase().database;
    const { lead, request } = await approvedChurnV7(prisma);
    const services = testServices({ db: prisma });

    const overview = await readRolloutsOverview(lead, {}, services);
    const choices = await readRolloutChoices(lead, { promotionRequestId: request.id }, services);

    expect(overview.fleetProblem).toMatchObject({ upstream: "Azure Resource Manager", notConfigured: true });
    expect(choices.fleetProblem).toEqual(overview.fleetProblem);
    expect(overview).toMatchObject({ endpoints: [], fleetAsOf: null, readyToRoll: [expect.objectContaining({ id: request.id })] });
    expect(choices).toMatchObject({ endpoints: [], suggested: null, fleetAsOf: null, templates: expect.arrayContaining([expect.objectContaining({ name: "demo" })]) });

    const onRollouts = panel(overview.fleetProblem);
    expect(panel(choices.fleetProblem)).toBe(onRollouts);
    expect(onRollouts).toContain('data-testid="not-configured"');
    expect(onRollouts).toContain("Azure Resource Manager is not configured");
    expect(onRollouts).toContain("An administrator sets these in Stagegate&#x27;s environment");
  });
});
