import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import Link from "next/link";
import { renderVerb } from "@/app/_components/verb-page";
import { StateBadge } from "@/components/promotions/state-badge";
import { ActionHistory } from "@/components/rollouts/action-history";
import { LiveStepCharts } from "@/components/rollouts/live-step-charts";
import { PlanSteps } from "@/components/rollouts/plan-steps";
import { RolloutControls } from "@/components/rollouts/rollout-controls";
import { RolloutHeading } from "@/components/rollouts/rollout-heading";
import { RolloutStatusWatch } from "@/components/rollouts/rollout-status-watch";
import { StepGates } from "@/components/rollouts/step-gates";
import { CompletionKpiNote, StepSummaries } from "@/components/rollouts/step-summaries";
import { TrafficDriftBanner } from "@/components/rollouts/traffic-drift-banner";
import { TrafficSplitText } from "@/components/rollouts/traffic-split";
import { requirePageContext } from "@/lib/auth/request-context";
import { readRollout } from "@/lib/rollouts/read-rollout";
import { readStepSeries } from "@/lib/rollouts/read-step-series";
import { requestServices } from "@/lib/services/request-services";
import { formatUtc } from "@/lib/ui/format";
import { actOnRolloutAction } from "../actions";
import { DraftView } from "./draft-view";
import { LiveTrafficProblem } from "@/components/rollouts/live-traffic-problem";

export const metadata: Metadata = { title: "Rollout" };

export default async function RolloutPage({ params }: PageProps<"/rollouts/[id]">) {
  const { id } = await params;
  const ctx = await requirePageContext(`/rollouts/${encodeURIComponent(id)}`);
  const services = await requestServices();
  return renderVerb(
    // The step's charts are read alongside (nothing to chart for a draft or an ended rollout).
    () => Promise.all([readRollout(ctx, { id }, services), readStepSeries(ctx, { id }, services)]),
    ([page, series]) => {
      const { rollout, actions, steps, kpiJudgedInAnyStep, live, liveProblem, status, drift, viewer } = page;
      if (rollout.status === "draft" || rollout.status === "discarded") return <DraftView {...page} />;
      const active = rollout.status === "running" || rollout.status === "paused";
      return (
        <div className="space-y-6">
          <div className="space-y-1">
            <RolloutHeading rollout={rollout} stateLabel={rollout.status.replace("_", " ")} />
            <p className="text-sm text-ink-muted">
              Baseline <span className="font-mono">{rollout.baseline}</span>, candidate <span className="font-mono">{rollout.candidate}</span>, template {rollout.template}
              {rollout.autoMode ? ", auto mode on" : ""}; started by {rollout.startedBy ?? rollout.createdBy} at {formatUtc(rollout.startedAt ?? rollout.createdAt)}
              {rollout.startedBy && rollout.startedBy !== rollout.createdBy ? ` from a draft by ${rollout.createdBy}` : ""}.{" "}
              <Link className="text-accent underline" href={`/approvals/${rollout.promotionRequestId}`}>The approval</Link>
            </p>
          </div>
          <PlanSteps steps={rollout.steps} />
          <RolloutStatusWatch key={rollout.revision} id={rollout.id} initial={status} />
          <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-ink-muted">Plan&apos;s traffic</dt>
            <dd><TrafficSplitText split={rollout.desired} testId="desired-traffic" /> {rollout.applyPending ? <StateBadge state="pending" label="Being applied" /> : <StateBadge state="applied" label="Applied" />}</dd>
            <dt className="text-ink-muted">Endpoint now (ARM)</dt>
            <dd>{live ? <TrafficSplitText split={live} testId="live-traffic" /> : <LiveTrafficProblem message={liveProblem} />}</dd>
            <dt className="text-ink-muted">Step started</dt>
            <dd>{formatUtc(rollout.stepStartedAt)}; bake time {rollout.bakeSeconds} s</dd>
            {rollout.championAppliedAt && (
              <>
                <dt className="text-ink-muted">Champion</dt>
                <dd data-testid="champion-moved">v{rollout.version} since {formatUtc(rollout.championAppliedAt)}{rollout.previousChampion ? ` (was v${rollout.previousChampion})` : ""}</dd>
              </>
            )}
          </dl>
          {rollout.applyError && <p role="alert" className="rounded bg-bad-bg p-2 text-sm text-bad" data-testid="rollout-apply-error">{rollout.applyError}</p>}
          {drift && <TrafficDriftBanner drift={drift} />}
          {status.awaitingCompletionConfirmation && (
            <p role="alert" className="rounded border border-warn bg-warn-bg p-3 text-sm" data-testid="completion-confirmation">
              Auto mode stopped short of completing the rollout at {formatUtc(rollout.completionConfirmationRequestedAt!)}: every required gate passes at 100 %, but the business KPI gate
              had insufficient data in every step. An ML lead confirms by completing it; until then the candidate keeps all traffic and the champion alias stays where it is.
            </p>
          )}
          {active && rollout.autoMode && rollout.consecutiveEvaluationErrors > 0 && (
            <p role="status" className="text-sm text-ink-muted" data-testid="evaluation-errors">
              Auto mode could not evaluate the gates {rollout.consecutiveEvaluationErrors} time{rollout.consecutiveEvaluationErrors === 1 ? "" : "s"} in a row; it pauses the rollout at{" "}
              {rollout.maxConsecutiveEvaluationErrors}.
            </p>
          )}
          {active && (
            <section aria-labelledby="gates-heading" className="space-y-2">
              <h2 id="gates-heading" className="text-lg font-semibold">Gates of the current step</h2>
              <StepGates key={rollout.revision} id={rollout.id} initial={status} baseline={rollout.baseline} candidate={rollout.candidate} />
              <LiveStepCharts key={rollout.revision} id={rollout.id} revision={rollout.revision} initial={series} />
            </section>
          )}
          {active && (viewer.canOperate || viewer.canRollback) && (
            <RolloutControls
              action={actOnRolloutAction}
              rolloutId={rollout.id}
              revision={rollout.revision}
              idempotencyKey={randomUUID()}
              status={rollout.status as "running" | "paused"}
              autoMode={rollout.autoMode}
              canOperate={viewer.canOperate}
              canRollback={viewer.canRollback}
              drift={drift !== null}
              confirmsCompletion={status.awaitingCompletionConfirmation}
            />
          )}
          {!active && steps.length > 0 && (
            <section aria-labelledby="steps-heading" className="space-y-2">
              <h2 id="steps-heading" className="text-lg font-semibold">Steps</h2>
              <CompletionKpiNote rollout={rollout} steps={steps} kpiJudged={kpiJudgedInAnyStep} />
              <StepSummaries rollout={rollout} steps={steps} />
            </section>
          )}
          <section aria-labelledby="history-heading" className="space-y-2">
            <h2 id="history-heading" className="text-lg font-semibold">History</h2>
            <ActionHistory actions={actions} />
          </section>
        </div>
      );
    },
  );
}
