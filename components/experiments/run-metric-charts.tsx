import { ChartValuesTable } from "@/components/charts/chart-values-table";
import { LazyMetricHistoryChart } from "@/components/charts/lazy-metric-history-chart";
import { formatMetric } from "@/lib/domain/promotion-policy";
import type { MetricSeries, MetricSummary } from "@/lib/experiments/metric-history";
import { PageSection } from "@/components/layout/page-section";

const value = (number: number | null) => (number === null ? "none" : formatMetric(number));

/** The text alternative of a chart: how many points, where the line starts, ends and ranges. */
export function describeSeries(key: string, summary: MetricSummary): string {
  const steps = summary.firstStep === null ? "" : ` over steps ${summary.firstStep}–${summary.lastStep}`;
  const gaps = summary.nonFinite > 0 ? `; ${summary.nonFinite} not a finite number (NaN or infinite), shown as gaps` : "";
  return `${key}: ${summary.count} values${steps}; first ${value(summary.first)}, last ${value(summary.last)}, min ${value(summary.min)}, max ${value(summary.max)}${gaps}.`;
}

function MetricChartFigure({ series }: { series: MetricSeries }) {
  const captionId = `metric-chart-${series.key.replace(/[^A-Za-z0-9_-]/g, "_")}`;
  const description = describeSeries(series.key, series.summary);
  return (
    <figure aria-labelledby={captionId} className="min-w-0 space-y-1 rounded border border-line p-3" data-testid="metric-chart" data-metric={series.key}>
      <figcaption id={captionId} className="break-all font-medium">
        {series.key}
      </figcaption>
      <p className="text-xs text-ink-muted" data-testid="metric-chart-summary">
        {description}
      </p>
      <LazyMetricHistoryChart metricKey={series.key} points={series.points} description={description} />
      <ChartValuesTable
        summary={`Values as a table (${series.points.length} ${series.thinned ? `of ${series.summary.count} ` : ""}points)`}
        regionLabel={`${series.key} values`}
        caption={`${series.key} by step`}
        columns={["Step", "Value"]}
      >
        {series.points.map((point, index) => (
          <tr key={`${point.step}-${index}`} className="border-b border-line">
            <td className="py-0.5 pr-4 tabular-nums">{point.step}</td>
            <td className="py-0.5 font-mono tabular-nums">{point.value === null ? "NaN / ∞" : formatMetric(point.value)}</td>
          </tr>
        ))}
      </ChartValuesTable>
    </figure>
  );
}

interface RunMetricChartsProps {
  charts: MetricSeries[];
  historyUnavailable: string[];
  historiesSkipped: number;
}

/** One line chart per metric logged at several steps; single values stay in the metrics table. */
export function RunMetricCharts({ charts, historyUnavailable, historiesSkipped }: RunMetricChartsProps) {
  return (
    <PageSection id="history" title="Metric history" className="space-y-3">
      {charts.length === 0 ? (
        <p className="text-ink-muted" data-testid="no-charts">
          No metric of this run was logged at more than one step, so there is no curve to draw; its values are in the metrics table.
        </p>
      ) : (
        <div className="grid items-start gap-3 md:grid-cols-2 xl:grid-cols-3">
          {charts.map((series) => (
            <MetricChartFigure key={series.key} series={series} />
          ))}
        </div>
      )}
      {historyUnavailable.length > 0 && (
        <p role="status" className="rounded border border-warn bg-warn-bg p-3 text-sm">
          MLflow did not return the history of {historyUnavailable.join(", ")}; reload the page to try again.
        </p>
      )}
      {historiesSkipped > 0 && <p className="text-sm text-ink-muted">{historiesSkipped} more metrics are listed in the table without a chart.</p>}
    </PageSection>
  );
}
