import { ChartValuesTable } from "@/components/charts/chart-values-table";
import { ValueGrid } from "@/components/charts/value-grid";
import type { DecisionAnnotation } from "@/lib/domain/monitoring/decision-annotations";
import type { CellSize } from "@/lib/domain/time-range";
import { formatUtc } from "@/lib/ui/format";
import { DecisionGlyph, DecisionMarkers } from "./decision-mark";
import { cellName, formatCount, formatLift } from "./monitoring-format";
import { LINE_STYLES, LineSwatch } from "./unit-square-chart";

// Top-decile lift per cell over the page's range, one line per version, with Stagegate's decisions as
// vertical markers on the same time axis and the cells whose labels are not all in yet shaded.
const LEFT = 44;
const TOP = 18;
const WIDTH = 620;
const PLOT_WIDTH = WIDTH - LEFT - 12;
const PLOT_HEIGHT = 160;
const HEIGHT = TOP + PLOT_HEIGHT + 30;

interface VersionSeries {
  version: string;
  topDecileLiftOverTime: { start: string; lift: number | null; predictions: number }[];
}

interface TopDecileLiftChartProps {
  versions: readonly VersionSeries[];
  range: { from: string; to: string };
  cellSize: CellSize;
  /** Predictions from here on have not all had their labels: their cells are not counted. */
  matureBefore: string;
  annotations: readonly DecisionAnnotation[];
}

const round = (value: number) => Math.round(value * 10) / 10;

export function TopDecileLiftChart({ versions, range, cellSize, matureBefore, annotations }: TopDecileLiftChartProps) {
  const from = Date.parse(range.from);
  const span = Math.max(1, Date.parse(range.to) - from);
  const x = (iso: string, offsetMs = 0) => round(LEFT + Math.min(1, Math.max(0, (Date.parse(iso) + offsetMs - from) / span)) * PLOT_WIDTH);
  const lifts = versions.flatMap((entry) => entry.topDecileLiftOverTime.map((point) => point.lift ?? 0));
  const top = Math.max(4, Math.ceil(Math.max(0, ...lifts)));
  const y = (lift: number) => round(TOP + (1 - lift / top) * PLOT_HEIGHT);
  const ticks = Array.from({ length: top + 1 }, (_, index) => index);
  const immature = x(matureBefore);
  return (
    <figure className="space-y-2" aria-labelledby="top-decile-lift-title">
      <figcaption id="top-decile-lift-title" className="font-medium">
        Top-decile lift per {cellSize.label}: the churn rate of the highest-scored 10 % ÷ the {cellSize.label}&apos;s overall rate
      </figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="group" aria-label="Top-decile lift over time per version, with Stagegate's decisions marked" className="w-full max-w-3xl" data-testid="top-decile-lift-chart">
        {immature < LEFT + PLOT_WIDTH && <rect x={immature} y={TOP} width={round(LEFT + PLOT_WIDTH - immature)} height={PLOT_HEIGHT} className="fill-surface-raised" opacity={0.8} />}
        <ValueGrid ticks={ticks} y={y} left={LEFT} width={PLOT_WIDTH} label={(tick) => `${tick}×`} />
        <g className="fill-ink-muted text-[10px]">
          <text x={LEFT} y={HEIGHT - 8}>{formatUtc(range.from)}</text>
          <text x={LEFT + PLOT_WIDTH} y={HEIGHT - 8} textAnchor="end">{formatUtc(range.to)}</text>
        </g>
        <line x1={LEFT} y1={y(1)} x2={LEFT + PLOT_WIDTH} y2={y(1)} className="text-ink-muted" stroke="currentColor" strokeDasharray="4 4" />
        {versions.map((entry, index) => {
          const style = LINE_STYLES[Math.min(index, LINE_STYLES.length - 1)]!;
          const points = entry.topDecileLiftOverTime.filter((point) => point.lift !== null).map((point) => `${x(point.start, cellSize.ms / 2)},${y(point.lift!)}`);
          return <polyline key={entry.version} points={points.join(" ")} fill="none" stroke="currentColor" strokeWidth={style.width} strokeDasharray={style.dash} className={style.className} />;
        })}
        <DecisionMarkers annotations={annotations} x={(iso) => x(iso)} top={TOP} bottom={TOP + PLOT_HEIGHT} />
      </svg>
      <p className="flex flex-wrap gap-4 text-xs text-ink-muted">
        {versions.map((entry, index) => (
          <span key={entry.version}>
            <LineSwatch style={LINE_STYLES[Math.min(index, LINE_STYLES.length - 1)]!} /> v{entry.version}
          </span>
        ))}
        <span>dashed 1×: random targeting</span>
        <span>shaded: labels not all in yet (after {formatUtc(matureBefore)})</span>
        {annotations.length > 0 && (
          <span>
            <DecisionGlyph kind={annotations[0]!.kind} /> markers: Stagegate&apos;s decisions (hover for who and why)
          </span>
        )}
      </p>
      <ChartValuesTable summary="Top-decile lift as a table" regionLabel="Top-decile lift values" caption="Top-decile lift per cell and version" columns={["Version", "Cell", "Top-decile lift", "Outcomes"]}>
        {versions.flatMap((entry) =>
          entry.topDecileLiftOverTime
            .filter((point) => point.predictions > 0)
            .map((point) => (
              <tr key={`${entry.version}:${point.start}`}>
                <td className="py-1 pr-4">v{entry.version}</td>
                <td className="py-1 pr-4">{cellName(point.start, cellSize)}</td>
                <td className="py-1 pr-4">{formatLift(point.lift)}</td>
                <td className="py-1 pr-4">{formatCount(point.predictions)}</td>
              </tr>
            )),
        )}
      </ChartValuesTable>
    </figure>
  );
}
