// Builds Azure Monitor metric responses for one resource: one point per interval in the timespan,
// split by the dimensions the filter asks for ('*'), aggregations as requested.
import type { EndpointFleet } from "../../scenario/endpoint-fleet";
import { hash32 } from "../../scenario/random";
import { MINUTE_MS } from "../../scenario/clock";
import { aggregate, type Aggregation, type MetricDefinition, type MinuteNumbers } from "./metric-catalog";

/** Requests, errors and latency of one deployment in one minute, from the telemetry generator. */
export type MinuteStatsSource = (
  endpoint: string,
  deployment: string,
  minuteStart: Date,
) => { requests: number; errors: number; latencyMs: MinuteNumbers["latencyMs"] };

export interface SeriesRequest {
  endpoint: string;
  /** Set for a deployment resource; unset for the endpoint. */
  deployment?: string;
  metric: MetricDefinition;
  start: Date;
  end: Date;
  intervalMinutes: number;
  aggregations: Aggregation[];
  /** Dimension → wanted values ("*" splits by every value). */
  filter: Map<string, string[]>;
}

interface Series {
  dimensions: Record<string, string>;
  minuteValue: (minuteStart: Date) => number | undefined;
}

export class MetricSeriesBuilder {
  constructor(
    private readonly seed: string,
    private readonly fleet: EndpointFleet,
    private readonly stats: MinuteStatsSource,
    private readonly now: () => Date,
  ) {}

  private minute(endpoint: string, deployment: string, at: Date, statusClass?: string): MinuteNumbers {
    const raw = this.stats(endpoint, deployment, at);
    const instances = this.fleet.get(endpoint)?.spec.deployments.find((candidate) => candidate.name === deployment)?.instanceCount ?? 1;
    const noise = (hash32(this.seed, "cpu", endpoint, deployment, at.getTime()) % 1000) / 1000;
    const requests = statusClass === "5xx" ? raw.errors : statusClass === "2xx" ? raw.requests - raw.errors : raw.requests;
    return {
      ...raw,
      requests,
      instances,
      cpuPercent: Math.min(97, 6 + (raw.requests / instances) * 0.22 + noise * 4),
      memoryPercent: 41 + noise * 6,
    };
  }

  /** Combines deployments: requests add up, latency is weighted by requests. */
  private combined(endpoint: string, deployments: string[], at: Date, statusClass?: string): MinuteNumbers | undefined {
    const minutes = deployments.map((deployment) => this.minute(endpoint, deployment, at, statusClass));
    const requests = minutes.reduce((sum, minute) => sum + minute.requests, 0);
    if (minutes.length === 0) return undefined;
    const weighted = (read: (minute: MinuteNumbers) => number) =>
      requests === 0 ? 0 : minutes.reduce((sum, minute) => sum + read(minute) * minute.requests, 0) / requests;
    return {
      requests,
      errors: minutes.reduce((sum, minute) => sum + minute.errors, 0),
      latencyMs: {
        avg: weighted((minute) => minute.latencyMs.avg),
        p50: weighted((minute) => minute.latencyMs.p50),
        p90: weighted((minute) => minute.latencyMs.p90),
        p95: weighted((minute) => minute.latencyMs.p95),
        p99: weighted((minute) => minute.latencyMs.p99),
      },
      instances: minutes.reduce((sum, minute) => sum + minute.instances, 0),
      cpuPercent: minutes.reduce((sum, minute) => sum + minute.cpuPercent, 0) / minutes.length,
      memoryPercent: minutes.reduce((sum, minute) => sum + minute.memoryPercent, 0) / minutes.length,
    };
  }

  private seriesFor(request: SeriesRequest): Series[] {
    const allDeployments = this.fleet.get(request.endpoint)?.spec.deployments.map((deployment) => deployment.name) ?? [];
    const deploymentFilter = request.deployment ? [request.deployment] : request.filter.get("deployment");
    const deploymentGroups = !deploymentFilter
      ? [{ dimensions: {} as Record<string, string>, deployments: allDeployments }]
      : (deploymentFilter.includes("*") ? allDeployments : deploymentFilter.filter((name) => allDeployments.includes(name))).map((name) => ({
          dimensions: (request.deployment ? {} : { deployment: name }) as Record<string, string>,
          deployments: [name],
        }));
    const statusFilter = request.filter.get("statuscodeclass");
    const statusClasses = !statusFilter ? [undefined] : statusFilter.includes("*") ? ["2xx", "5xx"] : statusFilter;
    return deploymentGroups.flatMap((group) =>
      statusClasses.map((statusClass) => ({
        dimensions: statusClass ? { ...group.dimensions, statuscodeclass: statusClass } : { ...group.dimensions },
        minuteValue: (at: Date) => {
          const minute = this.combined(request.endpoint, group.deployments, at, statusClass);
          return minute ? request.metric.perMinute(minute) : undefined;
        },
      })),
    );
  }

  /** The `timeseries` array of one metric. */
  timeseries(request: SeriesRequest) {
    const now = this.now().getTime();
    return this.seriesFor(request).map((series) => {
      const data = [];
      for (let start = request.start.getTime(); start < request.end.getTime(); start += request.intervalMinutes * MINUTE_MS) {
        const values: number[] = [];
        const stop = Math.min(start + request.intervalMinutes * MINUTE_MS, request.end.getTime());
        for (let minute = start; minute < stop && minute <= now; minute += MINUTE_MS) {
          const value = series.minuteValue(new Date(minute));
          if (value !== undefined) values.push(value);
        }
        const point: Record<string, string | number> = { timeStamp: new Date(start).toISOString().replace(".000Z", "Z") };
        for (const aggregation of request.aggregations) {
          const value = aggregate(values, aggregation);
          // A key is omitted when there is no data, as the service does.
          if (value !== undefined) point[aggregation] = Math.round(value * 1000) / 1000;
        }
        data.push(point);
      }
      return {
        metadatavalues: Object.entries(series.dimensions).map(([name, value]) => ({ name: { value: name, localizedValue: name }, value })),
        data,
      };
    });
  }
}
