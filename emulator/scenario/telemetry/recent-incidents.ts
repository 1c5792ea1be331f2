// The scenario's recent incidents, placed from the emulator's start (not the anchor), so that they
// are as recent whenever the demo or the e2e run starts: an availability incident about 2 h ago
// that fires the fast page alert of a 99.9 % SLO and then clears, and an endpoint whose request
// telemetry stopped arriving 45 minutes ago.
import type { Clock } from "../clock";
import { MINUTE_MS } from "../clock";

/**
 * churn-endpoint's live deployment fails 8 % of its live requests with 503 and is 1.5 times slower
 * over 20 minutes. At 99.9 % the page row (14.4 × 0.1 % = 1.44 % over 1 h and 5 min) fires from
 * about 11 min into it (11 × 8 % / 60) until about 4 min after it (the last 5 minutes still hold
 * 0.9 min of it): at its end the hour holds 20 × 8 % / 60 ≈ 2.7 % errors and the 5 minutes 8 %.
 * (At 5 % the hour would pass 1.44 % only after 17.3 min, within sampling noise.) The 6 h page
 * row (0.6 %) may fire as well: 20 × 8 % / 360 ≈ 0.44 % at even traffic, but the burst weighs more
 * when it falls at a busier hour than the rest of the six, and the endpoint's usual failures add.
 */
export const AVAILABILITY_INCIDENT = {
  endpoint: "churn-endpoint",
  deployment: "blue",
  startFromStartMs: -150 * MINUTE_MS,
  endFromStartMs: -130 * MINUTE_MS,
  errorRate: 0.08,
  resultCode: 503,
  latencyFactor: 1.5,
} as const;

/**
 * fraud-endpoint's exporter broke: its AppRequests rows stop from 45 minutes before the start on
 * (and stay absent). The endpoint still serves, so Azure Monitor's platform metrics keep counting.
 */
export const ABSENT_TELEMETRY = {
  endpoint: "fraud-endpoint",
  table: "AppRequests",
  fromStartMs: -45 * MINUTE_MS,
} as const;

/** The availability incident as epoch ms, [start, end). */
export function availabilityIncidentWindow(clock: Pick<Clock, "startedAt">): { start: number; end: number } {
  const started = clock.startedAt.getTime();
  return { start: started + AVAILABILITY_INCIDENT.startFromStartMs, end: started + AVAILABILITY_INCIDENT.endFromStartMs };
}

/** From when (epoch ms) the absent endpoint's AppRequests rows are missing. */
export function telemetryAbsentFrom(clock: Pick<Clock, "startedAt">): number {
  return clock.startedAt.getTime() + ABSENT_TELEMETRY.fromStartMs;
}
