import { describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/database";
import { TEST_DATABASE_KIND, useMigratedTempDatabase } from "@/testing/temp-database";
import { purgeExpired } from "./purge-expired";
import { beginSignIn, consumeSignIn, SIGN_IN_ATTEMPT_TTL_MS, type SignInAttemptInput } from "./sign-in-attempts";

const T0 = new Date("2026-11-24T08:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

const attempt = (state: string, now = T0): SignInAttemptInput => ({
  state,
  nonce: `nonce-${state}`,
  codeVerifier: `verifier-${state}`,
  returnTo: "/models/churn?tab=rollouts",
  now,
});

describe(`sign-in attempts on ${TEST_DATABASE_KIND}`, () => {
  const currentDatabase = useMigratedTempDatabase();

  it("hands the attempt back once; a replayed state gets nothing", async () => {
    const { prisma } = currentDatabase().database;
    await beginSignIn(prisma, attempt("state-1"));
    expect(await consumeSignIn(prisma, "state-1", at(1000))).toEqual({
      state: "state-1",
      nonce: "nonce-state-1",
      codeVerifier: "verifier-state-1",
      returnTo: "/models/churn?tab=rollouts",
      createdAt: T0,
      expiresAt: at(SIGN_IN_ATTEMPT_TTL_MS),
      consumedAt: at(1000),
    });
    expect(await consumeSignIn(prisma, "state-1", at(2000))).toBeNull();
  });

  it("gives nothing for an unknown state", async () => {
    expect(await consumeSignIn(currentDatabase().database.prisma, "never-issued", T0)).toBeNull();
  });

  it("expires after 10 minutes", async () => {
    const { prisma } = currentDatabase().database;
    expect(SIGN_IN_ATTEMPT_TTL_MS).toBe(10 * 60_000);
    await beginSignIn(prisma, attempt("in-time"));
    await beginSignIn(prisma, attempt("too-late"));
    expect(await consumeSignIn(prisma, "in-time", at(SIGN_IN_ATTEMPT_TTL_MS - 1))).not.toBeNull();
    expect(await consumeSignIn(prisma, "too-late", at(SIGN_IN_ATTEMPT_TTL_MS))).toBeNull();
  });

  it("refuses a state issued twice", async () => {
    const { prisma } = currentDatabase().database;
    await beginSignIn(prisma, attempt("state-1"));
    await expect(beginSignIn(prisma, attempt("state-1"))).rejects.toMatchObject({ code: "P2002" });
  });

  it("lets exactly one of 10 concurrent callbacks with one state win, across replicas", async () => {
    await beginSignIn(currentDatabase().database.prisma, attempt("contested"));
    // On PostgreSQL the callbacks arrive through two replicas' pools; PGlite has one connection.
    const replicas: Database[] = TEST_DATABASE_KIND === "postgresql" ? [currentDatabase().database, await currentDatabase().openAnother()] : [currentDatabase().database];
    // Open every pooled connection first, so the callbacks overlap instead of queueing on connects.
    await Promise.all(replicas.flatMap(({ prisma }) => Array.from({ length: 5 }, () => prisma.$executeRaw`SELECT pg_sleep(0.05)`)));
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, n) => consumeSignIn(replicas[n % replicas.length]!.prisma, "contested", at(1000))),
    );
    expect(results.filter((result) => result !== null)).toHaveLength(1);
  });

  it("purges attempts that can never be consumed and keeps those in flight", async () => {
    const { prisma } = currentDatabase().database;
    await beginSignIn(prisma, attempt("consumed"));
    await consumeSignIn(prisma, "consumed", at(1000));
    await beginSignIn(prisma, attempt("expired", at(-SIGN_IN_ATTEMPT_TTL_MS)));
    await beginSignIn(prisma, attempt("in-flight"));
    expect(await purgeExpired(prisma, at(2000))).toEqual({ sessions: 0, signInAttempts: 2 });
    expect((await prisma.signInAttempt.findMany()).map((row) => row.state)).toEqual(["in-flight"]);
  });
});
