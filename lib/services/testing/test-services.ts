// Services for tests: a real database, fake upstream clients, and a fresh read cache per upstream,
// so no test sees another's cached reads.
import pino from "pino";
import type { PrismaClient } from "@/lib/db/generated/client";
import { ReadCache } from "@/lib/sources/read-cache";
import { MemoryReadHints, type ReadHints } from "@/lib/sources/read-hints";
import type { Upstream } from "@/lib/sources/upstream";
import { UpstreamNotConfiguredError } from "@/lib/errors/upstream-error";
import type { Services } from "../services";

/** An upstream around a fake client; without one, using it fails as a not-configured upstream would. */
export function fakeUpstream<Client>(client?: Client | (() => Client), name = "a faked upstream"): Upstream<Client> {
  return {
    client: () => {
      if (client === undefined) throw new UpstreamNotConfiguredError(name, `${name} is not faked in this test.`);
      return typeof client === "function" ? (client as () => Client)() : client;
    },
    cache: new ReadCache({ freshMs: 15_000, maxEntries: 1000 }),
  };
}

export interface TestServicesOptions {
  db?: PrismaClient;
  mlflow?: unknown;
  azureMl?: unknown;
  logAnalytics?: unknown;
  /** Read hints; by default an empty in-memory store of the test's own. */
  hints?: ReadHints;
  now?: () => Date;
  requestId?: string | null;
}

/** Services whose upstreams are the fakes given (typed loosely: a fake implements what its test uses). */
export function testServices(options: TestServicesOptions = {}): Services {
  return {
    db: options.db ?? (new Proxy({}, { get: () => { throw new Error("This test gave no database."); } }) as PrismaClient),
    mlflow: fakeUpstream(options.mlflow as Services["mlflow"] extends Upstream<infer C> ? C : never, "MLflow"),
    azureMl: fakeUpstream(options.azureMl as Services["azureMl"] extends Upstream<infer C> ? C : never, "Azure Resource Manager"),
    logAnalytics: fakeUpstream(options.logAnalytics as Services["logAnalytics"] extends Upstream<infer C> ? C : never, "Log Analytics"),
    hints: options.hints ?? new MemoryReadHints(),
    now: options.now ?? (() => new Date()),
    requestId: options.requestId === undefined ? "req-test" : options.requestId,
    log: pino({ level: "silent" }),
  };
}
