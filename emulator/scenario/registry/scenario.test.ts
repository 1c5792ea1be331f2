import { describe, expect, it } from "vitest";
import { createClock } from "../clock";
import { EndpointFleet } from "../endpoint-fleet";
import { XSS_DESCRIPTION_PAYLOAD, XSS_RUN_NAME } from "./catalog-models";
import { runMetric, runParam, type RunRecord } from "./records";
import { createMlflowRegistry, type MlflowRegistry } from "./registry";

const clock = createClock(new Date("2026-11-20T12:00:00Z"));
const registry = createMlflowRegistry({ seed: "scenario-seed", scale: "default", clock });

function sourceRun(source: MlflowRegistry, name: string, version: string): RunRecord {
  const record = source.modelVersion(name, version);
  expect(record, `${name} v${version}`).toBeDefined();
  return source.run(record!.runId)!;
}

const policyNumbers = (run: RunRecord) => ({
  auc: runMetric(run, "auc"),
  fairness_dp_diff: runMetric(run, "fairness_dp_diff"),
  robustness_score: runMetric(run, "robustness_score"),
  shap_drift: runMetric(run, "shap_drift"),
});

describe("the telecom's MLflow scenario", () => {
  it("has the size the demo needs", () => {
    const counts = registry.counts();
    expect(counts.experiments).toBeGreaterThanOrEqual(15);
    expect(counts.runs).toBeGreaterThanOrEqual(300);
    expect(counts.modelVersions).toBeGreaterThanOrEqual(20);
    expect(registry.experiments().every(({ experimentId }) => /^\d+$/.test(experimentId))).toBe(true);
    const allRuns = registry.runsIn(registry.experiments().map((experiment) => experiment.experimentId));
    expect(allRuns).toHaveLength(counts.runs);
    expect(allRuns.every((run) => /^[0-9a-f]{32}$/.test(run.runId))).toBe(true);
  });

  it("makes churn_xgb v7 beat the champion v6 on every rule and v8 fail fairness", () => {
    expect(registry.versionsOf("churn_xgb").map((version) => [version.version, version.status])).toEqual(
      ["1", "2", "3", "4", "5", "6", "7", "8"].map((version) => [version, "READY"]),
    );
    expect(registry.registeredModel("churn_xgb")?.aliases).toEqual([{ alias: "champion", version: "6" }]);
    const [v6, v7, v8] = ["6", "7", "8"].map((version) => policyNumbers(sourceRun(registry, "churn_xgb", version)));
    console.info("churn_xgb policy metrics", { v6, v7, v8 });
    expect(v7!.auc! - v6!.auc!).toBeGreaterThanOrEqual(0.01);
    expect(v7!.fairness_dp_diff).toBeLessThanOrEqual(0.1);
    expect(v7!.robustness_score).toBeGreaterThanOrEqual(0.95);
    expect(v7!.shap_drift).toBeLessThan(0.15);
    expect(v8!.auc!).toBeGreaterThan(v6!.auc!);
    expect(v8!.fairness_dp_diff).toBeGreaterThan(0.1);
    expect(v8!.robustness_score).toBeGreaterThanOrEqual(0.95);
    expect(v8!.shap_drift).toBeLessThan(0.15);
  });

  it("has one older churn version that never logged shap_drift", () => {
    const missing = registry.versionsOf("churn_xgb").filter((version) => runMetric(registry.run(version.runId)!, "shap_drift") === undefined);
    expect(missing.map((version) => version.version)).toEqual(["3"]);
  });

  it("has fraud_lgbm and ltv_regressor with their champions and metrics", () => {
    expect(registry.versionsOf("fraud_lgbm").length).toBeGreaterThanOrEqual(4);
    expect(registry.registeredModel("fraud_lgbm")?.aliases).toContainEqual({ alias: "champion", version: "4" });
    const ltv = sourceRun(registry, "ltv_regressor", "1");
    for (const metric of ["rmse", "mae", "r2"]) expect(runMetric(ltv, metric)).toEqual(expect.any(Number));
  });

  it("registers every version from a finished run that ended before the registration", () => {
    for (const version of registry.modelVersions()) {
      const run = registry.run(version.runId)!;
      expect(run.status).toBe("FINISHED");
      expect(run.endTime!, `${version.name} v${version.version}`).toBeLessThan(version.creationTimestamp);
      expect(version.artifactUri.startsWith(`mlflow-artifacts:/${run.experiment.experimentId}/`)).toBe(true);
    }
  });

  it("holds every model version the Azure ML deployments serve, READY", () => {
    const fleet = new EndpointFleet(clock);
    for (const endpoint of fleet.names()) {
      for (const deployment of fleet.get(endpoint)!.spec.deployments) {
        expect(registry.modelVersion(deployment.modelName, deployment.modelVersion)?.status, `${endpoint}/${deployment.name}`).toBe("READY");
      }
    }
  });

  it("carries the HTML payloads in one model description and one run name", () => {
    const described = registry.registeredModels().filter((model) => model.description?.includes(XSS_DESCRIPTION_PAYLOAD));
    expect(described.map((model) => model.name)).toEqual(["churn_xgb"]);
    const allRuns = registry.runsIn(registry.experiments().map((experiment) => experiment.experimentId));
    expect(allRuns.filter((run) => run.runName === XSS_RUN_NAME)).toHaveLength(1);
    expect(XSS_RUN_NAME).toMatch(/<img src=x onerror=/);
  });

  it("has sweeps with children, lineage tags, mixed statuses and Delta dataset inputs", () => {
    const sweeps = registry.runsIn([registry.experimentByName("/Shared/churn/hyperparameter-sweeps")!.experimentId]);
    const parents = sweeps.filter((run) => run.isSweepParent);
    expect(parents.length).toBeGreaterThanOrEqual(2);
    for (const parent of parents) {
      const children = sweeps.filter((run) => registry.details.tag(run, "mlflow.parentRunId") === parent.runId);
      expect(children).toHaveLength(Number(runParam(parent, "n_trials")));
    }
    const run = sourceRun(registry, "churn_xgb", "7");
    const tags = Object.fromEntries(registry.details.tags(run).map((tag) => [tag.key, tag.value]));
    expect(tags["mlflow.source.git.commit"]).toMatch(/^[0-9a-f]{40}$/);
    expect(tags).toMatchObject({ "mlflow.runName": run.runName, "mlflow.user": run.userId, "mlflow.source.type": "JOB", "mlflow.source.git.repoURL": expect.stringMatching(/^https:/) });
    const inputs = registry.details.datasetInputs(run);
    expect(inputs.map((input) => input.tags[0]?.value)).toEqual(["training", "eval"]);
    expect(JSON.parse(inputs[0]!.dataset.source)).toEqual({ path: "abfss://lake@telcodata.dfs.core.windows.net/gold/churn_features", delta_table_version: expect.any(Number) });
    const statuses = new Set(registry.runsIn(registry.experiments().map((experiment) => experiment.experimentId)).map((each) => each.status));
    expect([...statuses].sort()).toEqual(["FAILED", "FINISHED", "KILLED", "RUNNING"]);
  });

  it("logs several steps of history per epoch metric, ending at the run's latest value", () => {
    const run = sourceRun(registry, "churn_xgb", "6");
    const history = registry.details.metricHistory(run, "val_auc");
    expect(history.length).toBeGreaterThanOrEqual(8);
    expect(history.map((point) => point.step)).toEqual(history.map((_, index) => index));
    expect(history.at(-1)!.value).toBe(runMetric(run, "val_auc"));
    expect(history.every((point, index) => index === 0 || point.timestamp > history[index - 1]!.timestamp)).toBe(true);
  });

  it("undoes aliases, tags and descriptions on reset", () => {
    const fresh = createMlflowRegistry({ seed: "scenario-seed", scale: "default", clock });
    fresh.setAlias("churn_xgb", "champion", "7");
    fresh.setAlias("churn_xgb", "challenger", "8");
    fresh.setRegisteredModelTag("churn_xgb", "reviewed", "yes");
    fresh.setModelVersionTag("churn_xgb", "7", "validation_status", "approved");
    fresh.updateModelVersionDescription("churn_xgb", "7", "edited");
    expect(fresh.registeredModel("churn_xgb")?.aliases).toEqual([
      { alias: "challenger", version: "8" },
      { alias: "champion", version: "7" },
    ]);
    expect(fresh.modelVersion("churn_xgb", "7")).toMatchObject({ description: "edited", lastUpdatedTimestamp: clock.now().getTime() });
    fresh.reset();
    expect(fresh.registeredModel("churn_xgb")).toEqual(registry.registeredModel("churn_xgb"));
    expect(fresh.versionsOf("churn_xgb")).toEqual(registry.versionsOf("churn_xgb"));
  });

  it("reduces client changes to what was set or deleted, and restores them into a fresh registry", () => {
    let reported = 0;
    const changed = createMlflowRegistry({ seed: "scenario-seed", scale: "default", clock, onChange: () => (reported += 1) });
    expect(changed.changes()).toBeUndefined();
    changed.setAlias("churn_xgb", "challenger", "8");
    changed.setAlias("churn_xgb", "challenger", "7");
    changed.deleteAlias("churn_xgb", "champion");
    changed.setRegisteredModelTag("churn_xgb", "first", "1");
    changed.setRegisteredModelTag("churn_xgb", "second", "2");
    changed.deleteRegisteredModelTag("churn_xgb", "first");
    changed.setRegisteredModelTag("churn_xgb", "first", "again");
    changed.deleteModelVersionTag("churn_xgb", "7", "validation_status");
    changed.updateModelVersionDescription("churn_xgb", "7", undefined);
    expect(reported).toBe(9);
    const saved = JSON.parse(JSON.stringify(changed.changes()));
    expect(saved.models).toEqual([
      {
        name: "churn_xgb",
        aliases: [
          { alias: "challenger", version: "7" },
          { alias: "champion", version: null },
        ],
        tags: [
          { key: "second", value: "2" },
          { key: "first", value: "again" },
        ],
      },
    ]);
    expect(saved.versions).toEqual([{ name: "churn_xgb", version: "7", tags: [{ key: "validation_status", value: null }], description: { value: null, at: clock.now().getTime() } }]);

    let restoredReports = 0;
    const restored = createMlflowRegistry({ seed: "scenario-seed", scale: "default", clock, onChange: () => (restoredReports += 1) });
    // What the scenario does not have (another model, a version or alias target it lacks) is skipped.
    restored.restore({
      ...saved,
      models: [...saved.models, { name: "gone_model", aliases: [{ alias: "champion", version: "1" }] }, { name: "fraud_lgbm", aliases: [{ alias: "challenger", version: "999" }] }],
      versions: [...saved.versions, { name: "churn_xgb", version: "999", tags: [{ key: "a", value: "b" }] }],
    });
    expect(restoredReports).toBe(0);
    expect(restored.registeredModel("churn_xgb")).toEqual(changed.registeredModel("churn_xgb"));
    expect(restored.versionsOf("churn_xgb")).toEqual(changed.versionsOf("churn_xgb"));
    expect(restored.registeredModel("fraud_lgbm")).toEqual(registry.registeredModel("fraud_lgbm"));
    expect(restored.changes()).toEqual(changed.changes());
  });

  it("is the same for the same seed and differs for another", () => {
    const again = createMlflowRegistry({ seed: "scenario-seed", scale: "default", clock });
    const other = createMlflowRegistry({ seed: "other-seed", scale: "default", clock });
    expect(again.experiments()).toEqual(registry.experiments());
    expect(again.modelVersions()).toEqual(registry.modelVersions());
    expect(again.runsIn(["1"]).map((run) => run.runId)).toEqual(registry.runsIn(["1"]).map((run) => run.runId));
    expect(other.experiments()).toEqual(registry.experiments());
    expect(other.runsIn(["1"]).map((run) => run.runId)).not.toEqual(registry.runsIn(["1"]).map((run) => run.runId));
  });
});
