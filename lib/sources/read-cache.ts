// A small in-process cache for upstream reads: fresh entries are served as they are; a stale one is
// refreshed by one call that its concurrent readers share (or, within `serveStaleMs`, served at once
// while that call runs); when the upstream fails the last good value is returned with its age, so a
// page degrades instead of breaking. Values carry the time they were read.

export interface Cached<T> {
  value: T;
  /** When the value was read from the upstream. */
  asOf: Date;
  /** Set when the upstream failed and this is the last good value. */
  staleBecause?: string;
}

interface Entry {
  value: unknown;
  asOf: number;
  /** Why the last refresh in the background failed, until one succeeds. */
  failure?: string;
}

export class ReadCache {
  private entries = new Map<string, Entry>();

  constructor(
    private readonly options: {
      freshMs: number;
      maxEntries: number;
      /** How long past freshMs a value is still served at once while its refresh runs; 0 (default) waits for the refresh. */
      serveStaleMs?: number;
      /** The longest any value is fresh or served stale, per-read overrides included (UPSTREAM_READ_FRESH_MS): lets tests see upstream faults at once. */
      capMs?: number;
      now?: () => number;
    },
  ) {}

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  /**
   * Reads through the cache; `freshMs` overrides the cache's for a value that changes slowly.
   * Throws only when the upstream fails and nothing was ever read for the key.
   */
  async read<T>(key: string, load: () => Promise<T>, options: { freshMs?: number } = {}): Promise<Cached<T>> {
    const entry = this.entries.get(key);
    const age = entry ? this.now() - entry.asOf : Infinity;
    const cap = this.options.capMs ?? Infinity;
    const freshMs = Math.min(options.freshMs ?? this.options.freshMs, cap);
    if (entry && age < freshMs) {
      return { value: entry.value as T, asOf: new Date(entry.asOf) };
    }
    if (entry && age < freshMs + Math.min(this.options.serveStaleMs ?? 0, cap)) {
      this.refresh(key, load).catch((error: unknown) => {
        const current = this.entries.get(key);
        if (current) current.failure = error instanceof Error ? error.message : String(error);
      });
      return { value: entry.value as T, asOf: new Date(entry.asOf), ...(entry.failure ? { staleBecause: entry.failure } : {}) };
    }
    try {
      const value = await this.refresh(key, load);
      const refreshed = this.entries.get(key)!;
      return { value, asOf: new Date(refreshed.asOf) };
    } catch (error) {
      if (!entry) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      return { value: entry.value as T, asOf: new Date(entry.asOf), staleBecause: reason };
    }
  }

  /** Forgets entries whose key starts with the prefix (after a write that changes them). */
  invalidate(prefix: string): void {
    for (const key of this.entries.keys()) if (key.startsWith(prefix)) this.entries.delete(key);
  }

  private refresh<T>(key: string, load: () => Promise<T>): Promise<T> {
    // Concurrent readers of one key share a single upstream call.
    const inFlight = this.inFlight.get(key);
    if (inFlight) return inFlight as Promise<T>;
    const refreshing = load()
      .then((value) => {
        this.entries.delete(key); // re-insert: Map order doubles as least-recently-refreshed order
        this.entries.set(key, { value, asOf: this.now() });
        this.evict();
        return value;
      })
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, refreshing);
    return refreshing;
  }

  private inFlight = new Map<string, Promise<unknown>>();

  private evict(): void {
    while (this.entries.size > this.options.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}
