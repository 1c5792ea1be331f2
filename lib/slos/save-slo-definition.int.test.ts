import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DEFAULT_SLOS } from "@/lib/domain/slo/definitions";
import { person } from "@/lib/promotions/testing/promotion-fixtures";
import { testServices } from "@/lib/services/testing/test-services";
import { TEST_DATABASE_KIND, useMigratedTempDatabase } from "@/testing/temp-database";
import { readSloDefinitionForEditing, readSloDefinitions } from "./read-slo-definitions";
import { saveSloDefinition } from "./save-slo-definition";
import { currentSloDefinitions } from "./slo-definition-store";

const LATENCY = DEFAULT_SLOS.find((slo) => slo.id === "churn-endpoint-latency")!;

const edit = (content: unknown, expectedVersion = 0) => ({ id: LATENCY.id, expectedVersion, content, changeNote: "threshold 150 ms after the feature cache moved", idempotencyKey: randomUUID() });

describe(`SLO definitions on ${TEST_DATABASE_KIND}`, () => {
  const currentDatabase = useMigratedTempDatabase();

  it("reads the blueprint's defaults as version 0 until an Admin saves one, which then replaces it with an audited version", async () => {
    const { prisma } = currentDatabase().database;
    const services = testServices({ db: prisma, requestId: "req-slo-1" });
    const admin = await person(prisma, "Ada Admin", ["Stagegate.Admin"]);
    const before = await readSloDefinitions(admin, {}, services);
    expect(before.map((stored) => [stored.definition.id, stored.version])).toEqual(DEFAULT_SLOS.map((slo) => [slo.id, 0]));

    const { slo, replayed } = await saveSloDefinition(admin, edit({ ...LATENCY, thresholdMs: 150 }), services);
    expect(replayed).toBe(false);
    expect(slo).toMatchObject({ name: LATENCY.id, version: 1, content: { ...LATENCY, thresholdMs: 150 }, createdByName: "Ada Admin" });

    const after = await currentSloDefinitions(prisma);
    expect(after.map((stored) => stored.definition.id)).toEqual(DEFAULT_SLOS.map((slo) => slo.id));
    expect(after[0]).toMatchObject({ version: 1, savedBy: "Ada Admin", changeNote: "threshold 150 ms after the feature cache moved", definition: { thresholdMs: 150 } });
    expect(after.slice(1).every((stored) => stored.version === 0)).toBe(true);

    const audit = await prisma.auditEvent.findMany({ where: { action: "slo.definition_saved" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ subjectType: "slo_definition", subjectId: LATENCY.id, actorName: "Ada Admin", requestId: "req-slo-1" });
    expect(audit[0]!.data).toMatchObject({ version: 1, previousVersion: null, before: null, after: { thresholdMs: 150 } });

    const second = await saveSloDefinition(admin, edit({ ...LATENCY, thresholdMs: 140 }, 1), services);
    expect(second.slo.version).toBe(2);
    const { current, history } = await readSloDefinitionForEditing(admin, { id: LATENCY.id }, services);
    expect(current).toMatchObject({ version: 2, definition: { thresholdMs: 140 } });
    expect(history).toMatchObject([
      { version: 2, content: { thresholdMs: 140 } },
      { version: 1, content: { thresholdMs: 150 } },
    ]);
  });

  it("refuses an edit the schema refuses (400, every bad field named) and writes nothing", async () => {
    const { prisma } = currentDatabase().database;
    const services = testServices({ db: prisma });
    const admin = await person(prisma, "Ada Admin", ["Stagegate.Admin"]);
    await expect(saveSloDefinition(admin, edit({ ...LATENCY, target: 1, thresholdMs: 0 }), services)).rejects.toMatchObject({
      kind: "refused",
      code: "invalid_input",
      status: 400,
      message: "Nothing was changed. Fix these and try again: content.thresholdMs: must be at least 1 ms; content.target: must be below 1: a 100 % target leaves no error budget.",
      fieldErrors: { "content.target": "must be below 1: a 100 % target leaves no error budget" },
    });
    await expect(saveSloDefinition(admin, edit({ ...LATENCY, id: "other-latency" }), services)).rejects.toMatchObject({ status: 400, message: expect.stringContaining("content.id: must be churn-endpoint-latency") });
    await expect(saveSloDefinition(admin, edit({ ...LATENCY, kind: "availability", thresholdMs: undefined }), services)).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining("content.kind: must stay latency"),
    });
    await expect(saveSloDefinition(admin, { ...edit({ ...LATENCY, thresholdMs: 150 }), changeNote: "" }, services)).rejects.toMatchObject({ status: 400, message: expect.stringContaining("changeNote") });
    expect(await prisma.settingsVersion.count({ where: { kind: "slo_definitions" } })).toBe(0);
    expect(await prisma.auditEvent.count({ where: { action: "slo.definition_saved" } })).toBe(0);
    expect((await currentSloDefinitions(prisma))[0]).toMatchObject({ version: 0, definition: LATENCY });
  });

  it("refuses a save based on a version that is no longer the newest with 409, and replays a resubmitted one", async () => {
    const { prisma } = currentDatabase().database;
    const services = testServices({ db: prisma });
    const admin = await person(prisma, "Ada Admin", ["Stagegate.Admin"]);
    const other = await person(prisma, "Eve Admin", ["Stagegate.Admin"]);
    const first = edit({ ...LATENCY, thresholdMs: 150 });
    await saveSloDefinition(admin, first, services);
    expect(await saveSloDefinition(admin, first, services)).toMatchObject({ replayed: true, slo: { version: 1 } });
    await expect(saveSloDefinition(other, edit({ ...LATENCY, thresholdMs: 100 }, 0), services)).rejects.toMatchObject({
      kind: "refused",
      code: "stale_version",
      status: 409,
      message: expect.stringContaining("SLO churn-endpoint-latency changed while you edited it: you started from version 0, and version 1 was saved by Ada Admin"),
    });
    expect(await prisma.settingsVersion.count({ where: { kind: "slo_definitions" } })).toBe(1);
    expect((await currentSloDefinitions(prisma))[0]!.definition).toMatchObject({ thresholdMs: 150 });
  });

  it("refuses everyone but an Admin with 403 before reading anything", async () => {
    const { prisma } = currentDatabase().database;
    const services = testServices({ db: prisma });
    for (const role of ["Stagegate.Viewer", "Stagegate.MLLead", "Stagegate.FinOps", "Stagegate.Pipeline"]) {
      const caller = await person(prisma, `A ${role}`, [role]);
      await expect(saveSloDefinition(caller, edit({ ...LATENCY, thresholdMs: 150 }), services)).rejects.toMatchObject({ kind: "authorization", status: 403, message: expect.stringContaining("Stagegate.Admin role to view and edit SLOs") });
      await expect(saveSloDefinition(caller, null, services)).rejects.toMatchObject({ status: 403 });
      await expect(readSloDefinitions(caller, {}, services)).rejects.toMatchObject({ status: 403 });
    }
    expect(await prisma.settingsVersion.count({ where: { kind: "slo_definitions" } })).toBe(0);
  });
});
