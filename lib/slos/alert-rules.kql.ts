// The KQL of the Azure Monitor alert rules Stagegate exports per SLO (issue 15): one query per
// severity that counts, in one pass, the good and valid events of each window of that severity's
// pairs from the multi-window multi-burn-rate table, and answers one row whose Firing column is 1
// when any pair burns above its factor over both its windows. Azure Monitor runs it on its own
// schedule, so every window is ago()-relative; the rule thresholds Firing > 0.
//
// The events are the SLO page's (slo.kql.ts): requests counted with sum(ItemCount), mirrored copies
// left out, latency judged on successful requests, one event per freshness probe. The domain's
// minimum-traffic guard holds too: a long window with fewer events than minimumLongWindowEvents, or
// a short one with none, never fires, so a quiet endpoint does not page on a lone failure.
//
// Azure Monitor's log search alerts scan at most two days, even when the query asks for more, so
// the table's 3-day long window becomes 2 days here (factor and short window unchanged).
import { z } from "zod";
import { ALERT_WINDOWS, BURN_RATE_ALERTS, minimumLongWindowEvents, type AlertSeverity, type AlertWindow } from "../domain/slo/burn-rate-alerts";
import { kqlRealLiteral, withParameters } from "../sources/log-analytics/kql-parameters";
import { logsColumn } from "../sources/log-analytics/log-analytics-rows";
import { subjectParameters, type KqlSloKind, type SloSubject } from "./slo.kql";

const DAY_MS = 86_400_000;

/** The windows a rule reads, keyed by their duration as KQL writes a timespan. */
export const RULE_WINDOWS = { ...ALERT_WINDOWS, "2d": 2 * DAY_MS } as const;
export type RuleWindow = keyof typeof RULE_WINDOWS;

/** The longest look-back of an Azure Monitor log search alert (its query time range is capped at P2D). */
export const LOG_SEARCH_MAX_WINDOW: RuleWindow = "2d";

export interface RulePair {
  factor: number;
  long: RuleWindow;
  short: RuleWindow;
  /** The table's long window, when the two-day cap shortened it. */
  shortenedFrom: AlertWindow | null;
  /** The domain's minimum-traffic guard for this row of the table. */
  minimumEvents: (target: number) => number;
}

function rulePair(row: (typeof BURN_RATE_ALERTS)[number]): RulePair {
  const capped = ALERT_WINDOWS[row.long] > RULE_WINDOWS[LOG_SEARCH_MAX_WINDOW];
  return { factor: row.factor, long: capped ? LOG_SEARCH_MAX_WINDOW : row.long, short: row.short, shortenedFrom: capped ? row.long : null, minimumEvents: (target) => minimumLongWindowEvents(row, target) };
}

/** Each severity's rows of the table as Azure Monitor evaluates them, fastest burn first. */
export const RULE_PAIRS: Record<AlertSeverity, RulePair[]> = {
  page: BURN_RATE_ALERTS.filter((row) => row.severity === "page").map(rulePair),
  ticket: BURN_RATE_ALERTS.filter((row) => row.severity === "ticket").map(rulePair),
};

/** The windows a severity's query counts, longest first, each once. */
export function ruleWindows(severity: AlertSeverity): RuleWindow[] {
  const windows = new Set(RULE_PAIRS[severity].flatMap((pair) => [pair.long, pair.short]));
  return [...windows].sort((a, b) => RULE_WINDOWS[b] - RULE_WINDOWS[a]);
}

/** How a kind's events are counted: the same rules as the SLO page's query (slo.kql.ts). */
export interface AlertEventRules {
  table: string;
  /** The SLO's subject among the table's rows. */
  subject: string;
  count: (condition: string) => string;
  /** Valid events (null: every event is valid). */
  valid: string | null;
  good: string;
}

const requests = { table: "AppRequests", subject: `tostring(Properties.endpoint) == endpointName and tostring(Properties.mirrored) != "true"`, count: (condition: string) => `sumif(ItemCount, ${condition})` };

export const ALERT_EVENT_RULES: Record<KqlSloKind, AlertEventRules> = {
  latency: { ...requests, valid: "Success == true", good: "Success == true and DurationMs <= thresholdMs" },
  availability: { ...requests, valid: null, good: "Success == true" },
  // tostring of a dynamic array is its compact JSON, so the quoted name matches one element exactly.
  freshness: { table: "FeatureFreshness_CL", subject: "tostring(Consumers) contains_cs consumerElement", count: (condition: string) => `countif(${condition})`, valid: null, good: "LagMinutes < thresholdMinutes" },
};

const both = (a: string | null, b: string) => (a ? `${a} and ${b}` : b);
const pairName = (pair: RulePair) => `${pair.long}${pair.short}`;

// Ten significant digits drop binary noise (1 − 0.999 = 0.0010000000000000009) and keep every
// target the schema allows (at most 5 decimals) and every factor of the table exact.
const tidy = (value: number) => Number(value.toPrecision(10));

