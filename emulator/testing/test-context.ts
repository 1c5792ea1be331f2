// Builds an emulator context for tests and starts chosen services on ephemeral ports.
import { startService, type RunningService, type ServiceDefinition } from "../http/service-host";
import { createEmulatorContext } from "../create-context";
import type { EmulatorContext, ServiceName, TokenVerifier } from "../context";
import { emulatorOptionsFrom } from "../options";
import { loadOrCreateTls } from "../tls";
import { TEST_TLS_DIR } from "./tls-for-tests";

/** Accepts exactly the token "test-token" (services' own token checks are tested with Entra). */
export const ACCEPT_TEST_TOKEN: TokenVerifier = {
  async verifyAccessToken(token) {
    if (token !== "test-token") throw new Error("the token was not issued by this tenant");
    return { sub: "test" };
  },
};

export function testContext(overrides: { seed?: string; now?: string; tokens?: TokenVerifier } = {}): EmulatorContext {
  // No data folder of its own: a test context keeps its changes in memory and starts pristine.
  const options = emulatorOptionsFrom({
    EMULATOR_SEED: overrides.seed ?? "test-seed",
    EMULATOR_PORT: "0",
    EMULATOR_NOW: overrides.now ?? "2026-11-20T12:00:00Z",
    EMULATOR_PERSIST_STATE: "false",
  });
  return createEmulatorContext(options, overrides.tokens ?? ACCEPT_TEST_TOKEN);
}

/** Starts one service of the context on an ephemeral port and records its URL in context.urls. */
export async function startTestService(context: EmulatorContext, name: ServiceName, definition: ServiceDefinition): Promise<RunningService> {
  const running = await startService(definition, { tls: loadOrCreateTls(TEST_TLS_DIR), port: 0, faults: context.faults, counters: context.counters });
  context.urls[name] = running.url;
  return running;
}

export function stopServices(services: RunningService[]): Promise<void[]> {
  return Promise.all(services.map((service) => new Promise<void>((resolve) => service.server.close(() => resolve()))));
}
