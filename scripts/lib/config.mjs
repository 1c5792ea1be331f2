// Scripts validate settings with the app's own schema before doing any work.
import { createJiti } from "jiti";

const jiti = createJiti(import.meta.url);

/** Parses env with lib/config/schema.ts; on a bad value prints the readable message and exits 1. */
export async function loadConfigOrExit(env = process.env) {
  const { parseConfig, ConfigError } = await jiti.import("../../lib/config/schema.ts");
  try {
    return parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`\n${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
