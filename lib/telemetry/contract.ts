// The telemetry contract: every Log Analytics table Stagegate queries, with its declared columns.
// Pure data shared by the app's KQL checks (Kusto parser) and the emulator that generates the rows.

/** Column types of Kusto as the Logs query API names them. */
export type KustoType = "string" | "long" | "int" | "real" | "bool" | "datetime" | "dynamic" | "timespan" | "guid" | "decimal";

export interface TelemetryColumn {
  name: string;
  type: KustoType;
  description: string;
}

export interface TelemetryTable {
  description: string;
  /** Who writes the table in production. */
  writtenBy: string;
  columns: readonly TelemetryColumn[];
}

const column = (name: string, type: KustoType, description: string): TelemetryColumn => ({ name, type, description });

/** Keys the serving code puts in AppRequests.Properties (customDimensions), all JSON strings but cost_tokens. */
export const APP_REQUEST_PROPERTIES = {
  model_name: "Registered MLflow model name served by the deployment, e.g. churn_xgb.",
  model_version: "Registered model version served, as a string, e.g. \"7\".",
  deployment: "Azure ML online deployment that answered, e.g. blue.",
  endpoint: "Azure ML online endpoint the request was sent to, e.g. churn-endpoint.",
  feature_set_hash: "Hash of the feature set definition the model was scored with (lineage to the feature tables).",
  cost_tokens: "Compute units the request consumed (number); cost per 1k predictions weights them by ItemCount.",
  mirrored: "true when the request was a shadow copy (mirror traffic) whose answer was discarded; absent otherwise.",
} as const;

export type AppRequestProperty = keyof typeof APP_REQUEST_PROPERTIES;

const APP_REQUESTS: TelemetryTable = {
  description: "Workspace-based Application Insights requests of the scoring containers: one row per sampled request.",
  writtenBy: "Application Insights (OpenTelemetry distro in the scoring image).",
  // Column order as Log Analytics returns it (wire-formats §2.6).
  columns: [
    column("TenantId", "string", "Log Analytics workspace id (customer id) holding the row."),
    column("TimeGenerated", "datetime", "When the request started."),
    column("Id", "string", "Request (span) id."),
    column("Source", "string", "Caller-reported source of the request; empty for the scoring API."),
    column("Name", "string", "Request name, e.g. POST /score."),
    column("Url", "string", "Scoring URL of the endpoint."),
    column("Success", "bool", "false when the request failed (5xx or 429)."),
    column("ResultCode", "string", "HTTP status code, as a string."),
    column("DurationMs", "real", "Server-side duration of the request in milliseconds."),
    column("PerformanceBucket", "string", "Application Insights duration bucket, e.g. <250ms."),
    column("Properties", "dynamic", "customDimensions: model_name, model_version, deployment, endpoint, feature_set_hash, cost_tokens, mirrored."),
    column("Measurements", "dynamic", "customMeasurements; empty for the scoring API."),
    column("OperationName", "string", "Operation (route) name, e.g. POST /score."),
    column("OperationId", "string", "Distributed trace id."),
    column("OperationLinks", "dynamic", "Links to other operations; null for the scoring API."),
    column("ParentId", "string", "Id of the parent span."),
    column("SyntheticSource", "string", "Availability-test source; empty for real traffic."),
    column("SessionId", "string", "Client session id; empty for server-to-server calls."),
    column("UserId", "string", "Anonymous user id; empty for server-to-server calls."),
    column("UserAuthenticatedId", "string", "Authenticated user id; empty."),
    column("UserAccountId", "string", "Account id; empty."),
    column("AppVersion", "string", "Version of the serving app: model name and version."),
    column("AppRoleName", "string", "Role name: endpoint and deployment, e.g. churn-endpoint-blue."),
    column("AppRoleInstance", "string", "Instance (pod) of the deployment that answered."),
    column("ClientType", "string", "Client type, PC for server-side telemetry."),
    column("ClientModel", "string", "Client device model; empty."),
    column("ClientOS", "string", "Client OS; empty."),
    column("ClientIP", "string", "Client IP; 0.0.0.0 because Application Insights masks it."),
    column("ClientCity", "string", "Client city from IP geolocation."),
    column("ClientStateOrProvince", "string", "Client state or province from IP geolocation."),
    column("ClientCountryOrRegion", "string", "Client country or region from IP geolocation."),
    column("ClientBrowser", "string", "Client browser; empty."),
    column("ResourceGUID", "string", "Id of the Application Insights component."),
    column("IKey", "string", "Instrumentation key of the component."),
    column("SDKVersion", "string", "Telemetry SDK version."),
    column("ItemCount", "int", "Requests this sampled row stands for: count requests with sum(ItemCount)."),
    column("ReferencedItemId", "string", "Unused for requests; empty."),
    column("ReferencedType", "string", "Unused for requests; empty."),
    column("SourceSystem", "string", "Always Azure."),
    column("Type", "string", "Table name, AppRequests."),
    column("_ResourceId", "string", "ARM id of the Application Insights component, lower case."),
  ],
};

