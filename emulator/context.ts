// What every emulated service shares: settings, clock, the scenario's state, faults, counters,
// token checks, and the base URLs the services got when they started.
import type { FaultRegistry } from "./http/faults";
import type { RequestCounters } from "./http/service-host";
import type { EmulatorOptions } from "./options";
import type { Clock } from "./scenario/clock";
import type { EndpointFleet } from "./scenario/endpoint-fleet";
import type { ScenarioIdentity } from "./scenario/identity";
import type { StateStore } from "./state-store";

/**
 * In port order from EMULATOR_PORT. `entraBrowser` is Entra's sign-in and sign-out pages on plain
 * HTTP (loopback only), where its discovery document sends browsers: a browser does not know the
 * emulator's CA, while the SDKs keep HTTPS (they refuse bearer tokens over http).
 */
export const SERVICE_NAMES = ["entra", "mlflow", "logs", "metrics", "arm", "control", "entraBrowser"] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** Checks bearer tokens as the real resource servers do: issued by the tenant, for this audience. */
export interface TokenVerifier {
  /** Resolves with the token's claims, or rejects with a reason a 401 body can carry. */
  verifyAccessToken(token: string, audiences: readonly string[]): Promise<Record<string, unknown>>;
}

export interface EmulatorContext {
  options: EmulatorOptions;
  clock: Clock;
  identity: ScenarioIdentity;
  fleet: EndpointFleet;
  faults: FaultRegistry;
  counters: RequestCounters;
  tokens: TokenVerifier;
  /** Base URL of each service, known once they listen. */
  urls: Record<ServiceName, string>;
  /** Called by the control API's reset: every mutable part of the scenario registers here. */
  onReset: (() => void)[];
  /** Client-made changes kept across restarts: every mutable part of the scenario registers a section and reports each change. */
  state: StateStore;
}
