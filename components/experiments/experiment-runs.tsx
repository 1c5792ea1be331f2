import Link from "next/link";
import { AsOf } from "@/components/feedback/as-of";
import { formatSortOrder } from "@/lib/domain/run-filter";
import { columnId } from "@/lib/domain/run-filter-columns";
import type { ExperimentRunsView } from "@/lib/experiments/read-experiment-runs";
import { runsHref, type RunsQuery } from "@/lib/experiments/list-urls";
import { trailPagerLinks } from "@/lib/experiments/page-trail";
import { Pager } from "@/components/mlflow/pager";
import { Breadcrumbs } from "@/components/mlflow/breadcrumbs";
import { ColumnPicker } from "./column-picker";
import { ExperimentHeader } from "./experiment-header";
import { RunQueryForm } from "./run-query-form";
import { RunsTable } from "./runs-table";
import { PageSection } from "@/components/layout/page-section";

/** An experiment and a page of its runs: filter, sort, columns and paging all in the URL. */
export function ExperimentRuns({ view }: { view: ExperimentRunsView }) {
  const experimentId = view.experiment.id;
  const columnIds = view.columns.map(columnId);
  const query: RunsQuery = {
    filter: view.filter || undefined,
    order: view.order ? (formatSortOrder(view.order) ?? undefined) : undefined,
    columns: view.columnsPicked ? columnIds : undefined,
    size: view.size,
  };
  return (
    <div className="space-y-5">
      <Breadcrumbs trail={[{ label: "Experiments", href: "/experiments" }, { label: view.experiment.name }]} />
      <ExperimentHeader experiment={view.experiment} />
      <AsOf source="MLflow" asOf={view.asOf} staleBecause={view.staleBecause} />

      <PageSection id="runs" title="Runs" className="space-y-3">
        <RunQueryForm
          experimentId={experimentId}
          query={query}
          exampleKeys={{ metric: view.available.metrics[0], param: view.available.params[0] }}
          error={view.queryError}
        />
        {view.runs.length > 0 && <ColumnPicker experimentId={experimentId} query={query} columns={view.columns} picked={view.columnsPicked} available={view.available} />}
        {view.runs.length === 0 ? (
          !view.queryError && <EmptyRuns view={view} query={query} />
        ) : (
          <RunsTable view={view} query={query} />
        )}
        {/* Later pages keep the columns chosen for the first, so the table does not reshuffle. */}
        <Pager
          label="Run pages"
          {...trailPagerLinks(view.position, view.nextPageToken, (position) => runsHref(experimentId, { ...query, columns: columnIds }, position), view.runs.length, view.size)}
        />
      </PageSection>
    </div>
  );
}

function EmptyRuns({ view, query }: { view: ExperimentRunsView; query: RunsQuery }) {
  return (
    <div className="rounded border border-line bg-surface-raised p-4" data-testid="empty-state">
      {view.filter ? (
        <p>
          No run matches <code className="font-mono">{view.filter}</code>. Loosen the filter (numbers compare as numbers, params as
          quoted strings) or{" "}
          <Link href={runsHref(view.experiment.id, { ...query, filter: undefined })} className="text-accent underline">
            clear it
          </Link>
          .
        </p>
      ) : view.position.token ? (
        <p>This page is empty: the runs may have been deleted since the link was made.</p>
      ) : (
        <p>
          This experiment has no runs yet. Runs appear here once training code logs to it, e.g. with{" "}
          <code className="font-mono">mlflow.set_experiment(&quot;{view.experiment.name}&quot;)</code> and{" "}
          <code className="font-mono">mlflow.start_run()</code>.
        </p>
      )}
    </div>
  );
}
