import "server-only";
import { isNotConfigured } from "@/lib/errors/upstream-error";
import { getEntra } from "./entra";
import { permissionsOf } from "./permissions";
import type { RequestContext } from "./request-context";
import { TokenRejectedError } from "./token-verifier";

/** Why a pipeline call was refused, as the JSON body and status the API answers with. */
export class PipelineAuthError extends Error {
  readonly kind = "pipeline_auth";

  constructor(
    readonly status: 401 | 503,
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = "PipelineAuthError";
  }
}

export function isPipelineAuthError(error: unknown): error is PipelineAuthError {
  return typeof error === "object" && error !== null && (error as { kind?: unknown }).kind === "pipeline_auth";
}

/** The calling application, from its client-credentials bearer token, verified like an id_token. */
export async function pipelineContext(request: Request): Promise<RequestContext & { appId: string }> {
  const header = request.headers.get("authorization") ?? "";
  const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  if (!token) throw new PipelineAuthError(401, "missing_token", "Send an Entra ID access token for Stagegate's API as 'Authorization: Bearer <token>'.");
  try {
    const claims = await getEntra().verifier.verifyAccessToken(token);
    return {
      appId: claims.appId,
      user: { id: claims.oid, oid: claims.oid, tenantId: claims.tid, name: `application ${claims.appId}`, email: null },
      roles: claims.roles,
      permissions: permissionsOf(claims.roles),
    };
  } catch (error) {
    if (error instanceof TokenRejectedError) throw new PipelineAuthError(401, error.reason, error.message);
    if (isNotConfigured(error)) throw new PipelineAuthError(503, "not_configured", error.message);
    throw new PipelineAuthError(503, "identity_provider_unavailable", "Microsoft Entra ID's keys could not be read; retry shortly.");
  }
}
