// The drift heatmap (features × time cells) and a feature's histogram, from the bin counts Log
// Analytics summed per feature, cell and bin. Every cell's PSI is recomputed from its own summed
// counts; a cell below the sample minimum keeps its number but has no band (greyed, with why).
import { driftBand, psiFromCounts, sampleMinimum, type DriftBand } from "./psi";

export type DriftFeatureType = "numeric" | "categorical" | "prediction";

/** One row of the drift-cells query: a feature's bin in one cell. */
export interface DriftCellCounts {
  feature: string;
  featureType: string;
  cellStart: Date;
  bin: number;
  currentCount: number;
  referenceShare: number | null;
}

/** One row of the drift-bins query: a bin's edges or category. */
export interface DriftBinDefinition {
  feature: string;
  bin: number;
  lower: number | null;
  upper: number | null;
  category: string;
  referenceShare: number | null;
  reference: string;
}

export interface DriftCell {
  start: string;
  samples: number;
  psi: number | null;
  /** Null when there are no samples or fewer than the sample minimum. */
  band: DriftBand | null;
  tooFew: boolean;
}

export interface DriftFeatureRow {
  feature: string;
  type: DriftFeatureType;
  binCount: number;
  /** Samples a cell needs before its PSI gets a band (depends on the feature's bin count). */
  sampleMinimum: number;
  /** One per cell start of the heatmap, in order; cells without data have 0 samples. */
  cells: DriftCell[];
  /** The newest cell with enough samples. */
  latest: DriftCell | null;
  /** The highest PSI among cells with enough samples. */
  worst: DriftCell | null;
}

export interface DriftHeatmap {
  cellStarts: string[];
  /** Input features, worst first; the predicted score is kept apart (its own row, drift of the output). */
  features: DriftFeatureRow[];
  prediction: DriftFeatureRow | null;
}

const featureTypeOf = (text: string): DriftFeatureType => (text === "categorical" || text === "prediction" ? text : "numeric");

function cellOf(start: string, counts: number[], shares: number[], minimum: number): DriftCell {
  const samples = counts.reduce((sum, count) => sum + count, 0);
  if (samples === 0) return { start, samples, psi: null, band: null, tooFew: false };
  const psi = psiFromCounts(normalised(shares), counts);
  const tooFew = samples < minimum;
  return { start, samples, psi, band: psi === null || tooFew ? null : driftBand(psi), tooFew };
}

/** Shares as stored (a few decimals) made to add up to 1, so PSI's check holds. */
function normalised(shares: number[]): number[] {
  const total = shares.reduce((sum, share) => sum + share, 0);
  return total > 0 ? shares.map((share) => share / total) : shares;
}

function binCountOf(rows: DriftCellCounts[]): number {
  return Math.max(...rows.map((row) => row.bin)) + 1;
}

function referenceSharesOf(rows: DriftCellCounts[], binCount: number): number[] {
  const shares = new Array<number>(binCount).fill(0);
  for (const row of rows) if (row.referenceShare !== null) shares[row.bin] = row.referenceShare;
  return shares;
}

/** Rows of one feature grouped by cell start (ms) into count vectors. */
function countsByCell(rows: DriftCellCounts[], binCount: number): Map<number, number[]> {
  const cells = new Map<number, number[]>();
  for (const row of rows) {
    const key = row.cellStart.getTime();
    let counts = cells.get(key);
    if (!counts) cells.set(key, (counts = new Array<number>(binCount).fill(0)));
    counts[row.bin]! += row.currentCount;
  }
  return cells;
}

