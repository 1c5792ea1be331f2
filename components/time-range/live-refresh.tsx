"use client";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { formatUtc } from "@/lib/ui/format";

/** After the server's next refresh instant, so the new query window has been cut. */
const SETTLE_MS = 2_000;

/**
 * Re-renders a page whose time range ends now when the server's next refresh instant passes (the
 * server holds a live range's end still between refreshes, so polling sooner would fetch the same
 * page). A hidden tab refreshes when it is shown again; a person can pause it, as in Grafana.
 */
export function LiveRefresh({ refreshAt }: { refreshAt: string }) {
  const router = useRouter();
  const [paused, setPaused] = useState(false);
  // The refresh instant whose time has passed, and the one already acted on.
  const [passed, setPassed] = useState<string | null>(null);
  const refreshed = useRef<string | null>(null);

  useEffect(() => {
    const timer = setTimeout(() => setPassed(refreshAt), Math.max(0, Date.parse(refreshAt) + SETTLE_MS - Date.now()));
    return () => clearTimeout(timer);
  }, [refreshAt]);

  useEffect(() => {
    if (passed !== refreshAt || paused) return;
    const refreshIfVisible = () => {
      if (document.visibilityState !== "visible" || refreshed.current === refreshAt) return;
      refreshed.current = refreshAt;
      router.refresh();
    };
    refreshIfVisible();
    document.addEventListener("visibilitychange", refreshIfVisible);
    return () => document.removeEventListener("visibilitychange", refreshIfVisible);
  }, [passed, refreshAt, paused, router]);

  return (
    <span className="inline-flex flex-wrap items-center gap-2" data-testid="live-refresh">
      <span>{paused ? "Live refresh paused." : `Live: refreshes at ${formatUtc(refreshAt)}.`}</span>
      <button type="button" aria-pressed={paused} onClick={() => setPaused((value) => !value)} className="rounded border border-line px-2 py-0.5 text-xs text-accent hover:bg-surface-raised">
        {paused ? "Resume live refresh" : "Pause live refresh"}
      </button>
    </span>
  );
}
