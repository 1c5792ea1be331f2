"use client";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { StepSeries } from "@/lib/rollouts/read-step-series";
import { fetchJson } from "@/lib/ui/fetch-json";
// Its plots load the charting library themselves, with the first chart shown, not with the page.
import { DeploymentCharts } from "./deployment-charts";

/**
 * A finished step's latency and error-rate charts over its window, asked for when opened: a
 * finished rollout's page costs no Log Analytics query until someone looks at a step.
 */
export function StepChartsOnDemand({ id, step }: { id: string; step: number }) {
  const [open, setOpen] = useState(false);
  const query = useQuery({
    queryKey: ["rollout-series", id, "step", step],
    queryFn: () => fetchJson<StepSeries>(`/api/rollouts/${id}/series?step=${step}`),
    enabled: open,
    // A finished step's window is closed: its numbers do not change.
    staleTime: Infinity,
  });
  return (
    <details className="text-sm" data-testid="step-charts" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary className="cursor-pointer text-accent underline">Charts of step {step + 1}</summary>
      {open &&
        (query.isPending ? (
          <p role="status" className="text-ink-muted">Loading the step&apos;s numbers…</p>
        ) : query.isError ? (
          <p role="alert" className="text-bad">The step&apos;s charts could not be loaded: {query.error.message}</p>
        ) : query.data.chart ? (
          <DeploymentCharts series={query.data.chart.series} window={query.data.chart.window} binMs={query.data.chart.binMs} roles={query.data.chart.roles} />
        ) : (
          <p role="status" className="text-ink-muted">The step&apos;s charts are not available: {query.data.problem ?? "no window was recorded for it."}</p>
        ))}
    </details>
  );
}
