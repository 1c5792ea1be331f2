// The requests each endpoint served, as compact samples (one per AppRequests row): what the rows
// and the per-minute deployment statistics are both made of. The load follows the daily curve and
// is split by the traffic (and mirror traffic) live at each moment, so a traffic change shapes the
// requests from that moment on; a deployment switched to "regressed" is slower and fails more, and
// so is the live deployment of the scripted availability incident while it lasts.
// An endpoint-hour is generated at once from one seeded stream drawn minute after minute (a change
// at minute m leaves earlier minutes as they were) and kept column-wise in typed arrays.
import type { Clock } from "../clock";
import { HOUR_MS, MINUTE_MS } from "../clock";
import type { DeploymentSpec, EndpointFleet } from "../endpoint-fleet";
import { hash32, SeededRandom } from "../random";
import { loadFactor } from "./load-curve";
import { LruCache } from "./lru-cache";
import { AVAILABILITY_INCIDENT, availabilityIncidentWindow } from "./recent-incidents";

/** Sampled rows per deployment and minute (adaptive sampling keeps about this many). */
export const ROWS_PER_MINUTE = 10;

/** Healthy latency: lognormal around this median (ms), sigma 0.42, so p95 ≈ 2 × median. */
const MEDIAN_LATENCY_MS: Record<string, number> = { churn_xgb: 40, fraud_lgbm: 36 };
const DEFAULT_MEDIAN_LATENCY_MS = 40;
const LATENCY_SIGMA = 0.42;
// Well inside the 99.9 % availability SLO, so a healthy endpoint keeps error budget to spend.
const HEALTHY_ERROR_RATE = 0.0005;
/**
 * A regressed deployment: p95 about 2.5 times (above the judge's 120 ms floor by far), errors
 * about 6 %: with ten sampled rows a minute, a minute or two of it fails a gate with near certainty.
 */
const REGRESSED_LATENCY_FACTOR = 2.5;
const REGRESSED_ERROR_RATE = 0.06;
const FAILURE_CODES = [500, 500, 500, 500, 500, 500, 500, 503, 503, 504] as const;

/** One endpoint-hour of samples, column by column, sorted by time within each minute (20 bytes a sample). */
export interface RequestHour {
  count: number;
  hourStart: number;
  /** The endpoint's deployments; `deployment` holds indices into it. */
  deployments: readonly DeploymentSpec[];
  /** Milliseconds after hourStart. */
  timeOffset: Uint32Array;
  /** Duration in microseconds (durations are kept to the microsecond). */
  durationUs: Uint32Array;
  resultCode: Uint16Array;
  /** Requests each sample stands for (the same for a deployment within a minute). */
  itemCount: Uint16Array;
  deployment: Uint8Array;
  /** 1 for a shadow copy (mirror traffic) whose answer was discarded. */
  mirrored: Uint8Array;
  costTokens: Uint8Array;
  /** Instance of the deployment that answered. */
  instance: Uint8Array;
  /** Seed of the request's ids. */
  traceSeed: Uint32Array;
  /** minuteOffsets[m] is the index of minute m's first sample; minuteOffsets[60] is count. */
  minuteOffsets: Uint32Array;
}

interface Sample {
  time: number;
  durationUs: number;
  resultCode: number;
  itemCount: number;
  deployment: number;
  mirrored: boolean;
  costTokens: number;
  instance: number;
  traceSeed: number;
}

interface Stream {
  start: number;
  end: number;
  share: number;
  mirrored: boolean;
}

/**
 * The availability incident within one endpoint-hour. Its failures are spread evenly over its
 * samples (one in 1/errorRate) rather than drawn, so any 5 minutes of it fail at about its rate.
 */
class IncidentInHour {
  private samples = 0;

  constructor(
    private readonly start: number,
    private readonly end: number,
  ) {}

  covers(deployment: DeploymentSpec, mirrored: boolean, time: number): boolean {
    return deployment.name === AVAILABILITY_INCIDENT.deployment && !mirrored && time >= this.start && time < this.end;
  }

  /** Whether the next live sample of the incident fails. */
  nextFails(): boolean {
    this.samples += 1;
    const { errorRate } = AVAILABILITY_INCIDENT;
    return Math.floor(this.samples * errorRate) > Math.floor((this.samples - 1) * errorRate);
  }
}

