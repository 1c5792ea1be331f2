// Azure ML managed online endpoints and their deployments in one workspace, through ARM with the
// official SDK (wire-formats §4). Reads now (the version pages list what serves each model
// version); rollouts reuse the same client. Every call has a deadline, the SDK's own retry policy
// (429/5xx, honouring Retry-After), and fails with a typed error naming Azure Resource Manager.
import "server-only";
import { AzureMachineLearningWorkspaces, type OnlineDeployment, type OnlineEndpoint } from "@azure/arm-machinelearning";
import type { TokenCredential } from "@azure/identity";

type HttpClient = NonNullable<NonNullable<ConstructorParameters<typeof AzureMachineLearningWorkspaces>[2]>["httpClient"]>;
import { UpstreamError } from "../upstream-error";
import { ARM_SCOPE } from "./arm-settings";
import { putEndpointTraffic, type TrafficTarget } from "./endpoint-traffic";

export const ARM_UPSTREAM = "Azure Resource Manager";

export class AzureMlError extends UpstreamError {
  constructor(message: string, status: number | undefined, code: string, transient: boolean) {
    super(ARM_UPSTREAM, message, status, code, transient);
    this.name = "AzureMlError";
  }
}

export interface WorkspaceCoordinates {
  subscriptionId: string;
  resourceGroup: string;
  workspace: string;
}

export interface AzureMlClientOptions extends WorkspaceCoordinates {
  credential: TokenCredential;
  /** ARM's base URL (https://management.azure.com, a sovereign cloud's, or the emulator's). */
  armEndpoint: string;
  timeoutMs: number;
  /** Replaces the HTTP transport (tests). */
  httpClient?: HttpClient;
}

/** An online endpoint as the pages need it: plain data, no SDK types. */
export interface OnlineEndpointInfo {
  id: string;
  name: string;
  location: string | null;
  description: string | null;
  authMode: string | null;
  scoringUri: string | null;
  provisioningState: string | null;
  /** Deployment name → percent of live traffic (sums to 100 when there are deployments). */
  traffic: Record<string, number>;
  /** Deployment name → percent of traffic copied to it, responses discarded (at most 50 in total). */
  mirrorTraffic: Record<string, number>;
  tags: Record<string, string>;
  lastModifiedAt: string | null;
}

export interface OnlineDeploymentInfo {
  id: string;
  name: string;
  endpointName: string;
  /** `properties.model`: an azureml asset id or ARM id of the model version it serves. */
  model: string | null;
  description: string | null;
  instanceType: string | null;
  instanceCount: number | null;
  provisioningState: string | null;
  createdAt: string | null;
}

export interface EndpointWithDeployments {
  endpoint: OnlineEndpointInfo;
  deployments: OnlineDeploymentInfo[];
}

function numberMap(value: unknown): Record<string, number> {
  if (value === null || typeof value !== "object") return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, number] => typeof entry[1] === "number"));
}

