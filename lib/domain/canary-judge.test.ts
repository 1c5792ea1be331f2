import { describe, expect, it } from "vitest";
import { DEFAULT_THRESHOLDS, judgeStep, normalQuantile, type ArmStats } from "./canary-judge";

const arm = (overrides: Partial<ArmStats> = {}): ArmStats => ({ requests: 5000, p95Ms: 80, latencySamples: 250, failures: 10, kpi: { successes: 20_000, trials: 100_000 }, ...overrides });
const gate = (judgement: ReturnType<typeof judgeStep>, name: string) => judgement.gates.find((result) => result.gate === name)!;

describe("judgeStep", () => {
  it("passes a candidate that matches the baseline on every gate", () => {
    const judgement = judgeStep({ baseline: arm(), candidate: arm(), budgetRemaining: 0.8 });
    expect(judgement.verdict).toBe("pass");
    expect(judgement.gates.map((result) => `${result.gate}:${result.status}`)).toEqual(["sample:pass", "latency:pass", "errors:pass", "kpi:pass"]);
    expect(judgement.frozen).toBe(false);
  });

  describe("latency: p95 ≤ max(120 ms, baseline × 1.10)", () => {
    it("uses the 120 ms floor for a fast baseline", () => {
      const passing = gate(judgeStep({ baseline: arm({ p95Ms: 60 }), candidate: arm({ p95Ms: 119 }), budgetRemaining: 0.8 }), "latency");
      expect(passing).toMatchObject({ status: "pass", limit: 120 });
      const failing = gate(judgeStep({ baseline: arm({ p95Ms: 60 }), candidate: arm({ p95Ms: 121 }), budgetRemaining: 0.8 }), "latency");
      expect(failing).toMatchObject({ status: "fail", candidate: 121, baseline: 60, limit: 120 });
      expect(failing.explanation).toBe("Candidate p95 121 ms > limit 120 ms (max of 120 ms and baseline 60 ms × 1.1; over 250 candidate and 250 baseline sampled rows).");
    });
    it("uses baseline × 1.10 for a slow baseline", () => {
      expect(gate(judgeStep({ baseline: arm({ p95Ms: 200 }), candidate: arm({ p95Ms: 219 }), budgetRemaining: 0.8 }), "latency")).toMatchObject({ status: "pass", limit: 220 });
      expect(gate(judgeStep({ baseline: arm({ p95Ms: 200 }), candidate: arm({ p95Ms: 221 }), budgetRemaining: 0.8 }), "latency")).toMatchObject({ status: "fail" });
    });
    it("has insufficient data without a measured p95", () => {
      expect(gate(judgeStep({ baseline: arm(), candidate: arm({ p95Ms: null }), budgetRemaining: 0.8 }), "latency").status).toBe("insufficient-data");
    });
    it("does not judge a p95 taken over too few sampled rows, however many requests they stand for", () => {
      // 5000 requests in 3 rows (ItemCount ≈ 1667): the "p95" is the slowest of three.
      const fewRows = judgeStep({ baseline: arm(), candidate: arm({ p95Ms: 400, latencySamples: 3 }), budgetRemaining: 0.8 });
      expect(gate(fewRows, "latency")).toMatchObject({ status: "insufficient-data", candidate: 400, baseline: 80, limit: 120 });
      expect(gate(fewRows, "latency").explanation).toBe("Candidate p95 400 ms against limit 120 ms, but a p95 needs 20 sampled rows per arm; candidate has 3, baseline 250.");
      expect(fewRows.verdict).toBe("insufficient-data");
      expect(gate(judgeStep({ baseline: arm({ latencySamples: 19 }), candidate: arm(), budgetRemaining: 0.8 }), "latency").status).toBe("insufficient-data");
      expect(gate(judgeStep({ baseline: arm({ latencySamples: 20 }), candidate: arm({ p95Ms: 400, latencySamples: 20 }), budgetRemaining: 0.8 }), "latency").status).toBe("fail");
    });
  });

  describe("errors: rate ≤ baseline + 0.5 pp", () => {
    it("passes at the margin and fails beyond it, with the numbers", () => {
      // baseline 0.2 %, limit 0.7 %: 35 of 5000 is exactly 0.7 %.
      expect(gate(judgeStep({ baseline: arm(), candidate: arm({ failures: 35 }), budgetRemaining: 0.8 }), "errors")).toMatchObject({ status: "pass", limit: 0.007 });
      const failing = gate(judgeStep({ baseline: arm(), candidate: arm({ failures: 150 }), budgetRemaining: 0.8 }), "errors");
      expect(failing).toMatchObject({ status: "fail", candidate: 0.03, baseline: 0.002 });
      expect(failing.explanation).toBe("Candidate error rate 3 % > limit 0.7 % (baseline 0.2 % + 0.5 pp).");
    });
  });

  describe("KPI: relative change ≥ −2 % judged on its 95 % interval", () => {
    it("passes when the whole interval is above −2 %", () => {
      const result = gate(judgeStep({ baseline: arm({ kpi: { successes: 20_000, trials: 100_000 } }), candidate: arm({ kpi: { successes: 20_200, trials: 100_000 } }), budgetRemaining: 0.8 }), "kpi");
      expect(result.status).toBe("pass");
      expect(result.interval![0]).toBeGreaterThan(-0.02);
    });
    it("fails when the whole interval is below −2 %", () => {
      const result = gate(judgeStep({ baseline: arm({ kpi: { successes: 20_000, trials: 100_000 } }), candidate: arm({ kpi: { successes: 18_000, trials: 100_000 } }), budgetRemaining: 0.8 }), "kpi");
      expect(result.status).toBe("fail");
      expect(result.interval![1]).toBeLessThan(-0.02);
      expect(result.explanation).toMatch(/^KPI change -10 % \(95 % CI .* to .*\) falls below -2 %\.$/);
    });
    it("does not hold a step back without KPI data unless the template requires it", () => {
      const noKpi = { baseline: arm({ kpi: null }), candidate: arm({ kpi: null }), budgetRemaining: 0.8 };
      expect(judgeStep(noKpi)).toMatchObject({ verdict: "pass" });
      expect(gate(judgeStep(noKpi), "kpi")).toMatchObject({ status: "insufficient-data", blocking: false });
      expect(judgeStep({ ...noKpi, thresholds: { ...DEFAULT_THRESHOLDS, kpiRequired: true } }).verdict).toBe("insufficient-data");
    });
    it("has insufficient data while the interval straddles −2 % or outcomes are too few", () => {
      expect(gate(judgeStep({ baseline: arm({ kpi: { successes: 60, trials: 300 } }), candidate: arm({ kpi: { successes: 57, trials: 300 } }), budgetRemaining: 0.8 }), "kpi").status).toBe("insufficient-data");
      expect(gate(judgeStep({ baseline: arm({ kpi: { successes: 10, trials: 50 } }), candidate: arm(), budgetRemaining: 0.8 }), "kpi").status).toBe("insufficient-data");
      expect(gate(judgeStep({ baseline: arm({ kpi: null }), candidate: arm(), budgetRemaining: 0.8 }), "kpi").status).toBe("insufficient-data");
    });
  });

  it("judges nothing below the minimum requests per arm: the verdict is insufficient-data, never fail", () => {
    const judgement = judgeStep({ baseline: arm(), candidate: arm({ requests: 120, failures: 60, p95Ms: 900 }), budgetRemaining: 0.8 });
    expect(judgement.verdict).toBe("insufficient-data");
    expect(judgement.gates.map((result) => result.status)).toEqual(["insufficient-data", "insufficient-data", "insufficient-data", "insufficient-data"]);
    expect(gate(judgement, "sample").explanation).toBe("Needs 500 requests per arm; candidate has 120, baseline 5000.");
  });

  it("fails the step when any gate fails, even if another lacks data", () => {
    const judgement = judgeStep({ baseline: arm({ kpi: null }), candidate: arm({ p95Ms: 400 }), budgetRemaining: 0.8 });
    expect(judgement.verdict).toBe("fail");
  });

  it("freezes advancing while the availability error budget is exhausted, whatever the gates say", () => {
    const frozen = judgeStep({ baseline: arm(), candidate: arm(), budgetRemaining: -0.15 });
    expect(frozen).toMatchObject({ verdict: "pass", frozen: true });
    expect(frozen.freezeReason).toContain("-15 % left");
    const named = judgeStep({ baseline: arm(), candidate: arm(), budgetRemaining: -0.15, budgetSlo: { id: "churn-endpoint-availability", target: 0.9995 } });
    expect(named.freezeReason).toMatch(/^The endpoint's availability SLO churn-endpoint-availability \(99\.95 %\) has spent its error budget/);
    expect(named.freezeSlo).toBe("churn-endpoint-availability");
    expect(judgeStep({ baseline: arm(), candidate: arm(), budgetRemaining: 0.5, budgetSlo: { id: "churn-endpoint-availability", target: 0.999 } }).freezeSlo).toBeNull();
    expect(judgeStep({ baseline: arm(), candidate: arm(), budgetRemaining: 0 }).frozen).toBe(true);
    expect(judgeStep({ baseline: arm(), candidate: arm(), budgetRemaining: 0.01 }).frozen).toBe(false);
    expect(judgeStep({ baseline: arm(), candidate: arm(), budgetRemaining: 0.8 }).unknownBecause).toEqual([]);
  });

  describe("unknown: numbers older than their refresh interval, unreadable numbers, an unknown budget", () => {
    const current = { requests: { ageMs: 15_000, maxAgeMs: 15_000 }, kpi: { ageMs: 3_000, maxAgeMs: 15_000 }, budget: { ageMs: 300_000, maxAgeMs: 300_000 } };

    it("judges numbers exactly as old as their refresh interval", () => {
      expect(judgeStep({ baseline: arm(), candidate: arm(), budgetRemaining: 0.8, freshness: current })).toMatchObject({ verdict: "pass", unknownBecause: [] });
    });

    it("makes every request gate unknown (keeping its numbers) when the request numbers are one second past their interval, and the step unknown, never pass", () => {
      const judgement = judgeStep({ baseline: arm(), candidate: arm(), budgetRemaining: 0.8, freshness: { ...current, requests: { ageMs: 16_000, maxAgeMs: 15_000, problem: "Log Analytics answered 503." } } });
      const why = "The request numbers are 16 s old, older than their 15 s refresh interval (Log Analytics answered 503).";
      expect(judgement.verdict).toBe("unknown");
      expect(judgement.unknownBecause).toEqual([why]);
      expect(judgement.gates.map((result) => `${result.gate}:${result.status}:${result.blocking}`)).toEqual(["sample:unknown:true", "latency:unknown:true", "errors:unknown:true", "kpi:unknown:true"]);
      expect(gate(judgement, "latency")).toMatchObject({ candidate: 80, baseline: 80, limit: 120 });
      expect(gate(judgement, "sample").explanation).toBe(`Both arms have at least 500 requests (candidate 5000, baseline 5000). Not judged: ${why}`);
      expect(gate(judgement, "kpi").explanation).toMatch(/ Not judged: whether each arm has enough requests is unknown\.$/);
    });

    it("does not fail a candidate on out-of-date numbers either: a regression seen in them is unknown until current numbers confirm it", () => {
      const judgement = judgeStep({ baseline: arm(), candidate: arm({ p95Ms: 400 }), budgetRemaining: 0.8, freshness: { requests: { ageMs: 60_000, maxAgeMs: 15_000 } } });
      expect(judgement.verdict).toBe("unknown");
      expect(gate(judgement, "latency").status).toBe("unknown");
      expect(judgement.unknownBecause).toEqual(["The request numbers are 60 s old, older than their 15 s refresh interval."]);
    });

    it("makes a KPI gate unknown and blocking when its outcomes could not be read, although the template does not require the KPI", () => {
      const judgement = judgeStep({ baseline: arm({ kpi: null }), candidate: arm({ kpi: null }), budgetRemaining: 0.8, freshness: { kpi: { ageMs: null, maxAgeMs: 15_000, problem: "Log Analytics timed out" } } });
      expect(gate(judgement, "kpi")).toMatchObject({ status: "unknown", blocking: true });
      expect(judgement.verdict).toBe("unknown");
      expect(judgement.unknownBecause).toEqual(["The KPI outcomes could not be read (Log Analytics timed out)."]);
      // The same outcomes merely absent (no labels yet) are insufficient data, which does not block by default.
      expect(judgeStep({ baseline: arm({ kpi: null }), candidate: arm({ kpi: null }), budgetRemaining: 0.8 }).verdict).toBe("pass");
    });

    it("is unknown when the error budget could not be read or is older than its refresh interval, with the gates still judged", () => {
      const unread = judgeStep({ baseline: arm(), candidate: arm(), budgetRemaining: null, freshness: { budget: { ageMs: null, maxAgeMs: 300_000, problem: "Log Analytics answered 429." } } });
      expect(unread).toMatchObject({ verdict: "unknown", frozen: false });
      expect(unread.gates.every((result) => result.status === "pass")).toBe(true);
      expect(unread.unknownBecause).toEqual(["The availability error budget numbers could not be read (Log Analytics answered 429). An SLO freeze cannot be ruled out."]);
      expect(judgeStep({ baseline: arm(), candidate: arm(), budgetRemaining: null }).unknownBecause).toEqual(["The availability error budget numbers could not be read. An SLO freeze cannot be ruled out."]);
      // 7.5 minutes against 5: shown in minutes.
      const old = judgeStep({ baseline: arm(), candidate: arm(), budgetRemaining: 0.5, freshness: { budget: { ageMs: 450_000, maxAgeMs: 300_000 } } });
      expect(old.verdict).toBe("unknown");
      expect(old.unknownBecause).toEqual(["The availability error budget numbers are 7.5 min old, older than their 5 min refresh interval. An SLO freeze cannot be ruled out."]);
      // An exhausted budget read long ago still freezes: out-of-date numbers never lift a freeze.
      expect(judgeStep({ baseline: arm(), candidate: arm(), budgetRemaining: 0, freshness: { budget: { ageMs: 450_000, maxAgeMs: 300_000 } } })).toMatchObject({ frozen: true, verdict: "unknown" });
    });

    it("still fails on a gate judged on current numbers while another source is unknown", () => {
      const judgement = judgeStep({ baseline: arm(), candidate: arm({ failures: 150 }), budgetRemaining: null });
      expect(judgement.verdict).toBe("fail");
      expect(judgement.unknownBecause).toHaveLength(1);
    });
  });
});

describe("normalQuantile", () => {
  it("matches the standard normal table", () => {
    // Table values to 9 decimals: the approximation's stated error is below 1.2e-9.
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963985, 8);
    expect(normalQuantile(0.95)).toBeCloseTo(1.644853627, 8);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 9);
    expect(normalQuantile(0.005)).toBeCloseTo(-2.575829304, 8);
  });
});
