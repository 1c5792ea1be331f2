import { PSI_SIGNIFICANT_ABOVE, PSI_STABLE_BELOW } from "@/lib/domain/monitoring/psi";
import { CELL_STYLES, type DriftCellState } from "./drift-cell-state";

const LEGEND: { state: DriftCellState; label: string; sample: string }[] = [
  { state: "stable", label: `Stable: PSI < ${PSI_STABLE_BELOW}`, sample: "0.04" },
  { state: "moderate", label: `Moderate: PSI ${PSI_STABLE_BELOW}–${PSI_SIGNIFICANT_ABOVE}`, sample: "0.18" },
  { state: "significant", label: `Significant: PSI > ${PSI_SIGNIFICANT_ABOVE}`, sample: "0.31" },
  { state: "too-few", label: "Too few samples: no band, the number may be noise", sample: "0.42" },
  { state: "empty", label: "No samples", sample: "" },
];

/** What the heatmap's colours mean, and the conventions behind its numbers (the page states them, not a tooltip). */
export function DriftLegend({ conventions }: { conventions: Readonly<Record<string, string>> }) {
  return (
    <div className="space-y-2 text-xs">
      <ul aria-label="Heatmap legend" className="flex flex-wrap gap-x-4 gap-y-1" data-testid="drift-legend">
        {LEGEND.map((entry) => (
          <li key={entry.state} className="flex items-center gap-1.5" data-band={entry.state}>
            <span aria-hidden="true" className={`inline-block h-5 w-10 border border-line text-center leading-5 tabular-nums ${CELL_STYLES[entry.state]}`}>
              {entry.sample}
            </span>
            {entry.label}
          </li>
        ))}
      </ul>
      <ul aria-label="Drift conventions" className="list-disc space-y-0.5 pl-5 text-ink-muted" data-testid="drift-conventions">
        {Object.entries(conventions).map(([key, line]) => (
          <li key={key}>{line}</li>
        ))}
      </ul>
    </div>
  );
}
