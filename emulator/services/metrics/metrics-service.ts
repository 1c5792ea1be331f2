// The regional Azure Monitor metrics host (metrics:getBatch). @azure/monitor-query-metrics asks
// for ARM's audience by default and for https://metrics.monitor.azure.com when configured so.
import { Router } from "../../http/router";
import type { ServiceDefinition } from "../../http/service-host";
import type { EmulatorContext } from "../../context";
import { ARM_AUDIENCES, ARM_ERRORS, armPreflight } from "../arm/arm-errors";
import type { MetricSeriesBuilder } from "./metric-series";
import { addMetricsRoutes } from "./metrics-routes";

const METRICS_AUDIENCES = [...ARM_AUDIENCES, "https://metrics.monitor.azure.com"];

export function createMetricsService(context: EmulatorContext, builder: MetricSeriesBuilder): ServiceDefinition {
  const router = new Router({ caseInsensitive: true });
  addMetricsRoutes(router, context, builder, { batch: true });
  return { name: "metrics", upstream: "metrics", router, errors: ARM_ERRORS, before: (request) => armPreflight(context, request, METRICS_AUDIENCES) };
}
