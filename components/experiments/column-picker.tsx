import Link from "next/link";
import { columnId, type ColumnKind, type RunColumn } from "@/lib/domain/run-filter-columns";
import { runsHref, type RunsQuery } from "@/lib/experiments/list-urls";
import { experimentHref } from "@/lib/ui/mlflow-links";

interface ColumnPickerProps {
  experimentId: string;
  query: RunsQuery;
  columns: RunColumn[];
  picked: boolean;
  available: { metrics: string[]; params: string[] };
}

const LABELS: Record<ColumnKind, string> = { metrics: "Metrics", params: "Params" };

/** Which metric and param columns the table shows; the choice is kept in the URL (`?columns=`). */
export function ColumnPicker({ experimentId, query, columns, picked, available }: ColumnPickerProps) {
  const shown = new Set(columns.map(columnId));
  const count = (kind: ColumnKind) => columns.filter((column) => column.kind === kind).length;
  if (available.metrics.length === 0 && available.params.length === 0) return null;
  return (
    <details className="rounded border border-line p-2 text-sm" data-testid="column-picker">
      <summary className="cursor-pointer font-medium">
        Columns: {count("metrics")} of {available.metrics.length} metrics, {count("params")} of {available.params.length} params
        {picked ? " (your choice)" : " (chosen from these runs)"}
      </summary>
      <form method="get" action={experimentHref(experimentId)} className="mt-2 space-y-3">
        {query.filter && <input type="hidden" name="filter" value={query.filter} />}
        {query.order && <input type="hidden" name="order" value={query.order} />}
        <input type="hidden" name="size" value={query.size} />
        <div className="grid gap-3 md:grid-cols-2">
          {(["metrics", "params"] as const).map((kind) =>
            available[kind].length === 0 ? null : (
              <fieldset key={kind} className="relative max-h-64 overflow-y-auto rounded border border-line p-2">
                <legend className="px-1 font-medium">{LABELS[kind]}</legend>
                <ul className="grid gap-1 sm:grid-cols-2">
                  {available[kind].map((key) => {
                    const id = columnId({ kind, key });
                    return (
                      <li key={id}>
                        <label className="inline-flex items-center gap-2 break-all">
                          <input type="checkbox" name="columns" value={id} defaultChecked={shown.has(id)} />
                          {key}
                        </label>
                      </li>
                    );
                  })}
                </ul>
              </fieldset>
            ),
          )}
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <button type="submit" className="rounded bg-accent px-4 py-1.5 font-medium text-accent-ink">
            Show these columns
          </button>
          {picked && (
            <Link href={runsHref(experimentId, { ...query, columns: undefined })} className="text-accent underline">
              Back to automatic columns
            </Link>
          )}
        </div>
      </form>
    </details>
  );
}
