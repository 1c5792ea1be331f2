import { describe, expect, it } from "vitest";
import { DEFAULT_THRESHOLDS } from "./canary-judge";
import { baselineTraffic, describeSplit, describeStep, sameTraffic, templateContentSchema, trafficDrift, trafficForStep } from "./rollout-plan";

const standard = {
  steps: [
    { kind: "shadow", percent: 10 },
    { kind: "live", percent: 10 },
    { kind: "live", percent: 25 },
    { kind: "live", percent: 50 },
    { kind: "live", percent: 100 },
  ],
  bakeSeconds: 900,
  thresholds: DEFAULT_THRESHOLDS,
};

describe("rollout plans", () => {
  it("maps shadow, live steps and rollback to the endpoint's traffic and mirror traffic", () => {
    expect(trafficForStep({ kind: "shadow", percent: 10 }, "blue", "green")).toEqual({ traffic: { blue: 100, green: 0 }, mirrorTraffic: { green: 10 } });
    expect(trafficForStep({ kind: "live", percent: 25 }, "blue", "green")).toEqual({ traffic: { blue: 75, green: 25 }, mirrorTraffic: { green: 0 } });
    expect(baselineTraffic("blue", "green")).toEqual({ traffic: { blue: 100, green: 0 }, mirrorTraffic: { green: 0 } });
    expect(describeStep({ kind: "shadow", percent: 10 })).toBe("Shadow: 10% mirrored");
  });

  it("accepts the standard template and refuses plans that do not end at 100%, shrink, or shadow after live", () => {
    expect(templateContentSchema.safeParse(standard).success).toBe(true);
    const messages = (steps: unknown[]) => templateContentSchema.safeParse({ ...standard, steps }).error?.issues.map((issue) => issue.message) ?? [];
    expect(messages([{ kind: "live", percent: 50 }])).toContain("the last step must send 100% of live traffic to the candidate");
    expect(messages([{ kind: "live", percent: 50 }, { kind: "live", percent: 25 }, { kind: "live", percent: 100 }])).toContain("live shares must grow from step to step");
    expect(messages([{ kind: "live", percent: 10 }, { kind: "shadow", percent: 10 }, { kind: "live", percent: 100 }])).toContain("shadow steps come before live ones");
    expect(messages([{ kind: "shadow", percent: 60 }, { kind: "live", percent: 100 }]).length).toBeGreaterThan(0);
  });

  it("reads a template saved before the latency sample minimum existed as judging p95 on any number of rows", () => {
    const { minLatencySamplesPerArm, ...older } = DEFAULT_THRESHOLDS;
    expect(minLatencySamplesPerArm).toBe(20);
    expect(templateContentSchema.parse({ ...standard, thresholds: older }).thresholds.minLatencySamplesPerArm).toBe(1);
    expect(templateContentSchema.safeParse({ ...standard, thresholds: { ...older, minLatencySamplesPerArm: 0 } }).success).toBe(false);
  });

  it("reads templates and plans saved before auto mode's fail-closed settings existed with their defaults, and bounds them", () => {
    const stored = templateContentSchema.parse(standard);
    expect(stored).toMatchObject({ maxConsecutiveEvaluationErrors: 3, confirmCompletionWithoutKpi: true });
    expect(templateContentSchema.parse({ ...standard, maxConsecutiveEvaluationErrors: 1, confirmCompletionWithoutKpi: false })).toMatchObject({ maxConsecutiveEvaluationErrors: 1, confirmCompletionWithoutKpi: false });
    for (const limit of [0, 2.5, 101]) expect(templateContentSchema.safeParse({ ...standard, maxConsecutiveEvaluationErrors: limit }).success).toBe(false);
    expect(templateContentSchema.safeParse({ ...standard, confirmCompletionWithoutKpi: "yes" }).success).toBe(false);
  });

  it("compares splits ignoring deployments at zero", () => {
    expect(sameTraffic({ traffic: { blue: 100 }, mirrorTraffic: {} }, { traffic: { blue: 100, green: 0 }, mirrorTraffic: { green: 0 } })).toBe(true);
    expect(sameTraffic({ traffic: { blue: 90, green: 10 }, mirrorTraffic: {} }, { traffic: { blue: 100, green: 0 }, mirrorTraffic: {} })).toBe(false);
  });

  it("call it drift only when the live split differs from the last applied one and nothing is being applied, and describe splits", () => {
    const applied = { traffic: { blue: 90, green: 10 }, mirrorTraffic: {} };
    const portal = { traffic: { blue: 50, green: 50 }, mirrorTraffic: { green: 0 } };
    expect(trafficDrift(applied, false, portal)).toEqual(portal);
    expect(trafficDrift(applied, true, portal)).toBeNull();
    expect(trafficDrift(null, false, portal)).toBeNull();
    expect(trafficDrift(applied, false, { traffic: { blue: 90, green: 10 }, mirrorTraffic: { green: 0 } })).toBeNull();
    expect(describeSplit({ traffic: { blue: 90, green: 10 }, mirrorTraffic: { green: 10 } })).toBe("blue 90% · green 10%; mirrored to green 10%");
    expect(describeSplit({ traffic: { blue: 0 }, mirrorTraffic: {} })).toBe("none");
  });
});
