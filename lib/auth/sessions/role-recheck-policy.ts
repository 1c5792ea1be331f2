// When a session's roles must be confirmed with Entra again, and what a re-check's outcome does to
// the session. Pure: the caller reads the row, asks Entra and writes the decision.
import type { SessionEndReason } from "@/lib/db/generated/client";

const MINUTE_MS = 60_000;

/** The ceiling issue 13 sets: a role removed in Entra stops working within 15 minutes. */
export const MAX_ROLE_RECHECK_MINUTES = 15;
/**
 * How long one replica holds a re-check (longer than the token request's timeout), and how long a
 * failed re-check waits before the next try, so an Entra outage is not asked on every request.
 */
export const ROLE_RECHECK_LEASE_MS = 10_000;

export function roleRecheckIntervalMs(minutes: number): number {
  return Math.round(Math.min(minutes, MAX_ROLE_RECHECK_MINUTES) * MINUTE_MS);
}

/** Whether the roles were confirmed an interval or more ago. */
export function isRoleRecheckDue(rolesCheckedAt: Date, now: Date, intervalMs: number): boolean {
  return now.getTime() - rolesCheckedAt.getTime() >= intervalMs;
}

/**
 * While Entra cannot be asked, the last confirmed roles hold for one more interval; after that the
 * session ends (fail closed), so an outage never extends a removed role beyond twice the interval.
 */
export function withinUnconfirmedGrace(rolesCheckedAt: Date, now: Date, intervalMs: number): boolean {
  return now.getTime() - rolesCheckedAt.getTime() < 2 * intervalMs;
}

/** What asking Entra gave. */
export type RoleRecheckOutcome =
  /** A verified id_token: its roles (possibly none) are the user's roles now. */
  | { kind: "confirmed"; roles: string[]; refreshToken: string | null }
  /** Entra refused the grant (invalid_grant, interaction_required, user disabled) or its token failed verification. */
  | { kind: "refused"; detail: string }
  /** Entra could not be reached or answered with a fault of its own or of our configuration. */
  | { kind: "unavailable"; detail: string };

export type RoleRecheckDecision =
  | { action: "store"; roles: string[]; refreshToken: string | null }
  | { action: "keep" }
  | { action: "end"; reason: Extract<SessionEndReason, "revoked" | "roles_unconfirmed"> };

/**
 * A refused grant ends the session at once (the user signs in again, and Entra then says why or
 * gives the current roles); a role merely removed arrives as `confirmed` with fewer roles, which
 * take effect at once. Unavailable: keep within the grace, end beyond it.
 */
export function decideAfterRecheck(outcome: RoleRecheckOutcome, rolesCheckedAt: Date, now: Date, intervalMs: number): RoleRecheckDecision {
  switch (outcome.kind) {
    case "confirmed":
      return { action: "store", roles: outcome.roles, refreshToken: outcome.refreshToken };
    case "refused":
      return { action: "end", reason: "revoked" };
    case "unavailable":
      return withinUnconfirmedGrace(rolesCheckedAt, now, intervalMs) ? { action: "keep" } : { action: "end", reason: "roles_unconfirmed" };
  }
}
