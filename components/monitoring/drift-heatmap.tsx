import { CsvDownload } from "@/components/table/csv-download";
import { csvDecimal, csvFilename, csvTime, type CsvTable } from "@/components/table/csv-table";
import type { DecisionAnnotation } from "@/lib/domain/monitoring/decision-annotations";
import type { DriftCell, DriftFeatureRow, DriftHeatmap as Heatmap } from "@/lib/domain/monitoring/drift-heatmap";
import { timeRangeSearch, type CellSize, type TimeRange } from "@/lib/domain/time-range";
import { formatUtc } from "@/lib/ui/format";
import { decisionKindName, decisionText, DecisionGlyph } from "./decision-mark";
import { cellState, CELL_STYLES, type DriftCellState } from "./drift-cell-state";
import { DriftLegend } from "./drift-legend";
import { cellHeading, cellName, formatCount, formatPsi } from "./monitoring-format";

export const PREDICTION_ROW_TITLE = "Prediction (score) drift on unlabelled traffic";

interface DriftHeatmapProps {
  heatmap: Heatmap;
  /** Kept on every cell's link. */
  range: Pick<TimeRange, "fromText" | "toText">;
  cellSize: CellSize;
  annotations: readonly DecisionAnnotation[];
  /** DRIFT_CONVENTIONS: one line each, printed under the grid. */
  conventions: Readonly<Record<string, string>>;
  /** The cell whose histogram the page shows, marked as current. */
  chosen?: { feature: string | null; cell: string | null };
  /** Names the CSV download, e.g. "churn_xgb-drift-psi-per-day.csv". */
  model?: string;
}

const CSV_BAND: Record<DriftCellState, string> = { stable: "stable", moderate: "moderate", significant: "significant", "too-few": "low sample", empty: "no samples" };

/** One CSV row per feature × cell, in the grid's order (inputs worst first, then the prediction row). */
export function driftHeatmapCsv(heatmap: Heatmap): CsvTable {
  const rows = heatmap.prediction ? [...heatmap.features, heatmap.prediction] : heatmap.features;
  return {
    header: ["feature", "feature_type", "cell_start", "psi", "samples", "band"],
    rows: rows.flatMap((row) => row.cells.map((cell) => [row.feature, row.type, csvTime(cell.start), csvDecimal(cell.psi), cell.samples, CSV_BAND[cellState(cell)]])),
  };
}

function tooFewText(cell: DriftCell, row: DriftFeatureRow): string {
  return `too few samples (${formatCount(cell.samples)} < ${formatCount(row.sampleMinimum)} minimum)`;
}

function cellLabel(row: DriftFeatureRow, cell: DriftCell, cellSize: CellSize): string {
  const where = `${row.feature}, ${cellName(cell.start, cellSize)}`;
  if (cellState(cell) === "too-few") return `${where}: PSI ${formatPsi(cell.psi)}, ${tooFewText(cell, row)}`;
  return `${where}: PSI ${formatPsi(cell.psi)}, ${cell.band}, ${formatCount(cell.samples)} samples`;
}

function HeatmapCell({ row, cell, props }: { row: DriftFeatureRow; cell: DriftCell; props: DriftHeatmapProps }) {
  const state = cellState(cell);
  const testAttributes = { "data-testid": "drift-cell", "data-feature": row.feature, "data-start": cell.start, "data-band": state };
  if (state === "empty") {
    return (
      <td {...testAttributes} className={`h-8 min-w-12 border border-line ${CELL_STYLES.empty}`}>
        <span className="sr-only">{`${row.feature}, ${cellName(cell.start, props.cellSize)}: no samples`}</span>
      </td>
    );
  }
  const current = props.chosen?.feature === row.feature && props.chosen.cell === cell.start;
  const href = `?${timeRangeSearch(props.range, { feature: row.feature, cell: cell.start })}`;
  return (
    <td {...testAttributes} className={`h-8 min-w-12 border border-line p-0 text-center text-xs tabular-nums ${CELL_STYLES[state]}`}>
      <a
        href={href}
        aria-label={cellLabel(row, cell, props.cellSize)}
        aria-current={current ? "true" : undefined}
        title={state === "too-few" ? tooFewText(cell, row) : `${formatCount(cell.samples)} samples`}
        className={`block px-1 py-1.5 hover:underline ${current ? "outline-2 -outline-offset-2 outline-accent" : ""}`}
      >
        {formatPsi(cell.psi)}
        {state === "too-few" && <span className="sr-only"> {tooFewText(cell, row)}</span>}
      </a>
    </td>
  );
}

