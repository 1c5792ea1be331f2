"use client";
import { useQuery } from "@tanstack/react-query";
import type { RolloutStatus } from "@/lib/rollouts/read-rollout";
import { fetchJson } from "@/lib/ui/fetch-json";

/** How often the step view asks; gates behind it are cached per 15 s, so most polls cost no query. */
export const ROLLOUT_STATUS_POLL_MS = 5000;

/**
 * The rollout's status as the server rendered it, then polled while the tab is visible. Keyed by
 * the rendered revision, so after an action the page's fresh state shows at once; every component
 * of one page shares the one query.
 */
export function useRolloutStatus(id: string, initial: RolloutStatus) {
  const active = initial.status === "running" || initial.status === "paused";
  return useQuery({
    queryKey: ["rollout-status", id, initial.revision],
    queryFn: () => fetchJson<RolloutStatus>(`/api/rollouts/${id}/status`),
    initialData: initial,
    refetchInterval: active ? ROLLOUT_STATUS_POLL_MS : false,
    refetchIntervalInBackground: false,
  });
}
