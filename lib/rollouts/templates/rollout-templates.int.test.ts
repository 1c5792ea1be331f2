import { describe, expect, it } from "vitest";
import { person } from "@/lib/promotions/testing/promotion-fixtures";
import { TEST_DATABASE_KIND, useMigratedTempDatabase } from "@/testing/temp-database";
import { readRolloutTemplates, saveRolloutTemplate } from "./rollout-templates";

describe(`rollout templates on ${TEST_DATABASE_KIND}`, () => {
  const currentDatabase = useMigratedTempDatabase();

  it("states the latency sample minimum: seeded as 20 and 1, required on save (a refusal changes nothing), read as 1 from a template stored before it existed", async () => {
    const { prisma } = currentDatabase().database;
    const admin = await person(prisma, "Ada Admin", ["Stagegate.Admin"]);
    const templates = await readRolloutTemplates(admin, { prisma });
    const standard = templates.find((template) => template.name === "standard")!;
    expect(standard.content.thresholds.minLatencySamplesPerArm).toBe(20);
    expect(templates.find((template) => template.name === "demo")!.content.thresholds.minLatencySamplesPerArm).toBe(1);

    const { minLatencySamplesPerArm, ...withoutMinimum } = standard.content.thresholds;
    expect(minLatencySamplesPerArm).toBe(20);
    const older = { ...standard.content, thresholds: withoutMinimum };
    const refusal = await saveRolloutTemplate(admin, { name: "standard", expectedVersion: standard.version, content: JSON.stringify(older) }, { prisma, requestId: null }).catch((error: unknown) => error);
    expect(refusal).toMatchObject({ code: "invalid_input", fieldErrors: { "content.thresholds.minLatencySamplesPerArm": expect.stringContaining("is required") } });
    expect(await prisma.rolloutTemplate.findUniqueOrThrow({ where: { name: "standard" } })).toMatchObject({ version: standard.version, content: { thresholds: { minLatencySamplesPerArm: 20 } } });
    expect(await prisma.auditEvent.count({ where: { action: "template.changed" } })).toBe(0);

    await prisma.rolloutTemplate.create({ data: { name: "saved-long-ago", content: older, updatedById: admin.user.id, updatedByName: "Ada Admin" } });
    const legacy = (await readRolloutTemplates(admin, { prisma })).find((template) => template.name === "saved-long-ago")!;
    expect(legacy.content.thresholds.minLatencySamplesPerArm).toBe(1);
  });
});
