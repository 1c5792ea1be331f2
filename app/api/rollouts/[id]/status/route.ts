import { sessionRoute } from "@/lib/http/route-handlers";
import { readRolloutStatus } from "@/lib/rollouts/read-rollout";

export const dynamic = "force-dynamic";

/** The step view polls this: the rollout's state, whether its newest plan reached the endpoint, and its gates. */
export const GET = sessionRoute<{ id: string }>(async ({ ctx, services, params }) =>
  Response.json(await readRolloutStatus(ctx, { id: params.id }, services), { headers: { "cache-control": "no-store" } }),
);
