import Link from "next/link";
import type { ReactNode } from "react";
import { PAGE_SIZES, runsHref, type RunsQuery } from "@/lib/experiments/list-urls";
import { experimentHref } from "@/lib/ui/mlflow-links";

interface RunQueryFormProps {
  experimentId: string;
  query: RunsQuery;
  /** Keys of this experiment's runs, to write examples people can use as they are. */
  exampleKeys: { metric?: string; param?: string };
  error: string | null;
}

function Code({ children }: { children: ReactNode }) {
  return <code className="rounded bg-surface-raised px-1 font-mono text-ink">{children}</code>;
}

/** The runs filter, in MLflow's own search syntax, with MLflow's answer when it refuses it. */
export function RunQueryForm({ experimentId, query, exampleKeys, error }: RunQueryFormProps) {
  const metric = exampleKeys.metric ?? "auc";
  const param = exampleKeys.param ?? "max_depth";
  return (
    <form method="get" action={experimentHref(experimentId)} role="search" aria-label="Runs" className="space-y-2">
      <div className="flex flex-wrap items-end gap-2">
        <div className="flex min-w-[20rem] flex-1 flex-col gap-1">
          <label htmlFor="run-filter" className="text-sm font-medium">
            Filter runs
          </label>
          <input
            id="run-filter"
            name="filter"
            type="search"
            defaultValue={query.filter}
            placeholder={`metrics.${metric} > 0.8 AND params.${param} = '6'`}
            spellCheck={false}
            autoComplete="off"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "run-filter-error run-filter-help" : "run-filter-help"}
            className={`w-full rounded border bg-surface px-3 py-1.5 font-mono text-sm ${error ? "border-bad" : "border-line"}`}
          />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="run-page-size" className="text-sm font-medium">
            Runs per page
          </label>
          <select id="run-page-size" name="size" defaultValue={String(query.size)} className="rounded border border-line bg-surface px-2 py-1.5">
            {PAGE_SIZES.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </select>
        </div>
        {query.order && <input type="hidden" name="order" value={query.order} />}
        {query.columns?.length ? <input type="hidden" name="columns" value={query.columns.join(",")} /> : null}
        <button type="submit" className="rounded bg-accent px-4 py-1.5 font-medium text-accent-ink">
          Apply
        </button>
        {query.filter && (
          <Link href={runsHref(experimentId, { ...query, filter: undefined })} className="px-2 py-1.5 text-accent underline">
            Clear filter
          </Link>
        )}
      </div>
      {error && (
        <div id="run-filter-error" role="alert" className="rounded border border-bad bg-bad-bg p-3 text-sm text-ink" data-testid="filter-error">
          <p className="font-medium text-bad">MLflow did not accept this query.</p>
          <p className="break-words font-mono">{error}</p>
        </div>
      )}
      <p id="run-filter-help" className="text-xs leading-6 text-ink-muted">
        MLflow search syntax: clauses joined with <Code>AND</Code> (there is no OR), e.g. <Code>metrics.{metric} &gt; 0.8</Code>{" "}
        <Code>params.{param} = &apos;6&apos;</Code> <Code>attributes.status = &apos;FAILED&apos;</Code>{" "}
        <Code>tags.mlflow.parentRunId = &apos;…&apos;</Code>. Strings take single quotes; params compare as strings.
      </p>
    </form>
  );
}
