import { describe, expect, it } from "vitest";
import { countTrainingRuns, judgeRun, type TrainingRun } from "./training-run-counts";

const HOUR = 3_600_000;
const NOW = Date.parse("2026-11-20T12:00:00Z");
const run = (runId: string, status: string, startedHoursAgo: number, tookHours: number | null): TrainingRun => ({
  runId,
  status,
  startTime: NOW - startedHoursAgo * HOUR,
  endTime: tookHours === null ? null : NOW - startedHoursAgo * HOUR + tookHours * HOUR,
});

describe("judgeRun against a 2-hour threshold", () => {
  const judge = (training: TrainingRun) => judgeRun(training, 2 * HOUR, NOW);

  it("counts a finished run good up to and including the threshold, bad beyond it", () => {
    expect(judge(run("a", "FINISHED", 10, 1.5))).toBe("good");
    expect(judge(run("b", "FINISHED", 10, 2))).toBe("good");
    expect(judge(run("c", "FINISHED", 10, 2.01))).toBe("bad");
  });

  it("counts a run of any state that already took longer as bad, and leaves the rest unjudged", () => {
    expect(judge(run("running-long", "RUNNING", 3, null))).toBe("bad");
    expect(judge(run("killed-late", "KILLED", 10, 5))).toBe("bad");
    expect(judge(run("failed-early", "FAILED", 10, 0.2))).toBe("not-judged");
    expect(judge(run("running-young", "RUNNING", 1, null))).toBe("not-judged");
  });
});

describe("countTrainingRuns", () => {
  it("counts runs by start time per alert window, over the period and per cell", () => {
    const runs = [
      run("good-today", "FINISHED", 5, 1), // 5 h ago: in 6h, 1d, 3d, period
      run("slow-yesterday", "FINISHED", 30, 3), // 30 h ago: in 3d and period, bad
      run("hung", "RUNNING", 2.5, null), // in 6h (not 2h): bad, 2.5 h so far
      run("failed-early", "FAILED", 0.5, 0.1), // in 1h: seen, not valid
      run("old", "FINISHED", 20 * 24, 1), // 20 days ago: period only
      run("before-period", "FINISHED", 40 * 24, 1), // outside the period and every window
    ];
    const { spans, cells } = countTrainingRuns(runs, { thresholdHours: 2, periodStart: new Date(NOW - 30 * 24 * HOUR), periodEnd: new Date(NOW), now: new Date(NOW), cellSize: { ms: 24 * HOUR } });
    expect(spans["1h"]).toEqual({ seen: 1, total: 0, good: 0 });
    expect(spans["2h"]).toEqual({ seen: 1, total: 0, good: 0 });
    expect(spans["6h"]).toEqual({ seen: 3, total: 2, good: 1 });
    expect(spans["1d"]).toEqual({ seen: 3, total: 2, good: 1 });
    expect(spans["3d"]).toEqual({ seen: 4, total: 3, good: 1 });
    expect(spans.Period).toEqual({ seen: 5, total: 4, good: 2 });
    // Daily cells (Kusto's bins from midnight UTC): 20 days ago, yesterday, today.
    expect(cells.map((cell) => [cell.start.toISOString(), cell.seen, cell.total, cell.good])).toEqual([
      ["2026-10-31T00:00:00.000Z", 1, 1, 1],
      ["2026-11-19T00:00:00.000Z", 1, 1, 0],
      ["2026-11-20T00:00:00.000Z", 3, 2, 1],
    ]);
  });
});
