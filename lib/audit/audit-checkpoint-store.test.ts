import { appendFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { auditKey, signCheckpoint } from "@/lib/domain/audit-chain";
import { fileCheckpointStore } from "./audit-checkpoint-store";

const key = auditKey(Buffer.alloc(32, 5));
const folders: string[] = [];
function storeFile(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "stagegate-checkpoints-"));
  folders.push(dir);
  return path.join(dir, "nested", "audit-checkpoints.jsonl");
}

afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("the file checkpoint store", () => {
  it("appends one JSON line per checkpoint and reads them back in order", async () => {
    const file = storeFile();
    const store = fileCheckpointStore(file);
    expect(await store.latest()).toBeNull();
    expect(await store.readAll()).toEqual([]);
    const first = signCheckpoint(key, { seq: 3n, hash: "a".repeat(64) }, new Date("2026-12-03T09:00:00Z"));
    const second = signCheckpoint(key, { seq: 9n, hash: "b".repeat(64) }, new Date("2026-12-03T09:01:00Z"));
    await store.append(first);
    await store.append(second);
    expect(readFileSync(file, "utf8").split("\n")[0]).toBe(
      JSON.stringify({ seq: "3", hash: "a".repeat(64), at: "2026-12-03T09:00:00.000Z", keyId: key.id, mac: first.mac }),
    );
    expect(await store.latest()).toEqual(second);
    expect(await store.readAll()).toEqual([
      { line: 1, checkpoint: first },
      { line: 2, checkpoint: second },
    ]);
  });

  it("reports a line that does not read, with its number, instead of skipping it", async () => {
    const file = storeFile();
    const store = fileCheckpointStore(file);
    await store.append(signCheckpoint(key, { seq: 1n, hash: "c".repeat(64) }, new Date()));
    appendFileSync(file, '{"seq":"2","hash":"short"}\nnot json\n');
    expect(await store.readAll()).toMatchObject([{ line: 1 }, { line: 2, unreadable: "its hash or MAC is not 64 hex digits" }, { line: 3, unreadable: "it is not JSON" }]);
  });
});
