// ModelDrift_CL: the hourly drift job's bin counts and PSI, one row per model, feature (inputs and
// the predicted score), hourly window and frozen bin. Each window's counts are sampled from the
// reference shares shifted by a scripted drift, and its PSI is computed from those counts.
// churn_xgb's monthly_charges starts drifting ten days before the anchor day (a tariff change):
// its expected hourly PSI, like the daily PSI of summed counts, passes 0.1 about two days later and
// 0.25 about six days later, and churn_xgb's score follows at half strength. fraud_lgbm's txn_velocity_1h starts four days before the anchor and is moderate
// by the anchor day. Everything else is stable, but hourly PSI carries sampling noise of about
// (bins − 1) / SampleCount, and an ingestion outage leaves three churn_xgb windows with 20–40 samples.
import { TELEMETRY_TABLES } from "../../../lib/telemetry/contract";
import type { Row } from "../../kql/ast";
import { DAY_MS, HOUR_MS, MINUTE_MS } from "../clock";
import { SeededRandom } from "../random";
import { BucketedTable, rowFor, type BucketedTableOptions } from "./bucketed-table";
import { DriftCurve, multinomialCounts, psiOfCounts } from "./drift-distributions";
import { loadFactor } from "./load-curve";
import { LruCache } from "./lru-cache";
import { MONITORED_MODELS, PREDICTION_FEATURE, type MonitoredFeature, type MonitoredModel } from "./monitored-models";
import { primaryDeployment, type TelemetryScenario } from "./telemetry-scenario";

export { MONITORED_MODELS, PREDICTION_FEATURE };

interface ScriptedDrift {
  modelName: string;
  featureName: string;
  /** The drift starts at the start of the UTC day this many days before the anchor day. */
  daysBeforeAnchor: number;
}

/** The significant drift: a tariff change moves monthly charges up. */
export const DRIFTING_FEATURE = { modelName: "churn_xgb", featureName: "monthly_charges", daysBeforeAnchor: 10 } as const satisfies ScriptedDrift;

/** A younger drift of another model: moderate (0.1–0.25) on the anchor day. */
export const SECOND_DRIFT = { modelName: "fraud_lgbm", featureName: "txn_velocity_1h", daysBeforeAnchor: 4 } as const satisfies ScriptedDrift;

/** An ingestion outage: churn_xgb's windows starting in [start, end) (from the anchor) hold 20–40 samples. */
export const LOW_SAMPLE_WINDOW = {
  modelName: "churn_xgb",
  startFromAnchorMs: -3 * DAY_MS + 2 * HOUR_MS,
  endFromAnchorMs: -3 * DAY_MS + 5 * HOUR_MS,
  minSamples: 20,
  maxSamples: 40,
} as const;

/** When a scripted drift starts to move (the significant one unless another is named). */
export function driftOnset(scenario: Pick<TelemetryScenario, "clock">, drift: Pick<ScriptedDrift, "daysBeforeAnchor"> = DRIFTING_FEATURE): number {
  return scenario.clock.anchor.getTime() - drift.daysBeforeAnchor * DAY_MS;
}

/** The drift job runs a few minutes after each hourly window closes. */
const JOB_DELAY_MS = 7 * MINUTE_MS;
/** Share of scored payloads the drift job samples. */
const PAYLOAD_SAMPLE_RATE = 0.1;
/** PSI of a drift no longer grows past this, however long the scenario runs. */
const MAX_SCRIPTED_PSI = 0.6;
/** The share of the scored model's drift its predicted score shows. */
const SCORE_DRIFT_STRENGTH = 0.5;

