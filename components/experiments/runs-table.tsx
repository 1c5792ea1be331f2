import Link from "next/link";
import { formatMetric } from "@/lib/domain/promotion-policy";
import { childRunsFilter, formatSortOrder, nextSortOrder, sortsBy, type OrderEntity, type SortOrder } from "@/lib/domain/run-filter";
import { columnId, type RunColumn } from "@/lib/domain/run-filter-columns";
import type { ExperimentRunsView, RunRow } from "@/lib/experiments/read-experiment-runs";
import { runsHref, type RunsQuery } from "@/lib/experiments/list-urls";
import { runHref } from "@/lib/ui/mlflow-links";
import { formatDuration } from "@/lib/ui/format";
import { RunStatusBadge } from "./run-status-badge";
import { SortHeader } from "./sort-header";
import { UtcTime } from "./utc-time";

// MLflow's own order when none is asked for (wire-formats.md §1.6): the newest run first.
const MLFLOW_DEFAULT_ORDER: SortOrder = { entity: "attributes", key: "start_time", descending: true };

const RUN_COLUMNS: { key: string; label: string; firstDescending: boolean; sortable: boolean }[] = [
  { key: "run_name", label: "Run", firstDescending: false, sortable: true },
  { key: "status", label: "Status", firstDescending: false, sortable: true },
  { key: "user_id", label: "User", firstDescending: false, sortable: true },
  { key: "start_time", label: "Started", firstDescending: true, sortable: true },
  { key: "duration", label: "Duration", firstDescending: true, sortable: false },
];

const direction = (descending: boolean): "ascending" | "descending" => (descending ? "descending" : "ascending");

interface RunsTableProps {
  view: ExperimentRunsView;
  query: RunsQuery;
}

