import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { person } from "@/lib/promotions/testing/promotion-fixtures";
import { testServices } from "@/lib/services/testing/test-services";
import { TEST_DATABASE_KIND, useMigratedTempDatabase } from "@/testing/temp-database";
import { currentTemplate, readRolloutTemplates, saveRolloutTemplate } from "./rollout-templates";

describe(`rollout templates on ${TEST_DATABASE_KIND}`, () => {
  const currentDatabase = useMigratedTempDatabase();

  it("states the latency sample minimum: seeded as 20 and 1, required on save (a refusal changes nothing), read as 1 from a template stored before it existed", async () => {
    const { prisma } = currentDatabase().database;
    const services = testServices({ db: prisma });
    const admin = await person(prisma, "Ada Admin", ["Stagegate.Admin"]);
    const templates = await readRolloutTemplates(admin, {}, services);
    const standard = templates.find((template) => template.name === "standard")!;
    expect(standard.content.thresholds.minLatencySamplesPerArm).toBe(20);
    expect(templates.find((template) => template.name === "demo")!.content.thresholds.minLatencySamplesPerArm).toBe(1);

    const { minLatencySamplesPerArm, ...withoutMinimum } = standard.content.thresholds;
    expect(minLatencySamplesPerArm).toBe(20);
    const older = { ...standard.content, thresholds: withoutMinimum };
    const refusal = await saveRolloutTemplate(admin, { name: "standard", expectedVersion: standard.version, content: JSON.stringify(older), idempotencyKey: randomUUID() }, services).catch((error: unknown) => error);
    expect(refusal).toMatchObject({ code: "invalid_input", fieldErrors: { "content.thresholds.minLatencySamplesPerArm": expect.stringContaining("is required") } });
    expect(await currentTemplate(prisma, "standard")).toMatchObject({ version: standard.version, content: { thresholds: { minLatencySamplesPerArm: 20 } } });
    expect(await prisma.auditEvent.count({ where: { action: "template.changed" } })).toBe(0);

    await prisma.settingsVersion.create({
      data: { kind: "rollout_template", name: "saved-long-ago", version: 1, content: older, createdById: admin.user.id, createdByName: "Ada Admin", changeNote: "before the minimum", idempotencyKey: randomUUID() },
    });
    const legacy = (await readRolloutTemplates(admin, {}, services)).find((template) => template.name === "saved-long-ago")!;
    expect(legacy.content.thresholds.minLatencySamplesPerArm).toBe(1);
  });

  it("a valid edit is the next version, audited, and the earlier version stays as it was", async () => {
    const { prisma } = currentDatabase().database;
    const services = testServices({ db: prisma });
    const admin = await person(prisma, "Ada Admin", ["Stagegate.Admin"]);
    const demo = (await currentTemplate(prisma, "demo"))!;
    const { saved } = await saveRolloutTemplate(admin, { name: "demo", expectedVersion: demo.version, content: JSON.stringify({ ...demo.content, bakeSeconds: 45 }), idempotencyKey: randomUUID() }, services);
    expect(saved).toMatchObject({ version: demo.version + 1, content: { bakeSeconds: 45 }, createdByName: "Ada Admin" });
    expect(await prisma.settingsVersion.findUniqueOrThrow({ where: { kind_name_version: { kind: "rollout_template", name: "demo", version: demo.version } } })).toMatchObject({ content: { bakeSeconds: 20 } });
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { action: "template.changed" } });
    expect(event).toMatchObject({ subjectType: "rollout_template", subjectId: "demo", data: { version: demo.version + 1, previousVersion: demo.version } });
  });
});
