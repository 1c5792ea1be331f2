import "server-only";
import { z } from "zod";
import { requirePermission } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/request-context";
import { ALERT_WINDOWS, type AlertWindow } from "@/lib/domain/slo/burn-rate-alerts";
import { describeSlo, sloSubject, type SloDefinition } from "@/lib/domain/slo/definitions";
import { alignedCells, parseTimeRange, type CellSize, type TimeRange } from "@/lib/domain/time-range";
import { invalidInput } from "@/lib/errors/refused-error";
import { mapPanel, nextRefreshAt, readPanel, roundedNow, type PanelReading } from "@/lib/monitoring/monitoring-reads";
import type { Services } from "@/lib/services/services";
import { kqlDatetimeLiteral, kqlTimespanLiteral, type KqlLiteral } from "@/lib/sources/log-analytics/kql-parameters";
import { experimentIdHintKey, readTrainingRuns } from "./read-training-runs";
import { SLO_QUERY_NAMES, sloSeriesQuery, sloSeriesRow, sloSubjectOf, sloWindowsQuery, sloWindowsRow, type SloBounds, type SloSubject, type SloWindowsRow } from "./slo.kql";
import { currentSloDefinitions, type StoredSloDefinition } from "./slo-definition-store";
import { EVENT_UNIT, sloCharts, sloSummary, type CountingRules, type EventUnit, type SloCharts, type SloSummary, type SpansCounts } from "./slo-summary";
import { countTrainingRuns } from "./training-run-counts";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const LONGEST_WINDOW_MS = Math.max(...Object.values(ALERT_WINDOWS));

const inputSchema = z.object({ from: z.string().max(64).nullish(), to: z.string().max(64).nullish() });

export type SloServices = Pick<Services, "db" | "logAnalytics" | "mlflow" | "hints" | "now">;

export interface SloView {
  definition: SloDefinition;
  /** The saved version (0: the blueprint's default), for the editor. */
  version: number;
  sentence: string;
  subject: { kind: "endpoint" | "model"; name: string };
  /** The SLO period ending at the range's end: what the SLI and the budget are over. */
  period: { from: string; to: string; days: number };
  unit: EventUnit;
  /** The KQL as sent (none for training time, which MLflow answers). */
  kql: { windows: string; series: string } | null;
  summary: PanelReading<SloSummary>;
  charts: PanelReading<SloCharts>;
}

/** Hourly cells up to a 31-day period (744 points), daily beyond: the charts stay under alignedCells' limit. */
function sloCellSize(periodDays: number): CellSize {
  return periodDays <= 31 ? { ms: HOUR_MS, label: "hour" } : { ms: DAY_MS, label: "day" };
}

interface SloPlan {
  stored: StoredSloDefinition;
  periodStart: Date;
  periodEnd: Date;
  /** The period and the longest alert window, whichever starts earlier. */
  scanStart: Date;
  cellSize: CellSize;
  cellStarts: Date[];
  chartFrom: Date;
}

function planOf(stored: StoredSloDefinition, range: TimeRange): SloPlan {
  const periodEnd = range.to;
  const periodStart = new Date(periodEnd.getTime() - stored.definition.periodDays * DAY_MS);
  const cellSize = sloCellSize(stored.definition.periodDays);
  return {
    stored,
    periodStart,
    periodEnd,
    scanStart: new Date(Math.min(periodStart.getTime(), periodEnd.getTime() - LONGEST_WINDOW_MS)),
    cellSize,
    cellStarts: alignedCells({ from: periodStart, to: periodEnd }, cellSize),
    chartFrom: new Date(Math.max(range.from.getTime(), periodStart.getTime())),
  };
}

function spansOf(row: SloWindowsRow | undefined): SpansCounts {
  const spans = {} as SpansCounts;
  for (const span of [...(Object.keys(ALERT_WINDOWS) as AlertWindow[]), "Period" as const]) {
    spans[span] = { seen: row?.[`Seen${span}`] ?? 0, total: row?.[`Total${span}`] ?? 0, good: row?.[`Good${span}`] ?? 0 };
  }
  return spans;
}

const TELEMETRY_RULES: Record<"latency" | "availability" | "freshness", CountingRules> = {
  latency: { emptyIsAbsent: true, events: "live requests" },
  availability: { emptyIsAbsent: true, events: "live requests" },
  freshness: { emptyIsAbsent: true, events: "freshness probes" },
};
// MLflow answering with no run is a real zero, not missing telemetry.
const TRAINING_RULES: CountingRules = { emptyIsAbsent: false, events: "training runs started" };

