// Counts the upstream round trips a verb waits for one after another (what the pages bench calls
// its depth), without clocks: the answers of the wrapped fakes are held, and released in waves, each
// wave every answer pending once the verb has nothing else to do. Calls issued side by side go in one
// wave; a call that needed another's answer goes in a later one.

type Pending = () => void;

export class RoundTrips {
  private pending: Pending[] = [];
  /** Calls per wave, as `method` names. */
  readonly waves: string[][] = [];

  /** The fake with the answer of every asynchronous method held until its wave. */
  wrap<Client extends object>(client: Client, name = "upstream"): Client {
    return new Proxy(client, {
      get: (target, property, receiver) => {
        const value = Reflect.get(target, property, receiver);
        if (typeof value !== "function") return value;
        return (...args: unknown[]) => {
          const result: unknown = value.apply(target, args);
          // Plain (synchronous) methods answer at once: only answers that are awaited make round trips.
          if (!(result instanceof Promise)) return result;
          result.catch(() => undefined); // observed when released
          return new Promise((resolve, reject) => {
            this.pending.push(() => {
              this.waves.at(-1)!.push(`${name}.${String(property)}`);
              result.then(resolve, reject);
            });
          });
        };
      },
    });
  }

  /** Runs the work to its end; `depth` is the number of waves it waited for. */
  async run<T>(work: () => Promise<T>): Promise<{ value: T; depth: number }> {
    let settled: { value: T } | { error: unknown } | null = null;
    work().then(
      (value) => (settled = { value }),
      (error: unknown) => (settled = { error }),
    );
    for (;;) {
      await idle();
      if (this.pending.length === 0) break;
      const wave = this.pending;
      this.pending = [];
      this.waves.push([]);
      for (const release of wave) release();
    }
    const outcome = settled as { value: T } | { error: unknown } | null;
    if (!outcome) throw new Error("The work waits on something other than the wrapped upstreams.");
    if ("error" in outcome) throw outcome.error;
    return { value: outcome.value, depth: this.waves.length };
  }
}

/** Lets every promise chain that can advance do so (a few macrotask turns). */
async function idle(): Promise<void> {
  for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setImmediate(resolve));
}
