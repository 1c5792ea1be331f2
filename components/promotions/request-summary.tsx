import Link from "next/link";
import type { PromotionRequestView } from "@/lib/promotions/request-view";
import { formatUtc } from "@/lib/ui/format";
import { StateBadge } from "./state-badge";

/** A request's facts: who asked for what, its state, approvals against quorum. */
export function RequestSummary({ request, headingLevel = 2 }: { request: PromotionRequestView; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <div className="space-y-2" data-testid="request-summary">
      <Heading className="text-base font-semibold">
        <Link className="text-accent underline" href={`/models/${encodeURIComponent(request.model)}/versions/${request.version}`}>
          {request.model} v{request.version}
        </Link>{" "}
        to <span className="font-mono">{request.targetAlias}</span> <StateBadge state={request.status} />
      </Heading>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-ink-muted">Requested by</dt>
        <dd>
          {request.requestedBy} at <time dateTime={request.createdAt}>{formatUtc(request.createdAt)}</time>
        </dd>
        <dt className="text-ink-muted">Rationale</dt>
        <dd className="whitespace-pre-wrap">{request.rationale}</dd>
        <dt className="text-ink-muted">Approvals</dt>
        <dd data-testid="approval-count">
          {request.approvals} of {request.quorum} needed
        </dd>
        <dt className="text-ink-muted">{request.status === "pending" ? "Expires" : "Decided"}</dt>
        <dd>
          <time dateTime={request.status === "pending" ? request.expiresAt : (request.decidedAt ?? request.expiresAt)}>
            {formatUtc(request.status === "pending" ? request.expiresAt : (request.decidedAt ?? request.expiresAt))}
          </time>
        </dd>
        <dt className="text-ink-muted">Policy version</dt>
        <dd>{request.policyVersion} at request time</dd>
      </dl>
    </div>
  );
}
