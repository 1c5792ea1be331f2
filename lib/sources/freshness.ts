// How old a page built from cached upstream reads is: as old as its oldest read, and stale when any
// read is the last good copy. The one freshness helper of the MLflow and ARM read pages.
import type { Cached } from "./read-cache";

export interface Freshness {
  /** ISO time of the oldest read the page used. */
  asOf: string;
  /** Why some of the data is the last good copy, when it is. */
  staleBecause?: string;
}

type Read = Pick<Cached<unknown>, "asOf" | "staleBecause">;

/** Reads not made (null, undefined) are left out; with no read at all, the page is as of `now`. */
export function freshnessOf(reads: readonly (Read | null | undefined)[], now: Date = new Date()): Freshness {
  const present = reads.filter((read): read is Read => Boolean(read));
  const oldest = present.reduce((min, read) => Math.min(min, read.asOf.getTime()), now.getTime());
  const staleBecause = present.find((read) => read.staleBecause)?.staleBecause;
  return staleBecause ? { asOf: new Date(oldest).toISOString(), staleBecause } : { asOf: new Date(oldest).toISOString() };
}
