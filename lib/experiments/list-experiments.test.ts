import { describe, expect, it, vi } from "vitest";
import { listExperiments } from "./list-experiments";
import type { MlflowReads } from "@/lib/sources/mlflow/cached-reads";
import { fakeMlflow, rejected, SAMPLE_EXPERIMENT } from "@/lib/sources/mlflow/testing/fake-mlflow";
import { testServices } from "@/lib/services/testing/test-services";
import { contextWithRoles } from "./testing/viewer-context";

const viewer = contextWithRoles();
/** Services over the fake MLflow with the given methods replaced. */
const servicesWith = (overrides: Partial<MlflowReads> = {}) => testServices({ mlflow: fakeMlflow(overrides) });

describe("listExperiments", () => {
  it("searches names with LIKE in the asked order, a page at a time", async () => {
    const searchExperiments = vi.fn(async () => ({ experiments: [SAMPLE_EXPERIMENT], next_page_token: "t2" }));
    const view = await listExperiments(viewer, { q: "o'brien", order: "name ASC", size: 25, page: "t1", trail: [] }, servicesWith({ searchExperiments }));
    expect(searchExperiments).toHaveBeenCalledWith({ filter: "name LIKE '%o_brien%'", orderBy: ["name ASC", "experiment_id ASC"], maxResults: 25, pageToken: "t1" });
    expect(view.experiments[0]).toMatchObject({ id: "1", tags: [{ key: "owner", value: "ana@example.com" }, { key: "team", value: "retention" }] });
    expect(view).toMatchObject({ q: "o'brien", nextPageToken: "t2", position: { token: "t1", trail: [] }, queryError: null, orderIgnored: null });
  });

  it("falls back to defaults for odd URL values instead of failing", async () => {
    const searchExperiments = vi.fn(async () => ({ experiments: [], next_page_token: undefined }));
    const view = await listExperiments(viewer, { q: "x".repeat(500), order: "bogus", size: 7, trail: ["t"] }, servicesWith({ searchExperiments }));
    expect(view.q).toHaveLength(200);
    expect(view.size).toBe(50);
    expect(view.orderIgnored).toBe("bogus");
    expect(view.position).toEqual({ token: undefined, trail: [] });
  });

  it("shows MLflow's refusal (an expired page token) as a message", async () => {
    const view = await listExperiments(viewer, { page: "stale" }, servicesWith({ searchExperiments: async () => Promise.reject(rejected("Invalid page token")) }));
    expect(view.queryError).toContain("Invalid page token");
    expect(view.experiments).toEqual([]);
  });
});
