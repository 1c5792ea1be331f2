// The canary gate judge (DESIGN.md step 5): compares the candidate deployment with the baseline
// over one step's window, from numbers the engines already summarized. Pure: the step view, the
// advance verb and the automatic evaluator give the same verdict from the same numbers.

/** One arm's summary over the window (KQL `summarize` output). */
export interface ArmStats {
  /** Requests counted with sum(ItemCount). */
  requests: number;
  /** p95 of DurationMs, null when there were no requests. */
  p95Ms: number | null;
  /**
   * Telemetry rows the p95 was taken over. Under sampling each row stands for ItemCount requests,
   * so 500 requests may be 25 rows, and a p95 of a handful of rows is just their slowest.
   */
  latencySamples: number;
  /** Failed requests (sum of ItemCount where Success == false). */
  failures: number;
  /** The business KPI as a proportion: conversions out of scored outcomes (null when not measured). */
  kpi: { successes: number; trials: number } | null;
}

export interface GateThresholds {
  /** p95 may be at most max(latencyFloorMs, baseline p95 × latencyRatio). */
  latencyFloorMs: number;
  latencyRatio: number;
  /** Error rate may exceed the baseline's by at most this many percentage points. */
  errorRateMarginPp: number;
  /** The KPI's relative change must be at least this (−0.02 = −2 %), judged on its confidence interval. */
  kpiMinRelativeDelta: number;
  /** Two-sided confidence of the KPI interval, e.g. 0.95. */
  kpiConfidence: number;
  /** Each arm needs this many requests before any gate is judged. */
  minRequestsPerArm: number;
  /** …and this many sampled rows before its p95 is judged (the p95 of 20 rows is their 19th). */
  minLatencySamplesPerArm: number;
  /** …and this many KPI outcomes before the KPI gate is judged. */
  minKpiTrialsPerArm: number;
  /**
   * Whether a step waits for enough KPI outcomes. Labels arrive days after predictions, so by
   * default a KPI interval decisively below the limit fails a step, but missing KPI data does not
   * hold it back.
   */
  kpiRequired: boolean;
}

export const DEFAULT_THRESHOLDS: GateThresholds = {
  latencyFloorMs: 120,
  latencyRatio: 1.1,
  errorRateMarginPp: 0.5,
  kpiMinRelativeDelta: -0.02,
  kpiConfidence: 0.95,
  minRequestsPerArm: 500,
  minLatencySamplesPerArm: 20,
  minKpiTrialsPerArm: 200,
  kpiRequired: false,
};

export type GateName = "sample" | "latency" | "errors" | "kpi";
/**
 * unknown: the numbers a gate needs are older than their refresh interval or could not be read, so
 * nothing can be said about the candidate; unlike insufficient-data (too few requests or outcomes
 * so far) it never lets a step pass, whatever the template requires.
 */
export type GateStatus = "pass" | "fail" | "insufficient-data" | "unknown";

export interface GateResult {
  gate: GateName;
  status: GateStatus;
  candidate: number | null;
  baseline: number | null;
  /** The limit the candidate was held to. */
  limit: number | null;
  /** For the KPI: the confidence interval of the relative change. */
  interval?: [number, number];
  /** Whether this gate must pass for the step to pass (a KPI without data may not block). */
  blocking: boolean;
  explanation: string;
}

export interface StepJudgement {
  gates: GateResult[];
  /**
   * pass: every blocking gate passes; fail: a gate fails (on current numbers); unknown: nothing
   * failed, but a gate's numbers or the error budget are out of date or unreadable;
   * insufficient-data: nothing failed but something could not be judged yet.
   */
  verdict: GateStatus;
  /** The endpoint's availability error budget is exhausted: no step may advance (rollback still may). */
  frozen: boolean;
  freezeReason: string | null;
  /** The id of the SLO whose exhausted budget froze the step, for a link to it; null when not frozen or the blueprint's default. */
  freezeSlo?: string | null;
  /** Why the verdict is unknown (out-of-date or unreadable numbers, an unknown budget); empty otherwise. */
  unknownBecause: string[];
}

