// Every verb that takes a context, called as each role: allowed exactly when the matrix says so,
// else refused with 403. Add each new verb here.
import { describe, expect, it } from "vitest";
import { readSystemStatus } from "@/lib/health/read-system-status";
import { listModels } from "@/lib/registry/list-models";
import { readModel } from "@/lib/registry/read-model";
import { readVersionLineage } from "@/lib/registry/read-version-lineage";
import { fakeRegistrySources } from "@/lib/registry/testing/fake-registry";
import { describeCaller } from "./describe-caller";
import { AuthorizationError, can, permissionsOf, ROLES, type Permission } from "./permissions";
import type { RequestContext } from "./request-context";

function contextFor(roles: string[]): RequestContext & { appId: string } {
  return { appId: "app", user: { id: "u", oid: "o", tenantId: "t", name: "Test", email: null }, roles, permissions: permissionsOf(roles) };
}

const READY = async () => ({ ready: true, checkedAt: "2026-11-24T00:00:00.000Z", database: { kind: "embedded" as const, reachable: true, roundTripMs: 1 }, upstreams: [] });

// Written out from DESIGN.md ("Who uses it"), not computed from the matrix under test.
const VERBS: { name: string; permission: Permission; allowed: string[]; call: (ctx: RequestContext & { appId: string }) => Promise<unknown> }[] = [
  {
    name: "readSystemStatus",
    permission: "monitoring:read",
    allowed: ["Stagegate.Viewer", "Stagegate.MLEngineer", "Stagegate.MLLead", "Stagegate.ProductOwner"],
    call: (ctx) => readSystemStatus(ctx, READY),
  },
  { name: "describeCaller", permission: "gate-api:read", allowed: ["Stagegate.Pipeline"], call: async (ctx) => describeCaller(ctx) },
  {
    name: "listModels",
    permission: "registry:read",
    allowed: ["Stagegate.Viewer", "Stagegate.MLEngineer", "Stagegate.MLLead", "Stagegate.ProductOwner"],
    call: (ctx) => listModels(ctx, { size: 25 }, fakeRegistrySources()),
  },
  {
    name: "readModel",
    permission: "registry:read",
    allowed: ["Stagegate.Viewer", "Stagegate.MLEngineer", "Stagegate.MLLead", "Stagegate.ProductOwner"],
    call: (ctx) => readModel(ctx, { name: "churn_xgb", metricNames: ["auc"] }, fakeRegistrySources()),
  },
  {
    name: "readVersionLineage",
    permission: "lineage:read",
    allowed: ["Stagegate.Viewer", "Stagegate.MLEngineer", "Stagegate.MLLead", "Stagegate.ProductOwner"],
    call: (ctx) => readVersionLineage(ctx, { name: "churn_xgb", version: "7" }, fakeRegistrySources()),
  },
];

describe("role matrix over the server-side verbs", () => {
  for (const verb of VERBS) {
    for (const roles of [...ROLES.map((role) => [role]), []]) {
      const allowed = roles.some((role) => verb.allowed.includes(role));
      it(`${verb.name} as ${roles[0] ?? "no role"}: ${allowed ? "allowed" : "403"}`, async () => {
        const attempt = verb.call(contextFor(roles));
        if (allowed) await expect(attempt).resolves.toBeDefined();
        else await expect(attempt).rejects.toMatchObject({ status: 403, permission: verb.permission });
        if (!allowed) await expect(verb.call(contextFor(roles))).rejects.toBeInstanceOf(AuthorizationError);
        expect(can(roles, verb.permission)).toBe(allowed);
      });
    }
  }

  it("a user holding several roles gets the union (FinOps + Viewer reads system status)", async () => {
    await expect(readSystemStatus(contextFor(["Stagegate.FinOps", "Stagegate.Viewer"]), READY)).resolves.toMatchObject({ ready: true });
    await expect(readSystemStatus(contextFor(["Stagegate.FinOps"]), READY)).rejects.toMatchObject({ status: 403 });
  });
});
