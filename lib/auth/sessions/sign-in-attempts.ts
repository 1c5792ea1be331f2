import "server-only";
import type { Prisma, SignInAttempt } from "@/lib/db/generated/client";

/** How long a user has between leaving for Entra ID and coming back with the code. */
export const SIGN_IN_ATTEMPT_TTL_MS = 10 * 60_000;

export interface SignInAttemptInput {
  /** The OAuth `state`: random, unique, and what the callback names. */
  state: string;
  nonce: string;
  /** PKCE verifier; the authorization request carried only its challenge. */
  codeVerifier: string;
  /** Where to land after sign-in; the caller has checked it is a same-origin relative path. */
  returnTo: string;
  now: Date;
}

/** Records a sign-in about to leave for Entra ID, so whichever replica gets the callback can finish it. */
export async function beginSignIn(db: Prisma.TransactionClient, input: SignInAttemptInput): Promise<SignInAttempt> {
  const { now, ...attempt } = input;
  return db.signInAttempt.create({
    data: { ...attempt, createdAt: now, expiresAt: new Date(now.getTime() + SIGN_IN_ATTEMPT_TTL_MS) },
  });
}

/**
 * The attempt a callback's state names, exactly once; null when unknown, expired or already
 * consumed. One conditional UPDATE decides, so concurrent callbacks yield a single winner.
 */
export async function consumeSignIn(
  db: Prisma.TransactionClient,
  state: string,
  now: Date,
): Promise<SignInAttempt | null> {
  const [attempt] = await db.signInAttempt.updateManyAndReturn({
    where: { state, consumedAt: null, expiresAt: { gt: now } },
    data: { consumedAt: now },
  });
  return attempt ?? null;
}
