import { ChartValuesTable } from "@/components/charts/chart-values-table";
import { ValueGrid } from "@/components/charts/value-grid";
import { cellName, formatShare } from "@/components/monitoring/monitoring-format";
import { LineSwatch, REFERENCE_STYLES } from "@/components/monitoring/unit-square-chart";
import type { BurnDownPoint } from "@/lib/domain/slo/error-budget";
import type { CellSize } from "@/lib/domain/time-range";
import { FRAME, FRAME_HEIGHT, OffScaleMark, round, TimeAxisEnds, timeScale, type TimeAxis } from "./slo-chart-frame";
import { formatEvents } from "./slo-format";

// The error budget left over the SLO period: 1 (untouched) at the period's start, falling with each
// bad event, 0 when spent. The dashed line is where a steady 1× burn would stand (the domain's
// `ideal`); a line below it burns faster than the period allows.
const { left: LEFT, top: TOP, width: WIDTH, plotWidth: PLOT_WIDTH, plotHeight: PLOT_HEIGHT } = FRAME;
const REMAINING_STYLE = { className: "text-accent", width: 2, dash: undefined };

/**
 * The value axis' bottom: 0 while the budget lasts, −1 (overspent by a whole budget) once it is
 * overspent. An overspent budget can fall far lower (a 99.9 % SLO whose requests all fail ends
 * near −999), which would flatten the rest; beyond −1 the line stops at the edge with a marker.
 */
export function burnDownAxisBottom(points: readonly Pick<BurnDownPoint, "remaining">[]): number {
  return points.some((point) => point.remaining < 0) ? -1 : 0;
}

interface BurnDownChartProps {
  sloId: string;
  points: readonly BurnDownPoint[];
  cellSize: CellSize;
  axis: TimeAxis;
  /** The SLO period's start: when the first cell shown is the period's first, the line starts from 1 there. */
  periodFrom: string;
  /** What a bad event is, e.g. "failed requests". */
  badEvents: string;
}

export function BurnDownChart({ sloId, points, cellSize, axis, periodFrom, badEvents }: BurnDownChartProps) {
  const titleId = `${sloId}-burn-down-title`;
  const x = timeScale(axis);
  const bottom = burnDownAxisBottom(points);
  const y = (value: number) => round(TOP + ((1 - Math.max(value, bottom)) / (1 - bottom)) * PLOT_HEIGHT);
  const ticks = bottom === 0 ? [1, 0.75, 0.5, 0.25, 0] : [1, 0.5, 0, -0.5, -1];
  // Each point's value holds at its cell's end.
  const drawn = points.map((point) => ({ x: x(point.start, cellSize.ms), remaining: point.remaining, ideal: point.ideal }));
  if (points.length > 0 && Date.parse(points[0]!.start) <= Date.parse(periodFrom)) drawn.unshift({ x: x(points[0]!.start), remaining: 1, ideal: 1 });
  const line = (value: (point: (typeof drawn)[number]) => number) => drawn.map((point) => `${point.x},${y(value(point))}`).join(" ");
  const offScale = drawn.find((point) => point.remaining < bottom);
  return (
    <figure className="space-y-2" aria-labelledby={titleId}>
      <figcaption id={titleId} className="font-medium">
        Error budget left over the period, per {cellSize.label}
      </figcaption>
      {points.length === 0 ? (
        <p className="text-sm text-ink-muted" data-testid="burn-down-empty">
          No valid events in the period: there is no budget to burn down.
        </p>
      ) : (
        <>
          <svg viewBox={`0 0 ${WIDTH} ${FRAME_HEIGHT}`} role="group" aria-label="Error budget left over the SLO period, against a steady 1× burn" className="w-full max-w-3xl" data-testid="burn-down-chart">
            <ValueGrid ticks={ticks} y={y} left={LEFT} width={PLOT_WIDTH} label={(tick) => formatShare(tick, 0)} />
            <TimeAxisEnds axis={axis} />
            <line x1={LEFT} y1={y(0)} x2={LEFT + PLOT_WIDTH} y2={y(0)} className="text-bad" stroke="currentColor" strokeWidth={1.5} data-testid="zero-line" />
            <text x={LEFT + PLOT_WIDTH - 4} y={y(0) - 4} textAnchor="end" className="fill-bad text-[10px]">
              budget spent
            </text>
            <polyline points={line((point) => point.ideal)} fill="none" stroke="currentColor" strokeWidth={REFERENCE_STYLES.diagonal.width} strokeDasharray={REFERENCE_STYLES.diagonal.dash} className={REFERENCE_STYLES.diagonal.className} data-testid="steady-burn" />
            <polyline points={line((point) => point.remaining)} fill="none" stroke="currentColor" strokeWidth={REMAINING_STYLE.width} className={REMAINING_STYLE.className} data-testid="remaining" />
            {offScale && <OffScaleMark x={offScale.x} y={y(bottom)} direction="down" />}
          </svg>
          <p className="flex flex-wrap gap-4 text-xs text-ink-muted">
            <span>
              <LineSwatch style={REMAINING_STYLE} /> budget left
            </span>
            <span>
              <LineSwatch style={REFERENCE_STYLES.diagonal} /> at a steady 1× burn
            </span>
            <span>solid line at 0 %: budget spent</span>
            {offScale && <span>▼ overspent beyond −100 %: the line stops at the edge (the values table has every figure)</span>}
          </p>
          <ChartValuesTable
            summary={`Budget left as a table (${points.length} points)`}
            regionLabel={`Error budget left of ${sloId}, values`}
            caption={`Error budget left after each ${cellSize.label}`}
            columns={["Cell", "Budget left", `In ${badEvents}`, "At a steady 1× burn"]}
          >
            {points.map((point) => (
              <tr key={point.start}>
                <td className="py-1 pr-4">{cellName(point.start, cellSize)}</td>
                <td className="py-1 pr-4">{formatShare(point.remaining)}</td>
                <td className="py-1 pr-4">{formatEvents(point.remainingEvents)}</td>
                <td className="py-1 pr-4">{formatShare(point.ideal)}</td>
              </tr>
            ))}
          </ChartValuesTable>
        </>
      )}
    </figure>
  );
}
