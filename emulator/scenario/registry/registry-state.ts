// What clients changed since the start (or the last reset): aliases, tags and descriptions. The
// generated records stay untouched; a changed record is stored here whole, so reset() only has to
// forget the overlay, and large-scale memory grows with mutations, not with the estate.
import type { KeyValue, ModelAlias } from "./records";

export class ChangedRecords<T> {
  private readonly changed = new Map<string, T>();

  get size(): number {
    return this.changed.size;
  }

  read(key: string, base: T): T {
    return this.changed.get(key) ?? base;
  }

  update(key: string, base: T, change: (current: T) => T): T {
    const updated = change(this.read(key, base));
    this.changed.set(key, updated);
    return updated;
  }

  clear(): void {
    this.changed.clear();
  }
}

/** Sets a tag in place when the key exists (MLflow keeps one value per key), else appends it. */
export function withTag(tags: readonly KeyValue[], key: string, value: string): KeyValue[] {
  return tags.some((tag) => tag.key === key) ? tags.map((tag) => (tag.key === key ? { key, value } : tag)) : [...tags, { key, value }];
}

export function withoutTag(tags: readonly KeyValue[], key: string): KeyValue[] {
  return tags.filter((tag) => tag.key !== key);
}

/** Points an alias at a version; an existing alias moves. Kept sorted by alias name. */
export function withAlias(aliases: readonly ModelAlias[], alias: string, version: string): ModelAlias[] {
  return [...withoutAlias(aliases, alias), { alias, version }].sort((left, right) => (left.alias < right.alias ? -1 : 1));
}

export function withoutAlias(aliases: readonly ModelAlias[], alias: string): ModelAlias[] {
  return aliases.filter((entry) => entry.alias !== alias);
}
