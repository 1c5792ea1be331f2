import "server-only";
import { mkdir, open, readFile } from "node:fs/promises";
import path from "node:path";
import type { AppConfig } from "@/lib/config";
import type { AuditCheckpoint } from "@/lib/domain/audit-chain";

/** One line of the store: a checkpoint, or what could not be read from it (reported, never skipped). */
export type StoredCheckpoint = { line: number; checkpoint: AuditCheckpoint } | { line: number; unreadable: string };

/**
 * Where signed checkpoints of the audit chain's head are kept, outside the database: whoever owns
 * the database must not be able to rewrite them. Append-only by contract.
 */
export interface AuditCheckpointStore {
  /** Where the checkpoints are, for messages. */
  readonly location: string;
  append(checkpoint: AuditCheckpoint): Promise<void>;
  /** The newest checkpoint, or null when none was written (or the newest line does not read). */
  latest(): Promise<AuditCheckpoint | null>;
  /** Every line in the order written. */
  readAll(): Promise<StoredCheckpoint[]>;
}

/** The demo's store: DATA_DIR/audit-checkpoints.jsonl. */
export const CHECKPOINT_FILE = "audit-checkpoints.jsonl";

export function auditCheckpointStoreFor(config: Pick<AppConfig, "DATA_DIR">): AuditCheckpointStore {
  return fileCheckpointStore(path.resolve(/*turbopackIgnore: true*/ config.DATA_DIR, CHECKPOINT_FILE));
}

const HEX64 = /^[0-9a-f]{64}$/;

function toLine(checkpoint: AuditCheckpoint): string {
  const { seq, hash, at, keyId, mac } = checkpoint;
  return `${JSON.stringify({ seq: seq.toString(), hash, at: at.toISOString(), keyId, mac })}\n`;
}

function fromLine(text: string): AuditCheckpoint | string {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return "it is not JSON";
  }
  const { seq, hash, at, keyId, mac } = (raw ?? {}) as Record<string, unknown>;
  if (typeof seq !== "string" || !/^\d{1,19}$/.test(seq)) return "its seq is not a number";
  if (typeof hash !== "string" || !HEX64.test(hash) || typeof mac !== "string" || !HEX64.test(mac)) return "its hash or MAC is not 64 hex digits";
  if (typeof at !== "string" || Number.isNaN(Date.parse(at)) || typeof keyId !== "string") return "its time or key id is missing";
  return { seq: BigInt(seq), hash, at: new Date(at), keyId, mac };
}

/**
 * JSON lines, one checkpoint each, appended and flushed to disk. Protects against someone who
 * can write the database but not this file; on Azure an immutable Blob container plays this part
 * (README, "Registry, promotions and the audit trail").
 */
export function fileCheckpointStore(file: string): AuditCheckpointStore {
  const readLines = async (): Promise<string[]> => {
    try {
      return (await readFile(/*turbopackIgnore: true*/ file, "utf8")).split("\n");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw error;
    }
  };
  return {
    location: file,
    async append(checkpoint) {
      await mkdir(/*turbopackIgnore: true*/ path.dirname(file), { recursive: true });
      const handle = await open(/*turbopackIgnore: true*/ file, "a");
      try {
        await handle.write(toLine(checkpoint));
        await handle.datasync();
      } finally {
        await handle.close();
      }
    },
    async latest() {
      // Read once per process by the writer, which remembers what it appends after that.
      const last = (await readLines()).filter((line) => line.trim() !== "").at(-1);
      if (last === undefined) return null;
      const parsed = fromLine(last);
      return typeof parsed === "string" ? null : parsed;
    },
    async readAll() {
      const stored: StoredCheckpoint[] = [];
      (await readLines()).forEach((text, index) => {
        if (text.trim() === "") return;
        const parsed = fromLine(text);
        stored.push(typeof parsed === "string" ? { line: index + 1, unreadable: parsed } : { line: index + 1, checkpoint: parsed });
      });
      return stored;
    },
  };
}
