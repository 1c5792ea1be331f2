// Data health beside drift: feature tables against their freshness SLO, and dead-letter queues
// against a depth threshold. Pure: the rows are each table's and queue's latest probe.

/** A feature table is fresh while its last refresh is under 15 minutes old (the freshness probe's SLO). */
export const FEATURE_FRESHNESS_SLO_MINUTES = 15;
/** Dead-lettered messages above which a queue needs a look: a few are routine, a spike is not. */
export const DEAD_LETTER_DEPTH_THRESHOLD = 50;

export interface FeatureTableProbe {
  table: string;
  /** The probe's Consumers column as text: a JSON array of model names. */
  consumersText: string;
  lagMinutes: number | null;
  lastRefreshTime: Date;
  probedAt: Date;
}

export interface FeatureTableHealth {
  table: string;
  consumers: string[];
  lagMinutes: number | null;
  lastRefreshTime: string;
  probedAt: string;
  /** Lag at or over the SLO, or unknown. */
  stale: boolean;
}

/** Model names from the Consumers text; anything that is not an array of strings reads as none. */
export function consumersOf(text: string): string[] {
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed.filter((name): name is string => typeof name === "string") : [];
  } catch {
    return [];
  }
}

/** Every table, stale ones first (most behind first), then by name. */
export function featureTableHealth(probes: readonly FeatureTableProbe[]): FeatureTableHealth[] {
  return probes
    .map((probe) => ({
      table: probe.table,
      consumers: consumersOf(probe.consumersText),
      lagMinutes: probe.lagMinutes,
      lastRefreshTime: probe.lastRefreshTime.toISOString(),
      probedAt: probe.probedAt.toISOString(),
      stale: probe.lagMinutes === null || probe.lagMinutes >= FEATURE_FRESHNESS_SLO_MINUTES,
    }))
    .sort((a, b) => Number(b.stale) - Number(a.stale) || (b.lagMinutes ?? Infinity) - (a.lagMinutes ?? Infinity) || a.table.localeCompare(b.table));
}

export interface DeadLetterProbe {
  namespace: string;
  queue: string;
  depth: number;
  oldestMessageAgeMinutes: number | null;
  sampledAt: Date;
}

export interface DeadLetterHealth {
  namespace: string;
  queue: string;
  depth: number;
  oldestMessageAgeMinutes: number | null;
  sampledAt: string;
  overThreshold: boolean;
}

/** Every queue, deepest first. */
export function deadLetterHealth(probes: readonly DeadLetterProbe[]): DeadLetterHealth[] {
  return probes
    .map((probe) => ({ ...probe, sampledAt: probe.sampledAt.toISOString(), overThreshold: probe.depth > DEAD_LETTER_DEPTH_THRESHOLD }))
    .sort((a, b) => b.depth - a.depth || a.queue.localeCompare(b.queue));
}
