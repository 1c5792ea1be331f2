// The role re-check on the real sessions table: what each answer of Entra does to the row, and
// that concurrent requests of one session (in one process or on two replicas) redeem its rotating
// refresh token exactly once.
import { describe, expect, it, vi } from "vitest";
import { rawSql, TEST_DATABASE_KIND, useMigratedTempDatabase } from "@/testing/temp-database";
import { refreshTokenSealer } from "./refresh-token-sealing";
import { confirmSessionRoles, type RoleRecheckDeps } from "./role-recheck";
import { roleRecheckIntervalMs, type RoleRecheckOutcome } from "./role-recheck-policy";
import { readSession, rotateSession, type LiveSession } from "./sessions";
import { upsertUserAtSignIn } from "./upsert-user-at-sign-in";

const TENANT = "11111111-1111-1111-1111-111111111111";
const T0 = new Date("2026-12-03T09:00:00.000Z");
const INTERVAL = roleRecheckIntervalMs(15);
const at = (ms: number) => new Date(T0.getTime() + ms);
const sealer = refreshTokenSealer("client-secret-value");

/** Entra's token endpoint for one user: refresh tokens rotate, and a used one is refused (as the emulator does). */
class RotatingEntra {
  roles = ["Stagegate.MLLead"];
  redemptions = 0;
  mode: "answer" | "refuse" | "unavailable" = "answer";
  delayMs = 0;
  private live = new Set(["rt-0"]);
  private issued = 0;

  readonly ask: RoleRecheckDeps["askEntra"] = async ({ refreshToken }) => {
    this.redemptions += 1;
    if (this.delayMs) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    if (this.mode === "unavailable") return { kind: "unavailable", detail: "HTTP 503" };
    if (this.mode === "refuse" || !this.live.delete(refreshToken)) return { kind: "refused", detail: "invalid_grant AADSTS70000" };
    const next = `rt-${++this.issued}`;
    this.live.add(next);
    return { kind: "confirmed", roles: [...this.roles], refreshToken: next } satisfies RoleRecheckOutcome;
  };
}

