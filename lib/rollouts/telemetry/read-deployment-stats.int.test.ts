import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DEFAULT_SLOS } from "@/lib/domain/slo/definitions";
import { runOutboxOnce } from "@/lib/outbox/outbox-worker";
import { person } from "@/lib/promotions/testing/promotion-fixtures";
import { saveSloDefinition } from "@/lib/slos/save-slo-definition";
import { TEST_DATABASE_KIND, useMigratedTempDatabase } from "@/testing/temp-database";
import { readRolloutStatus } from "../read-rollout";
import { rolloutHarness } from "../testing/rollout-harness";

const AVAILABILITY = DEFAULT_SLOS.find((slo) => slo.id === "churn-endpoint-availability")!;

describe(`the rollout freeze reads the endpoint's availability SLO, on ${TEST_DATABASE_KIND}`, () => {
  const currentDatabase = useMigratedTempDatabase();

  it("freezes the step once an Admin tightens the target past what the endpoint's failures allow, and thaws it when loosened", async () => {
    const h = await rolloutHarness(currentDatabase());
    const { rollout } = await h.start();
    await runOutboxOnce(h.worker);
    // Log Analytics counts 12 000 000 live requests and 3600 failures over 30 days: at 99.9 %, 12 000 are allowed (70 % left).
    const before = await readRolloutStatus(h.viewer, { id: rollout.id }, h.services);
    expect(before.evaluation?.judgement).toMatchObject({ frozen: false, freezeReason: null });

    const admin = await person(h.prisma, "Ada Admin", ["Stagegate.Admin"]);
    const save = (target: number, expectedVersion: number) =>
      saveSloDefinition(admin, { id: AVAILABILITY.id, expectedVersion, content: { ...AVAILABILITY, target }, changeNote: `target ${target} for the holiday peak`, idempotencyKey: randomUUID() }, h.services);
    // At 99.98 % only 2400 failures are allowed: the budget is overspent by half.
    await save(0.9998, 0);
    const frozen = await readRolloutStatus(h.viewer, { id: rollout.id }, h.services);
    // The frozen step names the SLO that froze it, for the page's link to /slos#<id>.
    expect(frozen.evaluation?.judgement).toMatchObject({ frozen: true, freezeReason: expect.stringContaining("-50"), freezeSlo: AVAILABILITY.id });
    expect(frozen.evaluation?.judgement.freezeReason).toContain(`availability SLO ${AVAILABILITY.id} (99.98 %) has spent its error budget`);
    await expect(h.act(h.lead, await h.reload(rollout.id), "advance")).rejects.toMatchObject({ status: 409, message: expect.stringContaining("has spent its error budget") });

    await save(0.999, 1);
    expect((await readRolloutStatus(h.viewer, { id: rollout.id }, h.services)).evaluation?.judgement).toMatchObject({ frozen: false });
    // Both reads were answered by the one cached count: only the definition changed.
    expect(h.telemetry.sent.filter((query) => query.name === "endpointAvailability")).toHaveLength(1);
  });
});
