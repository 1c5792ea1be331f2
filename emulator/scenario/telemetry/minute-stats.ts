// Per-minute statistics of one deployment, for the Azure Monitor metrics emulator: computed from
// the same samples as the AppRequests rows of that minute (live and mirrored requests, up to now),
// with the percentile the KQL engine uses, so a summarize over AppRequests gives the same numbers.
import { nearestRankPercentile } from "../../kql/eval/percentile";
import type { Clock } from "../clock";
import { HOUR_MS, MINUTE_MS } from "../clock";
import { LruCache } from "./lru-cache";
import type { RequestLog } from "./request-log";

export interface DeploymentMinuteStats {
  /** Requests served: sum(ItemCount). */
  requests: number;
  /** Failed requests: sum(ItemCount) where Success == false. */
  errors: number;
  /** Over the minute's rows; all 0 when requests is 0. */
  latencyMs: { avg: number; p50: number; p90: number; p95: number; p99: number };
}

export class MinuteStats {
  private readonly cache = new LruCache<string, DeploymentMinuteStats>(8000);

  constructor(
    private readonly log: RequestLog,
    private readonly clock: Clock,
  ) {}

  clearCache(): void {
    this.cache.clear();
  }

  of(endpoint: string, deployment: string, minuteStart: Date): DeploymentMinuteStats {
    const start = Math.floor(minuteStart.getTime() / MINUTE_MS) * MINUTE_MS;
    const key = `${endpoint}|${deployment}|${start}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const nowMs = this.clock.now().getTime();
    const hour = this.log.hour(endpoint, start);
    const minute = Math.floor((start % HOUR_MS) / MINUTE_MS);
    const deploymentIndex = hour.deployments.findIndex((spec) => spec.name === deployment);
    let requests = 0;
    let errors = 0;
    const durations: number[] = [];
    for (let index = hour.minuteOffsets[minute]!; index < hour.minuteOffsets[minute + 1]!; index++) {
      if (hour.deployment[index] !== deploymentIndex || hour.hourStart + hour.timeOffset[index]! > nowMs) continue;
      requests += hour.itemCount[index]!;
      if (hour.resultCode[index]! >= 400) errors += hour.itemCount[index]!;
      durations.push(hour.durationUs[index]! / 1000);
    }
    const durationSum = durations.reduce((sum, duration) => sum + duration, 0);
    const sorted = durations.sort((a, b) => a - b);
    const percentile = (percent: number) => nearestRankPercentile(sorted, percent) ?? 0;
    const stats: DeploymentMinuteStats = {
      requests,
      errors,
      latencyMs: {
        avg: durations.length === 0 ? 0 : durationSum / durations.length,
        p50: percentile(50),
        p90: percentile(90),
        p95: percentile(95),
        p99: percentile(99),
      },
    };
    if (start + MINUTE_MS <= nowMs) this.cache.set(key, stats);
    return stats;
  }
}
