"use client";
import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";

interface RolloutStatus {
  status: string;
  revision: number;
  applyPending: boolean;
  applyError: string | null;
  checkedAt: string;
}

async function fetchStatus(id: string): Promise<RolloutStatus> {
  const response = await fetch(`/api/rollouts/${id}/status`, { cache: "no-store" });
  if (!response.ok) throw new Error(`status ${response.status}`);
  return (await response.json()) as RolloutStatus;
}

/**
 * Polls the rollout every 5 s while the tab is visible and re-renders the page when something
 * changed in the background (a step applied, auto mode acting, another lead's action).
 */
export function RolloutStatusWatch({ id, initial }: { id: string; initial: RolloutStatus }) {
  const router = useRouter();
  // Keyed by the revision the server rendered: after an action the page's fresh state is shown at once.
  const query = useQuery({ queryKey: ["rollout-status", id, initial.revision], queryFn: () => fetchStatus(id), initialData: initial, refetchInterval: initial.status === "running" || initial.status === "paused" ? 5000 : false });
  const seen = useRef(`${initial.revision}:${initial.applyPending}:${initial.applyError}`);
  const current = `${query.data.revision}:${query.data.applyPending}:${query.data.applyError}`;
  useEffect(() => {
    if (current !== seen.current) {
      seen.current = current;
      router.refresh();
    }
  }, [current, router]);
  return (
    <p className="text-xs text-ink-muted" aria-live="polite" data-testid="rollout-status-watch">
      {query.data.applyPending ? "Applying the plan's traffic to the endpoint…" : "The endpoint has the plan's traffic."} Checked {query.data.checkedAt.replace("T", " ").slice(0, 19)} UTC
      {query.isError ? " (could not refresh; retrying)" : ""}.
    </p>
  );
}
