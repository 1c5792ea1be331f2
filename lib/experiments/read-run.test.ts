import { describe, expect, it, vi } from "vitest";
import { readRun } from "./read-run";
import type { MlflowReads } from "@/lib/sources/mlflow/cached-reads";
import { fakeMlflow, fakeRun, unreachable } from "@/lib/sources/mlflow/testing/fake-mlflow";
import { testServices } from "@/lib/services/testing/test-services";
import { RoundTrips } from "@/lib/services/testing/round-trips";
import { HINT_KEYS, MemoryReadHints } from "@/lib/sources/read-hints";
import { contextWithRoles } from "./testing/viewer-context";

const viewer = contextWithRoles();
/** Services over the fake MLflow with the given methods replaced. */
const servicesWith = (overrides: Partial<MlflowReads> = {}) => testServices({ mlflow: fakeMlflow(overrides) });

describe("readRun", () => {
  it("summarizes the run with its lineage, data and a chart per metric logged at several steps", async () => {
    const view = await readRun(viewer, { experimentId: "1", runId: "r1" }, servicesWith());
    expect(view.run).toMatchObject({ runId: "r1", name: "run-r1", user: "ana@example.com", durationMs: 600_000, gitCommit: "3ec183b7458609e07105e1bf14b08ec67123998c" });
    expect(view.run.datasets[0]).toMatchObject({ name: "churn_features", deltaVersion: "360", context: "training" });
    expect(view.experimentName).toBe("/Shared/churn/xgb-training");
    expect(view.commitUrl).toBe("https://github.com/telco-ml/churn-models/commit/3ec183b7458609e07105e1bf14b08ec67123998c");
    expect(view.metrics).toEqual([
      { key: "auc", value: 0.8, points: 1 },
      { key: "val_auc", value: 0.8, points: 3 },
    ]);
    expect(view.charts.map((chart) => chart.key)).toEqual(["val_auc"]);
    expect(view.charts[0]!.summary).toMatchObject({ first: 0.5, last: 0.8, min: 0.5, max: 0.8 });
    expect(view.parent).toBeNull();
  });

  it("links the parent by name and lists a parent's children", async () => {
    const runs = [fakeRun("p1", { name: "sweep-1" }), fakeRun("c1", { parent: "p1", name: "trial-1" })];
    const child = await readRun(viewer, { experimentId: "1", runId: "c1" }, servicesWith({ getRun: async (id) => runs.find((run) => run.info.run_id === id)! }));
    expect(child.parent).toEqual({ runId: "p1", name: "sweep-1" });
    const searchRuns = vi.fn(async () => ({ runs: [runs[1]!], next_page_token: undefined }));
    const parent = await readRun(viewer, { experimentId: "1", runId: "p1" }, servicesWith({ getRun: async () => runs[0]!, searchRuns }));
    expect(searchRuns).toHaveBeenCalledWith(["1"], expect.objectContaining({ filter: "tags.mlflow.parentRunId = 'p1'" }));
    expect(parent.children.map((entry) => entry.name)).toEqual(["trial-1"]);
  });

  it("still shows the run when a history or the children cannot be read, naming what is missing", async () => {
    const services = servicesWith({ getMetricHistory: async () => Promise.reject(unreachable()), searchRuns: async () => Promise.reject(unreachable()) });
    const view = await readRun(viewer, { experimentId: "1", runId: "r1" }, services);
    expect(view.childrenUnavailable).toBe(true);
    expect(view.charts).toEqual([]);
    expect(view.historyUnavailable).toEqual(["auc", "val_auc"]);
    expect(view.metrics[0]).toEqual({ key: "auc", value: 0.8, points: null });
  });

  describe("with read hints", () => {
    /** One cold read (fresh caches) of run r7 (parent sweep1) over `hints`, in round trips. */
    const coldRead = async (hints: MemoryReadHints) => {
      const trips = new RoundTrips();
      const services = testServices({ mlflow: trips.wrap(fakeMlflow(), "mlflow"), hints });
      return { ...(await trips.run(() => readRun(viewer, { experimentId: "3", runId: "r7" }, services))), waves: trips.waves };
    };
    const shown = (view: Awaited<ReturnType<typeof readRun>>) => ({ parent: view.parent, metrics: view.metrics, charts: view.charts, experiment: view.experimentName, children: view.children });

    it("reads the parent and the metric histories beside the run once an earlier read recorded them", async () => {
      const hints = new MemoryReadHints();
      const first = await coldRead(hints);
      expect(first.depth).toBe(2);
      expect(first.waves[0]).toEqual(expect.arrayContaining(["mlflow.getRun", "mlflow.getExperiment", "mlflow.searchRuns"]));
      expect(hints.values.get(HINT_KEYS.runLineage("r7"))).toEqual({ experimentId: "3", parentRunId: "sweep1" });
      expect(hints.values.get(HINT_KEYS.runMetricKeys("r7"))).toEqual(["auc", "val_auc"]);
      const warm = await coldRead(hints);
      expect(warm.depth).toBe(1);
      expect(shown(warm.value)).toEqual(shown(first.value));
    });

    it("reads after the run what a wrong or outdated hint missed, and drops what it named in vain", async () => {
      const hints = new MemoryReadHints();
      const truth = await coldRead(new MemoryReadHints());
      hints.values.set(HINT_KEYS.runLineage("r7"), { experimentId: "3", parentRunId: "r5" });
      hints.values.set(HINT_KEYS.runMetricKeys("r7"), ["auc", "gone"]);
      const wrong = await coldRead(hints);
      expect(wrong.depth).toBe(2);
      expect(shown(wrong.value)).toEqual(shown(truth.value));
      expect(wrong.value.parent).toEqual({ runId: "sweep1", name: "run-sweep1" });
    });
  });

  it("is a 404 for an unknown run, a run of another experiment, or a malformed id", async () => {
    await expect(readRun(viewer, { experimentId: "1", runId: "nope" }, servicesWith())).rejects.toMatchObject({ kind: "refused", code: "not_found" });
    await expect(readRun(viewer, { experimentId: "2", runId: "r1" }, servicesWith())).rejects.toMatchObject({ kind: "refused", code: "not_found" });
    await expect(readRun(viewer, { experimentId: "1", runId: "r1/../x" }, servicesWith())).rejects.toMatchObject({ kind: "refused", code: "not_found" });
  });

  it("refuses callers without lineage:read before reading anything", async () => {
    const getRun = vi.fn();
    await expect(readRun(contextWithRoles(["Stagegate.FinOps"]), { experimentId: "1", runId: "r1" }, servicesWith({ getRun }))).rejects.toMatchObject({ status: 403 });
    expect(getRun).not.toHaveBeenCalled();
  });
});