function FeatureRow({ row, title, props }: { row: DriftFeatureRow; title?: string; props: DriftHeatmapProps }) {
  return (
    <tr data-feature-row={row.feature}>
      <th scope="row" className="sticky left-0 z-10 bg-surface py-1 pr-3 text-left font-normal">
        {title ? (
          <>
            <span className="block font-medium">{title}</span>
            <span className="block font-mono text-xs text-ink-muted">{row.feature}</span>
          </>
        ) : (
          <span className="font-mono">{row.feature}</span>
        )}
        {row.type === "categorical" && <span className="ml-1 text-xs text-ink-muted">(categorical)</span>}
      </th>
      {row.cells.map((cell) => (
        <HeatmapCell key={cell.start} row={row} cell={cell} props={props} />
      ))}
    </tr>
  );
}

/** Decisions whose time falls in [start, start + cell size). */
function decisionsIn(annotations: readonly DecisionAnnotation[], start: string, cellSize: CellSize): DecisionAnnotation[] {
  const from = new Date(start).getTime();
  return annotations.filter((annotation) => {
    const at = new Date(annotation.at).getTime();
    return at >= from && at < from + cellSize.ms;
  });
}

function DecisionRow({ cellStarts, annotations, cellSize }: { cellStarts: string[]; annotations: readonly DecisionAnnotation[]; cellSize: CellSize }) {
  return (
    <tr>
      <th scope="row" className="sticky left-0 z-10 bg-surface py-1 pr-3 text-left text-xs font-medium text-ink-muted">
        Decisions
      </th>
      {cellStarts.map((start) => (
        <td key={start} className="px-0.5 text-center text-sm leading-none">
          {decisionsIn(annotations, start, cellSize).map((annotation, index) => (
            <a
              key={`${annotation.at}:${index}`}
              href={annotation.href}
              data-testid="annotation"
              title={decisionText(annotation)}
              aria-label={`${decisionKindName(annotation.kind)}, ${formatUtc(annotation.at)}: ${decisionText(annotation)}`}
              className="inline-block px-0.5"
            >
              <DecisionGlyph kind={annotation.kind} />
            </a>
          ))}
        </td>
      ))}
    </tr>
  );
}

function ColumnHeading({ start, index, cellSize }: { start: string; index: number; cellSize: CellSize }) {
  // Hour columns name their day on the first column and at midnight, so a 3-day grid stays readable.
  const showDay = cellSize.label === "hour" && (index === 0 || start.slice(11, 16) === "00:00");
  return (
    <th scope="col" className="px-1 pb-1 text-center align-bottom text-xs font-normal text-ink-muted">
      <time dateTime={start} title={cellName(start, cellSize)}>
        {showDay && <span className="block">{start.slice(5, 10)}</span>}
        {cellHeading(start, cellSize)}
      </time>
    </th>
  );
}

/**
 * Features × time cells coloured by PSI band, each a link to its histogram; the model's output
 * apart in its own row group; the page's decisions marked above the columns they fall in.
 */
export function DriftHeatmap(props: DriftHeatmapProps) {
  const { heatmap, cellSize, annotations, conventions } = props;
  if (heatmap.features.length === 0 && heatmap.prediction === null) {
    return <p className="text-sm text-ink-muted">No drift windows were written for this model in this range.</p>;
  }
  return (
    <div className="space-y-3">
      <div role="region" aria-label="Drift heatmap, scrolls sideways" tabIndex={0} className="relative overflow-x-auto">
        <table id="drift-heatmap" className="border-collapse text-sm" data-testid="drift-heatmap">
          <caption className="pb-2 text-left text-ink-muted">
            Population stability index (PSI) per feature and {cellSize.label}, worst feature first. Choose a cell for its histogram.
          </caption>
          <thead>
            <DecisionRow cellStarts={heatmap.cellStarts} annotations={annotations} cellSize={cellSize} />
            <tr>
              <th scope="col" className="sticky left-0 z-10 bg-surface pr-3 text-left text-xs font-medium text-ink-muted">
                Feature
              </th>
              {heatmap.cellStarts.map((start, index) => (
                <ColumnHeading key={start} start={start} index={index} cellSize={cellSize} />
              ))}
            </tr>
          </thead>
          <tbody>
            {heatmap.features.map((row) => (
              <FeatureRow key={row.feature} row={row} props={props} />
            ))}
          </tbody>
          {heatmap.prediction && (
            <tbody className="border-t-2 border-line" data-testid="prediction-drift">
              <FeatureRow row={heatmap.prediction} title={PREDICTION_ROW_TITLE} props={props} />
            </tbody>
          )}
        </table>
      </div>
      <CsvDownload {...driftHeatmapCsv(heatmap)} filename={csvFilename(props.model, `drift-psi-per-${cellSize.label}`)} tableName="drift heatmap" />
      <DriftLegend conventions={conventions} />
    </div>
  );
}
