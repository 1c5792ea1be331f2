import { describeCaller } from "@/lib/auth/describe-caller";
import { pipelineContext } from "@/lib/auth/pipeline-caller";
import { apiErrorResponse, internalErrorResponse } from "@/lib/http/api-errors";

export const dynamic = "force-dynamic";

/** GET /api/v1/identity: who the calling pipeline is, as Stagegate sees its token. */
export async function GET(request: Request) {
  try {
    return Response.json(describeCaller(await pipelineContext(request)));
  } catch (error) {
    return apiErrorResponse(error) ?? (await internalErrorResponse(error));
  }
}
