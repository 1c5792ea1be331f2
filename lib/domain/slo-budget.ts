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
  /** How fast the budget burns relative to its sustainable pace; null without events. */
  burnRate: number | null;
}

function check(counts: EventCounts, target: number): void {
  if (!(target > 0 && target < 1)) throw new RangeError(`An SLO target must be between 0 and 1 (exclusive), not ${target}.`);
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
    burnRate: burnRate(counts, target),
  };
}
