"use client";
import { useQuery } from "@tanstack/react-query";
import type { StepSeries } from "@/lib/rollouts/read-step-series";
import { fetchJson } from "@/lib/ui/fetch-json";
import { DeploymentCharts } from "./deployment-charts";

/** Matches the Log Analytics cache behind it: a new summary at most every 15 s. */
const SERIES_POLL_MS = 15_000;

/** The current step's charts: the server's reading first, then refreshed while the tab is visible. */
export function LiveStepCharts({ id, revision, initial }: { id: string; revision: number; initial: StepSeries }) {
  const query = useQuery({
    queryKey: ["rollout-series", id, revision],
    queryFn: () => fetchJson<StepSeries>(`/api/rollouts/${id}/series`),
    initialData: initial,
    refetchInterval: SERIES_POLL_MS,
    refetchIntervalInBackground: false,
  });
  const { chart, problem } = query.data;
  if (!chart) return problem ? <p role="status" className="text-sm text-ink-muted">The step&apos;s charts are not available: {problem}</p> : null;
  return <DeploymentCharts series={chart.series} window={chart.window} binMs={chart.binMs} roles={chart.roles} />;
}
