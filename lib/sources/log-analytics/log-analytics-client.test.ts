import { createHttpHeaders, type HttpClient, type PipelineRequest, type PipelineResponse } from "@azure/core-rest-pipeline";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { LogAnalyticsClient, LogAnalyticsError } from "./log-analytics-client";
import { logsColumn } from "./log-analytics-rows";

type Answer = { status: number; body?: unknown; headers?: Record<string, string> } | "hang";

/** A transport answering from a script, recording what was sent. */
function scriptedTransport(answers: Answer[]) {
  const sent: { url: string; body: unknown; authorization: string | undefined; prefer: string | undefined }[] = [];
  const httpClient: HttpClient = {
    async sendRequest(request: PipelineRequest): Promise<PipelineResponse> {
      sent.push({ url: request.url, body: JSON.parse(String(request.body)), authorization: request.headers.get("authorization"), prefer: request.headers.get("prefer") });
      const answer = answers.shift() ?? { status: 500, body: { error: { code: "NoMoreAnswers", message: "script exhausted" } } };
      if (answer === "hang") {
        return new Promise((_, reject) => request.abortSignal?.addEventListener("abort", () => reject(Object.assign(new Error("aborted"), { name: "AbortError" }))));
      }
      const text = answer.body === undefined ? "" : typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body);
      const contentType = typeof answer.body === "string" ? "text/html" : "application/json";
      return { request, status: answer.status, headers: createHttpHeaders({ "content-type": contentType, ...answer.headers }), bodyAsText: text };
    },
  };
  return { httpClient, sent };
}

const credential = { getToken: async () => ({ token: "token-for-logs", expiresOnTimestamp: Date.now() + 3_600_000 }) };

function client(answers: Answer[], timeoutMs = 2000) {
  const transport = scriptedTransport(answers);
  const logs = new LogAnalyticsClient({ endpoint: "https://logs.example.test/", workspaceId: "ws-guid", credential, timeoutMs, httpClient: transport.httpClient });
  return { logs, sent: transport.sent };
}

const row = z.object({ Deployment: logsColumn.string, Requests: logsColumn.long, P95Ms: logsColumn.real });
const query = { name: "armStats", text: "AppRequests | take 1", timespan: { from: new Date("2026-11-20T11:45:00Z"), to: new Date("2026-11-20T12:00:00Z") }, row };
const table = {
  name: "PrimaryResult",
  columns: [
    { name: "P95Ms", type: "real" },
    { name: "Deployment", type: "string" },
    { name: "Requests", type: "long" },
  ],
  rows: [
    [80.5, "blue", 5400],
    [91, "green", 600],
  ],
};

describe("LogAnalyticsClient", () => {
  it("posts the query with its timespan to /v1/workspaces/{id}/query with a bearer token, and maps rows by column name", async () => {
    const { logs, sent } = client([{ status: 200, body: { tables: [table] } }]);
    await expect(logs.query(query)).resolves.toEqual([
      { Deployment: "blue", Requests: 5400, P95Ms: 80.5 },
      { Deployment: "green", Requests: 600, P95Ms: 91 },
    ]);
    expect(sent).toEqual([
      {
        url: "https://logs.example.test/v1/workspaces/ws-guid/query",
        body: { query: "AppRequests | take 1", timespan: "2026-11-20T11:45:00.000Z/2026-11-20T12:00:00.000Z" },
        authorization: "Bearer token-for-logs",
        prefer: undefined,
      },
    ]);
  });

  it("treats a partial result as a failure: rows cut by a limit would make sums wrong", async () => {
    const partial = { tables: [table], error: { code: "PartialError", message: "There were some errors", details: [{ code: "EngineError", message: "Query result set has exceeded the internal record count limit" }] } };
    const { logs } = client([{ status: 200, body: partial }]);
    const error = await logs.query(query).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LogAnalyticsError);
    expect(error).toMatchObject({ upstream: "Log Analytics", code: "PartialError", transient: false });
    expect((error as Error).message).toContain("record count limit");
  });

  it("names the service's error code and inner message on a refusal, without retrying it", async () => {
    const refusal = { error: { code: "BadArgumentError", message: "The request had some invalid properties", innererror: { code: "SemanticError", message: "'NoSuchColumn' does not refer to any known column" } } };
    const { logs, sent } = client([{ status: 400, body: refusal }]);
    await expect(logs.query(query)).rejects.toMatchObject({
      name: "LogAnalyticsError",
      status: 400,
      code: "BadArgumentError/SemanticError",
      transient: false,
      message: expect.stringContaining("'NoSuchColumn' does not refer to any known column"),
    });
    expect(sent).toHaveLength(1);
  });

  it("retries 429 and 5xx honouring Retry-After, then gives up with a transient error", async () => {
    const throttled = { status: 429, body: { error: { code: "ThrottledError", message: "Too many requests" } }, headers: { "retry-after": "0" } };
    const recovered = client([throttled, { status: 200, body: { tables: [table] } }]);
    await expect(recovered.logs.query(query)).resolves.toHaveLength(2);
    expect(recovered.sent).toHaveLength(2);

    const down = client([{ status: 503, body: "<html>Service Unavailable</html>", headers: { "retry-after": "0" } }, { status: 503, body: "<html>Service Unavailable</html>", headers: { "retry-after": "0" } }, { status: 503, body: "<html>Service Unavailable</html>", headers: { "retry-after": "0" } }]);
    await expect(down.logs.query(query)).rejects.toMatchObject({ status: 503, code: "HTTP_503", transient: true });
    expect(down.sent).toHaveLength(3);
  });

  it("gives up at its time limit with a transient error", async () => {
    const { logs } = client(["hang"], 100);
    await expect(logs.query(query)).rejects.toMatchObject({ code: "DEADLINE_EXCEEDED", transient: true, message: expect.stringContaining("within 100 ms") });
  });

  it("reads 204 (a workspace holding no data) as no rows, and refuses rows of an unexpected shape", async () => {
    await expect(client([{ status: 204 }]).logs.query(query)).resolves.toEqual([]);
    const wrong = { tables: [{ ...table, rows: [[80.5, "blue", "lots"]] }] };
    await expect(client([{ status: 200, body: wrong }]).logs.query(query)).rejects.toMatchObject({ code: "BAD_RESPONSE", message: expect.stringContaining("row 0, Requests") });
  });

  it("gives up at its time limit when Entra ID never issues the token", async () => {
    const hanging = { getToken: () => new Promise<null>(() => undefined) };
    const transport = scriptedTransport([]);
    const logs = new LogAnalyticsClient({ endpoint: "https://logs.example.test", workspaceId: "ws", credential: hanging, timeoutMs: 100, httpClient: transport.httpClient });
    await expect(logs.query(query)).rejects.toMatchObject({ code: "DEADLINE_EXCEEDED", transient: true });
    expect(transport.sent).toHaveLength(0);
  });

  it("says when no token could be had", async () => {
    const failing = { getToken: async () => Promise.reject(Object.assign(new Error("AADSTS7000215: Invalid client secret provided."), { name: "AuthenticationError" })) };
    const transport = scriptedTransport([]);
    const logs = new LogAnalyticsClient({ endpoint: "https://logs.example.test", workspaceId: "ws", credential: failing, timeoutMs: 1000, httpClient: transport.httpClient });
    await expect(logs.query(query)).rejects.toMatchObject({ code: "TOKEN_UNAVAILABLE", message: expect.stringContaining("Invalid client secret") });
    expect(transport.sent).toHaveLength(0);
  });
});
