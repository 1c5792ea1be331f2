import "server-only";
import { LiveStepCharts } from "@/components/rollouts/live-step-charts";
import type { RequestContext } from "@/lib/auth/request-context";
import { getDatabase } from "@/lib/db/database";
import { readStepSeries } from "@/lib/rollouts/read-step-series";
import { appTelemetryReads } from "@/lib/rollouts/telemetry/read-arm-stats";

/** Latency and error rate per arm over the current step, prefetched here and then polled. */
export async function StepCharts({ ctx, rolloutId, revision }: { ctx: RequestContext; rolloutId: string; revision: number }) {
  const { prisma } = await getDatabase();
  const initial = await readStepSeries(ctx, { id: rolloutId }, { prisma, telemetryReads: appTelemetryReads });
  return <LiveStepCharts key={revision} id={rolloutId} revision={revision} initial={initial} />;
}
