// ARM long-running operations: a status URL (Azure-AsyncOperation) and a result URL (Location).
// The first poll reports the work in progress; the second completes it (Retry-After: 0, so tests
// never wait). Work also completes on its own shortly after, for clients that only GET the resource.
// Operations are client-made state: saved with the rest, so that work accepted before a restart
// still completes after it (as ARM's would) and its URLs still answer.
import { z } from "zod";
import type { EmulatorContext } from "../../context";
import type { StateSection } from "../../state-store";

const trafficMap = z.record(z.string(), z.number().int().min(0).max(100));

/** What an operation does when it completes, as data so that it can be saved and resumed. */
export const operationWork = z.discriminatedUnion("kind", [
  /** A PUT of the whole endpoint: its traffic, mirror traffic and tags. */
  z.object({ kind: z.literal("endpoint-put"), endpoint: z.string(), traffic: trafficMap, mirrorTraffic: trafficMap, tags: z.record(z.string(), z.string()).optional() }),
  /** A PATCH of the endpoint's tags. */
  z.object({ kind: z.literal("endpoint-patch"), endpoint: z.string(), tags: z.record(z.string(), z.string()).optional() }),
]);
export type OperationWork = z.infer<typeof operationWork>;

/** Carries work out: `begin` when accepted (or resumed after a restart), `complete` when it finishes. */
export interface OperationPerformer {
  /** False when the work no longer fits the scenario (a resumed operation is then dropped). */
  begin(work: OperationWork): boolean;
  complete(work: OperationWork): void;
}

interface Operation {
  id: string;
  startedAt: number;
  done: boolean;
  polls: number;
  work: OperationWork;
  resultPath: string;
}

const savedOperations = z.object({
  sequence: z.number().int().min(0),
  operations: z.array(z.object({ id: z.string(), startedAt: z.number(), done: z.boolean(), resultPath: z.string(), work: operationWork })),
});
type SavedOperations = z.infer<typeof savedOperations>;

const SELF_COMPLETE_MS = 1500;
const MAX_REMEMBERED = 500;
/** Finished operations kept in state.json, so a client polling across a restart still gets its answer. */
const MAX_SAVED_DONE = 50;

export class OperationTracker {
  private operations = new Map<string, Operation>();
  private sequence = 0;

  constructor(
    private readonly context: EmulatorContext,
    private readonly performer: OperationPerformer,
  ) {
    context.state.register(this.stateSection());
  }

  /** Begins work that finishes later; returns the id used in the operation URLs. */
  start(resultPath: string, work: OperationWork): string {
    this.sequence += 1;
    const id = `${this.context.options.seed.replace(/[^a-z0-9]/gi, "").slice(0, 12)}-op-${this.sequence}`;
    this.performer.begin(work);
    this.track({ id, startedAt: this.context.clock.now().getTime(), done: false, polls: 0, work, resultPath });
    this.context.state.changed();
    return id;
  }

  private track(operation: Operation): void {
    this.operations.set(operation.id, operation);
    if (!operation.done) setTimeout(() => this.finish(operation), SELF_COMPLETE_MS).unref();
  }

  private finish(operation: Operation): void {
    if (operation.done) return;
    operation.done = true;
    this.performer.complete(operation.work);
    this.forgetOldOperations();
    this.context.state.changed();
  }

  /** Finished operations stay pollable for a while, then go, so the map stays small. */
  private forgetOldOperations(): void {
    if (this.operations.size <= MAX_REMEMBERED) return;
    for (const [id, operation] of this.operations) {
      if (this.operations.size <= MAX_REMEMBERED / 2) break;
      if (operation.done) this.operations.delete(id);
    }
  }

  /** One poll of the operation: in progress the first time, finished from the second on. */
  poll(id: string): Operation | undefined {
    const operation = this.operations.get(id);
    if (!operation) return undefined;
    operation.polls += 1;
    if (operation.polls >= 2) this.finish(operation);
    return operation;
  }

  /** A reset drops work in flight: completing it would re-apply old traffic to the fresh fleet. */
  reset(): void {
    for (const operation of this.operations.values()) operation.done = true;
    this.operations.clear();
  }

  private stateSection(): StateSection<SavedOperations> {
    return {
      name: "armOperations",
      schema: savedOperations,
      snapshot: () => {
        if (this.operations.size === 0) return undefined;
        const all = [...this.operations.values()];
        const done = all.filter((operation) => operation.done).slice(-MAX_SAVED_DONE);
        const kept = new Set([...done, ...all.filter((operation) => !operation.done)]);
        return {
          sequence: this.sequence,
          operations: all.filter((operation) => kept.has(operation)).map(({ id, startedAt, done, resultPath, work }) => ({ id, startedAt, done, resultPath, work })),
        };
      },
      restore: (saved) => {
        this.sequence = Math.max(this.sequence, saved.sequence);
        for (const { id, startedAt, done, resultPath, work } of saved.operations) {
          // Work in flight at the stop resumes: the endpoint is Updating again until it completes.
          if (!done && !this.performer.begin(work)) continue;
          this.track({ id, startedAt, done, polls: 0, work, resultPath });
        }
      },
      reset: () => this.reset(),
    };
  }

  statusUrl(id: string): string {
    const { subscriptionId, location } = this.context.identity;
    return `${this.context.urls.arm}/subscriptions/${subscriptionId}/providers/Microsoft.MachineLearningServices/locations/${location}/mfeOperationsStatus/${id}?api-version=2024-10-01`;
  }

  resultUrl(id: string): string {
    const { subscriptionId, location } = this.context.identity;
    return `${this.context.urls.arm}/subscriptions/${subscriptionId}/providers/Microsoft.MachineLearningServices/locations/${location}/mfeOperationResults/${id}?api-version=2024-10-01`;
  }
}
