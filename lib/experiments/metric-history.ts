// A metric's history shaped for a line chart and for its text alternative: points in step order,
// non-finite values as gaps, long histories thinned with min/max buckets (spikes survive), and a
// summary (first, last, min, max) computed from every point, not the thinned ones.

export interface MetricPointInput {
  step: number;
  value: number;
  timestamp: number;
}

export interface ChartPoint {
  step: number;
  /** null for NaN and ±Infinity: the line has a gap there. */
  value: number | null;
  timestamp: number;
}

export interface MetricSummary {
  count: number;
  first: number | null;
  last: number | null;
  min: number | null;
  max: number | null;
  /** Points whose value was NaN or infinite. */
  nonFinite: number;
  firstStep: number | null;
  lastStep: number | null;
}

export interface MetricSeries {
  key: string;
  points: ChartPoint[];
  summary: MetricSummary;
  /** True when `points` holds fewer points than were logged. */
  thinned: boolean;
}

export const MAX_CHART_POINTS = 800;

function summarize(points: readonly MetricPointInput[]): MetricSummary {
  const finite = points.filter((point) => Number.isFinite(point.value));
  const values = finite.map((point) => point.value);
  return {
    count: points.length,
    first: finite[0]?.value ?? null,
    last: finite.at(-1)?.value ?? null,
    min: values.length ? Math.min(...values) : null,
    max: values.length ? Math.max(...values) : null,
    nonFinite: points.length - finite.length,
    firstStep: points[0]?.step ?? null,
    lastStep: points.at(-1)?.step ?? null,
  };
}

/** Keeps the first and last point and, per bucket, its lowest and highest value, in step order. */
export function thinPoints<T extends { value: number | null }>(points: readonly T[], maxPoints: number): T[] {
  if (points.length <= maxPoints) return [...points];
  const inner = points.slice(1, -1);
  const buckets = Math.max(1, Math.floor((maxPoints - 2) / 2));
  const size = inner.length / buckets;
  const kept: T[] = [points[0]!];
  for (let bucket = 0; bucket < buckets; bucket += 1) {
    const slice = inner.slice(Math.floor(bucket * size), Math.floor((bucket + 1) * size));
    if (slice.length === 0) continue;
    let low = slice[0]!;
    let high = slice[0]!;
    for (const point of slice) {
      if (point.value !== null && (low.value === null || point.value < low.value)) low = point;
      if (point.value !== null && (high.value === null || point.value > high.value)) high = point;
    }
    const pair = slice.indexOf(low) <= slice.indexOf(high) ? [low, high] : [high, low];
    kept.push(...new Set(pair));
  }
  kept.push(points.at(-1)!);
  return kept;
}

export function shapeMetricHistory(key: string, history: readonly MetricPointInput[], maxPoints = MAX_CHART_POINTS): MetricSeries {
  const ordered = [...history].sort((a, b) => a.step - b.step || a.timestamp - b.timestamp);
  const points: ChartPoint[] = ordered.map((point) => ({
    step: point.step,
    value: Number.isFinite(point.value) ? point.value : null,
    timestamp: point.timestamp,
  }));
  const kept = thinPoints(points, maxPoints);
  return { key, points: kept, summary: summarize(ordered), thinned: kept.length < points.length };
}

/** A metric worth a chart: logged at more than one step. */
export function hasCurve(series: MetricSeries): boolean {
  return series.summary.count > 1 && series.summary.firstStep !== series.summary.lastStep;
}
