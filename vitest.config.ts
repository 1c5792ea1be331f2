import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = {
  "@": path.resolve(import.meta.dirname),
  "server-only": path.resolve(import.meta.dirname, "testing/empty-module.ts"),
};
const exclude = ["node_modules/**", ".next/**", ".data/**", "e2e/**"];

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["**/*.test.ts", "**/*.test.tsx"],
          exclude: [...exclude, "**/*.int.test.ts", "emulator/**"],
          environment: "node",
        },
      },
      {
        resolve: { alias },
        test: {
          name: "emulator",
          include: ["emulator/**/*.test.ts"],
          exclude,
          environment: "node",
          // Makes the test CA and sets NODE_EXTRA_CA_CERTS before workers start.
          globalSetup: ["emulator/testing/tls-for-tests.ts"],
          testTimeout: 30_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["**/*.int.test.ts"],
          exclude,
          environment: "node",
          // Serial: each file creates its own database, and PGlite runs in-process.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
