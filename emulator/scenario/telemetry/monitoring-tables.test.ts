// The custom tables of the monitoring jobs: drift bin counts with a drift that starts ten days back,
// one stale feature table, lift by score decile with labels known after a delay (v7's from its
// shadow evaluation's mirrored copies), and dead-letter depth with spikes.
import { describe, expect, it } from "vitest";
import type { Value } from "../../kql/ast";
import { DAY_MS, HOUR_MS } from "../clock";
import { DRIFTING_FEATURE, driftOnset, LOW_SAMPLE_WINDOW, MONITORED_MODELS, PREDICTION_FEATURE, SECOND_DRIFT } from "./model-drift-table";
import { STALE_FEATURE_TABLE } from "./feature-freshness-table";
import { CHURN_RATE_BY_DECILE, scoreIntervals } from "./model-outcomes-table";
import { telemetryTestContext } from "./testing/telemetry-test-context";

/** The drift page's sample minimum: below it, PSI of identical data crosses 0.1 too often (≈ χ²₉ / n). */
const SAMPLE_MINIMUM = 250;

type DriftRow = Record<string, Value>;

/**
 * PSI recomputed here, independently of the emulator's code: Σ (a − e) · (ln a − ln e) over the
 * bins, a = count / total and e = the reference share, both floored at 1e-4.
 */
function psiOfBins(bins: readonly { share: number; count: number }[]): number {
  const total = bins.reduce((sum, bin) => sum + bin.count, 0);
  let psi = 0;
  for (const { share, count } of bins) {
    const a = Math.max(count / total, 1e-4);
    const e = Math.max(share, 1e-4);
    psi += (a - e) * (Math.log(a) - Math.log(e));
  }
  return psi;
}

/** PSI of several windows' rows of one feature together: counts summed per bin, then recomputed. */
function psiOfSummedCounts(rows: readonly DriftRow[]): number {
  const bins = new Map<number, { share: number; count: number }>();
  for (const row of rows) {
    const bin = bins.get(row.Bin as number) ?? { share: row.ReferenceShare as number, count: 0 };
    bin.count += row.CurrentCount as number;
    bins.set(row.Bin as number, bin);
  }
  return psiOfBins([...bins.values()]);
}

