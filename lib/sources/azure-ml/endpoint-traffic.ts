// Changing an online endpoint's traffic. The SDK's 2022-10 model has no mirrorTraffic and PATCH
// drops traffic (offline-stack.md), so this GETs the endpoint as raw JSON, PUTs it whole with the
// new split through the SDK's own pipeline (auth, retries), and follows the long-running
// operation until ARM says Succeeded.
import "server-only";
import { createHttpHeaders, createPipelineRequest, type PipelineResponse } from "@azure/core-rest-pipeline";
import type { AzureMachineLearningWorkspaces } from "@azure/arm-machinelearning";
import { AzureMlError } from "./azure-ml-client";

// The first API version whose endpoint model carries mirrorTraffic.
const API_VERSION = "2023-04-01";
const TERMINAL = new Set(["succeeded", "failed", "canceled"]);

export interface TrafficTarget {
  traffic: Record<string, number>;
  mirrorTraffic: Record<string, number>;
}

function armFailure(response: PipelineResponse, what: string): AzureMlError {
  let code = `HTTP_${response.status}`;
  let message = response.bodyAsText?.slice(0, 300) ?? "";
  try {
    const body = JSON.parse(response.bodyAsText ?? "{}") as { error?: { code?: string; message?: string } };
    code = body.error?.code ?? code;
    message = body.error?.message ?? message;
  } catch {
    // Not JSON: keep the text.
  }
  const transient = response.status === 429 || response.status === 409 || response.status >= 500;
  const retryAfter = response.headers.get("retry-after");
  return new AzureMlError(`Azure Resource Manager refused to ${what} with ${response.status} ${code}: ${message}${retryAfter ? ` (Retry-After ${retryAfter} s)` : ""}`, response.status, code, transient);
}

async function send(sdk: AzureMachineLearningWorkspaces, method: "GET" | "PUT", url: string, deadline: number, body?: unknown): Promise<PipelineResponse> {
  const request = createPipelineRequest({
    url,
    method,
    headers: createHttpHeaders(body === undefined ? {} : { "content-type": "application/json" }),
    body: body === undefined ? undefined : JSON.stringify(body),
    abortSignal: AbortSignal.timeout(Math.max(1, deadline - Date.now())),
  });
  return sdk.sendRequest(request);
}

/** Sets traffic and mirror traffic and returns once ARM reports the operation finished. */
export async function putEndpointTraffic(sdk: AzureMachineLearningWorkspaces, endpointUrl: string, target: TrafficTarget, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const url = `${endpointUrl}?api-version=${API_VERSION}`;
  const current = await send(sdk, "GET", url, deadline);
  if (current.status !== 200) throw armFailure(current, "read the endpoint before changing its traffic");
  const resource = JSON.parse(current.bodyAsText ?? "{}") as { properties?: Record<string, unknown> } & Record<string, unknown>;
  const body = { ...resource, properties: { ...resource.properties, traffic: target.traffic, mirrorTraffic: target.mirrorTraffic } };
  const put = await send(sdk, "PUT", url, deadline, body);
  if (put.status !== 200 && put.status !== 201 && put.status !== 202) throw armFailure(put, "change the endpoint's traffic");
  const operationUrl = put.headers.get("azure-asyncoperation") ?? put.headers.get("location");
  if (!operationUrl) return;
  for (;;) {
    const wait = Number(put.headers.get("retry-after") ?? 1);
    await new Promise((resolve) => setTimeout(resolve, Math.min(Math.max(0, wait), 10) * 1000));
    if (Date.now() > deadline) throw new AzureMlError("Azure Resource Manager did not finish changing the endpoint's traffic in time; Stagegate will check again.", undefined, "DEADLINE_EXCEEDED", true);
    const poll = await send(sdk, "GET", operationUrl, deadline);
    if (poll.status === 202) continue;
    if (poll.status !== 200) throw armFailure(poll, "follow the traffic change");
    const status = (JSON.parse(poll.bodyAsText ?? "{}") as { status?: string }).status?.toLowerCase();
    // A Location poll answers the resource itself (no status) once done.
    if (status === undefined || status === "succeeded") return;
    if (TERMINAL.has(status)) throw new AzureMlError(`Azure Resource Manager reports the traffic change ${status}.`, 200, `Operation${status}`, false);
  }
}