function isoOrNull(value: Date | string | undefined): string | null {
  if (!value) return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

function toEndpointInfo(endpoint: OnlineEndpoint): OnlineEndpointInfo {
  // The SDK's 2022-10 model predates mirrorTraffic; its deserializer keeps unknown properties.
  const properties = endpoint.properties as OnlineEndpoint["properties"] & { mirrorTraffic?: unknown };
  return {
    id: endpoint.id ?? "",
    name: endpoint.name ?? "",
    location: endpoint.location ?? null,
    description: properties.description ?? null,
    authMode: properties.authMode ?? null,
    scoringUri: properties.scoringUri ?? null,
    provisioningState: properties.provisioningState ?? null,
    traffic: numberMap(properties.traffic),
    mirrorTraffic: numberMap(properties.mirrorTraffic),
    tags: endpoint.tags ?? {},
    lastModifiedAt: isoOrNull(endpoint.systemData?.lastModifiedAt),
  };
}

function toDeploymentInfo(endpointName: string, deployment: OnlineDeployment): OnlineDeploymentInfo {
  const { properties } = deployment;
  return {
    id: deployment.id ?? "",
    name: deployment.name ?? "",
    endpointName,
    model: properties.model ?? null,
    description: properties.description ?? null,
    instanceType: properties.instanceType ?? null,
    instanceCount: deployment.sku?.capacity ?? null,
    provisioningState: properties.provisioningState ?? null,
    createdAt: isoOrNull(deployment.systemData?.createdAt),
  };
}

export class AzureMlClient {
  private readonly sdk: AzureMachineLearningWorkspaces;

  constructor(private readonly options: AzureMlClientOptions) {
    this.sdk = new AzureMachineLearningWorkspaces(options.credential, options.subscriptionId, {
      endpoint: options.armEndpoint,
      // With a custom endpoint the SDK would ask for `{endpoint}/.default`; ARM tokens have one audience.
      credentialScopes: [ARM_SCOPE],
      httpClient: options.httpClient,
    });
  }

  get coordinates(): WorkspaceCoordinates {
    const { subscriptionId, resourceGroup, workspace } = this.options;
    return { subscriptionId, resourceGroup, workspace };
  }

  /** The endpoint's page in Azure ML studio, for deep links. */
  studioEndpointUrl(endpointName: string): string {
    const { subscriptionId, resourceGroup, workspace } = this.options;
    const workspaceId = `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.MachineLearningServices/workspaces/${workspace}`;
    return `https://ml.azure.com/endpoints/realtime/${encodeURIComponent(endpointName)}/detail?wsid=${encodeURIComponent(workspaceId)}`;
  }

  listOnlineEndpoints(): Promise<OnlineEndpointInfo[]> {
    return this.call("list online endpoints", async (abortSignal) => {
      const endpoints: OnlineEndpointInfo[] = [];
      for await (const endpoint of this.sdk.onlineEndpoints.list(this.options.resourceGroup, this.options.workspace, { abortSignal })) {
        endpoints.push(toEndpointInfo(endpoint));
      }
      return endpoints;
    });
  }

  getOnlineEndpoint(endpointName: string): Promise<OnlineEndpointInfo> {
    return this.call(`get online endpoint ${endpointName}`, async (abortSignal) =>
      toEndpointInfo(await this.sdk.onlineEndpoints.get(this.options.resourceGroup, this.options.workspace, endpointName, { abortSignal })),
    );
  }

  listOnlineDeployments(endpointName: string): Promise<OnlineDeploymentInfo[]> {
    return this.call(`list deployments of ${endpointName}`, async (abortSignal) => {
      const deployments: OnlineDeploymentInfo[] = [];
      const pages = this.sdk.onlineDeployments.list(this.options.resourceGroup, this.options.workspace, endpointName, { abortSignal });
      for await (const deployment of pages) deployments.push(toDeploymentInfo(endpointName, deployment));
      return deployments;
    });
  }

  /** Sets the endpoint's live and mirror traffic and waits for ARM's operation to finish. */
  setTraffic(endpointName: string, target: TrafficTarget, timeoutMs = 120_000): Promise<void> {
    const { subscriptionId, resourceGroup, workspace, armEndpoint } = this.options;
    const url = `${armEndpoint}/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.MachineLearningServices/workspaces/${workspace}/onlineEndpoints/${encodeURIComponent(endpointName)}`;
    return putEndpointTraffic(this.sdk, url, target, timeoutMs).catch((error: unknown) => {
      throw toAzureMlError(error, `change the traffic of ${endpointName}`, timeoutMs);
    });
  }

  private async call<T>(what: string, operation: (abortSignal: AbortSignal) => Promise<T>): Promise<T> {
    const signal = AbortSignal.timeout(this.options.timeoutMs);
    // The SDK hands the signal to its HTTP calls, but a token request to an Entra ID that hangs does
    // not listen: the call stops waiting by itself at the deadline.
    const expired = new Promise<never>((_, reject) => signal.addEventListener("abort", () => reject(signal.reason as Error), { once: true }));
    try {
      return await Promise.race([operation(signal), expired]);
    } catch (error) {
      throw toAzureMlError(error, what, this.options.timeoutMs);
    }
  }
}

/** The SDK's RestError (or an abort, or a credential failure) as a typed upstream error. */
export function toAzureMlError(error: unknown, what: string, timeoutMs: number): AzureMlError {
  if (error instanceof AzureMlError) return error;
  const failure = (error ?? {}) as { name?: string; message?: string; statusCode?: number; code?: string };
  if (failure.name === "AbortError" || failure.name === "TimeoutError") {
    return new AzureMlError(`Azure Resource Manager did not answer within ${timeoutMs} ms to ${what}.`, undefined, "DEADLINE_EXCEEDED", true);
  }
  if (failure.name === "CredentialUnavailableError" || failure.name === "AuthenticationError") {
    return new AzureMlError(`Stagegate could not get a token for Azure Resource Manager to ${what}: ${failure.message ?? failure.name}.`, undefined, "TOKEN_UNAVAILABLE", true);
  }
  const status = typeof failure.statusCode === "number" ? failure.statusCode : undefined;
  const code = failure.code ?? (status ? `HTTP_${status}` : "UNREACHABLE");
  const transient = status === undefined || status === 429 || status >= 500;
  const detail = (failure.message ?? String(error)).slice(0, 300);
  const answered = status ? `refused to ${what} with ${status} ${code}` : `could not be reached to ${what}`;
  return new AzureMlError(`Azure Resource Manager ${answered}: ${detail}`, status, code, transient);
}
