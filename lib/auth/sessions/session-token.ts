import "server-only";
import { createHash, randomBytes } from "node:crypto";

// 256 bits from the operating system's CSPRNG: guessing a live token is out of reach.
const SESSION_TOKEN_BYTES = 32;
// Unpadded base64url of 32 bytes; anything else cannot be a token we issued.
const SESSION_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** A fresh opaque token for the session cookie. Only its hash is stored. */
export function newSessionToken(): string {
  return randomBytes(SESSION_TOKEN_BYTES).toString("base64url");
}

/**
 * The session's primary key: sha256 hex of the token. A copy of the sessions table therefore
 * yields no usable cookie, and lookups by hash leak nothing through index timing.
 */
export function sessionIdOf(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Cheap refusal of cookie values we cannot have issued, before touching the database. */
export function isWellFormedSessionToken(value: string): boolean {
  return SESSION_TOKEN_PATTERN.test(value);
}
