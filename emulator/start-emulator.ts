// Builds the scenario and starts every emulated service; main.ts and the full-emulator tests use it.
// Services take consecutive ports from options.basePort in SERVICE_NAMES order (the seventh is
// Entra's plain-HTTP browser listener).
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { SERVICE_NAMES, type EmulatorContext, type ServiceName } from "./context";
import { createEmulatorContext } from "./create-context";
import { startService, type RunningService, type ServiceDefinition } from "./http/service-host";
import type { EmulatorOptions } from "./options";
import { CostLedger } from "./scenario/cost-ledger";
import { createMlflowRegistry, registryStateSection } from "./scenario/registry/registry";
import { createTelemetry } from "./scenario/telemetry/telemetry";
import { demoUsers } from "./scenario/users";
import { createArmService } from "./services/arm/arm-service";
import { createControlService } from "./services/control/control-service";
import { createEntraBrowserService, createEntraService, createEntraState, createEntraTokenVerifier } from "./services/entra/entra-service";
import { createLogsService } from "./services/logs/logs-service";
import { MetricSeriesBuilder } from "./services/metrics/metric-series";
import { createMetricsService } from "./services/metrics/metrics-service";
import { createMlflowService } from "./services/mlflow/service";
import { loadOrCreateTls, type TlsMaterial } from "./tls";

export interface RunningEmulator {
  context: EmulatorContext;
  /** What endpoints.json holds: where each service is and the demo estate's ids and secrets. */
  endpoints: ReturnType<typeof describeEndpoints>;
  stop(): Promise<void>;
}

function describeEndpoints(context: EmulatorContext, tls: TlsMaterial) {
  const { identity } = context;
  return {
    ...context.urls,
    tenantId: identity.tenantId,
    clientId: identity.clientId,
    clientSecret: identity.clientSecret,
    appIdUri: identity.appIdUri,
    caFile: tls.caFile,
    subscriptionId: identity.subscriptionId,
    resourceGroup: identity.resourceGroup,
    workspace: identity.workspace,
    location: identity.location,
    logAnalyticsWorkspaceId: identity.logAnalyticsWorkspaceId,
    costScope: identity.costScope,
    pipelineClient: identity.pipelineClient,
    seed: context.options.seed,
    scale: context.options.scale,
    users: demoUsers(context.options.seed, identity).map((user) => ({
      key: user.key,
      name: user.displayName,
      username: user.username,
      tenantId: user.tenantId,
      roles: [...user.roles],
    })),
  };
}

export async function startEmulator(options: EmulatorOptions): Promise<RunningEmulator> {
  mkdirSync(options.dataDir, { recursive: true });
  const tls = loadOrCreateTls(options.tlsDir ?? options.dataDir);
  const context = createEmulatorContext(options, { verifyAccessToken: () => Promise.reject(new Error("the emulator is starting")) });
  const { clock } = context;

  const entra = createEntraState(context);
  context.tokens = createEntraTokenVerifier(context, entra);
  const registry = createMlflowRegistry({ seed: options.seed, scale: options.scale, clock, onChange: () => context.state.changed() });
  context.state.register(registryStateSection(registry));
  const telemetry = createTelemetry(context);
  const costs = new CostLedger(options.seed, clock, context.identity, context.fleet, registry.experiments());
  const metrics = new MetricSeriesBuilder(options.seed, context.fleet, telemetry.deploymentMinuteStats, () => clock.now());

  // The control API describes the endpoints, which are known only once every service listens.
  const published: { endpoints?: ReturnType<typeof describeEndpoints> } = {};
  const definitions: Record<ServiceName, ServiceDefinition> = {
    entra: createEntraService(context, entra),
    mlflow: createMlflowService(context, registry),
    logs: createLogsService(context, telemetry),
    metrics: createMetricsService(context, metrics),
    arm: createArmService(context, costs, metrics),
    control: createControlService(context, () => published.endpoints, entra),
    entraBrowser: createEntraBrowserService(context, entra),
  };
  // Every mutable part has registered its section by now: bring back what clients changed before a restart.
  context.state.load();
  const running: RunningService[] = [];
  try {
    for (const [index, name] of SERVICE_NAMES.entries()) {
      const port = options.basePort === 0 ? 0 : options.basePort + index;
      const service = await startService(definitions[name], { tls, port, faults: context.faults, counters: context.counters });
      running.push(service);
      context.urls[name] = service.url;
    }
  } catch (error) {
    await Promise.all(running.map((service) => new Promise((resolve) => service.server.close(resolve))));
    throw error;
  }

  const endpoints = describeEndpoints(context, tls);
  published.endpoints = endpoints;
  // Written whole then renamed, so a reader never sees half a file.
  const file = path.join(options.dataDir, "endpoints.json");
  writeFileSync(`${file}.tmp`, `${JSON.stringify(endpoints, null, 2)}\n`, { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
  return {
    context,
    endpoints,
    async stop() {
      context.state.close();
      await Promise.all(
        running.map(
          (service) =>
            new Promise<void>((resolve) => {
              service.server.closeAllConnections();
              service.server.close(() => resolve());
            }),
        ),
      );
    },
  };
}
