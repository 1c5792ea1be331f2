import { describe, expect, it } from "vitest";
import { rawSql, TEST_DATABASE_KIND, useMigratedTempDatabase } from "@/testing/temp-database";
import { purgeExpired } from "./purge-expired";
import { sessionIdOf } from "./session-token";
import { endAllSessionsOfUser, endSession, readSession, rotateSession } from "./sessions";
import { upsertUserAtSignIn, type SignedInIdentity } from "./upsert-user-at-sign-in";

const TENANT = "11111111-1111-1111-1111-111111111111";
const T0 = new Date("2026-11-24T08:00:00.000Z");
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const at = (ms: number) => new Date(T0.getTime() + ms);

const ada: Omit<SignedInIdentity, "now"> = { oid: "oid-ada", tenantId: TENANT, name: "Ada Lovelace", email: "ada@contoso.com" };
const bob: Omit<SignedInIdentity, "now"> = { oid: "oid-bob", tenantId: TENANT, name: "Bob Builder", email: null };

describe(`sessions on ${TEST_DATABASE_KIND}`, () => {
  const currentDatabase = useMigratedTempDatabase();

  /** What the sign-in callback does once the id_token is verified. */
  async function signIn(
    identity = ada,
    { now = T0, roles = ["Stagegate.Reader"], previousToken }: { now?: Date; roles?: string[]; previousToken?: string } = {},
  ) {
    const { prisma } = currentDatabase().database;
    return prisma.$transaction(async (tx) => {
      const user = await upsertUserAtSignIn(tx, { ...identity, now });
      return rotateSession(tx, { userId: user.id, tenantId: identity.tenantId, roles, now, previousToken, userAgent: "Vitest" });
    });
  }

  const stored = (token: string) => currentDatabase().database.prisma.session.findUniqueOrThrow({ where: { id: sessionIdOf(token) } });

  it("stores the token's sha256 only, never the token itself", async () => {
    const { token, session } = await signIn();
    expect(session.id).toBe(sessionIdOf(token));
    const rows = await rawSql(currentDatabase())<{ row: string }>(`SELECT row_to_json(s)::text AS row FROM sessions s`);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.row).not.toContain(token);
    expect(rows[0]!.row).toContain(sessionIdOf(token));
  });

  it("reads the live session with its user and roles", async () => {
    const { token } = await signIn(ada, { roles: ["Stagegate.Reader", "Stagegate.Approver"] });
    const live = await readSession(currentDatabase().database.prisma, token, at(MINUTE));
    expect(live).toMatchObject({
      roles: ["Stagegate.Reader", "Stagegate.Approver"],
      tenantId: TENANT,
      userAgent: "Vitest",
      endedAt: null,
      user: { oid: "oid-ada", name: "Ada Lovelace", email: "ada@contoso.com" },
    });
  });

  it("ends after 8 h without use, and stays ended", async () => {
    const { prisma } = currentDatabase().database;
    const { token: usedJustInTime } = await signIn();
    const { token: unused } = await signIn();
    expect(await readSession(prisma, usedJustInTime, at(8 * HOUR - 1))).not.toBeNull();

    expect(await readSession(prisma, unused, at(8 * HOUR))).toBeNull();
    expect(await stored(unused)).toMatchObject({ endedAt: at(8 * HOUR), endReason: "idle_timeout" });
    expect(await readSession(prisma, unused, at(8 * HOUR + MINUTE))).toBeNull();
    expect(await stored(unused)).toMatchObject({ endedAt: at(8 * HOUR), endReason: "idle_timeout" });
  });

  it("slides the idle limit with use", async () => {
    const { prisma } = currentDatabase().database;
    const { token } = await signIn();
    expect(await readSession(prisma, token, at(7 * HOUR))).toMatchObject({ lastSeenAt: at(7 * HOUR), idleExpiresAt: at(15 * HOUR) });
    expect(await stored(token)).toMatchObject({ lastSeenAt: at(7 * HOUR), idleExpiresAt: at(15 * HOUR) });
    expect(await readSession(prisma, token, at(14 * HOUR))).not.toBeNull();
    expect(await readSession(prisma, token, at(22 * HOUR))).toBeNull();
    expect(await stored(token)).toMatchObject({ endReason: "idle_timeout" });
  });

  it("writes a use at most once a minute", async () => {
    const { prisma } = currentDatabase().database;
    const { token } = await signIn();
    expect(await readSession(prisma, token, at(MINUTE - 1))).toMatchObject({ lastSeenAt: T0, idleExpiresAt: at(8 * HOUR) });
    expect(await stored(token)).toMatchObject({ lastSeenAt: T0 });
    await readSession(prisma, token, at(MINUTE));
    expect(await stored(token)).toMatchObject({ lastSeenAt: at(MINUTE), idleExpiresAt: at(MINUTE + 8 * HOUR) });
  });

  it("ends 24 h after sign-in however much it is used", async () => {
    const { prisma } = currentDatabase().database;
    const { token } = await signIn();
    for (let hour = 1; hour < 24; hour += 1) {
      expect(await readSession(prisma, token, at(hour * HOUR)), `hour ${hour}`).not.toBeNull();
    }
    expect(await stored(token)).toMatchObject({ idleExpiresAt: at(24 * HOUR), absoluteExpiresAt: at(24 * HOUR) });
    expect(await readSession(prisma, token, at(24 * HOUR))).toBeNull();
    expect(await stored(token)).toMatchObject({ endedAt: at(24 * HOUR), endReason: "absolute_timeout" });
  });

  it("ends at sign-out; signing out again changes nothing", async () => {
    const { prisma } = currentDatabase().database;
    const { token } = await signIn();
    expect(await endSession(prisma, token, "signed_out", at(HOUR))).toBe(true);
    expect(await readSession(prisma, token, at(HOUR + MINUTE))).toBeNull();
    expect(await endSession(prisma, token, "signed_out", at(2 * HOUR))).toBe(false);
    expect(await stored(token)).toMatchObject({ endedAt: at(HOUR), endReason: "signed_out" });
  });

  it("gives each sign-in a new session and ends the one the browser presented", async () => {
    const { prisma } = currentDatabase().database;
    const first = await signIn();
    const second = await signIn(ada, { now: at(HOUR), previousToken: first.token });
    expect(second.token).not.toBe(first.token);
    expect(await readSession(prisma, first.token, at(HOUR))).toBeNull();
    expect(await stored(first.token)).toMatchObject({ endedAt: at(HOUR), endReason: "rotated" });
    expect(await readSession(prisma, second.token, at(HOUR))).not.toBeNull();
  });

  it("finds nothing for a token with one character changed, or for garbage", async () => {
    const { prisma } = currentDatabase().database;
    const { token } = await signIn();
    const tampered = `${token.slice(0, 10)}${token[10] === "A" ? "B" : "A"}${token.slice(11)}`;
    expect(tampered).toHaveLength(token.length);
    for (const presented of [tampered, "", "not-a-token", `${token}=`]) {
      expect(await readSession(prisma, presented, at(MINUTE))).toBeNull();
      expect(await endSession(prisma, presented, "signed_out", at(MINUTE))).toBe(false);
    }
    expect(await readSession(prisma, token, at(MINUTE))).not.toBeNull();
  });

  it("takes the roles of the latest sign-in", async () => {
    const { prisma } = currentDatabase().database;
    const first = await signIn(ada, { roles: ["Stagegate.Reader"] });
    const second = await signIn(ada, { now: at(HOUR), roles: ["Stagegate.Approver"], previousToken: first.token });
    expect((await readSession(prisma, second.token, at(HOUR)))!.roles).toEqual(["Stagegate.Approver"]);
  });

  it("ends every session of one user, and only theirs", async () => {
    const { prisma } = currentDatabase().database;
    const laptop = await signIn(ada);
    const phone = await signIn(ada);
    const other = await signIn(bob);
    expect(await endAllSessionsOfUser(prisma, laptop.session.userId, at(HOUR))).toBe(2);
    expect(await readSession(prisma, laptop.token, at(HOUR))).toBeNull();
    expect(await stored(phone.token)).toMatchObject({ endReason: "revoked" });
    expect(await readSession(prisma, other.token, at(HOUR))).not.toBeNull();
  });

  it("keeps a user's first sighting and refreshes the rest at each sign-in", async () => {
    const { prisma } = currentDatabase().database;
    const first = await upsertUserAtSignIn(prisma, { ...ada, now: T0 });
    const again = await upsertUserAtSignIn(prisma, { ...ada, name: "Ada King", email: null, now: at(HOUR) });
    expect(again).toEqual({ ...first, name: "Ada King", email: null, lastSeenAt: at(HOUR) });
    expect(again.firstSeenAt).toEqual(T0);
    const otherTenant = await upsertUserAtSignIn(prisma, { ...ada, tenantId: "other-tenant", now: T0 });
    expect(otherTenant.id).not.toBe(first.id);
    expect(await prisma.user.count()).toBe(2);
  });

  it("records one user when their first sign-ins race", async () => {
    const { prisma } = currentDatabase().database;
    const users = await Promise.all(Array.from({ length: 5 }, () => upsertUserAtSignIn(prisma, { ...ada, now: T0 })));
    expect(new Set(users.map((user) => user.id)).size).toBe(1);
    expect(await prisma.user.count()).toBe(1);
  });

  it("is refused by the database when ended without a reason or idle past the absolute limit", async () => {
    const { session } = await signIn();
    const sql = rawSql(currentDatabase());
    await expect(sql(`UPDATE sessions SET ended_at = now() WHERE id = $1`, [session.id])).rejects.toThrow(/sessions_end_reason_with_ended_at/);
    await expect(
      sql(`UPDATE sessions SET idle_expires_at = absolute_expires_at + interval '1 second' WHERE id = $1`, [session.id]),
    ).rejects.toThrow(/sessions_idle_within_absolute/);
  });

  it("purges sessions that can never be live again and keeps the rest", async () => {
    const { prisma } = currentDatabase().database;
    const live = await signIn();
    const signedOut = await signIn();
    await endSession(prisma, signedOut.token, "signed_out", at(MINUTE));
    await signIn(bob, { now: at(-8 * HOUR) }); // idle since, never read, so never marked ended
    expect(await purgeExpired(prisma, T0)).toEqual({ sessions: 2, signInAttempts: 0 });
    expect((await prisma.session.findMany()).map((session) => session.id)).toEqual([live.session.id]);
  });
});
