// The one place an emulator context is assembled, for the emulator itself and for tests.
import type { EmulatorContext, TokenVerifier } from "./context";
import { FaultRegistry } from "./http/faults";
import { RequestCounters } from "./http/service-host";
import type { EmulatorOptions } from "./options";
import { createClock } from "./scenario/clock";
import { EndpointFleet } from "./scenario/endpoint-fleet";
import { scenarioIdentity } from "./scenario/identity";

export function createEmulatorContext(options: EmulatorOptions, tokens: TokenVerifier): EmulatorContext {
  const clock = createClock(options.frozenNow);
  const context: EmulatorContext = {
    options,
    clock,
    identity: scenarioIdentity(options.seed),
    fleet: new EndpointFleet(clock),
    faults: new FaultRegistry(options.seed),
    counters: new RequestCounters(),
    tokens,
    urls: { entra: "", mlflow: "", logs: "", metrics: "", arm: "", control: "" },
    onReset: [],
  };
  context.onReset.push(() => context.fleet.reset());
  return context;
}
