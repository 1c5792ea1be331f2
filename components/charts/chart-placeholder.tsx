/**
 * What a chart's place shows until the charting library has loaded (it is not part of the page's
 * first-load JavaScript): the plot's own height, so nothing below it moves, and a sentence for
 * screen readers. The figure's caption, summary and values table are already there.
 */
export function ChartPlaceholder({ height }: { height: number }) {
  return (
    <div role="status" style={{ height }} className="flex items-center justify-center rounded bg-surface-raised text-xs text-ink-muted" data-testid="chart-loading">
      Loading the chart…
    </div>
  );
}