export function RunsTable({ view, query }: RunsTableProps) {
  const experimentId = view.experiment.id;
  const current = view.order ?? MLFLOW_DEFAULT_ORDER;
  const header = (entity: OrderEntity, key: string, firstDescending: boolean) => {
    const next = nextSortOrder(current, entity, key, firstDescending);
    const order = formatSortOrder(next);
    return {
      sorted: sortsBy(current, entity, key) ? direction(current.descending) : null,
      next: direction(next.descending),
      href: order ? runsHref(experimentId, { ...query, order }) : null,
    };
  };
  const metrics = view.columns.filter((column) => column.kind === "metrics");
  const params = view.columns.filter((column) => column.kind === "params");
  const sortedLabel = current.entity === "attributes" ? RUN_COLUMNS.find((column) => column.key === current.key)?.label.toLowerCase() : current.key;
  return (
    <div role="region" aria-label="Runs table, scrolls sideways" tabIndex={0} className="relative overflow-x-auto rounded border border-line">
      <table className="w-full border-collapse text-left text-sm" data-testid="runs-table">
        <caption className="sr-only">
          Runs of {view.experiment.name}
          {view.filter ? ` matching ${view.filter}` : ""}, sorted by {sortedLabel} {direction(current.descending)}
        </caption>
        <thead className="bg-surface-raised">
          <tr className="text-ink-muted">
            <th scope="colgroup" colSpan={RUN_COLUMNS.length} className="px-2 pt-2 text-xs font-semibold uppercase tracking-wide">
              Run
            </th>
            {metrics.length > 0 && (
              <th scope="colgroup" colSpan={metrics.length} className="border-l border-line px-2 pt-2 text-xs font-semibold uppercase tracking-wide">
                Metrics
              </th>
            )}
            {params.length > 0 && (
              <th scope="colgroup" colSpan={params.length} className="border-l border-line px-2 pt-2 text-xs font-semibold uppercase tracking-wide">
                Params
              </th>
            )}
          </tr>
          <tr className="border-b border-line text-ink-muted">
            {RUN_COLUMNS.map((column) => {
              const sort = column.sortable ? header("attributes", column.key, column.firstDescending) : { sorted: null, next: "ascending" as const, href: null };
              return (
                <SortHeader key={column.key} {...sort} className={column.key === "run_name" ? "sticky left-0 z-10 bg-surface-raised pl-2" : "pl-2"}>
                  {column.label}
                </SortHeader>
              );
            })}
            {[...metrics, ...params].map((column, index) => (
              <SortHeader
                key={columnId(column)}
                {...header(column.kind, column.key, column.kind === "metrics")}
                className={`pl-2 ${index === 0 || index === metrics.length ? "border-l border-line" : ""}`}
              >
                <span className="whitespace-nowrap">{column.key}</span>
              </SortHeader>
            ))}
          </tr>
        </thead>
        <tbody>
          {view.runs.map((run) => (
            <RunRowCells key={run.runId} run={run} view={view} query={query} metrics={metrics} params={params} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RunRowCells({ run, view, query, metrics, params }: { run: RunRow; view: ExperimentRunsView; query: RunsQuery; metrics: RunColumn[]; params: RunColumn[] }) {
  const experimentId = view.experiment.id;
  const children = view.childCounts[run.runId] ?? 0;
  const childFilter = childRunsFilter(run.runId);
  return (
    <tr className="border-b border-line align-top" data-testid="run-row" data-run-id={run.runId}>
      {/* The run's name stays in view while the metrics scroll sideways. */}
      <th scope="row" className="sticky left-0 z-10 min-w-[12rem] max-w-[22rem] bg-surface py-2 pl-2 pr-4 font-medium">
        <Link href={runHref(experimentId, run.runId)} className="break-words text-accent underline" data-testid="run-link">
          {run.name}
        </Link>
        {run.parentRunId && (
          <p className="mt-0.5 text-xs font-normal text-ink-muted" data-testid="parent-of-row">
            <span aria-hidden="true">↳ </span>Child of{" "}
            <Link href={runHref(experimentId, run.parentRunId)} className="break-all text-accent underline">
              {view.parentNames[run.parentRunId] ?? run.parentRunId}
            </Link>
          </p>
        )}
        {children > 0 && childFilter && (
          <p className="mt-0.5 text-xs font-normal text-ink-muted">
            Parent of {children} run{children === 1 ? "" : "s"} here ·{" "}
            <Link href={runsHref(experimentId, { ...query, filter: childFilter })} className="text-accent underline">
              show all its child runs
            </Link>
          </p>
        )}
      </th>
      <td className="py-2 pl-2 pr-4">
        <RunStatusBadge status={run.status} deleted={run.lifecycleStage === "deleted"} />
      </td>
      <td className="whitespace-nowrap py-2 pl-2 pr-4">{run.user ?? "—"}</td>
      <td className="whitespace-nowrap py-2 pl-2 pr-4">
        <UtcTime value={run.startTime} />
      </td>
      <td className="whitespace-nowrap py-2 pl-2 pr-4 tabular-nums">{run.status === "RUNNING" && run.durationMs === null ? "running" : formatDuration(run.durationMs)}</td>
      {metrics.map((column, index) => {
        const value = run.metrics[column.key];
        return (
          <td key={columnId(column)} className={`py-2 pl-2 pr-4 text-right font-mono tabular-nums ${index === 0 ? "border-l border-line" : ""}`} data-column={columnId(column)}>
            {value === undefined ? <span className="text-ink-muted">—</span> : <span title={String(value)}>{formatMetric(value)}</span>}
          </td>
        );
      })}
      {params.map((column, index) => {
        const value = run.params[column.key];
        return (
          <td key={columnId(column)} className={`max-w-[14rem] truncate py-2 pl-2 pr-4 font-mono ${index === 0 ? "border-l border-line" : ""}`} data-column={columnId(column)} title={value}>
            {value ?? <span className="text-ink-muted">—</span>}
          </td>
        );
      })}
    </tr>
  );
}
