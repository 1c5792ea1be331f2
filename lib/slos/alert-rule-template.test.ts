import { describe, expect, it } from "vitest";
import { z } from "zod";
import { DEFAULT_SLOS, describeSlo, type SloDefinition } from "@/lib/domain/slo/definitions";
import { alertRuleTemplate, hasAlertRules, type TelemetrySloDefinition } from "./alert-rule-template";

// The documented shape of an ARM deployment template holding Microsoft.Insights/scheduledQueryRules
// (azure-rest-api-specs, Microsoft.Insights scheduledQueryRule_API.json 2023-03-15-preview and
// 2023-12-01; Azure Monitor's log search alert limits), written independently of the code under test.
const EVALUATION_FREQUENCIES = ["PT1M", "PT5M", "PT10M", "PT15M", "PT30M", "PT45M", "PT1H", "PT2H", "PT3H", "PT4H", "PT5H", "PT6H", "P1D"] as const;
// A log search alert reads at most two days.
const WINDOW_SIZES = [...EVALUATION_FREQUENCIES, "P2D"] as const;
const MINUTES: Record<(typeof WINDOW_SIZES)[number], number> = { PT1M: 1, PT5M: 5, PT10M: 10, PT15M: 15, PT30M: 30, PT45M: 45, PT1H: 60, PT2H: 120, PT3H: 180, PT4H: 240, PT5H: 300, PT6H: 360, P1D: 1440, P2D: 2880 };
const isoDuration = z.string().regex(/^P(?=\d|T\d)(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/, "an ISO 8601 duration");

const condition = z
  .object({
    query: z.string().min(1),
    timeAggregation: z.enum(["Count", "Average", "Minimum", "Maximum", "Total"]),
    metricMeasureColumn: z.string().min(1).optional(),
    resourceIdColumn: z.string().optional(),
    operator: z.enum(["Equals", "GreaterThan", "GreaterThanOrEqual", "LessThan", "LessThanOrEqual"]),
    threshold: z.number(),
    failingPeriods: z
      .object({ numberOfEvaluationPeriods: z.number().int().min(1), minFailingPeriodsToAlert: z.number().int().min(1) })
      .strict()
      .refine((periods) => periods.minFailingPeriodsToAlert <= periods.numberOfEvaluationPeriods, "minFailingPeriodsToAlert must be at most numberOfEvaluationPeriods"),
  })
  .strict();

const scheduledQueryRule = z
  .object({
    type: z.literal("Microsoft.Insights/scheduledQueryRules"),
    apiVersion: z.enum(["2023-03-15-preview", "2023-12-01"]),
    // Azure's resource naming rules for this type: no <>*%{}&:\?+/# or |.
    name: z.string().regex(/^[^<>*%{}&:\\?+/#|\s]{1,260}$/),
    location: z.string().min(1),
    kind: z.enum(["LogAlert", "LogToMetric"]),
    tags: z.record(z.string().regex(/^[^<>%&\\?/]{1,512}$/), z.string().max(256)).optional(),
    properties: z
      .object({
        displayName: z.string().min(1),
        description: z.string().min(1),
        severity: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
        enabled: z.boolean(),
        evaluationFrequency: isoDuration.pipe(z.enum(EVALUATION_FREQUENCIES)),
        windowSize: isoDuration.pipe(z.enum(WINDOW_SIZES)),
        overrideQueryTimeRange: isoDuration.optional(),
        scopes: z.array(z.string().min(1)).min(1),
        criteria: z.object({ allOf: z.array(condition).length(1) }).strict(),
        autoMitigate: z.boolean(),
        actions: z.object({ actionGroups: z.array(z.string().min(1)), customProperties: z.record(z.string(), z.string()).optional() }).strict(),
      })
      .strict()
      .refine((properties) => MINUTES[properties.windowSize] >= MINUTES[properties.evaluationFrequency], "windowSize must be at least evaluationFrequency"),
  })
  .strict();

const deploymentTemplate = z
  .object({
    $schema: z.literal("https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"),
    contentVersion: z.string().regex(/^\d+\.\d+\.\d+\.\d+$/),
    metadata: z.record(z.string(), z.unknown()).optional(),
    parameters: z.record(
      z.string(),
      z.object({ type: z.enum(["string", "securestring", "int", "bool", "object", "secureObject", "array"]), defaultValue: z.unknown().optional(), metadata: z.object({ description: z.string() }).optional() }).strict(),
    ),
    resources: z.array(scheduledQueryRule).min(1),
  })
  .strict();

const slo = (id: string) => DEFAULT_SLOS.find((definition) => definition.id === id)! as TelemetrySloDefinition;
const TELEMETRY_SLOS = DEFAULT_SLOS.filter(hasAlertRules);
const asJson = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;
const byName = (template: ReturnType<typeof alertRuleTemplate>) => Object.fromEntries(template.resources.map((resource) => [resource.properties.severity === 1 ? "page" : "ticket", resource]));
const queryOf = (resource: ReturnType<typeof alertRuleTemplate>["resources"][number]) => resource.properties.criteria.allOf[0]!.query;
const letValue = (query: string, name: string) => new RegExp(`^let ${name} = (.*);$`, "m").exec(query)?.[1];

describe("alertRuleTemplate", () => {
  it("is a JSON ARM deployment template of scheduledQueryRules for every SLO Azure Monitor can see", () => {
    expect(TELEMETRY_SLOS.map((definition) => definition.kind).sort()).toEqual(["availability", "availability", "freshness", "freshness", "latency", "latency"]);
    for (const definition of TELEMETRY_SLOS) {
      const json = asJson(alertRuleTemplate(definition, { version: 0 }));
      const parsed = deploymentTemplate.safeParse(json);
      expect(parsed.success ? [] : parsed.error.issues, definition.id).toEqual([]);
      // Nothing JSON drops or changes (undefined, NaN, functions): the download is the object.
      expect(json).toEqual(alertRuleTemplate(definition, { version: 0 }));
    }
  });

  it("declares every parameter its expressions use, and takes the workspace, the action group and the region", () => {
    const template = alertRuleTemplate(slo("churn-endpoint-availability"), { version: 0 });
    const used = [...JSON.stringify(template).matchAll(/parameters\('([A-Za-z]+)'\)/g)].map((match) => match[1]);
    expect(new Set(used)).toEqual(new Set(["workspaceResourceId", "actionGroupResourceId", "location"]));
    expect(Object.keys(template.parameters).sort()).toEqual(["actionGroupResourceId", "location", "workspaceResourceId"]);
    for (const resource of template.resources) {
      expect(resource.properties.scopes).toEqual(["[parameters('workspaceResourceId')]"]);
      expect(resource.properties.actions.actionGroups).toEqual(["[parameters('actionGroupResourceId')]"]);
    }
  });

  it("holds one rule per severity: a page (1) every 5 min over 6 h, a ticket (3) every 30 min over 2 days, both resolving themselves", () => {
    const template = alertRuleTemplate(slo("churn-endpoint-latency"), { version: 3 });
    expect(template.resources.map((resource) => [resource.name, resource.properties.severity, resource.properties.evaluationFrequency, resource.properties.windowSize])).toEqual([
      ["churn-endpoint-latency-page-burn-rate", 1, "PT5M", "PT6H"],
      ["churn-endpoint-latency-ticket-burn-rate", 3, "PT30M", "P2D"],
    ]);
    for (const resource of template.resources) {
      expect(resource.properties).toMatchObject({ enabled: true, autoMitigate: true });
      expect(resource.properties.criteria.allOf[0]).toMatchObject({ metricMeasureColumn: "Firing", timeAggregation: "Maximum", operator: "GreaterThan", threshold: 0 });
      expect(resource.tags).toEqual({ "stagegate-slo": "churn-endpoint-latency", "stagegate-slo-version": "3" });
    }
  });

  it("puts both windows of each of the severity's pairs in its query, the 3-day window cut to Azure Monitor's 2 days", () => {
    const { page, ticket } = byName(alertRuleTemplate(slo("churn-endpoint-availability"), { version: 0 }));
    const windows = (query: string) => [...query.matchAll(/ago\((\w+)\)/g)].map((match) => match[1]);
    expect(new Set(windows(queryOf(page!)))).toEqual(new Set(["1h", "5m", "6h", "30m"]));
    expect(new Set(windows(queryOf(ticket!)))).toEqual(new Set(["1d", "2h", "2d", "6h"]));
    expect(queryOf(page!)).toMatch(/BadRatio1h > maxBadRatio1h5m and BadRatio5m > maxBadRatio1h5m/);
    expect(queryOf(page!)).toMatch(/BadRatio6h > maxBadRatio6h30m and BadRatio30m > maxBadRatio6h30m/);
    expect(queryOf(ticket!)).toMatch(/BadRatio1d > maxBadRatio1d2h and BadRatio2h > maxBadRatio1d2h/);
    expect(queryOf(ticket!)).toMatch(/BadRatio2d > maxBadRatio2d6h and BadRatio6h > maxBadRatio2d6h/);
  });

  it("thresholds each pair at factor × (1 − target) and guards the long window with the domain's minimum of events", () => {
    const { page, ticket } = byName(alertRuleTemplate(slo("churn-endpoint-availability"), { version: 0 }));
    // 99.9 %: 1 − 0.999 = 0.001, so 14.4 × 0.001 = 0.0144 over 1 h, 6 × 0.001 = 0.006, 3 × 0.001, 1 × 0.001.
    expect(letValue(queryOf(page!), "maxBadRatio1h5m")).toBe("real(0.0144)");
    expect(letValue(queryOf(page!), "maxBadRatio6h30m")).toBe("real(0.006)");
    expect(letValue(queryOf(ticket!), "maxBadRatio1d2h")).toBe("real(0.003)");
    expect(letValue(queryOf(ticket!), "maxBadRatio2d6h")).toBe("real(0.001)");
    // One failure among n stays at or below the factor when n ≥ 1 / (factor × 0.001): 69.4 → 70, 166.7 → 167, 333.3 → 334, 1000.
    expect(letValue(queryOf(page!), "minEvents1h5m")).toBe("real(70)");
    expect(letValue(queryOf(page!), "minEvents6h30m")).toBe("real(167)");
    expect(letValue(queryOf(ticket!), "minEvents1d2h")).toBe("real(334)");
    expect(letValue(queryOf(ticket!), "minEvents2d6h")).toBe("real(1000)");
    expect(letValue(queryOf(page!), "endpointName")).toBe('"churn-endpoint"');
  });

  it("follows an edited target and threshold", () => {
    const edited: TelemetrySloDefinition = { ...(slo("churn-endpoint-latency") as Extract<SloDefinition, { kind: "latency" }>), target: 0.99, thresholdMs: 250 };
    const { page } = byName(alertRuleTemplate(edited, { version: 4 }));
    // 14.4 × 0.01 = 0.144; 6 × 0.01 = 0.06; the minimum is the floor of 10 (1 / 0.144 = 6.9).
    expect(letValue(queryOf(page!), "maxBadRatio1h5m")).toBe("real(0.144)");
    expect(letValue(queryOf(page!), "maxBadRatio6h30m")).toBe("real(0.06)");
    expect(letValue(queryOf(page!), "minEvents1h5m")).toBe("real(10)");
    expect(letValue(queryOf(page!), "thresholdMs")).toBe("real(250)");
    expect(page!.properties.description).toContain("99 % of churn-endpoint's live requests answer within 250 ms over 30 days");
  });

  it("says the SLO, the factors, the windows, the owner and the runbook in each rule's description", () => {
    const definition = slo("churn-endpoint-availability");
    const { page, ticket } = byName(alertRuleTemplate(definition, { version: 0 }));
    for (const rule of [page!, ticket!]) {
      expect(rule.properties.description).toContain(describeSlo(definition));
      expect(rule.properties.description).toContain(`Runbook: ${definition.runbook.url}`);
      expect(rule.properties.actions.customProperties).toEqual({ slo: describeSlo(definition), sloId: definition.id, owner: definition.owner, runbook: definition.runbook.url });
    }
    expect(page!.properties.description).toContain("14.4× over 1 h and 5 min (bad events above 1.44 % of valid ones, spending 2 % of the 30-day budget; at least 70 events over 1 h)");
    expect(page!.properties.description).toContain("6× over 6 h and 30 min (bad events above 0.6 % of valid ones, spending 5 % of the 30-day budget");
    expect(ticket!.properties.description).toContain("3× over 1 day and 2 h (bad events above 0.3 %");
    // 1 × 2 days / 30 days = 6.67 % of the budget, where the table's 3 days spent 10 %.
    expect(ticket!.properties.description).toContain("1× over 2 days (the table's 3 days: Azure Monitor's log search alerts read at most 2 days) and 6 h (bad events above 0.1 % of valid ones, spending 6.66667 %");
  });

  it("says which pairs a low target makes impossible", () => {
    // At 90 % the burn rate is at most 1 / 0.1 = 10×: the 14.4× pair cannot fire, the 6× one can.
    const low: TelemetrySloDefinition = { ...slo("churn-xgb-feature-freshness"), target: 0.9 };
    const { page } = byName(alertRuleTemplate(low, { version: 1 }));
    expect(page!.properties.description).toContain("14.4× over 1 h and 5 min, which cannot fire at a 90 % target (the burn rate is at most 10×)");
    expect(page!.properties.description).toContain("6× over 6 h and 30 min (bad events above 60 %");
  });

  it("keeps free text that looks like an ARM expression as text", () => {
    const bracketed: TelemetrySloDefinition = { ...slo("churn-endpoint-availability"), owner: "[ML Platform]" };
    const { page } = byName(alertRuleTemplate(bracketed, { version: 0 }));
    expect(page!.properties.actions.customProperties.owner).toBe("[[ML Platform]");
  });

  it("has no rules for a training-time SLO, whose runs are in MLflow", () => {
    const training = DEFAULT_SLOS.find((definition) => definition.kind === "training-time")!;
    expect(hasAlertRules(training)).toBe(false);
    expect(TELEMETRY_SLOS).toHaveLength(DEFAULT_SLOS.length - 2);
    // Checked by tsc, never run: alertRuleTemplate takes only the SLOs Azure Monitor can query.
    // @ts-expect-error a training-time SLO is not a TelemetrySloDefinition
    void (() => alertRuleTemplate(training, { version: 0 }));
  });
});
