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

export class OperationTracker {
  private operations = new Map<string, Operation>();
  private sequence = 0;

  constructor(private readonly context: EmulatorContext) {}

  /** Registers work to finish later; returns the id used in the operation URLs. */
  start(resultPath: string, complete: () => void): string {
    this.sequence += 1;
    const id = `${this.context.options.seed.replace(/[^a-z0-9]/gi, "").slice(0, 12)}-op-${this.sequence}`;
    const operation: Operation = { id, startedAt: Date.now(), done: false, polls: 0, complete, resultPath };
    this.operations.set(id, operation);
    setTimeout(() => this.finish(operation), SELF_COMPLETE_MS).unref();
    return id;
  }

  private finish(operation: Operation): void {
    if (operation.done) return;
    operation.done = true;
    operation.complete();
  }

  /** One poll of the operation: in progress the first time, finished from the second on. */
  poll(id: string): Operation | undefined {
    const operation = this.operations.get(id);
    if (!operation) return undefined;
    operation.polls += 1;
    if (operation.polls >= 2) this.finish(operation);
    return operation;
  }

  finishAll(): void {
    for (const operation of this.operations.values()) this.finish(operation);
  }

  reset(): void {
    this.finishAll();
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
