import { describe, expect, it } from "vitest";
import { invalidInput } from "@/lib/errors/refused-error";
import { DEFAULT_SLOS, describeSlo, formatTarget, sloDefinitionSchema, sloSubject, SUBJECT_OF_KIND, type SloDefinition } from "./definitions";

const latency = DEFAULT_SLOS.find((slo) => slo.id === "churn-endpoint-latency")!;

/** The refusal a verb would answer for this input (the settings verbs use invalidInput). */
function refusal(input: unknown): string {
  const parsed = sloDefinitionSchema.safeParse(input);
  if (parsed.success) throw new Error("expected a refusal");
  return invalidInput(parsed.error.issues).message;
}

describe("DEFAULT_SLOS", () => {
  it("holds the blueprint's four SLOs for both endpoints and both models, each valid as it stands", () => {
    expect(DEFAULT_SLOS.map((slo) => [slo.id, slo.kind, sloSubject(slo).name, slo.target])).toEqual([
      ["churn-endpoint-latency", "latency", "churn-endpoint", 0.95],
      ["churn-endpoint-availability", "availability", "churn-endpoint", 0.999],
      ["fraud-endpoint-latency", "latency", "fraud-endpoint", 0.95],
      ["fraud-endpoint-availability", "availability", "fraud-endpoint", 0.999],
      ["churn-xgb-feature-freshness", "freshness", "churn_xgb", 0.99],
      ["churn-xgb-training-time", "training-time", "churn_xgb", 0.95],
      ["fraud-lgbm-feature-freshness", "freshness", "fraud_lgbm", 0.99],
      ["fraud-lgbm-training-time", "training-time", "fraud_lgbm", 0.95],
    ]);
    for (const slo of DEFAULT_SLOS) expect(sloDefinitionSchema.parse(slo)).toEqual(slo);
  });

  it("describes each in one plain sentence", () => {
    expect(DEFAULT_SLOS.map(describeSlo)).toEqual([
      "95 % of churn-endpoint's live requests answer within 120 ms over 30 days",
      "99.9 % of churn-endpoint's live requests succeed over 30 days",
      "95 % of fraud-endpoint's live requests answer within 120 ms over 30 days",
      "99.9 % of fraud-endpoint's live requests succeed over 30 days",
      "99 % of freshness probes of churn_xgb's feature tables find a refresh less than 15 minutes old over 30 days",
      "95 % of churn_xgb's training runs finish within 2 hours over 30 days",
      "99 % of freshness probes of fraud_lgbm's feature tables find a refresh less than 15 minutes old over 30 days",
      "95 % of fraud_lgbm's training runs finish within 2 hours over 30 days",
    ]);
    const oneDay: SloDefinition = { id: "t", kind: "training-time", model: "m", experiment: "/m/training", thresholdHours: 1, target: 0.99999, periodDays: 1, owner: "o", runbook: { kind: "other", url: "https://a.example/r" } };
    expect(describeSlo(oneDay)).toBe("99.999 % of m's training runs finish within 1 hour over 1 day");
  });
});

describe("sloDefinitionSchema", () => {
  it("names the subject per kind: an endpoint for latency and availability, a model for freshness and training time", () => {
    expect(DEFAULT_SLOS.map((slo) => sloSubject(slo).kind)).toEqual(["endpoint", "endpoint", "endpoint", "endpoint", "model", "model", "model", "model"]);
    expect(SUBJECT_OF_KIND).toEqual({ latency: "endpoint", availability: "endpoint", freshness: "model", "training-time": "model" });
    expect(refusal({ ...DEFAULT_SLOS[4], model: undefined, endpoint: "churn-endpoint" })).toBe("Nothing was changed. Fix these and try again: model: is required.");
  });

  it("fills in a 30-day period and trims text", () => {
    const parsed = sloDefinitionSchema.parse({ ...latency, periodDays: undefined, owner: "  SRE  " });
    expect(parsed.periodDays).toBe(30);
    expect(parsed.owner).toBe("SRE");
  });

  it("takes targets strictly between 0 and 1 with at most 5 decimals", () => {
    for (const target of [0.5, 0.999, 0.99999, 0.00001]) expect(sloDefinitionSchema.safeParse({ ...latency, target }).success).toBe(true);
    expect(refusal({ ...latency, target: 0.999999 })).toBe("Nothing was changed. Fix these and try again: target: must have at most 5 decimals (99.999 % at the finest).");
    expect(refusal({ ...latency, target: 1 })).toContain("target: must be below 1: a 100 % target leaves no error budget");
    expect(refusal({ ...latency, target: 0 })).toContain("target: must be above 0, e.g. 0.999 for 99.9 %");
    expect(refusal({ ...latency, target: "0.99" })).toContain("target: must be a ratio between 0 and 1, e.g. 0.999 for 99.9 %");
  });

  it("refuses a bad edit with one message naming every field, as a 400 reads", () => {
    const message = refusal({ id: "Churn Latency", kind: "latency", endpoint: "1x", thresholdMs: 0, target: 0.95, periodDays: 91, owner: " ", runbook: { kind: "pager", url: "http://wiki.contoso.com/rb" } });
    expect(message).toBe(
      "Nothing was changed. Fix these and try again: " +
        "id: must be lower-case letters and digits in words joined by single dashes, e.g. churn-endpoint-latency; " +
        "endpoint: must be an Azure ML online endpoint name (3-32 letters, digits or dashes, starting with a letter); " +
        "thresholdMs: must be at least 1 ms; periodDays: must be at most 90 days; owner: say who owns this SLO (a team or a person); " +
        "runbook.kind: must be rollback, cache-warm, feature-backfill or other; runbook.url: must be an https:// link to the runbook.",
    );
  });

  it("says what is missing or unknown", () => {
    expect(refusal({ kind: "availability" })).toBe("Nothing was changed. Fix these and try again: id: is required; endpoint: is required; target: is required; owner: is required; runbook: is required.");
    expect(refusal({ ...latency, kind: "throughput" })).toBe("Nothing was changed. Fix these and try again: kind: must be latency, availability, freshness or training-time.");
    expect(refusal(null)).toBe("Nothing was changed. Fix these and try again: input: must be an SLO definition (an object with a kind).");
  });

  it("takes only https runbook links", () => {
    for (const url of ["javascript:alert(1)", "ftp://wiki.contoso.com/rb", "wiki.contoso.com/rb"]) {
      expect(refusal({ ...latency, runbook: { kind: "rollback", url } })).toContain("runbook.url: must be an https:// link to the runbook");
    }
  });

  it("bounds each kind's threshold", () => {
    const freshness = DEFAULT_SLOS[4]!;
    const training = DEFAULT_SLOS[5]!;
    expect(refusal({ ...latency, thresholdMs: 120.5 })).toContain("thresholdMs: must be a whole number of milliseconds");
    expect(refusal({ ...freshness, thresholdMinutes: 0 })).toContain("thresholdMinutes: must be above 0 minutes");
    expect(refusal({ ...training, thresholdHours: 200 })).toContain("thresholdHours: must be at most 168 hours (a week)");
    expect(refusal({ ...training, model: "bad model!" })).toContain("model: must be a registered model name");
    expect(refusal({ ...training, experiment: " " })).toContain("experiment: name the MLflow experiment the training runs are logged to");
    expect(refusal({ ...training, experiment: undefined })).toContain("experiment: is required");
  });
});

describe("formatTarget", () => {
  it("writes targets as people do", () => {
    expect([0.95, 0.999, 0.99999, 0.5].map(formatTarget)).toEqual(["95 %", "99.9 %", "99.999 %", "50 %"]);
  });
});
