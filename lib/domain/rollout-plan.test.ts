import { describe, expect, it } from "vitest";
import { DEFAULT_THRESHOLDS } from "./canary-judge";
import { baselineTraffic, describeStep, sameTraffic, templateContentSchema, trafficForStep } from "./rollout-plan";

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

  it("compares splits ignoring deployments at zero", () => {
    expect(sameTraffic({ traffic: { blue: 100 }, mirrorTraffic: {} }, { traffic: { blue: 100, green: 0 }, mirrorTraffic: { green: 0 } })).toBe(true);
    expect(sameTraffic({ traffic: { blue: 90, green: 10 }, mirrorTraffic: {} }, { traffic: { blue: 100, green: 0 }, mirrorTraffic: {} })).toBe(false);
  });
});
