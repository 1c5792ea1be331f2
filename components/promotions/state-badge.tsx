const TONE = {
  ok: "bg-ok-bg text-ok",
  bad: "bg-bad-bg text-bad",
  warn: "bg-warn-bg text-warn",
  neutral: "bg-surface-raised text-ink border border-line",
} as const;

const LABELS: Record<string, { text: string; tone: keyof typeof TONE }> = {
  pass: { text: "Pass", tone: "ok" },
  fail: { text: "Fail", tone: "bad" },
  missing: { text: "Missing metric", tone: "warn" },
  unknown: { text: "Unknown", tone: "warn" },
  pending: { text: "Pending", tone: "warn" },
  approved: { text: "Approved", tone: "ok" },
  rejected: { text: "Rejected", tone: "bad" },
  expired: { text: "Expired", tone: "neutral" },
  approve: { text: "Approved", tone: "ok" },
  reject: { text: "Rejected", tone: "bad" },
  applied: { text: "Applied in MLflow", tone: "ok" },
  failed: { text: "Failed", tone: "bad" },
  not_started: { text: "Not applied", tone: "neutral" },
};

/** A state word with its colour; the word alone carries the meaning (colour is not the only cue). */
export function StateBadge({ state, label }: { state: string; label?: string }) {
  const known = LABELS[state] ?? { text: state, tone: "neutral" as const };
  return (
    <span className={`inline-block whitespace-nowrap rounded px-2 py-0.5 text-xs font-semibold ${TONE[known.tone]}`} data-state={state}>
      {label ?? known.text}
    </span>
  );
}
