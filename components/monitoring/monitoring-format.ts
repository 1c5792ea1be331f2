// How the monitoring page's numbers read: counts with thousands separators, shares as percentages,
// PSI to two decimals, lift as a multiple, and heatmap cells named by their hour, day or week (UTC).
import type { CellSize } from "@/lib/domain/time-range";
import { formatDuration } from "@/lib/ui/format";

const COUNT = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/** 5210 → "5,210". */
export function formatCount(value: number): string {
  return COUNT.format(value);
}

/** A share on [0, 1] as a percentage: 0.1234 → "12.3 %"; "—" when missing. */
export function formatShare(value: number | null | undefined, decimals = 1): string {
  return value === null || value === undefined ? "—" : `${(value * 100).toFixed(decimals)} %`;
}

/** PSI to two decimals, as the heatmap prints it; "—" when missing. */
export function formatPsi(value: number | null): string {
  return value === null ? "—" : value.toFixed(2);
}

/** 3.412 → "3.41×"; "—" when missing. */
export function formatLift(value: number | null | undefined, decimals = 2): string {
  return value === null || value === undefined ? "—" : `${value.toFixed(decimals)}×`;
}

/** The cell holding `start`, in words: "2026-11-20 14:00" (hour), "2026-11-20" (day), "week of 2026-11-16". */
export function cellName(start: string, cellSize: Pick<CellSize, "label">): string {
  const iso = new Date(start).toISOString();
  if (cellSize.label === "hour") return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
  if (cellSize.label === "day") return iso.slice(0, 10);
  return `week of ${iso.slice(0, 10)}`;
}

/** A column heading short enough for a heatmap column: "14:00" (hour), "11-20" (day or week start). */
export function cellHeading(start: string, cellSize: Pick<CellSize, "label">): string {
  const iso = new Date(start).toISOString();
  return cellSize.label === "hour" ? iso.slice(11, 16) : iso.slice(5, 10);
}

/** A 95 % interval of a share: "(30.9–49.8 %)". */
export function formatInterval(interval: { lower: number; upper: number }): string {
  return `(${(interval.lower * 100).toFixed(1)}–${(interval.upper * 100).toFixed(1)} %)`;
}

/** A lag or age in minutes: "3.5 min" under an hour, "2 h 5 min" beyond; "unknown" when missing. */
export function formatMinutes(minutes: number | null): string {
  if (minutes === null) return "unknown";
  return minutes < 60 ? `${Number(minutes.toFixed(1))} min` : formatDuration(minutes * 60_000);
}
