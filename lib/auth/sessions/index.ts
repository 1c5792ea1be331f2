import "server-only";
// Server-side sessions and the sign-in flow's shared state. Cookies and routes live elsewhere.
export { purgeExpired, type PurgeReport } from "./purge-expired";
export {
  SESSION_ABSOLUTE_TIMEOUT_MS,
  SESSION_IDLE_TIMEOUT_MS,
  SESSION_TOUCH_INTERVAL_MS,
} from "./session-lifetime";
export { isWellFormedSessionToken } from "./session-token";
export { refreshTokenSealer, type RefreshTokenSealer } from "./refresh-token-sealing";
export { confirmSessionRoles, type RoleRecheckDeps } from "./role-recheck";
export { isRoleRecheckDue, roleRecheckIntervalMs, type RoleRecheckOutcome } from "./role-recheck-policy";
export {
  createSession,
  endAllSessionsOfUser,
  endSession,
  readSession,
  rotateSession,
  type CreatedSession,
  type LiveSession,
  type NewSessionInput,
} from "./sessions";
export { beginSignIn, consumeSignIn, SIGN_IN_ATTEMPT_TTL_MS, type SignInAttemptInput } from "./sign-in-attempts";
export { upsertUserAtSignIn, type SignedInIdentity } from "./upsert-user-at-sign-in";
