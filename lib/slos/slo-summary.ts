// What the SLO page shows of one SLO, from its counted events: the SLI over the period and now, the
// error budget, the alert table's state, and the burn-down and burn-rate series. Pure: the counts come
// from one KQL summarize (or from MLflow's runs), the formulas from lib/domain/slo.
import { alertState, type AlertState, type WindowCounts } from "@/lib/domain/slo/burn-rate-alerts";
import type { SloDefinition } from "@/lib/domain/slo/definitions";
import { burnDown, burnRateSeries, errorBudget, remainingMinutes, type BudgetCell, type BurnDownPoint, type BurnRatePoint, type ErrorBudget } from "@/lib/domain/slo/error-budget";
import type { CellSize } from "@/lib/domain/time-range";
import { COUNTED_SPANS, type CountedSpan } from "./slo.kql";

/** Events of one span: every one seen, the valid ones (the SLI's denominator) and the good ones. */
export interface SpanCounts {
  seen: number;
  total: number;
  good: number;
}

/** Each alert window's counts and the whole period's. */
export type SpansCounts = Record<CountedSpan, SpanCounts>;

/** One cell of the period, as counted. */
export interface CountedCell extends SpanCounts {
  start: Date;
}

/** The SLI of a span: absent when nothing was seen (telemetry missing), or no valid event to judge. */
export type Sli = { state: "absent"; reason: string } | { state: "no-valid-events"; reason: string; seen: number } | { state: "measured"; good: number; total: number; ratio: number };

export type EventUnit = "requests" | "probes" | "runs";

/** The unit an SLO counts in: AppRequests' requests, freshness probes (one per table every 5 minutes), MLflow runs. */
export const EVENT_UNIT: Record<SloDefinition["kind"], EventUnit> = { latency: "requests", availability: "requests", freshness: "probes", "training-time": "runs" };

/** The freshness probe runs every 5 minutes (telemetry contract): a probe stands for 5 table-minutes. */
export const FRESHNESS_PROBE_MINUTES = 5;

export interface SloSummary {
  sli: { period: Sli; now: Sli };
  /** Over the period; null when the period holds no valid event (absent telemetry is not an untouched budget). */
  errorBudget: ErrorBudget | null;
  /** The budget left: a share, in events, and for freshness in table-minutes. */
  remaining: { share: number; events: number; unit: EventUnit; minutes: number | null } | null;
  alertState: AlertState;
}

export interface SloCharts {
  cellSize: CellSize;
  /** Cells from the chart's start; the allowance is the whole period's. */
  burnDown: BurnDownPoint[];
  /** Null where a cell has no valid event. */
  burnRate: BurnRatePoint[];
}

/** How a kind reads "seen nothing": telemetry that did not arrive, or (MLflow runs) simply no run. */
export interface CountingRules {
  /** True when an empty window means the data is absent (telemetry), false when it is a real zero (MLflow answered). */
  emptyIsAbsent: boolean;
  /** The events named in messages: "live requests", "freshness probes", "training runs". */
  events: string;
}

function sliOf(counts: SpanCounts, over: string, rules: CountingRules): Sli {
  if (counts.seen === 0) return rules.emptyIsAbsent ? { state: "absent", reason: `No ${rules.events} arrived ${over}.` } : { state: "no-valid-events", reason: `No ${rules.events} ${over}.`, seen: 0 };
  if (counts.total === 0) return { state: "no-valid-events", reason: `${counts.seen} ${rules.events} ${over}, none of them valid for this SLO.`, seen: counts.seen };
  return { state: "measured", good: counts.good, total: counts.total, ratio: counts.good / counts.total };
}

/** The alert table's windows; a window that saw nothing is left out when that means absent data. */
export function windowCountsOf(spans: SpansCounts, rules: CountingRules): WindowCounts {
  const counts: WindowCounts = {};
  for (const span of COUNTED_SPANS) {
    if (span === "Period") continue;
    const { seen, total, good } = spans[span];
    counts[span] = seen === 0 && rules.emptyIsAbsent ? null : { total, good };
  }
  return counts;
}

export function sloSummary(definition: SloDefinition, spans: SpansCounts, rules: CountingRules): SloSummary {
  const period = spans.Period;
  const budget = period.total > 0 ? errorBudget({ total: period.total, bad: period.total - period.good }, definition.target) : null;
  const unit = EVENT_UNIT[definition.kind];
  return {
    sli: { period: sliOf(period, `in the last ${definition.periodDays} days`, rules), now: sliOf(spans["1h"], "in the last hour", rules) },
    errorBudget: budget,
    remaining: budget
      ? { share: budget.remaining, events: budget.remainingEvents, unit, minutes: definition.kind === "freshness" ? remainingMinutes(budget, FRESHNESS_PROBE_MINUTES) : null }
      : null,
    alertState: alertState(definition.target, windowCountsOf(spans, rules)),
  };
}

/**
 * The burn-down over every cell of the period (a cell without rows counts no events), shown from
 * `chartFrom` on; the burn rate per shown cell. With nothing valid in the whole period both are empty.
 */
export function sloCharts(definition: SloDefinition, cells: readonly CountedCell[], cellStarts: readonly Date[], cellSize: CellSize, chartFrom: Date): SloCharts {
  const byStart = new Map(cells.map((cell) => [cell.start.getTime(), cell]));
  const budgetCells: BudgetCell[] = cellStarts.map((start) => {
    const cell = byStart.get(start.getTime());
    return { start: start.toISOString(), good: cell?.good ?? 0, total: cell?.total ?? 0 };
  });
  if (budgetCells.every((cell) => cell.total === 0)) return { cellSize, burnDown: [], burnRate: [] };
  // A cell is shown when it ends after the chart's start.
  const shown = (point: { start: string }) => Date.parse(point.start) + cellSize.ms > chartFrom.getTime();
  return {
    cellSize,
    burnDown: burnDown(budgetCells, definition.target).filter(shown),
    burnRate: burnRateSeries(budgetCells.filter(shown), definition.target),
  };
}
