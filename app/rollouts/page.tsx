import type { Metadata } from "next";
import Link from "next/link";
import { renderVerb } from "@/app/_components/verb-page";
import { AsOf } from "@/components/feedback/as-of";
import { UpstreamProblemPanel } from "@/components/feedback/upstream-problem-panel";
import { StateBadge } from "@/components/promotions/state-badge";
import { EndpointFleetTable } from "@/components/rollouts/endpoint-fleet-table";
import { requirePageContext } from "@/lib/auth/request-context";
import { readRolloutsOverview } from "@/lib/rollouts/read-rollouts-overview";
import type { RolloutView } from "@/lib/rollouts/rollout-view";
import { requestServices } from "@/lib/services/request-services";
import { formatUtc } from "@/lib/ui/format";
import { LiveEndpointStats } from "./live-endpoint-stats";

export const metadata: Metadata = { title: "Rollouts" };

function RolloutList({ rollouts, empty, testId }: { rollouts: RolloutView[]; empty: string; testId?: string }) {
  if (rollouts.length === 0) return <p className="text-sm text-ink-muted">{empty}</p>;
  return (
    <ul className="space-y-1 text-sm" data-testid={testId}>
      {rollouts.map((rollout) => (
        <li key={rollout.id}>
          <Link className="text-accent underline" href={`/rollouts/${rollout.id}`}>
            {rollout.model} v{rollout.version} on {rollout.endpoint}
          </Link>{" "}
          {rollout.startedAt ? (
            <>
              <StateBadge state={rollout.status} label={rollout.status.replace("_", " ")} /> step {rollout.currentStep + 1} of {rollout.steps.length}, started {formatUtc(rollout.startedAt)} by {rollout.startedBy}
            </>
          ) : (
            <>
              <StateBadge state={rollout.status} label={rollout.status === "draft" ? "draft" : "discarded draft"} /> {rollout.steps.length} steps, template {rollout.template}, drafted {formatUtc(rollout.createdAt)} by {rollout.createdBy}
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

export default async function RolloutsPage() {
  const ctx = await requirePageContext("/rollouts");
  const services = await requestServices();
  return renderVerb(
    () => readRolloutsOverview(ctx, {}, services),
    (data) => (
      <div className="space-y-8">
        <div>
          <h1 className="text-2xl font-semibold">Rollouts</h1>
          <p className="text-ink-muted">The workspace&apos;s online endpoints, what each deployment serves and receives, and canary rollouts in progress.</p>
        </div>
        <section aria-labelledby="active-heading" className="space-y-2">
          <h2 id="active-heading" className="text-lg font-semibold">In progress</h2>
          <RolloutList rollouts={data.active} empty="No rollout is in progress." />
        </section>
        <section aria-labelledby="drafts-heading" className="space-y-2">
          <h2 id="drafts-heading" className="text-lg font-semibold">Drafts</h2>
          <p className="text-sm text-ink-muted">Rollout plans drafted for an ML lead to start; nothing changes on an endpoint until then.</p>
          <RolloutList rollouts={data.drafts} empty="No draft is waiting." testId="rollout-drafts" />
        </section>
        {data.readyToRoll.length > 0 && (
          <section aria-labelledby="ready-heading" className="space-y-2">
            <h2 id="ready-heading" className="text-lg font-semibold">Approved, ready to roll out</h2>
            <ul className="space-y-1 text-sm">
              {data.readyToRoll.map((request) => (
                <li key={request.id} data-testid="ready-to-roll">
                  {request.model} v{request.version}:{" "}
                  <Link className="text-accent underline" href={`/rollouts/new?request=${request.id}`}>
                    plan a rollout of {request.model} v{request.version}
                  </Link>
                  {request.drafts.length > 0 && (
                    <span className="text-ink-muted">
                      {" "}
                      (drafted:{" "}
                      {request.drafts.map((draft, index) => (
                        <span key={draft.id}>
                          {index > 0 && "; "}
                          <Link className="text-accent underline" href={`/rollouts/${draft.id}`}>
                            draft on {draft.endpoint} by {draft.by}
                          </Link>{" "}
                          at {formatUtc(draft.at)}
                        </span>
                      ))}
                      {data.canStart ? "; start it from its page" : "; an ML lead starts it"})
                    </span>
                  )}
                </li>
              ))}
            </ul>
          </section>
        )}
        <section aria-labelledby="endpoints-heading" className="space-y-2">
          <h2 id="endpoints-heading" className="text-lg font-semibold">Endpoints</h2>
          {data.fleetProblem ? (
            <UpstreamProblemPanel problem={data.fleetProblem} requestId={services.requestId} />
          ) : (
            <>
              <AsOf source="Azure Resource Manager" asOf={data.fleetAsOf!} staleBecause={data.fleetStaleBecause ?? undefined} />
              {data.endpoints.map((fleet) => (
                <div key={fleet.endpoint.name} className="space-y-2">
                  <EndpointFleetTable fleet={fleet} />
                  <LiveEndpointStats endpoint={fleet.endpoint.name} initial={fleet.live.value} initialProblem={fleet.live.problem} />
                </div>
              ))}
            </>
          )}
        </section>
        <section aria-labelledby="recent-heading" className="space-y-2">
          <h2 id="recent-heading" className="text-lg font-semibold">Finished</h2>
          <RolloutList rollouts={data.recent} empty="No rollout has finished yet." />
        </section>
      </div>
    ),
  );
}
