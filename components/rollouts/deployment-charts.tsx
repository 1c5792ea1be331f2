"use client";

import dynamic from "next/dynamic";
import { useId } from "react";
import { ChartPlaceholder } from "@/components/charts/chart-placeholder";
import { CHART_HEIGHT, CHART_TICK_FORMAT } from "@/components/charts/chart-style";
import type { DeploymentSeries, DeploymentSeriesPoint } from "@/lib/rollouts/telemetry/deployment-telemetry";
import { formatUtc } from "@/lib/ui/format";

export type DeploymentRole = "baseline" | "candidate";

interface DeploymentChartsProps {
  series: DeploymentSeries[];
  /** The step window the series cover, ISO [from, to). */
  window: { from: string; to: string };
  /** Width of each point's bin in ms. */
  binMs: number;
  /** Which deployment is the baseline and which the candidate, for the legend. */
  roles?: Readonly<Record<string, DeploymentRole>>;
}

interface Metric {
  id: "p95" | "errors";
  title: string;
  unit: string;
  value: (point: DeploymentSeriesPoint) => number | null;
}

const METRICS: Metric[] = [
  { id: "p95", title: "Latency p95", unit: "ms", value: (point) => point.p95Ms },
  { id: "errors", title: "Error rate", unit: "%", value: (point) => (point.errorRate === null ? null : point.errorRate * 100) },
];

// Recharts is loaded after the page, in the browser only: the server renders a placeholder of the
// plot's size, next to the caption, the text alternative and the values table.
const DeploymentLineChart = dynamic(() => import("./deployment-line-chart").then((module) => module.DeploymentLineChart), {
  ssr: false,
  loading: () => <ChartPlaceholder height={CHART_HEIGHT.deployment} />,
});

export function seriesLabel(series: Pick<DeploymentSeries, "deployment" | "traffic">, roles?: Readonly<Record<string, DeploymentRole>>): string {
  const role = roles?.[series.deployment];
  return `${series.deployment}${series.traffic === "mirrored" ? " (mirrored)" : ""}${role ? `, ${role}` : ""}`;
}

/** Baseline first, then the candidate, then any other deployment; live before mirrored. */
function ordered(series: readonly DeploymentSeries[], roles?: Readonly<Record<string, DeploymentRole>>): DeploymentSeries[] {
  const RANK: Record<DeploymentRole, number> = { baseline: 0, candidate: 1 };
  const rank = (entry: DeploymentSeries) => {
    const role = roles?.[entry.deployment];
    return role ? RANK[role] : 2;
  };
  return [...series].sort((a, b) => rank(a) - rank(b) || a.deployment.localeCompare(b.deployment) || a.traffic.localeCompare(b.traffic));
}

const number = (value: number) => CHART_TICK_FORMAT.format(value);

/** The text alternative of one metric's chart: per deployment, its points, median, highest and last value. */
export function describeDeploymentMetric(metric: Pick<Metric, "title" | "unit" | "value">, series: readonly DeploymentSeries[], roles?: Readonly<Record<string, DeploymentRole>>): string {
  if (series.length === 0) return `${metric.title}: no requests in this window.`;
  const parts = series.map((entry) => {
    const values = entry.points.map(metric.value).filter((value): value is number => value !== null);
    if (values.length === 0) return `${seriesLabel(entry, roles)}: no values`;
    const sorted = [...values].sort((a, b) => a - b);
    const median = sorted[Math.floor((sorted.length - 1) / 2)]!;
    return `${seriesLabel(entry, roles)}: ${values.length} points, median ${number(median)} ${metric.unit}, highest ${number(sorted.at(-1)!)} ${metric.unit}, last ${number(values.at(-1)!)} ${metric.unit}`;
  });
  return `${metric.title} per arm. ${parts.join("; ")}.`;
}

/** One row per bin start, one column per series (s0, s1, …), for Recharts and the table. */
export function chartRows(series: readonly DeploymentSeries[], metric: Pick<Metric, "value">): Record<string, number | null>[] {
  const rows = new Map<number, Record<string, number | null>>();
  series.forEach((entry, index) => {
    for (const point of entry.points) {
      const at = Date.parse(point.at);
      const row = rows.get(at) ?? { at };
      row[`s${index}`] = metric.value(point);
      rows.set(at, row);
    }
  });
  return [...rows.values()].sort((a, b) => a.at! - b.at!);
}

function MetricChart({ metric, series, window, binMs, roles }: { metric: Metric; series: DeploymentSeries[]; window: DeploymentChartsProps["window"]; binMs: number; roles?: DeploymentChartsProps["roles"] }) {
  const captionId = `${useId()}-${metric.id}`;
  const description = describeDeploymentMetric(metric, series, roles);
  const rows = chartRows(series, metric);
  const labels = series.map((entry) => seriesLabel(entry, roles));
  return (
    <figure aria-labelledby={captionId} className="min-w-0 space-y-1 rounded border border-line p-3" data-testid="deployment-chart" data-metric={metric.id}>
      <figcaption id={captionId} className="font-medium">
        {metric.title} ({metric.unit}), per {binMs >= 3_600_000 ? `${binMs / 3_600_000} h` : `${binMs / 60_000} min`}
      </figcaption>
      <p className="text-xs text-ink-muted" data-testid="deployment-chart-summary">
        {description}
      </p>
      <DeploymentLineChart rows={rows} labels={labels} title={metric.title} unit={metric.unit} description={description} window={window} />
      <details className="text-xs">
        <summary className="cursor-pointer text-accent underline">Values as a table ({rows.length} bins)</summary>
        <div className="relative max-h-56 overflow-y-auto" tabIndex={0} role="region" aria-label={`${metric.title} values per arm`}>
          <table className="w-full border-collapse text-left">
            <caption className="sr-only">
              {metric.title} ({metric.unit}) per arm and time bin
            </caption>
            <thead>
              <tr className="border-b border-line text-ink-muted">
                <th scope="col" className="py-1 pr-4 font-medium">
                  Bin start (UTC)
                </th>
                {labels.map((label) => (
                  <th key={label} scope="col" className="py-1 pr-4 font-medium">
                    {label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.at} className="border-b border-line">
                  <th scope="row" className="py-0.5 pr-4 font-normal tabular-nums">
                    {formatUtc(row.at)}
                  </th>
                  {labels.map((label, index) => {
                    const value = row[`s${index}`];
                    return (
                      <td key={label} className="py-0.5 pr-4 font-mono tabular-nums">
                        {value === null || value === undefined ? "—" : number(value)}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

/** Latency p95 and error rate of each deployment over a step's window, one line per deployment and traffic kind, with a text alternative. */
export function DeploymentCharts({ series, window, binMs, roles }: DeploymentChartsProps) {
  const lines = ordered(series, roles);
  if (lines.length === 0) {
    return (
      <p className="text-ink-muted" data-testid="deployment-charts-empty">
        No requests reached the endpoint between {formatUtc(window.from)} and {formatUtc(window.to)}, so there is nothing to chart yet. Charts appear once traffic
        arrives (Log Analytics shows requests a few minutes after they are served).
      </p>
    );
  }
  return (
    <div className="grid items-start gap-3 lg:grid-cols-2" data-testid="deployment-charts">
      {METRICS.map((metric) => (
        <MetricChart key={metric.id} metric={metric} series={lines} window={window} binMs={binMs} roles={roles} />
      ))}
    </div>
  );
}
