import { randomUUID } from "node:crypto";
import Link from "next/link";
import { RolloutHeading } from "@/components/rollouts/rollout-heading";
import { ActionHistory } from "@/components/rollouts/action-history";
import { DraftControls } from "@/components/rollouts/draft-controls";
import { PlanSteps } from "@/components/rollouts/plan-steps";
import { TrafficSplitText } from "@/components/rollouts/traffic-split";
import type { readRollout } from "@/lib/rollouts/read-rollout";
import { formatUtc } from "@/lib/ui/format";
import { decideDraftAction } from "../actions";
import { LiveTrafficProblem } from "@/components/rollouts/live-traffic-problem";

type RolloutPage = Awaited<ReturnType<typeof readRollout>>;

/** A draft (or a discarded one): the plan as drafted, the endpoint now, and the lead's and drafter's decision. */
export function DraftView({ rollout, actions, live, liveProblem, endpointBusyWith, viewer }: RolloutPage) {
  const draft = rollout.status === "draft";
  const discard = actions.find((action) => action.action === "discard");
  const steps = rollout.steps.map((step) => ({ ...step, state: "next" as const }));
  const busy = endpointBusyWith ? `${rollout.endpoint} has a rollout in progress (${endpointBusyWith.model} v${endpointBusyWith.version}, ${endpointBusyWith.status}); this draft can start once it has ended.` : null;
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <RolloutHeading rollout={rollout} stateLabel={draft ? "draft" : "discarded draft"} />
        <p className="text-sm text-ink-muted" data-testid="draft-summary">
          Baseline <span className="font-mono">{rollout.baseline}</span>, candidate <span className="font-mono">{rollout.candidate}</span>, template {rollout.template}
          {rollout.autoMode ? ", auto mode on" : ""}; drafted by {rollout.createdBy} at {formatUtc(rollout.createdAt)}
          {discard ? `; discarded by ${discard.actor} at ${formatUtc(discard.at)}` : ""}.{" "}
          <Link className="text-accent underline" href={`/approvals/${rollout.promotionRequestId}`}>The approval</Link>
        </p>
      </div>
      <section aria-labelledby="plan-heading" className="space-y-2">
        <h2 id="plan-heading" className="text-lg font-semibold">The plan</h2>
        <PlanSteps steps={steps} />
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="text-ink-muted">Step one&apos;s traffic</dt>
          <dd><TrafficSplitText split={rollout.desired} testId="desired-traffic" /></dd>
          <dt className="text-ink-muted">Endpoint now (ARM)</dt>
          <dd>{live ? <TrafficSplitText split={live} testId="live-traffic" /> : <LiveTrafficProblem message={liveProblem} />}</dd>
          <dt className="text-ink-muted">Bake time</dt>
          <dd>{rollout.bakeSeconds} s per step</dd>
        </dl>
        {draft && <p className="text-sm text-ink-muted">Nothing changes on the endpoint until an ML lead starts this draft.</p>}
      </section>
      {draft && busy && !viewer.canOperate && <p role="status" className="rounded border border-warn bg-warn-bg p-2 text-sm">{busy}</p>}
      {draft && (viewer.canOperate || viewer.canDiscardDraft) && (
        <DraftControls
          action={decideDraftAction}
          rolloutId={rollout.id}
          revision={rollout.revision}
          idempotencyKey={randomUUID()}
          canStart={viewer.canOperate}
          canDiscard={viewer.canDiscardDraft}
          startBlockedBecause={busy}
        />
      )}
      <section aria-labelledby="history-heading" className="space-y-2">
        <h2 id="history-heading" className="text-lg font-semibold">History</h2>
        <ActionHistory actions={actions} />
      </section>
    </div>
  );
}
