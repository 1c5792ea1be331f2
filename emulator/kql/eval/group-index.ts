// Groups by a tuple of values without building a string key per row: one Map level per key,
// primitive values used as they are (Map keeps 1 and "1" apart), dynamic values by their JSON.
import type { Value } from "../ast";

interface Level<T> {
  primitives: Map<unknown, Level<T>>;
  /** Dynamic values by JSON text, apart from strings that happen to read the same. */
  objects: Map<unknown, Level<T>>;
  entry?: T;
}

const newLevel = <T>(): Level<T> => ({ primitives: new Map(), objects: new Map() });

export class GroupIndex<T> {
  private readonly root: Level<T> = newLevel();
  /** Entries in first-seen order. */
  readonly entries: T[] = [];

  /** The entry for these key values, created by `create` the first time they are seen. */
  get(keys: readonly Value[], create: () => T): T {
    let level = this.root;
    for (const value of keys) {
      const isObject = value !== null && typeof value === "object";
      const map = isObject ? level.objects : level.primitives;
      const key = isObject ? JSON.stringify(value) : value;
      let next = map.get(key);
      if (!next) {
        next = newLevel();
        map.set(key, next);
      }
      level = next;
    }
    if (level.entry === undefined) {
      level.entry = create();
      this.entries.push(level.entry);
    }
    return level.entry;
  }
}