/** floor(x), plus one with probability frac(x): unbiased whole counts. */
function stochasticRound(x: number, random: SeededRandom): number {
  const whole = Math.floor(x);
  return whole + (random.chance(x - whole) ? 1 : 0);
}

function toColumns(hourStart: number, samples: Sample[], minuteOffsets: number[], deployments: readonly DeploymentSpec[]): RequestHour {
  const count = samples.length;
  const hour: RequestHour = {
    count,
    hourStart,
    deployments,
    timeOffset: new Uint32Array(count),
    durationUs: new Uint32Array(count),
    resultCode: new Uint16Array(count),
    itemCount: new Uint16Array(count),
    deployment: new Uint8Array(count),
    mirrored: new Uint8Array(count),
    costTokens: new Uint8Array(count),
    instance: new Uint8Array(count),
    traceSeed: new Uint32Array(count),
    minuteOffsets: Uint32Array.from(minuteOffsets),
  };
  samples.forEach((sample, index) => {
    hour.timeOffset[index] = sample.time - hourStart;
    hour.durationUs[index] = sample.durationUs;
    hour.resultCode[index] = sample.resultCode;
    hour.itemCount[index] = sample.itemCount;
    hour.deployment[index] = sample.deployment;
    hour.mirrored[index] = sample.mirrored ? 1 : 0;
    hour.costTokens[index] = sample.costTokens;
    hour.instance[index] = sample.instance;
    hour.traceSeed[index] = sample.traceSeed;
  });
  return hour;
}

/** Endpoint-hours kept: the whole 30-day retention of a few endpoints (about 12 kB each). */
const CACHED_HOURS = 31 * 24 * 4;

export class RequestLog {
  private readonly cache = new LruCache<string, RequestHour>(CACHED_HOURS);
  private readonly latencyFactors = new Map<DeploymentSpec, number>();

  constructor(
    private readonly seed: string,
    private readonly clock: Clock,
    private readonly fleet: EndpointFleet,
  ) {}

  clearCache(): void {
    this.cache.clear();
  }

  /** The endpoint's samples in the hour containing `at` (epoch ms), including any after now. */
  hour(endpoint: string, at: number): RequestHour {
    const hourStart = Math.floor(at / HOUR_MS) * HOUR_MS;
    const key = `${endpoint}|${hourStart}`;
    let hour = this.cache.get(key);
    if (!hour) {
      hour = this.generateHour(endpoint, hourStart);
      // Only an hour that had ended is final: traffic changes happen at now.
      if (hourStart + HOUR_MS <= this.clock.now().getTime()) this.cache.set(key, hour);
    }
    return hour;
  }

  private generateHour(endpoint: string, hourStart: number): RequestHour {
    const spec = this.fleet.get(endpoint)?.spec;
    const deployments = spec?.deployments ?? [];
    const random = new SeededRandom(this.seed, "AppRequests", endpoint, hourStart);
    const incident = this.incidentIn(endpoint, hourStart);
    const samples: Sample[] = [];
    const minuteOffsets = [0];
    for (let minute = 0; minute < 60; minute++) {
      if (spec) samples.push(...this.generateMinute(endpoint, spec.peakRequestsPerMinute, deployments, hourStart + minute * MINUTE_MS, random, incident));
      minuteOffsets.push(samples.length);
    }
    return toColumns(hourStart, samples, minuteOffsets, deployments);
  }

  private incidentIn(endpoint: string, hourStart: number): IncidentInHour | undefined {
    if (endpoint !== AVAILABILITY_INCIDENT.endpoint) return undefined;
    const { start, end } = availabilityIncidentWindow(this.clock);
    return start < hourStart + HOUR_MS && end > hourStart ? new IncidentInHour(start, end) : undefined;
  }

  /** Median latency factor of a model version: each build is a little faster or slower (0.97-1.03). */
  private latencyFactor(deployment: DeploymentSpec): number {
    let factor = this.latencyFactors.get(deployment);
    if (factor === undefined) {
      factor = 0.97 + (hash32(this.seed, deployment.modelName, deployment.modelVersion) % 7) / 100;
      this.latencyFactors.set(deployment, factor);
    }
    return factor;
  }

