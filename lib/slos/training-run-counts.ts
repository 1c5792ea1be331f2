// The training-time SLO's events are MLflow runs: good = a run that finished within the threshold.
// Pure: the runs come from one runs/search of the model's training experiment.
import { ALERT_WINDOWS } from "@/lib/domain/slo/burn-rate-alerts";
import { cellStart, type CellSize } from "@/lib/domain/time-range";
import { COUNTED_SPANS, type CountedSpan } from "./slo.kql";
import type { CountedCell, SpanCounts, SpansCounts } from "./slo-summary";

export interface TrainingRun {
  runId: string;
  status: string;
  /** Epoch ms. */
  startTime: number;
  /** Epoch ms; null while the run has not ended. */
  endTime: number | null;
}

export type RunVerdict = "good" | "bad" | "not-judged";

/**
 * A finished run is good when end − start ≤ the threshold. A run of any state that has already taken
 * longer (still running, or failed or killed late) is bad: waiting for it to end would hide a hung
 * run. A run that failed or was killed within the threshold is not a training-time event (as a failed
 * request is not a latency event), nor is one still running within it: it may yet finish in time.
 */
export function judgeRun(run: TrainingRun, thresholdMs: number, nowMs: number): RunVerdict {
  const tookMs = (run.endTime ?? nowMs) - run.startTime;
  if (tookMs > thresholdMs) return "bad";
  return run.status === "FINISHED" && run.endTime !== null ? "good" : "not-judged";
}

const add = (counts: SpanCounts, verdict: RunVerdict) => {
  counts.seen += 1;
  if (verdict !== "not-judged") counts.total += 1;
  if (verdict === "good") counts.good += 1;
};

const empty = (): SpanCounts => ({ seen: 0, total: 0, good: 0 });

/**
 * Runs counted per alert window and over the period by their start time (the runs search is bounded
 * by start time), and per cell of the period for the charts.
 */
export function countTrainingRuns(
  runs: readonly TrainingRun[],
  options: { thresholdHours: number; periodStart: Date; periodEnd: Date; now: Date; cellSize: Pick<CellSize, "ms"> },
): { spans: SpansCounts; cells: CountedCell[] } {
  const thresholdMs = options.thresholdHours * 3_600_000;
  const endMs = options.periodEnd.getTime();
  const since = (span: CountedSpan) => (span === "Period" ? options.periodStart.getTime() : endMs - ALERT_WINDOWS[span]);
  const spans = Object.fromEntries(COUNTED_SPANS.map((span) => [span, empty()])) as SpansCounts;
  const cells = new Map<number, CountedCell>();
  for (const run of runs) {
    if (run.startTime >= endMs) continue;
    const verdict = judgeRun(run, thresholdMs, Math.min(options.now.getTime(), endMs));
    for (const span of COUNTED_SPANS) if (run.startTime >= since(span)) add(spans[span], verdict);
    if (run.startTime < options.periodStart.getTime()) continue;
    const start = cellStart(new Date(run.startTime), options.cellSize);
    const cell = cells.get(start.getTime()) ?? { start, ...empty() };
    add(cell, verdict);
    cells.set(start.getTime(), cell);
  }
  return { spans, cells: [...cells.values()].sort((a, b) => a.start.getTime() - b.start.getTime()) };
}