function groupBy<K>(rows: readonly DriftRow[], key: (row: DriftRow) => K): Map<K, DriftRow[]> {
  const groups = new Map<K, DriftRow[]>();
  for (const row of rows) {
    const group = groups.get(key(row));
    if (group) group.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
}

const notDrifting = `not(ModelName == '${DRIFTING_FEATURE.modelName}' and FeatureName in ('${DRIFTING_FEATURE.featureName}', '${PREDICTION_FEATURE}')) and not(ModelName == '${SECOND_DRIFT.modelName}' and FeatureName == '${SECOND_DRIFT.featureName}')`;

describe("ModelDrift_CL", () => {
  it("keeps every feature stable except the scripted drifts; monthly_charges drifts from ten days before now, its daily PSI past 0.1 then 0.25", () => {
    const { query, clock, context } = telemetryTestContext();
    const now = clock.now().getTime();
    const onset = driftOnset(context);
    expect(now - onset).toBeGreaterThanOrEqual(10 * DAY_MS);
    expect(now - onset).toBeLessThan(11 * DAY_MS);

    // Hourly PSI of identical data is about χ²₉ / SampleCount, so a stable feature is only
    // guaranteed under 0.1 in windows with enough samples; the outage's windows cross it.
    const stable = query(`ModelDrift_CL | where Bin == 0 and ${notDrifting} | summarize maxAll = max(Psi), maxSampled = maxif(Psi, SampleCount >= ${SAMPLE_MINIMUM}), features = dcount(FeatureName)`);
    expect(stable[0]!.maxSampled as number).toBeLessThan(0.1);
    expect(stable[0]!.maxAll as number).toBeGreaterThan(0.1);
    expect(stable[0]!.features).toBeGreaterThanOrEqual(8);

    // Hourly PSI also carries noise of about 2·√(PSI / SampleCount) (±0.05 at night), so when the
    // drift crosses 0.1 and 0.25 is read from daily PSI, recomputed from the day's summed counts.
    const drifting = query(
      `ModelDrift_CL | where ModelName == '${DRIFTING_FEATURE.modelName}' and FeatureName == '${DRIFTING_FEATURE.featureName}' | project WindowStart, SampleCount, Bin, ReferenceShare, CurrentCount, Psi | order by WindowStart asc`,
    );
    const sampledWindows = drifting.filter((row) => row.Bin === 0 && (row.SampleCount as number) >= SAMPLE_MINIMUM);
    expect(Math.max(...sampledWindows.filter((row) => (row.WindowStart as number) < onset).map((row) => row.Psi as number))).toBeLessThan(0.1);
    expect(sampledWindows.at(-1)!.Psi as number).toBeGreaterThan(0.3);
    const days = groupBy(drifting, (row) => Math.floor((row.WindowStart as number) / DAY_MS) * DAY_MS);
    const daily = [...days].filter(([day]) => day + DAY_MS <= now).map(([day, rows]) => ({ day, psi: psiOfSummedCounts(rows) }));
    expect(daily.filter(({ day }) => day < onset).every(({ psi }) => psi < 0.1)).toBe(true);
    const firstDayAbove = (threshold: number) => daily.find(({ psi }) => psi > threshold)!.day;
    expect(firstDayAbove(0.1) - onset).toBeGreaterThan(1 * DAY_MS);
    expect(firstDayAbove(0.1) - onset).toBeLessThan(3.5 * DAY_MS);
    expect(firstDayAbove(0.25) - onset).toBeGreaterThan(5 * DAY_MS);
    expect(firstDayAbove(0.25) - onset).toBeLessThan(8 * DAY_MS);
  });

  it("writes one row per bin of every feature and the score, per hourly window, a few minutes after it, naming the serving version", () => {
    const { query } = telemetryTestContext();
    const rows = query(
      "ModelDrift_CL | where TimeGenerated > ago(1d) and ModelName == 'churn_xgb' | summarize windows = dcount(WindowEnd), rows = count(), versions = make_set(ModelVersion), delay = max(TimeGenerated - WindowEnd)",
    );
    // Five numeric features (the score among them) of 10 bins, contract_type's 3 and payment_method's 4 categories.
    expect(rows[0]).toMatchObject({ windows: 24, rows: 24 * (5 * 10 + 3 + 4), versions: ["6"] });
    expect(rows[0]!.delay as number).toBeLessThan(15 * 60_000);
    const windows = query(
      "ModelDrift_CL | where TimeGenerated > ago(2d) | summarize bins = dcount(Bin), binCount = max(BinCount), counted = sum(CurrentCount), samples = max(SampleCount), minSamples = min(SampleCount), psis = dcount(Psi), share = sum(ReferenceShare) by ModelName, FeatureName, WindowEnd",
    );
    expect(windows.length).toBe(48 * 12);
    for (const window of windows) {
      expect(window.bins).toBe(window.binCount);
      expect(window.counted).toBe(window.samples);
      expect(window.minSamples).toBe(window.samples);
      expect(window.psis).toBe(1);
      expect(window.share as number).toBeCloseTo(1, 9);
    }
  });

  it("freezes deciles with open outer edges for numbers and the reference's categories in order", () => {
    const { query } = telemetryTestContext();
    const bins = query("ModelDrift_CL | where TimeGenerated > ago(1h) | project ModelName, FeatureName, FeatureType, ReferenceWindow, Bin, BinLower, BinUpper, Category, ReferenceShare, ReferenceCount | order by ModelName asc, FeatureName asc, Bin asc");
    const features = MONITORED_MODELS.flatMap((model) => model.features.map((feature) => ({ model, feature })));
    expect(new Set(bins.map((bin) => `${bin.ModelName}/${bin.FeatureName}`)).size).toBe(features.length);
    for (const { model, feature } of features) {
      const own = bins.filter((bin) => bin.ModelName === model.modelName && bin.FeatureName === feature.name);
      expect(own.map((bin) => bin.Bin)).toEqual(feature.bins.map((_, index) => index));
      const referenceSize = own.reduce((sum, bin) => sum + (bin.ReferenceCount as number), 0);
      for (const bin of own) expect(bin.ReferenceShare as number).toBeCloseTo((bin.ReferenceCount as number) / referenceSize, 12);
      if (feature.type === "categorical") {
        expect(own.map((bin) => bin.Category)).toEqual(feature.bins.map((bin) => bin.category));
        expect(own.every((bin) => bin.Category !== "" && bin.BinLower === null && bin.BinUpper === null)).toBe(true);
        continue;
      }
      expect(own).toHaveLength(10);
      expect(own.every((bin) => bin.Category === "" && Math.abs((bin.ReferenceShare as number) - 0.1) <= 0.015)).toBe(true);
      expect(own[0]!.BinLower).toBeNull();
      expect(own[9]!.BinUpper).toBeNull();
      for (let index = 1; index < 10; index++) {
        expect(own[index]!.BinLower).toBe(own[index - 1]!.BinUpper);
        if (index < 9) expect(own[index]!.BinUpper as number).toBeGreaterThan(own[index]!.BinLower as number);
      }
    }
    const churn = bins.filter((bin) => bin.ModelName === "churn_xgb");
    const edgesOf = (name: string) => churn.filter((bin) => bin.FeatureName === name).map((bin) => bin.BinUpper as number | null);
    // Monthly charges in EUR between about 18 and 120, tenure in months up to 72.
    expect(Math.min(...edgesOf("monthly_charges").filter((edge) => edge !== null))).toBeGreaterThan(18);
    expect(Math.max(...edgesOf("monthly_charges").filter((edge) => edge !== null))).toBeLessThan(120);
    expect(Math.max(...edgesOf("tenure_months").filter((edge) => edge !== null))).toBeLessThan(72);
    expect(churn.filter((bin) => bin.FeatureName === "contract_type").map((bin) => bin.Category)).toEqual(["month_to_month", "one_year", "two_year"]);
    const score = churn.find((bin) => bin.FeatureName === PREDICTION_FEATURE)!;
    expect(score.FeatureType).toBe("prediction");
    expect(score.ReferenceWindow).not.toBe(churn.find((bin) => bin.FeatureName === "tenure_months")!.ReferenceWindow);
  });

  it("reports in Psi the PSI of the window's own counts against the reference shares, empty bins floored at 1e-4", () => {
    const { query, context } = telemetryTestContext();
    const anchor = context.clock.anchor.getTime();
    // The last two days and the outage (whose few samples leave bins empty).
    const rows = query(
      `ModelDrift_CL | where TimeGenerated > ago(2d) or (WindowStart >= datetime(${new Date(anchor + LOW_SAMPLE_WINDOW.startFromAnchorMs).toISOString()}) and WindowStart < datetime(${new Date(anchor + LOW_SAMPLE_WINDOW.endFromAnchorMs).toISOString()})) | project ModelName, FeatureName, WindowEnd, Bin, ReferenceShare, CurrentCount, Psi`,
    );
    const windows = groupBy(rows, (row) => `${row.ModelName}/${row.FeatureName}/${row.WindowEnd}`);
    expect(windows.size).toBe(48 * 12 + 3 * 12);
    let emptyBins = 0;
    for (const [key, bins] of windows) {
      emptyBins += bins.filter((bin) => bin.CurrentCount === 0).length;
      const recomputed = psiOfBins(bins.map((bin) => ({ share: bin.ReferenceShare as number, count: bin.CurrentCount as number })));
      // Psi is written with four decimals.
      expect(Math.abs((bins[0]!.Psi as number) - recomputed), key).toBeLessThanOrEqual(0.00005 + 1e-12);
    }
    expect(emptyBins).toBeGreaterThan(0);
  });

  it("drifts churn_xgb's score at about half its monthly_charges drift: moderate by now, recomputed from the last day's summed counts", () => {
    const { query } = telemetryTestContext();
    const lastDay = (model: string, feature: string) => query(`ModelDrift_CL | where TimeGenerated > ago(1d) and ModelName == '${model}' and FeatureName == '${feature}' | project Bin, ReferenceShare, CurrentCount`);
    const charges = psiOfSummedCounts(lastDay(DRIFTING_FEATURE.modelName, DRIFTING_FEATURE.featureName));
    const score = psiOfSummedCounts(lastDay(DRIFTING_FEATURE.modelName, PREDICTION_FEATURE));
    expect(charges).toBeGreaterThan(0.3);
    expect(score).toBeGreaterThan(0.1);
    expect(score).toBeLessThan(0.25);
    expect(score / charges).toBeGreaterThan(0.35);
    expect(score / charges).toBeLessThan(0.65);
    // Recomputed from a day's counts, the PSI of a stable feature loses most of the hourly sampling noise.
    const hourly = query(`ModelDrift_CL | where TimeGenerated > ago(1d) and Bin == 0 and ModelName == 'fraud_lgbm' and FeatureName == '${PREDICTION_FEATURE}' | summarize avg(Psi)`);
    const daily = psiOfSummedCounts(lastDay("fraud_lgbm", PREDICTION_FEATURE));
    expect(daily).toBeLessThan(0.1);
    expect(daily).toBeLessThan(hourly[0]!.avg_Psi as number);
  });

  it("starts fraud_lgbm's txn_velocity_1h drifting four days before the anchor, moderate on the anchor day", () => {
    const { query, context } = telemetryTestContext();
    const onset = driftOnset(context, SECOND_DRIFT);
    expect(context.clock.anchor.getTime() - onset).toBe(4 * DAY_MS);
    const rows = query(`ModelDrift_CL | where ModelName == '${SECOND_DRIFT.modelName}' and FeatureName == '${SECOND_DRIFT.featureName}' | project WindowEnd, Bin, ReferenceShare, CurrentCount, Psi`);
    const before = rows.filter((row) => (row.WindowEnd as number) <= onset);
    expect(Math.max(...before.map((row) => row.Psi as number))).toBeLessThan(0.1);
    const anchorDay = rows.filter((row) => (row.WindowEnd as number) > context.clock.anchor.getTime());
    expect(anchorDay.length).toBeGreaterThan(0);
    const psi = psiOfSummedCounts(anchorDay);
    expect(psi).toBeGreaterThan(0.1);
    expect(psi).toBeLessThan(0.25);
  });

  it("has an ingestion outage: three churn_xgb windows of 20–40 samples, the hours around them and the other model sampled as usual", () => {
    const { query, context } = telemetryTestContext();
    const anchor = context.clock.anchor.getTime();
    const start = anchor + LOW_SAMPLE_WINDOW.startFromAnchorMs;
    const end = anchor + LOW_SAMPLE_WINDOW.endFromAnchorMs;
    const at = (ms: number) => `datetime(${new Date(ms).toISOString()})`;
    const windows = query(
      `ModelDrift_CL | where Bin == 0 and WindowStart >= ${at(start - HOUR_MS)} and WindowStart < ${at(end + HOUR_MS)} | summarize minSamples = min(SampleCount), maxSamples = max(SampleCount), features = dcount(FeatureName) by ModelName, WindowStart | order by ModelName asc, WindowStart asc`,
    );
    const churn = windows.filter((window) => window.ModelName === LOW_SAMPLE_WINDOW.modelName);
    expect(churn.map((window) => window.WindowStart)).toEqual([start - HOUR_MS, start, start + HOUR_MS, start + 2 * HOUR_MS, end]);
    const inOutage = churn.filter((window) => (window.WindowStart as number) >= start && (window.WindowStart as number) < end);
    expect(inOutage).toHaveLength(3);
    for (const window of inOutage) {
      expect(window.minSamples as number).toBeGreaterThanOrEqual(20);
      expect(window.maxSamples as number).toBeLessThanOrEqual(40);
      expect(window.features).toBe(7);
    }
    for (const window of windows.filter((row) => !inOutage.includes(row))) expect(window.minSamples as number, `${window.ModelName} ${window.WindowStart}`).toBeGreaterThanOrEqual(SAMPLE_MINIMUM);
  });
});

describe("FeatureFreshness_CL", () => {
  it("shows every feature table fresh but one, hours behind its 15-minute SLO", () => {
    const { query, clock } = telemetryTestContext();
    const latest = query("FeatureFreshness_CL | summarize arg_max(TimeGenerated, *) by FeatureTable | project FeatureTable, LagMinutes, LastRefreshTime");
    expect(latest.length).toBeGreaterThanOrEqual(4);
    for (const row of latest) {
      if (row.FeatureTable === STALE_FEATURE_TABLE) {
        expect(row.LagMinutes as number).toBeGreaterThan(180);
        expect(clock.now().getTime() - (row.LastRefreshTime as number)).toBeGreaterThan(3 * HOUR_MS);
      } else {
        expect(row.LagMinutes as number, row.FeatureTable as string).toBeLessThan(15);
      }
    }
    expect(latest.map((row) => row.FeatureTable)).toContain(STALE_FEATURE_TABLE);
    // A week ago the stale table was as fresh as the others.
    const earlier = query(`FeatureFreshness_CL | where TimeGenerated < ago(7d) and FeatureTable == '${STALE_FEATURE_TABLE}' | summarize max(LagMinutes)`);
    expect(earlier[0]!.max_LagMinutes as number).toBeLessThan(15);
  });
});

describe("ModelOutcomes_CL", () => {
  it("has churn falling with the score decile, about 3x the average in the top decile", () => {
    const { query } = telemetryTestContext();
    const byDecile = query("ModelOutcomes_CL | summarize positives = countif(Label), n = count() by ScoreDecile | order by ScoreDecile asc");
    expect(byDecile.map((row) => row.ScoreDecile)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const rates = byDecile.map((row) => (row.positives as number) / (row.n as number));
    const overall = byDecile.reduce((sum, row) => sum + (row.positives as number), 0) / byDecile.reduce((sum, row) => sum + (row.n as number), 0);
    expect(rates[0]! / overall).toBeGreaterThan(2.5);
    expect(rates[0]! / overall).toBeLessThan(3.5);
    expect(rates[0]!).toBeGreaterThan(rates[2]!);
    expect(rates[2]!).toBeGreaterThan(rates[5]!);
    expect(rates[5]!).toBeGreaterThan(rates[9]!);
  });

  it("draws each decile's scores around its churn rate, apart from the neighbouring deciles", () => {
    // v6 rates 0.48, 0.30, …, 0.05, 0.04: the top decile reaches down to the midpoint with the
    // second (0.39) and as far up (0.57); the second is held to ±0.04 by the third's rate 0.22.
    const intervals = scoreIntervals(CHURN_RATE_BY_DECILE["6"]!);
    expect(intervals[0]!.low).toBeCloseTo(0.39, 12);
    expect(intervals[0]!.high).toBeCloseTo(0.57, 12);
    expect(intervals[1]!.low).toBeCloseTo(0.26, 12);
    expect(intervals[1]!.high).toBeCloseTo(0.34, 12);
    expect(intervals[9]!.low).toBeCloseTo(0.035, 12);
    expect(intervals[9]!.high).toBeCloseTo(0.045, 12);
    for (const rates of Object.values(CHURN_RATE_BY_DECILE)) {
      scoreIntervals(rates).forEach((interval, decile, all) => {
        expect((interval.low + interval.high) / 2).toBeCloseTo(rates[decile]!, 12);
        if (decile > 0) expect(interval.high).toBeLessThanOrEqual(all[decile - 1]!.low + 1e-12);
      });
    }
  });

  it("knows labels only after a delay and values retained revenue of treated customers", () => {
    const { query } = telemetryTestContext();
    const [row] = query(
      "ModelOutcomes_CL | summarize minDelay = min(TimeGenerated - PredictionTime), value = sum(OutcomeValue), untreatedValue = sumif(OutcomeValue, not(Treated)), treatedDeciles = dcountif(ScoreDecile, Treated)",
    );
    expect(row!.minDelay as number).toBeGreaterThanOrEqual(48 * HOUR_MS);
    expect(row!.value as number).toBeGreaterThan(0);
    expect(row!.untreatedValue).toBe(0);
    expect(row!.treatedDeciles).toBe(3);
  });

  it("holds about 10 % of the offered deciles out of the offer at random, as a control group", () => {
    const { query } = telemetryTestContext();
    const [row] = query(
      "ModelOutcomes_CL | summarize qualified = countif(ScoreDecile <= 3), heldOut = countif(Holdout), heldOutQualified = countif(Holdout and ScoreDecile <= 3), treatedAndHeldOut = countif(Treated and Holdout), offeredRule = countif(Treated == (ScoreDecile <= 3 and not(Holdout) and not(Mirrored))), n = count()",
    );
    expect(row!.heldOut).toBe(row!.heldOutQualified);
    expect(row!.treatedAndHeldOut).toBe(0);
    expect(row!.offeredRule).toBe(row!.n);
    const share = (row!.heldOut as number) / (row!.qualified as number);
    expect(share).toBeGreaterThan(0.08);
    expect(share).toBeLessThan(0.12);
  });

  it("scores v7 on mirrored copies through its shadow evaluation: recorded, never acted on, every decile at its own churn rate", () => {
    const { query, clock } = telemetryTestContext();
    const now = clock.now().getTime();
    const shadowStart = clock.anchor.getTime() - 14 * DAY_MS;
    const shadowEnd = clock.anchor.getTime() - DAY_MS;
    const byVersion = new Map(
      query("ModelOutcomes_CL | summarize n = count(), mirrored = countif(Mirrored), acted = countif(Treated or Holdout or OutcomeValue != 0), earliest = min(PredictionTime), latest = max(PredictionTime) by ModelVersion").map((row) => [row.ModelVersion, row]),
    );
    expect([...byVersion.keys()].sort()).toEqual(["6", "7"]);
    expect(byVersion.get("6")!.mirrored).toBe(0);
    const v7 = byVersion.get("7")!;
    expect(v7.mirrored).toBe(v7.n);
    expect(v7.acted).toBe(0);
    expect(v7.earliest as number).toBeGreaterThanOrEqual(shadowStart);
    expect(v7.earliest as number).toBeLessThan(shadowStart + HOUR_MS);
    expect(v7.latest as number).toBeLessThan(shadowEnd);

    // Labels arrive within 72 h: every shadow hour before now − 72 h is complete, 20 % of a batch of 40.
    const matured = now - 72 * HOUR_MS;
    const hours = (matured - shadowStart) / HOUR_MS;
    const perHour = Math.round((40 * 20) / 100);
    const cohort = `ModelOutcomes_CL | where PredictionTime >= datetime(${new Date(shadowStart).toISOString()}) and PredictionTime < datetime(${new Date(matured).toISOString()})`;
    const deciles = query(`${cohort} | where ModelVersion == '7' | summarize n = count() by ScoreDecile | order by ScoreDecile asc`);
    expect(deciles.reduce((sum, row) => sum + (row.n as number), 0)).toBe(hours * perHour);
    // Each of an hour's 8 rows stands for an eighth of its ranks, from a random start: a decile (a
    // tenth of them) gets one row with probability 0.8, none otherwise. Binomial counts, 4 standard deviations.
    expect(deciles.map((row) => row.ScoreDecile)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const hourly = perHour / 10;
    for (const row of deciles) expect(Math.abs((row.n as number) - hours * hourly), `decile ${row.ScoreDecile}`).toBeLessThan(4 * Math.sqrt(hours * hourly * (1 - hourly)));

    // The top decile churns at its version's rate on the same traffic, within four standard errors.
    const top = query(`${cohort} | where ScoreDecile == 1 | summarize n = count(), churned = countif(Label) by ModelVersion`);
    expect(top).toHaveLength(2);
    for (const row of top) {
      const expected = CHURN_RATE_BY_DECILE[row.ModelVersion as string]![0]!;
      const n = row.n as number;
      expect(Math.abs((row.churned as number) / n - expected), `v${row.ModelVersion}`).toBeLessThan(4 * Math.sqrt((expected * (1 - expected)) / n));
    }
  });

  it("is calibrated: in every score bin with enough predictions, the churn rate is the mean score", () => {
    const { query } = telemetryTestContext();
    const bins = query("ModelOutcomes_CL | summarize n = count(), churned = countif(Label), meanScore = avg(Score) by scoreBin = bin(Score, 0.1) | where n >= 200");
    // Over 30 days of hourly batches of 40 predictions, at least the bins up to 0.5.
    expect(bins.length).toBeGreaterThanOrEqual(5);
    for (const bin of bins) {
      const observed = (bin.churned as number) / (bin.n as number);
      expect(Math.abs(observed - (bin.meanScore as number)), `scores from ${bin.scoreBin as number}`).toBeLessThan(0.03);
    }
  });
});

describe("DeadLetter_CL", () => {
  it("keeps queues near empty with an occasional spike", () => {
    const { query } = telemetryTestContext();
    const byQueue = query("DeadLetter_CL | summarize median = percentile(Depth, 50), peak = max(Depth), samples = count() by Queue");
    expect(byQueue).toHaveLength(3);
    for (const queue of byQueue) expect(queue.median as number).toBeLessThanOrEqual(3);
    const scoring = byQueue.find((queue) => queue.Queue === "scoring-requests")!;
    expect(scoring.peak as number).toBeGreaterThan(100);
    expect(scoring.samples).toBeGreaterThan(30 * 24 * 12 - 20);
  });
});
