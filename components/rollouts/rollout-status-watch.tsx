"use client";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import type { RolloutStatus } from "@/lib/rollouts/read-rollout";
import { formatUtc } from "@/lib/ui/format";
import { useRolloutStatus } from "./use-rollout-status";

/**
 * Says whether the plan's traffic reached the endpoint and re-renders the page when something
 * changed in the background (a step applied, auto mode acting, another lead's action).
 */
export function RolloutStatusWatch({ id, initial }: { id: string; initial: RolloutStatus }) {
  const router = useRouter();
  const query = useRolloutStatus(id, initial);
  const key = (status: RolloutStatus) => `${status.revision}:${status.applyPending}:${status.applyError}:${status.awaitingCompletionConfirmation}`;
  const seen = useRef(key(initial));
  const current = key(query.data);
  useEffect(() => {
    if (current !== seen.current) {
      seen.current = current;
      router.refresh();
    }
  }, [current, router]);
  return (
    <p className="text-xs text-ink-muted" aria-live="polite" data-testid="rollout-status-watch">
      {query.data.applyPending ? "Applying the plan's traffic to the endpoint…" : "The plan's traffic was applied to the endpoint."} Checked {formatUtc(query.data.checkedAt)}
      {query.isError ? " (could not refresh; retrying)" : ""}.
    </p>
  );
}
