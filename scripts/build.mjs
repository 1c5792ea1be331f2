// `npm run build`: the production build (standalone server), always rebuilt.
import { buildApp } from "./lib/build.mjs";
import { loadConfigOrExit } from "./lib/config.mjs";

await loadConfigOrExit();
try {
  await buildApp({ force: true });
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
