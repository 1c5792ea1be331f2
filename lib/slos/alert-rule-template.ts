// An SLO's burn-rate alerts as an ARM deployment template of two Azure Monitor log search alert
// rules (Microsoft.Insights/scheduledQueryRules, kind LogAlert): one pages (severity 1, every 5
// minutes), one opens a ticket (severity 3, every 30 minutes), each with its severity's window
// pairs in one query (alert-rules.kql.ts). Teams deploy it into their own resource group and alert
// from Azure Monitor; Stagegate pages no one. Pure.
//
// windowSize is the longest window the query reads (6 h, 2 days), not the evaluation frequency: a
// log search alert's time range (windowSize unless overridden) filters the rows before the query
// runs, so an ago(6h) under a 1-hour window would silently count one hour. Both rules stay within
// the two days Azure Monitor allows.
import { canFire, maxBurnRate, type AlertSeverity } from "@/lib/domain/slo/burn-rate-alerts";
import { describeSlo, formatTarget, type SloDefinition } from "@/lib/domain/slo/definitions";
import { alertRuleQuery, maxBadRatio, RULE_PAIRS, RULE_WINDOWS, ruleWindows, type RulePair, type RuleWindow } from "./alert-rules.kql";
import { sloSubjectOf } from "./slo.kql";

/** The SLOs Azure Monitor can alert on: training time comes from MLflow runs, not Log Analytics. */
export type TelemetrySloDefinition = Exclude<SloDefinition, { kind: "training-time" }>;

export function hasAlertRules(definition: SloDefinition): definition is TelemetrySloDefinition {
  return definition.kind !== "training-time";
}

export const DEPLOYMENT_TEMPLATE_SCHEMA = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#";
export const SCHEDULED_QUERY_RULES = "Microsoft.Insights/scheduledQueryRules";
/** The current GA version; 2023-03-15-preview has the same shape for everything used here. */
export const SCHEDULED_QUERY_RULES_API_VERSION = "2023-12-01";

interface Rule {
  severity: 0 | 1 | 2 | 3 | 4;
  evaluationFrequency: string;
  verb: string;
}

const RULES: Record<AlertSeverity, Rule> = {
  page: { severity: 1, evaluationFrequency: "PT5M", verb: "Pages" },
  ticket: { severity: 3, evaluationFrequency: "PT30M", verb: "Opens a ticket" },
};

const ISO_DURATION: Record<RuleWindow, string> = { "5m": "PT5M", "30m": "PT30M", "1h": "PT1H", "2h": "PT2H", "6h": "PT6H", "1d": "P1D", "2d": "P2D", "3d": "P3D" };
const WINDOW_LABELS: Record<RuleWindow, string> = { "5m": "5 min", "30m": "30 min", "1h": "1 h", "2h": "2 h", "6h": "6 h", "1d": "1 day", "2d": "2 days", "3d": "3 days" };

export interface ScheduledQueryRuleResource {
  type: typeof SCHEDULED_QUERY_RULES;
  apiVersion: string;
  name: string;
  location: string;
  kind: "LogAlert";
  tags: Record<string, string>;
  properties: {
    displayName: string;
    description: string;
    severity: Rule["severity"];
    enabled: boolean;
    evaluationFrequency: string;
    windowSize: string;
    scopes: string[];
    criteria: {
      allOf: {
        query: string;
        timeAggregation: "Maximum";
        metricMeasureColumn: string;
        operator: "GreaterThan";
        threshold: number;
        failingPeriods: { numberOfEvaluationPeriods: number; minFailingPeriodsToAlert: number };
      }[];
    };
    autoMitigate: boolean;
    actions: { actionGroups: string[]; customProperties: Record<string, string> };
  };
}

export interface ArmParameter {
  type: "string";
  defaultValue?: string;
  metadata: { description: string };
}

export interface AlertRuleTemplate {
  $schema: string;
  contentVersion: string;
  metadata: { description: string };
  parameters: { workspaceResourceId: ArmParameter; actionGroupResourceId: ArmParameter; location: ArmParameter };
  resources: ScheduledQueryRuleResource[];
}

export interface AlertRuleTemplateOptions {
  /** The SLO's saved version (0: the blueprint's default), recorded in tags and descriptions. */
  version: number;
}

// ARM reads a string that starts with "[" and ends with "]" as an expression; "[[" keeps it text.
function armText(text: string): string {
  return text.startsWith("[") && text.endsWith("]") ? `[${text}` : text;
}

const percent = (ratio: number) => `${Number((ratio * 100).toPrecision(6))} %`;
const times = (factor: number) => `${Number(factor.toFixed(2))}×`;

