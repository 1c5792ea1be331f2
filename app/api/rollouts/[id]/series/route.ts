import { sessionRoute } from "@/lib/http/route-handlers";
import { readStepSeries } from "@/lib/rollouts/read-step-series";

export const dynamic = "force-dynamic";

/**
 * A step's charts: latency and error rate per bin of the baseline and the candidate. Without
 * `?step=`, the current step (the step view polls it); with `?step=N` (0-based), a finished step
 * over its window, loaded when its summary is opened.
 */
export const GET = sessionRoute<{ id: string }>(async ({ ctx, services, params, request }) =>
  Response.json(await readStepSeries(ctx, { id: params.id, step: new URL(request.url).searchParams.get("step") }, services), { headers: { "cache-control": "no-store" } }),
);
