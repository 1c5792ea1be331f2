// The KQL a rollout runs against Log Analytics, per deployment of one online endpoint (a canary's
// baseline and candidate). Every number is summarized by Log Analytics; Node only receives one row
// per deployment (or per deployment and bin).
// Inputs arrive as `let` parameters (see withParameters): endpointName, windowStart, windowEnd
// [start, end), and binSize for the series.
//
// Requests are counted with sum(ItemCount) because App Insights samples. Percentiles are taken over
// the sampled rows: within a deployment and minute every row stands for the same ItemCount, so the
// unweighted p95 is the requests' p95. SampledRows says how many rows that p95 stands on.
//
// Mirrored (shadow) copies carry Properties.mirrored = "true" (customDimensions are strings; the
// emulator writes a JSON true, which tostring() reads the same). They are kept apart as
// Traffic = "mirrored": a shadow step judges the candidate's mirrored copies against the baseline's
// live requests, and users never saw a mirrored answer, so the availability SLO counts live only.
import { z } from "zod";
import { kqlAgoLiteral, kqlDatetimeLiteral, kqlStringLiteral, kqlTimespanLiteral, withParameters, type KqlLiteral } from "../../sources/log-analytics/kql-parameters";
import { logsColumn } from "../../sources/log-analytics/log-analytics-rows";

const ENDPOINT_REQUESTS = `
AppRequests
| where TimeGenerated >= windowStart and TimeGenerated < windowEnd
| where tostring(Properties.endpoint) == endpointName
| extend Deployment = tostring(Properties.deployment), Traffic = iff(tostring(Properties.mirrored) == "true", "mirrored", "live")`;

const DEPLOYMENT_TOTALS = "Requests = sum(ItemCount), Failures = sumif(ItemCount, Success == false), P95Ms = percentile(DurationMs, 95), SampledRows = count()";

/** Per deployment and traffic kind over the window: what the canary judge's ArmStats are made of. */
const DEPLOYMENT_STATS = `${ENDPOINT_REQUESTS}
| summarize ${DEPLOYMENT_TOTALS} by Deployment, Traffic`;

/** The same per bin, for the step view's charts. */
const DEPLOYMENT_SERIES = `${ENDPOINT_REQUESTS}
| summarize ${DEPLOYMENT_TOTALS} by BinStart = bin(TimeGenerated, binSize), Deployment, Traffic
| extend ErrorRate = todouble(Failures) / Requests
| order by BinStart asc`;

// The business KPI: precision of the retention offer. Customers in the top three score deciles of
// their deployment get an offer (Treated); the KPI is the share of them who really were churners (Label),
// Label over Treated. A better churn model puts more real churners into the offer and wastes fewer
// offers, which is the money the model moves. "Retained among treated" (Treated and not Label) was
// rejected: labels are observed whether or not the offer is made, so it would reward a model that
// offers discounts to customers who never meant to leave.
// Outcomes are selected by PredictionTime (predictions the deployment made during the window); their label
// arrives days later, so TimeGenerated only bounds the scan from below. A young step has no outcomes
// yet: no row for the deployment, and the KPI gate reads insufficient-data.
// Mirrored (shadow) scores were never acted on, so the gate counts only the predictions that were.
const DEPLOYMENT_KPI = `
ModelOutcomes_CL
| where TimeGenerated >= windowStart
| where Endpoint == endpointName and PredictionTime >= windowStart and PredictionTime < windowEnd
| where Mirrored == false
| summarize Offers = countif(Treated), OffersToChurners = countif(Treated and Label), Outcomes = count() by Deployment`;

/** The endpoint's live requests and failures over the SLO period, for its availability error budget. */
const ENDPOINT_AVAILABILITY = `
AppRequests
| where TimeGenerated >= windowStart and TimeGenerated < windowEnd
| where tostring(Properties.endpoint) == endpointName and tostring(Properties.mirrored) != "true"
| summarize Total = sum(ItemCount), Bad = sumif(ItemCount, Success == false)`;

export interface EndpointWindow {
  endpoint: string;
  from: Date;
  to: Date;
}

const windowParameters = ({ endpoint, from, to }: EndpointWindow): Record<string, KqlLiteral> => ({
  endpointName: kqlStringLiteral(endpoint),
  windowStart: kqlDatetimeLiteral(from),
  windowEnd: kqlDatetimeLiteral(to),
});

export const deploymentStatsQuery = (window: EndpointWindow) => withParameters(DEPLOYMENT_STATS, windowParameters(window));
export const deploymentSeriesQuery = (window: EndpointWindow & { binMs: number }) =>
  withParameters(DEPLOYMENT_SERIES, { ...windowParameters(window), binSize: kqlTimespanLiteral(window.binMs) });
export const deploymentKpiQuery = (window: EndpointWindow) => withParameters(DEPLOYMENT_KPI, windowParameters(window));
export const endpointAvailabilityQuery = (window: EndpointWindow) => withParameters(ENDPOINT_AVAILABILITY, windowParameters(window));

// Counts may come back null where an aggregate saw no rows.
const count = logsColumn.long.nullable().transform((value) => value ?? 0);

export const deploymentStatsRow = z.object({ Deployment: logsColumn.string, Traffic: z.enum(["live", "mirrored"]), Requests: count, Failures: count, P95Ms: logsColumn.real, SampledRows: count });
export const deploymentSeriesRow = deploymentStatsRow.extend({ BinStart: logsColumn.datetime, ErrorRate: logsColumn.real });
export const deploymentKpiRow = z.object({ Deployment: logsColumn.string, Offers: count, OffersToChurners: count, Outcomes: count });
export const endpointAvailabilityRow = z.object({ Total: count, Bad: count });

// The text as sent, with example parameters (the last hour of churn-endpoint), for the KQL checks.
const EXAMPLE = { endpointName: kqlStringLiteral("churn-endpoint"), windowStart: kqlAgoLiteral(3_600_000), windowEnd: kqlAgoLiteral(0) };

export const KQL_QUERIES: Record<string, string> = {
  deploymentStats: withParameters(DEPLOYMENT_STATS, EXAMPLE),
  deploymentSeries: withParameters(DEPLOYMENT_SERIES, { ...EXAMPLE, binSize: kqlTimespanLiteral(60_000) }),
  deploymentKpi: withParameters(DEPLOYMENT_KPI, { ...EXAMPLE, windowStart: kqlAgoLiteral(5 * 86_400_000), windowEnd: kqlAgoLiteral(3 * 86_400_000) }),
  endpointAvailability: withParameters(ENDPOINT_AVAILABILITY, { ...EXAMPLE, windowStart: kqlAgoLiteral(30 * 86_400_000) }),
};

/** Each query's row schema, by the same names: the KQL checks parse the emulator's rows with it. */
export const KQL_ROWS: Record<keyof typeof KQL_QUERIES, z.ZodType> = {
  deploymentStats: deploymentStatsRow,
  deploymentSeries: deploymentSeriesRow,
  deploymentKpi: deploymentKpiRow,
  endpointAvailability: endpointAvailabilityRow,
};
