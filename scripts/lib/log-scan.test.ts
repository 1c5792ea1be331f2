import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { scanLogsForSecrets } from "./log-scan.mjs";

describe("scanLogsForSecrets", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "stagegate-log-scan-"));
  const log = path.join(dir, "app.log");
  const seen = path.join(dir, "seen.txt");

  it("passes clean logs and flags a recorded secret, a known secret or any JWT", () => {
    writeFileSync(seen, "session-cookie-value-1234\n");
    writeFileSync(log, '{"msg":"sign-in refused","reason":"nonce_mismatch"}\n');
    expect(scanLogsForSecrets(log, seen, ["client-secret-abcdef"])).toEqual([]);

    writeFileSync(log, '{"msg":"oops","cookie":"session-cookie-value-1234"}\n');
    expect(scanLogsForSecrets(log, seen, [])).toHaveLength(1);
    writeFileSync(log, '{"msg":"client-secret-abcdef"}\n');
    expect(scanLogsForSecrets(log, seen, ["client-secret-abcdef"])).toHaveLength(1);
    writeFileSync(log, '{"token":"eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2ln"}\n');
    expect(scanLogsForSecrets(log, seen, [])[0]).toMatch(/JSON web token/);
  });
});
