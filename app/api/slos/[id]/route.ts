import { jsonObjectBody, sessionWriteRoute } from "@/lib/http/route-handlers";
import { saveSloDefinition } from "@/lib/slos/save-slo-definition";

/**
 * PUT /api/slos/{id} with JSON {expectedVersion, content, changeNote} and an Idempotency-Key
 * header: an Admin's script saves the SLO's next version (expectedVersion 0 over the default).
 */
export const PUT = sessionWriteRoute<{ id: string }>(async ({ ctx, services, params, request }) => {
  const body = await jsonObjectBody(request, '{"expectedVersion": number, "content": {SLO definition}, "changeNote": string}', services.requestId);
  if (body instanceof Response) return body;
  const idempotencyKey = request.headers.get("idempotency-key") ?? undefined;
  const { slo, replayed } = await saveSloDefinition(ctx, { ...body, id: params.id, idempotencyKey }, services);
  return Response.json({ id: slo.name, version: slo.version, definition: slo.content, replayed }, { status: replayed ? 200 : 201 });
});
