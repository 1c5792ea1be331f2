// ARM routes for Azure ML managed online endpoints and deployments, with long-running operations.
import { json, jsonBody, type EmuRequest, type Router } from "../../http/router";
import type { EmulatorContext } from "../../context";
import type { EndpointFleet } from "../../scenario/endpoint-fleet";
import { armError } from "./arm-errors";
import type { OperationPerformer, OperationTracker } from "./long-running-operations";
import { deploymentResource, endpointResource } from "./online-endpoint-resources";

const WORKSPACE = "/subscriptions/:sub/resourceGroups/:rg/providers/Microsoft.MachineLearningServices/workspaces/:ws";
const OPERATIONS = "/subscriptions/:sub/providers/Microsoft.MachineLearningServices/locations/:location";

interface EndpointPutBody {
  location?: string;
  tags?: Record<string, string>;
  properties?: { authMode?: string; traffic?: Record<string, number>; mirrorTraffic?: Record<string, number> };
}

/** ARM's tags are a map of strings (names up to 512 characters, values up to 256). */
function tagsProblem(tags: unknown) {
  if (tags === undefined) return undefined;
  const valid =
    typeof tags === "object" && tags !== null && !Array.isArray(tags) && Object.entries(tags).every(([key, value]) => key.length > 0 && key.length <= 512 && typeof value === "string" && value.length <= 256);
  return valid ? undefined : armError(400, "InvalidTag", "The tags must be an object of string values (names up to 512 characters, values up to 256).");
}

/** What an endpoint's long-running operations do: the PUT's endpoint is Updating until its traffic applies. */
export function endpointOperations(fleet: EndpointFleet): OperationPerformer {
  return {
    begin(work) {
      if (!fleet.get(work.endpoint)) return false;
      if (work.kind === "endpoint-put") {
        if (fleet.validateTraffic(work.endpoint, work.traffic, work.mirrorTraffic)) return false;
        fleet.setProvisioningState(work.endpoint, "Updating");
      }
      return true;
    },
    complete(work) {
      const current = fleet.get(work.endpoint);
      if (!current) return;
      if (work.kind === "endpoint-put") {
        fleet.applyTraffic(work.endpoint, work.traffic, work.mirrorTraffic, work.tags);
        fleet.setProvisioningState(work.endpoint, "Succeeded");
      } else if (work.tags) {
        // PATCH updates tags and identity only; traffic changes need a PUT of the whole endpoint.
        fleet.applyTraffic(work.endpoint, current.traffic, current.mirrorTraffic, work.tags);
      }
    },
  };
}

