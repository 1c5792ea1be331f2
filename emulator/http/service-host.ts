// Serves one emulated upstream on its own HTTPS port (or, for the pages a browser opens, one
// loopback-only plain-HTTP port): body reading, fault injection, request counters, and answers in
// that service's own error shape.
import { createServer as createHttpServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from "node:http";
import { createServer as createHttpsServer, type Server as HttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import type { TlsMaterial } from "../tls";
import type { FaultRegistry, Upstream } from "./faults";
import type { EmuRequest, EmuResponse, Router } from "./router";

/** How a service words its errors on the wire. */
export interface ErrorShape {
  /** Body and headers for an error status, in the service's format. */
  error(status: number, message: string, request?: EmuRequest): EmuResponse;
  /** The 429 this service sends (headers differ: Retry-After, Cost Management's QPU headers…). */
  throttled(retryAfterSeconds: number): EmuResponse;
}

export class RequestCounters {
  private counts = new Map<string, number>();

  increment(upstream: string, route: string): void {
    const key = `${upstream} ${route}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  snapshot(): Record<string, Record<string, number>> {
    const out: Record<string, Record<string, number>> = {};
    for (const [key, count] of [...this.counts].sort()) {
      const [upstream, ...route] = key.split(" ");
      (out[upstream!] ??= {})[route.join(" ")] = count;
    }
    return out;
  }

  reset(): void {
    this.counts.clear();
  }
}

export interface ServiceDefinition {
  name: string;
  /** The upstream whose faults apply (per path where one host serves several APIs, as ARM does);
   *  undefined for the control API, which is never faulted. */
  upstream?: Upstream | ((path: string) => Upstream);
  router: Router;
  errors: ErrorShape;
  /** Checks made before routing, as the real front door does (api-version, bearer token). */
  before?: (request: EmuRequest) => Promise<EmuResponse | undefined>;
  /**
   * "http" serves plain HTTP, for pages a browser opens (a browser does not know the emulator's
   * CA); it answers only requests addressed to the loopback by name. Default "https".
   */
  scheme?: "https" | "http";
}

// Larger than any request the real services accept; keeps a runaway client from eating memory.
const MAX_BODY_BYTES = 8 * 1024 * 1024;

class BodyTooLargeError extends Error {}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new BodyTooLargeError());
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

function send(response: ServerResponse, result: EmuResponse): void {
  const headers: Record<string, string> = { ...(result.headers ?? {}) };
  let payload: string | Buffer | undefined;
  if (result.body === undefined) payload = undefined;
  else if (typeof result.body === "string" || Buffer.isBuffer(result.body)) payload = result.body;
  else {
    payload = JSON.stringify(result.body);
    headers["content-type"] ??= "application/json; charset=utf-8";
  }
  if (payload !== undefined) headers["content-length"] = String(Buffer.byteLength(payload));
  response.writeHead(result.status, headers);
  response.end(payload);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface RunningService {
  name: string;
  server: HttpServer | HttpsServer;
  url: string;
}

/** The Host a request to a plain-HTTP loopback port may carry: another name is a DNS-rebinding page's request. */
function isLoopbackHost(host: string | undefined, port: number): boolean {
  return host !== undefined && [`127.0.0.1:${port}`, `localhost:${port}`].includes(host.toLowerCase());
}

export async function startService(
  definition: ServiceDefinition,
  context: { tls: TlsMaterial; port: number; faults: FaultRegistry; counters: RequestCounters },
): Promise<RunningService> {
  const scheme = definition.scheme ?? "https";
  const handler = async (incoming: IncomingMessage, response: ServerResponse) => {
    if (scheme === "http" && !isLoopbackHost(incoming.headers.host, (server.address() as AddressInfo).port)) {
      return send(response, definition.errors.error(421, `This port answers only requests addressed to 127.0.0.1 or localhost, not to ${incoming.headers.host ?? "no host"}.`));
    }
    // Concatenate: a path starting with // would otherwise be read as a host.
    const url = new URL(`${scheme}://127.0.0.1${incoming.url ?? "/"}`);
    const path = url.pathname.replace(/\/{2,}/g, "/");
    const method = (incoming.method ?? "GET").toUpperCase();
    let body: Buffer;
    try {
      body = await readBody(incoming);
    } catch (error) {
      if (error instanceof BodyTooLargeError) send(response, definition.errors.error(413, `The request body is larger than ${MAX_BODY_BYTES} bytes.`));
      return;
    }
    const request: EmuRequest = { method, path, url, query: url.searchParams, headers: incoming.headers, body, params: {}, route: "" };
    const { errors } = definition;
    try {
      const upstream = typeof definition.upstream === "function" ? definition.upstream(path) : definition.upstream;
      if (upstream) {
        const decision = context.faults.decide(upstream, `${method} ${path}`);
        if (decision.kind === "hang") return; // Never answers; the client's timeout decides.
        if (decision.delayMs > 0) await sleep(decision.delayMs);
        if (decision.kind === "error") {
          context.counters.increment(upstream, `fault ${decision.status}`);
          return send(response, errors.error(decision.status, `Injected fault: the service answered ${decision.status}.`, request));
        }
        if (decision.kind === "throttle") {
          context.counters.increment(upstream, "fault 429");
          return send(response, errors.throttled(decision.retryAfterSeconds));
        }
      }
      const refused = await definition.before?.(request);
      if (refused) return send(response, refused);
      const matched = definition.router.match(method, path);
      if (matched === "not-found") return send(response, errors.error(404, `No route for ${method} ${path}.`, request));
      if (matched === "method-not-allowed") return send(response, errors.error(405, `${method} is not allowed on ${path}.`, request));
      request.params = matched.params;
      request.route = matched.route;
      context.counters.increment(upstream ?? definition.name, matched.route);
      send(response, await matched.handler(request));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof SyntaxError) return send(response, errors.error(400, `Malformed request body: ${message}`, request));
      if (error instanceof URIError) return send(response, errors.error(400, `Malformed percent-encoding in ${path}.`, request));
      send(response, errors.error(500, `Emulator error: ${message}`, request));
    }
  };
  const server: HttpServer | HttpsServer = scheme === "http" ? createHttpServer(handler) : createHttpsServer({ key: context.tls.key, cert: context.tls.cert }, handler);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(context.port, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return { name: definition.name, server, url: `${scheme}://127.0.0.1:${port}` };
}