const MODEL_DRIFT: TelemetryTable = {
  description:
    "Population stability (PSI) of each model input feature and of the predicted score, per model and hourly window, against the reference: one row per window and frozen bin, with the bin's reference and current counts.",
  writtenBy: "Drift monitoring job (hourly).",
  columns: [
    column("TimeGenerated", "datetime", "When the job wrote the row (shortly after WindowEnd)."),
    column("ModelName", "string", "Registered model name, e.g. churn_xgb."),
    column("ModelVersion", "string", "Model version whose inputs were compared (the champion serving the window)."),
    column("Endpoint", "string", "Online endpoint whose request payloads were sampled."),
    column("FeatureName", "string", "Input feature, e.g. monthly_charges; prediction_score for the model's predicted score."),
    column("FeatureType", "string", "numeric, categorical, or prediction (the model's output on unlabelled traffic, binned like a numeric feature)."),
    column("WindowStart", "datetime", "Start of the compared serving window."),
    column("WindowEnd", "datetime", "End of the compared serving window (exclusive)."),
    column("ReferenceWindow", "string", "Reference data the bins were frozen from, dataset@version: training data for inputs, validation scores for the prediction."),
    column(
      "Psi",
      "real",
      "The window's PSI over its bins, from CurrentCount / SampleCount and ReferenceShare with both shares floored at 1e-4: <0.1 stable, 0.1-0.25 moderate, >0.25 significant. Repeated on every bin row of the window: filter Bin == 0 or take_any to read it once. Never average it over windows: sum the counts and recompute.",
    ),
    column("SampleCount", "long", "Serving samples in the window (the sum of its CurrentCount); repeated on every bin row of the window."),
    column("BinCount", "int", "Number of bins of the feature: 10 for numeric features and the prediction, the number of categories for categorical ones."),
    column("Bin", "int", "0-based bin index in edge order; for categorical features, in the reference's category order."),
    column("BinLower", "real", "Lower edge of the bin (exclusive); null for the open lowest bin and for categorical features."),
    column("BinUpper", "real", "Upper edge of the bin (inclusive); null for the open highest bin and for categorical features."),
    column("Category", "string", "The bin's category for categorical features; empty for numeric ones."),
    column("ReferenceShare", "real", "Share of the reference data in the bin, frozen with the edges (deciles: about 0.1 each)."),
    column("ReferenceCount", "long", "Reference samples in the bin."),
    column("CurrentCount", "long", "Serving samples of the window in the bin."),
    column("Type", "string", "Table name, ModelDrift_CL."),
  ],
};