/** "14.4× over 1 h and 5 min (bad above 1.44 % of valid events, 2 % of the 30-day budget; at least 70 events over 1 h)". */
function describePair(pair: RulePair, definition: TelemetrySloDefinition): string {
  const longLabel = pair.shortenedFrom ? `${WINDOW_LABELS[pair.long]} (the table's ${WINDOW_LABELS[pair.shortenedFrom]}: Azure Monitor's log search alerts read at most 2 days)` : WINDOW_LABELS[pair.long];
  const windows = `${times(pair.factor)} over ${longLabel} and ${WINDOW_LABELS[pair.short]}`;
  if (!canFire(pair, definition.target)) {
    return `${windows}, which cannot fire at a ${formatTarget(definition.target)} target (the burn rate is at most ${times(maxBurnRate(definition.target))})`;
  }
  const budgetSpent = (pair.factor * RULE_WINDOWS[pair.long]) / (definition.periodDays * 86_400_000);
  return `${windows} (bad events above ${percent(maxBadRatio(pair.factor, definition.target))} of valid ones, spending ${percent(budgetSpent)} of the ${definition.periodDays}-day budget; at least ${pair.minimumEvents(definition.target)} events over ${WINDOW_LABELS[pair.long]})`;
}

function rule(definition: TelemetrySloDefinition, severity: AlertSeverity, options: AlertRuleTemplateOptions): ScheduledQueryRuleResource {
  const { severity: level, evaluationFrequency, verb } = RULES[severity];
  const pairs = RULE_PAIRS[severity];
  const sentence = describeSlo(definition);
  const description = [
    `SLO ${definition.id}: ${sentence}.`,
    `${verb} (severity ${level}) when the error budget burns faster than ${pairs.map((pair) => describePair(pair, definition)).join(", or ")}, over both windows of a pair.`,
    `Owner: ${definition.owner}. Runbook: ${definition.runbook.url}.`,
    `Exported by Stagegate from version ${options.version} of the SLO; re-export after it changes.`,
  ].join(" ");
  return {
    type: SCHEDULED_QUERY_RULES,
    apiVersion: SCHEDULED_QUERY_RULES_API_VERSION,
    name: `${definition.id}-${severity}-burn-rate`,
    location: "[parameters('location')]",
    kind: "LogAlert",
    tags: { "stagegate-slo": definition.id, "stagegate-slo-version": String(options.version) },
    properties: {
      displayName: armText(`SLO ${definition.id}: ${severity} on error-budget burn`),
      description: armText(description),
      severity: level,
      enabled: true,
      evaluationFrequency,
      windowSize: ISO_DURATION[ruleWindows(severity)[0]!],
      scopes: ["[parameters('workspaceResourceId')]"],
      criteria: {
        allOf: [
          {
            query: armText(alertRuleQuery(sloSubjectOf(definition)!, severity, definition.target)),
            timeAggregation: "Maximum",
            metricMeasureColumn: "Firing",
            operator: "GreaterThan",
            threshold: 0,
            failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 },
          },
        ],
      },
      autoMitigate: true,
      actions: {
        actionGroups: ["[parameters('actionGroupResourceId')]"],
        // Appended to the alert's payload, so whoever is paged reads what broke and what to do.
        customProperties: { slo: armText(sentence), sloId: definition.id, owner: armText(definition.owner), runbook: armText(definition.runbook.url) },
      },
    },
  };
}

/** The ARM deployment template of an SLO's two alert rules (page and ticket). */
export function alertRuleTemplate(definition: TelemetrySloDefinition, options: AlertRuleTemplateOptions): AlertRuleTemplate {
  return {
    $schema: DEPLOYMENT_TEMPLATE_SCHEMA,
    contentVersion: "1.0.0.0",
    metadata: {
      description: armText(`Azure Monitor alert rules for SLO ${definition.id} (version ${options.version}): ${describeSlo(definition)}. Multi-window, multi-burn-rate alerts from the SRE workbook; deploy into any resource group.`),
    },
    parameters: {
      workspaceResourceId: {
        type: "string",
        metadata: { description: "Resource ID of the Log Analytics workspace holding AppRequests and FeatureFreshness_CL (/subscriptions/…/resourceGroups/…/providers/Microsoft.OperationalInsights/workspaces/…)." },
      },
      actionGroupResourceId: { type: "string", metadata: { description: "Resource ID of the action group to notify when a rule fires (/subscriptions/…/providers/Microsoft.Insights/actionGroups/…)." } },
      location: { type: "string", defaultValue: "[resourceGroup().location]", metadata: { description: "Region of the alert rules; the resource group's by default." } },
    },
    resources: [rule(definition, "page", options), rule(definition, "ticket", options)],
  };
}
