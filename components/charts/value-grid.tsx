/**
 * A chart's horizontal grid lines with their labels at the left edge, in SVG units: the one way the
 * server-rendered insight charts draw their value axis.
 */
export function ValueGrid({ ticks, y, left, width, label }: { ticks: readonly number[]; y: (value: number) => number; left: number; width: number; label: (value: number) => string }) {
  return (
    <>
      <g className="text-line" stroke="currentColor" strokeWidth={0.5}>
        {ticks.map((tick) => (
          <line key={tick} x1={left} y1={y(tick)} x2={left + width} y2={y(tick)} />
        ))}
      </g>
      <g className="fill-ink-muted text-[10px]">
        {ticks.map((tick) => (
          <text key={tick} x={left - 6} y={y(tick) + 3} textAnchor="end">
            {label(tick)}
          </text>
        ))}
      </g>
    </>
  );
}
