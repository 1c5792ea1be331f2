import { describe, expect, it } from "vitest";
import {
  expiredReason,
  expiryOfNewSession,
  renewedIdleExpiry,
  SESSION_ABSOLUTE_TIMEOUT_MS,
  SESSION_IDLE_TIMEOUT_MS,
  SESSION_TOUCH_INTERVAL_MS,
} from "./session-lifetime";

const T0 = new Date("2026-11-24T08:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);
const HOUR = 3_600_000;

describe("session lifetime", () => {
  it("gives 8 h idle and 24 h absolute", () => {
    expect(SESSION_IDLE_TIMEOUT_MS).toBe(8 * HOUR);
    expect(SESSION_ABSOLUTE_TIMEOUT_MS).toBe(24 * HOUR);
    expect(expiryOfNewSession(T0)).toEqual({ idleExpiresAt: at(8 * HOUR), absoluteExpiresAt: at(24 * HOUR) });
  });

  it("is over at either limit, the absolute one named first", () => {
    const expiry = { idleExpiresAt: at(8 * HOUR), absoluteExpiresAt: at(24 * HOUR) };
    expect(expiredReason(expiry, at(8 * HOUR - 1))).toBeNull();
    expect(expiredReason(expiry, at(8 * HOUR))).toBe("idle_timeout");
    expect(expiredReason({ ...expiry, idleExpiresAt: at(24 * HOUR) }, at(24 * HOUR))).toBe("absolute_timeout");
  });

  it("slides the idle limit at most once per touch interval, never past the absolute one", () => {
    const session = { lastSeenAt: T0, absoluteExpiresAt: at(24 * HOUR) };
    expect(renewedIdleExpiry(session, at(SESSION_TOUCH_INTERVAL_MS - 1))).toBeNull();
    expect(renewedIdleExpiry(session, at(SESSION_TOUCH_INTERVAL_MS))).toEqual(at(SESSION_TOUCH_INTERVAL_MS + 8 * HOUR));
    expect(renewedIdleExpiry(session, at(20 * HOUR))).toEqual(at(24 * HOUR));
  });

  it("does not write when another replica's clock is behind the last touch", () => {
    expect(renewedIdleExpiry({ lastSeenAt: at(HOUR), absoluteExpiresAt: at(24 * HOUR) }, T0)).toBeNull();
  });
});
