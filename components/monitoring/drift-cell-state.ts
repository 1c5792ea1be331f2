import type { DriftCell } from "@/lib/domain/monitoring/drift-heatmap";

/** A heatmap cell's state: its PSI band, or why it has none. */
export type DriftCellState = "stable" | "moderate" | "significant" | "too-few" | "empty";

/** The look of each state; too few samples is hatched and muted, so it never reads as a band. */
export const CELL_STYLES: Record<DriftCellState, string> = {
  stable: "bg-ok-bg text-ok",
  moderate: "bg-warn-bg text-warn",
  significant: "bg-bad-bg font-semibold text-bad",
  "too-few": "bg-surface-raised bg-[image:repeating-linear-gradient(135deg,var(--line)_0_1px,transparent_1px_6px)] text-ink-muted",
  empty: "bg-surface",
};

export function cellState(cell: Pick<DriftCell, "samples" | "tooFew" | "band">): DriftCellState {
  if (cell.samples === 0) return "empty";
  if (cell.tooFew || cell.band === null) return "too-few";
  return cell.band;
}
