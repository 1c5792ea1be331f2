// Deterministic randomness: every value comes from the seed and a key naming what it is for, so
// data generated lazily (a time bucket, a run) is the same whenever and in whatever order it is asked.
import { createHash } from "node:crypto";

/** A 32-bit hash of the seed and the key parts. */
export function hash32(...parts: (string | number)[]): number {
  return createHash("sha256").update(parts.join("\u241f")).digest().readUInt32LE(0);
}

/** A seeded PRNG (mulberry32) for one stream of values. */
export class SeededRandom {
  private state: number;

  constructor(...keyParts: (string | number)[]) {
    this.state = hash32(...keyParts) || 1;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  between(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  int(min: number, maxInclusive: number): number {
    return Math.floor(this.between(min, maxInclusive + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  /** Standard normal (Box–Muller). */
  normal(mean = 0, sd = 1): number {
    const u = 1 - this.next();
    const v = this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** A hex id of the given length, e.g. for run ids. */
  hex(length: number): string {
    let out = "";
    while (out.length < length) out += Math.floor(this.next() * 16).toString(16);
    return out;
  }

  /** A GUID-shaped id. */
  guid(): string {
    const h = this.hex(32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
}
