// A page built from several cached reads is as old as its oldest read, and stale if any read is.
import type { Cached } from "@/lib/sources/read-cache";

export interface Freshness {
  /** ISO time of the oldest read the page used. */
  asOf: string;
  /** Why some of the data is the last good copy, when it is. */
  staleBecause?: string;
}

export function freshnessOf(reads: readonly (Cached<unknown> | null | undefined)[], now: Date = new Date()): Freshness {
  const present = reads.filter((read): read is Cached<unknown> => Boolean(read));
  const oldest = present.reduce((min, read) => (read.asOf.getTime() < min ? read.asOf.getTime() : min), now.getTime());
  const staleBecause = present.find((read) => read.staleBecause)?.staleBecause;
  return staleBecause ? { asOf: new Date(oldest).toISOString(), staleBecause } : { asOf: new Date(oldest).toISOString() };
}
