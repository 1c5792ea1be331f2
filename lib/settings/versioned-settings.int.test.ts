import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { currentPolicy } from "@/lib/policy/policy-store";
import { updatePolicy } from "@/lib/policy/update-policy";
import { person } from "@/lib/promotions/testing/promotion-fixtures";
import { currentTemplate, saveRolloutTemplate } from "@/lib/rollouts/templates/rollout-templates";
import { testServices } from "@/lib/services/testing/test-services";
import { TEST_DATABASE_KIND, useMigratedTempDatabase } from "@/testing/temp-database";

const CONCURRENT_SAVES = 20;

describe(`versioned settings on ${TEST_DATABASE_KIND}`, () => {
  const currentDatabase = useMigratedTempDatabase();

  it(`of ${CONCURRENT_SAVES} concurrent template saves on one version, exactly one wins and the others get a conflict`, async () => {
    const { prisma } = currentDatabase().database;
    const services = testServices({ db: prisma });
    const admin = await person(prisma, "Ada Admin", ["Stagegate.Admin"]);
    const demo = (await currentTemplate(prisma, "demo"))!;
    const outcomes = await Promise.allSettled(
      Array.from({ length: CONCURRENT_SAVES }, (_, index) =>
        saveRolloutTemplate(admin, { name: "demo", expectedVersion: demo.version, content: JSON.stringify({ ...demo.content, bakeSeconds: 30 + index }), idempotencyKey: randomUUID() }, services),
      ),
    );
    const won = outcomes.filter((outcome) => outcome.status === "fulfilled");
    const refused = outcomes.flatMap((outcome) => (outcome.status === "rejected" ? [outcome.reason] : []));
    expect(won).toHaveLength(1);
    expect(refused).toHaveLength(CONCURRENT_SAVES - 1);
    for (const reason of refused) expect(reason).toMatchObject({ kind: "refused", code: "stale_version", status: 409, message: expect.stringContaining("changed while you edited it") });
    const saved = (await currentTemplate(prisma, "demo"))!;
    expect(saved.version).toBe(demo.version + 1);
    expect(await prisma.settingsVersion.count({ where: { kind: "rollout_template", name: "demo" } })).toBe(2);
    expect(await prisma.auditEvent.count({ where: { action: "template.changed" } })).toBe(1);
  });

  it(`of ${CONCURRENT_SAVES} concurrent creates of one new template, exactly one wins and none answers 500`, async () => {
    const { prisma } = currentDatabase().database;
    const services = testServices({ db: prisma });
    const admin = await person(prisma, "Ada Admin", ["Stagegate.Admin"]);
    const demo = (await currentTemplate(prisma, "demo"))!;
    const outcomes = await Promise.allSettled(
      Array.from({ length: CONCURRENT_SAVES }, () => saveRolloutTemplate(admin, { name: "fast-lane", expectedVersion: 0, content: JSON.stringify(demo.content), idempotencyKey: randomUUID() }, services)),
    );
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
    for (const outcome of outcomes) if (outcome.status === "rejected") expect(outcome.reason).toMatchObject({ code: "stale_version", status: 409 });
    expect((await currentTemplate(prisma, "fast-lane"))!.version).toBe(1);
  });

  it(`of ${CONCURRENT_SAVES} concurrent policy saves on one version, exactly one wins and the others get a conflict`, async () => {
    const { prisma } = currentDatabase().database;
    const services = testServices({ db: prisma });
    const admin = await person(prisma, "Ada Admin", ["Stagegate.Admin"]);
    const before = await currentPolicy(prisma);
    const outcomes = await Promise.allSettled(
      Array.from({ length: CONCURRENT_SAVES }, (_, index) =>
        updatePolicy(admin, { basedOnVersion: before.version, content: { ...before.content, requestTtlDays: 2 + index }, changeNote: `expiry ${2 + index} days`, idempotencyKey: randomUUID() }, services),
      ),
    );
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
    const refused = outcomes.flatMap((outcome) => (outcome.status === "rejected" ? [outcome.reason] : []));
    expect(refused).toHaveLength(CONCURRENT_SAVES - 1);
    for (const reason of refused) expect(reason).toMatchObject({ code: "stale_version", status: 409 });
    expect((await currentPolicy(prisma)).version).toBe(before.version + 1);
    expect(await prisma.auditEvent.count({ where: { action: "policy.changed" } })).toBe(1);
  });

  it("replays a resubmitted save, refuses a save based on an old version, and keeps every version unchangeable", async () => {
    const { prisma } = currentDatabase().database;
    const services = testServices({ db: prisma });
    const admin = await person(prisma, "Ada Admin", ["Stagegate.Admin"]);
    const before = await currentPolicy(prisma);
    const input = { basedOnVersion: before.version, content: { ...before.content, quorum: 2 }, changeNote: "quorum 2", idempotencyKey: randomUUID() };
    const first = await updatePolicy(admin, input, services);
    const again = await updatePolicy(admin, input, services);
    expect(first.replayed).toBe(false);
    expect(again).toMatchObject({ replayed: true, policy: { version: first.policy.version } });
    await expect(updatePolicy(admin, { ...input, idempotencyKey: randomUUID() }, services)).rejects.toMatchObject({
      code: "stale_version",
      message: expect.stringContaining(`version ${first.policy.version} was saved by Ada Admin`),
    });
    const other = await person(prisma, "Eve Admin", ["Stagegate.Admin"]);
    await expect(updatePolicy(other, input, services)).rejects.toMatchObject({ code: "idempotency_conflict" });
    await expect(prisma.settingsVersion.updateMany({ where: { kind: "promotion_policy" }, data: { changeNote: "edited" } })).rejects.toThrow(/append-only/);
    expect(await prisma.settingsVersion.count({ where: { kind: "promotion_policy" } })).toBe(2);
  });
});
