import type { ReactNode } from "react";

// Both axes of the gains chart and the reliability diagram run 0–100 %: one frame, drawn in SVG on
// the server so the page loads no chart library.
const LEFT = 50;
const TOP = 10;
const PLOT_WIDTH = 300;
const PLOT_HEIGHT = 200;
const WIDTH = LEFT + PLOT_WIDTH + 10;
const HEIGHT = TOP + PLOT_HEIGHT + 40;
const TICKS = [0, 0.25, 0.5, 0.75, 1];

/** Horizontal position of a share on [0, 1], in viewBox units. */
export function plotX(share: number): number {
  return Math.round((LEFT + share * PLOT_WIDTH) * 10) / 10;
}

/** Vertical position of a share on [0, 1] (0 at the bottom), in viewBox units. */
export function plotY(share: number): number {
  return Math.round((TOP + (1 - share) * PLOT_HEIGHT) * 10) / 10;
}

/** An SVG `points` attribute for a line through shares. */
export function plotPoints(points: readonly { x: number; y: number }[]): string {
  return points.map((point) => `${plotX(point.x)},${plotY(point.y)}`).join(" ");
}

/** How each drawn line looks; the dash tells lines apart where colours are hard to tell. */
export const LINE_STYLES = [
  { className: "text-accent", width: 2.5, dash: undefined },
  { className: "text-ink", width: 1.5, dash: "6 3" },
  { className: "text-ink", width: 1.5, dash: "2 2" },
] as const;
export const REFERENCE_STYLES = {
  diagonal: { className: "text-ink-muted", width: 1, dash: "4 4" },
  perfect: { className: "text-ink-muted", width: 1, dash: "1 3" },
} as const;

export type LineStyle = { className: string; width: number; dash: string | undefined };

/** A short sample of a line, for a legend beside the chart. */
export function LineSwatch({ style }: { style: LineStyle }) {
  return (
    <svg aria-hidden="true" width="28" height="10" className={`inline-block ${style.className}`}>
      <line x1="1" y1="5" x2="27" y2="5" stroke="currentColor" strokeWidth={style.width} strokeDasharray={style.dash} />
    </svg>
  );
}

interface UnitSquareChartProps {
  id: string;
  /** The chart's accessible name. */
  title: string;
  xLabel: string;
  yLabel: string;
  children: ReactNode;
}

/** The frame: grid, ticks in %, axis labels; `children` draw with plotX / plotY. */
export function UnitSquareChart({ id, title, xLabel, yLabel, children }: UnitSquareChartProps) {
  return (
    <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${id}-title`} className="w-full max-w-md" data-testid={id}>
      <title id={`${id}-title`}>{title}</title>
      <g className="text-line" stroke="currentColor" strokeWidth={0.5}>
        {TICKS.map((tick) => (
          <g key={tick}>
            <line x1={plotX(tick)} y1={plotY(0)} x2={plotX(tick)} y2={plotY(1)} />
            <line x1={plotX(0)} y1={plotY(tick)} x2={plotX(1)} y2={plotY(tick)} />
          </g>
        ))}
      </g>
      <g className="fill-ink-muted text-[10px]">
        {TICKS.map((tick) => (
          <g key={tick}>
            <text x={plotX(tick)} y={plotY(0) + 14} textAnchor="middle">{`${tick * 100} %`}</text>
            <text x={plotX(0) - 6} y={plotY(tick) + 3} textAnchor="end">{`${tick * 100} %`}</text>
          </g>
        ))}
        <text x={plotX(0.5)} y={HEIGHT - 6} textAnchor="middle" className="fill-ink">{xLabel}</text>
        <text x={12} y={plotY(0.5)} textAnchor="middle" transform={`rotate(-90 12 ${plotY(0.5)})`} className="fill-ink">{yLabel}</text>
      </g>
      {children}
    </svg>
  );
}
