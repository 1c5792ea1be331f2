import { describe, expect, it } from "vitest";
import type { GateResult } from "@/lib/domain/canary-judge";
import { kpiJudgedInAnyStep, stepSummaries, type RecordedAction } from "./step-history";

const at = (minute: number) => new Date(Date.UTC(2026, 11, 3, 9, minute)).toISOString();
const kpi = (status: GateResult["status"]): GateResult => ({ gate: "kpi", status, candidate: null, baseline: null, limit: -0.02, blocking: false, explanation: "" });
const judged = (from: number, status: GateResult["status"] = "insufficient-data") => ({ verdict: "pass" as const, gates: [kpi(status)], window: { from: at(from), to: at(from + 1) } });

let revision = 0;
const action = (name: string, fromStep: number, toStep: number, minute: number, gates: RecordedAction["gates"] = null): RecordedAction => ({
  revision: ++revision,
  action: name,
  actor: name === "start" ? "Lee" : "Stagegate (automatic)",
  reason: null,
  fromStep,
  toStep,
  at: at(minute),
  gates,
});

describe("step summaries from a rollout's history", () => {
  it("give each step its window (from when its traffic went live, as its gates say) and the action that left it, ignoring actions within a step", () => {
    const history = [
      action("start", 0, 0, 0),
      action("pause", 0, 0, 2),
      action("resume", 0, 0, 3),
      // Its traffic was applied at minute 1; the advance's gates say so.
      action("advance", 0, 1, 5, judged(1)),
      action("reapply", 1, 1, 6),
      action("advance", 1, 2, 10, judged(5)),
      action("complete", 2, 2, 15, judged(10, "pass")),
    ];
    const summaries = stepSummaries([...history].reverse());
    expect(summaries.map((step) => [step.index, step.window.from, step.window.to, step.leftBy?.action])).toEqual([
      [0, at(1), at(5), "advance"],
      [1, at(5), at(10), "advance"],
      [2, at(10), at(15), "complete"],
    ]);
  });

  it("end with the rollback or abort that left a step, use the entering action's time when no gates were stored, and leave the current step open", () => {
    const rolledBack = [action("start", 0, 0, 0), action("advance", 0, 1, 4, judged(1)), action("rollback", 1, 1, 7)];
    expect(stepSummaries(rolledBack).map((step) => [step.index, step.window.from, step.window.to, step.leftBy?.action])).toEqual([
      [0, at(1), at(4), "advance"],
      [1, at(4), at(7), "rollback"],
    ]);
    const running = [action("start", 0, 0, 0), action("advance", 0, 1, 4, judged(1)), action("auto-on", 1, 1, 5)];
    expect(stepSummaries(running).at(-1)).toEqual({ index: 1, window: { from: at(4), to: null }, leftBy: null });
    expect(stepSummaries([action("abort", 0, 0, 3)])).toEqual([]);
  });

  it("know whether the KPI gate was ever judged: passed or failed in some step, not merely insufficient or unknown", () => {
    expect(kpiJudgedInAnyStep([null, judged(0), judged(1, "unknown")])).toBe(false);
    expect(kpiJudgedInAnyStep([judged(0), judged(1, "fail")])).toBe(true);
    expect(kpiJudgedInAnyStep([null, { gates: [kpi("pass")] }])).toBe(true);
    expect(kpiJudgedInAnyStep([])).toBe(false);
  });
});
