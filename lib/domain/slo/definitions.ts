// SLO definitions (issue 15): what counts as a good event, for which endpoint or model, the target
// ratio over a rolling period, and who answers with which runbook. Pure; the SLO settings store
// validates Admin edits with this schema, so every message reads as a field's 400 refusal.
import { z } from "zod";
import { FEATURE_FRESHNESS_SLO_MINUTES } from "../monitoring/data-health";
import { RUNBOOK_KINDS } from "./kinds";

export { RUNBOOK_KINDS, SLO_KINDS, SUBJECT_OF_KIND, type RunbookKind, type SloKind } from "./kinds";

// Missing fields say so, rather than zod's "expected number, received undefined".
const required = (what: string) => (issue: { input: unknown }) => (issue.input === undefined ? "is required" : `must be ${what}`);
const requiredText = (what: string) => z.string({ error: required(what) }).trim();
const requiredNumber = (what: string) => z.number({ error: required(what) });

/** 10^5 × target is a whole number: 0.99999 (99.999 %) is the finest target. */
function hasAtMostFiveDecimals(target: number): boolean {
  const scaled = target * 1e5;
  return Math.abs(scaled - Math.round(scaled)) < 1e-6;
}

const slug = requiredText("an id").regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be lower-case letters and digits in words joined by single dashes, e.g. churn-endpoint-latency").max(64, "must be at most 64 characters");
// Azure ML's naming rules: an endpoint name starts with a letter (3-32 letters, digits, dashes); a
// registered model name is letters, digits, dashes, underscores and dots (up to 255).
const endpoint = requiredText("an Azure ML online endpoint name").regex(/^[A-Za-z][A-Za-z0-9-]{2,31}$/, "must be an Azure ML online endpoint name (3-32 letters, digits or dashes, starting with a letter)");
const model = requiredText("a registered model name").regex(/^[A-Za-z0-9][\w.-]{0,254}$/, "must be a registered model name (letters, digits, dashes, underscores or dots)");

const common = {
  target: requiredNumber("a ratio between 0 and 1, e.g. 0.999 for 99.9 %")
    .gt(0, "must be above 0, e.g. 0.999 for 99.9 %")
    .lt(1, "must be below 1: a 100 % target leaves no error budget")
    .refine(hasAtMostFiveDecimals, "must have at most 5 decimals (99.999 % at the finest)"),
  periodDays: requiredNumber("a whole number of days").int("must be a whole number of days").min(1, "must be at least 1 day").max(90, "must be at most 90 days").default(30),
  owner: requiredText("a team or a person").min(1, "say who owns this SLO (a team or a person)").max(200, "must be at most 200 characters"),
  runbook: z.object(
    {
      kind: z.enum(RUNBOOK_KINDS, { error: required("rollback, cache-warm, feature-backfill or other") }),
      url: requiredText("an https:// link").pipe(z.url({ protocol: /^https$/, error: "must be an https:// link to the runbook" })),
    },
    { error: required("a kind and a link") },
  ),
};

export const sloDefinitionSchema = z.discriminatedUnion(
  "kind",
  [
    z.object({
      id: slug,
      kind: z.literal("latency"),
      endpoint,
      /** Good = a live request answered in at most this many milliseconds. */
      thresholdMs: requiredNumber("a whole number of milliseconds").int("must be a whole number of milliseconds").min(1, "must be at least 1 ms").max(180_000, "must be at most 180000 ms (3 minutes)"),
      ...common,
    }),
    // Good = a live request that succeeded.
    z.object({ id: slug, kind: z.literal("availability"), endpoint, ...common }),
    z.object({
      id: slug,
      kind: z.literal("freshness"),
      /** The model whose feature tables are probed (the probes' Consumers list it). */
      model,
      /** Good = a probe finding its table's last refresh less than this many minutes old. */
      thresholdMinutes: requiredNumber("a number of minutes").gt(0, "must be above 0 minutes").max(1440, "must be at most 1440 minutes (a day)"),
      ...common,
    }),
    z.object({
      id: slug,
      kind: z.literal("training-time"),
      model,
      /** The MLflow experiment the model's training pipeline logs its runs to; sweeps elsewhere do not count. */
      experiment: requiredText("an MLflow experiment name").min(1, "name the MLflow experiment the training runs are logged to, e.g. /Shared/churn/xgb-training").max(500, "must be at most 500 characters"),
      /** Good = a training run (MLflow) that finished within this many hours of its start. */
      thresholdHours: requiredNumber("a number of hours").gt(0, "must be above 0 hours").max(168, "must be at most 168 hours (a week)"),
      ...common,
    }),
  ],
  { error: (issue) => (typeof issue.input === "object" && issue.input !== null ? "must be latency, availability, freshness or training-time" : "must be an SLO definition (an object with a kind)") },
);
/** A valid definition (periodDays filled in). */
export type SloDefinition = z.infer<typeof sloDefinitionSchema>;
/** What an editor may send: periodDays may be left out. */
export type SloDefinitionInput = z.input<typeof sloDefinitionSchema>;

