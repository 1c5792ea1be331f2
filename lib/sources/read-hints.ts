// Read hints: upstream identifiers MLflow never changes (a version's run, a run's experiment and
// parent, a finished run's metric keys) and the last seen endpoint names, kept in Stagegate's own
// PostgreSQL. A cold read recalls them (one local query) and fires the dependent upstream reads
// beside the primary one; it then checks the primary answer against the hint and reads again when
// they disagree, so a hint is only ever an optimisation: a wrong one costs a wasted call.
import type { Logger } from "pino";
import type { PrismaClient } from "@/lib/db/generated/client";

export interface ReadHints {
  /** The hints recorded under these keys (absent keys are left out); never throws. */
  recall(keys: readonly string[]): Promise<Map<string, unknown>>;
  /** Records a hint when it differs from what is known; not awaited by reads, never throws. */
  remember(key: string, value: unknown): Promise<void>;
}

/** The one naming of hint keys: the upstream and the id the hint describes. */
export const HINT_KEYS = {
  /** A version's run and that run's lineage: VersionRunHint. */
  versionRun: (model: string, version: string) => `mlflow:version-run:${model}:${version}`,
  /** The run ids of a model's newest versions (new versions add to them): string[]. */
  modelRuns: (model: string) => `mlflow:model-runs:${model}`,
  /** The version the champion alias last named, with its run (aliases move: checked on each read). */
  champion: (model: string) => `mlflow:champion:${model}`,
  runLineage: (runId: string) => `mlflow:run-lineage:${runId}`,
  /** A run's metric keys: final once it has ended, a running run may log more. */
  runMetricKeys: (runId: string) => `mlflow:run-metric-keys:${runId}`,
  endpointNames: "arm:endpoint-names",
} as const;

/** A run's experiment and parent (MLflow fixes both when the run is created). */
export interface RunLineageHint {
  experimentId: string;
  parentRunId: string | null;
}

/** A model version's run; its lineage is null while that run has not been read. */
export interface VersionRunHint {
  runId: string;
  lineage: RunLineageHint | null;
}

/** The version an alias named, and that version's run. */
export interface AliasHint {
  version: string;
  runId: string;
}

// Recalled values come from a table anyone with the runtime role can write: check their shape.
export function asString(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}

export function asStrings(value: unknown): string[] | null {
  return Array.isArray(value) && value.every((entry) => typeof entry === "string") ? (value as string[]) : null;
}

export function asRunLineage(value: unknown): RunLineageHint | null {
  if (typeof value !== "object" || value === null) return null;
  const { experimentId, parentRunId } = value as Record<string, unknown>;
  if (typeof experimentId !== "string" || (parentRunId !== null && typeof parentRunId !== "string")) return null;
  return { experimentId, parentRunId };
}

export function asVersionRun(value: unknown): VersionRunHint | null {
  if (typeof value !== "object" || value === null) return null;
  const { runId, lineage } = value as Record<string, unknown>;
  const checked = lineage === null ? null : asRunLineage(lineage);
  return typeof runId === "string" && runId !== "" && (lineage === null || checked) ? { runId, lineage: checked } : null;
}

export function asAlias(value: unknown): AliasHint | null {
  if (typeof value !== "object" || value === null) return null;
  const { version, runId } = value as Record<string, unknown>;
  return typeof version === "string" && typeof runId === "string" && runId !== "" ? { version, runId } : null;
}

/**
 * Starts `read(hinted)` at once; the returned function gives that read when the id the primary
 * read names is the hinted one, and otherwise reads the named id (the second wave a missing or
 * wrong hint costs). A speculative read nobody uses may fail unseen.
 */
export function hintedRead<T>(hinted: string | null | undefined, read: (id: string) => Promise<T>): (actual: string) => Promise<T> {
  const early = hinted ? read(hinted) : null;
  early?.catch(() => undefined);
  return (actual) => (early && actual === hinted ? early : read(actual));
}

const MEMO_LIMIT = 10_000;

/**
 * Hints in the read_hints table with an in-process memo in front: a key recalled or remembered
 * once is not queried again by this process, and remembering an unchanged value writes nothing.
 */
export class DatabaseReadHints implements ReadHints {
  private readonly memo = new Map<string, string>();

  constructor(
    private readonly db: () => Promise<Pick<PrismaClient, "readHint" | "$executeRaw">>,
    private readonly log: Pick<Logger, "warn">,
  ) {}

  async recall(keys: readonly string[]): Promise<Map<string, unknown>> {
    const found = new Map<string, unknown>();
    const missing: string[] = [];
    for (const key of new Set(keys)) {
      const known = this.memo.get(key);
      if (known === undefined) missing.push(key);
      else found.set(key, JSON.parse(known));
    }
    if (missing.length === 0) return found;
    try {
      const rows = await (await this.db()).readHint.findMany({ where: { key: { in: missing } }, select: { key: true, value: true } });
      for (const row of rows) {
        this.memorize(row.key, JSON.stringify(row.value));
        found.set(row.key, row.value);
      }
    } catch (error) {
      this.log.warn({ err: error, keys: missing }, "read hints could not be recalled; reading without them");
    }
    return found;
  }

  async remember(key: string, value: unknown): Promise<void> {
    const text = JSON.stringify(value);
    if (this.memo.get(key) === text) return;
    try {
      // Another replica may have recorded the same value: then the row is left as it is.
      await (await this.db()).$executeRaw`INSERT INTO read_hints (key, value) VALUES (${key}, ${text}::jsonb)
        ON CONFLICT (key) DO UPDATE SET value = excluded.value, recorded_at = now() WHERE read_hints.value IS DISTINCT FROM excluded.value`;
      this.memorize(key, text);
    } catch (error) {
      this.log.warn({ err: error, key }, "a read hint could not be recorded");
    }
  }

  private memorize(key: string, text: string): void {
    this.memo.delete(key);
    this.memo.set(key, text);
    // Oldest first in a Map: drop the least recently learnt beyond the bound.
    if (this.memo.size > MEMO_LIMIT) this.memo.delete(this.memo.keys().next().value!);
  }
}

/** Hints held in memory (tests, and code that has no database). */
export class MemoryReadHints implements ReadHints {
  readonly values = new Map<string, unknown>();
  readonly writes: string[] = [];

  recall(keys: readonly string[]): Promise<Map<string, unknown>> {
    return Promise.resolve(new Map(keys.filter((key) => this.values.has(key)).map((key) => [key, this.values.get(key)])));
  }

  remember(key: string, value: unknown): Promise<void> {
    if (JSON.stringify(this.values.get(key)) !== JSON.stringify(value)) {
      this.values.set(key, value);
      this.writes.push(key);
    }
    return Promise.resolve();
  }
}
