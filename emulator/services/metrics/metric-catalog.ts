// The Azure Monitor metrics of Azure ML online endpoints and deployments (wire-formats §3.3).
export const ENDPOINT_NAMESPACE = "Microsoft.MachineLearningServices/workspaces/onlineEndpoints";
export const DEPLOYMENT_NAMESPACE = "Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments";

export type Aggregation = "average" | "minimum" | "maximum" | "total" | "count";

export interface MetricDefinition {
  name: string;
  displayName: string;
  unit: string;
  dimensions: string[];
  /** The per-minute value of this metric from a minute's numbers. */
  perMinute: (minute: MinuteNumbers) => number | undefined;
}

/** What one minute of one deployment looked like. */
export interface MinuteNumbers {
  requests: number;
  errors: number;
  latencyMs: { avg: number; p50: number; p90: number; p95: number; p99: number };
  instances: number;
  cpuPercent: number;
  memoryPercent: number;
}

const latency = (name: string, displayName: string, read: (minute: MinuteNumbers) => number): MetricDefinition => ({
  name,
  displayName,
  unit: "Milliseconds",
  dimensions: ["deployment"],
  perMinute: (minute) => (minute.requests > 0 ? read(minute) : undefined),
});

export const ENDPOINT_METRICS: MetricDefinition[] = [
  latency("RequestLatency", "Request Latency", (minute) => minute.latencyMs.avg),
  latency("RequestLatency_P50", "Request Latency P50", (minute) => minute.latencyMs.p50),
  latency("RequestLatency_P90", "Request Latency P90", (minute) => minute.latencyMs.p90),
  latency("RequestLatency_P95", "Request Latency P95", (minute) => minute.latencyMs.p95),
  latency("RequestLatency_P99", "Request Latency P99", (minute) => minute.latencyMs.p99),
  {
    name: "RequestsPerMinute",
    displayName: "Requests Per Minute",
    unit: "Count",
    dimensions: ["deployment", "statusCodeClass"],
    perMinute: (minute) => minute.requests,
  },
];

export const DEPLOYMENT_METRICS: MetricDefinition[] = [
  { name: "CpuUtilizationPercentage", displayName: "CPU Utilization Percentage", unit: "Percent", dimensions: ["instanceId"], perMinute: (minute) => minute.cpuPercent },
  { name: "CpuMemoryUtilizationPercentage", displayName: "CPU Memory Utilization Percentage", unit: "Percent", dimensions: ["instanceId"], perMinute: (minute) => minute.memoryPercent },
  { name: "DeploymentCapacity", displayName: "Deployment Capacity", unit: "Count", dimensions: ["instanceId", "State"], perMinute: (minute) => minute.instances },
];

const INTERVALS: Record<string, number> = { PT1M: 1, PT5M: 5, PT15M: 15, PT30M: 30, PT1H: 60, PT6H: 360, PT12H: 720, P1D: 1440 };

/** Minutes per interval; "FULL" is one point for the whole timespan. */
export function intervalMinutes(interval: string, spanMinutes: number): number | undefined {
  if (interval.toUpperCase() === "FULL") return Math.max(1, spanMinutes);
  return INTERVALS[interval.toUpperCase()];
}

/** Combines per-minute values into one point of an interval. */
export function aggregate(values: number[], aggregation: Aggregation): number | undefined {
  if (values.length === 0) return undefined;
  switch (aggregation) {
    case "average":
      return values.reduce((sum, value) => sum + value, 0) / values.length;
    case "minimum":
      return Math.min(...values);
    case "maximum":
      return Math.max(...values);
    case "total":
      return values.reduce((sum, value) => sum + value, 0);
    case "count":
      return values.length;
  }
}