function samplesInWindow(scenario: TelemetryScenario, model: MonitoredModel, windowEnd: number): number {
  const windowStart = windowEnd - HOUR_MS;
  const fromAnchor = windowStart - scenario.clock.anchor.getTime();
  if (model.modelName === LOW_SAMPLE_WINDOW.modelName && fromAnchor >= LOW_SAMPLE_WINDOW.startFromAnchorMs && fromAnchor < LOW_SAMPLE_WINDOW.endFromAnchorMs) {
    return new SeededRandom(scenario.seed, "ModelDrift_CL", "outage", windowEnd).int(LOW_SAMPLE_WINDOW.minSamples, LOW_SAMPLE_WINDOW.maxSamples);
  }
  const peakPerMinute = scenario.fleet.get(model.endpoint)?.spec.peakRequestsPerMinute ?? 0;
  return Math.round(peakPerMinute * 60 * loadFactor(windowEnd - HOUR_MS / 2) * PAYLOAD_SAMPLE_RATE);
}

function daysSince(scenario: TelemetryScenario, drift: ScriptedDrift, windowEnd: number): number {
  return (windowEnd - driftOnset(scenario, drift)) / DAY_MS;
}

function isFeature(model: MonitoredModel, feature: MonitoredFeature, modelName: string, featureName: string): boolean {
  return model.modelName === modelName && feature.name === featureName;
}

/** PSI a scripted drift is expected to show in the window, with a little jitter; null for a feature that is not drifting. */
function scriptedPsi(scenario: TelemetryScenario, model: MonitoredModel, feature: MonitoredFeature, windowEnd: number, random: SeededRandom): number | null {
  const first = daysSince(scenario, DRIFTING_FEATURE, windowEnd);
  const second = daysSince(scenario, SECOND_DRIFT, windowEnd);
  let psi: number | null = null;
  if (first > 0 && isFeature(model, feature, DRIFTING_FEATURE.modelName, DRIFTING_FEATURE.featureName)) psi = 0.03 + 0.035 * first * (1 + 0.04 * random.normal());
  if (first > 0 && isFeature(model, feature, DRIFTING_FEATURE.modelName, PREDICTION_FEATURE)) psi = SCORE_DRIFT_STRENGTH * (0.03 + 0.035 * first) * (1 + 0.04 * random.normal());
  if (second > 0 && isFeature(model, feature, SECOND_DRIFT.modelName, SECOND_DRIFT.featureName)) psi = 0.02 + 0.035 * second * (1 + 0.04 * random.normal());
  return psi === null ? null : Math.min(psi, MAX_SCRIPTED_PSI);
}

/**
 * The PSI between the window's population and the reference, signed for the tilt's direction.
 * A scripted drift's measured PSI is this plus sampling noise of about (bins − 1) / n, so the
 * population's is set that much lower (down to half) to keep the expected measurement on script.
 * A stable feature's population wanders a little, either way.
 */
function populationPsi(scenario: TelemetryScenario, model: MonitoredModel, feature: MonitoredFeature, windowEnd: number, samples: number, random: SeededRandom): number {
  const scripted = scriptedPsi(scenario, model, feature, windowEnd, random);
  if (scripted !== null) return Math.max(scripted - (feature.bins.length - 1) / Math.max(samples, 1), scripted / 2);
  return (random.chance(0.5) ? 1 : -1) * 0.004 * Math.exp(0.5 * random.normal());
}

/** One window of one feature: its window-level row values and its bin counts. */
interface FeatureWindow {
  windowRow: Row;
  feature: MonitoredFeature;
  counts: number[];
}

// Rows are one per bin, ten times the windows: a day keeps its windows (a row template and the counts)
// and makes the bin rows per scan, short-lived, rather than holding ~2,500 rows a day in memory.
class ModelDriftTable extends BucketedTable {
  constructor(
    private readonly windows: LruCache<number, FeatureWindow[][]>,
    options: BucketedTableOptions,
  ) {
    super(options);
  }

  override clearCache(): void {
    super.clearCache();
    this.windows.clear();
  }
}

