// Ids that must be unique across the whole estate (run ids, logged-model ids, commits). A seeded
// PRNG has only 32 bits of state, so at 100,000 runs two streams overlap and repeat each other's
// "random" ids; hashing a unique key (seed, what, ordinal) cannot repeat.
import { createHash } from "node:crypto";

/** `length` hex characters (even, at most 64) derived from the key parts. */
export function hexId(length: number, ...parts: (string | number)[]): string {
  return createHash("sha256")
    .update(parts.join("\u241f"))
    .digest()
    .subarray(0, length / 2)
    .toString("hex");
}
