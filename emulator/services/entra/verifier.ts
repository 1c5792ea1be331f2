// Checks bearer tokens for the other emulated services as Azure's resource servers do: signed by
// this directory, in date, issued by Stagegate's tenant, and meant for the service.
import { decodeProtectedHeader, errors, jwtVerify, type JWTPayload } from "jose";
import type { EmulatorContext, TokenVerifier } from "../../context";
import type { EntraKeys } from "./keys";
import { v1Issuer, v2Issuer } from "./issuers";

// Microsoft's token validation allows five minutes of clock skew by default.
const CLOCK_SKEW_SECONDS = 300;

/** Audiences compare without trailing slashes: ARM's has one, Log Analytics' has none. */
const sameAudience = (a: string, b: string) => a.replace(/\/+$/, "").toLowerCase() === b.replace(/\/+$/, "").toLowerCase();

function reasonFor(error: unknown): string {
  if (error instanceof errors.JWTExpired) return "the token has expired";
  if (error instanceof errors.JWTClaimValidationFailed && error.claim === "nbf") return "the token is not valid yet (nbf is in the future)";
  if (error instanceof errors.JWSSignatureVerificationFailed) return "the token's signature does not verify with the directory's keys";
  if (error instanceof errors.JOSEAlgNotAllowed) return "the token is not signed with RS256";
  if (error instanceof errors.JWTInvalid || error instanceof errors.JWSInvalid) return "the token is not a well-formed JWT";
  return `the token could not be validated (${error instanceof Error ? error.message : String(error)})`;
}

export class EntraTokenVerifier implements TokenVerifier {
  constructor(
    private readonly keys: EntraKeys,
    /** Read at each check: the authority URL is known only once the Entra service listens. */
    private readonly settings: Pick<EmulatorContext, "identity" | "urls">,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async verifyAccessToken(token: string, audiences: readonly string[]): Promise<Record<string, unknown>> {
    let kid: string | undefined;
    try {
      kid = decodeProtectedHeader(token).kid;
    } catch {
      throw new Error("the token is not a well-formed JWT");
    }
    const key = kid ? this.keys.publicKey(kid) : undefined;
    if (!key) throw new Error(`the token's signing key${kid ? ` '${kid}'` : ""} is not one of the directory's keys`);
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, key, {
        algorithms: ["RS256"],
        requiredClaims: ["exp", "iss", "aud"],
        clockTolerance: CLOCK_SKEW_SECONDS,
        currentDate: this.now(),
      }));
    } catch (error) {
      throw new Error(reasonFor(error));
    }
    const { tenantId } = this.settings.identity;
    const issuers = [v1Issuer(tenantId), v2Issuer(this.settings.urls.entra, tenantId)];
    if (typeof payload.iss !== "string" || !issuers.includes(payload.iss)) {
      throw new Error(`the token was issued by '${payload.iss}', not by the tenant ${tenantId}`);
    }
    const tokenAudiences = typeof payload.aud === "string" ? [payload.aud] : (payload.aud ?? []);
    if (!tokenAudiences.some((audience) => audiences.some((wanted) => sameAudience(audience, wanted)))) {
      throw new Error(`the token's audience '${tokenAudiences.join(", ")}' is not ${audiences.map((audience) => `'${audience}'`).join(" or ")}`);
    }
    return payload as Record<string, unknown>;
  }
}
