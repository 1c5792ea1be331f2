import { ChartValuesTable } from "@/components/charts/chart-values-table";
import type { DecisionAnnotation } from "@/lib/domain/monitoring/decision-annotations";
import type { DriftFeatureRow } from "@/lib/domain/monitoring/drift-heatmap";
import { PSI_SIGNIFICANT_ABOVE, PSI_STABLE_BELOW } from "@/lib/domain/monitoring/psi";
import { timeRangeSearch, type CellSize, type TimeRange } from "@/lib/domain/time-range";
import { formatUtc } from "@/lib/ui/format";
import { DecisionMarkers } from "./decision-mark";
import { cellState } from "./drift-cell-state";
import { cellName, formatCount, formatPsi } from "./monitoring-format";

// One feature's PSI per cell over the page's range, on the bands' backgrounds, with Stagegate's
// decisions on the same time axis. A cell below the sample minimum is a hollow grey point: its PSI
// is drawn (it is a number Log Analytics returned) but it has no band and the line skips it.
const LEFT = 44;
const TOP = 18;
const WIDTH = 620;
const PLOT_WIDTH = WIDTH - LEFT - 12;
const PLOT_HEIGHT = 140;
const HEIGHT = TOP + PLOT_HEIGHT + 30;

interface FeaturePsiChartProps {
  row: DriftFeatureRow;
  range: Pick<TimeRange, "fromText" | "toText"> & { from: string; to: string };
  cellSize: CellSize;
  annotations: readonly DecisionAnnotation[];
}

const round = (value: number) => Math.round(value * 10) / 10;

/** The axis top: at least the significant band's start and a bit, else the worst PSI rounded up to 0.1. */
export function psiAxisTop(row: Pick<DriftFeatureRow, "cells">): number {
  const worst = Math.max(0, ...row.cells.map((cell) => cell.psi ?? 0));
  return Math.max(0.4, Math.ceil(worst * 10) / 10);
}

const BAND_FILLS = { stable: "fill-ok-bg", moderate: "fill-warn-bg", significant: "fill-bad-bg" } as const;

export function FeaturePsiChart({ row, range, cellSize, annotations }: FeaturePsiChartProps) {
  const from = Date.parse(range.from);
  const span = Math.max(1, Date.parse(range.to) - from);
  const x = (iso: string, offsetMs = 0) => round(LEFT + Math.min(1, Math.max(0, (Date.parse(iso) + offsetMs - from) / span)) * PLOT_WIDTH);
  const top = psiAxisTop(row);
  const y = (psi: number) => round(TOP + (1 - Math.min(psi, top) / top) * PLOT_HEIGHT);
  const bands = [
    { name: "stable", low: 0, high: PSI_STABLE_BELOW },
    { name: "moderate", low: PSI_STABLE_BELOW, high: PSI_SIGNIFICANT_ABOVE },
    { name: "significant", low: PSI_SIGNIFICANT_ABOVE, high: top },
  ] as const;
  const plotted = row.cells.filter((cell) => cell.psi !== null);
  // Consecutive cells with a band form one segment; a cell without one (empty or too few) breaks the line.
  const segments: string[][] = [[]];
  for (const cell of row.cells) {
    if (cell.band !== null && cell.psi !== null) segments.at(-1)!.push(`${x(cell.start, cellSize.ms / 2)},${y(cell.psi)}`);
    else if (segments.at(-1)!.length > 0) segments.push([]);
  }
  const titleId = `psi-over-time-${row.feature}`;
  return (
    <figure className="space-y-2" aria-labelledby={titleId}>
      <figcaption id={titleId} className="font-medium">
        PSI of <span className="font-mono">{row.feature}</span> per {cellSize.label}
      </figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="group" aria-label={`PSI of ${row.feature} over time on the drift bands, with Stagegate's decisions marked`} className="w-full max-w-3xl" data-testid="feature-psi-chart">
        {bands.map((band) => (
          <rect key={band.name} x={LEFT} y={y(band.high)} width={PLOT_WIDTH} height={round(y(band.low) - y(band.high))} className={BAND_FILLS[band.name]} data-band={band.name} />
        ))}
        <g className="fill-ink-muted text-[10px]">
          {[0, PSI_STABLE_BELOW, PSI_SIGNIFICANT_ABOVE, top].map((tick) => (
            <text key={tick} x={LEFT - 6} y={y(tick) + 3} textAnchor="end">
              {tick}
            </text>
          ))}
          <text x={LEFT} y={HEIGHT - 8}>{formatUtc(range.from)}</text>
          <text x={LEFT + PLOT_WIDTH} y={HEIGHT - 8} textAnchor="end">{formatUtc(range.to)}</text>
        </g>
        {segments
          .filter((points) => points.length > 0)
          .map((points) => (
            <polyline key={points[0]} points={points.join(" ")} fill="none" stroke="currentColor" strokeWidth={1.5} className="text-ink" />
          ))}
        {plotted.map((cell) => {
          const tooFew = cellState(cell) === "too-few";
          return (
            <a key={cell.start} href={`?${timeRangeSearch(range, { feature: row.feature, cell: cell.start })}`} aria-label={`${cellName(cell.start, cellSize)}: PSI ${formatPsi(cell.psi)}, ${tooFew ? `too few samples (${formatCount(cell.samples)})` : cell.band}`}>
              <title>{`${cellName(cell.start, cellSize)}: PSI ${formatPsi(cell.psi)}, ${formatCount(cell.samples)} samples${tooFew ? ", too few for a band" : ""}`}</title>
              <circle
                cx={x(cell.start, cellSize.ms / 2)}
                cy={y(cell.psi!)}
                r={tooFew ? 3.5 : 3}
                data-state={tooFew ? "too-few" : cell.band}
                className={tooFew ? "fill-surface text-ink-muted" : "fill-ink text-ink"}
                stroke="currentColor"
                strokeWidth={1}
              />
            </a>
          );
        })}
        <DecisionMarkers annotations={annotations} x={(iso) => x(iso)} top={TOP} bottom={TOP + PLOT_HEIGHT} />
      </svg>
      <p className="text-xs text-ink-muted">
        Background: stable below {PSI_STABLE_BELOW}, moderate to {PSI_SIGNIFICANT_ABOVE}, significant above (rules of thumb, not significance tests). Hollow points: too few
        samples for a band. Choose a point for its histogram.
      </p>
      <ChartValuesTable summary="PSI over time as a table" regionLabel={`PSI of ${row.feature} values`} caption={`PSI of ${row.feature} per ${cellSize.label}`} columns={["Cell", "PSI", "Samples", "Band"]}>
        {plotted.map((cell) => (
          <tr key={cell.start}>
            <td className="py-1 pr-4">{cellName(cell.start, cellSize)}</td>
            <td className="py-1 pr-4">{formatPsi(cell.psi)}</td>
            <td className="py-1 pr-4">{formatCount(cell.samples)}</td>
            <td className="py-1 pr-4">{cell.band ?? "too few samples"}</td>
          </tr>
        ))}
      </ChartValuesTable>
    </figure>
  );
}
