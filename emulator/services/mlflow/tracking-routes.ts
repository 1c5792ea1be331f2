// Tracking server routes: experiments (search, get, get-by-name), runs (search, get) and metric
// history, answered from the scenario registry.
import type { MlflowRegistry } from "../../scenario/registry/registry";
import type { RunRecord } from "../../scenario/registry/records";
import { EXPERIMENT_SEARCH, runIdsPinnedBy, runSearch, searchEntities } from "./entity-search";
import { notFound } from "./errors";
import { pageOf, pageRequest, paginate, PAGE_LIMITS } from "./paging";
import type { RequestFields } from "./request-fields";
import { viewType, type MlflowRoute } from "./routes";
import { experimentJson, metricJson, omitUnset, runJson } from "./wire-shapes";

function findRun(registry: MlflowRegistry, fields: RequestFields): RunRecord {
  // run_uuid is the deprecated name of run_id; clients still send it.
  const runId = fields.optionalString("run_id") ?? fields.requiredString("run_uuid");
  const run = registry.run(runId);
  if (!run) throw notFound(`Run with id=${runId} not found`);
  return run;
}

export function trackingRoutes(registry: MlflowRegistry): MlflowRoute[] {
  const runs = runSearch(registry.details);

  const searchExperiments = (fields: RequestFields) => {
    const stages = viewType(fields, "view_type");
    const candidates = registry.experimentRecords().filter((experiment) => stages.has(experiment.lifecycleStage));
    const found = searchEntities(candidates, EXPERIMENT_SEARCH, fields.optionalString("filter"), fields.strings("order_by"));
    const page = paginate(found, fields, PAGE_LIMITS.experiments);
    return omitUnset({ experiments: page.items.map(experimentJson), next_page_token: page.nextPageToken });
  };

  return [
    { method: "GET", path: "/experiments/search", handle: searchExperiments },
    { method: "POST", path: "/experiments/search", handle: searchExperiments },
    {
      method: "GET",
      path: "/experiments/get",
      handle: (fields) => {
        const experimentId = fields.requiredString("experiment_id");
        const experiment = registry.experiment(experimentId);
        if (!experiment) throw notFound(`No Experiment with id=${experimentId} exists`);
        return { experiment: experimentJson(experiment) };
      },
    },
    {
      method: "GET",
      path: "/experiments/get-by-name",
      handle: (fields) => {
        const name = fields.requiredString("experiment_name");
        const experiment = registry.experimentByName(name);
        if (!experiment) throw notFound(`Could not find experiment with name '${name}'`);
        return { experiment: experimentJson(experiment) };
      },
    },
    {
      method: "POST",
      path: "/runs/search",
      handle: (fields) => {
        const filter = fields.optionalString("filter");
        const inView = registry.runsIn(fields.strings("experiment_ids"), viewType(fields, "run_view_type"), runIdsPinnedBy(filter));
        const request = pageRequest(fields, PAGE_LIMITS.runs);
        const found = searchEntities(inView, runs, filter, fields.strings("order_by"), request.offset + request.size + 1);
        const page = pageOf(found, request);
        return omitUnset({ runs: page.items.map((run) => runJson(run, registry.details)), next_page_token: page.nextPageToken });
      },
    },
    { method: "GET", path: "/runs/get", handle: (fields) => ({ run: runJson(findRun(registry, fields), registry.details) }) },
    {
      method: "GET",
      path: "/metrics/get-history",
      handle: (fields) => {
        const runId = fields.optionalString("run_id") ?? fields.requiredString("run_uuid");
        const metricKey = fields.requiredString("metric_key");
        // The SQL store reads the metrics table without looking the run up: an unknown run has no history, 200 {}.
        const run = registry.run(runId);
        const history = run ? registry.details.metricHistory(run, metricKey) : [];
        const page = paginate(history, fields, PAGE_LIMITS.metricHistory);
        return omitUnset({ metrics: page.items.map(metricJson), next_page_token: page.nextPageToken });
      },
    },
  ];
}
