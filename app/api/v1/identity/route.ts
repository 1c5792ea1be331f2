import { describeCaller } from "@/lib/auth/describe-caller";
import type { RequestContext } from "@/lib/auth/request-context";
import { pipelineRoute } from "@/lib/http/route-handlers";

export const dynamic = "force-dynamic";

/** GET /api/v1/identity: who the calling pipeline is, as Stagegate sees its token. */
// pipelineRoute's caller is pipelineContext(request), which always names the calling app.
export const GET = pipelineRoute(async ({ ctx }) => Response.json(describeCaller(ctx as RequestContext & { appId: string })));
