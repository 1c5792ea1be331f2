// How the SLO page's numbers read: SLIs and shares as percentages, burn rates as multiples, event
// counts that may be fractional (an allowance is (1 − target) × valid events), and alert windows.
import { ALERT_WINDOWS, type AlertWindow } from "@/lib/domain/slo/burn-rate-alerts";
import type { RunbookKind, SloKind } from "@/lib/domain/slo/definitions";

const EVENTS = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });
const MINUTE_MS = 60_000;

/** "5 min", "1 h", "1 day", "3 days", from the window's own duration. */
export function windowLabel(window: AlertWindow): string {
  const minutes = ALERT_WINDOWS[window] / MINUTE_MS;
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 24 * 60) return `${minutes / 60} h`;
  const days = minutes / (24 * 60);
  return `${days} day${days === 1 ? "" : "s"}`;
}

/** 14.43 → "14.4×", 250 → "250×"; "—" when there is no rate (no valid event). */
export function formatBurnRate(rate: number | null): string {
  if (rate === null) return "—";
  return rate >= 100 ? `${Math.round(rate)}×` : `${rate.toFixed(1)}×`;
}

/** A factor or ceiling as the table writes it: 14.4 → "14.4×", 1000 → "1000×". */
export function formatFactor(factor: number): string {
  return `${Number(factor.toFixed(2))}×`;
}

/**
 * An SLI to two decimals of a percent; a ratio just below 1 never reads "100.00 %", since a target of
 * 99.99 % must not look met by a rounding.
 */
export function formatSli(ratio: number): string {
  const text = (ratio * 100).toFixed(2);
  return `${ratio < 1 && text === "100.00" ? "99.99" : text} %`;
}

/** Events with thousands separators and up to one decimal: an allowance of 0.1 % of 1,234 requests is "1.2". */
export function formatEvents(value: number): string {
  return EVENTS.format(value);
}

/** What a bad event is, per kind, in the SLO's unit (requests, probes, runs). */
export const BAD_EVENTS: Record<SloKind, string> = {
  latency: "slow requests",
  availability: "failed requests",
  freshness: "stale probes",
  "training-time": "slow runs",
};

/** The upstream the SLO's counts come from, as "as of" and "not answering" name it. */
export function sloSource(kind: SloKind): string {
  return kind === "training-time" ? "MLflow" : "Log Analytics";
}

/** The runbook link's text: "Runbook: rollback", "Runbook: cache warm"; just "Runbook" for other kinds. */
export function runbookLabel(kind: RunbookKind): string {
  return kind === "other" ? "Runbook" : `Runbook: ${kind.replace("-", " ")}`;
}