export function driftHeatmap(rows: readonly DriftCellCounts[], cellStarts: readonly Date[]): DriftHeatmap {
  // Map.groupBy is not in Node 20.
  const byFeature = new Map<string, DriftCellCounts[]>();
  for (const row of rows) {
    const group = byFeature.get(row.feature);
    if (group) group.push(row);
    else byFeature.set(row.feature, [row]);
  }
  const features: DriftFeatureRow[] = [];
  for (const [feature, featureRows] of byFeature) {
    const binCount = binCountOf(featureRows);
    const shares = referenceSharesOf(featureRows, binCount);
    const minimum = sampleMinimum(Math.max(2, binCount));
    const counts = countsByCell(featureRows, binCount);
    const empty = new Array<number>(binCount).fill(0);
    const cells = cellStarts.map((start) => cellOf(start.toISOString(), counts.get(start.getTime()) ?? empty, shares, minimum));
    const judged = cells.filter((cell) => cell.band !== null);
    features.push({
      feature,
      type: featureTypeOf(featureRows[0]!.featureType),
      binCount,
      sampleMinimum: minimum,
      cells,
      latest: judged.at(-1) ?? null,
      worst: judged.reduce<DriftCell | null>((worst, cell) => (worst === null || cell.psi! > worst.psi! ? cell : worst), null),
    });
  }
  const inputs = features.filter((row) => row.type !== "prediction").sort((a, b) => (b.worst?.psi ?? -1) - (a.worst?.psi ?? -1) || a.feature.localeCompare(b.feature));
  return { cellStarts: cellStarts.map((start) => start.toISOString()), features: inputs, prediction: features.find((row) => row.type === "prediction") ?? null };
}

export interface HistogramBin {
  bin: number;
  /** "≤ 24.5", "24.5 – 31", "> 106.9", or the category. */
  label: string;
  referenceShare: number;
  currentShare: number | null;
  currentCount: number;
}

export interface FeatureHistogram {
  feature: string;
  reference: string;
  /** The cells summed (all of the range when no cell was chosen). */
  from: string;
  to: string;
  samples: number;
  psi: number | null;
  band: DriftBand | null;
  tooFew: boolean;
  bins: HistogramBin[];
}

const edge = (value: number) => String(Math.round(value * 100) / 100);

function binLabel(definition: DriftBinDefinition | undefined, bin: number): string {
  if (!definition) return `bin ${bin + 1}`;
  if (definition.category) return definition.category;
  if (definition.lower === null && definition.upper !== null) return `≤ ${edge(definition.upper)}`;
  if (definition.upper === null && definition.lower !== null) return `> ${edge(definition.lower)}`;
  if (definition.lower !== null && definition.upper !== null) return `${edge(definition.lower)} – ${edge(definition.upper)}`;
  return `bin ${bin + 1}`;
}

/** Reference against current shares of one feature over the chosen cells [from, to), recomputed from summed counts. */
export function featureHistogram(feature: string, rows: readonly DriftCellCounts[], definitions: readonly DriftBinDefinition[], window: { from: Date; to: Date }): FeatureHistogram | null {
  const featureRows = rows.filter((row) => row.feature === feature);
  if (featureRows.length === 0) return null;
  const binCount = binCountOf(featureRows);
  const shares = normalised(referenceSharesOf(featureRows, binCount));
  const inWindow = featureRows.filter((row) => row.cellStart >= window.from && row.cellStart < window.to);
  const counts = new Array<number>(binCount).fill(0);
  for (const row of inWindow) counts[row.bin]! += row.currentCount;
  const cell = cellOf(window.from.toISOString(), counts, shares, sampleMinimum(Math.max(2, binCount)));
  const byBin = new Map(definitions.filter((definition) => definition.feature === feature).map((definition) => [definition.bin, definition]));
  return {
    feature,
    reference: byBin.get(0)?.reference ?? "",
    from: window.from.toISOString(),
    to: window.to.toISOString(),
    samples: cell.samples,
    psi: cell.psi,
    band: cell.band,
    tooFew: cell.tooFew,
    bins: counts.map((count, bin) => ({ bin, label: binLabel(byBin.get(bin), bin), referenceShare: shares[bin]!, currentShare: cell.samples > 0 ? count / cell.samples : null, currentCount: count })),
  };
}
