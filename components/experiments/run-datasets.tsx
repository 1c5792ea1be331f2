import { ColumnHeadings } from "@/components/data/column-headings";
import type { DatasetSummary } from "@/lib/domain/run-summary";

/** The data the run read: which table, which Delta version, in which role. */
export function RunDatasets({ datasets }: { datasets: DatasetSummary[] }) {
  // Row counts come from the dataset profile, which not every client writes.
  const withRows = datasets.some((dataset) => dataset.rows !== null);
  const labels = ["Name", "Context", "Source", "Location", "Delta version", "Digest", ...(withRows ? ["Rows"] : [])];
  return (
    <section id="datasets" aria-labelledby="datasets-heading" className="space-y-2">
      <h2 id="datasets-heading" className="text-lg font-semibold">
        Datasets
      </h2>
      {datasets.length === 0 ? (
        <p className="text-ink-muted">This run logged no dataset inputs (mlflow.log_input). Its code may still have read data MLflow does not know about.</p>
      ) : (
        <div role="region" aria-label="Datasets table, scrolls sideways" tabIndex={0} className="relative overflow-x-auto">
          <table className="w-full border-collapse text-left text-sm" data-testid="datasets-table">
            <caption className="sr-only">Datasets the run read</caption>
            <ColumnHeadings columns={labels} />
            <tbody>
              {datasets.map((dataset, index) => (
                <tr key={`${dataset.name}-${dataset.digest}-${index}`} className="border-b border-line align-top">
                  <th scope="row" className="py-2 pr-4 font-medium break-all">
                    {dataset.name}
                  </th>
                  <td className="py-2 pr-4">{dataset.context ?? "—"}</td>
                  <td className="py-2 pr-4">{dataset.sourceType || "—"}</td>
                  <td className="max-w-[28rem] break-all py-2 pr-4 font-mono text-xs leading-5">{dataset.location ?? "—"}</td>
                  <td className="py-2 pr-4 tabular-nums" data-testid="delta-version">
                    {dataset.deltaVersion ?? "—"}
                  </td>
                  <td className="py-2 pr-4 font-mono text-xs leading-5">{dataset.digest || "—"}</td>
                  {withRows && <td className="py-2 tabular-nums">{dataset.rows?.toLocaleString("en-US") ?? "—"}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
