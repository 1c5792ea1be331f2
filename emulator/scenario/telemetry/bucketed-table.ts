// A generated Log Analytics table: rows made per time bucket from the seed, on demand, for the
// buckets a scan covers, within the 30-day retention and never after now. Buckets that ended
// before they were generated are cached (a later traffic change cannot alter them).
import type { ColumnSchema, Row, Value } from "../../kql/ast";
import type { TableSource, TimeRange } from "../../kql/eval/table-source";
import { TIME_COLUMN } from "../../kql/eval/table-source";
import type { Clock } from "../clock";
import { DAY_MS, HOUR_MS } from "../clock";
import { LruCache } from "./lru-cache";

/** How far back every generated table holds data. */
export const RETENTION_MS = 30 * DAY_MS;

/** Hourly buckets of the small tables kept in memory: the last week or so, which dashboards ask for again and again. */
export const RECENT_HOURS_CACHED = 8 * 24;

export interface BucketedTableOptions {
  columns: readonly ColumnSchema[];
  clock: Clock;
  bucketMs: number;
  /** Rows of bucket b have TimeGenerated in [b, b + bucketMs + lagMs) (e.g. outcomes written days after the prediction). */
  lagMs?: number;
  /** Buckets kept in memory; 0 when the generator caches something cheaper itself. */
  cacheSize: number;
  /**
   * The rows of one bucket, deterministic for the seed and the fleet history before the bucket's end.
   * `columns`, when given, are the only ones read (others may be null); never given when caching.
   */
  generate(bucketStart: number, columns?: ReadonlySet<string>): Row[];
}

export class BucketedTable implements TableSource {
  readonly columns: readonly ColumnSchema[];
  private readonly cache: LruCache<number, Row[]>;
  private readonly timeIndex: number;

  constructor(private readonly options: BucketedTableOptions) {
    this.columns = options.columns;
    this.cache = new LruCache(options.cacheSize);
    this.timeIndex = options.columns.findIndex((column) => column.name === TIME_COLUMN);
    if (this.timeIndex < 0) throw new Error(`A generated table needs a ${TIME_COLUMN} column.`);
  }

  clearCache(): void {
    this.cache.clear();
  }

  /** Rows of one bucket, all of them (callers filter on time). */
  bucket(bucketStart: number, nowMs: number, columns?: ReadonlySet<string>): Row[] {
    const { bucketMs, lagMs = 0, cacheSize } = this.options;
    if (cacheSize === 0) return this.options.generate(bucketStart, columns);
    let rows = this.cache.get(bucketStart);
    if (!rows) {
      rows = this.options.generate(bucketStart);
      if (bucketStart + bucketMs + lagMs <= nowMs) this.cache.set(bucketStart, rows);
    }
    return rows;
  }

  *scan(range: TimeRange, columns?: ReadonlySet<string>): Iterable<Row> {
    const { bucketMs, lagMs = 0 } = this.options;
    const nowMs = this.options.clock.now().getTime();
    const from = Math.max(range.from, nowMs - RETENTION_MS);
    const to = Math.min(range.to, nowMs);
    if (from > to) return;
    const first = Math.floor((from - lagMs) / bucketMs) * bucketMs;
    for (let bucketStart = first; bucketStart <= to; bucketStart += bucketMs) {
      for (const row of this.bucket(bucketStart, nowMs, columns)) {
        const time = row[this.timeIndex] as number;
        if (time >= from && time <= to) yield row;
      }
    }
  }
}

/** A row in the table's column order from values by column name; every column must have one. */
export function rowFor(columns: readonly ColumnSchema[], values: Readonly<Record<string, Value>>): Row {
  return columns.map((column) => {
    if (!(column.name in values)) throw new Error(`No value for column ${column.name}.`);
    return values[column.name]!;
  });
}

/**
 * A small monitoring table sampled at a fixed period (queue monitors, freshness probes): hourly
 * buckets holding one sample every `everyMs`, starting `offsetMs` into the hour.
 */
export function periodicSampleTable(options: {
  columns: readonly ColumnSchema[];
  clock: Clock;
  everyMs: number;
  offsetMs: number;
  rowsAt: (sampleMs: number) => Row[];
}): BucketedTable {
  return new BucketedTable({
    columns: options.columns,
    clock: options.clock,
    bucketMs: HOUR_MS,
    cacheSize: RECENT_HOURS_CACHED,
    generate(hourStart) {
      const rows: Row[] = [];
      for (let sample = hourStart + options.offsetMs; sample < hourStart + HOUR_MS; sample += options.everyMs) rows.push(...options.rowsAt(sample));
      return rows;
    },
  });
}