/** The endpoint or model the SLO is about, and which of the two it is. */
export function sloSubject(definition: SloDefinition): { kind: "endpoint" | "model"; name: string } {
  return "endpoint" in definition ? { kind: "endpoint", name: definition.endpoint } : { kind: "model", name: definition.model };
}

const OWNER = "ML Platform team";
const RUNBOOKS = "https://wiki.contoso.com/ml-platform/runbooks";

function endpointSlos(endpoint: string): SloDefinition[] {
  return [
    { id: `${endpoint}-latency`, kind: "latency", endpoint, thresholdMs: 120, target: 0.95, periodDays: 30, owner: OWNER, runbook: { kind: "cache-warm", url: `${RUNBOOKS}/endpoint-cache-warm` } },
    { id: `${endpoint}-availability`, kind: "availability", endpoint, target: 0.999, periodDays: 30, owner: OWNER, runbook: { kind: "rollback", url: `${RUNBOOKS}/endpoint-rollback` } },
  ];
}

function modelSlos(model: string, experiment: string): SloDefinition[] {
  const id = model.replaceAll("_", "-");
  return [
    { id: `${id}-feature-freshness`, kind: "freshness", model, thresholdMinutes: FEATURE_FRESHNESS_SLO_MINUTES, target: 0.99, periodDays: 30, owner: OWNER, runbook: { kind: "feature-backfill", url: `${RUNBOOKS}/feature-backfill` } },
    { id: `${id}-training-time`, kind: "training-time", model, experiment, thresholdHours: 2, target: 0.95, periodDays: 30, owner: OWNER, runbook: { kind: "other", url: `${RUNBOOKS}/training-capacity` } },
  ];
}

/** The platform blueprint's four SLOs for the demo estate: each endpoint, and the model it serves. */
export const DEFAULT_SLOS: readonly SloDefinition[] = [...endpointSlos("churn-endpoint"), ...endpointSlos("fraud-endpoint"), ...modelSlos("churn_xgb", "/Shared/churn/xgb-training"), ...modelSlos("fraud_lgbm", "/Shared/fraud/lgbm-training")];

/** "99.9 %", "95 %", "99.999 %": the target as people write it. */
export function formatTarget(target: number): string {
  return `${Number((target * 100).toFixed(3))} %`;
}

const plural = (count: number, unit: string) => `${count} ${unit}${count === 1 ? "" : "s"}`;

/** One plain sentence: "95 % of churn-endpoint's live requests answer within 120 ms over 30 days". */
export function describeSlo(definition: SloDefinition): string {
  const share = formatTarget(definition.target);
  const period = `over ${plural(definition.periodDays, "day")}`;
  switch (definition.kind) {
    case "latency":
      return `${share} of ${definition.endpoint}'s live requests answer within ${definition.thresholdMs} ms ${period}`;
    case "availability":
      return `${share} of ${definition.endpoint}'s live requests succeed ${period}`;
    case "freshness":
      return `${share} of freshness probes of ${definition.model}'s feature tables find a refresh less than ${plural(definition.thresholdMinutes, "minute")} old ${period}`;
    case "training-time":
      return `${share} of ${definition.model}'s training runs finish within ${plural(definition.thresholdHours, "hour")} ${period}`;
  }
}
