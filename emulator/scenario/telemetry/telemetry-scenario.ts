// What the telemetry generators read from the scenario: the seed, the clock, the endpoint fleet
// (traffic and behaviour history) and the Azure identity (workspace, subscription).
import type { Clock } from "../clock";
import type { EndpointFleet } from "../endpoint-fleet";
import type { ScenarioIdentity } from "../identity";

export interface TelemetryScenario {
  seed: string;
  clock: Clock;
  fleet: EndpointFleet;
  identity: ScenarioIdentity;
}

/** The deployment taking most live traffic at a moment: the one whose model is "in production". */
export function primaryDeployment(scenario: TelemetryScenario, endpoint: string, at: Date) {
  const spec = scenario.fleet.get(endpoint)?.spec;
  const traffic = scenario.fleet.trafficAt(endpoint, at)?.traffic ?? {};
  if (!spec) return undefined;
  return [...spec.deployments].sort((a, b) => (traffic[b.name] ?? 0) - (traffic[a.name] ?? 0))[0];
}