  /** Live and mirrored shares of each deployment over the minute, one stream per traffic state. */
  private streamsOf(endpoint: string, deployments: readonly DeploymentSpec[], minuteStart: number): Stream[][] {
    const minuteEnd = minuteStart + MINUTE_MS;
    const changes = this.fleet.trafficChanges(endpoint, new Date(minuteStart), new Date(minuteEnd));
    return deployments.map(({ name }) =>
      changes.flatMap((state, index) => {
        const start = Math.max(minuteStart, state.at.getTime());
        const end = changes[index + 1]?.at.getTime() ?? minuteEnd;
        return [
          { start, end, share: (state.traffic[name] ?? 0) / 100, mirrored: false },
          { start, end, share: (state.mirrorTraffic[name] ?? 0) / 100, mirrored: true },
        ].filter((stream) => stream.share > 0 && stream.end > stream.start);
      }),
    );
  }

  /** Whether a deployment is regressed at a moment; asked per request only in a minute where it changed. */
  private regressedDuring(endpoint: string, deployment: string, minuteStart: number): (time: number) => boolean {
    const regressedAt = (time: number) => this.fleet.behaviourAt(endpoint, deployment, new Date(time)) === "regressed";
    const atStart = regressedAt(minuteStart);
    return atStart === regressedAt(minuteStart + MINUTE_MS - 1) ? () => atStart : regressedAt;
  }

  private generateMinute(
    endpoint: string,
    peakPerMinute: number,
    deployments: readonly DeploymentSpec[],
    minuteStart: number,
    random: SeededRandom,
    incident: IncidentInHour | undefined,
  ): Sample[] {
    const load = loadFactor(minuteStart + MINUTE_MS / 2);
    const perMinute = Math.max(0, peakPerMinute * load * (1 + 0.05 * random.normal()));
    const samples: Sample[] = [];
    const streamsByDeployment = this.streamsOf(endpoint, deployments, minuteStart);
    deployments.forEach((deployment, deploymentIndex) => {
      const streams = streamsByDeployment[deploymentIndex]!;
      const requestsOf = (stream: Stream) => (perMinute * stream.share * (stream.end - stream.start)) / MINUTE_MS;
      const total = streams.reduce((sum, stream) => sum + requestsOf(stream), 0);
      if (total <= 0) return;
      const itemCount = Math.max(2, Math.ceil(total / ROWS_PER_MINUTE));
      const median = (MEDIAN_LATENCY_MS[deployment.modelName] ?? DEFAULT_MEDIAN_LATENCY_MS) * this.latencyFactor(deployment) * (1 + 0.1 * load);
      const isRegressed = this.regressedDuring(endpoint, deployment.name, minuteStart);
      for (const stream of streams) {
        const rows = stochasticRound(requestsOf(stream) / itemCount, random);
        for (let index = 0; index < rows; index++) {
          const time = Math.floor(stream.start + random.next() * (stream.end - stream.start));
          const regressed = isRegressed(time);
          const inIncident = incident !== undefined && incident.covers(deployment, stream.mirrored, time);
          const drawnFailure = random.chance(regressed ? REGRESSED_ERROR_RATE : HEALTHY_ERROR_RATE);
          // Within the incident its own failures replace the drawn ones.
          const failed = inIncident ? incident.nextFails() : drawnFailure;
          const slowdown = (regressed ? REGRESSED_LATENCY_FACTOR : 1) * (inIncident ? AVAILABILITY_INCIDENT.latencyFactor : 1);
          samples.push({
            time,
            durationUs: Math.round(median * slowdown * Math.exp(LATENCY_SIGMA * random.normal()) * 1000),
            resultCode: !failed ? 200 : inIncident ? AVAILABILITY_INCIDENT.resultCode : random.pick(FAILURE_CODES),
            itemCount,
            deployment: deploymentIndex,
            mirrored: stream.mirrored,
            costTokens: random.int(1, deployment.modelName === "fraud_lgbm" ? 2 : 3),
            instance: random.int(0, Math.max(0, deployment.instanceCount - 1)),
            traceSeed: Math.floor(random.next() * 0x1_0000_0000),
          });
        }
      }
    });
    return samples.sort((a, b) => a.time - b.time);
  }
}
