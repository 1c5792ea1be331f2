// Test helpers: a context whose clock tests can move (traffic and behaviour changes happen at now,
// so seeing their effect needs time to pass), and KQL over its generated telemetry.
import type { EmulatorContext } from "../../../context";
import type { Value } from "../../../kql/ast";
import { runKql } from "../../../kql/run-kql";
import { testContext } from "../../../testing/test-context";
import type { Clock } from "../../clock";
import { EndpointFleet } from "../../endpoint-fleet";
import { createTelemetry, type Telemetry } from "../telemetry";

export interface MovableClock extends Clock {
  advance(ms: number): void;
}

function movableClock(start: Date, anchor: Date): MovableClock {
  let now = start.getTime();
  return { now: () => new Date(now), anchor, startedAt: new Date(start), advance: (ms) => (now += ms) };
}

export interface TelemetryTestContext {
  context: EmulatorContext;
  clock: MovableClock;
  telemetry: Telemetry;
  /** Runs KQL over the generated tables at the clock's now; rows as objects. */
  query(text: string): Record<string, Value>[];
}

export function telemetryTestContext(options: { seed?: string; now?: string } = {}): TelemetryTestContext {
  const context = testContext(options);
  const clock = movableClock(context.clock.now(), context.clock.anchor);
  context.clock = clock;
  context.fleet = new EndpointFleet(clock);
  const telemetry = createTelemetry(context);
  const query = (text: string) => {
    const result = runKql(text, { sources: telemetry.sources, nowMs: clock.now().getTime() });
    return result.rows.map((row) => Object.fromEntries(result.columns.map((column, index) => [column.name, row[index] ?? null])));
  };
  return { context, clock, telemetry, query };
}
