import "server-only";
import { ArmCharts } from "@/components/rollouts/arm-charts";
import type { RolloutView } from "@/lib/rollouts/rollout-view";
import { readArmSeries, appTelemetryReads } from "@/lib/rollouts/telemetry/read-arm-stats";
import { UpstreamError } from "@/lib/sources/upstream-error";

/** Latency and error rate per arm over the current step, from one cached KQL summarize. */
export async function StepCharts({ rollout }: { rollout: RolloutView }) {
  const reading = await readArmSeries(appTelemetryReads(), rollout.endpoint, { kind: "fixed", from: new Date(rollout.stepStartedAt), to: null }).catch((error: unknown) => {
    if (error instanceof UpstreamError) return error;
    throw error;
  });
  if (reading instanceof UpstreamError) return <p role="status" className="text-sm text-ink-muted">The step&apos;s charts are not available: {reading.message}</p>;
  const series = reading.value.series.filter((arm) => arm.deployment === rollout.baseline || arm.deployment === rollout.candidate);
  return <ArmCharts series={series} window={reading.value.window} binMs={reading.value.binMs} roles={{ [rollout.baseline]: "baseline", [rollout.candidate]: "candidate" }} />;
}
