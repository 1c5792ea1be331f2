// The production models' training runs over the last 30 days through runs/search, as an SLO on
// training time reads them: ten scheduled retraining runs each, exactly the two planned to overrun
// taking longer than 2 h (by their planned minutes), and every other run under 2 h.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DAY_MS, HOUR_MS, MINUTE_MS } from "../../scenario/clock";
import { SCHEDULED_TRAINING } from "../../scenario/registry/catalog-experiments";
import { scheduledTrainingRuns } from "../../scenario/registry/run-generator";
import { stopServices } from "../../testing/test-context";
import { startMlflowTestServer, tagValue, type ExperimentWire, type MlflowTestServer, type RunWire } from "./test-client";

describe("scheduled training runs", () => {
  let server: MlflowTestServer;
  beforeAll(async () => {
    server = await startMlflowTestServer();
  });
  afterAll(() => stopServices([server.service]));

  /** Every run of the experiment started in the last 30 days, following page tokens. */
  async function recentRuns(experimentName: string): Promise<RunWire[]> {
    const experiment = await server.client.get<{ experiment: ExperimentWire }>("/experiments/get-by-name", { experiment_name: experimentName });
    expect(experiment.status).toBe(200);
    const since = server.context.clock.now().getTime() - 30 * DAY_MS;
    const runs: RunWire[] = [];
    let token: string | undefined;
    do {
      const page = await server.client.send<{ runs?: RunWire[]; next_page_token?: string }>("POST", "/runs/search", {
        experiment_ids: [experiment.body.experiment.experiment_id],
        filter: `attributes.start_time > ${since}`,
        max_results: 5,
        ...(token ? { page_token: token } : {}),
      });
      expect(page.status, page.text).toBe(200);
      runs.push(...(page.body.runs ?? []));
      token = page.body.next_page_token;
    } while (token);
    return runs;
  }

  const durationMs = (run: RunWire) => run.info.end_time! - run.info.start_time!;

  for (const [model, { experiment, schedule }] of Object.entries(SCHEDULED_TRAINING)) {
    it(`has ${model}'s runs longer than 2 h exactly where its schedule overran`, async () => {
      const runs = await recentRuns(experiment);
      const planned = scheduledTrainingRuns(server.context.clock.anchor.getTime(), schedule);
      const scheduled = runs.filter((run) => planned.some((plan) => plan.runName === tagValue(run.data.tags, "mlflow.runName")));
      expect(scheduled).toHaveLength(10);
      expect(scheduled.every((run) => run.info.status === "FINISHED" && tagValue(run.data.tags, "mlflow.user") === "svc-mlops-pipeline@telco.example")).toBe(true);
      // Latest first, every 3 days at 03:00 UTC (within the scheduler's minute).
      const starts = scheduled.map((run) => run.info.start_time!);
      planned.forEach((plan, index) => {
        expect(starts[index]! - plan.startTime).toBeGreaterThanOrEqual(0);
        expect(starts[index]! - plan.startTime).toBeLessThan(MINUTE_MS);
        expect(new Date(starts[index]!).getUTCHours()).toBe(3);
      });

      const long = runs.filter((run) => run.info.end_time !== undefined && durationMs(run) > 2 * HOUR_MS);
      const overran = planned.filter((plan) => plan.overrunMinutes !== undefined);
      expect(overran).toHaveLength(2);
      expect(long.map((run) => tagValue(run.data.tags, "mlflow.runName")).sort()).toEqual(overran.map((plan) => plan.runName).sort());
      for (const plan of overran) {
        const run = long.find((each) => tagValue(each.data.tags, "mlflow.runName") === plan.runName)!;
        expect(Math.abs(durationMs(run) - plan.overrunMinutes! * MINUTE_MS)).toBeLessThanOrEqual(1);
      }
      // The other runs of the period, ad hoc and registered versions' alike, took under 2 h.
      expect(runs.length).toBeGreaterThan(10);
      expect(runs.filter((run) => !long.includes(run)).every((run) => run.info.end_time !== undefined && durationMs(run) < 2 * HOUR_MS)).toBe(true);
    });
  }
});
