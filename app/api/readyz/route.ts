import { publicReadiness } from "@/lib/health/check-readiness";
import { currentReadiness } from "@/lib/health/current-readiness";
import { requestLogger } from "@/lib/log/request-logger";

export const dynamic = "force-dynamic";

export async function GET() {
  const readiness = await currentReadiness();
  if (!readiness.ready) (await requestLogger()).warn({ readiness }, "not ready");
  return Response.json(publicReadiness(readiness), { status: readiness.ready ? 200 : 503, headers: { "cache-control": "no-store" } });
}
