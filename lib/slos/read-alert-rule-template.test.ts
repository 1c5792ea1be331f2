import { describe, expect, it } from "vitest";
import type { PrismaClient } from "@/lib/db/generated/client";
import { DEFAULT_SLOS } from "@/lib/domain/slo/definitions";
import { contextWithRoles } from "@/lib/experiments/testing/viewer-context";
import { readAlertRuleTemplate } from "./read-alert-rule-template";

const AVAILABILITY = DEFAULT_SLOS.find((definition) => definition.id === "churn-endpoint-availability")!;

/** The settings store as Prisma answers it: the given saved versions, newest per name. */
function dbWith(saved: { name: string; version: number; content: unknown }[] = []) {
  const rows = saved.map((row) => ({ kind: "slo_definitions", ...row, createdById: "admin", createdByName: "Ada Admin", changeNote: "tighter", createdAt: new Date("2026-11-19T09:00:00Z") }));
  return { db: { settingsVersion: { findMany: async () => rows } } as unknown as PrismaClient };
}

describe("readAlertRuleTemplate", () => {
  it("gives whoever reads monitoring the template of the SLO as it stands, saved version and all", async () => {
    const services = dbWith([{ name: AVAILABILITY.id, version: 2, content: { ...AVAILABILITY, target: 0.99 } }]);
    const { id, template } = await readAlertRuleTemplate(contextWithRoles(["Stagegate.Viewer"]), { id: ` ${AVAILABILITY.id} ` }, services);
    expect(id).toBe("churn-endpoint-availability");
    expect(template.resources.map((resource) => resource.tags["stagegate-slo-version"])).toEqual(["2", "2"]);
    // The saved 99 % target, not the default 99.9 %: 14.4 × 0.01 = 0.144.
    expect(template.resources[0]!.properties.criteria.allOf[0]!.query).toContain("let maxBadRatio1h5m = real(0.144);");
  });

  it("answers the blueprint's default (version 0) for an SLO never saved", async () => {
    const { template } = await readAlertRuleTemplate(contextWithRoles(["Stagegate.MLEngineer"]), { id: "fraud-endpoint-latency" }, dbWith());
    expect(template.resources[0]!.tags).toEqual({ "stagegate-slo": "fraud-endpoint-latency", "stagegate-slo-version": "0" });
  });

  it("refuses whoever cannot read monitoring, Admins included (slos:edit is not monitoring:read)", async () => {
    for (const roles of [["Stagegate.Admin"], ["Stagegate.FinOps"], []]) {
      await expect(readAlertRuleTemplate(contextWithRoles(roles), { id: AVAILABILITY.id }, dbWith())).rejects.toMatchObject({ kind: "authorization", status: 403 });
    }
  });

  it("answers not found for an unknown or malformed id", async () => {
    await expect(readAlertRuleTemplate(contextWithRoles(), { id: "no-such-slo" }, dbWith())).rejects.toMatchObject({ code: "not_found", status: 404, message: "There is no SLO with id no-such-slo." });
    await expect(readAlertRuleTemplate(contextWithRoles(), { id: "x".repeat(65) }, dbWith())).rejects.toMatchObject({ code: "not_found", status: 404 });
  });

  it("answers not found, saying why, for a training-time SLO", async () => {
    await expect(readAlertRuleTemplate(contextWithRoles(), { id: "churn-xgb-training-time" }, dbWith())).rejects.toMatchObject({
      code: "not_found",
      message: expect.stringContaining("training runs are recorded in MLflow, which Azure Monitor cannot query"),
    });
  });
});
