import { describe, expect, it } from "vitest";
import { decideAfterRecheck, isRoleRecheckDue, roleRecheckIntervalMs, withinUnconfirmedGrace, type RoleRecheckOutcome } from "./role-recheck-policy";

const MINUTE = 60_000;
const CHECKED = new Date("2026-12-03T09:00:00.000Z");
const after = (ms: number) => new Date(CHECKED.getTime() + ms);
const INTERVAL = roleRecheckIntervalMs(15);

describe("roleRecheckIntervalMs", () => {
  it("is the setting in ms, fractions included, and never more than 15 minutes", () => {
    expect(INTERVAL).toBe(15 * MINUTE);
    expect(roleRecheckIntervalMs(0.1)).toBe(6_000);
    expect(roleRecheckIntervalMs(60)).toBe(15 * MINUTE);
  });
});

describe("isRoleRecheckDue", () => {
  it("is not due within the interval and due from its end on", () => {
    expect(isRoleRecheckDue(CHECKED, CHECKED, INTERVAL)).toBe(false);
    expect(isRoleRecheckDue(CHECKED, after(INTERVAL - 1), INTERVAL)).toBe(false);
    expect(isRoleRecheckDue(CHECKED, after(INTERVAL), INTERVAL)).toBe(true);
    expect(isRoleRecheckDue(CHECKED, after(3 * INTERVAL), INTERVAL)).toBe(true);
  });
});

describe("decideAfterRecheck", () => {
  const confirmed: RoleRecheckOutcome = { kind: "confirmed", roles: ["Stagegate.Viewer"], refreshToken: "rotated" };
  const refused: RoleRecheckOutcome = { kind: "refused", detail: "invalid_grant AADSTS50173" };
  const unavailable: RoleRecheckOutcome = { kind: "unavailable", detail: "HTTP 503" };

  it("stores what Entra confirmed, fewer roles or none included", () => {
    expect(decideAfterRecheck(confirmed, CHECKED, after(INTERVAL), INTERVAL)).toEqual({ action: "store", roles: ["Stagegate.Viewer"], refreshToken: "rotated" });
    expect(decideAfterRecheck({ kind: "confirmed", roles: [], refreshToken: null }, CHECKED, after(INTERVAL), INTERVAL)).toEqual({ action: "store", roles: [], refreshToken: null });
  });

  it("ends the session at once when Entra refuses the grant, however recent the last check", () => {
    expect(decideAfterRecheck(refused, CHECKED, after(INTERVAL), INTERVAL)).toEqual({ action: "end", reason: "revoked" });
  });

  it("keeps the last roles while Entra is unreachable within one more interval, then ends the session", () => {
    expect(decideAfterRecheck(unavailable, CHECKED, after(INTERVAL), INTERVAL)).toEqual({ action: "keep" });
    expect(decideAfterRecheck(unavailable, CHECKED, after(2 * INTERVAL - 1), INTERVAL)).toEqual({ action: "keep" });
    expect(decideAfterRecheck(unavailable, CHECKED, after(2 * INTERVAL), INTERVAL)).toEqual({ action: "end", reason: "roles_unconfirmed" });
    expect(withinUnconfirmedGrace(CHECKED, after(5 * INTERVAL), INTERVAL)).toBe(false);
  });
});
