// DeadLetter_CL: depth of the pipelines' dead-letter queues every 5 minutes: a few messages most of
// the time, and now and then a spike that rises within 15 minutes and drains over one to two hours
// (one on scoring-requests two days before the anchor day, others by chance).
import { TELEMETRY_TABLES } from "../../../lib/telemetry/contract";
import { DAY_MS, HOUR_MS, MINUTE_MS } from "../clock";
import { SeededRandom } from "../random";
import { periodicSampleTable, rowFor, type BucketedTable } from "./bucketed-table";
import type { TelemetryScenario } from "./telemetry-scenario";

export const DEAD_LETTER_NAMESPACE = "sb-ml-prod";
export const DEAD_LETTER_QUEUES = ["scoring-requests", "feature-refresh-events", "outcome-join"];

const SAMPLE_EVERY_MS = 5 * MINUTE_MS;
const SAMPLE_OFFSET_MS = 45_000;
const SPIKE_RISE_MS = 15 * MINUTE_MS;
const DAILY_SPIKE_CHANCE = 0.12;

interface Spike {
  start: number;
  end: number;
  peak: number;
}

/** The spike of a queue starting on a day, if any; the guaranteed one lands two days before the anchor. */
function spikeOn(scenario: TelemetryScenario, queue: string, dayStart: number): Spike | undefined {
  const random = new SeededRandom(scenario.seed, "DeadLetter_CL-spike", queue, dayStart);
  const guaranteed = queue === "scoring-requests" && dayStart === scenario.clock.anchor.getTime() - 2 * DAY_MS;
  if (!random.chance(DAILY_SPIKE_CHANCE) && !guaranteed) return undefined;
  const start = dayStart + Math.floor(random.next() * (DAY_MS - 2 * HOUR_MS));
  return { start, end: start + SPIKE_RISE_MS + random.int(45, 105) * MINUTE_MS, peak: guaranteed ? 340 : random.int(60, 260) };
}

function spikeDepth(spike: Spike, at: number): number {
  if (at < spike.start || at >= spike.end) return 0;
  const risen = spike.start + SPIKE_RISE_MS;
  const share = at < risen ? (at - spike.start) / SPIKE_RISE_MS : (spike.end - at) / (spike.end - risen);
  return Math.round(spike.peak * share);
}

function depthAt(scenario: TelemetryScenario, queue: string, at: number): { depth: number; spike?: Spike } {
  const slot = Math.floor(at / SAMPLE_EVERY_MS);
  const base = new SeededRandom(scenario.seed, "DeadLetter_CL-base", queue, slot).int(0, 3);
  const today = Math.floor(at / DAY_MS) * DAY_MS;
  for (const day of [today - DAY_MS, today]) {
    const spike = spikeOn(scenario, queue, day);
    const depth = spike ? spikeDepth(spike, at) : 0;
    if (depth > 0) return { depth: base + depth, spike };
  }
  return { depth: base };
}

export function createDeadLetterTable(scenario: TelemetryScenario): BucketedTable {
  const { columns } = TELEMETRY_TABLES.DeadLetter_CL;
  return periodicSampleTable({
    columns,
    clock: scenario.clock,
    everyMs: SAMPLE_EVERY_MS,
    offsetMs: SAMPLE_OFFSET_MS,
    rowsAt: (sample) =>
      DEAD_LETTER_QUEUES.map((queue) => {
        const now = depthAt(scenario, queue, sample);
        const before = depthAt(scenario, queue, sample - SAMPLE_EVERY_MS);
        const oldestMinutes = now.depth === 0 ? 0 : now.spike ? (sample - now.spike.start) / MINUTE_MS + 5 : 12.5 * now.depth;
        return rowFor(columns, {
          TimeGenerated: sample,
          Namespace: DEAD_LETTER_NAMESPACE,
          Queue: queue,
          Depth: now.depth,
          DeadLetteredLast5m: Math.max(0, now.depth - before.depth),
          OldestMessageAgeMinutes: Math.round(oldestMinutes * 10) / 10,
          Type: "DeadLetter_CL",
        });
      }),
  });
}
