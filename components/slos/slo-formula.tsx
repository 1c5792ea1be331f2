import { FRESHNESS_PROBE_MINUTES } from "@/lib/slos/slo-summary";
import { formatTarget, type SloDefinition } from "@/lib/domain/slo/definitions";

/** What counts as a valid and a good event for the SLO, in words. */
export function eventRules(definition: SloDefinition): { valid: string; good: string } {
  switch (definition.kind) {
    case "latency":
      return { valid: "live requests that succeeded (a failure counts against availability, not latency)", good: `those answered within ${definition.thresholdMs} ms` };
    case "availability":
      return { valid: "every live request", good: "those that succeeded" };
    case "freshness":
      return { valid: `every freshness probe of a feature table ${definition.model} reads`, good: `those finding the table refreshed less than ${definition.thresholdMinutes} minutes before` };
    case "training-time":
      return { valid: "training runs that finished, or have already run longer than the threshold, by their start", good: `those that finished within ${definition.thresholdHours} h` };
  }
}

/** How the events were counted, and from where. */
export function countingNote(definition: SloDefinition): string {
  switch (definition.kind) {
    case "latency":
    case "availability":
      return "Events are counted with sum(ItemCount), since Application Insights samples requests; mirrored (shadow) traffic is excluded: it reached no customer.";
    case "freshness":
      return `Each probe (one per feature table every ${FRESHNESS_PROBE_MINUTES} minutes) is one event and stands for ${FRESHNESS_PROBE_MINUTES} table-minutes, which is how the budget reads in minutes.`;
    case "training-time":
      return `Runs come from MLflow's experiment ${definition.experiment} (one runs search); no KQL is sent.`;
  }
}

const FORMULA_ROW = "grid gap-1 sm:grid-cols-[11rem_1fr]";

/** A query as sent, in a scrolling block keyboard users can reach; its region's name carries the SLO's id, unique on the page. */
function QueryText({ label, sloId, text }: { label: string; sloId: string; text: string }) {
  return (
    <div className="space-y-1">
      <p className="font-medium">{label}</p>
      <pre tabIndex={0} role="region" aria-label={`${label} (${sloId})`} className="max-h-72 overflow-auto rounded bg-surface-raised p-3 text-xs">
        <code>{text.trim()}</code>
      </pre>
    </div>
  );
}

interface SloFormulaProps {
  definition: SloDefinition;
  /** The KQL as sent; null for training time, which MLflow answers. */
  kql: { windows: string; series: string } | null;
}

/** The formulas with this SLO's target in them, what a good and a valid event are, and the queries sent. */
export function SloFormula({ definition, kql }: SloFormulaProps) {
  const target = formatTarget(definition.target);
  const budget = formatTarget(1 - definition.target);
  const rules = eventRules(definition);
  return (
    <div className="space-y-2 text-sm" data-testid="slo-formula">
      <dl className="space-y-1">
        <div className={FORMULA_ROW}>
          <dt className="font-medium">SLI</dt>
          <dd>
            good ÷ valid events; valid: {rules.valid}; good: {rules.good}.
          </dd>
        </div>
        <div className={FORMULA_ROW}>
          <dt className="font-medium">Error budget</dt>
          <dd>
            1 − target = 1 − {target} = {budget} of valid events may be bad over {definition.periodDays} days.
          </dd>
        </div>
        <div className={FORMULA_ROW}>
          <dt className="font-medium">Burn rate</dt>
          <dd>(1 − SLI) ÷ (1 − target): 1× spends the budget exactly over the {definition.periodDays} days; 14.4× spends it 14.4 times as fast.</dd>
        </div>
        <div className={FORMULA_ROW}>
          <dt className="font-medium">Budget remaining</dt>
          <dd>1 − bad ÷ ((1 − target) × valid): 100 % untouched, 0 % spent, below 0 % overspent.</dd>
        </div>
      </dl>
      <p className="text-ink-muted" data-testid="counting-note">
        {countingNote(definition)}
      </p>
      {kql && (
        <details>
          <summary className="cursor-pointer text-accent underline">KQL sent to Log Analytics</summary>
          <div className="mt-2 space-y-2">
            <QueryText label="Alert windows and the period, in one pass" sloId={definition.id} text={kql.windows} />
            <QueryText label="Per cell, for the charts" sloId={definition.id} text={kql.series} />
          </div>
        </details>
      )}
    </div>
  );
}