function view(plan: SloPlan, kql: SloView["kql"], summary: SloView["summary"], charts: SloView["charts"]): SloView {
  const { definition, version } = plan.stored;
  return {
    definition,
    version,
    sentence: describeSlo(definition),
    subject: sloSubject(definition),
    period: { from: plan.periodStart.toISOString(), to: plan.periodEnd.toISOString(), days: definition.periodDays },
    unit: EVENT_UNIT[definition.kind],
    kql,
    summary,
    charts,
  };
}

async function readTelemetrySlo(services: SloServices, plan: SloPlan, subject: SloSubject): Promise<SloView> {
  const { definition } = plan.stored;
  const since = Object.fromEntries(Object.entries(ALERT_WINDOWS).map(([window, ms]) => [window, kqlDatetimeLiteral(new Date(plan.periodEnd.getTime() - ms))])) as Record<AlertWindow, KqlLiteral>;
  const bounds: SloBounds = { periodStart: kqlDatetimeLiteral(plan.periodStart), periodEnd: kqlDatetimeLiteral(plan.periodEnd), scanStart: kqlDatetimeLiteral(plan.scanStart), since };
  const names = SLO_QUERY_NAMES[subject.kind];
  const kql = { windows: sloWindowsQuery(subject, bounds), series: sloSeriesQuery(subject, bounds, kqlTimespanLiteral(plan.cellSize.ms)) };
  const [windows, series] = await Promise.all([
    readPanel(services, { name: names.windows, text: kql.windows, timespan: { from: plan.scanStart, to: plan.periodEnd }, row: sloWindowsRow }),
    readPanel(services, { name: names.series, text: kql.series, timespan: { from: plan.periodStart, to: plan.periodEnd }, row: sloSeriesRow }),
  ]);
  const rules = TELEMETRY_RULES[subject.kind];
  return view(
    plan,
    kql,
    mapPanel(windows, (rows) => sloSummary(definition, spansOf(rows[0]), rules)),
    mapPanel(series, (rows) => sloCharts(definition, rows.map((row) => ({ start: row.CellStart, seen: row.Seen, total: row.Total, good: row.Good })), plan.cellStarts, plan.cellSize, plan.chartFrom)),
  );
}

async function readTrainingSlo(services: SloServices, plan: SloPlan, definition: Extract<SloDefinition, { kind: "training-time" }>, hintedId: unknown): Promise<SloView> {
  const runs = await readTrainingRuns(services, definition.experiment, hintedId, { from: plan.scanStart, to: plan.periodEnd });
  const counted = mapPanel(runs, (list) => countTrainingRuns(list, { thresholdHours: definition.thresholdHours, periodStart: plan.periodStart, periodEnd: plan.periodEnd, now: services.now(), cellSize: plan.cellSize }));
  return view(
    plan,
    null,
    mapPanel(counted, ({ spans }) => sloSummary(definition, spans, TRAINING_RULES)),
    mapPanel(counted, ({ cells }) => sloCharts(definition, cells, plan.cellStarts, plan.cellSize, plan.chartFrom)),
  );
}

/**
 * The SLO page: every SLO's SLI over its period (ending at the range's end) and over the last hour,
 * its error budget, the multi-window burn-rate alerts and its burn-down and burn-rate charts. The
 * definitions and read hints are local; then every upstream read starts at once (one round trip:
 * two Log Analytics queries per telemetry SLO, one MLflow runs search per training-time SLO), and
 * each panel degrades on its own.
 */
export async function readSlos(ctx: RequestContext, rawInput: Record<string, unknown>, services: SloServices) {
  requirePermission(ctx, "monitoring:read");
  const parsed = inputSchema.safeParse(rawInput);
  if (!parsed.success) throw invalidInput(parsed.error.issues);
  const now = services.now();
  const parsedRange = parseTimeRange({ from: parsed.data.from, to: parsed.data.to }, roundedNow(now), { defaultFrom: "now-30d" });
  if (!parsedRange.ok) throw invalidInput([{ path: ["from"], message: parsedRange.problem }]);
  const range = parsedRange.range;

  const stored = await currentSloDefinitions(services.db);
  const experiments = stored.flatMap(({ definition }) => (definition.kind === "training-time" ? [definition.experiment] : []));
  const recalled = await services.hints.recall(experiments.map(experimentIdHintKey));

  const slos = await Promise.all(
    stored.map((entry) => {
      const plan = planOf(entry, range);
      const { definition } = entry;
      if (definition.kind === "training-time") return readTrainingSlo(services, plan, definition, recalled.get(experimentIdHintKey(definition.experiment)));
      return readTelemetrySlo(services, plan, sloSubjectOf(definition)!);
    }),
  );

  return {
    range: { from: range.from.toISOString(), to: range.to.toISOString(), fromText: range.fromText, toText: range.toText, live: range.live, label: range.label, refreshAt: range.live ? nextRefreshAt(now) : null },
    slos,
  };
}

export type SlosPage = Awaited<ReturnType<typeof readSlos>>;