/** How current one source's numbers are. */
export interface SourceFreshness {
  /** How long ago they were read (ms), or null when they could not be read at all. */
  ageMs: number | null;
  /** Their refresh interval: older numbers no longer describe the step. */
  maxAgeMs: number;
  /** Why they could not be read or refreshed (the upstream's error), when it failed. */
  problem?: string | null;
}

/** The sources a judgement reads; one omitted is current. */
export interface JudgedFreshness {
  /** Requests, failures and p95 per arm (the sample, latency and error gates). */
  requests?: SourceFreshness;
  /** KPI outcomes per arm. */
  kpi?: SourceFreshness;
  /** The endpoint's availability error budget. */
  budget?: SourceFreshness;
}

const round = (value: number, digits = 4) => Number(value.toFixed(digits));
const percent = (rate: number) => `${round(rate * 100, 2)} %`;
const duration = (ms: number) => (ms < 120_000 ? `${Math.round(ms / 1000)} s` : `${round(ms / 60_000, 1)} min`);

/** Why a source's numbers may not be judged on (unreadable, or older than their refresh interval), or null when they may. */
export function staleness(what: string, freshness: SourceFreshness | undefined): string | null {
  if (!freshness) return null;
  const because = freshness.problem ? ` (${freshness.problem.replace(/\.$/, "")})` : "";
  if (freshness.ageMs === null) return `The ${what} could not be read${because}.`;
  if (freshness.ageMs <= freshness.maxAgeMs) return null;
  return `The ${what} are ${duration(freshness.ageMs)} old, older than their ${duration(freshness.maxAgeMs)} refresh interval${because}.`;
}

/** Inverse of the standard normal CDF (Acklam's approximation, |error| < 1.2e-9). */
export function normalQuantile(p: number): number {
  if (p <= 0 || p >= 1) throw new RangeError("p must be in (0, 1)");
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
}

function sampleGate(baseline: ArmStats, candidate: ArmStats, t: GateThresholds): GateResult {
  const least = Math.min(baseline.requests, candidate.requests);
  const enough = least >= t.minRequestsPerArm;
  return {
    blocking: true,
    gate: "sample",
    status: enough ? "pass" : "insufficient-data",
    candidate: candidate.requests,
    baseline: baseline.requests,
    limit: t.minRequestsPerArm,
    explanation: enough
      ? `Both arms have at least ${t.minRequestsPerArm} requests (candidate ${candidate.requests}, baseline ${baseline.requests}).`
      : `Needs ${t.minRequestsPerArm} requests per arm; candidate has ${candidate.requests}, baseline ${baseline.requests}.`,
  };
}

function latencyGate(baseline: ArmStats, candidate: ArmStats, t: GateThresholds): GateResult {
  if (candidate.p95Ms === null || baseline.p95Ms === null) {
    return { blocking: true, gate: "latency", status: "insufficient-data", candidate: candidate.p95Ms, baseline: baseline.p95Ms, limit: null, explanation: "No latency measured for an arm yet." };
  }
  const limit = round(Math.max(t.latencyFloorMs, baseline.p95Ms * t.latencyRatio), 2);
  const measured = { blocking: true, gate: "latency", candidate: round(candidate.p95Ms, 2), baseline: round(baseline.p95Ms, 2), limit } as const;
  const fewest = Math.min(candidate.latencySamples, baseline.latencySamples);
  if (fewest < t.minLatencySamplesPerArm) {
    return {
      ...measured,
      status: "insufficient-data",
      explanation: `Candidate p95 ${round(candidate.p95Ms, 1)} ms against limit ${limit} ms, but a p95 needs ${t.minLatencySamplesPerArm} sampled rows per arm; candidate has ${candidate.latencySamples}, baseline ${baseline.latencySamples}.`,
    };
  }
  const passes = candidate.p95Ms <= limit;
  return {
    ...measured,
    status: passes ? "pass" : "fail",
    explanation: `Candidate p95 ${round(candidate.p95Ms, 1)} ms ${passes ? "≤" : ">"} limit ${limit} ms (max of ${t.latencyFloorMs} ms and baseline ${round(baseline.p95Ms, 1)} ms × ${t.latencyRatio}; over ${candidate.latencySamples} candidate and ${baseline.latencySamples} baseline sampled rows).`,
  };
}

