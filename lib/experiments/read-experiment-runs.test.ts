import { describe, expect, it, vi } from "vitest";
import { ReadCache } from "@/lib/sources/read-cache";
import { readExperimentRuns } from "./read-experiment-runs";
import type { MlflowReads } from "@/lib/sources/mlflow/cached-reads";
import { fakeMlflow, rejected, fakeRun, unreachable } from "@/lib/sources/mlflow/testing/fake-mlflow";
import { RoundTrips } from "@/lib/services/testing/round-trips";
import { testServices } from "@/lib/services/testing/test-services";
import { SAMPLE_EXPERIMENT } from "@/lib/sources/mlflow/testing/fake-mlflow";
import { contextWithRoles } from "./testing/viewer-context";

const viewer = contextWithRoles();
/** Services over the fake MLflow with the given methods replaced. */
const servicesWith = (overrides: Partial<MlflowReads> = {}) => testServices({ mlflow: fakeMlflow(overrides) });

describe("readExperimentRuns", () => {
  it("asks MLflow for the filtered, sorted page and shows columns chosen from the runs", async () => {
    const searchRuns = vi.fn(async () => ({ runs: [fakeRun("r1", { auc: 0.9 }), fakeRun("r2", { auc: 0.8, depth: "8" })], next_page_token: "t2" }));
    const view = await readExperimentRuns(viewer, { experimentId: "1", filter: " metrics.auc > 0.5 ", order: "metrics.auc DESC", size: 25 }, servicesWith({ searchRuns }));
    expect(searchRuns).toHaveBeenCalledWith(["1"], { filter: "metrics.auc > 0.5", orderBy: ["metrics.auc DESC"], maxResults: 25, pageToken: undefined, viewType: "ACTIVE_ONLY" });
    expect(view.experiment).toMatchObject({ name: "/Shared/churn/xgb-training", note: "Production **training**.", tags: [{ key: "owner" }, { key: "team" }] });
    expect(view.runs.map((run) => [run.name, run.metrics.auc])).toEqual([
      ["run-r1", 0.9],
      ["run-r2", 0.8],
    ]);
    expect(view.columns[0]).toEqual({ kind: "metrics", key: "auc" });
    expect(view.columns).toContainEqual({ kind: "params", key: "max_depth" });
    expect(view.columnsPicked).toBe(false);
    expect(view.order).toEqual({ entity: "metrics", key: "auc", descending: true });
    expect(view.nextPageToken).toBe("t2");
    expect(view.queryError).toBeNull();
  });

  it("keeps only the picked columns' values and adds picked keys the page lacks to the picker", async () => {
    const view = await readExperimentRuns(viewer, { experimentId: "1", columns: ["params.max_depth,metrics.not_logged"] }, servicesWith());
    expect(view.columns).toEqual([
      { kind: "params", key: "max_depth" },
      { kind: "metrics", key: "not_logged" },
    ]);
    expect(view.runs[0]!.metrics).toEqual({});
    expect(view.runs[0]!.params).toEqual({ max_depth: "6" });
    expect(view.available.metrics).toContain("not_logged");
  });

  it("shows MLflow's message for a filter it refuses, instead of failing the page", async () => {
    const searchRuns = vi.fn(async () => Promise.reject(rejected("Invalid clause(s) in filter string")));
    const view = await readExperimentRuns(viewer, { experimentId: "1", filter: "metrics.auc >> 1" }, servicesWith({ searchRuns }));
    expect(view.runs).toEqual([]);
    expect(view.queryError).toContain("INVALID_PARAMETER_VALUE: Invalid clause(s) in filter string");
    expect(view.filter).toBe("metrics.auc >> 1");
  });

  it("says so for a sort order it cannot read, and sends none", async () => {
    const searchRuns = vi.fn(async (..._args: Parameters<MlflowReads["searchRuns"]>) => ({ runs: [], next_page_token: undefined }));
    const view = await readExperimentRuns(viewer, { experimentId: "1", order: "auc; DROP" }, servicesWith({ searchRuns }));
    expect(searchRuns.mock.calls[0]![1]).toMatchObject({ orderBy: undefined });
    expect(view.queryError).toContain('The sort order "auc; DROP"');
    expect(view.order).toBeNull();
  });

  it("names parents from the page or by looking them up, and counts children on the page", async () => {
    const runs = [fakeRun("p1", { name: "sweep-1" }), fakeRun("c1", { parent: "p1" }), fakeRun("c2", { parent: "p1" }), fakeRun("c3", { parent: "p9" })];
    const getRun = vi.fn(async () => fakeRun("p9", { name: "older-sweep" }));
    const view = await readExperimentRuns(viewer, { experimentId: "1" }, servicesWith({ searchRuns: async () => ({ runs, next_page_token: undefined }), getRun }));
    expect(view.parentNames).toEqual({ p1: "sweep-1", p9: "older-sweep" });
    expect(view.childCounts).toEqual({ p1: 2, p9: 1 });
    expect(getRun).toHaveBeenCalledTimes(1);
  });

  it("is a 404 for an unknown or malformed experiment id", async () => {
    await expect(readExperimentRuns(viewer, { experimentId: "404" }, servicesWith())).rejects.toMatchObject({ kind: "refused", code: "not_found" });
    await expect(readExperimentRuns(viewer, { experimentId: "../etc" }, servicesWith())).rejects.toMatchObject({ kind: "refused", code: "not_found" });
  });

  it("fails as unavailable when MLflow is down with nothing cached, and serves the last good copy when it was", async () => {
    const down = servicesWith({ getExperiment: async () => Promise.reject(unreachable()) });
    await expect(readExperimentRuns(viewer, { experimentId: "1" }, down)).rejects.toMatchObject({ kind: "upstream", upstream: "MLflow", transient: true });

    // One process cache, read first through a working MLflow, then through one that fails.
    let now = 0;
    const cache = new ReadCache({ freshMs: 1000, maxEntries: 100, now: () => now });
    const withCache = (mlflow: MlflowReads) => ({ mlflow: { ...testServices({ mlflow }).mlflow, cache } });
    await readExperimentRuns(viewer, { experimentId: "1" }, withCache(fakeMlflow()));
    now = 5000;
    const failing = withCache(fakeMlflow({ getExperiment: async () => Promise.reject(unreachable()), searchRuns: async () => Promise.reject(unreachable()) }));
    const view = await readExperimentRuns(viewer, { experimentId: "1" }, failing);
    expect(view.runs).toHaveLength(2);
    expect(view.staleBecause).toContain("could not be reached");
    expect(view.asOf).toBe(new Date(0).toISOString());
  });

  it("reads the experiment and its runs side by side: one round trip", async () => {
    const trips = new RoundTrips();
    const { value, depth } = await trips.run(() => readExperimentRuns(viewer, { experimentId: "1" }, testServices({ mlflow: trips.wrap(fakeMlflow(), "mlflow") })));
    expect(value.runs.length).toBeGreaterThan(0);
    expect(depth).toBe(1);
    expect(trips.waves[0]).toEqual(expect.arrayContaining(["mlflow.getExperiment", "mlflow.searchRuns"]));
  });

  it("searches a deleted experiment's runs again, deleted ones included", async () => {
    const searchRuns = vi.fn(async (_ids: string[], page: { viewType?: string }) => ({ runs: page.viewType === "ALL" ? [fakeRun("gone")] : [], next_page_token: undefined }));
    const getExperiment = async () => ({ ...SAMPLE_EXPERIMENT, lifecycle_stage: "deleted" });
    const view = await readExperimentRuns(viewer, { experimentId: "1" }, servicesWith({ searchRuns, getExperiment }));
    expect(searchRuns.mock.calls.map((call) => call[1].viewType)).toEqual(["ACTIVE_ONLY", "ALL"]);
    expect(view.runs.map((run) => run.runId)).toEqual(["gone"]);
  });
});
