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
      const passing = gate(judgeStep({ baseline: arm({ p95Ms: 60 }), candidate: arm({ p95Ms: 119 }), budgetRemaining: null }), "latency");
      expect(passing).toMatchObject({ status: "pass", limit: 120 });
      const failing = gate(judgeStep({ baseline: arm({ p95Ms: 60 }), candidate: arm({ p95Ms: 121 }), budgetRemaining: null }), "latency");
      expect(failing).toMatchObject({ status: "fail", candidate: 121, baseline: 60, limit: 120 });
      expect(failing.explanation).toBe("Candidate p95 121 ms > limit 120 ms (max of 120 ms and baseline 60 ms × 1.1; over 250 candidate and 250 baseline sampled rows).");
    });
    it("uses baseline × 1.10 for a slow baseline", () => {
      expect(gate(judgeStep({ baseline: arm({ p95Ms: 200 }), candidate: arm({ p95Ms: 219 }), budgetRemaining: null }), "latency")).toMatchObject({ status: "pass", limit: 220 });
      expect(gate(judgeStep({ baseline: arm({ p95Ms: 200 }), candidate: arm({ p95Ms: 221 }), budgetRemaining: null }), "latency")).toMatchObject({ status: "fail" });
    });
    it("has insufficient data without a measured p95", () => {
      expect(gate(judgeStep({ baseline: arm(), candidate: arm({ p95Ms: null }), budgetRemaining: null }), "latency").status).toBe("insufficient-data");
    });
    it("does not judge a p95 taken over too few sampled rows, however many requests they stand for", () => {
      // 5000 requests in 3 rows (ItemCount ≈ 1667): the "p95" is the slowest of three.
      const fewRows = judgeStep({ baseline: arm(), candidate: arm({ p95Ms: 400, latencySamples: 3 }), budgetRemaining: null });
      expect(gate(fewRows, "latency")).toMatchObject({ status: "insufficient-data", candidate: 400, baseline: 80, limit: 120 });
      expect(gate(fewRows, "latency").explanation).toBe("Candidate p95 400 ms against limit 120 ms, but a p95 needs 20 sampled rows per arm; candidate has 3, baseline 250.");
      expect(fewRows.verdict).toBe("insufficient-data");
      expect(gate(judgeStep({ baseline: arm({ latencySamples: 19 }), candidate: arm(), budgetRemaining: null }), "latency").status).toBe("insufficient-data");
      expect(gate(judgeStep({ baseline: arm({ latencySamples: 20 }), candidate: arm({ p95Ms: 400, latencySamples: 20 }), budgetRemaining: null }), "latency").status).toBe("fail");
    });
  });

  describe("errors: rate ≤ baseline + 0.5 pp", () => {
    it("passes at the margin and fails beyond it, with the numbers", () => {
      // baseline 0.2 %, limit 0.7 %: 35 of 5000 is exactly 0.7 %.
      expect(gate(judgeStep({ baseline: arm(), candidate: arm({ failures: 35 }), budgetRemaining: null }), "errors")).toMatchObject({ status: "pass", limit: 0.007 });
      const failing = gate(judgeStep({ baseline: arm(), candidate: arm({ failures: 150 }), budgetRemaining: null }), "errors");
      expect(failing).toMatchObject({ status: "fail", candidate: 0.03, baseline: 0.002 });
      expect(failing.explanation).toBe("Candidate error rate 3 % > limit 0.7 % (baseline 0.2 % + 0.5 pp).");
    });
  });

  describe("KPI: relative change ≥ −2 % judged on its 95 % interval", () => {
    it("passes when the whole interval is above −2 %", () => {
      const result = gate(judgeStep({ baseline: arm({ kpi: { successes: 20_000, trials: 100_000 } }), candidate: arm({ kpi: { successes: 20_200, trials: 100_000 } }), budgetRemaining: null }), "kpi");
      expect(result.status).toBe("pass");
      expect(result.interval![0]).toBeGreaterThan(-0.02);
    });
    it("fails when the whole interval is below −2 %", () => {
      const result = gate(judgeStep({ baseline: arm({ kpi: { successes: 20_000, trials: 100_000 } }), candidate: arm({ kpi: { successes: 18_000, trials: 100_000 } }), budgetRemaining: null }), "kpi");
      expect(result.status).toBe("fail");
      expect(result.interval![1]).toBeLessThan(-0.02);
      expect(result.explanation).toMatch(/^KPI change -10 % \(95 % CI .* to .*\) falls below -2 %\.$/);
    });
    it("does not hold a step back without KPI data unless the template requires it", () => {
      const noKpi = { baseline: arm({ kpi: null }), candidate: arm({ kpi: null }), budgetRemaining: null };
      expect(judgeStep(noKpi)).toMatchObject({ verdict: "pass" });
      expect(gate(judgeStep(noKpi), "kpi")).toMatchObject({ status: "insufficient-data", blocking: false });
      expect(judgeStep({ ...noKpi, thresholds: { ...DEFAULT_THRESHOLDS, kpiRequired: true } }).verdict).toBe("insufficient-data");
    });
    it("has insufficient data while the interval straddles −2 % or outcomes are too few", () => {
      expect(gate(judgeStep({ baseline: arm({ kpi: { successes: 60, trials: 300 } }), candidate: arm({ kpi: { successes: 57, trials: 300 } }), budgetRemaining: null }), "kpi").status).toBe("insufficient-data");
      expect(gate(judgeStep({ baseline: arm({ kpi: { successes: 10, trials: 50 } }), candidate: arm(), budgetRemaining: null }), "kpi").status).toBe("insufficient-data");
      expect(gate(judgeStep({ baseline: arm({ kpi: null }), candidate: arm(), budgetRemaining: null }), "kpi").status).toBe("insufficient-data");
    });
  });

  it("judges nothing below the minimum requests per arm: the verdict is insufficient-data, never fail", () => {
    const judgement = judgeStep({ baseline: arm(), candidate: arm({ requests: 120, failures: 60, p95Ms: 900 }), budgetRemaining: null });
    expect(judgement.verdict).toBe("insufficient-data");
    expect(judgement.gates.map((result) => result.status)).toEqual(["insufficient-data", "insufficient-data", "insufficient-data", "insufficient-data"]);
    expect(gate(judgement, "sample").explanation).toBe("Needs 500 requests per arm; candidate has 120, baseline 5000.");
  });

  it("fails the step when any gate fails, even if another lacks data", () => {
    const judgement = judgeStep({ baseline: arm({ kpi: null }), candidate: arm({ p95Ms: 400 }), budgetRemaining: null });
    expect(judgement.verdict).toBe("fail");
  });

  it("freezes advancing while the availability error budget is exhausted, whatever the gates say", () => {
    const frozen = judgeStep({ baseline: arm(), candidate: arm(), budgetRemaining: -0.15 });
    expect(frozen).toMatchObject({ verdict: "pass", frozen: true });
    expect(frozen.freezeReason).toContain("-15 % left");
    expect(judgeStep({ baseline: arm(), candidate: arm(), budgetRemaining: 0 }).frozen).toBe(true);
    expect(judgeStep({ baseline: arm(), candidate: arm(), budgetRemaining: 0.01 }).frozen).toBe(false);
    expect(judgeStep({ baseline: arm(), candidate: arm(), budgetRemaining: null }).frozen).toBe(false);
  });
});

describe("normalQuantile", () => {
  it("matches the standard normal table", () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 9);
    expect(normalQuantile(0.005)).toBeCloseTo(-2.575829, 5);
  });
});