function errorGate(baseline: ArmStats, candidate: ArmStats, t: GateThresholds): GateResult {
  if (candidate.requests === 0 || baseline.requests === 0) {
    return { blocking: true, gate: "errors", status: "insufficient-data", candidate: null, baseline: null, limit: null, explanation: "No requests on an arm yet." };
  }
  const candidateRate = candidate.failures / candidate.requests;
  const baselineRate = baseline.failures / baseline.requests;
  const limit = baselineRate + t.errorRateMarginPp / 100;
  const passes = candidateRate <= limit + 1e-12;
  return {
    blocking: true,
    gate: "errors",
    status: passes ? "pass" : "fail",
    candidate: round(candidateRate, 6),
    baseline: round(baselineRate, 6),
    limit: round(limit, 6),
    explanation: `Candidate error rate ${percent(candidateRate)} ${passes ? "≤" : ">"} limit ${percent(limit)} (baseline ${percent(baselineRate)} + ${t.errorRateMarginPp} pp).`,
  };
}

/** Relative change of the candidate's KPI rate, with a log rate-ratio confidence interval. */
function kpiGate(baseline: ArmStats, candidate: ArmStats, t: GateThresholds): GateResult {
  const b = baseline.kpi;
  const c = candidate.kpi;
  if (!b || !c || b.trials < t.minKpiTrialsPerArm || c.trials < t.minKpiTrialsPerArm || b.successes === 0 || c.successes === 0) {
    return {
      blocking: t.kpiRequired,
      gate: "kpi",
      status: "insufficient-data",
      candidate: c && c.trials > 0 ? round(c.successes / c.trials, 6) : null,
      baseline: b && b.trials > 0 ? round(b.successes / b.trials, 6) : null,
      limit: t.kpiMinRelativeDelta,
      explanation: `Needs ${t.minKpiTrialsPerArm} KPI outcomes with at least one success per arm; candidate has ${c?.trials ?? 0}, baseline ${b?.trials ?? 0}.`,
    };
  }
  const pc = c.successes / c.trials;
  const pb = b.successes / b.trials;
  const logRatio = Math.log(pc / pb);
  const se = Math.sqrt((1 - pc) / c.successes + (1 - pb) / b.successes);
  const z = normalQuantile(1 - (1 - t.kpiConfidence) / 2);
  const interval: [number, number] = [round(Math.exp(logRatio - z * se) - 1), round(Math.exp(logRatio + z * se) - 1)];
  const delta = round(pc / pb - 1);
  const status: Exclude<GateStatus, "unknown"> = interval[0] >= t.kpiMinRelativeDelta ? "pass" : interval[1] < t.kpiMinRelativeDelta ? "fail" : "insufficient-data";
  const ci = `${round(t.kpiConfidence * 100, 1)} % CI ${percent(interval[0])} to ${percent(interval[1])}`;
  const verdicts = { pass: "stays above", fail: "falls below", "insufficient-data": "may still fall below" } as const;
  return {
    blocking: t.kpiRequired || status === "fail",
    gate: "kpi",
    status,
    candidate: round(pc, 6),
    baseline: round(pb, 6),
    limit: t.kpiMinRelativeDelta,
    interval,
    explanation: `KPI change ${percent(delta)} (${ci}) ${verdicts[status]} ${percent(t.kpiMinRelativeDelta)}.`,
  };
}

