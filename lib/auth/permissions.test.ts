import { describe, expect, it } from "vitest";
import {
  AuthorizationError,
  PERMISSIONS,
  ROLES,
  can,
  permissionsOf,
  requirePermission,
  rolesGranting,
  type Permission,
  type Role,
} from "./permissions";

// The matrix as documented, written out independently of the code: x = granted.
// Columns: Viewer, MLEngineer, MLLead, ProductOwner, FinOps, Admin, Pipeline.
const EXPECTED_MATRIX = `
registry:read       x x x x . . .
lineage:read        x x x x . . .
rollouts:read       x x x x . . .
monitoring:read     x x x x . . .
promotions:request  . x x . . . .
rollouts:draft      . x x . . . .
promotions:decide   . . x . . . .
rollouts:operate    . . x . . . .
rollouts:rollback   . . x . . . .
gates:override      . . x . . . .
kpi:read            . . . x . . .
roi:read            . . . x . . .
costs:read          . . . . x . .
budgets:read        . . . . x . .
policy:edit         . . . . . x .
slos:edit           . . . . . x .
templates:edit      . . . . . x .
audit:read          . . . . . x .
gate-api:read       . . . . . . x
`;

const COLUMNS: Role[] = [
  "Stagegate.Viewer",
  "Stagegate.MLEngineer",
  "Stagegate.MLLead",
  "Stagegate.ProductOwner",
  "Stagegate.FinOps",
  "Stagegate.Admin",
  "Stagegate.Pipeline",
];

const expected = new Map(
  EXPECTED_MATRIX.trim()
    .split("\n")
    .map((line) => {
      const [permission, ...marks] = line.trim().split(/\s+/);
      return [permission as Permission, marks.map((mark) => mark === "x")] as const;
    }),
);

const cells = [...expected].flatMap(([permission, granted]) =>
  COLUMNS.map((role, column) => ({ role, permission, allowed: granted[column] })),
);

describe("the permission matrix", () => {
  it("covers every role and every permission, no more", () => {
    expect([...ROLES]).toEqual(COLUMNS);
    expect(new Set(expected.keys())).toEqual(new Set(PERMISSIONS));
    expect(cells).toHaveLength(ROLES.length * PERMISSIONS.length);
  });

  it.each(cells)("$role may $permission: $allowed", ({ role, permission, allowed }) => {
    expect(can([role], permission)).toBe(allowed);
    expect(permissionsOf([role]).has(permission)).toBe(allowed);
    expect(rolesGranting(permission).includes(role)).toBe(allowed);
  });

  it("gives several roles the union of their permissions", () => {
    const both = permissionsOf(["Stagegate.FinOps", "Stagegate.Viewer"]);
    expect([...both].sort()).toEqual(
      ["budgets:read", "costs:read", "lineage:read", "monitoring:read", "registry:read", "rollouts:read"].sort(),
    );
  });

  it("grants nothing for unknown role strings, near-misses included", () => {
    const unknown = ["Stagegate.Superuser", "stagegate.admin", "Admin", "Stagegate.Admin ", ""];
    expect(permissionsOf(unknown).size).toBe(0);
    for (const permission of PERMISSIONS) expect(can(unknown, permission)).toBe(false);
  });

  it("grants nothing for no roles", () => {
    expect(permissionsOf([]).size).toBe(0);
    for (const permission of PERMISSIONS) expect(can([], permission)).toBe(false);
  });

  it("still honours the known roles next to unknown ones", () => {
    expect(can(["Something.Else", "Stagegate.MLLead"], "gates:override")).toBe(true);
  });
});

describe("requirePermission", () => {
  it("returns quietly when a role allows the action", () => {
    expect(() => requirePermission({ roles: ["Stagegate.MLLead"] }, "promotions:decide")).not.toThrow();
  });

  it("throws a 403 naming the permission and the one role that grants it", () => {
    const refusal = catchRefusal({ roles: ["Stagegate.MLEngineer"] }, "promotions:decide");
    expect(refusal).toMatchObject({ status: 403, permission: "promotions:decide", grantingRoles: ["Stagegate.MLLead"] });
    expect(refusal.message).toBe(
      "You need the Stagegate.MLLead role to approve or reject a promotion. " +
        "Ask whoever manages Stagegate's app roles in Microsoft Entra ID to assign it to you.",
    );
  });

  it("names every role that grants a permission held by several", () => {
    const refusal = catchRefusal({ roles: [] }, "rollouts:read");
    expect(refusal.grantingRoles).toEqual([
      "Stagegate.Viewer",
      "Stagegate.MLEngineer",
      "Stagegate.MLLead",
      "Stagegate.ProductOwner",
    ]);
    expect(refusal.message).toContain(
      "Stagegate.Viewer or Stagegate.MLEngineer or Stagegate.MLLead or Stagegate.ProductOwner role to read rollouts",
    );
  });

  it("refuses a user whose only roles are unknown", () => {
    expect(catchRefusal({ roles: ["Stagegate.Owner"] }, "audit:read").grantingRoles).toEqual(["Stagegate.Admin"]);
  });
});

function catchRefusal(ctx: { roles: readonly string[] }, permission: Permission): AuthorizationError {
  try {
    requirePermission(ctx, permission);
  } catch (error) {
    if (error instanceof AuthorizationError) return error;
    throw error;
  }
  throw new Error(`expected ${permission} to be refused`);
}
