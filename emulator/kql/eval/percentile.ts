// The percentile both the KQL evaluator and the telemetry statistics use, so that the metrics fed
// from generated rows equal what a summarize over those rows answers.

/** Nearest-rank percentile of ascending-sorted values: the value at rank ceil(p/100 × n). */
export function nearestRankPercentile(sortedAscending: ArrayLike<number>, percent: number): number | null {
  const count = sortedAscending.length;
  if (count === 0) return null;
  const rank = Math.min(count, Math.max(1, Math.ceil((percent / 100) * count)));
  return sortedAscending[rank - 1]!;
}
