import "server-only";
import { parseConfig, type AppConfig } from "./config/schema";

export type { AppConfig } from "./config/schema";

let cached: AppConfig | undefined;

/** The process's settings, parsed once from the environment. */
export function getConfig(): AppConfig {
  cached ??= parseConfig(process.env);
  return cached;
}
