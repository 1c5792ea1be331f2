// SLO error budgets (DESIGN.md "Formulas"): burn rate = (bad / total) / (1 − target); budget
// remaining = 1 − bad / allowed, where allowed = (1 − target) × total over the SLO period. Pure: the
// numbers come from one KQL summarize, the rollout gate reads `remaining` (≤ 0 freezes steps).

/** The blueprint's availability SLO of an online endpoint: 99.9 % of requests succeed, over 30 days. */
export const AVAILABILITY_SLO = { target: 0.999, periodDays: 30 } as const;

export interface EventCounts {
  /** Events in the window (requests, counted with sum(ItemCount)). */
  total: number;
  /** Events that broke the SLO (failed requests). */
  bad: number;
}

export interface ErrorBudget extends EventCounts {
  target: number;
  /** Bad events the period may hold before the budget is spent: (1 − target) × total. */
  allowedBad: number;
  /** 1 = untouched, 0 = spent, below 0 = overspent. 1 when there were no events. */
  remaining: number;
  /** The budget left in events: allowedBad − bad (negative when overspent). */
  remainingEvents: number;
  /** How fast the budget burns relative to its sustainable pace; null without events. */
  burnRate: number | null;
}

function checkTarget(target: number): void {
  if (!(target > 0 && target < 1)) throw new RangeError(`An SLO target must be between 0 and 1 (exclusive), not ${target}.`);
}

function check(counts: EventCounts, target: number): void {
  checkTarget(target);
  const { total, bad } = counts;
  if (!Number.isFinite(total) || !Number.isFinite(bad) || total < 0 || bad < 0) throw new RangeError("Event counts must be finite and not negative.");
  if (bad > total) throw new RangeError(`Bad events (${bad}) cannot outnumber all events (${total}).`);
}

export function burnRate(counts: EventCounts, target: number): number | null {
  check(counts, target);
  if (counts.total === 0) return null;
  return counts.bad / counts.total / (1 - target);
}

/** The budget over the SLO period, from the period's counts. */
export function errorBudget(counts: EventCounts, target: number): ErrorBudget {
  check(counts, target);
  const allowedBad = (1 - target) * counts.total;
  return {
    total: counts.total,
    bad: counts.bad,
    target,
    allowedBad,
    // No traffic consumed nothing; with traffic, allowedBad > 0 because target < 1.
    remaining: counts.total === 0 ? 1 : 1 - counts.bad / allowedBad,
    remainingEvents: allowedBad - counts.bad,
    burnRate: burnRate(counts, target),
  };
}

/**
 * The budget left in minutes, for a time-based SLI whose events are probes taken every
 * `minutesPerEvent` minutes (freshness): each probe stands for that many minutes of one table, so
 * with several tables these are table-minutes (two tables stale for 10 minutes spend 20).
 */
export function remainingMinutes(budget: Pick<ErrorBudget, "remainingEvents">, minutesPerEvent: number): number {
  if (!(Number.isFinite(minutesPerEvent) && minutesPerEvent > 0)) throw new RangeError(`Minutes per probe must be a positive number, not ${minutesPerEvent}.`);
  return budget.remainingEvents * minutesPerEvent;
}

/** Events as the queries count them: good ones and all. */
export interface GoodCounts {
  good: number;
  total: number;
}

/** One cell of a series over the SLO period (an hour, a day), as the query counted it. */
export interface BudgetCell extends GoodCounts {
  /** ISO time the cell starts. */
  start: string;
}

export interface BurnDownPoint {
  /** ISO time the cell starts; the value holds at the cell's end. */
  start: string;
  /** Share of the whole period's budget left after this cell: 1 − cumulative bad / period's allowed bad. */
  remaining: number;
  /** The same in events: period's allowed bad − cumulative bad. */
  remainingEvents: number;
  /** Where the budget would stand had it burned at exactly 1× so far: 1 − cumulative total / period total. */
  ideal: number;
}

export interface BurnRatePoint {
  start: string;
  /** The cell's own burn rate; null for a cell without events. */
  burnRate: number | null;
}

/** Good/total counts as total/bad, refusing counts that cannot be; `where` names them in the message. */
export function badEvents(counts: GoodCounts, where: string): EventCounts {
  if (!(Number.isFinite(counts.total) && counts.good >= 0 && counts.good <= counts.total)) {
    throw new RangeError(`Good events (${counts.good}) must be between 0 and all events (${counts.total}), both finite, ${where}.`);
  }
  return { total: counts.total, bad: counts.total - counts.good };
}

const badOf = (cell: BudgetCell) => badEvents(cell, `in the cell starting ${cell.start}`);

/**
 * The budget burning down over the period, one point per cell (cells in time order, covering the
 * period). The allowance is the whole period's, so the line only falls, and its last point is
 * `errorBudget` of the period's counts; `ideal` is the straight burn a 1× rate would draw.
 */
export function burnDown(cells: readonly BudgetCell[], target: number): BurnDownPoint[] {
  checkTarget(target);
  const counts = cells.map(badOf);
  const periodTotal = counts.reduce((sum, cell) => sum + cell.total, 0);
  const allowedBad = (1 - target) * periodTotal;
  let cumulativeBad = 0;
  let cumulativeTotal = 0;
  return cells.map((cell, index) => {
    const { total, bad } = counts[index]!;
    cumulativeBad += bad;
    cumulativeTotal += total;
    return {
      start: cell.start,
      remaining: periodTotal === 0 ? 1 : 1 - cumulativeBad / allowedBad,
      remainingEvents: allowedBad - cumulativeBad,
      ideal: periodTotal === 0 ? 1 : 1 - cumulativeTotal / periodTotal,
    };
  });
}

/** Each cell's own burn rate, for the burn-rate chart. */
export function burnRateSeries(cells: readonly BudgetCell[], target: number): BurnRatePoint[] {
  checkTarget(target);
  return cells.map((cell) => ({ start: cell.start, burnRate: burnRate(badOf(cell), target) }));
}