/** The error budget, 1 − target, written as people would (0.001). */
export const errorBudgetOf = (target: number) => tidy(1 - target);

/** factor × (1 − target), written as people would (0.0144, not 0.014400000000000001). */
export function maxBadRatio(factor: number, target: number): number {
  return tidy(factor * errorBudgetOf(target));
}

function queryText(rules: AlertEventRules, severity: AlertSeverity): string {
  const windows = ruleWindows(severity);
  const pairs = RULE_PAIRS[severity];
  const counts = windows.flatMap((window) => {
    const inWindow = `TimeGenerated >= ago(${window})`;
    return [`Total${window} = ${rules.count(both(rules.valid, inWindow))}`, `Good${window} = ${rules.count(both(rules.good, inWindow))}`];
  });
  const badRatios = windows.map((window) => `BadRatio${window} = iff(Total${window} > 0, todouble(Total${window} - Good${window}) / Total${window}, real(null))`);
  const fires = pairs.map((pair) => {
    const name = pairName(pair);
    return `Fires${name} = iff(Total${pair.long} >= minEvents${name} and Total${pair.short} > 0 and BadRatio${pair.long} > maxBadRatio${name} and BadRatio${pair.short} > maxBadRatio${name}, 1, 0)`;
  });
  const firing = pairs.length === 1 ? `Fires${pairName(pairs[0]!)}` : `max_of(${pairs.map((pair) => `Fires${pairName(pair)}`).join(", ")})`;
  const shown = windows.flatMap((window) => [`Events${window} = Total${window}`, `BurnRate${window} = BadRatio${window} / errorBudget`]);
  return `
${rules.table}
| where TimeGenerated >= ago(${windows[0]})
| where ${rules.subject}
| summarize ${counts.join(",\n    ")}
| extend ${badRatios.join(",\n    ")}
| extend ${fires.join(",\n    ")}
| project Firing = ${firing},
    ${shown.join(",\n    ")}`;
}

/** The alert query of one SLO and severity: its subject, its target's error budget, and each pair's threshold and minimum of events. */
export function alertRuleQuery(subject: SloSubject, severity: AlertSeverity, target: number): string {
  if (!(target > 0 && target < 1)) throw new RangeError(`An SLO target must be between 0 and 1 (exclusive), not ${target}.`);
  const thresholds = Object.fromEntries(
    RULE_PAIRS[severity].flatMap((pair) => [
      [`maxBadRatio${pairName(pair)}`, kqlRealLiteral(maxBadRatio(pair.factor, target))],
      [`minEvents${pairName(pair)}`, kqlRealLiteral(pair.minimumEvents(target))],
    ]),
  );
  return withParameters(queryText(ALERT_EVENT_RULES[subject.kind], severity), { ...subjectParameters(subject), errorBudget: kqlRealLiteral(errorBudgetOf(target)), ...thresholds });
}

// Counts are 0 over no rows (Kusto's default for sums); a burn rate is null without events.
const alertCount = logsColumn.long.nullable().transform((value) => value ?? 0);

/** The row a severity's query answers: Firing (1 or 0), and each window's events and burn rate. */
export function alertRuleRow(severity: AlertSeverity) {
  const columns = ruleWindows(severity).flatMap((window) => [
    [`Events${window}`, alertCount],
    [`BurnRate${window}`, logsColumn.real],
  ]);
  return z.object({ Firing: z.union([z.literal(0), z.literal(1)]), ...Object.fromEntries(columns) } as Record<string, z.ZodType>);
}

// The text as sent, with the demo's SLOs as example parameters, for the KQL checks.
const EXAMPLES: Record<KqlSloKind, { subject: SloSubject; target: number }> = {
  latency: { subject: { kind: "latency", endpoint: "churn-endpoint", thresholdMs: 120 }, target: 0.95 },
  availability: { subject: { kind: "availability", endpoint: "churn-endpoint" }, target: 0.999 },
  freshness: { subject: { kind: "freshness", model: "churn_xgb", thresholdMinutes: 15 }, target: 0.99 },
};
const SEVERITIES: AlertSeverity[] = ["page", "ticket"];
const exampleName = (kind: KqlSloKind, severity: AlertSeverity) => `${kind}${severity === "page" ? "Page" : "Ticket"}Alert`;

export const KQL_QUERIES: Record<string, string> = Object.fromEntries(
  (Object.keys(EXAMPLES) as KqlSloKind[]).flatMap((kind) => SEVERITIES.map((severity) => [exampleName(kind, severity), alertRuleQuery(EXAMPLES[kind].subject, severity, EXAMPLES[kind].target)])),
);

/** Each query's row schema, by the same names. */
export const KQL_ROWS: Record<keyof typeof KQL_QUERIES, z.ZodType> = Object.fromEntries(
  (Object.keys(EXAMPLES) as KqlSloKind[]).flatMap((kind) => SEVERITIES.map((severity) => [exampleName(kind, severity), alertRuleRow(severity)])),
);
