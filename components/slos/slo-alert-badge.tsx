import type { ReactNode } from "react";
import type { AlertState } from "@/lib/domain/slo/burn-rate-alerts";

export const TONE = {
  ok: "bg-ok-bg text-ok",
  bad: "bg-bad-bg text-bad",
  warn: "bg-warn-bg text-warn",
  neutral: "bg-surface-raised text-ink border border-line",
} as const;

/** A word on a coloured ground; the word carries the meaning, the colour only repeats it. */
export function ToneBadge({ tone, children }: { tone: keyof typeof TONE; children: ReactNode }) {
  return <span className={`inline-block whitespace-nowrap rounded px-2 py-0.5 text-xs font-semibold ${TONE[tone]}`}>{children}</span>;
}

/**
 * The SLO's alert state in one word, the badge's `data-state`:
 * - "page" / "ticket": the most severe firing row's severity (pages before tickets);
 * - "ok": every row that can fire at this target was judged, and none fires;
 * - "partial": none fires, but some rows could not be judged (absent data or too little traffic);
 * - "not-enough-traffic": no row could be judged, some for too little traffic;
 * - "absent": no row could be judged because no data arrived for its windows;
 * - "unknown": the counts were not read (the upstream did not answer; the card says why).
 * Rows whose factor can never fire at the target ("impossible") are left out of the judgement.
 */
export type OverallAlertState = "page" | "ticket" | "ok" | "partial" | "not-enough-traffic" | "absent" | "unknown";

export function overallAlertState(alert: AlertState): Exclude<OverallAlertState, "unknown"> {
  if (alert.severity) return alert.severity;
  const possible = alert.rows.filter((result) => result.state !== "impossible");
  const judged = possible.filter((result) => result.state === "ok");
  if (judged.length === possible.length) return "ok";
  if (judged.length > 0) return "partial";
  return possible.every((result) => result.state === "absent") ? "absent" : "not-enough-traffic";
}

const BADGES: Record<OverallAlertState, { text: string; tone: keyof typeof TONE }> = {
  page: { text: "Page", tone: "bad" },
  ticket: { text: "Ticket", tone: "warn" },
  ok: { text: "No alert", tone: "ok" },
  partial: { text: "No alert, partly judged", tone: "neutral" },
  "not-enough-traffic": { text: "Too little traffic", tone: "neutral" },
  absent: { text: "No data", tone: "warn" },
  unknown: { text: "Unknown", tone: "neutral" },
};

function detail(state: OverallAlertState, alert: AlertState | null, source: string): string {
  const possible = alert?.rows.filter((result) => result.state !== "impossible") ?? [];
  const unjudged = possible.filter((result) => result.state !== "ok").length;
  switch (state) {
    case "page":
    case "ticket":
      return alert!.firing!.reason;
    case "ok":
      return "No burn-rate alert is firing.";
    case "partial":
      return `No burn-rate alert is firing; ${unjudged} of ${possible.length} rows could not be judged (see the alert windows).`;
    case "not-enough-traffic":
      return "Too few events in the alert windows to judge any burn.";
    case "absent":
      return "No data arrived for the alert windows: the alerts cannot be judged.";
    case "unknown":
      return `The alert state is unknown: ${source} did not answer.`;
  }
}

/** The overall alert state as a badge and a sentence; `alert` null when the counts could not be read. */
export function SloAlertBadge({ alert, source }: { alert: AlertState | null; source: string }) {
  const state = alert ? overallAlertState(alert) : "unknown";
  const badge = BADGES[state];
  return (
    <p className="flex flex-wrap items-baseline gap-2 text-sm" data-testid="slo-alert" data-state={state}>
      <ToneBadge tone={badge.tone}>{badge.text}</ToneBadge>
      <span>{detail(state, alert, source)}</span>
    </p>
  );
}
