import { AsOf } from "@/components/feedback/as-of";
import { formatMetric } from "@/lib/domain/promotion-policy";
import type { RunView } from "@/lib/experiments/read-run";
import { experimentHref } from "@/lib/ui/mlflow-links";
import { Breadcrumbs } from "@/components/mlflow/breadcrumbs";
import { KeyValueTable } from "@/components/data/key-value-table";
import { UntrustedMarkdown } from "@/components/mlflow/untrusted-markdown";
import { RunChildren } from "./run-children";
import { RunDatasets } from "./run-datasets";
import { RunMetricCharts } from "./run-metric-charts";
import { RunOverview } from "./run-overview";
import { RunStatusBadge } from "./run-status-badge";
import { PageSection } from "@/components/layout/page-section";

/** One run: overview and lineage, its note, children, metrics with their curves, params, data, tags. */
export function RunPage({ view }: { view: RunView }) {
  const { run } = view;
  const systemTags = view.tags.filter((tag) => tag.key.startsWith("mlflow."));
  const ownTags = view.tags.filter((tag) => !tag.key.startsWith("mlflow."));
  return (
    <div className="space-y-6">
      <Breadcrumbs
        trail={[
          { label: "Experiments", href: "/experiments" },
          { label: view.experimentName ?? `Experiment ${run.experimentId}`, href: experimentHref(run.experimentId) },
          { label: run.name },
        ]}
      />
      <div className="space-y-2">
        <h1 className="flex flex-wrap items-center gap-3 text-2xl font-semibold">
          <span className="break-all" data-testid="run-name">
            {run.name}
          </span>
          <RunStatusBadge status={run.status} deleted={view.lifecycleStage === "deleted"} />
        </h1>
        <AsOf source="MLflow" asOf={view.asOf} staleBecause={view.staleBecause} />
      </div>

      <RunOverview view={view} />
      {run.note && <UntrustedMarkdown text={run.note} label="Run description" testId="note" className="max-w-3xl rounded border border-line p-3 text-sm" />}
      <RunChildren experimentId={run.experimentId} runId={run.runId} childRuns={view.children} more={view.moreChildren} unavailable={view.childrenUnavailable} />

      <div className="grid gap-6 lg:grid-cols-2">
        <PageSection id="metrics" title={<>Metrics ({view.metrics.length})</>} className="min-w-0 space-y-2">
          {view.metrics.length === 0 ? (
            <p className="text-ink-muted">This run logged no metrics.</p>
          ) : (
            <KeyValueTable
              caption="Latest value of each metric"
              keyLabel="Metric"
              valueLabel="Latest value"
              testId="metrics-table"
              rows={view.metrics.map((metric) => ({
                key: metric.key,
                value: (
                  <>
                    <span title={String(metric.value)}>{formatMetric(metric.value)}</span>
                    {metric.points !== null && metric.points > 1 && <span className="text-ink-muted"> · {metric.points} values logged</span>}
                  </>
                ),
              }))}
            />
          )}
        </PageSection>
        <PageSection id="params" title={<>Params ({run.params.length})</>} className="min-w-0 space-y-2">
          {run.params.length === 0 ? (
            <p className="text-ink-muted">This run logged no params.</p>
          ) : (
            <KeyValueTable caption="Params the run logged" keyLabel="Param" valueLabel="Value" testId="params-table" rows={run.params} />
          )}
        </PageSection>
      </div>

      <RunMetricCharts charts={view.charts} historyUnavailable={view.historyUnavailable} historiesSkipped={view.historiesSkipped} />
      <RunDatasets datasets={run.datasets} />

      <PageSection id="tags" title="Tags">
        {ownTags.length > 0 ? (
          <KeyValueTable caption="Tags set on the run" keyLabel="Tag" valueLabel="Value" testId="tags-table" rows={ownTags} />
        ) : (
          <p className="text-ink-muted">No tags besides MLflow&apos;s own.</p>
        )}
        {systemTags.length > 0 && (
          <details className="text-sm">
            <summary className="cursor-pointer text-accent underline">MLflow system tags ({systemTags.length})</summary>
            <KeyValueTable caption="MLflow system tags" keyLabel="Tag" valueLabel="Value" testId="system-tags-table" rows={systemTags} />
          </details>
        )}
      </PageSection>
    </div>
  );
}
