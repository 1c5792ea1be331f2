// MLflow REST 2.0 responses as zod schemas. Servers omit empty fields and some send versions and
// int64 values as strings, so every field is tolerant and normalised here, once.
import { z } from "zod";

const keyValue = z.object({ key: z.string(), value: z.coerce.string().default("") });
const keyValues = z.array(keyValue).optional().default([]);
const millis = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]).optional();
const versionString = z.union([z.string(), z.number()]).transform(String);
// Protobuf JSON writes NaN and ±Infinity as strings.
const double = z.union([z.number(), z.enum(["NaN", "Infinity", "-Infinity"]).transform(Number), z.string().transform(Number)]);

export const metricSchema = z.object({
  key: z.string(),
  value: double,
  timestamp: millis.transform((value) => value ?? 0),
  step: z.coerce.number().optional().default(0),
});
export type MlflowMetric = z.infer<typeof metricSchema>;

export const experimentSchema = z.object({
  experiment_id: z.coerce.string(),
  name: z.string(),
  artifact_location: z.string().optional(),
  lifecycle_stage: z.string().optional().default("active"),
  last_update_time: millis,
  creation_time: millis,
  tags: keyValues,
});
export type MlflowExperiment = z.infer<typeof experimentSchema>;

const datasetInputSchema = z.object({
  tags: keyValues,
  dataset: z.object({
    name: z.string(),
    digest: z.string().optional().default(""),
    source_type: z.string().optional().default(""),
    source: z.string().optional().default(""),
    schema: z.string().optional(),
    profile: z.string().optional(),
  }),
});
export type MlflowDatasetInput = z.infer<typeof datasetInputSchema>;

export const runSchema = z.object({
  info: z.object({
    run_id: z.string().optional(),
    run_uuid: z.string().optional(),
    run_name: z.string().optional(),
    experiment_id: z.coerce.string(),
    user_id: z.string().optional(),
    status: z.string().optional().default("FINISHED"),
    start_time: millis,
    end_time: millis,
    artifact_uri: z.string().optional(),
    lifecycle_stage: z.string().optional().default("active"),
  }).transform((info) => ({ ...info, run_id: info.run_id ?? info.run_uuid ?? "" })),
  data: z
    .object({ metrics: z.array(metricSchema).optional().default([]), params: keyValues, tags: keyValues })
    .optional()
    .default({ metrics: [], params: [], tags: [] }),
  inputs: z
    .object({ dataset_inputs: z.array(datasetInputSchema).optional().default([]) })
    .optional()
    .default({ dataset_inputs: [] }),
});
export type MlflowRun = z.infer<typeof runSchema>;

export const modelVersionSchema = z.object({
  name: z.string(),
  version: versionString,
  creation_timestamp: millis,
  last_updated_timestamp: millis,
  user_id: z.string().optional(),
  current_stage: z.string().optional(),
  description: z.string().optional(),
  source: z.string().optional(),
  run_id: z.string().optional(),
  status: z.string().optional().default("READY"),
  status_message: z.string().optional(),
  tags: keyValues,
  run_link: z.string().optional(),
  aliases: z.array(z.string()).optional().default([]),
});
export type MlflowModelVersion = z.infer<typeof modelVersionSchema>;

export const registeredModelSchema = z.object({
  name: z.string(),
  creation_timestamp: millis,
  last_updated_timestamp: millis,
  user_id: z.string().optional(),
  description: z.string().optional(),
  latest_versions: z.array(modelVersionSchema).optional().default([]),
  tags: keyValues,
  aliases: z.array(z.object({ alias: z.string(), version: versionString })).optional().default([]),
});
export type MlflowRegisteredModel = z.infer<typeof registeredModelSchema>;

const pageToken = z.string().optional().transform((token) => token || undefined);

export const responses = {
  searchRegisteredModels: z.object({ registered_models: z.array(registeredModelSchema).optional().default([]), next_page_token: pageToken }),
  getRegisteredModel: z.object({ registered_model: registeredModelSchema }),
  searchModelVersions: z.object({ model_versions: z.array(modelVersionSchema).optional().default([]), next_page_token: pageToken }),
  getModelVersion: z.object({ model_version: modelVersionSchema }),
  getRun: z.object({ run: runSchema }),
  searchRuns: z.object({ runs: z.array(runSchema).optional().default([]), next_page_token: pageToken }),
  searchExperiments: z.object({ experiments: z.array(experimentSchema).optional().default([]), next_page_token: pageToken }),
  getExperiment: z.object({ experiment: experimentSchema }),
  getMetricHistory: z.object({ metrics: z.array(metricSchema).optional().default([]), next_page_token: pageToken }),
  empty: z.object({}).passthrough(),
};

/** MLflow's error body; proxies and auth layers may send something else entirely. */
export const errorBodySchema = z.object({ error_code: z.string(), message: z.string().optional().default("") });

export function tagValue(tags: { key: string; value: string }[], key: string): string | undefined {
  return tags.find((tag) => tag.key === key)?.value;
}
