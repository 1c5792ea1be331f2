import { describe, expect, it } from "vitest";
import { consumersOf, deadLetterHealth, featureTableHealth } from "./data-health";

const at = new Date("2026-11-20T12:00:00Z");

describe("data health", () => {
  it("names stale feature tables first, with the models that read them; the SLO boundary is stale", () => {
    const health = featureTableHealth([
      { table: "a.fresh", consumersText: '["churn_xgb"]', lagMinutes: 4, lastRefreshTime: at, probedAt: at },
      { table: "b.at_slo", consumersText: '["fraud_lgbm"]', lagMinutes: 15, lastRefreshTime: at, probedAt: at },
      { table: "c.behind", consumersText: '["churn_xgb","fraud_lgbm"]', lagMinutes: 370, lastRefreshTime: at, probedAt: at },
    ]);
    expect(health.map((row) => [row.table, row.stale])).toEqual([
      ["c.behind", true],
      ["b.at_slo", true],
      ["a.fresh", false],
    ]);
    expect(health[0]!.consumers).toEqual(["churn_xgb", "fraud_lgbm"]);
  });

  it("reads odd Consumers text as no consumers", () => {
    expect(consumersOf("not json")).toEqual([]);
    expect(consumersOf('{"a":1}')).toEqual([]);
    expect(consumersOf('["x", 3]')).toEqual(["x"]);
  });

  it("puts the deepest dead-letter queue first and flags depth over the threshold", () => {
    const health = deadLetterHealth([
      { namespace: "sb", queue: "quiet", depth: 3, oldestMessageAgeMinutes: 12, sampledAt: at },
      { namespace: "sb", queue: "spike", depth: 340, oldestMessageAgeMinutes: 44, sampledAt: at },
      { namespace: "sb", queue: "edge", depth: 50, oldestMessageAgeMinutes: 1, sampledAt: at },
    ]);
    expect(health.map((row) => [row.queue, row.overThreshold])).toEqual([
      ["spike", true],
      ["edge", false],
      ["quiet", false],
    ]);
  });
});
