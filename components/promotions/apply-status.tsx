"use client";
import { useQuery } from "@tanstack/react-query";
import { APPLY_STATUS_POLL_MS } from "@/lib/promotions/apply-status-poll";
import type { PromotionRequestView } from "@/lib/promotions/request-view";
import { fetchJson } from "@/lib/ui/fetch-json";
import { formatUtc } from "@/lib/ui/format";
import { StateBadge } from "./state-badge";

type ApplyState = { status: PromotionRequestView["status"]; apply: PromotionRequestView["apply"]; checkedAt: string };

/** Whether the approval reached MLflow: polled every APPLY_STATUS_POLL_MS (3 s) while it is on its way, paused in hidden tabs. */
export function ApplyStatus({ requestId, alias, initial }: { requestId: string; alias: string; initial: ApplyState }) {
  const query = useQuery({
    queryKey: ["apply-status", requestId],
    queryFn: () => fetchJson<ApplyState>(`/api/approvals/${requestId}/status`),
    initialData: initial,
    refetchInterval: (current) => (current.state.data?.apply.status === "pending" ? APPLY_STATUS_POLL_MS : false),
  });
  const { apply, checkedAt } = query.data;
  return (
    <div className="space-y-1 text-sm" data-testid="apply-status" data-apply-status={apply.status} aria-live="polite">
      <p>
        Alias <span className="font-mono">{alias}</span> in MLflow: <StateBadge state={apply.status} label={apply.status === "pending" ? "Pending (applying)" : undefined} />
        {apply.appliedAt && (
          <>
            {" "}
            at <time dateTime={apply.appliedAt}>{formatUtc(apply.appliedAt)}</time>
          </>
        )}
      </p>
      {apply.error && apply.status !== "applied" && (
        <p className="text-bad" data-testid="apply-error">
          Last attempt{apply.attempts > 0 ? ` (${apply.attempts})` : ""} failed: {apply.error}
          {apply.nextAttemptAt && <> Stagegate tries again at {formatUtc(apply.nextAttemptAt)}; nothing is lost meanwhile.</>}
        </p>
      )}
      <p className="text-xs text-ink-muted">
        Checked <time dateTime={checkedAt}>{formatUtc(checkedAt)}</time>
        {query.isError && " (could not refresh; retrying)"}
      </p>
    </div>
  );
}
