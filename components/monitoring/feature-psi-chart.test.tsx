// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { DriftFeatureRow } from "@/lib/domain/monitoring/drift-heatmap";
import { FeaturePsiChart, psiAxisTop } from "./feature-psi-chart";

afterEach(cleanup);

const DAY = { ms: 86_400_000, label: "day" as const };
const RANGE = { from: "2026-11-01T00:00:00.000Z", to: "2026-11-04T00:00:00.000Z", fromText: "2026-11-01", toText: "2026-11-03" };

const row: DriftFeatureRow = {
  feature: "monthly_charges",
  type: "numeric",
  binCount: 10,
  sampleMinimum: 217,
  cells: [
    { start: "2026-11-01T00:00:00.000Z", samples: 900, psi: 0.05, band: "stable", tooFew: false },
    { start: "2026-11-02T00:00:00.000Z", samples: 40, psi: 0.2, band: null, tooFew: true },
    { start: "2026-11-03T00:00:00.000Z", samples: 800, psi: 0.5, band: "significant", tooFew: false },
  ],
  latest: null,
  worst: null,
};

describe("a feature's PSI over time", () => {
  it("draws banded cells on the line, breaks it at a cell with too few samples, and marks decisions on the time axis", () => {
    render(
      <FeaturePsiChart
        row={row}
        range={RANGE}
        cellSize={DAY}
        annotations={[{ at: "2026-11-02T12:00:00.000Z", kind: "approval", version: "7", title: "v7 approved", who: "Dana", why: "holds", href: "/approvals/r1" }]}
      />,
    );
    const chart = screen.getByTestId("feature-psi-chart");
    // Axis 0–0.5 (worst PSI 0.5). Cell middles at 0.5, 1.5, 2.5 days of 3 over 564 px from x = 44: 138, 326, 514.
    // y = 18 + (1 − psi/0.5) × 140: 0.05 → 144, 0.2 → 102, 0.5 → 18.
    const lines = [...chart.querySelectorAll("polyline")].map((line) => line.getAttribute("points"));
    expect(lines).toEqual(["138,144", "514,18"]);
    const hollow = chart.querySelector('circle[data-state="too-few"]')!;
    expect([hollow.getAttribute("cx"), hollow.getAttribute("cy")]).toEqual(["326", "102"]);
    expect(screen.getByRole("link", { name: /2026-11-02.*PSI 0\.20, too few samples \(40\)/ }).getAttribute("href")).toBe(
      "?from=2026-11-01&to=2026-11-03&feature=monthly_charges&cell=2026-11-02T00:00:00.000Z",
    );
    // The decision at 1.5 days of 3: 44 + 0.5 × 564 = 326.
    const marker = screen.getByTestId("annotation");
    expect(marker.querySelector("line")!.getAttribute("x1")).toBe("326");
    expect(marker.getAttribute("href")).toBe("/approvals/r1");
    // The significant band starts at 0.25: y = 18 + (1 − 0.25/0.5) × 140 = 88, and runs to the top.
    const significant = chart.querySelector('rect[data-band="significant"]')!;
    expect([significant.getAttribute("y"), significant.getAttribute("height")]).toEqual(["18", "70"]);
  });

  it("keeps the axis to 0.4 when every PSI is small, so a calm feature does not look alarming", () => {
    expect(psiAxisTop({ cells: [{ start: "", samples: 1, psi: 0.03, band: "stable", tooFew: false }] })).toBe(0.4);
    expect(psiAxisTop({ cells: [{ start: "", samples: 1, psi: 0.61, band: "significant", tooFew: false }] })).toBe(0.7);
  });
});
