import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/db/open-database";
import { createTempDatabase, TEST_DATABASE_KIND, type TempDatabase } from "@/testing/temp-database";
import { checkReadiness } from "./check-readiness";

describe(`readiness on ${TEST_DATABASE_KIND}`, () => {
  let temp: TempDatabase;
  beforeEach(async () => {
    temp = await createTempDatabase();
  });
  afterEach(async () => {
    await temp.drop();
  });

  it("is ready when the database answers, and reports its kind and round trip", async () => {
    const readiness = await checkReadiness({
      databaseKind: temp.database.kind,
      queryDatabase: () => temp.database.prisma.$queryRaw`SELECT 1`,
      upstreams: [],
      timeoutMs: 3000,
    });
    expect(readiness).toMatchObject({ ready: true, database: { kind: TEST_DATABASE_KIND, reachable: true } });
    expect(readiness.database.roundTripMs).toBeGreaterThanOrEqual(0);
  });

  it("is not ready when PostgreSQL refuses connections, and says why", async () => {
    const unreachable = await openDatabase({ kind: "postgresql", url: "postgresql://postgres@127.0.0.1:1/none", poolSize: 1 });
    try {
      const readiness = await checkReadiness({
        databaseKind: "postgresql",
        queryDatabase: () => unreachable.prisma.$queryRaw`SELECT 1`,
        upstreams: [{ name: "mlflow", url: "https://127.0.0.1:1/mlflow" }],
        timeoutMs: 2000,
      });
      expect(readiness.ready).toBe(false);
      expect(readiness.database).toMatchObject({ kind: "postgresql", reachable: false });
      expect(readiness.database.detail).toBeTruthy();
      expect(readiness.upstreams).toEqual([
        expect.objectContaining({ name: "mlflow", origin: "https://127.0.0.1:1", reachable: false }),
      ]);
    } finally {
      await unreachable.close();
    }
  });
});
