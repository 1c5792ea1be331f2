// What clients changed since the start (or the last reset): aliases, tags and descriptions. The
// generated records stay untouched; a changed record is stored here whole, so reset() only has to
// forget the overlay, and large-scale memory grows with mutations, not with the estate. The same
// changes, reduced to what clients set or deleted, are what state.json keeps across restarts.
import { z } from "zod";
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

/** What a client set (a value) or deleted (null), in the order it first touched each key. */
type Edits = Map<string, string | null>;

const tagEdits = z.array(z.object({ key: z.string(), value: z.string().nullable() }));
const aliasEdits = z.array(z.object({ alias: z.string(), version: z.string().nullable() }));

/** The registry's client-made changes as state.json holds them: only what clients set or deleted. */
export const registryChangesSchema = z.object({
  models: z.array(z.object({ name: z.string(), aliases: aliasEdits.optional(), tags: tagEdits.optional() })),
  versions: z.array(
    z.object({
      name: z.string(),
      version: z.string(),
      tags: tagEdits.optional(),
      description: z.object({ value: z.string().nullable(), at: z.number().int() }).optional(),
    }),
  ),
});
export type RegistryChanges = z.infer<typeof registryChangesSchema>;

interface ModelEdits {
  aliases: Edits;
  tags: Edits;
}
interface VersionEdits {
  name: string;
  version: string;
  tags: Edits;
  description?: { value: string | null; at: number };
}

/**
 * The registry's mutations reduced to their end result per key, for saving (the overlay,
 * ChangedRecords, is what serves them). A key set again after it was deleted moves to the end, so
 * that tags clients added come back in the order they were added.
 */
export class RegistryEdits {
  private readonly models = new Map<string, ModelEdits>();
  private readonly versions = new Map<string, VersionEdits>();

  private model(name: string): ModelEdits {
    let edits = this.models.get(name);
    if (!edits) this.models.set(name, (edits = { aliases: new Map(), tags: new Map() }));
    return edits;
  }

  private version(key: string, name: string, version: string): VersionEdits {
    let edits = this.versions.get(key);
    if (!edits) this.versions.set(key, (edits = { name, version, tags: new Map() }));
    return edits;
  }

  private static record(edits: Edits, key: string, value: string | null): void {
    if (edits.get(key) === null) edits.delete(key);
    edits.set(key, value);
  }

  modelTag(name: string, key: string, value: string | null): void {
    RegistryEdits.record(this.model(name).tags, key, value);
  }

  alias(name: string, alias: string, version: string | null): void {
    RegistryEdits.record(this.model(name).aliases, alias, version);
  }

  versionTag(versionKey: string, name: string, version: string, key: string, value: string | null): void {
    RegistryEdits.record(this.version(versionKey, name, version).tags, key, value);
  }

  description(versionKey: string, name: string, version: string, value: string | null, at: number): void {
    this.version(versionKey, name, version).description = { value, at };
  }

  clear(): void {
    this.models.clear();
    this.versions.clear();
  }

  toJson(): RegistryChanges | undefined {
    if (this.models.size === 0 && this.versions.size === 0) return undefined;
    const tags = (edits: Edits) => (edits.size > 0 ? [...edits].map(([key, value]) => ({ key, value })) : undefined);
    const aliases = (edits: Edits) => (edits.size > 0 ? [...edits].map(([alias, version]) => ({ alias, version })) : undefined);
    return {
      models: [...this.models].map(([name, edits]) => ({ name, aliases: aliases(edits.aliases), tags: tags(edits.tags) })),
      versions: [...this.versions.values()].map((edits) => ({ name: edits.name, version: edits.version, tags: tags(edits.tags), description: edits.description })),
    };
  }
}
