// After the browser tests: the app's logs must not contain a token, a secret, an authorization
// code or a cookie value. The tests record every such value they saw; this looks for each.
import { existsSync, readFileSync } from "node:fs";

const JWT = /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/;

/** Returns the problems found (empty when the logs are clean). */
export function scanLogsForSecrets(logFile, secretsFile, knownSecrets) {
  if (!existsSync(logFile)) return [`no app log at ${logFile}`];
  const log = readFileSync(logFile, "utf8");
  const seen = existsSync(secretsFile) ? readFileSync(secretsFile, "utf8").split("\n").filter((line) => line.length >= 8) : [];
  const problems = [];
  if (JWT.test(log)) problems.push("a JSON web token appears in the app log");
  for (const secret of [...knownSecrets, ...seen]) {
    if (log.includes(secret)) problems.push(`a recorded secret (${secret.slice(0, 4)}…, ${secret.length} chars) appears in the app log`);
  }
  return problems.length > 0 ? problems : [];
}

export function countRecordedSecrets(secretsFile) {
  return existsSync(secretsFile) ? readFileSync(secretsFile, "utf8").split("\n").filter((line) => line.length >= 8).length : 0;
}
