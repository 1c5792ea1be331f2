// Rollout plans (DESIGN.md step 5): shadow traffic first, then growing shares of live traffic,
// each step baked and gated. Pure: what traffic each step means for an endpoint's deployments.
import { z } from "zod";
import type { GateThresholds } from "./canary-judge";

const stepSchema = z.discriminatedUnion("kind", [
  /** The candidate gets a mirrored copy of this share of requests; its answers are discarded. */
  z.object({ kind: z.literal("shadow"), percent: z.number().int().min(1).max(50) }),
  /** The candidate answers this share of live requests. */
  z.object({ kind: z.literal("live"), percent: z.number().int().min(1).max(100) }),
]);
export type RolloutStep = z.infer<typeof stepSchema>;

export const thresholdsSchema = z.object({
  latencyFloorMs: z.number().positive().max(60_000),
  latencyRatio: z.number().min(1).max(10),
  errorRateMarginPp: z.number().min(0).max(100),
  kpiMinRelativeDelta: z.number().min(-1).max(1),
  kpiConfidence: z.number().gt(0.5).lt(1),
  minRequestsPerArm: z.number().int().min(1),
  // Templates and plans saved before this threshold existed judged p95 on any number of rows; they keep doing so.
  minLatencySamplesPerArm: z.number().int().min(1).default(1),
  minKpiTrialsPerArm: z.number().int().min(1),
  kpiRequired: z.boolean().default(false),
}) satisfies z.ZodType<GateThresholds>;

export const templateContentSchema = z
  .object({
    description: z.string().trim().max(500).default(""),
    steps: z.array(stepSchema).min(1).max(20),
    bakeSeconds: z.number().int().min(5).max(7 * 86_400),
    thresholds: thresholdsSchema,
    // Auto mode pauses the rollout after this many gate evaluations in a row could not be made
    // (Log Analytics failing, nothing current to judge on), as Argo Rollouts' consecutiveErrorLimit.
    maxConsecutiveEvaluationErrors: z.number().int().min(1).max(100).default(3),
    // When the KPI gate had insufficient data in every step, auto mode does not complete 100 % on
    // its own: an MLLead confirms (labels arrive days late, so latency and errors were all it saw).
    confirmCompletionWithoutKpi: z.boolean().default(true),
  })
  .superRefine((template, issues) => {
    const live = template.steps.filter((step) => step.kind === "live").map((step) => step.percent);
    if (live.at(-1) !== 100) issues.addIssue({ code: "custom", path: ["steps"], message: "the last step must send 100% of live traffic to the candidate" });
    if (live.some((percent, index) => index > 0 && percent <= live[index - 1]!)) issues.addIssue({ code: "custom", path: ["steps"], message: "live shares must grow from step to step" });
    const firstLive = template.steps.findIndex((step) => step.kind === "live");
    if (template.steps.some((step, index) => step.kind === "shadow" && index > firstLive && firstLive >= 0)) {
      issues.addIssue({ code: "custom", path: ["steps"], message: "shadow steps come before live ones" });
    }
  });
export type TemplateContent = z.infer<typeof templateContentSchema>;

export interface TrafficSplit {
  traffic: Record<string, number>;
  mirrorTraffic: Record<string, number>;
}

/** The endpoint's traffic for a step: the baseline keeps the rest; live and mirrored never overlap. */
export function trafficForStep(step: RolloutStep, baseline: string, candidate: string): TrafficSplit {
  if (step.kind === "shadow") return { traffic: { [baseline]: 100, [candidate]: 0 }, mirrorTraffic: { [candidate]: step.percent } };
  return { traffic: { [baseline]: 100 - step.percent, [candidate]: step.percent }, mirrorTraffic: { [candidate]: 0 } };
}

/** Rollback: everything back to the baseline, no mirror. */
export function baselineTraffic(baseline: string, candidate: string): TrafficSplit {
  return { traffic: { [baseline]: 100, [candidate]: 0 }, mirrorTraffic: { [candidate]: 0 } };
}

export function describeStep(step: RolloutStep): string {
  return step.kind === "shadow" ? `Shadow: ${step.percent}% mirrored` : `${step.percent}% live`;
}

/** "blue 90% · green 10%, mirror green 10%": deployments at zero are left out. */
export function describeSplit(split: TrafficSplit): string {
  const live = Object.entries(split.traffic).filter(([, percent]) => percent > 0).map(([name, percent]) => `${name} ${percent}%`).join(" · ") || "none";
  const mirror = Object.entries(split.mirrorTraffic).filter(([, percent]) => percent > 0).map(([name, percent]) => `${name} ${percent}%`).join(" · ");
  return mirror ? `${live}; mirrored to ${mirror}` : live;
}

/**
 * The endpoint's live split when it is not what Stagegate last applied (changed in the portal),
 * else null; while a newer plan is still being applied the difference is expected, not drift.
 */
export function trafficDrift(applied: TrafficSplit | null, applyPending: boolean, live: TrafficSplit): TrafficSplit | null {
  if (!applied || applyPending || sameTraffic(live, applied)) return null;
  return { traffic: live.traffic, mirrorTraffic: live.mirrorTraffic };
}

/** Whether two splits send the same shares (deployments at 0 may be omitted on either side). */
export function sameTraffic(a: TrafficSplit, b: TrafficSplit): boolean {
  const same = (x: Record<string, number>, y: Record<string, number>) => {
    const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
    return [...keys].every((key) => (x[key] ?? 0) === (y[key] ?? 0));
  };
  return same(a.traffic, b.traffic) && same(a.mirrorTraffic, b.mirrorTraffic);
}
