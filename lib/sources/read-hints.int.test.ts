// The read hints store on a migrated database: what one process remembers another (a replica, or
// the same server after a restart) recalls, an unchanged value is not written again, and a store
// that cannot reach its table reads and writes nothing instead of failing the page.
import { describe, expect, it, vi } from "vitest";
import { createTempRuntimeRole } from "@/lib/db/testing/temp-runtime-role";
import { rawSql, TEST_DATABASE_KIND, useMigratedTempDatabase } from "@/testing/temp-database";
import { DatabaseReadHints, HINT_KEYS } from "./read-hints";

const silent = () => ({ warn: vi.fn() });

describe(`read hints on ${TEST_DATABASE_KIND}`, () => {
  const currentDatabase = useMigratedTempDatabase();
  const store = (log = silent()) => new DatabaseReadHints(async () => currentDatabase().database.prisma, log);
  const recordedAt = async (key: string) =>
    (await rawSql(currentDatabase())<{ at: string }>(`SELECT recorded_at::text AS at FROM read_hints WHERE key = $1`, [key]))[0]?.at;

  it("recalls in another process what one remembered, several keys in one query, absent keys left out", async () => {
    const writer = store();
    await writer.remember(HINT_KEYS.versionRun("churn_xgb", "7"), { runId: "r7", lineage: { experimentId: "3", parentRunId: null } });
    await writer.remember(HINT_KEYS.endpointNames, ["a", "b"]);
    const reader = store();
    const recalled = await reader.recall([HINT_KEYS.versionRun("churn_xgb", "7"), HINT_KEYS.endpointNames, HINT_KEYS.runLineage("none")]);
    expect(Object.fromEntries(recalled)).toEqual({
      [HINT_KEYS.versionRun("churn_xgb", "7")]: { runId: "r7", lineage: { experimentId: "3", parentRunId: null } },
      [HINT_KEYS.endpointNames]: ["a", "b"],
    });
  });

  it("writes a value only when it changed, whichever process remembers it", async () => {
    const key = HINT_KEYS.endpointNames;
    await store().remember(key, ["a"]);
    // Back-date the row, so a rewrite shows however fast the next statement comes.
    await rawSql(currentDatabase())(`UPDATE read_hints SET recorded_at = now() - interval '1 hour'`);
    const first = await recordedAt(key);
    expect(first).toBeDefined();
    await store().remember(key, ["a"]);
    expect(await recordedAt(key)).toBe(first);
    await store().remember(key, ["a", "c"]);
    expect(await recordedAt(key)).not.toBe(first);
    expect((await store().recall([key])).get(key)).toEqual(["a", "c"]);
  });

  it("answers from its memo once it knows a key, and logs rather than throws when the table cannot be reached", async () => {
    const hints = store();
    await hints.remember(HINT_KEYS.runMetricKeys("r1"), ["auc"]);
    await rawSql(currentDatabase())(`DELETE FROM read_hints`);
    expect((await hints.recall([HINT_KEYS.runMetricKeys("r1")])).get(HINT_KEYS.runMetricKeys("r1"))).toEqual(["auc"]);

    const log = silent();
    const broken = new DatabaseReadHints(async () => Promise.reject(new Error("database down")), log);
    await expect(broken.recall([HINT_KEYS.endpointNames])).resolves.toEqual(new Map());
    await expect(broken.remember(HINT_KEYS.endpointNames, ["a"])).resolves.toBeUndefined();
    expect(log.warn).toHaveBeenCalledTimes(2);
  });

  it.runIf(TEST_DATABASE_KIND === "postgresql")("is read and written by the runtime role", async () => {
    const runtime = await createTempRuntimeRole(currentDatabase());
    try {
      const log = silent();
      const asRuntime = () => new DatabaseReadHints(async () => runtime.database.prisma, log);
      await asRuntime().remember(HINT_KEYS.endpointNames, ["a"]);
      await asRuntime().remember(HINT_KEYS.endpointNames, ["b"]);
      expect((await asRuntime().recall([HINT_KEYS.endpointNames])).get(HINT_KEYS.endpointNames)).toEqual(["b"]);
      expect(log.warn).not.toHaveBeenCalled();
    } finally {
      await runtime.drop();
    }
  });
});
