import { describe, expect, it } from "vitest";
import { formatBurnRate, formatEvents, formatSli, runbookLabel, windowLabel } from "./slo-format";

describe("SLO formatting", () => {
  it("names the alert windows from their durations", () => {
    expect(["5m", "30m", "1h", "2h", "6h", "1d", "3d"].map((window) => windowLabel(window as Parameters<typeof windowLabel>[0]))).toEqual(["5 min", "30 min", "1 h", "2 h", "6 h", "1 day", "3 days"]);
  });

  it("never rounds an SLI below 100 % up to 100.00 %", () => {
    expect(formatSli(0.99999)).toBe("99.99 %");
    expect(formatSli(1)).toBe("100.00 %");
    expect(formatSli(0.9995)).toBe("99.95 %");
  });

  it("writes burn rates, events and runbook kinds", () => {
    expect([formatBurnRate(14.43), formatBurnRate(250.4), formatBurnRate(null)]).toEqual(["14.4×", "250×", "—"]);
    // 0.1 % of 1,234 requests allows 1.234 failures.
    expect(formatEvents(1.234)).toBe("1.2");
    expect(formatEvents(12_345.67)).toBe("12,345.7");
    expect([runbookLabel("rollback"), runbookLabel("cache-warm"), runbookLabel("feature-backfill"), runbookLabel("other")]).toEqual(["Runbook: rollback", "Runbook: cache warm", "Runbook: feature backfill", "Runbook"]);
  });
});
