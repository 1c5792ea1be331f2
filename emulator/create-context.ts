// The one place an emulator context is assembled, for the emulator itself and for tests.
import path from "node:path";
import type { EmulatorContext, TokenVerifier } from "./context";
import { FaultRegistry } from "./http/faults";
import { RequestCounters } from "./http/service-host";
import type { EmulatorOptions } from "./options";
import { createClock } from "./scenario/clock";
import { EndpointFleet, fleetStateSection } from "./scenario/endpoint-fleet";
import { scenarioIdentity } from "./scenario/identity";
import { STATE_FILE, StateStore } from "./state-store";

export function createEmulatorContext(options: EmulatorOptions, tokens: TokenVerifier): EmulatorContext {
  const clock = createClock(options.frozenNow);
  const state = new StateStore(options.persistState ? path.join(options.dataDir, STATE_FILE) : undefined, { seed: options.seed, scale: options.scale });
  const fleet = new EndpointFleet(clock, () => state.changed());
  state.register(fleetStateSection(fleet));
  const context: EmulatorContext = {
    options,
    clock,
    identity: scenarioIdentity(options.seed),
    fleet,
    faults: new FaultRegistry(options.seed),
    counters: new RequestCounters(),
    tokens,
    urls: { entra: "", mlflow: "", logs: "", metrics: "", arm: "", control: "", entraBrowser: "" },
    onReset: [],
    state,
  };
  context.onReset.push(() => context.fleet.reset());
  return context;
}