export function addOnlineEndpointRoutes(router: Router, context: EmulatorContext, fleet: EndpointFleet, operations: OperationTracker): void {
  const { identity } = context;

  function workspaceProblem(request: EmuRequest) {
    const { sub, rg, ws } = request.params;
    if (sub !== identity.subscriptionId) return armError(404, "SubscriptionNotFound", `The subscription '${sub}' could not be found.`);
    if (rg?.toLowerCase() !== identity.resourceGroup.toLowerCase()) {
      return armError(404, "ResourceGroupNotFound", `Resource group '${rg}' could not be found.`);
    }
    if (ws?.toLowerCase() !== identity.workspace.toLowerCase()) {
      return armError(404, "ResourceNotFound", `The Resource 'Microsoft.MachineLearningServices/workspaces/${ws}' under resource group '${rg}' was not found.`);
    }
    return undefined;
  }

  function endpointNotFound(name: string) {
    return armError(404, "ResourceNotFound", `The Resource 'Microsoft.MachineLearningServices/workspaces/${identity.workspace}/onlineEndpoints/${name}' under resource group '${identity.resourceGroup}' was not found.`);
  }

  router.add("GET", `${WORKSPACE}/onlineEndpoints`, (request) => {
    return workspaceProblem(request) ?? json(200, { value: fleet.names().map((name) => endpointResource(context, fleet, name)) });
  });

  router.add("GET", `${WORKSPACE}/onlineEndpoints/:endpoint`, (request) => {
    const resource = endpointResource(context, fleet, request.params.endpoint!);
    return workspaceProblem(request) ?? (resource ? json(200, resource) : endpointNotFound(request.params.endpoint!));
  });

  router.add("PUT", `${WORKSPACE}/onlineEndpoints/:endpoint`, (request) => {
    const problem = workspaceProblem(request);
    if (problem) return problem;
    const name = request.params.endpoint!;
    const current = fleet.get(name);
    if (!current) {
      return armError(400, "BadArgument", `This emulator serves a fixed set of online endpoints (${fleet.names().join(", ")}); creating '${name}' is not supported.`);
    }
    const body = jsonBody<EndpointPutBody>(request);
    if (!body?.properties?.authMode) {
      return armError(400, "BadArgument", "The request body must be the whole endpoint with properties.authMode (PUT replaces the resource).");
    }
    if (current.provisioningState === "Updating") {
      return armError(409, "Conflict", `Endpoint '${name}' is being updated by another operation; retry when it has finished.`);
    }
    const traffic = body.properties.traffic ?? {};
    const mirrorTraffic = body.properties.mirrorTraffic ?? {};
    const refused = fleet.validateTraffic(name, traffic, mirrorTraffic);
    if (refused) return armError(400, "BadArgument", refused);
    const badTags = tagsProblem(body.tags);
    if (badTags) return badTags;

    const operationId = operations.start(`/onlineEndpoints/${name}`, { kind: "endpoint-put", endpoint: name, traffic, mirrorTraffic, ...(body.tags ? { tags: body.tags } : {}) });
    return json(200, endpointResource(context, fleet, name), {
      "azure-asyncoperation": operations.statusUrl(operationId),
      "x-ms-async-operation-timeout": "PT1H",
      "retry-after": "0",
    });
  });

  router.add("PATCH", `${WORKSPACE}/onlineEndpoints/:endpoint`, (request) => {
    const problem = workspaceProblem(request);
    if (problem) return problem;
    const name = request.params.endpoint!;
    const current = fleet.get(name);
    if (!current) return endpointNotFound(name);
    const body = jsonBody<EndpointPutBody>(request) ?? {};
    const badTags = tagsProblem(body.tags);
    if (badTags) return badTags;
    const operationId = operations.start(`/onlineEndpoints/${name}`, { kind: "endpoint-patch", endpoint: name, ...(body.tags ? { tags: body.tags } : {}) });
    return { status: 202, headers: { location: operations.resultUrl(operationId), "retry-after": "0" } };
  });

  router.add("GET", `${WORKSPACE}/onlineEndpoints/:endpoint/deployments`, (request) => {
    const problem = workspaceProblem(request);
    if (problem) return problem;
    const endpoint = fleet.get(request.params.endpoint!);
    if (!endpoint) return endpointNotFound(request.params.endpoint!);
    return json(200, { value: endpoint.spec.deployments.map((deployment) => deploymentResource(context, endpoint.spec.name, deployment)) });
  });

  router.add("GET", `${WORKSPACE}/onlineEndpoints/:endpoint/deployments/:deployment`, (request) => {
    const problem = workspaceProblem(request);
    if (problem) return problem;
    const endpoint = fleet.get(request.params.endpoint!);
    if (!endpoint) return endpointNotFound(request.params.endpoint!);
    const deployment = endpoint.spec.deployments.find((candidate) => candidate.name === request.params.deployment);
    if (!deployment) {
      return armError(404, "ResourceNotFound", `Deployment '${request.params.deployment}' was not found in endpoint '${endpoint.spec.name}'.`);
    }
    return json(200, deploymentResource(context, endpoint.spec.name, deployment));
  });

  router.add("GET", `${OPERATIONS}/mfeOperationsStatus/:operation`, (request) => {
    const operation = operations.poll(request.params.operation!);
    if (!operation) return armError(404, "ResourceNotFound", `Operation '${request.params.operation}' was not found.`);
    const status = operation.done ? "Succeeded" : "InProgress";
    return json(
      200,
      { id: request.path, name: operation.id, status, startTime: new Date(operation.startedAt).toISOString(), ...(operation.done ? { endTime: context.clock.now().toISOString() } : {}) },
      operation.done ? {} : { "retry-after": "0" },
    );
  });

  router.add("GET", `${OPERATIONS}/mfeOperationResults/:operation`, (request) => {
    const operation = operations.poll(request.params.operation!);
    if (!operation) return armError(404, "ResourceNotFound", `Operation '${request.params.operation}' was not found.`);
    if (!operation.done) return { status: 202, headers: { location: operations.resultUrl(operation.id), "retry-after": "0" } };
    const name = operation.resultPath.split("/").at(-1)!;
    return json(200, endpointResource(context, fleet, name));
  });
}
