import "server-only";
import pino, { type Logger } from "pino";
import { getConfig } from "@/lib/config";
import { processSingleton } from "@/lib/services/process-singletons";

// Values that must never reach a log line, whatever a caller passes in.
const REDACTED_PATHS = [
  "password",
  "secret",
  "token",
  "accessToken",
  "idToken",
  "refreshToken",
  "cookie",
  "authorization",
  "*.password",
  "*.secret",
  "*.token",
  "*.accessToken",
  "*.idToken",
  "*.refreshToken",
  // The OAuth authorization code where it travels; err.code (ECONNREFUSED, P2002) stays readable.
  "query.code",
  "body.code",
  "*.query.code",
  "*.body.code",
  "*.cookie",
  "*.authorization",
  "headers.cookie",
  "headers.authorization",
];

/** The process logger: one JSON object per line on stdout. */
export function getLogger(): Logger {
  return processSingleton("logger", () => pino({
    level: getConfig().LOG_LEVEL,
    base: { service: "stagegate" },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
  }));
}
