// A small router: method + path pattern (":name" segments) → handler. Services answer with
// EmuResponse values; the host (service-host.ts) does the HTTP.
import type { IncomingHttpHeaders } from "node:http";

export interface EmuRequest {
  method: string;
  /** Path with repeated slashes collapsed (ARM clients send `//subscriptions/...`). */
  path: string;
  url: URL;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  params: Record<string, string>;
  /** The route pattern that matched, for request counters. */
  route: string;
}

export interface EmuResponse {
  status: number;
  headers?: Record<string, string>;
  /** Objects are sent as JSON; strings as given (set content-type in headers). */
  body?: unknown;
}

export type Handler = (request: EmuRequest) => EmuResponse | Promise<EmuResponse>;

interface Route {
  method: string;
  pattern: string;
  regex: RegExp;
  names: string[];
  handler: Handler;
}

export class Router {
  private readonly routes: Route[] = [];

  constructor(private readonly options: { caseInsensitive?: boolean } = {}) {}

  add(method: string, pattern: string, handler: Handler): this {
    const names: string[] = [];
    const source = pattern
      .split("/")
      .map((segment) => {
        if (segment.startsWith(":")) {
          names.push(segment.slice(1));
          return "([^/]+)";
        }
        return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      })
      .join("/");
    this.routes.push({
      method,
      pattern,
      regex: new RegExp(`^${source}/?$`, this.options.caseInsensitive ? "i" : ""),
      names,
      handler,
    });
    return this;
  }

  /** The matching route with its params, or why none matched. */
  match(method: string, path: string): { handler: Handler; params: Record<string, string>; route: string } | "not-found" | "method-not-allowed" {
    let pathMatched = false;
    for (const route of this.routes) {
      const found = route.regex.exec(path);
      if (!found) continue;
      pathMatched = true;
      if (route.method !== method) continue;
      const params = Object.fromEntries(route.names.map((name, index) => [name, decodeURIComponent(found[index + 1]!)]));
      return { handler: route.handler, params, route: `${route.method} ${route.pattern}` };
    }
    return pathMatched ? "method-not-allowed" : "not-found";
  }
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): EmuResponse {
  return { status, body, headers };
}

/** Parses a JSON request body; undefined when empty, throws SyntaxError when malformed. */
export function jsonBody<T = Record<string, unknown>>(request: EmuRequest): T | undefined {
  if (request.body.length === 0) return undefined;
  return JSON.parse(request.body.toString("utf8")) as T;
}

export function formBody(request: EmuRequest): URLSearchParams {
  return new URLSearchParams(request.body.toString("utf8"));
}
