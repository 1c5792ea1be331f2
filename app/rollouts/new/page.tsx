import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import { renderVerb } from "@/app/_components/verb-page";
import { AsOf } from "@/components/feedback/as-of";
import { UpstreamProblemPanel } from "@/components/feedback/upstream-problem-panel";
import { StartRolloutForm } from "@/components/rollouts/start-rollout-form";
import { requirePageContext } from "@/lib/auth/request-context";
import { readRolloutChoices } from "@/lib/rollouts/read-rollout-choices";
import { requestServices } from "@/lib/services/request-services";
import { planRolloutAction } from "../actions";

export const metadata: Metadata = { title: "Plan a rollout" };

export default async function NewRolloutPage({ searchParams }: PageProps<"/rollouts/new">) {
  const raw = (await searchParams).request;
  const requestId = typeof raw === "string" ? raw : "";
  const ctx = await requirePageContext(`/rollouts/new?request=${encodeURIComponent(requestId)}`);
  const services = await requestServices();
  return renderVerb(
    () => readRolloutChoices(ctx, { promotionRequestId: requestId }, services),
    (choices) => (
      <div className="space-y-4">
        <div>
          <h1 className="text-2xl font-semibold">{choices.canStart ? "Start a rollout" : "Draft a rollout"}</h1>
          <p className="text-ink-muted">
            Shadow traffic first, then growing shares of live traffic; each step bakes and is gated on latency, errors and the business KPI against the baseline.
          </p>
          {choices.fleetAsOf && <AsOf source="Azure Resource Manager" asOf={choices.fleetAsOf} staleBecause={choices.fleetStaleBecause ?? undefined} />}
        </div>
        {/* Without the endpoints there is nothing to plan on: the same panel as the rollouts page's. */}
        {choices.fleetProblem ? (
          <UpstreamProblemPanel problem={choices.fleetProblem} requestId={services.requestId} />
        ) : (
          <StartRolloutForm action={planRolloutAction} choices={choices} idempotencyKey={randomUUID()} />
        )}
      </div>
    ),
  );
}
