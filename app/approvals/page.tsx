import type { Metadata } from "next";
import Link from "next/link";
import { renderVerb } from "@/app/_components/verb-page";
import { StateBadge } from "@/components/promotions/state-badge";
import { requirePageContext } from "@/lib/auth/request-context";
import { readApprovals } from "@/lib/promotions/read-approvals";
import type { PromotionRequestView } from "@/lib/promotions/request-view";
import { requestServices } from "@/lib/services/request-services";
import { formatUtc } from "@/lib/ui/format";

export const metadata: Metadata = { title: "Approvals" };

function RequestTable({ requests, caption, empty }: { requests: PromotionRequestView[]; caption: string; empty: string }) {
  if (requests.length === 0) return <p className="text-sm text-ink-muted">{empty}</p>;
  return (
    <table className="w-full border-collapse text-left text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr className="border-b border-line text-ink-muted">
          <th scope="col" className="py-2 pr-4 font-medium">Model version</th>
          <th scope="col" className="py-2 pr-4 font-medium">Target</th>
          <th scope="col" className="py-2 pr-4 font-medium">State</th>
          <th scope="col" className="py-2 pr-4 font-medium">Approvals</th>
          <th scope="col" className="py-2 pr-4 font-medium">Requested by</th>
          <th scope="col" className="py-2 pr-4 font-medium">Requested</th>
          <th scope="col" className="py-2 font-medium">Alias in MLflow</th>
        </tr>
      </thead>
      <tbody>
        {requests.map((request) => (
          <tr key={request.id} className="border-b border-line" data-request-id={request.id}>
            <th scope="row" className="py-2 pr-4 font-medium">
              <Link className="text-accent underline" href={`/approvals/${request.id}`}>
                {request.model} v{request.version}
              </Link>
            </th>
            <td className="py-2 pr-4 font-mono">{request.targetAlias}</td>
            <td className="py-2 pr-4"><StateBadge state={request.status} /></td>
            <td className="py-2 pr-4 tabular-nums">{request.approvals} / {request.quorum}</td>
            <td className="py-2 pr-4">{request.requestedBy}</td>
            <td className="py-2 pr-4"><time dateTime={request.createdAt}>{formatUtc(request.createdAt)}</time></td>
            <td className="py-2"><StateBadge state={request.apply.status} /></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default async function ApprovalsPage() {
  const ctx = await requirePageContext("/approvals");
  const services = await requestServices();
  return renderVerb(
    () => readApprovals(ctx, {}, services),
    (data) => (
      <div className="space-y-8">
        <div>
          <h1 className="text-2xl font-semibold">Approvals</h1>
          <p className="text-ink-muted">Promotion requests, their decisions and whether the approved alias reached MLflow.</p>
        </div>
        {data.canDecideAny && (
          <section aria-labelledby="yours" className="space-y-2">
            <h2 id="yours" className="text-lg font-semibold">Waiting for your decision ({data.yours.length})</h2>
            <RequestTable requests={data.yours} caption="Requests you may decide" empty="Nothing is waiting for you: every open request was made by you or already has your decision." />
          </section>
        )}
        <section aria-labelledby="open" className="space-y-2">
          <h2 id="open" className="text-lg font-semibold">{data.canDecideAny ? "Other open requests" : "Open requests"} ({data.otherOpen.length})</h2>
          <RequestTable requests={data.otherOpen} caption="Other open requests" empty="No other open requests. Request a promotion from a model version's page." />
        </section>
        <section aria-labelledby="history" className="space-y-2">
          <h2 id="history" className="text-lg font-semibold">History</h2>
          <RequestTable requests={data.history} caption="Decided and expired requests, newest first" empty="No request has been decided yet." />
        </section>
      </div>
    ),
  );
}
