import "server-only";
import { requirePermission } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/request-context";
import { deadLetterHealth, featureTableHealth } from "@/lib/domain/monitoring/data-health";
import { fleetHealth } from "@/lib/domain/monitoring/fleet-health";
import type { Services } from "@/lib/services/services";
import { kqlDatetimeLiteral } from "@/lib/sources/log-analytics/kql-parameters";
import { deadLetterQuery, deadLetterRow, featureFreshnessQuery, featureFreshnessRow, fleetDriftQuery, fleetDriftRow, fleetLiftQuery, fleetLiftRow, labelMaturityQuery, labelMaturityRow } from "./monitoring.kql";
import { mapPanel, nextRefreshAt, readPanel, roundedNow } from "./monitoring-reads";
import { LABEL_HORIZON_MS } from "./read-model-monitoring";

/** "Drift now": the last 24 hours of windows, their counts summed (hourly cells are too noisy to rank a fleet). */
export const FLEET_DRIFT_WINDOW_MS = 24 * 3_600_000;
/** The matured cohort the fleet's lift is read on: two weeks of predictions whose labels have all arrived. */
export const FLEET_COHORT_MS = 14 * 24 * 3_600_000;
const PROBE_LOOKBACK_MS = 3_600_000;

/**
 * The fleet view: every monitored model × endpoint, worst first, with its drift now, its newest
 * version's top-decile lift against the previous one, the stale feature tables it reads and how far
 * its outcomes are complete; the dead-letter queues beside. Five reads, all at once.
 */
export async function readMonitoringFleet(ctx: RequestContext, _input: Record<string, unknown>, services: Pick<Services, "logAnalytics" | "now">) {
  requirePermission(ctx, "monitoring:read");
  const now = roundedNow(services.now());
  const driftFrom = new Date(now.getTime() - FLEET_DRIFT_WINDOW_MS);
  // From the rounded instant: the lift query's text (its cache key) holds still between refreshes.
  const matureBefore = new Date(now.getTime() - LABEL_HORIZON_MS);
  const cohortFrom = new Date(matureBefore.getTime() - FLEET_COHORT_MS);
  const probesFrom = new Date(now.getTime() - PROBE_LOOKBACK_MS);
  const [drift, lift, maturity, freshness, deadLetter] = await Promise.all([
    readPanel(services, { name: "fleetDrift", text: fleetDriftQuery({ windowStart: kqlDatetimeLiteral(driftFrom), windowEnd: kqlDatetimeLiteral(now) }), timespan: { from: driftFrom, to: now }, row: fleetDriftRow }),
    readPanel(services, { name: "fleetLift", text: fleetLiftQuery({ windowStart: kqlDatetimeLiteral(cohortFrom), matureBefore: kqlDatetimeLiteral(matureBefore) }), timespan: { from: cohortFrom, to: now }, row: fleetLiftRow }),
    readPanel(services, { name: "labelMaturity", text: labelMaturityQuery({ windowStart: kqlDatetimeLiteral(driftFrom), windowEnd: kqlDatetimeLiteral(now) }), timespan: { from: driftFrom, to: now }, row: labelMaturityRow }),
    readPanel(services, { name: "featureFreshness", text: featureFreshnessQuery({ windowStart: kqlDatetimeLiteral(probesFrom) }), timespan: { from: probesFrom, to: now }, row: featureFreshnessRow }),
    readPanel(services, { name: "deadLetter", text: deadLetterQuery({ windowStart: kqlDatetimeLiteral(probesFrom) }), timespan: { from: probesFrom, to: now }, row: deadLetterRow }),
  ]);
  const tables = mapPanel(freshness, (rows) =>
    featureTableHealth(rows.map((row) => ({ table: row.FeatureTable, consumersText: row.ConsumersText, lagMinutes: row.LagMinutes, lastRefreshTime: row.LastRefreshTime, probedAt: row.ProbedAt }))),
  );
  const models = mapPanel(drift, (rows) =>
    fleetHealth(
      rows.map((row) => ({ model: row.ModelName, endpoint: row.Endpoint, feature: row.FeatureName, featureType: row.FeatureType, bin: row.Bin, currentCount: row.CurrentCount, referenceShare: row.ReferenceShare })),
      (lift.value ?? []).map((row) => ({ model: row.ModelName, version: row.ModelVersion, decile: row.ScoreDecile, predictions: row.Predictions, positives: row.Positives })),
      tables.value ?? [],
    ),
  );
  return {
    /** The page always shows the present: it reads again at this instant. */
    refreshAt: nextRefreshAt(services.now()),
    driftWindow: { from: driftFrom.toISOString(), to: now.toISOString() },
    cohort: { from: cohortFrom.toISOString(), matureBefore: matureBefore.toISOString() },
    models,
    liftProblem: lift.problem,
    /** Models with outcomes, and the newest label written: outcomes are complete through matureBefore. */
    labelMaturity: maturity,
    featureTables: tables,
    deadLetters: mapPanel(deadLetter, (rows) => deadLetterHealth(rows.map((row) => ({ namespace: row.Namespace, queue: row.Queue, depth: row.Depth, oldestMessageAgeMinutes: row.OldestMessageAgeMinutes, sampledAt: row.SampledAt })))),
  };
}

export type MonitoringFleet = Awaited<ReturnType<typeof readMonitoringFleet>>;
