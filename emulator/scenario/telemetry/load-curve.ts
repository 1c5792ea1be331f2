// The endpoints' daily rhythm: quiet at night (Central European time), busiest in the late
// afternoon, a little lower at weekends.
import { HOUR_MS } from "../clock";

/** Share of the peak request rate at a moment, from about 0.1 at 04:00 UTC to 1.0 at 16:00 UTC. */
export function loadFactor(ms: number): number {
  const hour = (ms % (24 * HOUR_MS)) / HOUR_MS;
  const daily = 0.5 - 0.5 * Math.cos((2 * Math.PI * (hour - 4)) / 24);
  const weekday = new Date(ms).getUTCDay();
  const weekend = weekday === 0 || weekday === 6 ? 0.8 : 1;
  return weekend * (0.1 + 0.9 * daily);
}
