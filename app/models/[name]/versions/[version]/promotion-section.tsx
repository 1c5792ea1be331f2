import "server-only";
import { randomUUID } from "node:crypto";
import Link from "next/link";
import { requestPromotionAction } from "@/app/approvals/actions";
import { renderVerb } from "@/app/_components/verb-page";
import { EvaluationPanel } from "@/components/promotions/evaluation-panel";
import { RequestPromotionForm } from "@/components/promotions/request-form";
import { StateBadge } from "@/components/promotions/state-badge";
import { Timeline } from "@/components/promotions/timeline";
import { requirePageContext } from "@/lib/auth/request-context";
import { readVersionPromotion } from "@/lib/promotions/read-version-promotion";
import { requestServices } from "@/lib/services/request-services";

/**
 * The version page's promotion part: policy results against the champion, the request form,
 * the version's requests and its timeline. Owned by the promotions area.
 */
export async function PromotionSection({ model, version }: { model: string; version: string }) {
  const path = `/models/${encodeURIComponent(model)}/versions/${encodeURIComponent(version)}`;
  const ctx = await requirePageContext(path);
  const services = await requestServices();
  return renderVerb(
    () => readVersionPromotion(ctx, { model, version }, services),
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
