import "server-only";
import type { Prisma, Session, SessionEndReason, User } from "@/lib/db/generated/client";
import { expiredReason, expiryOfNewSession, renewedIdleExpiry } from "./session-lifetime";
import { isWellFormedSessionToken, newSessionToken, sessionIdOf } from "./session-token";

// A client may send an arbitrarily long header; a prefix is enough to recognise a browser.
const USER_AGENT_MAX_LENGTH = 512;

/** Any Prisma client or interactive transaction: callers choose what commits together. */
type Db = Prisma.TransactionClient;

export interface NewSessionInput {
  userId: string;
  tenantId: string;
  /** The id_token's `roles` claim at this sign-in. */
  roles: string[];
  /** Entra's refresh token, sealed (refresh-token-sealing.ts): what re-checks the roles later. */
  sealedRefreshToken?: string | null;
  now: Date;
  userAgent?: string | null;
  ipAddress?: string | null;
}

export interface CreatedSession {
  /** Goes into the cookie and nowhere else: the database keeps only its hash. */
  token: string;
  session: Session;
}

export type LiveSession = Session & { user: User };

export async function createSession(db: Db, input: NewSessionInput): Promise<CreatedSession> {
  const token = newSessionToken();
  const session = await db.session.create({
    data: {
      id: sessionIdOf(token),
      userId: input.userId,
      tenantId: input.tenantId,
      roles: input.roles,
      rolesCheckedAt: input.now,
      refreshToken: input.sealedRefreshToken ?? null,
      createdAt: input.now,
      lastSeenAt: input.now,
      ...expiryOfNewSession(input.now),
      userAgent: input.userAgent?.slice(0, USER_AGENT_MAX_LENGTH) ?? null,
      ipAddress: input.ipAddress ?? null,
    },
  });
  return { token, session };
}

/**
 * Sign-in: always a new session id (no fixation), and the session the browser presented before,
 * if any, ends as rotated. Run it in the sign-in's transaction to make both one change.
 */
export async function rotateSession(
  db: Db,
  input: NewSessionInput & { previousToken?: string | null },
): Promise<CreatedSession> {
  const { previousToken, ...session } = input;
  if (previousToken) await endSession(db, previousToken, "rotated", input.now);
  return createSession(db, session);
}

/**
 * The live session a cookie's token names, with its user, or null. Finding it expired ends it
 * with the reason; a use slides the idle limit (written at most once per touch interval).
 */
export async function readSession(db: Db, token: string, now: Date): Promise<LiveSession | null> {
  if (!isWellFormedSessionToken(token)) return null;
  const session = await db.session.findUnique({ where: { id: sessionIdOf(token) }, include: { user: true } });
  if (!session || session.endedAt) return null;

  const reason = expiredReason(session, now);
  if (reason) {
    await endLiveSession(db, { id: session.id }, reason, now);
    return null;
  }
  const idleExpiresAt = renewedIdleExpiry(session, now);
  if (!idleExpiresAt) return session;
  const { count } = await db.session.updateMany({
    where: { id: session.id, endedAt: null },
    data: { lastSeenAt: now, idleExpiresAt },
  });
  // Zero when another request (a sign-out in another tab) ended it since the read.
  return count === 1 ? { ...session, lastSeenAt: now, idleExpiresAt } : null;
}

/** Ends the session a token names; false when it was unknown or already over. */
export async function endSession(db: Db, token: string, reason: SessionEndReason, now: Date): Promise<boolean> {
  if (!isWellFormedSessionToken(token)) return false;
  return (await endLiveSession(db, { id: sessionIdOf(token) }, reason, now)) === 1;
}

/** Ends every live session of a user (e.g. access withdrawn); returns how many ended. */
export async function endAllSessionsOfUser(
  db: Db,
  userId: string,
  now: Date,
  reason: SessionEndReason = "revoked",
): Promise<number> {
  return endLiveSession(db, { userId }, reason, now);
}

// Only live sessions change: the first reason recorded wins, and an ended session stays ended.
export async function endLiveSession(
  db: Db,
  which: { id: string } | { userId: string },
  reason: SessionEndReason,
  now: Date,
): Promise<number> {
  const { count } = await db.session.updateMany({
    where: { ...which, endedAt: null },
    // An ended session's refresh token is of no more use: it does not stay in the database.
    data: { endedAt: now, endReason: reason, refreshToken: null, rolesRecheckLeaseUntil: null },
  });
  return count;
}
