// Azure ML online endpoints and deployments as ARM holds them, with the history of every traffic
// change and of the candidate's behaviour, so telemetry for any past minute reflects what was
// live then (a traffic change applied through ARM shapes the telemetry from that moment on).
// The scenario's own past (e.g. v7's shadow evaluation) starts the history; the changes clients
// make after it are client-made state: saved with their times and restored on restart.
import { z } from "zod";
import type { StateSection } from "../state-store";
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
  /** Traffic from the endpoint's creation on. */
  traffic: Record<string, number>;
  /** Traffic changes made before the emulator started, oldest first; the last leaves the traffic clients see first. */
  pastTraffic?: TrafficState[];
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
  /** How many states at the start of `history` are the scenario's own (the rest are client changes). */
  scenarioStates: number;
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
        { name: "green", modelName: "churn_xgb", modelVersion: "7", instanceType: "Standard_DS3_v2", instanceCount: 2, createdAt: daysAgo(16) },
      ],
      traffic: { blue: 100, green: 0 },
      // v7 was evaluated in shadow on copies of 20 % of the live requests until it was submitted for approval.
      pastTraffic: [
        { at: daysAgo(14), traffic: { blue: 100, green: 0 }, mirrorTraffic: { green: 20 } },
        { at: daysAgo(1), traffic: { blue: 100, green: 0 }, mirrorTraffic: {} },
      ],
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

const trafficMap = z.record(z.string(), z.number().int().min(0).max(100));

/** The fleet's client-made changes as state.json holds them: every traffic change with its time. */
const fleetChanges = z.object({
  endpoints: z.array(
    z.object({
      name: z.string(),
      traffic: z.array(z.object({ at: z.iso.datetime(), traffic: trafficMap, mirrorTraffic: trafficMap })),
      tags: z.record(z.string(), z.string()).optional(),
      lastModifiedAt: z.iso.datetime().optional(),
      behaviour: z.array(z.object({ at: z.iso.datetime(), deployment: z.string(), behaviour: z.enum(["healthy", "regressed"]) })),
    }),
  ),
});
export type FleetChanges = z.infer<typeof fleetChanges>;

export class EndpointFleet {
  private endpoints = new Map<string, EndpointState>();

  /** @param onChange called after every change a client makes (not on reset or restore). */
  constructor(
    private readonly clock: Clock,
    private readonly onChange: () => void = () => {},
  ) {
    this.reset();
  }

  reset(): void {
    this.endpoints.clear();
    for (const spec of initialEndpoints(this.clock.anchor)) {
      const history: TrafficState[] = [{ at: new Date(0), traffic: { ...spec.traffic }, mirrorTraffic: {} }, ...(spec.pastTraffic ?? [])];
      this.endpoints.set(spec.name, {
        spec,
        provisioningState: "Succeeded",
        lastModifiedAt: spec.createdAt,
        tags: { environment: "prod", team: "ml-platform" },
        history,
        scenarioStates: history.length,
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

  /** Not saved on its own: an operation in flight is, and restoring it sets the state again. */
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
    this.onChange();
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
    const endpoint = this.endpoints.get(name);
    if (!endpoint) return;
    endpoint.behaviour.push({ at: this.clock.now(), deployment, behaviour });
    this.onChange();
  }

  /** Every change clients made since the start (or the last reset), with its time; undefined when none. */
  changes(): FleetChanges | undefined {
    const endpoints: FleetChanges["endpoints"] = [];
    for (const [name, endpoint] of this.endpoints) {
      const traffic = endpoint.history.slice(endpoint.scenarioStates);
      if (traffic.length === 0 && endpoint.behaviour.length === 0) continue;
      endpoints.push({
        name,
        traffic: traffic.map((state) => ({ at: state.at.toISOString(), traffic: state.traffic, mirrorTraffic: state.mirrorTraffic })),
        ...(traffic.length > 0 ? { tags: endpoint.tags, lastModifiedAt: endpoint.lastModifiedAt.toISOString() } : {}),
        behaviour: endpoint.behaviour.map((change) => ({ ...change, at: change.at.toISOString() })),
      });
    }
    return endpoints.length > 0 ? { endpoints } : undefined;
  }

  /**
   * Re-applies saved changes at their own times; skips endpoints, deployments or traffic the scenario no longer has.
   * A scenario state dated at or after a client change (the anchor moved on since it was saved) gives way to it.
   */
  restore(changes: FleetChanges): void {
    for (const saved of changes.endpoints) {
      const endpoint = this.endpoints.get(saved.name);
      if (!endpoint) continue;
      const known = new Set(endpoint.spec.deployments.map((deployment) => deployment.name));
      const traffic = saved.traffic
        .map((state) => ({ at: new Date(state.at), traffic: { ...state.traffic }, mirrorTraffic: { ...state.mirrorTraffic } }))
        .filter((state) => state.at.getTime() > 0 && !this.validateTraffic(saved.name, state.traffic, state.mirrorTraffic))
        .sort((left, right) => left.at.getTime() - right.at.getTime());
      const clientChanges = [...endpoint.history.slice(endpoint.scenarioStates), ...traffic];
      const firstChange = clientChanges[0]?.at.getTime() ?? Infinity;
      const scenario = endpoint.history.slice(0, endpoint.scenarioStates).filter((state, index) => index === 0 || state.at.getTime() < firstChange);
      endpoint.history = [...scenario, ...clientChanges];
      endpoint.scenarioStates = scenario.length;
      if (traffic.length > 0) {
        if (saved.tags) endpoint.tags = { ...saved.tags };
        endpoint.lastModifiedAt = saved.lastModifiedAt ? new Date(saved.lastModifiedAt) : traffic.at(-1)!.at;
      }
      endpoint.behaviour.push(
        ...saved.behaviour
          .filter((change) => known.has(change.deployment))
          .map((change) => ({ ...change, at: new Date(change.at) }))
          .sort((left, right) => left.at.getTime() - right.at.getTime()),
      );
    }
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

export function fleetStateSection(fleet: EndpointFleet): StateSection<FleetChanges> {
  return { name: "fleet", schema: fleetChanges, snapshot: () => fleet.changes(), restore: (changes) => fleet.restore(changes), reset: () => fleet.reset() };
}
