import { describe, expect, it } from "vitest";
import { runtimeRoleGrantSql } from "./runtime-role";

describe("the runtime role's grants", () => {
  it("puts only a plain role name into the SQL", () => {
    expect(runtimeRoleGrantSql("stagegate_app")).toContain("runtime_role text := 'stagegate_app';");
    for (const name of ["Stagegate", "app'; DROP TABLE audit_events; --", "a-b", "", "x".repeat(64)]) {
      expect(() => runtimeRoleGrantSql(name)).toThrow(/is not a role name Stagegate accepts/);
    }
  });
});
