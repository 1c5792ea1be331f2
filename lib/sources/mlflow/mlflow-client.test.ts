import { describe, expect, it } from "vitest";
import { MlflowClient, MlflowError } from "./mlflow-client";

type Answer = { status: number; body: unknown; headers?: Record<string, string> };

function fakeMlflow(answers: Answer[]) {
  const calls: { url: URL; init: RequestInit }[] = [];
  const fetchImpl = (async (input: URL | RequestInfo, init?: RequestInit) => {
    calls.push({ url: new URL(String(input)), init: init ?? {} });
    const answer = answers.shift() ?? { status: 500, body: "no more answers" };
    const text = typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body);
    return new Response(text, { status: answer.status, headers: answer.headers });
  }) as typeof fetch;
  const client = new MlflowClient({ baseUrl: "https://mlflow.test", authorization: async () => "Bearer t0k", timeoutMs: 1000, fetch: fetchImpl });
  return { client, calls };
}

describe("MlflowClient", () => {
  it("sends GET fields in the query string (repeated keys for lists) with the Authorization header", async () => {
    const { client, calls } = fakeMlflow([{ status: 200, body: {} }]);
    const page = await client.searchRegisteredModels({ filter: "name LIKE '%churn%'", orderBy: ["name ASC", "last_updated_timestamp DESC"], maxResults: 50 });
    expect(page).toEqual({ registered_models: [], next_page_token: undefined });
    const { url, init } = calls[0]!;
    expect(url.pathname).toBe("/api/2.0/mlflow/registered-models/search");
    expect(url.searchParams.getAll("order_by")).toEqual(["name ASC", "last_updated_timestamp DESC"]);
    expect(url.searchParams.get("max_results")).toBe("50");
    expect((init.headers as Record<string, string>).authorization).toBe("Bearer t0k");
  });

  it("tolerates omitted empty fields, numeric versions, string int64 and NaN metrics", async () => {
    const { client } = fakeMlflow([
      { status: 200, body: { model_version: { name: "m", version: 3, creation_timestamp: "1700000000000" } } },
      { status: 200, body: { run: { info: { run_uuid: "r1", experiment_id: 7 }, data: { metrics: [{ key: "auc", value: "NaN", timestamp: 1 }] } } } },
    ]);
    const version = await client.getModelVersion("m", "3");
    expect(version).toMatchObject({ version: "3", creation_timestamp: 1700000000000, aliases: [], tags: [], status: "READY" });
    const run = await client.getRun("r1");
    expect(run.info).toMatchObject({ run_id: "r1", experiment_id: "7" });
    expect(Number.isNaN(run.data.metrics[0]!.value)).toBe(true);
    expect(run.inputs.dataset_inputs).toEqual([]);
    expect(run.data.params).toEqual([]);
  });

  it("posts JSON bodies for writes", async () => {
    const { client, calls } = fakeMlflow([{ status: 200, body: {} }]);
    await client.setAlias("churn_xgb", "challenger", "7");
    expect(calls[0]!.init.method).toBe("POST");
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual({ name: "churn_xgb", alias: "challenger", version: "7" });
  });

  it("retries 429 and 5xx, honouring Retry-After, then succeeds", async () => {
    const { client, calls } = fakeMlflow([
      { status: 429, body: { error_code: "REQUEST_LIMIT_EXCEEDED", message: "slow down" }, headers: { "retry-after": "0" } },
      { status: 503, body: "<html>gateway</html>", headers: { "retry-after": "0" } },
      { status: 200, body: { experiment: { experiment_id: "1", name: "e" } } },
    ]);
    expect((await client.getExperiment("1")).name).toBe("e");
    expect(calls).toHaveLength(3);
  });

  it("names MLflow's error code, and maps a proxy's non-JSON error from its status", async () => {
    const notFound = fakeMlflow([{ status: 404, body: { error_code: "RESOURCE_DOES_NOT_EXIST", message: "Registered Model with name=x not found" } }]);
    const error = await notFound.client.getRegisteredModel("x").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MlflowError);
    expect(error).toMatchObject({ upstream: "MLflow", status: 404, code: "RESOURCE_DOES_NOT_EXIST", transient: false });
    expect((error as Error).message).toContain("Registered Model with name=x not found");

    const proxy = fakeMlflow([{ status: 404, body: "Not Found" }]);
    await expect(proxy.client.getRegisteredModel("x")).rejects.toMatchObject({ code: "ENDPOINT_NOT_FOUND" });
  });

  it("does not retry a refused request, and reports an unexpected shape as such", async () => {
    const refused = fakeMlflow([{ status: 400, body: { error_code: "INVALID_PARAMETER_VALUE", message: "bad filter" } }, { status: 200, body: {} }]);
    await expect(refused.client.searchRuns(["1"], { filter: "oops" })).rejects.toMatchObject({ code: "INVALID_PARAMETER_VALUE" });
    expect(refused.calls).toHaveLength(1);

    const odd = fakeMlflow([{ status: 200, body: { registered_model: { description: "no name" } } }]);
    await expect(odd.client.getRegisteredModel("x")).rejects.toMatchObject({ code: "BAD_RESPONSE" });
  });

  it("keeps one deadline for a call: no retry after a hang, no wait for a Retry-After past it, nor for a token that never comes", async () => {
    let calls = 0;
    const hangs = ((_input: URL | RequestInfo, init?: RequestInit) => {
      calls++;
      return new Promise<Response>((_, reject) => init?.signal?.addEventListener("abort", () => reject(init.signal!.reason)));
    }) as typeof fetch;
    const hung = new MlflowClient({ baseUrl: "https://mlflow.test", authorization: async () => undefined, timeoutMs: 50, fetch: hangs });
    await expect(hung.getRun("r")).rejects.toMatchObject({ code: "DEADLINE_EXCEEDED" });
    expect(calls).toBe(1);

    const throttled = fakeMlflow([{ status: 429, body: { error_code: "REQUEST_LIMIT_EXCEEDED", message: "slow down" }, headers: { "retry-after": "20" } }, { status: 200, body: {} }]);
    const began = Date.now();
    await expect(throttled.client.searchRegisteredModels({})).rejects.toMatchObject({ status: 429 });
    expect(Date.now() - began).toBeLessThan(500);
    expect(throttled.calls).toHaveLength(1);

    const tokenless = new MlflowClient({ baseUrl: "https://mlflow.test", authorization: () => new Promise<string>(() => undefined), timeoutMs: 50, fetch: hangs });
    await expect(tokenless.getRun("r")).rejects.toMatchObject({ code: "TOKEN_UNAVAILABLE" });
  });

  it("follows metric history page tokens", async () => {
    const { client, calls } = fakeMlflow([
      { status: 200, body: { metrics: [{ key: "loss", value: 1, timestamp: 1, step: 0 }], next_page_token: "p2" } },
      { status: 200, body: { metrics: [{ key: "loss", value: 0.5, timestamp: 2, step: 1 }] } },
    ]);
    expect((await client.getMetricHistory("r", "loss")).map((point) => point.value)).toEqual([1, 0.5]);
    expect(calls[1]!.url.searchParams.get("page_token")).toBe("p2");
  });
});
