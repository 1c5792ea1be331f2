// The fleet view: each served model × endpoint with its worst drift band now, the top-decile lift of
// its newest version against the previous one on matured outcomes, and the stale feature tables it
// reads; worst first. Pure: built from the fleet queries' summed rows.
import { driftHeatmap, type DriftCell } from "./drift-heatmap";
import type { FeatureTableHealth } from "./data-health";
import { decileLift, type DecileOutcomeCounts } from "./lift";
import type { DriftBand } from "./psi";

export interface FleetDriftCounts {
  model: string;
  endpoint: string;
  feature: string;
  featureType: string;
  bin: number;
  currentCount: number;
  referenceShare: number | null;
}

export interface FleetOutcomeCounts extends DecileOutcomeCounts {
  model: string;
  version: string;
}

export interface FeatureDriftNow extends DriftCell {
  feature: string;
}

export interface VersionTopLift {
  version: string;
  topDecileLift: number | null;
  predictions: number;
}

export interface FleetModelRow {
  model: string;
  endpoint: string;
  /** The worst input feature over the window (greyed ones excluded); null without drift data. */
  worst: FeatureDriftNow | null;
  /** Inputs in the moderate or significant band, worst first. */
  drifting: FeatureDriftNow[];
  /** Inputs with too few samples in the window to be judged. */
  tooFew: string[];
  prediction: FeatureDriftNow | null;
  newest: VersionTopLift | null;
  previous: VersionTopLift | null;
  staleTables: string[];
}

const BAND_RANK: Record<DriftBand, number> = { significant: 3, moderate: 2, stable: 1 };
const rankOf = (row: FleetModelRow) => (row.worst?.band ? BAND_RANK[row.worst.band] : 0);
/** MLflow versions in registry order: "10" after "9". */
export const compareVersions = (a: string, b: string) => a.localeCompare(b, "en", { numeric: true });

function driftNow(rows: FleetDriftCounts[]): Pick<FleetModelRow, "worst" | "drifting" | "tooFew" | "prediction"> {
  // One cell spanning the whole window: the query already summed it.
  const cell = new Date(0);
  const heatmap = driftHeatmap(
    rows.map((row) => ({ feature: row.feature, featureType: row.featureType, cellStart: cell, bin: row.bin, currentCount: row.currentCount, referenceShare: row.referenceShare })),
    [cell],
  );
  const now = (feature: { feature: string; cells: DriftCell[] }): FeatureDriftNow => ({ feature: feature.feature, ...feature.cells[0]! });
  const inputs = heatmap.features.map(now);
  const judged = inputs.filter((feature) => feature.band !== null).sort((a, b) => b.psi! - a.psi!);
  return {
    worst: judged[0] ?? null,
    drifting: judged.filter((feature) => feature.band === "moderate" || feature.band === "significant"),
    tooFew: inputs.filter((feature) => feature.tooFew).map((feature) => feature.feature),
    prediction: heatmap.prediction ? now(heatmap.prediction) : null,
  };
}

function topLifts(rows: FleetOutcomeCounts[]): VersionTopLift[] {
  const versions = [...new Set(rows.map((row) => row.version))].sort(compareVersions);
  return versions.map((version) => {
    const lift = decileLift(rows.filter((row) => row.version === version));
    return { version, topDecileLift: lift.deciles[0]?.lift ?? null, predictions: lift.predictions };
  });
}

export function fleetHealth(drift: readonly FleetDriftCounts[], outcomes: readonly FleetOutcomeCounts[], tables: readonly FeatureTableHealth[]): FleetModelRow[] {
  const keys = new Map<string, { model: string; endpoint: string }>();
  for (const row of drift) keys.set(`${row.model}\u0000${row.endpoint}`, { model: row.model, endpoint: row.endpoint });
  const rows = [...keys.values()].map(({ model, endpoint }): FleetModelRow => {
    const lifts = topLifts(outcomes.filter((row) => row.model === model));
    return {
      model,
      endpoint,
      ...driftNow(drift.filter((row) => row.model === model && row.endpoint === endpoint)),
      newest: lifts.at(-1) ?? null,
      previous: lifts.length >= 2 ? lifts.at(-2)! : null,
      staleTables: tables.filter((table) => table.stale && table.consumers.includes(model)).map((table) => table.table),
    };
  });
  return rows.sort((a, b) => rankOf(b) - rankOf(a) || b.staleTables.length - a.staleTables.length || (b.worst?.psi ?? 0) - (a.worst?.psi ?? 0) || a.model.localeCompare(b.model));
}
