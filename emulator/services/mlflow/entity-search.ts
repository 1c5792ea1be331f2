// The four searchable entities and what their searches accept, after MLflow's SearchUtils family:
// runs (metrics/params/tags/attributes/datasets), experiments, registered models and model versions
// (attributes and tags), each with its default order and tie-breakers.
import type { RunDetails } from "../../scenario/registry/run-details";
import {
  runArtifactUri,
  runMetric,
  runParam,
  type ExperimentRecord,
  type KeyValue,
  type ModelVersionRecord,
  type RegisteredModelRecord,
  type RunRecord,
} from "../../scenario/registry/records";
import { invalidParameter } from "./errors";
import { parseFilter } from "./filter-parser";
import {
  ATTRIBUTE_AND_TAG_PREFIXES,
  compileFilter,
  compileOrder,
  numberField,
  RUN_PREFIXES,
  stringField,
  type Field,
  type SearchSchema,
  type SortKey,
} from "./search-schema";

export interface EntitySearch<T> {
  readonly schema: SearchSchema<T>;
  /** order_by used when the request sends none. */
  readonly defaultOrder: readonly string[];
  readonly tieBreakers: readonly SortKey<T>[];
  /** Items come from the registry already in the default order, so no sort is needed without order_by. */
  readonly presorted: boolean;
}

const tagOf = (tags: readonly KeyValue[], key: string) => tags.find((tag) => tag.key === key)?.value;
const byTag = <T extends { tags: readonly KeyValue[] }>(key: string) => stringField<T>((item) => tagOf(item.tags, key));

export function runSearch(details: RunDetails): EntitySearch<RunRecord> {
  const startTime = numberField<RunRecord>((run) => run.startTime);
  const runId = stringField<RunRecord>((run) => run.runId, ["IN", "NOT IN"]);
  const runName = stringField<RunRecord>((run) => run.runName);
  const attributes: Record<string, Field<RunRecord>> = {
    run_id: runId,
    run_name: runName,
    "run name": runName,
    "Run name": runName,
    "Run Name": runName,
    status: stringField((run) => run.status),
    user_id: stringField((run) => run.userId),
    artifact_uri: stringField(runArtifactUri),
    start_time: startTime,
    created: startTime,
    Created: startTime,
    end_time: numberField((run) => run.endTime),
  };
  const datasetFields: Record<string, Field<RunRecord>> = {
    name: stringField((run) => details.datasetFacts(run).map((fact) => fact.name), ["IN", "NOT IN"]),
    digest: stringField((run) => details.datasetFacts(run).map((fact) => fact.digest), ["IN", "NOT IN"]),
    context: stringField((run) => details.datasetFacts(run).map((fact) => fact.context), ["IN", "NOT IN"]),
  };
  return {
    schema: {
      prefixes: RUN_PREFIXES,
      attributes,
      keyed: {
        metric: (key) => numberField((run) => runMetric(run, key)),
        parameter: (key) => stringField((run) => runParam(run, key)),
        tag: (key) => stringField((run) => details.tag(run, key)),
        dataset: (key) => {
          const field = Object.hasOwn(datasetFields, key) ? datasetFields[key] : undefined;
          if (!field) throw invalidParameter(`Invalid dataset key '${key}' specified. Valid keys are '["name","digest","context"]'`);
          return field;
        },
      },
    },
    defaultOrder: [],
    tieBreakers: [
      { field: startTime, ascending: false },
      { field: runId, ascending: true },
    ],
    presorted: true,
  };
}

const experimentName = stringField<ExperimentRecord>((experiment) => experiment.name);
const experimentId = numberField<ExperimentRecord>((experiment) => Number(experiment.experimentId));
const creationTime = numberField<ExperimentRecord>((experiment) => experiment.creationTime);
const lastUpdateTime = numberField<ExperimentRecord>((experiment) => experiment.lastUpdateTime);

