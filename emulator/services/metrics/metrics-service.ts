// The regional Azure Monitor metrics host (metrics:getBatch). Tokens are for ARM's audience, as
// @azure/monitor-query-metrics asks for by default.
import { Router } from "../../http/router";
import type { ServiceDefinition } from "../../http/service-host";
import type { EmulatorContext } from "../../context";
import { ARM_ERRORS, armPreflight } from "../arm/arm-errors";
import type { MetricSeriesBuilder } from "./metric-series";
import { addMetricsRoutes } from "./metrics-routes";

export function createMetricsService(context: EmulatorContext, builder: MetricSeriesBuilder): ServiceDefinition {
  const router = new Router({ caseInsensitive: true });
  addMetricsRoutes(router, context, builder, { batch: true });
  return { name: "metrics", upstream: "metrics", router, errors: ARM_ERRORS, before: (request) => armPreflight(context, request) };
}
