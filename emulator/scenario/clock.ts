// The scenario's notion of now: the real clock, or a frozen one for reproducible tests.
export interface Clock {
  now(): Date;
  /** Start of the UTC day of the emulator's start: what the registry's history is anchored to. */
  readonly anchor: Date;
  /** The instant the emulator started: recent scripted events (an incident "2 h ago") are placed from it. */
  readonly startedAt: Date;
}

export function createClock(frozenNow?: Date): Clock {
  const startedAt = frozenNow ?? new Date();
  const anchor = new Date(Date.UTC(startedAt.getUTCFullYear(), startedAt.getUTCMonth(), startedAt.getUTCDate()));
  return {
    now: () => (frozenNow ? new Date(frozenNow) : new Date()),
    anchor,
    startedAt: new Date(startedAt),
  };
}

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
