import { describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/config/schema";
import { databaseTargetFor, migrationTargetFor } from "./database";

const RUNTIME = "postgresql://stagegate_app@db.example.net:5432/stagegate";
const OWNER = "postgresql://stagegate_owner@db.example.net:5432/stagegate";

describe("where migrations run", () => {
  it("runs them as the owner role of DATABASE_MIGRATION_URL, while the app connects as DATABASE_URL's runtime role", () => {
    const config = parseConfig({ DATABASE_URL: RUNTIME, DATABASE_MIGRATION_URL: OWNER });
    expect(databaseTargetFor(config)).toMatchObject({ kind: "postgresql", url: RUNTIME });
    expect(migrationTargetFor(config)).toEqual({ kind: "postgresql", url: OWNER, poolSize: 1 });
  });

  it("runs them on the app's own database otherwise (one role, or the embedded database's one user)", () => {
    expect(migrationTargetFor(parseConfig({ DATABASE_URL: RUNTIME }))).toMatchObject({ kind: "postgresql", url: RUNTIME });
    expect(migrationTargetFor(parseConfig({ DATA_DIR: "/srv/stagegate" }))).toEqual({ kind: "embedded", dataDir: "/srv/stagegate/pglite" });
  });
});
