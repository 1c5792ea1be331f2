// What a rollout's history says about each step, after the fact: when its traffic was live, which
// action left it and the gates that action was decided on. Pure: read from the append-only actions,
// so a finished rollout's summary never depends on what Log Analytics answers today.
import type { StepJudgement } from "@/lib/domain/canary-judge";

/** The parts of a recorded action the history reads (RolloutActionView has them). */
export interface RecordedAction {
  revision: number;
  action: string;
  actor: string;
  reason: string | null;
  fromStep: number;
  toStep: number;
  at: string;
  gates: (Pick<StepJudgement, "gates" | "verdict"> & { window: { from: string; to: string } | null }) | null;
}

export interface StepSummary<Action extends RecordedAction = RecordedAction> {
  index: number;
  /** When the step's traffic went live (as its gates' window says; else when it was entered) and when it was left; `to` null while it is current. */
  window: { from: string; to: string | null };
  /** The action that left the step: an advance, the completion, a rollback or an abort; null while the step is current. */
  leftBy: Action | null;
}

/** Actions that end a rollout where it stands. */
const ENDING = new Set(["complete", "rollback", "abort"]);

/** Each step the rollout reached, in order, with its window and the action that left it. */
export function stepSummaries<Action extends RecordedAction>(actions: readonly Action[]): StepSummary<Action>[] {
  const ordered = [...actions].sort((a, b) => a.revision - b.revision);
  const started = ordered.find((action) => action.action === "start");
  if (!started) return [];
  const summaries: StepSummary<Action>[] = [];
  let entered: { index: number; at: string } | null = { index: started.toStep, at: started.at };
  for (const action of ordered) {
    if (!entered || action.revision <= started.revision) continue;
    const leaves = action.fromStep === entered.index && (action.toStep !== action.fromStep || ENDING.has(action.action));
    if (!leaves) continue;
    summaries.push({ index: entered.index, window: { from: action.gates?.window?.from ?? entered.at, to: action.at }, leftBy: action });
    entered = action.toStep !== action.fromStep ? { index: action.toStep, at: action.at } : null;
  }
  if (entered) summaries.push({ index: entered.index, window: { from: entered.at, to: null }, leftBy: null });
  return summaries;
}

/**
 * Whether the KPI gate was ever judged (passed or failed) on the gates any step was decided on, or
 * on `current` (the step being decided now). Labels arrive days after predictions, so a rollout may
 * reach 100 % having seen latency and errors only.
 */
export function kpiJudgedInAnyStep(judgements: readonly (Pick<StepJudgement, "gates"> | null)[]): boolean {
  return judgements.some((judgement) => judgement?.gates.some((gate) => gate.gate === "kpi" && (gate.status === "pass" || gate.status === "fail")) ?? false);
}
