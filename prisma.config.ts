import { defineConfig } from "prisma/config";

// Used by the Prisma CLI only. Offline we run `prisma generate` (scripts/prisma-generate.mjs) and
// our own migration runner; with internet, `prisma migrate deploy` works on the same folder.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/stagegate" },
});
