import { formatMinutes, formatShare } from "@/components/monitoring/monitoring-format";
import { formatTarget, type SloDefinition } from "@/lib/domain/slo/definitions";
import type { EventUnit, Sli, SloSummary } from "@/lib/slos/slo-summary";
import { ToneBadge } from "./slo-alert-badge";
import { BAD_EVENTS, formatEvents, formatSli } from "./slo-format";

/** One SLI: the ratio with its counts against the target, or why there is none; absent data never reads as 0 %. */
export function SliValue({ sli, target, unit }: { sli: Sli; target: number; unit: string }) {
  if (sli.state === "absent") {
    return (
      <span className="flex flex-wrap items-baseline gap-2" data-sli-state="absent">
        <ToneBadge tone="warn">Absent</ToneBadge>
        <span>No data arrived: {sli.reason}</span>
      </span>
    );
  }
  if (sli.state === "no-valid-events") {
    return (
      <span className="flex flex-wrap items-baseline gap-2" data-sli-state="no-valid-events">
        <ToneBadge tone="neutral">No valid events</ToneBadge>
        <span>{sli.reason}</span>
      </span>
    );
  }
  const meets = sli.ratio >= target;
  return (
    <span className="flex flex-wrap items-baseline gap-2" data-sli-state="measured">
      <span className="text-lg font-semibold tabular-nums" data-testid="sli-ratio">
        {formatSli(sli.ratio)}
      </span>
      <span className="text-ink-muted">
        ({formatEvents(sli.good)} good of {formatEvents(sli.total)} valid {unit})
      </span>
      <ToneBadge tone={meets ? "ok" : "bad"}>{meets ? "Meets" : "Below"} the {formatTarget(target)} target</ToneBadge>
    </span>
  );
}

const BAR_WIDTH = 160;

/** The budget left as a bar, clamped to [0, 100 %]; the text beside it carries the figure, so the bar is hidden from screen readers. */
export function BudgetBar({ share }: { share: number }) {
  const filled = Math.round(Math.min(1, Math.max(0, share)) * BAR_WIDTH);
  const tone = share > 0.25 ? "fill-ok" : share > 0 ? "fill-warn" : "fill-bad";
  return (
    <svg aria-hidden="true" width={BAR_WIDTH} height={10} viewBox={`0 0 ${BAR_WIDTH} 10`} className="block" data-testid="budget-bar">
      <rect x={0.5} y={0.5} width={BAR_WIDTH - 1} height={9} rx={2} className={share > 0 ? "fill-surface-raised text-line" : "fill-bad-bg text-bad"} stroke="currentColor" />
      {filled > 0 && <rect x={0.5} y={0.5} width={filled - 1} height={9} rx={2} className={tone} data-filled={filled} />}
    </svg>
  );
}

function budgetSentences(summary: SloSummary, definition: SloDefinition): string[] {
  const budget = summary.errorBudget!;
  const remaining = summary.remaining!;
  const bad = BAD_EVENTS[definition.kind];
  const allowed = `${formatEvents(budget.allowedBad)} ${bad} allowed (${formatTarget(1 - definition.target)} of ${formatEvents(budget.total)} valid ${remaining.unit})`;
  const sentences = [
    remaining.events >= 0
      ? `${formatEvents(remaining.events)} ${bad} left of the ${allowed}; ${formatEvents(budget.bad)} spent.`
      : `${formatEvents(-remaining.events)} ${bad} over the ${allowed}; ${formatEvents(budget.bad)} spent.`,
  ];
  if (remaining.minutes !== null) {
    sentences.push(remaining.minutes >= 0 ? `${formatMinutes(remaining.minutes)} of stale table-time left.` : `${formatMinutes(-remaining.minutes)} of stale table-time over the budget.`);
  }
  return sentences;
}

const TERM = "font-medium";

/** The SLI over the period and over the last hour, and the error budget left as a share, in events and (freshness) in minutes. */
export function SloBudget({ summary, definition, unit }: { summary: SloSummary; definition: SloDefinition; unit: EventUnit }) {
  return (
    <dl className="grid gap-x-6 gap-y-3 text-sm md:grid-cols-[12rem_1fr]" data-testid="slo-budget">
      <dt className={TERM}>SLI over {definition.periodDays} days</dt>
      <dd data-testid="sli-period">
        <SliValue sli={summary.sli.period} target={definition.target} unit={unit} />
      </dd>
      <dt className={TERM}>SLI over the last hour</dt>
      <dd data-testid="sli-now">
        <SliValue sli={summary.sli.now} target={definition.target} unit={unit} />
      </dd>
      <dt className={TERM}>Error budget left</dt>
      <dd data-testid="budget-remaining" className="space-y-1">
        {summary.errorBudget && summary.remaining ? (
          <>
            <p className="flex flex-wrap items-center gap-3">
              <BudgetBar share={summary.remaining.share} />
              <span className="font-semibold tabular-nums" data-testid="budget-share">
                {summary.remaining.share >= 0 ? `${formatShare(summary.remaining.share)} left` : `Overspent by ${formatShare(-summary.remaining.share)}`}
              </span>
            </p>
            {budgetSentences(summary, definition).map((sentence) => (
              <p key={sentence} className="text-ink-muted">
                {sentence}
              </p>
            ))}
          </>
        ) : (
          <p className="text-ink-muted">
            No budget to show: {summary.sli.period.state === "measured" ? "no valid events in the period." : summary.sli.period.reason}
          </p>
        )}
      </dd>
    </dl>
  );
}
