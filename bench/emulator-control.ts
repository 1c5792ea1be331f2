// The emulator's control API (/_emulator/...) as benches and the fault matrix drive it: faults and
// request counters.
import { UPSTREAMS } from "../emulator/http/faults";
import { emulatorRequest, type Endpoints } from "./app-session";

/** One call to the control API; its body, or an error when it did not succeed. */
export async function control(endpoints: Endpoints, route: string, method = "GET", body?: unknown): Promise<string> {
  const answer = await emulatorRequest(endpoints, `${endpoints.control}${route}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (answer.status >= 300) throw new Error(`${method} ${route} answered ${answer.status}: ${answer.body}`);
  return answer.body;
}

/** Upstream calls the emulator counted since its counters were reset (not its control API, not the per-query tally). */
export async function upstreamCalls(endpoints: Endpoints) {
  const counters = JSON.parse(await control(endpoints, "/_emulator/requests")) as Record<string, Record<string, number>>;
  const byUpstream: Record<string, number> = {};
  const routes: Record<string, number> = {};
  for (const upstream of UPSTREAMS) {
    for (const [route, count] of Object.entries(counters[upstream] ?? {})) {
      byUpstream[upstream] = (byUpstream[upstream] ?? 0) + count;
      routes[`${upstream} ${route}`] = count;
    }
  }
  return { total: Object.values(byUpstream).reduce((sum, count) => sum + count, 0), byUpstream, routes };
}
