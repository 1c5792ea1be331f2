// What clients changed in the scenario (traffic set through ARM and the operations applying it,
// aliases, tags and descriptions set through MLflow, the candidate's behaviour), kept in
// <dataDir>/state.json so that a restarted emulator never contradicts what its clients recorded.
// Only the changes are stored, never generated data; each part of the scenario that clients can
// change registers a section. The file is rewritten whole (temporary file, fsync, rename) after
// every change: changes are rare and the file is small, so nothing waits on a flush at shutdown.
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from "node:fs";
import { z } from "zod";

export const STATE_FILE = "state.json";
const FORMAT = "stagegate-emulator-state/1";

/** One part of the scenario's client-made changes, stored under its name in the file. */
export interface StateSection<T> {
  readonly name: string;
  /** Checks what the file holds for this section before anything is restored. */
  readonly schema: z.ZodType<T>;
  /** The changes to store, or undefined when there are none. */
  snapshot(): T | undefined;
  /** Re-applies stored changes to the generated scenario, skipping any that no longer fit it. */
  restore(changes: T): void;
  /** Back to the generated scenario (used when a restore fails half-way). */
  reset(): void;
}

const envelope = z.object({
  format: z.literal(FORMAT),
  seed: z.string(),
  scale: z.string(),
  sections: z.record(z.string(), z.unknown()),
});

function reasonOf(error: unknown): string {
  if (error instanceof z.ZodError) return `unexpected content at ${error.issues[0]?.path.join(".") || "the top level"}: ${error.issues[0]?.message}`;
  return error instanceof Error ? error.message : String(error);
}

export class StateStore {
  private readonly sections: StateSection<unknown>[] = [];
  private restoring = false;
  private closed = false;
  private lastSaveFailed = false;
  /** Whether load() brought back changes from an earlier run. */
  restored = false;

  /**
   * @param file where the state lives; undefined keeps every change in memory only (tests that
   *   need a pristine emulator, EMULATOR_PERSIST_STATE=false).
   */
  constructor(
    readonly file: string | undefined,
    private readonly scenario: { seed: string; scale: string },
    private readonly log: (line: string) => void = (line) => console.warn(line),
  ) {}

  register<T>(section: StateSection<T>): void {
    if (this.sections.some((known) => known.name === section.name)) throw new Error(`State section ${section.name} is registered twice.`);
    this.sections.push(section as StateSection<unknown>);
  }

  /**
   * Restores the stored changes into the registered sections. A file that cannot be read, is not
   * this format, or was made for another seed or scale is set aside as state.json.bad, with one
   * line saying so, and the emulator starts from the scenario.
   */
  load(): void {
    const file = this.file;
    if (!file) return;
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
      this.setAside(file, reasonOf(error));
      return;
    }
    let parsed: { section: StateSection<unknown>; changes: unknown }[];
    try {
      const stored = envelope.parse(JSON.parse(text));
      if (stored.seed !== this.scenario.seed || stored.scale !== this.scenario.scale) {
        throw new Error(`it was made for seed "${stored.seed}" at scale ${stored.scale}, not seed "${this.scenario.seed}" at scale ${this.scenario.scale}`);
      }
      parsed = this.sections.flatMap((section) => {
        const raw = stored.sections[section.name];
        if (raw === undefined) return [];
        const checked = section.schema.safeParse(raw);
        if (!checked.success) throw new Error(`section ${section.name}: ${reasonOf(checked.error)}`);
        return [{ section, changes: checked.data }];
      });
    } catch (error) {
      this.setAside(file, reasonOf(error));
      return;
    }
    this.restoring = true;
    try {
      for (const { section, changes } of parsed) section.restore(changes);
      this.restored = parsed.length > 0;
    } catch (error) {
      for (const section of this.sections) section.reset();
      this.setAside(file, `restoring it failed: ${reasonOf(error)}`);
    } finally {
      this.restoring = false;
    }
  }

  /** Call after every client-made change: writes the whole state, atomically. */
  changed(): void {
    const file = this.file;
    if (!file || this.restoring || this.closed) return;
    const sections: Record<string, unknown> = {};
    for (const section of this.sections) {
      const changes = section.snapshot();
      if (changes !== undefined) sections[section.name] = changes;
    }
    try {
      if (Object.keys(sections).length === 0) {
        rmSync(file, { force: true });
      } else {
        const content = `${JSON.stringify({ format: FORMAT, seed: this.scenario.seed, scale: this.scenario.scale, sections }, null, 2)}\n`;
        const temporary = `${file}.${process.pid}.tmp`;
        const descriptor = openSync(temporary, "w", 0o600);
        try {
          writeSync(descriptor, content);
          fsyncSync(descriptor);
        } finally {
          closeSync(descriptor);
        }
        renameSync(temporary, file);
      }
      this.lastSaveFailed = false;
    } catch (error) {
      // The change is served anyway; say once (until a save works again) that it will not last.
      if (!this.lastSaveFailed) this.log(`emulator: could not save its state to ${file} (${reasonOf(error)}); changes are served but will not survive a restart`);
      this.lastSaveFailed = true;
    }
  }

  /** The control API's reset: forget the stored changes (the sections reset themselves). */
  clear(): void {
    if (!this.file || this.closed) return;
    rmSync(this.file, { force: true });
  }

  /** A stopped emulator writes no more (work it had in flight resumes in the next one). */
  close(): void {
    this.closed = true;
  }

  private setAside(file: string, reason: string): void {
    let kept = `kept it as ${file}.bad`;
    try {
      rmSync(`${file}.bad`, { recursive: true, force: true });
      renameSync(file, `${file}.bad`);
    } catch (error) {
      kept = `could not set it aside either: ${reasonOf(error)}`;
    }
    this.log(`emulator: ignored its saved state ${file} (${reason}); ${kept} and started from the scenario`);
  }
}