/** A gate that cannot be judged on the numbers it has: kept with those numbers, never passing, always blocking. */
const unknownGate = (gate: GateResult, why: string): GateResult => ({ ...gate, status: "unknown", blocking: true, explanation: `${gate.explanation} Not judged: ${why}` });

function sloName(slo: { id: string | null; target: number } | undefined): string {
  if (!slo) return "The endpoint's availability SLO";
  const target = `${Number((slo.target * 100).toFixed(3))} %`;
  return slo.id ? `The endpoint's availability SLO ${slo.id} (${target})` : `The endpoint's availability SLO (the blueprint's ${target})`;
}

/**
 * Judges one step. Without the minimum sample every other gate reads insufficient-data: small
 * samples neither pass nor fail a candidate. budgetRemaining is the endpoint's availability error
 * budget left (1 = untouched, ≤ 0 = exhausted), or null when it could not be read. Numbers older
 * than their refresh interval (or unreadable) and an unknown budget make the verdict unknown: a
 * step never passes on what Stagegate does not know now.
 */
export function judgeStep(input: {
  baseline: ArmStats;
  candidate: ArmStats;
  thresholds?: GateThresholds;
  budgetRemaining: number | null;
  /** The availability SLO the budget belongs to (null id: the blueprint's default). */
  budgetSlo?: { id: string | null; target: number };
  freshness?: JudgedFreshness;
}): StepJudgement {
  const t = input.thresholds ?? DEFAULT_THRESHOLDS;
  const requestsStale = staleness("request numbers", input.freshness?.requests);
  const kpiStale = staleness("KPI outcomes", input.freshness?.kpi);
  const measured = (gate: GateResult, stale: string | null) => (stale ? unknownGate(gate, stale) : gate);
  const sample = measured(sampleGate(input.baseline, input.candidate, t), requestsStale);
  const judged = [
    measured(latencyGate(input.baseline, input.candidate, t), requestsStale),
    measured(errorGate(input.baseline, input.candidate, t), requestsStale),
    measured(kpiGate(input.baseline, input.candidate, t), kpiStale),
  ];
  // Unknown whether the sample suffices: nothing else can be judged either.
  const others =
    sample.status === "pass"
      ? judged
      : judged.map((gate) =>
          gate.status === "unknown"
            ? gate
            : sample.status === "unknown"
              ? unknownGate(gate, "whether each arm has enough requests is unknown.")
              : { ...gate, status: "insufficient-data" as const, explanation: `${gate.explanation} Not judged yet: too few requests.` },
        );
  const gates = [sample, ...others];
  const budgetUnknown =
    input.budgetRemaining === null
      ? staleness("availability error budget numbers", { maxAgeMs: 0, problem: input.freshness?.budget?.problem, ageMs: null })
      : staleness("availability error budget numbers", input.freshness?.budget);
  const unknownBecause = [requestsStale, kpiStale, budgetUnknown && `${budgetUnknown} An SLO freeze cannot be ruled out.`].filter((reason): reason is string => Boolean(reason));
  const verdict: GateStatus = gates.some((gate) => gate.status === "fail")
    ? "fail"
    : unknownBecause.length > 0 || gates.some((gate) => gate.status === "unknown")
      ? "unknown"
      : gates.every((gate) => gate.status === "pass" || !gate.blocking)
        ? "pass"
        : "insufficient-data";
  const frozen = input.budgetRemaining !== null && input.budgetRemaining <= 0;
  return {
    gates,
    verdict,
    frozen,
    freezeReason: frozen ? `${sloName(input.budgetSlo)} has spent its error budget (${percent(input.budgetRemaining!)} left): no step advances until it recovers; rollback is still allowed.` : null,
    freezeSlo: frozen ? (input.budgetSlo?.id ?? null) : null,
    unknownBecause,
  };
}
