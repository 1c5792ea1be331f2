import "server-only";
import { isSameOriginRequest } from "@/lib/auth/http";
import { pipelineContext } from "@/lib/auth/pipeline-caller";
import { getRequestContext, type RequestContext } from "@/lib/auth/request-context";
import { requestServices } from "@/lib/services/request-services";
import type { Services } from "@/lib/services/services";
import { errorJson, errorResponse } from "./error-response";
import { firstUnsafeText, UNSAFE_TEXT_MESSAGE } from "./safe-text";

// The one way a route handler is wired: who calls (session or pipeline token), the request's
// services, and every failure answered with the one JSON error body.

export interface RouteCall<Params> {
  ctx: RequestContext;
  services: Services;
  request: Request;
  params: Params;
}

type Handler<Params> = (call: RouteCall<Params>) => Promise<Response>;
type NextRoute<Params> = (request: Request, context: { params: Promise<Params> }) => Promise<Response>;

async function run<Params>(request: Request, context: { params: Promise<Params> }, caller: (services: Services) => Promise<RequestContext | Response>, handler: Handler<Params>): Promise<Response> {
  const services = await requestServices();
  let response: Response;
  try {
    const ctx = await caller(services);
    response = ctx instanceof Response ? ctx : await handler({ ctx, services, request, params: await context.params });
  } catch (error) {
    response = errorResponse(error, services.requestId, services.log);
  }
  // Every answer here is about one caller: no shared cache may keep it, unless a route says otherwise.
  if (!response.headers.has("cache-control")) response.headers.set("cache-control", "no-store");
  return response;
}

/** A GET (or export) for a signed-in person's browser or script. */
export function sessionRoute<Params = Record<string, never>>(handler: Handler<Params>): NextRoute<Params> {
  return (request, context) =>
    run(request, context, async (services) => (await getRequestContext()) ?? errorJson(401, { error: "unauthorized", message: "Your session has ended. Sign in again, then retry.", requestId: services.requestId }), handler);
}

/** A state-changing call with the session cookie: same-origin only, as the cookie could otherwise be ridden. */
export function sessionWriteRoute<Params = Record<string, never>>(handler: Handler<Params>): NextRoute<Params> {
  return (request, context) =>
    run(
      request,
      context,
      async (services) => {
        const ctx = await getRequestContext();
        if (!ctx) return errorJson(401, { error: "unauthorized", message: "Your session has ended. Sign in again, then retry.", requestId: services.requestId });
        if (!isSameOriginRequest(request)) return errorJson(403, { error: "forbidden", message: "Cross-site requests are refused.", requestId: services.requestId });
        return ctx;
      },
      handler,
    );
}

/** A call from CI with an Entra client-credentials token (the /api/v1 gate API). */
export function pipelineRoute<Params = Record<string, never>>(handler: Handler<Params>): NextRoute<Params> {
  return (request, context) => run(request, context, () => pipelineContext(request), handler);
}

/** The JSON object body of a write, or a 400 saying what shape it must have. */
export async function jsonObjectBody(request: Request, shape: string, requestId: string | null): Promise<Record<string, unknown> | Response> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    body = null;
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return errorJson(400, { error: "invalid_input", message: `The body must be a JSON object: ${shape}.`, requestId });
  }
  const unsafe = firstUnsafeText(body);
  if (unsafe) return errorJson(400, { error: "invalid_input", message: `Nothing was changed: ${unsafe} ${UNSAFE_TEXT_MESSAGE}.`, requestId, fields: { [unsafe]: UNSAFE_TEXT_MESSAGE } });
  return body as Record<string, unknown>;
}
