import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stopServices } from "../../testing/test-context";
import { encodePageToken } from "./paging";
import { metricValue, startMlflowTestServer, tagValue, type ExperimentWire, type MetricWire, type MlflowTestServer, type RunWire } from "./test-client";

type ExperimentsPage = { experiments?: ExperimentWire[]; next_page_token?: string };
type RunsPage = { runs?: RunWire[]; next_page_token?: string };

describe("MLflow tracking API", () => {
  let server: MlflowTestServer;
  let allExperimentIds: string[];
  let churnTraining: string;
  let churnSweeps: string;
  beforeAll(async () => {
    server = await startMlflowTestServer();
    allExperimentIds = server.registry.experiments().map((experiment) => experiment.experimentId);
    churnTraining = server.registry.experimentByName("/Shared/churn/xgb-training")!.experimentId;
    churnSweeps = server.registry.experimentByName("/Shared/churn/hyperparameter-sweeps")!.experimentId;
  });
  afterAll(() => stopServices([server.service]));

  const searchRuns = (body: Record<string, unknown>) => server.client.send<RunsPage>("POST", "/runs/search", body);
  const runsMatching = async (filter: string, experimentIds = allExperimentIds) => {
    const response = await searchRuns({ experiment_ids: experimentIds, filter });
    expect(response.status, response.text).toBe(200);
    return response.body.runs ?? [];
  };

  describe("experiments", () => {
    it("searches active experiments newest first, by GET and by POST alike", async () => {
      const byGet = await server.client.get<ExperimentsPage>("/experiments/search");
      const byPost = await server.client.send<ExperimentsPage>("POST", "/experiments/search", {});
      expect(byGet.status).toBe(200);
      expect(byPost.text).toBe(byGet.text);
      const experiments = byGet.body.experiments!;
      expect(experiments.length).toBeGreaterThanOrEqual(15);
      expect(experiments.every((experiment) => experiment.lifecycle_stage === "active")).toBe(true);
      const created = experiments.map((experiment) => experiment.creation_time!);
      expect(created).toEqual([...created].sort((left, right) => right - left));
      const churn = experiments.find((experiment) => experiment.name === "/Shared/churn/xgb-training")!;
      expect(churn).toMatchObject({ experiment_id: churnTraining, artifact_location: `mlflow-artifacts:/${churnTraining}`, creation_time: expect.any(Number), last_update_time: expect.any(Number) });
      expect(tagValue(churn.tags, "team")).toBe("retention-analytics");
      expect(byGet.body.next_page_token).toBeUndefined();
    });

    it("selects deleted experiments by view_type, filters by name and tags, and orders by name", async () => {
      const all = await server.client.get<ExperimentsPage>("/experiments/search", { view_type: "ALL" });
      const deleted = await server.client.get<ExperimentsPage>("/experiments/search", { view_type: "DELETED_ONLY" });
      expect(all.body.experiments).toHaveLength(allExperimentIds.length);
      expect(deleted.body.experiments?.map((experiment) => experiment.name)).toEqual(["/Shared/churn/legacy-logreg"]);
      const churn = await server.client.get<ExperimentsPage>("/experiments/search", { filter: "name LIKE '/Shared/churn/%'", order_by: ["name ASC"] });
      expect(churn.body.experiments?.map((experiment) => experiment.name)).toEqual([
        "/Shared/churn/fairness-audits",
        "/Shared/churn/feature-selection",
        "/Shared/churn/hyperparameter-sweeps",
        "/Shared/churn/xgb-training",
      ]);
      const fraud = await server.client.get<ExperimentsPage>("/experiments/search", { filter: "tags.team = 'fraud-analytics' AND name ILIKE '%SWEEPS'" });
      expect(fraud.body.experiments?.map((experiment) => experiment.name)).toEqual(["/Shared/fraud/sweeps"]);
      expect((await server.client.get("/experiments/search", { view_type: "SOME" })).status).toBe(400);
      expect((await server.client.get("/experiments/search", { filter: "metrics.auc > 1" })).status).toBe(400);
    });

    it("pages experiments with tokens", async () => {
      const names: string[] = [];
      let token: string | undefined;
      do {
        const page = await server.client.get<ExperimentsPage>("/experiments/search", { max_results: 4, ...(token ? { page_token: token } : {}) });
        names.push(...page.body.experiments!.map((experiment) => experiment.name));
        token = page.body.next_page_token;
      } while (token);
      const everything = await server.client.get<ExperimentsPage>("/experiments/search");
      expect(names).toEqual(everything.body.experiments!.map((experiment) => experiment.name));
    });

    it("gets an experiment by id and by name, and answers 404 for unknown ones", async () => {
      const byId = await server.client.get<{ experiment: ExperimentWire }>("/experiments/get", { experiment_id: churnTraining });
      const byName = await server.client.get<{ experiment: ExperimentWire }>("/experiments/get-by-name", { experiment_name: "/Shared/churn/xgb-training" });
      expect(byId.status).toBe(200);
      expect(byName.text).toBe(byId.text);
      const missing = await server.client.get("/experiments/get", { experiment_id: "987654" });
      expect(missing.status).toBe(404);
      expect(missing.body).toEqual({ error_code: "RESOURCE_DOES_NOT_EXIST", message: "No Experiment with id=987654 exists" });
      expect((await server.client.get("/experiments/get-by-name", { experiment_name: "/nope" })).body.error_code).toBe("RESOURCE_DOES_NOT_EXIST");
      const noParameter = await server.client.get("/experiments/get");
      expect(noParameter.status).toBe(400);
      expect(noParameter.body.error_code).toBe("INVALID_PARAMETER_VALUE");
    });
  });

  describe("runs/search", () => {
    it("answers full runs in the default order (start_time DESC, then run_id) with numbers as numbers", async () => {
      const runs = await runsMatching("", [churnTraining]);
      expect(runs).toHaveLength(server.registry.runsIn([churnTraining]).length);
      const starts = runs.map((run) => run.info.start_time!);
      expect(starts).toEqual([...starts].sort((left, right) => right - left));
      const run = runs.find((each) => each.info.status === "FINISHED")!;
      expect(run.info).toMatchObject({ run_id: expect.stringMatching(/^[0-9a-f]{32}$/), experiment_id: churnTraining, lifecycle_stage: "active", start_time: expect.any(Number), end_time: expect.any(Number) });
      expect(run.info.run_uuid).toBe(run.info.run_id);
      expect(run.info.artifact_uri).toBe(`mlflow-artifacts:/${churnTraining}/${run.info.run_id}/artifacts`);
      expect(metricValue(run, "auc")).toEqual(expect.any(Number));
      expect(run.data.params?.map((param) => param.key)).toEqual(expect.arrayContaining(["learning_rate", "max_depth", "n_estimators"]));
      expect(run.data.params?.every((param) => typeof param.value === "string")).toBe(true);
      for (const key of ["mlflow.runName", "mlflow.user", "mlflow.source.name", "mlflow.source.type", "mlflow.source.git.branch", "mlflow.source.git.repoURL"]) {
        expect(tagValue(run.data.tags, key), key).toEqual(expect.any(String));
      }
      expect(tagValue(run.data.tags, "mlflow.source.git.commit")).toMatch(/^[0-9a-f]{40}$/);
      const [training, evaluation] = run.inputs.dataset_inputs!;
      expect(tagValue(training!.tags, "mlflow.data.context")).toBe("training");
      expect(tagValue(evaluation!.tags, "mlflow.data.context")).toBe("eval");
      expect(training!.dataset).toMatchObject({ name: "churn_features", digest: expect.stringMatching(/^[0-9a-f]{8}$/), source_type: "delta_table" });
      expect(JSON.parse(training!.dataset.source)).toEqual({ path: "abfss://lake@telcodata.dfs.core.windows.net/gold/churn_features", delta_table_version: expect.any(Number) });
      expect(JSON.parse(training!.dataset.schema!).mlflow_colspec).toContainEqual({ type: "long", name: "tenure_months", required: true });
      expect(JSON.parse(training!.dataset.profile!)).toEqual({ approx_count: expect.any(Number) });
    });

    it("omits what is unset: a running run has no end_time, a sweep parent no inputs, an empty search is {}", async () => {
      const [running] = await runsMatching("attributes.status = 'RUNNING'");
      expect(running!.info.end_time).toBeUndefined();
      expect("end_time" in running!.info).toBe(false);
      const [parent] = await runsMatching("params.n_trials = '12'", [churnSweeps]);
      expect(parent!.inputs).toEqual({});
      const none = await searchRuns({ experiment_ids: [churnTraining], filter: "metrics.auc > 2" });
      expect(none.status).toBe(200);
      expect(none.text).toBe("{}");
      expect((await searchRuns({})).text).toBe("{}");
    });

    it("writes a failed run's NaN metric as the string \"NaN\"", async () => {
      // The usage-aggregates pipeline failed the last three nights; failed runs end on NaN.
      const failed = await runsMatching("attributes.status = 'FAILED'");
      expect(failed.length).toBeGreaterThanOrEqual(3);
      const lastValues = failed.map((run) => run.data.metrics?.[0]?.value);
      expect(lastValues.filter((value) => value !== undefined).every((value) => value === "NaN")).toBe(true);
      expect(lastValues).toContain("NaN");
      expect(failed.every((run) => metricValue(run, "auc") === undefined)).toBe(true);
      // The metric's history ends on the same string, as protobuf JSON writes a NaN double.
      const diverged = failed.find((run) => run.data.metrics?.[0]?.value === "NaN")!;
      const key = diverged.data.metrics![0]!.key;
      const history = await server.client.get<{ metrics?: MetricWire[] }>("/metrics/get-history", { run_id: diverged.info.run_id, metric_key: key });
      expect(history.body.metrics!.at(-1)!.value).toBe("NaN");
      expect(history.text).toContain('"value":"NaN"');
      expect(history.body.metrics!.slice(0, -1).every((point) => typeof point.value === "number")).toBe(true);
    });

    it.each([
      ["metrics.auc > 0.87", (run: RunWire) => Number(metricValue(run, "auc")) > 0.87],
      ["metrics.auc >= 0.85 AND params.max_depth = '6'", (run: RunWire) => Number(metricValue(run, "auc")) >= 0.85 && tagValue(run.data.params, "max_depth") === "6"],
      ["metrics.fairness_dp_diff <= 0.1 and metrics.robustness_score >= 0.95", (run: RunWire) => Number(metricValue(run, "fairness_dp_diff")) <= 0.1 && Number(metricValue(run, "robustness_score")) >= 0.95],
      ["metrics.shap_drift < 0.15", (run: RunWire) => Number(metricValue(run, "shap_drift")) < 0.15],
      // A run without the param does not match, not even a != comparison.
      ["params.learning_rate != '0.1'", (run: RunWire) => [undefined, "0.1"].every((excluded) => tagValue(run.data.params, "learning_rate") !== excluded)],
      ["params.objective LIKE 'binary%'", (run: RunWire) => tagValue(run.data.params, "objective")?.startsWith("binary") === true],
      ["attributes.run_name LIKE 'churn-xgb-%'", (run: RunWire) => run.info.run_name!.startsWith("churn-xgb-")],
      ["attributes.run_name ILIKE 'CHURN-XGB-%'", (run: RunWire) => run.info.run_name!.startsWith("churn-xgb-")],
      ["tags.`mlflow.source.git.branch` != 'main'", (run: RunWire) => tagValue(run.data.tags, "mlflow.source.git.branch") !== "main"],
      ["attributes.user_id = 'ana.silva@telco.example'", (run: RunWire) => run.info.user_id === "ana.silva@telco.example"],
      ["datasets.context = 'source'", (run: RunWire) => (run.inputs.dataset_inputs ?? []).some((input) => tagValue(input.tags, "mlflow.data.context") === "source")],
      ["datasets.name = 'fraud_transactions'", (run: RunWire) => (run.inputs.dataset_inputs ?? []).some((input) => input.dataset.name === "fraud_transactions")],
    ])("filters %s", async (filter, holds) => {
      const runs = await runsMatching(filter);
      expect(runs.length).toBeGreaterThan(0);
      expect(runs.every(holds)).toBe(true);
      const everything = await runsMatching("");
      expect(runs.length).toBe(everything.filter(holds).length);
    });

    it("finds a sweep's children through the parentRunId tag in any quoting", async () => {
      const [parent] = await runsMatching("params.n_trials = '12'", [churnSweeps]);
      const forms = [`tags."mlflow.parentRunId" = '${parent!.info.run_id}'`, `tags.\`mlflow.parentRunId\` = '${parent!.info.run_id}'`, `tags.mlflow.parentRunId = "${parent!.info.run_id}"`];
      const results = await Promise.all(forms.map((filter) => runsMatching(filter, [churnSweeps])));
      for (const children of results) {
        expect(children).toHaveLength(12);
        expect(children.every((child) => tagValue(child.data.tags, "mlflow.parentRunId") === parent!.info.run_id)).toBe(true);
      }
    });

    it("filters by run id lists and start time", async () => {
      const some = (await runsMatching("", [churnTraining])).slice(3, 6);
      const ids = some.map((run) => run.info.run_id);
      const listed = await runsMatching(`attributes.run_id IN ('${ids.join("', '")}')`);
      expect(listed.map((run) => run.info.run_id)).toEqual(ids);
      const notListed = await runsMatching(`attributes.run_id NOT IN ('${ids.join("', '")}')`, [churnTraining]);
      expect(notListed.map((run) => run.info.run_id)).not.toContain(ids[0]);
      const since = some[1]!.info.start_time!;
      const recent = await runsMatching(`attributes.start_time >= ${since}`, [churnTraining]);
      expect(recent.every((run) => run.info.start_time! >= since)).toBe(true);
      expect(recent.map((run) => run.info.run_id)).toContain(ids[1]);
    });

    it.each([
      "metrics.auc > 0.8 OR metrics.auc < 0.5",
      "metrics.auc > 'high'",
      "params.max_depth > 5",
      "attributes.colour = 'blue'",
      "things.auc = 1",
      "tags.team IN ('a')",
      "attributes.status = ('FINISHED')",
      "metrics.auc >",
    ])("refuses the invalid filter %s with 400 INVALID_PARAMETER_VALUE", async (filter) => {
      const response = await searchRuns({ experiment_ids: [churnTraining], filter });
      expect(response.status).toBe(400);
      expect(response.body.error_code).toBe("INVALID_PARAMETER_VALUE");
      expect(response.body.message).toEqual(expect.any(String));
    });

    it("orders by metrics with missing values last, by attributes and by params", async () => {
      const byAuc = await searchRuns({ experiment_ids: [churnTraining], order_by: ["metrics.auc DESC"] });
      const aucs = byAuc.body.runs!.map((run) => metricValue(run, "auc"));
      const present = aucs.filter((auc): auc is number => typeof auc === "number");
      expect(present).toEqual([...present].sort((left, right) => right - left));
      expect(aucs.slice(present.length).every((auc) => auc === undefined)).toBe(true);
      const oldestFirst = await searchRuns({ experiment_ids: [churnTraining], order_by: ["attributes.start_time ASC"] });
      const starts = oldestFirst.body.runs!.map((run) => run.info.start_time!);
      expect(starts).toEqual([...starts].sort((left, right) => left - right));
      const byDepth = await searchRuns({ experiment_ids: [churnTraining], order_by: ["params.max_depth ASC", "metrics.auc DESC"] });
      const depths = byDepth.body.runs!.map((run) => tagValue(run.data.params, "max_depth")!);
      expect(depths).toEqual([...depths].sort());
      expect((await searchRuns({ experiment_ids: [churnTraining], order_by: ["metrics.auc SIDEWAYS"] })).status).toBe(400);
    });

    it("pages through every run with tokens, and refuses bad tokens and page sizes", async () => {
      const seen: string[] = [];
      let token: string | undefined;
      let pages = 0;
      do {
        const page = await searchRuns({ experiment_ids: allExperimentIds, run_view_type: "ALL", max_results: 100, page_token: token });
        expect(page.status).toBe(200);
        seen.push(...page.body.runs!.map((run) => run.info.run_id));
        token = page.body.next_page_token;
        pages += 1;
      } while (token);
      expect(new Set(seen).size).toBe(server.registry.counts().runs);
      expect(pages).toBe(Math.ceil(server.registry.counts().runs / 100));
      const active = await searchRuns({ experiment_ids: allExperimentIds });
      expect(active.body.runs!.length).toBeLessThan(seen.length);
      expect(active.body.runs!.every((run) => run.info.lifecycle_stage === "active")).toBe(true);
      for (const badToken of ["not-base64!", Buffer.from("not json").toString("base64"), encodePageToken(0), Buffer.from('{"offset": "x"}').toString("base64")]) {
        const response = await searchRuns({ experiment_ids: allExperimentIds, page_token: badToken });
        expect(response.status, badToken).toBe(400);
        expect(response.body.error_code).toBe("INVALID_PARAMETER_VALUE");
      }
      expect(encodePageToken(100)).toBe(Buffer.from('{"offset": 100}').toString("base64"));
      expect((await searchRuns({ experiment_ids: [churnTraining], max_results: 50_001 })).status).toBe(400);
      expect((await searchRuns({ experiment_ids: [churnTraining], max_results: 0 })).status).toBe(400);
      expect((await searchRuns({ experiment_ids: [churnTraining], max_results: "50000" })).status).toBe(200);
    });
  });

  describe("runs/get and metrics/get-history", () => {
    it("gets a run with the latest value of each metric, by run_id or run_uuid", async () => {
      const [searched] = await runsMatching("attributes.run_name = 'churn-xgb-device-financing'", [churnTraining]);
      const got = await server.client.get<{ run: RunWire }>("/runs/get", { run_id: searched!.info.run_id });
      expect(got.status).toBe(200);
      expect(got.body.run).toEqual(searched);
      const byUuid = await server.client.get<{ run: RunWire }>("/runs/get", { run_uuid: searched!.info.run_id });
      expect(byUuid.text).toBe(got.text);
      const missing = await server.client.get("/runs/get", { run_id: "0".repeat(32) });
      expect(missing.status).toBe(404);
      expect(missing.body).toEqual({ error_code: "RESOURCE_DOES_NOT_EXIST", message: `Run with id=${"0".repeat(32)} not found` });
    });

    it("returns every step of a metric's history, pages it on request, and {} for a metric never logged", async () => {
      const [run] = await runsMatching("attributes.run_name = 'churn-xgb-quarterly-retrain'", [churnTraining]);
      const history = await server.client.get<{ metrics?: MetricWire[]; next_page_token?: string }>("/metrics/get-history", { run_id: run!.info.run_id, metric_key: "val_auc" });
      const points = history.body.metrics!;
      expect(points.length).toBeGreaterThanOrEqual(8);
      expect(points.map((point) => point.step)).toEqual(points.map((_, index) => index));
      expect(points.every((point) => point.key === "val_auc" && typeof point.value === "number" && typeof point.timestamp === "number")).toBe(true);
      expect(points.at(-1)!.value).toBe(metricValue(run!, "val_auc"));
      expect(history.body.next_page_token).toBeUndefined();
      const firstPage = await server.client.get<{ metrics?: MetricWire[]; next_page_token?: string }>("/metrics/get-history", { run_id: run!.info.run_id, metric_key: "val_auc", max_results: 3 });
      expect(firstPage.body.metrics).toEqual(points.slice(0, 3));
      const secondPage = await server.client.get<{ metrics?: MetricWire[] }>("/metrics/get-history", { run_id: run!.info.run_id, metric_key: "val_auc", max_results: 3, page_token: firstPage.body.next_page_token! });
      expect(secondPage.body.metrics).toEqual(points.slice(3, 6));
      const single = await server.client.get<{ metrics?: MetricWire[] }>("/metrics/get-history", { run_id: run!.info.run_id, metric_key: "auc" });
      expect(single.body.metrics).toEqual([expect.objectContaining({ key: "auc", value: metricValue(run!, "auc"), step: 0 })]);
      expect((await server.client.get("/metrics/get-history", { run_id: run!.info.run_id, metric_key: "never_logged" })).text).toBe("{}");
      // Like MLflow 2.10.2: the history of a run that does not exist is empty, not a 404.
      const unknownRun = await server.client.get("/metrics/get-history", { run_id: "f".repeat(32), metric_key: "auc" });
      expect([unknownRun.status, unknownRun.text]).toEqual([200, "{}"]);
      expect((await server.client.get("/metrics/get-history", { run_id: run!.info.run_id })).status).toBe(400);
    });
  });
});
