// The Azure Resource Manager host: Azure ML online endpoints and deployments, Cost Management
// query, and per-resource Azure Monitor metrics, behind ARM's api-version and token checks.
import { Router } from "../../http/router";
import type { ServiceDefinition } from "../../http/service-host";
import type { EmulatorContext } from "../../context";
import type { CostLedger } from "../../scenario/cost-ledger";
import { addCostRoutes } from "../cost/cost-routes";
import { QueryUnitQuota } from "../cost/query-unit-quota";
import { addMetricsRoutes } from "../metrics/metrics-routes";
import type { MetricSeriesBuilder } from "../metrics/metric-series";
import { ARM_ERRORS, armPreflight } from "./arm-errors";
import { OperationTracker } from "./long-running-operations";
import { addOnlineEndpointRoutes, endpointOperations } from "./online-endpoint-routes";

export function createArmService(context: EmulatorContext, costs: CostLedger, metrics: MetricSeriesBuilder): ServiceDefinition {
  const operations = new OperationTracker(context, endpointOperations(context.fleet));
  const quota = new QueryUnitQuota();
  context.onReset.push(() => operations.reset(), () => quota.reset());
  const router = new Router({ caseInsensitive: true });
  addOnlineEndpointRoutes(router, context, context.fleet, operations);
  addCostRoutes(router, context, costs, quota);
  addMetricsRoutes(router, context, metrics, { batch: false });
  // One host, three APIs: faults and counters are kept per API, as the control API names them.
  const upstream = (path: string) => (/\/providers\/Microsoft\.CostManagement\//i.test(path) ? "cost" : /\/providers\/Microsoft\.Insights\//i.test(path) ? "metrics" : "arm");
  return { name: "arm", upstream, router, errors: ARM_ERRORS, before: (request) => armPreflight(context, request) };
}
