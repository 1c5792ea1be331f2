// A model version side by side with the champion: how each metric both logged moved, and which
// params differ. Pure, so the version page and its tests share one answer.

export interface MetricDelta {
  key: string;
  version: number;
  champion: number;
  /** version − champion; NaN when either value is not finite. */
  delta: number;
}

export interface ParamDifference {
  key: string;
  /** Null when the version did not log the param. */
  version: string | null;
  /** Null when the champion did not log the param. */
  champion: string | null;
}

export interface VersionComparison {
  metrics: MetricDelta[];
  /** Metrics only one side logged, so people see what could not be compared. */
  metricsOnlyInVersion: string[];
  metricsOnlyInChampion: string[];
  params: ParamDifference[];
  /** Params both logged with the same value. */
  sameParamCount: number;
}

interface RunNumbers {
  metrics: Readonly<Record<string, number>>;
  params: readonly { key: string; value: string }[];
}

const byKey = (a: { key: string }, b: { key: string }) => a.key.localeCompare(b.key);

export function compareWithChampion(version: RunNumbers, champion: RunNumbers): VersionComparison {
  const metrics: MetricDelta[] = [];
  for (const [key, value] of Object.entries(version.metrics)) {
    if (!Object.hasOwn(champion.metrics, key)) continue;
    const championValue = champion.metrics[key]!;
    const delta = Number.isFinite(value) && Number.isFinite(championValue) ? Number((value - championValue).toFixed(12)) : Number.NaN;
    metrics.push({ key, version: value, champion: championValue, delta });
  }
  const onlyIn = (left: RunNumbers, right: RunNumbers) => Object.keys(left.metrics).filter((key) => !Object.hasOwn(right.metrics, key)).sort();

  const versionParams = new Map(version.params.map((param) => [param.key, param.value]));
  const championParams = new Map(champion.params.map((param) => [param.key, param.value]));
  const params: ParamDifference[] = [];
  let sameParamCount = 0;
  for (const key of new Set([...versionParams.keys(), ...championParams.keys()])) {
    const mine = versionParams.get(key) ?? null;
    const theirs = championParams.get(key) ?? null;
    if (mine === theirs) sameParamCount += 1;
    else params.push({ key, version: mine, champion: theirs });
  }
  return {
    metrics: metrics.sort(byKey),
    metricsOnlyInVersion: onlyIn(version, champion),
    metricsOnlyInChampion: onlyIn(champion, version),
    params: params.sort(byKey),
    sameParamCount,
  };
}

export type MetricDirection = "higher" | "lower";

/** Which way is better for each metric a policy rule bounds (">=" / ">" prefer higher values). */
export function metricDirections(rules: readonly { metric: string; comparison: string }[]): Record<string, MetricDirection> {
  const directions: Record<string, MetricDirection> = {};
  for (const rule of rules) directions[rule.metric] ??= rule.comparison.startsWith(">") ? "higher" : "lower";
  return directions;
}

/** Whether a change is an improvement, a regression, or neither, given the metric's direction. */
export function judgeDelta(delta: number, direction: MetricDirection | undefined): "better" | "worse" | "same" | "unknown" {
  if (!Number.isFinite(delta) || direction === undefined) return "unknown";
  if (delta === 0) return "same";
  return (delta > 0) === (direction === "higher") ? "better" : "worse";
}
