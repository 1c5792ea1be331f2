import "server-only";
import type { Session, SessionEndReason } from "@/lib/db/generated/client";

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/** A session unused for this long ends. Each use pushes the limit back, up to the absolute one. */
export const SESSION_IDLE_TIMEOUT_MS = 8 * HOUR_MS;
/** A session ends this long after sign-in, however much it is used. */
export const SESSION_ABSOLUTE_TIMEOUT_MS = 24 * HOUR_MS;
/** Uses closer together than this do not write: the idle limit may end up to a minute early. */
export const SESSION_TOUCH_INTERVAL_MS = MINUTE_MS;

type Expiry = Pick<Session, "idleExpiresAt" | "absoluteExpiresAt">;

export function expiryOfNewSession(now: Date): Expiry {
  return {
    idleExpiresAt: new Date(now.getTime() + SESSION_IDLE_TIMEOUT_MS),
    absoluteExpiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_TIMEOUT_MS),
  };
}

/** Why a not-yet-ended session is over at `now`, or null while it is live. */
export function expiredReason(session: Expiry, now: Date): Extract<SessionEndReason, "idle_timeout" | "absolute_timeout"> | null {
  if (now >= session.absoluteExpiresAt) return "absolute_timeout";
  if (now >= session.idleExpiresAt) return "idle_timeout";
  return null;
}

/**
 * The idle limit after a use at `now`, never beyond the absolute one; null when the session was
 * last touched less than SESSION_TOUCH_INTERVAL_MS ago and no write is due.
 */
export function renewedIdleExpiry(session: Pick<Session, "lastSeenAt" | "absoluteExpiresAt">, now: Date): Date | null {
  if (now.getTime() - session.lastSeenAt.getTime() < SESSION_TOUCH_INTERVAL_MS) return null;
  const slid = now.getTime() + SESSION_IDLE_TIMEOUT_MS;
  return new Date(Math.min(slid, session.absoluteExpiresAt.getTime()));
}
