// Cost Management's query-unit (QPU) quotas per tenant: 12 per 10 s, 60 per minute, 600 per hour.
// Measured on the wall clock, as the service does, whatever the scenario's clock says.
const WINDOWS = [
  { name: "QueryQuota10Sec", ms: 10_000, limit: 12 },
  { name: "QueryQuota1Min", ms: 60_000, limit: 60 },
  { name: "QueryQuota1Hour", ms: 3_600_000, limit: 600 },
] as const;

export class QueryUnitQuota {
  private spent: { at: number; units: number }[] = [];

  constructor(private readonly now: () => number = Date.now) {}

  private used(windowMs: number, at: number): number {
    return this.spent.filter((entry) => entry.at > at - windowMs).reduce((sum, entry) => sum + entry.units, 0);
  }

  /** Spends units when every quota allows; otherwise says how many seconds to wait. */
  spend(units: number): { allowed: true; headers: Record<string, string> } | { allowed: false; retryAfterSeconds: number; headers: Record<string, string> } {
    const at = this.now();
    this.spent = this.spent.filter((entry) => entry.at > at - WINDOWS[2].ms);
    const blocked = WINDOWS.filter((window) => this.used(window.ms, at) + units > window.limit);
    if (blocked.length > 0) {
      const waits = blocked.map((window) => {
        const inWindow = this.spent.filter((entry) => entry.at > at - window.ms);
        return Math.max(1, Math.ceil((inWindow[0]!.at + window.ms - at) / 1000));
      });
      return { allowed: false, retryAfterSeconds: Math.max(...waits), headers: this.headers(at, 0) };
    }
    this.spent.push({ at, units });
    return { allowed: true, headers: this.headers(at, units) };
  }

  private headers(at: number, consumed: number): Record<string, string> {
    return {
      "x-ms-ratelimit-microsoft.costmanagement-qpu-consumed": String(consumed),
      "x-ms-ratelimit-microsoft.costmanagement-qpu-remaining": WINDOWS.map((window) => `${window.name}:${Math.max(0, window.limit - this.used(window.ms, at))}`).join(","),
    };
  }

  reset(): void {
    this.spent = [];
  }
}

/** The headers of a Cost Management 429: clients must wait the largest of them. */
export function throttledHeaders(retryAfterSeconds: number): Record<string, string> {
  const seconds = String(retryAfterSeconds);
  return {
    "retry-after": seconds,
    "x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after": seconds,
    "x-ms-ratelimit-microsoft.costmanagement-entity-retry-after": seconds,
    "x-ms-ratelimit-microsoft.costmanagement-tenant-retry-after": seconds,
  };
}
