import { describe, expect, it } from "vitest";
import { driftHeatmap, featureHistogram, type DriftBinDefinition, type DriftCellCounts } from "./drift-heatmap";

const H0 = new Date("2026-11-20T00:00:00Z");
const H1 = new Date("2026-11-20T01:00:00Z");
const H2 = new Date("2026-11-20T02:00:00Z");

/** Two bins at 50/50 in the reference. */
const rows = (feature: string, featureType: string, cellStart: Date, counts: [number, number]): DriftCellCounts[] =>
  counts.map((currentCount, bin) => ({ feature, featureType, cellStart, bin, currentCount, referenceShare: 0.5 }));

describe("drift heatmap", () => {
  it("recomputes each cell's PSI from its counts, greys cells under the minimum, and puts the worst feature first", () => {
    const heatmap = driftHeatmap(
      [
        ...rows("tenure", "numeric", H0, [500, 500]),
        // 600/400 against 50/50: 0.1·ln(1.2) + (−0.1)·ln(0.8) = 0.0182322 + 0.0223144 = 0.0405465
        ...rows("tenure", "numeric", H1, [600, 400]),
        // 900/100: 0.4·ln(1.8) + (−0.4)·ln(0.2) = 0.235115 + 0.643775 = 0.878890 (significant)
        ...rows("charges", "numeric", H0, [900, 100]),
        // 3 samples: below the two-bin minimum, so no band although its PSI is large.
        ...rows("charges", "numeric", H1, [3, 0]),
        ...rows("prediction_score", "prediction", H0, [520, 480]),
      ],
      [H0, H1, H2],
    );
    expect(heatmap.cellStarts).toEqual([H0.toISOString(), H1.toISOString(), H2.toISOString()]);
    expect(heatmap.features.map((row) => row.feature)).toEqual(["charges", "tenure"]);
    const [charges, tenure] = heatmap.features;
    expect(tenure!.cells[1]!.psi).toBeCloseTo(0.0405465, 6);
    expect(tenure!.cells[1]!.band).toBe("stable");
    expect(tenure!.cells[2]).toEqual({ start: H2.toISOString(), samples: 0, psi: null, band: null, tooFew: false });
    expect(charges!.cells[0]!.psi).toBeCloseTo(0.87889, 5);
    expect(charges!.cells[0]!.band).toBe("significant");
    // χ²₁ at 0.99 is 6.635: 67 samples for 2 bins.
    expect(charges!.sampleMinimum).toBe(67);
    expect(charges!.cells[1]).toMatchObject({ samples: 3, band: null, tooFew: true });
    expect(charges!.latest!.start).toBe(H0.toISOString());
    expect(heatmap.prediction!.feature).toBe("prediction_score");
  });

  it("sums the counts of a wider cell rather than averaging its hours' PSI", () => {
    const day = new Date("2026-11-20T00:00:00Z");
    // The same two hours summed into one daily cell by the query: 1100/900 against 50/50.
    const heatmap = driftHeatmap(rows("tenure", "numeric", day, [1100, 900]), [day]);
    // 0.55/0.45: 0.05·ln(1.1) + (−0.05)·ln(0.9) = 0.0047655 + 0.0052680 = 0.0100335
    expect(heatmap.features[0]!.cells[0]!.psi).toBeCloseTo(0.0100335, 6);
    // The mean of the hourly PSIs (0 and 0.040546) would be 0.020273.
    expect(heatmap.features[0]!.cells[0]!.psi).not.toBeCloseTo(0.020273, 3);
  });
});

describe("feature histogram", () => {
  it("compares reference and current shares over the chosen cells, with the bins' edges or categories", () => {
    const definitions: DriftBinDefinition[] = [
      { feature: "tenure", bin: 0, lower: null, upper: 12, category: "", referenceShare: 0.5, reference: "telco.gold.churn_training@v12" },
      { feature: "tenure", bin: 1, lower: 12, upper: null, category: "", referenceShare: 0.5, reference: "telco.gold.churn_training@v12" },
    ];
    const histogram = featureHistogram("tenure", [...rows("tenure", "numeric", H0, [500, 500]), ...rows("tenure", "numeric", H1, [600, 400])], definitions, { from: H1, to: H2 });
    expect(histogram).toMatchObject({ samples: 1000, reference: "telco.gold.churn_training@v12", band: "stable" });
    expect(histogram!.bins).toEqual([
      { bin: 0, label: "≤ 12", referenceShare: 0.5, currentShare: 0.6, currentCount: 600 },
      { bin: 1, label: "> 12", referenceShare: 0.5, currentShare: 0.4, currentCount: 400 },
    ]);
    expect(featureHistogram("unknown", [], definitions, { from: H0, to: H2 })).toBeNull();
  });
});
