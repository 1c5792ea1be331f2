import { describe, expect, it } from "vitest";
import { alertState, BURN_RATE_ALERTS, budgetConsumedOver, detectionMinutes, maxBurnRate, minimumLongWindowEvents, type WindowCounts } from "./burn-rate-alerts";

/** Counts with `bad` failures among `total` events. */
const events = (total: number, bad: number) => ({ total, good: total - bad });
const [fastPage, slowPage, fastTicket, slowTicket] = BURN_RATE_ALERTS as [(typeof BURN_RATE_ALERTS)[number], (typeof BURN_RATE_ALERTS)[number], (typeof BURN_RATE_ALERTS)[number], (typeof BURN_RATE_ALERTS)[number]];

// A 99.9 % endpoint in an incident. Burn rate = bad / total / (1 − 0.999), with 1 − 0.999 = 0.001:
const INCIDENT: WindowCounts = {
  "1h": events(10_000, 203), // 203 / 10 000 / 0.001 = 20.3×
  "5m": events(1000, 18), // 18 / 1000 / 0.001 = 18.0×
  "6h": events(60_000, 263), // 0.0043833 / 0.001 = 4.38×, under 6
  "30m": events(5000, 95), // 19×
  "1d": events(240_000, 323), // 0.0013458 / 0.001 = 1.35×, under 3
  "2h": events(20_000, 214), // 10.7×
  "3d": events(720_000, 563), // 0.78×, under 1 (the 6 h window, 4.38×, is its short window)
};

describe("the SRE workbook's table", () => {
  it("holds the four rows, each factor spending its share of a 30-day (720 h) budget over its long window", () => {
    expect(BURN_RATE_ALERTS.map((row) => [row.severity, row.long, row.short, row.factor, row.budgetConsumed])).toEqual([
      ["page", "1h", "5m", 14.4, 0.02], // 14.4 × 1 h / 720 h = 0.02
      ["page", "6h", "30m", 6, 0.05], // 6 × 6 h / 720 h = 0.05
      ["ticket", "1d", "2h", 3, 0.1], // 3 × 24 h / 720 h = 0.1
      ["ticket", "3d", "6h", 1, 0.1], // 1 × 72 h / 720 h = 0.1
    ]);
    for (const row of BURN_RATE_ALERTS) expect(budgetConsumedOver(row, 30)).toBeCloseTo(row.budgetConsumed, 12);
    // Over a 28-day (672 h) period the fast page spends 14.4 / 672 = 0.0214286.
    expect(budgetConsumedOver(fastPage, 28)).toBeCloseTo(0.0214286, 7);
  });

  it("detects a total outage of a 99.9 % SLO after 0.864 min on the fast page", () => {
    // The 1 h window holds t / 60 min of bad events t minutes into a 100 % outage; it passes
    // 14.4 × 0.001 = 1.44 % at t = 0.0144 × 60 min = 0.864 min (51.8 s). The 5 min window passes it
    // at 0.0144 × 5 = 0.072 min, earlier, so the long window decides. (The workbook quotes 0.6 min.)
    expect(detectionMinutes(fastPage, 0.999, 1)).toBeCloseTo(0.864, 9);
    expect(detectionMinutes(slowPage, 0.999, 1)).toBeCloseTo(2.16, 9); // 6 × 0.001 × 360 min
    expect(detectionMinutes(fastTicket, 0.999, 1)).toBeCloseTo(4.32, 9); // 3 × 0.001 × 1440 min
    expect(detectionMinutes(slowTicket, 0.999, 1)).toBeCloseTo(4.32, 9); // 1 × 0.001 × 4320 min
    // At 10 % errors it takes ten times as long: 0.0144 / 0.1 × 60 min = 8.64 min.
    expect(detectionMinutes(fastPage, 0.999, 0.1)).toBeCloseTo(8.64, 9);
    // 1 % errors (10×) never reach 14.4×.
    expect(detectionMinutes(fastPage, 0.999, 0.01)).toBeNull();
  });
});

