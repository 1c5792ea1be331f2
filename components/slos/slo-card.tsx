import { PanelReading } from "@/components/monitoring/panel-reading";
import type { SloView } from "@/lib/slos/read-slos";
import { formatUtc } from "@/lib/ui/format";
import { AlertWindowsTable } from "./alert-windows-table";
import { BurnDownChart } from "./burn-down-chart";
import { BurnRateChart } from "./burn-rate-chart";
import { SloAlertBadge } from "./slo-alert-badge";
import { SloBudget } from "./slo-budget";
import { BAD_EVENTS, runbookLabel, sloSource } from "./slo-format";
import { SloFormula } from "./slo-formula";

/** Where the subject is looked at: a model's monitoring page, or the rollouts an endpoint's traffic moves through. */
export function subjectHref(subject: SloView["subject"]): string {
  return subject.kind === "model" ? `/monitoring/${encodeURIComponent(subject.name)}` : "/rollouts";
}

/** The SLO's sentence with its subject (its first mention) as a link. */
function Sentence({ view }: { view: SloView }) {
  const at = view.sentence.indexOf(view.subject.name);
  if (at < 0) return <>{view.sentence}</>;
  return (
    <>
      {view.sentence.slice(0, at)}
      <a className="text-accent underline" href={subjectHref(view.subject)}>
        {view.subject.name}
      </a>
      {view.sentence.slice(at + view.subject.name.length)}
    </>
  );
}

/** The charts start at the range's "from" or the period's start, whichever is later (the verb's chartFrom), and end with the period. */
export function chartAxis(view: Pick<SloView, "period">, range: { from: string }): { from: string; to: string } {
  return { from: new Date(Math.max(Date.parse(range.from), Date.parse(view.period.from))).toISOString(), to: view.period.to };
}

interface SloCardProps {
  view: SloView;
  /** The page's range; only its start matters here (the period ends at its end). */
  range: { from: string };
  /** 2 when the cards sit under the page's h1, 3 under a section heading; the card's parts are one level below. */
  headingLevel?: 2 | 3;
  requestId?: string | null;
  /** The instant ages are measured from (tests pin it). */
  now?: string;
}

/**
 * One SLO: what it promises and about what, who owns it and its runbook, the alert state, the SLI
 * over the period and now, the budget left, the burn-rate alert table, the burn-down and burn-rate
 * charts and the formulas. The summary and the charts are separate reads: each says its own age
 * or problem. The article's id is the SLO's id, so a frozen rollout step links to `/slos#{id}`.
 */
export function SloCard({ view, range, headingLevel = 2, requestId, now }: SloCardProps) {
  const { definition } = view;
  const id = definition.id;
  const source = sloSource(definition.kind);
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const Part = headingLevel === 2 ? "h3" : "h4";
  const axis = chartAxis(view, range);
  return (
    <article id={id} aria-labelledby={`${id}-heading`} className="space-y-4 rounded-lg border border-line bg-surface p-4" data-testid="slo-card" data-slo={id}>
      <header className="space-y-1">
        <Heading id={`${id}-heading`} className="text-lg font-semibold">
          <Sentence view={view} />
        </Heading>
        <p className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-ink-muted">
          <span data-testid="slo-owner">Owner: {definition.owner}</span>
          <a className="text-accent underline" href={definition.runbook.url} data-testid="slo-runbook">
            {runbookLabel(definition.runbook.kind)}
          </a>
          {definition.kind !== "training-time" && (
            // Stagegate pages nobody: teams deploy these rules and alert from Azure Monitor itself.
            <a className="text-accent underline" href={`/api/slos/${encodeURIComponent(id)}/alert-rules`} download data-testid="slo-alert-rules">
              Azure Monitor alert rules (ARM template)
            </a>
          )}
          <span>{view.version === 0 ? "Blueprint default" : `Version ${view.version}`}</span>
          <span>
            Period: <time dateTime={view.period.from}>{formatUtc(view.period.from)}</time> to <time dateTime={view.period.to}>{formatUtc(view.period.to)}</time>
          </span>
        </p>
        <SloAlertBadge alert={view.summary.problem ? null : view.summary.value.alertState} source={source} />
      </header>
      <PanelReading reading={view.summary} source={source} requestId={requestId} now={now}>
        {(summary) => (
          <div className="space-y-4">
            <SloBudget summary={summary} definition={definition} unit={view.unit} />
            <div className="space-y-2">
              <Part className="font-medium">Burn-rate alerts</Part>
              <AlertWindowsTable alert={summary.alertState} target={definition.target} periodDays={definition.periodDays} sloId={id} />
            </div>
          </div>
        )}
      </PanelReading>
      <div className="space-y-2">
        <Part className="font-medium">Budget over the period</Part>
        <PanelReading reading={view.charts} source={source} requestId={requestId} now={now}>
          {(charts) => (
            <div className="grid gap-6 2xl:grid-cols-2">
              <BurnDownChart sloId={id} points={charts.burnDown} cellSize={charts.cellSize} axis={axis} periodFrom={view.period.from} badEvents={BAD_EVENTS[definition.kind]} />
              <BurnRateChart sloId={id} points={charts.burnRate} cellSize={charts.cellSize} axis={axis} target={definition.target} />
            </div>
          )}
        </PanelReading>
      </div>
      <div className="space-y-2">
        <Part className="font-medium">How it is computed</Part>
        <SloFormula definition={definition} kql={view.kql} />
      </div>
    </article>
  );
}
