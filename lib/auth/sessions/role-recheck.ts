import "server-only";
// Re-checks a live session's roles with Entra once they are older than the re-check interval: one
// replica at a time (a lease on the row, taken by a conditional update), one request at a time in
// this process (single flight), and the answer stored only by the lease holder. The rotated
// refresh token is thus never redeemed twice.
import type { Prisma } from "@/lib/db/generated/client";
import type { RefreshTokenSealer } from "./refresh-token-sealing";
import {
  decideAfterRecheck,
  isRoleRecheckDue,
  ROLE_RECHECK_LEASE_MS,
  withinUnconfirmedGrace,
  type RoleRecheckDecision,
  type RoleRecheckOutcome,
} from "./role-recheck-policy";
import { endLiveSession, type LiveSession } from "./sessions";

type Db = Prisma.TransactionClient;

export interface RoleRecheckDeps {
  intervalMs: number;
  sealer: RefreshTokenSealer;
  /** Redeems the refresh token and verifies the id token it brings, for this user. */
  askEntra(input: { refreshToken: string; oid: string; tid: string }): Promise<RoleRecheckOutcome>;
  /** Told what each re-check decided, for the log; never given a token. */
  report?(event: { sessionUserId: string; decision: RoleRecheckDecision["action"] | "lost_lease"; detail?: string }): void;
  sleep?(ms: number): Promise<void>;
}

const inFlight = new Map<string, Promise<LiveSession | null>>();
const POLL_MS = 250;

/**
 * The session with roles Entra confirmed within the interval (or, while Entra cannot answer, within
 * the grace), or null when the session ended because they could not be.
 */
export function confirmSessionRoles(db: Db, session: LiveSession, now: Date, deps: RoleRecheckDeps): Promise<LiveSession | null> {
  if (!isRoleRecheckDue(session.rolesCheckedAt, now, deps.intervalMs)) return Promise.resolve(session);
  const running = inFlight.get(session.id);
  if (running) return running;
  const recheck = recheckOnce(db, session, now, deps).finally(() => inFlight.delete(session.id));
  inFlight.set(session.id, recheck);
  return recheck;
}

async function recheckOnce(db: Db, session: LiveSession, now: Date, deps: RoleRecheckDeps): Promise<LiveSession | null> {
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  // Another replica may hold the lease: take its answer when it comes, keep the last roles within
  // the grace, and beyond it wait for the lease to lapse rather than answer with stale roles.
  for (let waited = 0; ; waited += POLL_MS) {
    const lease = await claimLease(db, session, new Date(now.getTime() + waited));
    if (lease) return recheckHoldingLease(db, session, lease, now, deps);
    const current = await db.session.findUnique({ where: { id: session.id } });
    if (!current || current.endedAt) return null;
    if (current.rolesCheckedAt.getTime() !== session.rolesCheckedAt.getTime()) return { ...session, ...current };
    if (withinUnconfirmedGrace(session.rolesCheckedAt, now, deps.intervalMs)) return session;
    if (waited >= ROLE_RECHECK_LEASE_MS + POLL_MS) break;
    await sleep(POLL_MS);
  }
  await endLiveSession(db, { id: session.id }, "roles_unconfirmed", now);
  deps.report?.({ sessionUserId: session.userId, decision: "end", detail: "another re-check held the session past the grace" });
  return null;
}

/** Takes the row's lease when nobody holds it and the roles were not re-checked meanwhile. */
async function claimLease(db: Db, session: LiveSession, at: Date): Promise<Date | null> {
  const until = new Date(at.getTime() + ROLE_RECHECK_LEASE_MS);
  const { count } = await db.session.updateMany({
    where: {
      id: session.id,
      endedAt: null,
      rolesCheckedAt: session.rolesCheckedAt,
      OR: [{ rolesRecheckLeaseUntil: null }, { rolesRecheckLeaseUntil: { lte: at } }],
    },
    data: { rolesRecheckLeaseUntil: until },
  });
  return count === 1 ? until : null;
}

async function recheckHoldingLease(db: Db, session: LiveSession, lease: Date, now: Date, deps: RoleRecheckDeps): Promise<LiveSession | null> {
  const refreshToken = session.refreshToken ? deps.sealer.open(session.refreshToken, session.userId) : null;
  const outcome: RoleRecheckOutcome = refreshToken
    ? await deps.askEntra({ refreshToken, oid: session.user.oid, tid: session.user.tenantId })
    : // Opened before re-checks existed, or sealed under a rotated client secret: it can never be confirmed.
      { kind: "refused", detail: "the session holds no usable refresh token" };
  const decision = refreshToken ? decideAfterRecheck(outcome, session.rolesCheckedAt, now, deps.intervalMs) : ({ action: "end", reason: "roles_unconfirmed" } as const);
  deps.report?.({ sessionUserId: session.userId, decision: decision.action, detail: "detail" in outcome ? outcome.detail : undefined });

  if (decision.action === "keep") return session; // the lease stays: no new try before it lapses
  if (decision.action === "end") {
    await endLiveSession(db, { id: session.id }, decision.reason, now);
    return null;
  }
  const sealed = decision.refreshToken ? deps.sealer.seal(decision.refreshToken, session.userId) : session.refreshToken;
  const update = { roles: decision.roles, refreshToken: sealed, rolesCheckedAt: now, rolesRecheckLeaseUntil: null };
  const { count } = await db.session.updateMany({ where: { id: session.id, endedAt: null, rolesRecheckLeaseUntil: lease }, data: update });
  if (count === 1) return { ...session, ...update };
  // The lease lapsed under a slow answer and another request took over, or the session ended: its state wins.
  deps.report?.({ sessionUserId: session.userId, decision: "lost_lease" });
  const current = await db.session.findUnique({ where: { id: session.id } });
  return current && !current.endedAt ? { ...session, ...current } : null;
}
