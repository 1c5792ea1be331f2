// For component tests: an SloView built by the verb's own pure steps (sloSummary, sloCharts) from counts a test states.
import { DEFAULT_SLOS, describeSlo, sloSubject, type SloDefinition } from "@/lib/domain/slo/definitions";
import type { PanelReading } from "@/lib/monitoring/monitoring-reads";
import type { SloView } from "@/lib/slos/read-slos";
import { EVENT_UNIT, sloCharts, sloSummary, type CountedCell, type SpansCounts } from "@/lib/slos/slo-summary";
import type { CellSize } from "@/lib/domain/time-range";

export const HOUR: CellSize = { ms: 3_600_000, label: "hour" };
export const AS_OF = "2026-11-20T10:00:00.000Z";
export const PERIOD = { from: "2026-10-21T10:00:00.000Z", to: "2026-11-20T10:00:00.000Z", days: 30 };

export const defaultSlo = (id: string) => DEFAULT_SLOS.find((definition) => definition.id === id)! as SloDefinition;

/** Spans where every event seen is valid, from [total, bad] per span; a span left out saw nothing. */
export function spans(counts: Partial<Record<keyof SpansCounts, [number, number]>>): SpansCounts {
  const all = ["5m", "30m", "1h", "2h", "6h", "1d", "3d", "Period"] as const;
  return Object.fromEntries(all.map((span) => [span, { seen: counts[span]?.[0] ?? 0, total: counts[span]?.[0] ?? 0, good: (counts[span]?.[0] ?? 0) - (counts[span]?.[1] ?? 0) }])) as SpansCounts;
}

export const fresh = <T>(value: T): PanelReading<T> => ({ value, asOf: AS_OF, staleBecause: null, problem: null });

interface ViewOptions {
  spans: SpansCounts;
  /** Counted cells of the series; none by default (empty charts). */
  cells?: CountedCell[];
  cellStarts?: Date[];
  chartFrom?: Date;
  version?: number;
}

export function sloView(definition: SloDefinition, options: ViewOptions): SloView {
  const telemetry = definition.kind !== "training-time";
  const events = { latency: "live requests", availability: "live requests", freshness: "freshness probes", "training-time": "training runs started" }[definition.kind];
  const cellStarts = options.cellStarts ?? [];
  return {
    definition,
    version: options.version ?? 0,
    sentence: describeSlo(definition),
    subject: sloSubject(definition),
    period: PERIOD,
    unit: EVENT_UNIT[definition.kind],
    kql: telemetry ? { windows: "AppRequests\n| summarize Total1h = sum(ItemCount)", series: "AppRequests\n| summarize Total = sum(ItemCount) by bin(TimeGenerated, 1h)" } : null,
    summary: fresh(sloSummary(definition, options.spans, { emptyIsAbsent: telemetry, events })),
    charts: fresh(sloCharts(definition, options.cells ?? [], cellStarts, HOUR, options.chartFrom ?? new Date(PERIOD.from))),
  };
}
