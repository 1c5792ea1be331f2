import { formatUtc } from "@/lib/ui/format";

// The SLO charts' shared frame, the monitoring charts' proportions: a 564 × 140 plot in a 620-wide
// viewBox, the value axis on the left, the time axis' ends written below.
export const FRAME = { left: 44, top: 18, width: 620, plotWidth: 564, plotHeight: 140 } as const;
export const FRAME_HEIGHT = FRAME.top + FRAME.plotHeight + 30;

/** One decimal of a viewBox unit is finer than a pixel, and keeps the markup (and the tests) readable. */
export const round = (value: number) => Math.round(value * 10) / 10;

export interface TimeAxis {
  /** The chart's start: the range's "from" or the SLO period's start, whichever is later. */
  from: string;
  /** The SLO period's end (the range's "to"). */
  to: string;
}

/** Horizontal position of an instant (plus an offset, e.g. to a cell's middle or end), clamped to the plot. */
export function timeScale(axis: TimeAxis): (iso: string, offsetMs?: number) => number {
  const from = Date.parse(axis.from);
  const span = Math.max(1, Date.parse(axis.to) - from);
  return (iso, offsetMs = 0) => round(FRAME.left + Math.min(1, Math.max(0, (Date.parse(iso) + offsetMs - from) / span)) * FRAME.plotWidth);
}

/** The time axis' two ends, under the plot. */
export function TimeAxisEnds({ axis }: { axis: TimeAxis }) {
  return (
    <g className="fill-ink-muted text-[10px]">
      <text x={FRAME.left} y={FRAME_HEIGHT - 8}>{formatUtc(axis.from)}</text>
      <text x={FRAME.left + FRAME.plotWidth} y={FRAME_HEIGHT - 8} textAnchor="end">{formatUtc(axis.to)}</text>
    </g>
  );
}

/** A small triangle at (x, y) pointing up or down: a value beyond the axis, drawn at its edge. */
export function OffScaleMark({ x, y, direction }: { x: number; y: number; direction: "up" | "down" }) {
  const tip = direction === "up" ? y - 6 : y + 6;
  return <polygon points={`${round(x - 4)},${y} ${round(x + 4)},${y} ${round(x)},${round(tip)}`} className="fill-bad" data-testid="off-scale" />;
}
