import "server-only";
import { randomUUID } from "node:crypto";
import Link from "next/link";
import { requestPromotionAction } from "@/app/approvals/actions";
import { renderVerb } from "@/app/_components/verb-page";
import { EvaluationPanel } from "@/components/promotions/evaluation-panel";
import { RequestPromotionForm } from "@/components/promotions/request-form";
import { StateBadge } from "@/components/promotions/state-badge";
import { Timeline } from "@/components/promotions/timeline";
import type { VersionPromotion } from "@/lib/promotions/read-version-promotion";

/**
 * The version page's promotion part: policy results against the champion, the request form,
 * the version's requests and its timeline. Owned by the promotions area. The page starts the read
 * (readVersionPromotion) beside the lineage's, so the two wait on MLflow together.
 */
export async function PromotionSection({ model, version, promotion }: { model: string; version: string; promotion: Promise<VersionPromotion> }) {
  return renderVerb(
    () => promotion,
    (data) => (
      <section aria-labelledby="promotion-heading" className="space-y-6">
        <h2 id="promotion-heading" className="text-lg font-semibold">
          Promotion policy
        </h2>
        <EvaluationPanel evaluation={data.evaluation} />
        {data.openRequest ? (
          <p className="text-sm" data-testid="open-request">
            An open request to make v{version} {data.openRequest.targetAlias} is waiting ({data.openRequest.approvals} of {data.openRequest.quorum} approvals):{" "}
            <Link className="text-accent underline" href={`/approvals/${data.openRequest.id}`}>
              open it
            </Link>
            .
          </p>
        ) : data.canRequest ? (
          <RequestPromotionForm
            action={requestPromotionAction}
            model={model}
            version={version}
            idempotencyKey={randomUUID()}
            policyPassing={data.evaluation.ok ? data.evaluation.evaluation.passed : null}
          />
        ) : null}
        {data.requests.length > 0 && (
          <div className="space-y-2">
            <h3 className="font-semibold">Requests for this version</h3>
            <ul className="space-y-1 text-sm">
              {data.requests.map((request) => (
                <li key={request.id}>
                  <Link className="text-accent underline" href={`/approvals/${request.id}`}>
                    to {request.targetAlias} by {request.requestedBy}
                  </Link>{" "}
                  <StateBadge state={request.status} /> {request.status === "approved" && <StateBadge state={request.apply.status} />}
                </li>
              ))}
            </ul>
          </div>
        )}
        <div className="space-y-2">
          <h3 className="font-semibold">Timeline</h3>
          <Timeline items={data.timeline} />
        </div>
      </section>
    ),
  );
}
