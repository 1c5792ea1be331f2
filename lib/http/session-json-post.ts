import "server-only";
import { isSameOriginRequest } from "@/lib/auth/http";
import { getRequestContext, type RequestContext } from "@/lib/auth/request-context";
import { apiErrorResponse, internalErrorResponse } from "./api-errors";

export interface SessionJsonPost {
  ctx: RequestContext;
  body: Record<string, unknown>;
  idempotencyKey: string | undefined;
}

/**
 * A JSON POST a signed-in user's script sends with the session cookie: the same verb as a page's
 * form. Same-origin only, as the cookie could otherwise be ridden; errors answer as the gate API's.
 */
export async function handleSessionJsonPost(request: Request, bodyShape: string, run: (call: SessionJsonPost) => Promise<Response>): Promise<Response> {
  const ctx = await getRequestContext();
  if (!ctx) return Response.json({ error: "unauthorized", message: "Sign in, then try again." }, { status: 401 });
  if (!isSameOriginRequest(request)) return Response.json({ error: "forbidden", message: "Cross-site requests are refused." }, { status: 403 });
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    body = null;
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return Response.json({ error: "invalid_input", message: `The body must be a JSON object: ${bodyShape}.` }, { status: 400 });
  }
  try {
    return await run({ ctx, body: body as Record<string, unknown>, idempotencyKey: request.headers.get("idempotency-key") ?? undefined });
  } catch (error) {
    return apiErrorResponse(error) ?? (await internalErrorResponse(error));
  }
}
