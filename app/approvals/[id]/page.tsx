import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import { renderVerb } from "@/app/_components/verb-page";
import { AppliedAliasBanner } from "@/components/promotions/applied-alias-banner";
import { ApplyStatus } from "@/components/promotions/apply-status";
import { DecisionForm } from "@/components/promotions/decision-form";
import { DecisionList } from "@/components/promotions/decision-list";
import { EvaluationPanel } from "@/components/promotions/evaluation-panel";
import { RequestSummary } from "@/components/promotions/request-summary";
import { requirePageContext } from "@/lib/auth/request-context";
import { APPROVAL_ALIAS } from "@/lib/promotions/decide-promotion";
import { readPromotionRequest } from "@/lib/promotions/read-promotion-request";
import { requestServices } from "@/lib/services/request-services";
import { decidePromotionAction } from "../actions";

export const metadata: Metadata = { title: "Promotion request" };

export default async function PromotionRequestPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const ctx = await requirePageContext(`/approvals/${encodeURIComponent(id)}`);
  const services = await requestServices();
  return renderVerb(
    () => readPromotionRequest(ctx, { id }, services),
    ({ request, evaluation, aliasCheck, evidence }) => (
      <div className="space-y-8">
        <div>
          <p className="text-sm text-ink-muted">Promotion request</p>
          <h1 className="text-2xl font-semibold">
            {request.model} v{request.version}
          </h1>
        </div>
        <RequestSummary request={request} />
        {request.status === "approved" && (
          <ApplyStatus requestId={request.id} alias={APPROVAL_ALIAS} initial={{ status: request.status, apply: request.apply, checkedAt: new Date().toISOString() }} />
        )}
        <AppliedAliasBanner model={request.model} check={aliasCheck} />
        <section aria-labelledby="policy-heading" className="space-y-2">
          <h2 id="policy-heading" className="text-lg font-semibold">Promotion policy</h2>
          <EvaluationPanel evaluation={evaluation} />
        </section>
        {request.viewer.canDecide ? (
          <DecisionForm
            action={decidePromotionAction}
            requestId={request.id}
            idempotencyKey={randomUUID()}
            failingRules={evaluation.ok ? evaluation.evaluation.failing.map((result) => result.rule.metric) : []}
          />
        ) : (
          <p className="text-sm text-ink-muted" data-testid="cannot-decide">{request.viewer.whyNot}</p>
        )}
        <section aria-labelledby="decisions-heading" className="space-y-2">
          <h2 id="decisions-heading" className="text-lg font-semibold">Decisions</h2>
          <DecisionList decisions={request.decisions} />
        </section>
        {evidence.length > 0 && (
          <section aria-labelledby="evidence-heading" className="space-y-2">
            <h2 id="evidence-heading" className="text-lg font-semibold">Evidence snapshots</h2>
            {evidence.map((item) => (
              <details key={item.decisionId} className="rounded border border-line p-3">
                <summary className="cursor-pointer text-sm font-medium">Evidence of decision {item.decisionId}</summary>
                <pre className="mt-2 max-h-96 overflow-auto text-xs" data-testid="evidence-json">{JSON.stringify(item.evidence, null, 2)}</pre>
              </details>
            ))}
          </section>
        )}
      </div>
    ),
  );
}
