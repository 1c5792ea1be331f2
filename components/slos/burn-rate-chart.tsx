import { ChartValuesTable } from "@/components/charts/chart-values-table";
import { cellName } from "@/components/monitoring/monitoring-format";
import { BURN_RATE_ALERTS, canFire, maxBurnRate } from "@/lib/domain/slo/burn-rate-alerts";
import type { BurnRatePoint } from "@/lib/domain/slo/error-budget";
import type { CellSize } from "@/lib/domain/time-range";
import { FRAME, FRAME_HEIGHT, OffScaleMark, round, TimeAxisEnds, timeScale, type TimeAxis } from "./slo-chart-frame";
import { formatBurnRate, formatFactor, windowLabel } from "./slo-format";

// Each cell's own burn rate against the alert table's factors. The scale is linear and capped at
// 20×, not logarithmic: a healthy SLO's cells mostly burn at exactly 0×, which a log axis cannot
// place, and the lines people compare against (1×, 3×, 6×, 14.4×) are all below 20×. A cell above
// the cap (up to 1000× at 99.9 %) already exceeds every factor; it is drawn at the top with an
// arrow, and the values table gives its rate.
const { left: LEFT, top: TOP, width: WIDTH, plotWidth: PLOT_WIDTH, plotHeight: PLOT_HEIGHT } = FRAME;
export const BURN_RATE_AXIS_TOP = 20;

/** Vertical position of a burn rate on the capped axis. */
export function burnRateY(rate: number): number {
  return round(TOP + (1 - Math.min(rate, BURN_RATE_AXIS_TOP) / BURN_RATE_AXIS_TOP) * PLOT_HEIGHT);
}

const REFERENCE_TONE = { page: "text-bad", ticket: "text-warn" } as const;
const LABEL_TONE = { page: "fill-bad", ticket: "fill-warn" } as const;

interface BurnRateChartProps {
  sloId: string;
  points: readonly BurnRatePoint[];
  cellSize: CellSize;
  axis: TimeAxis;
  target: number;
}

export function BurnRateChart({ sloId, points, cellSize, axis, target }: BurnRateChartProps) {
  const titleId = `${sloId}-burn-rate-title`;
  const x = timeScale(axis);
  const ceiling = maxBurnRate(target);
  const cannotFire = (factor: number) => !canFire({ factor }, target);
  // Consecutive cells with valid events form one segment; a cell without any breaks the line.
  const segments: { x: number; y: number }[][] = [[]];
  for (const point of points) {
    if (point.burnRate !== null) segments.at(-1)!.push({ x: x(point.start, cellSize.ms / 2), y: burnRateY(point.burnRate) });
    else if (segments.at(-1)!.length > 0) segments.push([]);
  }
  const offScale = points.filter((point) => point.burnRate !== null && point.burnRate > BURN_RATE_AXIS_TOP);
  const ticks = [...BURN_RATE_ALERTS.map((row) => row.factor), BURN_RATE_AXIS_TOP];
  return (
    <figure className="space-y-2" aria-labelledby={titleId}>
      <figcaption id={titleId} className="font-medium">
        Burn rate per {cellSize.label}: the share of bad events ÷ (1 − target), against the alerts&apos; factors
      </figcaption>
      {points.every((point) => point.burnRate === null) ? (
        <p className="text-sm text-ink-muted" data-testid="burn-rate-empty">
          No valid events in this range: there is no burn rate to draw.
        </p>
      ) : (
        <>
          <svg viewBox={`0 0 ${WIDTH} ${FRAME_HEIGHT}`} role="group" aria-label="Burn rate per cell against the alert factors 14.4×, 6×, 3× and 1×" className="w-full max-w-3xl" data-testid="burn-rate-chart">
            <g className="fill-ink-muted text-[10px]">
              {ticks.map((tick) => (
                <text key={tick} x={LEFT - 6} y={burnRateY(tick) + 3} textAnchor="end">
                  {formatFactor(tick)}
                </text>
              ))}
              {/* 0× sits 7 units under 1×: written just below the baseline, so the two labels do not overlap. */}
              <text x={LEFT - 6} y={burnRateY(0) + 10} textAnchor="end">
                0×
              </text>
            </g>
            <line x1={LEFT} y1={burnRateY(0)} x2={LEFT + PLOT_WIDTH} y2={burnRateY(0)} className="text-line" stroke="currentColor" strokeWidth={0.5} />
            <TimeAxisEnds axis={axis} />
            {BURN_RATE_ALERTS.map((row) => (
              <g key={row.long} data-testid="factor-line" data-factor={row.factor}>
                <line x1={LEFT} y1={burnRateY(row.factor)} x2={LEFT + PLOT_WIDTH} y2={burnRateY(row.factor)} className={REFERENCE_TONE[row.severity]} stroke="currentColor" strokeWidth={1} strokeDasharray="4 3" />
                <text x={LEFT + PLOT_WIDTH - 4} y={burnRateY(row.factor) - 3} textAnchor="end" className={`text-[10px] ${LABEL_TONE[row.severity]}`}>
                  {`${row.severity} ${formatFactor(row.factor)} (${windowLabel(row.long)} and ${windowLabel(row.short)})${cannotFire(row.factor) ? ": cannot fire" : ""}`}
                </text>
              </g>
            ))}
            {ceiling <= BURN_RATE_AXIS_TOP && (
              <g data-testid="ceiling-line">
                <line x1={LEFT} y1={burnRateY(ceiling)} x2={LEFT + PLOT_WIDTH} y2={burnRateY(ceiling)} className="text-ink-muted" stroke="currentColor" strokeWidth={1} strokeDasharray="1 3" />
                <text x={LEFT + 4} y={burnRateY(ceiling) + 11} className="fill-ink-muted text-[10px]">{`${formatFactor(ceiling)}: every event bad`}</text>
              </g>
            )}
            {segments
              .filter((segment) => segment.length > 0)
              .map((segment) =>
                segment.length === 1 ? (
                  <circle key={`${segment[0]!.x}`} cx={segment[0]!.x} cy={segment[0]!.y} r={2} className="fill-accent" />
                ) : (
                  <polyline key={`${segment[0]!.x}`} points={segment.map((point) => `${point.x},${point.y}`).join(" ")} fill="none" stroke="currentColor" strokeWidth={1.5} className="text-accent" />
                ),
              )}
            {offScale.map((point) => (
              <OffScaleMark key={point.start} x={x(point.start, cellSize.ms / 2)} y={TOP} direction="up" />
            ))}
          </svg>
          <p className="text-xs text-ink-muted">
            Dashed lines: the alert factors (page in red, ticket in amber, each labelled); a row fires when the burn over both its windows, not one {cellSize.label}, is above
            its factor. Linear scale capped at {formatFactor(BURN_RATE_AXIS_TOP)}
            {offScale.length > 0 ? `; ▲ marks the ${offScale.length} ${cellSize.label}${offScale.length === 1 ? "" : "s"} above it` : ""}. A gap: no valid events.
          </p>
          <ChartValuesTable summary={`Burn rate as a table (${points.length} points)`} regionLabel={`Burn rate of ${sloId}, values`} caption={`Burn rate per ${cellSize.label}`} columns={["Cell", "Burn rate"]}>
            {points.map((point) => (
              <tr key={point.start}>
                <td className="py-1 pr-4">{cellName(point.start, cellSize)}</td>
                <td className="py-1 pr-4">{point.burnRate === null ? "— (no valid events)" : formatBurnRate(point.burnRate)}</td>
              </tr>
            ))}
          </ChartValuesTable>
        </>
      )}
    </figure>
  );
}