export const EXPERIMENT_SEARCH: EntitySearch<ExperimentRecord> = {
  schema: {
    prefixes: ATTRIBUTE_AND_TAG_PREFIXES,
    attributes: { name: experimentName, creation_time: creationTime, last_update_time: lastUpdateTime },
    orderAttributes: { name: experimentName, experiment_id: experimentId, creation_time: creationTime, last_update_time: lastUpdateTime },
    keyed: { tag: byTag },
  },
  defaultOrder: ["creation_time DESC", "experiment_id ASC"],
  tieBreakers: [{ field: experimentId, ascending: false }],
  presorted: false,
};

const modelName = stringField<RegisteredModelRecord>((model) => model.name);
const modelUpdated = numberField<RegisteredModelRecord>((model) => model.lastUpdatedTimestamp);

export const REGISTERED_MODEL_SEARCH: EntitySearch<RegisteredModelRecord> = {
  schema: {
    prefixes: ATTRIBUTE_AND_TAG_PREFIXES,
    attributes: { name: modelName },
    orderAttributes: {
      name: modelName,
      timestamp: modelUpdated,
      last_updated_timestamp: modelUpdated,
      creation_timestamp: numberField((model) => model.creationTimestamp),
    },
    keyed: { tag: byTag },
  },
  defaultOrder: [],
  tieBreakers: [{ field: modelName, ascending: true }],
  presorted: true,
};

const versionName = stringField<ModelVersionRecord>((version) => version.name);
const versionNumber = numberField<ModelVersionRecord>((version) => Number(version.version));

export const MODEL_VERSION_SEARCH: EntitySearch<ModelVersionRecord> = {
  schema: {
    prefixes: ATTRIBUTE_AND_TAG_PREFIXES,
    attributes: {
      name: versionName,
      run_id: stringField((version) => version.runId, ["IN"]),
      source_path: stringField((version) => version.source),
      version_number: versionNumber,
    },
    orderAttributes: {
      name: versionName,
      version_number: versionNumber,
      creation_timestamp: numberField((version) => version.creationTimestamp),
      last_updated_timestamp: numberField((version) => version.lastUpdatedTimestamp),
    },
    keyed: { tag: byTag },
  },
  defaultOrder: ["last_updated_timestamp DESC"],
  tieBreakers: [
    { field: versionName, ascending: true },
    { field: versionNumber, ascending: false },
  ],
  presorted: false,
};

/**
 * The run ids a runs filter pins down with `attributes.run_id = '…'` or `IN (…)`, so the search
 * can look those runs up instead of scanning; undefined when no clause does.
 */
export function runIdsPinnedBy(filter: string | undefined): string[] | undefined {
  let pinned: string[] | undefined;
  for (const clause of parseFilter(filter)) {
    const { prefix, key } = clause.identifier;
    const isRunId = key === "run_id" && (prefix === undefined || RUN_PREFIXES[prefix] === "attribute");
    if (!isRunId || (clause.comparator !== "=" && clause.comparator !== "IN")) continue;
    const ids = clause.value.kind === "list" ? clause.value.values : [String(clause.value.value)];
    pinned = pinned ? pinned.filter((id) => ids.includes(id)) : ids;
  }
  return pinned;
}

/**
 * Items matching the filter, in the requested (or default) order. When the order needs no sort,
 * the scan stops after `enough` matches (a page and one more, to know whether another follows),
 * as a database would with LIMIT: a page of runs among 100,000 costs a page, not a full scan.
 */
export function searchEntities<T>(items: readonly T[], search: EntitySearch<T>, filter: string | undefined, orderBy: readonly string[], enough = Number.POSITIVE_INFINITY): readonly T[] {
  const matches = compileFilter(search.schema, filter);
  const order = compileOrder(search.schema, orderBy.length > 0 ? orderBy : search.defaultOrder, search.tieBreakers);
  if (orderBy.length > 0 || !search.presorted) return (matches ? items.filter(matches) : [...items]).sort(order);
  if (!matches) return items;
  const found: T[] = [];
  for (const item of items) {
    if (found.length >= enough) break;
    if (matches(item)) found.push(item);
  }
  return found;
}
