// ARM long-running operations: a status URL (Azure-AsyncOperation) and a result URL (Location).
// The first poll reports the work in progress; the second completes it (Retry-After: 0, so tests
// never wait). Work also completes on its own shortly after, for clients that only GET the resource.
import type { EmulatorContext } from "../../context";

interface Operation {
  id: string;
  startedAt: number;
  done: boolean;
  polls: number;
  complete: () => void;
  resultPath: string;
}

const SELF_COMPLETE_MS = 1500;
const MAX_REMEMBERED = 500;

export class OperationTracker {
  private operations = new Map<string, Operation>();
  private sequence = 0;

  constructor(private readonly context: EmulatorContext) {}

  /** Registers work to finish later; returns the id used in the operation URLs. */
  start(resultPath: string, complete: () => void): string {
    this.sequence += 1;
    const id = `${this.context.options.seed.replace(/[^a-z0-9]/gi, "").slice(0, 12)}-op-${this.sequence}`;
    const operation: Operation = { id, startedAt: this.context.clock.now().getTime(), done: false, polls: 0, complete, resultPath };
    this.operations.set(id, operation);
    setTimeout(() => this.finish(operation), SELF_COMPLETE_MS).unref();
    return id;
  }

  private finish(operation: Operation): void {
    if (operation.done) return;
    operation.done = true;
    operation.complete();
    this.forgetOldOperations();
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

  statusUrl(id: string): string {
    const { subscriptionId, location } = this.context.identity;
    return `${this.context.urls.arm}/subscriptions/${subscriptionId}/providers/Microsoft.MachineLearningServices/locations/${location}/mfeOperationsStatus/${id}?api-version=2024-10-01`;
  }

  resultUrl(id: string): string {
    const { subscriptionId, location } = this.context.identity;
    return `${this.context.urls.arm}/subscriptions/${subscriptionId}/providers/Microsoft.MachineLearningServices/locations/${location}/mfeOperationResults/${id}?api-version=2024-10-01`;
  }
}
