import "server-only";
import { decodeProtectedHeader, errors, jwtVerify, type JWTPayload } from "jose";
import type { JwksCache } from "./jwks-cache";
import { TokenRejectedError } from "./token-rejected-error";

// Entra signs with RS256 only. Allowing anything else invites algorithm confusion: `none`, or HS256
// keyed with the (public) RSA key.
const ENTRA_ALGORITHM = "RS256";
// Entra's tokens stay well under this; a larger one is refused before any parsing or key lookup.
const MAX_TOKEN_LENGTH = 32_768;
const NOT_A_JWT = "The token is not a well-formed JWT";

export interface SignatureCheck {
  keys: JwksCache;
  clockSkewSeconds: number;
  now: () => Date;
}

/**
 * Checks that the token is a JWT signed with RS256 by one of the tenant's keys, in date within the
 * skew, with `iat`. Issuer, audience, tenant and the other claims are the caller's to check.
 */
export async function verifySignedToken(token: string, check: SignatureCheck): Promise<JWTPayload> {
  const kid = signingKeyIdOf(token);
  const key = await check.keys.keyFor(kid);
  if (!key) throw new TokenRejectedError("unknown_key", "The token is signed with a key the tenant does not publish");
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: [ENTRA_ALGORITHM],
      clockTolerance: check.clockSkewSeconds,
      currentDate: check.now(),
      requiredClaims: ["exp", "iat"],
    });
    return payload;
  } catch (error) {
    throw rejectionFor(error);
  }
}

/** Reads the header without trusting it: only to refuse other algorithms and to pick the key. */
function signingKeyIdOf(token: string): string {
  if (token.length > MAX_TOKEN_LENGTH) throw new TokenRejectedError("malformed", "The token is too long to be an Entra token");
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    throw new TokenRejectedError("malformed", NOT_A_JWT);
  }
  if (header.alg !== ENTRA_ALGORITHM) throw algorithmNotAllowed();
  if (typeof header.kid !== "string" || header.kid === "") {
    throw new TokenRejectedError("malformed", "The token's header names no signing key (kid)");
  }
  return header.kid;
}

function rejectionFor(error: unknown): unknown {
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return new TokenRejectedError("bad_signature", "The token's signature does not verify with the tenant's key");
  }
  if (error instanceof errors.JWTExpired) {
    return new TokenRejectedError("expired", `The token expired at ${timeOfClaim(error.payload.exp)}`);
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.reason === "missing") return new TokenRejectedError("missing_claim", `The token has no '${error.claim}' claim`);
    if (error.claim === "nbf") {
      return new TokenRejectedError("not_yet_valid", `The token is not valid before ${timeOfClaim(error.payload.nbf)}`);
    }
    return new TokenRejectedError("malformed", `The token's '${error.claim}' claim is not valid`);
  }
  // Unreachable after the header check; kept so jose's own refusal maps to the same reason.
  if (error instanceof errors.JOSEAlgNotAllowed) return algorithmNotAllowed();
  if (error instanceof errors.JOSEError) return new TokenRejectedError("malformed", NOT_A_JWT);
  return error;
}

function algorithmNotAllowed(): TokenRejectedError {
  return new TokenRejectedError("alg_not_allowed", "The token is not signed with RS256, the only algorithm accepted");
}

// Claims are signed but still data: a time outside Date's range must not throw from the message.
function timeOfClaim(seconds: unknown): string {
  const time = new Date(typeof seconds === "number" ? seconds * 1000 : Number.NaN);
  return Number.isNaN(time.getTime()) ? "an unreadable time" : time.toISOString();
}
