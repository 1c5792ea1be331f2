import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stopServices } from "../../testing/test-context";
import { MlflowTestClient, startMlflowTestServer, type MlflowTestServer, type RunWire } from "./test-client";

describe("MLflow transport, auth and errors", () => {
  let server: MlflowTestServer;
  beforeAll(async () => {
    server = await startMlflowTestServer();
  });
  afterAll(() => stopServices([server.service]));

  it("needs no credentials, accepts Basic, verifies Bearer tokens for ARM and answers 401 UNAUTHENTICATED otherwise", async () => {
    const path = "/registered-models/get";
    const fields = { name: "churn_xgb" };
    expect((await server.client.get(path, fields)).status).toBe(200);
    expect((await server.client.withHeaders({ authorization: `Basic ${Buffer.from("user:secret").toString("base64")}` }).get(path, fields)).status).toBe(200);
    expect((await server.client.withHeaders({ authorization: "Bearer test-token" }).get(path, fields)).status).toBe(200);
    const refused = await server.client.withHeaders({ authorization: "Bearer forged" }).get(path, fields);
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual({ error_code: "UNAUTHENTICATED", message: expect.stringContaining("not issued by this tenant") });
    expect((await server.client.withHeaders({ authorization: "Bearer" }).get(path, fields)).status).toBe(401);
  });

  it("checks bearer tokens for the ARM audience, as an Azure ML workspace does", async () => {
    const audiences: (readonly string[])[] = [];
    const original = server.context.tokens;
    server.context.tokens = {
      async verifyAccessToken(token, accepted) {
        audiences.push(accepted);
        return original.verifyAccessToken(token, accepted);
      },
    };
    try {
      await server.client.withHeaders({ authorization: "Bearer test-token" }).get("/experiments/search");
    } finally {
      server.context.tokens = original;
    }
    expect(audiences).toEqual([["https://management.azure.com/", "https://management.azure.com"]]);
  });

  it("serves the UI's /ajax-api prefix with the same answers", async () => {
    const ajax = new MlflowTestClient(server.service.url, {}, "/ajax-api/2.0/mlflow");
    const [api, ui] = await Promise.all([server.client.get("/registered-models/search"), ajax.get("/registered-models/search")]);
    expect(ui.status).toBe(200);
    expect(ui.text).toBe(api.text);
  });

  it("reads repeated GET fields from repeated keys and DELETE fields from the JSON body", async () => {
    const ordered = await server.client.get<{ registered_models?: { name: string }[] }>("/registered-models/search", { order_by: ["last_updated_timestamp ASC", "name DESC"] });
    expect(ordered.status).toBe(200);
    await server.client.send("POST", "/registered-models/alias", { name: "fraud_lgbm", alias: "shadow", version: "5" });
    const queryOnly = await fetch(`${server.service.url}/api/2.0/mlflow/registered-models/alias?name=fraud_lgbm&alias=shadow`, { method: "DELETE" });
    expect(queryOnly.status).toBe(400);
    expect(await queryOnly.json()).toMatchObject({ error_code: "INVALID_PARAMETER_VALUE", message: expect.stringContaining("'name'") });
    expect((await server.client.send("DELETE", "/registered-models/alias", { name: "fraud_lgbm", alias: "shadow" })).status).toBe(200);
    expect((await server.client.get("/registered-models/alias", { name: "fraud_lgbm", alias: "shadow" })).status).toBe(400);
  });

  it("requires JSON bodies declared as application/json, and answers malformed JSON with 400", async () => {
    const plain = await server.client.send("POST", "/runs/search", { experiment_ids: ["1"] }, "text/plain;charset=UTF-8");
    expect(plain.status).toBe(400);
    expect(plain.body.error_code).toBe("INVALID_PARAMETER_VALUE");
    const malformed = await server.client.send("POST", "/runs/search", "{not json");
    expect(malformed.status).toBe(400);
    expect(malformed.body.error_code).toEqual(expect.any(String));
    const notAnObject = await server.client.send("POST", "/runs/search", "[1, 2]");
    expect(notAnObject.status).toBe(400);
  });

  it("answers unknown endpoints with 404 ENDPOINT_NOT_FOUND", async () => {
    const response = await server.client.get("/registered-models/list");
    expect(response.status).toBe(404);
    expect(response.body.error_code).toBe("ENDPOINT_NOT_FOUND");
  });

  it("answers injected faults in MLflow's format: 429 with Retry-After, 5xx with their codes", async () => {
    server.context.faults.add("mlflow", { kind: "throttle", retryAfterSeconds: 3, count: 1 });
    server.context.faults.add("mlflow", { kind: "error", status: 503, count: 1 });
    server.context.faults.add("mlflow", { kind: "error", status: 500, count: 1 });
    const throttled = await server.client.get("/experiments/search");
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get("retry-after")).toBe("3");
    expect(throttled.body.error_code).toBe("REQUEST_LIMIT_EXCEEDED");
    const unavailable = await server.client.get("/experiments/search");
    expect([unavailable.status, unavailable.body.error_code]).toEqual([503, "TEMPORARILY_UNAVAILABLE"]);
    const internal = await server.client.get("/experiments/search");
    expect([internal.status, internal.body.error_code]).toEqual([500, "INTERNAL_ERROR"]);
    expect((await server.client.get("/experiments/search")).status).toBe(200);
  });
});

describe("determinism", () => {
  let first: MlflowTestServer;
  let second: MlflowTestServer;
  let otherSeed: MlflowTestServer;
  beforeAll(async () => {
    [first, second, otherSeed] = await Promise.all([startMlflowTestServer(), startMlflowTestServer(), startMlflowTestServer({ seed: "another-seed" })]);
  });
  afterAll(() => stopServices([first.service, second.service, otherSeed.service]));

  it("answers byte-identical bodies from two independent registries with the same seed and frozen clock", async () => {
    const experimentIds = first.registry.experiments().map((experiment) => experiment.experimentId);
    const calls = async (server: MlflowTestServer) => {
      const runs = await server.client.send<{ runs: RunWire[] }>("POST", "/runs/search", { experiment_ids: experimentIds, run_view_type: "ALL", max_results: 50_000 });
      const runId = runs.body.runs.find((run) => run.data.metrics?.some((metric) => metric.key === "train_logloss"))!.info.run_id;
      const texts = await Promise.all([
        server.client.get("/experiments/search", { view_type: "ALL" }),
        server.client.get("/registered-models/search"),
        server.client.get("/model-versions/search"),
        server.client.get("/runs/get", { run_id: runId }),
        server.client.get("/metrics/get-history", { run_id: runId, metric_key: "train_logloss" }),
      ]);
      return [runs.text, ...texts.map((response) => response.text)];
    };
    const [left, right, other] = await Promise.all([calls(first), calls(second), calls(otherSeed)]);
    expect(left.every((text) => text.length > 2)).toBe(true);
    expect(right).toEqual(left);
    expect(other[0]).not.toEqual(left[0]);
  });
});
