import Link from "next/link";
import { AsOf } from "@/components/feedback/as-of";
import { nextSortOrder, sortsBy, type SortOrder } from "@/lib/domain/run-filter";
import { experimentOrderParam, type ExperimentOrderKey } from "@/lib/experiments/experiment-order";
import type { ExperimentListView } from "@/lib/experiments/list-experiments";
import { experimentsHref } from "@/lib/experiments/list-urls";
import { trailPagerLinks } from "@/lib/experiments/page-trail";
import { experimentHref } from "@/lib/ui/mlflow-links";
import { Pager } from "@/components/mlflow/pager";
import { SortHeader } from "./sort-header";
import { TagList } from "./tag-list";
import { UtcTime } from "./utc-time";

const COLUMNS: { key: ExperimentOrderKey; label: string; firstDescending: boolean }[] = [
  { key: "name", label: "Name", firstDescending: false },
  { key: "experiment_id", label: "ID", firstDescending: false },
  { key: "last_update_time", label: "Last update", firstDescending: true },
  { key: "creation_time", label: "Created", firstDescending: true },
];

function direction(descending: boolean): "ascending" | "descending" {
  return descending ? "descending" : "ascending";
}

export function ExperimentList({ view }: { view: ExperimentListView }) {
  const query = { q: view.q || undefined, order: experimentOrderParam(view.order), size: view.size };
  const sortHref = (order: SortOrder) => experimentsHref({ ...query, order: experimentOrderParam(order) });
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">Experiments</h1>
        <p className="mt-1 max-w-3xl text-ink-muted">
          The experiments in MLflow: open one to compare its runs, sort and filter them by metrics and params, and follow a run to
          its code and data.
        </p>
      </div>
      <AsOf source="MLflow" asOf={view.asOf} staleBecause={view.staleBecause} />

      <form method="get" action="/experiments" role="search" aria-label="Experiments" className="flex flex-wrap items-end gap-2">
        <div className="flex flex-col gap-1">
          <label htmlFor="experiment-search" className="text-sm font-medium">
            Search experiments by name
          </label>
          <input
            id="experiment-search"
            name="q"
            type="search"
            defaultValue={view.q}
            placeholder="e.g. churn"
            maxLength={200}
            className="w-80 max-w-full rounded border border-line bg-surface px-3 py-1.5"
          />
        </div>
        {query.order && <input type="hidden" name="order" value={query.order} />}
        <button type="submit" className="rounded bg-accent px-4 py-1.5 font-medium text-accent-ink">
          Search
        </button>
        {view.q && (
          <Link href={experimentsHref({ ...query, q: undefined })} className="px-2 py-1.5 text-accent underline">
            Clear search
          </Link>
        )}
      </form>

      {view.orderIgnored && (
        <p role="status" className="rounded border border-warn bg-warn-bg p-3 text-sm">
          Experiments cannot be sorted by “{view.orderIgnored}”; they are sorted by last update instead.
        </p>
      )}
      {view.queryError && (
        <div role="alert" className="rounded border border-bad bg-bad-bg p-3 text-sm" data-testid="query-error">
          <p className="font-medium">MLflow did not accept this search.</p>
          <p>{view.queryError}</p>
          <Link href={experimentsHref(query)} className="text-accent underline">
            Start from the first page
          </Link>
        </div>
      )}

      {view.experiments.length === 0 && !view.queryError ? (
        <div className="rounded border border-line bg-surface-raised p-4" data-testid="empty-state">
          {view.q ? (
            <p>
              No experiment name contains “{view.q}”. Check the spelling, search for part of the name, or{" "}
              <Link href={experimentsHref({ ...query, q: undefined })} className="text-accent underline">
                list every experiment
              </Link>
              .
            </p>
          ) : (
            <p>
              MLflow has no experiments yet. They appear here once training code calls <code>mlflow.set_experiment()</code> and logs
              runs to this tracking server.
            </p>
          )}
        </div>
      ) : (
        view.experiments.length > 0 && (
          <table className="w-full border-collapse text-left text-sm" data-testid="experiments-table">
            <caption className="sr-only">
              Experiments{view.q ? ` whose name contains “${view.q}”` : ""}, sorted by{" "}
              {COLUMNS.find((column) => column.key === view.order.key)?.label.toLowerCase()} {direction(view.order.descending)}
            </caption>
            <thead>
              <tr className="border-b border-line text-ink-muted">
                {COLUMNS.map((column) => {
                  const sorted = sortsBy(view.order, "attributes", column.key) ? direction(view.order.descending) : null;
                  const next = nextSortOrder(view.order, "attributes", column.key, column.firstDescending);
                  return (
                    <SortHeader key={column.key} href={sortHref(next)} sorted={sorted} next={direction(next.descending)}>
                      {column.label}
                    </SortHeader>
                  );
                })}
                <th scope="col" className="py-2 font-medium">
                  Tags
                </th>
              </tr>
            </thead>
            <tbody>
              {view.experiments.map((experiment) => (
                <tr key={experiment.id} className="border-b border-line align-top">
                  <th scope="row" className="py-2 pr-4 font-medium">
                    <Link href={experimentHref(experiment.id)} className="break-all text-accent underline">
                      {experiment.name}
                    </Link>
                  </th>
                  <td className="py-2 pr-4 font-mono tabular-nums">{experiment.id}</td>
                  <td className="py-2 pr-4 whitespace-nowrap">
                    <UtcTime value={experiment.lastUpdateTime} />
                  </td>
                  <td className="py-2 pr-4 whitespace-nowrap">
                    <UtcTime value={experiment.creationTime} />
                  </td>
                  <td className="py-2">
                    <TagList tags={experiment.tags} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      )}

      <Pager label="Experiment pages" {...trailPagerLinks(view.position, view.nextPageToken, (position) => experimentsHref(query, position), view.experiments.length, view.size)} />
    </div>
  );
}
