// Azure ML online endpoints and deployments as ARM holds them, with the history of every traffic
// change and of the candidate's behaviour, so telemetry for any past minute reflects what was
// live then (a traffic change applied through ARM shapes the telemetry from that moment on).
import type { Clock } from "./clock";
import { DAY_MS } from "./clock";

export type ProvisioningState = "Creating" | "Updating" | "Succeeded" | "Failed" | "Canceled" | "Deleting" | "Scaling";
export type CandidateBehaviour = "healthy" | "regressed";

export interface DeploymentSpec {
  name: string;
  modelName: string;
  modelVersion: string;
  instanceType: string;
  instanceCount: number;
  createdAt: Date;
}

export interface EndpointSpec {
  name: string;
  description: string;
  authMode: "Key" | "AMLToken" | "AADToken";
  /** Requests per minute at the daily peak, before sampling. */
  peakRequestsPerMinute: number;
  deployments: DeploymentSpec[];
  traffic: Record<string, number>;
  createdAt: Date;
}

export interface TrafficState {
  at: Date;
  traffic: Record<string, number>;
  mirrorTraffic: Record<string, number>;
}

interface EndpointState {
  spec: EndpointSpec;
  provisioningState: ProvisioningState;
  lastModifiedAt: Date;
  tags: Record<string, string>;
  history: TrafficState[];
  behaviour: { at: Date; deployment: string; behaviour: CandidateBehaviour }[];
}

function initialEndpoints(anchor: Date): EndpointSpec[] {
  const daysAgo = (days: number) => new Date(anchor.getTime() - days * DAY_MS);
  return [
    {
      name: "churn-endpoint",
      description: "Churn propensity scoring for the retention campaigns",
      authMode: "Key",
      peakRequestsPerMinute: 600,
      createdAt: daysAgo(120),
      deployments: [
        { name: "blue", modelName: "churn_xgb", modelVersion: "6", instanceType: "Standard_DS3_v2", instanceCount: 3, createdAt: daysAgo(60) },
        { name: "green", modelName: "churn_xgb", modelVersion: "7", instanceType: "Standard_DS3_v2", instanceCount: 2, createdAt: daysAgo(2) },
      ],
      traffic: { blue: 100, green: 0 },
    },
    {
      name: "fraud-endpoint",
      description: "Card-not-present fraud scoring",
      authMode: "AADToken",
      peakRequestsPerMinute: 900,
      createdAt: daysAgo(200),
      deployments: [
        { name: "main", modelName: "fraud_lgbm", modelVersion: "4", instanceType: "Standard_F4s_v2", instanceCount: 4, createdAt: daysAgo(45) },
      ],
      traffic: { main: 100 },
    },
  ];
}

export class EndpointFleet {
  private endpoints = new Map<string, EndpointState>();

  constructor(private readonly clock: Clock) {
    this.reset();
  }

  reset(): void {
    this.endpoints.clear();
    for (const spec of initialEndpoints(this.clock.anchor)) {
      this.endpoints.set(spec.name, {
        spec,
        provisioningState: "Succeeded",
        lastModifiedAt: spec.createdAt,
        tags: { environment: "prod", team: "ml-platform" },
        history: [{ at: new Date(0), traffic: { ...spec.traffic }, mirrorTraffic: {} }],
        behaviour: [],
      });
    }
  }

  names(): string[] {
    return [...this.endpoints.keys()];
  }

  get(name: string) {
    const state = this.endpoints.get(name);
    if (!state) return undefined;
    const current = state.history.at(-1)!;
    return {
      spec: state.spec,
      provisioningState: state.provisioningState,
      lastModifiedAt: state.lastModifiedAt,
      tags: state.tags,
      traffic: current.traffic,
      mirrorTraffic: current.mirrorTraffic,
    };
  }

  /** Validates a traffic map against ARM's rules; returns the reason it is refused, if it is. */
  validateTraffic(name: string, traffic: Record<string, number>, mirrorTraffic: Record<string, number>): string | undefined {
    const state = this.endpoints.get(name);
    if (!state) return `Endpoint ${name} does not exist.`;
    const known = new Set(state.spec.deployments.map((deployment) => deployment.name));
    for (const [deployment, percent] of [...Object.entries(traffic), ...Object.entries(mirrorTraffic)]) {
      if (!known.has(deployment)) return `Deployment ${deployment} does not exist in endpoint ${name}.`;
      if (!Number.isInteger(percent) || percent < 0 || percent > 100) return `Traffic for ${deployment} must be an integer from 0 to 100.`;
    }
    const total = Object.values(traffic).reduce((sum, percent) => sum + percent, 0);
    if (state.spec.deployments.length > 0 && total !== 100) return `Traffic values must sum to 100; they sum to ${total}.`;
    const mirrored = Object.values(mirrorTraffic).reduce((sum, percent) => sum + percent, 0);
    if (mirrored > 50) return `Mirror traffic must be at most 50 in total; it is ${mirrored}.`;
    for (const [deployment, percent] of Object.entries(mirrorTraffic)) {
      if (percent > 0 && (traffic[deployment] ?? 0) > 0) return `Deployment ${deployment} cannot receive live and mirrored traffic at once.`;
    }
    return undefined;
  }

  setProvisioningState(name: string, state: ProvisioningState): void {
    const endpoint = this.endpoints.get(name);
    if (endpoint) endpoint.provisioningState = state;
  }

  /** Applies validated traffic from now on. */
  applyTraffic(name: string, traffic: Record<string, number>, mirrorTraffic: Record<string, number>, tags?: Record<string, string>): void {
    const endpoint = this.endpoints.get(name)!;
    const at = this.clock.now();
    endpoint.history.push({ at, traffic: { ...traffic }, mirrorTraffic: { ...mirrorTraffic } });
    endpoint.lastModifiedAt = at;
    if (tags) endpoint.tags = { ...tags };
  }

  /** Traffic that was live on the endpoint at a moment. */
  trafficAt(name: string, at: Date): TrafficState | undefined {
    const endpoint = this.endpoints.get(name);
    if (!endpoint) return undefined;
    let live = endpoint.history[0]!;
    for (const state of endpoint.history) {
      if (state.at.getTime() <= at.getTime()) live = state;
      else break;
    }
    return live;
  }

  /** Every traffic change in [from, to), with the state live at `from` first. */
  trafficChanges(name: string, from: Date, to: Date): TrafficState[] {
    const endpoint = this.endpoints.get(name);
    if (!endpoint) return [];
    const first = this.trafficAt(name, from)!;
    return [first, ...endpoint.history.filter((state) => state.at > from && state.at < to)];
  }

  setBehaviour(name: string, deployment: string, behaviour: CandidateBehaviour): void {
    this.endpoints.get(name)?.behaviour.push({ at: this.clock.now(), deployment, behaviour });
  }

  /** How a deployment behaved at a moment: healthy unless switched to regressed before then. */
  behaviourAt(name: string, deployment: string, at: Date): CandidateBehaviour {
    let behaviour: CandidateBehaviour = "healthy";
    for (const change of this.endpoints.get(name)?.behaviour ?? []) {
      if (change.deployment === deployment && change.at.getTime() <= at.getTime()) behaviour = change.behaviour;
    }
    return behaviour;
  }
}