export function createModelDriftTable(scenario: TelemetryScenario): BucketedTable {
  const { columns } = TELEMETRY_TABLES.ModelDrift_CL;
  const curves = new Map(MONITORED_MODELS.flatMap((model) => model.features).map((feature) => [feature, new DriftCurve(feature.referenceShares, feature.driftDirection, MAX_SCRIPTED_PSI)]));
  const at = (name: string) => columns.findIndex((column) => column.name === name);
  const [bin, binLower, binUpper, category, referenceShare, referenceCount, currentCount] = ["Bin", "BinLower", "BinUpper", "Category", "ReferenceShare", "ReferenceCount", "CurrentCount"].map(at) as [number, number, number, number, number, number, number];

  /** The day's hourly windows from..to (indexes; window k ends at dayStart + k hours), each with its features. */
  function windowsOfHours(dayStart: number, from: number, to: number): FeatureWindow[][] {
    const hours: FeatureWindow[][] = [];
    for (let index = from; index < to; index++) {
      const windowEnd = dayStart + index * HOUR_MS;
      const featureWindows: FeatureWindow[] = [];
      for (const model of MONITORED_MODELS) {
        const version = primaryDeployment(scenario, model.endpoint, new Date(windowEnd - 1))?.modelVersion ?? "";
        const samples = samplesInWindow(scenario, model, windowEnd);
        // One stream per model and window (hashing a key per feature would cost more than the rest).
        const random = new SeededRandom(scenario.seed, "ModelDrift_CL", model.modelName, windowEnd);
        for (const feature of model.features) {
          const shares = curves.get(feature)!.sharesAt(populationPsi(scenario, model, feature, windowEnd, samples, random));
          const counts = multinomialCounts(random, samples, shares);
          const windowRow = rowFor(columns, {
            TimeGenerated: windowEnd + JOB_DELAY_MS,
            ModelName: model.modelName,
            ModelVersion: version,
            Endpoint: model.endpoint,
            FeatureName: feature.name,
            FeatureType: feature.type,
            WindowStart: windowEnd - HOUR_MS,
            WindowEnd: windowEnd,
            ReferenceWindow: feature.reference,
            Psi: samples > 0 ? Math.round(psiOfCounts(feature.referenceShares, counts, samples) * 10_000) / 10_000 : null,
            SampleCount: samples,
            BinCount: feature.bins.length,
            Bin: null,
            BinLower: null,
            BinUpper: null,
            Category: null,
            ReferenceShare: null,
            ReferenceCount: null,
            CurrentCount: null,
            Type: "ModelDrift_CL",
          });
          featureWindows.push({ windowRow, feature, counts });
        }
      }
      hours.push(featureWindows);
    }
    return hours;
  }

  const windows = new LruCache<number, FeatureWindow[][]>(40);
  return new ModelDriftTable(windows, {
    columns,
    clock: scenario.clock,
    bucketMs: DAY_MS,
    cacheSize: 0,
    generate(dayStart) {
      // A window is final once it has ended (its rows are written later still): today's windows are
      // made once each as the hours pass, not again on every scan, and windows yet to end not at all.
      const ended = Math.min(24, Math.max(0, Math.floor((scenario.clock.now().getTime() - dayStart) / HOUR_MS) + 1));
      let day = windows.get(dayStart) ?? [];
      if (day.length < ended) {
        day = [...day, ...windowsOfHours(dayStart, day.length, ended)];
        windows.set(dayStart, day);
      }
      const rows: Row[] = [];
      for (const { windowRow, feature, counts } of day.slice(0, ended).flat()) {
        feature.bins.forEach((frozen, index) => {
          const row = windowRow.slice();
          row[bin] = index;
          row[binLower] = frozen.lower;
          row[binUpper] = frozen.upper;
          row[category] = frozen.category;
          row[referenceShare] = frozen.referenceShare;
          row[referenceCount] = frozen.referenceCount;
          row[currentCount] = counts[index]!;
          rows.push(row);
        });
      }
      return rows;
    },
  });
}