describe("alertState", () => {
  it("pages when both windows burn above 14.4×, with the numbers in one sentence", () => {
    const state = alertState(0.999, INCIDENT);
    expect(state.rows.map((row) => row.state)).toEqual(["firing", "ok", "ok", "ok"]);
    expect(state.severity).toBe("page");
    expect(state.firing?.row).toBe(fastPage);
    expect(state.firing?.longBurnRate).toBeCloseTo(20.3, 9);
    expect(state.firing?.shortBurnRate).toBeCloseTo(18, 9);
    expect(state.firing?.reason).toBe("Page: burning 20.3× over 1 h and 18.0× over 5 min, above 14.4×.");
    expect(state.rows[2]!.reason).toBe("Ticket: burning 1.3× over 1 day but 10.7× over 2 h; both must be above 3× to fire.");
  });

  it("does not fire when only one window is above the factor, either one", () => {
    // 3 / 1000 / 0.001 = 3.0× over 5 min: the burn has stopped.
    const stopped = alertState(0.999, { ...INCIDENT, "5m": events(1000, 3) });
    expect(stopped.rows[0]).toMatchObject({ state: "ok", reason: "Page: burning 20.3× over 1 h but 3.0× over 5 min; both must be above 14.4× to fire." });
    expect(stopped.severity).toBeNull();
    // 50 / 10 000 / 0.001 = 5.0× over 1 h: a blip, not yet significant.
    const blip = alertState(0.999, { ...INCIDENT, "1h": events(10_000, 50) });
    expect(blip.rows[0]).toMatchObject({ state: "ok", reason: "Page: burning 5.0× over 1 h but 18.0× over 5 min; both must be above 14.4× to fire." });
  });

  it("needs a burn strictly above the factor: exactly 1× does not fire the slow ticket", () => {
    // At 75 %, 1 − target = 0.25 exactly: 25 / 100 / 0.25 = 1.0× over 3 days, 20 / 40 / 0.25 = 2.0× over 6 h.
    const state = alertState(0.75, { "3d": events(100, 25), "6h": events(40, 20) });
    expect(state.rows[3]).toMatchObject({ state: "ok", reason: "Ticket: burning 1.0× over 3 days but 2.0× over 6 h; both must be above 1× to fire." });
  });

  it("says a factor above the ceiling 1 / (1 − target) can never fire", () => {
    // 90 %: every request failing burns 1 / 0.1 = 10×, never above 14.4×; 6× is still reachable.
    expect(maxBurnRate(0.9)).toBeCloseTo(10, 9);
    const outage = alertState(0.9, { "1h": events(1000, 1000), "5m": events(100, 100), "6h": events(6000, 1000), "30m": events(500, 500) });
    expect(outage.rows[0]).toMatchObject({ state: "impossible", reason: "Page: 14.4× over 1 h and 5 min can never fire, since at a 90 % target the burn rate is at most 10× (every event bad), not above 14.4×." });
    expect(outage.rows[0]!.longBurnRate).toBeCloseTo(10, 9);
    // The 6 h row: 1000 / 6000 / 0.1 = 1.67×, not above 6×, although the last 30 min burn at 10×.
    expect(outage.rows[1]!.state).toBe("ok");
    // At 75 % the ceiling is 4: both pages are impossible, the tickets are not.
    expect(alertState(0.75, {}).rows.map((row) => row.state)).toEqual(["impossible", "impossible", "absent", "absent"]);
    // At 5 / 6 the ceiling is exactly 6: a burn rate can reach 6 but never exceed it.
    expect(alertState(5 / 6, {}).rows[1]!.state).toBe("impossible");
  });

  it("lets a 95 % latency SLO page, but only when more than 72 % of requests are slow", () => {
    // Ceiling 1 / 0.05 = 20. 730 of 1000 slow: 0.73 / 0.05 = 14.6×; 70 of 100: 0.7 / 0.05 = 14.0×.
    expect(alertState(0.95, { "1h": events(1000, 730), "5m": events(100, 73) }).rows[0]!.state).toBe("firing");
    expect(alertState(0.95, { "1h": events(1000, 730), "5m": events(100, 70) }).rows[0]!.state).toBe("ok");
  });

  it("holds back a row until one bad event alone could not fire it (the minimum-traffic guard)", () => {
    // 1 / (14.4 × 0.001) = 69.4 → 70; 1 / (6 × 0.001) = 166.7 → 167; 1 / 0.003 = 333.3 → 334; 1 / 0.001 = 1000.
    expect(BURN_RATE_ALERTS.map((row) => minimumLongWindowEvents(row, 0.999))).toEqual([70, 167, 334, 1000]);
    // 95 %: 1.4, 3.3, 6.7 → the floor of 10; 1 / 0.05 = 20. 99 %: 6.9 → 10; 16.7 → 17; 33.3 → 34; 100.
    expect(BURN_RATE_ALERTS.map((row) => minimumLongWindowEvents(row, 0.95))).toEqual([10, 10, 10, 20]);
    expect(BURN_RATE_ALERTS.map((row) => minimumLongWindowEvents(row, 0.99))).toEqual([10, 17, 34, 100]);

    // One failure among 50 requests burns 1 / 50 / 0.001 = 20× (and 200× over 5 min): not judged.
    const quiet = { "1h": events(50, 1), "5m": events(5, 1) };
    expect(alertState(0.999, quiet).rows[0]).toMatchObject({ state: "not-enough-traffic", minimumEvents: 70, reason: "Page: 50 events over 1 h, fewer than the 70 needed to judge a 14.4× burn." });
    expect(alertState(0.999, quiet).rows[0]!.longBurnRate).toBeCloseTo(20, 9);
    // At the minimum, one failure burns 1 / 70 / 0.001 = 14.29×, under 14.4×.
    expect(alertState(0.999, { "1h": events(70, 1), "5m": events(5, 1) }).rows[0]!.state).toBe("ok");
    // A caller's own minimum replaces the default.
    expect(alertState(0.999, quiet, { minLongWindowEvents: 10 }).rows[0]!.state).toBe("firing");
  });

  it("does not judge a window without events", () => {
    const idle = alertState(0.999, { ...INCIDENT, "5m": events(0, 0) });
    expect(idle.rows[0]).toMatchObject({ state: "not-enough-traffic", shortBurnRate: null, reason: "Page: no events over 5 min to judge a 14.4× burn." });
    const none = alertState(0.999, { "1h": events(0, 0), "5m": events(0, 0) }, { minLongWindowEvents: 0 });
    expect(none.rows[0]!.reason).toBe("Page: no events over 1 h or 5 min to judge a 14.4× burn.");
  });

  it("reports absent data per window; the 6 h window serves two rows", () => {
    const { "6h": _sixHours, ...without6h } = INCIDENT;
    const state = alertState(0.999, without6h);
    expect(state.rows.map((row) => row.state)).toEqual(["firing", "absent", "ok", "absent"]);
    expect(state.rows[1]!.reason).toBe("Page: no data for the last 6 h.");
    expect(state.rows[3]!.reason).toBe("Ticket: no data for the last 6 h.");
    expect(alertState(0.999, { ...INCIDENT, "1h": null, "5m": null }).rows[0]!.reason).toBe("Page: no data for the last 1 h or 5 min.");
    const nothing = alertState(0.999, {});
    expect(nothing.rows.every((row) => row.state === "absent")).toBe(true);
    expect(nothing.severity).toBeNull();
  });

  it("answers the most severe firing row: a page before a ticket", () => {
    // 99.9 %: 0.7 % over 6 h and 30 min is 7× (above 6); 0.4 % over 1 day and 2 h is 4× (above 3).
    const both = alertState(0.999, { ...INCIDENT, "1h": events(10_000, 20), "6h": events(60_000, 420), "30m": events(5000, 35), "1d": events(240_000, 960), "2h": events(20_000, 80) });
    expect(both.rows.map((row) => row.state)).toEqual(["ok", "firing", "firing", "ok"]);
    expect(both.severity).toBe("page");
    expect(both.firing?.row).toBe(slowPage);
    // 0.4 % over 6 h and 30 min is 4×, under 6; the day's 4× still opens a ticket.
    const ticketOnly = alertState(0.999, { ...INCIDENT, "1h": events(10_000, 20), "6h": events(60_000, 240), "30m": events(5000, 20), "1d": events(240_000, 960), "2h": events(20_000, 80) });
    expect(ticketOnly.severity).toBe("ticket");
    expect(ticketOnly.firing?.row).toBe(fastTicket);
  });

  it("refuses counts and options that cannot be", () => {
    expect(() => alertState(0.999, { "1h": { good: 11, total: 10 }, "5m": events(1, 0) })).toThrow(/over 1 h/);
    expect(() => alertState(1, INCIDENT)).toThrow(RangeError);
    expect(() => alertState(0.999, INCIDENT, { minLongWindowEvents: -1 })).toThrow(RangeError);
  });
});
