import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { XSS_DESCRIPTION_PAYLOAD } from "../../scenario/registry/catalog-models";
import { stopServices } from "../../testing/test-context";
import { startMlflowTestServer, tagValue, type MlflowTestServer, type ModelVersionWire, type RegisteredModelWire } from "./test-client";

type ModelsPage = { registered_models?: RegisteredModelWire[]; next_page_token?: string };
type VersionsPage = { model_versions?: ModelVersionWire[]; next_page_token?: string };

describe("MLflow model registry API", () => {
  let server: MlflowTestServer;
  beforeAll(async () => {
    server = await startMlflowTestServer();
  });
  // Mutations are undone the way the control API undoes them.
  afterEach(() => server.context.onReset.forEach((reset) => reset()));
  afterAll(() => stopServices([server.service]));

  const searchModels = (fields: Record<string, string | number | string[]> = {}) => server.client.get<ModelsPage>("/registered-models/search", fields);
  const searchVersions = (fields: Record<string, string | number | string[]> = {}) => server.client.get<VersionsPage>("/model-versions/search", fields);
  const getVersion = (name: string, version: string) => server.client.get<{ model_version: ModelVersionWire }>("/model-versions/get", { name, version });
  const getAlias = (name: string, alias: string) => server.client.get<{ model_version: ModelVersionWire }>("/registered-models/alias", { name, alias });

  describe("registered models", () => {
    it("searches by name with latest versions per stage and aliases", async () => {
      const response = await searchModels();
      expect(response.status).toBe(200);
      const models = response.body.registered_models!;
      const names = models.map((model) => model.name);
      expect(names).toEqual([...names].sort());
      expect(names).toEqual(expect.arrayContaining(["churn_xgb", "fraud_lgbm", "ltv_regressor"]));
      expect(response.body.next_page_token).toBeUndefined();
      const churn = models.find((model) => model.name === "churn_xgb")!;
      expect(churn).toMatchObject({ creation_timestamp: expect.any(Number), last_updated_timestamp: expect.any(Number), user_id: "ana.silva@telco.example" });
      expect(churn.aliases).toEqual([{ alias: "champion", version: "6" }]);
      expect(churn.latest_versions?.map((version) => [version.version, version.current_stage])).toEqual([
        ["8", "None"],
        ["6", "Production"],
        ["5", "Archived"],
      ]);
      // Like MLflow 2.10.2 (mlflow#16734): the model lists its aliases, its latest versions do not.
      expect(churn.latest_versions?.every((version) => !("aliases" in version))).toBe(true);
      expect(tagValue(churn.tags, "team")).toBe("retention-analytics");
      const noDescription = models.find((model) => model.name === "capacity_forecast_prophet")!;
      expect("description" in noDescription).toBe(false);
    });

    it.each([
      ["name LIKE '%churn%'", ["churn_xgb"]],
      ["name = 'fraud_lgbm'", ["fraud_lgbm"]],
      ["name ILIKE '%PROPHET'", ["call_volume_prophet", "capacity_forecast_prophet"]],
      ["name != 'churn_xgb' AND tags.team = 'network-analytics'", ["capacity_forecast_prophet", "network_anomaly_iforest"]],
      ["tags.domain = 'ltv'", ["ltv_regressor"]],
      ["tags.`cost_center` LIKE 'CC-4%'", ["churn_xgb", "fraud_lgbm", "ltv_regressor"]],
    ])("filters %s", async (filter, expected) => {
      const response = await searchModels({ filter });
      expect(response.body.registered_models?.map((model) => model.name)).toEqual(expected);
    });

    it("orders, pages, limits and refuses bad filters", async () => {
      const recent = await searchModels({ order_by: ["last_updated_timestamp DESC"] });
      const updated = recent.body.registered_models!.map((model) => model.last_updated_timestamp!);
      expect(updated).toEqual([...updated].sort((left, right) => right - left));
      const names: string[] = [];
      let token: string | undefined;
      do {
        const page = await searchModels({ max_results: 2, ...(token ? { page_token: token } : {}) });
        names.push(...page.body.registered_models!.map((model) => model.name));
        token = page.body.next_page_token;
      } while (token);
      expect(names).toEqual((await searchModels()).body.registered_models!.map((model) => model.name));
      expect((await searchModels({ max_results: 1001 })).status).toBe(400);
      expect((await searchModels({ max_results: 1000 })).status).toBe(200);
      expect((await searchModels({ filter: "name = 'nothing'" })).text).toBe("{}");
      for (const filter of ["metrics.auc > 0.8", "name > 'a'", "version = '1'", "name = 'a' OR name = 'b'"]) {
        const response = await searchModels({ filter });
        expect(response.status, filter).toBe(400);
        expect(response.body.error_code).toBe("INVALID_PARAMETER_VALUE");
      }
      expect((await searchModels({ order_by: ["owner ASC"] })).status).toBe(400);
    });

    it("gets a model, whose Markdown description carries the HTML payload verbatim", async () => {
      const response = await server.client.get<{ registered_model: RegisteredModelWire }>("/registered-models/get", { name: "churn_xgb" });
      expect(response.status).toBe(200);
      expect(response.body.registered_model.description).toContain(XSS_DESCRIPTION_PAYLOAD);
      expect(response.body.registered_model.description).toMatch(/^## Churn propensity/);
      const missing = await server.client.get("/registered-models/get", { name: "no_such_model" });
      expect(missing.status).toBe(404);
      expect(missing.body).toEqual({ error_code: "RESOURCE_DOES_NOT_EXIST", message: "Registered Model with name=no_such_model not found" });
    });

    it("sets and deletes model tags", async () => {
      expect((await server.client.send("POST", "/registered-models/set-tag", { name: "churn_xgb", key: "review", value: "due" })).text).toBe("{}");
      await server.client.send("POST", "/registered-models/set-tag", { name: "churn_xgb", key: "team", value: "retention" });
      let model = (await server.client.get<{ registered_model: RegisteredModelWire }>("/registered-models/get", { name: "churn_xgb" })).body.registered_model;
      expect(tagValue(model.tags, "review")).toBe("due");
      expect(tagValue(model.tags, "team")).toBe("retention");
      expect((await searchModels({ filter: "tags.review = 'due'" })).body.registered_models?.map((each) => each.name)).toEqual(["churn_xgb"]);
      expect((await server.client.send("DELETE", "/registered-models/delete-tag", { name: "churn_xgb", key: "review" })).status).toBe(200);
      model = (await server.client.get<{ registered_model: RegisteredModelWire }>("/registered-models/get", { name: "churn_xgb" })).body.registered_model;
      expect(tagValue(model.tags, "review")).toBeUndefined();
      expect((await server.client.send("POST", "/registered-models/set-tag", { name: "nope", key: "a", value: "b" })).status).toBe(404);
      expect((await server.client.send("POST", "/registered-models/set-tag", { name: "churn_xgb", key: "a" })).status).toBe(400);
      expect((await server.client.send("POST", "/registered-models/set-tag", { name: "churn_xgb", key: "bad|key", value: "b" })).status).toBe(400);
    });

    it("answers get-latest-versions per stage", async () => {
      const production = await server.client.send<VersionsPage>("POST", "/registered-models/get-latest-versions", { name: "churn_xgb", stages: ["production"] });
      expect(production.body.model_versions?.map((version) => version.version)).toEqual(["6"]);
      const all = await server.client.get<VersionsPage>("/registered-models/get-latest-versions", { name: "churn_xgb" });
      expect(all.body.model_versions?.map((version) => version.version)).toEqual(["8", "6", "5"]);
      expect((await server.client.get("/registered-models/get-latest-versions", { name: "churn_xgb", stages: "Nowhere" })).status).toBe(400);
    });
  });

  describe("model versions", () => {
    it("searches a model's versions, newest update first, with string versions", async () => {
      const response = await searchVersions({ filter: "name = 'churn_xgb'" });
      const versions = response.body.model_versions!;
      expect(versions).toHaveLength(8);
      const updated = versions.map((version) => version.last_updated_timestamp!);
      expect(updated).toEqual([...updated].sort((left, right) => right - left));
      const v6 = versions.find((version) => version.version === "6")!;
      expect(v6).toMatchObject({
        name: "churn_xgb",
        status: "READY",
        current_stage: "Production",
        creation_timestamp: expect.any(Number),
        run_id: expect.stringMatching(/^[0-9a-f]{32}$/),
        source: expect.stringMatching(/^models:\/m-[0-9a-f]{32}$/),
        model_id: expect.stringMatching(/^m-[0-9a-f]{32}$/),
        run_link: expect.stringContaining(`/runs/${v6.run_id}`),
        user_id: "ana.silva@telco.example",
      });
      expect(tagValue(v6.tags, "validation_status")).toBe("passed");
      const v1 = versions.find((version) => version.version === "1")!;
      expect(v1.source).toBe(`runs:/${v1.run_id}/model`);
      expect("model_id" in v1).toBe(false);
    });

    it.each([
      ["tags.validation_status = 'needs_review'", ["churn_xgb/8"]],
      ["name = 'call_volume_prophet' AND version_number >= 2", ["call_volume_prophet/3", "call_volume_prophet/2"]],
      ["name LIKE 'fraud%' AND source_path LIKE 'runs:/%'", ["fraud_lgbm/3", "fraud_lgbm/2", "fraud_lgbm/1"]],
    ])("filters %s", async (filter, expected) => {
      const response = await searchVersions({ filter, order_by: ["version_number DESC"] });
      expect(response.body.model_versions?.map((version) => `${version.name}/${version.version}`)).toEqual(expected);
    });

    it("filters by run id and run id lists, orders by version number, and pages", async () => {
      const [v6, v7] = await Promise.all([getVersion("churn_xgb", "6"), getVersion("churn_xgb", "7")]);
      const byRun = await searchVersions({ filter: `run_id = '${v7.body.model_version.run_id}'` });
      expect(byRun.body.model_versions?.map((version) => version.version)).toEqual(["7"]);
      const byRuns = await searchVersions({ filter: `run_id IN ('${v6.body.model_version.run_id}', '${v7.body.model_version.run_id}')`, order_by: ["version_number ASC"] });
      expect(byRuns.body.model_versions?.map((version) => version.version)).toEqual(["6", "7"]);
      const all = await searchVersions();
      expect(all.body.model_versions).toHaveLength(server.registry.counts().modelVersions);
      const firstPage = await searchVersions({ max_results: 10 });
      expect(firstPage.body.model_versions).toEqual(all.body.model_versions!.slice(0, 10));
      const secondPage = await searchVersions({ max_results: 10, page_token: firstPage.body.next_page_token! });
      expect(secondPage.body.model_versions).toEqual(all.body.model_versions!.slice(10, 20));
      expect((await searchVersions({ filter: "name IN ('churn_xgb')" })).status).toBe(400);
      expect((await searchVersions({ max_results: 200_001 })).status).toBe(400);
    });

    it("gets a version, its download URI, and answers 404 or 400 for unknown or malformed versions", async () => {
      const v7 = await getVersion("churn_xgb", "7");
      expect(v7.status).toBe(200);
      expect(v7.body.model_version).toMatchObject({ name: "churn_xgb", version: "7", status: "READY" });
      const uri = await server.client.get<{ artifact_uri: string }>("/model-versions/get-download-uri", { name: "churn_xgb", version: "7" });
      expect(uri.body.artifact_uri).toBe(`mlflow-artifacts:/1/models/${v7.body.model_version.model_id}/artifacts`);
      const failed = await getVersion("call_volume_prophet", "3");
      expect(failed.body.model_version).toMatchObject({ status: "FAILED_REGISTRATION", status_message: expect.stringContaining("AuthorizationPermissionMismatch") });
      const missing = await getVersion("churn_xgb", "99");
      expect(missing.status).toBe(404);
      expect(missing.body).toEqual({ error_code: "RESOURCE_DOES_NOT_EXIST", message: "Model Version (name=churn_xgb, version=99) not found" });
      expect((await getVersion("no_model", "1")).status).toBe(404);
      expect((await getVersion("churn_xgb", "seven")).body.error_code).toBe("INVALID_PARAMETER_VALUE");
    });

    it("updates a description with PATCH and stamps last_updated_timestamp", async () => {
      const response = await server.client.send<{ model_version: ModelVersionWire }>("PATCH", "/model-versions/update", { name: "churn_xgb", version: "7", description: "**Ready** for review" });
      expect(response.status).toBe(200);
      expect(response.body.model_version).toMatchObject({ version: "7", description: "**Ready** for review", last_updated_timestamp: server.context.clock.now().getTime() });
      expect((await getVersion("churn_xgb", "7")).body.model_version.description).toBe("**Ready** for review");
    });

    it("sets and deletes version tags", async () => {
      await server.client.send("POST", "/model-versions/set-tag", { name: "churn_xgb", version: "7", key: "stagegate.approval", value: "pending" });
      expect(tagValue((await getVersion("churn_xgb", "7")).body.model_version.tags, "stagegate.approval")).toBe("pending");
      expect((await searchVersions({ filter: "tags.`stagegate.approval` = 'pending'" })).body.model_versions?.map((version) => version.version)).toEqual(["7"]);
      await server.client.send("DELETE", "/model-versions/delete-tag", { name: "churn_xgb", version: "7", key: "stagegate.approval" });
      expect(tagValue((await getVersion("churn_xgb", "7")).body.model_version.tags, "stagegate.approval")).toBeUndefined();
      expect((await server.client.send("POST", "/model-versions/set-tag", { name: "churn_xgb", version: "42", key: "a", value: "b" })).status).toBe(404);
    });
  });

  describe("aliases", () => {
    it("answers like MLflow 2.10.2: aliases on the model, model-versions/get and alias lookups, never on listed versions (mlflow#16734)", async () => {
      await server.client.send("POST", "/registered-models/alias", { name: "churn_xgb", alias: "challenger", version: "7" });
      const searched = (await searchVersions({ filter: "name = 'churn_xgb'" })).body.model_versions!;
      expect(searched).toHaveLength(8);
      expect(searched.filter((version) => "aliases" in version)).toEqual([]);
      const latest = await server.client.get<VersionsPage>("/registered-models/get-latest-versions", { name: "churn_xgb" });
      expect(latest.body.model_versions?.filter((version) => "aliases" in version)).toEqual([]);
      const got = (await server.client.get<{ registered_model: RegisteredModelWire }>("/registered-models/get", { name: "churn_xgb" })).body.registered_model;
      const fromSearch = (await searchModels({ filter: "name = 'churn_xgb'" })).body.registered_models![0]!;
      for (const model of [got, fromSearch]) {
        expect(model.aliases).toEqual([
          { alias: "challenger", version: "7" },
          { alias: "champion", version: "6" },
        ]);
        expect(model.latest_versions?.length).toBeGreaterThan(0);
        expect(model.latest_versions?.filter((version) => "aliases" in version)).toEqual([]);
      }
      expect((await getVersion("churn_xgb", "6")).body.model_version.aliases).toEqual(["champion"]);
      expect((await getVersion("churn_xgb", "7")).body.model_version.aliases).toEqual(["challenger"]);
      expect((await getAlias("churn_xgb", "challenger")).body.model_version.aliases).toEqual(["challenger"]);
    });

    it("gets, sets, moves and deletes aliases", async () => {
      expect((await getAlias("churn_xgb", "champion")).body.model_version).toMatchObject({ version: "6", aliases: ["champion"] });
      expect((await server.client.send("POST", "/registered-models/alias", { name: "churn_xgb", alias: "challenger", version: "7" })).text).toBe("{}");
      expect((await getAlias("churn_xgb", "challenger")).body.model_version.version).toBe("7");
      await server.client.send("POST", "/registered-models/alias", { name: "churn_xgb", alias: "champion", version: "7" });
      expect((await getVersion("churn_xgb", "7")).body.model_version.aliases).toEqual(["challenger", "champion"]);
      expect("aliases" in (await getVersion("churn_xgb", "6")).body.model_version).toBe(false);
      const model = await server.client.get<{ registered_model: RegisteredModelWire }>("/registered-models/get", { name: "churn_xgb" });
      expect(model.body.registered_model.aliases).toEqual([
        { alias: "challenger", version: "7" },
        { alias: "champion", version: "7" },
      ]);
      expect((await server.client.send("DELETE", "/registered-models/alias", { name: "churn_xgb", alias: "challenger" })).text).toBe("{}");
      const gone = await getAlias("churn_xgb", "challenger");
      expect(gone.status).toBe(400);
      expect(gone.body).toEqual({ error_code: "INVALID_PARAMETER_VALUE", message: "Registered model alias challenger not found." });
    });

    it("refuses aliases on unknown models or versions and reserved names", async () => {
      expect((await server.client.send("POST", "/registered-models/alias", { name: "churn_xgb", alias: "challenger", version: "99" })).body.error_code).toBe("RESOURCE_DOES_NOT_EXIST");
      expect((await server.client.send("POST", "/registered-models/alias", { name: "nope", alias: "challenger", version: "1" })).status).toBe(404);
      for (const alias of ["latest", "v3", "bad alias"]) {
        expect((await server.client.send("POST", "/registered-models/alias", { name: "churn_xgb", alias, version: "7" })).status, alias).toBe(400);
      }
      expect((await getAlias("nope", "champion")).status).toBe(404);
    });

    it("restores the initial aliases, tags and descriptions on reset", async () => {
      await server.client.send("POST", "/registered-models/alias", { name: "churn_xgb", alias: "champion", version: "8" });
      await server.client.send("PATCH", "/model-versions/update", { name: "churn_xgb", version: "8", description: "changed" });
      server.context.onReset.forEach((reset) => reset());
      expect((await getAlias("churn_xgb", "champion")).body.model_version.version).toBe("6");
      expect((await getVersion("churn_xgb", "8")).body.model_version.description).toMatch(/^Focal loss/);
    });
  });
});