describe(`role re-check on ${TEST_DATABASE_KIND}`, () => {
  const currentDatabase = useMigratedTempDatabase();
  const prisma = () => currentDatabase().database.prisma;

  async function signIn(refreshToken: string | null = "rt-0"): Promise<{ token: string; session: LiveSession }> {
    const { token } = await prisma().$transaction(async (tx) => {
      const user = await upsertUserAtSignIn(tx, { oid: `oid-${Math.random()}`, tenantId: TENANT, name: "Priya Raman", email: null, now: T0 });
      return rotateSession(tx, { userId: user.id, tenantId: TENANT, roles: ["Stagegate.MLLead"], sealedRefreshToken: refreshToken && sealer.seal(refreshToken, user.id), now: T0 });
    });
    return { token, session: (await readSession(prisma(), token, T0))! };
  }
  const deps = (entra: RotatingEntra): RoleRecheckDeps => ({ intervalMs: INTERVAL, sealer, askEntra: entra.ask });
  const row = (session: LiveSession) => prisma().session.findUniqueOrThrow({ where: { id: session.id } });
  /** What the next request reads, as request-context does. */
  const nextRequest = async (token: string, now: Date, entra: RotatingEntra) => {
    const session = await readSession(prisma(), token, now);
    return session && confirmSessionRoles(prisma(), session, now, deps(entra));
  };

  it("asks nothing within the interval", async () => {
    const entra = new RotatingEntra();
    const { token } = await signIn();
    expect(await nextRequest(token, at(INTERVAL - 1), entra)).toMatchObject({ roles: ["Stagegate.MLLead"] });
    expect(entra.redemptions).toBe(0);
  });

  it("once due, stores Entra's current roles, the rotated refresh token (sealed) and the time", async () => {
    const entra = new RotatingEntra();
    const { token, session } = await signIn();
    entra.roles = []; // the role was removed in Entra
    const now = at(INTERVAL);
    expect(await nextRequest(token, now, entra)).toMatchObject({ roles: [], rolesCheckedAt: now, rolesRecheckLeaseUntil: null });
    const stored = await row(session);
    expect(stored).toMatchObject({ roles: [], rolesCheckedAt: now, endedAt: null });
    expect(sealer.open(stored.refreshToken!, session.userId)).toBe("rt-1");
    const text = await rawSql(currentDatabase())<{ row: string }>(`SELECT row_to_json(s)::text AS row FROM sessions s WHERE id = '${session.id}'`);
    expect(text[0]!.row).not.toContain("rt-1");
    // The next interval starts from this check: nothing asked until it ends, then the new token is used.
    expect(await nextRequest(token, at(2 * INTERVAL - 1), entra)).toMatchObject({ roles: [] });
    entra.roles = ["Stagegate.Viewer"];
    expect(await nextRequest(token, at(2 * INTERVAL), entra)).toMatchObject({ roles: ["Stagegate.Viewer"] });
    expect(entra.redemptions).toBe(2);
  });

  it("ends the session as revoked when Entra refuses the grant, and forgets its refresh token", async () => {
    const entra = new RotatingEntra();
    entra.mode = "refuse";
    const { token, session } = await signIn();
    expect(await nextRequest(token, at(INTERVAL), entra)).toBeNull();
    expect(await row(session)).toMatchObject({ endReason: "revoked", endedAt: at(INTERVAL), refreshToken: null });
    expect(await readSession(prisma(), token, at(INTERVAL + 1))).toBeNull();
  });

  it("keeps the last roles while Entra is unreachable for one more interval, retrying after the lease, then ends the session", async () => {
    const entra = new RotatingEntra();
    entra.mode = "unavailable";
    const { token, session } = await signIn();
    expect(await nextRequest(token, at(INTERVAL), entra)).toMatchObject({ roles: ["Stagegate.MLLead"] });
    // Within the lease after a failure, requests do not ask again.
    expect(await nextRequest(token, at(INTERVAL + 1000), entra)).toMatchObject({ roles: ["Stagegate.MLLead"] });
    expect(entra.redemptions).toBe(1);
    expect(await nextRequest(token, at(INTERVAL + 60_000), entra)).toMatchObject({ roles: ["Stagegate.MLLead"] });
    expect(entra.redemptions).toBe(2);
    expect(await nextRequest(token, at(2 * INTERVAL), entra)).toBeNull();
    expect(await row(session)).toMatchObject({ endReason: "roles_unconfirmed", refreshToken: null });
  });

  it("recovers when Entra answers again within the grace", async () => {
    const entra = new RotatingEntra();
    entra.mode = "unavailable";
    const { token } = await signIn();
    await nextRequest(token, at(INTERVAL), entra);
    entra.mode = "answer";
    entra.roles = ["Stagegate.Viewer"];
    expect(await nextRequest(token, at(INTERVAL + 30_000), entra)).toMatchObject({ roles: ["Stagegate.Viewer"], rolesCheckedAt: at(INTERVAL + 30_000) });
  });

  it("ends a session that holds no refresh token (opened before re-checks) once due", async () => {
    const entra = new RotatingEntra();
    const { token, session } = await signIn(null);
    expect(await nextRequest(token, at(INTERVAL - 1), entra)).not.toBeNull();
    expect(await nextRequest(token, at(INTERVAL), entra)).toBeNull();
    expect(await row(session)).toMatchObject({ endReason: "roles_unconfirmed" });
    expect(entra.redemptions).toBe(0);
  });

  it("redeems once for concurrent requests of one session in one process", async () => {
    const entra = new RotatingEntra();
    entra.delayMs = 100;
    entra.roles = ["Stagegate.Viewer"];
    const { token } = await signIn();
    const now = at(3 * INTERVAL); // beyond the grace: nobody may answer with the old roles
    const results = await Promise.all(Array.from({ length: 6 }, () => nextRequest(token, now, entra)));
    expect(results.map((result) => result?.roles)).toEqual(Array.from({ length: 6 }, () => ["Stagegate.Viewer"]));
    expect(entra.redemptions).toBe(1);
  });

  it("redeems once when two replicas re-check the same session at the same time", async () => {
    const entra = new RotatingEntra();
    entra.delayMs = 400;
    entra.roles = ["Stagegate.Viewer"];
    const { token } = await signIn();
    // A second copy of the module: its own single-flight map, as on another replica.
    vi.resetModules();
    const replica = await import("./role-recheck");
    const now = at(3 * INTERVAL);
    const [here, there] = await Promise.all([
      nextRequest(token, now, entra),
      readSession(prisma(), token, now).then((session) => replica.confirmSessionRoles(prisma(), session!, now, deps(entra))),
    ]);
    expect(entra.redemptions).toBe(1);
    expect(here?.roles).toEqual(["Stagegate.Viewer"]);
    expect(there?.roles).toEqual(["Stagegate.Viewer"]);
  });

  it("within the grace, a replica that finds the re-check held elsewhere answers with the last roles at once", async () => {
    const entra = new RotatingEntra();
    entra.delayMs = 300;
    entra.roles = [];
    const { token } = await signIn();
    vi.resetModules();
    const replica = await import("./role-recheck");
    const now = at(INTERVAL);
    const first = nextRequest(token, now, entra);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const session = await readSession(prisma(), token, now);
    expect(await replica.confirmSessionRoles(prisma(), session!, now, deps(entra))).toMatchObject({ roles: ["Stagegate.MLLead"] });
    expect(await first).toMatchObject({ roles: [] });
    expect(entra.redemptions).toBe(1);
  });
});
