import { ChartValuesTable } from "@/components/charts/chart-values-table";
import { CsvDownload } from "@/components/table/csv-download";
import { csvDecimal, csvFilename, csvTime, type CsvTable } from "@/components/table/csv-table";
import type { FeatureHistogram as Histogram } from "@/lib/domain/monitoring/drift-heatmap";
import { formatUtc } from "@/lib/ui/format";
import { cellState, CELL_STYLES } from "./drift-cell-state";
import { formatCount, formatPsi, formatShare } from "./monitoring-format";

/** The bar's length: a share against the largest share of either distribution, so the widest bar fills the row. */
function barWidth(share: number | null, largest: number): string {
  return `${largest > 0 && share !== null ? (share / largest) * 100 : 0}%`;
}

function verdict(histogram: Histogram): string {
  const state = cellState(histogram);
  if (state === "empty") return "no samples";
  if (state === "too-few") return "too few samples for a band";
  return state;
}

/** One CSV row per bin, as the values table lists them, each with its window so a saved file says which cell it is. */
export function featureHistogramCsv(histogram: Histogram): CsvTable {
  const window = [csvTime(histogram.from), csvTime(histogram.to)];
  return {
    header: ["bin", "reference_share", "current_share", "current_count", "window_start", "window_end"],
    rows: histogram.bins.map((bin) => [bin.label, csvDecimal(bin.referenceShare), csvDecimal(bin.currentShare), bin.currentCount, ...window]),
  };
}

/**
 * Reference against current share per frozen bin for one feature over the chosen cell (or the
 * whole range), with its window, samples, PSI and band; the values as a table for screen readers.
 */
export function FeatureHistogram({ histogram, cellChosen, model }: { histogram: Histogram | null; cellChosen: boolean; model?: string }) {
  if (!histogram) return <p className="text-sm text-ink-muted">Choose a feature&apos;s cell in the heatmap to see its histogram; this feature has no bins in the range.</p>;
  const largest = Math.max(0, ...histogram.bins.flatMap((bin) => [bin.referenceShare, bin.currentShare ?? 0]));
  const state = cellState(histogram);
  return (
    <figure className="space-y-3" data-testid="histogram" data-feature={histogram.feature} data-band={state}>
      <figcaption className="space-y-1 text-sm">
        <p>
          <span className="font-mono font-medium">{histogram.feature}</span>: {cellChosen ? "one cell" : "the whole range"}, from{" "}
          <time dateTime={histogram.from}>{formatUtc(histogram.from)}</time> to <time dateTime={histogram.to}>{formatUtc(histogram.to)}</time>
          {histogram.reference && <>, against the reference {histogram.reference}</>}.
        </p>
        <p data-testid="histogram-summary">
          {formatCount(histogram.samples)} samples; PSI{" "}
          <span className={`rounded px-1.5 py-0.5 tabular-nums ${CELL_STYLES[state]}`}>{formatPsi(histogram.psi)}</span> ({verdict(histogram)}).
        </p>
      </figcaption>
      <div role="img" aria-label={`Histogram of ${histogram.feature}: reference against current share per bin. The values are in the table below.`} className="space-y-1.5">
        {histogram.bins.map((bin) => (
          <div key={bin.bin} className="grid grid-cols-[8rem_1fr_5rem] items-center gap-2 text-xs" data-testid="histogram-bin">
            <span className="truncate text-right font-mono" title={bin.label}>
              {bin.label}
            </span>
            <div className="space-y-0.5">
              <div className="h-2.5 rounded-sm bg-ink-muted/50" style={{ width: barWidth(bin.referenceShare, largest) }} data-series="reference" />
              <div className="h-2.5 rounded-sm bg-accent" style={{ width: barWidth(bin.currentShare, largest) }} data-series="current" />
            </div>
            <span className="text-right tabular-nums text-ink-muted">{formatCount(bin.currentCount)}</span>
          </div>
        ))}
      </div>
      <p className="flex gap-4 text-xs text-ink-muted">
        <span className="flex items-center gap-1">
          <span aria-hidden="true" className="inline-block h-2.5 w-5 rounded-sm bg-ink-muted/50" /> Reference share
        </span>
        <span className="flex items-center gap-1">
          <span aria-hidden="true" className="inline-block h-2.5 w-5 rounded-sm bg-accent" /> Current share (count at the right)
        </span>
      </p>
      <div id="drift-histogram-values">
        <ChartValuesTable
          summary={`Values as a table (${histogram.bins.length} bins)`}
          regionLabel={`Histogram values of ${histogram.feature}`}
          caption={`Reference and current share per bin of ${histogram.feature}`}
          columns={["Bin", "Reference share", "Current share", "Current count"]}
        >
          {histogram.bins.map((bin) => (
            <tr key={bin.bin} className="border-b border-line">
              <th scope="row" className="py-1 pr-4 text-left font-mono font-normal">{bin.label}</th>
              <td className="py-1 pr-4 tabular-nums">{formatShare(bin.referenceShare)}</td>
              <td className="py-1 pr-4 tabular-nums">{formatShare(bin.currentShare)}</td>
              <td className="py-1 pr-4 tabular-nums">{formatCount(bin.currentCount)}</td>
            </tr>
          ))}
        </ChartValuesTable>
        <CsvDownload {...featureHistogramCsv(histogram)} filename={csvFilename(model, histogram.feature, "histogram")} tableName={`histogram of ${histogram.feature}`} />
      </div>
    </figure>
  );
}
