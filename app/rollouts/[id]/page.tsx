import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import Link from "next/link";
import { renderVerb } from "@/app/_components/verb-page";
import { StateBadge } from "@/components/promotions/state-badge";
import { RolloutHeading } from "@/components/rollouts/rollout-heading";
import { ActionHistory } from "@/components/rollouts/action-history";
import { PlanSteps } from "@/components/rollouts/plan-steps";
import { RolloutControls } from "@/components/rollouts/rollout-controls";
import { RolloutStatusWatch } from "@/components/rollouts/rollout-status-watch";
import { StepGates } from "@/components/rollouts/step-gates";
import { TrafficSplitText } from "@/components/rollouts/traffic-split";
import { requirePageContext } from "@/lib/auth/request-context";
import { rolloutDeps } from "@/lib/rollouts/default-deps";
import { readRollout } from "@/lib/rollouts/read-rollout";
import { formatUtc } from "@/lib/ui/format";
import { actOnRolloutAction } from "../actions";
import { DraftView } from "./draft-view";
import { StepCharts } from "./step-charts";

export const metadata: Metadata = { title: "Rollout" };

export default async function RolloutPage({ params }: PageProps<"/rollouts/[id]">) {
  const { id } = await params;
  const ctx = await requirePageContext(`/rollouts/${encodeURIComponent(id)}`);
  const deps = await rolloutDeps();
  return renderVerb(
    () => readRollout(ctx, { id }, deps),
    (page) => {
      const { rollout, actions, live, liveProblem, status, drift, viewer } = page;
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
            <dd>{live ? <TrafficSplitText split={live} testId="live-traffic" /> : <span className="text-bad">{liveProblem}</span>}</dd>
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
          {drift && (
            <p role="alert" className="rounded border border-warn bg-warn-bg p-3 text-sm" data-testid="traffic-drift">
              The endpoint&apos;s traffic was changed outside Stagegate: it is <TrafficSplitText split={drift.live} />, but Stagegate last applied <TrafficSplitText split={drift.applied} />. Re-apply the plan&apos;s traffic or adopt the live one.
            </p>
          )}
          {active && (
            <section aria-labelledby="gates-heading" className="space-y-2">
              <h2 id="gates-heading" className="text-lg font-semibold">Gates of the current step</h2>
              <StepGates key={rollout.revision} id={rollout.id} initial={status} baseline={rollout.baseline} candidate={rollout.candidate} />
              <StepCharts ctx={ctx} rolloutId={rollout.id} revision={rollout.revision} />
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
            />
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