const MODEL_OUTCOMES: TelemetryTable = {
  description:
    "Outcomes of scored predictions once their label is known: for lift, gains, calibration and business value (KPI, ROI), with a randomized holdout of the offer for uplift.",
  writtenBy: "Outcome join job (joins predictions with CRM churn labels after the label horizon).",
  columns: [
    column("TimeGenerated", "datetime", "When the label became known and the row was written (PredictionTime + label delay)."),
    column("ModelName", "string", "Registered model name."),
    column("ModelVersion", "string", "Model version that made the prediction."),
    column("Endpoint", "string", "Online endpoint that served the prediction."),
    column("Deployment", "string", "Deployment that served the prediction."),
    column("PredictionId", "string", "Id of the prediction (the request's OperationId)."),
    column("PredictionTime", "datetime", "When the prediction was made."),
    column("Score", "real", "Predicted churn probability, 0..1, calibrated: among predictions with a score near p, about p churn."),
    column("ScoreDecile", "int", "Decile of Score within the scoring batch (hour), 1 = highest scores, assigned by the scoring job."),
    column("Label", "bool", "true when the customer churned within the label horizon."),
    column("Mirrored", "bool", "true when this version scored a mirrored (shadow) copy: its score was recorded but not acted on, so Treated, Holdout and OutcomeValue are false/0 and the row counts for lift and calibration, never for value."),
    column("Treated", "bool", "true when the customer received a retention offer: top three deciles and not Holdout."),
    column("Holdout", "bool", "true when the customer was randomly held out of the retention offer although their decile qualified (about 10 % of the top three deciles): the control group for uplift."),
    column("OutcomeValue", "real", "Business value realised, in EUR: monthly revenue retained for treated customers who stayed, else 0 (held-out customers included)."),
    column("LabelDelayHours", "real", "Hours between the prediction and the label becoming known."),
    column("Type", "string", "Table name, ModelOutcomes_CL."),
  ],
};

const FEATURE_FRESHNESS: TelemetryTable = {
  description: "Freshness probes of the feature tables the models read: how long ago each table was last refreshed.",
  writtenBy: "Feature store freshness probe (every 5 minutes).",
  columns: [
    column("TimeGenerated", "datetime", "When the probe ran."),
    column("FeatureTable", "string", "Feature table (Delta table name), e.g. telco.features.customer_profile."),
    column("Consumers", "dynamic", "Model names that read the table, as a JSON array."),
    column("LastRefreshTime", "datetime", "Commit time of the table's latest version."),
    column("LagMinutes", "real", "TimeGenerated - LastRefreshTime in minutes; the SLO is < 15."),
    column("TableVersion", "long", "Delta version of the latest commit."),
    column("RowCount", "long", "Rows in the latest version."),
    column("Type", "string", "Table name, FeatureFreshness_CL."),
  ],
};

const DEAD_LETTER: TelemetryTable = {
  description: "Depth of the dead-letter queues of the scoring and feature pipelines.",
  writtenBy: "Queue monitor (every 5 minutes).",
  columns: [
    column("TimeGenerated", "datetime", "When the depth was sampled."),
    column("Namespace", "string", "Service Bus namespace holding the queue."),
    column("Queue", "string", "Queue whose dead-letter sub-queue was sampled."),
    column("Depth", "long", "Messages in the dead-letter sub-queue."),
    column("DeadLetteredLast5m", "long", "Messages dead-lettered since the previous sample."),
    column("OldestMessageAgeMinutes", "real", "Age of the oldest dead-lettered message in minutes; 0 when empty."),
    column("Type", "string", "Table name, DeadLetter_CL."),
  ],
};

/** Every table Stagegate may query, by name. */
export const TELEMETRY_TABLES = {
  AppRequests: APP_REQUESTS,
  ModelDrift_CL: MODEL_DRIFT,
  ModelOutcomes_CL: MODEL_OUTCOMES,
  FeatureFreshness_CL: FEATURE_FRESHNESS,
  DeadLetter_CL: DEAD_LETTER,
} as const satisfies Record<string, TelemetryTable>;

export type TelemetryTableName = keyof typeof TELEMETRY_TABLES;

/** A table's schema in Kusto's declaration syntax, e.g. "(TimeGenerated:datetime, Name:string)". */
export function kustoSchemaText(table: { readonly columns: readonly Pick<TelemetryColumn, "name" | "type">[] }): string {
  return `(${table.columns.map((c) => `['${c.name}']:${c.type}`).join(", ")})`;
}
