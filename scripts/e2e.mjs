// `npm run test:e2e`: build, start Stagegate on its own database, run Playwright, tear down.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildApp, ROOT } from "./lib/build.mjs";
import { ensureChromium } from "./lib/chromium.mjs";
import { loadConfigOrExit } from "./lib/config.mjs";
import { freePort, onShutdown, run, shutdown, stopChildrenOnSignals } from "./lib/processes.mjs";
import { createScratchDatabase } from "./lib/postgres.mjs";
import { countRecordedSecrets, scanLogsForSecrets } from "./lib/log-scan.mjs";
import { startStack } from "./lib/stack.mjs";

await loadConfigOrExit();
stopChildrenOnSignals();
let exitCode = 1;
try {
  await ensureChromium();
  await buildApp();
  const dataDir = mkdtempSync(path.join(tmpdir(), "stagegate-e2e-"));
  onShutdown(() => rmSync(dataDir, { recursive: true, force: true }));
  // Background work (applying approvals) every half second, and roles re-checked with Entra every
  // 6 s (e2e/role-recheck.spec.ts), so tests see both promptly.
  const env = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: process.env.LOG_LEVEL || "trace", BACKGROUND_POLL_MS: "500", ROLE_RECHECK_MINUTES: "0.1" };
  if (process.env.DATABASE_URL) {
    const scratch = await createScratchDatabase(process.env.DATABASE_URL, "e2e");
    onShutdown(scratch.drop);
    env.DATABASE_URL = scratch.url;
  }
  const appLogFile = path.join(ROOT, "test-results", "e2e-app.log");
  const secretsFile = path.join(ROOT, "test-results", "e2e-secrets-seen.txt");
  mkdirSync(path.dirname(appLogFile), { recursive: true });
  rmSync(appLogFile, { force: true });
  rmSync(secretsFile, { force: true });
  const { url, endpoints } = await startStack({ port: await freePort(), env, appLogFile });
  console.log(`Stagegate for e2e at ${url} (${env.DATABASE_URL ? "PostgreSQL" : "embedded database"})`);
  exitCode = await run(process.execPath, [path.join(ROOT, "node_modules", "@playwright", "test", "cli.js"), "test", ...process.argv.slice(2)], {
    cwd: ROOT,
    env: {
      ...process.env,
      STAGEGATE_E2E_BASE_URL: url,
      STAGEGATE_E2E_DATABASE_KIND: env.DATABASE_URL ? "postgresql" : "embedded",
      // The app's data folder: the audit MAC key and checkpoints that `npm run audit:verify` checks.
      DATA_DIR: dataDir,
      // For `npm run audit:verify` against the app's own database (PostgreSQL only: the embedded one is locked by the app).
      STAGEGATE_E2E_DATABASE_URL: env.DATABASE_URL ?? "",
      STAGEGATE_E2E_USERS: JSON.stringify(endpoints.users),
      STAGEGATE_E2E_ENDPOINTS: JSON.stringify(endpoints),
      STAGEGATE_E2E_SECRETS_FILE: secretsFile,
    },
  });
  await shutdown();
  const problems = scanLogsForSecrets(appLogFile, secretsFile, [endpoints.clientSecret, endpoints.pipelineClient.clientSecret]);
  console.log(`Log scan: ${countRecordedSecrets(secretsFile)} codes, cookies and tokens seen by the tests; none may appear in ${path.relative(ROOT, appLogFile)}.`);
  if (problems.length > 0) {
    console.error(`Log scan FAILED:\n  ${problems.join("\n  ")}`);
    exitCode = 1;
  }
} catch (error) {
  console.error(`e2e could not run: ${error instanceof Error ? error.message : error}`);
} finally {
  await shutdown();
}
process.exit(exitCode);
