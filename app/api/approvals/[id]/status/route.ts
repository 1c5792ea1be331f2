import { sessionRoute } from "@/lib/http/route-handlers";
import { readApplyStatus } from "@/lib/promotions/read-promotion-request";

export const dynamic = "force-dynamic";

/** The request page polls this while the approval is being applied in MLflow. */
export const GET = sessionRoute<{ id: string }>(async ({ ctx, services, params }) =>
  Response.json(await readApplyStatus(ctx, { id: params.id }, services), { headers: { "cache-control": "no-store" } }),
);
