// Azure Monitor metrics for online endpoints and deployments: the regional batch API
// (POST /subscriptions/{sub}/metrics:getBatch, as @azure/monitor-query-metrics calls it) and the
// per-resource ARM API (GET {resourceUri}/providers/Microsoft.Insights/metrics).
import { json, jsonBody, type EmuRequest, type EmuResponse, type Router } from "../../http/router";
import type { EmulatorContext } from "../../context";
import { HOUR_MS, MINUTE_MS } from "../../scenario/clock";
import { armError } from "../arm/arm-errors";
import { DEPLOYMENT_METRICS, DEPLOYMENT_NAMESPACE, ENDPOINT_METRICS, ENDPOINT_NAMESPACE, intervalMinutes, type Aggregation } from "./metric-catalog";
import type { MetricSeriesBuilder } from "./metric-series";

const RESOURCE_ID =
  /^\/?subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.MachineLearningServices\/workspaces\/([^/]+)\/onlineEndpoints\/([^/]+)(?:\/deployments\/([^/]+))?$/i;
const AGGREGATIONS: Aggregation[] = ["average", "minimum", "maximum", "total", "count"];
const MAX_POINTS = 50_000;

class MetricsRequestError extends Error {}

function parseFilter(text: string | null): Map<string, string[]> {
  const filter = new Map<string, string[]>();
  if (!text) return filter;
  for (const clause of text.split(/\s+and\s+/i)) {
    for (const alternative of clause.split(/\s+or\s+/i)) {
      const match = /^\s*(\w+)\s+eq\s+'([^']*)'\s*$/i.exec(alternative);
      if (!match) throw new MetricsRequestError(`The $filter clause "${alternative.trim()}" is not valid; use: dimension eq 'value' (or '*').`);
      const name = match[1]!.toLowerCase();
      filter.set(name, [...(filter.get(name) ?? []), match[2]!]);
    }
  }
  for (const name of filter.keys()) {
    if (name !== "deployment" && name !== "statuscodeclass") {
      throw new MetricsRequestError(`Splitting or filtering by dimension '${name}' is not supported by this emulator; use deployment or statusCodeClass.`);
    }
  }
  return filter;
}

function parseTimes(request: EmuRequest, now: Date): { start: Date; end: Date } {
  const timespan = request.query.get("timespan");
  const [startText, endText] = timespan ? timespan.split("/") : [request.query.get("starttime"), request.query.get("endtime")];
  const end = endText ? new Date(endText) : now;
  const start = startText ? new Date(startText) : new Date(end.getTime() - HOUR_MS);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime()) || start >= end) {
    throw new MetricsRequestError("The timespan is invalid: give start and end times (ISO 8601) with start before end.");
  }
  return { start: new Date(Math.floor(start.getTime() / MINUTE_MS) * MINUTE_MS), end };
}

