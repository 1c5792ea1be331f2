// Typed reads of claims from a verified payload, refusing a token whose claims have the wrong shape.
import type { JWTPayload } from "jose";
import { TokenRejectedError } from "./token-rejected-error";

/** A claim the token must carry as a non-empty string. */
export function requiredStringClaim(payload: JWTPayload, name: string): string {
  const value = payload[name];
  if (value === undefined || value === "") throw new TokenRejectedError("missing_claim", `The token has no '${name}' claim`);
  if (typeof value !== "string") throw new TokenRejectedError("malformed", `The token's '${name}' claim is not a string`);
  return value;
}

/** A display claim: absent, empty or odd-shaped reads as undefined rather than refusing sign-in. */
export function optionalStringClaim(payload: JWTPayload, name: string): string | undefined {
  const value = payload[name];
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** App role values; Entra leaves `roles` out when there are none. */
export function rolesClaim(payload: JWTPayload): string[] {
  const { roles } = payload;
  if (roles === undefined) return [];
  if (!Array.isArray(roles) || !roles.every((role) => typeof role === "string")) {
    throw new TokenRejectedError("malformed", "The token's 'roles' claim is not a list of strings");
  }
  return roles;
}

/** The audiences as a list, whichever of the two JWT forms the token uses. */
export function audiencesOf(payload: JWTPayload): string[] {
  const { aud } = payload;
  if (aud === undefined) throw new TokenRejectedError("missing_claim", "The token has no 'aud' claim");
  if (typeof aud === "string") return [aud];
  if (Array.isArray(aud) && aud.every((audience) => typeof audience === "string")) return aud;
  throw new TokenRejectedError("malformed", "The token's 'aud' claim is neither a string nor a list of strings");
}
