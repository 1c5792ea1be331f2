// The one error a refused token ends in. `reason` is for code (sign-in error page, 401 bodies,
// metrics); the message is for people and logs, so it never quotes the token.

export const TOKEN_REJECTION_REASONS = [
  "malformed",
  "alg_not_allowed",
  "unknown_key",
  "bad_signature",
  "expired",
  "not_yet_valid",
  "missing_claim",
  "tenant_not_allowed",
  "wrong_issuer",
  "wrong_audience",
  "nonce_mismatch",
  "not_application_token",
  "wrong_subject",
] as const;
export type TokenRejectionReason = (typeof TOKEN_REJECTION_REASONS)[number];

export class TokenRejectedError extends Error {
  readonly status = 401;

  constructor(
    readonly reason: TokenRejectionReason,
    message: string,
  ) {
    super(message);
    this.name = "TokenRejectedError";
  }
}