export function addMetricsRoutes(
  router: Router,
  context: EmulatorContext,
  builder: MetricSeriesBuilder,
  { batch }: { batch: boolean },
): void {
  function metricsFor(resourceId: string, request: EmuRequest, names: string[], namespace: string | null) {
    const match = RESOURCE_ID.exec(resourceId);
    const { identity, fleet } = context;
    const endpoint = match?.[4];
    if (!match || match[1] !== identity.subscriptionId || !endpoint || !fleet.get(endpoint)) {
      throw new MetricsRequestError(`The resource '${resourceId}' was not found.`);
    }
    const deployment = match[5];
    if (deployment && !fleet.get(endpoint)!.spec.deployments.some((candidate) => candidate.name === deployment)) {
      throw new MetricsRequestError(`The resource '${resourceId}' was not found.`);
    }
    const expectedNamespace = deployment ? DEPLOYMENT_NAMESPACE : ENDPOINT_NAMESPACE;
    if (namespace && namespace.toLowerCase() !== expectedNamespace.toLowerCase()) {
      throw new MetricsRequestError(`Metric namespace '${namespace}' does not match the resource; expected '${expectedNamespace}'.`);
    }
    const catalog = deployment ? DEPLOYMENT_METRICS : ENDPOINT_METRICS;
    const { start, end } = parseTimes(request, context.clock.now());
    const spanMinutes = Math.ceil((end.getTime() - start.getTime()) / MINUTE_MS);
    const interval = request.query.get("interval") ?? "PT1M";
    const minutes = intervalMinutes(interval, spanMinutes);
    if (!minutes) throw new MetricsRequestError(`Invalid interval '${interval}'; use PT1M, PT5M, PT15M, PT30M, PT1H, PT6H, PT12H, P1D or FULL.`);
    const aggregations = (request.query.get("aggregation") ?? "average").split(",").map((item) => item.trim().toLowerCase()) as Aggregation[];
    const unknownAggregation = aggregations.find((aggregation) => !AGGREGATIONS.includes(aggregation));
    if (unknownAggregation) throw new MetricsRequestError(`Invalid aggregation '${unknownAggregation}'; use Average, Minimum, Maximum, Total or Count.`);
    const filter = parseFilter(request.query.get("filter") ?? request.query.get("$filter"));
    const definitions = names.map((name) => {
      const definition = catalog.find((candidate) => candidate.name.toLowerCase() === name.toLowerCase());
      if (!definition) {
        throw new MetricsRequestError(`Failed to find metric configuration for provider: ${expectedNamespace}, metric: ${name}. Valid metrics: ${catalog.map((item) => item.name).join(",")}`);
      }
      return definition;
    });
    if ((spanMinutes / minutes) * definitions.length > MAX_POINTS) {
      throw new MetricsRequestError("The query asks for too many data points; use a larger interval or a shorter timespan.");
    }
    return {
      start,
      end,
      interval: interval.toUpperCase(),
      namespace: expectedNamespace,
      value: definitions.map((definition) => ({
        id: `${resourceId}/providers/Microsoft.Insights/metrics/${definition.name}`,
        type: "Microsoft.Insights/metrics",
        name: { value: definition.name, localizedValue: definition.displayName },
        displayDescription: `${definition.displayName} of the ${deployment ? "deployment" : "online endpoint"}.`,
        unit: definition.unit,
        errorCode: "Success",
        timeseries: builder.timeseries({ endpoint, deployment, metric: definition, start, end, intervalMinutes: minutes, aggregations, filter }),
      })),
    };
  }

  function answer(work: () => EmuResponse): EmuResponse {
    try {
      return work();
    } catch (error) {
      if (error instanceof MetricsRequestError) return armError(400, "BadRequest", error.message);
      throw error;
    }
  }

  const names = (request: EmuRequest) => (request.query.get("metricnames") ?? "").split(",").map((name) => name.trim()).filter(Boolean);

  if (batch) {
    router.add("POST", "/subscriptions/:sub/metrics:getBatch", (request) =>
      answer(() => {
        const resourceIds = jsonBody<{ resourceids?: string[] }>(request)?.resourceids ?? [];
        if (resourceIds.length === 0) throw new MetricsRequestError("The body must list resourceids.");
        if (names(request).length === 0) throw new MetricsRequestError("metricnames is required.");
        return json(200, {
          values: resourceIds.map((resourceId) => {
            const result = metricsFor(resourceId, request, names(request), request.query.get("metricnamespace"));
            return {
              starttime: result.start.toISOString(),
              endtime: result.end.toISOString(),
              interval: result.interval,
              namespace: result.namespace,
              resourceregion: context.identity.location,
              resourceid: resourceId,
              value: result.value,
            };
          }),
        });
      }),
    );
    return;
  }

  const perResource = (request: EmuRequest) =>
    answer(() => {
      const resourceId = request.path.replace(/\/providers\/Microsoft\.Insights\/metrics$/i, "");
      const result = metricsFor(resourceId, request, names(request).length > 0 ? names(request) : ["RequestLatency"], request.query.get("metricnamespace"));
      return json(200, {
        cost: 0,
        timespan: `${result.start.toISOString()}/${result.end.toISOString()}`,
        interval: result.interval,
        namespace: result.namespace.toLowerCase(),
        resourceregion: context.identity.location,
        value: result.value,
      });
    });
  const endpointPath = "/subscriptions/:sub/resourceGroups/:rg/providers/Microsoft.MachineLearningServices/workspaces/:ws/onlineEndpoints/:endpoint";
  router.add("GET", `${endpointPath}/providers/Microsoft.Insights/metrics`, perResource);
  router.add("GET", `${endpointPath}/deployments/:deployment/providers/Microsoft.Insights/metrics`, perResource);
}
